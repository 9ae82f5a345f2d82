"""Benchmark part 5: one weekly step of the workshop model, against the app's play interval.

    python -m benchmarks.bench_step [--quick] [--interval-ms MS]

The live app steps a baseline and a reform model side by side, one week per tick. This times
``SocialDomainModel.step()`` for the baseline and the fixed-director scenario at the default
size, week by week over a whole run, and the app's own worlds (``sim.app.worlds``) when that
module is installed. The play interval is the app's own (``PLAY_INTERVAL_MS`` in
``sim/app/page.py``, read without importing the web code), else 500 ms. Drawing the charts in
the browser is not included. Writes ``results/benchmarks/step.md``.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import statistics
import time
from pathlib import Path

from benchmarks.common import Check, Part, standalone, table

DEFAULT_INTERVAL_MS = 500.0
FAR_BELOW = 0.2  # "far below" the play interval: the slowest weeks stay under a fifth of it


def play_interval_ms() -> tuple[float, str]:
    """The app's pause between weeks and where it comes from."""
    spec = importlib.util.find_spec("sim.app")
    if spec is not None and spec.submodule_search_locations:
        page = Path(next(iter(spec.submodule_search_locations))) / "page.py"
        if page.is_file():
            for node in ast.parse(page.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.Assign) and any(
                        getattr(t, "id", None) == "PLAY_INTERVAL_MS" for t in node.targets):
                    return float(ast.literal_eval(node.value)), "the app's PLAY_INTERVAL_MS"
    return DEFAULT_INTERVAL_MS, "assumed (app not installed)"


def _stats(ms: list[float]) -> dict:
    s = sorted(ms)
    return {"weeks": len(s), "mean": statistics.fmean(s), "p95": s[int(0.95 * (len(s) - 1))],
            "max": s[-1]}


def step_models(scenarios=("baseline", "fixed-director"), weeks: int | None = None,
                seed: int = 1) -> dict:
    """ms per week for each scenario and for all of them stepped together."""
    from sim.model import SocialDomainModel
    from sim.run import release

    t0 = time.perf_counter()
    models = [SocialDomainModel(s, rng=seed) for s in scenarios]
    build_ms = 1e3 * (time.perf_counter() - t0)
    per = {s: [] for s in scenarios}
    pair = []
    clock = time.perf_counter
    while all(m.running for m in models) and (weeks is None or len(pair) < weeks):
        total = 0.0
        for s, m in zip(scenarios, models):
            t = clock()
            m.step()
            dt = 1e3 * (clock() - t)
            per[s].append(dt)
            total += dt
        pair.append(total)
    for m in models:
        release(m)
    return {"build_ms": build_ms, "per": {s: _stats(v) for s, v in per.items()},
            "pair": _stats(pair)}


def app_worlds(weeks: int | None = None) -> dict | None:
    """Times ``sim.app.worlds.workshop_worlds().step()`` if the app provides it."""
    try:
        factory = importlib.import_module("sim.app.worlds").workshop_worlds
    except (ImportError, AttributeError):
        return None
    t0 = time.perf_counter()
    w = factory()
    build_ms = 1e3 * (time.perf_counter() - t0)
    ms = []
    limit = weeks or 10_000
    while len(ms) < limit:
        t = time.perf_counter()
        more = w.step()
        ms.append(1e3 * (time.perf_counter() - t))
        if more is False or not getattr(w, "running", True):
            break
    controls = getattr(w, "controls", {})
    return {"build_ms": build_ms, "pair": _stats(ms), "inhabitants": controls.get("inhabitants")}


def part(quick: bool = False, interval_ms: float | None = None) -> Part:
    if interval_ms is None:
        interval_ms, source = play_interval_ms()
    else:
        source = "given"
    weeks = 104 if quick else None
    models = step_models(weeks=weeks)
    app = app_worlds(weeks)

    def row(name, s):
        return [name, s["weeks"], f"{s['mean']:.1f}", f"{s['p95']:.1f}", f"{s['max']:.1f}",
                f"{s['p95'] / interval_ms:.1%}"]

    rows = [row(f"`{s}` model alone", st) for s, st in models["per"].items()]
    rows.append(row("both side by side (what the app steps)", models["pair"]))
    if app:
        rows.append(row("`sim.app.worlds.workshop_worlds().step()`", app["pair"]))
        size = f"{app['inhabitants']:,} inhabitants, " if app["inhabitants"] else ""
        note = (f"The app's worlds (default controls: {size}fixed director in the "
                f"reform world) take {app['build_ms']:,.0f} ms to build, which includes stepping "
                "both through the warm-up year; their step also updates the live numbers and the "
                "named households' journeys.")
    else:
        note = "`sim.app.worlds` is not installed here (app not installed): only the models are timed."
    span = "the first 104 weeks" if quick else "every week of a whole run (warm-up included)"
    md = "\n".join([
        f"Default size (55,000 inhabitants), seed 1, {span}. Building both models takes "
        f"{models['build_ms']:.0f} ms. Play interval {interval_ms:.0f} ms ({source}).",
        "",
        table(["what is stepped", "weeks", "mean ms", "p95 ms", "max ms", "p95 / interval"], rows),
        "",
        note,
    ])
    worst = (app or models)["pair"]
    checks = [Check(f"one weekly step far below the play interval (p95 < {FAR_BELOW:.0%} of "
                    f"{interval_ms:.0f} ms)",
                    f"p95 {worst['p95']:.0f} ms, max {worst['max']:.0f} ms",
                    worst["p95"] < FAR_BELOW * interval_ms)]
    return Part("step", "5. Live app: one weekly step", md, checks,
                {"models": models, "app": app})


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--interval-ms", type=float, help="default: the app's play interval")
    a = ap.parse_args(argv)
    standalone(part(a.quick, a.interval_ms), "step.md")


if __name__ == "__main__":
    main()
