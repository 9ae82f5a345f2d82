"""Run outputs: tidy tables with scenario, seed and replicate; categories; Parquet; the loader;
no stale files in a reused folder; degenerate runs described as n/a."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import sim.outputs
from conftest import SMALL
from sim.outputs import OutputsError, load_run
from sim.report import OUTPUT_FILES, clear_outputs, describe, run_tables, write_run
from sim.run import simulate


@pytest.fixture(scope="module")
def model():
    return simulate("baseline", seed=3, overrides=SMALL)


@pytest.fixture(scope="module")
def folder(model, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    write_run(model, out, plots=False, replicate=2)
    return out


def test_every_table_carries_scenario_seed_and_replicate(model):
    tables = run_tables(model, replicate=2)
    assert set(tables) == {"households", "timeseries", "events", "survival"}
    for name, df in tables.items():
        assert list(df.columns[:3]) == ["scenario", "seed", "replicate"], name
        assert (df["scenario"] == "baseline").all() and (df["seed"] == 3).all(), name
        assert (df["replicate"] == 2).all(), name
        assert isinstance(df["scenario"].dtype, pd.CategoricalDtype), name
    events = tables["events"]
    for col in ("event", "organisation", "pot", "detail"):
        assert isinstance(events[col].dtype, pd.CategoricalDtype), col
    assert isinstance(tables["households"]["profile"].dtype, pd.CategoricalDtype)
    assert len(tables["timeseries"]) == len(model.series)
    assert len(events) == len(model.log)


def test_plain_read_csv_of_events_gives_no_dtype_warning(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = pd.read_csv(folder / "events.csv.gz")
    assert (df.loc[df["event"] == "cost", "organisation"] == "-").all()
    assert df["pot"].isna().sum() == 0


@pytest.mark.parametrize("parquet", [True, False])
def test_load_run_gives_the_tables_as_written(model, folder, monkeypatch, parquet):
    if parquet:
        pytest.importorskip("pyarrow")
        assert (folder / "events.parquet").exists()
    else:
        monkeypatch.setattr(sim.outputs, "parquet_available", lambda: False)
    run = load_run(folder)
    for name, df in run_tables(model, replicate=2).items():
        pd.testing.assert_frame_equal(getattr(run, name), df, obj=name)
    assert run.summary == json.loads((folder / "summary.json").read_text())


def test_load_run_concatenates_replicates(tmp_path):
    from sim.cli import main

    small = tmp_path / "small.toml"
    small.write_text('extends = "baseline"\n[region]\ninhabitants = 6000\n'
                     "[run]\nyears = 0.5\nwarmup_years = 0.25\n", encoding="utf-8")
    assert main(["run", str(small), "--replicates", "2", "--seed", "5", "--out",
                 str(tmp_path / "out"), "--no-plots"]) == 0
    run = load_run(tmp_path / "out")
    from sim.run import replicate_seeds

    seeds = replicate_seeds(5, 2)
    assert sorted(run.households.groupby(["seed", "replicate"], observed=True).size().index) == \
        sorted([(seeds[0], 0), (seeds[1], 1)])
    assert run.summary["replicates"] == 2 and len(run.replicates) == 2
    assert isinstance(run.events["event"].dtype, pd.CategoricalDtype)


def test_load_run_refuses_a_folder_without_outputs(tmp_path):
    with pytest.raises(OutputsError, match="summary.json: missing"):
        load_run(tmp_path)
    with pytest.raises(OutputsError, match="no such folder"):
        load_run(tmp_path / "nowhere")


def test_reused_folder_keeps_no_earlier_outputs(model, tmp_path):
    write_run(model, tmp_path, plots=True)
    assert (tmp_path / "queues.png").exists()
    (tmp_path / "notes.txt").write_text("mine")
    write_run(model, tmp_path, plots=False)  # a run without plots: the old plots go
    assert not (tmp_path / "queues.png").exists()
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not list(tmp_path.glob(".writing-*"))
    (tmp_path / "seed-4").mkdir()
    (tmp_path / "seed-4" / "summary.json").write_text("{}")
    (tmp_path / "replicates.csv").write_text("x")
    clear_outputs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert set(OUTPUT_FILES) >= {"summary.json", "events.csv.gz", "time_to_stability.png"}


def test_failed_write_leaves_the_folder_as_it_was(model, tmp_path, monkeypatch):
    write_run(model, tmp_path, plots=False)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("sim.report.write_plots", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_run(model, tmp_path, plots=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_no_households_is_not_stable_zero_percent(tmp_path):
    from sim.cli import main

    tiny = tmp_path / "tiny.toml"  # a town of 2,000 over a week: no one asks for help
    tiny.write_text('extends = "baseline"\n[region]\ninhabitants = 2000\n'
                    "[run]\nyears = 0.02\nwarmup_years = 0.5\n", encoding="utf-8")
    model = simulate(str(tiny), seed=1)
    from sim.metrics import summary

    result = summary(model)
    assert result["households"] == 0
    text = describe(result)
    assert "stable by the end          n/a" in text
    assert "cold handoffs / household  n/a" in text
    assert "time to stability (median) n/a" in text
    assert "%" not in text.split("societal cost")[0]
    assert main(["run", str(tiny), "--out", str(tmp_path / "out"), "--no-plots"]) == 0
    assert load_run(tmp_path / "out").survival.empty
