"""`sim journey`: one named household's journey through a scenario, drawn as a timeline in the
style of the klantreizen of seed 000: every organisation met, each referral, wait, decision,
dead end and retelling, the places it stayed in, its problems over time, and its costs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported by the model when a journey runs, not by `sim --help`
    import pandas as pd

DEAD_ENDS = ("no_response", "info_only", "denial")
MARKERS = {  # event: (marker, colour, label)
    "seek_help": ("o", "#bbbbbb", "asks for help"),
    "contact": ("o", "#4477aa", "contact / intake"),
    "referral": (">", "#228833", "referral (handoff)"),
    "worker_change": ("d", "#ccbb44", "new professional"),
    "grant": ("P", "#228833", "granted"),
    "denial": ("X", "#ee6677", "denied"),
    "no_response": ("x", "#999999", "no response"),
    "info_only": ("x", "#aa3377", "information only"),
    "dispute": ("s", "#ee7733", "who-pays dispute"),
    "crisis": ("^", "#cc3311", "crisis"),
    "escalation": ("*", "#aa3377", "escalation"),
    "director": ("*", "#000000", "case director"),
}


def journey(scenario, name: str, seed: int = 1, day: float | None = None, progress: bool = False):
    """Run ``scenario`` with the named household placed in it; returns (model, its events).
    ``progress`` shows a bar on stderr."""
    from sim.model import SocialDomainModel
    from sim.report import event_frame
    from sim.run import release, run_with_progress

    model = SocialDomainModel(scenario, rng=seed)
    try:
        model.add_archetype(name, day)
        if progress:
            run_with_progress(model, f"{name} in {model.scenario.name}")
        else:
            model.run_to_end()
    finally:
        release(model)
    hh = model.archetype(name)
    events = event_frame(model)
    events = events[events.household == hh.hid].copy()
    events["month"] = (events["day"] - hh.onset) / 30.4
    return model, hh, events.reset_index(drop=True)


def counts(events: pd.DataFrame) -> dict:
    orgs = events[events.event.isin(["seek_help", "placed", "crisis", "id_renewed"])
                  & (events.organisation != "")].organisation
    stable = events[events.event == "stable"]
    cost = events[events.event == "cost"]
    return {
        "organisations": int(orgs.nunique()),
        "handoffs": int(events.event.isin(["referral", "worker_change"]).sum()),
        "dead_ends": int(events.event.isin(DEAD_ENDS).sum()),
        "retellings": int((events.event == "retelling").sum()),
        "months_to_stability": round(float(stable.month.min()), 1) if len(stable) else None,
        "cost_eur": round(float(cost.value.sum())),
        "cost_by_pot": {k: round(float(v)) for k, v in cost.groupby("pot", observed=True).value.sum().items()},
    }


def draw(events: pd.DataFrame, title: str, path: Path, horizon_months: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sim.domains import DOMAINS

    ev = events[events.event != "cost"]
    orgs = list(dict.fromkeys(ev[ev.organisation != ""].organisation))
    lanes = orgs + ["story retold"] + [f"problem: {d}" for d in DOMAINS]
    y = {name: i for i, name in enumerate(lanes)}
    fig, ax = plt.subplots(figsize=(12, 0.32 * len(lanes) + 2.2))
    # stays and waits
    for org in orgs:
        rows = ev[ev.organisation == org]
        joined = rows[rows.event == "queue_join"].month.tolist()
        ended = sorted(rows[rows.event.isin(["placed", "queue_leave"])].month.tolist())
        placed = rows[rows.event == "placed"].month.tolist()
        exits = rows[rows.event == "exit"].month.tolist()
        for i, start in enumerate(joined):
            end = next((m for m in ended if m >= start), horizon_months)
            ax.plot([start, end], [y[org]] * 2, ls=":", color="#ee7733", lw=2)
        for i, start in enumerate(placed):
            end = exits[i] if i < len(exits) else horizon_months
            ax.plot([start, end], [y[org]] * 2, color="#66ccee", lw=7, solid_capstyle="butt")
    # problems: open (red) until settled (green)
    for d in DOMAINS:
        rows = ev[ev.detail == d]
        opened = rows[rows.event.isin(["onset", "unmet"])].month.tolist()
        settled = rows[rows.event == "met"].month.tolist()
        for start in opened:
            end = next((m for m in settled if m >= start), horizon_months)
            ax.plot([start, end], [y[f"problem: {d}"]] * 2, color="#ee6677", lw=5, solid_capstyle="butt")
            if end < horizon_months:
                nxt = next((m for m in opened if m > end), horizon_months)
                ax.plot([end, nxt], [y[f"problem: {d}"]] * 2, color="#228833", lw=5, solid_capstyle="butt")
    for kind, (marker, colour, label) in MARKERS.items():
        rows = ev[ev.event == kind]
        if len(rows):
            lane = [y.get(o, y["story retold"]) if o else y["story retold"] for o in rows.organisation]
            ax.scatter(rows.month, lane, marker=marker, color=colour, s=45, zorder=3, label=label)
    told = ev[ev.event == "retelling"]
    if len(told):
        ax.scatter(told.month, [y["story retold"]] * len(told), marker="*", color="#aa3377", s=70,
                   zorder=3, label="story told again")
    stable = ev[ev.event == "stable"]
    if len(stable):
        ax.axvline(stable.month.min(), color="#228833", ls="--", label="stable")
    ax.set_yticks(range(len(lanes)), [lane.replace("_", " ") for lane in lanes], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-0.5, horizon_months)
    ax.set_xlabel("months since the household's problems began")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(args: argparse.Namespace) -> int:
    import json
    import math

    from sim.archetypes import ARCHETYPES
    from sim.cli import UsageError, check_out, progress_enabled
    from sim.scenario import ScenarioError, load_scenario, match_name

    try:
        name = match_name(args.household, list(ARCHETYPES), "household")
        scenario = load_scenario(args.scenario)
        end = (scenario["run.warmup_years"] + scenario["run.years"]) * 365.0
        if args.at is not None and not (math.isfinite(args.at) and 0 <= args.at < end):
            raise UsageError(f"--at {args.at:g}: the day to place the household must be from 0 "
                             f"to {end:g} (the end of the run in {scenario.name}).")
        slug = name.lower().replace(" ", "-")
        out = Path(args.out) if args.out else \
            Path("results") / f"journey-{slug}-{scenario.name}-seed{args.seed}"
        check_out(out)
    except (ScenarioError, UsageError) as exc:
        print(exc, file=sys.stderr)
        return 2
    args.household = name
    model, hh, events = journey(scenario, name, args.seed, args.at,
                                progress=progress_enabled(args.quiet))
    out.mkdir(parents=True, exist_ok=True)
    horizon = (model.end - hh.onset) / 30.4
    c = counts(events)
    events.to_csv(out / "journey.csv", index=False)
    (out / "journey.json").write_text(json.dumps({"household": args.household,
                                                  "scenario": scenario.name, "seed": args.seed,
                                                  **c, "observed": ARCHETYPES[args.household].observed},
                                                 indent=2), encoding="utf-8")
    draw(events, f"{args.household} in {scenario.name} (seed {args.seed})", out / "journey.png", horizon)
    if not args.quiet:
        print(f"{args.household} in {scenario.name!r}: {c['organisations']} organisations, "
              f"{c['handoffs']} handoffs, {c['dead_ends']} dead ends, {c['retellings']} retellings; "
              + (f"stable after {c['months_to_stability']} months" if c["months_to_stability"] is not None
                 else "not stable by the end") + f"; cost EUR {c['cost_eur']:,}.")
        print(f"Journey in {out}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("journey", help="draw a named household's journey through a scenario")
    from sim.cli import seed_type

    p.add_argument("scenario", help="scenario name (any case) or TOML file")
    p.add_argument("--household", required=True, help="a named household: Hans, Roos, Sharon, "
                   "'Mr Jansen', Bart, 'Wmo C01 scooter', ... (any case; sim list households)")
    p.add_argument("--seed", type=seed_type, default=1, help="seed, 0 to 2**64-1 (default 1)")
    p.add_argument("--at", type=float, default=None, metavar="DAY",
                   help="day to place it, from 0 to the end of the run (default: end of warm-up)")
    p.add_argument("--out", help="output folder")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors; no progress bar")
    p.set_defaults(func=main)
