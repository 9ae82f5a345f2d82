"""Property-based fuzzing of scenario files through the command line (issue 13).

Hypothesis mutates scenario files (keys, values, types, encodings, ``extends`` chains) and
runs ``sim validate`` and a tiny ``sim run`` through ``sim.cli.main``. Every outcome must be a
clean refusal (exit code != 0, a message naming the file, nothing written) or a clean run
(exit code 0, every output written); never a traceback, a hang or a half-written folder.
The number of examples is small and the seed fixed, so CI is quick and reproducible.
"""

from __future__ import annotations

import io
import json
import random
import signal
import tempfile
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sim.cli import main  # noqa: E402
from sim.parameters import PARAMETERS, SECTIONS  # noqa: E402

# Small enough for CI (the whole file in well under a minute), derandomized for reproducibility.
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TINY = {"region": {"inhabitants": 1500}, "run": {"years": 0.2, "warmup_years": 0.05,
                                                    "stock_years": 0.05}}
HANG_GUARD_SECONDS = 120
KEYS = sorted(PARAMETERS)

# --- building TOML text ------------------------------------------------------------------------


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def render(meta: dict, tables: dict[str, dict]) -> str:
    lines = [f"{k} = {toml_value(v)}" for k, v in meta.items()]
    for section, values in tables.items():
        lines.append(f"[{json.dumps(section)}]" if not section.isidentifier() else f"[{section}]")
        lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def near(key: str):
    """Values around a parameter's default and bounds, and of the wrong types."""
    p = PARAMETERS[key]
    wrong = st.one_of(st.text(max_size=8), st.booleans(), st.lists(st.integers(), max_size=2),
                      st.floats(allow_nan=True, allow_infinity=True),
                      st.integers(min_value=-(2**70), max_value=2**70))
    if p.choices:
        good = st.sampled_from(p.choices)
    elif p.kind is bool:
        good = st.booleans()
    else:
        lo, hi = p.bounds
        hi = min(hi, 1e12)
        edges = [lo, hi, p.default, lo - 1, hi + 1, 0]
        if p.kind is int:
            good = st.one_of(st.sampled_from([int(e) for e in edges]),
                             st.integers(min_value=int(lo), max_value=int(min(hi, 10**6))))
        else:
            good = st.one_of(st.sampled_from([float(e) for e in edges]),
                             st.floats(min_value=lo, max_value=hi))
    return st.one_of(good, good, wrong)


@st.composite
def scenario_text(draw) -> tuple[dict, dict[str, dict]]:
    tables: dict[str, dict] = {k: dict(v) for k, v in TINY.items()}
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=4, unique=True)):
        section, name = key.split(".", 1)
        if section in ("region", "run"):  # keep the run tiny; sizes are fuzzed through inflows
            continue
        tables.setdefault(section, {})[name] = draw(near(key))
    mutation = draw(st.sampled_from(["none", "none", "misspelt key", "unknown section",
                                     "section not a table", "odd meta"]))
    if mutation == "misspelt key":
        section = draw(st.sampled_from(list(tables)))
        tables[section][draw(st.text(min_size=1, max_size=6))] = 1
    elif mutation == "unknown section":
        tables[draw(st.text(min_size=1, max_size=6).filter(lambda s: s not in SECTIONS))] = {"x": 1}
    meta: dict = {}
    if mutation == "section not a table":
        meta[draw(st.sampled_from(SECTIONS))] = draw(st.integers())
    if mutation == "odd meta":
        meta[draw(st.sampled_from(["name", "description", "extends"]))] = draw(
            st.one_of(st.text(max_size=12), st.integers(), st.booleans()))
    elif draw(st.booleans()):
        meta["name"] = draw(st.sampled_from(["fuzz", "../escape", "/abs", "a b", "ok-name.1"]))
    return meta, tables


ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "binary",
                             "truncated"])


def encode(text: str, how: str, rng: random.Random) -> bytes:
    if how == "binary":
        return bytes(rng.randrange(256) for _ in range(64)) + text.encode()
    if how == "truncated":
        data = text.encode()
        return data[: rng.randrange(len(data) + 1)]
    if how == "latin-1":
        return text.encode("utf-8").decode("utf-8").encode("latin-1", "replace") + "é".encode("latin-1")
    return text.encode(how)


class Hung(Exception):
    pass


def call(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()

    def alarm(*_):
        raise Hung(f"sim {' '.join(args)}: still running after {HANG_GUARD_SECONDS} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("default")
            try:
                code = main(args)
            except SystemExit as exc:
                code = exc.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue()


def check_outcome(code, out, err, file: Path, results: Path | None) -> None:
    assert "Traceback" not in err and "Traceback" not in out
    if code == 0:
        if results is not None:
            for name in ("summary.json", "households.csv", "timeseries.csv", "events.csv.gz"):
                assert (results / name).stat().st_size > 0, name
        return
    assert code in (1, 2), (code, err)
    lines = [line for line in err.splitlines() if line and not line.startswith("warning:")]
    assert lines, "a refusal without a message"
    assert str(file) in err, err
    if results is not None:
        assert not results.exists(), "a refused run left an output folder"


@FUZZ
@given(scenario_text(), ENCODINGS, st.sampled_from(["none", "parent", "grandparent", "loop",
                                                     "missing"]),
       st.randoms(use_true_random=False))
def test_fuzzed_scenario_files_are_refused_cleanly_or_run(spec, encoding, chain, rng):
    meta, tables = spec
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder / "fuzz.toml"
        if chain in ("parent", "grandparent"):
            # the mutated file is the parent (or grandparent) of the one given to the command
            child = folder / "child.toml"
            top = folder / "grandchild.toml" if chain == "grandparent" else child
            child.write_text('extends = "fuzz.toml"\n', encoding="utf-8")
            if chain == "grandparent":
                top.write_text('extends = "child.toml"\n', encoding="utf-8")
            meta = {k: v for k, v in meta.items() if k != "extends"}
        elif chain == "loop":
            meta["extends"] = "fuzz.toml"
            top = target
        elif chain == "missing":
            meta["extends"] = "no-such-parent.toml"
            top = target
        else:
            top = target
        target.write_bytes(encode(render(meta, tables), encoding, rng))

        code, out, err = call(["validate", str(top)])
        check_outcome(code, out, err, top, None)
        validated = code == 0

        results = folder / "out"
        code, out, err = call(["run", str(top), "--out", str(results), "--no-plots", "--quiet"])
        check_outcome(code, out, err, top, results)
        assert (code == 0) == validated, (code, err)  # what validates, runs
        hypothesis.event("ran" if code == 0 else "refused")
