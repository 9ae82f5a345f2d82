"""The event calendar, the Mesa interface and the event log as a journey record."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from conftest import SMALL
from sim.calendar import Calendar
from sim.metrics import summary
from sim.model import SocialDomainModel
from sim.parameters import PARAMETERS
from sim.report import event_frame
from sim.run import release, run


def test_calendar_orders_by_time_then_insertion():
    cal, seen = Calendar(), []
    cal.schedule_event(2.0, seen.append, "b")
    cal.schedule_event(1.0, seen.append, "a")
    cal.schedule_event(2.0, seen.append, "c")
    handle = cal.schedule_event(1.5, seen.append, "x")
    cal.cancel(handle)
    assert cal.peek() == 1.0 and len(cal) == 3
    cal.run_until(10.0)
    assert seen == ["a", "b", "c"] and cal.now == 10.0 and cal.events_processed == 3
    with pytest.raises(ValueError):
        cal.schedule_event(5.0, seen.append, "late")
    with pytest.raises(ValueError):
        cal.schedule_after(-1.0, seen.append, "late")
    cal.cancel(handle)  # already gone: harmless
    assert len(cal) == 0


def test_every_parameter_is_a_keyword_with_a_default():
    sig = inspect.signature(SocialDomainModel.__init__)
    for key, p in PARAMETERS.items():
        param = sig.parameters[key.replace(".", "__")]
        assert param.default == p.default
    model = SocialDomainModel(rng=1, night_shelter__capacity=17, **{"region__inhabitants": 9000})
    assert model.p["night_shelter.capacity"] == round(17 * 9000 / 55000)
    release(model)


def test_weekly_steps_give_the_same_result_as_one_run():
    stepped = SocialDomainModel("baseline", rng=9, overrides=SMALL)
    n = 0
    while stepped.running:
        stepped.step()
        n += 1
    release(stepped)
    assert n == int((SMALL["run.years"] + SMALL["run.warmup_years"]) * 365 / 7) + 1
    assert summary(stepped) == run("baseline", seed=9, overrides=SMALL)


def test_a_households_journey_can_be_rebuilt_from_the_event_log(baseline_small):
    events = event_frame(baseline_small)
    t = baseline_small
    busiest = pd.Series(t.log.arrays()["household"]).value_counts().index[0]
    journey = events[events.household == busiest]
    assert journey["day"].is_monotonic_increasing
    assert {"onset", "seek_help", "contact"} <= set(journey.event)
    assert (journey.organisation != "").sum() > 3
    assert set(events.event) >= {"referral", "denial", "placed", "cost", "met"}


def test_summary_keys_are_declared():
    from sim.metrics import NESTED_METRICS, SCALAR_METRICS

    s = run("baseline", seed=2, overrides=SMALL)
    assert set(s) == set(SCALAR_METRICS) | set(NESTED_METRICS) | {"scenario", "seed"}


def test_replicate_seeds_are_shared_and_distinct():
    from sim.run import replicate_seeds

    seeds = replicate_seeds(7, 5)
    assert seeds == replicate_seeds(7, 5) and len(set(seeds)) == 5
    assert replicate_seeds(7, 3) == seeds[:3]
