"""Property-based test: mutated experiment, sensitivity and calibration files end in a clean
refusal (exit status 2, one line naming the file, nothing written) or a clean run (every run
stored, exit status 0) — never a traceback, a hang or a partly written store.

The model is replaced by a quick stand-in that returns a summary with every declared metric,
and the runs go to a thread pool in this process, so many files can be tried in CI. Examples
are derandomized (the same cases every time) and bounded in number and in time each.
"""

from __future__ import annotations

import copy
import json
import math
import re
import signal
import sqlite3
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sim.cli import main as sim_main  # noqa: E402
from sim.metrics import metric_names  # noqa: E402

TINY = '[region]\ninhabitants = 6000\n[run]\nyears = 1.0\nwarmup_years = 0.5\n'
TARGETS = '''[calibration.debt]
value = 11.0
sd = 1.0
unit = "days"
metric = "spans_days.debt_help_request_to_intake.mean"
source = "a test"
'''
BASES = {
    "sweep": {"name": "fz", "seed": 1, "replicates": 2, "scenarios": ["base.toml"],
              "grid": {"night_shelter.capacity": [4, 8]},
              "sample": {"n": 2, "casework.info_loss": [0.2, 0.9]},
              "outputs": {"metrics": ["handoffs_mean", "cost_by_pot.wmo"]}},
    "sensitivity": {"name": "fz", "seed": 1, "replicates": 1, "method": "morris",
                    "scenario": "base.toml", "morris": {"trajectories": 2, "levels": 4},
                    "sobol": {"n": 4}, "parameters": {"casework.info_loss": "table"},
                    "outputs": {"metrics": ["handoffs_mean"], "censored": "drop"}},
    "calibrate": {"name": "fz", "targets": "targets.toml", "seed": 3, "population": 4,
                  "keep": 0.5, "generations": 1, "pilot_runs": 1, "predictive_draws": 1,
                  "predictive_replicates": 1, "scenario": "base.toml",
                  "parameters": {"wmo.delivery_days": "table"},
                  "fixed": {"run.years": 1.0}},
}
MAX_RUNS = 24  # larger designs are only checked (--dry-run or loading), not run
PER_EXAMPLE = 30  # seconds: an example that takes longer counts as a hang

# --- a tiny TOML writer ---------------------------------------------------------------------


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) \
            else repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(map(toml_value, v)) + "]"
    return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(x)}" for k, x in v.items()) + "}"


def to_toml(data: dict) -> str:
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in data.items()
             if not isinstance(v, dict)]
    for k, v in data.items():
        if isinstance(v, dict):
            lines.append(f"[{json.dumps(k)}]")
            lines += [f"{json.dumps(str(kk))} = {toml_value(vv)}" for kk, vv in v.items()]
    return "\n".join(lines) + "\n"


# --- mutations ------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.integers(min_value=-10, max_value=10),
    st.sampled_from([0, 1, 2, 3, 4, 16, 100, 1000, 2 ** 31, 10 ** 12, 2 ** 64, -1]),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.0, 0.5, 0.99, 1.0, 1.5, 1e9, 1e-300]),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["", "a" * 300, "../x", "/tmp/x", "a/b", "table", "baseline", "nowhere",
                     "base.toml", "morris", "sobol", "smc", "window", "cost_by_pot.nonsense",
                     "handoffs_mean", "night_shelter.capacity", "casework.info_loss"]),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4),
                   st.dictionaries(st.sampled_from(["n", "range", "prior", "metrics", "x",
                                                    "casework.info_loss", "uncertain"]),
                                   SCALARS, max_size=3))
KEYS = st.one_of(st.sampled_from([
    "name", "seed", "replicates", "scenarios", "scenario", "reform", "method", "n", "metrics",
    "differences", "censored", "uncertain", "exclude", "trajectories", "levels", "candidates",
    "resamples", "confidence", "second_order", "population", "keep", "generations",
    "tolerance", "min_acceptance", "targets", "night_shelter.capacity", "casework.info_loss",
    "wmo.delivery_days", "reform.fixed_director", "run.years", "region.inhabitants",
    "replicatez", "grd"]), st.text(min_size=1, max_size=8))


@st.composite
def near(draw, value):
    """A value like ``value``: a misspelling, a neighbour, an extreme of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return draw(st.sampled_from([value + 1, value - 1, -value, value * 10 ** 9, 0,
                                     float(value), value + 0.5]))
    if isinstance(value, float):
        return draw(st.sampled_from([value * 2, -value, value + 1, math.nan, math.inf, 0.0,
                                     int(value) if math.isfinite(value) else 0]))
    if isinstance(value, str):
        i = draw(st.integers(0, len(value)))
        edit = draw(st.sampled_from(["drop", "insert", "case", "dot"]))
        if edit == "drop" and value:
            return value[:max(0, i - 1)] + value[i:]
        if edit == "case":
            return value.upper()
        if edit == "dot":
            return value + ".x"
        return value[:i] + draw(st.sampled_from(["s", "_", ".", "/", " ", "é"])) + value[i:]
    if isinstance(value, list) and value:
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], draw(near(value[i])), *value[i + 1:]]
    return draw(VALUES)


def get(data: dict, path: tuple):
    for k in path:
        data = data[k]
    return data


def paths(data: dict, prefix=()):
    for k, v in data.items():
        yield (*prefix, k)
        if isinstance(v, dict):
            yield from paths(v, (*prefix, k))


@st.composite
def mutated(draw, kind: str) -> str:
    data = copy.deepcopy(BASES[kind])
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
        action = draw(st.sampled_from(["near", "near", "near", "set", "drop", "add"]))
        leaves = [p for p in paths(data) if not isinstance(get(data, p), dict)]
        where = draw(st.sampled_from(sorted(leaves if action == "near" else paths(data), key=str)
                                     or [()]))
        parent = data
        for k in where[:-1]:
            parent = parent[k]
        current = parent.get(where[-1]) if where else None
        if action == "near" and where:
            parent[where[-1]] = draw(near(current))
        elif action in ("set", "near") and where:
            parent[where[-1]] = draw(VALUES)
        elif action == "drop" and where:
            parent.pop(where[-1], None)
        else:
            table = parent if not isinstance(parent.get(where[-1] if where else None), dict) \
                else parent[where[-1]]
            table[draw(KEYS)] = draw(VALUES)
    text = to_toml(data)
    if draw(st.integers(0, 9)) == 0:  # now and then, damage the text itself
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", "\x00", "=", "[", "\"", "\ufeff", "é"])) \
            + text[cut:]
    return text


# --- the stand-in model and the checks ------------------------------------------------------

def nested(names: list[str], seed: int) -> dict:
    out: dict = {}
    for i, name in enumerate(names):
        *heads, last = name.split(".")
        d = out
        for h in heads:
            d = d.setdefault(h, {})
        d[last] = ((seed * 7919 + i * 104729) % 1000) / 10.0
    return out


@contextmanager
def time_limit(seconds: int):
    def hang(signum, frame):
        raise AssertionError(f"no outcome within {seconds} s: a hang")
    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(autouse=True)
def quick_model(monkeypatch):
    import sim.analysis.runner as runner
    import sim.run

    names = metric_names()

    def run(scenario, seed=0, overrides=None):
        return {"scenario": scenario.name, "seed": seed, **nested(names, seed)}

    def executor(workers, scheduler):
        pool = ThreadPoolExecutor(1)
        return pool, 2, lambda: pool.shutdown(wait=True, cancel_futures=True)

    monkeypatch.setattr(sim.run, "run", run)
    monkeypatch.setattr(runner, "make_executor", executor)


def check_refusal(code: int, err: str, path: Path, results: Path, prog: str) -> None:
    event("refused")
    assert code == 2, (code, err)
    assert err.startswith(f"{prog}: "), err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert not results.exists(), "a refused file wrote something"


def stored_runs(db: Path) -> list[tuple]:
    with sqlite3.connect(db.as_uri() + "?mode=ro", uri=True) as conn:
        return conn.execute("SELECT status FROM runs").fetchall()


FUZZ = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def workspace(folder: Path, text: str) -> Path:
    (folder / "base.toml").write_text(TINY)
    (folder / "targets.toml").write_text(TARGETS)
    path = folder / "fz.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@FUZZ
@given(text=mutated("sweep"))
def test_mutated_experiment_files(capsys, text):
    with tempfile.TemporaryDirectory() as d, time_limit(PER_EXAMPLE):
        path, results = workspace(Path(d), text), Path(d) / "results"
        capsys.readouterr()
        code = sim_main(["sweep", str(path), "--results", str(results), "--dry-run"])
        out, err = capsys.readouterr()
        if code != 0:
            return check_refusal(code, err, path, results, "sim sweep")
        assert not results.exists()
        runs = int(re.search(r"= (\d+) runs", out).group(1))
        if runs > MAX_RUNS:
            return event("accepted, too large to run")
        event("run")
        name = re.search(r"sim sweep: (.+?): \d+ points", out).group(1)
        assert sim_main(["sweep", str(path), "--results", str(results), "--quiet"]) == 0
        rows = stored_runs(results / name / "runs.sqlite")
        assert len(rows) == runs and all(s == "ok" for (s,) in rows)


@FUZZ
@given(text=mutated("sensitivity"))
def test_mutated_sensitivity_files(capsys, text):
    with tempfile.TemporaryDirectory() as d, time_limit(PER_EXAMPLE):
        path, results = workspace(Path(d), text), Path(d) / "results"
        capsys.readouterr()
        code = sim_main(["sensitivity", str(path), "--results", str(results), "--dry-run"])
        out, err = capsys.readouterr()
        if code != 0:
            return check_refusal(code, err, path, results, "sim sensitivity")
        assert not results.exists()
        runs = int(re.search(r"= (\d+) runs", out).group(1))
        if runs > MAX_RUNS:
            return event("accepted, too large to run")
        event("run")
        name = re.search(r"sim sensitivity: (.+?): (morris|sobol) over", out).group(1)
        code = sim_main(["sensitivity", str(path), "--results", str(results), "--quiet"])
        err = capsys.readouterr().err
        assert code == 0 and "Traceback" not in err, err
        rows = stored_runs(results / name / "runs.sqlite")
        assert len(rows) == runs and all(s == "ok" for (s,) in rows)
        assert (results / name / "report.md").is_file()


@FUZZ
@given(text=mutated("calibrate"))
def test_mutated_calibration_files(capsys, text):
    from sim.analysis.calibration import load_calibration
    from sim.analysis.runner import usage_errors

    with tempfile.TemporaryDirectory() as d, time_limit(PER_EXAMPLE):
        path, results = workspace(Path(d), text), Path(d) / "results"
        try:
            cal = load_calibration(path)
        except usage_errors():
            cal = None
        if cal is not None and (cal.population * cal.replicates * cal.generations
                                + cal.pilot_runs + cal.predictive_draws
                                * cal.predictive_replicates) > MAX_RUNS:
            return event("accepted, too large to run")
        event("run" if cal is not None else "refused")
        capsys.readouterr()
        code = sim_main(["calibrate", str(path), "--results", str(results), "--workers", "1",
                         "--quiet"])
        err = capsys.readouterr().err
        if cal is None:
            return check_refusal(code, err, path, results, "sim calibrate")
        assert code in (0, 1) and "Traceback" not in err, err  # 1: some runs failed
        assert (results / cal.name / "posterior.csv").is_file()
