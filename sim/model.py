"""The Mesa model: a municipality and its centrumgemeente, their counters, facilities, pots and
the households that pass through them.

Time is in days and event-driven: the calendar jumps from one event to the next, so
households that wait cost nothing. ``step()`` advances one week, so Mesa's tools and the
live app can drive the model; :func:`sim.run.run` simply runs it to the end.

The model holds state that everyone shares (the calendar, the parameters, the event log, the
pots, counters, facilities and households) and one instance of each mechanism
(:mod:`sim.mechanisms`), reachable by its name: ``model.casework``, ``model.housing``, ...
How the organisations decide at the named decision points is ``model.policies``
(:mod:`sim.policies`): the baseline, with the reforms the scenario switches on in front of it.
"""

from __future__ import annotations

import gc
import inspect
import numbers
from functools import partial
from typing import Any, Mapping

import mesa
import numpy as np

from .agents import Counter, FacilityAgent, Household
from .calendar import Calendar
from .domains import MUNICIPALITIES, POT_MUNICIPALITY, Pot as PotCode
from .eventlog import K, EventLog
from .facility import Facility
from .mechanisms.accounting import Accounts
from .mechanisms.base import Component
from .mechanisms.arrivals import Arrivals
from .mechanisms.cascades import Cascades
from .mechanisms.debt_help import DebtHelp
from .mechanisms.casework import Casework
from .mechanisms.cross_pot import CrossPot
from .mechanisms.documents import Documents
from .mechanisms.engagement import Engagement
from .mechanisms.handoffs import Handoffs
from .mechanisms.help_seeking import HelpSeeking
from .mechanisms.housing import HousingChain
from .mechanisms.lettings import Lettings
from .mechanisms.named_households import NamedHouseholds
from .mechanisms.needs import Needs
from .mechanisms.payers import Payers
from .mechanisms.places import Places
from .mechanisms.provisions import Provisions
from .mechanisms.stability import Stability
from .mechanisms.staffing import Staffing
from .mechanisms.tenancy import Tenancy
from .mechanisms.violence import Violence
from .mechanisms.escalation_team import EscalationTeam
from .mechanisms.penalties import Penalties
from .mechanisms.moving import Moving
from .mechanisms.budget_pressure import BudgetPressure, yearly_budget
from .mechanisms.housing_first import HousingFirstTeam
from .mechanisms.latent import Latent
from .mechanisms.signals import Signals
from .mechanisms.take_up import TakeUp
from .mechanisms.contact import Contact
from .mechanisms.participation import Participation
from .mechanisms.doenvermogen import Doenvermogen
from .organisations import DEFAULT, Catalogue
from .parameters import PARAMETERS, REFERENCE_INHABITANTS
from .policies import build_policies
from .pots import Pot
from .profiles import build_profiles
from .scenario import Scenario, load_scenario
from .streams import Streams

WEEK = 7.0
# The mechanisms of a model, each reachable as model.<name> (one per line: add new ones at the end).
MECHANISMS: tuple[type[Component], ...] = (
    Needs,
    Accounts,
    HelpSeeking,
    Engagement,
    Casework,
    Handoffs,
    Staffing,
    Provisions,
    HousingChain,
    Places,
    Lettings,
    Cascades,
    Documents,
    Stability,
    Payers,
    Arrivals,
    NamedHouseholds,
    CrossPot,
    Tenancy,
    DebtHelp,
    Violence,
    EscalationTeam,
    HousingFirstTeam,
    Penalties,
    BudgetPressure,
    Moving,
    Latent,
    TakeUp,
    Signals,
    Contact,
    Participation,
    Doenvermogen,
)
FACILITY_STREAM = 10  # + facility index: the system stream of a facility's lotteries


class SocialDomainModel(mesa.Model):
    """Households moving through the social domain.

    Args:
        scenario: a scenario name, file, :class:`Scenario`, or None for the defaults.
        rng: integer seed; all randomness derives from it. None (Mesa's default) draws fresh
            entropy and a ``numpy.random.Generator`` gives a seed drawn from it; either way
            ``model.seed`` holds the integer used, so the run can be repeated.
        overrides: {"section.name": value} applied on top of the scenario.
        log_events: keep the full event log (metrics need it; switch off only for speed tests).
        organisations: the counters and facilities (default: :data:`sim.organisations.DEFAULT`).
        components: replacements for mechanisms by name ({"places": MyPlaces}), for tests and
            experiments with a mechanism.
        **params: any parameter as a keyword, with ``__`` for the dot
            (``night_shelter__capacity=20``); see ``sim params``.
    """

    _param_store = dict  # tests swap in a dict that records which parameters were read

    def __init__(self, scenario: "str | Scenario | Mapping[str, Any] | None" = None, *,
                 rng: "int | np.random.Generator | None" = None,
                 overrides: Mapping[str, Any] | None = None, log_events: bool = True,
                 organisations: Catalogue = DEFAULT,
                 components: Mapping[str, type] | None = None, **params: Any) -> None:
        self.seed = seed_from(rng)
        super().__init__(rng=self.seed)
        kw = {k.replace("__", "."): v for k, v in params.items()}
        self.scenario = load_scenario(scenario).with_overrides(overrides).with_overrides(kw, "keywords")
        p = self._param_store(self.scenario.params)
        self.p = p
        self.scale = p["region.inhabitants"] / REFERENCE_INHABITANTS
        for key, param in PARAMETERS.items():
            if param.scales:
                value = p[key] * self.scale
                p[key] = int(round(value)) if param.kind is int else value
        self.orgs = organisations
        self.calendar = Calendar(0.0)
        self.streams = Streams(self.seed)
        self.log = EventLog(log_events)
        self.warmup = p["run.warmup_years"] * 365.0
        self.end = self.warmup + p["run.years"] * 365.0
        self.profiles = build_profiles(p)
        self.households: list[Household] = []
        self.series: list[dict[str, float]] = []
        self.datacollector: mesa.DataCollector | None = None  # set once the first row exists
        self._series_due = 0.0
        self.n_stable = 0  # kept by Household.stable and .disengaged
        self.n_disengaged = 0
        self._finished = False

        # The mechanisms, each reachable by its name, and the policies they ask.
        chosen = dict(components or {})
        for cls in MECHANISMS:
            impl = chosen.pop(cls.name, cls)
            setattr(self, cls.name, impl(self))
        if chosen:
            raise KeyError(f"no mechanism named {', '.join(chosen)}")
        self.policies = build_policies(self)

        years = self.end / 365.0
        self.pots = [Pot(code, code.name.lower(), POT_MUNICIPALITY[code], yearly_budget(p, code),
                         years, binding=code == PotCode.SPECIAL_ASSISTANCE) for code in PotCode]
        self.counters: dict[str, Counter] = {}
        for spec in self.orgs.counters:
            staff = self.policies.staff(spec, p[f"{spec.section}.staff"])
            self.counters[spec.name] = Counter(self, spec, self.orgs.code[spec.name], staff)
        self.facilities: dict[str, FacilityAgent] = {}
        for i, fspec in enumerate(self.orgs.facilities):
            self.facilities[fspec.name] = FacilityAgent(self, fspec, self.orgs.code[fspec.name],
                                                        self.streams.system(FACILITY_STREAM + i))
        self.arrivals.populate()
        self.staffing.start()
        self.lettings.start()
        self.accounts.start()
        self.policies.start()
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
        if self._finished:
            return
        self._finished = True
        self.accounts.close_all()
        getattr(mesa.Agent, "_ids", {}).pop(self, None)  # Mesa 3.3 would keep the model alive

    # -- shared bookkeeping ---------------------------------------------------------------------
    def event(self, hh: Household, kind: str, org: int = -1, detail: int = -1, value: float = 0.0) -> None:
        """One row of the event log."""
        if self.log.enabled:
            self.log.add(self.calendar.now, hh.hid, K[kind], org, detail, value)

    def on_placed(self, hh: Any, facility: Facility, wait: float) -> None:
        """A facility allocated a place (the callback every :class:`Facility` is given)."""
        self.places.on_placed(hh, facility, wait)

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

    # -- public questions -----------------------------------------------------------------------
    def add_archetype(self, name: str, day: float | None = None) -> None:
        """Place the named household (see :mod:`sim.archetypes`) into the model at ``day``
        (default: the end of the warm-up). Its outcome is not part of the summary."""
        self.named.add(name, day)

    def archetype(self, name: str) -> Household | None:
        """The household placed as ``name``, or None if it has not arrived yet."""
        return self.named.placed.get(name)

    @property
    def archetype_households(self) -> dict[str, Household]:
        return self.named.placed

    @property
    def lettings_made(self) -> int:
        """Social dwellings that came free for urgency so far."""
        return self.lettings.count

    @staticmethod
    def municipality_names() -> tuple[str, ...]:
        return MUNICIPALITIES

    def profile_names(self) -> list[str]:
        return [p.name for p in self.profiles]


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


SocialDomainModel.__init__.__signature__ = _signature()  # type: ignore[attr-defined]  # every parameter a keyword
