"""Latent demand, non-take-up and third-party signals: needs stay hidden until someone asks,
entitled households may not claim, and signallers bring households to the right counter."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import count_events, small
from sim.eventlog import K
from sim.mechanisms.latent import C as FOUND
from sim.mechanisms.signals import S as SIGNALLER, SIGHT
from sim.mechanisms.take_up import PROVISIONS
from sim.metrics import summary
from sim.model import SocialDomainModel

pytestmark = pytest.mark.filterwarnings("ignore::sim.scenario.ScenarioWarning")

NOBODY_SIGNALS = {f"signals__{who}_per_year": 0.0 for who in SIGHT}
NOBODY_ASKS = {"problems__hidden_need_days": 36_000.0, "problems__p_crisis_on_decline": 0.0,
               "problems__p_placement_if_unmet": 0.0, "latent__p_find_narrow": 0.0,
               "casework__p_broad_assessment": 0.0, "neighbourhood_team__p_broad_assessment": 0.0,
               "tenancy__p_signal": 0.0, "problems__relapse_per_year": 0.0, **NOBODY_SIGNALS}
ALWAYS_CLAIM = {**{f"take_up__p_claim_{p}": 1.0 for p in PROVISIONS}, "take_up__recovery_penalty": 1.0}


def _served(m) -> int:
    """Needs of cohort households met after the warm-up: distinct (household, domain)."""
    a = m.log.arrays()
    cohort = np.array([h.cohort for h in m.households])
    rows = (a["kind"] == K["met"]) & cohort[a["household"]] & (a["time"] >= m.warmup)
    return len(set(zip(a["household"][rows].tolist(), a["detail"][rows].tolist())))


def test_the_households_own_streams_are_uniform_and_differ_by_household():
    from sim.streams import OwnStream

    r = OwnStream(12345)
    u = np.array([r.random() for _ in range(20_000)])
    assert 0.0 <= u.min() and u.max() < 1.0 and abs(u.mean() - 0.5) < 0.01
    assert abs(np.mean([r.expovariate(2.0) for _ in range(20_000)]) - 0.5) < 0.02
    assert abs(np.median([r.lognormvariate(np.log(100.0), 0.6) for _ in range(20_000)]) - 100) < 3
    assert OwnStream(1).random() != OwnStream(2).random()


# -- latent demand -----------------------------------------------------------------------------
def test_hidden_needs_stay_hidden_until_someone_asks():
    m = small(seed=3, **NOBODY_ASKS)
    s = summary(m)["hidden_need"]
    assert s["hidden_at_onset"] > 20
    # nobody asked: no signal, broad intake or director found anything; only a refusal that
    # names the income or debts problem can point at it, and crises the model still has (rent
    # arrears, a benefit clawed back) show a hidden debt at the moment they happen
    assert s["found_signal"] == s["found_broad_intake"] == s["found_director"] == 0
    a = m.log.arrays()
    crises = (a["kind"] == K["crisis"]) | (a["kind"] == K["tenancy"])
    moments = set(zip(a["household"][crises].tolist(), a["time"][crises].tolist()))
    by_crisis = (a["kind"] == K["hidden_found"]) & (a["detail"] == FOUND["crisis"])
    for who, t in zip(a["household"][by_crisis].tolist(), a["time"][by_crisis].tolist()):
        assert (who, t) in moments
    assert s["still_hidden"] > s["hidden_at_onset"] // 2
    # hidden needs stay in the cohort: those of households that never came to a counter too
    never = [h for h in m.households if h.cohort and h.first_contact is None and h.hidden_domains()]
    assert never, "some cohort households keep a hidden need without ever contacting a counter"
    # asking finds them: the same households, with a broad intake at every door
    asked = summary(small(seed=3, **NOBODY_ASKS, reform__broad_intake=True))["hidden_need"]
    assert asked["hidden_at_onset"] == s["hidden_at_onset"]
    assert asked["found_broad_intake"] > 0
    assert asked["still_hidden"] < s["still_hidden"]


def test_every_hidden_need_is_found_once_or_still_hidden():
    m = small(seed=5)
    s = summary(m)["hidden_need"]
    found = sum(s[f"found_{ch}"] for ch in FOUND)
    assert found + s["still_hidden"] == s["hidden_at_onset"]
    assert s["still_hidden"] >= 0
    a = m.log.arrays()
    rows = a["kind"] == K["hidden_found"]
    pairs = list(zip(a["household"][rows].tolist(), a["value"][rows].astype(int).tolist()))
    assert len(pairs) == len(set(pairs)), "a need is found at most once"
    hidden_now = sum(len(h.hidden_domains()) for h in m.households if h.cohort)
    assert hidden_now == s["still_hidden"]


def test_a_narrow_intake_that_asks_finds_hidden_need():
    never = small(seed=4, latent__p_find_narrow=0.0)
    often = small(seed=4, latent__p_find_narrow=0.6)
    assert summary(never)["hidden_need"]["found_asked"] < summary(often)["hidden_need"]["found_asked"]


def test_a_broad_intake_serves_more_needs_not_only_more_referrals():
    """Paired seeds: the broad intake finds hidden need, so more needs are met, not only
    more referrals made."""
    gains = []
    for seed in (1, 2, 3):
        base = small(seed=seed)
        broad = small(seed=seed, reform__broad_intake=True)
        b, r = summary(base)["hidden_need"], summary(broad)["hidden_need"]
        assert r["found_broad_intake"] > b["found_broad_intake"]
        assert r["still_hidden"] <= b["still_hidden"]
        assert count_events(broad, "referral") > count_events(base, "referral")
        gains.append(_served(broad) - _served(base))
    assert sum(gains) > 0 and sum(g > 0 for g in gains) >= 2, gains


def test_a_case_director_finds_every_hidden_need_of_its_households():
    m = small(seed=2, reform__fixed_director=True)
    assert summary(m)["hidden_need"]["found_director"] > 0
    for h in m.households:
        if h.director is not None:
            assert not h.hidden_domains()


# -- non-take-up -------------------------------------------------------------------------------
def test_households_that_always_claim_decide_nothing():
    m = small(seed=1, **ALWAYS_CLAIM, take_up__skill_factor=0.0, take_up__trust_factor=0.0)
    assert count_events(m, "non_claim") == 0
    s = summary(m)
    assert s["non_claim_reasons"]["decisions"] == 0
    for p in PROVISIONS:
        assert s["take_up"][f"{p}_claimed"] <= s["take_up"][f"{p}_entitled"]


def test_non_take_up_lowers_claims_and_households_can_claim_later():
    claims = small(seed=2, **ALWAYS_CLAIM, take_up__skill_factor=0.0, take_up__trust_factor=0.0)
    never = small(seed=2, take_up__p_claim_debt_help=0.0, take_up__skill_factor=0.0,
                  take_up__trust_factor=0.0)
    a, b = summary(claims)["take_up"], summary(never)["take_up"]
    assert b["debt_help"] < a["debt_help"]
    assert count_events(never, "non_claim", detail=PROVISIONS.index("debt_help")) > 0
    # households that do not claim by themselves still get there: a landlord's signal, a
    # professional's referral or a crisis brings them
    assert b["debt_help_claimed"] > 0
    reasons = summary(never)["non_claim_reasons"]
    assert sum(reasons[r] for r in ("shame", "complexity", "distrust", "low_skill",
                                    "fear_of_recovery")) == reasons["decisions"]


def test_the_claim_chance_follows_skill_trust_and_recovery_claims(monkeypatch):
    m = SocialDomainModel("baseline", rng=1, region__inhabitants=5_000, run__years=0.5,
                          run__warmup_years=0.5)
    hh = m.households[0]
    t = m.take_up
    skill = {"v": m.p["doenvermogen.skill_reference"]}  # administrative skill, doenvermogen's
    monkeypatch.setattr(m.doenvermogen, "admin_skill", lambda h: skill["v"])
    hh.trust = 0.5
    mid = t.p_claim(hh, 0)
    assert mid == pytest.approx(m.p["take_up.p_claim_bijstand"])
    skill["v"] = 0.1
    assert t.p_claim(hh, 0) < mid
    skill["v"], hh.trust = m.p["doenvermogen.skill_reference"], 0.1
    assert t.p_claim(hh, 0) < mid
    hh.trust = 0.5
    t.recovery_claim(hh)
    assert t.p_claim(hh, 0) == pytest.approx(mid * m.p["take_up.recovery_penalty"])


# -- third-party signals -----------------------------------------------------------------------
def test_signallers_signal_at_their_rate_and_a_signal_can_reveal_hidden_need():
    quiet = summary(small(seed=6, **NOBODY_SIGNALS))
    for who in SIGHT:
        assert quiet["signals"][who] == 0
    busy = summary(small(seed=6, **{**NOBODY_SIGNALS, "signals__gp_per_year": 4.0,
                                    "signals__gp_reach": 1.0}))
    assert busy["signals"]["gp"] > 0
    assert busy["signals"]["led_to_contact"] >= busy["signals"]["gp"]
    assert busy["hidden_need"]["found_signal"] > quiet["hidden_need"]["found_signal"]


def test_the_landlords_signal_is_the_tenancy_early_signal_counted_once():
    m = small(seed=1)
    s = summary(m)
    assert s["signals"]["landlord"] == s["tenancies"]["signals"]
    assert s["signals"]["landlord"] > 0
    a = m.log.arrays()
    landlord = (a["kind"] == K["signal"]) & (a["detail"] == SIGNALLER["landlord"]) & \
        (a["time"] >= m.warmup)
    assert int((a["value"][landlord] > 0).sum()) == s["tenancies"]["signals_accepted"]
