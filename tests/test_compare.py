"""Comparisons: paired by common random numbers, the same on any worker count, clean errors."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.analysis.compare import compare, default_out, format_table, main, paired_interval, register

# A town of 15,000 over two years after a half-year warm-up: ~0.5 s a run.
SMALL = {"region.inhabitants": 15_000, "run.years": 2.0, "run.warmup_years": 0.5}
FILES = ["comparison.csv", "replicates.csv", "differences.png", "survival.png", "cost_by_pot.png"]


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    """The baseline against itself and against more capacity, three small replicates."""
    out = tmp_path_factory.mktemp("compare-1")
    return compare("baseline", ["baseline", "more-capacity"], replicates=3, seed=5, out=out,
                   workers=1, overrides=SMALL, quiet=True), out


def test_a_scenario_against_itself_differs_by_exactly_zero(one_worker):
    result, _ = one_worker
    t = result.table
    assert result.labels == ["baseline", "baseline (2)", "more-capacity"]
    twin = t[t["scenario"] == "baseline (2)"].set_index("metric")
    base = t[t["scenario"] == "baseline"].set_index("metric")
    assert len(twin) > 30 and any(m.startswith("cost_by_pot.") for m in twin.index)
    compared = 0
    for metric, row in twin.iterrows():
        if row["pairs"] == 0:  # a median reached in no replicate: missing on both sides alike
            assert base.loc[metric, "n"] == 0 and row["n"] == 0, metric
            continue
        compared += 1
        assert row["mean"] == base.loc[metric, "mean"], metric
        assert row["diff_mean"] == 0.0, metric
        for col in ("diff_ci95_low", "diff_ci95_high", "diff_ci95_half"):
            if row["pairs"] == 1:  # one pair gives no interval
                assert math.isnan(row[col]), (metric, col)
            else:
                assert row[col] == 0.0, (metric, col)
    assert compared >= 30


def test_missing_medians_leave_their_pairs_out(one_worker):
    result, _ = one_worker
    runs = result.runs
    metric = "time_to_stability_median_days"
    base = runs[runs["scenario"] == "baseline"][metric].to_numpy()
    other = runs[runs["scenario"] == "more-capacity"][metric].to_numpy()
    row = result.row(metric, "more-capacity")
    both = int((~np.isnan(base) & ~np.isnan(other)).sum())
    assert row["pairs"] == both and row["pairs_missing"] == 3 - both
    if both < 3:
        assert "replicate pairs" in format_table(result)


def test_paired_interval():
    r = paired_interval([1.0, 2.0, float("nan"), 4.0], [2.0, 4.0, 5.0, float("nan")])
    assert r["pairs"] == 2 and r["pairs_missing"] == 2
    assert r["diff_mean"] == 1.5
    half = 12.706204736174707 * math.sqrt(0.5) / math.sqrt(2)  # t(0.975, 1) * sd / sqrt(n)
    assert r["diff_ci95_half"] == pytest.approx(half)
    assert r["diff_ci95_low"] == pytest.approx(1.5 - half)
    none = paired_interval([float("nan")] * 3, [1.0, 2.0, 3.0])
    assert none["pairs"] == 0 and math.isnan(none["diff_mean"])


def test_outputs_are_written(one_worker):
    result, out = one_worker
    for name in FILES:
        assert (out / name).stat().st_size > 0, name
    for name in FILES[2:]:
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    csv = pd.read_csv(out / "comparison.csv")
    assert set(csv["scenario"]) == set(result.labels)
    pots = csv[csv["metric"].str.startswith("cost_by_pot.")]
    assert len(pots) == 10 * 3  # ten pots, three scenarios
    runs = pd.read_csv(out / "replicates.csv")
    from sim.run import replicate_seeds

    assert sorted(runs["seed"].unique()) == sorted(replicate_seeds(5, 3))  # same in every scenario
    assert runs.groupby("scenario")["seed"].apply(lambda s: sorted(s)).map(tuple).nunique() == 1
    assert len(runs) == 9


def test_results_do_not_depend_on_the_worker_count(one_worker, tmp_path):
    result, out = one_worker
    two = compare("baseline", ["baseline", "more-capacity"], replicates=3, seed=5, out=tmp_path,
                  workers=2, overrides=SMALL, quiet=True)
    pd.testing.assert_frame_equal(result.table, two.table, check_exact=True)
    pd.testing.assert_frame_equal(result.runs, two.runs, check_exact=True)
    assert (out / "comparison.csv").read_bytes() == (tmp_path / "comparison.csv").read_bytes()
    for label in result.labels:
        for a, b in zip(result.survival[label], two.survival[label]):
            np.testing.assert_array_equal(a, b)


def test_common_random_numbers_narrow_the_intervals():
    """The paired interval of a mild change (more capacity) is narrower when both scenarios
    meet the same households (same seeds) than with independent seeds for the reform."""
    kwargs = dict(replicates=8, seed=11, workers=2, overrides=SMALL, quiet=True)
    crn = compare("baseline", ["more-capacity"], **kwargs)
    independent = compare("baseline", ["more-capacity"], crn=False, **kwargs)
    from sim.run import replicate_seeds

    assert independent.seeds["more-capacity"] == list(replicate_seeds(1011, 8))
    widths = {}
    for metric in ("societal_cost_eur", "stable_share"):
        paired = crn.row(metric, "more-capacity")["diff_ci95_half"]
        unpaired = independent.row(metric, "more-capacity")["diff_ci95_half"]
        assert 0 < paired < unpaired, (metric, paired, unpaired)
        widths[metric] = paired / unpaired
    # measured at three seeds: ratios 0.16-0.49 (cost) and 0.13-0.22 (stable share)
    assert widths["stable_share"] < 0.6, widths


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="sim")
    register(parser.add_subparsers())
    args = parser.parse_args(["compare", *argv])
    assert args.func is main
    return args.func(args)


def test_cli_scenario_errors_exit_2_without_traceback(tmp_path, capsys):
    assert cli("baseline", "no-such-reform", "--out", str(tmp_path / "x")) == 2
    err = capsys.readouterr().err
    assert "no-such-reform" in err and "not found" in err and "Traceback" not in err
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "baseline.toml"\n[night_shelter]\ncapacty = 3\n')
    assert cli("baseline", str(bad), "--out", str(tmp_path / "x")) == 2
    assert "did you mean 'capacity'" in capsys.readouterr().err
    assert cli("baseline", "one-budget", "--replicates", "0") == 2
    assert not (tmp_path / "x").exists()


def test_cli_runs_and_writes(tmp_path, capsys):
    tiny = tmp_path / "tiny.toml"
    tiny.write_text('extends = "baseline.toml"\nname = "tiny"\n'
                    '[region]\ninhabitants = 6000\n[run]\nyears = 1.0\nwarmup_years = 0.5\n')
    reform = tmp_path / "tiny-budget.toml"
    reform.write_text('extends = "tiny.toml"\nname = "tiny-budget"\n[reform]\none_budget = true\n')
    out = tmp_path / "out"
    assert cli(str(tiny), str(reform), "--replicates", "2", "--out", str(out)) == 0
    text = capsys.readouterr().out
    assert "Paired difference to tiny" in text and "tiny-budget" in text
    assert all((out / name).is_file() for name in FILES)


def test_default_out_folder():
    assert default_out("baseline", ["fixed-director", "scenarios/one-budget.toml"]) == \
        Path("results") / "compare-baseline-vs-fixed-director_one-budget"
    long = default_out("baseline", [f"reform-number-{i}" for i in range(12)])
    assert len(long.name) <= 100 and long.name.startswith("compare-baseline-vs-reform-number-0")


REFORMS = {
    "fixed-director": {"reform.fixed_director": True},
    "fixed-director-budget": {"reform.fixed_director": True, "director.discretionary_budget": 1500.0},
    "fixed-director-mandate": {"reform.fixed_director": True,
                               "director.special_assistance_mandate": True},
    "one-budget": {"reform.one_budget": True},
    "one-budget-insurer": {"reform.one_budget": True, "reform.joint_insurer_budget": True},
    "escalation": {"reform.escalation": True},
    "more-capacity": {"transitional_home.capacity": 14, "social_housing.urgency_quota": 0.225,
                      "work_income.staff": 13, "neighbourhood_team.staff": 20},
    "broad-intake": {"reform.broad_intake": True},
    "combined": {"reform.fixed_director": True, "reform.one_budget": True},
}


@pytest.mark.parametrize("name", sorted(REFORMS))
def test_reform_scenarios_change_what_they_say(name):
    from sim.scenario import load_scenario

    s = load_scenario(name)
    assert s.name == name and s.description
    assert Path(s.files[-1]).name == "baseline.toml"
    assert s.changed() == REFORMS[name]


def test_compare_on_a_world_starts_every_scenario_from_it_with_its_own_changes_on_top(monkeypatch):
    """--on calibrated: the base and each reform get the world's values, a reform's own
    settings win over the world's, and --set overrides both."""
    import sim.analysis.compare as cmp

    seen = []

    def fake_run_all(tasks, workers, progress):
        seen.extend(s for s, _ in tasks)
        raise SystemExit  # stop before running anything

    monkeypatch.setattr(cmp, "_run_all", fake_run_all)
    world = {"night_shelter.capacity": 31, "ggz.response_days": 44.0}
    reform = {"reform.fixed_director": True, "night_shelter.capacity": 45}
    with pytest.raises(SystemExit):
        cmp.compare(world | {}, [reform], replicates=1, quiet=True,
                    on=world, overrides={"ggz.response_days": 50.0})
    base_s, reform_s = seen[0], seen[-1]
    assert base_s["night_shelter.capacity"] == 31 and reform_s["night_shelter.capacity"] == 45
    assert reform_s["reform.fixed_director"] is True and base_s["reform.fixed_director"] is False
    assert base_s["ggz.response_days"] == reform_s["ggz.response_days"] == 50.0
