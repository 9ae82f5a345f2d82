"""Sensitivity analysis: known answers (Ishigami, a linear function), replicate noise, and the
model end to end through `sim sensitivity`."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.analysis.salib_design import Plan, make_design, noise_components, run_analysis
from sim.analysis.store import load_results
from sim.cli import main as sim_main

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("x1", "x2", "x3")
A, B = 7.0, 0.1
TOL = 1e-3  # slack for a value on the edge of a narrow interval


def ishigami_indices() -> tuple[list[float], list[float], float]:
    """Analytic S1, ST and S13 of the Ishigami function with a = 7, b = 0.1."""
    v1 = 0.5 * (1 + B * math.pi ** 4 / 5) ** 2
    v2 = A ** 2 / 8
    v13 = B ** 2 * math.pi ** 8 * 8 / 225
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v], v13 / v


def ishigami(rows):
    x = np.array([[r[n] for n in NAMES] for r in rows])
    y = np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])
    return {"ishigami": y[:, None]}


def lookup(table: pd.DataFrame, parameter: str, index: str, output: str | None = None):
    rows = table[(table["parameter"] == parameter) & (table["index"] == index)]
    if output is not None:
        rows = rows[rows["output"] == output]
    assert len(rows) == 1, (parameter, index, output)
    return rows.iloc[0]


@pytest.fixture(scope="module")
def ishigami_sobol(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ishigami")
    plan = Plan(names=NAMES, bounds=((-math.pi, math.pi),) * 3, method="sobol", n=2 ** 11,
                second_order=True, seed=11)
    analysis = run_analysis(plan, ishigami, folder, title="ishigami")
    return analysis, folder


def test_ishigami_sobol_known_indices_lie_in_their_intervals(ishigami_sobol):
    analysis, folder = ishigami_sobol
    table = pd.read_csv(folder / "indices.csv")  # what the user gets
    assert list(table.columns) == ["output", "parameter", "index", "value", "ci_low", "ci_high"]
    s1, st, s13 = ishigami_indices()
    assert [round(v, 3) for v in s1] == [0.314, 0.442, 0.0]
    assert [round(v, 3) for v in st] == [0.558, 0.442, 0.244]
    for index, known in (("S1", s1), ("ST", st)):
        rows = [lookup(table, n, index) for n in NAMES]
        for row, value in zip(rows, known):
            assert row["ci_low"] - TOL <= value <= row["ci_high"] + TOL, (index, row.to_dict())
            assert row["ci_high"] - row["ci_low"] < 0.15  # informative, not vacuous
        # the intervals tell the parameters apart: swapped values would fall outside
        for i, row in enumerate(rows):
            for j, value in enumerate(known):
                if abs(value - known[i]) > 0.1:
                    assert not row["ci_low"] <= value <= row["ci_high"], (index, i, j)
    pairs = {"x1 x x2": 0.0, "x1 x x3": s13, "x2 x x3": 0.0}
    for pair, value in pairs.items():
        row = lookup(table, pair, "S2")
        assert row["ci_low"] - TOL <= value <= row["ci_high"] + TOL, row.to_dict()
    assert analysis.matters("ishigami") == ["x1", "x2", "x3"]  # by ST, largest first
    assert (folder / "sobol-ishigami.png").stat().st_size > 10_000
    report = (folder / "report.md").read_text()
    assert "**ishigami**: x1, x2, x3." in report and "x1 x x3" in report


def test_morris_on_ishigami_finds_x3_that_has_no_first_order_effect(tmp_path, ishigami_sobol):
    plan = Plan(names=NAMES, bounds=((-math.pi, math.pi),) * 3, method="morris",
                trajectories=60, seed=3)
    morris = run_analysis(plan, ishigami, tmp_path, title="ishigami")
    x3 = lookup(morris.indices, "x3", "mu_star")
    assert x3["ci_low"] > 1.0  # x3 moves the output ...
    assert "x3" in morris.matters("ishigami")
    sobol = ishigami_sobol[0].indices
    s1 = lookup(sobol, "x3", "S1")
    assert s1["ci_low"] <= 0 <= s1["ci_high"]  # ... but only together with x1
    assert lookup(sobol, "x3", "ST")["ci_low"] > 0.2
    assert (tmp_path / "morris-ishigami.png").stat().st_size > 10_000


def test_morris_on_a_linear_function_gives_its_coefficients(tmp_path):
    coef = {"a": 1.0, "b": -2.0, "c": 0.0, "d": 0.5}
    bounds = {"a": (0, 1), "b": (0, 1), "c": (0, 1), "d": (0, 10)}

    def linear(rows):
        return {"y": np.array([[sum(coef[k] * r[k] for k in coef)] for r in rows])}

    plan = Plan(names=tuple(coef), bounds=tuple(bounds.values()), method="morris",
                trajectories=12, seed=5)
    analysis = run_analysis(plan, linear, tmp_path, title="linear")
    for name, c in coef.items():
        span = bounds[name][1] - bounds[name][0]  # effects are per whole range
        for index, expected in (("mu_star", abs(c) * span), ("mu", c * span)):
            value = lookup(analysis.indices, name, index)["value"]
            assert value == pytest.approx(expected, rel=1e-5, abs=1e-9), (name, index)
        assert lookup(analysis.indices, name, "sigma")["value"] == pytest.approx(0, abs=1e-5)
    ranking = analysis.ranking
    assert list(ranking["parameter"]) == ["d", "b", "a", "c"]
    assert list(ranking["verdict"]) == ["matters", "matters", "matters", "negligible"]


def test_noise_components_separate_common_and_row_noise():
    rng = np.random.default_rng(1)
    rows, reps = 400, 30
    effect = 3 * rng.random(rows)  # variance 0.75
    y = effect[:, None] + rng.normal(0, 0.5, reps)[None, :] + rng.normal(0, 0.3, (rows, reps))
    c = noise_components(y)
    assert c["parameters"] == pytest.approx(np.var(effect, ddof=1), rel=0.05)
    assert c["row_noise"] == pytest.approx(0.09, rel=0.05)
    assert c["common_noise"] == pytest.approx(0.25, rel=0.6)
    total = c["parameters"] + c["common_noise"] + c["row_noise"]
    assert c["noise_share"] == pytest.approx((c["common_noise"] + 0.09) / total, rel=0.05)
    of_means = 0.09 / reps / np.var(y.mean(axis=1), ddof=1)
    assert c["noise_share_of_means"] == pytest.approx(of_means, rel=0.05)


def noisy(common: float, own: float, seed: int = 2, reps: int = 6):
    """3·x1 + 0.05·x3 (x2 does nothing) plus noise common to a replicate and noise of its own."""
    def evaluate(rows):
        rng = np.random.default_rng(seed)
        x = np.array([[r[n] for n in NAMES] for r in rows])
        f = 3 * x[:, 0] + 0.05 * x[:, 2]
        return {"y": f[:, None] + rng.normal(0, common, reps)[None, :]
                + rng.normal(0, own, (len(rows), reps))}
    return evaluate


def test_replicate_noise_sets_the_floor_and_common_noise_cancels(tmp_path):
    plan = Plan(names=NAMES, bounds=((0, 1),) * 3, method="morris", trajectories=30, seed=8)
    own = run_analysis(plan, noisy(common=0.3, own=0.5), tmp_path / "own", title="own")
    verdict = dict(zip(own.ranking["parameter"], own.ranking["verdict"]))
    assert verdict == {"x1": "matters", "x2": "negligible", "x3": "negligible"}
    floor = own.ranking.set_index("parameter")["noise_floor"]
    # a parameter without effect: mu* of pure noise, sqrt(2/pi)·sd of an effect's noise
    expected = math.sqrt(2 / math.pi) * math.sqrt(2 * 0.5 ** 2 / 6) / (2 / 3)
    assert floor["x2"] == pytest.approx(expected, rel=0.25)
    assert lookup(own.indices, "x2", "mu_star")["ci_low"] <= floor["x2"]
    noise = own.noise.iloc[0]
    assert 0.05 < noise["noise_share"] < 0.6 and noise["row_noise"] == pytest.approx(0.25, rel=0.2)

    # the same noise, but all of it shared by the replicate (common random numbers): no floor,
    # and the small effect of x3 is found
    common = run_analysis(plan, noisy(common=0.6, own=0.0), tmp_path / "common", title="common")
    ranking = common.ranking.set_index("parameter")
    assert ranking["noise_floor"].max() < 1e-9
    assert ranking.loc["x3", "verdict"] == "minor" and ranking.loc["x2", "verdict"] == "negligible"
    assert lookup(common.indices, "x3", "mu_star")["value"] == pytest.approx(0.05, rel=1e-4)


def test_sobol_noise_floor_marks_a_parameter_without_effect(tmp_path):
    plan = Plan(names=NAMES, bounds=((0, 1),) * 3, method="sobol", n=512, seed=4)
    analysis = run_analysis(plan, noisy(common=0.2, own=0.8, reps=3), tmp_path, title="noisy")
    ranking = analysis.ranking.set_index("parameter")
    assert ranking.loc["x1", "verdict"] == "matters"
    assert ranking.loc["x2", "verdict"] == "negligible"
    floor = analysis.noise.iloc[0]["noise_share_of_means"]
    assert 0.05 < floor < 0.5 and (ranking["noise_floor"] == floor).all()
    assert "Replicate noise:" in (tmp_path / "report.md").read_text()


def test_incomplete_rows_drop_their_trajectory_and_empty_outputs_are_skipped(tmp_path):
    def evaluate(rows):
        x = np.array([[r[n] for n in NAMES] for r in rows])
        y = x[:, 0] + 2 * x[:, 1]
        y = np.where(x[:, 2] > 0.9, np.nan, y)  # e.g. a median never reached
        return {"partial": y[:, None], "empty": np.full((len(rows), 1), np.nan)}

    plan = Plan(names=NAMES, bounds=((0, 1),) * 3, method="morris", trajectories=20, seed=9)
    analysis = run_analysis(plan, evaluate, tmp_path, title="gaps")
    assert "empty" in analysis.skipped and "partial" not in analysis.skipped
    assert "trajectories left out" in analysis.caveats["partial"]
    assert set(analysis.indices["output"]) == {"partial"}
    assert lookup(analysis.indices, "x2", "mu_star")["value"] == pytest.approx(2, rel=1e-5)
    report = (tmp_path / "report.md").read_text()
    assert "**empty**: not analysed" in report
    assert not (tmp_path / "morris-empty.png").exists()


def test_whole_numbers_are_sampled_evenly_within_their_range():
    plan = Plan(names=("k", "x"), bounds=((1, 3), (0.5, 2.0)), integer=(True, False),
                method="sobol", n=256, seed=1)
    rows = make_design(plan).rows
    k = np.array([r["k"] for r in rows])
    assert all(isinstance(r["k"], int) for r in rows) and set(k) == {1, 2, 3}
    assert np.bincount(k)[1:] / len(k) == pytest.approx([1 / 3] * 3, abs=0.05)
    x = np.array([r["x"] for r in rows])
    assert 0.5 <= x.min() and x.max() <= 2.0


# --- the model, through `sim sensitivity` ------------------------------------------------------

TINY = '''name = "tiny-sensitivity"
seed = 5
replicates = 2
scenario = "baseline"
reform = "fixed-director"
method = "morris"
[morris]
trajectories = 2
[parameters]
"casework.info_loss" = "table"
"director.caseload_cap" = [8, 30]
[fixed]
"region.inhabitants" = 10000
"run.years" = 1.0
"run.warmup_years" = 0.25
[outputs]
metrics = ["handoffs_mean", "societal_cost_eur", "time_to_stability_median_days"]
differences = ["handoffs_mean", "societal_cost_eur"]
censored = "window"
'''
RUNS = 2 * 3 * 2 * 2  # trajectories x (parameters + 1) x scenarios x replicates


def sensitivity(path: Path, results: Path, *extra: str) -> int:
    return sim_main(["sensitivity", str(path), "--results", str(results), "--quiet", *extra])


def sessions_runs(db: Path) -> dict[int, int]:
    with sqlite3.connect(db.as_uri() + "?mode=ro", uri=True) as conn:
        runs = dict(conn.execute("SELECT session, COUNT(*) FROM runs GROUP BY session"))
        return {s: runs.get(s, 0) for (s,) in conn.execute("SELECT id FROM sessions")}


def test_model_end_to_end_resumes_and_reports(tmp_path, capsys):
    exp = tmp_path / "tiny.toml"
    exp.write_text(TINY)
    results = tmp_path / "results"
    assert sensitivity(exp, results, "--workers", "1") == 0
    folder = results / "tiny-sensitivity"
    outputs = ["handoffs_mean", "societal_cost_eur", "diff.handoffs_mean", "diff.societal_cost_eur"]
    for name in ["indices.csv", "ranking.csv", "noise.csv", "report.md",
                 *(f"morris-{o}.png" for o in outputs)]:
        assert (folder / name).stat().st_size > 0, name
    table = pd.read_csv(folder / "indices.csv")
    # time to stability is constant (and skipped) when no run reaches its median in a year
    assert set(outputs) <= set(table["output"]) <= {*outputs, "time_to_stability_median_days"}
    assert set(table["index"]) == {"mu_star", "mu", "sigma"}
    assert np.isfinite(table[["value", "ci_low", "ci_high"]].to_numpy()).all()
    assert (table["ci_low"] <= table["value"] + 1e-12).all()
    assert (table["value"] <= table["ci_high"] + 1e-12).all()

    runs = load_results(folder)
    assert len(runs) == RUNS and (runs["status"] == "ok").all()
    assert set(runs["scenario"]) == {"baseline", "fixed-director"}
    cap = runs["director.caseload_cap"]
    assert cap.map(lambda v: float(v).is_integer()).all() and cap.between(8, 30).all()
    # the reform difference is paired by replicate: diff = reform - baseline, per replicate
    wide = runs.pivot_table(index=["casework.info_loss", "director.caseload_cap", "replicate"],
                            columns="scenario", values="handoffs_mean")
    diff = (wide["fixed-director"] - wide["baseline"]).groupby(level=[0, 1]).mean()
    assert diff.abs().max() > 0
    mu = lookup(table, "director.caseload_cap", "mu", "diff.handoffs_mean")["value"]
    assert np.isfinite(mu)
    # a median never reached in a year counts as the year (censored = "window")
    base = runs[runs["scenario"] == "baseline"]
    unreached = int(base["time_to_stability_median_days"].isna().sum())
    report = (folder / "report.md").read_text()
    if unreached:
        assert (f"time_to_stability_median_days: in {unreached} of {len(base)} runs fewer than "
                f"half the households got stable") in report
    assert "no value in any replicate" not in report

    # again: nothing new is computed, and the report is the same
    before = (folder / "indices.csv").read_text()
    assert sensitivity(exp, results, "--workers", "1") == 0
    counts = sessions_runs(folder / "runs.sqlite")
    assert len(counts) == 2 and counts[max(counts)] == 0 and sum(counts.values()) == RUNS
    assert (folder / "indices.csv").read_text() == before

    # --report-only analyses the store alone
    (folder / "indices.csv").unlink()
    assert sensitivity(exp, results, "--report-only") == 0
    assert (folder / "indices.csv").read_text() == before
    assert len(sessions_runs(folder / "runs.sqlite")) == 2

    # a changed design is refused rather than mixed into the store
    exp.write_text(TINY.replace("trajectories = 2", "trajectories = 3"))
    capsys.readouterr()
    assert sensitivity(exp, results, "--workers", "1") == 2
    assert "differs from the one that made the store" in capsys.readouterr().err


BAD = [
    ("metod = 1\n", "unknown key 'metod' (did you mean 'method'?)"),
    ("replicates = 0\n", "'replicates' = 0 is not allowed; it must be a whole number from 1"),
    ('method = "fast"\n', "'method' = 'fast' is not allowed; it must be one of 'morris', 'sobol'"),
    ('[sobol]\nn = 100\n', "[sobol]: 'n' = 100 is not allowed; it must be a power of two"),
    ('[morris]\nlevels = 3\n', "[morris]: 'levels' = 3 is not allowed; it must be an even"),
    ('[parameters]\n"casework.info_loss" = [0.2, 1.5]\n',
     "[parameters]: 'casework.info_loss' = 1.5 is not allowed"),
    ('[parameters]\n"casework.infoloss" = "table"\n',
     "'casework.infoloss' is not a model parameter (did you mean 'casework.info_loss'?)"),
    ('[parameters]\n"reform.fixed_director" = [0, 1]\n',
     "'reform.fixed_director' cannot be varied"),
    ('[parameters]\nuncertain = ["nothing.*"]\n', "'uncertain' = 'nothing.*' is not allowed"),
    ('[outputs]\ndifferences = ["handoffs_mean"]\n', "differences need a reform scenario"),
    ('[outputs]\nmetrics = ["handoff_mean"]\n',
     "metric 'handoff_mean' is unknown (did you mean 'handoffs_mean'?)"),
    ('reform = "no-such-scenario"\n', "reform: scenario 'no-such-scenario' cannot be used"),
    ('[outputs]\ncensored = "zero"\n', "[outputs]: 'censored' = 'zero' is not allowed"),
]
GOOD = '''seed = 1
replicates = 2
method = "morris"
[parameters]
"casework.info_loss" = "table"
'''


def merge(good: str, bad: str) -> str:
    """The good file with the bad lines added (a table header replaces the good one's)."""
    if bad.startswith("[parameters]"):
        good = good.replace('[parameters]\n"casework.info_loss" = "table"\n', "")
    elif not bad.startswith("["):
        key = bad.split("=")[0].strip()
        good = "\n".join(line for line in good.splitlines() if not line.startswith(key + " "))
        return bad + good + "\n"
    return good + bad


@pytest.mark.parametrize("bad, message", BAD, ids=[m[:30] for _, m in BAD])
def test_bad_experiment_file_is_refused_before_anything_runs(tmp_path, capsys, bad, message):
    path = tmp_path / "bad.toml"
    path.write_text(merge(GOOD, bad))
    assert sensitivity(path, tmp_path / "results", "--workers", "1") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim sensitivity: {path}") and message in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "results").exists()


def test_the_good_file_of_the_refusal_test_is_accepted(tmp_path, capsys):
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    assert sensitivity(path, tmp_path / "results", "--dry-run") == 0
    assert "morris over 1 parameters; 20 design rows" in capsys.readouterr().out


@pytest.mark.parametrize("name, method", [("sensitivity-screening", "morris"),
                                          ("sensitivity-sobol", "sobol")])
def test_shipped_experiments_validate(tmp_path, capsys, name, method):
    path = ROOT / "experiments" / f"{name}.toml"
    assert sensitivity(path, tmp_path / "results", "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"{name}: {method} over" in out and "diff.handoffs_mean" in out and "runs" in out
    assert not (tmp_path / "results").exists()


GROUPED = '''seed = 1
replicates = 1
method = "morris"
[morris]
trajectories = 3
[parameters]
"casework.info_loss" = "table"
"casework.p_refer" = "table"
"ggz.response_days" = [20.0, 80.0]
"ggz_treatment.capacity" = [100, 300]
"director.caseload_cap" = [8, 30]
[groups]
by = "prefix"
care = ["ggz*"]
'''


def test_grouped_design_moves_a_whole_group_in_one_step(tmp_path, capsys):
    """[groups]: named groups by pattern, the rest by key prefix; the design has one column
    per group, and every member of a group sits at the same place in its own range, so each
    step of a trajectory moves exactly the members of one group."""
    from sim.analysis.salib_design import make_design
    from sim.analysis.sensitivity import load_sensitivity, model_experiment

    path = tmp_path / "grouped.toml"
    path.write_text(GROUPED)
    spec = load_sensitivity(path)
    assert spec.groups == {"care": ("ggz.response_days", "ggz_treatment.capacity"),
                           "casework": ("casework.info_loss", "casework.p_refer"),
                           "director": ("director.caseload_cap",)}
    assert spec.plan.names == ("care", "casework", "director")
    design = make_design(spec.plan)
    assert len(design.rows) == 3 * (3 + 1)
    exp, where = model_experiment(spec, design.rows)
    values = [exp.points[i].resolved.params for i in where]
    keys = [k for members in spec.groups.values() for k in members]
    for i in range(len(values) - 1):
        if i % 4 == 3:  # the next trajectory starts elsewhere
            continue
        moved = {k for k in keys if values[i][k] != values[i + 1][k]}
        assert moved in [set(m) for m in spec.groups.values()], moved
    for row in values:  # members share their place in their ranges
        u_ggz = (row["ggz.response_days"] - 20) / 60
        assert abs(row["ggz_treatment.capacity"] - (100 + min(int(u_ggz * 201), 200))) <= 1
        assert 8 <= row["director.caseload_cap"] <= 30
    assert sensitivity(path, tmp_path / "results", "--dry-run") == 0
    assert "morris over 3 groups of 5 parameters; 12 design rows" in capsys.readouterr().out


def test_a_group_that_matches_nothing_is_refused(tmp_path, capsys):
    path = tmp_path / "grouped.toml"
    path.write_text(GROUPED + 'empty = ["youth.*"]\n')
    assert sensitivity(path, tmp_path / "results", "--dry-run") == 2
    assert "group 'empty' matches none of the varied parameters" in capsys.readouterr().err


def test_shipped_grouped_screening_validates(tmp_path, capsys):
    path = ROOT / "experiments" / "screening-calibration.toml"
    assert sensitivity(path, tmp_path / "results", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "screening-calibration: morris over" in out and " groups of " in out
