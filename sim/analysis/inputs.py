"""The input files of the analysis tools as pydantic models: experiment files (``sim sweep``),
sensitivity files (``sim sensitivity``), calibration and targets files (``sim calibrate``).

The models check the shape of a file: its keys, their types, bounds and limits. What depends
on the parameter table or on other files (parameter keys and values, scenarios, metrics) is
checked by the tool's loader afterwards. Each field's ``description`` says what is allowed;
it is the text of the message when a value is refused, and of the JSON Schemas that editors
use (``python -m sim.analysis.schemas docs/schemas/``). A problem gives one message::

    <file>: [section] '<key>' = <value> is not allowed; it must be <what is allowed>.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import typing
from pathlib import Path
from typing import Any, Literal

import pydantic
import pydantic.json_schema
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Limits of what a tool will set up: beyond them a design cannot be run in any sensible time
# (and its points and seeds alone would fill the memory), so it is refused before anything is
# allocated. Names become folders (results/<name>.replaced-<time>/ too), so they stay short.
MAX_NAME = 100
MAX_REPLICATES = 10_000
MAX_POINTS = 100_000
MAX_RUNS = 1_000_000
MAX_RESAMPLES = 10_000

NAME_TEXT = (f"a name for the folder results/<name>/: letters, digits, '.', '_' and '-', "
             f"starting with a letter or digit, at most {MAX_NAME} characters")


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _check(ok):
    def check(v):
        if not ok(v):
            raise ValueError("not allowed")
        return v
    return AfterValidator(check)


Name = typing.Annotated[str, pydantic.StringConstraints(pattern=NAME_RE.pattern,
                                                       max_length=MAX_NAME)]
Table = dict[str, Any]


# --- experiment files (sim sweep) -----------------------------------------------------------

class ExperimentOutputs(_File):
    metrics: list[str] | None = Field(
        None, min_length=1, description="a non-empty list of summary metric names, e.g. "
        "[\"handoffs_mean\", \"cost_by_pot.wmo\"] (sim.metrics.metric_names())")


class ExperimentFile(_File):
    """An experiment: scenarios x grid x sample points, each run ``replicates`` times."""
    model_config = ConfigDict(title="sim sweep experiment file")
    name: Name | None = Field(None, description=NAME_TEXT + " (default: the file's name)")
    description: str = Field("", description="a string")
    seed: int = Field(ge=0, description="a whole number from 0 (every run's seed derives from it)")
    replicates: int = Field(ge=1, le=MAX_REPLICATES,
                            description=f"a whole number from 1 to {MAX_REPLICATES:,}")
    scenarios: list[str] = Field(min_length=1, description="a non-empty list of scenario names "
                                 "(in scenarios/) or paths relative to the experiment file")
    fixed: Table = Field({}, description="a table [fixed] of parameter values set at every point")
    grid: Table = Field({}, description="a table [grid]: each parameter a non-empty list of values")
    sample: Table = Field({}, description=f"a table [sample]: n (from 1 to {MAX_POINTS:,}) and "
                          f"each parameter [low, high] or \"table\"")
    outputs: ExperimentOutputs = Field(ExperimentOutputs(), description="a table [outputs]")


# --- sensitivity files (sim sensitivity) ----------------------------------------------------

RESAMPLES = f"a whole number from 100 to {MAX_RESAMPLES:,} (bootstrap resamples)"
CONFIDENCE = "a number from 0.5 to below 1 (e.g. 0.95)"


class MorrisOptions(_File):
    trajectories: int | None = Field(None, ge=2, description="a whole number from 2")
    levels: typing.Annotated[int, Field(ge=2, le=100), _check(lambda v: v % 2 == 0)] | None = \
        Field(None, description="an even whole number from 2 to 100 (grid levels)")
    candidates: int | None = Field(None, gt=2, le=1000, description="a whole number above "
                                   "'trajectories', at most 1,000 (trajectories are chosen from "
                                   "this many for spread)")
    resamples: int | None = Field(None, ge=100, le=MAX_RESAMPLES, description=RESAMPLES)
    confidence: float | None = Field(None, ge=0.5, lt=1, allow_inf_nan=False,
                                     description=CONFIDENCE)


class SobolOptions(_File):
    n: typing.Annotated[int, Field(ge=4), _check(lambda v: v & (v - 1) == 0)] | None = Field(
        None, description="a power of two from 4 (the base sample)")
    second_order: bool | None = Field(None, description="true or false")
    resamples: int | None = Field(None, ge=100, le=MAX_RESAMPLES, description=RESAMPLES)
    confidence: float | None = Field(None, ge=0.5, lt=1, allow_inf_nan=False,
                                     description=CONFIDENCE)


class SensitivityParameters(BaseModel):
    """Parameter keys with [low, high] or "table", and the 'uncertain' selection."""
    model_config = ConfigDict(extra="allow", strict=True)
    uncertain: bool | list[str] = Field(False, description="true, false or a list of patterns "
                                        "such as [\"household.*\", \"*.caseload_cap\"]")
    exclude: list[str] = Field(["run.*", "region.*"], description="a list of patterns such as "
                               "[\"run.*\"]")


class SensitivityGroups(BaseModel):
    """Grouped Morris: group name -> parameter-key patterns; `by` groups the rest."""
    model_config = ConfigDict(extra="allow", strict=True)
    by: Literal["parameter", "prefix"] = Field(
        "parameter", description="\"parameter\" (every parameter not in a named group is its own "
        "group) or \"prefix\" (it joins the group of its key's first part, e.g. \"ggz\")")


class SensitivityOutputs(_File):
    metrics: list[str] | None = Field(None, description="a list of summary metric names")
    differences: list[str] | None = Field(None, description="a list of summary metric names")
    censored: Literal["drop", "window"] = Field(
        "drop", description="\"drop\" (leave out a time-to-stability median that was not "
        "reached) or \"window\" (count it as the run's window)")


class SensitivityFile(_File):
    """A Morris or Sobol sensitivity analysis of the model."""
    model_config = ConfigDict(title="sim sensitivity experiment file")
    name: Name | None = Field(None, description=NAME_TEXT + " (default: the file's name)")
    description: str = Field("", description="a string")
    seed: int = Field(ge=0, description="a whole number from 0")
    replicates: int = Field(ge=1, le=MAX_REPLICATES,
                            description=f"a whole number from 1 to {MAX_REPLICATES:,}")
    scenario: str = Field("baseline", description="a scenario name or path")
    reform: typing.Annotated[str, _check(bool)] | None = Field(
        None, description="a scenario name or path")
    method: Literal["morris", "sobol"] = Field(description="one of 'morris', 'sobol'")
    morris: MorrisOptions = Field(MorrisOptions(), description="a table [morris]")
    sobol: SobolOptions = Field(SobolOptions(), description="a table [sobol]")
    parameters: SensitivityParameters = Field(SensitivityParameters(),
                                              description="a table [parameters]")
    fixed: Table = Field({}, description="a table [fixed]")
    groups: SensitivityGroups | None = Field(
        None, description="a table [groups]: group name = a list of parameter-key patterns, "
        "and by = \"parameter\" or \"prefix\" for the rest")
    outputs: SensitivityOutputs = Field(SensitivityOutputs(), description="a table [outputs]")


# --- calibration files (sim calibrate) ------------------------------------------------------

class CalibrationFile(_File):
    """Parameters estimated from observed figures by approximate Bayesian computation."""
    model_config = ConfigDict(title="sim calibrate calibration file")
    name: Name | None = Field(None, description=NAME_TEXT)
    description: str = Field("", description="a string")
    scenario: str = Field("baseline", description="a scenario name or a path")
    targets: str = Field(description="the targets file, relative to this file")
    seed: int = Field(ge=0, description="a whole number from 0")
    method: Literal["smc", "replenish", "rejection"] = Field(
        "smc", description="one of 'smc', 'replenish', 'rejection'")
    replicates: int = Field(1, ge=1, le=MAX_REPLICATES, description=f"a whole number from 1 to "
                            f"{MAX_REPLICATES:,} (runs per particle)")
    population: int = Field(ge=4, le=MAX_POINTS, description=f"a whole number from 4 to "
                            f"{MAX_POINTS:,} (particles run per generation)")
    keep: float = Field(0.5, gt=0, lt=1, allow_inf_nan=False, description="a share between 0 "
                        "and 1 (particles kept per generation)")
    generations: int = Field(10, ge=1, le=1000, description="a whole number from 1 to 1,000")
    min_acceptance: float = Field(0.05, ge=0, le=1, allow_inf_nan=False,
                                  description="a share from 0 to 1")
    tolerance: float = Field(1.0, ge=0, allow_inf_nan=False, description="a number from 0 (root "
                             "mean square standardised difference at which to stop)")
    pilot_runs: int = Field(5, ge=1, le=MAX_REPLICATES, description=f"a whole number from 1 to "
                            f"{MAX_REPLICATES:,} (runs at the scenario's values; from 2 they also "
                            f"measure the model's noise)")
    predictive_draws: int = Field(20, ge=1, le=MAX_POINTS,
                                  description=f"a whole number from 1 to {MAX_POINTS:,}")
    predictive_replicates: int = Field(3, ge=1, le=MAX_REPLICATES,
                                       description=f"a whole number from 1 to {MAX_REPLICATES:,}")
    scenario_name: Name = Field("calibrated", description="a scenario name (letters, digits, "
                                "'.', '_' and '-')")
    parameters: Table = Field(
        description="a table [parameters] of parameters to estimate, each \"table\", [low, high] "
        "or {range = ..., prior = \"uniform\" | \"log-uniform\"}")
    fixed: Table = Field({}, description="a table [fixed]")


# --- targets files ---------------------------------------------------------------------------

class TargetEntry(_File):
    description: str | None = Field(None, description="a string")
    value: float = Field(allow_inf_nan=False, description="a number")
    sd: float | None = Field(None, gt=0, allow_inf_nan=False, description="a number above 0")
    range: list[typing.Annotated[float, Field(allow_inf_nan=False)]] | None = Field(
        None, min_length=2, max_length=2, description="[low, high], two numbers (a 90% interval)")
    unit: str = Field(description="a string")
    metric: str = Field(description="a key of the run summary, nested ones with dots")
    source: str = Field(description="a string")
    note: str = Field("", description="a string")
    weight: float = Field(1.0, gt=0, allow_inf_nan=False, description="a number above 0")
    domain: Literal["housing", "debts", "care", "income", "violence", "process"] | None = Field(
        None, description="one of 'housing', 'debts', 'care', 'income', 'violence', 'process'")
    pending: bool = Field(False, description="true when the metric is not in the run summary "
                          "yet: the target is then reported as unavailable instead of refused")


class TargetsFile(_File):
    """Observed figures: [calibration.<name>] targets are fitted, [validation.<name>] held out."""
    model_config = ConfigDict(title="sim calibrate targets file")
    calibration: dict[str, TargetEntry] = Field(
        {}, description="tables [calibration.<name>], each a target")
    validation: dict[str, TargetEntry] = Field(
        {}, description="tables [validation.<name>], each a target")


MODELS: dict[str, type[BaseModel]] = {"experiment": ExperimentFile,
                                      "sensitivity": SensitivityFile,
                                      "calibration": CalibrationFile, "targets": TargetsFile}


# --- reading and messages --------------------------------------------------------------------

def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def short(value: Any, limit: int = 60) -> str:
    """repr of a value, cut short when long (a 300-character name, a 100,000-digit number)."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        return "a number too long to show"
    return text if len(text) <= limit else f"{text[:limit - 5]}... ({len(text)} characters)"


def read_text(path: Path, what: str, error: type[Exception]) -> str:
    """A file's text (UTF-8, a byte-order mark allowed); a missing or unreadable file raises
    ``error`` with a message that names it."""
    if not path.is_file():
        raise error(f"{path}: {what} file not found.")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not a UTF-8 text file (byte {exc.start}); save it as UTF-8 "
                    f"TOML.") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read: {exc.strerror or exc}.") from None


def parse_toml(text: str, origin: str, error: type[Exception]) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{origin}: not valid TOML: {exc}.") from None
    except ValueError as exc:  # e.g. a number with 100,000 digits
        why = "a number has too many digits" if "digits" in str(exc) else str(exc)[:200]
        raise error(f"{origin}: not usable TOML: {why}.") from None
    except RecursionError:
        raise error(f"{origin}: not usable TOML: nested too deeply.") from None


def validate(model: type[BaseModel], data: Any, origin: str, error: type[Exception]):
    """``model`` validated from ``data``; the first problem raises ``error`` with one message
    that names the file, the key and what is allowed."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = exc.errors()  # an unknown key first: a misspelling explains a missing key
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        raise error(message(model, first, origin)) from None
    except RecursionError:
        raise error(f"{origin}: nested too deeply.") from None


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...] or dict[str, ...], else None."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if origin is dict:
        return ("dict", _unwrap(typing.get_args(annotation)[1]))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if isinstance(found, type):
                return found
    return None


def message(model: type[BaseModel], err: dict[str, Any], origin: str) -> str:
    """One pydantic error as '<file>: [section] '<key>' ...; it must be <allowed>.'"""
    loc, current, path = list(err["loc"]), model, []
    field = None
    while loc and current is not None:
        key = loc.pop(0)
        if err["type"] == "extra_forbidden" and not loc:
            allowed = list(current.model_fields)
            where = f"{origin}: [{'.'.join(path)}]" if path else origin
            return (f"{where}: unknown key '{key}'{suggest(key, allowed)}. Allowed keys: "
                    f"{', '.join(allowed)}.")
        field = current.model_fields.get(str(key))
        if field is None:
            break
        path.append(str(key))
        inner = _unwrap(field.annotation)
        if isinstance(inner, tuple) and loc:  # dict[str, Model]: the next part is a name
            path.append(str(loc.pop(0)))
            inner = inner[1]
        current = inner if isinstance(inner, type) and loc else None
    key = path[-1] if path else "?"
    where = f"{origin}: [{'.'.join(path[:-1])}]" if len(path) > 1 else origin
    allowed = field.description if field is not None and field.description else err["msg"]
    if err["type"] == "missing":
        return f"{where}: '{key}' is missing; it must be {allowed}."
    return f"{where}: '{key}' = {short(err['input'])} is not allowed; it must be {allowed}."


class _TomlSchema(pydantic.json_schema.GenerateJsonSchema):
    """TOML has no null: an optional key is one that may be left out."""

    def nullable_schema(self, schema):
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema):
        out = super().default_schema(schema)
        if out.get("default", 0) is None:
            del out["default"]
        return out


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each input file, by file kind."""
    return {kind: {"$schema": "https://json-schema.org/draft/2020-12/schema",
                   **model.model_json_schema(schema_generator=_TomlSchema)}
            for kind, model in MODELS.items()}
