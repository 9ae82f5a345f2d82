"""The benchmark suite: every part in one run, one markdown report.

    python -m benchmarks                      # all five parts (about 5 minutes on 2 cores)
    python -m benchmarks --quick              # smaller sizes, fewer repeats (about 1 minute)
    python -m benchmarks --only scale,limit   # some parts

Parts: queues (own machinery against Ciw and SimPy), limit (a baseline run against a bare
heapq loop, and where the time goes), scale (time and memory against the number of
inhabitants), sweep (2 workers against 1), step (one weekly step of the live app). Each part
is also runnable alone: ``python -m benchmarks.bench_<part>``.

Writes ``results/benchmarks/README.md``. Timings live there and in docs/performance.md, never
in the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
import time

from benchmarks.common import OUT, checks_table, load_average, machine_info, table, write

PARTS = {  # key: module
    "queues": "benchmarks.bench_queues",
    "limit": "benchmarks.bench_limit",
    "scale": "benchmarks.bench_scale",
    "sweep": "benchmarks.bench_sweep",
    "step": "benchmarks.bench_step",
}


def parse(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks",
                                 description="Run the benchmark suite and write "
                                             f"{OUT}/README.md.")
    ap.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    ap.add_argument("--only", metavar="PARTS",
                    help=f"comma-separated parts out of {', '.join(PARTS)} (default: all)")
    ap.add_argument("--out", default="README.md", metavar="FILE",
                    help=f"file name inside {OUT}/ (default README.md)")
    a = ap.parse_args(argv)
    a.parts = list(PARTS) if not a.only else [p.strip() for p in a.only.split(",") if p.strip()]
    unknown = [p for p in a.parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return a


def report(parts, args, started: str, loads: tuple[str, str], seconds: float) -> str:
    checks = [c for p in parts for c in p.checks]
    command = "python -m benchmarks" + (" --quick" if args.quick else "") + (
        f" --only {','.join(args.parts)}" if args.only else "")
    lines = [
        "# Benchmarks",
        "",
        f"`{command}`, started {started}, took {seconds / 60:.1f} minutes.",
        "",
        table(["", ""], machine_info() + [["Load average (1, 5, 15 min)",
                                           f"{loads[0]} at the start, {loads[1]} at the end"]]),
        "",
        "Wall times depend on what else the machine is doing; CPU times and event counts less "
        "so.",
        "",
        "## Targets",
        "",
        checks_table(checks),
        "",
    ]
    lines += [p.section() for p in parts]
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse(argv)
    started = dt.datetime.now().isoformat(timespec="seconds")
    load0 = load_average()
    t0 = time.perf_counter()
    parts = []
    for key in args.parts:
        print(f"[benchmarks] {key} ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        part = importlib.import_module(PARTS[key]).part(quick=args.quick)
        print(f"[benchmarks] {key} done in {time.perf_counter() - t:.0f} s", file=sys.stderr,
              flush=True)
        parts.append(part)
    text = report(parts, args, started, (load0, load_average()), time.perf_counter() - t0)
    path = write(args.out, text)
    print(text)
    print(f"written to {path}", file=sys.stderr)
    failed = [c for p in parts for c in p.checks if c.passed is False]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
