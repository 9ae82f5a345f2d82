"""Reforms as programmes: each effect through a mechanism with its cost (issue 16)."""

from __future__ import annotations

import pytest

from conftest import count_events, small
from sim.domains import CENTRE, HOME, Domain, Reason
from sim.mechanisms.escalation_team import S
from sim.mechanisms.lettings import ROUTES
from sim.metrics import summary
from sim.organisations import O
from sim.mechanisms.penalties import penalty
from sim.policies.escalation import DISCRETIONARY

ESC = dict(reform__escalation=True, escalation__after_days=30, escalation__p_success=1.0)


def _steps(m, step: str) -> int:
    return count_events(m, "programme", detail=S[step])


def test_escalation_cannot_bend_a_statutory_rule():
    m = small(seed=3, **ESC)
    pol = m.policies.named("reform.escalation")
    assert _steps(m, "escalation_statutory") > 0  # statutory blocks were escalated ...
    bent = {reason for pairs in pol.bent.values() for _, reason in pairs}
    assert bent and bent <= {int(r) for r in DISCRETIONARY}  # ... and never bent
    counter = m.counters["work_income"]
    for hh in m.households:
        for reason in (Reason.NO_ID, Reason.NO_ADDRESS, Reason.ASSETS):
            assert pol.waives(hh, Domain.INCOME, counter, reason) is None
    # a bent rule is that rule only: the household's other rules of the domain still apply
    hid, pairs = next(iter(pol.bent.items()))
    domain, reason = next(iter(pairs))
    others = [r for r in Reason if int(r) != reason]
    hh = next(h for h in m.households if h.hid == hid)
    assert all(pol.waives(hh, Domain(domain), counter, r) is None for r in others)


def test_escalation_under_a_full_team_waits_and_costs_staff_time():
    roomy = small(seed=3, **ESC, escalation_team__caseload_cap=1000)
    full = small(seed=3, **ESC, escalation_team__staff=1, escalation_team__caseload_cap=1)
    assert _steps(roomy, "escalation_wait") == 0
    assert _steps(full, "escalation_wait") > 0
    assert count_events(full, "escalation") < count_events(roomy, "escalation")
    team = full.counters["escalation_team"]
    assert max(w.load for w in team.workers) <= 1
    # every rung is staff time at the team's pot
    cheap = small(seed=3, **ESC, escalation_team__caseload_cap=1000, escalation__hours_per_rung=0.0)
    assert summary(roomy)["cost_by_pot"]["wmo"] > summary(cheap)["cost_by_pot"]["wmo"]
    off = small(seed=3)
    assert off.counters["escalation_team"].workers == []  # no team without the reform


def test_deadlines_move_waiting_and_cost_penalties_by_pot():
    base = small(seed=4)
    dl = small(seed=4, reform__enforce_deadlines=True, deadlines__p_notice_of_default=1.0)
    assert _steps(dl, "deadline_expedited") > 0 and _steps(dl, "deadline_delayed") > 0
    assert _steps(dl, "deadline_penalty") > 0
    none = small(seed=4, reform__enforce_deadlines=True, deadlines__p_notice_of_default=0.0)
    assert _steps(none, "deadline_penalty") == 0
    assert _steps(base, "deadline_expedited") == 0
    # the Awb's tiers: 14 days at the rate, 14 at 35/23 of it, the rest at 45/23
    assert penalty(14, 23) == 14 * 23
    assert round(penalty(42, 23)) == 14 * 23 + 14 * 35 + 14 * 45


def test_penalty_payments_are_the_law_in_the_baseline_too():
    """A late decision on an application gives a penalty payment without the reform: a
    transfer from the counter's pot to the household."""
    late = small(seed=4, deadlines__p_notice_of_default=1.0)
    never = small(seed=4, deadlines__p_notice_of_default=0.0)
    assert _steps(late, "deadline_penalty") > 0 and _steps(never, "deadline_penalty") == 0
    t_late, t_never = summary(late)["transfers_by_pot"], summary(never)["transfers_by_pot"]
    assert sum(t_late[p] - t_never[p] for p in ("wmo", "bijstand", "bijstand_centre")) > 0


def test_the_deadline_reform_has_a_cost_in_the_who_pays_table():
    """Keeping the terms costs staff time (triage per case at a counter with a legal term),
    paid by the municipality; the triage draws nothing at random, so with Wmo and youth
    budgets that do not press the runs are the same apart from that cost."""
    kw = dict(reform__enforce_deadlines=True, budget__wmo_model_share=0.3,
              budget__wmo_per_inhabitant=300.0, budget__youth_model_share=0.25,
              budget__youth_per_inhabitant=360.0)
    free = summary(small(seed=4, **kw, deadlines__triage_hours=0.0))
    paid = summary(small(seed=4, **kw, deadlines__triage_hours=1.0))
    extra = (paid["by_actor"]["municipality"]["resource_cost_eur"]
             - free["by_actor"]["municipality"]["resource_cost_eur"])
    assert extra > 0
    assert paid["societal_cost_eur"] - free["societal_cost_eur"] == pytest.approx(
        extra + paid["by_actor"]["centrumgemeente"]["resource_cost_eur"]
        - free["by_actor"]["centrumgemeente"]["resource_cost_eur"])
    assert paid["time_to_stability_rmst_days"] == free["time_to_stability_rmst_days"]


def test_housing_first_takes_counted_lettings_and_its_caseload_is_capped():
    kw = dict(reform__housing_first=True, housing_first__dwellings_per_year=200,
              housing_first__staff=1, housing_first__caseload_cap=3)
    base, hf = small(seed=2), small(seed=2, **kw)
    housed = _steps(hf, "housing_first_housed")
    assert housed > 0
    assert _steps(hf, "housing_first_team_full") > 0  # the team, not the dwellings, binds
    assert max(w.load for w in hf.counters["housing_first"].workers) <= 3
    assert hf.lettings.count == base.lettings.count  # the same dwellings come free
    contingent = ROUTES.index("contingent")
    taken = sum(1 for _, k, _ in hf.lettings.records if k == contingent) + hf.lettings.contingent_due
    taken_base = sum(1 for _, k, _ in base.lettings.records if k == contingent) \
        + base.lettings.contingent_due
    assert taken >= housed  # each programme home is a letting counted against the quota
    assert taken > taken_base
    few = small(seed=2, **{**kw, "housing_first__caseload_cap": 1000,
                           "housing_first__dwellings_per_year": 4})
    assert _steps(few, "housing_first_no_dwelling") > 0  # the dwellings bind
    assert summary(hf)["cost_by_pot"]["shelter"] != summary(base)["cost_by_pot"]["shelter"]


def test_postal_address_lets_a_homeless_household_get_bijstand_at_home():
    base = small(seed=5)
    pa = small(seed=5, reform__postal_address_home=True)
    a = pa.log.arrays()
    given = set(a["household"][(a["kind"] == _kind("programme"))
                               & (a["detail"] == S["postal_address_home"])].tolist())
    assert given
    granted = set(a["household"][(a["kind"] == _kind("grant"))
                                 & (a["org"] == O["work_income"])].tolist())
    assert given & granted  # a benefit at home, on the postal address of the home desk
    for hh in pa.households:
        if hh.hid in given:
            assert hh.registered == HOME  # the registration did not move
    moved = count_events(pa, "registration", org=int(CENTRE))
    assert moved == 0 < count_events(base, "registration", org=int(CENTRE))
    assert _steps(base, "postal_address_home") == 0


def _kind(name: str) -> int:
    from sim.eventlog import K
    return K[name]
