"""Each reform isolated: it changes a rule, a role or a capacity, and its fingerprint shows."""

from __future__ import annotations


from conftest import count_events, small
from sim.domains import O
from sim.eventlog import K


def _after_director(model, kind: str) -> tuple[int, int]:
    """Events of ``kind`` while a director held the household (from the director's event, in log
    order, until the household disengaged, lost contact otherwise or was stable)."""
    a = model.log.arrays()
    holding: set[int] = set()
    served: set[int] = set()
    n = 0
    for hid, k in zip(a["household"].tolist(), a["kind"].tolist()):
        if k == K["director"]:
            holding.add(hid)
            served.add(hid)
        elif k in (K["disengaged"], K["contact_lost"], K["stable"]):
            holding.discard(hid)
        elif k == K[kind] and hid in holding:
            n += 1
    return n, len(served)


def test_fixed_director_no_information_lost_for_its_households():
    m = small(seed=3, reform__fixed_director=True, casework__info_loss=0.9)
    retold, served = _after_director(m, "retelling")
    assert served > 20
    assert retold == 0
    dead, _ = _after_director(m, "info_only")
    assert dead == 0  # the director sends them to the right door, warm


def test_fixed_director_competes_for_scarce_staff():
    few = small(seed=3, reform__fixed_director=True, director__staff=1)
    many = small(seed=3, reform__fixed_director=True, director__staff=12)
    assert count_events(few, "director") < count_events(many, "director")
    assert count_events(small(seed=3), "director") == 0


def test_one_budget_ends_disputes_within_the_municipality():
    base = small(seed=4, casework__p_dispute=1.0)
    assert count_events(base, "dispute", org=O["youth"]) > 0
    assert count_events(base, "dispute", org=O["wmo"]) > 0
    merged = small(seed=4, casework__p_dispute=1.0, reform__one_budget=True)
    assert count_events(merged, "dispute", org=O["youth"]) == 0  # youth vs wmo: one pot now
    assert count_events(merged, "dispute", org=O["wmo"]) > 0  # wmo vs insurer remains
    insurer = small(seed=4, casework__p_dispute=1.0, reform__one_budget=True,
                    reform__joint_insurer_budget=True)
    assert count_events(insurer, "dispute", org=O["wmo"]) == 0
    assert count_events(insurer, "dispute", org=O["shelter_intake"]) > 0  # other municipality


def test_one_budget_approves_cheap_solutions_on_total_cost():
    split = small(seed=4)
    merged = small(seed=4, reform__one_budget=True)
    approved = lambda m: count_events(m, "maatwerk", detail=1)  # noqa: E731
    refused = lambda m: count_events(m, "maatwerk", detail=0)  # noqa: E731
    assert approved(merged) > approved(split)
    assert refused(merged) < refused(split)


def test_escalation_creates_no_places():
    base = small(seed=5)
    esc = small(seed=5, reform__escalation=True, escalation__after_days=30, escalation__p_success=1.0)
    assert count_events(esc, "escalation") > 10
    for name in ("transitional_home", "night_shelter", "sheltered_housing"):
        assert esc.facilities[name].queue.capacity == base.facilities[name].queue.capacity
    assert esc.lettings_made == base.lettings_made > 0  # the same dwellings come free
    placed = lambda m: count_events(m, "placed", org=O["social_housing"])  # noqa: E731
    assert placed(esc) <= esc.lettings_made  # whoever jumps the list, no dwelling is added


def test_escalation_bends_rules_for_blocked_households():
    esc = small(seed=5, reform__escalation=True, escalation__after_days=30, escalation__p_success=1.0)
    assert esc.policies.named("reform.escalation").bent  # rules bent for some households


def test_broad_intake_refers_every_need_at_once():
    base = small(seed=6)
    broad = small(seed=6, reform__broad_intake=True)
    assert count_events(broad, "referral") > count_events(base, "referral")


def test_enforced_deadlines_shorten_wmo():
    from conftest import cohort

    def frail(**kw):
        t = cohort(small(seed=2, **kw))
        return t[t.profile == "frail_elderly"]["time_to_stability_days"].median()

    assert frail(reform__enforce_deadlines=True) < frail()
