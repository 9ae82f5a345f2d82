"""The workshop app's twin worlds, without a browser: common random numbers, the reform switch,
the live numbers per week, reset, the named households' timelines and the control limits."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import mesa
import numpy as np
import pytest

from sim.app import charts
from sim.app.worlds import (CONTROLS, DEFAULTS, NAMES, SIDES, TwinWorlds, check_controls,
                            overrides_for, workshop_worlds)
from sim.domains import FACILITIES, POT_NAMES
from sim.metrics import household_table, kaplan_meier, km_median, measured
from sim.parameters import PARAMETERS

SMALL = {"inhabitants": 10_000}  # the smallest town the app allows: fast


def twin(**controls) -> TwinWorlds:
    return workshop_worlds(**{**SMALL, **controls})


def arrivals(world) -> list[tuple[float, int]]:
    return sorted((h.onset, h.profile) for h in world.model.households if h.cohort)


def kinds(world, kind: str) -> int:
    from sim.eventlog import K

    return int((world.model.log.arrays()["kind"] == K[kind]).sum())


def test_both_worlds_share_seed_and_arrivals():
    t = twin(seed=4)
    for _ in range(20):
        t.step()
    base, reform = t.baseline, t.reform
    assert base.model.seed == reform.model.seed == 4
    assert base.model.now == reform.model.now
    assert len(arrivals(base)) > 20
    assert arrivals(base) == arrivals(reform)  # the same households arrive in both worlds
    other = twin(seed=5)
    for _ in range(20):
        other.step()
    assert arrivals(other.baseline) != arrivals(base)


def test_without_a_reform_both_worlds_are_the_same():
    t = twin(seed=6, fixed_director=False)
    for _ in range(15):
        t.step()
    assert t.baseline.history == t.reform.history
    assert t.journey("baseline", "Kenny") == t.journey("reform", "Kenny")
    assert t.baseline.model.series == t.reform.model.series


def test_the_reform_switch_and_capacities_reach_only_the_reform_world():
    t = twin(fixed_director=True, transitional_homes=14)
    assert t.baseline.model.scenario["reform.fixed_director"] is False
    assert t.reform.model.scenario["reform.fixed_director"] is True
    assert t.baseline.model.scenario["transitional_home.capacity"] == 7
    assert t.reform.model.scenario["transitional_home.capacity"] == 14
    assert t.baseline.model.scenario["region.inhabitants"] == 10_000
    assert t.reform.model.scenario["region.inhabitants"] == 10_000
    for _ in range(15):
        t.step()
    assert kinds(t.baseline, "director") == 0
    assert kinds(t.reform, "director") > 0
    assert "Fixed case director" in t.reform_text and "transitional homes 7 -> 14" in t.reform_text
    plain = twin(fixed_director=False)
    assert plain.reform_text.startswith("nothing changed")
    assert overrides_for("baseline", plain.controls) == {"region.inhabitants": 10_000}


def test_live_numbers_are_recorded_every_week_and_change():
    t = twin()
    start = {side: t.latest(side) for side in SIDES}
    assert t.week == 0 and start["baseline"]["cost_total"] == 0 and start["baseline"]["households"] == 0
    for week in range(1, 31):
        t.step()
        assert t.week == week and t.steps == week
        for side in SIDES:
            hist = t.worlds[side].history
            assert len(hist) == week + 1 and hist[-1]["week"] == week
            assert set(hist[-1]["queues"]) == set(FACILITIES)
            assert set(hist[-1]["cost_by_pot"]) == set(POT_NAMES)
            assert hist[-1]["cost_total"] >= hist[-2]["cost_total"]
            assert hist[-1]["households"] >= hist[-2]["households"]
            assert hist[-1]["waiting"] == sum(hist[-1]["queues"].values())
            if week <= 20:  # nobody can have been followed for half a year yet
                assert hist[-1]["stable_within_6_months"] is None
    for side in SIDES:
        now = t.latest(side)
        assert now["households"] > start[side]["households"]
        assert now["cost_total"] > 0 and now["handoffs_mean"] > 0
        queues = [tuple(r["queues"].values()) for r in t.worlds[side].history]
        assert len(set(queues)) > 1


def test_live_numbers_agree_with_the_metrics_of_the_event_log():
    t = twin(seed=2)
    for _ in range(40):
        t.step()
    for side in SIDES:
        world = t.worlds[side]
        model = world.model
        c = measured(household_table(model))
        stable = c["stable"].to_numpy(bool)
        # household_table censors at the end of the run; the app censors at the current week
        start = c["first_contact_day"].to_numpy(float)
        durations = np.where(stable, c["stable_since_day"].to_numpy(float) - start, model.now - start)
        now = t.latest(side)
        assert now["households"] == len(c)
        assert now["stable"] == int(stable.sum())
        assert now["handoffs_mean"] == pytest.approx(float(c["handoffs"].mean()))
        assert now["warm_referrals_mean"] == pytest.approx(
            float((c["warm_referrals"] + c["director_referrals"]).mean()))
        assert now["median_days"] == km_median(durations, stable)
        times, surv = kaplan_meier(durations, stable)
        assert np.allclose(world.curve[0], times) and np.allclose(world.curve[1], surv)
        assert world.followup == pytest.approx(durations.max())
        if durations.max() >= 182.5:
            assert now["stable_within_6_months"] == pytest.approx(1 - surv[times <= 182.5][-1])
        else:
            assert now["stable_within_6_months"] is None
        spent = {p: model.series[-1][f"spent.{p}"] for p in POT_NAMES}
        assert sum(spent.values()) > now["cost_total"] > 0  # the warm-up's spending is left out
        # the societal cost and the transfers make up all that was spent since week 0
        assert now["cost_total"] + now["transfers_total"] == \
            pytest.approx(sum(now["cost_by_pot"].values()))
        assert now["transfers_total"] > 0


def test_reset_restores_week_zero():
    t = twin(seed=3, one_budget=True)
    fresh = twin(seed=3, one_budget=True)
    old_models = [w.model for w in t.worlds.values()]
    for _ in range(8):
        t.step()
    assert t.week == 8
    t.reset()
    assert t.week == 0 and t.steps == 0 and t.running
    assert t.controls == fresh.controls
    for side in SIDES:
        assert t.worlds[side].history == fresh.worlds[side].history
        assert t.journey(side, "Hans") == fresh.journey(side, "Hans")
    ids = getattr(mesa.Agent, "_ids", {})
    assert not any(m in ids for m in old_models)  # the replaced worlds are released
    t.step()
    fresh.step()
    assert t.latest("reform") == fresh.latest("reform")


def test_worlds_are_released_when_the_twin_is_dropped():
    t = twin()
    models = [w.model for w in t.worlds.values()]
    ids = getattr(mesa.Agent, "_ids", {})
    assert all(m in ids for m in models)
    del t
    gc.collect()
    assert not any(m in ids for m in models)


def test_named_households_timelines_grow_week_by_week():
    t = twin()
    for side in SIDES:
        for name in NAMES:
            rows = t.journey(side, name)
            # all arrive at week 0 with their problems (the homeless as homeless, Maria with her
            # rent arrears, those who know their participation problem looking for work)
            other = {(r["event"], r["detail"]) for r in rows
                     if r["event"] not in ("onset", "hidden_need", "housing_move")}
            assert rows and other <= {("tenancy", "arrears"), ("participation", "own_search")} \
                and rows[0]["event"] == "onset"
    sizes = {side: [len(t.journey(side, "Hans"))] for side in SIDES}
    for _ in range(12):
        t.step()
        for side in SIDES:
            sizes[side].append(len(t.journey(side, "Hans")))
    for side in SIDES:
        assert sizes[side] == sorted(sizes[side]) and sizes[side][-1] > sizes[side][0]
        rows = t.journey(side, "Hans")
        weeks = [r["week"] for r in rows]
        assert weeks == sorted(weeks) and weeks[-1] <= t.week
        assert "seek_help" in {r["event"] for r in rows}
        counts = t.worlds[side].journey_counts("Hans")
        assert counts["organisations"] >= 1
        assert counts["handoffs"] == sum(r["event"] in ("referral", "worker_change")
                                         and r["value"] == 0.0 for r in rows)  # dossier lost
    # the same household meets the same life in both worlds: the same problems at the start
    start = [(r["event"], r["detail"]) for r in t.journey("baseline", "Sharon") if r["week"] == 0
             and r["event"] == "onset"]
    assert start == [(r["event"], r["detail"]) for r in t.journey("reform", "Sharon")
                     if r["week"] == 0 and r["event"] == "onset"]


def test_control_limits_are_enforced():
    for c in CONTROLS.values():
        if c.switch:
            continue
        assert c.low <= c.default <= c.high, c.name
        if c.key:
            lo, hi = PARAMETERS[c.key].bounds
            assert lo <= c.low and c.high <= hi, c.name
    assert check_controls({}) == DEFAULTS
    assert check_controls({"shelter_beds": 20})["shelter_beds"] == 20
    bad = [{"inhabitants": 5_000}, {"inhabitants": 1_000_000}, {"shelter_beds": 1_000},
           {"wi_caseload": 0}, {"seed": 0}, {"directors": 7.5}, {"fixed_director": 1},
           {"transitional_homes": "14"}, {"no_such_control": 1}]
    for controls in bad:
        with pytest.raises(ValueError):
            check_controls(controls)
    with pytest.raises(ValueError):
        TwinWorlds(inhabitants=200_000)


@pytest.mark.filterwarnings("ignore:.*ComponentsView")  # Mesa 3.3.1's, at import
def test_app_inputs_match_the_controls_and_satisfy_solaraviz():
    from mesa.visualization.solara_viz import _check_model_params

    from sim.app.page import MODEL_PARAMS

    assert set(MODEL_PARAMS) == set(CONTROLS)
    for name, spec in MODEL_PARAMS.items():
        c = CONTROLS[name]
        assert spec["value"] == c.default
        if c.switch:
            assert spec["type"] == "Checkbox"
        else:
            assert spec["type"] == "SliderInt" and (spec["min"], spec["max"]) == (c.low, c.high)
    _check_model_params(TwinWorlds.__init__, MODEL_PARAMS)  # raises on a mismatch
    # what SolaraViz does on Reset: a new instance from the inputs' values
    values = {k: v["value"] for k, v in MODEL_PARAMS.items()}
    assert TwinWorlds(**{**values, **SMALL}).week == 0


def test_charts_share_axes_and_are_plain_json():
    t = twin()
    for _ in range(30):
        t.step()
    for make in (charts.survival, charts.handoffs, charts.queues, charts.cost):
        base, reform = make(t, "baseline"), make(t, "reform")
        json.dumps(base, allow_nan=False)
        assert base["xAxis"].get("max") == reform["xAxis"].get("max")
        assert base["yAxis"].get("max") == reform["yAxis"].get("max")
        if make is not charts.survival:  # nobody is stable yet in this small town
            assert base["series"] != reform["series"]
    queues = charts.queues(t, "reform")
    assert [s["name"] for s in queues["series"]] == [f.replace("_", " ") for f in FACILITIES]
    assert len(queues["series"][0]["data"]) == 31
    for name in NAMES:
        base, reform = charts.journey(t, "baseline", name), charts.journey(t, "reform", name)
        json.dumps(base, allow_nan=False)
        assert base["yAxis"]["data"] == reform["yAxis"]["data"] == charts.journey_lanes(t, name)
    lanes = charts.journey_lanes(t, "Hans")
    assert "problem: housing" in lanes and "story retold" in lanes
    assert charts.recent_events(t.journey("reform", "Hans"))[-1].startswith("week ")


def test_sim_app_without_the_extra_says_how_to_install_it(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "solara" else real(name, *a))
    parser = __import__("sim.cli", fromlist=["build_parser"]).build_parser()
    args = parser.parse_args(["app", "--port", "8799", "--no-browser"])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert 'python -m pip install -e ".[app]"' in err and "solara" in err


def test_importing_the_app_package_loads_no_web_code():
    code = ("import sys, sim.app, sim.cli; sim.cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('solara', 'altair') "
            "or m.startswith('mesa.visualization')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    help_text = subprocess.run([sys.executable, "-m", "sim", "app", "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert "--port" in help_text and "--no-browser" in help_text
