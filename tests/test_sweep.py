"""Sweeps: crash-safe resume, the same results on any executor, refusals and clean errors."""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from sim.analysis import load_experiment, load_results
from sim.analysis.store import Store, lock
from sim.analysis.sweep import main, register, run_sweep, write_report

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
TINY = '[region]\ninhabitants = 6000\n[run]\nyears = 1.0\nwarmup_years = 0.5\n'
EXPERIMENT = '''name = "tiny"
seed = 42
replicates = 4
scenarios = ["tiny.toml", "tiny-more.toml"]
[grid]
"night_shelter.capacity" = [4, 12]
[outputs]
metrics = ["handoffs_mean", "societal_cost_eur", "cost_by_pot.wmo"]
'''
RUNS = 2 * 2 * 4  # scenarios x grid x replicates
VOLATILE = ["seconds", "worker", "session", "finished"]


def write_experiment(folder: Path, text: str = EXPERIMENT, name: str = "exp.toml") -> Path:
    (folder / "tiny.toml").write_text(TINY)
    (folder / "tiny-more.toml").write_text('extends = "tiny.toml"\n[casework]\ninfo_loss = 0.3\n')
    path = folder / name
    path.write_text(text)
    return path


def sweep(exp: Path, results: Path, *extra: str) -> int:
    parser = argparse.ArgumentParser(prog="sim")
    register(parser.add_subparsers())
    return main(parser.parse_args(["sweep", str(exp), "--results", str(results), "--quiet", *extra]))


def comparable(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns=VOLATILE).sort_values(["point", "replicate"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The tiny experiment swept once with one local worker."""
    folder = tmp_path_factory.mktemp("reference")
    exp = write_experiment(folder)
    assert sweep(exp, folder / "results", "--workers", "1") == 0
    return exp, folder / "results"


def rows(db: Path) -> list[tuple]:
    try:
        with sqlite3.connect(db.as_uri() + "?mode=ro", uri=True) as conn:
            return conn.execute("SELECT point_id, replicate, summary, finished, session FROM runs "
                                "ORDER BY point_id, replicate").fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []


def test_kill_and_resume_loses_and_duplicates_nothing(tmp_path, reference):
    exp = write_experiment(tmp_path)
    results = tmp_path / "results"
    db = results / "tiny" / "runs.sqlite"
    cmd = [sys.executable, "-m", "sim", "sweep", str(exp), "--workers", "2", "--results",
           str(results), "--quiet"]
    proc = subprocess.Popen(cmd, env=ENV, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if db.exists() and len(rows(db)) >= 2:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the sweep and its workers, mid-run
    proc.wait()
    before = rows(db)
    assert 2 <= len(before) < RUNS, "kill the sweep while it runs"

    again = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    after = rows(db)
    assert len(after) == RUNS
    assert len({(p, r) for p, r, *_ in after}) == RUNS
    kept = {(p, r): row for p, r, *row in after}
    for p, r, *row in before:
        assert kept[(p, r)] == row  # same values, same time, same session: not run again
    assert sum(1 for *_, session in after if session == 2) == RUNS - len(before)
    exp_ref, results_ref = reference
    pd.testing.assert_frame_equal(comparable(load_results(results / "tiny")),
                                  comparable(load_results(results_ref / "tiny")))


def test_same_results_with_two_workers_and_on_dask(tmp_path, reference):
    distributed = pytest.importorskip("distributed")
    exp_ref, results_ref = reference
    expected = comparable(load_results(results_ref / "tiny"))
    exp = write_experiment(tmp_path)
    assert sweep(exp, tmp_path / "two", "--workers", "2") == 0
    pd.testing.assert_frame_equal(comparable(load_results(tmp_path / "two" / "tiny")), expected)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert sweep(exp, tmp_path / "dask", "--scheduler", cluster.scheduler_address) == 0
    df = load_results(tmp_path / "dask" / "tiny")
    pd.testing.assert_frame_equal(comparable(df), expected)
    assert df["seed"].nunique() == 4  # replicate r has one seed at every point
    assert (df.groupby("replicate")["seed"].nunique() == 1).all()


def test_changed_experiment_is_refused(reference, capsys, tmp_path):
    exp, results = reference
    db = results / "tiny" / "runs.sqlite"
    count = len(rows(db))
    exp.write_text(EXPERIMENT.replace("replicates = 4", "replicates = 5"))
    try:
        assert sweep(exp, results) == 2
        err = capsys.readouterr().err
        assert "--new-store" in err and "replicates" in err and "Traceback" not in err
        exp.write_text(EXPERIMENT)
        (exp.parent / "tiny-more.toml").write_text('extends = "tiny.toml"\n[casework]\n'
                                                   'info_loss = 0.31\n')
        assert sweep(exp, results) == 2
        assert "scenarios" in capsys.readouterr().err
    finally:
        write_experiment(exp.parent)
    assert len(rows(db)) == count
    # what does not change the runs (comments, description, outputs) is accepted
    exp.write_text("# a comment\ndescription = 'now described'\n" + EXPERIMENT.replace(
        '"cost_by_pot.wmo"', '"stable_share"'))
    try:
        assert sweep(exp, results) == 0
    finally:
        exp.write_text(EXPERIMENT)


def test_one_sweep_at_a_time(reference, capsys):
    exp, results = reference
    with lock(results, "tiny"):  # as a running sweep holds it
        assert sweep(exp, results) == 2
    assert "another sweep is writing" in capsys.readouterr().err
    assert sweep(exp, results) == 0


@pytest.mark.parametrize("change, words", [
    (("replicates = 4", "replicatez = 4"), ["unknown key 'replicatez'", "did you mean"]),
    (("seed = 42", 'seed = "42"'), ["'seed'", "whole number"]),
    (('"night_shelter.capacity"', '"night_shelter.capacty"'), ["not a model parameter",
                                                               "night_shelter.capacity"]),
    (("[4, 12]", "[4, -1]"), ["night_shelter.capacity", "-1", "greater than or equal to 0"]),
    (("[4, 12]", "[4, 1.5]"), ["night_shelter.capacity", "whole number"]),
    (('"tiny-more.toml"', '"no-such-scenario"'), ["no-such-scenario", "not found"]),
    (('"cost_by_pot.wmo"', '"handoff_mean"'), ["metric 'handoff_mean'", "handoffs_mean"]),
])
def test_bad_experiment_gives_one_clean_message(tmp_path, capsys, change, words):
    exp = write_experiment(tmp_path, EXPERIMENT.replace(*change), "bad.toml")
    assert sweep(exp, tmp_path / "results") == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "Traceback" not in err
    for w in words:
        assert w in err
    assert not (tmp_path / "results").exists()  # nothing written


def test_bad_experiment_on_the_command_line(tmp_path):
    exp = write_experiment(tmp_path, EXPERIMENT.replace("[grid]", "[grd]"), "bad.toml")
    out = subprocess.run([sys.executable, "-m", "sim", "sweep", str(exp), "--results",
                          str(tmp_path / "results")], env=ENV, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2
    assert "bad.toml: unknown key 'grd'" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "results").exists()


def test_failed_run_is_recorded_and_can_be_retried(tmp_path, monkeypatch):
    import sim.run

    exp = load_experiment(write_experiment(tmp_path))
    real, bad_seed = sim.run.run, exp.seeds[1]

    def flaky(scenario, seed=0, overrides=None):
        if seed == bad_seed:
            raise RuntimeError("model broke")
        return real(scenario, seed, overrides)

    monkeypatch.setattr(sim.run, "run", flaky)
    store = Store.for_experiment(exp, tmp_path / "results")
    with ThreadPoolExecutor(2) as pool:  # any concurrent.futures executor will do
        counts = run_sweep(exp, store, pool, store.begin_session({}), progress=False)
    assert counts["failed"] == len(exp.points) and counts["ran"] == RUNS
    df = load_results(tmp_path / "results" / "tiny")
    failed = df[df["status"] == "failed"]
    assert set(failed["replicate"]) == {1} and failed["error"].str.contains("model broke").all()
    assert failed["handoffs_mean"].isna().all() and len(df) == RUNS

    monkeypatch.setattr(sim.run, "run", real)
    with ThreadPoolExecutor(2) as pool:
        counts = run_sweep(exp, store, pool, store.begin_session({}), progress=False,
                           retry_failed=True)
    store.close()
    assert counts == {"total": RUNS, "earlier": RUNS - len(exp.points), "ran": len(exp.points),
                      "failed": 0}
    df = load_results(tmp_path / "results" / "tiny")
    assert len(df) == RUNS and (df["status"] == "ok").all()


def test_report_and_provenance(reference):
    exp, results = reference
    assert sweep(exp, results, "--no-run", "--report") == 0
    folder = results / "tiny"
    summary = pd.read_csv(folder / "summary.csv")
    assert len(summary) == 4 * 3  # points x metrics
    assert {"scenario", "night_shelter.capacity", "metric", "n", "mean", "ci95_low",
            "ci95_high"} <= set(summary.columns)
    assert (summary["n"] == 4).all() and (summary["ci95_low"] <= summary["mean"]).all()
    df = load_results("tiny", results_dir=results)  # also by name
    one = df[(df["scenario"] == "tiny") & (df["night_shelter.capacity"] == 4)]["handoffs_mean"]
    row = summary[(summary["scenario"] == "tiny") & (summary["night_shelter.capacity"] == 4)
                  & (summary["metric"] == "handoffs_mean")].iloc[0]
    assert row["mean"] == pytest.approx(one.mean())
    assert len(list(folder.glob("plot-*.png"))) == 3 * 2  # metrics x (capacity, scenario)
    assert write_report("tiny", results, quiet=True)  # alone, from the store's own record

    with sqlite3.connect(folder / "runs.sqlite") as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        info = conn.execute("SELECT info FROM sessions").fetchone()[0]
        files = {f for (f,) in conn.execute("SELECT file FROM scenario_files")}
        seeds = [s for (s,) in conn.execute("SELECT seed FROM seeds ORDER BY replicate")]
    assert meta["experiment_text"] == EXPERIMENT and len(meta["experiment_hash"]) == 64
    assert files == {"tiny.toml", "tiny-more.toml"}
    assert seeds == list(load_experiment(exp).seeds)
    for key in ('"sim"', '"git"', '"python"', '"numpy"', '"mesa"', '"pandas"'):
        assert key in info


def test_sampled_points_are_reproducible_and_in_range(tmp_path):
    text = EXPERIMENT.replace("[grid]\n", "[sample]\nn = 5\n\"casework.info_loss\" = \"table\"\n"
                              "\"work_income.caseload_cap\" = [175, 525]\n[grid]\n")
    a = load_experiment(write_experiment(tmp_path, text))
    b = load_experiment(write_experiment(tmp_path, text))
    assert [p.params for p in a.points] == [p.params for p in b.points]
    assert len(a.points) == 2 * 2 * 5 and a.hash() == b.hash()
    for p in a.points:
        assert 0.2 <= p.params["casework.info_loss"] <= 0.9  # the table's plausible range
        assert isinstance(p.params["work_income.caseload_cap"], int)
        assert p.resolved.params["region.inhabitants"] == 6000  # the scenario's own value
