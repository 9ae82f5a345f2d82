"""Outcomes computed from the event log: one row per household, and the run's summary.

Outcomes are measured for the cohort: households whose problems began after the warm-up
and who contacted at least one counter. Time to stability runs from the first contact to the
start of the first stable period; households not yet stable at the end are censored
(Kaplan-Meier). Costs are those incurred after the warm-up, by every household.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from .domains import CATEGORIES, D, POT_NAMES
from .organisations import FACILITIES, O
from .eventlog import K
from .mechanisms.provisions import TREATMENT_OUTCOMES  # detail of "treatment_end"
from .mechanisms.violence import CRISIS_EXITS, SIGNAL_ROUTES as VIOLENCE_SIGNALS

# The keys of a run's summary (besides "scenario" and "seed"): numbers, and tables of numbers
# addressed as "cost_by_pot.wmo". Tools validate metric names against these.
SCALAR_METRICS = ("households", "households_simulated", "stable_share",
                  "time_to_stability_median_days", "time_to_stability_from_onset_median_days",
                  "handoffs_mean", "handoffs_p90", "organisations_mean", "dead_ends_mean",
                  "retellings_mean", "disengaged_share", "evictions", "disputes", "escalations",
                  "societal_cost_eur", "cost_per_household_eur", "events")
NESTED_METRICS = ("cost_by_pot", "cost_by_category", "waits_mean_days", "multi_problem",
                  "by_profile", "spans_days", "stays_days", "first_year")  # + TABLES below

HANDOFF_KINDS = ("referral", "worker_change")
DEAD_END_KINDS = ("no_response", "info_only", "denial")
ORG_KINDS = ("seek_help", "placed", "crisis", "id_renewed")

# Spans between two events of one household, (kind, organisation) -> (kind, organisation): each
# end is paired with the latest start before it; spans starting after the warm-up count.
INTAKE_COUNTERS = ("wmo", "work_income", "debt_help", "neighbourhood_team", "shelter_intake",
                   "housing_urgency", "ggz", "youth")
SPANS = {
    **{f"{c}_request_to_intake": (("seek_help", c), ("contact", c)) for c in INTAKE_COUNTERS},
    "ggz_intake_to_treatment": (("contact", "ggz"), ("placed", "ggz_treatment")),
    "ggz_request_to_treatment": (("seek_help", "ggz"), ("placed", "ggz_treatment")),
    "debt_help_request_to_debts_mapped": (("seek_help", "debt_help"), ("placed", "credit_bank")),
    "debt_help_decision_to_debts_mapped": (("grant", "debt_help"), ("placed", "credit_bank")),
    "wmo_request_to_home_help": (("seek_help", "wmo"), ("placed", "home_care_provider")),
    "wmo_decision_to_home_help": (("grant", "wmo"), ("placed", "home_care_provider")),
    "urgency_request_to_dwelling": (("seek_help", "housing_urgency"), ("placed", "social_housing")),
}
# Spans from onset, for cohort households of one profile: (profile, end kinds and organisations
# or a met domain); the first end after onset counts.
SHELTER_PLACES = ("night_shelter", "crisis_shelter", "womens_shelter", "sheltered_housing",
                  "transitional_home", "social_housing")
ONSET_SPANS = {
    "homeless_onset_to_place": ("sudden_homeless", SHELTER_PLACES),
    "homeless_onset_to_income": ("sudden_homeless", "income"),
    "violence_onset_to_shelter": ("domestic_violence", ("crisis_shelter", "womens_shelter")),
}
RESIDENCES = ("night_shelter", "crisis_shelter", "womens_shelter", "sheltered_housing",
              "transitional_home")
HALF_YEAR = 182.5
# Households followed for their first year after first contact (001: 9-12 months).
FIRST_YEAR_GROUPS = {"all": None, "sudden_homeless": ("sudden_homeless",),
                     "multi_problem_family": ("multi_problem_family",),
                     "homeless_and_families": ("sudden_homeless", "multi_problem_family")}


def metric_names() -> list[str]:
    """Every metric a run's summary holds, nested ones flattened with dots
    ("spans_days.ggz_request_to_intake.mean"); values may be None when nothing was observed."""
    from .profiles import PROFILES

    group = ("households", "stable_share", "time_to_stability_median_days", "handoffs_mean",
             "organisations_mean", "dead_ends_mean", "retellings_mean", "disengaged_share",
             "cost_per_household_eur")
    nested = {
        "cost_by_pot": POT_NAMES, "cost_by_category": CATEGORIES, "waits_mean_days": FACILITIES,
        "multi_problem": group,
        "by_profile": [f"{p.name}.{k}" for p in PROFILES for k in group],
        "spans_days": [f"{s}.{k}" for s in SPANS for k in ("n", "mean", "median")]
        + [f"{s}.{k}" for s in ONSET_SPANS for k in ("n", "mean", "median", "households")],
        "stays_days": [f"{f}.{k}" for f in RESIDENCES for k in
                       ("n", "completed", "median", "over_half_year_share", "over_half_year_n")],
        "first_year": [f"{g}.{k}" for g in FIRST_YEAR_GROUPS
                       for k in ("households", "handoffs_mean", "disengaged_share")],
        **{name: list(t.keys) for name, t in TABLES.items()},
    }
    return [*SCALAR_METRICS, *(f"{head}.{k}" for head, keys in nested.items() for k in keys)]


def kaplan_meier(durations: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Survival curve: times and S(t) just after each time (the product-limit estimator, by
    ``scipy.stats.ecdf``; :func:`sim.stats.km_curve` adds its confidence band)."""
    from .stats import km_curve

    c = km_curve(durations, observed, bands=False)
    return c["day"].to_numpy(), c["survival"].to_numpy()


def km_median(durations: np.ndarray, observed: np.ndarray) -> float | None:
    """Median survival time, or None when the curve never falls to one half."""
    from .stats import km_median as median

    return median(durations, observed)


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
    n_orgs = len(model.orgs.names)
    pairs = np.unique(who[m].astype(np.int64) * n_orgs + a["org"][m])
    organisations = np.bincount(pairs // n_orgs, minlength=n)

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
    for name in model.orgs.facility_names:
        m = placed & (a["org"] == model.orgs.code[name])
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
        "spans_days": {**spans(model, a), **onset_spans(model, a, c)},
        "stays_days": stays(model, a),
        "first_year": first_year(model, a, c),
    }
    for name, t in TABLES.items():
        out[name] = t.compute(model, a, c)
    return out


def _described(days: np.ndarray) -> dict:
    n = int(days.size)
    return {"n": n, "mean": float(days.mean()) if n else None,
            "median": float(np.median(days)) if n else None}


def _events(a: dict, kind: str, org: str) -> tuple[np.ndarray, np.ndarray]:
    m = (a["kind"] == K[kind]) & (a["org"] == O[org])
    return a["household"][m].astype(np.int64), a["time"][m]


def _key(events: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return events[0] * 1e5 + events[1]  # household, then time (days < 1e5)


def _latest_before(starts, ends) -> np.ndarray:
    """For each end (household, time): the time of the latest start of the same household at
    or before it, or NaN."""
    key = _key(starts)
    order = np.argsort(key, kind="stable")
    idx = np.searchsorted(key[order], _key(ends), side="right") - 1
    found = np.full(ends[1].size, np.nan)
    ok = idx >= 0
    ok[ok] = starts[0][order][idx[ok]] == ends[0][ok]
    found[ok] = starts[1][order][idx[ok]]
    return found


def _first_after(starts, ends) -> np.ndarray:
    """For each start (household, time): the time of the first end of the same household at
    or after it, or NaN."""
    key = _key(ends)
    order = np.argsort(key, kind="stable")
    idx = np.searchsorted(key[order], _key(starts), side="left")
    found = np.full(starts[1].size, np.nan)
    ok = idx < key.size
    ok[ok] = ends[0][order][idx[ok]] == starts[0][ok]
    found[ok] = ends[1][order][idx[ok]]
    return found


def spans(model, a: dict) -> dict:
    """Days between request and intake, intake and treatment, request and provision, ..."""
    out = {}
    for name, (start, end) in SPANS.items():
        s, e = _events(a, *start), _events(a, *end)
        begun = _latest_before(s, e)
        days = (e[1] - begun)[begun >= model.warmup]
        out[name] = _described(days)
    return out


def onset_spans(model, a: dict, cohort: pd.DataFrame) -> dict:
    """Days from onset to a first place or a met domain, for cohort households of a profile."""
    out = {}
    for name, (profile, end) in ONSET_SPANS.items():
        group = cohort[cohort["profile"] == profile]
        if isinstance(end, str):
            m = (a["kind"] == K["met"]) & (a["detail"] == D[end])
        else:
            m = (a["kind"] == K["placed"]) & np.isin(a["org"], [O[f] for f in end])
        first = pd.Series(a["time"][m]).groupby(a["household"][m]).min()
        onset = group.set_index("household")["onset_day"]
        reached = first.reindex(onset.index)
        days = (reached - onset)[reached >= onset].to_numpy(float)
        out[name] = {**_described(days), "households": int(len(group))}
    return out


def stays(model, a: dict) -> dict:
    """Stays in shelter and sheltered housing begun after the warm-up: Kaplan-Meier median
    (stays running at the end are censored) and the share still there after half a year,
    among places taken at least half a year before the end."""
    out = {}
    for name in RESIDENCES:
        hh, start = _events(a, "placed", name)
        keep = start >= model.warmup
        hh, start = hh[keep], start[keep]
        exit_t = _first_after((hh, start), _events(a, "exit", name))
        done = ~np.isnan(exit_t)
        length = np.where(done, exit_t - start, model.end - start)
        judged = start <= model.end - HALF_YEAR
        over = float((length[judged] > HALF_YEAR).mean()) if judged.any() else None
        out[name] = {"n": int(start.size), "completed": int(done.sum()),
                     "median": km_median(length, done) if start.size else None,
                     "over_half_year_share": over, "over_half_year_n": int(judged.sum())}
    return out


def first_year(model, a: dict, cohort: pd.DataFrame) -> dict:
    """Handoffs and disengagement in the first 365 days after first contact, for cohort
    households whose first year lies wholly in the run."""
    c = cohort[cohort["first_contact_day"] <= model.end - 365.0]
    start = np.full(len(model.households), np.nan)
    start[c["household"].to_numpy()] = c["first_contact_day"].to_numpy()
    who, t = a["household"], a["time"]
    in_year = (t >= start[who]) & (t <= start[who] + 365.0)
    handoffs = _count(a, len(start), HANDOFF_KINDS, in_year)
    gone = _count(a, len(start), ("disengaged",), in_year) > 0
    out = {}
    for name, profiles in FIRST_YEAR_GROUPS.items():
        g = c if profiles is None else c[c["profile"].isin(profiles)]
        ids = g["household"].to_numpy()
        out[name] = {"households": int(ids.size),
                     "handoffs_mean": float(handoffs[ids].mean()) if ids.size else None,
                     "disengaged_share": float(gone[ids].mean()) if ids.size else None}
    return out


# -- tables of the summary declared beside the function that computes them --------------------
@dataclass(frozen=True)
class Table:
    """A nested table of the summary: its keys (flattened with dots, as tools address them)
    and the function that computes it from the model, the log's arrays and the cohort."""
    keys: tuple[str, ...]
    compute: Callable[[Any, dict, pd.DataFrame], dict]


TABLES: dict[str, Table] = {}


def table(name: str, keys: Iterable[str]) -> Callable[[Callable[[Any, dict, pd.DataFrame], dict]],
                                                      Callable[[Any, dict, pd.DataFrame], dict]]:
    """Declare a nested table of the summary (``@table("debt_help", keys=[...])``)."""
    def register(fn: Callable[[Any, dict, pd.DataFrame], dict]) -> Callable[[Any, dict, pd.DataFrame], dict]:
        TABLES[name] = Table(tuple(keys), fn)
        return fn
    return register


# [tables: tenancies, evictions and debt help]


# [tables: homelessness, exits and the housing market]


# [tables: treatment, violence and counters]
TREATMENT_PLACES = ("ggz_treatment", "youth_care")


@table("treatment", keys=[f"{f}.{k}" for f in TREATMENT_PLACES
                          for k in (*TREATMENT_OUTCOMES, "ended", "dropout_share", "relapses")])
def treatment_outcomes(model, a: dict, cohort: pd.DataFrame) -> dict:
    """Treatment places ended after the warm-up, by outcome, and problems that came back."""
    window = a["time"] >= model.warmup
    ends = (a["kind"] == K["treatment_end"]) & window
    back = (a["kind"] == K["treatment_relapse"]) & window
    out = {}
    for name in TREATMENT_PLACES:
        m = ends & (a["org"] == O[name])
        counts = np.bincount(a["detail"][m], minlength=len(TREATMENT_OUTCOMES))
        n = int(m.sum())
        domain = D["mental"] if name == "ggz_treatment" else D["family"]
        out[name] = {**{k: int(v) for k, v in zip(TREATMENT_OUTCOMES, counts)}, "ended": n,
                     "dropout_share": float(counts[2] / n) if n else None,
                     "relapses": int((back & (a["detail"] == domain)).sum())}
    return out


@table("violence_chain", keys=["onset_to_shelter_median_days", "onset_to_shelter_n",
                               "crisis_stay_median_days", "crisis_stay_max_days",
                               *(f"signals.{r}" for r in VIOLENCE_SIGNALS),
                               *(f"exits.{r}" for r in CRISIS_EXITS)])
def violence_chain(model, a: dict, cohort: pd.DataFrame) -> dict:
    """Onset to a shelter place (cohort victims), crisis-shelter stays and their way out, and
    the signals that brought victims in, after the warm-up."""
    window = a["time"] >= model.warmup
    onset = onset_spans(model, a, cohort)["violence_onset_to_shelter"]
    exits = (a["kind"] == K["crisis_exit"]) & window
    stayed = a["value"][exits]
    signals = (a["kind"] == K["violence_signal"]) & window
    by_signal = np.bincount(a["detail"][signals], minlength=len(VIOLENCE_SIGNALS))
    by_exit = np.bincount(a["detail"][exits], minlength=len(CRISIS_EXITS))
    return {"onset_to_shelter_median_days": onset["median"], "onset_to_shelter_n": onset["n"],
            "crisis_stay_median_days": float(np.median(stayed)) if stayed.size else None,
            "crisis_stay_max_days": float(stayed.max()) if stayed.size else None,
            "signals": {r: int(v) for r, v in zip(VIOLENCE_SIGNALS, by_signal)},
            "exits": {r: int(v) for r, v in zip(CRISIS_EXITS, by_exit)}}


NESTED_METRICS = NESTED_METRICS + tuple(TABLES)
