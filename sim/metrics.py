"""Outcomes computed from the event log: one row per household, and the run's summary.

Outcomes are measured for the cohort: households whose problems began after the warm-up
and who contacted at least one counter (or decided not to claim a provision: non-take-up).
Time to stability runs from the first contact to the start of the first stable period;
households not yet stable at the end are censored (Kaplan-Meier; one that left the services'
view for good, at the day it left): the median, and the
restricted mean over the first ``RMST_HORIZON_DAYS``.
Costs are those incurred after the warm-up, by every household: resource costs (staff, places,
crises, administration) make the societal cost; transfers (benefits paid to households) are
reported beside them, and by actor they are paid by a pot and received by the households, so
they cancel in the societal total. A handoff (the headline) is a cold one: a referral or a change
of professional that lost the dossier; warm referrals and referrals to a case director are
counted apart, and every change of helper as ``helper_changes`` (with the households a third
party's signal brings to a counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

import numpy as np
import pandas as pd

from .domains import (ACTORS, CATEGORIES, D, NO_DOMAIN, POT_ACTOR, POT_NAMES, R,
                      TRANSFER_CATEGORIES, Actor, Channel, Dossier, Pot)
from .organisations import FACILITIES, O
from .parameters import REFERENCE_INHABITANTS
from .eventlog import K
from .mechanisms.cross_pot import ITEMS as CROSS_POT_ITEMS
from .mechanisms.payers import DISPUTE_ENDS

if TYPE_CHECKING:
    from .model import SocialDomainModel
from .mechanisms.provisions import TREATMENT_OUTCOMES  # detail of "treatment_end"
from .mechanisms.violence import CRISIS_EXITS, SIGNAL_ROUTES as VIOLENCE_SIGNALS
from .mechanisms.latent import CHANNELS as HIDDEN_CHANNELS
from .mechanisms.take_up import PROVISION_OF, PROVISIONS, REASONS as NON_CLAIM_REASONS
from .mechanisms.signals import SIGNALLERS
from .mechanisms.contact import CAUSES as CONTACT_CAUSES  # detail of "contact_lost"
from .mechanisms.participation import STEPS as PARTICIPATION_STEPS  # detail of "participation"
from .mechanisms.doenvermogen import SLIPS as DOENVERMOGEN_SLIPS  # detail of "doenvermogen"

# The keys of a run's summary (besides "scenario" and "seed"): numbers, and tables of numbers
# addressed as "cost_by_pot.wmo". Tools validate metric names against these.
SCALAR_METRICS = ("households", "households_simulated", "stable_share",
                  "time_to_stability_median_days", "time_to_stability_from_onset_median_days",
                  "time_to_stability_rmst_days", "time_to_stability_rmst_ci95_low",
                  "time_to_stability_rmst_ci95_high",
                  "handoffs_mean", "handoffs_p90", "warm_referrals_mean", "director_referrals_mean",
                  "helper_changes_mean", "organisations_mean", "dead_ends_mean",
                  "retellings_mean", "disengaged_share", "evictions", "disputes", "escalations",
                  "societal_cost_eur", "cost_per_household_eur", "transfers_eur",
                  "transfers_per_household_eur", "events")
NESTED_METRICS: tuple[str, ...] = ("cost_by_pot", "resource_cost_by_pot", "transfers_by_pot",
                  "cost_by_category", "by_actor", "waits_mean_days", "multi_problem",
                  "by_profile", "spans_days", "stays_days", "first_year")  # + TABLES below

# The horizon of the restricted mean time to stability: days from first contact. Assumed (a
# metric setting, not a model number): two years, within the five years a run measures, long
# enough for most households that become stable to do so (range 365-1095 would do as well).
RMST_HORIZON_DAYS = 730.0

HANDOFF_KINDS = ("referral", "worker_change")  # handoffs by the counters; cold ones lost the dossier
# The keys of by_actor's rows: what each actor spends on resources, pays and receives as
# transfers, and its net cost (resources + paid - received; they sum to the societal cost).
ACTOR_KEYS = ("resource_cost_eur", "transfers_paid_eur", "transfers_received_eur", "net_cost_eur")
DEAD_END_KINDS = ("no_response", "info_only", "denial")
# The first contact: the first time a household came to a counter, or decided not to claim a
# provision it is entitled to (non-take-up): either way it faced the services with a problem then,
# and it stays in the measured cohort from that day.
FIRST_CONTACT_KINDS = ("seek_help", "non_claim")
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

    group = GROUP_KEYS
    nested = {
        "cost_by_pot": POT_NAMES, "resource_cost_by_pot": POT_NAMES, "transfers_by_pot": POT_NAMES,
        "cost_by_category": CATEGORIES,
        "by_actor": [f"{actor}.{k}" for actor in ACTORS for k in ACTOR_KEYS],
        "waits_mean_days": FACILITIES,
        "multi_problem": group,
        "by_profile": [f"{p.name}.{k}" for p in PROFILES for k in group],
        "spans_days": [f"{s}.{k}" for s in SPANS for k in ("n", "mean", "median")]
        + [f"{s}.{k}" for s in ONSET_SPANS for k in ("n", "mean", "median", "households")],
        "stays_days": [f"{f}.{k}" for f in RESIDENCES for k in
                       ("n", "completed", "median", "over_half_year_share", "over_half_year_n")],
        "first_year": [f"{g}.{k}" for g in FIRST_YEAR_GROUPS
                       for k in ("households", "handoffs_mean", "helper_changes_mean",
                                 "disengaged_share", "participation_households")],
        **{name: list(t.keys) for name, t in TABLES.items()},
    }
    return [*SCALAR_METRICS, *(f"{head}.{k}" for head, keys in nested.items() for k in keys)]


def event_arrays(model: "SocialDomainModel", start: int = 0) -> dict[str, np.ndarray]:
    """The event log's columns from row ``start`` on (time, household, kind, org, detail,
    value), as copies: what tools that follow a running model (the app) read."""
    return {k: np.array(v[start:]) for k, v in model.log.arrays().items()}


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


def _count(a: dict, n: int, kinds: Iterable[str], extra: np.ndarray | None = None) -> np.ndarray:
    mask = np.isin(a["kind"], [K[k] for k in kinds])
    if extra is not None:
        mask &= extra
    return np.bincount(a["household"][mask], minlength=n)


def _helper_changes(a: dict, n: int, extra: np.ndarray | None = None) -> np.ndarray:
    """Every change of helper: a referral or a change of professional by the counters, and a
    household brought to a counter by a third party's signal (the police, Veilig Thuis, a
    hospital, the landlord's early signal), which hands it over as a referral does."""
    signalled = (a["kind"] == K["seek_help"]) & (a["detail"] == int(Channel.SIGNAL))
    if extra is not None:
        signalled &= extra
    return _count(a, n, HANDOFF_KINDS, extra) + np.bincount(a["household"][signalled], minlength=n)


def household_table(model: "SocialDomainModel") -> pd.DataFrame:
    """One row per household: who it is, what it met, what it cost."""
    a = model.log.arrays()
    n = len(model.households)
    hh = model.households
    warm = model.warmup
    t, kind, who = a["time"], a["kind"], a["household"]

    first_contact = np.full(n, np.nan)
    m = np.isin(kind, [K[k] for k in FIRST_CONTACT_KINDS])
    np.fmin.at(first_contact, who[m], t[m])
    stable_since = np.full(n, np.nan)
    m = kind == K["stable"]
    np.fmin.at(stable_since, who[m], a["value"][m])

    m = np.isin(kind, [K[k] for k in ORG_KINDS]) & (a["org"] >= 0)
    n_orgs = len(model.orgs.names)
    pairs = np.unique(who[m].astype(np.int64) * n_orgs + a["org"][m])
    organisations = np.bincount(pairs // n_orgs, minlength=n)

    cost = kind == K["cost"]
    transfer = cost & _transfer(a)
    resource = cost & ~transfer
    in_window = t >= warm

    def euros(mask: np.ndarray) -> np.ndarray:
        return np.bincount(who[mask], weights=a["value"][mask], minlength=n)

    referral = kind == K["referral"]
    to_director = referral & (a["detail"] == NO_DOMAIN)
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
        "warm_referrals": _count(a, n, ("referral",), ~to_director & (a["value"] == Dossier.WARM)),
        "director_referrals": np.bincount(who[to_director], minlength=n),
        "worker_changes": _count(a, n, ("worker_change",)),
        "handoffs": _count(a, n, HANDOFF_KINDS, a["value"] == Dossier.LOST),
        "signal_arrivals": _count(a, n, ("seek_help",), a["detail"] == int(Channel.SIGNAL)),
        "helper_changes": _helper_changes(a, n),
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
        "cost_eur": euros(resource),
        "cost_window_eur": euros(resource & in_window),
        "transfers_eur": euros(transfer),
        "transfers_window_eur": euros(transfer & in_window),
    })
    # a household that left the services' view for good (moved away and never came back) is
    # followed until the day it left, not to the end of the run: censored there
    gone = np.full(n, np.nan)
    m = (kind == K["contact_lost"]) & (a["value"] == 1)
    np.fmin.at(gone, who[m], t[m])
    df["lost_for_good_day"] = gone
    start = df["first_contact_day"].to_numpy()
    stable = df["stable_since_day"].to_numpy()
    reached = ~np.isnan(stable) & (stable >= start)
    end = np.where(~np.isnan(gone) & (gone >= start), gone, model.end)
    df["stable"] = reached
    df["time_to_stability_days"] = np.where(reached, stable - start, end - start)
    df["time_from_onset_days"] = np.where(reached, stable - df["onset_day"], end - df["onset_day"])
    years = np.maximum((end - start) / 365.0, 1e-9)
    df["helper_changes_per_year"] = df["helper_changes"] / np.where(np.isnan(years), 1, years)
    return df


def measured(df: pd.DataFrame) -> pd.DataFrame:
    """The cohort: arrived after the warm-up and contacted at least one counter, or decided not
    to claim a provision (:data:`FIRST_CONTACT_KINDS`)."""
    return df[df["cohort"] & df["first_contact_day"].notna()]


def _transfer(a: dict) -> np.ndarray:
    """Cost rows that are transfers to households (benefits), not resource costs."""
    return np.isin(a["detail"], [int(c) for c in TRANSFER_CATEGORIES])


def rmst(c: pd.DataFrame, horizon: float = RMST_HORIZON_DAYS) -> dict[str, float | None]:
    """Restricted mean time to stability of cohort households (days of the first ``horizon``
    after first contact spent before stability), with its 95% interval."""
    from .stats import km_rmst

    return km_rmst(c["time_to_stability_days"].to_numpy(float), c["stable"].to_numpy(bool),
                   horizon)


# The keys of a group's summary (multi_problem, and each profile of by_profile: the equity table).
GROUP_KEYS = ("households", "stable_share", "time_to_stability_median_days",
              "time_to_stability_rmst_days", "handoffs_mean", "warm_referrals_mean",
              "director_referrals_mean", "helper_changes_mean", "organisations_mean",
              "dead_ends_mean", "retellings_mean", "disengaged_share", "evictions_per_household",
              "cost_per_household_eur", "transfers_per_household_eur")


def _mean(c: pd.DataFrame, column: str) -> float:
    return float(c[column].mean()) if len(c) else 0.0


def _group_summary(c: pd.DataFrame) -> dict:
    dur = c["time_to_stability_days"].to_numpy(float)
    obs = c["stable"].to_numpy(bool)
    return {
        "households": int(len(c)),
        "stable_share": float(obs.mean()) if len(c) else 0.0,
        "time_to_stability_median_days": km_median(dur, obs),
        "time_to_stability_rmst_days": rmst(c)["rmst"],
        "handoffs_mean": _mean(c, "handoffs"),
        "warm_referrals_mean": _mean(c, "warm_referrals"),
        "director_referrals_mean": _mean(c, "director_referrals"),
        "helper_changes_mean": _mean(c, "helper_changes"),
        "organisations_mean": _mean(c, "organisations"),
        "dead_ends_mean": _mean(c, "dead_ends"),
        "retellings_mean": _mean(c, "retellings"),
        "disengaged_share": _mean(c, "disengaged"),
        "evictions_per_household": _mean(c, "evictions"),
        "cost_per_household_eur": _mean(c, "cost_eur"),
        "transfers_per_household_eur": _mean(c, "transfers_eur"),
    }


def by_actor(by_pot: np.ndarray, transfers_by_pot: np.ndarray) -> dict[str, dict[str, float]]:
    """Who pays, who gains: per actor (``domains.Actor``) its resource cost, the transfers it
    pays and receives, and its net cost. Transfers are paid by the pot's actor and received by
    the households, so the net costs sum to the resource (societal) cost."""
    n = len(ACTORS)
    resource, paid = np.zeros(n), np.zeros(n)
    for pot in Pot:
        actor = POT_ACTOR[pot]
        resource[actor] += by_pot[pot] - transfers_by_pot[pot]
        paid[actor] += transfers_by_pot[pot]
    received = np.zeros(n)
    received[Actor.HOUSEHOLDS] = transfers_by_pot.sum()
    return {name: {"resource_cost_eur": float(resource[i]), "transfers_paid_eur": float(paid[i]),
                   "transfers_received_eur": float(received[i]),
                   "net_cost_eur": float(resource[i] + paid[i] - received[i])}
            for i, name in enumerate(ACTORS)}


def summary(model: "SocialDomainModel", table: pd.DataFrame | None = None) -> dict:
    """The run's summary: plain numbers, lists and dicts, ready for JSON."""
    df = household_table(model) if table is None else table
    c = measured(df)
    a = model.log.arrays()
    warm = model.warmup
    window = a["time"] >= warm
    cost = (a["kind"] == K["cost"]) & window
    by_pot = np.bincount(a["org"][cost], weights=a["value"][cost], minlength=len(POT_NAMES))
    transfer = cost & _transfer(a)
    transfers = np.bincount(a["org"][transfer], weights=a["value"][transfer],
                            minlength=len(POT_NAMES))
    resources = by_pot - transfers
    restricted = rmst(c)
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
        "time_to_stability_rmst_days": restricted["rmst"],
        "time_to_stability_rmst_ci95_low": restricted["low"],
        "time_to_stability_rmst_ci95_high": restricted["high"],
        "handoffs_mean": float(c["handoffs"].mean()) if len(c) else 0.0,
        "handoffs_p90": float(np.percentile(c["handoffs"], 90)) if len(c) else 0.0,
        "warm_referrals_mean": _mean(c, "warm_referrals"),
        "director_referrals_mean": _mean(c, "director_referrals"),
        "helper_changes_mean": _mean(c, "helper_changes"),
        "organisations_mean": float(c["organisations"].mean()) if len(c) else 0.0,
        "dead_ends_mean": float(c["dead_ends"].mean()) if len(c) else 0.0,
        "retellings_mean": float(c["retellings"].mean()) if len(c) else 0.0,
        "disengaged_share": float(c["disengaged"].mean()) if len(c) else 0.0,
        "evictions": int(c["evictions"].sum()),
        "disputes": int(c["disputes"].sum()),
        "escalations": int(c["escalations"].sum()),
        "societal_cost_eur": float(resources.sum()),
        "cost_per_household_eur": _mean(c, "cost_eur"),
        "transfers_eur": float(transfers.sum()),
        "transfers_per_household_eur": _mean(c, "transfers_eur"),
        "cost_by_pot": {name: float(v) for name, v in zip(POT_NAMES, by_pot)},
        "resource_cost_by_pot": {name: float(v) for name, v in zip(POT_NAMES, resources)},
        "transfers_by_pot": {name: float(v) for name, v in zip(POT_NAMES, transfers)},
        "cost_by_category": {name: float(v) for name, v in zip(CATEGORIES, by_cat)},
        "by_actor": by_actor(by_pot, transfers),
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


def _latest_before(starts: tuple[np.ndarray, np.ndarray],
                   ends: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
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


def _first_after(starts: tuple[np.ndarray, np.ndarray],
                 ends: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
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


def spans(model: "SocialDomainModel", a: dict) -> dict:
    """Days between request and intake, intake and treatment, request and provision, ..."""
    out = {}
    for name, (start, end) in SPANS.items():
        s, e = _events(a, *start), _events(a, *end)
        begun = _latest_before(s, e)
        days = (e[1] - begun)[begun >= model.warmup]
        out[name] = _described(days)
    return out


def onset_spans(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
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


def stays(model: "SocialDomainModel", a: dict) -> dict:
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


def first_year(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Cold handoffs, changes of helper (every referral and change of professional),
    disengagement, and the households that started a participation path (their own search, a
    trajectory, or participation in parallel) in the first 365 days after first contact, for
    cohort households whose first year lies wholly in the run."""
    c = cohort[cohort["first_contact_day"] <= model.end - 365.0]
    start = np.full(len(model.households), np.nan)
    start[c["household"].to_numpy()] = c["first_contact_day"].to_numpy()
    who, t = a["household"], a["time"]
    in_year = (t >= start[who]) & (t <= start[who] + 365.0)
    handoffs = _count(a, len(start), HANDOFF_KINDS, in_year & (a["value"] == Dossier.LOST))
    changes = _helper_changes(a, len(start), in_year)
    gone = _count(a, len(start), ("disengaged",), in_year) > 0
    began = np.isin(a["detail"], [PARTICIPATION_STEPS.index(s)
                                  for s in ("own_search", "trajectory", "parallel")])
    participating = _count(a, len(start), ("participation",), in_year & began) > 0
    out = {}
    for name, profiles in FIRST_YEAR_GROUPS.items():
        g = c if profiles is None else c[c["profile"].isin(profiles)]
        ids = g["household"].to_numpy()
        out[name] = {"households": int(ids.size),
                     "handoffs_mean": float(handoffs[ids].mean()) if ids.size else None,
                     "helper_changes_mean": float(changes[ids].mean()) if ids.size else None,
                     "disengaged_share": float(gone[ids].mean()) if ids.size else None,
                     "participation_households": int(participating[ids].sum())}
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
TENANCY_KEYS = ("arrears", "arrears_from_income_loss", "signals", "signals_accepted",
                "summonses", "court_orders", "executed_evictions", "stopped_before_eviction",
                "evicted_after_rehousing")
DEBT_HELP_KEYS = ("started", "proposals", "accepted_by_all_creditors", "refused_by_a_creditor",
                  "forced_settlements", "wsnp", "completed", "refused_by_creditors",
                  "dropped_out", "still_running", "dropped_out_for_new_debts", "no_final_balance")


@table("tenancies", keys=TENANCY_KEYS)
def tenancies(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """The eviction process after the warm-up, all households: arrears that arose (and how many
    from a lost income), the landlord's early signals (and how many reached a household that
    accepted help), summonses, court orders, executed evictions, arrears that ended without an
    eviction, and executed evictions of households housed after homelessness."""
    from .mechanisms.tenancy import Cause, Stage

    ev = (a["kind"] == K["tenancy"]) & (a["time"] >= model.warmup)
    detail, value = a["detail"][ev], a["value"][ev]

    def n(stage: int, mask: Any = True) -> int:
        return int(((detail == stage) & mask).sum())

    return {"arrears": n(Stage.ARREARS), "arrears_from_income_loss": n(Stage.ARREARS,
                                                                      value == Cause.INCOME_LOSS),
            "signals": n(Stage.SIGNAL), "signals_accepted": n(Stage.SIGNAL_ACCEPTED),
            "summonses": n(Stage.SUMMONS), "court_orders": n(Stage.COURT_ORDER),
            "executed_evictions": n(Stage.EVICTED), "stopped_before_eviction": n(Stage.STOPPED),
            "evicted_after_rehousing": n(Stage.EVICTED, value == 1)}


@table("debt_trajectories", keys=DEBT_HELP_KEYS)
def debt_trajectories(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Debt-help trajectories that started after the warm-up, all households: the steps they
    passed and their outcome by the end of the run (completed; refused by creditors with no
    forced settlement or Wsnp; no proposal possible for a failed firm's open books; dropped out
    in stabilisation or ended early in repayment; still running). A household's trajectories follow one another, so each outcome event closes the
    household's latest trajectory."""
    from .mechanisms.debt_help import Reason, Step

    ev = a["kind"] == K["debt_help"]
    t, who, detail, value = a["time"][ev], a["household"][ev], a["detail"][ev], a["value"][ev]
    # the start of the trajectory each event belongs to: the household's latest STARTED
    order = np.lexsort((t, who))
    who, t, detail, value = who[order], t[order], detail[order], value[order]
    started = detail == Step.STARTED
    idx = np.where(started, np.arange(len(t)), -1)
    idx = np.maximum.accumulate(idx) if len(idx) else idx
    ok = idx >= 0
    ok[ok] &= who[idx[ok]] == who[ok]
    begun = np.where(ok, t[np.maximum(idx, 0)], -np.inf)
    keep = begun >= model.warmup
    d, v = detail[keep], value[keep]

    def n(step: int, mask: Any = True) -> int:
        return int(((d == step) & mask).sum())

    out_dropped = n(Step.DROPPED_OUT) + n(Step.TERMINATED)
    ended = n(Step.COMPLETED) + n(Step.FAILED) + n(Step.NO_FINAL_BALANCE) + out_dropped
    return {"started": n(Step.STARTED), "proposals": n(Step.MAPPED),
            "accepted_by_all_creditors": n(Step.ACCEPTED), "refused_by_a_creditor": n(Step.REFUSED),
            "forced_settlements": n(Step.FORCED), "wsnp": n(Step.WSNP),
            "completed": n(Step.COMPLETED), "refused_by_creditors": n(Step.FAILED),
            "no_final_balance": n(Step.NO_FINAL_BALANCE),
            "dropped_out": out_dropped, "still_running": n(Step.STARTED) - ended,
            "dropped_out_for_new_debts": n(Step.TERMINATED, v == Reason.NEW_DEBTS)}


# [tables: homelessness, exits and the housing market]
HOUSING_ROUTES = ("urgency", "urgency_outside", "beschermd_thuis", "contingent", "ordinary")
OWN_EXITS = ("with_others", "family", "private_rent")
SERVICE_EXITS = ("night_shelter", "family_shelter", "sheltered_housing", "transitional_home",
                 "social_housing")


@table("housing_market", keys=[*(f"lettings_{r}" for r in HOUSING_ROUTES), "lettings_total",
                               "ordinary_wait_mean_days", "ordinary_waiting_at_end",
                               "urgency_wait_mean_days", "all_wait_mean_days",
                               *(f"exits_{r}" for r in OWN_EXITS + SERVICE_EXITS),
                               "with_others_breakdowns", "beschermd_thuis",
                               "housed_after_homelessness", "homeless_again_within_year",
                               "repeat_homelessness_share"])
def housing_market(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Social lettings by route and their waits (after the warm-up); moves out of the street,
    staying with others or the night shelter by route; and repeat homelessness: of those housed
    after homelessness (with a year to follow), the share back on the street, with others or in
    the night shelter within a year."""
    from .mechanisms.housing import MOVES
    from .mechanisms.lettings import ROUTES

    warm, end = model.warmup, model.end
    rec = np.array(model.lettings.records, dtype=float).reshape(-1, 3)
    rec = rec[rec[:, 0] >= warm]
    route, wait = rec[:, 1].astype(int), rec[:, 2]
    out: dict = {f"lettings_{r}": int((route == i).sum()) for i, r in enumerate(ROUTES)}
    out["lettings_total"] = int(len(rec))
    mean = lambda x: float(x.mean()) if x.size else None  # noqa: E731
    ordinary = ROUTES.index("ordinary")
    out["ordinary_wait_mean_days"] = mean(wait[route == ordinary])
    out["ordinary_waiting_at_end"] = int(model.lettings.ordinary_waiting)
    urgent = np.isin(route, [ROUTES.index(r) for r in ("urgency", "urgency_outside",
                                                       "beschermd_thuis")])
    out["urgency_wait_mean_days"] = mean(wait[urgent])
    out["all_wait_mean_days"] = mean(wait[urgent | (route == ordinary)])

    t, kind, who = a["time"], a["kind"], a["household"].astype(np.int64)
    after = t >= warm
    moves = (kind == K["housing_move"]) & after
    for r in OWN_EXITS:
        out[f"exits_{r}"] = int((moves & (a["detail"] == MOVES.index(r))).sum())
    # a placement is a way out of homelessness unless it is a move on from another place
    left = (kind == K["exit"]) & (a["org"] != O["night_shelter"])
    moved_on = set((who[left] * 1e5 + t[left]).tolist())
    placed = (kind == K["placed"]) & after
    key = who * 1e5 + t
    fresh = placed & ~np.isin(key, list(moved_on))
    for r in SERVICE_EXITS:
        out[f"exits_{r}"] = int((fresh & (a["org"] == O[r])).sum())
    out["with_others_breakdowns"] = int((moves & (a["detail"] == MOVES.index("breakdown"))).sum())
    out["beschermd_thuis"] = int((moves & (a["detail"] == MOVES.index("beschermd_thuis"))).sum())

    housed = (kind == K["housing_move"]) & (a["detail"] == MOVES.index("housed")) & after & \
        (t <= end - 365.0)
    again = ((kind == K["housing_move"]) & (a["detail"] == MOVES.index("homeless"))) | \
        ((kind == K["placed"]) & (a["org"] == O["night_shelter"]))
    h_who, h_t = who[housed], t[housed]
    nxt = _first_after((h_who, np.nextafter(h_t, np.inf)), (who[again], t[again]))
    back = ~np.isnan(nxt) & (nxt - h_t <= 365.0)
    out["housed_after_homelessness"] = int(h_who.size)
    out["homeless_again_within_year"] = int(back.sum())
    out["repeat_homelessness_share"] = float(back.mean()) if h_who.size else None
    return out


# [tables: treatment, violence and counters]
TREATMENT_PLACES = ("ggz_treatment", "youth_care")


@table("treatment", keys=[f"{f}.{k}" for f in TREATMENT_PLACES
                          for k in (*TREATMENT_OUTCOMES, "ended", "dropout_share", "relapses")])
def treatment_outcomes(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
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
def violence_chain(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
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


# [tables: money: budgets, transfers, who pays and who gains]
BUDGET_POTS = ("special_assistance", "wmo", "youth", "debt_help")  # discretionary budgets
BUDGET_KEYS = ("budget_per_year", "spent_mean_per_year", "spent_max_share", "years_over_budget")


@table("pot_budgets", keys=[f"{pot}.{k}" for pot in BUDGET_POTS for k in BUDGET_KEYS]
       + ["refusals_budget", "wmo_fewer_hours", "youth_waits"])
def budgets(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Spending against the yearly budget of each discretionary pot, over the budget years
    of the run (the last, unfinished year pro rata), and the refusals for lack of budget after
    the warm-up, and the Wmo decisions granted with fewer hours and youth decisions put back
    for budget pressure after the warm-up."""
    out: dict[str, Any] = {}
    for name in BUDGET_POTS:
        pot = model.pots[POT_NAMES.index(name)]
        years = list(pot.by_year)
        part = (model.end - pot.year_start) / 365.0
        if part > 0.01:
            years.append(pot.spent_this_year(model.end) / part)
        shares = [y / pot.per_year for y in years] if pot.per_year > 0 else []
        out[name] = {"budget_per_year": pot.per_year,
                     "spent_mean_per_year": float(np.mean(years)) if years else 0.0,
                     "spent_max_share": max(shares) if shares else None,
                     "years_over_budget": sum(1 for v in shares if v > 1.0)}
    denial = (a["kind"] == K["denial"]) & (a["time"] >= model.warmup)
    out["refusals_budget"] = int((denial & (a["detail"] == R["budget"])).sum())
    # budget pressure on Wmo and youth care: care granted with fewer hours, decisions put back
    from .mechanisms.escalation_team import S
    prog = (a["kind"] == K["programme"]) & (a["time"] >= model.warmup)
    out["wmo_fewer_hours"] = int((prog & (a["detail"] == S["budget_fewer_hours"])).sum())
    out["youth_waits"] = int((prog & (a["detail"] == S["budget_wait"])).sum())
    return out


CROSS_POT_KEYS = ("considered", "approved", "refused", "refused_budget", "paid_directly", "cost_eur")


@table("cross_pot", keys=[f"{item}.{k}" for item in CROSS_POT_ITEMS for k in CROSS_POT_KEYS])
def cross_pot(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Decisions on the catalogue of cheap solutions after the warm-up, per item: how often
    considered, approved, refused (no counted gain), refused for budget, paid from a
    director's budget, and the euros approved."""
    rows = (a["kind"] == K["cross_pot"]) & (a["time"] >= model.warmup)
    org, detail, value = a["org"][rows], a["detail"][rows], a["value"][rows]
    out: dict[str, Any] = {}
    for i, item in enumerate(CROSS_POT_ITEMS):
        mine = org == i
        paid = mine & ((detail == 1) | (detail == 3))
        out[item] = {"considered": int(mine.sum()),
                     "approved": int((mine & (detail == 1)).sum()),
                     "refused": int((mine & (detail == 0)).sum()),
                     "refused_budget": int((mine & (detail == 2)).sum()),
                     "paid_directly": int((mine & (detail == 3)).sum()),
                     "cost_eur": float(value[paid].sum())}
    return out


@table("who_pays_disputes", keys=["started", *DISPUTE_ENDS, "open",
                                  "months_mean", "payer_switches"])
def who_pays_disputes(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Who-pays disputes started after the warm-up and how they ended after it (own pot,
    other pot, split, abandoned, ended by an escalation; one that runs on at the end is
    "open"), the mean months of the ended ones, and the payer switches at 18."""
    late = a["time"] >= model.warmup
    started = int(((a["kind"] == K["dispute"]) & late).sum())
    ended = (a["kind"] == K["dispute_end"]) & late
    out: dict[str, Any] = {"started": started}
    for code, name in enumerate(DISPUTE_ENDS):
        out[name] = int((ended & (a["detail"] == code)).sum())
    out["open"] = max(0, started - int(ended.sum()))
    out["months_mean"] = float(a["value"][ended].mean() / (365.0 / 12)) if ended.any() else None
    out["payer_switches"] = int(((a["kind"] == K["payer_switch"]) & late).sum())
    return out


# [tables: reforms as programmes]
PROGRAMME_KEYS = ("escalation_rungs", "escalation_waits", "escalation_statutory",
                  "escalation_succeeded", "housing_first_housed", "housing_first_team_full",
                  "housing_first_no_dwelling", "deadline_expedited", "deadline_delayed",
                  "deadline_penalties", "deadline_penalties_eur", "postal_addresses_home")


@table("programmes", keys=list(PROGRAMME_KEYS))
def programmes(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """The reforms' programmes after the warm-up: escalation rungs climbed, cases that waited
    for the escalation team, statutory blocks it could not bend and ladders that succeeded;
    households housed by Housing First and those it could not take (team full, no dwelling
    left this year); cases decided first for their deadline, cases that waited for that,
    penalty payments (count and euros); postal addresses given at the home desk."""
    from .mechanisms.escalation_team import S
    late = a["time"] >= model.warmup
    prog = (a["kind"] == K["programme"]) & late

    def n(step: str) -> int:
        return int((prog & (a["detail"] == S[step])).sum())

    penalties = prog & (a["detail"] == S["deadline_penalty"])
    esc = (a["kind"] == K["escalation"]) & late & (a["org"] == model.orgs.code["escalation_team"])
    return {"escalation_rungs": n("escalation_rung"), "escalation_waits": n("escalation_wait"),
            "escalation_statutory": n("escalation_statutory"),
            "escalation_succeeded": int((esc & (a["detail"] == 1)).sum()),
            "housing_first_housed": n("housing_first_housed"),
            "housing_first_team_full": n("housing_first_team_full"),
            "housing_first_no_dwelling": n("housing_first_no_dwelling"),
            "deadline_expedited": n("deadline_expedited"), "deadline_delayed": n("deadline_delayed"),
            "deadline_penalties": int(penalties.sum()),
            "deadline_penalties_eur": float(a["value"][penalties].sum()),
            "postal_addresses_home": n("postal_address_home")}



# [table: observed-figure rates] flows per 10,000 inhabitants a year and shares, in the form the
# observed figures of calibration/targets.toml give them (docs/validation.md)
FIGURE_KEYS = ("evictions_per_10k_year", "debt_help_requests_per_10k_year",
               "violence_shelter_entries_per_10k_year", "debt_accepted_share",
               "debt_completed_share")


@table("figures", keys=FIGURE_KEYS)
def figures(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """After the warm-up: executed evictions, households that asked for debt help and
    households that entered a crisis or women's shelter, per 10,000 inhabitants a year; of the debt-help trajectories that
    started, the share of settlement proposals accepted by every creditor, and of those that
    ended, the share completed."""
    window = a["time"] >= model.warmup
    per = 10_000 / (model.scale * REFERENCE_INHABITANTS) / max((model.end - model.warmup) / 365.0,
                                                               1e-9)
    evictions = tenancies(model, a, cohort)["executed_evictions"]
    asked = (a["kind"] == K["seek_help"]) & (a["org"] == O["debt_help"]) & window
    requests = np.unique(a["household"][asked]).size
    shelters = [O["crisis_shelter"], O["womens_shelter"]]
    placed = (a["kind"] == K["placed"]) & np.isin(a["org"], shelters) & window
    entries = np.unique(a["household"][placed]).size
    debts = debt_trajectories(model, a, cohort)
    ended = debts["started"] - debts["still_running"]
    return {"evictions_per_10k_year": evictions * per,
            "debt_help_requests_per_10k_year": requests * per,
            "violence_shelter_entries_per_10k_year": entries * per,
            "debt_accepted_share": (debts["accepted_by_all_creditors"] / debts["proposals"]
                                    if debts["proposals"] else None),
            "debt_completed_share": debts["completed"] / ended if ended > 0 else None}


# [tables: latent demand, non-take-up and third-party signals]
def _in_cohort(model: "SocialDomainModel", a: dict) -> np.ndarray:
    """Rows of households that arrived after the warm-up: the cohort, whether or not they ever
    contacted a counter (a need that stays hidden or unclaimed keeps a household away)."""
    cohort = np.fromiter((h.cohort for h in model.households), dtype=bool,
                         count=len(model.households))
    return cohort[a["household"]]


@table("hidden_need", keys=[*(f"found_{ch}" for ch in HIDDEN_CHANNELS), "still_hidden",
                            "hidden_at_onset"])
def hidden_need(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Needs of cohort households that started hidden (all of them, also of households that
    never came to a counter): how each was found (a crisis, a signal, a broad intake, a case
    director, an ordinary intake that asked or a refusal that named it) and how many are still
    hidden at the end."""
    mine = _in_cohort(model, a)
    hidden = int(((a["kind"] == K["hidden_need"]) & mine).sum())
    found = (a["kind"] == K["hidden_found"]) & mine
    by = np.bincount(a["detail"][found], minlength=len(HIDDEN_CHANNELS))
    out: dict[str, Any] = {f"found_{ch}": int(v) for ch, v in zip(HIDDEN_CHANNELS, by)}
    out["still_hidden"] = hidden - int(found.sum())
    out["hidden_at_onset"] = hidden
    return out


@table("take_up", keys=[f"{p}{k}" for p in PROVISIONS for k in ("", "_entitled", "_claimed")])
def take_up(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Take-up by provision among cohort households (also those that never came to a counter):
    the entitled have had the need the provision meets (an income problem for bijstand, care
    for the Wmo, debts for debt help); the claimed among them came to its counter for it, by
    any channel; ``<provision>`` is the share that claimed."""
    mine = _in_cohort(model, a)
    onset = (a["kind"] == K["onset"]) & mine
    claim = (a["kind"] == K["claim"]) & mine
    out: dict[str, Any] = {}
    for domain, prov in PROVISION_OF.items():
        name = PROVISIONS[prov]
        entitled = np.unique(a["household"][onset & (a["detail"] == int(domain))])
        claimed = np.intersect1d(entitled, a["household"][claim & (a["detail"] == prov)])
        out[name] = float(claimed.size / entitled.size) if entitled.size else None
        out[f"{name}_entitled"] = int(entitled.size)
        out[f"{name}_claimed"] = int(claimed.size)
    return out


@table("non_claim_reasons", keys=[*NON_CLAIM_REASONS, "decisions", "households"])
def non_claim_reasons(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Decisions not to claim (for now) by cohort households, by the reason given, and the
    households that took at least one."""
    rows = (a["kind"] == K["non_claim"]) & _in_cohort(model, a)
    by = np.bincount(a["value"][rows].astype(np.int64), minlength=len(NON_CLAIM_REASONS))
    out: dict[str, Any] = {r: int(v) for r, v in zip(NON_CLAIM_REASONS, by)}
    out["decisions"] = int(rows.sum())
    out["households"] = int(np.unique(a["household"][rows]).size)
    return out


@table("signals", keys=[*SIGNALLERS, "led_to_contact"])
def signals(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Third parties' signals after the warm-up, all households, by signaller, and those that
    reached the household (an outreach contact it accepted)."""
    rows = (a["kind"] == K["signal"]) & (a["time"] >= model.warmup)
    by = np.bincount(a["detail"][rows], minlength=len(SIGNALLERS))
    out: dict[str, Any] = {s: int(v) for s, v in zip(SIGNALLERS, by)}
    out["led_to_contact"] = int((a["value"][rows] > 0).sum())
    return out


# [tables: households as the sources tell them: losing contact, participation, doenvermogen]
@table("contact", keys=["lost_trust", *(f"lost_{c}" for c in CONTACT_CAUSES), "reentries",
                        "first_year_homeless_lost_share"])
def contact(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Losses of contact after the warm-up, all households: by worn-down trust (disengaged) and
    by cause (moved away, detained, unreachable); returns into view (from any cause); and, of
    cohort households that became homeless after the warm-up with a year to follow, the share
    that lost contact (any cause) within a year of becoming homeless."""
    from .mechanisms.housing import MOVES

    late = a["time"] >= model.warmup
    kind, t, who = a["kind"], a["time"], a["household"].astype(np.int64)
    lost = (kind == K["contact_lost"]) & late
    out: dict[str, Any] = {"lost_trust": int(((kind == K["disengaged"]) & late).sum())}
    for code, cause in enumerate(CONTACT_CAUSES):
        out[f"lost_{cause}"] = int((lost & (a["detail"] == code)).sum())
    out["reentries"] = int(((kind == K["reentry"]) & late).sum())
    homeless = (kind == K["housing_move"]) & (a["detail"] == MOVES.index("homeless")) & late & \
        (t <= model.end - 365.0) & np.isin(who, cohort["household"].to_numpy())
    # a bed given up on moving away or detention is not a new homelessness that lost contact
    homeless &= ~np.isin(_key((who, t)), _key((who[lost], t[lost])))
    first = pd.Series(t[homeless]).groupby(who[homeless]).min()
    gone = (kind == K["contact_lost"]) | (kind == K["disengaged"])
    h_who, h_t = first.index.to_numpy(np.int64), first.to_numpy(float)
    nxt = _first_after((h_who, h_t), (who[gone], t[gone]))
    within = ~np.isnan(nxt) & (nxt - h_t <= 365.0)
    out["first_year_homeless_lost_share"] = float(within.mean()) if h_who.size else None
    return out


@table("participation", keys=["own_search", "trajectory", "parallel", "trajectory_waits", "own_job"])
def participation(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Steps of the participation path after the warm-up, all households: own searches begun,
    trajectories begun, participation started in parallel by W&I, waits for a trajectory place
    (households put on the list), and jobs found by the household itself."""
    rows = (a["kind"] == K["participation"]) & (a["time"] >= model.warmup)
    counts = np.bincount(a["detail"][rows], minlength=len(PARTICIPATION_STEPS))
    out = {step: int(counts[i]) for i, step in enumerate(PARTICIPATION_STEPS)
           if step != "trajectory_wait"}
    out["trajectory_waits"] = int(counts[PARTICIPATION_STEPS.index("trajectory_wait")])
    return out


@table("doenvermogen", keys=["no_shows", "paperwork_incomplete", "referrals_not_followed",
                             "objection_windows_missed", "documents_expired"])
def doenvermogen(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """What doenvermogen and administrative skill made go wrong after the warm-up, all
    households: no-shows at intakes, applications returned incomplete, cold referrals the
    household did not follow up, objection windows missed, documents expired before a
    decision."""
    rows = (a["kind"] == K["doenvermogen"]) & (a["time"] >= model.warmup)
    n = np.bincount(a["detail"][rows], minlength=len(DOENVERMOGEN_SLIPS))
    names = dict(zip(DOENVERMOGEN_SLIPS, ("no_shows", "paperwork_incomplete",
                                          "referrals_not_followed", "objection_windows_missed",
                                          "documents_expired")))
    return {names[s]: int(n[i]) for i, s in enumerate(DOENVERMOGEN_SLIPS)}


# [table: waiting lists in the last measured year] the mean number waiting over the weekly rows
# of the run's last year (model.series): for each facility its list, for the GGZ the intake's
# staff queue plus the treatment list (the households waiting for mental-health care)
@table("waiting_last_year", keys=[*FACILITIES, "ggz"])
def waiting_last_year(model: "SocialDomainModel", a: dict, cohort: pd.DataFrame) -> dict:
    """Mean number of households waiting over the last 365 days of the run, per facility's list,
    and for the GGZ (intake staff queue plus treatment list), scaled to the run's inhabitants
    as they are (no rescaling)."""
    rows = [r for r in model.series if r["day"] >= model.end - 365.0]
    if not rows:
        return {k: None for k in (*FACILITIES, "ggz")}
    out: dict[str, Any] = {f: float(np.mean([r.get(f"queue.{f}", 0.0) for r in rows]))
                           for f in FACILITIES}
    out["ggz"] = float(np.mean([r.get("staff_queue.ggz", 0.0) + r.get("queue.ggz_treatment", 0.0)
                                for r in rows]))
    return out


NESTED_METRICS = NESTED_METRICS + tuple(TABLES)

