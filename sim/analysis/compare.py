"""``sim compare``: a base scenario against reforms, paired by common random numbers.

    sim compare baseline fixed-director one-budget --replicates 20 --workers 2

Replicate ``r`` of every scenario runs with seed ``replicate_seeds(seed, R)[r]`` (the scheme
``sim sweep`` uses too): the same households meet the same
life events in the base and in each reform, so the difference per replicate is the reform's
effect plus far less noise than two independent runs would carry (common random numbers).
Per metric this reports each scenario's mean over replicates and the paired difference to the
base: the mean of the per-replicate differences with a 95% t-interval
(``mean ± t(0.975, n-1) · sd / √n``). A metric that is missing in a replicate (a Kaplan-Meier
median that was never reached) leaves that replicate pair out of that metric's interval; the
number of pairs used is reported.

Outputs (see docs/compare.md): a table on screen, ``comparison.csv`` (every metric),
``replicates.csv`` (every run), and three plots: ``differences.png``, ``survival.png`` and
``cost_by_pot.png``.

From Python::

    from sim.analysis.compare import compare
    result = compare("baseline", ["fixed-director"], replicates=10, out="results/cmp")
    result.table          # one row per metric and scenario
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

EXIT_OK, EXIT_USAGE = 0, 2

# The main metrics: (key, label, unit, scale, decimals) for the screen table and the plots.
MAIN = (
    ("time_to_stability_median_days", "time to stability, median", "days", 1.0, 0),
    ("time_to_stability_rmst_days", "time to stability, restricted mean", "days", 1.0, 0),
    ("stable_share", "stable at end", "%", 100.0, 1),
    ("handoffs_mean", "cold handoffs", "per household", 1.0, 2),
    ("organisations_mean", "organisations", "per household", 1.0, 2),
    ("dead_ends_mean", "dead ends", "per household", 1.0, 2),
    ("retellings_mean", "retellings", "per household", 1.0, 2),
    ("disengaged_share", "disengaged", "%", 100.0, 1),
    ("societal_cost_eur", "societal cost (resources)", "EUR million", 1e-6, 2),
    ("transfers_eur", "transfers to households", "EUR million", 1e-6, 2),
)
# Short column heads for the screen table: (key, head, scale, decimals).
SHORT = (
    ("time_to_stability_median_days", "median d", 1.0, 0),
    ("time_to_stability_rmst_days", "RMST d", 1.0, 0),
    ("stable_share", "stable %", 100.0, 1),
    ("handoffs_mean", "handoffs", 1.0, 2),
    ("organisations_mean", "orgs", 1.0, 2),
    ("dead_ends_mean", "dead ends", 1.0, 2),
    ("retellings_mean", "retellings", 1.0, 2),
    ("disengaged_share", "diseng. %", 100.0, 1),
    ("societal_cost_eur", "cost M EUR", 1e-6, 2),
    ("transfers_eur", "transf. M", 1e-6, 2),
)
# The who-pays-who-gains table: the net cost of each actor (resources + transfers paid -
# transfers received), from the summary's by_actor.
ACTOR_METRIC = "by_actor.{actor}.net_cost_eur"
PLOTTED = [m for m in (k for k, *_ in MAIN) if m != "stable_share"] + ["stable_share"]
NOT_OUTCOMES = {"events"}  # summary numbers that describe the run, not the households
INDEPENDENT_OFFSET = 1000  # seed offset per scenario when common random numbers are switched off
MAX_REPLICATES = 10_000  # more would take days; the seeds alone would fill the memory at 10**9
MAX_WORKERS = 256


# --- running -----------------------------------------------------------------------------------

def run_replicate(scenario, seed: int) -> dict[str, Any]:
    """The worker (top level, so a process pool can pickle it): one run's summary and the
    cohort's time to stability, for the pooled survival curve."""
    from sim.metrics import household_table, measured, summary
    from sim.run import simulate

    model = simulate(scenario, seed=seed, log_events=True)
    table = household_table(model)
    c = measured(table)
    return {"summary": summary(model, table),
            "durations": c["time_to_stability_days"].to_numpy(float),
            "observed": c["stable"].to_numpy(bool)}


def _run_all(tasks: list[tuple[Any, int]], workers: int, progress: bool) -> list[dict[str, Any]]:
    """Run every (scenario, seed) task; results in task order whatever the worker count."""
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), unit="run", desc="sim compare", disable=not progress,
               dynamic_ncols=True, file=sys.stderr)
    results: list[dict[str, Any] | None] = [None] * len(tasks)
    try:
        if workers <= 1:
            for i, (scenario, seed) in enumerate(tasks):
                results[i] = run_replicate(scenario, seed)
                bar.update(1)
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
                futures = {ex.submit(run_replicate, s, seed): i for i, (s, seed) in enumerate(tasks)}
                try:
                    for fut in as_completed(futures):
                        results[futures[fut]] = fut.result()
                        bar.update(1)
                except BaseException:
                    for fut in futures:
                        fut.cancel()
                    raise
    finally:
        bar.close()
    return results  # type: ignore[return-value]


# --- statistics --------------------------------------------------------------------------------

def flatten(summary: Mapping[str, Any]) -> dict[str, float]:
    """A run's summary as {metric: number}: the scalar metrics and the nested tables
    (``sim.metrics.SCALAR_METRICS``, ``NESTED_METRICS``), the latter as 'cost_by_pot.wmo' and
    the like. None (a median never reached, a facility nobody entered) becomes NaN."""
    from sim.metrics import NESTED_METRICS, SCALAR_METRICS

    out: dict[str, float] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif value is None:
            out[prefix] = float("nan")
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            out[prefix] = float(value)

    for key in (*SCALAR_METRICS, *NESTED_METRICS):
        if key in summary and key not in NOT_OUTCOMES:
            walk(key, summary[key])
    return out


def paired_interval(base: Sequence[float], other: Sequence[float]) -> dict[str, float]:
    """Mean of per-replicate differences ``other - base`` with its 95% t-interval
    (``scipy.stats.ttest_rel``). Pairs with a missing value on either side are left out;
    ``pairs`` says how many were used."""
    from sim.stats import paired_interval as interval

    return interval(base, other)


@dataclass
class Comparison:
    """What :func:`compare` returns. ``table`` has one row per metric and scenario (the base
    included, with empty differences); ``runs`` one row per run."""
    base: str
    labels: list[str]
    seeds: dict[str, list[int]]
    table: Any  # pandas.DataFrame
    runs: Any  # pandas.DataFrame
    survival: dict[str, tuple[np.ndarray, np.ndarray]] = field(repr=False)
    files: list[Path] = field(default_factory=list)

    def row(self, metric: str, scenario: str) -> dict[str, Any]:
        t = self.table
        hit = t[(t["metric"] == metric) & (t["scenario"] == scenario)]
        if hit.empty:
            raise KeyError(f"no metric {metric!r} for scenario {scenario!r}")
        return hit.iloc[0].to_dict()


def _tabulate(labels: list[str], values: dict[str, list[dict[str, float]]]):
    import pandas as pd

    base = labels[0]
    metrics: list[str] = []
    for label in labels:
        for run in values[label]:
            metrics += [m for m in run if m not in metrics]
    main = [k for k, *_ in MAIN if k in metrics]
    metrics = main + sorted(m for m in metrics if m not in main)
    rows = []
    for m in metrics:
        b = [run.get(m, float("nan")) for run in values[base]]
        for i, label in enumerate(labels):
            v = np.array([run.get(m, float("nan")) for run in values[label]], float)
            present = v[~np.isnan(v)]
            row = {"metric": m, "scenario": label, "role": "base" if i == 0 else "reform",
                   "replicates": int(v.size), "n": int(present.size),
                   "mean": float(present.mean()) if present.size else float("nan"),
                   "sd": float(present.std(ddof=1)) if present.size > 1 else float("nan")}
            if i == 0:
                row.update({k: float("nan") for k in ("diff_mean", "diff_sd", "diff_ci95_low",
                                                      "diff_ci95_high", "diff_ci95_half")})
                row.update({"pairs": 0, "pairs_missing": 0})
            else:
                row.update(paired_interval(b, v))
            rows.append(row)
    return pd.DataFrame(rows)


def _labels(scenarios) -> list[str]:
    labels: list[str] = []
    for s in scenarios:
        label, k = s.name, 2
        while label in labels:
            label, k = f"{s.name} ({k})", k + 1
        labels.append(label)
    return labels


def compare(base, reforms, replicates: int = 20, seed: int = 1, out=None, workers: int = 1, *,
            overrides: Mapping[str, Any] | None = None, crn: bool = True, quiet: bool = False,
            progress: bool = False, on=None) -> Comparison:
    """Run ``base`` and every scenario in ``reforms`` ``replicates`` times and compare.

    Scenarios are names, paths, :class:`~sim.scenario.Scenario` objects or dicts of overrides.
    Replicate ``r`` runs with seed ``replicate_seeds(seed, R)[r]`` in every scenario (common
    random numbers); ``crn=False`` gives scenario ``i`` the seeds of ``seed + 1000·i`` instead, to measure what
    the pairing gains. ``on`` is a scenario (e.g. ``"calibrated"``) whose changes to the
    parameter table's defaults every scenario starts from: each scenario's own changes are set
    on top of them, so the reforms are compared on that scenario's world. ``overrides`` apply to
    every scenario last (e.g. a smaller region). The table
    is printed unless ``quiet``; files are written into ``out`` when it is given.
    Raises :class:`~sim.scenario.ScenarioError` for a scenario that cannot be used.
    """
    from sim.scenario import load_scenario

    if isinstance(reforms, (str, os.PathLike)) or not isinstance(reforms, Sequence):
        reforms = [reforms]
    if replicates < 1:
        raise ValueError("replicates must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    scenarios = [load_scenario(s) for s in [base, *reforms]]
    if on is not None:
        world = load_scenario(on).changed()
        scenarios = [s.with_overrides({**world, **s.changed()}, f"--on {on}") for s in scenarios]
    scenarios = [s.with_overrides(overrides, "overrides") for s in scenarios]
    labels = _labels(scenarios)
    from sim.run import replicate_seeds

    seeds = {label: list(replicate_seeds(seed + (0 if crn else INDEPENDENT_OFFSET * i), replicates))
             for i, label in enumerate(labels)}
    tasks = [(s, sd) for s, label in zip(scenarios, labels) for sd in seeds[label]]
    results = iter(_run_all(tasks, workers, progress))

    import pandas as pd

    values: dict[str, list[dict[str, float]]] = {}
    survival: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    run_rows = []
    for label in labels:
        values[label], durs, obs = [], [], []
        for r, sd in enumerate(seeds[label]):
            res = next(results)
            flat = flatten(res["summary"])
            values[label].append(flat)
            durs.append(res["durations"])
            obs.append(res["observed"])
            run_rows.append({"scenario": label, "replicate": r, "seed": sd, **flat})
        survival[label] = (np.concatenate(durs), np.concatenate(obs))
    result = Comparison(labels[0], labels, seeds, _tabulate(labels, values),
                        pd.DataFrame(run_rows), survival)
    if not quiet:
        print(format_table(result))
    if out is not None:
        result.files = write_outputs(result, Path(out))
        if not quiet:
            print(f"Outputs in {out}/: " + ", ".join(f.name for f in result.files))
    return result


# --- the screen table --------------------------------------------------------------------------

def _fmt(value: float, scale: float, decimals: int, sign: bool = False) -> str:
    if value is None or not np.isfinite(value):
        return "-"
    return f"{value * scale:{'+' if sign else ''}.{decimals}f}"


def format_table(result: Comparison) -> str:
    """Two compact tables of the main metrics: the means, and the paired differences."""
    t = result.table
    cols = [(k, head, scale, dec) for k, head, scale, dec in SHORT if k in set(t["metric"])]
    cells = {k: t[t["metric"] == k].set_index("scenario") for k, *_ in cols}
    reps = len(next(iter(result.seeds.values())))
    first = [s[0] for s in result.seeds.values()]
    crn = len(set(first)) == 1
    seeds = f"{reps} seeds derived from {result.seeds[next(iter(result.seeds))][0]}…" + (
        ", the same in every scenario" if crn else " for the base, other seeds per scenario")

    def grid(rows: list[list[str]]) -> list[str]:
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                          enumerate(zip(r, widths))).rstrip() for r in rows]

    header = [""] + [h for _, h, *_ in cols]
    means = [header] + [[s] + [_fmt(cells[k].loc[s, "mean"], sc, d) for k, _, sc, d in cols]
                        for s in result.labels]
    lines = [f"Mean over {reps} replicates ({seeds}):"] + grid(means)
    if len(result.labels) > 1:
        rows = [header]
        for s in result.labels[1:]:
            row = [s]
            for k, _, sc, d in cols:
                r = cells[k].loc[s]
                dd = d + 1 if d else 0  # differences are small: one decimal more
                text = _fmt(r["diff_mean"], sc, dd, sign=True)
                if np.isfinite(r["diff_ci95_half"]):
                    text += "±" + _fmt(r["diff_ci95_half"], sc, dd)
                    text += "*" if (r["diff_ci95_low"] > 0 or r["diff_ci95_high"] < 0) else " "
                else:
                    text += " "
                row.append(text)
            rows.append(row)
        what = "Paired difference" if crn else "Difference (independent seeds, not paired)"
        lines += ["", f"{what} to {result.base} (mean ± 95% half-width over replicate "
                      f"pairs; * = the interval excludes 0):"] + grid(rows)
    notes = []
    for k, head, *_ in cols:
        for s in result.labels:
            r = cells[k].loc[s]
            if r["n"] < r["replicates"]:
                notes.append(f"{head}: missing in {r['replicates'] - r['n']} of {r['replicates']} "
                             f"replicates of {s} (median not reached)")
            if s != result.base and r["pairs_missing"]:
                notes.append(f"{head}: the difference {s} - {result.base} uses {r['pairs']} of "
                             f"{r['replicates']} replicate pairs")
    if notes:
        lines += [""] + ["Note: " + n for n in notes]
    actors = format_actors(result)
    if actors:
        lines += ["", actors]
    from sim.metrics import RMST_HORIZON_DAYS

    lines += ["", "median d: time to stability from first contact, Kaplan-Meier median (days); "
                  f"RMST d: its restricted mean over the first {RMST_HORIZON_DAYS:.0f} days;",
              "stable %: households stable at the end; handoffs: cold handoffs (the dossier "
              "lost); orgs (organisations met), dead ends, retellings: per household;",
              "diseng. %: disengaged households; cost M EUR: societal (resource) cost after the "
              "warm-up; transf. M: benefits paid to households. Every metric: comparison.csv."]
    return "\n".join(lines)


def format_actors(result: Comparison) -> str:
    """Who pays, who gains: each actor's net cost in the base (EUR million, mean) and the paired
    difference of each reform (above 0: the actor pays more; below 0: it gains). Transfers
    count against the actor paying them and for the households receiving them, so the rows sum
    to the societal (resource) cost. Empty when the runs have no by_actor table."""
    from sim.domains import ACTORS

    t = result.table
    keys = {a: ACTOR_METRIC.format(actor=a) for a in ACTORS}
    if not set(keys.values()) <= set(t["metric"]):
        return ""
    cells = {a: t[t["metric"] == k].set_index("scenario") for a, k in keys.items()}
    total = t[t["metric"] == "societal_cost_eur"].set_index("scenario")
    reforms = result.labels[1:]
    head = ["actor (net cost, EUR million)", result.base] + [f"{s} - {result.base}" for s in reforms]

    def row(name: str, c) -> list[str]:
        out = [name, _fmt(c.loc[result.base, "mean"], 1e-6, 2)]
        for s in reforms:
            r = c.loc[s]
            text = _fmt(r["diff_mean"], 1e-6, 3, sign=True)
            if np.isfinite(r["diff_ci95_half"]):
                text += "±" + _fmt(r["diff_ci95_half"], 1e-6, 3)
                text += "*" if (r["diff_ci95_low"] > 0 or r["diff_ci95_high"] < 0) else " "
            out.append(text)
        return out

    rows = [head] + [row(a.replace("_", " "), cells[a]) for a in ACTORS] + \
        [row("society (sum: resource cost)", total)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    grid = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                      enumerate(zip(r, widths))).rstrip() for r in rows]
    return "\n".join(["Who pays, who gains (net cost per actor: resources + transfers paid - "
                      "transfers received; mean ± 95% half-width; * = excludes 0):"] + grid)


# --- files -------------------------------------------------------------------------------------

def write_outputs(result: Comparison, out: Path) -> list[Path]:
    """comparison.csv, replicates.csv and the three plots; returns the files written."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    files = [out / "comparison.csv", out / "replicates.csv"]
    result.table.to_csv(files[0], index=False)
    result.runs.to_csv(files[1], index=False)
    for name, draw in (("differences.png", _plot_differences), ("survival.png", _plot_survival),
                       ("cost_by_pot.png", _plot_pots)):
        fig = draw(result, plt)
        path = out / name
        fig.savefig(path, dpi=110)
        plt.close(fig)
        files.append(path)
    return files


def _colours(n: int):
    import matplotlib

    cmap = matplotlib.colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


def _subtitle(result: Comparison) -> str:
    reps = len(next(iter(result.seeds.values())))
    return f"{reps} replicates, paired by seed; bars: 95% t-interval of the paired difference"


def _plot_differences(result: Comparison, plt):
    t = result.table
    reforms = result.labels[1:]
    meta = {k: (label, unit, scale) for k, label, unit, scale, _ in MAIN}
    metrics = [m for m in PLOTTED if m in set(t["metric"])]
    ncols = 4
    nrows = -(-len(metrics) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(15, 1.2 + nrows * (0.9 + 0.32 * max(1, len(reforms)))),
                             squeeze=False, sharey=True)
    colours = _colours(len(result.labels))[1:]
    y = np.arange(len(reforms))[::-1]
    for ax, m in zip(axes.flat, metrics):
        label, unit, scale = meta[m]
        rows = t[(t["metric"] == m) & (t["role"] == "reform")].set_index("scenario")
        for yi, s, col in zip(y, reforms, colours):
            r = rows.loc[s]
            mean, half = r["diff_mean"] * scale, r["diff_ci95_half"] * scale
            if np.isfinite(mean):
                ax.errorbar(mean, yi, xerr=half if np.isfinite(half) else None, fmt="o",
                            color=col, capsize=3)
                if r["pairs_missing"]:
                    ax.annotate(f"n={int(r['pairs'])}", (mean, yi), textcoords="offset points",
                                xytext=(0, 5), fontsize=7, ha="center")
            else:
                ax.text(0.5, yi, "no replicate pairs (median not reached)", fontsize=7,
                        ha="center", va="center", color="grey",
                        transform=ax.get_yaxis_transform())
        ax.axvline(0, color="grey", lw=0.8)
        ax.set_title(f"{label} ({unit})", fontsize=9)
        ax.set_yticks(y, reforms if reforms else [])
        ax.tick_params(labelsize=8)
        ax.grid(axis="x", alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    fig.suptitle(f"Reform minus {result.base}\n{_subtitle(result)}", fontsize=10)
    fig.tight_layout()
    return fig


def _plot_survival(result: Comparison, plt):
    from sim.metrics import kaplan_meier
    from sim.stats import km_median_interval

    fig, (ax, dx) = plt.subplots(2, 1, figsize=(9, 7.5), sharex=True,
                                 gridspec_kw={"height_ratios": [2, 1]})
    curves = {label: kaplan_meier(dur, obs) for label, (dur, obs) in result.survival.items()}
    end = min(times[-1] for times, _ in curves.values())
    grid = np.linspace(0.0, end, 400)

    def at(times, surv):
        return surv[np.searchsorted(times, grid, side="right") - 1]

    base = at(*curves[result.base])
    for (label, (dur, obs)), col in zip(result.survival.items(), _colours(len(result.labels))):
        times, surv = curves[label]
        m = km_median_interval(dur, obs)
        text = "not reached" if m["median"] is None else f"{m['median']:.0f} d, 95% CI " + "–".join(
            "open" if v is None else f"{v:.0f}" for v in (m["low"], m["high"]))
        lw = 2.0 if label == result.base else 1.3
        ax.step(times, surv, where="post", color=col, lw=lw,
                label=f"{label} (n={dur.size}, median {text})")
        if label != result.base:
            dx.plot(grid, at(times, surv) - base, color=col, lw=1.3)
    ax.axhline(0.5, color="grey", lw=0.6, ls=":")
    ax.set_ylabel("share not yet stable (Kaplan-Meier)")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(left=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    reps = len(next(iter(result.seeds.values())))
    ax.set_title(f"Time to stability, households of all {reps} replicates pooled per scenario",
                 fontsize=10)
    dx.axhline(0, color="grey", lw=0.8)
    dx.set_ylabel(f"minus {result.base}\n(below 0: stable sooner)", fontsize=9)
    dx.set_xlabel("days since first contact")
    dx.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def _plot_pots(result: Comparison, plt):
    t = result.table
    pot_rows = t[t["metric"].str.startswith("cost_by_pot.")]
    pots = list(dict.fromkeys(m.split(".", 1)[1] for m in pot_rows["metric"]))
    labels = result.labels
    colours = _colours(len(labels))
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 5.5), layout="constrained",
                                      gridspec_kw={"width_ratios": [1, 1.5]})
    # left: cost by pot per scenario, stacked
    pot_colours = [plt.get_cmap("tab20")(i % 20) for i in range(len(pots))]
    x = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    for pot, col in zip(pots, pot_colours):
        rows = pot_rows[pot_rows["metric"] == f"cost_by_pot.{pot}"].set_index("scenario")
        vals = np.nan_to_num(rows.loc[labels, "mean"].to_numpy(float)) * 1e-6
        left.bar(x, vals, bottom=bottom, color=col, label=pot, width=0.7)
        bottom += vals
    left.set_xticks(x, labels, rotation=30, ha="right", fontsize=8)
    left.set_ylabel("EUR million over the run (after warm-up), mean")
    left.set_title("Who pays: cost by pot", fontsize=10)
    handles, names = left.get_legend_handles_labels()
    left.legend(handles[::-1], names[::-1], fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    left.set_xlim(-0.6, len(labels) - 0.4)
    # right: paired difference per pot, one bar per reform
    reforms = labels[1:]
    if reforms:
        width = 0.8 / len(reforms)
        xp = np.arange(len(pots))
        for j, (s, col) in enumerate(zip(reforms, colours[1:])):
            rows = pot_rows[pot_rows["scenario"] == s].set_index("metric")
            keys = [f"cost_by_pot.{p}" for p in pots]
            mean = rows.loc[keys, "diff_mean"].to_numpy(float) * 1e-6
            half = rows.loc[keys, "diff_ci95_half"].to_numpy(float) * 1e-6
            right.bar(xp - 0.4 + width * (j + 0.5), mean, width=width, color=col, label=s,
                      yerr=np.where(np.isfinite(half), half, 0), capsize=2,
                      error_kw={"lw": 0.8})
        right.axhline(0, color="grey", lw=0.8)
        right.set_xticks(xp, pots, rotation=30, ha="right", fontsize=8)
        right.set_ylabel(f"EUR million, reform minus {result.base}")
        right.set_title("Paired difference per pot: above 0 pays more, below 0 gains", fontsize=10)
        right.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        right.grid(axis="y", alpha=0.3)
    else:
        right.set_visible(False)
    fig.suptitle(_subtitle(result), fontsize=9)
    return fig


# --- command line ------------------------------------------------------------------------------

def default_out(base: str, reforms: Sequence[str]) -> Path:
    def stem(ref: str) -> str:
        return Path(ref).stem if str(ref).endswith(".toml") else Path(ref).name

    name = f"compare-{stem(base)}-vs-{'_'.join(stem(r) for r in reforms)}"
    if len(name) > 100:  # keep folder names short: a readable start and a digest of the rest
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = f"{name[:80]}-{digest}"
    return Path("results") / name


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "compare", help="compare reform scenarios with a base, paired by common random numbers",
        description="Run BASE and each REFORM with the same seeds (replicate r: the r-th seed derived from --seed) and report "
                    "each metric's mean and the paired difference to BASE with a 95% t-interval "
                    "(see docs/compare.md).")
    p.add_argument("base", metavar="BASE", help="base scenario name or TOML file")
    p.add_argument("reforms", nargs="+", metavar="REFORM", help="scenario names or TOML files")
    from sim.cli import add_set_option, seed_type

    p.add_argument("--replicates", type=int, default=20, metavar="R",
                   help=f"replicates per scenario, 1 to {MAX_REPLICATES:,} (default 20)")
    p.add_argument("--seed", type=seed_type, default=1, metavar="N",
                   help="the seed replicate seeds are derived from, 0 to 2**64-1 (default 1)")
    p.add_argument("--out", metavar="DIR", help="output folder (default results/compare-<base>-vs-<reforms>)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1); the "
                                                          "results do not depend on it")
    p.add_argument("--independent-seeds", action="store_true",
                   help="give each scenario its own seeds (derived from seed+1000*i) instead of common "
                        "random numbers; only to measure what the pairing gains")
    p.add_argument("--on", metavar="SCENARIO", help="compare on this scenario's world (e.g. "
                   "calibrated): every scenario starts from its parameter values, with its own "
                   "changes on top")
    add_set_option(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar and no table; the "
                   "outputs are still written")
    p.set_defaults(func=main)
    return p


def main(args: argparse.Namespace) -> int:
    from sim.cli import UsageError, check_out, parse_sets, progress_enabled
    from sim.scenario import ScenarioError

    for flag, value, hi in (("--replicates", args.replicates, MAX_REPLICATES),
                            ("--workers", args.workers, MAX_WORKERS)):
        if not 1 <= value <= hi:
            print(f"sim compare: {flag} {value}: give a whole number from 1 to {hi:,}.",
                  file=sys.stderr)
            return EXIT_USAGE
    out = Path(args.out) if args.out else default_out(args.base, args.reforms)
    try:
        check_out(out)
        compare(args.base, args.reforms, replicates=args.replicates, seed=args.seed, out=out,
                workers=args.workers, crn=not args.independent_seeds,
                overrides=parse_sets(getattr(args, "set", None)) or None, quiet=args.quiet,
                progress=progress_enabled(args.quiet), on=args.on)
    except (ScenarioError, UsageError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
