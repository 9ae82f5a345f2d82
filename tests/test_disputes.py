"""Who-pays disputes that end either way, household members' ages and the payer switch at 18."""

from __future__ import annotations

import pytest
from conftest import SMALL, count_events, outcome

from sim.agents import Case
from sim.domains import CARE, FAMILY, INCOME, KNOWN, MET, Category, Income, Pot, R, Reason
from sim.mechanisms.payers import ABANDONED, ESCALATED, OTHER_POT, OWN_POT
from sim.eventlog import K
from sim.model import SocialDomainModel


def fresh(**params):
    kw = {k.replace(".", "__"): v for k, v in SMALL.items()}
    kw.update(params)
    return SocialDomainModel("baseline", rng=5, **kw)


def disputed_case(m):
    """A Wmo request of a household with a mental-health problem: Wmo or the insurer pays?"""
    hh = next(h for h in m.households if h.has(CARE) and h.director is None and not h.cases)
    hh.need[5] = KNOWN  # a mental-health problem too (Domain.MENTAL)
    hh.need[CARE] = KNOWN
    case = Case(hh, CARE, m.counters["wmo"], False, m.now)
    hh.cases[CARE] = case
    assert m.payers.ambiguous_payers(hh, CARE, "wmo") == (Pot.WMO, Pot.ZVW)
    assert m.payers.who_pays_dispute(case)
    return case


def test_a_dispute_that_ends_against_the_household():
    m = fresh(casework__p_dispute=1.0, dispute__resolve_per_month=1.0, dispute__p_own_pot=0.0,
              dispute__p_other_pot=1.0)
    case = disputed_case(m)
    hh = case.hh
    m.payers.dispute_month(case, case.epoch, m.now)
    assert count_events(m, "dispute_end", household=hh.hid, detail=OTHER_POT) == 1
    assert count_events(m, "denial", household=hh.hid, detail=R["discretion"]) == 1
    assert count_events(m, "grant", household=hh.hid) == 0
    assert case.stage == "closed"


def test_a_dispute_that_ends_with_the_own_pot_grants():
    m = fresh(casework__p_dispute=1.0, dispute__resolve_per_month=1.0, dispute__p_own_pot=1.0)
    case = disputed_case(m)
    m.payers.dispute_month(case, case.epoch, m.now)
    assert count_events(m, "dispute_end", household=case.hh.hid, detail=OWN_POT) == 1
    assert count_events(m, "grant", household=case.hh.hid) == 1


def test_without_settlement_or_escalation_a_dispute_stays_open():
    m = fresh(casework__p_dispute=1.0, dispute__resolve_per_month=0.0,
              dispute__abandon_per_month=0.0)
    case = disputed_case(m)
    for _ in range(24):  # two years of months
        m.payers.dispute_month(case, case.epoch, m.now)
    assert case.stage == "dispute"
    assert count_events(m, "dispute_end", household=case.hh.hid) == 0


def test_a_household_may_give_up_while_a_dispute_runs():
    m = fresh(casework__p_dispute=1.0, dispute__resolve_per_month=0.0,
              dispute__abandon_per_month=1.0)
    case = disputed_case(m)
    m.payers.dispute_month(case, case.epoch, m.now)
    assert count_events(m, "dispute_end", household=case.hh.hid, detail=ABANDONED) == 1
    assert case.stage == "closed"


def test_disputes_end_every_way_in_a_run():
    d = outcome(seed=3, casework__p_dispute=1.0)["who_pays_disputes"]
    assert d["started"] > 0
    assert d["own_pot"] > 0 and d["other_pot"] > 0 and d["abandoned"] > 0
    assert d["months_mean"] > 1.0


def test_the_payer_switches_at_18():
    m = fresh()
    hh = next(h for h in m.households if h.children)
    m.payers.members(hh)
    hh.members = [m.now - 40 * 365.0, m.now - 17.5 * 365.0]  # a parent and a child of 17.5
    assert m.payers.payer_for(hh, FAMILY) == Pot.YOUTH
    m.accounts.start_cost(hh, "youth_care", Pot.YOUTH, Category.FACILITIES, 60.0)
    hh.members = [m.now - 40 * 365.0, m.now - 18 * 365.0]  # the birthday
    m.payers.comes_of_age(hh, 1)
    assert m.payers.payer_for(hh, FAMILY) == Pot.WMO
    assert hh.accruals["youth_care"].pot.index == Pot.WMO
    assert count_events(m, "payer_switch", household=hh.hid) == 1


def test_birthdays_are_scheduled_and_fire_in_a_run():
    assert outcome(seed=1)["who_pays_disputes"]["payer_switches"] > 0


def test_a_young_adult_falls_between_youth_care_and_adult_support():
    m = fresh()
    hh = next(h for h in m.households if h.children)
    m.payers.members(hh)
    hh.members = [m.now - 45 * 365.0, m.now - 19 * 365.0]
    assert m.payers.ambiguous_payers(hh, FAMILY, "youth") == (Pot.YOUTH, Pot.WMO)
    hh.members = [m.now - 45 * 365.0, m.now - 10 * 365.0]
    assert m.payers.ambiguous_payers(hh, FAMILY, "youth") is None
    merged = fresh(reform__one_budget=True)
    assert merged.policies.pots_decide_as_one(Pot.YOUTH, Pot.WMO)  # one budget: no dispute


def test_ages_do_not_depend_on_the_scenario():
    a, b = fresh(), fresh(reform__one_budget=True, reform__fixed_director=True)
    for ha, hb in list(zip(a.households, b.households))[:50]:
        assert a.payers.members(ha) == b.payers.members(hb)
    assert any(len(a.payers.members(h)) > 1 for h in a.households)
    young = [a.payers.ages(h)[0] for h in a.households
             if a.profiles[h.profile].name == "young_adult"]
    assert young and all(17 <= age < 23 + 2 for age in young)


def test_ages_are_the_same_in_every_process():
    """The members' ages come from the household's seed alone, not from anything that differs
    between two runs of the same seed in separate processes (such as an object's address)."""
    import subprocess
    import sys
    code = ("from sim.model import SocialDomainModel\n"
            "m = SocialDomainModel('baseline', rng=5)\n"
            "print([m.payers.members(h) for h in list(m.households)[:20]])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=300).stdout for _ in range(2)}
    assert len(runs) == 1 and "[" in runs.pop()


def test_under_27_a_bijstand_claim_waits_for_the_search_period():
    from sim.domains import INCOME
    from sim.rules import eligibility
    m = fresh()
    hh = next(h for h in m.households if h.has_address and h.id_valid and m.now >= h.assets_until)
    m.payers.members(hh)
    hh.members = [m.now - 24 * 365.0]
    counter = m.counters["work_income"]
    assert eligibility(m, hh, INCOME, counter) == R["search_period"]
    m.calendar.now = m.payers.search_period_ends(hh)  # four weeks later
    assert eligibility(m, hh, INCOME, counter) is None
    other = next(h for h in m.households if h is not hh and h.has_address and h.id_valid
                 and m.now >= h.assets_until)
    m.payers.members(other)
    other.members = [m.now - 27 * 365.0]  # 27: no search period
    assert eligibility(m, other, INCOME, counter) is None



def test_an_escalation_that_ends_a_dispute_logs_how_it_ended():
    m = fresh(casework__p_dispute=1.0, dispute__resolve_per_month=0.0,
              dispute__abandon_per_month=0.0, reform__escalation=True)
    case = disputed_case(m)
    hh = case.hh
    m.calendar.run_until(m.now + 30.0)
    m.payers.settled_by_escalation(case)
    assert count_events(m, "dispute_end", household=hh.hid, detail=ESCALATED) == 1
    assert count_events(m, "grant", household=hh.hid) == 1
    a = m.log.arrays()
    end = (a["kind"] == K["dispute_end"]) & (a["household"] == hh.hid)
    assert a["value"][end][0] >= 30.0  # the days the dispute ran


def test_escalated_disputes_show_in_the_disputes_table():
    d = outcome(seed=3, casework__p_dispute=1.0, dispute__resolve_per_month=0.05,
                reform__escalation=True, escalation__after_days=30.0)["who_pays_disputes"]
    assert d["escalated"] > 0
    off = outcome(seed=3, casework__p_dispute=1.0,
                  dispute__resolve_per_month=0.05)["who_pays_disputes"]
    assert off["escalated"] == 0 and off["open"] > d["open"]


# --- thresholds 21 and 27 in the bijstand rules -------------------------------------------------

def _applicant(m, age):
    hh = next(h for h in m.households if h.place is None and h.has_address and h.id_valid
              and h.income != Income.BIJSTAND)
    m.payers.members(hh)
    hh.members = [m.now - age * 365.0]
    return hh


def test_bijstand_under_21_is_paid_at_the_youth_norm_until_the_21st_birthday():
    m = fresh(ages__youth_norm_share=0.25)
    hh = _applicant(m, 20.5)
    assert m.provisions.norm_share(hh) == 0.25
    case = Case(hh, INCOME, m.counters["work_income"], False, m.now)
    hh.cases[INCOME] = case
    hh.need[INCOME] = KNOWN
    m.provisions.provide(case)
    full = m.p["cost.bijstand_per_year"] / 365.0
    assert hh.accruals["benefit"].rate == 0.25 * full
    since = m.now
    m.provisions.adult_norm(hh, since)  # as on the 21st birthday
    assert hh.accruals["benefit"].rate == full
    assert m.payers.birthday(hh, 21.0) == pytest.approx(m.now + 0.5 * 365.0)
    adult = _applicant(m, 30.0)
    assert m.provisions.norm_share(adult) == 1.0


def test_no_bijstand_under_27_while_study_is_possible():
    from sim.rules import eligibility
    m = fresh(ages__p_education_possible=1.0, ages__search_period_days=0.0)
    young = _applicant(m, 22.0)
    counter = m.counters["work_income"]
    assert eligibility(m, young, INCOME, counter) == Reason.EDUCATION
    old = _applicant(m, 28.0)
    assert eligibility(m, old, INCOME, counter) != Reason.EDUCATION
    none = fresh(ages__p_education_possible=0.0)
    assert eligibility(none, _applicant(none, 22.0), INCOME, counter) != Reason.EDUCATION
    # whether study is possible is drawn once, from the household's own seed, in any scenario
    a, b = fresh(), fresh(reform__fixed_director=True)
    assert [a.payers.can_study(h) for h in a.households[:50]] == \
        [b.payers.can_study(h) for h in b.households[:50]]


def test_a_refusal_for_study_may_end_in_student_finance():
    m = fresh(ages__p_takes_up_study=1.0)
    hh = _applicant(m, 22.0)
    hh.need[INCOME] = KNOWN
    m.documents.react_to_denial(hh, INCOME, Reason.EDUCATION)
    assert hh.need[INCOME] == MET and hh.income == Income.OTHER_BENEFIT
