"""Mesa's model contract: seeding through ``rng``, a DataCollector, batch_run, and release."""

from __future__ import annotations

import gc
import weakref

import mesa
import numpy as np
import pandas as pd
import pytest

from sim.model import SocialDomainModel, seed_from
from sim.run import run

TINY = {"region.inhabitants": 4000, "run.years": 0.5, "run.warmup_years": 0.1}
TINY_KW = {k.replace(".", "__"): v for k, v in TINY.items()}


def test_no_rng_draws_fresh_entropy_and_records_it():
    a = SocialDomainModel(overrides=TINY)
    b = SocialDomainModel(overrides=TINY)
    assert isinstance(a.seed, int) and 0 <= a.seed < 2**63
    assert a.seed != b.seed
    a.run_to_end()
    again = SocialDomainModel(rng=a.seed, overrides=TINY)
    again.run_to_end()
    assert again.series == a.series
    assert len(again.log) == len(a.log)


def test_generator_gives_a_deterministic_seed():
    one = SocialDomainModel(rng=np.random.default_rng(5), overrides=TINY)
    two = SocialDomainModel(rng=np.random.default_rng(5), overrides=TINY)
    other = SocialDomainModel(rng=np.random.default_rng(6), overrides=TINY)
    assert one.seed == two.seed != other.seed
    assert one.seed == int(np.random.default_rng(5).integers(2**63))


def test_integer_seed_is_used_as_given():
    assert SocialDomainModel(rng=np.int64(12), overrides=TINY).seed == 12


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True])
def test_bad_rng_is_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="rng must be None, a non-negative integer"):
        seed_from(bad)


def test_run_keeps_its_documented_default_seed():
    # sim.run.run and simulate default to seed 0, as before: the same numbers twice
    a, b = run("baseline", overrides=TINY), run("baseline", overrides=TINY)
    assert a["seed"] == b["seed"] == 0
    assert a == b


def test_datacollector_holds_the_weekly_series():
    model = SocialDomainModel(rng=3, overrides=TINY)
    for _ in range(5):
        model.step()
    frame = model.datacollector.get_model_vars_dataframe()
    assert len(frame) == len(model.series) == 6
    pd.testing.assert_frame_equal(frame.drop(columns="seed"), pd.DataFrame(model.series),
                                  check_dtype=False)
    assert (frame["seed"] == 3).all()
    model.run_to_end()  # rows recorded by a run to the end are collected too
    assert len(model.datacollector.get_model_vars_dataframe()) == len(model.series)


def test_batch_run_varies_seeds_between_iterations():
    rows = mesa.batch_run(SocialDomainModel, parameters={**TINY_KW, "night_shelter__capacity": [4, 8]},
                          iterations=2, max_steps=1000, display_progress=False)
    df = pd.DataFrame(rows)
    assert len(df) == 4
    assert sorted(df["night_shelter__capacity"]) == [4, 4, 8, 8]
    assert df["seed"].nunique() == 4
    first, second = (df[df["iteration"] == i].sort_values("night_shelter__capacity") for i in (0, 1))
    assert not np.allclose(first["spent.wmo"].to_numpy(), second["spent.wmo"].to_numpy())
    assert (df["day"] > 0).all()


def test_a_finished_model_releases_itself():
    model = SocialDomainModel(rng=2, overrides=TINY)
    assert model in mesa.Agent._ids
    while model.running:
        model.step()
    assert model not in mesa.Agent._ids
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None
