"""Writing a run's outputs: summary, household table, time series, event log, survival curves
and plots.

Every table carries the run's ``scenario``, ``seed`` and ``replicate`` as its first columns, so
tables of many runs concatenate into one tidy table. Names are categorical columns. CSV files
are always written; when pyarrow is installed (the ``parquet`` extra) each table is also written
as Parquet, which keeps the column types. In the CSV files a categorical column that does not
apply to a row (the pot of a contact, the organisation of a cost) holds ``-``, so that a plain
``pandas.read_csv`` sees one type per column; :func:`sim.outputs.load_run` reads either format
back with the types of the DataFrames here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .domains import CATEGORIES, CHANNELS, CRISES, DOMAINS, POT_NAMES, REASONS
from .mechanisms.debt_help import STEPS as DEBT_HELP_STEPS
from .mechanisms.housing import MOVES
from .mechanisms.latent import CHANNELS as HIDDEN_CHANNELS
from .mechanisms.signals import SIGNALLERS
from .mechanisms.take_up import PROVISIONS
from .mechanisms.provisions import TREATMENT_OUTCOMES
from .mechanisms.tenancy import STAGES as TENANCY_STAGES
from .mechanisms.violence import CRISIS_EXITS, SIGNAL_ROUTES
from .mechanisms.contact import CAUSES as CONTACT_CAUSES
from .mechanisms.doenvermogen import SLIPS as DOENVERMOGEN_SLIPS
from .mechanisms.escalation_team import STEPS as PROGRAMME_STEPS
from .mechanisms.participation import STEPS as PARTICIPATION_STEPS
from .metrics import RMST_HORIZON_DAYS, household_table, kaplan_meier, measured, summary

if TYPE_CHECKING:
    from .model import SocialDomainModel

EVENT_DETAILS = {"onset": list(DOMAINS), "contact": list(DOMAINS), "referral": list(DOMAINS),
                 "worker_change": list(DOMAINS), "grant": list(DOMAINS), "met": list(DOMAINS),
                 "unmet": list(DOMAINS), "relapse": list(DOMAINS), "no_response": list(DOMAINS),
                 "info_only": list(DOMAINS), "denial": list(REASONS), "seek_help": list(CHANNELS),
                 "cost": list(CATEGORIES), "crisis": list(CRISES), "housing_move": list(MOVES),
                 "tenancy": list(TENANCY_STAGES), "debt_help": list(DEBT_HELP_STEPS),
                 "treatment_end": list(TREATMENT_OUTCOMES), "treatment_relapse": list(DOMAINS),
                 "violence_signal": list(SIGNAL_ROUTES), "crisis_exit": list(CRISIS_EXITS),
                 "hidden_need": list(DOMAINS), "hidden_found": list(HIDDEN_CHANNELS),
                 "claim": list(PROVISIONS), "non_claim": list(PROVISIONS),
                 "signal": list(SIGNALLERS),
                 "contact_lost": list(CONTACT_CAUSES), "participation": list(PARTICIPATION_STEPS),
                 "doenvermogen": list(DOENVERMOGEN_SLIPS), "programme": list(PROGRAMME_STEPS)}
RUN_COLUMNS = ("scenario", "seed", "replicate")
NOT_APPLICABLE = "-"  # in CSV files, for "" in a categorical column
TABLES = ("households", "timeseries", "events", "survival")
CSV_FILES = {"households": "households.csv", "timeseries": "timeseries.csv",
             "events": "events.csv.gz", "survival": "survival.csv"}
PLOTS = ("time_to_stability.png", "queues.png", "cost_by_pot.png")
# Every file a run writes; reusing an output folder replaces all of them.
OUTPUT_FILES = ("summary.json", *CSV_FILES.values(), *(f"{t}.parquet" for t in TABLES), *PLOTS)
# Households followed in survival.csv and time_to_stability.png.
SURVIVAL_GROUPS = {"all households": lambda c: c,
                   "3+ problem domains": lambda c: c[c["problems"] >= 3],
                   "one problem": lambda c: c[c["problems"] == 1]}


def event_frame(model: "SocialDomainModel") -> pd.DataFrame:
    return model.log.frame(list(model.orgs.names), list(POT_NAMES), list(DOMAINS), EVENT_DETAILS)


def _with_run(df: pd.DataFrame, model: "SocialDomainModel", replicate: int) -> pd.DataFrame:
    front = pd.DataFrame({"scenario": pd.Categorical([model.scenario.name] * len(df)),
                          "seed": np.full(len(df), model.seed, dtype=np.int64),
                          "replicate": np.full(len(df), replicate, dtype=np.int64)},
                         index=df.index)
    return pd.concat([front, df], axis=1)


def survival_table(table: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Kaplan-Meier curves of time to stability with their pointwise ``level`` bands, per
    group of cohort households: columns group, households, day, survival, low, high."""
    from .stats import km_curve

    c = measured(table)
    parts = []
    for name, pick in SURVIVAL_GROUPS.items():
        g = pick(c)
        if len(g):
            curve = km_curve(g["time_to_stability_days"].to_numpy(float), g["stable"].to_numpy(bool),
                             level)
            parts.append(curve.assign(group=name, households=len(g)))
    cols = ["group", "households", "day", "survival", "low", "high"]
    out = pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)
    out["group"] = pd.Categorical(out["group"], list(SURVIVAL_GROUPS))
    return out


def run_tables(model: "SocialDomainModel", table: pd.DataFrame | None = None,
               replicate: int = 0) -> dict[str, pd.DataFrame]:
    """The run's tables as written: households, timeseries, events and survival, each with the
    scenario, seed and replicate columns first."""
    table = household_table(model) if table is None else table
    households = table.copy()
    households["profile"] = pd.Categorical(households["profile"], model.profile_names())
    return {"households": _with_run(households, model, replicate),
            "timeseries": _with_run(pd.DataFrame(model.series), model, replicate),
            "events": _with_run(event_frame(model), model, replicate),
            "survival": _with_run(survival_table(table), model, replicate)}


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_run(model: "SocialDomainModel", out: Path, plots: bool = True, replicate: int = 0) -> dict[str, Any]:
    """Write every output of one finished run into ``out``; returns the summary.

    The files are written into a temporary folder inside ``out`` first and then moved into
    place, replacing every output of an earlier run there (its plots too, when this run writes
    none); if writing fails, ``out`` is left as it was."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".writing-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        table = household_table(model)
        result = summary(model, table)
        (tmp / "summary.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        tables = run_tables(model, table, replicate)
        for name, df in tables.items():
            _csv(df).to_csv(tmp / CSV_FILES[name], index=False)
        if parquet_available():
            for name, df in tables.items():
                df.to_parquet(tmp / f"{name}.parquet", index=False)
        if plots:
            write_plots(model, table, tables["timeseries"], result, tmp)
        for name in OUTPUT_FILES:
            (out / name).unlink(missing_ok=True)
        for path in tmp.iterdir():
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def _csv(df: pd.DataFrame) -> pd.DataFrame:
    """Categorical "" as NOT_APPLICABLE, for CSV readers that guess types per chunk."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype) and "" in out[col].cat.categories:
            out[col] = out[col].cat.rename_categories({"": NOT_APPLICABLE})
    return out


def clear_outputs(folder: Path) -> None:
    """Remove the outputs of an earlier ``sim run`` from ``folder``: the files a run writes,
    ``replicates.csv`` and the ``seed-N`` folders of ``--replicates``, and what a run killed
    while writing left behind. Files the project does not write are left alone."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for name in (*OUTPUT_FILES, "replicates.csv"):
        (folder / name).unlink(missing_ok=True)
    for stale in folder.glob(".writing-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for sub in folder.glob("seed-*"):
        if sub.is_dir() and sub.name[5:].isdigit():
            clear_outputs(sub)
            try:
                sub.rmdir()
            except OSError:
                pass  # it holds other files: keep them


def write_plots(model: "SocialDomainModel", table: pd.DataFrame, series: pd.DataFrame, result: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    c = measured(table)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, pick in SURVIVAL_GROUPS.items():
        group = pick(c)
        if len(group):
            t, s = kaplan_meier(group["time_to_stability_days"].to_numpy(float),
                                group["stable"].to_numpy(bool))
            ax.step(np.asarray(t) / 30.4, s, where="post", label=f"{label} (n={len(group)})")
    ax.set_xlabel("months since first contact")
    ax.set_ylabel("share not yet stable")
    ax.set_title(f"Time to stability (Kaplan-Meier), {model.scenario.name}")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no households in the cohort", ha="center", transform=ax.transAxes)
    fig.tight_layout()
    fig.savefig(out / "time_to_stability.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4.5))
    years = series["day"] / 365.0
    for name in model.orgs.facility_names:
        col = f"queue.{name}"
        if col in series and series[col].max() > 0:
            ax.plot(years, series[col], label=name.replace("_", " "))
    ax.axvline(model.warmup / 365.0, color="grey", ls=":", label="end of warm-up")
    ax.set_xlabel("year")
    ax.set_ylabel("households waiting")
    ax.set_title("Waiting lists")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(out / "queues.png", dpi=110)
    plt.close(fig)

    pots = {k: v for k, v in result["cost_by_pot"].items() if v > 0}
    fig, ax = plt.subplots(figsize=(7, 4.5))
    names = sorted(pots, key=lambda name: pots[name])
    labels = [n.replace("_", " ") for n in names]
    resources = [result["resource_cost_by_pot"][n] / 1e6 for n in names]
    ax.barh(labels, resources, color="#4477aa", label="resource cost (societal)")
    ax.barh(labels, [result["transfers_by_pot"][n] / 1e6 for n in names], left=resources,
            color="#bbbbbb", label="transfers to households (benefits)")
    ax.set_xlabel("million euros after the warm-up")
    ax.set_title("Who pays: cost by funding pot")
    ax.grid(axis="x", alpha=0.3)
    if names:
        ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "cost_by_pot.png", dpi=110)
    plt.close(fig)


def describe(result: dict[str, Any]) -> str:
    """A short, readable summary for the terminal. Shares and means of no households are
    "n/a", not 0."""
    r, mp = result, result["multi_problem"]

    def na(group: dict, text: str) -> str:
        return text if group["households"] else "n/a"

    median = r["time_to_stability_median_days"]
    days = ("not reached by half" if median is None
            else f"{median:.0f} days ({median / 30.4:.1f} months)")
    rmst = r.get("time_to_stability_rmst_days")
    restricted = ("n/a" if rmst is None else
                  f"{rmst:.0f} of the first {RMST_HORIZON_DAYS:.0f} days (95% CI "
                  f"{r['time_to_stability_rmst_ci95_low']:.0f}-"
                  f"{r['time_to_stability_rmst_ci95_high']:.0f})")
    handoffs = (f"{r['handoffs_mean']:.1f} (90th percentile {r['handoffs_p90']:.0f}); warm "
                f"referrals {r['warm_referrals_mean']:.1f}, to a case director "
                f"{r['director_referrals_mean']:.1f}")
    dead_ends = f"{r['dead_ends_mean']:.1f} / {r['retellings_mean']:.1f}"
    multi = (f"{mp['households']}: {mp['organisations_mean']:.1f} organisations, "
             f"{mp['handoffs_mean']:.1f} cold handoffs, stable {mp['stable_share']:.0%}"
             if mp["households"] else "0")
    lines = [
        f"Scenario {r['scenario']!r}, seed {r['seed']}: "
        f"{r['households']} households asked for help after the warm-up.",
        f"  stable by the end          {na(r, format(r['stable_share'], '.0%'))}",
        f"  time to stability (median) {na(r, days)}",
        f"  time to stability (RMST)   {na(r, restricted)}",
        f"  cold handoffs / household  {na(r, handoffs)}",
        f"  organisations met          {na(r, format(r['organisations_mean'], '.1f'))}",
        f"  dead ends / retellings     {na(r, dead_ends)}",
        f"  disengaged                 {na(r, format(r['disengaged_share'], '.1%'))}",
        f"  multi-problem households   {multi}",
        f"  societal cost (resources)  EUR {r['societal_cost_eur'] / 1e6:.1f} million",
        f"  transfers to households    EUR {r['transfers_eur'] / 1e6:.1f} million (benefits)",
    ]
    pots = r["resource_cost_by_pot"]
    top = [kv for kv in sorted(pots.items(), key=lambda kv: -kv[1])[:4] if kv[1] > 0]
    lines.append("  largest payers             "
                 + (", ".join(f"{k} {v / 1e6:.1f}M" for k, v in top) if top else "none"))
    return "\n".join(lines)


def aggregate(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean over replicates of every number (nested dicts too); None where any run had None."""
    def merge(values: list[Any]) -> Any:
        first = values[0]
        if any(isinstance(v, dict) for v in values):  # a table may be missing in some runs
            tables = [v if isinstance(v, dict) else {} for v in values]
            keys = {k for v in tables for k in v}
            return {k: merge([v.get(k) for v in tables]) for k in sorted(keys)}
        if isinstance(first, bool) or not isinstance(first, (int, float)):
            return first
        if any(v is None for v in values):
            return None
        return float(np.mean(values))

    agg = merge(results)
    agg["seed"] = results[0]["seed"]
    agg["seeds"] = [r["seed"] for r in results]
    agg["replicates"] = len(results)
    return agg
