"""The plumbing shared by every tool that runs the model in bulk (``sim sweep``,
``sim sensitivity``, ``sim calibrate``): their common options, the executor (local processes
or a Dask cluster), the lock of a results folder, the stores, and the exit codes.

    with executor_and_lock(PROG, results, name, workers, args.scheduler) as (executor, window):
        runs = Runs(PROG, executor, window, info={"tool": "sweep"})
        counts = runs.sweep(exp, results)

Runs go through the ``concurrent.futures`` executor interface, so the local pool and Dask's
``Client.get_executor()`` are interchangeable. Each finished run is stored at once (see
:mod:`sim.analysis.store`); running the same command again computes only what is missing.
Every message starts with the name of the tool that is running. The model is reached only
through :func:`sim.run.run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

EXIT_OK, EXIT_FAILED_RUNS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class RunnerError(Exception):
    """Runs that cannot start; the message is meant for the user as it is."""


class Interrupted(Exception):
    """The runs were stopped (Ctrl-C); finished runs are stored. The message says where."""


class WorkerDied(Exception):
    """A local worker process died; finished runs are stored."""


# --- options ----------------------------------------------------------------------------------

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
        raise RunnerError(f"--workers {workers}: give a whole number from 1.")
    if args.scheduler and running:
        try:
            import distributed  # noqa: F401  (optional: the 'dask' extra)
        except ImportError:
            raise RunnerError("--scheduler needs dask.distributed; install the 'dask' extra "
                              "(pip install 'dask[distributed]').") from None
    return workers


# --- executor and lock ------------------------------------------------------------------------

def make_executor(workers: int, scheduler: str | None):
    """(executor, window, close) for local processes or a Dask scheduler."""
    if scheduler:
        from distributed import Client  # checked by executor_workers() before anything is written

        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise RunnerError(f"--scheduler {scheduler}: cannot reach the Dask scheduler "
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


@contextmanager
def executor_and_lock(prog: str, results: Path, name: str, workers: int,
                      scheduler: str | None) -> Iterator[tuple[Any, int | None]]:
    """An executor, and the lock of results/<name>/ for as long as the block runs."""
    from .store import lock

    executor, window, close = make_executor(workers, scheduler)
    try:
        with lock(results, name, prog):
            yield executor, window
    finally:
        close()


# --- runs -------------------------------------------------------------------------------------

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


class Runs:
    """One tool's runs: designed experiments run into their stores through one executor.

    ``info`` is recorded with every session (with versions, git revision and host, see
    :func:`sim.analysis.store.provenance`)."""

    def __init__(self, prog: str, executor, window: int | None, *, info: dict[str, Any],
                 progress: bool = True, retry_failed: bool = False,
                 new_store: bool = False):
        self.prog, self.executor, self.window = prog, executor, window
        self.info, self.progress, self.retry_failed = info, progress, retry_failed
        self.new_store = new_store
        self.ran = self.failed = 0

    def sweep(self, exp, results_dir: Path) -> dict[str, Any]:
        """Run what ``exp`` is missing in results_dir/<exp.name>/. Returns the counts of
        :func:`run_sweep`, plus ``stored_failed`` (failed runs in the store) and ``directory``.
        Ctrl-C raises :class:`Interrupted`, a dead local worker :class:`WorkerDied`."""
        from concurrent.futures.process import BrokenProcessPool

        from .store import Store, provenance

        store = Store.for_experiment(exp, Path(results_dir), new_store=self.new_store,
                                     prog=self.prog)
        try:
            session = store.begin_session(provenance(**self.info, experiment_hash=exp.hash()))
            warn_if_code_changed(store, self.prog)
            try:
                counts = run_sweep(exp, store, self.executor, session, window=self.window,
                                   retry_failed=self.retry_failed, progress=self.progress)
            except KeyboardInterrupt:
                raise Interrupted(f"interrupted; finished runs are stored in {store.directory}/. "
                                  f"Run the same command again to go on.") from None
            except BrokenProcessPool:
                raise WorkerDied("a worker process died (out of memory?); finished runs are "
                                 "stored. Run the same command again to go on.") from None
            counts["stored_failed"] = len(store.finished("failed"))
            counts["directory"] = store.directory
        finally:
            store.close()
        self.ran += counts["ran"]
        self.failed += counts["failed"]
        return counts


def warn_if_code_changed(store, prog: str) -> None:
    import json

    rows = store.conn.execute("SELECT info FROM sessions ORDER BY id").fetchall()
    first, last = json.loads(rows[0][0]), json.loads(rows[-1][0])
    for key in ("sim", "git"):
        if first.get(key) != last.get(key):
            print(f"{prog}: note: the store was started with {key} {first.get(key)}, this run "
                  f"uses {last.get(key)}; each run records its session.", file=sys.stderr)


# --- exit codes -------------------------------------------------------------------------------

def usage_errors() -> tuple[type[Exception], ...]:
    """Every error whose message is meant for the user as it is (exit status 2)."""
    from .abc import ABCError
    from .calibration import CalibrationError
    from .experiment import ExperimentError
    from .store import StoreError
    from .targets import TargetsError

    return (RunnerError, ExperimentError, StoreError, CalibrationError, TargetsError, ABCError)


def guarded(prog: str, body: Callable[[], int]) -> int:
    """Run a tool's ``body`` and turn what stops it into one message and an exit status:
    2 for input the tool cannot use (or a path the system refuses), 130 when interrupted, 1
    when a worker died."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return body()
    except Interrupted as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print(f"{prog}: interrupted; finished runs are stored. Run the same command again to go "
              f"on.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except WorkerDied as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_FAILED_RUNS
    except BrokenProcessPool:
        print(f"{prog}: a worker process died (out of memory?); finished runs are stored. Run "
              f"the same command again to go on.", file=sys.stderr)
        return EXIT_FAILED_RUNS
    except usage_errors() as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a path that cannot be used (too long, not permitted, disk full)
        what = "" if exc.filename is None else str(exc.filename)
        name = what if len(what) <= 80 else f"{what[:70]}... ({len(what)} characters)"
        print(f"{prog}: {name + ': ' if name else ''}{exc.strerror or exc}.", file=sys.stderr)
        return EXIT_USAGE
