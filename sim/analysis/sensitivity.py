"""``sim sensitivity``: global sensitivity analysis (Morris, Sobol) of the model with SALib.

    sim sensitivity experiments/sensitivity-screening.toml --workers 8
    sim sensitivity experiments/sensitivity-sobol.toml --dry-run      # check; count the runs
    sim sensitivity experiments/sensitivity-sobol.toml --report-only  # analyse the stored runs

The experiment file (TOML; see ``docs/sensitivity.md``)::

    name = "sensitivity-sobol"        # runs and results go to results/<name>/
    description = "..."
    seed = 20261201                   # design, replicate seeds and bootstrap derive from it
    replicates = 4                    # runs per design row; indices use their mean
    scenario = "baseline"             # the scenario the parameters vary in (default baseline)
    reform = "fixed-director"         # optional: every row also runs under this scenario
    method = "sobol"                  # or "morris"
    [sobol]                           # n (a power of two), second_order, resamples, confidence
    n = 512
    [morris]                          # trajectories, levels, candidates, resamples, confidence
    trajectories = 10
    [parameters]
    uncertain = true                  # every parameter with a plausible range (or patterns) ...
    exclude = ["run.*", "region.*"]   # ... except these (this is the default)
    "casework.info_loss" = "table"    # or [low, high]; overrides the table's range
    [fixed]
    "region.inhabitants" = 20000
    [outputs]
    metrics = ["handoffs_mean", "societal_cost_eur"]        # under `scenario`
    differences = ["handoffs_mean"]   # reform minus scenario, per replicate: "diff.handoffs_mean"
    censored = "window"               # an unreached time-to-stability median counts as the
                                      # run's window; "drop" (default) leaves the run out

The design's rows run through the shared runner (:mod:`sim.analysis.runner`, as ``sim sweep``)
into ``results/<name>/runs.sqlite``: in parallel, on Dask with ``--scheduler``, resumable. Replicate r
has the same seed in every row and in both scenarios (common random numbers). The analysis,
tables, plots and report are those of :mod:`sim.analysis.salib_design`.
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..parameters import PARAMETERS, uncertain

if TYPE_CHECKING:
    from .experiment import ExperimentError
    from .salib_design import Plan

# sim.analysis.experiment, sim.metrics and salib_design are imported where used: they pull in
# pandas, and `sim --help` should stay quick.

DEFAULT_EXCLUDE = ["run.*", "region.*"]
DEFAULT_METRICS = ["time_to_stability_median_days", "handoffs_mean", "societal_cost_eur"]
PROG = "sim sensitivity"


@dataclass(frozen=True)
class SensitivityExperiment:
    name: str
    path: Path
    text: str  # the file's text, kept in the store
    description: str
    scenario: Any  # Scenario
    reform: Any  # Scenario or None
    seed: int
    replicates: int
    fixed: dict[str, Any]
    plan: Plan
    metrics: tuple[str, ...]
    differences: tuple[str, ...]
    censored: str = "drop"  # or "window": an unreached median counts as the run's window
    # grouped design: {group: member keys}; the plan's names are then the groups, each on [0, 1],
    # and every member of a group takes the same position u in its own range (low + u (high -
    # low)), so a Morris step moves the whole group at once. None: one parameter per name.
    groups: dict[str, tuple[str, ...]] | None = None
    ranges: dict[str, tuple] | None = None  # {key: (low, high)} of every varied parameter

    def values(self, row: dict[str, Any]) -> dict[str, Any]:
        """A design row (one value per plan name) as parameter values."""
        if self.groups is None:
            return dict(row)
        out = {}
        for group, keys in self.groups.items():
            u = float(row[group])
            for key in keys:
                lo, hi = self.ranges[key]
                if PARAMETERS[key].kind is int:
                    out[key] = int(lo + min(math.floor(u * (hi - lo + 1)), hi - lo))
                else:
                    out[key] = float(f"{lo + u * (hi - lo):.6g}")
        return out

    @property
    def outputs(self) -> list[str]:
        return [*self.metrics, *(f"diff.{m}" for m in self.differences)]


def _fail(origin: str, key: str, value: Any, allowed: str) -> ExperimentError:
    from .experiment import ExperimentError
    from .inputs import short

    return ExperimentError(f"{origin}: '{key}' = {short(value)} is not allowed; it must be "
                           f"{allowed}.")


def _parameters(table, fixed: dict, probe, f: str) -> dict[str, tuple]:
    """{key: (low, high)} from [parameters] (a validated :class:`~.inputs.SensitivityParameters`):
    explicit entries and the 'uncertain' selection."""
    from .experiment import ExperimentError, _check_keys, _flatten, parse_range

    where = f"{f}: [parameters]"
    pick, exclude = table.uncertain, table.exclude
    patterns = {"uncertain": pick if isinstance(pick, list) else [], "exclude": exclude}
    for key, pats in patterns.items():
        for pat in pats:
            if not fnmatch.filter(PARAMETERS, pat):
                raise _fail(where, key, pat, "a pattern that matches parameter keys, e.g. "
                            "\"household.*\" (see docs/parameters.md)")
    explicit = _flatten(table.model_extra or {})
    _check_keys("[parameters]", explicit, f)
    chosen = dict.fromkeys(explicit)
    if pick:
        for p in uncertain():
            hit = pick is True or any(fnmatch.fnmatch(p.key, x) for x in pick)
            if hit and p.key not in fixed and not any(fnmatch.fnmatch(p.key, x) for x in exclude):
                chosen.setdefault(p.key, "table")
    ranges = {}
    for key in chosen:
        rng = explicit.get(key, "table")
        p = PARAMETERS[key]
        if key in fixed:
            raise ExperimentError(f"{where}: '{key}' is also set in [fixed]; give it in one "
                                  f"place only.")
        if p.kind not in (int, float) or p.choices:
            raise ExperimentError(f"{where}: '{key}' cannot be varied: only numeric parameters "
                                  f"can; set it in [fixed] or in a scenario instead.")
        ranges[key] = tuple(parse_range(key, rng, probe, f, "[parameters]"))
    if not ranges:
        raise ExperimentError(f"{where}: no parameters to vary; add e.g. \"casework.info_loss\" = "
                              f"\"table\", or uncertain = true.")
    return ranges


def _groups(table, ranges: dict[str, tuple], f: str) -> dict[str, tuple[str, ...]]:
    """{group: member keys} from [groups] (a validated :class:`~.inputs.SensitivityGroups`):
    a parameter joins the first named group with a pattern that matches it; the rest are their
    own group (by = "parameter") or join the group of their key's first part (by = "prefix")."""
    from .experiment import ExperimentError

    where = f"{f}: [groups]"
    named = dict(table.model_extra or {})
    for group, pats in named.items():
        if (not isinstance(pats, list) or not pats
                or not all(isinstance(x, str) for x in pats)):
            raise _fail(where, group, pats, "a non-empty list of parameter-key patterns, e.g. "
                        "[\"ggz.*\", \"ggz_treatment.*\"]")
    groups: dict[str, list[str]] = {g: [] for g in named}
    for key in ranges:
        group = next((g for g, pats in named.items()
                      if any(fnmatch.fnmatch(key, x) for x in pats)), None)
        if group is None:
            group = key.split(".", 1)[0] if table.by == "prefix" else key
        groups.setdefault(group, []).append(key)
    empty = [g for g, keys in groups.items() if not keys]
    if empty:
        raise ExperimentError(f"{where}: group '{empty[0]}' matches none of the varied "
                              f"parameters; check its patterns against [parameters].")
    return {g: tuple(keys) for g, keys in groups.items()}


def _metric_list(values: list[str] | None, key: str, default: list, f: str) -> list[str]:
    from .experiment import ExperimentError, check_metric

    values = default if values is None else values
    for m in values:
        check_metric(m, f"{f}: [outputs] {key}:")
    if len(set(values)) != len(values):
        raise ExperimentError(f"{f}: [outputs] {key} lists a metric twice.")
    return values


def load_sensitivity(path: "str | Path") -> SensitivityExperiment:
    """Read and validate a sensitivity experiment file; nothing is run or written."""
    from .experiment import (ExperimentError, _check_keys, _flatten, _resolve_scenario,
                             _validated, check_name, check_size, read_toml)
    from .inputs import SensitivityFile, validate
    from .salib_design import Plan

    path = Path(path)
    f = str(path)
    text, data = read_toml(path, "sensitivity experiment", ExperimentError)
    spec = validate(SensitivityFile, data, f, ExperimentError)
    name = spec.name or check_name(path.stem, f)
    options = getattr(spec, spec.method).model_dump(exclude_none=True)
    if spec.method == "morris" and options.get("candidates", math.inf) <= options.get(
            "trajectories", 10):
        raise _fail(f"{f}: [morris]", "candidates", options["candidates"],
                    "a whole number above 'trajectories'")
    scenario = _resolve_scenario(spec.scenario, path.parent, f"{f}: scenario")
    reform = spec.reform and _resolve_scenario(spec.reform, path.parent, f"{f}: reform")
    if reform and reform.name == scenario.name:
        raise _fail(f, "reform", spec.reform, f"a scenario other than '{scenario.name}'")
    fixed = _flatten(spec.fixed)
    _check_keys("[fixed]", fixed, f)
    fixed = {k: _validated(scenario, {k: v}, f"{f}: [fixed]").params[k] for k, v in fixed.items()}
    ranges = _parameters(spec.parameters, fixed, scenario, f)
    outputs = spec.outputs
    metrics = _metric_list(outputs.metrics, "metrics", DEFAULT_METRICS, f)
    differences = _metric_list(outputs.differences, "differences",
                               DEFAULT_METRICS if reform else [], f)
    if differences and not reform:
        raise ExperimentError(f"{f}: [outputs] differences need a reform scenario; add e.g. "
                              f"reform = \"fixed-director\".")
    if not metrics and not differences:
        raise ExperimentError(f"{f}: [outputs] names no metrics or differences to analyse.")
    groups = _groups(spec.groups, ranges, f) if spec.groups is not None else None
    if groups is None:
        plan = Plan(names=tuple(ranges), bounds=tuple(ranges.values()), method=spec.method,
                    integer=tuple(PARAMETERS[k].kind is int for k in ranges), seed=spec.seed,
                    **options)
    else:
        plan = Plan(names=tuple(groups), bounds=((0.0, 1.0),) * len(groups),
                    method=spec.method, seed=spec.seed, **options)
    check_size(f, plan.size() * (2 if reform else 1), spec.replicates, "design rows")
    return SensitivityExperiment(
        name=name, path=path.resolve(), text=text, description=spec.description,
        scenario=scenario, reform=reform, seed=spec.seed, replicates=spec.replicates, fixed=fixed,
        plan=plan, metrics=tuple(metrics), differences=tuple(differences),
        censored=outputs.censored, groups=groups, ranges=ranges)


# --- the model as an evaluator -----------------------------------------------------------------

def model_experiment(spec: SensitivityExperiment, rows: list[dict[str, Any]]):
    """The sweep experiment for the design's distinct rows (every point validated), and for
    each design row the index of its distinct row."""
    from .experiment import designed_experiment

    distinct: dict[tuple, int] = {}
    where = [distinct.setdefault(tuple(r.values()), len(distinct)) for r in rows]
    unique = [spec.values(dict(zip(spec.plan.names, values))) for values in distinct]
    scenarios = {spec.scenario.name: spec.scenario}
    if spec.reform:
        scenarios[spec.reform.name] = spec.reform
    metrics = tuple(dict.fromkeys([*spec.metrics, *spec.differences]))
    exp = designed_experiment(path=spec.path, text=spec.text, name=spec.name, seed=spec.seed,
                              replicates=spec.replicates, scenarios=scenarios, fixed=spec.fixed,
                              design=unique, metrics=metrics, description=spec.description)
    return exp, where


class Incomplete(Exception):
    """Runs are missing from the store (interrupted, or a worker died); nothing to analyse yet."""


def censorable(metric: str) -> bool:
    """A time-to-stability median: None when fewer than half the households got stable."""
    last = metric.rsplit(".", 1)[-1]
    return last.startswith("time_to_stability") and last.endswith("median_days")


def stored_outputs(spec: SensitivityExperiment, exp, where: list[int], folder: Path,
                   notes: list[str] | None = None):
    """{output: array (design rows, replicates)} from the store; NaN where a run failed. With
    censored = "window", a time-to-stability median a run never reached counts as the run's
    window (run.years x 365 days): the output is the median capped at the window."""
    import numpy as np
    import pandas as pd

    from .store import load_results

    df = load_results(folder)
    total = len(exp.points) * spec.replicates
    if len(df) < total:
        raise Incomplete(f"{folder}/ holds {len(df)} of the {total} runs; run the same command "
                         f"(without --report-only) to compute the rest.")
    df = df[df["status"] == "ok"]
    if len(df) < total:
        print(f"{PROG}: {total - len(df)} of {total} runs failed; each row's mean uses the "
              f"replicates that succeeded.", file=sys.stderr)
    pos = {p.id: i for i, p in enumerate(exp.points)}
    m = len(exp.points) // (2 if spec.reform else 1)
    rows = df["point_id"].astype(str).map(pos).to_numpy(int)
    reps = df["replicate"].to_numpy(int)
    window = np.array([[p.resolved.params["run.years"] * 365.0] for p in exp.points])
    out = {}
    for metric in exp.metrics:
        grid = np.full((len(exp.points), spec.replicates), np.nan)
        if metric in df:
            grid[rows, reps] = pd.to_numeric(df[metric], errors="coerce").to_numpy(float)
        if spec.censored == "window" and censorable(metric):
            unreached = np.zeros(grid.shape, bool)
            unreached[rows, reps] = True  # a successful run ...
            unreached &= np.isnan(grid)  # ... without a median
            grid = np.where(unreached, window, grid)
            used = unreached if metric in spec.differences else unreached[:m]
            if notes is not None and used.any():
                notes.append(f"{metric}: in {used.sum()} of {used.size} runs fewer than half "
                             f"the households got stable within the run; their median counts "
                             f"as the run's window (censored = \"window\").")
        base = grid[:m][where]
        if metric in spec.metrics:
            out[metric] = base
        if metric in spec.differences:
            out[f"diff.{metric}"] = grid[m:][where] - base
    return {k: out[k] for k in spec.outputs}


def _evaluator(spec, exp, where, args, results: Path, notes: list[str], workers: int):
    """Runs what is missing (unless --report-only), then reads the outputs from the store;
    notes on censored medians are added to ``notes`` (the report's)."""
    status = {"code": 0}

    def evaluate(rows):
        from importlib.metadata import version

        from .runner import EXIT_FAILED_RUNS, Runs, executor_and_lock
        from .store import Store, StoreError

        folder = results / spec.name
        if args.report_only:
            store = Store.open(folder, results)
            stored = store.meta().get("experiment_hash")
            store.close()
            if stored != exp.hash():
                raise StoreError(f"{spec.path}: the store {folder}/ was made from a different "
                                 f"design; run without --report-only (with --new-store to start "
                                 f"afresh).")
            return stored_outputs(spec, exp, where, folder, notes)
        with executor_and_lock(PROG, results, spec.name, workers, args.scheduler) as (pool, window):
            runs = Runs(PROG, pool, window, progress=not args.quiet,
                        retry_failed=args.retry_failed, new_store=args.new_store,
                        info={"workers": None if args.scheduler else workers,
                              "scheduler": args.scheduler, "tool": "sensitivity",
                              "salib": version("SALib")})
            counts = runs.sweep(exp, results)
        if counts["stored_failed"]:
            status["code"] = EXIT_FAILED_RUNS
        return stored_outputs(spec, exp, where, folder, notes)
    return evaluate, status


# --- command line ------------------------------------------------------------------------------

def register(subparsers) -> argparse.ArgumentParser:
    from .sweep import add_run_options

    p = subparsers.add_parser(
        "sensitivity", help="global sensitivity analysis (Morris, Sobol) over parameter ranges",
        description="Run a Morris or Sobol sensitivity analysis described by an experiment file "
                    "(see docs/sensitivity.md) and write indices.csv, plots and report.md into "
                    "results/<name>/. Runs are stored as they finish; the same command again "
                    "computes only what is missing.")
    p.add_argument("experiment", help="sensitivity experiment file (experiments/*.toml)")
    add_run_options(p, "design")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true",
                      help="check the file and print the number of runs; run and write nothing")
    mode.add_argument("--report-only", action="store_true",
                      help="start no runs; analyse the runs stored in results/<name>/")
    p.set_defaults(func=main)
    return p


def _describe(spec: SensitivityExperiment, exp, rows: int) -> str:
    plan = spec.plan
    distinct = len(exp.points) // len(exp.scenarios)
    runs = len(exp.points) * spec.replicates
    over = (f"{len(plan.names)} parameters" if spec.groups is None else
            f"{len(plan.names)} groups of {sum(map(len, spec.groups.values()))} parameters")
    return (f"{spec.name}: {plan.method} over {over}; {rows} design rows "
            f"({distinct} distinct) x {len(exp.scenarios)} scenario(s) x {spec.replicates} "
            f"replicates = {runs} runs; outputs: {', '.join(spec.outputs)}")


def main(args: argparse.Namespace) -> int:
    from .runner import guarded

    return guarded(PROG, lambda: _main(args))


def _main(args: argparse.Namespace) -> int:
    from .runner import EXIT_FAILED_RUNS, EXIT_OK, executor_workers
    from .salib_design import make_design, run_analysis

    results = Path(args.results)
    workers = executor_workers(args, running=not (args.dry_run or args.report_only))
    spec = load_sensitivity(args.experiment)
    design = make_design(spec.plan)
    exp, where = model_experiment(spec, design.rows)
    if args.dry_run:
        print(f"{PROG}: {_describe(spec, exp, len(design.rows))}. Nothing was run.")
        return EXIT_OK
    notes = [spec.description, _describe(spec, exp, len(design.rows)) + ".",
             f"Scenario: {spec.scenario.name}" + (f"; reform: {spec.reform.name} (diff.* "
             f"outputs are reform minus scenario, paired per replicate)" if spec.reform else "")
             + ". Fixed: " + (", ".join(f"{k} = {v}" for k, v in spec.fixed.items()) or "none")
             + "."]
    evaluate, status = _evaluator(spec, exp, where, args, results, notes, workers)
    try:
        analysis = run_analysis(spec.plan, evaluate, results / spec.name, title=spec.name,
                                design=design, notes=notes)
    except Incomplete as exc:
        print(f"{PROG}: not analysed: {exc}", file=sys.stderr)
        return EXIT_FAILED_RUNS
    for output, reason in analysis.skipped.items():
        print(f"{PROG}: {output} not analysed: {reason}.", file=sys.stderr)
    if not args.quiet:
        print(f"{PROG}: report written to {results / spec.name}/report.md; parameters that "
              f"matter:")
        for output in spec.outputs:
            if output not in analysis.skipped:
                print(f"  {output}: {', '.join(analysis.matters(output)) or 'none'}")
    return EXIT_FAILED_RUNS if status["code"] == EXIT_FAILED_RUNS else EXIT_OK
