"""Two worlds side by side: the baseline and a reform, built from the workshop's controls with
the same seed (common random numbers) and stepped together one week at a time.

After each week both worlds record the live numbers the app shows: time to stability (the
Kaplan-Meier curve and its running median, censored at the current week), cold handoffs per
household (the dossier lost; warm referrals and referrals to a case director apart), queue
lengths per facility, the cost since the start split by pot, and of it the societal (resource)
cost and the transfers to households (benefits); and every
named household's journey grows by that week's events. This module imports no web code, so
tests and benchmarks drive it directly::

    twin = workshop_worlds(inhabitants=55_000, fixed_director=True)
    twin.step()                       # one week in both worlds
    twin.latest("reform")["median_days"]
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import Any

import mesa
import numpy as np

from sim.archetypes import KLANTREIS
from sim.domains import DOMAINS, POT_NAMES, TRANSFER_CATEGORIES, Dossier
from sim.eventlog import KINDS, K
from sim.metrics import (DEAD_END_KINDS, FIRST_CONTACT_KINDS, HANDOFF_KINDS, ORG_KINDS,
                         event_arrays, kaplan_meier, km_median)
from sim.model import WEEK, SocialDomainModel
from sim.parameters import PARAMETERS
from sim.report import EVENT_DETAILS
from sim.run import release

SIDES = ("baseline", "reform")
NAMES = KLANTREIS  # Hans, Roos, Sharon, Maria, Mr Jansen, Kenny, Myriam


@dataclass(frozen=True)
class Control:
    """One control of the app: a reform switch or a slider with hard limits."""

    name: str  # keyword of TwinWorlds
    label: str
    key: str  # the model parameter it sets
    default: Any
    low: float | None = None
    high: float | None = None
    step: int = 1
    both: bool = False  # True: applies to both worlds; False: to the reform world only

    @property
    def switch(self) -> bool:
        return isinstance(self.default, bool)


def _slider(name: str, label: str, key: str, step: int = 1, limits=None, both=False) -> Control:
    """A slider whose limits are the parameter's plausible range from the parameter table."""
    p = PARAMETERS[key]
    low, high = limits or p.range
    return Control(name, label, key, int(p.default), int(low), int(high), step, both)


def _switch(name: str, label: str, default: bool = False) -> Control:
    return Control(name, label, f"reform.{name}", default)


CONTROLS: dict[str, Control] = {c.name: c for c in (
    Control("seed", "Seed (both worlds)", "", 1, 1, 99, 1, both=True),
    _slider("inhabitants", "Inhabitants (both worlds)", "region.inhabitants", 5_000,
            limits=(10_000, 110_000), both=True),
    _switch("fixed_director", "Fixed case director", True),
    _switch("one_budget", "One budget (pots merged)"),
    _switch("joint_insurer_budget", "Health insurer joins the one budget"),
    _switch("escalation", "Escalation of blocked cases"),
    _switch("broad_intake", "Broad intake at every front door"),
    _switch("postal_address_home", "Postal address at home"),
    _switch("housing_first", "Housing First"),
    _switch("enforce_deadlines", "Legal deadlines enforced"),
    _slider("shelter_beds", "Night-shelter beds", "night_shelter.capacity"),
    _slider("sheltered_places", "Sheltered-housing places", "sheltered_housing.capacity"),
    _slider("transitional_homes", "Transitional homes", "transitional_home.capacity"),
    _slider("urgent_lettings", "Social lettings a year (all routes)", "social_housing.lettings_per_year", 25),
    _slider("wi_staff", "Werk & Inkomen staff (FTE)", "work_income.staff"),
    _slider("wi_caseload", "Werk & Inkomen caseload cap", "work_income.caseload_cap", 25),
    _slider("team_staff", "Neighbourhood-team staff (FTE)", "neighbourhood_team.staff"),
    _slider("team_caseload", "Neighbourhood-team caseload cap", "neighbourhood_team.caseload_cap"),
    _slider("directors", "Case directors (FTE)", "director.staff"),
    _slider("director_caseload", "Case-director caseload cap", "director.caseload_cap"),
)}
DEFAULTS: dict[str, Any] = {c.name: c.default for c in CONTROLS.values()}


def check_controls(controls: dict[str, Any]) -> dict[str, Any]:
    """All controls with defaults filled in; unknown names, wrong types and values outside a
    control's limits raise ValueError."""
    unknown = sorted(set(controls) - set(CONTROLS))
    if unknown:
        raise ValueError(f"unknown control(s) {', '.join(unknown)}; choose from {', '.join(CONTROLS)}")
    out = dict(DEFAULTS)
    for name, value in controls.items():
        c = CONTROLS[name]
        if c.switch:
            if not isinstance(value, (bool, np.bool_)):
                raise ValueError(f"{name} is a switch: True or False, not {value!r}")
            out[name] = bool(value)
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
                or not float(value).is_integer():
            raise ValueError(f"{name} must be a whole number, not {value!r}")
        if not c.low <= value <= c.high:
            raise ValueError(f"{name} = {value} is outside its limits {c.low}-{c.high}")
        out[name] = int(value)
    return out


def overrides_for(side: str, controls: dict[str, Any]) -> dict[str, Any]:
    """The parameter overrides of one world: the baseline takes only the shared controls."""
    out: dict[str, Any] = {}
    for c in CONTROLS.values():
        if not c.key or (side == "baseline" and not c.both):
            continue
        kind = PARAMETERS[c.key].kind
        out[c.key] = kind(controls[c.name])
    return out


def describe_reform(controls: dict[str, Any]) -> str:
    """What the reform world changes, in words: "Fixed case director; transitional homes 7 -> 14"."""
    parts = []
    for c in CONTROLS.values():
        if c.both or not c.key:
            continue
        value = controls[c.name]
        if c.switch and value:
            parts.append(c.label)
        elif not c.switch and value != c.default:
            parts.append(f"{c.label.lower()} {c.default} -> {value}")
    return "; ".join(parts) if parts else "nothing changed (same as the baseline)"


class World:
    """One world: a SocialDomainModel, its live numbers per week and the named households'
    journeys. Week 0 is the first week boundary at or after the end of the warm-up."""

    def __init__(self, side: str, seed: int, overrides: dict[str, Any]) -> None:
        self.side = side
        self.model = SocialDomainModel("baseline", rng=seed, overrides=overrides)
        m = self.model
        self.start = WEEK * math.ceil(m.warmup / WEEK)
        self.weeks = math.ceil((m.end - self.start) / WEEK)
        for name in NAMES:  # all named households arrive at week 0, each with its own streams
            m.add_archetype(name, self.start)
        while m.now < self.start:
            m.step()
        self._start_row = m.series[-1]
        self._cursor = 0
        self._first_contact = np.empty(0)
        self._stable_since = np.empty(0)
        self._handoffs = np.empty(0, dtype=np.int64)  # cold ones
        self._warm = np.empty(0, dtype=np.int64)  # warm referrals, to a case director too
        self._transfers_closed = 0.0  # transfers logged so far (closed running costs)
        self._transfers_at_start: float | None = None
        self._cohort = np.empty(0, dtype=bool)
        self._hid: dict[str, int] = {}
        self.journeys: dict[str, list[dict[str, Any]]] = {name: [] for name in NAMES}
        self.history: list[dict[str, Any]] = []
        self.curve: tuple[np.ndarray, np.ndarray] = (np.array([0.0]), np.array([1.0]))
        self.followup = 0.0  # longest time anyone has been followed, in days
        self._update()

    @property
    def week(self) -> int:
        return round((self.model.now - self.start) / WEEK)

    @property
    def running(self) -> bool:
        return bool(self.model.running)

    def step(self) -> None:
        if self.model.running:
            self.model.step()
            self._update()

    # -- live numbers ----------------------------------------------------------------------------
    def _update(self) -> None:
        m = self.model
        n = len(m.households)
        old = self._cohort.size
        if n > old:
            grow = n - old
            self._first_contact = np.concatenate([self._first_contact, np.full(grow, np.nan)])
            self._stable_since = np.concatenate([self._stable_since, np.full(grow, np.nan)])
            self._handoffs = np.concatenate([self._handoffs, np.zeros(grow, dtype=np.int64)])
            self._warm = np.concatenate([self._warm, np.zeros(grow, dtype=np.int64)])
            self._cohort = np.concatenate(
                [self._cohort, np.array([h.cohort for h in m.households[old:]], dtype=bool)])
        for name in NAMES:
            if name not in self._hid and m.archetype(name) is not None:
                self._hid[name] = m.archetype(name).hid
        # copy only this week's rows: the log's buffers must not stay exported
        a = event_arrays(m, self._cursor)
        self._cursor += a["time"].size
        kind, who = a["kind"], a["household"]
        sel = np.isin(kind, [K[k] for k in FIRST_CONTACT_KINDS])
        np.fmin.at(self._first_contact, who[sel], a["time"][sel])
        sel = kind == K["stable"]
        np.fmin.at(self._stable_since, who[sel], a["value"][sel])
        handoff = np.isin(kind, [K[k] for k in HANDOFF_KINDS])
        sel = handoff & (a["value"] == Dossier.LOST)
        np.add.at(self._handoffs, who[sel], 1)
        sel = (kind == K["referral"]) & (a["value"] == Dossier.WARM)
        np.add.at(self._warm, who[sel], 1)
        sel = (kind == K["cost"]) & np.isin(a["detail"], [int(c) for c in TRANSFER_CATEGORIES])
        self._transfers_closed += float(a["value"][sel].sum())
        for name, hid in self._hid.items():
            rows = np.nonzero(who == hid)[0]
            self.journeys[name].extend(self._journey_row(a, i) for i in rows)
        self.history.append(self._snapshot())

    def _journey_row(self, a: dict[str, np.ndarray], i: int) -> dict[str, Any]:
        kind = KINDS[a["kind"][i]]
        org, detail = int(a["org"][i]), int(a["detail"][i])
        names = EVENT_DETAILS.get(kind)
        day = float(a["time"][i])
        return {"week": (day - self.start) / WEEK, "day": day, "event": kind,
                "organisation": self.model.orgs.names[org] if org >= 0 and kind != "cost" else "",
                "pot": POT_NAMES[org] if org >= 0 and kind == "cost" else "",
                "detail": names[detail] if names and 0 <= detail < len(names) else "",
                "value": float(a["value"][i])}

    def _transfers(self) -> float:
        """Transfers to households so far: those logged and the running ones (benefits)."""
        m = self.model
        now = m.now
        running = sum(acc.rate * (now - acc.start) for h in m.households
                      for acc in h.accruals.values() if acc.category in TRANSFER_CATEGORIES)
        return self._transfers_closed + running

    def _snapshot(self) -> dict[str, Any]:
        m = self.model
        now = m.now
        measured = self._cohort & ~np.isnan(self._first_contact)
        start = self._first_contact[measured]
        stable = self._stable_since[measured]
        reached = ~np.isnan(stable) & (stable >= start)
        durations = np.where(reached, stable - start, now - start)
        self.curve = kaplan_meier(durations, reached) if durations.size else self.curve
        self.followup = float(durations.max()) if durations.size else 0.0
        times, surv = self.curve
        half_year = 182.5
        within = (1.0 - float(surv[times <= half_year][-1])
                  if durations.size and durations.max() >= half_year else None)
        row = m.series[-1]
        queues = {f: float(row[f"queue.{f}"]) for f in m.facilities}
        cost = {p: float(row[f"spent.{p}"] - self._start_row[f"spent.{p}"]) for p in POT_NAMES}
        transfers_now = self._transfers()
        if self._transfers_at_start is None:
            self._transfers_at_start = transfers_now
        transfers = transfers_now - self._transfers_at_start
        return {
            "week": self.week,
            "day": now,
            "households": int(measured.sum()),
            "stable": int(reached.sum()),
            "stable_share": float(reached.mean()) if durations.size else 0.0,
            "median_days": km_median(durations, reached),
            "stable_within_6_months": within,  # Kaplan-Meier; None until someone was followed that long
            "handoffs_mean": float(self._handoffs[measured].mean()) if durations.size else 0.0,
            "warm_referrals_mean": float(self._warm[measured].mean()) if durations.size else 0.0,
            "queues": queues,
            "waiting": float(sum(queues.values())),
            "cost_by_pot": cost,
            "cost_total": float(sum(cost.values())) - transfers,  # resources: societal cost
            "transfers_total": transfers,
        }

    # -- named households ------------------------------------------------------------------------
    def journey(self, name: str) -> list[dict[str, Any]]:
        """The named household's events so far, oldest first (week counted from week 0)."""
        return self.journeys[name]

    def journey_counts(self, name: str) -> dict[str, Any]:
        """Organisations met, cold handoffs, warm referrals (to a case director too), dead
        ends, retellings and the week it became stable."""
        rows = self.journeys[name]
        orgs = {r["organisation"] for r in rows if r["event"] in ORG_KINDS and r["organisation"]}
        stable = [r["value"] for r in rows if r["event"] == "stable"]
        return {
            "organisations": len(orgs),
            "handoffs": sum(r["event"] in HANDOFF_KINDS and r["value"] == Dossier.LOST
                            for r in rows),
            "warm_referrals": sum(r["event"] == "referral" and r["value"] == Dossier.WARM
                                  for r in rows),
            "dead_ends": sum(r["event"] in DEAD_END_KINDS for r in rows),
            "retellings": sum(r["event"] == "retelling" for r in rows),
            "stable_week": (min(stable) - self.start) / WEEK if stable else None,
            "cost_eur": sum(r["value"] for r in rows if r["event"] == "cost"),
        }


class TwinWorlds(mesa.Model):
    """The baseline and the reform world, with the same seed, stepped together.

    Every keyword is a control (see ``CONTROLS``): ``seed`` and ``inhabitants`` apply to both
    worlds, the reform switches and capacities to the reform world only. ``step()`` advances
    both by one week; ``reset()`` rebuilds them at week 0 with the same controls.
    """

    def __init__(self, *, seed: int = DEFAULTS["seed"], inhabitants: int = DEFAULTS["inhabitants"],
                 fixed_director: bool = DEFAULTS["fixed_director"],
                 one_budget: bool = DEFAULTS["one_budget"],
                 joint_insurer_budget: bool = DEFAULTS["joint_insurer_budget"],
                 escalation: bool = DEFAULTS["escalation"],
                 broad_intake: bool = DEFAULTS["broad_intake"],
                 postal_address_home: bool = DEFAULTS["postal_address_home"],
                 housing_first: bool = DEFAULTS["housing_first"],
                 enforce_deadlines: bool = DEFAULTS["enforce_deadlines"],
                 shelter_beds: int = DEFAULTS["shelter_beds"],
                 sheltered_places: int = DEFAULTS["sheltered_places"],
                 transitional_homes: int = DEFAULTS["transitional_homes"],
                 urgent_lettings: int = DEFAULTS["urgent_lettings"],
                 wi_staff: int = DEFAULTS["wi_staff"], wi_caseload: int = DEFAULTS["wi_caseload"],
                 team_staff: int = DEFAULTS["team_staff"],
                 team_caseload: int = DEFAULTS["team_caseload"],
                 directors: int = DEFAULTS["directors"],
                 director_caseload: int = DEFAULTS["director_caseload"]) -> None:
        controls = {k: v for k, v in locals().items() if k in CONTROLS}
        self.controls = check_controls(controls)
        super().__init__(seed=self.controls["seed"])
        self.reform_text = describe_reform(self.controls)
        self.worlds: dict[str, World] = {}
        self._build()

    def _build(self) -> None:
        old = [w.model for w in self.worlds.values()]
        seed = self.controls["seed"]
        self.worlds = {side: World(side, seed, overrides_for(side, self.controls)) for side in SIDES}
        self.steps = 0
        self.running = True
        for model in old:
            release(model)
        # let Mesa forget the two models once this object is gone
        self._finalizer = weakref.finalize(self, _release_all, [w.model for w in self.worlds.values()])

    @property
    def baseline(self) -> World:
        return self.worlds["baseline"]

    @property
    def reform(self) -> World:
        return self.worlds["reform"]

    @property
    def week(self) -> int:
        return self.baseline.week

    @property
    def weeks(self) -> int:
        """Weeks from week 0 to the end of the run."""
        return self.baseline.weeks

    def step(self) -> None:
        if not self._finalizer.alive:  # closed: a play loop winding down steps no more
            self.running = False
            return
        for world in self.worlds.values():
            world.step()
        self.running = all(w.running for w in self.worlds.values())

    def reset(self) -> None:
        """Back to week 0 with the same controls."""
        self._finalizer.detach()
        self._build()

    def close(self) -> None:
        """The session is gone: stop, and let Mesa forget both models now."""
        self.running = False
        self._finalizer()  # runs once: releases the models

    def latest(self, side: str) -> dict[str, Any]:
        return self.worlds[side].history[-1]

    def journey(self, side: str, name: str) -> list[dict[str, Any]]:
        return self.worlds[side].journey(name)


def _release_all(models) -> None:
    for model in models:
        release(model)


def workshop_worlds(**controls: Any) -> TwinWorlds:
    """The twin worlds of the workshop app, built from controls (defaults for the rest)."""
    return TwinWorlds(**controls)


def problems_of(rows: list[dict[str, Any]]) -> list[str]:
    """Life domains that were a problem at some point in a journey, in domain order."""
    seen = {r["detail"] for r in rows if r["event"] in ("onset", "unmet", "met")}
    return [d for d in DOMAINS if d in seen]
