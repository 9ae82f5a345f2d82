"""Homeless exits as routes of their own, sheltered housing from the night shelter, beschermd
thuis, the family shelter, and residents of the shelter chain never sent back to the night
shelter."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import count_events, small
from sim.domains import INCOMES
from sim.eventlog import K
from sim.mechanisms.housing import CHAIN_PLACES, MOVES
from sim.metrics import summary
from sim.organisations import O


def moves(model, name: str) -> int:
    return count_events(model, "housing_move", detail=MOVES.index(name))


def _pairs(model, kind: str, orgs) -> set[tuple[int, float]]:
    a = model.log.arrays()
    mask = (a["kind"] == K[kind]) & np.isin(a["org"], [O[o] for o in orgs])
    return set(zip(a["household"][mask].tolist(), a["time"][mask].tolist()))


@pytest.fixture(scope="module")
def base():
    return small(seed=3)


def test_staying_with_others_breaks_down(base):
    assert moves(base, "with_others") > 10
    assert moves(base, "breakdown") > 5  # back to the street
    never = small(seed=3, housing__with_others_days=36500.0)
    assert moves(never, "with_others") == 0
    lasting = small(seed=3, housing__with_others_breakdown_days=36500.0)
    # an exponential stay with a median of a century: a rare early breakdown may still come
    assert moves(lasting, "breakdown") <= moves(base, "breakdown") / 5


def test_back_to_family_needs_a_network(base):
    assert moves(small(seed=3, housing__family_per_year=2.0), "family") > 0
    assert moves(small(seed=3, housing__family_per_year=2.0, housing__family_network_share=0.0),
                 "family") == 0


def test_private_rent_needs_an_income():
    m = small(seed=3, housing__private_rent_per_year=3.0)
    renters = [h for h in m.households if m.housing.tenure_of(h) == "private"]
    assert renters and moves(m, "private_rent") >= len(renters)
    assert all(h.income in INCOMES for h in renters)  # nobody rents without an income
    assert moves(small(seed=3, housing__private_rent_per_year=0.0), "private_rent") == 0


def test_sheltered_housing_from_the_night_shelter():
    """Kenny (001): night shelter first, then sheltered housing."""
    def from_night_shelter(m):
        return len(_pairs(m, "exit", ["night_shelter"]) & _pairs(m, "placed", ["sheltered_housing"]))
    beds = dict(seed=3, night_shelter__capacity=80, sheltered_housing__capacity=8,
                sheltered_housing__stay_days=60)  # room in the night shelter, a short list after it
    assert from_night_shelter(small(**beds, sheltered_housing__self_reliance_below=0.9)) > 0
    assert from_night_shelter(small(**beds, sheltered_housing__self_reliance_below=0.0)) == 0


def test_sheltered_housing_leavers_move_to_a_home_with_support(base):
    n = moves(base, "beschermd_thuis")
    assert n > 0
    # each one left sheltered housing for a social dwelling, at that moment
    assert len(_pairs(base, "exit", ["sheltered_housing"]) & _pairs(base, "placed", ["social_housing"])) == n
    assert summary(base)["housing_market"]["lettings_beschermd_thuis"] <= n


def test_families_go_to_the_family_shelter_not_the_night_shelter():
    def children_in(m, name):  # households with children sent to (put on the list of) a shelter
        a = m.log.arrays()
        mask = (a["kind"] == K["queue_join"]) & (a["org"] == O[name])
        return sum(m.households[h].children for h in a["household"][mask].tolist())
    seeds = (1, 2, 3)
    with_shelter = [small(seed=s) for s in seeds]
    assert sum(children_in(m, "night_shelter") for m in with_shelter) == 0
    assert sum(children_in(m, "family_shelter") for m in with_shelter) > 0
    without = [small(seed=s, family_shelter__capacity=0) for s in seeds]
    assert sum(children_in(m, "night_shelter") for m in without) > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chain_residents_never_move_back_to_the_night_shelter(seed):
    m = small(seed=seed)
    back = _pairs(m, "exit", CHAIN_PLACES) & _pairs(m, "placed", ["night_shelter"])
    assert not back
    assert count_events(m, "placed", org=O["night_shelter"]) > 0


def test_repeat_homelessness_is_counted_among_the_housed(base):
    t = summary(base)["housing_market"]
    assert t["housed_after_homelessness"] > 0
    assert 0 <= t["homeless_again_within_year"] <= t["housed_after_homelessness"]
    assert t["repeat_homelessness_share"] == pytest.approx(
        t["homeless_again_within_year"] / t["housed_after_homelessness"])
