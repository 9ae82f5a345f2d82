"""Each mechanism, isolated: switch it off or turn it up, and its fingerprint moves."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import cohort, count_events, outcome, small
from sim.domains import (BLOCKED, DEBTS, HOUSING, INCOME, KNOWN, MET, O, PARTICIPATION, R, H, I)
from sim.rules import eligibility


def test_no_shelter_beds_nobody_placed():
    m = small(night_shelter__capacity=0, sheltered_housing__capacity=0)
    assert count_events(m, "placed", org=O["night_shelter"]) == 0
    assert count_events(m, "placed", org=O["sheltered_housing"]) == 0
    assert count_events(m, "queue_join", org=O["night_shelter"]) > 0  # people did ask


def test_lower_caseload_caps_mean_longer_waits():
    def wmo_wait(**kw):
        t = cohort(small(seed=2, **kw))
        return t[t.profile == "frail_elderly"]["time_to_stability_days"].median()

    assert wmo_wait(wmo__caseload_cap=48) > wmo_wait(wmo__caseload_cap=120) + 20


def test_more_information_loss_more_retellings():
    low = outcome(casework__info_loss=0.1)["retellings_mean"]
    high = outcome(casework__info_loss=0.9)["retellings_mean"]
    assert high > low * 1.3


def test_lost_dossier_restarts_assessments():
    m = small(casework__info_loss=1.0, casework__p_restart=1.0)
    assert count_events(m, "retelling", detail=1) > 0
    m = small(casework__p_restart=0.0)
    assert count_events(m, "retelling", detail=1) == 0


def test_help_seeking_delay_postpones_first_contact():
    def delay(days):
        t = cohort(small(household__help_seeking_days=days))
        return (t["first_contact_day"] - t["onset_day"]).median()

    assert delay(200) > delay(20) + 50


def test_remit_bounces_and_dead_ends():
    perfect = small(household__p_right_door=1.0, casework__p_no_response=0.0,
                    doenvermogen__no_show_base=0.0, doenvermogen__no_show_slope=0.0)
    assert count_events(perfect, "info_only") == 0
    assert count_events(perfect, "no_response") == 0
    lost = small(household__p_right_door=0.1, casework__p_refer=0.0)
    assert count_events(lost, "info_only") > 100
    assert outcome(household__p_right_door=0.1)["dead_ends_mean"] > \
        outcome(household__p_right_door=1.0)["dead_ends_mean"]


def test_staff_turnover_hands_cases_over():
    none = small(casework__staff_turnover_per_year=0.0, casework__p_phase_handover=0.0)
    assert count_events(none, "worker_change") == 0
    many = small(casework__staff_turnover_per_year=0.6)
    assert count_events(many, "worker_change") > 50


def test_contact_interval_follows_caseload():
    from sim.agents import Counter

    counter = SimpleNamespace(cap=100, interval=60.0, min_interval=7.0)
    half = SimpleNamespace(load=50)
    full = SimpleNamespace(load=100)
    assert Counter.contact_interval(counter, half) == 30.0
    assert Counter.contact_interval(counter, full) == 60.0


def _household(**state):
    need = [-1] * 8
    for d, s in state.pop("need", {}).items():
        need[d] = s
    base = dict(need=need, has_address=True, id_valid=True, assets_until=0.0, excluded_until=0.0,
                income=I["bijstand"], housing=H["social_rent"], arrears=False, children=False,
                director=None, id_renewing=False, id_application_counts=False)
    base.update(state)
    hh = SimpleNamespace(**base)
    hh.has = lambda d: hh.need[d] != -1
    return hh


def _model(**p):
    from sim.parameters import defaults
    from sim.policies import build_policies

    model = SimpleNamespace(calendar=SimpleNamespace(now=100.0), p={**defaults(), **p})
    model.policies = build_policies(model)
    model.participation = SimpleNamespace(in_parallel=lambda hh: False)  # sequential W&I
    return model


def test_rules_of_one_domain_block_another():
    m, wi = _model(), SimpleNamespace(name="work_income")
    urgency, debt = SimpleNamespace(name="housing_urgency"), SimpleNamespace(name="debt_help")
    assert eligibility(m, _household(has_address=False, need={INCOME: KNOWN}), INCOME, wi) == R["no_address"]
    assert eligibility(m, _household(id_valid=False, need={INCOME: KNOWN}), INCOME, wi) == R["no_id"]
    assert eligibility(m, _household(assets_until=200.0, need={INCOME: KNOWN}), INCOME, wi) == R["assets"]
    no_income = _household(income=I["none"], need={INCOME: BLOCKED, DEBTS: KNOWN})
    assert eligibility(m, no_income, DEBTS, debt) == R["no_income"]
    unmanaged = _household(need={HOUSING: KNOWN, DEBTS: KNOWN}, housing=H["night_shelter"])
    assert eligibility(m, unmanaged, HOUSING, urgency) == R["debts_unmanaged"]
    assert eligibility(_model(**{"reform.housing_first": True}), unmanaged, HOUSING, urgency) is None
    assert eligibility(m, _household(excluded_until=500.0, need={HOUSING: KNOWN}), HOUSING, urgency) == R["excluded"]
    busy = _household(need={PARTICIPATION: KNOWN, DEBTS: KNOWN})
    assert eligibility(m, busy, PARTICIPATION, wi) == R["not_ready"]
    assert eligibility(m, _household(need={PARTICIPATION: KNOWN, DEBTS: MET}), PARTICIPATION, wi) is None


def test_no_address_means_no_benefit_in_the_model():
    m = small(seed=3)
    assert count_events(m, "denial", detail=R["no_address"]) > 0


def test_debts_grow_and_arrears_end_in_evictions():
    # a town of Rijswijk's size: a small town has too few evictions to tell apart
    no_help = outcome(seed=3, region__inhabitants=55_000, debt_help__staff=0)
    help_ = outcome(seed=3, region__inhabitants=55_000, debt_help__staff=16)
    assert no_help["evictions"] > help_["evictions"] > 0
    assert outcome(seed=3, problems__p_eviction=0.0)["evictions"] == 0


def test_unmet_care_leads_to_health_crises():
    from sim.domains import X
    slow = small(wmo__staff=1)
    fast = small(wmo__staff=20)
    assert count_events(slow, "crisis", detail=X["health_decline"]) > \
        count_events(fast, "crisis", detail=X["health_decline"])


def test_homelessness_moves_registration_unless_postal_address_at_home():
    assert count_events(small(seed=2), "registration", org=1) > 0
    assert count_events(small(seed=2, reform__postal_address_home=True), "registration", org=1) == 0


def test_who_pays_disputes():
    assert outcome(casework__p_dispute=0.0)["disputes"] == 0
    assert outcome(casework__p_dispute=1.0)["disputes"] > outcome(casework__p_dispute=0.3)["disputes"]


def test_sequential_handling_participation_comes_last():
    m = small(seed=2)
    assert count_events(m, "denial", detail=R["not_ready"]) > 0


def test_disengagement_and_reentry():
    m = small(household__trust_threshold=0.45)
    assert count_events(m, "disengaged") > 20
    assert count_events(m, "reentry") > 0
    none = small(household__trust_threshold=0.0, household__trust_loss_wait_month=0.0)
    assert count_events(none, "disengaged") == 0


def test_stability_and_relapse():
    assert count_events(small(problems__relapse_per_year=0.0), "relapse") == 0
    shaky = small(problems__relapse_per_year=0.5)
    assert count_events(shaky, "relapse") > 10
    assert outcome(problems__relapse_per_year=0.5)["stable_share"] < \
        outcome(problems__relapse_per_year=0.0)["stable_share"]


def test_exits_wait_on_the_next_queue():
    """With no transitional homes and no dwellings, nobody leaves the night shelter for a home
    (nor moves away or is detained)."""
    m = small(transitional_home__capacity=0, social_housing__lettings_per_year=0.0,
              housing__private_rent_per_year=0.0, housing__family_per_year=0.0,
              contact__move_away_per_year_homeless=0.0, contact__detention_per_year_homeless=0.0)
    assert count_events(m, "exit", org=O["night_shelter"]) == 0
    assert m.facilities["night_shelter"].occupancy == m.facilities["night_shelter"].queue.capacity


def test_costs_split_by_pot_and_category():
    s = outcome()
    assert s["cost_by_pot"]["bijstand"] > 0 and s["cost_by_pot"]["shelter"] > 0
    assert abs(sum(s["cost_by_pot"].values()) - sum(s["cost_by_category"].values())) < 1.0
    # every euro by pot is a resource cost (the societal cost) or a transfer to households
    assert abs(sum(s["cost_by_pot"].values()) - s["societal_cost_eur"] - s["transfers_eur"]) < 1.0


def test_face_validity_multi_problem_versus_frail_elderly():
    """Baseline against the sources: multi-problem journeys meet 5-20 organisations with 3-12
    handoffs (000 §6.7); a frail older person with one care need meets few (000 Mr Jansen)."""
    from sim.run import simulate

    t = cohort(simulate("baseline", seed=1))
    frail = t[t.profile == "frail_elderly"]
    multi = t[t.problems >= 3]
    # the absolute ranges of the sources (5-20 organisations, 3-12 handoffs) are a held-out
    # pattern the model misses (tests/test_patterns.py, a strict xfail that names why); what
    # must hold is the contrast: multi-problem journeys meet clearly more organisations and
    # change helper more often than a frail older person with one care need, who meets few
    assert multi["organisations"].mean() >= frail["organisations"].mean() + 1
    assert multi["helper_changes"].mean() >= 1.5 * frail["helper_changes"].mean()
    assert frail["organisations"].mean() < 4 and frail["helper_changes"].mean() < 2
