"""Global sensitivity analysis with SALib, for any evaluator: sample, evaluate, analyse, write.

    plan = Plan(names=("x1", "x2"), bounds=((0, 1), (0, 10)), method="sobol", n=1024)
    analysis = run_analysis(plan, evaluate, "results/demo", title="demo")

``evaluate(rows)`` gets one dict {name: value} per design row and returns {output: array of
shape (rows, replicates)}. Indices are computed on the mean over replicates per row; the spread
between replicates is reported as noise (see :func:`noise_table`). The model's evaluator lives
in :mod:`sim.analysis.sensitivity`; the tests run this same pipeline on the Ishigami function.

Sampling is done on the unit hypercube (``SALib.sample.sobol`` or ``SALib.sample.morris``) and
mapped onto each parameter's [low, high]. A whole-number parameter takes
``low + floor(u * (high - low + 1))`` (one stratum per whole number, as ``sim sweep`` samples).
Morris elementary effects are thus changes of the output per whole range of a parameter.

Intervals: S1, ST, S2 and mu* come from SALib's bootstrap (index ± z·sd of the resamples);
mu and sigma get the same kind of interval from resampling the trajectories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

METHODS = ("morris", "sobol")
SOBOL_MATTERS = 0.05  # a total index below this is "minor"
MORRIS_MATTERS = 0.1  # a mu* below this share of the largest is "minor"
LABELLED = 12  # parameters named in a Morris plot
Evaluator = Callable[[list[dict[str, Any]]], Mapping[str, np.ndarray]]


@dataclass(frozen=True)
class Plan:
    """What to sample and how to analyse it."""
    names: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    method: str = "sobol"
    integer: tuple[bool, ...] = ()  # per name; default all False
    seed: int = 1
    trajectories: int = 10  # morris
    levels: int = 4
    candidates: int | None = None  # morris: choose the trajectories from this many
    n: int = 256  # sobol: base sample, a power of two
    second_order: bool = False
    resamples: int = 1000  # bootstrap
    confidence: float = 0.95

    def problem(self) -> dict[str, Any]:
        return {"num_vars": len(self.names), "names": list(self.names),
                "bounds": [[0.0, 1.0]] * len(self.names)}

    def is_integer(self, i: int) -> bool:
        return bool(self.integer and self.integer[i])

    def size(self) -> int:
        k = len(self.names)
        if self.method == "morris":
            return self.trajectories * (k + 1)
        return self.n * (2 * k + 2 if self.second_order else k + 2)


@dataclass(frozen=True)
class Design:
    unit: np.ndarray  # rows x parameters, in [0, 1]
    rows: list[dict[str, Any]]  # the same rows as parameter values


@dataclass
class Analysis:
    plan: Plan
    indices: pd.DataFrame  # output, parameter, index, value, ci_low, ci_high
    noise: pd.DataFrame  # one row per output
    ranking: pd.DataFrame  # output, rank, parameter, index, value, ci_low, ci_high,
    #                        noise_floor, verdict
    skipped: dict[str, str] = field(default_factory=dict)  # output -> why it was not analysed
    caveats: dict[str, str] = field(default_factory=dict)  # output -> what was left out

    def matters(self, output: str) -> list[str]:
        r = self.ranking
        return list(r[(r["output"] == output) & (r["verdict"] == "matters")]["parameter"])


def _seed(seed: int, purpose: int) -> int:
    return int(np.random.SeedSequence([seed, purpose]).generate_state(1)[0]) or 1


def to_values(plan: Plan, unit: np.ndarray) -> list[dict[str, Any]]:
    """Unit-cube rows as parameter values (whole numbers for integer parameters)."""
    rows = []
    for u in unit:
        row = {}
        for i, (name, (lo, hi)) in enumerate(zip(plan.names, plan.bounds)):
            if plan.is_integer(i):
                row[name] = int(lo + min(math.floor(u[i] * (hi - lo + 1)), hi - lo))
            else:
                row[name] = float(f"{lo + u[i] * (hi - lo):.6g}")
        rows.append(row)
    return rows


def make_design(plan: Plan) -> Design:
    """The SALib sample for the plan, on the unit cube and as parameter values."""
    if plan.method == "morris":
        from SALib.sample import morris

        unit = morris.sample(plan.problem(), plan.candidates or plan.trajectories,
                             num_levels=plan.levels, seed=_seed(plan.seed, 0x3A0),
                             optimal_trajectories=plan.trajectories if plan.candidates else None)
    else:
        from SALib.sample import sobol

        unit = sobol.sample(plan.problem(), plan.n, calc_second_order=plan.second_order,
                            seed=_seed(plan.seed, 0x5B0))
    return Design(unit, to_values(plan, unit))


# --- analysis -----------------------------------------------------------------------------------

def noise_components(y: np.ndarray) -> dict[str, float]:
    """Two-way ANOVA of runs (rows x replicates, complete rows only): y = a_row + b_rep + e.

    a: the parameters' effect; b: noise common to all rows (replicate r has the same seed at
    every row), which shifts every row mean alike and so cancels in the indices; e: noise
    particular to a row and replicate. Returns the three variance components, noise_share
    = (b + e) / (a + b + e) (of single runs) and noise_share_of_means = e / replicates over
    the variance of the row means the indices use (at most 1)."""
    y = y[np.isfinite(y).all(axis=1)]
    n, reps = y.shape
    nan = {k: math.nan for k in ("parameters", "common_noise", "row_noise", "noise_share",
                                 "noise_share_of_means")}
    if n < 2 or reps < 2:
        return nan
    row, rep, grand = y.mean(axis=1), y.mean(axis=0), y.mean()
    ms_rows = reps * ((row - grand) ** 2).sum() / (n - 1)
    ms_reps = n * ((rep - grand) ** 2).sum() / (reps - 1)
    ms_res = ((y - row[:, None] - rep[None, :] + grand) ** 2).sum() / ((n - 1) * (reps - 1))
    a, b, e = max(0.0, (ms_rows - ms_res) / reps), max(0.0, (ms_reps - ms_res) / n), ms_res
    total = a + b + e
    return {"parameters": a, "common_noise": b, "row_noise": e,
            "noise_share": (b + e) / total if total > 0 else math.nan,
            "noise_share_of_means": min(1.0, ms_res / ms_rows) if ms_rows > 0 else math.nan}


def noise_table(outputs: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Per output: rows, replicates, runs with a value and :func:`noise_components`."""
    rows = []
    for name, y in outputs.items():
        y = np.asarray(y, float)
        rows.append({"output": name, "rows": len(y), "replicates": y.shape[1],
                     "runs_with_value": int(np.isfinite(y).sum()),
                     "complete_rows": int(np.isfinite(y).all(axis=1).sum()),
                     **noise_components(y)})
    return pd.DataFrame(rows)


def _interval(value, half):
    value, half = np.asarray(value, float), np.asarray(half, float)
    return value - half, value + half


def _rows(output, names, index, value, half) -> list[dict[str, Any]]:
    lo, hi = _interval(value, half)
    return [{"output": output, "parameter": n, "index": index, "value": float(v),
             "ci_low": float(a), "ci_high": float(b)} for n, v, a, b in zip(names, value, lo, hi)]


def _sobol(plan: Plan, y: np.ndarray, floor: float) -> tuple[list[dict], np.ndarray]:
    from SALib.analyze import sobol

    si = sobol.analyze(plan.problem(), y, calc_second_order=plan.second_order,
                       num_resamples=plan.resamples, conf_level=plan.confidence,
                       seed=_seed(plan.seed, 0xB007))
    rows = _rows("", plan.names, "S1", si["S1"], si["S1_conf"])
    rows += _rows("", plan.names, "ST", si["ST"], si["ST_conf"])
    if plan.second_order:
        k = len(plan.names)
        pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
        rows += _rows("", [f"{plan.names[i]} x {plan.names[j]}" for i, j in pairs], "S2",
                      [si["S2"][i, j] for i, j in pairs], [si["S2_conf"][i, j] for i, j in pairs])
    return rows, np.full(len(plan.names), floor)


def elementary_effects(plan: Plan, unit: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Morris elementary effects per parameter and trajectory: (k, trajectories, *y.shape[1:]).
    Each step of a trajectory moves one parameter; its effect is Δy / Δu."""
    k = len(plan.names)
    steps = np.diff(unit.reshape(plan.trajectories, k + 1, k), axis=1)  # (t, k, k)
    dy = np.diff(y.reshape(plan.trajectories, k + 1, *y.shape[1:]), axis=1)  # (t, k, ...)
    moved = np.argmax(np.abs(steps), axis=2)  # (t, k): which parameter each step moved
    du = np.take_along_axis(steps, moved[..., None], axis=2)[..., 0]
    ee = np.empty((k, plan.trajectories, *y.shape[1:]))
    for t in range(plan.trajectories):
        ee[moved[t], t] = dy[t] / du[t].reshape(-1, *[1] * (y.ndim - 1))
    return ee


def _morris(plan: Plan, unit: np.ndarray, y: np.ndarray, runs: np.ndarray):
    from SALib.analyze import morris
    from scipy.stats import norm

    si = morris.analyze(plan.problem(), unit, y, num_resamples=plan.resamples,
                        conf_level=plan.confidence, num_levels=plan.levels,
                        seed=_seed(plan.seed, 0xB007))
    ee = elementary_effects(plan, unit, y)
    rng = np.random.default_rng(_seed(plan.seed, 0xB008))
    pick = rng.integers(0, plan.trajectories, (plan.resamples, plan.trajectories))
    boot = ee[:, pick]  # (k, resamples, trajectories)
    z = norm.ppf(0.5 + plan.confidence / 2)
    rows = _rows("", plan.names, "mu_star", si["mu_star"], si["mu_star_conf"])
    rows += _rows("", plan.names, "mu", si["mu"], z * boot.mean(axis=2).std(axis=1, ddof=1))
    rows += _rows("", plan.names, "sigma", si["sigma"],
                  z * boot.std(axis=2, ddof=1).std(axis=1, ddof=1))
    # noise floor: mu* of a parameter without effect, E|N(0, se^2)|, from per-replicate effects
    floor = np.zeros(len(plan.names))
    if runs.shape[1] > 1:
        import warnings

        per_rep = elementary_effects(plan, unit, runs)  # (k, t, R)
        with warnings.catch_warnings():  # a step with under two replicates has no spread
            warnings.simplefilter("ignore", RuntimeWarning)
            se2 = np.nanvar(per_rep, axis=2, ddof=1) / np.isfinite(per_rep).sum(axis=2)
            floor = math.sqrt(2 / math.pi) * np.sqrt(np.nanmean(se2, axis=1))
        floor = np.nan_to_num(floor)
    return rows, floor


def _verdicts(plan: Plan, output: str, table: pd.DataFrame, floor: np.ndarray) -> pd.DataFrame:
    key = "mu_star" if plan.method == "morris" else "ST"
    r = table[table["index"] == key].copy()
    r["noise_floor"] = floor
    top = r["value"].max()
    big = r["value"] >= (MORRIS_MATTERS * top if key == "mu_star" else SOBOL_MATTERS)
    clear = r["ci_low"] > r["noise_floor"]
    r["verdict"] = np.where(clear & big, "matters", np.where(clear, "minor", "negligible"))
    r = r.sort_values("value", ascending=False, kind="stable")
    r.insert(1, "rank", range(1, len(r) + 1))
    return r.drop(columns="output").assign(output=output)[
        ["output", "rank", "parameter", "index", "value", "ci_low", "ci_high", "noise_floor",
         "verdict"]]


def analyse(plan: Plan, design: Design, outputs: Mapping[str, np.ndarray]) -> Analysis:
    """Indices with intervals, noise shares and verdicts per output. A Morris trajectory or a
    Sobol base sample (with its cross rows) with a row that has no value in any replicate is
    left out and said so; an output with fewer than two complete ones, or that never varies, is
    skipped."""
    noise = noise_table(outputs)
    analysis = Analysis(plan, pd.DataFrame(), noise, pd.DataFrame())
    indices, ranking = [], []
    blocks = plan.trajectories if plan.method == "morris" else plan.n
    for name, runs in outputs.items():
        runs = np.asarray(runs, float).reshape(len(design.rows), -1)
        y = np.array([np.nan if np.isnan(r).all() else np.nanmean(r) for r in runs])
        keep = np.isfinite(y.reshape(blocks, -1)).all(axis=1)
        what = "trajectories" if plan.method == "morris" else "base samples"
        if keep.sum() < 2:
            analysis.skipped[name] = (f"{(~keep).sum()} of {blocks} {what} have a design row "
                                      f"without a value in any replicate: a median that was "
                                      f"never reached, or failed runs")
            continue
        rows = np.repeat(keep, len(y) // blocks)
        if np.ptp(y[rows]) == 0:
            analysis.skipped[name] = "the output is the same at every design row"
            continue
        if not keep.all():
            analysis.caveats[name] = (f"{(~keep).sum()} of {blocks} {what} left out: a row had no "
                                      f"value in any replicate (a median never reached, or failed "
                                      f"runs); the indices describe the rest and may be biased")
        if plan.method == "sobol":
            share = noise.set_index("output").at[name, "noise_share_of_means"]
            found, floor = _sobol(plan, y[rows], share if np.isfinite(share) else 0.0)
        else:
            found, floor = _morris(replace(plan, trajectories=int(keep.sum())),
                                   design.unit[rows], y[rows], runs[rows])
        table = pd.DataFrame(found).assign(output=name)
        indices.append(table)
        ranking.append(_verdicts(plan, name, table, floor))
    cols = ["output", "parameter", "index", "value", "ci_low", "ci_high"]
    analysis.indices = (pd.concat(indices, ignore_index=True)[cols] if indices
                        else pd.DataFrame(columns=cols))
    analysis.ranking = pd.concat(ranking, ignore_index=True) if ranking else pd.DataFrame(
        columns=["output", "rank", "parameter", "index", "value", "ci_low", "ci_high",
                 "noise_floor", "verdict"])
    return analysis


def run_analysis(plan: Plan, evaluate: Evaluator, folder: "str | Path", *, title: str,
                 design: Design | None = None, notes: Sequence[str] = ()) -> Analysis:
    """The whole pipeline: sample (unless a design is given), evaluate, analyse, write."""
    design = design if design is not None else make_design(plan)
    outputs = {k: np.asarray(v, float).reshape(len(design.rows), -1)
               for k, v in evaluate(design.rows).items()}
    analysis = analyse(plan, design, outputs)
    write_outputs(analysis, Path(folder), title=title, notes=notes)
    return analysis


# --- tables, plots and the report ----------------------------------------------------------------

def _fmt(v: float) -> str:
    if not np.isfinite(v):
        return "n/a"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def _safe(name: str) -> str:
    return name.replace("/", "_").replace(" ", "_")


def _plot_sobol(analysis: Analysis, output: str, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = analysis.indices[analysis.indices["output"] == output]
    order = analysis.ranking[analysis.ranking["output"] == output]["parameter"].tolist()[:30]
    floor = analysis.ranking[analysis.ranking["output"] == output]["noise_floor"].max()
    y = np.arange(len(order))[::-1]
    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * len(order)))
    for shift, index, colour in ((0.2, "S1", "tab:blue"), (-0.2, "ST", "tab:orange")):
        s = t[t["index"] == index].set_index("parameter").loc[order]
        err = [s["value"] - s["ci_low"], s["ci_high"] - s["value"]]
        ax.barh(y + shift, s["value"], height=0.38, xerr=err, capsize=3, color=colour,
                label=f"{index} ({'first order' if index == 'S1' else 'total'})")
    if floor > 0:
        ax.axvline(floor, color="grey", ls="--", lw=1, label="replicate noise floor (ST)")
    ax.axvline(0, color="black", lw=0.6)
    ax.set_yticks(y, order, fontsize=8)
    ax.set_xlabel(f"Sobol index; whiskers: {analysis.plan.confidence:.0%} bootstrap interval")
    ax.set_title(output, fontsize=10)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_morris(analysis: Analysis, output: str, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = analysis.indices[analysis.indices["output"] == output].pivot(
        index="parameter", columns="index", values=["value", "ci_low", "ci_high"])
    r = analysis.ranking[analysis.ranking["output"] == output].set_index("parameter")
    mu, sigma = t["value"]["mu_star"], t["value"]["sigma"]
    fig, (ax, side) = plt.subplots(1, 2, figsize=(9.5, 5), gridspec_kw={"width_ratios": [3, 1.4]})
    colours = {"matters": "tab:red", "minor": "tab:blue", "negligible": "lightgrey"}
    for verdict, colour in colours.items():
        names = r.index[r["verdict"] == verdict]
        if len(names):
            ax.errorbar(mu[names], sigma[names], xerr=mu[names] - t["ci_low"]["mu_star"][names],
                        fmt="o", ms=4, color=colour, ecolor=colour, elinewidth=0.8,
                        label=f"{verdict} ({len(names)})")
    xmax = max(float(t["ci_high"]["mu_star"].max()), 1e-12) * 1.05
    ymax = max(float(sigma.max()), 1e-12) * 1.15
    for c in (0.1, 0.5, 1.0):  # sigma/mu*: near-linear, monotonic, non-linear or interacting
        end = (xmax, c * xmax) if c * xmax <= ymax else (ymax / c, ymax)
        ax.plot([0, end[0]], [0, end[1]], color="grey", lw=0.6, ls=":")
        ax.annotate(f"σ/μ* = {c:g}", end, fontsize=6, color="grey", ha="right", va="top",
                    xytext=(-3, -3), textcoords="offset points")
    floor = float(np.median(r["noise_floor"]))
    if floor > 0:
        ax.axvline(floor, color="grey", ls="--", lw=1, label="replicate noise (median floor)")
    top = list(r.index[:LABELLED])
    for i, name in enumerate(top, 1):
        ax.annotate(str(i), (mu[name], sigma[name]), fontsize=7, fontweight="bold",
                    xytext=(3, 3), textcoords="offset points")
    side.axis("off")
    side.text(0, 1, "\n".join(f"{i:>2}  {name}" for i, name in enumerate(top, 1)),
              va="top", fontsize=7, family="monospace", transform=side.transAxes)
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    ax.set_xlabel(f"μ* (mean |elementary effect| per whole range); "
                  f"bars: {analysis.plan.confidence:.0%} interval", fontsize=8)
    ax.set_ylabel("σ (spread of the elementary effects)", fontsize=8)
    ax.set_title(output, fontsize=10)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _section(analysis: Analysis, output: str, plot: str) -> list[str]:
    plan = analysis.plan
    n = analysis.noise.set_index("output").loc[output]
    lines = [f"## {output}", ""]
    if output in analysis.skipped:
        return lines + [f"Not analysed: {analysis.skipped[output]}.", ""]
    if output in analysis.caveats:
        lines += [f"Note: {analysis.caveats[output]}.", ""]
    if np.isfinite(n["noise_share"]):
        common = n["common_noise"] / (n["common_noise"] + n["row_noise"] or 1)
        lines += [f"Replicate noise: {n['noise_share']:.1%} of the variance between single runs "
                  f"({common:.0%} of that noise is common to all rows and cancels out); "
                  f"{n['noise_share_of_means']:.1%} of the variance between the means of "
                  f"{int(n['replicates'])} replicates that the indices use.", ""]
    else:
        lines += ["Replicate noise is not estimated (one replicate, or fewer than two rows with "
                  "every replicate); no noise floor.", ""]
    r = analysis.ranking[analysis.ranking["output"] == output]
    t = analysis.indices[analysis.indices["output"] == output].set_index(["parameter", "index"])
    pct = f"{plan.confidence:.0%}"
    if plan.method == "sobol":
        head = f"| rank | parameter | ST [{pct}] | S1 [{pct}] | verdict |"
        other = "S1"
    else:
        head = f"| rank | parameter | μ* [{pct}] | σ [{pct}] | verdict |"
        other = "sigma"
    lines += [head, "| ---: | --- | --- | --- | --- |"]
    for row in r.head(15).itertuples():
        o = t.loc[(row.parameter, other)]
        lines.append(f"| {row.rank} | {row.parameter} | {_fmt(row.value)} [{_fmt(row.ci_low)}, "
                     f"{_fmt(row.ci_high)}] | {_fmt(o['value'])} [{_fmt(o['ci_low'])}, "
                     f"{_fmt(o['ci_high'])}] | {row.verdict} |")
    if len(r) > 15:
        lines.append(f"| | ({len(r) - 15} more in ranking.csv) | | | |")
    groups = {v: r[r["verdict"] == v]["parameter"].tolist()
              for v in ("matters", "minor", "negligible")}
    lines += ["", f"**Matters:** {', '.join(groups['matters']) or 'none'}."]
    if groups["minor"]:
        lines.append(f"Small but distinguishable from noise: {', '.join(groups['minor'])}.")
    if len(groups["negligible"]) > 30:
        lines.append(f"Indistinguishable from noise: {len(groups['negligible'])} parameters "
                     f"(ranking.csv lists them).")
    elif groups["negligible"]:
        lines.append(f"Indistinguishable from noise ({len(groups['negligible'])}): "
                     f"{', '.join(groups['negligible'])}.")
    if plan.method == "sobol":
        s1 = t.xs("S1", level="index")["value"].sum()
        lines.append(f"First-order indices add up to {s1:.2f}; the rest of the variance comes "
                     f"from interactions{' and replicate noise' if n['replicates'] > 1 else ''}"
                     f" (S2 in indices.csv).")
        if plan.second_order:
            s2 = t.xs("S2", level="index")
            clear = s2[s2["ci_low"] > 0].sort_values("value", ascending=False)
            lines.append("Second-order interactions above zero: " + (", ".join(
                f"{pair} {_fmt(v)} [{_fmt(lo)}, {_fmt(hi)}]" for pair, v, lo, hi in zip(
                    clear.index, clear["value"], clear["ci_low"], clear["ci_high"])) or "none")
                + ".")
    return lines + ["", f"![{output}]({plot})", ""]


def write_outputs(analysis: Analysis, folder: Path, *, title: str,
                  notes: Sequence[str] = ()) -> list[Path]:
    """indices.csv, noise.csv, ranking.csv, one plot per output and report.md, into folder."""
    plan = analysis.plan
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "indices.csv", folder / "noise.csv", folder / "ranking.csv"]
    analysis.indices.to_csv(written[0], index=False)
    analysis.noise.to_csv(written[1], index=False)
    analysis.ranking.to_csv(written[2], index=False)
    if plan.method == "sobol":
        how = (f"Sobol indices (first{', second' if plan.second_order else ''} and total order), "
               f"base sample n = {plan.n}")
        verdict = (f"*matters*: total index ST ≥ {SOBOL_MATTERS} and its interval above the "
                   f"noise floor (the share of the means' variance that is replicate noise)")
    else:
        how = f"Morris elementary effects, {plan.trajectories} trajectories, {plan.levels} levels"
        verdict = (f"*matters*: μ* ≥ {MORRIS_MATTERS:.0%} of the largest μ* and its interval "
                   f"above the noise floor (the μ* a parameter without effect would get from "
                   f"replicate noise)")
    lines = [f"# Sensitivity analysis: {title}", ""]
    lines += [line for note in notes if note for line in (note, "")]
    lines += [f"Method: {how}; {len(plan.names)} parameters; {plan.size()} design rows; "
              f"{plan.confidence:.0%} bootstrap intervals from {plan.resamples} resamples.", "",
              f"Verdicts: {verdict}; *minor*: above the floor but smaller; *negligible*: "
              f"indistinguishable from noise. Tables: indices.csv (every index with its interval), "
              f"ranking.csv, noise.csv.", "", "## Parameters that matter", ""]
    for output in analysis.noise["output"]:
        if output in analysis.skipped:
            lines.append(f"- **{output}**: not analysed ({analysis.skipped[output]}).")
        else:
            lines.append(f"- **{output}**: {', '.join(analysis.matters(output)) or 'none'}"
                         f"{' (see the note below)' if output in analysis.caveats else ''}.")
    lines.append("")
    for output in analysis.noise["output"]:
        plot = f"{plan.method}-{_safe(output)}.png"
        if output not in analysis.skipped:
            plotter = _plot_sobol if plan.method == "sobol" else _plot_morris
            plotter(analysis, output, folder / plot)
            written.append(folder / plot)
        lines += _section(analysis, output, plot)
    path = folder / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return [*written, path]
