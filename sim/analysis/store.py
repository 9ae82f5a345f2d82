"""The results store of a sweep: one SQLite file, ``results/<experiment>/runs.sqlite``.

Only the sweep's main process writes, one transaction per finished run, in WAL mode with
``synchronous=FULL``: a run is either wholly stored or not at all, whenever the process dies.
``UNIQUE(point_id, replicate)`` makes a duplicate row impossible. The store remembers the hash
of the experiment as it was created (:meth:`Experiment.hash`) and refuses a changed one.

Tables: ``meta`` (experiment text, canonical form, hash, creation), ``sessions`` (one per
invocation: versions, git revision, host, workers), ``scenario_files`` (the scenario texts as
resolved), ``points``, ``seeds`` and ``runs`` (summary JSON or error text per run).
"""

from __future__ import annotations

import json
import platform
import socket
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from .experiment import Experiment

STORE_FILE = "runs.sqlite"
RESULTS_DIR = Path("results")
PROJECT_ROOT = Path(__file__).resolve().parents[2]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY, started TEXT NOT NULL, info TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scenario_files (
    scenario TEXT NOT NULL, file TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (scenario, file));
CREATE TABLE IF NOT EXISTS points (
    id TEXT PRIMARY KEY, idx INTEGER NOT NULL UNIQUE, scenario TEXT NOT NULL,
    params TEXT NOT NULL, resolved TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seeds (replicate INTEGER PRIMARY KEY, seed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    point_id TEXT NOT NULL REFERENCES points(id), replicate INTEGER NOT NULL,
    seed INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    summary TEXT, error TEXT, seconds REAL, worker TEXT, session INTEGER, finished TEXT NOT NULL,
    UNIQUE (point_id, replicate));
"""


class StoreError(Exception):
    """A store that cannot be used as asked; the message is meant for the user as it is."""


def changed_files(old: Any, new: dict[str, Any]) -> list[str]:
    """What differs between two {label: {"files": [[path, sha256], ...]}} records, in words."""
    out = []
    for label, spec in new.items():
        before = (old or {}).get(label)
        if not isinstance(before, dict) or not isinstance(before.get("files"), list) or not all(
                isinstance(x, list) and len(x) == 2 for x in before["files"]):
            out.append(f"scenario '{label}' was not in the store in this form")
            continue
        was, now = dict(map(tuple, before["files"])), dict(map(tuple, spec["files"]))
        out += [f"{f} was edited" for f in now if f in was and was[f] != now[f]]
        out += [f"{f} is new in the extends chain of '{label}'" for f in now if f not in was]
        out += [f"{f} is no longer in the extends chain of '{label}'" for f in was if f not in now]
    out += [f"scenario '{label}' was dropped" for label in (old or {}) if label not in new]
    return list(dict.fromkeys(out))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def git_revision() -> str:
    """HEAD of the checkout sim runs from, '+dirty' if sim/ or scenarios/ differ; else 'unknown'."""
    def git(*args):
        return subprocess.run(["git", "--no-optional-locks", "-C", str(PROJECT_ROOT), *args],
                              capture_output=True, text=True, timeout=10)
    try:
        head = git("rev-parse", "HEAD")
        if head.returncode != 0:
            return "unknown"
        dirty = git("diff", "--quiet", "HEAD", "--", "sim", "scenarios").returncode == 1
        return head.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def provenance(**extra: Any) -> dict[str, Any]:
    """What ran: versions, git revision, machine; plus whatever the caller adds."""
    import sim

    libs = {d: _version(d) for d in ("numpy", "mesa", "pandas", "scipy", "dask", "distributed")}
    return {"sim": sim.__version__, "git": git_revision(), "python": platform.python_version(),
            **{k: v for k, v in libs.items() if v}, "platform": platform.platform(),
            "host": socket.gethostname(), "argv": sys.argv, **extra}


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # explicit transactions
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


class Store:
    def __init__(self, directory: Path, conn: sqlite3.Connection):
        self.directory = directory
        self.conn = conn

    # --- opening ---------------------------------------------------------------------------
    @classmethod
    def for_experiment(cls, exp: Experiment, results_dir: Path = RESULTS_DIR,
                       new_store: bool = False, prog: str = "sim sweep") -> "Store":
        """Open (or create) the experiment's store; refuse one made from a different experiment."""
        directory = Path(results_dir) / exp.name
        db = directory / STORE_FILE
        if db.exists():
            store = cls(directory, _connect(db))
            stored = store.meta().get("experiment_hash")
            if stored is not None and stored != exp.hash():
                if not new_store:
                    diff = store._differences(exp)
                    store.close()
                    raise StoreError(
                        f"{exp.path}: the experiment differs from the one that made the store "
                        f"{directory}/ ({diff}); its results would be mixed with the new ones. "
                        f"Rerun with --new-store to set the old store aside and start afresh, or "
                        f"give the experiment a different 'name'.")
                store.close()
                aside = directory.with_name(f"{exp.name}.replaced-"
                                            f"{datetime.now().strftime('%Y%m%dT%H%M%S')}")
                directory.rename(aside)
                print(f"{prog}: the old store was moved to {aside}/", file=sys.stderr)
            elif stored is not None:
                return store
            else:
                store.close()
        directory.mkdir(parents=True, exist_ok=True)
        store = cls(directory, _connect(db))
        store._create(exp)
        return store

    @classmethod
    def open(cls, ref: "str | Path", results_dir: Path = RESULTS_DIR) -> "Store":
        """An existing store: its folder, its .sqlite file, an experiment file or a name."""
        db = find_store(ref, results_dir)
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        return cls(db.parent, conn)

    def _create(self, exp: Experiment) -> None:
        """Everything about the experiment, in one transaction (a half-made store can't exist)."""
        with self.transaction() as c:
            for stmt in SCHEMA.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            meta = {"experiment_name": exp.name, "experiment_file": str(exp.path),
                    "experiment_text": exp.text, "experiment_hash": exp.hash(),
                    "canonical": json.dumps(exp.canonical(), sort_keys=True, default=str),
                    "created": _now(), "replicates": str(exp.replicates),
                    "experiment_seed": str(exp.seed), "varied": json.dumps(exp.varied),
                    "sampled": json.dumps([*(k for k in exp.sample if k != "n"), *exp.design]),
                    "metrics": json.dumps(list(exp.metrics))}
            c.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            c.executemany("INSERT OR REPLACE INTO scenario_files VALUES (?, ?, ?)",
                          [(label, f, t) for label, files in exp.sources.items()
                           for f, t in files])
            c.executemany("INSERT OR REPLACE INTO points VALUES (?, ?, ?, ?, ?)",
                          [(p.id, p.index, p.scenario, json.dumps(p.params),
                            json.dumps(p.resolved.params, default=str)) for p in exp.points])
            c.executemany("INSERT OR REPLACE INTO seeds VALUES (?, ?)", enumerate(exp.seeds))

    def _differences(self, exp: Experiment) -> str:
        old = json.loads(self.meta().get("canonical", "{}"))
        new = json.loads(json.dumps(exp.canonical(), default=str))
        changed = [k for k in new if old.get(k) != new[k]]
        derived = [k for k in ("points", "seeds") if k in changed]
        if len(changed) > len(derived):  # name the cause, not what follows from it
            changed = [k for k in changed if k not in derived]
        if "scenarios" in changed:
            files = changed_files(old.get("scenarios"), new["scenarios"])
            if files:
                changed[changed.index("scenarios")] = "scenarios (" + "; ".join(files) + ")"
        return "changed: " + ", ".join(changed) if changed else "changed"

    def close(self) -> None:
        self.conn.close()

    # --- reading and writing -----------------------------------------------------------------
    @contextmanager
    def transaction(self):
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def meta(self) -> dict[str, str]:
        try:
            return dict(self.conn.execute("SELECT key, value FROM meta"))
        except sqlite3.OperationalError:
            return {}

    def finished(self, status: str | None = None) -> set[tuple[str, int]]:
        q = "SELECT point_id, replicate FROM runs" + (" WHERE status = ?" if status else "")
        return set(self.conn.execute(q, (status,) if status else ()))

    def begin_session(self, info: dict[str, Any]) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO sessions (started, info) VALUES (?, ?)",
                            (_now(), json.dumps(info, default=str)))
        return cur.lastrowid

    def record(self, point_id: str, replicate: int, seed: int, result: dict[str, Any],
               session: int) -> None:
        """Store one finished run in its own transaction; never overwrite a successful one."""
        with self.transaction() as c:
            c.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (point_id, replicate) DO UPDATE SET status = excluded.status, "
                "summary = excluded.summary, error = excluded.error, seconds = excluded.seconds, "
                "worker = excluded.worker, session = excluded.session, finished = excluded.finished "
                "WHERE runs.status != 'ok'",
                (point_id, replicate, seed, result["status"],
                 json.dumps(result["summary"]) if result.get("summary") is not None else None,
                 result.get("error"), result.get("seconds"), result.get("worker"), session,
                 _now()))


TOOLS = {"sim sweep": "sweep", "sim sensitivity": "sensitivity analysis",
         "sim calibrate": "calibration"}


@contextmanager
def lock(results_dir: Path, name: str, prog: str = "sim sweep"):
    """One tool at a time per store: an exclusive lock on results/.<name>.lock, released when
    the block ends or the process dies."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the UNIQUE key still prevents duplicates
        yield
        return
    Path(results_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(results_dir) / f".{name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{Path(results_dir) / name}/: another {TOOLS.get(prog, prog)} is "
                             f"writing to this store right now; wait for it to finish or stop "
                             f"it first.") from None
        yield


def find_store(ref: "str | Path", results_dir: Path = RESULTS_DIR) -> Path:
    """The .sqlite file for a store folder, the file itself, an experiment file or a name."""
    p = Path(ref)
    if p.suffix == ".toml" and p.is_file():
        from .inputs import parse_toml, read_text

        name = parse_toml(read_text(p, "experiment", StoreError), str(p), StoreError).get(
            "name", p.stem)
        p = Path(results_dir) / str(name)
    elif not p.exists() and not p.is_absolute() and len(p.parts) == 1:
        p = Path(results_dir) / p
    db = p / STORE_FILE if p.is_dir() else p
    if not db.is_file():
        raise StoreError(f"{ref}: no sweep results found (looked for {db}); run the sweep first.")
    return db


def load_results(ref: "str | Path", results_dir: "str | Path" = RESULTS_DIR):
    """One row per stored run: scenario, point parameters, replicate, seed, status, error and
    the flattened summary metrics (``cost_by_pot.wmo``). ``ref`` is a store folder, its
    .sqlite file, an experiment file or an experiment name (looked up in ``results_dir``).

    The columns are typed: ``scenario``, ``point_id`` and ``status`` are categorical (their
    categories every scenario and point of the experiment, in order), ``point``,
    ``replicate`` and ``seed`` integers, ``session`` a nullable integer, ``finished`` a UTC
    timestamp, and every metric a float (NaN where a run failed or observed nothing)."""
    import pandas as pd

    store = Store.open(ref, Path(results_dir))
    try:
        rows = store.conn.execute(
            "SELECT p.scenario, r.point_id, p.idx, p.params, r.replicate, r.seed, r.status, "
            "r.error, r.seconds, r.worker, r.session, r.finished, r.summary "
            "FROM runs r JOIN points p ON p.id = r.point_id ORDER BY p.idx, r.replicate").fetchall()
        points = store.conn.execute("SELECT id, scenario FROM points ORDER BY idx").fetchall()
        varied = json.loads(store.meta().get("varied", "[]"))
    finally:
        store.close()
    cols = ["scenario", "point_id", "point", "params", "replicate", "seed", "status", "error",
            "seconds", "worker", "session", "finished", "summary"]
    df = pd.DataFrame(rows, columns=cols)
    params = pd.DataFrame([json.loads(p) for p in df.pop("params")], index=df.index,
                          columns=varied)
    summaries = [json.loads(s) if isinstance(s, str) else {} for s in df.pop("summary")]
    for s in summaries:
        s.pop("scenario", None), s.pop("seed", None)  # already columns
    metrics = pd.json_normalize(summaries, sep=".") if summaries else pd.DataFrame()
    metrics.index = df.index
    metrics = metrics.apply(lambda c: pd.to_numeric(c, errors="coerce").astype("float64"))
    df = df.astype({"point": "int64", "replicate": "int64", "seed": "int64",
                    "seconds": "float64", "session": "Int64"})
    df["scenario"] = pd.Categorical(df["scenario"], categories=list(dict.fromkeys(
        label for _, label in points)))
    df["point_id"] = pd.Categorical(df["point_id"], categories=[pid for pid, _ in points])
    df["status"] = pd.Categorical(df["status"], categories=["ok", "failed"])
    df["finished"] = pd.to_datetime(df["finished"], utc=True, format="ISO8601")
    front = df[["scenario", "point_id", "point"]]
    return pd.concat([front, params, df.drop(columns=front.columns), metrics], axis=1)
