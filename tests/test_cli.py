"""The command line with bad input (issue 13, findings 3 and 5) and its conveniences: every
refusal is one message naming the file or option, no traceback, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim import calendar as calendar_module
from sim.archetypes import ARCHETYPES
from sim.cli import main
from sim.run import replicate_seeds
from sim.scenario import MAX_EXTENDS_DEPTH, available

ROOT = Path(__file__).resolve().parent.parent
TINY = ["--set", "region.inhabitants=2750", "--set", "run.years=0.25",
        "--set", "run.warmup_years=0.1", "--set", "run.stock_years=0.1"]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse refuses an argument
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- scenario files -------------------------------------------------------------------------------

def test_validate_checks_every_file_and_reports_each(tmp_path, capsys):
    good = write(tmp_path, "good.toml", 'extends = "baseline"\n[wmo]\nstaff = 9\n')
    binary = write(tmp_path, "binary.toml", bytes(range(256)))
    latin = write(tmp_path, "latin.toml", "description = 'caf\xe9'\n".encode("latin-1"))
    digits = write(tmp_path, "digits.toml", "[wmo]\nstaff = " + "9" * 100_000 + "\n")
    bad = write(tmp_path, "bad.toml", "[wmo]\nstaff = -1\n")
    code, out, err = run_cli(capsys, "validate", binary, latin, good, digits, bad)
    assert code != 0
    assert f"{good}: ok" in out
    for f in (binary, latin, digits, bad):
        assert sum(str(f) in line for line in err.splitlines()) == 1, (f, err)
    assert "UTF-8" in err and "digits" in err and "wmo.staff" in err
    assert "1 of 5 files ok" in err


def test_a_byte_order_mark_is_accepted(tmp_path, capsys):
    f = write(tmp_path, "bom.toml", b'\xef\xbb\xbfextends = "baseline"\n[wmo]\nstaff = 9\n')
    code, out, err = run_cli(capsys, "validate", f)
    assert code == 0 and f"{f}: ok" in out and "1 values differ" in out


def test_a_binary_parent_reached_by_extends_is_named(tmp_path, capsys):
    write(tmp_path, "parent.toml", b"\x00\xff\xfe binary")
    child = write(tmp_path, "child.toml", 'extends = "parent.toml"\n')
    code, _, err = run_cli(capsys, "validate", child)
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert str(child) in err and "parent.toml" in err and "UTF-8" in err


def test_a_very_deep_extends_chain_is_refused(tmp_path, capsys):
    write(tmp_path, "s0.toml", 'extends = "baseline"\n')
    for i in range(1, 1500):
        write(tmp_path, f"s{i}.toml", f'extends = "s{i - 1}.toml"\n')
    code, _, err = run_cli(capsys, "validate", tmp_path / "s1499.toml")
    assert code != 0 and "s1499.toml" in err and f"at most {MAX_EXTENDS_DEPTH}" in err


def test_a_cyclic_extends_chain_is_refused(tmp_path, capsys):
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    code, _, err = run_cli(capsys, "validate", tmp_path / "a.toml")
    assert code != 0 and "loop" in err and "a.toml -> b.toml -> a.toml" in err


@pytest.mark.parametrize("name", ["../x", "/tmp/x", "a/b", "..", "x\\y", "", " x", "é" * 3,
                                  "x" * 101])
def test_a_scenario_name_cannot_leave_the_results_folder(tmp_path, capsys, name):
    f = write(tmp_path, "named.toml", f"name = {json.dumps(name)}\n")
    code, _, err = run_cli(capsys, "run", f, *TINY, "--no-plots")
    assert code != 0 and str(f) in err and "'name'" in err and "Allowed" in err


def test_an_odd_file_name_gives_a_safe_folder_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    f = write(tmp_path, "my odd file!.toml", 'extends = "baseline"\n')
    code, out, err = run_cli(capsys, "run", f, *TINY, "--no-plots", "--quiet")
    assert code == 0, err
    (folder,) = (tmp_path / "results").iterdir()
    assert folder.name == "my-odd-file-seed1"


# --- arguments ------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["run"], ["compare", "baseline", "one-budget"],
                                     ["journey", "baseline", "--household", "Hans"]])
@pytest.mark.parametrize("seed", ["-1", "2e3", str(2**64), "9" * 100_000])
def test_a_bad_seed_is_refused(capsys, command, seed, tmp_path):
    code, _, err = run_cli(capsys, *command, "--seed", seed, "--out", tmp_path / "o")
    assert code == 2 and "--seed" in err and "0 to 2**64-1" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("command", [["run"], ["compare", "baseline", "one-budget"],
                                     ["journey", "baseline", "--household", "Hans"]])
def test_out_naming_an_existing_file_is_refused(tmp_path, capsys, command):
    f = write(tmp_path, "taken", "keep me")
    for out in (f, f / "below"):
        code, _, err = run_cli(capsys, *command, "--out", out, *([] if command[0] == "journey" else TINY))
        assert code == 2 and "--out" in err and "not a folder" in err
    assert f.read_text() == "keep me"


@pytest.mark.parametrize("at", ["-5", "nan", "inf", "1e9"])
def test_journey_at_outside_the_run_is_refused(tmp_path, capsys, at):
    code, _, err = run_cli(capsys, "journey", "baseline", "--household", "Hans", "--at", at,
                           "--out", tmp_path / "o")
    assert code == 2 and "--at" in err and "from 0 to" in err
    assert not (tmp_path / "o").exists()


def test_params_into_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "sim", "params"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `head` that has read enough: the reader is gone before the
    # table is written (the table is smaller than a pipe's buffer, so reading part of it first
    # would not make the writer notice)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == ""


def test_compare_refuses_absurd_replicates(capsys, tmp_path):
    code, _, err = run_cli(capsys, "compare", "baseline", "one-budget", "--replicates",
                           str(10**12), "--out", tmp_path / "o")
    assert code == 2 and "--replicates" in err
    assert not (tmp_path / "o").exists()


# --- conveniences ----------------------------------------------------------------------------------

def test_version_comes_from_the_package_metadata(capsys):
    from importlib.metadata import version

    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.strip() == f"sim {version('socialdomain-sim')}"


def test_list_names_scenarios_experiments_and_households(capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    for name in [*available(), *ARCHETYPES, "reforms"]:
        assert f"  {name}\n" in out
    code, out, _ = run_cli(capsys, "list", "households")
    assert out.splitlines() == list(ARCHETYPES)


def test_names_are_case_insensitive_with_suggestions(capsys, tmp_path):
    code, out, err = run_cli(capsys, "validate", "BaseLine")
    assert code == 0 and "ok (baseline" in out
    code, _, err = run_cli(capsys, "run", "baselin", "--out", tmp_path / "o")
    assert code == 2 and "did you mean 'baseline'" in err
    code, _, err = run_cli(capsys, "journey", "baseline", "--household", "hanz")
    assert code == 2 and "did you mean 'Hans'" in err


def test_set_changes_parameters_and_is_checked(tmp_path, capsys):
    out = tmp_path / "o"
    code, _, err = run_cli(capsys, "run", *TINY, "--set", "night_shelter.allocation=fifo",
                           "--set", "reform.fixed_director=true", "--out", out, "--no-plots",
                           "--quiet")
    assert code == 0, err
    assert json.loads((out / "summary.json").read_text())["scenario"] == "baseline"
    for bad, words in (("wmo.staf=3", ["wmo.staf", "did you mean 'staff'"]),
                       ("night_shelter.allocation=bogus", ["night_shelter.allocation", "lottery"]),
                       ("noequals", ["section.key=value"])):
        code, _, err = run_cli(capsys, "run", "--set", bad, "--out", tmp_path / "x")
        assert code == 2 and all(w in err for w in words), err
    assert not (tmp_path / "x").exists()


def test_replicates_are_seeded_like_compare_and_sweep(tmp_path, capsys):
    out = tmp_path / "o"
    code, stdout, err = run_cli(capsys, "run", *TINY, "--replicates", "2", "--seed", "7",
                                "--out", out, "--no-plots")
    assert code == 0, err
    seeds = list(replicate_seeds(7, 2))
    assert json.loads((out / "summary.json").read_text())["seeds"] == seeds
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(f"seed-{s}" for s in seeds)
    assert "2 replicates from seed 7" in stdout


def test_quiet_prints_nothing(tmp_path, capsys):
    code, out, err = run_cli(capsys, "run", *TINY, "--out", tmp_path / "o", "--no-plots", "--quiet")
    assert code == 0 and out == "" and err == ""


def test_a_stalled_run_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(calendar_module, "MAX_EVENTS_IN_ONE_DAY", 20)
    code, _, err = run_cli(capsys, "run", *TINY, "--out", tmp_path / "o")
    assert code == 3
    assert len(err.strip().splitlines()) == 1 and "no longer advances" in err
    assert not (tmp_path / "o").exists()
