"""Benchmark part 3: time and peak memory against the number of inhabitants.

    python -m benchmarks.bench_scale [--quick] [--factors 1,2,4,10] [--repeats N]

Each run is a fresh Python process (``--child``), so its peak resident memory is its own.
Time is measured both as wall time and as CPU time (user + system): on a shared machine the
CPU time is the steadier of the two, and the doubling ratios use it. A city of 500,000
inhabitants over 5 measured years (after the baseline's warm-up year) must stay below 4 GB.
Writes ``results/benchmarks/scale.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time

from benchmarks.common import Check, Part, standalone, table

BASE_INHABITANTS = 55_000
CITY = 500_000
CITY_YEARS = 5.0
MEMORY_LIMIT_MB = 4096
MAX_DOUBLING = 2.2


def peak_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM, which starts afresh at exec (the
    ru_maxrss of a child starts from its parent's peak at the fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource  # not on Windows

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / (1024.0 * 1024.0) if sys.platform == "darwin" else kb / 1024.0  # bytes on macOS


def child(inhabitants: int, years: float | None, seed: int) -> dict:
    """One run in this process: simulate, then the summary (what a sweep does per run)."""
    from sim.metrics import summary
    from sim.run import simulate

    overrides = {"region.inhabitants": inhabitants}
    if years is not None:
        overrides["run.years"] = years
    c0, t0 = time.process_time(), time.perf_counter()
    model = simulate("baseline", seed=seed, overrides=overrides)
    c1, t1 = time.process_time(), time.perf_counter()
    summary(model)
    c2, t2 = time.process_time(), time.perf_counter()
    end = model.end
    return {
        "inhabitants": inhabitants, "seed": seed,
        "years": model.p["run.years"], "warmup_years": model.p["run.warmup_years"],
        "households": len(model.households),
        "household_years": sum(end - h.onset for h in model.households) / 365.0,
        "events": model.calendar.events_processed, "log_rows": len(model.log),
        "wall_s": t1 - t0,
        "cpu_s": c1 - c0,
        "summary_s": t2 - t1,
        "summary_cpu_s": c2 - c1,
        "peak_mb": peak_mb(),
    }


def run_child(inhabitants: int, years: float | None = None, seed: int = 1) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.bench_scale", "--child", str(inhabitants),
           "--seed", str(seed)]
    if years is not None:
        cmd += ["--years", str(years)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(factors, years=None, repeats=1, seed: int = 1) -> list[dict]:
    """Best (least CPU) of ``repeats`` runs per factor; sizes interleaved across repeats."""
    best: dict[float, dict] = {}
    for _ in range(repeats):
        for f in factors:
            r = run_child(round(BASE_INHABITANTS * f), years, seed)
            r["factor"] = f
            if f not in best or r["cpu_s"] < best[f]["cpu_s"]:
                best[f] = r
    return [best[f] for f in factors]


def per_doubling(rows: list[dict]) -> float:
    """CPU time(2N)/time(N) from a least-squares fit of log time on log household-years over
    all sizes: steadier than any one pair of runs on a busy machine."""
    import numpy as np

    x = np.log([r["household_years"] for r in rows])
    y = np.log([r["cpu_s"] for r in rows])
    return float(2.0 ** np.polyfit(x, y, 1)[0])


def part(quick: bool = False, factors=None, repeats: int | None = None, city: bool | None = None) -> Part:
    factors = factors or ((1, 2, 4) if quick else (1, 2, 4, 10))
    repeats = repeats or (1 if quick else 2)
    years = 2.0 if quick else None
    city = (not quick) if city is None else city
    rows = measure(factors, years, repeats)
    base = rows[0]
    per_hy = base["cpu_s"] / base["household_years"]
    out, checks, doublings = [], [], []
    prev = None
    for r in rows:
        ratio = ""
        if prev is not None:
            # time ratio scaled to a doubling of the work: (t2/t1) ** (log 2 / log(hy2/hy1))
            work = r["household_years"] / prev["household_years"]
            t = r["cpu_s"] / prev["cpu_s"]
            doubling = t ** (math.log(2) / math.log(work))
            doublings.append((prev["factor"], r["factor"], t, doubling))
            ratio = f"{t:.2f} ({doubling:.2f} per doubling)"
        out.append([f"{r['factor']:g}x", f"{r['inhabitants']:,}", f"{r['households']:,}",
                    f"{r['household_years']:,.0f}", f"{r['events']:,}", f"{r['wall_s']:.1f}",
                    f"{r['cpu_s']:.1f}", f"{1e3 * r['cpu_s'] / r['household_years']:.2f}",
                    f"{r['cpu_s'] / r['household_years'] / per_hy:.2f}", ratio,
                    f"{r['summary_s']:.2f}", f"{r['peak_mb']:,.0f}"])
        prev = r
    fitted = per_doubling(rows)
    steps = ", ".join(f"{a:g}x->{b:g}x {d:.2f}" for a, b, _, d in doublings)
    checks.append(Check(f"cost per household-year flat: CPU time(2N)/time(N) <= {MAX_DOUBLING}",
                        f"{fitted:.2f} fitted over all sizes (steps: {steps})",
                        fitted <= MAX_DOUBLING))
    span = "1 warm-up year + 2 measured years" if quick else "1 warm-up year + 5 measured years"
    md = [f"Baseline scenario, seed 1, {span}, scaled by `region.inhabitants` (households, "
          "staff, places, budgets and lettings scale with it). Best of "
          f"{repeats} run(s) per size by CPU time, each in a fresh process; peak memory is the "
          "process's maximum resident set, including the summary. A household-year is one "
          "household present in the model for one year.", "",
          table(["size", "inhabitants", "households", "household-years", "events", "wall s",
                 "CPU s", "CPU ms per household-year", "relative to 1x",
                 "CPU time vs previous size", "summary s", "peak MB"], out), "",
          f"Fitted over all sizes, CPU time grows by a factor **{fitted:.2f}** per doubling of "
          "household-years (1 per household-year would be 2.00)."]
    data = {"rows": rows, "doublings": doublings}
    if city:
        c = run_child(CITY, CITY_YEARS)
        data["city"] = c
        ok = c["peak_mb"] < MEMORY_LIMIT_MB
        checks.append(Check(f"{CITY:,} inhabitants over {CITY_YEARS:g} years in < 4 GB",
                            f"{c['peak_mb']:,.0f} MB peak, {c['wall_s']:.0f} s wall", ok))
        md += ["", f"City: {CITY:,} inhabitants, {c['years']:g} measured years after "
               f"{c['warmup_years']:g} warm-up year: {c['households']:,} households, "
               f"{c['events']:,} events, {c['log_rows']:,} log rows; {c['wall_s']:.0f} s wall "
               f"({c['cpu_s']:.0f} s CPU) plus {c['summary_s']:.1f} s for the summary; "
               f"peak memory **{c['peak_mb']:,.0f} MB** (limit {MEMORY_LIMIT_MB:,} MB)."]
    else:
        checks.append(Check(f"{CITY:,} inhabitants over {CITY_YEARS:g} years in < 4 GB",
                            "skipped (--quick)", None))
    return Part("scale", "3. Scale: time and memory against the number of inhabitants",
                "\n".join(md), checks, data)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--factors", help="comma-separated multiples of the baseline, e.g. 1,2,4,10")
    ap.add_argument("--repeats", type=int)
    ap.add_argument("--no-city", action="store_true", help="skip the 500,000-inhabitant run")
    ap.add_argument("--child", type=int, metavar="INHABITANTS", help=argparse.SUPPRESS)
    ap.add_argument("--years", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=1, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child, a.years, a.seed)))
        return
    factors = tuple(float(x) for x in a.factors.split(",")) if a.factors else None
    standalone(part(a.quick, factors, a.repeats, city=False if a.no_city else None), "scale.md")


if __name__ == "__main__":
    main()
