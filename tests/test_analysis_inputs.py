"""Inputs of the analysis tools: files told apart by path and content, limits, names, metrics."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sim.analysis import load_experiment
from sim.analysis.store import Store
from sim.analysis.sweep import run_sweep
from sim.cli import main as sim_main

TINY = '[region]\ninhabitants = 6000\n[run]\nyears = 1.0\nwarmup_years = 0.5\n'
CHAINED = '''name = "chained"
seed = 5
replicates = 2
scenarios = ["v/base.toml"]
[grid]
"night_shelter.capacity" = [4, 12]
'''


def chained(folder: Path) -> Path:
    """v/base.toml extends ../base.toml: two scenario files with one bare name."""
    (folder / "v").mkdir()
    (folder / "base.toml").write_text(TINY)
    (folder / "v" / "base.toml").write_text('name = "variant"\nextends = "../base.toml"\n'
                                            '[casework]\ninfo_loss = 0.3\n')
    path = folder / "exp.toml"
    path.write_text(CHAINED)
    return path


def fake_run(calls: list, stop_after: int):
    """Stands in for sim.run.run: a quick summary, and a stop (as Ctrl-C) midway."""
    def run(scenario, seed=0, overrides=None):
        calls.append((scenario.params["reform.fixed_director"], seed))
        if len(calls) > stop_after:
            raise KeyboardInterrupt
        return {"scenario": scenario.name, "seed": seed, "handoffs_mean": 1.0}
    return run


def sweep(*args: str) -> int:
    return sim_main(["sweep", *map(str, args), "--quiet"])


# --- issue 13, finding 2: a store can silently mix two experiments --------------------------

def test_an_edited_child_with_its_parents_name_is_refused_on_resume(tmp_path, monkeypatch, capsys):
    import sim.run

    path = chained(tmp_path)
    results = tmp_path / "results"
    exp = load_experiment(path)
    assert [f for f, _ in exp.sources["variant"]] == ["v/base.toml", "base.toml"]
    calls: list = []
    monkeypatch.setattr(sim.run, "run", fake_run(calls, stop_after=2))
    store = Store.for_experiment(exp, results)
    with pytest.raises(KeyboardInterrupt), ThreadPoolExecutor(1) as pool:  # stopped midway
        run_sweep(exp, store, pool, store.begin_session({}), window=1, progress=False)
    store.close()
    db = results / "chained" / "runs.sqlite"
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        files = dict(conn.execute("SELECT file, text FROM scenario_files"))
    assert stored == 2
    assert files == {"v/base.toml": (tmp_path / "v" / "base.toml").read_text(),
                     "base.toml": TINY}  # both files, each with its own text

    # the child is edited (the director switched on), then the sweep is resumed
    child = tmp_path / "v" / "base.toml"
    child.write_text(child.read_text() + "[reform]\nfixed_director = true\n")
    capsys.readouterr()
    assert sweep(path, "--results", results, "--workers", "1") == 2
    err = capsys.readouterr().err
    assert err.startswith("sim sweep: ") and "Traceback" not in err
    assert "v/base.toml was edited" in err and "--new-store" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == stored
    assert len(calls) == 3  # nothing ran after the stop

    # so is an edit of the parent, named by its own path
    child.write_text('name = "variant"\nextends = "../base.toml"\n[casework]\ninfo_loss = 0.3\n')
    (tmp_path / "base.toml").write_text(TINY.replace("6000", "6500"))
    assert sweep(path, "--results", results) == 2
    err = capsys.readouterr().err
    assert "base.toml was edited" in err and "v/base.toml was edited" not in err


def test_the_same_files_give_the_same_hash_wherever_the_folder_is(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    assert load_experiment(chained(a)).hash() == load_experiment(chained(b)).hash()
    (b / "v" / "base.toml").write_text((b / "v" / "base.toml").read_text() + "# a comment\n")
    assert load_experiment(a / "exp.toml").hash() != load_experiment(b / "exp.toml").hash()


# --- issue 13, findings 4 and 6, and names that cannot be folders ----------------------------

def write(folder: Path, text: str, name: str = "bad.toml") -> Path:
    (folder / "base.toml").write_text(TINY)
    path = folder / name
    path.write_text(text)
    return path


EXPERIMENT = 'name = "x"\nseed = 1\nreplicates = 2\nscenarios = ["base.toml"]\n'


@pytest.mark.parametrize("extra, words", [
    ('[outputs]\nmetrics = ["cost_by_pot.nonsense"]\n',
     ["metric 'cost_by_pot.nonsense' is unknown", "did you mean 'cost_by_pot.", "wmo"]),
    ('[outputs]\nmetrics = ["spans_days.ggz_request_to_intake.meen"]\n',
     ["did you mean 'spans_days.ggz_request_to_intake.mean'"]),
    ('[outputs]\nmetrics = ["cost_by_pot"]\n', ["metric 'cost_by_pot' is unknown"]),
])
def test_a_misspelt_metric_is_refused_before_any_run(tmp_path, capsys, monkeypatch, extra, words):
    import sim.run

    monkeypatch.setattr(sim.run, "run", lambda *a, **k: pytest.fail("a run started"))
    path = write(tmp_path, EXPERIMENT + extra)
    assert sweep(path, "--results", tmp_path / "results", "--workers", "1") == 2
    err = capsys.readouterr().err
    for w in words:
        assert w in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("change, words", [
    (("replicates = 2", "replicates = 1000000000000"), ["'replicates'", "from 1 to 10,000"]),
    (("replicates = 2", "replicates = 0"), ["'replicates'", "from 1 to 10,000"]),
    (("", '[sample]\nn = 1e9\n"casework.info_loss" = "table"\n'), ["'n'", "to 100,000"]),
    (("", '[sample]\nn = 1000000000\n"casework.info_loss" = "table"\n'), ["'n'", "to 100,000"]),
    (("", "[grid]\n" + "".join(f'"{k}" = [{", ".join(map(str, range(10, 50)))}]\n' for k in (
        "night_shelter.capacity", "crisis_shelter.capacity", "womens_shelter.capacity",
        "sheltered_housing.capacity"))), ["2,560,000 points", "at most 100,000"]),
    (('["base.toml"]', '["base.toml"]\nreplicates = 10000\n[sample]\nn = 200\n'
                       '"casework.info_loss" = "table"'),
     ["= 2,000,000 runs", "at most 1,000,000"]),  # each fine alone, too many runs together
])
def test_designs_that_cannot_work_are_refused_with_their_limit(tmp_path, capsys, change, words):
    text = EXPERIMENT.replace(*change) if change[0] else EXPERIMENT + change[1]
    text = text.replace("replicates = 2\n", "") if "replicates = 10000" in text else text
    path = write(tmp_path, text)
    for mode in ("--no-run", "--dry-run"):
        assert sweep(path, "--results", tmp_path / "results", mode) == 2
        err = capsys.readouterr().err
        for w in words:
            assert w in err, err
        assert err.startswith(f"sim sweep: {path}") and err.count("\n") == 1
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("name", ["a" * 300, "../x", "a/b", "/tmp/x", ".hidden", "a b"])
def test_a_name_that_cannot_be_a_folder_is_refused_and_nothing_is_made(tmp_path, capsys, name):
    path = write(tmp_path, EXPERIMENT.replace('name = "x"', f'name = "{name}"'))
    assert sweep(path, "--results", tmp_path / "results", "--workers", "1") == 2
    err = capsys.readouterr().err
    assert "'name'" in err and "at most 100 characters" in err and "Traceback" not in err
    assert len(err) < 500  # the long name is shortened, not repeated
    assert not (tmp_path / "results").exists() and not (tmp_path / "x").exists()


def test_dry_run_prints_the_number_of_runs_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, EXPERIMENT + '[grid]\n"night_shelter.capacity" = [4, 8, 12]\n')
    assert sweep(path, "--results", tmp_path / "results", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "3 points x 2 replicates = 6 runs" in out
    assert not (tmp_path / "results").exists()


SENSITIVITY = 'seed = 1\nreplicates = 2\nmethod = "sobol"\n[parameters]\n' \
              '"casework.info_loss" = "table"\n'


@pytest.mark.parametrize("extra, words", [
    ("[sobol]\nn = 1099511627776\n", ["design rows", "at most 100,000"]),
    ("[sobol]\nresamples = 1000000000\n", ["'resamples'", "10,000"]),
    ('name = "' + "s" * 300 + '"\n', ["'name'", "at most 100 characters"]),
    ('[outputs]\nmetrics = ["cost_by_pot.nonsense"]\n', ["did you mean 'cost_by_pot."]),
])
def test_sensitivity_designs_that_cannot_work_are_refused(tmp_path, capsys, extra, words):
    path = tmp_path / "s.toml"
    path.write_text(extra + SENSITIVITY if extra.startswith("name") else SENSITIVITY + extra)
    assert sim_main(["sensitivity", str(path), "--results", str(tmp_path / "results"),
                     "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim sensitivity: {path}") and err.count("\n") == 1, err
    for w in words:
        assert w in err, err
    assert not (tmp_path / "results").exists()


CALIBRATION = '''name = "c"
targets = "targets.toml"
seed = 3
population = 24
[parameters]
"wmo.delivery_days" = "table"
'''
TARGETS = '''[calibration.debt]
value = 11.0
sd = 1.0
unit = "days"
metric = "spans_days.debt_help_request_to_intake.mean"
source = "NVVK 2022"
'''


@pytest.mark.parametrize("change, words", [
    (("population = 24", "population = 1000000000"), ["'population'", "100,000"]),
    (("seed = 3", "seed = 3\nreplicates = 5000\ngenerations = 1000"), ["runs", "1,000,000"]),
    (('name = "c"', 'name = "' + "c" * 300 + '"'), ["'name'", "at most 100 characters"]),
])
def test_calibrations_that_cannot_work_are_refused(tmp_path, capsys, change, words):
    (tmp_path / "targets.toml").write_text(TARGETS)
    path = tmp_path / "cal.toml"
    path.write_text(CALIBRATION.replace(*change))
    assert sim_main(["calibrate", str(path), "--results", str(tmp_path / "results"),
                     "--workers", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim calibrate: {path}") and "Traceback" not in err
    for w in words:
        assert w in err, err
    assert not (tmp_path / "results").exists()


# --- issue 12: one runner for sweep, sensitivity and calibrate; messages name the tool ---------

TOOLS = {
    "sweep": ("sim sweep", "x", lambda d: write(d, EXPERIMENT)),
    "sensitivity": ("sim sensitivity", "s", lambda d: write(
        d, 'name = "s"\nseed = 1\nreplicates = 1\nmethod = "morris"\nscenario = "base.toml"\n'
           '[morris]\ntrajectories = 2\n[parameters]\n"casework.info_loss" = "table"\n'
           '[outputs]\nmetrics = ["handoffs_mean"]\n')),
    "calibrate": ("sim calibrate", "c", lambda d: (
        (d / "targets.toml").write_text(TARGETS),
        write(d, CALIBRATION.replace("population = 24", 'population = 4\ngenerations = 1\n'
                                     'pilot_runs = 1\npredictive_draws = 1\n'
                                     'predictive_replicates = 1\nscenario = "base.toml"')))[1]),
}


@pytest.mark.parametrize("tool", TOOLS)
def test_a_locked_store_is_refused_in_the_name_of_the_tool(tmp_path, capsys, tool):
    from sim.analysis.store import lock

    prog, name, make = TOOLS[tool]
    path = make(tmp_path)
    results = tmp_path / "results"
    with lock(results, name, prog):  # as another run of the tool holds it
        assert sim_main([tool, str(path), "--results", str(results), "--workers", "1",
                         "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{prog}: ") and "is writing to this store right now" in err, err
    assert "sim sweep" not in err or tool == "sweep"


@pytest.mark.parametrize("tool", TOOLS)
def test_an_interrupted_tool_says_so_in_its_own_name_and_exits_130(tmp_path, capsys,
                                                                   monkeypatch, tool):
    import sim.analysis.runner as runner

    def stopped(exp, store, *args, **kwargs):
        raise KeyboardInterrupt  # as Ctrl-C while the runs go on

    monkeypatch.setattr(runner, "run_sweep", stopped)
    prog, name, make = TOOLS[tool]
    path = make(tmp_path)
    assert sim_main([tool, str(path), "--results", str(tmp_path / "results"), "--workers", "1",
                     "--quiet"]) == 130
    err = capsys.readouterr().err
    assert err.startswith(f"{prog}: interrupted; finished runs are stored in "), err
    assert "Run the same command again" in err and "Traceback" not in err
    assert "sim sweep" not in err or tool == "sweep"


def test_the_tools_reach_the_model_only_through_its_public_functions():
    """The analysis tools import sim.run, sim.scenario, sim.parameters and sim.metrics (public
    names only) and no other part of the model."""
    import ast

    allowed = {"sim.run", "sim.scenario", "sim.parameters", "sim.metrics"}
    folder = Path(__file__).resolve().parent.parent / "sim" / "analysis"
    tools = ["experiment", "store", "sweep", "runner", "sensitivity", "calibration", "targets",
             "fit", "abc", "salib_design", "schemas", "inputs"]
    for name in tools:
        path = folder / f"{name}.py"
        if not path.exists():
            continue
        own = {"self", "cls", *(["store"] if name == "store" else [])}  # a class's own objects
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.level == 2 or (
                    node.module or "").startswith("sim.") and not (node.module or "").startswith(
                    "sim.analysis")):
                module = "sim." + (node.module or "") if node.level == 2 else node.module
                assert module in allowed, f"{name}.py imports {module}"
                for alias in node.names:
                    assert not alias.name.startswith("_"), f"{name}.py imports {alias.name}"
            if isinstance(node, ast.Attribute) and (node.attr == "arrays" or (
                    node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in own))):
                raise AssertionError(f"{name}.py reaches into private state: .{node.attr}")


# --- issue 14: pydantic models for every input file, JSON Schemas, typed results --------------

def test_the_json_schemas_in_docs_are_current():
    from sim.analysis.schemas import render

    folder = Path(__file__).resolve().parent.parent / "docs" / "schemas"
    rendered = render()
    assert set(rendered) == {"experiment.schema.json", "sensitivity.schema.json",
                             "calibration.schema.json", "targets.schema.json"}
    for name, text in rendered.items():
        assert (folder / name).read_text() == text, (
            f"docs/schemas/{name} is out of date: run python -m sim.analysis.schemas docs/schemas/")


def test_the_schemas_describe_what_the_models_refuse():
    import json

    from sim.analysis.schemas import render

    exp = json.loads(render()["experiment.schema.json"])
    assert exp["additionalProperties"] is False and set(exp["required"]) == {
        "seed", "replicates", "scenarios"}
    assert exp["properties"]["replicates"]["maximum"] == 10_000
    assert exp["properties"]["name"]["maxLength"] == 100
    sens = json.loads(render()["sensitivity.schema.json"])
    assert sens["properties"]["method"]["enum"] == ["morris", "sobol"]
    targets = json.loads(render()["targets.schema.json"])
    entry = targets["$defs"]["TargetEntry"]
    assert set(entry["required"]) == {"value", "unit", "metric", "source"}
    for schema in map(json.loads, render().values()):  # TOML has no null
        assert '"null"' not in json.dumps(schema)


def test_the_schema_command_writes_the_files(tmp_path, capsys):
    from sim.analysis.schemas import main

    assert main([str(tmp_path / "schemas")]) == 0
    assert len(list((tmp_path / "schemas").glob("*.schema.json"))) == 4
    (tmp_path / "file").write_text("")
    assert main([str(tmp_path / "file")]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("kind, text, words", [
    ("sensitivity", SENSITIVITY + "[sobol]\nsize = 8\n",
     ["[sobol]: unknown key 'size'", "Allowed keys: n, second_order, resamples, confidence"]),
    ("sensitivity", SENSITIVITY + "[sobol]\nconfidence = 1.5\n",
     ["[sobol]: 'confidence' = 1.5 is not allowed; it must be a number from 0.5"]),
    ("sensitivity", SENSITIVITY.replace('"sobol"', '"fast"'),
     ["'method' = 'fast' is not allowed; it must be one of 'morris', 'sobol'"]),
    ("sweep", EXPERIMENT + "[outputs]\nmetricz = []\n",
     ["[outputs]: unknown key 'metricz' (did you mean 'metrics'?)"]),
    ("sweep", EXPERIMENT.replace("seed = 1", "seed = true"),
     ["'seed' = True is not allowed; it must be a whole number from 0"]),
    ("sweep", EXPERIMENT.replace("seed = 1\n", ""), ["'seed' is missing; it must be a whole"]),
    ("sweep", EXPERIMENT.replace("seed = 1", "seed = 1" + "0" * 100_000),
     ["not usable TOML: a number has too many digits"]),
    ("sweep", "seed = 1\na = " + "[" * 2000 + "]" * 2000 + "\n", ["not usable TOML"]),
])
def test_input_files_get_one_message_naming_file_key_and_allowed(tmp_path, capsys, kind, text,
                                                                 words):
    path = write(tmp_path, text)
    extra = ["--dry-run"]
    assert sim_main([kind, str(path), "--results", str(tmp_path / "results"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim {kind}: {path}") and err.count("\n") == 1, err
    for w in words:
        assert w in err, err


@pytest.mark.parametrize("content", [b"\xff\xfe\x00s\x00e\x00e\x00d", b"seed = 1\n# \xe9\n"])
def test_files_that_are_not_utf8_are_refused_cleanly(tmp_path, capsys, content):
    from sim.analysis.targets import TargetsError, load_targets

    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    for tool in ("sweep", "sensitivity", "calibrate"):
        args = [tool, str(path), "--results", str(tmp_path / "results")]
        assert sim_main(args + (["--workers", "1"] if tool == "calibrate" else ["--dry-run"])) == 2
        err = capsys.readouterr().err
        assert f"{path}: not a UTF-8 text file" in err and "Traceback" not in err, err
    with pytest.raises(TargetsError, match="not a UTF-8 text file"):
        load_targets(path)
    # a scenario reached through the experiment file
    (tmp_path / "base.toml").write_bytes(content)
    exp = tmp_path / "exp.toml"
    exp.write_text(EXPERIMENT)
    assert sweep(exp, "--results", tmp_path / "results", "--dry-run") == 2
    err = capsys.readouterr().err
    assert "scenario 'base.toml' cannot be used" in err and "Traceback" not in err, err
    assert not (tmp_path / "results").exists()


def test_a_byte_order_mark_is_accepted(tmp_path, capsys):
    path = write(tmp_path, "\ufeff" + EXPERIMENT)
    assert sweep(path, "--results", tmp_path / "results", "--dry-run") == 0
    assert "1 points x 2 replicates = 2 runs" in capsys.readouterr().out


def test_load_results_gives_typed_columns(tmp_path, monkeypatch):
    import pandas as pd

    import sim.run
    from sim.analysis import load_results

    def fake(scenario, seed=0, overrides=None):
        if seed == exp.seeds[1]:
            raise RuntimeError("broke")
        return {"scenario": scenario.name, "seed": seed, "handoffs_mean": 1,
                "time_to_stability_median_days": None, "cost_by_pot": {"wmo": 3}}

    path = write(tmp_path, EXPERIMENT + '[grid]\n"night_shelter.capacity" = [4, 8]\n')
    exp = load_experiment(path)
    monkeypatch.setattr(sim.run, "run", fake)
    store = Store.for_experiment(exp, tmp_path / "results")
    with ThreadPoolExecutor(1) as pool:
        run_sweep(exp, store, pool, store.begin_session({}), progress=False)
    store.close()
    df = load_results(tmp_path / "results" / "x")
    assert len(df) == 4
    assert isinstance(df["scenario"].dtype, pd.CategoricalDtype)
    assert list(df["scenario"].cat.categories) == ["base"]
    assert isinstance(df["point_id"].dtype, pd.CategoricalDtype)
    assert list(df["point_id"].cat.categories) == [p.id for p in exp.points]
    assert list(df["status"].cat.categories) == ["ok", "failed"]
    for col in ("point", "replicate", "seed"):
        assert df[col].dtype == "int64", col
    assert list(df["seed"].unique()) == list(exp.seeds)
    for col in ("handoffs_mean", "time_to_stability_median_days", "cost_by_pot.wmo"):
        assert df[col].dtype == "float64", col
    assert df["time_to_stability_median_days"].isna().all()
    assert df.loc[df["status"] == "failed", "handoffs_mean"].isna().all()
    assert (df.loc[df["status"] == "ok", "handoffs_mean"] == 1.0).all()
    assert isinstance(df["finished"].dtype, pd.DatetimeTZDtype)


@pytest.mark.parametrize("tool, ref", [("sweep", "a" * 300), ("sweep", "a" * 300 + ".toml"),
                                       ("sensitivity", "s" * 300 + ".toml"),
                                       ("calibrate", "c" * 300 + ".toml")])
def test_a_path_the_system_refuses_gives_one_message(tmp_path, capsys, monkeypatch, tool, ref):
    monkeypatch.chdir(tmp_path)
    extra = {"sweep": ["--report"] if not ref.endswith(".toml") else [],
             "sensitivity": [], "calibrate": []}[tool]
    assert sim_main([tool, ref, "--results", str(tmp_path / "results"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sim {tool}: ") and "Traceback" not in err and len(err) < 200, err
    assert not (tmp_path / "results").exists()
