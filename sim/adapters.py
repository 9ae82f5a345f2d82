"""The model for the analysis tools people already use: EMA Workbench and SALib.

Both adapters are generated from the parameter table (:data:`sim.parameters.PARAMETERS`: default,
plausible range, kind, choices), so they cannot drift from the model:

    >>> from sim.adapters import ema_model, salib_problem
    >>> model = ema_model(uncertainties=["night_shelter.capacity", "wmo.staff"])
    >>> problem = salib_problem(["night_shelter.capacity", "wmo.staff"], outputs=["stable_share"])
    >>> problem.sample_sobol(64).evaluate().analyze_sobol()      # doctest: +SKIP

Parameters are named as the model's keywords (``night_shelter__capacity``) where a tool needs
Python identifiers (EMA), and by their table key (``night_shelter.capacity``) in SALib. Integer
parameters reach the model as whole numbers whatever the tool samples (17.54 runs as 18);
outcomes are the summary's metrics, and a metric with no value in a run (a median that was never
reached) is NaN. ``ema_workbench`` is the optional extra ``ema``; SALib is a core dependency.
"""

from __future__ import annotations

import difflib
import math
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from SALib import ProblemSpec

from .parameters import PARAMETERS, Param

# Sections left out of the default uncertainties: the run's length and the town's size set
# the experiment, they are not uncertain.
SETUP_SECTIONS = ("run", "region")
DEFAULT_SALIB_OUTPUTS = ("stable_share", "handoffs_mean", "societal_cost_eur")


class AdapterError(ValueError):
    """A parameter or outcome the adapters cannot use; the message says what is allowed."""


def identifier(key: str) -> str:
    """A table key or metric name as a Python identifier: ``night_shelter.capacity`` ->
    ``night_shelter__capacity`` (the model's keyword)."""
    return key.replace(".", "__")


def _param(key: str, what: str = "parameter") -> Param:
    key = key.replace("__", ".")
    if key not in PARAMETERS:
        close = difflib.get_close_matches(key, list(PARAMETERS), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `sim params` for all"
        raise AdapterError(f"unknown {what} {key!r}{hint}")
    return PARAMETERS[key]


def _numeric(p: Param) -> bool:
    return p.kind in (int, float)


def default_uncertainties() -> list[str]:
    """Numeric parameters with a plausible range, less the run's setup (run.*, region.*)."""
    return [k for k, p in PARAMETERS.items()
            if _numeric(p) and p.range is not None and p.section not in SETUP_SECTIONS]


def default_levers() -> list[str]:
    """The switches and choices: reforms and allocation rules."""
    return [k for k, p in PARAMETERS.items() if p.kind in (bool, str)]


def as_model_value(key: str, value: Any) -> Any:
    """A sampled value as the model takes it: integers rounded half up (a raw Sobol sample of
    17.54 runs as 18, 20.0 as 20), numbers as float, switches as bool, choices as str."""
    p = _param(key)
    if p.kind is bool:
        return bool(value)
    if p.kind is str:
        return str(value)
    x = float(value)
    if p.kind is int:
        if not math.isfinite(x):
            raise AdapterError(f"{p.key}: a whole number is needed, not {value!r}")
        whole = math.floor(x + 0.5)
        if p.range is not None and whole == p.range[1] + 1 and x <= p.range[1] + 0.5:
            whole = int(p.range[1])  # the top of the widened SALib bounds
        return int(whole)
    return x


def _metric(name: str) -> str:
    from .metrics import metric_names

    dotted = name.replace("__", ".")
    names = metric_names()
    if dotted not in names:
        close = difflib.get_close_matches(dotted, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise AdapterError(f"unknown outcome {name!r}{hint} (allowed: the summary's metrics, "
                           "see sim.metrics.metric_names())")
    return dotted


def flat_metrics(summary: Mapping[str, Any], names: Iterable[str]) -> dict[str, float]:
    """The named metrics of a run's summary as floats, NaN where the run has no value."""
    out = {}
    for name in names:
        value: Any = summary
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        out[name] = math.nan if value is None else float(value)
    return out


class RunFunction:
    """One run of a scenario with some parameters set, returning chosen metrics.

    Called with parameters as keywords (table keys or model keywords) and an optional ``seed``;
    picklable, so the tools' multiprocessing evaluators can use it.
    """

    def __init__(self, outcomes: Sequence[str], scenario: Any = "baseline",
                 overrides: Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.outcomes = [_metric(o) for o in outcomes]
        self.scenario = scenario
        self.overrides = dict(overrides or {})
        self.seed = int(seed)

    def run(self, params: Mapping[str, Any], seed: int | None = None) -> dict[str, float]:
        from .run import run

        values = {_param(k).key: as_model_value(k, v) for k, v in params.items()}
        summary = run(self.scenario, self.seed if seed is None else int(seed),
                      {**self.overrides, **values})
        return flat_metrics(summary, self.outcomes)

    def __call__(self, seed: int | None = None, **params: Any) -> dict[str, float]:
        result = self.run(params, seed)
        return {identifier(k): v for k, v in result.items()}


# -- EMA Workbench ----------------------------------------------------------------------------
def _require_ema() -> None:
    try:
        import ema_workbench  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "ema_workbench":
            raise
        raise ModuleNotFoundError("sim.adapters.ema_model needs the EMA Workbench: "
                                  'pip install -e ".[ema]"', name="ema_workbench") from None


def ema_parameter(key: str) -> Any:
    """The EMA Workbench parameter for a table entry: RealParameter or IntegerParameter over its
    plausible range, BooleanParameter for a switch, CategoricalParameter for a choice."""
    _require_ema()
    from ema_workbench import (BooleanParameter, CategoricalParameter, IntegerParameter,
                               RealParameter)

    p = _param(key)
    name = identifier(p.key)
    if p.kind is bool:
        return BooleanParameter(name)
    if p.kind is str:
        return CategoricalParameter(name, list(p.choices or (p.default,)))
    if p.range is None:
        raise AdapterError(f"{p.key} has no plausible range in the parameter table, so it cannot "
                           "be varied; allowed: parameters with a range (see `sim params`)")
    lo, hi = p.range
    if p.kind is int:
        return IntegerParameter(name, int(lo), int(hi))
    return RealParameter(name, float(lo), float(hi))


def ema_model(name: str = "socialdomain", *, uncertainties: Sequence[str] | None = None,
              levers: Sequence[str] | None = None, outcomes: Sequence[str] | None = None,
              scenario: Any = "baseline", overrides: Mapping[str, Any] | None = None,
              seed: int = 0, replications: int | None = None) -> Any:
    """An EMA Workbench model of a scenario.

    Args:
        uncertainties: table keys to vary as uncertainties (default: every numeric parameter
            with a plausible range, less run.* and region.*).
        levers: table keys to vary as levers (default: the reform switches and allocation rules).
        outcomes: metric names (default: the summary's scalar metrics), as ScalarOutcomes named
            with ``__`` for the dot; a missing value is NaN.
        scenario, overrides: what every experiment starts from (e.g. a smaller town).
        seed: the seed of every experiment (common random numbers across experiments).
        replications: None for a ``Model``; a number for a ``ReplicatorModel`` whose
            replications run with the project's replicate seeds (the same as ``sim sweep``) and
            whose outcomes are the mean over replications.
    """
    _require_ema()
    from ema_workbench import Constant, Model, ReplicatorModel, ScalarOutcome

    from .metrics import SCALAR_METRICS
    from .streams import replicate_seeds

    unc = list(default_uncertainties() if uncertainties is None else uncertainties)
    lev = list(default_levers() if levers is None else levers)
    both = {_param(k).key for k in unc} & {_param(k).key for k in lev}
    if both:
        raise AdapterError(f"{', '.join(sorted(both))}: a parameter is an uncertainty or a lever, "
                           "not both")
    fn = RunFunction(SCALAR_METRICS if outcomes is None else outcomes, scenario, overrides, seed)
    if replications is None:
        model = Model(name, function=fn)
        model.constants = [Constant("seed", int(seed))]
        mean = None
    else:
        if int(replications) < 1:
            raise AdapterError(f"replications must be at least 1, not {replications!r}")
        model = ReplicatorModel(name, function=fn)
        model.replications = [{"seed": s} for s in replicate_seeds(int(seed), int(replications))]
        mean = _mean
    model.uncertainties = [ema_parameter(k) for k in unc]
    model.levers = [ema_parameter(k) for k in lev]
    model.outcomes = [ScalarOutcome(identifier(o), function=mean) for o in fn.outcomes]
    return model


def _mean(values: Sequence[float]) -> float:
    return float(np.mean(np.asarray(values, dtype=float)))


# -- SALib ------------------------------------------------------------------------------------
class ModelProblem(ProblemSpec):
    """A SALib ProblemSpec that knows how to run the model: ``evaluate()`` without a function
    runs every sample through :attr:`model`."""

    model: "SampleEvaluator"

    def evaluate(self, func: Any = None, *args: Any, **kwargs: Any) -> Any:
        return super().evaluate(self.model if func is None else func, *args, **kwargs)


class SampleEvaluator:
    """SALib's model interface: a samples array in, an outputs array out (one row a sample)."""

    def __init__(self, names: Sequence[str], fn: RunFunction) -> None:
        self.names = list(names)
        self.fn = fn

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(np.asarray(samples, dtype=float))
        if x.shape[1] != len(self.names):
            raise AdapterError(f"samples have {x.shape[1]} columns; the problem has "
                               f"{len(self.names)} parameters: {', '.join(self.names)}")
        out = np.empty((x.shape[0], len(self.fn.outcomes)))
        for i, row in enumerate(x):
            result = self.fn.run(dict(zip(self.names, row)))
            out[i] = [result[o] for o in self.fn.outcomes]
        return out


def salib_problem(names: Sequence[str] | None = None, outputs: Sequence[str] | None = None, *,
                  scenario: Any = "baseline", overrides: Mapping[str, Any] | None = None,
                  seed: int = 0) -> Any:
    """A SALib ``ProblemSpec`` over parameters of the table, ready to sample, evaluate, analyse.

    Bounds are the plausible ranges of the table; an integer parameter's bounds are widened by
    one half on each side and samples are rounded, so every whole number in its range is equally
    likely. ``problem.evaluate()`` runs every sample (same seed for all: common random numbers)
    and ``problem.model`` is that function, for ``evaluate(problem.model, nprocs=...)``.
    """
    names = [_param(k).key for k in (default_uncertainties() if names is None else names)]
    bounds = []
    for key in names:
        p = PARAMETERS[key]
        if not _numeric(p):
            raise AdapterError(f"{key} is a {'switch' if p.kind is bool else 'choice'}; SALib "
                               "varies numbers only (allowed: numeric parameters with a range)")
        if p.range is None:
            raise AdapterError(f"{key} has no plausible range in the parameter table; allowed: "
                               "parameters with a range (see `sim params`)")
        lo, hi = (float(v) for v in p.range)
        bounds.append([lo - 0.5, hi + 0.5] if p.kind is int else [lo, hi])
    fn = RunFunction(DEFAULT_SALIB_OUTPUTS if outputs is None else outputs, scenario, overrides, seed)
    problem = ModelProblem({"names": names, "bounds": bounds, "outputs": list(fn.outcomes)})
    problem.model = SampleEvaluator(names, fn)
    return problem
