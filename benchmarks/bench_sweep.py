"""Benchmark part 4: a small sweep on 1 worker and on 2 workers.

    python -m benchmarks.bench_sweep [--quick]

Runs a temporary experiment (baseline and fixed director, a smaller town, fewer years)
through ``sim sweep`` twice, into separate stores, and checks that both give the same
summaries. Wall time includes starting the worker processes. Writes
``results/benchmarks/sweep.md``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import Check, Part, load_average, standalone, table

EXPERIMENT = """\
name = "bench-sweep"
description = "Benchmark: a small sweep."
seed = 8
replicates = {replicates}
scenarios = ["baseline", "fixed-director"]

[fixed]
"region.inhabitants" = {inhabitants}
"run.years" = {years}
"""
MIN_SPEEDUP = 1.3
VOLATILE = ("seconds", "worker", "session", "finished")  # differ between any two sweeps


def sweep(experiment: Path, results: Path, workers: int) -> float:
    """Wall seconds of ``sim sweep EXPERIMENT --workers N`` (in this process)."""
    import argparse as ap

    from sim.analysis import sweep as sweep_cli

    parser = ap.ArgumentParser()
    sweep_cli.register(parser.add_subparsers())
    args = parser.parse_args(["sweep", str(experiment), "--workers", str(workers),
                              "--results", str(results), "--quiet"])
    t0 = time.perf_counter()
    status = args.func(args)
    seconds = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"sim sweep --workers {workers} ended with status {status}")
    return seconds


def part(quick: bool = False) -> Part:
    from sim.analysis.store import load_results

    replicates, inhabitants, years = (3, 15_000, 1.0) if quick else (6, 27_500, 2.0)
    load = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        exp = tmp / "bench-sweep.toml"
        exp.write_text(EXPERIMENT.format(replicates=replicates, inhabitants=inhabitants,
                                         years=years), encoding="utf-8")
        times, frames = {}, {}
        for workers in (1, 2):
            times[workers] = sweep(exp, tmp / f"w{workers}", workers)
            df = load_results("bench-sweep", tmp / f"w{workers}")
            frames[workers] = df.drop(columns=[c for c in VOLATILE if c in df.columns])
    runs = len(frames[1])
    same = frames[1].equals(frames[2])
    ok = (frames[1]["status"] == "ok").all() and (frames[2]["status"] == "ok").all()
    speedup = times[1] / times[2]
    rows = [[w, runs, f"{times[w]:.1f}", f"{times[w] / runs:.2f}", f"{times[1] / times[w]:.2f}"]
            for w in (1, 2)]
    md = "\n".join([
        f"`sim sweep` of {runs} runs (baseline and fixed director, {replicates} replicates each, "
        f"{inhabitants:,} inhabitants, 1 warm-up year + {years:g} measured years), once with "
        f"`--workers 1` and once with `--workers 2`, each into a fresh store. "
        f"This machine has {os.cpu_count()} logical cores; load average at the start {load} "
        "(with other work on the machine, two workers cannot both have a core).",
        "",
        table(["workers", "runs", "wall s", "s per run", "speed-up"], rows),
        "",
        f"Summaries of the two sweeps identical: **{'yes' if same else 'no'}** "
        "(every stored metric of every run; run times and worker names aside).",
    ])
    judged = None if quick else speedup >= MIN_SPEEDUP  # --quick: runs too short to judge
    checks = [Check(f"2 workers at least {MIN_SPEEDUP}x as fast as 1 (1.3-1.5x expected on 2 free "
                    "cores)", f"{speedup:.2f}x", judged),
              Check("sweep results identical on 1 and 2 workers", "yes" if same else "no",
                    bool(same and ok))]
    return Part("sweep", "4. Parallel sweeps: 2 workers against 1", md, checks,
                {"times": times, "runs": runs, "identical": bool(same)})


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    standalone(part(a.quick), "sweep.md")


if __name__ == "__main__":
    main()
