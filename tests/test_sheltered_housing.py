"""Sheltered housing reached through the GGZ (mechanisms/housing.py: indicate_from_ggz): a
household granted GGZ treatment whose self-reliance is below the threshold is indicated for
sheltered housing with ``sheltered_housing.p_indication_ggz``; others are not."""

from __future__ import annotations

from conftest import SMALL, small

from sim.eventlog import K
from sim.model import SocialDomainModel
from sim.organisations import O

THRESHOLD = "sheltered_housing.self_reliance_below"


def _at_warmup(p_indication: float) -> SocialDomainModel:
    model = SocialDomainModel("baseline", rng=4, overrides={
        **SMALL, "sheltered_housing.p_indication_ggz": p_indication})
    model.calendar.run_until(model.warmup)
    return model


def _free(model: SocialDomainModel, low: bool):
    """A household outside the chain's places and not on the sheltered-housing list, with
    self-reliance below (``low``) or above the threshold."""
    below = model.p[THRESHOLD]
    fac = model.facilities["sheltered_housing"]
    return next(h for h in model.households
                if (h.self_reliance < below) == low and h.place is None
                and not fac.queue.is_waiting(h) and h not in fac.queue.occupants)


def test_the_ggz_indicates_only_households_below_the_threshold():
    model = _at_warmup(1.0)
    fac = model.facilities["sheltered_housing"]
    low, high = _free(model, True), _free(model, False)
    model.housing.indicate_from_ggz(low)
    model.housing.indicate_from_ggz(high)
    assert fac.queue.is_waiting(low) or low in fac.queue.occupants
    assert not fac.queue.is_waiting(high) and high not in fac.queue.occupants


def test_no_indication_when_its_share_is_zero():
    model = _at_warmup(0.0)
    fac = model.facilities["sheltered_housing"]
    low = _free(model, True)
    model.housing.indicate_from_ggz(low)
    assert not fac.queue.is_waiting(low) and low not in fac.queue.occupants


def test_a_resident_of_another_place_of_the_chain_is_not_indicated():
    """Its stay in the chain leads on from where it is (a women's shelter or a transitional
    home), so the GGZ does not put it on the sheltered-housing list."""
    model = _at_warmup(1.0)
    fac = model.facilities["sheltered_housing"]
    resident = next(h for name in ("womens_shelter", "transitional_home")
                    for h in model.facilities[name].queue.occupants)
    resident.self_reliance = 0.0
    model.housing.indicate_from_ggz(resident)
    assert not fac.queue.is_waiting(resident) and resident not in fac.queue.occupants


def test_the_indication_fills_sheltered_housing_from_the_ggz():
    """Over a run, the indication is a route in: more households join the sheltered-housing
    list with it than without."""
    joins = {}
    for p in (0.0, 1.0):
        a = small(seed=4, **{"sheltered_housing__p_indication_ggz": p}).log.arrays()
        after = a["time"] >= 365.0
        joins[p] = int(((a["kind"] == K["queue_join"]) & (a["org"] == O["sheltered_housing"])
                        & after).sum())
    assert joins[1.0] > joins[0.0] + 5, joins
