"""The app's charts as ECharts options (plain dicts): the browser draws them, so a weekly update
costs the server only the numbers. ECharts ships with solara-assets, so nothing is fetched from
the internet. Both worlds are drawn on the same axis limits, and a named household's timeline
uses the same lanes in both, so the two panels can be compared at a glance."""

from __future__ import annotations

import math
from typing import Any

from sim.analysis.journey import MARKERS
from sim.domains import DOMAINS, POT_NAMES
from sim.organisations import DEFAULT

from .worlds import SIDES, TwinWorlds, problems_of

MONTH = 30.4
FACILITY_COLOURS = {f.name: f.colour for f in DEFAULT.facilities}  # from the organisation rows
POT_COLOURS = dict(zip(POT_NAMES, ("#4477aa", "#77aadd", "#ee6677", "#aa3377", "#ccbb44",
                                   "#228833", "#99ddff", "#66ccee", "#ee8866", "#999999")))
STAR = "path://M5,0 L6.2,3.8 L10,3.8 L6.9,6.1 L8.1,10 L5,7.6 L1.9,10 L3.1,6.1 L0,3.8 L3.8,3.8 Z"
CROSS = "path://M2,0 L5,3 L8,0 L10,2 L7,5 L10,8 L8,10 L5,7 L2,10 L0,8 L3,5 L0,2 Z"
SYMBOLS = {"o": ("circle", 0), ">": ("triangle", -90), "d": ("diamond", 0), "P": ("rect", 45),
           "X": (CROSS, 0), "x": (CROSS, 0), "s": ("rect", 0), "^": ("triangle", 0), "*": (STAR, 0)}


def week_limit(week: int) -> int:
    """The x-axis end in weeks: grows in half-years, so the axes do not jump every week."""
    return 26 * max(1, math.ceil((week + 1) / 26))


def _weeks_axis(week: int) -> dict[str, Any]:
    """A week axis to the current half-year, labelled every quarter (or half-year later on)."""
    end = week_limit(week)
    return {"type": "value", "name": "week", "nameLocation": "middle", "nameGap": 20, "min": 0,
            "max": end, "interval": 13 * max(1, math.ceil(end / 130))}


def _base(title: str, xname: str, ymax: float | None = None) -> dict[str, Any]:
    return {
        "animation": False,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 13}},
        "grid": {"left": 8, "right": 18, "top": 34, "bottom": 26, "containLabel": True},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "value", "name": xname, "nameLocation": "middle", "nameGap": 20,
                  "min": 0},
        "yAxis": {"type": "value", "min": 0, **({"max": ymax} if ymax is not None else {})},
    }


def _nice(value: float) -> float:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * step >= value:
            return m * step
    return 10 * step


def survival(twin: TwinWorlds, side: str) -> dict[str, Any]:
    """Kaplan-Meier curve of time to stability, censored at the current week."""
    world = twin.worlds[side]
    times, surv = world.curve
    points = [[round(float(t) / MONTH, 3), round(float(s), 4)] for t, s in zip(times, surv)]
    if world.followup > times[-1]:  # flat until the longest follow-up
        points.append([round(world.followup / MONTH, 3), points[-1][1]])
    longest = max(w.followup for w in twin.worlds.values()) / MONTH
    opt = _base("Time to stability: not yet stable", "months since first contact", 1.0)
    opt["xAxis"]["max"] = max(6, 6 * math.ceil(longest / 6))
    opt["series"] = [{"type": "line", "step": "end", "showSymbol": False, "name": "not yet stable",
                      "data": points,
                      "lineStyle": {"color": "#4477aa"}, "itemStyle": {"color": "#4477aa"},
                      "markLine": {"silent": True, "symbol": "none", "data": [{"yAxis": 0.5}],
                                   "lineStyle": {"color": "#999", "type": "dotted"},
                                   "label": {"show": False}}}]
    return opt


def handoffs(twin: TwinWorlds, side: str) -> dict[str, Any]:
    """Mean cold handoffs (the dossier lost) per household that asked for help, week by week,
    and, dashed, the warm referrals (the dossier along; to a case director too)."""
    top = max(max(r["handoffs_mean"], r["warm_referrals_mean"])
              for w in twin.worlds.values() for r in w.history)
    opt = _base("Handoffs per household", "week", _nice(max(1.0, top * 1.1)))
    opt["xAxis"] = _weeks_axis(twin.week)
    history = twin.worlds[side].history
    opt["grid"]["bottom"] = 50
    opt["legend"] = {"bottom": 0, "itemWidth": 14, "itemHeight": 8, "textStyle": {"fontSize": 10}}
    opt["series"] = [{"type": "line", "showSymbol": False, "name": "cold (dossier lost)",
                      "data": [[r["week"], round(r["handoffs_mean"], 3)] for r in history],
                      "lineStyle": {"color": "#228833"}, "itemStyle": {"color": "#228833"}},
                     {"type": "line", "showSymbol": False, "name": "warm referrals",
                      "data": [[r["week"], round(r["warm_referrals_mean"], 3)] for r in history],
                      "lineStyle": {"color": "#88bb88", "type": "dashed"},
                      "itemStyle": {"color": "#88bb88"}}]
    return opt


def queues(twin: TwinWorlds, side: str) -> dict[str, Any]:
    """Households on each facility's waiting list, week by week."""
    top = max(max(r["queues"].values()) for w in twin.worlds.values() for r in w.history)
    opt = _base("Waiting lists per facility", "week", _nice(max(5.0, top * 1.05)))
    opt["xAxis"] = _weeks_axis(twin.week)
    opt["grid"]["bottom"] = 80
    opt["legend"] = {"bottom": 0, "itemWidth": 14, "itemHeight": 8, "itemGap": 6,
                     "textStyle": {"fontSize": 10}}
    world = twin.worlds[side]
    history = world.history
    colours = world.model.orgs.colours  # every facility of the model, in its row's colour
    opt["series"] = [{"type": "line", "showSymbol": False, "name": f.replace("_", " "),
                      "data": [[r["week"], r["queues"][f]] for r in history],
                      "lineStyle": {"color": colours[f], "width": 1.5},
                      "itemStyle": {"color": colours[f]}} for f in history[-1]["queues"]]
    return opt


def cost(twin: TwinWorlds, side: str) -> dict[str, Any]:
    """Cost since week 0 by funding pot, in million euros."""
    top = max(max(w.history[-1]["cost_by_pot"].values()) for w in twin.worlds.values()) / 1e6
    by_pot = twin.latest(side)["cost_by_pot"]
    names = list(reversed(POT_NAMES))
    opt = _base("Cost by pot since week 0", "EUR million", None)
    opt["tooltip"] = {"trigger": "item"}
    opt["xAxis"]["max"] = _nice(max(0.1, top * 1.05))
    opt["yAxis"] = {"type": "category", "data": [n.replace("_", " ") for n in names],
                    "axisLabel": {"fontSize": 10}}
    opt["series"] = [{"type": "bar", "name": "EUR million",
                      "data": [{"value": round(by_pot[n] / 1e6, 3),
                                "itemStyle": {"color": POT_COLOURS[n]}} for n in names]}]
    return opt


def journey_lanes(twin: TwinWorlds, name: str) -> list[str]:
    """Lanes shared by both worlds: organisations met (in order of first meeting), the story
    lane, then the household's problems."""
    orgs: dict[str, None] = {}
    rows_both: list[dict] = []
    for side in SIDES:
        rows = twin.journey(side, name)
        rows_both += rows
        for r in rows:
            if r["organisation"]:
                orgs.setdefault(r["organisation"], None)
    lanes = [o.replace("_", " ") for o in orgs] + ["story retold"]
    return lanes + [f"problem: {d}" for d in problems_of(rows_both)]


def _segment(name: str, lane: str, start: float, end: float, colour: str, width: int,
             dotted: bool = False) -> dict[str, Any]:
    return {"type": "line", "name": name, "silent": True, "symbol": "none",
            "data": [[round(start, 2), lane], [round(max(end, start + 0.15), 2), lane]],
            "lineStyle": {"color": colour, "width": width, "type": "dotted" if dotted else "solid",
                          "cap": "butt"},
            "itemStyle": {"color": colour}}


def journey(twin: TwinWorlds, side: str, name: str) -> dict[str, Any]:
    """The named household's timeline so far: the organisations it met, its waits and stays,
    referrals, decisions and dead ends, and its problems from open (red) to settled (green)."""
    rows = [r for r in twin.journey(side, name) if r["event"] != "cost"]
    lanes = journey_lanes(twin, name)
    now = float(twin.week)
    series: list[dict[str, Any]] = []
    for org in {r["organisation"] for r in rows if r["organisation"]}:
        lane = org.replace("_", " ")
        mine = [r for r in rows if r["organisation"] == org]
        ended = sorted(r["week"] for r in mine if r["event"] in ("placed", "queue_leave"))
        exits = [r["week"] for r in mine if r["event"] == "exit"]
        for start in (r["week"] for r in mine if r["event"] == "queue_join"):
            end = next((w for w in ended if w >= start), now)
            series.append(_segment("waiting list", lane, start, end, "#ee7733", 3, dotted=True))
        for i, start in enumerate(r["week"] for r in mine if r["event"] == "placed"):
            end = exits[i] if i < len(exits) else now
            series.append(_segment("stay", lane, start, end, "#66ccee", 9))
    for d in DOMAINS:
        lane = f"problem: {d}"
        if lane not in lanes:
            continue
        mine = [r for r in rows if r["detail"] == d]
        opened = [r["week"] for r in mine if r["event"] in ("onset", "unmet")]
        settled = [r["week"] for r in mine if r["event"] == "met"]
        for start in opened:
            end = next((w for w in settled if w >= start), now)
            series.append(_segment("problem open", lane, start, end, "#ee6677", 7))
            if end < now:
                nxt = next((w for w in opened if w > end), now)
                series.append(_segment("problem settled", lane, end, nxt, "#228833", 7))
    marks = dict(MARKERS, retelling=("*", "#aa3377", "story told again"))
    for kind, (marker, colour, label) in marks.items():
        mine = [r for r in rows if r["event"] == kind]
        if not mine:
            continue
        symbol, rotate = SYMBOLS.get(marker, ("circle", 0))
        data = [[round(r["week"], 2), r["organisation"].replace("_", " ") if r["organisation"]
                 and kind != "retelling" else "story retold"] for r in mine]
        series.append({"type": "scatter", "name": label, "symbol": symbol, "symbolRotate": rotate,
                       "symbolSize": 10, "z": 3, "data": data, "itemStyle": {"color": colour}})
    marks_x = [{"xAxis": now, "lineStyle": {"color": "#999", "type": "solid"}}]
    stable = [r["value"] for r in rows if r["event"] == "stable"]
    if stable:
        week = (min(stable) - twin.worlds[side].start) / 7.0
        marks_x.append({"xAxis": round(week, 2), "lineStyle": {"color": "#228833", "type": "dashed"},
                        "label": {"show": True, "formatter": "stable", "color": "#228833"}})
    series.append({"type": "line", "name": "now", "data": [], "silent": True,
                   "markLine": {"silent": True, "symbol": "none", "data": marks_x,
                                "label": {"show": False}}})
    legend = list(dict.fromkeys(s["name"] for s in series if s["name"] != "now"))
    return {
        "animation": False,
        "grid": {"left": 8, "right": 16, "top": 10, "bottom": 82, "containLabel": True},
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0, "data": legend, "itemWidth": 12, "itemHeight": 8, "itemGap": 8,
                   "textStyle": {"fontSize": 10}},
        "xAxis": _weeks_axis(twin.week),
        "yAxis": {"type": "category", "data": lanes, "inverse": True,
                  "axisLabel": {"fontSize": 10}, "splitLine": {"show": True,
                                                               "lineStyle": {"color": "#eee"}}},
        "series": series,
    }


def journey_height(twin: TwinWorlds, name: str) -> int:
    """Pixels for the timeline so every lane is readable."""
    return 110 + 22 * len(journey_lanes(twin, name))


def recent_events(rows: list[dict], n: int = 4) -> list[str]:
    """The last few things that happened to a household, in words."""
    words = {"seek_help": "asks for help at", "contact": "contact with", "referral": "referred to",
             "worker_change": "new professional at", "grant": "granted by", "denial": "denied by",
             "no_response": "no response from", "info_only": "only informed by",
             "queue_join": "waits for a place in", "placed": "gets a place in", "exit": "leaves",
             "met": "settled:", "unmet": "open again:", "crisis": "crisis:", "stable": "stable",
             "dispute": "who-pays dispute at", "escalation": "escalation at",
             "director": "a case director takes the case", "retelling": "tells the story again",
             "disengaged": "drops out", "reentry": "comes back", "id_renewed": "ID renewed",
             "onset": "problem:"}
    out = []
    for r in [r for r in rows if r["event"] in words][-n:]:
        what = "" if r["event"] in ("director", "retelling", "stable", "disengaged", "reentry") \
            else (r["organisation"] or r["detail"]).replace("_", " ")
        out.append(f"week {r['week']:.0f}: {words[r['event']]} {what}".rstrip())
    return out
