"""The ``sim`` command: run, validate, params, list, and the analysis tools.

Every bad input ends in one message on stderr that names the file or option, the key and what
is allowed, and a non-zero exit status; never a traceback. Warnings (a value far outside its
plausible range, a very large run) are printed once, as one line each.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from pathlib import Path
from typing import Any

# Analysis tools register their own subcommands; each module has register(subparsers).
TOOLS = ("sim.analysis.sweep", "sim.analysis.compare", "sim.analysis.journey",
         "sim.analysis.sensitivity", "sim.analysis.calibration", "sim.app")
DISTRIBUTION = "socialdomain-sim"
MAX_SEED = 2**64 - 1
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STALLED = 0, 1, 2, 3


class UsageError(Exception):
    """A command-line argument that cannot be used; the message names it."""


# --- argument types and helpers (shared by the analysis tools) ----------------------------------

def seed_type(text: str) -> int:
    """``--seed``: a whole number from 0 to 2**64-1."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 0 to 2**64-1")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 1")
    return value


_positive = positive_int  # the former name


def parse_sets(items: list[str] | None) -> dict[str, Any]:
    """``--set section.key=value`` options as overrides; the value is read as a TOML value
    (``20``, ``0.5``, ``true``, ``"lottery"``), or as text if it is none (``lottery``)."""
    import tomllib

    from .scenario import ScenarioError

    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, text = item.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key or not text:
            raise ScenarioError(f"--set {item!r}: write it as section.key=value, e.g. "
                                f"--set night_shelter.capacity=20.")
        try:
            value = tomllib.loads(f"v = {text}")["v"]
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            value = text
        out[key] = value
    return out


def check_out(out: Path, flag: str = "--out") -> None:
    """An output folder must be a folder (or not exist yet) and sit under folders."""
    for p in (out, *out.parents):
        if p.exists() and not p.is_dir():
            what = "" if p == out else f" ({p} is a file)"
            raise UsageError(f"{flag} {out}: is not a folder{what}; give a folder that does not "
                             f"exist yet or an existing folder.")


def progress_enabled(quiet: bool) -> bool:
    """Progress bars go to stderr, only when it is a terminal and --quiet is not given."""
    return not quiet and sys.stderr.isatty()


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


# --- commands -------------------------------------------------------------------------------------

def cmd_run(args: argparse.Namespace) -> int:
    from .report import aggregate, clear_outputs, describe, write_run
    from .run import replicate_seeds, simulate
    from .scenario import load_scenario

    scenario = load_scenario(args.scenario).with_overrides(parse_sets(args.set), "--set")
    out = Path(args.out) if args.out else Path("results") / f"{scenario.name}-seed{args.seed}"
    check_out(out)
    show = progress_enabled(args.quiet)
    seeds = [args.seed] if args.replicates == 1 else list(replicate_seeds(args.seed, args.replicates))
    results = []
    from tqdm import tqdm

    clear_outputs(out)  # no files of an earlier run stay beside the new ones
    with tqdm(seeds, desc="sim run", unit="run", disable=not show or len(seeds) == 1,
              file=sys.stderr) as bar:
        for r, seed in enumerate(bar):
            model = simulate(scenario, seed, progress=show and len(seeds) == 1)
            target = out if args.replicates == 1 else out / f"seed-{seed}"
            results.append(write_run(model, target, plots=not args.no_plots, replicate=r))
    if args.replicates > 1:
        import json

        import pandas as pd

        agg = aggregate(results)
        (out / "summary.json").write_text(json.dumps(agg, indent=2), encoding="utf-8")
        pd.json_normalize(results).to_csv(out / "replicates.csv", index=False)
        text = describe(agg).replace(f"seed {agg['seed']}",
                                     f"{args.replicates} replicates from seed {args.seed} (mean)")
    else:
        text = describe(results[0])
    if not args.quiet:
        print(text)
        print(f"Outputs in {out}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .scenario import ScenarioError, load_scenario

    bad = 0
    for f in args.files:
        try:
            s = load_scenario(f)
        except ScenarioError as exc:
            print(exc, file=sys.stderr)
            bad += 1
        except Exception as exc:  # noqa: BLE001  (keep checking the other files)
            print(f"{f}: cannot be checked: {type(exc).__name__}: {exc}", file=sys.stderr)
            bad += 1
        else:
            changed = s.changed()
            print(f"{f}: ok ({s.name}; {len(changed)} values differ from the defaults)")
    if len(args.files) > 1:
        print(f"{len(args.files) - bad} of {len(args.files)} files ok", file=sys.stderr)
    return EXIT_FAILED if bad else EXIT_OK


def cmd_params(args: argparse.Namespace) -> int:
    from .paramdocs import baseline_toml, parameters_markdown
    from .scenario import PROJECT_ROOT

    root = Path(args.root) if args.root else PROJECT_ROOT
    files = {root / "docs" / "parameters.md": parameters_markdown(),
             root / "scenarios" / "baseline.toml": baseline_toml()}
    if args.write:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    else:
        print(parameters_markdown())
    return EXIT_OK


def experiments_available() -> list[str]:
    """Experiment files in ``experiments/`` (of the current folder and of the project)."""
    from .scenario import PROJECT_ROOT

    names: set[str] = set()
    for root in (Path.cwd(), PROJECT_ROOT):
        names.update(p.stem for p in (root / "experiments").glob("*.toml"))
    return sorted(names)


def cmd_list(args: argparse.Namespace) -> int:
    from .archetypes import ARCHETYPES
    from .scenario import available

    groups = {"scenarios": available(), "experiments": experiments_available(),
              "households": list(ARCHETYPES)}
    wanted = [args.what] if args.what else list(groups)
    for what in wanted:
        if len(wanted) > 1:
            print(f"{what}:")
        for name in groups[what]:
            print(f"  {name}" if len(wanted) > 1 else name)
    return EXIT_OK


# --- the parser -----------------------------------------------------------------------------------

def add_set_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", action="append", metavar="SECTION.KEY=VALUE",
                   help="change one parameter for this command (repeatable), e.g. "
                        "--set night_shelter.capacity=20 --set reform.fixed_director=true")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sim", description="Households moving through the Dutch "
                                     "social domain: an agent-based simulation.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="run a scenario and write its outputs")
    p.add_argument("scenario", nargs="?", default="baseline",
                   help="scenario name (any case) or TOML file")
    p.add_argument("--seed", type=seed_type, default=1, help="seed, 0 to 2**64-1 (default 1)")
    p.add_argument("--replicates", type=positive_int, default=1, metavar="R",
                   help="runs with different seeds; replicate r uses sim.streams.replicate_seeds("
                        "seed, R)[r], as sim compare and sim sweep do, and writes into "
                        "OUT/seed-<that seed>/ (default 1: one run with --seed itself)")
    p.add_argument("--out", help="output folder (default results/<scenario>-seed<seed>)")
    p.add_argument("--no-plots", action="store_true")
    add_set_option(p)
    p.add_argument("--quiet", action="store_true",
                   help="print nothing but errors and warnings; no progress bar")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("validate", help="check scenario files; reports on every file")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("params", help="print the parameter table; --write regenerates the docs")
    p.add_argument("--write", action="store_true",
                   help="write docs/parameters.md and scenarios/baseline.toml")
    p.add_argument("--root", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_params)
    p = sub.add_parser("list", help="list the scenarios, experiments and named households")
    p.add_argument("what", nargs="?", choices=("scenarios", "experiments", "households"),
                   help="only this group")
    p.set_defaults(func=cmd_list)
    for name in TOOLS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not exc.name or not name.startswith(exc.name):
                raise
            continue
        module.register(sub)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    from .scenario import ScenarioWarning

    if issubclass(category, ScenarioWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _default_showwarning(message, category, filename, lineno, file, line)


_default_showwarning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    from .calendar import CalendarStalled
    from .scenario import ScenarioError

    args = build_parser().parse_args(argv)
    saved = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except (ScenarioError, UsageError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except CalendarStalled as exc:
        where = getattr(args, "scenario", None) or getattr(args, "base", None) or "the scenario"
        print(f"{where}: {exc}.", file=sys.stderr)
        return EXIT_STALLED
    except BrokenPipeError:
        # the reader went away (sim params | head): stop quietly, and keep Python from
        # complaining when it flushes stdout at exit
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = saved


if __name__ == "__main__":
    raise SystemExit(main())
