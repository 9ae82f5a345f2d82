"""How long one baseline run takes: `python -m benchmarks.bench_model`.

Writes ``results/benchmarks/model.md``. Timings belong here, not in the tests.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from sim.metrics import summary
from sim.run import simulate

OUT = Path("results/benchmarks")


def measure(seeds=(1, 2, 3)) -> list[dict]:
    rows = []
    for seed in seeds:
        t0 = time.perf_counter()
        model = simulate("baseline", seed=seed)
        t1 = time.perf_counter()
        s = summary(model)
        t2 = time.perf_counter()
        rows.append({"seed": seed, "simulate_s": t1 - t0, "metrics_s": t2 - t1,
                     "events": model.calendar.events_processed, "log_rows": len(model.log),
                     "households": len(model.households), "measured": s["households"]})
    return rows


def main() -> None:
    rows = measure()
    lines = ["# Baseline run time", "",
             "| seed | households | calendar events | log rows | simulate (s) | events/s | metrics (s) |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['seed']} | {r['households']} | {r['events']} | {r['log_rows']} | "
                     f"{r['simulate_s']:.2f} | {r['events'] / r['simulate_s']:,.0f} | {r['metrics_s']:.2f} |")
    med = statistics.median(r["simulate_s"] for r in rows)
    lines += ["", f"Median time of one baseline run (Rijswijk, 1 + 5 years): {med:.2f} s."]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "model.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
