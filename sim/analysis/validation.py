"""The held-out table: the calibrated scenario against every held-out figure, with the previous
calibration beside it (before/after).

    sim calibrate calibration/baseline.toml --validate [--replicates 10] [--workers 2]

runs the calibrated scenario (``scenarios/<scenario_name>.toml``, as ``sim calibrate
--write-scenario`` wrote it) and the previous calibration (``calibration/previous-calibrated.toml``)
over the same replicate seeds, as full runs of their scenario (no [fixed] settings of the
calibration: the figures are compared as the baseline measures them), through the shared runner
into ``results/<name>/validation/``. It writes ``results/<name>/validation.csv`` and replaces
the table between the markers of ``docs/validation.md`` (with ``--new-store``, runs of an earlier calibrated scenario are set
aside; without it they are refused). A figure is **met** when the median
over replicates lies inside the observed 90% interval; a figure whose metric the run summary
does not hold yet is listed as unavailable. The same command again reuses the stored runs.

A named household's figure (a ``journeys.*`` metric, :data:`sim.analysis.milestones.JOURNEY_METRICS`)
is not in the run summary: the household is placed into one run of each scenario per replicate
seed (:func:`sim.analysis.milestones.journey_metrics`, the same seeds as the stored runs; cheap,
so not stored, and the same seeds give the same values). For a figure in the unit "share of runs"
the model column is the share of replicates in which the milestone holds, with its 90% Jeffreys
interval; it is **met** when that interval overlaps the observed one (a share estimated from
ten replicates moves in steps of 0.1, and all ten replicates give 1.0 where the observed interval
ends at 0.99). A "never" (infinity) counts as beyond any upper bound.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

BEGIN = "<!-- held-out table: begin (written by sim calibrate --validate) -->"
END = "<!-- held-out table: end -->"
LOW_Q, HIGH_Q = 0.05, 0.95
PREVIOUS = "previous-calibrated.toml"  # beside the calibration file
PAGE = Path("docs") / "validation.md"  # under the calibration folder's parent
SHARE = "share of runs"  # a target unit: the share of replicates in which a 0/1 figure holds


def default_paths(cal) -> dict[str, Path]:
    root = cal.path.parent.parent
    return {"calibrated": root / "scenarios" / f"{cal.scenario_name}.toml",
            "previous": cal.path.parent / PREVIOUS, "page": root / PAGE}


def _scenario(path: Path, origin: str):
    from .calibration import CalibrationError
    from .experiment import ExperimentError, _resolve_scenario

    if not path.is_file():
        raise CalibrationError(f"{origin}: {path} not found; run the calibration with "
                               f"--write-scenario first (docs/calibration.md).")
    try:
        return _resolve_scenario(str(path), path.parent, origin)
    except ExperimentError as exc:
        raise CalibrationError(str(exc)) from None


def run_validation(cal, results_dir: Path, executor, window=None, *, replicates: int = 10,
                   calibrated: Path | None = None, previous: Path | None = None,
                   progress: bool = True, new_store: bool = False):
    """Run (or reuse) the two scenarios' replicates; returns the table (one row per target)."""
    from .calibration import PROG, CalibrationError
    from .experiment import designed_experiment
    from .runner import Runs
    from .store import load_results

    paths = default_paths(cal)
    now = _scenario(calibrated or paths["calibrated"], f"{PROG} --validate")
    before = _scenario(previous or paths["previous"], f"{PROG} --validate")
    if now.name == before.name:
        raise CalibrationError(f"{PROG} --validate: the calibrated and the previous scenario are "
                               f"both named '{now.name}'; give the previous one its own name.")
    exp = designed_experiment(
        path=cal.path, text=cal.text, name="validation", seed=cal.seed_for(3),
        replicates=replicates, scenarios={now.name: now, before.name: before}, fixed={},
        design=[{}], metrics=cal.metrics, description=f"{PROG} {cal.name}: held-out figures")
    runs = Runs(PROG, executor, window, progress=progress, new_store=new_store,
                info={"tool": "calibrate --validate", "calibration": cal.name})
    counts = runs.sweep(exp, Path(results_dir) / cal.name)
    stored = load_results(counts["directory"])
    journeys = journey_values(cal, {now.name: now, before.name: before}, exp.seeds, executor)
    return table(cal, stored, now.name, before.name, journeys)


def journey_values(cal, scenarios: dict[str, Any], seeds, executor=None
                   ) -> dict[str, dict[str, list[float]]]:
    """The named households' figures the targets ask for (``journeys.*``), one run per scenario
    and seed: {scenario name: {metric: [value per seed, in the order of ``seeds``]}}. Runs go
    through ``executor`` when given (a ``concurrent.futures`` interface), else one by one."""
    from .milestones import journey_metrics

    wanted = [t.metric for t in cal.targets if t.journey and t.available]
    if not wanted:
        return {}
    tasks = [(name, seed) for name in scenarios for seed in seeds]
    if executor is None:
        results = [journey_metrics(seed, scenarios[name]) for name, seed in tasks]
    else:
        futures = [executor.submit(journey_metrics, seed, scenarios[name]) for name, seed in tasks]
        results = [f.result() for f in futures]
    out: dict[str, dict[str, list[float]]] = {name: {m: [] for m in wanted} for name in scenarios}
    for (name, _), values in zip(tasks, results):
        for m in wanted:
            out[name][m].append(float(values[m]))
    return out


def _quantile(x, q: float) -> float:
    """The q-quantile of sorted values that may hold +infinity (never): interpolated as numpy's
    default does, and +infinity whenever the interpolation reaches an infinite value."""
    pos = q * (len(x) - 1)
    lo, frac = int(math.floor(pos)), pos - math.floor(pos)
    if frac == 0.0:
        return float(x[lo])
    a, b = float(x[lo]), float(x[lo + 1])
    return math.inf if math.isinf(b) else a + frac * (b - a)


def _stats(values) -> dict[str, float]:
    """Median and 5th-95th percentile over replicates; NaN (not observed) is left out, +infinity
    (never within the horizon) counts as beyond any value."""
    import numpy as np

    x = np.asarray(values, float)
    x = np.sort(x[~np.isnan(x)])
    if not x.size:
        return {"median": math.nan, "q05": math.nan, "q95": math.nan, "runs": 0}
    return {"median": _quantile(x, 0.5), "q05": _quantile(x, LOW_Q),
            "q95": _quantile(x, HIGH_Q), "runs": int(x.size)}


def _share(values) -> dict[str, float]:
    """The share of replicates in which a 0/1 figure holds, with its 90% Jeffreys interval
    (reported in the median, q05 and q95 columns); as usual the interval reaches 0 when no
    replicate holds it and 1 when all do (Brown, Cai and DasGupta 2001), so it holds the share."""
    import numpy as np
    from scipy.stats import beta

    x = np.asarray(values, float)
    x = x[~np.isnan(x)]
    if not x.size:
        return {"median": math.nan, "q05": math.nan, "q95": math.nan, "runs": 0}
    k, n = float((x > 0).sum()), int(x.size)
    low = 0.0 if k == 0 else float(beta.ppf(LOW_Q, k + 0.5, n - k + 0.5))
    high = 1.0 if k == n else float(beta.ppf(HIGH_Q, k + 0.5, n - k + 0.5))
    return {"median": k / n, "q05": low, "q95": high, "runs": n}


def table(cal, runs, now: str, before: str,
          journeys: dict[str, dict[str, list[float]]] | None = None):
    """One row per target (held out and calibrated): observed, both scenarios' median and
    5th-95th percentile over replicates, met or not. ``journeys`` holds the named households'
    figures per scenario (:func:`journey_values`); a figure in the unit "share of runs" shows
    the share of replicates and its 90% interval instead."""
    import pandas as pd

    ok = runs[runs["status"] == "ok"]
    journeys = journeys or {}
    rows = []
    for t in cal.targets:
        row: dict[str, Any] = {
            "target": t.name, "use": t.use, "domain": t.domain, "description": t.description,
            "metric": t.metric, "unit": t.unit, "observed": t.value, "observed_low": t.low,
            "observed_high": t.high, "available": t.available, "source": t.source}
        for label, scenario in (("calibrated", now), ("previous", before)):
            if not t.available:
                col = []
            elif t.journey:
                col = journeys.get(scenario, {}).get(t.metric, [])
            else:
                col = ok.loc[ok["scenario"] == scenario, t.metric] if t.metric in ok else []
            s = _share(col) if t.unit == SHARE else _stats(col)
            row.update({f"{label}_{k}": v for k, v in s.items()})
            med = s["median"]
            if t.unit == SHARE:  # a share estimated from n replicates: its interval overlaps
                row[f"{label}_met"] = bool(not math.isnan(med) and s["q05"] <= t.high
                                           and s["q95"] >= t.low)
            else:
                row[f"{label}_met"] = bool(not math.isnan(med) and t.met(med))
            row[f"{label}_off_by"] = t.off_by(med)
        rows.append(row)
    return pd.DataFrame(rows)


def _fmt(x: float) -> str:
    if x is not None and x == math.inf:
        return "never"
    if x is None or not math.isfinite(x):
        return "–"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def _verdict(r, label: str) -> str:
    if not r["available"]:
        return "unavailable"
    med = r[f"{label}_median"]
    if math.isnan(med):
        return "no value"
    if r[f"{label}_met"]:
        return "met"
    off = r[f"{label}_off_by"]
    if math.isinf(off):
        return "missed: never within the horizon"
    pct = f" ({100 * off / r['observed']:+.0f}%)" if r["observed"] else ""
    return f"missed: {'+' if off > 0 else ''}{_fmt(off)}{pct}"


def markdown(df, replicates: int) -> str:
    """The held-out table with its one-line summary, as docs/validation.md shows it."""
    held = df[df["use"] == "validation"]
    avail = held[held["available"].astype(bool)]
    n_now, n_before = int(avail["calibrated_met"].sum()), int(avail["previous_met"].sum())
    missing = len(held) - len(avail)
    lines = [f"**{n_now} of {len(avail)} held-out figures met** by the calibrated model "
             f"(previous calibration: {n_before} of {len(avail)})"
             + (f"; {missing} more are unavailable: their metric is not in the run summary yet"
                if missing else "") + f". Model columns: median over {replicates} replicates "
             f"(5th–95th percentile); for a share of runs, the share of replicates "
             f"(90% interval).", "",
             "| held-out figure | domain | observed (90% interval) | previous calibration | "
             "calibrated | verdict | before → after |",
             "|---|---|---|---|---|---|---|"]
    for _, r in held.iterrows():
        def model(label: str) -> str:
            if not r["available"]:
                return "–"
            return (f"{_fmt(r[f'{label}_median'])} ({_fmt(r[f'{label}_q05'])}–"
                    f"{_fmt(r[f'{label}_q95'])})")
        short = {"met": "met", "unavailable": "–", "no value": "no value"}
        before, after = (_verdict(r, "previous"), _verdict(r, "calibrated"))
        change = (f"{short.get(before, 'missed')} → {short.get(after, 'missed')}"
                  if r["available"] else "–")
        verdict = after if after in ("met", "unavailable", "no value") else f"**{after}**"
        if not r["available"]:
            verdict = f"unavailable (`{r['metric']}` not in the summary yet)"
        lines.append(f"| {r['description']} (`{r['target']}`) | {r['domain']} | "
                     f"{_fmt(r['observed'])} {r['unit']} ({_fmt(r['observed_low'])}–"
                     f"{_fmt(r['observed_high'])}) | {model('previous')} | {model('calibrated')} | "
                     f"{verdict} | {change} |")
    return "\n".join(lines) + "\n"


def write_page(page: Path, text: str) -> Path:
    """Replace the block between the markers of the page (or add one at its end)."""
    body = page.read_text(encoding="utf-8") if page.is_file() else "# Validation\n"
    block = f"{BEGIN}\n{text}{END}"
    if BEGIN in body and END in body:
        head, rest = body.split(BEGIN, 1)
        body = head + block + rest.split(END, 1)[1]
    else:
        body = body.rstrip("\n") + "\n\n" + block + "\n"
    page.write_text(body, encoding="utf-8")
    return page


def validate(cal, results_dir: Path, executor, window=None, *, replicates: int = 10,
             page: Path | None = None, progress: bool = True,
             new_store: bool = False) -> dict[str, Any]:
    """Run the held-out comparison and write validation.csv and the page's table."""
    df = run_validation(cal, results_dir, executor, window, replicates=replicates,
                        progress=progress, new_store=new_store)
    folder = Path(results_dir) / cal.name
    folder.mkdir(parents=True, exist_ok=True)
    csv = folder / "validation.csv"
    df.to_csv(csv, index=False)
    page = page or default_paths(cal)["page"]
    return {"table": df, "written": [csv, write_page(page, markdown(df, replicates))]}
