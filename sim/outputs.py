"""Reading a run's outputs back as typed DataFrames.

    >>> from sim.outputs import load_run
    >>> run = load_run("results/baseline-seed1")
    >>> run.summary["stable_share"], run.households.dtypes["profile"], len(run.events)

:func:`load_run` reads the folder ``sim run`` wrote: from the Parquet files when they are there
and pyarrow is installed, otherwise from the CSV files with the column types given explicitly
(categories for names, integers, booleans), so both give the same DataFrames. A folder of
``sim run --replicates R`` (``seed-N`` subfolders) gives every replicate's rows in one table;
the ``scenario``, ``seed`` and ``replicate`` columns tell them apart. For the runs of a sweep
store, use :func:`sim.analysis.load_results`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .report import CSV_FILES, NOT_APPLICABLE, SURVIVAL_GROUPS, TABLES, parquet_available


# Columns whose CSV reading would guess a wider type than the run's table has.
NUMBERS = {"events": {"household": "int32"}}


class OutputsError(Exception):
    """A folder that holds no run outputs, or a damaged one; the message names the file."""


@dataclass
class RunOutputs:
    """One run's (or one ``--replicates`` folder's) outputs."""
    folder: Path
    summary: dict[str, Any]
    households: pd.DataFrame
    timeseries: pd.DataFrame
    events: pd.DataFrame
    survival: pd.DataFrame
    replicates: list[dict[str, Any]] = field(default_factory=list)  # per-replicate summaries


def _categories() -> dict[str, list[str]]:
    from .domains import POT_NAMES
    from .organisations import ORGS
    from .eventlog import KINDS
    from .profiles import PROFILES
    from .report import EVENT_DETAILS

    details = list(dict.fromkeys(n for names in EVENT_DETAILS.values() for n in names))
    return {"event": list(KINDS), "organisation": [*ORGS, ""], "pot": [*POT_NAMES, ""],
            "detail": [*details, ""], "profile": [p.name for p in PROFILES],
            "group": list(SURVIVAL_GROUPS)}


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The column types of :func:`sim.report.run_tables`, for a table read from CSV."""
    cats = _categories()
    df["scenario"] = df["scenario"].astype(str).astype("category")
    for col in ("seed", "replicate"):
        df[col] = df[col].astype("int64")
    for col, names in cats.items():
        if col in df:
            values = df[col].astype(object).where(df[col].notna(), "")
            values = values.where(values != NOT_APPLICABLE, "")
            unknown = set(values) - set(names)
            if unknown:
                raise OutputsError(f"column {col!r}: unknown names {sorted(unknown)[:5]}; "
                                   f"allowed: {', '.join(n for n in names if n)}")
            df[col] = pd.Categorical(values, names)
    return df


def _read(folder: Path, name: str) -> pd.DataFrame:
    parquet = folder / f"{name}.parquet"
    if parquet.exists() and parquet_available():
        return pd.read_parquet(parquet)
    path = folder / CSV_FILES[name]
    if not path.exists():
        raise OutputsError(f"{path}: missing; a run folder holds {', '.join(CSV_FILES.values())} "
                           "(written by `sim run`)")
    text_columns = {c: str for c in ("scenario", "organisation", "pot", "detail", "event",
                                     "profile", "group")}
    try:
        df = pd.read_csv(path, dtype={**text_columns, **NUMBERS.get(name, {})})
        return _typed(df)
    except (ValueError, KeyError, pd.errors.ParserError) as exc:
        raise OutputsError(f"{path}: not a table written by `sim run` ({exc})") from None


def _summary(folder: Path) -> dict[str, Any]:
    path = folder / "summary.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OutputsError(f"{path}: missing; is {folder} a folder written by `sim run`?") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise OutputsError(f"{path}: not valid JSON ({exc})") from None


def load_run(folder: "str | Path") -> RunOutputs:
    """The outputs of ``sim run`` in ``folder`` as typed DataFrames (see the module doc)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OutputsError(f"{folder}: no such folder")
    subs = sorted((p for p in folder.glob("seed-*") if p.is_dir() and p.name[5:].isdigit()),
                  key=lambda p: int(p.name[5:]))
    runs = subs if subs and not (folder / CSV_FILES["households"]).exists() else [folder]
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    summaries = []
    for run in runs:
        summaries.append(_summary(run))
        for name in TABLES:
            tables[name].append(_read(run, name))
    frames = {name: _concat(parts) for name, parts in tables.items()}
    summary = _summary(folder) if runs != [folder] else summaries[0]
    return RunOutputs(folder, summary, replicates=summaries if runs != [folder] else [],
                      **frames)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if len(parts) == 1:
        return parts[0]
    out = pd.concat(parts, ignore_index=True)
    out["scenario"] = out["scenario"].astype(str).astype("category")
    return out
