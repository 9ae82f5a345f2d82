"""Benchmark part 1: the tandem network with blocking in own machinery, Ciw and SimPy.

    python -m benchmarks.bench_queues [--customers 50000] [--seed 1] [--repeats 3]

(``python -m benchmarks`` runs it together with the other parts.)

Writes ``results/benchmarks/queues.md``. Wall time is the best of ``repeats`` identical runs
(same seed) per implementation, from building the model to the last client leaving;
collecting the statistics afterwards is not timed.
"""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from benchmarks.common import Check, Part
from benchmarks.queue_network import (DEFAULT_PARAMS, erlang_c_wait, run_bare, run_ciw,
                                      run_own, run_simpy)

RUNNERS = [run_own, run_ciw, run_simpy, run_bare]
OUT = Path("results/benchmarks/queues.md")


def bench(n_customers: int = 50_000, seed: int = 1, repeats: int = 3, params=None) -> list[dict]:
    """One row per implementation; ``ratio`` = own customers/s over this one's."""
    res = [[] for _ in RUNNERS]
    for _ in range(repeats):  # interleaved, so a busy spell on the machine hits all alike
        for i, run in enumerate(RUNNERS):
            res[i].append(run(n_customers, seed, params))
    rows = [min(r, key=lambda r: r["seconds"]) for r in res]
    own = rows[0]["customers_per_s"]
    for r in rows:
        r["ratio"] = own / r["customers_per_s"]
    return rows


def to_markdown(rows: list[dict], params=None, seed: int = 1, repeats: int = 3) -> str:
    p = params or DEFAULT_PARAMS
    k = len(p["mu"])
    head = ["implementation", "customers", "seconds", "customers/s", "own is x faster"]
    head += [f"wait st.{i + 1} (95% CI)" for i in range(k)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["impl"], f"{r['customers']:,}", f"{r['seconds']:.2f}",
                 f"{r['customers_per_s']:,.0f}", f"{r['ratio']:.1f}"]
        cells += [f"{m:.3f} ± {h:.3f}" for m, h in r["waits"]]
        lines.append("| " + " | ".join(cells) + " |")
    own = rows[0]
    ec = erlang_c_wait(p["lam"], p["mu"][0], p["c"][0])
    same = [r["impl"] for r in rows[1:]
            if all(abs(a[0] - b[0]) < 1e-9 for a, b in zip(r["waits"], own["waits"]))]
    return "\n".join([
        "# Benchmark: tandem queues with blocking after service",
        "",
        f"Poisson arrivals λ = {p['lam']}; stations with c = {list(p['c'])} places and "
        f"exponential stays μ = {list(p['mu'])}; unlimited waiting list at station 1; a client "
        "whose stay ends keeps its place until placed at the next station. Each run stops when "
        f"the given number of clients has left; the first {own['warmup']:,} clients (by arrival) "
        "are discarded; CIs are batch means (20 batches). Wait = time from joining a station's "
        "list to getting a place (for stations 2+ this is the time blocked upstream). "
        f"Seed {seed}; wall time is the best of {repeats} identical runs.",
        "",
        *lines,
        "",
        f"Own machinery: {own['events']:,} calendar events, {own['events_per_s']:,.0f} events/s. "
        "The bare heap loop (no Calendar/Facility objects) shows what that layer costs.",
        f"Erlang C for station 1 without blocking: {ec:.3f} (the blocking network waits longer).",
        f"Same waits as own machinery (same seed, same draw order): {', '.join(same) or 'none'}; "
        "Ciw draws from its own stream.",
        "",
        f"Python {platform.python_version()} on {platform.machine()}.",
        "",
    ])


def agree(a: dict, b: dict) -> bool:
    """Do two implementations' wait intervals overlap at every station?"""
    return all(abs(ma - mb) <= ha + hb for (ma, ha), (mb, hb) in zip(a["waits"], b["waits"]))


def erlang_check(customers: int, seed: int = 3) -> tuple[float, float, float]:
    """Station 1 with ample room downstream is a plain M/M/c queue: (mean, half-width, Erlang C)."""
    p = {**DEFAULT_PARAMS, "c": (DEFAULT_PARAMS["c"][0], 50, 50)}
    mean, half = run_own(customers, seed=seed, params=p)["waits"][0]
    return mean, half, erlang_c_wait(p["lam"], p["mu"][0], p["c"][0])


def part(quick: bool = False) -> Part:
    """Part 1 of the suite: the table above plus the targets (>= 5x Ciw, >= 2x SimPy)."""
    customers, repeats = (10_000, 2) if quick else (50_000, 3)
    rows = bench(customers, 1, repeats)
    md = to_markdown(rows, seed=1, repeats=repeats)
    by = {r["impl"]: r for r in rows}
    own, ciw, simpy = rows[0], by["Ciw"], by["SimPy"]
    mean, half, ec = erlang_check(50_000 if quick else 200_000)
    checks = [
        Check("own machinery >= 5x Ciw (customers/s)", f"{ciw['ratio']:.1f}x", ciw["ratio"] >= 5),
        Check("own machinery >= 2x SimPy", f"{simpy['ratio']:.1f}x", simpy["ratio"] >= 2),
        Check("waits agree with Ciw and SimPy (95% CIs overlap at every station)",
              ", ".join(f"{r['impl']}: {'overlap' if agree(own, r) else 'apart'}" for r in (ciw, simpy)),
              agree(own, ciw) and agree(own, simpy)),
        Check("station 1 without blocking matches Erlang C",
              f"{mean:.3f} ± {half:.3f} vs {ec:.3f}", abs(mean - ec) <= half),
    ]
    body = md.split("\n", 2)[2]  # drop the file's own heading
    return Part("queues", "1. Queues against Ciw and SimPy", body, checks,
                {"rows": rows, "erlang": (mean, half, ec)})


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args(argv)
    rows = bench(a.customers, a.seed, a.repeats)
    md = to_markdown(rows, seed=a.seed, repeats=a.repeats)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
