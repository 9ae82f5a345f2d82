"""The outputs of ``sim calibrate``: posterior tables, prior-against-posterior plots, the fit
report (every target against the calibrated model) and the calibrated scenario file."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .abc import weighted_quantile
from .targets import JOURNEYS

LOW_Q, HIGH_Q = 0.05, 0.95  # a 90% interval
METHOD_NAMES = {"smc": "adaptive population Monte Carlo (APMC)",
                "replenish": "replenishment ABC-SMC (Drovandi & Pettitt 2011: equal weights, "
                             "one Metropolis-Hastings move per replenished particle)",
                "rejection": "rejection ABC"}


def _write(path: Path, text: str) -> Path:
    """Write through a temporary file, so a file is either old or new, never half-written."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _csv(path: Path, df: pd.DataFrame) -> Path:
    return _write(path, df.to_csv(index=False))


def _fmt(x: Any, digits: int = 3) -> str:
    if x is None or isinstance(x, float) and not math.isfinite(x):
        return "–"
    if isinstance(x, (int, np.integer)):
        return f"{int(x):,}"
    x = float(x)
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def posterior_table(cal, pop, simulated: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """One row per particle of the final population: its weight, distance, parameter values
    and the target values its runs gave."""
    rows = []
    for (gen, i), w, d in zip(pop.ids, pop.normalised, pop.distances):
        sim = simulated[int(gen)].iloc[int(i)]
        rows.append({"generation": int(gen), "weight": float(w), "distance": float(d),
                     **{k: sim[k] for k in cal.keys},
                     **{f"sim.{t.name}": sim[t.name] for t in cal.fitted}})
    return pd.DataFrame(rows)


def posterior_summary(cal, posterior: pd.DataFrame) -> pd.DataFrame:
    from ..parameters import PARAMETERS

    rows = []
    w = posterior["weight"].to_numpy()
    for prior in cal.priors:
        x = posterior[prior.key].to_numpy(float)
        q05, med, q95 = weighted_quantile(x, w, [LOW_Q, 0.5, HIGH_Q])
        span = (math.log(q95 / q05) / math.log(prior.high / prior.low) if prior.log
                else (q95 - q05) / (prior.high - prior.low))
        rows.append({"parameter": prior.key, "unit": PARAMETERS[prior.key].unit,
                     "default": cal.scenario.params[prior.key],
                     "prior": "log-uniform" if prior.log else "uniform",
                     "prior_low": prior.low, "prior_high": prior.high,
                     "median": med, "q05": q05, "q95": q95, "mean": float(np.sum(w * x)),
                     "interval_share_of_prior": span})
    return pd.DataFrame(rows)


def fit_table(cal, defaults: pd.DataFrame, predictive: pd.DataFrame) -> pd.DataFrame:
    """Every target: observed value and interval, the scenario's and the calibrated model's
    median and 90% interval over runs, whether the calibrated median is inside the observed
    interval and, if not, by how much it misses."""
    rows = []
    ok = predictive[predictive["ok"]]
    for t in cal.targets:
        base = defaults[t.name].dropna().to_numpy(float)
        good = ok[t.name].notna()
        x, w = ok.loc[good, t.name].to_numpy(float), ok.loc[good, "weight"].to_numpy(float)
        lo, med, hi = (weighted_quantile(x, w, [LOW_Q, 0.5, HIGH_Q]) if x.size
                       else (math.nan,) * 3)
        off = t.off_by(med)
        rows.append({
            "target": t.name, "use": t.use, "description": t.description, "metric": t.metric,
            "unit": t.unit, "observed": t.value, "observed_low": t.low, "observed_high": t.high,
            "default_median": float(np.median(base)) if base.size else math.nan,
            "default_q05": float(np.quantile(base, LOW_Q)) if base.size else math.nan,
            "default_q95": float(np.quantile(base, HIGH_Q)) if base.size else math.nan,
            "calibrated_median": med, "calibrated_q05": lo, "calibrated_q95": hi,
            "met": bool(x.size and t.met(med)), "off_by": off,
            "off_by_pct": 100 * off / t.value if t.value else math.nan,
            "z": t.z(med), "observed_in_interval": bool(x.size and lo <= t.value <= hi),
            "runs": int(x.size), "source": t.source, "domain": t.domain,
            "available": t.available and not t.journey})  # a journey: held-out table only
    return pd.DataFrame(rows)


def write_outputs(cal, folder: Path, posterior: pd.DataFrame, history: list[dict],
                  defaults: pd.DataFrame, predictive: pd.DataFrame, noise: dict[str, tuple],
                  failed: int = 0) -> list[Path]:
    summary = posterior_summary(cal, posterior)
    table = fit_table(cal, defaults, predictive)
    gens = pd.DataFrame(history)
    written = [
        _csv(folder / "generations.csv", gens),
        _csv(folder / "posterior.csv", posterior),
        _csv(folder / "posterior-summary.csv", summary),
        _write(folder / "posterior-summary.md", _summary_markdown(cal, summary)),
        _csv(folder / "fit.csv", table),
        _write(folder / "fit-report.md", _report(cal, summary, table, gens, noise, failed)),
        plot_posterior(cal, posterior, folder / "prior-vs-posterior.png"),
        plot_fit(table, folder / "fit.png"),
        write_scenario(cal, posterior, folder / "calibrated.toml"),
    ]
    return written


# --- markdown ----------------------------------------------------------------------------------

def _summary_markdown(cal, summary: pd.DataFrame) -> str:
    lines = ["| parameter | unit | default | prior | posterior median | 90% interval | "
             "interval / prior range |", "|---|---|---|---|---|---|---|"]
    for r in summary.itertuples():
        lines.append(f"| `{r.parameter}` | {r.unit} | {_fmt(r.default)} | {r.prior} "
                     f"{_fmt(r.prior_low)}–{_fmt(r.prior_high)} | {_fmt(r.median)} | "
                     f"{_fmt(r.q05)}–{_fmt(r.q95)} | {r.interval_share_of_prior:.0%} |")
    return "\n".join(lines) + "\n"


def _moved(summary: pd.DataFrame) -> str:
    """The parameters whose 90% posterior interval leaves out the scenario's value (for a
    sourced parameter: its source's reading), with how far the median moved."""
    rows = []
    for r in summary.itertuples():
        if not r.q05 <= r.default <= r.q95:
            change = (f"{r.median / r.default:.2g} times" if r.default else "from 0")
            rows.append(f"- `{r.parameter}`: {_fmt(r.default)} → {_fmt(r.median)} ({change}; "
                        f"90% interval {_fmt(r.q05)}–{_fmt(r.q95)}).")
    if not rows:
        return ("Every scenario value lies inside its parameter's 90% posterior interval: the "
                "calibration moved no parameter far from its source.\n")
    return ("**Moved far from the scenario's value** (its source, or the assumption the table "
            "records; the 90% posterior interval leaves it out):\n\n" + "\n".join(rows) + "\n")


def _interval(median, low, high) -> str:
    if not math.isfinite(median):
        return "no value"
    return f"{_fmt(median)} ({_fmt(low)}–{_fmt(high)})"


def _fit_markdown(rows: pd.DataFrame) -> str:
    lines = ["| target | observed (90% interval) | scenario's values: median (90%) | "
             "calibrated: median (90%) | met | off by |", "|---|---|---|---|---|---|"]
    for r in rows.itertuples():
        if not r.available:
            why = ("a named household's journey: see the held-out table (docs/validation.md)"
                   if r.metric.startswith(JOURNEYS) else
                   f"the summary has no metric `{r.metric}` yet")
            lines.append(f"| {r.description} (`{r.metric}`) | {_fmt(r.observed)} {r.unit} "
                         f"({_fmt(r.observed_low)}–{_fmt(r.observed_high)}) | unavailable | "
                         f"unavailable | – | {why} |")
            continue
        off = ("" if r.met else f"{_fmt(r.off_by)} {r.unit} ({r.off_by_pct:+.0f}%)"
               if math.isfinite(r.off_by) else "no value")
        lines.append(
            f"| {r.description} (`{r.metric}`) | {_fmt(r.observed)} {r.unit} "
            f"({_fmt(r.observed_low)}–{_fmt(r.observed_high)}) | "
            f"{_interval(r.default_median, r.default_q05, r.default_q95)} | "
            f"{_interval(r.calibrated_median, r.calibrated_q05, r.calibrated_q95)} | "
            f"{'yes' if r.met else '**no**'} | {off} |")
    return "\n".join(lines) + "\n"


def _met(rows: pd.DataFrame) -> str:
    missing = int((~rows["available"].astype(bool)).sum())
    rows = rows[rows["available"].astype(bool)]
    before = sum(t <= m <= u for t, m, u in zip(rows["observed_low"], rows["default_median"],
                                                rows["observed_high"]))
    return (f"{int(rows['met'].sum())} of {len(rows)} met by the calibrated model; {before} with "
            f"the scenario's values" + (f"; {missing} unavailable (their metric is not in the "
                                         f"run summary yet)." if missing else "."))


def _report(cal, summary, table, gens, noise, failed) -> str:
    last = gens.iloc[-1]
    stop = {"tolerance": f"every kept particle within the tolerance {cal.tolerance:g}",
            "acceptance": f"acceptance at or below {cal.min_acceptance:g}",
            "generations": f"the limit of {cal.generations} generations",
            "rejection": "rejection ABC (one generation)"}.get(last["stop"], last["stop"])
    fixed = ", ".join(f"`{k}` = {v!r}" for k, v in cal.fixed.items()) or "none"
    cal_rows, val_rows = table[table["use"] == "calibration"], table[table["use"] == "validation"]
    parts = [
        f"# Calibration fit: {cal.name}", "",
        *([cal.description, ""] if cal.description else []),
        f"- Calibration file: `{cal.path.name}`; targets: `{cal.targets_path.name}`; scenario "
        f"`{cal.scenario.name}`; fixed settings: {fixed}.",
        f"- Method: {METHOD_NAMES[cal.method]}, {cal.population} particles per generation, "
        f"{round(cal.keep * cal.population)} kept, {cal.replicates} run(s) per particle; seed "
        f"{cal.seed}.",
        f"- Generations: {len(gens)} ({int(gens['runs'].sum())} particle runs); stopped at "
        f"{stop}. Final tolerance (root mean square standardised difference over the "
        f"calibration targets): {last['epsilon']:.3g}; effective sample size {last['ess']:.0f}"
        + (f", of which {int(last['distinct'])} distinct particles (a rejected move copies its "
           f"parent)" if "distinct" in last and last["distinct"] == last["distinct"] else "")
        + ".",
        f"- Failed runs: {failed}.",
        f"- Model noise (sd of one run at the scenario's values, from {cal.pilot_runs} runs; "
        f"elsewhere the same coefficient of variation if larger): "
        + ", ".join(f"{k} {_fmt(sd)}" for k, (sd, _) in noise.items()) + ".",
        f"- Predictions: {cal.predictive_draws} particles drawn by weight, "
        f"{cal.predictive_replicates} run(s) each; the scenario's values with the same seeds "
        f"({cal.pilot_runs} runs).",
        "", "## Posterior", "", _summary_markdown(cal, summary), _moved(summary),
        "## Calibration targets", "", _met(cal_rows), "", _fit_markdown(cal_rows),
    ]
    if len(val_rows):
        parts += ["## Validation targets (held out of the calibration)", "", _met(val_rows), "",
                  _fit_markdown(val_rows)]
    parts += ["**Met**: the calibrated model's median lies inside the observed 90% interval. "
              "**Off by**: how far it lies outside that interval, in the target's unit and as a "
              "share of the observed value. Intervals of the model are 5th–95th percentiles over "
              "runs (parameter uncertainty and the model's own noise).", "",
              "## Sources", ""]
    parts += [f"- `{t.name}`: {t.source}" + (f" {t.note}" if t.note else "") for t in cal.targets]
    return "\n".join(parts) + "\n"


# --- plots ---------------------------------------------------------------------------------------

def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def plot_posterior(cal, posterior: pd.DataFrame, path: Path) -> Path:
    plt = _pyplot()
    n = len(cal.priors)
    cols = min(3, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.9 * rows), squeeze=False)
    w = posterior["weight"].to_numpy()
    for ax, prior in zip(axes.flat, cal.priors):
        x = posterior[prior.key].to_numpy(float)
        if prior.log:
            bins = np.geomspace(prior.low, prior.high, 31)
            ax.set_xscale("log")
        else:
            bins = np.linspace(prior.low, prior.high, 31)
        ax.hist(x, bins=bins, weights=w, density=True, color="tab:blue", alpha=0.6,
                label="posterior")
        grid = np.geomspace(prior.low, prior.high, 200) if prior.log else \
            np.linspace(prior.low, prior.high, 200)
        ax.plot(grid, prior.density(grid), color="0.3", lw=1.5, label="prior")
        lo, med, hi = weighted_quantile(x, w, [LOW_Q, 0.5, HIGH_Q])
        ax.axvspan(lo, hi, color="tab:blue", alpha=0.12, label="90% interval")
        ax.axvline(med, color="tab:blue", lw=1.5)
        ax.axvline(cal.scenario.params[prior.key], color="tab:red", ls="--", lw=1.2,
                   label="scenario's value")
        ax.set_title(prior.key, fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=6)
    fig.suptitle(f"{cal.name}: prior and posterior", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.98))  # room for the title above the first row
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_fit(table: pd.DataFrame, path: Path) -> Path:
    """Each target as a ratio to its observed value: observed interval, the scenario's values
    and the calibrated model (median and 90% interval)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    plt = _pyplot()
    if "available" in table:
        table = table[table["available"].astype(bool)]
    fig, ax = plt.subplots(figsize=(7.5, 0.42 * len(table) + 1.2))
    y = np.arange(len(table))[::-1]
    v = table["observed"].to_numpy(float)
    ax.hlines(y, table["observed_low"] / v, table["observed_high"] / v, color="0.6", lw=7,
              alpha=0.5, label="observed (90%)")
    for col, dy, colour, label in (("default", 0.18, "tab:red", "scenario's values"),
                                   ("calibrated", -0.18, "tab:blue", "calibrated")):
        med = table[f"{col}_median"] / v
        ax.errorbar(med, y + dy, xerr=[med - table[f"{col}_q05"] / v,
                                       table[f"{col}_q95"] / v - med],
                    fmt="o", ms=4, color=colour, capsize=2, label=label)
    ax.axvline(1.0, color="0.3", lw=0.8)
    labels = [f"{n} ({u[0]})" for n, u in zip(table["target"], table["use"])]
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("model / observed (c = calibration target, v = held out)")
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# --- the calibrated scenario ---------------------------------------------------------------------

def _extends(cal, dest: Path) -> str:
    """The calibrated scenario's parent as a reference that resolves from dest's folder."""
    from ..scenario import resolve_path

    ref = cal.scenario_ref
    if not (cal.path.parent / ref).is_file() and Path(ref).suffix != ".toml" \
            and len(Path(ref).parts) == 1:
        return ref  # a name in scenarios/
    target = resolve_path(ref, base=cal.path.parent)
    return Path(os.path.relpath(target, dest.resolve().parent)).as_posix()


def scenario_text(cal, posterior: pd.DataFrame, dest: Path) -> str:
    summary = posterior_summary(cal, posterior)
    sections: dict[str, list[str]] = {}
    for r, prior in zip(summary.itertuples(), cal.priors):
        value = int(round(r.median)) if prior.integer else float(f"{r.median:.4g}")
        section, name = prior.key.split(".", 1)
        note = f"90% interval {_fmt(r.q05)}-{_fmt(r.q95)}; was {_fmt(r.default)}"
        sections.setdefault(section, []).append(f"{name} = {value!r}  # {note}")
    lines = [f"# Posterior medians of calibration '{cal.name}' ({cal.path.name}, method "
             f"{cal.method}), written by sim calibrate.",
             f'extends = "{_extends(cal, dest)}"', f'name = "{cal.scenario_name}"',
             f'description = "{cal.scenario.name} with the parameters estimated by sim calibrate '
             f'{cal.path.name} set to their posterior medians (results/{cal.name}/)."']
    for section, entries in sections.items():
        lines += ["", f"[{section}]", *entries]
    return "\n".join(lines) + "\n"


def write_scenario(cal, posterior: pd.DataFrame, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return _write(dest, scenario_text(cal, posterior, dest))
