"""Metrics that say what they mean: resource costs apart from transfers, who pays and who gains
by actor, cold handoffs apart from warm and director referrals, the restricted mean time to
stability and the outcomes by profile. Each definition is pinned on a small run whose event log
is then extended with constructed rows, or on a constructed curve."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest

from conftest import small
from sim.domains import ACTORS, NO_DOMAIN, POT_NAMES, Category, Dossier, Pot
from sim.eventlog import K
from sim.metrics import (ACTOR_KEYS, GROUP_KEYS, RMST_HORIZON_DAYS, household_table, measured,
                         metric_names, summary)
from sim.stats import km_rmst


@pytest.fixture(scope="module")
def run():
    return small(seed=3)


@contextmanager
def _with_rows(model, rows):
    """The finished model with extra event rows (time, household, kind, org, detail, value)
    appended to its log for the duration of the block."""
    log = model.log
    n = len(log)
    for time, hh, kind, org, detail, value in rows:
        log.add(time, hh, K[kind], org, detail, value)
    try:
        yield model
    finally:
        for name in ("time", "household", "kind", "org", "detail", "value"):
            del getattr(log, name)[n:]


def _summary_with(model, rows):
    with _with_rows(model, rows) as m:
        return summary(m)


def _cohort_household(model) -> int:
    c = measured(household_table(model))
    return int(c["household"].iloc[0])


# --- 1. resource costs and transfers ----------------------------------------------------------

def test_a_transfer_is_not_a_societal_cost(run):
    before = summary(run)
    hh = _cohort_household(run)
    day = run.end - 1.0
    after = _summary_with(run, [(day, hh, "cost", int(Pot.BIJSTAND), int(Category.BENEFITS),
                                 1000.0)])
    assert after["societal_cost_eur"] == pytest.approx(before["societal_cost_eur"])
    assert after["transfers_eur"] == pytest.approx(before["transfers_eur"] + 1000.0)
    assert after["transfers_by_pot"]["bijstand"] == pytest.approx(
        before["transfers_by_pot"]["bijstand"] + 1000.0)
    assert after["cost_by_pot"]["bijstand"] == pytest.approx(before["cost_by_pot"]["bijstand"] + 1000.0)
    # the administration of a benefit is a resource cost
    admin = _summary_with(run, [(day, hh, "cost", int(Pot.BIJSTAND),
                                 int(Category.ADMINISTRATION), 1000.0)])
    assert admin["societal_cost_eur"] == pytest.approx(before["societal_cost_eur"] + 1000.0)
    assert admin["transfers_eur"] == pytest.approx(before["transfers_eur"])


def test_costs_split_into_resources_and_transfers_by_pot(run):
    s = summary(run)
    assert s["transfers_eur"] > 0  # households draw bijstand in the baseline
    for pot in POT_NAMES:
        assert s["resource_cost_by_pot"][pot] + s["transfers_by_pot"][pot] == \
            pytest.approx(s["cost_by_pot"][pot])
    assert sum(s["resource_cost_by_pot"].values()) == pytest.approx(s["societal_cost_eur"])
    assert s["transfers_eur"] == pytest.approx(s["cost_by_category"]["benefits"])
    t = measured(household_table(run))
    assert s["transfers_per_household_eur"] == pytest.approx(t["transfers_eur"].mean())
    assert s["cost_per_household_eur"] == pytest.approx(t["cost_eur"].mean())


# --- 2. who pays, who gains -------------------------------------------------------------------

def test_by_actor_sums_to_the_totals(run):
    s = summary(run)
    actors = s["by_actor"]
    assert list(actors) == list(ACTORS)
    assert all(set(row) == set(ACTOR_KEYS) for row in actors.values())
    net = sum(row["net_cost_eur"] for row in actors.values())
    assert net == pytest.approx(s["societal_cost_eur"])
    assert sum(r["resource_cost_eur"] for r in actors.values()) == pytest.approx(s["societal_cost_eur"])
    paid = sum(r["transfers_paid_eur"] for r in actors.values())
    received = sum(r["transfers_received_eur"] for r in actors.values())
    assert paid == pytest.approx(s["transfers_eur"]) and received == pytest.approx(s["transfers_eur"])
    assert actors["households"]["net_cost_eur"] == pytest.approx(-s["transfers_eur"])
    assert actors["national_government"] == {k: 0.0 for k in ACTOR_KEYS}  # no pot of the state


def test_pots_pay_for_their_actor(run):
    s = summary(run)
    by_pot = s["resource_cost_by_pot"]
    actors = s["by_actor"]
    assert actors["municipality"]["resource_cost_eur"] == pytest.approx(
        sum(by_pot[p] for p in ("bijstand", "special_assistance", "wmo", "youth", "debt_help")))
    assert actors["centrumgemeente"]["resource_cost_eur"] == pytest.approx(
        by_pot["shelter"] + by_pot["bijstand_centre"])
    assert actors["health_insurer"]["resource_cost_eur"] == pytest.approx(by_pot["zvw"])
    assert actors["housing_corporation"]["resource_cost_eur"] == pytest.approx(by_pot["corporation"])
    assert actors["justice"]["resource_cost_eur"] == pytest.approx(by_pot["justice"])
    hh = _cohort_household(run)
    more = _summary_with(run, [(run.end - 1.0, hh, "cost", int(Pot.BIJSTAND_CENTRE),
                                int(Category.BENEFITS), 500.0)])["by_actor"]
    assert more["centrumgemeente"]["transfers_paid_eur"] == pytest.approx(
        actors["centrumgemeente"]["transfers_paid_eur"] + 500.0)
    assert more["households"]["transfers_received_eur"] == pytest.approx(
        actors["households"]["transfers_received_eur"] + 500.0)
    assert more["municipality"] == actors["municipality"]


# --- 3. handoffs: cold ones are the headline --------------------------------------------------

def test_a_warm_referral_is_not_a_cold_handoff(run):
    hh = _cohort_household(run)
    row = household_table(run).set_index("household").loc[hh]
    day = run.end - 1.0
    wmo = run.counters["wmo"].org
    cases = {
        "warm": ("referral", wmo, 2, float(Dossier.WARM)),
        "kept": ("referral", wmo, 2, float(Dossier.KEPT)),
        "lost": ("referral", wmo, 2, float(Dossier.LOST)),
        "director": ("referral", run.counters["director"].org, int(NO_DOMAIN), float(Dossier.WARM)),
        "worker kept": ("worker_change", wmo, 2, float(Dossier.KEPT)),
        "worker lost": ("worker_change", wmo, 2, float(Dossier.LOST)),
    }
    expected = {  # (cold handoffs, warm referrals, director referrals, helper changes)
        "warm": (0, 1, 0, 1), "kept": (0, 0, 0, 1), "lost": (1, 0, 0, 1),
        "director": (0, 0, 1, 1), "worker kept": (0, 0, 0, 1), "worker lost": (1, 0, 0, 1),
    }
    for name, (kind, org, detail, value) in cases.items():
        with _with_rows(run, [(day, hh, kind, org, detail, value)]) as m:
            new = household_table(m).set_index("household").loc[hh]
        got = tuple(int(new[c] - row[c]) for c in
                    ("handoffs", "warm_referrals", "director_referrals", "helper_changes"))
        assert got == expected[name], name


@pytest.mark.filterwarnings("ignore:overrides")  # 0 and 1 lie outside the plausible range
def test_handoffs_count_only_lost_dossiers():
    """casework.info_loss decides whether a cold handoff loses the dossier: at 0 none does and
    there are no cold handoffs, at 1 every handoff that is not warm is one."""
    never = small(seed=2, casework__info_loss=0.0)
    always = small(seed=2, casework__info_loss=1.0)
    s0, s1 = summary(never), summary(always)
    assert s0["handoffs_mean"] == 0.0 and s0["helper_changes_mean"] > 0
    t1 = measured(household_table(always))
    assert s1["handoffs_mean"] > 0
    # a third party's signal hands a household over too, but keeps no counter's dossier
    assert (t1["handoffs"] == t1["helper_changes"] - t1["warm_referrals"]
            - t1["director_referrals"] - t1["signal_arrivals"]).all()
    for model, value in ((never, Dossier.KEPT), (always, Dossier.LOST)):
        a = model.log.arrays()
        handoff = np.isin(a["kind"], [K["referral"], K["worker_change"]])
        assert handoff.any() and (a["value"][handoff] == float(value)).all()


def test_the_referral_to_a_director_is_not_a_handoff():
    m = small(seed=4, reform__fixed_director=True)
    s = summary(m)
    t = measured(household_table(m))
    assert s["director_referrals_mean"] > 0 and s["warm_referrals_mean"] > 0
    a = m.log.arrays()
    to_director = (a["kind"] == K["referral"]) & (a["detail"] == int(NO_DOMAIN))
    assert to_director.any() and (a["value"][to_director] == float(Dossier.WARM)).all()
    assert (t["handoffs"] <= t["helper_changes"] - t["warm_referrals"] - t["director_referrals"]).all()
    directed = t[t["had_director"]]
    assert (directed["director_referrals"] >= 1).all()


# --- 4. restricted mean time to stability ------------------------------------------------------

def test_rmst_is_the_area_under_a_known_curve():
    # S = 1 on [0, 1), 3/4 on [1, 3) (the censoring at 2 does not step), 3/8 on [3, 4), 0 after
    r = km_rmst([1, 2, 3, 4], [True, False, True, True], horizon=10.0)
    assert r["rmst"] == pytest.approx(1 + 0.75 * 2 + 0.375 * 1)
    # cut at the horizon: the area up to 2.5
    assert km_rmst([1, 2, 3, 4], [True, False, True, True], horizon=2.5)["rmst"] == \
        pytest.approx(1 + 0.75 * 1.5)
    # without censoring it is the mean of the durations cut at the horizon, and Greenwood's
    # variance of the area is the plug-in variance of that mean
    d = np.array([1.0, 2.0, 3.0, 4.0])
    r = km_rmst(d, np.ones(4, bool), horizon=10.0)
    assert r["rmst"] == pytest.approx(d.mean())
    assert r["se"] == pytest.approx(d.std(ddof=0) / np.sqrt(d.size))
    assert r["low"] < r["rmst"] < r["high"]
    assert r["high"] - r["rmst"] == pytest.approx(1.959964 * r["se"], rel=1e-5)
    # nobody has the event before the horizon: the whole horizon, without spread
    assert km_rmst([5.0, 6.0], [False, True], horizon=3.0) == \
        {"rmst": 3.0, "se": 0.0, "low": 3.0, "high": 3.0}
    assert km_rmst([], [], horizon=3.0)["rmst"] is None
    with pytest.raises(ValueError, match="horizon"):
        km_rmst([1.0], [True], horizon=0.0)


def test_rmst_in_the_summary(run):
    s = summary(run)
    c = measured(household_table(run))
    r = km_rmst(c["time_to_stability_days"], c["stable"], RMST_HORIZON_DAYS)
    assert s["time_to_stability_rmst_days"] == pytest.approx(r["rmst"])
    assert s["time_to_stability_rmst_ci95_low"] < s["time_to_stability_rmst_days"] < \
        s["time_to_stability_rmst_ci95_high"]
    assert 0 < s["time_to_stability_rmst_days"] <= RMST_HORIZON_DAYS
    for group in s["by_profile"].values():  # defined for every profile, median or not
        assert group["time_to_stability_rmst_days"] is not None


# --- 5. the equity table: outcomes by profile -------------------------------------------------

def test_by_profile_holds_the_outcomes_and_adds_up(run):
    s = summary(run)
    groups = s["by_profile"]
    assert all(tuple(g) == GROUP_KEYS for g in groups.values())
    n = sum(g["households"] for g in groups.values())
    assert n == s["households"]
    for key, total in (("handoffs_mean", "handoffs_mean"), ("cost_per_household_eur",
                       "cost_per_household_eur"), ("transfers_per_household_eur",
                       "transfers_per_household_eur"), ("stable_share", "stable_share")):
        weighted = sum(g[key] * g["households"] for g in groups.values()) / n
        assert weighted == pytest.approx(s[total]), key
    names = set(metric_names())
    assert {f"by_profile.frail_elderly.{k}" for k in GROUP_KEYS} <= names
    assert {f"by_actor.{a}.{k}" for a in ACTORS for k in ACTOR_KEYS} <= names


# --- sim compare: who pays, who gains, with paired intervals ----------------------------------

def test_compare_shows_who_pays_and_who_gains():
    from conftest import SMALL
    from sim.analysis.compare import compare, format_table

    result = compare("baseline", ["fixed-director"], replicates=2, seed=3, overrides=SMALL,
                     quiet=True)
    t = result.table
    reform = t[t["scenario"] == "fixed-director"].set_index("metric")
    nets = [f"by_actor.{a}.net_cost_eur" for a in ACTORS]
    assert set(nets) <= set(reform.index)
    # the actors' paired differences add up to that of the societal (resource) cost
    assert reform.loc[nets, "diff_mean"].sum() == pytest.approx(
        reform.loc["societal_cost_eur", "diff_mean"], rel=1e-9, abs=1e-3)
    assert reform.loc["by_actor.households.net_cost_eur", "diff_mean"] == pytest.approx(
        -reform.loc["transfers_eur", "diff_mean"], abs=1e-3)
    for metric in ("time_to_stability_rmst_days", "by_actor.municipality.net_cost_eur"):
        assert reform.loc[metric, "pairs"] == 2  # defined in every replicate
    text = format_table(result)
    assert "Who pays, who gains" in text
    lines = {line.split("  ")[0]: line for line in text.splitlines()}
    assert "households" in lines and "society (sum: resource cost)" in lines
    assert "RMST d" in text and "transf. M" in text


def test_the_director_adds_helper_changes_but_not_cold_handoffs():
    """Under the fixed director every household meets more helpers (the director, warm
    referrals), but fewer of those changes lose the dossier: the headline does not rise."""
    from conftest import outcome

    base = [outcome(s) for s in (1, 2, 3)]
    director = [outcome(s, reform__fixed_director=True) for s in (1, 2, 3)]

    def mean(runs, key):
        return sum(r[key] for r in runs) / len(runs)

    assert mean(director, "helper_changes_mean") > mean(base, "helper_changes_mean")
    assert mean(director, "handoffs_mean") < mean(base, "handoffs_mean")
