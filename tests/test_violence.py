"""The violence chain: signal routes into the crisis shelter within days, a capped crisis
stay with forced outflow by four routes, and urgency for women's-shelter leavers."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import small
from sim.domains import O
from sim.eventlog import K
from sim.mechanisms.violence import CRISIS_EXITS, OWN

pytestmark = pytest.mark.filterwarnings("ignore::sim.scenario.ScenarioWarning")

NO_SIGNALS = {"violence__p_vt_first_visit_effective": 0.0, "violence__police_signal_per_year": 0.0,
              "violence__neighbour_signal_days": 3000.0}


def _onset_to_crisis_place(m) -> float:
    """Median days from a violence household's onset to its first shelter place."""
    a = m.log.arrays()
    sel = (a["kind"] == K["placed"]) & np.isin(a["org"], [O["crisis_shelter"], O["womens_shelter"]])
    first: dict[int, float] = {}
    for h, t in zip(a["household"][sel], a["time"][sel]):
        first.setdefault(int(h), float(t))
    dv = m.profile_names().index("domestic_violence")
    # every victim whose violence began after the warm-up; never placed counts as never
    days = [first.get(hh.hid, np.inf) - hh.onset for hh in m.households
            if hh.profile == dv and m.warmup < hh.onset < m.end - 180]
    assert len(days) > 5
    return float(np.median(days))


ROOM = {"crisis_shelter__capacity": 40}  # enough crisis places that the signal decides


def test_signals_bring_victims_to_the_crisis_shelter_within_days():
    m = small(seed=2, **ROOM)
    assert _onset_to_crisis_place(m) < 21
    a = m.log.arrays()
    routes = a["detail"][a["kind"] == K["violence_signal"]]
    assert len(set(routes.tolist()) - {OWN}) >= 2  # more than one outside route at work


def test_without_signal_routes_victims_come_late():
    assert _onset_to_crisis_place(small(seed=2, **ROOM, **NO_SIGNALS)) > \
        _onset_to_crisis_place(small(seed=2, **ROOM)) + 30


def _crisis_exits(m):
    a = m.log.arrays()
    sel = a["kind"] == K["crisis_exit"]
    return a["detail"][sel], a["value"][sel]


def test_crisis_stay_is_capped_and_left_by_every_route():
    m = small(seed=3, region__inhabitants=30_000)
    routes, stayed = _crisis_exits(m)
    assert set(routes.tolist()) == set(range(len(CRISIS_EXITS)))
    assert stayed.max() <= 90 + 1e-6  # crisis_shelter.max_stay_days
    assert 45 < np.median(stayed) <= 90 + 1e-6  # Sharon: two to three months (000:L819-820)


def test_without_a_cap_or_other_routes_the_crisis_shelter_silts_up():
    blocked = dict(crisis_shelter__max_stay_days=36_000, violence__p_exit_home=0.0,
                   violence__p_exit_others=0.0, violence__p_exit_urgency=0.0,
                   womens_shelter__capacity=1)
    m = small(seed=3, region__inhabitants=30_000, **blocked)
    a = m.log.arrays()
    sel = (a["kind"] == K["exit"]) & (a["org"] == O["crisis_shelter"])
    # stays ended and stays still running at the end (the one way out, the women's shelter,
    # has a single place whose leaver waits for a dwelling: the stock may never leave)
    fac = m.facilities["crisis_shelter"]
    running = [m.end - (m.places.entered_on(hh, fac) or 0.0) for hh in m.households
               if hh.place is fac]
    stays = np.concatenate([a["value"][sel], running])
    assert len(stays) >= fac.queue.capacity and np.median(stays) > 150
    capped = small(seed=3, region__inhabitants=30_000, **{**blocked, "crisis_shelter__max_stay_days": 90})
    routes, stayed = _crisis_exits(capped)
    assert stayed.max() <= 90 + 1e-6 and len(routes) > 10


def test_womens_shelter_leavers_get_urgency_without_the_committee():
    def committee_requests(on: bool) -> tuple[int, int]:
        m = small(seed=4, region__inhabitants=30_000, run__years=3.0, womens_shelter__urgency=on)
        a = m.log.arrays()
        ws_out = set(a["household"][(a["kind"] == K["exit"]) & (a["org"] == O["womens_shelter"])].tolist())
        asked = set(a["household"][(a["kind"] == K["seek_help"])
                                   & (a["org"] == O["housing_urgency"])].tolist())
        return len(ws_out), len(ws_out & asked)

    n, via_committee = committee_requests(True)
    assert n > 5 and via_committee < 0.2 * n
    n_off, via_committee_off = committee_requests(False)
    assert via_committee_off > via_committee


def test_summary_reports_the_violence_chain():
    from sim.metrics import summary

    s = summary(small(seed=3, region__inhabitants=30_000))["violence_chain"]
    assert s["onset_to_shelter_n"] > 5 and s["onset_to_shelter_median_days"] < 120
    assert 0 < s["crisis_stay_median_days"] <= s["crisis_stay_max_days"] <= 90 + 1e-6
    assert sum(s["exits"].values()) > 5 and sum(s["signals"].values()) > 5
