"""The adapters for EMA Workbench, SALib and Mesa: generated from the parameter table, and
driving the model through each tool on tiny runs. The examples in docs/ecosystem.md run here."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from sim.adapters import (AdapterError, as_model_value, default_levers, default_uncertainties,
                          ema_model, salib_problem)
from sim.metrics import SCALAR_METRICS
from sim.parameters import PARAMETERS
from sim.run import run
from sim.streams import replicate_seeds

ema = pytest.importorskip("ema_workbench")
# EMA Workbench 2.5.3's PRIM calls DataFrame.drop(inplace=True), which pandas 3.1 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
DOC = Path(__file__).resolve().parent.parent / "docs" / "ecosystem.md"
TINY = {"region.inhabitants": 8000, "run.years": 1.0, "run.warmup_years": 0.25}


def test_ema_model_is_generated_from_the_table():
    from ema_workbench import (BooleanParameter, CategoricalParameter, IntegerParameter,
                               RealParameter)

    model = ema_model()
    unc = {p.name: p for p in model.uncertainties}
    lev = {p.name: p for p in model.levers}
    assert set(unc) == {k.replace(".", "__") for k in default_uncertainties()}
    assert set(lev) == {k.replace(".", "__") for k in default_levers()}
    assert not any(k.startswith(("run__", "region__")) for k in unc)
    for key, p in PARAMETERS.items():
        name = key.replace(".", "__")
        param = unc.get(name) or lev.get(name)
        if param is None:
            assert p.range is None or p.section in ("run", "region"), key
            continue
        expected = {bool: BooleanParameter, str: CategoricalParameter, int: IntegerParameter,
                    float: RealParameter}[p.kind]
        assert type(param) is expected, key
        if p.kind is str:
            assert [c.value for c in param.categories] == list(p.choices)
        elif p.kind in (int, float):
            assert (param.lower_bound, param.upper_bound) == pytest.approx(p.range), key
    assert [o.name for o in model.outcomes] == list(SCALAR_METRICS)


def test_ema_experiments_with_missing_values_and_prim():
    from ema_workbench import perform_experiments
    from ema_workbench.analysis import prim

    model = ema_model(uncertainties=["night_shelter.capacity", "household.help_seeking_days"],
                      levers=["reform.fixed_director"],
                      outcomes=["households", "societal_cost_eur", "time_to_stability_median_days",
                                "cost_by_pot.wmo"],
                      overrides=TINY, seed=3)
    experiments, outcomes = perform_experiments(model, scenarios=4, policies=2)
    assert len(experiments) == 8
    assert experiments["night_shelter__capacity"].between(6, 25).all()
    # a median never reached is NaN, and did not abort the experiment
    assert np.isnan(outcomes["time_to_stability_median_days"]).any()
    # each experiment is the model run with these values
    first = experiments.iloc[0]
    direct = run("baseline", 3, {**TINY,
                                 "night_shelter.capacity": int(first["night_shelter__capacity"]),
                                 "household.help_seeking_days": float(first["household__help_seeking_days"]),
                                 "reform.fixed_director": bool(first["reform__fixed_director"])})
    assert outcomes["societal_cost_eur"][0] == pytest.approx(direct["societal_cost_eur"])
    assert outcomes["cost_by_pot__wmo"][0] == pytest.approx(direct["cost_by_pot"]["wmo"])
    x = experiments[["night_shelter__capacity", "household__help_seeking_days"]]
    y = outcomes["societal_cost_eur"] > np.median(outcomes["societal_cost_eur"])
    box = prim.Prim(x, y, threshold=0.5).find_box()
    assert list(box.box_lim.columns) == list(x.columns)
    assert box.coverage > 0 and box.density >= y.mean()


def test_ema_replicator_model_uses_the_replicate_seeds_and_averages():
    from ema_workbench import perform_experiments

    model = ema_model(uncertainties=["night_shelter.capacity"], levers=[],
                      outcomes=["societal_cost_eur"], overrides=TINY, seed=5, replications=2)
    assert [r["seed"] for r in model.replications] == list(replicate_seeds(5, 2))
    experiments, outcomes = perform_experiments(model, scenarios=1)
    cap = int(experiments["night_shelter__capacity"].iloc[0])
    direct = [run("baseline", s, {**TINY, "night_shelter.capacity": cap})["societal_cost_eur"]
              for s in replicate_seeds(5, 2)]
    assert outcomes["societal_cost_eur"][0] == pytest.approx(np.mean(direct))


@pytest.mark.parametrize("raw, whole", [(17.54, 18), (20.0, 20), (17.5, 18), (17.49, 17),
                                        (5.5, 6), (25.5, 25), (np.float64(12.0), 12)])
def test_integer_samples_are_rounded(raw, whole):
    value = as_model_value("night_shelter.capacity", raw)  # plausible range 6-25
    assert value == whole and type(value) is int


def test_salib_problem_bounds_and_raw_samples():
    problem = salib_problem(["night_shelter.capacity", "household.help_seeking_days"],
                            outputs=["societal_cost_eur", "time_to_stability_median_days"],
                            overrides=TINY, seed=2)
    lo, hi = PARAMETERS["night_shelter.capacity"].range
    assert problem["bounds"][0] == [lo - 0.5, hi + 0.5]
    assert problem["bounds"][1] == list(PARAMETERS["household.help_seeking_days"].range)
    y = problem.model(np.array([[17.54, 90.0], [20.0, 90.0]]))
    for row, cap in zip(y, (18, 20)):
        direct = run("baseline", 2, {**TINY, "night_shelter.capacity": cap,
                                     "household.help_seeking_days": 90.0})
        assert row[0] == pytest.approx(direct["societal_cost_eur"])
        median = direct["time_to_stability_median_days"]
        assert (math.isnan(row[1]) and median is None) or row[1] == pytest.approx(median)


def test_salib_problemspec_sample_evaluate_analyze():
    problem = salib_problem(["night_shelter.capacity", "household.help_seeking_days"],
                            outputs=["handoffs_mean", "societal_cost_eur"], overrides=TINY)
    problem.sample_sobol(4, calc_second_order=False, seed=1)
    problem.evaluate()
    assert problem.results.shape == (4 * 4, 2)
    problem.analyze_sobol(calc_second_order=False, seed=1, num_resamples=20)
    si = problem.analysis["societal_cost_eur"]
    assert set(si) >= {"S1", "ST"} and len(si["ST"]) == 2


@pytest.mark.parametrize("call, message", [
    (lambda: salib_problem(["night_shelter.capacty"]), "did you mean night_shelter.capacity"),
    (lambda: salib_problem(["reform.fixed_director"]), "SALib varies numbers only"),
    (lambda: salib_problem(["run.years"]), "no plausible range"),
    (lambda: salib_problem(["wmo.staff"], outputs=["stable_shar"]), "did you mean stable_share"),
    (lambda: ema_model(uncertainties=["wmo.staff"], levers=["wmo.staff"]), "not both"),
])
def test_bad_names_get_one_clear_message(call, message):
    with pytest.raises(AdapterError, match=re.escape(message)):
        call()


def test_the_documented_examples_run():
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    assert namespace["runs"]["seed"].nunique() == 4
    assert len(namespace["experiments"]) == 12
    assert namespace["problem"].analysis is not None
