"""``sim sweep``: run every point of an experiment, crash-safe, on local cores or a Dask cluster.

    sim sweep experiments/reforms.toml                  # local cores (ProcessPoolExecutor)
    sim sweep experiments/reforms.toml --scheduler tcp://host:8786   # a Dask cluster
    sim sweep experiments/reforms.toml --report         # run what is missing, then report
    sim sweep reforms --report                          # report on the store alone

Runs go through the ``concurrent.futures`` executor interface, so the local pool and Dask's
``Client.get_executor()`` are interchangeable. Each finished run is stored at once (see
:mod:`sim.analysis.store`); running the same command again computes only what is missing.
The executor, lock, store and exit codes are those of :mod:`sim.analysis.runner`, shared
with ``sim sensitivity`` and ``sim calibrate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .runner import (EXIT_FAILED_RUNS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE,  # noqa: F401
                     RunnerError, add_run_options, executor_workers, run_one, run_sweep)
from .runner import make_executor as _executor  # noqa: F401  (the name tools used before)

PROG = "sim sweep"
SweepError = RunnerError  # the name this module used before


# --- report ---------------------------------------------------------------------------------

def _numeric(series):
    import pandas as pd

    return pd.to_numeric(series, errors="coerce")


def ci_table(runs, keys: list[str], metric: str):
    """Mean and 95% t-interval of ``metric`` over runs, per group of ``keys``."""
    import numpy as np
    import pandas as pd
    from scipy import stats

    values = runs.assign(_v=_numeric(runs[metric]))
    g = values.groupby(keys, sort=False, dropna=False)["_v"]
    out = pd.DataFrame({"n": g.count(), "mean": g.mean(), "sd": g.std(ddof=1)}).reset_index()
    n = out["n"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.975, n - 1) * out["sd"].to_numpy() / np.sqrt(n)
    out["ci95_low"], out["ci95_high"] = out["mean"] - half, out["mean"] + half
    return out


def write_report(ref, results_dir="results", metrics=None, quiet=False) -> list[Path]:
    """summary.csv (mean and 95% t-interval per point and metric) and a PNG per main metric
    and varied parameter, written into the store's folder. Returns the files written."""
    import json

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from .store import Store, load_results

    store = Store.open(ref, Path(results_dir))
    meta, folder = store.meta(), store.directory
    store.close()
    df = load_results(folder)
    varied, sampled = json.loads(meta.get("varied", "[]")), json.loads(meta.get("sampled", "[]"))
    metrics = list(metrics or json.loads(meta.get("metrics", "[]")))
    missing = [m for m in metrics if m not in df.columns]
    if missing and len(df):
        print(f"{PROG}: no results for metric(s) {', '.join(missing)}; left out of the report.",
              file=sys.stderr)
    metrics = [m for m in metrics if m in df.columns]
    ok = df[df["status"] == "ok"]
    keys = ["point", "point_id", "scenario", *varied]
    failed = df.assign(failed=df["status"] != "ok").groupby("point")["failed"].sum()
    parts = []
    for m in metrics:
        t = ci_table(ok, keys, m)
        t.insert(len(keys), "metric", m)
        t["failed_runs"] = t["point"].map(failed).fillna(0).astype(int)
        parts.append(t)
    summary = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=keys)
    written = [folder / "summary.csv"]
    summary.sort_values(["point", "metric"], kind="stable").to_csv(written[0], index=False)

    # plots: each metric against each varied parameter (and against the scenario if several)
    axes = varied + (["scenario"] if df["scenario"].nunique() > 1 else [])
    for m in metrics:
        for x in axes:
            fig, ax = plt.subplots(figsize=(6.4, 4.2))
            if x == "scenario":
                t = ci_table(ok, ["scenario"], m)
                ax.bar(t["scenario"], t["mean"], yerr=t["mean"] - t["ci95_low"], capsize=4,
                       color="tab:blue", alpha=0.8)
                plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
            else:
                others = [v for v in varied if v != x and v not in sampled]
                lines = ["scenario", *others]
                if ok[lines].drop_duplicates().shape[0] > 8:
                    lines = ["scenario"]  # too many lines: average over the other parameters
                t = ci_table(ok, [*lines, x], m).sort_values(x)
                for label, g in t.groupby(lines, sort=False):
                    label = ", ".join(f"{k}={v}" for k, v in zip(lines, label)
                                      if k != "scenario" or df["scenario"].nunique() > 1)
                    style = "o" if x in sampled else "o-"
                    ax.errorbar(g[x], g["mean"], yerr=g["mean"] - g["ci95_low"], fmt=style,
                                capsize=3, label=label or None)
                if ax.get_legend_handles_labels()[0]:
                    ax.legend(fontsize=7)
                ax.set_xlabel(x)
            if not ok[m].notna().any():
                ax.text(0.5, 0.5, "no values", ha="center", transform=ax.transAxes)
            ax.set_ylabel(m)
            ax.set_title(f"{meta.get('experiment_name', '')}: mean and 95% interval", fontsize=9)
            fig.tight_layout()
            path = folder / f"plot-{m}-vs-{x}.png".replace("/", "_")
            fig.savefig(path, dpi=110)
            plt.close(fig)
            written.append(path)
    if not quiet:
        print(f"{PROG}: report written to {folder}/ (summary.csv and {len(written) - 1} plots)")
    return written


# --- command line ---------------------------------------------------------------------------

def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "sweep", help="run an experiment: scenarios x parameter values x replicates",
        description="Run every point of an experiment file (see docs/sweeps.md). Finished runs "
                    "are stored in results/<name>/runs.sqlite as they finish; the same command "
                    "again computes only what is missing.")
    p.add_argument("experiment", help="experiment file (experiments/*.toml); with --report also "
                                      "a results folder or experiment name")
    add_run_options(p)
    p.add_argument("--report", action="store_true",
                   help="write summary.csv and plots into results/<name>/")
    p.add_argument("--no-run", action="store_true", help="start no runs (with --report: report "
                                                         "on what is stored)")
    p.add_argument("--dry-run", action="store_true",
                   help="check the file, print the number of runs (points x replicates) and exit; "
                        "nothing is run or written")
    p.set_defaults(func=main)
    return p


def main(args: argparse.Namespace) -> int:
    from .runner import guarded

    return guarded(PROG, lambda: _main(args))


def _main(args: argparse.Namespace) -> int:
    from .experiment import load_experiment
    from .runner import Runs, executor_and_lock
    from .store import StoreError

    results = Path(args.results)
    target = Path(args.experiment)
    if not (target.suffix == ".toml" or target.is_file()):  # a store: report only
        if not args.report:
            raise StoreError(f"{target}: not an experiment file (.toml); to report on a "
                             f"stored sweep add --report.")
        write_report(target, results, quiet=args.quiet)
        return EXIT_OK
    exp = load_experiment(target)
    if args.dry_run:
        print(describe(exp))
        return EXIT_OK
    workers = executor_workers(args, running=not args.no_run)
    status = EXIT_OK
    if not args.no_run:
        with executor_and_lock(PROG, results, exp.name, workers, args.scheduler) as (pool, window):
            runs = Runs(PROG, pool, window, progress=not args.quiet,
                        retry_failed=args.retry_failed, new_store=args.new_store,
                        info={"workers": None if args.scheduler else workers,
                              "scheduler": args.scheduler})
            status = _finish(exp, runs.sweep(exp, results), args.quiet)
    if args.report:
        write_report(results / exp.name, results, metrics=exp.metrics, quiet=args.quiet)
    return status


def describe(exp) -> str:
    """One line: the experiment's points, replicates and runs."""
    return (f"{PROG}: {exp.name}: {len(exp.points)} points x {exp.replicates} replicates = "
            f"{len(exp.points) * exp.replicates} runs. Nothing was run.")


def _finish(exp, counts: dict, quiet: bool) -> int:
    failed, folder = counts["stored_failed"], counts["directory"]
    if not quiet:
        print(f"{PROG}: {exp.name}: {counts['ran']} runs now, {counts['earlier']} stored "
              f"earlier, {counts['total']} in all; {failed} failed. Results: {folder}/")
    if failed:
        print(f"{PROG}: {failed} runs failed; see their error with "
              f"load_results('{folder}').query(\"status == 'failed'\"), fix the cause "
              f"and rerun with --retry-failed.", file=sys.stderr)
        return EXIT_FAILED_RUNS
    return EXIT_OK
