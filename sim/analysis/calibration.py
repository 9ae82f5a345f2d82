"""``sim calibrate``: estimate uncertain parameters from observed figures by approximate
Bayesian computation, through the sweep machinery.

    sim calibrate calibration/baseline.toml [--workers N] [--scheduler tcp://host:8786]
    sim calibrate calibration/baseline.toml --write-scenario scenarios/calibrated.toml

A calibration file names the targets file, the parameters to estimate with their priors, the
algorithm's settings and fixed model settings (see ``docs/calibration.md``). Every generation
of particles runs as one designed experiment into its own store under ``results/<name>/``
(through the shared runner, :mod:`sim.analysis.runner`), so
a calibration can be stopped at any moment and resumed by the same command. The outputs
(posterior, plots, fit report, a scenario with the calibrated values) are written by
:mod:`sim.analysis.fit`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .runner import EXIT_FAILED_RUNS, EXIT_OK

if TYPE_CHECKING:  # the package's analysis modules pull in numpy and pandas: not for sim --help
    from .abc import Prior
    from .targets import Target

METHODS = ("smc", "replenish", "rejection")
PRIORS = ("uniform", "log-uniform")
MISSING_Z = 10.0  # standardised difference charged when a run gives no value for a target
PROG = "sim calibrate"


class CalibrationError(Exception):
    """A calibration that cannot start or go on; the message is meant for the user as it is."""


@dataclass(frozen=True)
class Calibration:
    path: Path
    text: str
    name: str
    description: str
    scenario_ref: str
    scenario: Any  # sim.scenario.Scenario
    targets_path: Path
    targets: tuple[Target, ...]
    seed: int
    method: str
    replicates: int
    population: int
    keep: float
    generations: int
    min_acceptance: float
    tolerance: float
    pilot_runs: int
    predictive_draws: int
    predictive_replicates: int
    scenario_name: str
    priors: tuple[Prior, ...]
    fixed: dict[str, Any] = field(default_factory=dict)

    @property
    def fitted(self) -> list[Target]:
        return [t for t in self.targets if t.use == "calibration" and t.available
                and not t.journey]

    @property
    def metrics(self) -> tuple[str, ...]:
        """The summary metrics the runs keep: those of every available target (a named
        household's journey is computed apart, by the held-out comparison)."""
        return tuple(dict.fromkeys(t.metric for t in self.targets
                                   if t.available and not t.journey))

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.priors]

    def canonical(self) -> dict[str, Any]:
        """What decides the runs. Stopping rules (generations, min_acceptance, tolerance),
        texts and validation targets may change under an existing calibration."""
        return {"name": self.name, "seed": self.seed, "method": self.method,
                "replicates": self.replicates, "population": self.population, "keep": self.keep,
                "pilot_runs": self.pilot_runs, "predictive_draws": self.predictive_draws,
                "predictive_replicates": self.predictive_replicates,
                "priors": [[p.key, p.low, p.high, p.log] for p in self.priors],
                "fixed": self.fixed, "scenario": self.scenario_files(),
                "targets": [[t.name, t.value, t.low, t.high, t.metric, t.weight]
                            for t in self.fitted]}

    def scenario_files(self) -> list[list[str]]:
        """[path relative to this file, sha256 of its text] along the scenario's extends chain."""
        from .experiment import file_identity, scenario_sources

        sources = scenario_sources(self.scenario, self.path.parent, str(self.path))
        return file_identity({"": sources})[""]

    def hash(self) -> str:
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def seed_for(self, *purpose: int) -> int:
        import numpy as np

        return int(np.random.SeedSequence([self.seed, *purpose]).generate_state(1)[0])


# --- reading the calibration file ------------------------------------------------------------

def load_calibration(path: str | Path) -> Calibration:
    """Read and validate a calibration file and its targets; nothing is run or written."""
    from ..scenario import ScenarioError
    from .experiment import (ExperimentError, _check_keys, _flatten, _resolve_scenario,
                             check_name, check_size, read_toml)
    from .inputs import MAX_RUNS, CalibrationFile, short, validate
    from .targets import TargetsError, load_targets

    path = Path(path)
    text, data = read_toml(path, "calibration", CalibrationError)
    f = str(path)
    spec = validate(CalibrationFile, data, f, CalibrationError)
    try:
        name = spec.name or check_name(path.stem, f)
    except ExperimentError as exc:
        raise CalibrationError(str(exc)) from None
    if not 2 <= round(spec.keep * spec.population) < spec.population:
        raise CalibrationError(f"{f}: 'keep' = {spec.keep!r} is not allowed; it must keep at "
                               f"least 2 and fewer than all {spec.population} particles of the "
                               f"population.")
    method, population, keep = spec.method, spec.population, spec.keep
    settings = {k: getattr(spec, k) for k in (
        "description", "seed", "replicates", "generations", "min_acceptance", "tolerance",
        "pilot_runs", "predictive_draws", "predictive_replicates", "scenario_name")}
    runs = population * settings["replicates"] * settings["generations"]
    if runs > MAX_RUNS:
        raise CalibrationError(f"{f}: population x replicates x generations = {runs:,} runs at "
                               f"most; at most {MAX_RUNS:,} are allowed. Use fewer.")
    try:
        check_size(f, settings["predictive_draws"], settings["predictive_replicates"],
                   "predictive draws")
    except ExperimentError as exc:
        raise CalibrationError(str(exc)) from None
    scenario_ref = spec.scenario
    scenario = _resolve_scenario(scenario_ref, path.parent, f)
    targets_ref = spec.targets
    try:
        targets = load_targets(path.parent / targets_ref)
    except TargetsError as exc:
        raise CalibrationError(f"{f}: 'targets' = {short(targets_ref)} cannot be used: "
                               f"{exc}") from None

    fixed = _flatten(spec.fixed)
    params = _flatten(spec.parameters)
    if not params:
        raise CalibrationError(f"{f}: [parameters] names no parameters; add e.g. "
                               f"\"ggz.response_days\" = \"table\" or = [30, 120].")
    _check_keys("[fixed]", fixed, f)
    _check_keys("[parameters]", params, f)
    both = sorted(set(fixed) & set(params))
    if both:
        raise CalibrationError(f"{f}: '{both[0]}' is both in [fixed] and [parameters]; give it "
                               f"in one place only.")
    try:
        checked = scenario.with_overrides(fixed, origin=f"{f}: [fixed]")
    except ScenarioError as exc:
        raise CalibrationError(str(exc)) from None
    priors = tuple(_prior(key, spec, scenario, f) for key, spec in params.items())
    if not any(t.use == "calibration" and t.available and not t.journey for t in targets):
        raise CalibrationError(f"{f}: none of the calibration targets in {targets_ref} has a "
                               f"metric the run summary holds (all are pending); nothing to fit.")
    return Calibration(path.resolve(), text, name, scenario_ref=scenario_ref, scenario=scenario,
                       targets_path=(path.parent / targets_ref).resolve(), targets=tuple(targets),
                       method=method, population=population, keep=keep, priors=priors,
                       fixed={k: checked.params[k] for k in fixed}, **settings)


def _prior(key: str, spec: Any, scenario, origin: str) -> Prior:
    """A prior from "table", [low, high] or {range = ..., prior = "uniform"|"log-uniform"}."""
    from ..parameters import PARAMETERS
    from .abc import Prior
    from .experiment import parse_range

    where = f"{origin}: [parameters] '{key}'"
    p = PARAMETERS[key]
    if p.kind not in (int, float) or p.choices:
        raise CalibrationError(f"{where} cannot be estimated: only numeric parameters can.")
    shape = "uniform"
    if isinstance(spec, dict):
        unknown = [k for k in spec if k not in ("range", "prior")]
        if unknown:
            raise CalibrationError(f"{where}: unknown key '{unknown[0]}'. Allowed: range, prior.")
        shape = spec.get("prior", "uniform")
        if shape not in PRIORS:
            raise CalibrationError(f"{where}: prior = {shape!r} is not allowed; it must be one of "
                                   f"{', '.join(map(repr, PRIORS))}.")
        spec = spec.get("range", "table")
    low, high = parse_range(key, spec, scenario, origin, "[parameters]")
    if shape == "log-uniform" and low <= 0:
        raise CalibrationError(f"{where}: a log-uniform prior needs low above 0, not {low!r}.")
    return Prior(key, float(low), float(high), shape == "log-uniform", p.kind is int)


# --- running -----------------------------------------------------------------------------------

class Generations:
    """Runs designed experiments of particles into stores under results/<name>/, through the
    shared runner."""

    def __init__(self, cal: Calibration, folder: Path, runs):
        self.cal, self.folder, self.runs = cal, folder, runs

    @property
    def failed(self) -> int:
        return self.runs.failed

    @property
    def ran(self) -> int:
        return self.runs.ran

    def run(self, label: str, rows: list[dict[str, Any]], seed: int, replicates: int):
        """Run every distinct row; returns (unique rows, index of each row among them, the
        stored runs)."""
        from .experiment import designed_experiment
        from .store import load_results

        unique: dict[tuple, int] = {}
        index = [unique.setdefault(tuple(r.items()), len(unique)) for r in rows]
        design = [dict(k) for k in unique]
        exp = designed_experiment(
            path=self.cal.path, text=self.cal.text, name=label, seed=seed, replicates=replicates,
            scenarios={self.cal.scenario.name: self.cal.scenario}, fixed=self.cal.fixed,
            design=design, metrics=self.cal.metrics,
            description=f"{PROG} {self.cal.name}: {label}")
        counts = self.runs.sweep(exp, self.folder)
        runs = load_results(counts["directory"])
        position = {p.id: i for i, p in enumerate(exp.points)}
        runs.insert(0, "row", runs["point_id"].astype(str).map(position).astype("int64"))
        return design, index, runs


def target_values(runs, targets):
    """One column per target: its metric per stored run (NaN when failed or not observed)."""
    import pandas as pd

    ok = runs["status"] == "ok"
    out = pd.DataFrame({"row": runs["row"], "replicate": runs["replicate"]})
    for t in targets:
        col = runs[t.metric] if t.metric in runs else pd.Series(float("nan"), index=runs.index)
        out[t.name] = pd.to_numeric(col, errors="coerce").where(ok)
    out["ok"] = ok
    return out


def noise_sd(noise: tuple[float, float], value: float) -> float:
    """The model's own noise (sd of one run) at a simulated value: the sd measured at the
    scenario's values, or the same coefficient of variation, whichever is larger."""
    sd, cv = noise
    return max(sd, cv * abs(value)) if math.isfinite(value) else sd


def distances(means, targets, noise: dict[str, tuple[float, float]], replicates: int):
    """Root mean square of the weighted standardised differences, one per row of ``means``."""
    import numpy as np

    total = np.zeros(len(means))
    for t in targets:
        z = np.array([t.z(v, noise_sd(noise.get(t.name, (0.0, 0.0)), v) / math.sqrt(replicates))
                      for v in means[t.name]])
        total += t.weight * np.where(np.isnan(z), MISSING_Z, z) ** 2
    return np.sqrt(total / sum(t.weight for t in targets))


def measured_noise(values) -> tuple[float, float]:
    """(sd, coefficient of variation) of one run, from the pilot runs (zero from one run)."""
    x = values.dropna().to_numpy(float)
    if x.size < 2:
        return 0.0, 0.0
    sd = float(x.std(ddof=1))
    mean = abs(float(x.mean()))
    return sd, sd / mean if mean > 0 else 0.0


def calibrate(cal: Calibration, results_dir: Path, executor, window=None, *, progress=True,
              new_store=False, write_scenario: Path | None = None) -> dict[str, Any]:
    """Run the calibration (resuming what is stored) and write its outputs. Returns a dict
    with the folder, the files written and the number of failed runs."""
    import numpy as np

    from . import fit
    from .abc import rng_for, resample, run_abc
    from .runner import Runs

    folder = _folder(cal, Path(results_dir), new_store)

    def say(msg: str) -> None:
        if progress:
            print(f"{PROG}: {msg}", file=sys.stderr)

    runner = Generations(cal, folder, Runs(PROG, executor, window, progress=progress, info={
        "tool": "calibrate", "calibration": cal.name, "calibration_hash": cal.hash()}))
    fitted = cal.fitted

    # the scenario's own values: the model's noise per target, and the comparison in the report
    defaults_row = {k: cal.scenario.params[k] for k in cal.keys}
    pilot_seed = cal.seed_for(2)
    _, _, runs = runner.run("defaults", [defaults_row], pilot_seed, cal.pilot_runs)
    defaults = target_values(runs, cal.targets)
    noise = {t.name: measured_noise(defaults[t.name]) for t in fitted}
    say("model noise at the scenario's values (sd of one run): "
        + ", ".join(f"{k} {sd:.3g}" for k, (sd, _) in noise.items()))

    simulated: dict[int, Any] = {}

    def simulate(generation: int, theta):
        rows = [{p.key: p.value(u) for p, u in zip(cal.priors, row)} for row in theta]
        _, index, runs = runner.run(f"generation-{generation:02d}", rows,
                                    cal.seed_for(1, generation), cal.replicates)
        values = target_values(runs, cal.targets)
        means = values[values["ok"]].groupby("row")[[t.name for t in cal.targets]].mean()
        means = means.reindex(range(max(index) + 1)).iloc[index].reset_index(drop=True)
        d = distances(means, fitted, noise, cal.replicates)
        failed = values[~values["ok"]]["row"].unique()
        d[np.isin(np.asarray(index), failed)] = np.inf
        simulated[generation] = means.assign(distance=d, **{k: [r[k] for r in rows]
                                                            for k in cal.keys})
        return d

    def report(h):
        say(f"generation {h['generation']}: {h['runs']} runs, tolerance {h['epsilon']:.3g}, "
            f"acceptance {h['acceptance']:.2f}, effective sample size {h['ess']:.0f}"
            + (f" ({h['distinct']} distinct)" if "distinct" in h else ""))

    pop, history = run_abc(list(cal.priors), simulate, seed=cal.seed, population=cal.population,
                           keep=cal.keep, method=cal.method, generations=cal.generations,
                           min_acceptance=cal.min_acceptance, tolerance=cal.tolerance,
                           progress=report)
    posterior = fit.posterior_table(cal, pop, simulated)

    # posterior predictive: particles drawn by weight, run with the pilot's seeds (paired)
    picks = resample(pop.normalised, cal.predictive_draws, rng_for(cal.seed, 0, purpose=1))
    rows = [{k: posterior[k].iloc[i] for k in cal.keys} for i in picks]
    rows = [{k: (int(v) if p.integer else float(v)) for (k, v), p in zip(r.items(), cal.priors)}
            for r in rows]
    last = int(history[-1]["generation"])
    _, index, runs = runner.run(f"predictive-{last:02d}", rows, pilot_seed,
                                cal.predictive_replicates)
    predictive = target_values(runs, cal.targets)
    multiplicity = np.bincount(index, minlength=int(predictive["row"].max()) + 1)
    predictive["weight"] = multiplicity[predictive["row"].to_numpy()]

    written = fit.write_outputs(cal, folder, posterior, history, defaults, predictive, noise,
                                failed=runner.failed)
    if write_scenario is not None:
        written.append(fit.write_scenario(cal, posterior, Path(write_scenario)))
    return {"folder": folder, "written": written, "failed": runner.failed, "ran": runner.ran,
            "history": history}


def _folder(cal: Calibration, results_dir: Path, new_store: bool) -> Path:
    """results/<name>/, checked against the calibration that made it (or set aside)."""
    from datetime import datetime

    folder = results_dir / cal.name
    marker = folder / "calibration.json"
    if marker.is_file():
        old = json.loads(marker.read_text(encoding="utf-8"))
        if old.get("hash") != cal.hash():
            if not new_store:
                new = json.loads(json.dumps(cal.canonical(), default=str))
                changed = [k for k in new if old.get("canonical", {}).get(k) != new[k]] or ["?"]
                raise CalibrationError(
                    f"{cal.path}: the calibration differs from the one that made {folder}/ "
                    f"(changed: {', '.join(changed)}); its runs would not fit the new one. Rerun "
                    f"with --new-store to set the old results aside, or give the calibration a "
                    f"different 'name'. (generations, min_acceptance and tolerance may change.)")
            aside = folder.with_name(f"{cal.name}.replaced-{datetime.now():%Y%m%dT%H%M%S}")
            folder.rename(aside)
            print(f"{PROG}: the old results were moved to {aside}/", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    if not marker.is_file():
        body = {"hash": cal.hash(), "canonical": cal.canonical(), "file": str(cal.path)}
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(json.dumps(body, indent=1, default=str), encoding="utf-8")
        os.replace(tmp, marker)
    return folder


def describe(cal: Calibration) -> str:
    """What a calibration would run, at most, and which targets it fits."""
    from .abc import kept

    later = 0 if cal.method == "rejection" else cal.generations - 1
    new = cal.population - kept(cal.population, cal.keep)  # proposed per later generation
    gens = (cal.population + later * new) * cal.replicates
    runs = cal.pilot_runs + gens + cal.predictive_draws * cal.predictive_replicates
    off = [t.name for t in cal.targets if not t.available]
    held = [t for t in cal.targets if t.use == "validation"]
    return (f"{cal.name}: {len(cal.priors)} parameters from {len(cal.fitted)} calibration "
            f"targets; at most {runs:,} runs ({cal.pilot_runs} pilot + {cal.population} "
            f"particles + {later} later generation(s) x {new} new particles, x "
            f"{cal.replicates} replicate(s), + "
            f"{cal.predictive_draws} x {cal.predictive_replicates} predictive); "
            f"{len(held)} held-out figures" + (f"; unavailable (metric not in the summary yet): "
                                               f"{', '.join(off)}" if off else "") + ".")


# --- command line --------------------------------------------------------------------------------

def register(subparsers) -> argparse.ArgumentParser:
    from .runner import add_run_options

    p = subparsers.add_parser(
        "calibrate", help="estimate parameters from observed figures (ABC)",
        description="Estimate the parameters named in a calibration file by approximate Bayesian "
                    "computation (see docs/calibration.md). Runs are stored under "
                    "results/<name>/ as they finish; the same command again computes only what "
                    "is missing and rewrites the outputs.")
    p.add_argument("calibration", help="calibration file (calibration/*.toml)")
    add_run_options(p, "calibration", retry=False)
    p.add_argument("--write-scenario", metavar="PATH",
                   help="also write the calibrated scenario there, e.g. scenarios/calibrated.toml")
    p.add_argument("--dry-run", action="store_true",
                   help="start no runs; check the files and count the runs at most")
    p.add_argument("--validate", action="store_true",
                   help="run the calibrated scenario and the previous calibration over "
                        "replicates and write the held-out table of docs/validation.md "
                        "(see sim.analysis.validation)")
    p.add_argument("--replicates", type=int, default=10, metavar="N",
                   help="with --validate: replicates per scenario (default 10)")
    p.set_defaults(func=main)
    return p


def main(args: argparse.Namespace) -> int:
    from .runner import guarded

    return guarded(PROG, lambda: _main(args))


def _main(args: argparse.Namespace) -> int:
    from .runner import executor_and_lock, executor_workers

    results = Path(args.results)
    cal = load_calibration(args.calibration)
    if args.dry_run:
        print(f"{PROG}: {describe(cal)} Nothing was run.")
        return EXIT_OK
    workers = executor_workers(args)
    if args.validate:
        from .validation import validate

        if args.replicates < 2:
            raise CalibrationError(f"--replicates {args.replicates}: give a whole number from 2.")
        with executor_and_lock(PROG, results, cal.name, workers, args.scheduler) as (pool,
                                                                                     window):
            out = validate(cal, results, pool, window, replicates=args.replicates,
                           progress=not args.quiet, new_store=args.new_store)
        if not args.quiet:
            print(f"{PROG}: held-out table written to " + ", ".join(
                str(p) for p in out["written"]))
        return EXIT_OK
    with executor_and_lock(PROG, results, cal.name, workers, args.scheduler) as (pool, window):
        out = calibrate(cal, results, pool, window, progress=not args.quiet,
                        new_store=args.new_store, write_scenario=args.write_scenario)
    if not args.quiet:
        print(f"{PROG}: {cal.name}: outputs in {out['folder']}/: "
              + ", ".join(p.name for p in out["written"]))
    if out["failed"]:
        print(f"{PROG}: {out['failed']} runs failed and count as far from every target; "
              f"see load_results('{out['folder']}/<generation>').query(\"status == 'failed'\").",
              file=sys.stderr)
        return EXIT_FAILED_RUNS
    return EXIT_OK
