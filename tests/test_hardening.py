"""No validated scenario can hang or explode (issue 13, finding 1): the calendar's watchdog,
the bounds of the parameter table, the run-size check, and a scan of every numeric parameter
at both ends of its bounds."""

from __future__ import annotations

import signal
import warnings
from contextlib import contextmanager

import pytest

from sim import calendar as calendar_module
from sim.calendar import Calendar, CalendarStalled
from sim.parameters import PARAMETERS
from sim.run import simulate
from sim.scenario import HOUSEHOLDS_MAX, ScenarioError, ScenarioWarning, load_scenario

TINY = {"region.inhabitants": 2750, "run.years": 0.25, "run.warmup_years": 0.1,
        "run.stock_years": 0.1}
HANG_GUARD_SECONDS = 120  # a case that takes longer than this is treated as a hang


class Hung(Exception):
    pass


@contextmanager
def hang_guard(seconds: int = HANG_GUARD_SECONDS):
    """Turn a hang into a failure (Unix: SIGALRM)."""
    def alarm(*_):
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --- the watchdog --------------------------------------------------------------------------------

@pytest.mark.parametrize("delay", [0.0, 1e-9])
def test_watchdog_stops_an_event_that_repeats_without_time_passing(monkeypatch, delay):
    monkeypatch.setattr(calendar_module, "MAX_EVENTS_IN_ONE_DAY", 5_000)
    cal = Calendar()
    calls = []

    def again():
        calls.append(cal.now)
        cal.schedule_after(delay, again)

    cal.schedule_event(3.5, again)
    with hang_guard(60), pytest.raises(CalendarStalled, match="no longer advances") as info:
        cal.run_until(10.0)
    assert "day 3.5" in str(info.value) and "again" in str(info.value)
    assert len(calls) == 5_000  # the 5,001st is not run
    assert cal.events_processed == 5_000


def test_watchdog_counts_per_day_and_lets_busy_days_pass(monkeypatch):
    monkeypatch.setattr(calendar_module, "MAX_EVENTS_IN_ONE_DAY", 100)
    cal = Calendar()
    seen = []
    for day in range(5):  # 100 events on each of five days: busy, but time advances
        for i in range(100):
            cal.schedule_event(day + i / 200, seen.append, day)
    cal.run_until(10.0)
    assert len(seen) == 500 and cal.now == 10.0


def test_the_watchdog_limit_is_far_above_a_baseline_run(monkeypatch):
    """A baseline run finishes even with a limit a thousand times lower (no false alarms)."""
    monkeypatch.setattr(calendar_module, "MAX_EVENTS_IN_ONE_DAY",
                        calendar_module.MAX_EVENTS_IN_ONE_DAY // 1000)
    model = simulate("baseline", 1, overrides={**TINY, "region.inhabitants": 55_000},
                     log_events=False)
    assert model.calendar.now == model.end


# --- finding 1: values that hung or exploded are refused -------------------------------------------

def test_zero_decline_days_is_refused_with_the_key_and_the_allowed_values():
    with pytest.raises(ScenarioError) as info:
        load_scenario({"problems.unmet_care_decline_days": 0})
    text = str(info.value)
    assert "problems.unmet_care_decline_days" in text and "from 1 to 36500" in text


@pytest.mark.parametrize("key", ["night_shelter.capacity", "wmo.staff", "wmo.caseload_cap",
                                 "wmo.background_cases", "social_housing.initial_queue",
                                 "region.inhabitants", "director.staff", "inflow.debts",
                                 "social_housing.lettings_per_year"])
def test_absurd_sizes_are_refused(key):
    value = 2**64 if PARAMETERS[key].kind is int else 1e15
    with pytest.raises(ScenarioError) as info:
        load_scenario({key: value})
    assert key in str(info.value) and "Allowed" in str(info.value)


def test_every_count_has_a_finite_upper_bound():
    unbounded = [k for k, p in PARAMETERS.items()
                 if p.bounds and p.kind in (int, float) and p.bounds[1] == float("inf")]
    assert unbounded == []


def test_a_run_too_large_for_memory_is_refused_before_it_starts(tmp_path):
    f = tmp_path / "huge.toml"
    f.write_text("[region]\ninhabitants = 2000000\n[run]\nyears = 50\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(f)
    text = str(info.value)
    assert str(f) in text and "region.inhabitants" in text and f"{HOUSEHOLDS_MAX:,}" in text
    with pytest.raises(ScenarioError):  # the same through overrides
        load_scenario("baseline").with_overrides({"region.inhabitants": 2_000_000,
                                                  "run.years": 50.0})


def test_a_value_far_outside_the_plausible_range_is_warned_about(tmp_path):
    f = tmp_path / "far.toml"
    f.write_text("[casework]\nhourly_cost_eur = 5000\n", encoding="utf-8")
    with pytest.warns(ScenarioWarning, match="casework.hourly_cost_eur") as record:
        load_scenario(f)
    assert len([w for w in record if "hourly_cost_eur" in str(w.message)]) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_scenario({"casework.hourly_cost_eur": 100.0})  # inside: no warning


# --- the scan: every numeric parameter at both bounds --------------------------------------------

CASES = [(k, i) for k, p in PARAMETERS.items() if p.bounds and p.kind in (int, float)
         for i in (0, 1)]


@pytest.mark.parametrize("key,end", CASES, ids=[f"{k}-{'lo' if i == 0 else 'hi'}" for k, i in CASES])
def test_every_numeric_parameter_at_its_bounds_finishes_or_is_refused(key, end):
    p = PARAMETERS[key]
    value = p.kind(p.bounds[end])
    overrides = {**TINY, key: value}
    with warnings.catch_warnings(), hang_guard():
        warnings.simplefilter("ignore", ScenarioWarning)
        try:
            model = simulate("baseline", 1, overrides=overrides, log_events=False)
        except ScenarioError as exc:  # a clean refusal names the key
            assert key in str(exc) or "households" in str(exc)
            return
    assert model.calendar.now == model.end
    assert not model.running
