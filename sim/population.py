"""Household profiles: the problem mixes that enter the social domain.

Each profile gives, per life domain, the chance that the household has that problem and
whether the household itself sees it (``known``) or it stays hidden until someone asks or it
surfaces. Values are assumptions read from the seeds' journeys; ``docs/model.md`` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .agents import Household
from .domains import (CARE, DEBTS, FAMILY, HIDDEN, HOUSING, INCOME, KNOWN, MENTAL,  # noqa: F401
                      PARTICIPATION, SAFETY, H, I)


@dataclass(frozen=True)
class Profile:
    name: str
    needs: dict[int, float]  # domain -> probability of having the problem
    hidden: dict[int, float] = field(default_factory=dict)  # domain -> P(hidden | problem)
    housing: int = H["social_rent"]
    income: int = I["allowances_only"]
    help_seeking_factor: float = 1.0  # multiplies the median help-seeking delay
    p_arrears: float = 0.0  # rent arrears that can end in eviction
    debt_median: float = 0.0  # euros at onset
    p_assets: float = 0.0  # equity blocks benefit for a while (000 Hans)
    p_id_invalid: float = 0.0
    p_children: float = 0.0
    self_reliance: float = 0.6  # mean doenvermogen 0-1
    source: str = ""


PROFILES: tuple[Profile, ...] = (
    Profile("frail_elderly", {CARE: 1.0}, housing=H["own_home"], income=I["other_benefit"],
            help_seeking_factor=1.0, self_reliance=0.6, source="000 Mr Jansen; 003"),
    Profile("care_and_family", {CARE: 1.0, FAMILY: 0.8, MENTAL: 0.2},
            hidden={MENTAL: 0.7}, income=I["other_benefit"], p_children=1.0,
            self_reliance=0.6, source="000 Roos"),
    Profile("debts", {DEBTS: 1.0, INCOME: 0.3, MENTAL: 0.2, PARTICIPATION: 0.3},
            hidden={MENTAL: 0.7, INCOME: 0.3}, income=I["work"], help_seeking_factor=1.5,
            p_arrears=0.3, debt_median=12_000, p_children=0.4, self_reliance=0.5,
            source="000 Maria; NVVK 2022 (EUR 40k average in debt help)"),
    Profile("sudden_homeless", {HOUSING: 1.0, INCOME: 0.8, DEBTS: 0.4, MENTAL: 0.3,
                                PARTICIPATION: 0.6},
            hidden={DEBTS: 0.6, MENTAL: 0.6}, housing=H["street"], income=I["none"],
            help_seeking_factor=0.5, debt_median=2_000, p_assets=0.25, p_id_invalid=0.35,
            self_reliance=0.5, source="000 Hans; 001 Kenny (L1173-1205)"),
    Profile("multi_problem_family", {DEBTS: 0.9, INCOME: 0.7, FAMILY: 1.0, MENTAL: 0.6,
                                     PARTICIPATION: 0.7, CARE: 0.2},
            hidden={DEBTS: 0.5, MENTAL: 0.6, PARTICIPATION: 0.5}, income=I["bijstand"],
            p_arrears=0.4, debt_median=15_000, p_children=1.0, self_reliance=0.4,
            source="001 Myriam (L351-1000); 004 cases"),
    Profile("domestic_violence", {SAFETY: 1.0, HOUSING: 1.0, INCOME: 0.7, FAMILY: 0.6,
                                  DEBTS: 0.4, MENTAL: 0.4},
            hidden={DEBTS: 0.6, MENTAL: 0.5, FAMILY: 0.3}, housing=H["own_home"],
            income=I["none"], help_seeking_factor=0.3, debt_median=5_000, p_children=0.9,
            p_id_invalid=0.3, self_reliance=0.4, source="000 Sharon"),
    Profile("young_adult", {HOUSING: 0.7, INCOME: 0.9, DEBTS: 0.4, MENTAL: 0.4,
                            PARTICIPATION: 0.8},
            hidden={DEBTS: 0.6, MENTAL: 0.5}, housing=H["with_others"], income=I["none"],
            help_seeking_factor=0.8, debt_median=3_000, p_id_invalid=0.2, self_reliance=0.4,
            source="004 cases (turning 18)"),
    Profile("mental_health", {MENTAL: 1.0, INCOME: 0.4, PARTICIPATION: 0.5, DEBTS: 0.3},
            hidden={DEBTS: 0.6}, income=I["work"], help_seeking_factor=1.2,
            p_arrears=0.2, debt_median=6_000, self_reliance=0.5,
            source="Staat van VZ (GGZ waiting times)"),
)
PROFILE_INDEX = {p.name: i for i, p in enumerate(PROFILES)}

# Which profile fills each facility in the initial state.
STOCK_PROFILE = {
    "night_shelter": "sudden_homeless",
    "crisis_shelter": "domestic_violence",
    "womens_shelter": "domestic_violence",
    "sheltered_housing": "sudden_homeless",
    "transitional_home": "sudden_homeless",
    "ggz_treatment": "mental_health",
    "youth_care": "multi_problem_family",
}


class Populating:
    """Mixin for the model: creates households (initial stock, facility residents, inflow)."""

    def populate(self) -> None:
        p = self.p
        self._arrivals = {}
        # Households already in facilities at the start, with part of their stay behind them.
        for f_index, (fname, pname) in enumerate(STOCK_PROFILE.items()):
            fac = self.facilities[fname]
            n = int(round(fac.queue.capacity * p[f"{fname}.initial_occupancy"]))
            for k in range(n):
                hh = self.new_household(PROFILE_INDEX[pname], 100 + f_index, k, onset=0.0,
                                        cohort=False, stock_place=fac)
                self.settle_in(hh, fac, elapsed_share=hh.life.random())
        # Outside urgency holders already waiting for a dwelling take the first lettings.
        housing = self.facilities["social_housing"].queue
        for k in range(p["social_housing.initial_queue"]):
            housing.request(("outside", k), 0.0, priority=-1.0)
        # Initial stock: households whose problems began in the year before the start.
        for g, prof in enumerate(PROFILES):
            rate = p[f"inflow.{prof.name}"] / 365.0
            if rate <= 0:
                continue
            rng = self.streams.arrivals(50 + g)
            n = 0
            t = -p["run.stock_years"] * 365.0
            while True:
                t += rng.expovariate(rate)
                if t >= 0:
                    break
                self.new_household(g, 200 + g, n, onset=0.0, cohort=False, past=-t)
                n += 1
        # Inflow: Poisson arrivals per profile, each with its own stream.
        for g, prof in enumerate(PROFILES):
            rate = p[f"inflow.{prof.name}"] / 365.0
            if rate > 0:
                self._arrivals[g] = [self.streams.arrivals(g), 0, rate]
                self._schedule_arrival(g)

    def _schedule_arrival(self, g: int) -> None:
        rng, n, rate = self._arrivals[g]
        t = self.calendar.now + rng.expovariate(rate)
        if t < self.end:
            self.calendar.schedule_event(t, self._arrive, g)

    def _arrive(self, g: int) -> None:
        state = self._arrivals[g]
        number = state[1]
        state[1] += 1
        self.new_household(g, g, number, onset=self.calendar.now, cohort=self.calendar.now >= self.warmup)
        self._schedule_arrival(g)

    def new_household(self, profile: int, group: int, number: int, onset: float, cohort: bool,
                      past: float = 0.0, stock_place=None):
        """Create a household and its problems. ``past``: days its problems already lasted."""
        life, service = self.streams.household(group, number)
        prof = PROFILES[profile]
        hh = Household(self, len(self.households), profile, life, service, onset, cohort)
        self.households.append(hh)
        hh.housing = prof.housing
        hh.income = prof.income
        hh.has_address = prof.housing not in (H["street"], H["with_others"])
        hh.self_reliance = min(1.0, max(0.05, life.gauss(prof.self_reliance, 0.15)))
        hh.trust = min(1.0, max(0.3, life.gauss(self.p["household.trust_initial"], 0.1)))
        hh.children = life.random() < prof.p_children
        hh.id_valid = life.random() >= prof.p_id_invalid
        assets = life.random() < prof.p_assets
        hh.arrears = life.random() < prof.p_arrears
        debt = life.lognormvariate(0.0, 0.8) * prof.debt_median
        for d, prob in prof.needs.items():
            has = life.random() < prob
            hidden = life.random() < prof.hidden.get(d, 0.0)
            if has:
                hh.need[d] = HIDDEN if hidden else KNOWN
        if not any(s == KNOWN for s in hh.need) and any(s == HIDDEN for s in hh.need):
            first = next(d for d, s in enumerate(hh.need) if s == HIDDEN)
            hh.need[first] = KNOWN
        if hh.has(DEBTS):
            hh.debt = max(debt, 100.0)
            hh.debt_since = self.calendar.now - past
        else:
            hh.arrears = False
        if hh.has(FAMILY):
            hh.children = True
        if hh.has(INCOME) and hh.income in (I["work"], I["other_benefit"]):
            hh.income = I["allowances_only"]
        if assets:
            hh.assets_until = self.calendar.now + life.lognormvariate(
                _log(self.p["problems.asset_depletion_days"]), 0.5) - past
        self.start_life(hh, past, stock_place)
        return hh


def _log(x: float) -> float:
    import math
    return math.log(max(x, 1e-9))


class PlacingArchetypes:
    """Mixin for the model: named households from the sources, placed at a chosen day."""

    def add_archetype(self, name: str, day: float | None = None) -> None:
        """Place the named household (see :mod:`sim.archetypes`) into the model at ``day``
        (default: the end of the warm-up). Its outcome is not part of the summary."""
        from .archetypes import ARCHETYPES

        if name not in ARCHETYPES:
            raise KeyError(f"unknown household {name!r}; choose from {', '.join(ARCHETYPES)}")
        when = self.warmup if day is None else float(day)
        if not 0 <= when < self.end:
            raise ValueError(f"day {when} is outside the run (0 to {self.end:g})")
        self.calendar.schedule_event(max(when, self.calendar.now), self._place_archetype, name)

    def archetype(self, name: str):
        """The household placed as ``name``, or None if it has not arrived yet."""
        return self.archetype_households.get(name)

    def _place_archetype(self, name: str) -> None:
        from .agents import Household
        from .archetypes import ARCHETYPES
        from .domains import HIDDEN, KNOWN

        spec = ARCHETYPES[name]
        index = list(ARCHETYPES).index(name)
        life, service = self.streams.household(900 + index, 0)
        hh = Household(self, len(self.households), PROFILE_INDEX[spec.profile], life, service,
                       self.calendar.now, cohort=False)
        self.households.append(hh)
        hh.archetype = name
        hh.housing, hh.income = spec.housing, spec.income
        hh.has_address = spec.housing not in (H["street"], H["with_others"])
        hh.self_reliance, hh.trust = spec.self_reliance, spec.trust
        hh.children, hh.id_valid, hh.arrears = spec.children, spec.id_valid, spec.arrears
        for d in spec.known:
            hh.need[d] = KNOWN
        for d in spec.hidden:
            hh.need[d] = HIDDEN
        if spec.debt:
            hh.debt, hh.debt_since = spec.debt, self.calendar.now
            if not hh.has(DEBTS):
                hh.need[DEBTS] = HIDDEN
        if spec.assets_days:
            hh.assets_until = self.calendar.now + spec.assets_days
        self.archetype_households[name] = hh
        self.start_life(hh, 0.0, None, first_delay=spec.help_seeking_days)
