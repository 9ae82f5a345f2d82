"""The Mesa model: a municipality and its centrumgemeente, their counters, facilities, pots and
the households that pass through them.

Time is in days and event-driven: the calendar jumps from one event to the next, so
households that wait cost nothing. ``step()`` advances one week, so Mesa's tools and the
live app can drive the model; :func:`sim.run.run` simply runs it to the end.
"""

from __future__ import annotations

import gc
import inspect
import math
import numbers
from functools import partial
from typing import Any, Mapping

import mesa
import numpy as np

from .agents import Counter, FacilityAgent, Household
from .calendar import Calendar
from .domains import (CENTRE, COUNTERS, FACILITIES, HOME, MUNICIPALITIES, POTS, O, P)
from .eventlog import K, EventLog
from .mechanisms.cascades import Cascades
from .mechanisms.casework import Casework
from .mechanisms.help_seeking import HelpSeeking
from .mechanisms.housing import Housing
from .mechanisms.provisions import Provisions
from .mechanisms.reforms import Reforms
from .parameters import PARAMETERS
from .population import PROFILES, PlacingArchetypes, Populating
from .pots import Accrual, Pot
from .scenario import Scenario, load_scenario
from .streams import Streams

WEEK = 7.0
COUNTER_POTS = {"wmo": "wmo", "work_income": "bijstand", "work_income_centre": "bijstand_centre",
                "debt_help": "debt_help", "neighbourhood_team": "wmo", "shelter_intake": "shelter",
                "housing_urgency": "corporation", "ggz": "zvw", "youth": "youth", "director": "wmo"}
FACILITY_POTS = {"night_shelter": "shelter", "crisis_shelter": "shelter", "womens_shelter": "shelter",
                 "sheltered_housing": "shelter", "transitional_home": "corporation",
                 "ggz_treatment": "zvw", "youth_care": "youth", "social_housing": "corporation"}


class SocialDomainModel(Populating, PlacingArchetypes, HelpSeeking, Casework, Provisions, Housing, Cascades,
                        Reforms, mesa.Model):
    _param_store = dict  # tests swap in a dict that records which parameters were read

    """Households moving through the social domain.

    Args:
        scenario: a scenario name, file, :class:`Scenario`, or None for the defaults.
        rng: integer seed; all randomness derives from it. None (Mesa's default) draws fresh
            entropy and a ``numpy.random.Generator`` gives a seed drawn from it; either way
            ``model.seed`` holds the integer used, so the run can be repeated.
        overrides: {"section.name": value} applied on top of the scenario.
        log_events: keep the full event log (metrics need it; switch off only for speed tests).
        **params: any parameter as a keyword, with ``__`` for the dot
            (``night_shelter__capacity=20``); see ``sim params``.
    """

    def __init__(self, scenario: "str | Scenario | None" = None, *,
                 rng: "int | np.random.Generator | None" = None,
                 overrides: Mapping[str, Any] | None = None, log_events: bool = True,
                 **params: Any) -> None:
        self.seed = seed_from(rng)
        super().__init__(rng=self.seed)
        kw = {k.replace("__", "."): v for k, v in params.items()}
        self.scenario = load_scenario(scenario).with_overrides(overrides).with_overrides(kw, "keywords")
        p = self._param_store(self.scenario.params)
        self.p = p
        self.scale = p["region.inhabitants"] / 55_000
        for key, param in PARAMETERS.items():
            if param.scales:
                value = p[key] * self.scale
                p[key] = int(round(value)) if param.kind is int else value
        self.calendar = Calendar(0.0)
        self.streams = Streams(self.seed)
        self.log = EventLog(log_events)
        self.warmup = p["run.warmup_years"] * 365.0
        self.end = self.warmup + p["run.years"] * 365.0
        self.households: list[Household] = []
        self.archetype_households: dict[str, Household] = {}
        self.series: list[dict[str, float]] = []
        self.datacollector: mesa.DataCollector | None = None  # set once the first row exists
        self._series_due = 0.0
        self.n_stable = 0  # kept by Household.stable and .disengaged
        self.n_disengaged = 0

        years = self.end / 365.0
        self.pots = [Pot(i, name, muni, p[f"budget.{name}"], years,
                         binding=name == "special_assistance") for i, (name, muni) in enumerate(POTS)]
        self.counters: dict[str, Counter] = {}
        for name, section in COUNTERS:
            muni = CENTRE if name in ("work_income_centre", "shelter_intake") else HOME
            self.counters[name] = Counter(self, name, O[name], section, muni, P[COUNTER_POTS[name]])
        self.facilities: dict[str, FacilityAgent] = {}
        for i, name in enumerate(FACILITIES):
            if name == "social_housing":
                capacity, allocation, stay, cost = 0, "priority", math.inf, 0.0
            else:
                capacity, allocation = p[f"{name}.capacity"], p[f"{name}.allocation"]
                stay, cost = p[f"{name}.stay_days"], p[f"{name}.cost_per_day"]
            self.facilities[name] = FacilityAgent(self, name, O[name], capacity, allocation, stay,
                                                  cost, P[FACILITY_POTS[name]],
                                                  self.streams.system(10 + i))
        self.system_rng = self.streams.system(1)
        self.populate()
        self.start_system_processes()
        self.record()
        self.datacollector = weekly_collector(self)

    # -- running --------------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.calendar.now

    def step(self) -> None:
        """Advance one week."""
        target = min(self.calendar.now + WEEK, self.end)
        self.calendar.run_until(target)
        self.record()
        if self.calendar.now >= self.end:
            self.running = False
            self.finish()

    def run_to_end(self) -> None:
        # Python's cyclic garbage collector would walk the growing population again and again
        # (a fifth of the time of a large run); a run makes almost no cyclic garbage, so the
        # collector waits until the run is over.
        collecting = gc.isenabled()
        gc.disable()
        try:
            while self._series_due <= self.end:
                self.calendar.run_until(self._series_due)
                self.record()
            self.calendar.run_until(self.end)
            self.running = False
            self.finish()
        finally:
            if collecting:
                gc.enable()

    def finish(self) -> None:
        """Close running costs at the end so every euro is in the event log."""
        if getattr(self, "_finished", False):
            return
        self._finished = True
        for hh in self.households:
            for label in list(hh.accruals):
                self.stop_cost(hh, label)
        getattr(mesa.Agent, "_ids", {}).pop(self, None)  # Mesa 3.3 would keep the model alive

    # -- bookkeeping ----------------------------------------------------------------------------
    def event(self, hh: Household, kind: str, org: int = -1, detail: int = -1, value: float = 0.0) -> None:
        if self.log.enabled:
            self.log.add(self.calendar.now, hh.hid, K[kind], org, detail, value)

    def charge(self, hh: Household, pot: int, category: int, amount: float) -> None:
        pot_obj = self.pots[pot]
        pot_obj.closed += amount
        self.log.add(self.calendar.now, hh.hid, K["cost"], pot, category, amount)

    def start_cost(self, hh: Household, label: str, pot: int, category: int, per_day: float) -> None:
        if label in hh.accruals:
            self.stop_cost(hh, label)
        hh.accruals[label] = Accrual(self.pots[pot], category, per_day, self.calendar.now)

    def stop_cost(self, hh: Household, label: str) -> None:
        acc = hh.accruals.pop(label, None)
        if acc is not None:
            amount = acc.stop(self.calendar.now)
            self.log.add(self.calendar.now, hh.hid, K["cost"], acc.pot.index, acc.category, amount)

    def record(self) -> None:
        """A row of the time series: queues, occupancy, caseloads and budgets."""
        now = self.calendar.now
        if now < self._series_due:
            return
        row: dict[str, float] = {"day": now}
        for name, f in self.facilities.items():
            row[f"queue.{name}"] = f.queue.n_waiting
            row[f"occupied.{name}"] = f.occupancy
        for name, c in self.counters.items():
            row[f"caseload.{name}"] = c.caseload
            row[f"staff_queue.{name}"] = len(c.staff_queue)
        for pot in self.pots:
            row[f"spent.{pot.name}"] = pot.spent(now)
        row["households"] = len(self.households)
        row["stable"] = self.n_stable
        row["disengaged"] = self.n_disengaged
        self.series.append(row)
        self._series_due = now + WEEK
        if self.datacollector is not None:
            self.datacollector.collect(self)

    # -- names for reports ------------------------------------------------------------------------
    @staticmethod
    def municipality_names() -> tuple[str, ...]:
        return MUNICIPALITIES

    @staticmethod
    def profile_names() -> list[str]:
        return [p.name for p in PROFILES]


def seed_from(rng: "int | np.random.Generator | None") -> int:
    """The integer seed of a run: ``rng`` itself, one drawn from a Generator, or fresh entropy
    for None (below 2**63, so it fits every integer column it is written to)."""
    if rng is None:
        return int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> np.uint64(1))
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(2**63))
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0:
        return int(rng)
    raise ValueError(f"rng must be None, a non-negative integer or a numpy.random.Generator, "
                     f"not {rng!r}")


def _latest(key: str, model: SocialDomainModel) -> float:
    return model.series[-1][key]


def weekly_collector(model: SocialDomainModel) -> mesa.DataCollector:
    """Mesa's DataCollector for the weekly rows of ``model.series`` (queues, occupancy,
    caseloads, spending): one model reporter per column, collected as each row is recorded,
    and the run's seed, so each row of ``mesa.batch_run`` says how to repeat its run."""
    reporters = {k: partial(_latest, k) for k in model.series[0]}
    collector = mesa.DataCollector(model_reporters={**reporters, "seed": "seed"})
    collector.collect(model)
    return collector


def _signature() -> inspect.Signature:
    base = inspect.signature(SocialDomainModel.__init__)
    params = [v for k, v in base.parameters.items() if k != "params"]
    extra = [inspect.Parameter(k.replace(".", "__"), inspect.Parameter.KEYWORD_ONLY, default=p.default)
             for k, p in PARAMETERS.items()]
    return base.replace(parameters=params + extra)


SocialDomainModel.__init__.__signature__ = _signature()  # every parameter a keyword with a default
