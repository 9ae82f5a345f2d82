"""Budgets per pot per year, and the catalogue of cheap solutions across pots."""

from __future__ import annotations

import pytest

from sim.domains import CARE, DEBTS, FAMILY, KNOWN, MET, Crisis, Housing, Pot, R
from sim.eventlog import K
from sim.mechanisms.cross_pot import (APPROVED, CATALOGUE, ITEM_INDEX, REFUSED,
                                      REFUSED_BUDGET)
from sim.mechanisms.tenancy import Stage
from sim.model import SocialDomainModel
from sim.pots import pressure_factor

from conftest import SMALL, count_events, outcome, small

ARREARS = CATALOGUE[ITEM_INDEX["pay_arrears"]]
CHILDCARE = CATALOGUE[ITEM_INDEX["childcare"]]


# no household moves away, becomes unreachable or is detained (the contact mechanism)
CONTACT_KEPT = {f"contact__{what}_per_year_{who}": 0.0
                for what in ("move_away", "unreachable", "detention")
                for who in ("homeless", "housed")}

# every stage of the eviction process is reached; only the execution is left to chance
STAGES_CERTAIN = {"tenancy__p_summons": 1.0, "tenancy__p_judgment": 1.0}


def fresh(**params):
    """A model with its population, not yet run."""
    kw = {k.replace(".", "__"): v for k, v in SMALL.items()}
    kw.update(STAGES_CERTAIN)
    kw.update(params)
    return SocialDomainModel("baseline", rng=3, **kw)


def with_arrears(m):
    """A household in a rented home, not yet in arrears, with unmanaged debts; it falls into
    rent arrears (the first stage of the eviction process)."""
    hh = next(h for h in m.households if h.place is None and h.housing == Housing.SOCIAL_RENT
              and not h.arrears and m.tenancy.stage(h) is None)
    hh.debt, hh.debt_since = 2000.0, 0.0
    hh.arrears = True
    m.tenancy.start_tenancy(hh, 0.0)  # arrives in arrears: the process starts
    assert m.tenancy.stage(hh) == Stage.ARREARS
    return hh


def at_court_order(m):
    """A household with rent arrears whose landlord has a court order: only the execution is
    left, so paying the arrears is worth more than it costs to the pots that gain."""
    hh = with_arrears(m)
    episode = m.tenancy.episode(hh)
    m.tenancy.summons_due(hh, episode)
    m.tenancy.judgment_due(hh, episode)
    assert m.tenancy.stage(hh) == Stage.COURT_ORDER
    return hh


def test_the_chance_of_an_eviction_follows_the_stage_reached():
    m = fresh(tenancy__p_summons=0.5, tenancy__p_judgment=0.7, problems__p_eviction=0.3)
    hh = with_arrears(m)
    t = m.tenancy
    assert t.eviction_chance(hh) == pytest.approx(0.5 * 0.7 * 0.3)
    m.p["tenancy.p_summons"] = 1.0  # this household's summons comes
    t.summons_due(hh, t.episode(hh))
    assert t.stage(hh) == Stage.SUMMONS and t.eviction_chance(hh) == pytest.approx(0.7 * 0.3)
    m.p["tenancy.p_judgment"] = 1.0
    t.judgment_due(hh, t.episode(hh))
    assert t.stage(hh) == Stage.COURT_ORDER and t.eviction_chance(hh) == pytest.approx(0.3)
    t.arrears_paid(hh)
    assert t.stage(hh) is None and t.eviction_chance(hh) == 0.0


def test_pressure_falls_from_the_start_of_the_line_to_the_floor_and_then_to_nothing():
    assert pressure_factor(0.5, 0.8, 0.2) == 1.0
    assert pressure_factor(0.9, 0.8, 0.2) == pytest.approx(0.6)
    assert pressure_factor(1.0, 0.8, 0.2) == pytest.approx(0.2)
    assert pressure_factor(1.01, 0.8, 0.2) == 0.0


def test_same_cheap_solution_approved_under_one_budget_refused_under_split_pots():
    split = fresh(casework__p_maatwerk_split=0.0)
    hh = at_court_order(split)
    assert split.cross_pot.decide(hh, split.counters["work_income"], ARREARS) == REFUSED
    merged = fresh(casework__p_maatwerk_split=0.0, reform__one_budget=True)
    hh = at_court_order(merged)
    # the own pot (special assistance) gains nothing; the total gains more than it costs
    assert split.cross_pot.expected_gain(hh, split.counters["work_income"], ARREARS) == 0.0
    assert merged.cross_pot.expected_gain(hh, merged.counters["work_income"], ARREARS) > \
        merged.cross_pot.cost(ARREARS)
    assert merged.cross_pot.decide(hh, merged.counters["work_income"], ARREARS) == APPROVED


def test_paid_arrears_stop_the_eviction_process():
    m = fresh(problems__p_eviction=1.0)
    hh = at_court_order(m)
    episode = m.tenancy.episode(hh)
    before = m.pots[Pot.SPECIAL_ASSISTANCE].spent(m.now)
    m.cross_pot.paid(hh, ITEM_INDEX["pay_arrears"])
    assert m.pots[Pot.SPECIAL_ASSISTANCE].spent(m.now) - before == m.p["cross_pot.pay_arrears_eur"]
    assert m.tenancy.stage(hh) is None  # the process stopped at the court order
    assert count_events(m, "tenancy", household=hh.hid, detail=Stage.STOPPED) == 1
    m.tenancy.execution_due(hh, episode)  # the bailiff's date comes
    assert count_events(m, "crisis", household=hh.hid, detail=Crisis.EVICTION) == 0
    unpaid = at_court_order(m)
    m.tenancy.execution_due(unpaid, m.tenancy.episode(unpaid))
    assert count_events(m, "crisis", household=unpaid.hid, detail=Crisis.EVICTION) == 1


def test_a_budget_that_has_run_out_refuses_with_reason_budget():
    m = fresh(casework__p_maatwerk_split=0.0, reform__one_budget=True)
    pot = m.pots[Pot.SPECIAL_ASSISTANCE]
    pot.closed += pot.per_year - 100.0  # this year's budget is nearly spent
    hh = at_court_order(m)
    assert m.cross_pot.decide(hh, m.counters["work_income"], ARREARS) == REFUSED_BUDGET
    assert count_events(m, "denial", household=hh.hid, detail=R["budget"]) == 1
    pot.new_year(m.now)  # a new budget year: the budget is there again
    other = at_court_order(m)
    assert m.cross_pot.decide(other, m.counters["work_income"], ARREARS) == APPROVED


def test_spending_ahead_of_the_budget_line_makes_approvals_rarer():
    m = fresh(reform__one_budget=True)
    assert m.cross_pot.budget_pressure(Pot.SPECIAL_ASSISTANCE) == 1.0
    pot = m.pots[Pot.SPECIAL_ASSISTANCE]
    pot.closed += pot.per_year * 0.9 * (30 / 365)  # 90% of the line a month into the year
    assert 0.2 < m.cross_pot.budget_pressure(Pot.SPECIAL_ASSISTANCE) < 1.0


def test_a_small_budget_binds_in_a_run_and_is_reported_per_year():
    tight = outcome(seed=2, reform__one_budget=True, budget__special_assistance=5000.0)
    assert tight["pot_budgets"]["refusals_budget"] > 0
    assert sum(item["refused_budget"] for item in tight["cross_pot"].values()) > 0
    loose = outcome(seed=2, reform__one_budget=True)
    assert loose["pot_budgets"]["special_assistance"]["budget_per_year"] > 5000.0
    assert loose["cross_pot"]["pay_arrears"]["approved"] > \
        tight["cross_pot"]["pay_arrears"]["approved"]


def test_budgets_reset_each_year():
    m = small(seed=1)
    pot = m.pots[Pot.SPECIAL_ASSISTANCE]
    assert len(pot.by_year) == int(m.end // 365)
    assert pot.year_start == 365.0 * len(pot.by_year)
    assert sum(pot.by_year) + pot.spent_this_year(m.end) == pytest.approx(pot.spent(m.end))


def test_insurer_savings_count_only_with_the_joint_insurer_budget():
    merged = fresh(reform__one_budget=True)
    joint = fresh(reform__one_budget=True, reform__joint_insurer_budget=True)
    for m in (merged, joint):
        hh = next(h for h in m.households if h.children)
        hh.need[CARE] = KNOWN
    gain = {name: m.cross_pot.expected_gain(next(h for h in m.households if h.children),
                                            m.counters["wmo"], CHILDCARE)
            for name, m in (("merged", merged), ("joint", joint))}
    assert gain["merged"] == 0.0 < gain["joint"]


def test_childcare_meets_the_care_need_so_it_stops_declining():
    m = fresh()
    hh = next(h for h in m.households if h.children and h.has(CARE) and h.need[CARE] == KNOWN)
    m.cross_pot.paid(hh, ITEM_INDEX["childcare"])
    assert not CHILDCARE.applies(m.cross_pot, hh)  # met: nothing left to decline
    assert "cross_pot.childcare" in hh.accruals and \
        hh.accruals["cross_pot.childcare"].pot.index == Pot.SPECIAL_ASSISTANCE


def test_director_with_mandate_weighs_the_total():
    m = fresh(reform__fixed_director=True, director__special_assistance_mandate=True,
              casework__p_maatwerk_split=0.0)
    hh = at_court_order(m)
    assert m.cross_pot.decide(hh, m.counters["director"], ARREARS) == APPROVED
    plain = fresh(reform__fixed_director=True, casework__p_maatwerk_split=0.0)
    hh = at_court_order(plain)
    assert plain.cross_pot.decide(hh, plain.counters["director"], ARREARS) == REFUSED


def test_one_budget_changes_catalogue_approvals_in_a_run():
    split = outcome(seed=4)["cross_pot"]
    merged = outcome(seed=4, reform__one_budget=True)["cross_pot"]
    assert merged["pay_arrears"]["approved"] > split["pay_arrears"]["approved"]
    assert merged["pay_arrears"]["cost_eur"] > split["pay_arrears"]["cost_eur"]
    assert K["cross_pot"] > K["maatwerk"]  # new kinds at the end of the list


def test_budget_management_stops_the_process_and_holds_the_debts_while_it_runs():
    """Beschermingsbewind: the rent is guaranteed, so the eviction process stops; the debts are
    frozen and count as under control (the need is met) until the administration ends, when
    debts still there grow again and are a problem again."""
    m = fresh(problems__p_eviction=1.0)
    hh = at_court_order(m)
    hh.debt, hh.self_reliance = 5000.0, 0.0
    m.needs.reopen(hh, DEBTS, False)
    assert CATALOGUE[ITEM_INDEX["budget_management"]].applies(m.cross_pot, hh)
    m.cross_pot.paid(hh, ITEM_INDEX["budget_management"])
    assert "cross_pot.budget_management" in hh.accruals
    assert m.tenancy.stage(hh) is None
    assert hh.debt_since is None and hh.need[DEBTS] == MET
    assert not m.debt_help.under_control(hh)  # no debt-help trajectory: the administration holds
    m.cross_pot.budget_management_ends(hh)
    assert hh.debt_since == m.now and hh.has(DEBTS) and hh.need[DEBTS] != MET


# --- budget pressure on Wmo and youth care ---------------------------------------------------

def _steps(m, step):
    from sim.mechanisms.escalation_team import S
    return count_events(m, "programme", detail=S[step])


def test_wmo_and_youth_budgets_are_set_per_inhabitant_and_the_modelled_share():
    m = fresh(budget__wmo_per_inhabitant=200.0, budget__wmo_model_share=0.1,
              budget__youth_per_inhabitant=300.0, budget__youth_model_share=0.2)
    inhabitants = SMALL["region.inhabitants"]
    assert m.pots[Pot.WMO].per_year == pytest.approx(200.0 * inhabitants * 0.1)
    assert m.pots[Pot.YOUTH].per_year == pytest.approx(300.0 * inhabitants * 0.2)


def test_budget_pressure_cuts_wmo_hours_and_makes_youth_decisions_wait():
    """Isolated: a Wmo pot beyond its budget line grants care with fewer hours; a youth pot
    beyond its line puts the decision back by the budget wait; within the line nothing acts."""
    from sim.agents import Case
    m = fresh()
    hh = next(h for h in m.households if h.children)
    wmo, youth = m.counters["wmo"], m.counters["youth"]
    assert not m.budget_pressure.holds_back(Case(hh, CARE, wmo, False, m.now))
    assert m.budget_pressure.hours_share(hh) == 1.0
    for pot in (Pot.WMO, Pot.YOUTH):
        m.pots[pot].closed += m.pots[pot].per_year  # the whole year's budget is spent
    assert not m.budget_pressure.holds_back(Case(hh, CARE, wmo, False, m.now))  # granted, but
    assert m.budget_pressure.hours_share(hh) == m.p["budget.wmo_hours_share"]  # fewer hours
    case = Case(hh, FAMILY, youth, False, m.now)
    epoch = case.epoch
    assert m.budget_pressure.holds_back(case) and case.epoch == epoch + 1
    assert not m.budget_pressure.holds_back(case)  # it waits once, then it is decided


def test_a_small_wmo_and_youth_budget_makes_pressure_act_and_a_large_one_does_not():
    """Pressure acts only when spending runs ahead of the budget line. The large budgets are
    twice what the model's households draw on at the top of the ranges: at the top itself
    (youth EUR 1.35 million a year in this town) the youth pot's spending (out-of-home placements
    above all, about EUR 1.1 million a year with hidden need found and entitlements claimed)
    comes within ``budget.pressure_from`` of the line at the end of a year, so pressure may
    rightly act there."""
    tight = small(seed=2, budget__wmo_model_share=0.02, budget__youth_model_share=0.02)
    loose = small(seed=2, budget__wmo_per_inhabitant=300.0, budget__wmo_model_share=0.6,
                  budget__youth_per_inhabitant=360.0, budget__youth_model_share=0.5)
    for pot in (Pot.WMO, Pot.YOUTH):  # the premise: the large budgets stay clear of the line
        line = loose.p["budget.pressure_from"] * loose.pots[pot].per_year
        assert max(loose.pots[pot].by_year) < line
    assert _steps(tight, "budget_fewer_hours") > 0 and _steps(tight, "budget_wait") > 0
    assert _steps(loose, "budget_fewer_hours") == 0 and _steps(loose, "budget_wait") == 0
    s_tight, s_loose = summary_of(tight), summary_of(loose)
    assert s_tight["pot_budgets"]["wmo_fewer_hours"] > 0 and s_loose["pot_budgets"]["youth_waits"] == 0


def summary_of(m):
    from sim.metrics import summary
    return summary(m)


# --- furnishing and moving costs: the move from a shelter into a home ---------------------------

def _in_shelter(m, name):
    return next(h for h in m.households if h.place is not None and h.place.name == name)


def test_a_move_from_a_shelter_waits_for_furnishing_unless_it_is_paid():
    m = fresh()
    dwelling = m.facilities["social_housing"]
    hh = _in_shelter(m, "night_shelter")
    shelter = hh.place
    assert m.moving.parts(hh) == ("unfurnished",)
    m.housing.move_in(hh, dwelling, 0.0)
    assert hh.place is shelter and m.moving.is_waiting(hh)  # still in the shelter, still paid
    assert shelter.name in hh.accruals
    m.calendar.run_until(m.now + m.p["moving.unfurnished_days"] + 0.01)
    assert hh.place is None and hh.housing == Housing.SOCIAL_RENT
    # furnishing paid before the offer: the move is at once
    other = _in_shelter(m, "night_shelter")
    m.cross_pot.paid(other, ITEM_INDEX["furnishing"])
    assert m.moving.parts(other) == ()
    m.housing.move_in(other, dwelling, 0.0)
    assert other.place is None and not m.moving.is_waiting(other)


def test_moving_costs_apply_from_a_womens_shelter_and_paying_shortens_a_waiting_move():
    m = fresh()
    hh = _in_shelter(m, "womens_shelter")
    assert m.moving.parts(hh) == ("unfurnished", "moving_costs")
    start = m.now
    m.housing.move_in(hh, m.facilities["social_housing"], 0.0)
    m.calendar.run_until(start + 1.0)
    m.cross_pot.paid(hh, ITEM_INDEX["moving_costs"])  # the money comes while it waits
    m.calendar.run_until(start + m.p["moving.unfurnished_days"] + 0.01)
    assert hh.place is None  # it waited for the furnishing only


def test_furnishing_approved_under_one_budget_refused_under_split_pots():
    item = CATALOGUE[ITEM_INDEX["furnishing"]]
    split = fresh(casework__p_maatwerk_split=0.0)
    hh = _in_shelter(split, "night_shelter")
    counter = split.counters["shelter_intake"]
    assert split.cross_pot.expected_gain(hh, counter, item) == 0.0
    assert split.cross_pot.decide(hh, counter, item) == REFUSED
    merged = fresh(casework__p_maatwerk_split=0.0, reform__one_budget=True)
    hh = _in_shelter(merged, "night_shelter")
    gain = merged.cross_pot.expected_gain(hh, merged.counters["shelter_intake"], item)
    assert gain == pytest.approx(merged.p["moving.unfurnished_days"] * hh.place.cost_per_day)
    assert gain > merged.cross_pot.cost(item)
    assert merged.cross_pot.decide(hh, merged.counters["shelter_intake"], item) == APPROVED


# --- dental care: a job that falls through on bad teeth -----------------------------------------

def _on_benefit(m):
    from sim.domains import INCOME, Income
    from sim.agents import Case
    hh = next(h for h in m.households if h.place is None and h.income != Income.BIJSTAND)
    case = Case(hh, INCOME, m.counters["work_income"], False, m.now)
    hh.cases[INCOME] = case
    hh.need[INCOME] = KNOWN
    m.provisions.provide(case)
    assert hh.income == Income.BIJSTAND
    return hh


def test_untreated_teeth_keep_a_benefit_going_that_would_end_in_work():
    from sim.domains import Income
    m = fresh(cross_pot__p_dental_need=1.0, cross_pot__p_dental_blocks_work=1.0,
              work_income__p_exit_to_work=1.0)
    hh = _on_benefit(m)
    since = m.provisions._benefit_since[hh.hid]
    m.provisions.benefit_ends(hh, since)
    assert hh.income == Income.BIJSTAND and "benefit" in hh.accruals  # the job fell through
    m.cross_pot.paid(hh, ITEM_INDEX["dental_care"])  # treated
    assert not m.cross_pot.dental_untreated(hh)
    m.provisions.benefit_ends(hh, since)
    assert hh.income == Income.WORK and "benefit" not in hh.accruals


def test_dental_care_approved_under_one_budget_refused_under_split_pots():
    item = CATALOGUE[ITEM_INDEX["dental_care"]]
    split = fresh(casework__p_maatwerk_split=0.0, cross_pot__p_dental_need=1.0)
    hh = _on_benefit(split)
    counter = split.counters["work_income"]
    assert item.applies(split.cross_pot, hh)
    assert split.cross_pot.decide(hh, counter, item) == REFUSED  # special assistance gains nothing
    merged = fresh(casework__p_maatwerk_split=0.0, cross_pot__p_dental_need=1.0,
                   reform__one_budget=True)
    hh = _on_benefit(merged)
    # the benefit pot gains: the benefit paid longer when a job falls through
    assert merged.cross_pot.expected_gain(hh, counter, item) > merged.cross_pot.cost(item)
    assert merged.cross_pot.decide(hh, merged.counters["work_income"], item) == APPROVED


# --- bookkeeping: a failed firm's books block a debt settlement ---------------------------------

def test_open_books_make_debt_help_fail_and_bookkeeping_lets_it_proceed():
    from sim.mechanisms.debt_help import Step
    # debt help on its own: no dropout during stabilisation, and no loss of contact (while the
    # first trajectory runs the town runs on for years; a household that moved away or can no
    # longer be reached drops out of its debt help before the debts are mapped)
    m = fresh(cross_pot__p_failed_firm=1.0, debt_help__stabilisation_dropout=0.0, **CONTACT_KEPT)

    def trajectory(hh):
        from sim.agents import Case
        hh.debt, hh.debt_since = 3000.0, m.now
        hh.need[DEBTS] = KNOWN
        case = Case(hh, DEBTS, m.counters["debt_help"], False, m.now)
        hh.cases[DEBTS] = case
        m.debt_help.begin(case)
        m.calendar.run_until(m.now + 10 * m.p["debt_help.request_to_mapped_days"])

    hh = next(h for h in m.households if h.place is None and not h.has(DEBTS))
    assert m.cross_pot.books_open(hh)
    trajectory(hh)
    # it fails at the mapping, every time it is tried
    assert count_events(m, "debt_help", household=hh.hid, detail=Step.NO_FINAL_BALANCE) >= 1
    assert count_events(m, "debt_help", household=hh.hid, detail=Step.MAPPED) == 0
    other = next(h for h in m.households if h.place is None and not h.has(DEBTS)
                 and h is not hh)
    other.need[DEBTS] = KNOWN
    assert CATALOGUE[ITEM_INDEX["bookkeeping"]].applies(m.cross_pot, other)
    m.cross_pot.paid(other, ITEM_INDEX["bookkeeping"])  # the final balance is drawn up
    assert not m.cross_pot.books_open(other)
    trajectory(other)
    assert count_events(m, "debt_help", household=other.hid, detail=Step.MAPPED) >= 1


def test_bookkeeping_gains_fall_to_debt_help_not_to_the_paying_pot():
    item = CATALOGUE[ITEM_INDEX["bookkeeping"]]
    m = fresh(cross_pot__p_failed_firm=1.0, reform__one_budget=True)
    hh = next(h for h in m.households if h.has(DEBTS))
    assert item.applies(m.cross_pot, hh)
    gains = item.gains(m.cross_pot, hh)
    assert gains[Pot.DEBT_HELP] == m.p["cost.debt_help_per_case"]
    assert gains.get(Pot.SPECIAL_ASSISTANCE, 0.0) == 0.0
    split = fresh(cross_pot__p_failed_firm=1.0)
    hh = next(h for h in split.households if h.has(DEBTS))
    assert split.cross_pot.expected_gain(hh, split.counters["work_income"], item) == 0.0
    m.cross_pot.paid(hh, ITEM_INDEX["bookkeeping"])
    assert not item.applies(m.cross_pot, hh)
