"""The workshop page, served by ``sim app``: Mesa's SolaraViz runs the twin worlds (play, pause,
step, reset and the controls in the sidebar) and this page draws them side by side."""

from __future__ import annotations

import warnings

import solara

# Mesa 3.3.1's ComponentsView trips Solara's hook check at import; this page does not use it
warnings.filterwarnings("ignore", message=r".*ComponentsView: `use_state`", category=UserWarning)
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from sim.app import charts
from sim.app.worlds import CONTROLS, NAMES, SIDES, TwinWorlds

TITLE = "Social domain: the baseline and a reform, side by side"
PLAY_INTERVAL_MS = 300  # pause between weeks while playing; a week of both worlds takes far less
# Mesa's play-interval slider goes down to 1 ms, faster than the page can draw both worlds:
# Solara then replaces the page with "Too many renders triggered". Values below this are raised
# to it (a week of both worlds and the redraw of the charts take well under it).
MIN_PLAY_INTERVAL_MS = 150
MAX_PLAY_INTERVAL_MS = 500  # the slider's own maximum
MAX_RENDER_INTERVAL = 10  # weeks per redraw; the slider goes to 100, which skips most of a run


class Clamped(solara.Reactive):
    """A reactive number that keeps itself within [low, high], whoever sets it."""

    def __init__(self, value: int, low: int, high: int) -> None:
        self.low, self.high = low, high
        super().__init__(self._clamp(value))

    def _clamp(self, value) -> int:
        return int(min(self.high, max(self.low, value)))

    def set(self, value) -> None:
        super().set(self._clamp(value))


def clamped_interval(value: int = PLAY_INTERVAL_MS) -> Clamped:
    return Clamped(value, MIN_PLAY_INTERVAL_MS, MAX_PLAY_INTERVAL_MS)
CHART_HEIGHT = "height: 250px;"


def model_params() -> dict:
    """SolaraViz's inputs for every control; a change applies when Reset is pressed."""
    params = {}
    for c in CONTROLS.values():
        label = c.label if c.both else f"Reform: {c.label}"
        if c.switch:
            params[c.name] = {"type": "Checkbox", "value": c.default, "label": label}
        else:
            params[c.name] = {"type": "SliderInt", "value": c.default, "min": c.low,
                              "max": c.high, "step": c.step, "label": label}
    return params


MODEL_PARAMS = model_params()


def _months(days) -> str:
    return "not reached" if days is None else f"{days / charts.MONTH:.1f} months"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _share(x) -> str:
    return "-" if x is None else f"{x:.0%}"


METRICS = (  # key, label, format, format of a difference
    ("households", "Asked for help", lambda v: f"{v:,}", lambda d: f"{d:+,}"),
    ("stable_share", "Stable now", _share, lambda d: f"{d * 100:+.0f} pt"),
    ("stable_within_6_months", "Stable in 6 months", _share, lambda d: f"{d * 100:+.0f} pt"),
    ("median_days", "Median to stability", _months,
     lambda d: f"{d / charts.MONTH:+.1f} months"),
    ("handoffs_mean", "Cold handoffs per household", lambda v: f"{v:.2f}", lambda d: f"{d:+.2f}"),
    ("waiting", "On waiting lists", lambda v: f"{v:,.0f}", lambda d: f"{d:+,.0f}"),
    ("cost_total", "Societal cost since week 0", lambda v: f"EUR {v / 1e6:,.1f} M",
     lambda d: f"{d / 1e6:+,.1f} M"),
)


@solara.component
def Metric(side: str, key: str, label: str, value: str, delta: str | None) -> None:
    with solara.Column(gap="0px", style={"flex": "1 1 125px", "margin": "4px 10px 4px 0"}):
        solara.Text(label, style={"font-size": "12px", "color": "#666"})
        solara.Text(value, classes=[f"sim-{side}-{key}"],
                    style={"font-size": "20px", "font-weight": "500"})
        solara.Text(delta or "\u00a0", style={"font-size": "11px", "color": "#777"})


@solara.component
def WorldPanel(twin: TwinWorlds, side: str, follow: str, week: int) -> None:
    # ``week`` is not read: it changes every step, so the panel is drawn again
    world = twin.worlds[side]
    now, base = twin.latest(side), twin.latest("baseline")
    title = "Baseline: as things are" if side == "baseline" else f"Reform: {twin.reform_text}"
    with solara.Card(title, classes=[f"sim-panel-{side}"], margin=0,
                     style={"height": "100%", "border-top": "4px solid "
                            + ("#999999" if side == "baseline" else "#4477aa")}):
        with solara.Row(style={"flex-wrap": "wrap"}, gap="0px"):
            for key, label, fmt, dfmt in METRICS:
                delta = None
                if side == "reform" and now[key] is not None and base[key] is not None:
                    delta = f"{dfmt(now[key] - base[key])} vs baseline"
                Metric(side, key, label, fmt(now[key]), delta)
        with solara.Columns([1, 1], gutters_dense=True):
            solara.FigureEcharts(charts.survival(twin, side), attributes={"style": CHART_HEIGHT},
                                 responsive=True)
            solara.FigureEcharts(charts.handoffs(twin, side), attributes={"style": CHART_HEIGHT},
                                 responsive=True)
        with solara.Columns([1, 1], gutters_dense=True):
            solara.FigureEcharts(charts.queues(twin, side), attributes={"style": "height: 290px;"},
                                 responsive=True)
            solara.FigureEcharts(charts.cost(twin, side), attributes={"style": "height: 290px;"},
                                 responsive=True)
        c = world.journey_counts(follow)
        stable = (f"stable from week {c['stable_week']:.0f}" if c["stable_week"] is not None
                  else "not stable yet")
        counts = ", ".join(_plural(c[k], word) for k, word in (
            ("organisations", "organisation"), ("handoffs", "cold handoff"),
            ("warm_referrals", "warm referral"), ("dead_ends", "dead end"),
            ("retellings", "retelling")))
        solara.Text(f"{follow}: {counts}; {stable}",
                    classes=[f"sim-{side}-journey"],
                    style={"font-weight": "500", "margin-top": "8px", "display": "block"})
        solara.FigureEcharts(charts.journey(twin, side, follow), responsive=True,
                             attributes={"style": f"height: {charts.journey_height(twin, follow)}px;"})
        for line in charts.recent_events(world.journey(follow)):
            solara.Text(line, style={"font-size": "12px", "color": "#555", "display": "block"})


@solara.component
def Dashboard(model: solara.Reactive[TwinWorlds]) -> None:
    update_counter.get()  # redraw after every step
    twin = model.value
    follow = solara.use_reactive(NAMES[0])
    solara.Title("Social domain workshop")
    with solara.Column(style={"padding": "8px 16px"}):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(f"Week {twin.week} of {twin.weeks}", classes=["sim-week"],
                        style={"font-size": "22px", "font-weight": "600", "margin-right": "16px"})
            solara.Text(f"{twin.controls['inhabitants']:,} inhabitants, seed "
                        f"{twin.controls['seed']}: the same households arrive in both worlds. "
                        "Change the controls on the left, then press Reset.",
                        style={"color": "#555"})
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text("Follow a household:", style={"margin-right": "8px"})
            solara.ToggleButtonsSingle(value=follow, values=list(NAMES), dense=True)
        with solara.Columns([1, 1]):
            for side in SIDES:
                WorldPanel(twin, side, follow.value, twin.week)


@solara.component
def Page() -> None:
    twin = solara.use_memo(TwinWorlds, [])  # one pair of worlds per browser session
    model = solara.use_reactive(twin)
    play_interval = solara.use_memo(clamped_interval, [])
    render_interval = solara.use_memo(lambda: Clamped(1, 1, MAX_RENDER_INTERVAL), [])

    def release_on_close():
        # runs when the session ends (tab closed or reloaded, the server culls its kernel):
        # stop playing and let Mesa forget the models of this session
        return lambda: model.value.close()

    solara.use_effect(release_on_close, [])
    SolaraViz(model, components=[], model_params=MODEL_PARAMS, name=TITLE,
              play_interval=play_interval, render_interval=render_interval)
    Dashboard(model)
