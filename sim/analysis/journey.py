"""`sim journey`: one named household's journey through a scenario, drawn in the frame of the
klantreizen of seed 000: a few dated steps in the phases aanmelding, vraagverheldering,
informatie en advies, casusregie, hulp and afronding, the household's friction at each step in
words (waits, dead ends, retellings, losing touch), organisation names from the scenario's
``[names]`` table, in Dutch or English. ``sim journey SCENARIO --all`` writes one page per named
household as a journey book (``index.html``).

The event log is read through :func:`sim.report.event_frame`; which phase an event kind
belongs to and how it is drawn is one table, :data:`sim.analysis.journey_text.KIND_TABLE`, with a
default for kinds it does not know, so new event kinds and new named households render
without changes here."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .journey_text import (CRISIS_WORDS, DETAIL_WORDS, DOMAIN_WORDS, KIND_DETAIL_WORDS, LANGS,
                           ORG_NL, PHASE_LABELS, PHASES, PHRASES, PRIORITY, REASON_WORDS, UI, duration, kind_style, words)

if TYPE_CHECKING:  # pandas is imported by the model when a journey runs, not by `sim --help`
    import pandas as pd

DEAD_ENDS = ("no_response", "info_only", "denial")
MARKERS = {  # event: (marker, colour, label), also used by the workshop app
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
# How each mark of a step is drawn in the picture: (marker, colour, legend key).
STYLE = {"problem": ("o", "#882255", "legend_crisis"), "crisis": ("^", "#cc3311", "legend_crisis"),
         "signal": ("v", "#ddaa33", "legend_signal"), "step": ("o", "#4477aa", "legend_step"),
         "retelling": ("*", "#aa3377", "legend_retelling"), "handoff": (">", "#44aa99", "legend_handoff"),
         "dead_end": ("X", "#ee3333", "legend_dead_end"), "wait": ("o", "#ee7733", "legend_wait"),
         "help": ("P", "#228833", "legend_help"), "director": ("D", "#000000", "legend_director"),
         "lost_contact": ("v", "#555555", "legend_lost"), "reentry": ("^", "#555555", "legend_lost"),
         "closure": ("*", "#117733", "legend_closure"), "quiet": ("o", "#bbbbbb", "legend_step")}
MONTH = 30.4  # days
# Where a step's number goes (points from its marker): above, then below, then beside, when
# steps in one row are close together.
LABEL_OFFSETS = ((0, 11), (0, -13), (11, 11), (11, -13), (-11, 11), (-11, -13))
MAX_STEPS = 14  # numbered steps on a page; the rest are counted below the list
STEP_DAYS = 21.0  # events at one organisation within this many days are one step
DECISION_WAIT_DAYS = 30.0  # from asking to a grant: shown as a wait from this long
CLOSE_DAYS = 91.0  # a journey is followed this long after the household became stable


def journey(scenario, name: str, seed: int = 1, day: float | None = None, progress: bool = False,
            to_end: bool = True):
    """Run ``scenario`` with the named household placed in it; returns (model, household, its
    events). With ``to_end`` False the run stops :data:`CLOSE_DAYS` after the household became
    stable (the shortest run that covers its journey; what happened until then is the same as
    in a full run). ``progress`` shows a bar on stderr."""
    from sim.model import SocialDomainModel
    from sim.report import event_frame
    from sim.run import release, run_with_progress

    model = SocialDomainModel(scenario, rng=seed)
    try:
        model.add_archetype(name, day)
        if to_end and progress:
            run_with_progress(model, f"{name} in {model.scenario.name}")
        elif to_end:
            model.run_to_end()
        else:
            _follow(model, name, progress)
    finally:
        release(model)
    hh = model.archetype(name)
    events = event_frame(model)
    events = events[events.household == hh.hid].copy()
    events["month"] = (events["day"] - hh.onset) / MONTH
    return model, hh, events.reset_index(drop=True)


def _follow(model, name: str, progress: bool) -> None:
    """Step week by week until the household has been stable for CLOSE_DAYS, or the run ends."""
    import gc

    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=int(model.end), unit="day", file=sys.stderr, leave=False,
                   desc=f"{name} in {model.scenario.name}")
    stop = model.end
    collecting = gc.isenabled()
    gc.disable()  # as in run_to_end: a run makes almost no cyclic garbage
    try:
        while model.running and model.now < stop:
            model.step()
            hh = model.archetype(name)
            if hh is not None and hh.ever_stable and stop == model.end:
                stop = min(model.end, model.now + CLOSE_DAYS)
            if bar is not None:
                bar.update(int(model.now) - bar.n)
        model.finish()
    finally:
        if bar is not None:
            bar.close()
        if collecting:
            gc.enable()


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


# --- names -----------------------------------------------------------------------------------------

def org_namer(scenario, catalogue, lang: str):
    """A function giving an organisation's name in ``lang``: the scenario's ``[names]`` table
    first, then the model's generic name (Dutch from :data:`ORG_NL`, English from the
    organisation rows), then the code in words."""
    local = getattr(scenario, "names", {}) or {}
    labels = catalogue.labels

    def name(org: str) -> str:
        if not org:
            return ""
        if org in local:
            return local[org][lang]
        if lang == "nl" and org in ORG_NL:
            return ORG_NL[org]
        return labels.get(org) or words(org)
    return name


# --- steps -----------------------------------------------------------------------------------------

def decision_waits(events: pd.DataFrame) -> dict[int, float]:
    """For each grant (by row position in ``events`` sorted by day) the months since the
    household first asked that organisation, when that is at least :data:`DECISION_WAIT_DAYS`:
    the wait for a decision ("waits 5 months for home help")."""
    ev = events.sort_values("day", kind="stable").reset_index(drop=True)
    asked: dict[str, float] = {}
    out: dict[int, float] = {}
    for i, (kind, org, month) in enumerate(zip(ev.event.astype(str), ev.organisation.astype(str),
                                                ev.month)):
        if kind == "seek_help" and org:
            asked.setdefault(org, month)
        elif kind in ("grant", "denial") and org in asked:
            start = asked.pop(org)
            if kind == "grant" and (month - start) * MONTH >= DECISION_WAIT_DAYS:
                out[i] = start
    return out


@dataclass
class Step:
    """One dated step of a journey: events at one organisation close together in time."""
    month: float
    phase: str
    mark: str
    org: str = ""
    parts: list[str] = field(default_factory=list)
    end: float | None = None  # months, for a wait
    retellings: int = 0
    new_worker: bool = False
    kinds: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)  # problems that began at this step
    settles: bool = False  # a problem was settled at this step

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.mark, 3) + (3 if self.settles else 0)

    def add(self, part: str | None) -> None:
        if part and part not in self.parts:
            self.parts.append(part)


def _phrase(row: Any, lang: str, org_name, here: str = "") -> str | None:
    """The words of one event; None for an event that adds no words. At ``here``, the
    organisation that heads the step, the short form without its name."""
    ph = PHRASES[lang]
    kind, det = str(row.event), str(row.detail)
    if here and str(row.organisation) == here and kind != "referral":
        ph = {**ph, **{k[:-5]: v for k, v in ph.items() if k.endswith("_here")}}
    org = org_name(str(row.organisation))
    dom = DOMAIN_WORDS[lang].get(det, words(det))
    detail = KIND_DETAIL_WORDS[lang].get(kind, {}).get(det) or DETAIL_WORDS[lang].get(det, words(det))
    fill = dict(org=org, domain=dom, detail=detail, domains=dom,
                reason=REASON_WORDS[lang].get(det, words(det)),
                crisis=CRISIS_WORDS[lang].get(det, words(det)), n=round(float(row.value)))
    if kind == "seek_help":
        key = {"self": "seek_self", "signal": "seek_signal", "referral": "seek_referral",
               "warm": "seek_referral"}.get(det)
        return ph[key].format(**fill) if key else None
    if kind == "referral":
        return ph["referral"].format(**fill) if org else ph["referral_director"]
    if kind == "onset":
        return None  # gathered per day in steps()
    if kind in ("retelling", "worker_change"):
        return None  # counted in steps()
    if kind in ("met", "unmet", "exit", "queue_leave", "housing_move", "registration",
                "debt_help", "crisis_exit", "dispute_end", "cost", "payer_switch"):
        return ph["met"].format(**fill) if kind == "met" else None
    if kind in ph:
        try:
            return ph[kind].format(**fill)
        except (KeyError, IndexError):
            return ph[kind]
    text = words(kind)  # a kind this module does not know: its name, where and what
    if org:
        text += f" ({org})"
    if det:
        text += f": {words(det)}"
    return text


def steps(events: pd.DataFrame, lang: str, org_name, horizon: float) -> tuple[list[Step], int]:
    """The journey as a few dated steps, most telling first kept: (steps in time order, how
    many smaller steps were left out). Waits are steps with an end; onsets on one day are one
    step; events at one organisation within :data:`STEP_DAYS` are one step."""
    ph = PHRASES[lang]
    ev = events.sort_values("day", kind="stable").reset_index(drop=True)
    kinds = ev.event.astype(str).tolist()
    orgs = ev.organisation.astype(str).tolist()
    months = ev.month.tolist()
    consumed: set[int] = set()
    waited = decision_waits(ev)
    out: list[Step] = []
    current: Step | None = None
    for i, row in enumerate(ev.itertuples(index=False)):
        kind, org, month = kinds[i], orgs[i], months[i]
        phase, mark = kind_style(kind)
        if phase is None or i in consumed:
            continue
        if kind == "queue_join":  # a wait: until a place, leaving the list, or the end
            end, how = horizon, "wait_open"
            for j in range(i + 1, len(ev)):
                if orgs[j] == org and kinds[j] in ("placed", "queue_leave"):
                    end, how = months[j], "wait_placed" if kinds[j] == "placed" else "wait_left"
                    consumed.add(j)
                    break
            step = Step(month, phase, mark, org, end=end, kinds=[kind])
            step.add(ph[how].format(n=duration((end - month) * MONTH, lang), org=org_name(org)))
            out.append(step)
            continue
        if mark == "quiet":
            if kind == "met":  # a problem settled: part of its step, or a step of its own
                if current is None or month - current.month > STEP_DAYS / MONTH \
                        or current.mark in ("lost_contact", "reentry", "closure"):
                    current = Step(month, phase, "help", kinds=[kind])
                    out.append(current)
                current.add(_phrase(row, lang, org_name))
                current.settles = True
            continue
        if kind == "hidden_need":  # a problem nobody sees: said with the onset it came with
            if current is None or current.kinds[0] not in ("onset", "hidden_need") \
                    or abs(month - current.month) > 1e-9:
                current = Step(month, phase, mark, kinds=[kind])
                out.append(current)
            current.add(_phrase(row, lang, org_name))
            continue
        if kind in ("onset", "relapse", "treatment_relapse"):
            dom = DOMAIN_WORDS[lang].get(str(row.detail), words(str(row.detail)))
            if kind == "onset" and current is not None and current.domains \
                    and abs(month - current.month) < 1e-9:
                current.domains.append(dom)
                continue
            current = Step(month, phase, mark, kinds=[kind])
            if kind == "onset":
                current.domains.append(dom)
            else:
                current.parts.append(ph[kind].format(domain=dom))
            out.append(current)
            continue
        alone = ("lost_contact", "reentry", "closure", "director", "crisis", "problem")
        joins = current is not None and month - current.month <= STEP_DAYS / MONTH and (
            (kind == "tenancy" and current.kinds[0] == "tenancy")  # stages of one eviction process
            or (mark not in alone and current.mark not in (*alone, "wait")
                and current.kinds[0] not in ("crisis", "tenancy", "met")
                and (not org or kind == "referral" or not current.org or org == current.org)))
        if not joins:
            current = Step(month, phase, mark, org if kind != "referral" else "")
            out.append(current)
        assert current is not None
        current.kinds.append(kind)
        if not current.org and org and kind != "referral":
            current.org = org
        if PRIORITY.get(mark, 3) > current.priority:
            current.mark, current.phase = mark, phase
        if kind == "retelling":
            current.retellings += 1
        elif kind == "worker_change":
            current.new_worker = True
            current.add(ph["worker_change_here"] if org == current.org
                        else ph["worker_change"].format(org=org_name(org)))
        elif i in waited:  # a grant after a long wait for the decision
            key = "grant_after_here" if org == current.org else "grant_after"
            dom = DOMAIN_WORDS[lang].get(str(row.detail), words(str(row.detail)))
            current.add(ph[key].format(org=org_name(org), domain=dom,
                                       n=duration((month - waited[i]) * MONTH, lang)))
        else:
            current.add(_phrase(row, lang, org_name, current.org))
        if kind == "met":
            current.settles = True
    for s in out:  # finish the words
        if "violence_signal" in s.kinds:  # the signal says how the household came
            s.parts = [p for p in s.parts if p != ph["seek_signal_here"]]
        if s.domains:
            key = "onset" if s.month < 1e-9 else "new_problem"
            s.parts.insert(0, ph[key].format(domains=", ".join(s.domains),
                                             domain=", ".join(s.domains)))
        if s.retellings:
            if s.new_worker:
                s.parts = [p for p in s.parts if p != ph["worker_change_here"]
                           and not p.startswith(ph["worker_change"].split("{")[0])]
                s.parts.append(ph["retelling_new"])
            else:
                s.parts.append(ph["retelling"] if s.retellings == 1
                               else ph["retelling_n"].format(n=s.retellings))
        if not s.parts:
            s.parts.append(org_name(s.org) or words(s.kinds[0]))
    if len(out) <= MAX_STEPS:
        return out, 0
    first = out[0]
    ranked = sorted(out[1:], key=lambda s: (-s.priority, s.month))[:MAX_STEPS - 1]
    kept = [first] + sorted(ranked, key=lambda s: s.month)
    return kept, len(out) - len(kept)


# --- the picture -----------------------------------------------------------------------------------

def _label(step: Step, i: int, lang: str, org_name) -> str:
    where = org_name(step.org)
    head = f"{i}. {UI[lang]['month']} {step.month:.0f}"
    body = "; ".join(p for p in step.parts if p and p.strip())
    if where and where not in body:
        body = f"{where}: {body}"
    return f"{head} · {PHASE_LABELS[lang][step.phase]} · {body}"


def draw(events: pd.DataFrame, title: str, path: Path, horizon_months: float, lang: str = "en",
         org_name=None, subtitle: str = "") -> list[str]:
    """Draw the journey as a page: the phases against time with numbered steps, waits, stays,
    dead ends, retellings and losing touch, and the steps in words below. Returns the lines of
    words (also written into the picture)."""
    import textwrap

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ui = UI[lang]
    org_name = org_name or words
    horizon = max(horizon_months, 1.0)
    chosen, hidden = steps(events, lang, org_name, horizon)
    lines = [_label(s, i + 1, lang, org_name) for i, s in enumerate(chosen)]
    if hidden:
        lines.append(ui["more1"] if hidden == 1 else ui["more"].format(n=hidden))
    wrapped = [textwrap.fill(line, 150, subsequent_indent="      ") for line in lines]
    n_text = sum(w.count("\n") + 1 for w in wrapped)
    chart_h, text_h, top, below = 4.2, 0.18 * n_text + 0.25, 0.8, 0.6  # inches
    height = top + chart_h + below + text_h
    fig = plt.figure(figsize=(13, height))
    ax = fig.add_axes((0.17, (text_h + below) / height, 0.66, chart_h / height))
    y = {p: i for i, p in enumerate(PHASES)}
    kinds = events.event.astype(str)
    month = events.month
    for i in range(len(PHASES)):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#f4f4f4", zorder=0)
    # losing touch: from each disengagement to the return (or the end)
    out_starts = month[kinds.isin([k for k in kinds.unique() if _mark(k) == "lost_contact"])].tolist()
    returns = sorted(month[kinds.isin([k for k in kinds.unique() if _mark(k) == "reentry"])].tolist())
    for start in out_starts:
        end = next((r for r in returns if r >= start), horizon)
        ax.axvspan(start, max(end, start + 0.3), color="#777777", alpha=0.18, hatch="//", lw=0, zorder=1)
    # problems open from the first onset until stable (or the end)
    stable_at = month[kinds == "stable"]
    first_stable = float(stable_at.min()) if len(stable_at) else None
    ax.plot([0, first_stable if first_stable is not None else horizon], [y["probleem"]] * 2,
            color="#cc6677", lw=3, alpha=0.5, solid_capstyle="butt", zorder=2)
    # waits (dotted orange, above the help row's centre) and stays (solid blue, below it)
    orgs = events.organisation.astype(str)
    for idx in events.index[kinds == "queue_join"]:
        org, start = orgs[idx], month[idx]
        later = events[(events.index > idx) & (orgs == org) & kinds.isin(["placed", "queue_leave"])]
        end = float(later.month.iloc[0]) if len(later) else horizon
        ax.plot([start, end], [y["hulp"] - 0.22] * 2, color="#ee7733", lw=3, ls=(0, (1, 1)), zorder=2)
    ordered = events.sort_values("day", kind="stable").reset_index(drop=True)
    for i, start in decision_waits(events).items():
        ax.plot([start, float(ordered.month[i])], [y["hulp"] - 0.36] * 2, color="#ee7733", lw=3,
                ls=(0, (1, 1)), zorder=2)
    for idx in events.index[kinds == "placed"]:
        org, start = orgs[idx], month[idx]
        later = events[(events.index > idx) & (orgs == org) & (kinds == "exit")]
        end = float(later.month.iloc[0]) if len(later) else horizon
        ax.plot([start, end], [y["hulp"] + 0.22] * 2, color="#66ccee", lw=5, solid_capstyle="butt",
                zorder=2)
    # case direction: a director's bar, or "no case director"
    directors = month[kinds == "director"]
    if len(directors):
        ax.plot([float(directors.min()), horizon], [y["casusregie"]] * 2, color="#000000", lw=2,
                zorder=2)
    else:
        ax.text(horizon, y["casusregie"], ui["no_director"] + " ", ha="right", va="center",
                fontsize=8, style="italic", color="#777777")
    if first_stable is None:
        ax.text(horizon, y["afronding"], ui["not_closed"] + " ", ha="right", va="center", fontsize=8,
                style="italic", color="#777777")
    # every request for help, dead end and retelling, small, in its phase
    for kind in kinds.unique():
        phase, mark = _style(kind)
        asks = phase == "aanmelding" and mark == "step"
        if phase is None or not (asks or mark in ("dead_end", "retelling")):
            continue
        at = month[kinds == kind]
        marker, colour, _ = ("o", "#999999", "") if asks else STYLE[mark]
        ax.scatter(at, [y[phase]] * len(at), marker=marker, color=colour, s=16, alpha=0.55, zorder=3,
                   linewidths=0.5)
    # the numbered steps
    last: dict[str, list[float]] = {}
    for i, s in enumerate(chosen, start=1):
        marker, colour, _ = STYLE.get(s.mark, STYLE["step"])
        row = y[s.phase]
        ax.scatter([s.month], [row], marker=marker, color=colour, s=120, zorder=5,
                   edgecolors="white", linewidths=0.8)
        near = [m for m in last.get(s.phase, []) if s.month - m < horizon / 30]
        ax.annotate(str(i), (s.month, row), xytext=LABEL_OFFSETS[len(near) % len(LABEL_OFFSETS)],
                    textcoords="offset points", ha="center", va="center", fontsize=8.5,
                    fontweight="bold", zorder=6)
        last.setdefault(s.phase, []).append(s.month)
    if first_stable is not None:
        ax.axvline(first_stable, color="#117733", ls="--", lw=1, zorder=1)
    ax.set_yticks(range(len(PHASES)), [PHASE_LABELS[lang][p] for p in PHASES], fontsize=9)
    ax.set_ylim(len(PHASES) - 0.5, -0.5)
    ax.set_xlim(-0.02 * horizon - 0.3, horizon * 1.01 + 0.3)
    ax.set_xlabel(ui["months"], fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    fig.text(0.5, 1 - 0.3 / height, title, ha="center", va="center", fontsize=13)
    if subtitle:
        fig.text(0.5, 1 - 0.58 / height, subtitle, ha="center", va="center", fontsize=9,
                 color="#444444")
    handles = [Line2D([], [], marker=STYLE[m][0], color=STYLE[m][1], ls="", markersize=8,
                      label=ui[STYLE[m][2]])
               for m in ("problem", "signal", "step", "handoff", "help", "director", "closure")]
    handles += [Line2D([], [], marker="o", color="#999999", ls="", markersize=4,
                       label=ui["legend_ask"]),
                Line2D([], [], marker=STYLE["dead_end"][0], color=STYLE["dead_end"][1], ls="",
                       markersize=8, label=ui["legend_dead_end"]),
                Line2D([], [], marker=STYLE["retelling"][0], color=STYLE["retelling"][1], ls="",
                       markersize=9, label=ui["legend_retelling"]),
                Line2D([], [], color="#ee7733", lw=3, ls=(0, (1, 1)), label=ui["legend_wait"]),
                Line2D([], [], color="#66ccee", lw=5, label=ui["legend_stay"]),
                Patch(facecolor="#777777", alpha=0.3, hatch="//", label=ui["legend_lost"])]
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False)
    fig.text(0.03, (text_h - 0.05) / height, "\n".join(wrapped), va="top",
             ha="left", fontsize=8.5, family="DejaVu Sans", linespacing=1.35)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return lines


def _style(kind: str) -> tuple[str | None, str]:
    return kind_style(kind)


def _mark(kind: str) -> str:
    return kind_style(kind)[1]


# --- one page ----------------------------------------------------------------------------------------

def page(scenario, name: str, seed: int, lang: str, out: Path, slug: str, day: float | None = None,
         to_end: bool = False, progress: bool = False) -> dict:
    """Run one named household and write ``<slug>.png``, ``<slug>.csv`` and ``<slug>.json``
    into ``out``; returns what the journey book needs. Safe to run in parallel processes."""
    import json

    from sim.archetypes import ARCHETYPES
    from sim.scenario import load_scenario

    scenario = load_scenario(scenario)
    model, hh, events = journey(scenario, name, seed, day, progress=progress, to_end=to_end)
    horizon = (model.now - hh.onset) / MONTH
    c = counts(events)
    namer = org_namer(scenario, model.orgs, lang)
    ui = UI[lang]
    end = ui["stable_after"].format(m=c["months_to_stability"]) if c["months_to_stability"] is not None \
        else ui["not_stable"]
    subtitle = ui["summary"].format(orgs=c["organisations"], handoffs=c["handoffs"],
                                    dead=c["dead_ends"], told=c["retellings"], end=end)
    spec = ARCHETYPES[name]
    source = getattr(spec, "source", "")
    title = f"{name} {ui['in']} {scenario.name} ({ui['seed']} {seed})"
    lines = draw(events, title, out / f"{slug}.png", horizon, lang, namer,
                 subtitle + (f" — {ui['source']}: {source}" if source else ""))
    events.to_csv(out / f"{slug}.csv", index=False)
    info = {"household": name, "scenario": scenario.name, "seed": seed, "lang": lang,
            "months_followed": round(horizon, 1), **c, "steps": lines,
            "source": source, "observed": dict(getattr(spec, "observed", {}) or {})}
    (out / f"{slug}.json").write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")
    return {**info, "summary": subtitle, "picture": f"{slug}.png", "slug": slug}


def slug_of(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "household"


def book(scenario, names: list[str], seed: int, lang: str, out: Path, workers: int = 1,
         to_end: bool = False, progress: bool = False, pdf: bool = False,
         day: float | None = None) -> Path:
    """The journey book: one page per named household (run in ``workers`` processes), and
    ``index.html`` with a contents list and one section per household embedding its picture;
    with ``pdf`` also ``journeys.pdf``, a page per household."""
    import html
    from concurrent.futures import ProcessPoolExecutor

    slugs, seen = {}, set()
    for n in names:  # unique file names, whatever the households are called
        s, k = slug_of(n), 2
        while s in seen:
            s, k = f"{slug_of(n)}-{k}", k + 1
        seen.add(s)
        slugs[n] = s
    jobs = [(scenario, n, seed, lang, out, slugs[n], day, to_end) for n in names]
    done: dict[str, dict] = {}

    def report(name: str) -> None:
        if progress:
            print(f"journey book: {name} ({len(done)} of {len(jobs)})", file=sys.stderr)
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import as_completed

        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_page_job, j): j[1] for j in jobs}
            for f in as_completed(futures):
                done[futures[f]] = f.result()
                report(futures[f])
    else:
        for j in jobs:
            done[j[1]] = _page_job(j)
            report(j[1])
    pages = [done[n] for n in names]  # in the order of the named households
    ui = UI[lang]
    name = html.escape(getattr(scenario, "name", str(scenario)))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             f"<title>{ui['book']}: {name} ({ui['seed']} {seed})</title>",
             "<style>body{font-family:sans-serif;max-width:1320px;margin:2em auto;color:#222}"
             "section{page-break-before:always;border-top:1px solid #ccc;margin-top:2em}"
             "img{max-width:100%}li{margin:.2em 0}td,th{padding:.15em .6em;text-align:left;"
             "vertical-align:top}</style></head><body>",
             f"<h1>{ui['book']}: {name} ({ui['seed']} {seed})</h1>",
             f"<h2>{ui['index']}</h2><ol>"]
    for p in pages:
        parts.append(f"<li><a href=\"#{p['slug']}\">{html.escape(p['household'])}</a> — "
                     f"{html.escape(p['summary'])}</li>")
    parts.append("</ol>")
    for p in pages:
        parts.append(f"<section id=\"{p['slug']}\"><h2>{html.escape(p['household'])}</h2>")
        if p["source"]:
            parts.append(f"<p>{ui['source']}: {html.escape(p['source'])}. "
                         f"{html.escape(p['summary'])}.</p>")
        parts.append(f"<img src=\"{p['picture']}\" alt=\"{html.escape(p['household'])}\">")
        parts.append(f"<h3>{ui['steps']}</h3><ol>")
        parts += [f"<li>{html.escape(line.split('. ', 1)[-1])}</li>" for line in p["steps"]]
        parts.append("</ol>")
        if p["observed"]:
            parts.append(f"<h3>{ui['observed']}</h3><table>")
            parts += [f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                      for k, v in p["observed"].items()]
            parts.append("</table>")
        parts.append("</section>")
    parts.append("</body></html>\n")
    index = out / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    if pdf:
        write_pdf([out / p["picture"] for p in pages], out / "journeys.pdf")
    return index


def write_pdf(pictures: list[Path], path: Path) -> None:
    """The pictures as one PDF, a page each."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for picture in pictures:
            img = plt.imread(picture)
            fig = plt.figure(figsize=(img.shape[1] / 100, img.shape[0] / 100), dpi=100)
            fig.figimage(img, resize=False)
            pdf.savefig(fig)
            plt.close(fig)


def _page_job(job: tuple) -> dict:
    scenario, name, seed, lang, out, slug, day, to_end = job
    return page(scenario, name, seed, lang, out, slug, day, to_end)


# --- the command -----------------------------------------------------------------------------------

def main(args: argparse.Namespace) -> int:
    import math
    import os

    from sim.archetypes import ARCHETYPES
    from sim.cli import UsageError, check_out, progress_enabled
    from sim.scenario import ScenarioError, load_scenario, match_name

    try:
        if args.all == bool(args.household):
            raise UsageError("give either --household NAME or --all (one page per named "
                             f"household: {', '.join(ARCHETYPES)}).")
        names = list(ARCHETYPES) if args.all else \
            [match_name(args.household, list(ARCHETYPES), "household")]
        scenario = load_scenario(args.scenario)
        end = (scenario["run.warmup_years"] + scenario["run.years"]) * 365.0
        if args.at is not None and not (math.isfinite(args.at) and 0 <= args.at < end):
            raise UsageError(f"--at {args.at:g}: the day to place the household must be from 0 "
                             f"to {end:g} (the end of the run in {scenario.name}).")
        if args.pdf and not args.all:
            raise UsageError("--pdf: only with --all (the journey book).")
        if args.workers is not None and args.workers < 1:
            raise UsageError(f"--workers {args.workers}: give a whole number from 1.")
        if args.all:
            default = Path("results") / f"journeys-{scenario.name}-seed{args.seed}-{args.lang}"
        else:
            default = Path("results") / \
                f"journey-{slug_of(names[0])}-{scenario.name}-seed{args.seed}"
        out = Path(args.out) if args.out else default
        check_out(out)
    except (ScenarioError, UsageError) as exc:
        print(exc, file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    if args.all:
        workers = args.workers or min(len(names), os.cpu_count() or 1)
        index = book(scenario, names, args.seed, args.lang, out, workers, to_end=args.to_end,
                     progress=not args.quiet, pdf=args.pdf, day=args.at)
        if not args.quiet:
            print(f"Journey book of {len(names)} households in {scenario.name!r}: {index}")
        return 0
    name = names[0]
    info = page(scenario, name, args.seed, args.lang, out, "journey", args.at, to_end=args.to_end,
                progress=progress_enabled(args.quiet))
    if not args.quiet:
        print(f"{name} in {scenario.name!r}: {info['organisations']} organisations, "
              f"{info['handoffs']} handoffs, {info['dead_ends']} dead ends, {info['retellings']} "
              "retellings; " + (f"stable after {info['months_to_stability']} months"
                                if info["months_to_stability"] is not None else "not stable by the end")
              + f"; cost EUR {info['cost_eur']:,}.")
        print(f"Journey in {out}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("journey", help="draw a named household's journey through a scenario")
    from sim.cli import seed_type

    p.add_argument("scenario", help="scenario name (any case) or TOML file")
    p.add_argument("--household", help="a named household: Hans, Roos, Sharon, 'Mr Jansen', Bart, 'Wmo C01 scooter', ... "
                   "(any case; sim list households)")
    p.add_argument("--all", action="store_true",
                   help="a journey book: one page per named household, with index.html")
    p.add_argument("--lang", choices=LANGS, default="en", help="labels in Dutch or English (default en)")
    p.add_argument("--seed", type=seed_type, default=1, help="seed, 0 to 2**64-1 (default 1)")
    p.add_argument("--at", type=float, default=None, metavar="DAY",
                   help="day to place it, from 0 to the end of the run (default: end of warm-up)")
    p.add_argument("--to-end", action="store_true",
                   help="follow to the end of the run (default: until three months after it "
                        "became stable)")
    p.add_argument("--pdf", action="store_true", help="with --all: also journeys.pdf, a page per household")
    p.add_argument("--workers", type=int, default=None,
                   help="processes for --all (default: the number of cores)")
    p.add_argument("--out", help="output folder")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors; no progress bar")
    p.set_defaults(func=main)
