"""Losing contact for causes other than trust, and coming back worse (mechanisms/contact.py)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SMALL, cohort, count_events, small

from sim.domains import INCOME, Housing, Income
from sim.eventlog import K
from sim.mechanisms.contact import CAUSES, DETENTION, MOVED
from sim.metrics import summary
from sim.model import SocialDomainModel

RATES = [f"contact__{c}_per_year_{s}" for c in ("move_away", "detention", "unreachable")
         for s in ("homeless", "housed")]


@pytest.fixture(scope="module")
def often():
    """Every cause ten times as often as by default, so each happens in a small town."""
    from sim.parameters import PARAMETERS
    return small(seed=3, **{k: PARAMETERS[k.replace("__", ".")].default * 10 for k in RATES})


def test_no_loss_of_contact_without_its_rates():
    model = small(seed=3, **{k: 0.0 for k in RATES})
    assert count_events(model, "contact_lost") == 0


def test_losses_happen_only_to_households_in_contact_with_an_open_problem(often):
    a = often.log.arrays()
    lost = a["kind"] == K["contact_lost"]
    assert lost.sum() > 20
    causes = np.bincount(a["detail"][lost], minlength=len(CAUSES))
    assert (causes > 0).all()  # every cause happens
    first = {}
    seek = a["kind"] == K["seek_help"]
    for h, t in zip(a["household"][seek], a["time"][seek]):
        first.setdefault(int(h), float(t))
    for h, t in zip(a["household"][lost], a["time"][lost]):
        assert first[int(h)] <= t  # it had asked for help before


def test_summary_counts_the_log_and_lost_households_stay_in_the_cohort(often):
    s = summary(often)["contact"]
    a = often.log.arrays()
    window = a["time"] >= often.warmup
    for code, cause in enumerate(CAUSES):
        n = int(((a["kind"] == K["contact_lost"]) & (a["detail"] == code) & window).sum())
        assert s[f"lost_{cause}"] == n
    assert s["lost_trust"] == int(((a["kind"] == K["disengaged"]) & window).sum())
    assert s["reentries"] == int(((a["kind"] == K["reentry"]) & window).sum())
    share = s["first_year_homeless_lost_share"]
    assert share is not None and 0 < share <= 1  # ten times the rates: some are lost
    # households that left for good remain measured, and are not counted stable
    for_good = a["household"][(a["kind"] == K["contact_lost"]) & (a["value"] == 1)]
    c = cohort(often).set_index("household")
    gone = [h for h in set(for_good.tolist()) if often.households[h].cohort
            and often.households[h].first_contact is not None]
    assert gone
    for h in gone:
        assert h in c.index
        assert often.households[h].disengaged and not often.households[h].stable


def _household_on_bijstand(model):
    for hh in model.households:
        if hh.income == Income.BIJSTAND and "benefit" in hh.accruals and hh.open_domains() \
                and not hh.disengaged and hh.first_contact is not None and hh.place is None \
                and hh.housing in (Housing.SOCIAL_RENT, Housing.OWN_HOME):
            return hh
    raise AssertionError("no household on bijstand with an open problem")


def test_detention_stops_the_benefit_and_the_household_comes_back_with_income_a_problem():
    model = SocialDomainModel("baseline", rng=2, overrides={**SMALL, "contact.p_detention_home_lost": 1.0})
    model.calendar.run_until(model.warmup)
    hh = _household_on_bijstand(model)
    model.contact.lose(hh, DETENTION)
    assert hh.disengaged and not hh.cases and not hh.holding and not hh.waiting
    assert hh.income == Income.NONE and "benefit" not in hh.accruals
    model.calendar.run_until(model.warmup + 2 * 365)
    a = model.log.arrays()
    mine = (a["household"] == hh.hid) & (a["time"] >= model.warmup)
    assert ((a["kind"] == K["reentry"]) & mine).any()
    reopened = ((a["kind"] == K["unmet"]) | (a["kind"] == K["onset"])) & mine & \
        (a["detail"] == INCOME)
    assert reopened.any()  # the lost benefit is an income problem again
    homeless = ((a["kind"] == K["housing_move"]) & mine).any()
    assert homeless  # the detained tenant lost the home (p_detention_home_lost = 1)


def test_a_resident_who_moves_away_gives_up_the_place():
    model = SocialDomainModel("baseline", rng=2, overrides=SMALL)
    model.calendar.run_until(model.warmup)
    shelter = model.facilities["night_shelter"]
    hh = next(h for h in shelter.queue.occupants if h.open_domains())
    hh.first_contact = hh.first_contact or model.now
    before = shelter.occupancy
    waiting = shelter.queue.n_waiting
    model.contact.lose(hh, MOVED)
    assert hh.place is None and hh.housing == Housing.STREET and not hh.has_address
    assert hh not in shelter.queue.occupants
    # the bed went to the next on the list, or stands empty when nobody waited
    assert shelter.occupancy == before - (1 if waiting == 0 else 0)


def test_a_household_gone_for_good_is_censored_at_the_day_it_left(often):
    """Time to stability of a household that moved away for good runs to the day it left the
    services' view, not to the end of the run (it is followed no further); it is not stable."""
    from sim.metrics import household_table, measured

    t = measured(household_table(often))
    gone = t[t["lost_for_good_day"].notna() & ~t["stable"]
             & (t["lost_for_good_day"] >= t["first_contact_day"])]
    assert len(gone) > 5
    assert np.allclose(gone["time_to_stability_days"],
                       gone["lost_for_good_day"] - gone["first_contact_day"])
    assert (gone["first_contact_day"] + gone["time_to_stability_days"] < often.end).all()
    stayed = t[t["lost_for_good_day"].isna() & ~t["stable"]]
    assert np.allclose(stayed["first_contact_day"] + stayed["time_to_stability_days"], often.end)
