"""The ``sim`` command: run, validate, params, and the analysis tools."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

# Analysis tools register their own subcommands; each module has register(subparsers).
TOOLS = ("sim.analysis.sweep", "sim.analysis.compare", "sim.analysis.journey",
         "sim.analysis.sensitivity", "sim.analysis.calibration", "sim.app")


def cmd_run(args: argparse.Namespace) -> int:
    from .report import aggregate, clear_outputs, describe, write_run
    from .run import simulate
    from .scenario import load_scenario

    scenario = load_scenario(args.scenario)
    out = Path(args.out) if args.out else Path("results") / f"{scenario.name}-seed{args.seed}"
    results = []
    clear_outputs(out)  # no files of an earlier run stay beside the new ones
    for r in range(args.replicates):
        seed = args.seed + r
        model = simulate(scenario, seed)
        target = out if args.replicates == 1 else out / f"seed-{seed}"
        results.append(write_run(model, target, plots=not args.no_plots, replicate=r))
    if args.replicates > 1:
        import json
        import pandas as pd

        agg = aggregate(results)
        (out / "summary.json").write_text(json.dumps(agg, indent=2), encoding="utf-8")
        pd.json_normalize(results).to_csv(out / "replicates.csv", index=False)
        print(describe(agg).replace(f"seed {agg['seed']}", f"seeds {agg['seeds'][0]}-{agg['seeds'][-1]} (mean)"))
    else:
        print(describe(results[0]))
    print(f"Outputs in {out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .scenario import ScenarioError, load_scenario

    bad = 0
    for f in args.files:
        try:
            s = load_scenario(f)
        except ScenarioError as exc:
            print(exc, file=sys.stderr)
            bad += 1
        else:
            changed = s.changed()
            print(f"{f}: ok ({s.name}; {len(changed)} values differ from the defaults)")
    return 1 if bad else 0


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
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sim", description="Households moving through the Dutch "
                                     "social domain: an agent-based simulation.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="run a scenario and write its outputs")
    p.add_argument("scenario", nargs="?", default="baseline", help="scenario name or TOML file")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--replicates", type=_positive, default=1)
    p.add_argument("--out", help="output folder (default results/<scenario>-seed<seed>)")
    p.add_argument("--no-plots", action="store_true")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("validate", help="check scenario files")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("params", help="print the parameter table; --write regenerates the docs")
    p.add_argument("--write", action="store_true",
                   help="write docs/parameters.md and scenarios/baseline.toml")
    p.add_argument("--root", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_params)
    for name in TOOLS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not exc.name or not name.startswith(exc.name):
                raise
            continue
        module.register(sub)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    from .scenario import ScenarioError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
