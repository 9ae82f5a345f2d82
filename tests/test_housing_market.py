"""A closed social-housing market: every letting goes to someone counted, urgency is a quota,
and escalation under full capacity is zero-sum."""

from __future__ import annotations

import pytest

from conftest import count_events, small
from sim.mechanisms.lettings import ROUTES
from sim.metrics import summary
from sim.organisations import O


def test_every_dwelling_goes_to_someone_counted():
    m = small(seed=2)
    lettings = m.lettings
    assert lettings.count > 100
    assert len(lettings.records) + lettings.vacant == lettings.count
    routes = {r: sum(1 for _, k, _ in lettings.records if k == i) for i, r in enumerate(ROUTES)}
    assert routes["ordinary"] > 0 and routes["urgency_outside"] > 0
    # a dwelling nobody waits for stays vacant, it is not given to nobody
    empty = small(seed=2, social_housing__registration_years=0.0,
                  social_housing__ordinary_applicants_ratio=0.0,
                  social_housing__outside_urgency_per_year=0.0, social_housing__initial_queue=0)
    assert empty.lettings.vacant > 0
    assert len(empty.lettings.records) + empty.lettings.vacant == empty.lettings.count


def test_urgency_is_a_quota_of_lettings():
    m = small(seed=2, social_housing__outside_urgency_per_year=200.0)  # a long urgency list
    lanes = sum(1 for _, k, _ in m.lettings.records if ROUTES[k] != "ordinary")
    assert lanes <= m.p["social_housing.urgency_quota"] * m.lettings.count + 1
    assert lanes >= m.p["social_housing.urgency_quota"] * m.lettings.count - 2
    none = small(seed=2, social_housing__urgency_quota=0.0)
    assert count_events(none, "placed", org=O["social_housing"]) == 0
    assert count_events(small(seed=2), "placed", org=O["social_housing"]) > 0


def test_the_ordinary_wait_emerges_from_the_registration_backlog():
    t = summary(small(seed=2))["housing_market"]
    assert 5 * 365 < t["ordinary_wait_mean_days"] < 11 * 365
    longer = summary(small(seed=2, social_housing__registration_years=10.0))["housing_market"]
    assert longer["ordinary_wait_mean_days"] > t["ordinary_wait_mean_days"] + 365


def test_more_urgency_demand_lengthens_someone_elses_wait():
    base = summary(small(seed=2))["housing_market"]
    more = summary(small(seed=2, social_housing__outside_urgency_per_year=120.0))["housing_market"]
    assert more["lettings_total"] == base["lettings_total"]  # the same dwellings come free
    assert more["lettings_urgency"] <= base["lettings_urgency"]
    assert more["urgency_wait_mean_days"] > base["urgency_wait_mean_days"]


def test_escalation_under_full_capacity_is_zero_sum():
    """Escalation moves a household up the urgency list; the market lets the same dwellings by
    the same routes, so the mean wait of all applicants stays the same."""
    full = dict(social_housing__outside_urgency_per_year=120.0)  # the urgency lane always full
    kw = dict(reform__escalation=True, escalation__after_days=30, escalation__p_success=1.0)
    for seed in (5, 6):
        base, esc = small(seed=seed, **full), small(seed=seed, **full, **kw)
        assert count_events(esc, "escalation") > 10
        b, e = summary(base)["housing_market"], summary(esc)["housing_market"]
        assert e["lettings_total"] == b["lettings_total"]
        lane = ("lettings_urgency", "lettings_urgency_outside", "lettings_beschermd_thuis",
                "lettings_contingent")
        assert sum(e[k] for k in lane) == pytest.approx(sum(b[k] for k in lane), abs=2)
        assert e["all_wait_mean_days"] == pytest.approx(b["all_wait_mean_days"], rel=0.03)
        for m in (base, esc):  # model households get dwellings only through the urgency lane
            placed = count_events(m, "placed", org=O["social_housing"])
            assert placed == sum(1 for _, k, _ in m.lettings.records
                                 if ROUTES[k] in ("urgency", "beschermd_thuis"))
