"""Writing a run's outputs: summary, household table, time series, event log and plots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .domains import CATEGORIES, CHANNELS, CRISES, DOMAINS, POT_NAMES, REASONS
from .metrics import household_table, kaplan_meier, measured, summary

EVENT_DETAILS = {"onset": list(DOMAINS), "contact": list(DOMAINS), "referral": list(DOMAINS),
                 "worker_change": list(DOMAINS), "grant": list(DOMAINS), "met": list(DOMAINS),
                 "unmet": list(DOMAINS), "relapse": list(DOMAINS), "no_response": list(DOMAINS),
                 "info_only": list(DOMAINS), "denial": list(REASONS), "seek_help": list(CHANNELS),
                 "cost": list(CATEGORIES), "crisis": list(CRISES)}


def event_frame(model) -> pd.DataFrame:
    return model.log.frame(list(model.orgs.names), list(POT_NAMES), list(DOMAINS), EVENT_DETAILS)


def write_run(model, out: Path, plots: bool = True) -> dict[str, Any]:
    """Write every output of one finished run into ``out``; returns the summary."""
    out.mkdir(parents=True, exist_ok=True)
    table = household_table(model)
    result = summary(model, table)
    (out / "summary.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    table.to_csv(out / "households.csv", index=False)
    series = pd.DataFrame(model.series)
    series.to_csv(out / "timeseries.csv", index=False)
    event_frame(model).to_csv(out / "events.csv.gz", index=False)
    if plots:
        write_plots(model, table, series, result, out)
    return result


def write_plots(model, table: pd.DataFrame, series: pd.DataFrame, result: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    c = measured(table)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, group in (("all households", c), ("3+ problem domains", c[c["problems"] >= 3]),
                         ("one problem", c[c["problems"] == 1])):
        if len(group):
            t, s = kaplan_meier(group["time_to_stability_days"].to_numpy(float),
                                group["stable"].to_numpy(bool))
            ax.step(np.asarray(t) / 30.4, s, where="post", label=f"{label} (n={len(group)})")
    ax.set_xlabel("months since first contact")
    ax.set_ylabel("share not yet stable")
    ax.set_title(f"Time to stability (Kaplan-Meier), {model.scenario.name}")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend()
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
    names = sorted(pots, key=pots.get)
    ax.barh([n.replace("_", " ") for n in names], [pots[n] / 1e6 for n in names], color="#4477aa")
    ax.set_xlabel("million euros after the warm-up")
    ax.set_title("Who pays: cost by funding pot")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "cost_by_pot.png", dpi=110)
    plt.close(fig)


def describe(result: dict[str, Any]) -> str:
    """A short, readable summary for the terminal."""
    def days(v):
        return "not reached by half" if v is None else f"{v:.0f} days ({v / 30.4:.1f} months)"

    mp = result["multi_problem"]
    lines = [
        f"Scenario {result['scenario']!r}, seed {result['seed']}: "
        f"{result['households']} households asked for help after the warm-up.",
        f"  stable by the end          {result['stable_share']:.0%}",
        f"  time to stability (median) {days(result['time_to_stability_median_days'])}",
        f"  handoffs per household     {result['handoffs_mean']:.1f} (90th percentile {result['handoffs_p90']:.0f})",
        f"  organisations met          {result['organisations_mean']:.1f}",
        f"  dead ends / retellings     {result['dead_ends_mean']:.1f} / {result['retellings_mean']:.1f}",
        f"  disengaged                 {result['disengaged_share']:.1%}",
        f"  multi-problem households   {mp['households']}: {mp['organisations_mean']:.1f} organisations, "
        f"{mp['handoffs_mean']:.1f} handoffs, stable {mp['stable_share']:.0%}",
        f"  societal cost              EUR {result['societal_cost_eur'] / 1e6:.1f} million",
    ]
    top = sorted(result["cost_by_pot"].items(), key=lambda kv: -kv[1])[:4]
    lines.append("  largest payers             " + ", ".join(f"{k} {v / 1e6:.1f}M" for k, v in top))
    return "\n".join(lines)


def aggregate(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean over replicates of every number (nested dicts too); None where any run had None."""
    def merge(values: list[Any]) -> Any:
        first = values[0]
        if isinstance(first, dict):
            keys = {k for v in values for k in v}
            return {k: merge([v.get(k) for v in values]) for k in sorted(keys)}
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
