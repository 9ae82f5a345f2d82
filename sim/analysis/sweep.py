"""``sim sweep``: run every point of an experiment, crash-safe, on local cores or a Dask cluster.

    sim sweep experiments/reforms.toml                  # local cores (ProcessPoolExecutor)
    sim sweep experiments/reforms.toml --scheduler tcp://host:8786   # a Dask cluster
    sim sweep experiments/reforms.toml --report         # run what is missing, then report
    sim sweep reforms --report                          # report on the store alone

Runs go through the ``concurrent.futures`` executor interface, so the local pool and Dask's
``Client.get_executor()`` are interchangeable. Each finished run is stored at once (see
:mod:`sim.analysis.store`); running the same command again computes only what is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED_RUNS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class SweepError(Exception):
    """A sweep that cannot start; the message is meant for the user as it is."""


def run_one(scenario, seed: int) -> dict[str, Any]:
    """The worker: one simulation; an error becomes a failed result, never an exception."""
    import json
    import socket
    import time
    import traceback

    start = time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        from sim.run import run

        summary = json.loads(json.dumps(run(scenario, seed=seed)))  # must be JSON-ready
        return {"status": "ok", "summary": summary, "worker": worker,
                "seconds": time.perf_counter() - start}
    except Exception:
        return {"status": "failed", "error": traceback.format_exc(limit=-8), "worker": worker,
                "seconds": time.perf_counter() - start}


def run_sweep(exp, store, executor, session: int, *, window: int | None = None,
              retry_failed: bool = False, progress: bool = True) -> dict[str, int]:
    """Submit every missing run to ``executor`` (at most ``window`` at a time) and store each
    result as it arrives. Returns counts: total, earlier, ran, failed (this session)."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    from tqdm import tqdm

    tasks = exp.tasks()
    skip = store.finished("ok" if retry_failed else None)
    todo = iter([t for t in tasks if (t[0].id, t[1]) not in skip])
    earlier = len([t for t in tasks if (t[0].id, t[1]) in skip])
    window = window or len(tasks)
    counts = {"total": len(tasks), "earlier": earlier, "ran": 0, "failed": 0}
    inflight: dict[Any, tuple] = {}

    def fill():
        while len(inflight) < window and (task := next(todo, None)) is not None:
            point, _, seed = task
            inflight[executor.submit(run_one, point.resolved, seed)] = task

    bar = tqdm(total=len(tasks), initial=earlier, unit="run", desc=exp.name, disable=not progress,
               dynamic_ncols=True, smoothing=0.1)
    try:
        fill()
        while inflight:
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                point, rep, seed = inflight.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    raise
                except Exception as exc:  # lost in transport, worker died on a cluster, ...
                    result = {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}
                store.record(point.id, rep, seed, result, session)
                counts["ran"] += 1
                counts["failed"] += result["status"] != "ok"
                bar.update(1)
                bar.set_postfix(failed=counts["failed"], refresh=False)
            fill()
    finally:
        bar.close()
        for fut in inflight:
            fut.cancel()
    return counts


def _executor(workers: int, scheduler: str | None):
    """(executor, window, close) for local processes or a Dask scheduler."""
    if scheduler:
        from distributed import Client  # checked by main() before anything is written

        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise SweepError(f"--scheduler {scheduler}: cannot reach the Dask scheduler "
                             f"({exc}); is `dask scheduler` running there?") from None
        executor = client.get_executor(pure=False)  # every run is its own task

        def close():
            executor.shutdown(wait=False)
            client.close()
        return executor, None, close  # the scheduler queues everything itself
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    return executor, 2 * workers, lambda: executor.shutdown(wait=True, cancel_futures=True)


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
        print(f"sim sweep: no results for metric(s) {', '.join(missing)}; left out of the report.",
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
        print(f"sim sweep: report written to {folder}/ (summary.csv and {len(written) - 1} plots)")
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


def add_run_options(p: argparse.ArgumentParser, what: str = "experiment",
                         retry: bool = True) -> None:
    """The options every tool that runs through the stores shares: where the runs go, where
    they are kept, starting afresh, retrying failures and quiet output."""
    p.add_argument("--workers", type=int, default=None,
                   help="local worker processes (default: number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster, e.g. tcp://host:8786 (needs the 'dask' extra)")
    p.add_argument("--new-store", action="store_true",
                   help=f"if the {what} changed, move the old results aside and start afresh")
    if retry:
        p.add_argument("--retry-failed", action="store_true", help="run failed runs again")
    p.add_argument("--results", default="results", metavar="DIR",
                   help="folder that holds the results (default: results)")
    p.add_argument("--quiet", action="store_true", help="no progress output")


def executor_workers(args: argparse.Namespace, running: bool = True) -> int:
    """The number of local workers from --workers; refuses a bad number, and --scheduler
    without Dask when runs are to start."""
    workers = (os.cpu_count() or 1) if args.workers is None else args.workers
    if workers < 1:
        raise SweepError(f"--workers {workers}: give a whole number from 1.")
    if args.scheduler and running:
        try:
            import distributed  # noqa: F401  (optional: the 'dask' extra)
        except ImportError:
            raise SweepError("--scheduler needs dask.distributed; install the 'dask' extra "
                             "(pip install 'dask[distributed]').") from None
    return workers


def main(args: argparse.Namespace) -> int:
    from .experiment import ExperimentError, load_experiment
    from .store import Store, StoreError, lock, provenance

    results = Path(args.results)
    target = Path(args.experiment)
    try:
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
            executor, window, close = _executor(workers, args.scheduler)  # before writing
            try:
                with lock(results, exp.name):
                    store = Store.for_experiment(exp, results, new_store=args.new_store)
                    try:
                        status = _sweep(exp, store, executor, window, args, provenance(
                            workers=None if args.scheduler else workers,
                            scheduler=args.scheduler, experiment_hash=exp.hash()))
                    finally:
                        store.close()
            finally:
                close()
        if args.report and status != EXIT_INTERRUPTED:
            write_report(results / exp.name, results, metrics=exp.metrics, quiet=args.quiet)
        return status
    except (ExperimentError, StoreError, SweepError) as exc:
        print(f"sim sweep: {exc}", file=sys.stderr)
        return EXIT_USAGE


def describe(exp) -> str:
    """One line: the experiment's points, replicates and runs."""
    return (f"sim sweep: {exp.name}: {len(exp.points)} points x {exp.replicates} replicates = "
            f"{len(exp.points) * exp.replicates} runs. Nothing was run.")


def _sweep(exp, store, executor, window, args, info) -> int:
    from concurrent.futures.process import BrokenProcessPool

    session = store.begin_session(info)
    _warn_if_code_changed(store)
    try:
        counts = run_sweep(exp, store, executor, session, window=window,
                           retry_failed=args.retry_failed, progress=not args.quiet)
    except KeyboardInterrupt:
        print(f"sim sweep: interrupted; finished runs are stored in {store.directory}/. "
              f"Run the same command again to go on.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenProcessPool:
        print("sim sweep: a worker process died (out of memory?); finished runs are stored. "
              "Run the same command again to go on.", file=sys.stderr)
        return EXIT_FAILED_RUNS
    failed = len(store.finished("failed"))
    if not args.quiet:
        print(f"sim sweep: {exp.name}: {counts['ran']} runs now, {counts['earlier']} stored "
              f"earlier, {counts['total']} in all; {failed} failed. Results: {store.directory}/")
    if failed:
        print(f"sim sweep: {failed} runs failed; see their error with "
              f"load_results('{store.directory}').query(\"status == 'failed'\"), fix the cause "
              f"and rerun with --retry-failed.", file=sys.stderr)
        return EXIT_FAILED_RUNS
    return EXIT_OK


def _warn_if_code_changed(store) -> None:
    import json

    rows = store.conn.execute("SELECT info FROM sessions ORDER BY id").fetchall()
    first, last = json.loads(rows[0][0]), json.loads(rows[-1][0])
    for key in ("sim", "git"):
        if first.get(key) != last.get(key):
            print(f"sim sweep: note: the store was started with {key} {first.get(key)}, this run "
                  f"uses {last.get(key)}; each run records its session.", file=sys.stderr)

