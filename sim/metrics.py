"""Outcomes computed from the event log: one row per household, and the run's summary.

Outcomes are measured for the cohort: households whose problems began after the warm-up
and who contacted at least one counter. Time to stability runs from the first contact to the
start of the first stable period; households not yet stable at the end are censored
(Kaplan-Meier). Costs are those incurred after the warm-up, by every household.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .domains import FACILITIES, O, ORGS, POT_NAMES, CATEGORIES
from .eventlog import K

# The keys of a run's summary (besides "scenario" and "seed"): numbers, and tables of numbers
# addressed as "cost_by_pot.wmo". Tools validate metric names against these.
SCALAR_METRICS = ("households", "households_simulated", "stable_share",
                  "time_to_stability_median_days", "time_to_stability_from_onset_median_days",
                  "handoffs_mean", "handoffs_p90", "organisations_mean", "dead_ends_mean",
                  "retellings_mean", "disengaged_share", "evictions", "disputes", "escalations",
                  "societal_cost_eur", "cost_per_household_eur", "events")
NESTED_METRICS = ("cost_by_pot", "cost_by_category", "waits_mean_days", "multi_problem",
                  "by_profile")

HANDOFF_KINDS = ("referral", "worker_change")
DEAD_END_KINDS = ("no_response", "info_only", "denial")
ORG_KINDS = ("seek_help", "placed", "crisis", "id_renewed")


def kaplan_meier(durations: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Survival curve: times and S(t) just after each time (the product-limit estimator)."""
    order = np.argsort(durations, kind="stable")
    d, e = durations[order], observed[order].astype(bool)
    times = np.unique(d[e])
    if times.size == 0:
        return np.array([0.0]), np.array([1.0])
    at_risk = d.size - np.searchsorted(d, times, side="left")
    events = np.searchsorted(d[e], times, side="right") - np.searchsorted(d[e], times, side="left")
    surv = np.cumprod(1.0 - events / at_risk)
    return np.concatenate([[0.0], times]), np.concatenate([[1.0], surv])


def km_median(durations: np.ndarray, observed: np.ndarray) -> float | None:
    """Median survival time, or None when the curve never falls to one half."""
    if durations.size == 0:
        return None
    times, surv = kaplan_meier(durations, observed)
    below = np.nonzero(surv <= 0.5)[0]
    return float(times[below[0]]) if below.size else None


def _count(a: dict, n: int, kinds, extra=None) -> np.ndarray:
    mask = np.isin(a["kind"], [K[k] for k in kinds])
    if extra is not None:
        mask &= extra
    return np.bincount(a["household"][mask], minlength=n)


def household_table(model) -> pd.DataFrame:
    """One row per household: who it is, what it met, what it cost."""
    a = model.log.arrays()
    n = len(model.households)
    hh = model.households
    warm = model.warmup
    t, kind, who = a["time"], a["kind"], a["household"]

    first_contact = np.full(n, np.nan)
    m = kind == K["seek_help"]
    np.fmin.at(first_contact, who[m], t[m])
    stable_since = np.full(n, np.nan)
    m = kind == K["stable"]
    np.fmin.at(stable_since, who[m], a["value"][m])

    m = np.isin(kind, [K[k] for k in ORG_KINDS]) & (a["org"] >= 0)
    pairs = np.unique(who[m].astype(np.int64) * len(ORGS) + a["org"][m])
    organisations = np.bincount(pairs // len(ORGS), minlength=n)

    cost = kind == K["cost"]
    in_window = t >= warm
    cost_total = np.bincount(who[cost], weights=a["value"][cost], minlength=n)
    crises = _count(a, n, ("crisis",))
    df = pd.DataFrame({
        "household": np.arange(n),
        "profile": [model.profile_names()[h.profile] for h in hh],
        "cohort": [h.cohort for h in hh],
        "onset_day": [h.onset for h in hh],
        "first_contact_day": first_contact,
        "stable_since_day": stable_since,
        "stable_at_end": [h.stable for h in hh],
        "referrals": _count(a, n, ("referral",)),
        "worker_changes": _count(a, n, ("worker_change",)),
        "handoffs": _count(a, n, HANDOFF_KINDS),
        "organisations": organisations,
        "dead_ends": _count(a, n, DEAD_END_KINDS),
        "denials": _count(a, n, ("denial",)),
        "retellings": _count(a, n, ("retelling",)),
        "disputes": _count(a, n, ("dispute",)),
        "escalations": _count(a, n, ("escalation",)),
        "crises": crises,
        "evictions": _count(a, n, ("crisis",), a["detail"] == 0),
        "disengaged": _count(a, n, ("disengaged",)) > 0,
        "had_director": _count(a, n, ("director",)) > 0,
        "problems": [h.problem_count() for h in hh],
        "cost_eur": cost_total,
        "cost_window_eur": np.bincount(who[cost & in_window], weights=a["value"][cost & in_window],
                                       minlength=n),
    })
    end = model.end
    start = df["first_contact_day"].to_numpy()
    stable = df["stable_since_day"].to_numpy()
    reached = ~np.isnan(stable) & (stable >= start)
    df["stable"] = reached
    df["time_to_stability_days"] = np.where(reached, stable - start, end - start)
    df["time_from_onset_days"] = np.where(reached, stable - df["onset_day"], end - df["onset_day"])
    years = np.maximum((end - start) / 365.0, 1e-9)
    df["helper_changes_per_year"] = df["handoffs"] / np.where(np.isnan(years), 1, years)
    return df


def measured(df: pd.DataFrame) -> pd.DataFrame:
    """The cohort: arrived after the warm-up and contacted at least one counter."""
    return df[df["cohort"] & df["first_contact_day"].notna()]


def _group_summary(c: pd.DataFrame) -> dict:
    dur = c["time_to_stability_days"].to_numpy(float)
    obs = c["stable"].to_numpy(bool)
    return {
        "households": int(len(c)),
        "stable_share": float(obs.mean()) if len(c) else 0.0,
        "time_to_stability_median_days": km_median(dur, obs),
        "handoffs_mean": float(c["handoffs"].mean()) if len(c) else 0.0,
        "organisations_mean": float(c["organisations"].mean()) if len(c) else 0.0,
        "dead_ends_mean": float(c["dead_ends"].mean()) if len(c) else 0.0,
        "retellings_mean": float(c["retellings"].mean()) if len(c) else 0.0,
        "disengaged_share": float(c["disengaged"].mean()) if len(c) else 0.0,
        "cost_per_household_eur": float(c["cost_eur"].mean()) if len(c) else 0.0,
    }


def summary(model, table: pd.DataFrame | None = None) -> dict:
    """The run's summary: plain numbers, lists and dicts, ready for JSON."""
    df = household_table(model) if table is None else table
    c = measured(df)
    a = model.log.arrays()
    warm = model.warmup
    window = a["time"] >= warm
    cost = (a["kind"] == K["cost"]) & window
    by_pot = np.bincount(a["org"][cost], weights=a["value"][cost], minlength=len(POT_NAMES))
    by_cat = np.bincount(a["detail"][cost], weights=a["value"][cost], minlength=len(CATEGORIES))
    placed = (a["kind"] == K["placed"]) & window
    waits = {}
    for name in FACILITIES:
        m = placed & (a["org"] == O[name])
        waits[name] = float(a["value"][m].mean()) if m.any() else None
    dur = c["time_to_stability_days"].to_numpy(float)
    obs = c["stable"].to_numpy(bool)
    multi = c[c["problems"] >= 3]
    out = {
        "scenario": model.scenario.name,
        "seed": model.seed,
        "households": int(len(c)),
        "households_simulated": int(len(df)),
        "stable_share": float(obs.mean()) if len(c) else 0.0,
        "time_to_stability_median_days": km_median(dur, obs),
        "time_to_stability_from_onset_median_days": km_median(
            c["time_from_onset_days"].to_numpy(float), obs),
        "handoffs_mean": float(c["handoffs"].mean()) if len(c) else 0.0,
        "handoffs_p90": float(np.percentile(c["handoffs"], 90)) if len(c) else 0.0,
        "organisations_mean": float(c["organisations"].mean()) if len(c) else 0.0,
        "dead_ends_mean": float(c["dead_ends"].mean()) if len(c) else 0.0,
        "retellings_mean": float(c["retellings"].mean()) if len(c) else 0.0,
        "disengaged_share": float(c["disengaged"].mean()) if len(c) else 0.0,
        "evictions": int(c["evictions"].sum()),
        "disputes": int(c["disputes"].sum()),
        "escalations": int(c["escalations"].sum()),
        "societal_cost_eur": float(by_pot.sum()),
        "cost_per_household_eur": float(c["cost_eur"].mean()) if len(c) else 0.0,
        "cost_by_pot": {name: float(v) for name, v in zip(POT_NAMES, by_pot)},
        "cost_by_category": {name: float(v) for name, v in zip(CATEGORIES, by_cat)},
        "waits_mean_days": waits,
        "multi_problem": _group_summary(multi),
        "by_profile": {name: _group_summary(g) for name, g in c.groupby("profile", sort=True)},
        "events": int(len(model.log)),
    }
    return out
