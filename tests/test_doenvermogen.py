"""Doenvermogen and administrative skill acting on no-shows, paperwork, expired documents,
objection windows and follow-through (mechanisms/doenvermogen.py)."""

from __future__ import annotations

import pytest
from conftest import SMALL, small

from sim.metrics import summary
from sim.model import SocialDomainModel

SLIPS_OFF = {"doenvermogen__no_show_base": 0.0, "doenvermogen__no_show_slope": 0.0,
             "doenvermogen__paperwork_base": 0.0, "doenvermogen__paperwork_slope": 0.0,
             "doenvermogen__objection_missed_slope": 0.0,
             "doenvermogen__follow_through_base": 1.0, "doenvermogen__follow_through_slope": 0.0}


@pytest.fixture(scope="module")
def model():
    m = SocialDomainModel("baseline", rng=5, overrides=SMALL)
    m.calendar.run_until(m.warmup)
    return m


def test_administrative_skill_is_the_households_own_and_follows_its_doenvermogen(model):
    skills = [(hh.self_reliance, model.doenvermogen.admin_skill(hh)) for hh in model.households]
    assert all(0.0 <= s <= 1.0 for _, s in skills)
    low = [s for r, s in skills if r < 0.35]
    high = [s for r, s in skills if r > 0.65]
    assert low and high and sum(low) / len(low) < sum(high) / len(high)
    # the same household, in another model with another scenario, has the same skill
    other = SocialDomainModel("baseline", rng=5, overrides={**SMALL, "wmo.p_deny": 0.5})
    other.calendar.run_until(other.warmup)
    for hh in other.households[:200]:
        assert other.doenvermogen.admin_skill(hh) == model.doenvermogen.admin_skill(
            model.households[hh.hid])


def test_the_skill_factor_is_one_at_the_reference_and_rises_with_skill(model):
    d = model.doenvermogen
    hh = model.households[0]
    ref = model.p["doenvermogen.skill_reference"]
    d._skill[hh.hid] = ref
    assert d.skill_factor(hh, 0.6) == pytest.approx(1.0)
    d._skill[hh.hid] = 1.0
    assert d.skill_factor(hh, 0.6) == pytest.approx(1.0 + 0.6 * (1.0 - ref))
    d._skill[hh.hid] = 0.0
    assert d.skill_factor(hh, 10.0) == 0.0  # never below zero
    del d._skill[hh.hid]


def test_no_shows_and_follow_through_depend_on_doenvermogen(model):
    d = model.doenvermogen
    hh = model.households[1]
    p = model.p
    n = 4000
    for r in (0.1, 0.9):
        hh.self_reliance = r
        shows = sum(d.misses_appointment(hh) for _ in range(n)) / n
        expect = p["doenvermogen.no_show_base"] + p["doenvermogen.no_show_slope"] * (1 - r)
        assert shows == pytest.approx(expect, abs=0.03)
        follows = sum(d.follows_referral(hh) for _ in range(n)) / n
        expect = p["doenvermogen.follow_through_base"] + p["doenvermogen.follow_through_slope"] * r
        assert follows == pytest.approx(expect, abs=0.03)


def test_without_slips_nothing_goes_wrong_and_with_them_every_kind_happens():
    off = summary(small(seed=5, **SLIPS_OFF))["doenvermogen"]
    assert set(off.values()) == {0}
    on = summary(small(seed=5, household__p_objection=1.0, wmo__p_deny=0.5))["doenvermogen"]
    for key in ("no_shows", "paperwork_incomplete", "referrals_not_followed",
                "objection_windows_missed", "documents_expired"):
        assert on[key] > 0, key


def test_slips_slow_households_down():
    """More slips, fewer households stable: the slips act through dead ends and waits."""
    smooth = summary(small(seed=6, **SLIPS_OFF))
    rough = summary(small(seed=6, doenvermogen__no_show_base=0.1, doenvermogen__no_show_slope=0.4,
                          doenvermogen__paperwork_slope=0.5, doenvermogen__follow_through_base=0.3))
    assert rough["dead_ends_mean"] > smooth["dead_ends_mean"]
    assert rough["stable_share"] < smooth["stable_share"]
