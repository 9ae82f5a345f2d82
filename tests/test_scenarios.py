"""Scenario files: loading, extending, and clear messages for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sim.parameters import PARAMETERS, defaults
from sim.scenario import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_baseline_file_is_the_parameter_defaults():
    s = load_scenario(ROOT / "scenarios" / "baseline.toml")
    assert s.params == defaults()
    assert s.name == "baseline"


def test_extends_and_overrides(tmp_path):
    write(tmp_path, "parent.toml", 'extends = "baseline"\n[night_shelter]\ncapacity = 30\n')
    child = write(tmp_path, "child.toml", 'extends = "parent.toml"\n[wmo]\nstaff = 12\n')
    s = load_scenario(child)
    assert s["night_shelter.capacity"] == 30 and s["wmo.staff"] == 12
    assert s["ggz.staff"] == PARAMETERS["ggz.staff"].default
    assert [Path(f).name for f in s.files] == ["child.toml", "parent.toml", "baseline.toml"]
    assert s.with_overrides({"wmo.staff": 3})["wmo.staff"] == 3


@pytest.mark.parametrize("text, expected", [
    ("[night_shelter]\ncapacty = 3\n", ["'night_shelter.capacty'", "did you mean 'capacity'"]),
    ("[night_shelter]\ncapacity = -2\n", ["'night_shelter.capacity'", "from 0"]),
    ("[wmo]\nstaff = 2.5\n", ["'wmo.staff'", "whole number"]),
    ("[reform]\none_budget = 1\n", ["'reform.one_budget'", "true or false"]),
    ("[casework]\ninfo_loss = 1.5\n", ["'casework.info_loss'", "0 to 1"]),
    ("[night_shelter]\nallocation = 'random'\n", ["'night_shelter.allocation'", "'lottery'"]),
    ("[shelters]\ncapacity = 3\n", ["unknown section [shelters]"]),
    ('extends = "nowhere.toml"\n', ["'extends' = 'nowhere.toml'", "not found"]),
    ("[wmo\nstaff = 3\n", ["not valid TOML"]),
])
def test_bad_files_get_one_clear_message(tmp_path, text, expected):
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert str(path) in message
    for fragment in expected:
        assert fragment in message


def test_extends_loop_is_refused(tmp_path):
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ScenarioError, match="loop"):
        load_scenario(tmp_path / "a.toml")


def test_bad_overrides_are_refused():
    with pytest.raises(ScenarioError, match="night_shelter.capacity"):
        load_scenario("baseline").with_overrides({"night_shelter.capacity": -1})
    with pytest.raises(ScenarioError, match="did you mean"):
        load_scenario("baseline").with_overrides({"night_shelter.capacty": 1})


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def test_cli_validate_reports_without_traceback(tmp_path):
    bad = write(tmp_path, "bad.toml", "[night_shelter]\ncapacity = -5\n[wmo]\nstaf = 1\n")
    good = write(tmp_path, "good.toml", 'extends = "baseline"\n[wmo]\nstaff = 9\n')
    result = cli("validate", str(good), str(bad))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "night_shelter.capacity" in result.stderr and "wmo.staf" in result.stderr
    assert "good.toml: ok" in result.stdout


def test_cli_run_with_bad_scenario_writes_nothing(tmp_path):
    bad = write(tmp_path, "bad.toml", "[wmo]\nstaff = -1\n")
    out = tmp_path / "out"
    result = cli("run", str(bad), "--out", str(out))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "wmo.staff" in result.stderr
    assert not out.exists()


def test_cli_run_writes_every_output(tmp_path):
    small = write(tmp_path, "small.toml", 'extends = "baseline"\n[region]\ninhabitants = 10000\n'
                  "[run]\nyears = 1.0\nwarmup_years = 0.5\n")
    out = tmp_path / "out"
    result = cli("run", str(small), "--seed", "4", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "time to stability" in result.stdout
    for name in ("summary.json", "households.csv", "timeseries.csv", "events.csv.gz",
                 "time_to_stability.png", "queues.png", "cost_by_pot.png"):
        assert (out / name).stat().st_size > 0, name
    import json

    summary = json.loads((out / "summary.json").read_text())
    for key in ("scenario", "seed", "households", "stable_share", "time_to_stability_median_days",
                "handoffs_mean", "handoffs_p90", "organisations_mean", "dead_ends_mean",
                "retellings_mean", "disengaged_share", "societal_cost_eur", "cost_by_pot",
                "cost_by_category", "waits_mean_days"):
        assert key in summary, key
    assert summary["seed"] == 4


def test_cli_replicates(tmp_path):
    small = write(tmp_path, "small.toml", 'extends = "baseline"\n[region]\ninhabitants = 8000\n'
                  "[run]\nyears = 1.0\nwarmup_years = 0.5\n")
    out = tmp_path / "out"
    result = cli("run", str(small), "--replicates", "2", "--out", str(out), "--no-plots")
    assert result.returncode == 0, result.stderr
    import json

    agg = json.loads((out / "summary.json").read_text())
    from sim.run import replicate_seeds

    seeds = list(replicate_seeds(1, 2))  # as sim compare and sim sweep seed replicates
    assert agg["replicates"] == 2 and agg["seeds"] == seeds
    assert (out / f"seed-{seeds[1]}" / "events.csv.gz").exists()
