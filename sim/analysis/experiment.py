"""Experiment files: which scenarios, parameter values and replicates a sweep runs.

An experiment file is TOML (see ``docs/sweeps.md``)::

    name = "shelter-caseload"       # the store goes to results/shelter-caseload/
    seed = 20261122
    replicates = 20
    scenarios = ["baseline"]        # names in scenarios/, or paths relative to this file
    [fixed]                         # set at every point (optional)
    "run.years" = 3
    [grid]                          # full factorial (optional)
    "night_shelter.capacity" = [8, 12, 20]
    [sample]                        # Latin hypercube within ranges (optional)
    n = 16
    "casework.info_loss" = [0.2, 0.9]   # or "table": the parameter table's plausible range
    [outputs]
    metrics = ["handoffs_mean", "societal_cost_eur"]

Points are scenarios x grid x sample. Replicate r runs with the same seed at every point
(common random numbers); seeds come from ``numpy.random.SeedSequence(seed)``. Everything is
validated before anything runs; problems raise :class:`ExperimentError` with a message that
names the file and key and says what is allowed.
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..metrics import NESTED_METRICS, SCALAR_METRICS, metric_names  # the summary's keys
from ..parameters import PARAMETERS
from ..scenario import Scenario, ScenarioError, load_scenario
from ..run import replicate_seeds
from .inputs import (MAX_NAME, MAX_POINTS, MAX_REPLICATES, MAX_RUNS, NAME_RE,  # noqa: F401
                     ExperimentFile, read_text)
from .inputs import parse_toml as _parse_toml
from .inputs import short as _short
from .inputs import suggest as _suggest
from .inputs import validate

DEFAULT_METRICS = ("time_to_stability_median_days", "stable_share", "handoffs_mean",
                   "organisations_mean", "retellings_mean", "societal_cost_eur")


class ExperimentError(Exception):
    """An experiment file that cannot be used; the message is meant for the user as it is."""


@dataclass(frozen=True)
class Point:
    id: str  # stable hash of scenario + varied values
    index: int
    scenario: str  # scenario label
    params: dict[str, Any]  # the varied parameters' values
    resolved: Scenario = field(repr=False)  # scenario with fixed and point values applied


@dataclass(frozen=True)
class Experiment:
    path: Path
    text: str
    name: str
    description: str
    seed: int
    replicates: int
    scenarios: dict[str, Scenario]  # label -> scenario as resolved
    fixed: dict[str, Any]
    grid: dict[str, list]
    sample: dict[str, Any]  # {"n": int, key: [lo, hi]}
    metrics: tuple[str, ...]
    points: tuple[Point, ...]
    seeds: tuple[int, ...]  # one per replicate
    design: tuple[str, ...] = ()  # parameters set per point by a tool's own design
    # label -> ((path relative to the experiment file, text), ...) along the extends chain
    sources: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)

    @property
    def varied(self) -> list[str]:
        return [*self.grid, *(k for k in self.sample if k != "n"), *self.design]

    def canonical(self) -> dict[str, Any]:
        """What determines the runs (not description or outputs): the store's identity."""
        return {"name": self.name, "seed": self.seed, "replicates": self.replicates,
                "fixed": self.fixed, "grid": self.grid, "sample": self.sample,
                "scenarios": {label: {"files": [[f, _digest(t)] for f, t in files]}
                              for label, files in self.sources.items()},
                "points": [p.id for p in self.points], "seeds": list(self.seeds),
                **({"design": list(self.design)} if self.design else {})}

    def hash(self) -> str:
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def tasks(self) -> list[tuple[Point, int, int]]:
        """Every run as (point, replicate, seed), point by point."""
        return [(p, r, s) for p in self.points for r, s in enumerate(self.seeds)]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scenario_sources(scenario: Scenario, base: Path, origin: str) -> tuple[tuple[str, str], ...]:
    """Every file of the scenario's ``extends`` chain (most specific first) as (its resolved
    path relative to ``base``, its text). Files are told apart by where they are and what they
    hold, never by their bare name: ``v/base.toml`` may extend ``../base.toml``."""
    out = []
    for f in scenario.files:
        resolved = Path(f).resolve()
        try:
            text = resolved.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ExperimentError(f"{origin}: scenario file {f} cannot be read: {exc}.") from None
        out.append((Path(os.path.relpath(resolved, Path(base).resolve())).as_posix(), text))
    return tuple(out)


def file_identity(sources: Mapping[str, tuple[tuple[str, str], ...]]) -> dict[str, Any]:
    """{label: [[relative path, sha256 of the text], ...]}: what a store remembers of the files."""
    return {label: [[f, _digest(t)] for f, t in files] for label, files in sources.items()}


def check_metric(metric: str, where: str) -> None:
    """Refuse a name that is not a key of the run summary (nested ones flattened with dots,
    as :func:`sim.metrics.metric_names` declares them)."""
    names = metric_names()
    if metric in names:
        return
    head = metric.split(".", 1)[0]
    if head in NESTED_METRICS:
        under = [n.split(".", 1)[1] for n in names if n.startswith(head + ".")]
        close = difflib.get_close_matches(metric, [f"{head}.{u}" for u in under], n=1, cutoff=0.0)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ExperimentError(f"{where} metric '{metric}' is unknown{hint}. Allowed under "
                              f"'{head}': {', '.join(under)}.")
    raise ExperimentError(
        f"{where} metric '{metric}' is unknown{_suggest(metric, names)}. Allowed: "
        f"{', '.join(SCALAR_METRICS)}, or a nested one such as 'cost_by_pot.wmo' under "
        f"{', '.join(NESTED_METRICS)}.")


def check_name(name: Any, f: str) -> str:
    """The name of a store: it becomes the folder results/<name>/."""
    if not isinstance(name, str) or not NAME_RE.match(name) or len(name) > MAX_NAME:
        raise ExperimentError(f"{f}: 'name' = {_short(name)} is not allowed; it names the folder "
                              f"results/<name>/, so use letters, digits, '.', '_' and '-' "
                              f"(at most {MAX_NAME} characters, starting with a letter or "
                              f"digit).")
    return name


def check_size(f: str, points: int, replicates: int, what: str = "points") -> None:
    """Refuse a design whose points or runs exceed the limits, before it is made."""
    if points > MAX_POINTS:
        raise ExperimentError(f"{f}: the design has {points:,} {what}; at most {MAX_POINTS:,} "
                              f"are allowed. Use fewer values or a smaller sample.")
    if points * replicates > MAX_RUNS:
        raise ExperimentError(f"{f}: {points:,} {what} x {replicates:,} replicates = "
                              f"{points * replicates:,} runs; at most {MAX_RUNS:,} are allowed. "
                              f"Use fewer points or replicates.")


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Accept both "section.name" = v and [grid.section] name = v."""
    out: dict[str, Any] = {}
    for k, v in table.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and key not in PARAMETERS:
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _check_keys(where: str, keys, origin: str) -> None:
    for key in keys:
        if key not in PARAMETERS:
            raise ExperimentError(f"{origin}: {where} '{key}' is not a model parameter"
                                  f"{_suggest(key, PARAMETERS)}; parameter keys look like "
                                  f"'night_shelter.capacity' (see docs/parameters.md).")


def _validated(base: Scenario, values: Mapping[str, Any], origin: str) -> Scenario:
    try:
        return base.with_overrides(dict(values), origin=origin)
    except ScenarioError as exc:
        raise ExperimentError(str(exc)) from None


def _resolve_scenario(ref: str, base: Path, origin: str) -> Scenario:
    local = base / ref
    try:
        return load_scenario(local if local.is_file() else ref)
    except ScenarioError as exc:
        raise ExperimentError(f"{origin}: scenario '{ref}' cannot be used: {exc}") from None
    except UnicodeDecodeError:
        raise ExperimentError(f"{origin}: scenario '{ref}' cannot be used: a file of its extends "
                              f"chain is not UTF-8 text.") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise ExperimentError(f"{origin}: scenario '{ref}' cannot be used: "
                              f"{type(exc).__name__}: {str(exc)[:200]}.") from None


def _sample_points(spec: dict[str, Any], seed: int) -> list[dict[str, Any]]:
    """n points of a Latin hypercube over the ranges, from a stream separate from the runs'."""
    import numpy as np
    from scipy.stats import qmc

    keys = [k for k in spec if k != "n"]
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5A4D]))
    u = qmc.LatinHypercube(d=len(keys), rng=rng).random(spec["n"])
    points = []
    for row in u:
        values = {}
        for key, x in zip(keys, row):
            lo, hi = spec[key]
            if PARAMETERS[key].kind is int:  # one stratum per whole number
                values[key] = int(min(hi, lo + math.floor(x * (hi - lo + 1))))
            else:
                values[key] = float(f"{lo + x * (hi - lo):.6g}")
        points.append(values)
    return points


def read_toml(path: Path, what: str, error: type[Exception]) -> tuple[str, dict[str, Any]]:
    """The text and table of a TOML file; problems raise ``error`` naming the file."""
    text = read_text(path, what, error)
    return text, _parse_toml(text, str(path), error)


def parse_range(key: str, rng: Any, probe: Scenario, f: str, section: str) -> list:
    """[low, high], or "table" for the parameter table's plausible range, of a numeric
    parameter; each end is checked against the parameter's bounds."""
    p = PARAMETERS[key]
    if rng == "table":
        if p.range is None:
            raise ExperimentError(f"{f}: {section} '{key}' = \"table\" is not allowed: the "
                                  f"parameter table gives no plausible range for it; give "
                                  f"[low, high] instead.")
        rng = [p.kind(p.range[0]), p.kind(p.range[1])]
    if not (isinstance(rng, list) and len(rng) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in rng)):
        raise ExperimentError(f"{f}: {section} '{key}' = {rng!r} is not allowed; it must be "
                              f"[low, high] or \"table\" (the parameter table's plausible "
                              f"range).")
    lo, hi = (_validated(probe, {key: v}, f"{f}: {section}").params[key] for v in rng)
    if not lo < hi:
        raise ExperimentError(f"{f}: {section} '{key}' = {rng!r} is not allowed; low must be "
                              f"below high.")
    return [lo, hi]


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate an experiment file; nothing is run or written."""
    path = Path(path)
    text, data = read_toml(path, "experiment", ExperimentError)
    f = str(path)
    model = validate(ExperimentFile, data, f, ExperimentError)
    name = model.name or check_name(path.stem, f)
    description, seed, replicates, refs = model.description, model.seed, model.replicates, \
        model.scenarios
    tables = {"fixed": model.fixed, "grid": model.grid, "sample": model.sample}

    # scenarios, with their labels (the scenario's name; must be unique)
    scenarios: dict[str, Scenario] = {}
    for i, ref in enumerate(refs):
        scn = _resolve_scenario(ref, path.parent, f"{f}: scenarios[{i}]")
        if scn.name in scenarios:
            raise ExperimentError(f"{f}: scenarios[{i}] = '{ref}' is named '{scn.name}' like an "
                                  f"earlier scenario; give each scenario a different name.")
        scenarios[scn.name] = scn

    # fixed values
    fixed = _flatten(tables["fixed"])
    _check_keys("[fixed]", fixed, f)
    probe = next(iter(scenarios.values()))
    fixed = {k: _validated(probe, {k: v}, f"{f}: [fixed]").params[k] for k, v in fixed.items()}

    # grid: each key a non-empty list of distinct allowed values
    grid: dict[str, list] = {}
    for key, values in _flatten(tables["grid"]).items():
        _check_keys("[grid]", [key], f)
        if not isinstance(values, list) or not values:
            raise ExperimentError(f"{f}: [grid] '{key}' = {values!r} is not allowed; it must be a "
                                  f"non-empty list of values, e.g. [8, 12, 20].")
        checked = [_validated(probe, {key: v}, f"{f}: [grid]").params[key] for v in values]
        if len(set(map(repr, checked))) != len(checked):
            raise ExperimentError(f"{f}: [grid] '{key}' = {values!r} lists a value twice.")
        grid[key] = checked

    # sample: n and ranges [lo, hi] or "table"
    sample: dict[str, Any] = {}
    spec = _flatten(tables["sample"])
    if spec:
        n = spec.pop("n", None)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_POINTS:
            raise ExperimentError(f"{f}: [sample] 'n' = {_short(n)} is not allowed; it must be "
                                  f"the number of sampled points, a whole number from 1 to "
                                  f"{MAX_POINTS:,}.")
        if not spec:
            raise ExperimentError(f"{f}: [sample] names no parameters; add e.g. "
                                  f"\"casework.info_loss\" = [0.2, 0.9] or = \"table\".")
        sample["n"] = n
        for key, rng in spec.items():
            _check_keys("[sample]", [key], f)
            p = PARAMETERS[key]
            if p.kind not in (int, float) or p.choices:
                raise ExperimentError(f"{f}: [sample] '{key}' cannot be sampled: only numeric "
                                      f"parameters can; put its values in [grid] instead.")
            sample[key] = parse_range(key, rng, probe, f, "[sample]")

    clash = (set(fixed) & set(grid)) | (set(fixed) & set(sample)) | (set(grid) & set(sample))
    if clash:
        raise ExperimentError(f"{f}: '{sorted(clash)[0]}' is set in more than one of [fixed], "
                              f"[grid] and [sample]; give each parameter in one place only.")

    metrics = model.outputs.metrics or list(DEFAULT_METRICS)
    for m in metrics:
        check_metric(m, f"{f}: [outputs]")

    # points: scenarios x grid x sample, counted before they are made, then each validated
    check_size(f, len(scenarios) * math.prod(len(v) for v in grid.values())
               * sample.get("n", 1), replicates)
    sampled = _sample_points(sample, seed) if sample else [{}]
    combos = [dict(zip(grid, vs)) for vs in itertools.product(*grid.values())]
    rows = [{**combo, **drawn} for combo in combos for drawn in sampled]
    points = _points(scenarios, fixed, rows, f)
    sources = {label: scenario_sources(s, path.parent, f) for label, s in scenarios.items()}
    return Experiment(path.resolve(), text, name, description, seed, replicates, scenarios, fixed,
                      grid, sample, tuple(metrics), tuple(points), replicate_seeds(seed, replicates),
                      sources=sources)


def _points(scenarios: Mapping[str, Scenario], fixed: Mapping[str, Any],
            rows: list[dict[str, Any]], origin: str) -> list[Point]:
    """Every scenario x every row of varied values, each validated as a whole."""
    points = []
    for label, scn in scenarios.items():
        for row in rows:
            i = len(points)
            desc = ", ".join(f"{k}={v!r}" for k, v in row.items())
            resolved = _validated(scn, {**fixed, **row},
                                  f"{origin}: point {i} (scenario {label}{', ' if desc else ''}{desc})")
            varied = {k: resolved.params[k] for k in row}
            ident = json.dumps({"scenario": label, "params": varied}, sort_keys=True)
            pid = hashlib.sha1(ident.encode()).hexdigest()[:12]
            points.append(Point(pid, i, label, varied, resolved))
    if len({p.id for p in points}) != len(points):
        raise ExperimentError(f"{origin}: some points are the same (sampling an integer parameter "
                              f"over fewer values than n?); make every point different.")
    return points


def designed_experiment(*, path: str | Path, text: str, name: str, seed: int, replicates: int,
                        scenarios: Mapping[str, Scenario], fixed: Mapping[str, Any],
                        design: list[dict[str, Any]], metrics: tuple[str, ...],
                        description: str = "") -> Experiment:
    """An experiment whose points a tool chose itself (a Sobol or Morris design, ABC proposals):
    every scenario x every row of ``design``, run by :func:`sim.analysis.runner.run_sweep` into a
    store like any sweep. Values are validated; rows must all set the same parameters."""
    keys = tuple(design[0]) if design else ()
    if any(tuple(row) != keys for row in design):
        raise ExperimentError(f"{path}: every design row must set the same parameters.")
    _check_keys("design", keys, str(path))
    check_size(str(path), len(scenarios) * len(design), replicates, "design points")
    points = _points(scenarios, fixed, design, str(path))
    sources = {label: scenario_sources(s, Path(path).parent, str(path))
               for label, s in scenarios.items()}
    return Experiment(Path(path).resolve(), text, name, description, seed, replicates,
                      dict(scenarios), dict(fixed), {}, {}, tuple(metrics), tuple(points),
                      replicate_seeds(seed, replicates), keys, sources)
