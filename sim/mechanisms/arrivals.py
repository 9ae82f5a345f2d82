"""Arrivals: the households that enter the social domain, and the ones already in it.

At the start: households already living in facilities (part of their stay behind them), outside
urgency holders already waiting for a dwelling, and the initial stock of households whose
problems began in the year before. Then a Poisson inflow per profile, each with its own
stream, so the same households arrive in every scenario run with the same seed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..agents import Household
from ..distributions import clipped_gauss
from ..domains import DEBTS, FAMILY, HIDDEN, HOMELESS, INCOME, KNOWN, Income
from ..profiles import PROFILE_INDEX
from .base import Component

if TYPE_CHECKING:
    import random

    from ..agents import FacilityAgent

# Stream groups (the first part of a household's stream key), so that households are identified
# by who they are, not by when they were created.
STOCK_GROUP = 100  # + facility index: residents at the start
BACKLOG_GROUP = 200  # + profile index: problems began before the start
ARRIVAL_STREAM = 50  # + profile index: the stream of a profile's stock arrival times
OUTSIDE_PRIORITY = -1.0  # outside urgency holders at the start go before every model household


class Arrivals(Component):
    name = "arrivals"
    uses = ("seeking", "housing", "needs")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._streams: dict[int, list[Any]] = {}

    def populate(self) -> None:
        p = self.p
        m = self.model
        # Households already in facilities at the start, with part of their stay behind them.
        stocked = [f for f in m.facilities.values() if f.spec.stock_profile is not None]
        for f_index, fac in enumerate(stocked):
            assert fac.spec.stock_profile is not None
            n = int(round(fac.queue.capacity * p[f"{fac.spec.section}.initial_occupancy"]))
            for k in range(n):
                hh = self.new_household(PROFILE_INDEX[fac.spec.stock_profile], STOCK_GROUP + f_index,
                                        k, onset=0.0, cohort=False, stock_place=fac)
                m.housing.settle_in(hh, fac, elapsed_share=hh.life.random())
        # Outside urgency holders already waiting for a dwelling take the first lettings.
        housing = m.facilities["social_housing"].queue
        for k in range(p["social_housing.initial_queue"]):
            housing.request(("outside", k), 0.0, priority=OUTSIDE_PRIORITY)
        # Initial stock: households whose problems began in the year before the start.
        for g, prof in enumerate(m.profiles):
            rate = p[f"inflow.{prof.name}"] / 365.0
            if rate <= 0:
                continue
            rng = m.streams.arrivals(ARRIVAL_STREAM + g)
            n = 0
            t = -p["run.stock_years"] * 365.0
            while True:
                t += rng.expovariate(rate)
                if t >= 0:
                    break
                self.new_household(g, BACKLOG_GROUP + g, n, onset=0.0, cohort=False, past=-t)
                n += 1
        # Inflow: Poisson arrivals per profile, each with its own stream.
        for g, prof in enumerate(m.profiles):
            rate = p[f"inflow.{prof.name}"] / 365.0
            if rate > 0:
                self._streams[g] = [m.streams.arrivals(g), 0, rate]
                self._schedule_arrival(g)

    def _schedule_arrival(self, g: int) -> None:
        rng, n, rate = self._streams[g]
        t = self.calendar.now + rng.expovariate(rate)
        if t < self.model.end:
            self.calendar.schedule_event(t, self._arrive, g)

    def _arrive(self, g: int) -> None:
        state = self._streams[g]
        number = state[1]
        state[1] += 1
        now = self.calendar.now
        self.new_household(g, g, number, onset=now, cohort=now >= self.model.warmup)
        self._schedule_arrival(g)

    def new_household(self, profile: int, group: int, number: int, onset: float, cohort: bool,
                      past: float = 0.0, stock_place: "FacilityAgent | None" = None) -> Household:
        """Create a household and its problems. ``past``: days its problems already lasted."""
        m = self.model
        p = self.p
        life, service = m.streams.household(group, number)
        prof = m.profiles[profile]
        hh = Household(m, len(m.households), profile, life, service, onset, cohort)
        m.households.append(hh)
        hh.housing = prof.housing
        hh.income = prof.income
        hh.has_address = prof.housing not in HOMELESS
        hh.self_reliance = clipped_gauss(life, prof.self_reliance, p["household.self_reliance_sd"],
                                         p["household.self_reliance_min"], 1.0)
        hh.trust = clipped_gauss(life, p["household.trust_initial"], p["household.trust_sd"],
                                 p["household.trust_min"], 1.0)
        hh.children = life.random() < prof.p_children
        hh.id_valid = life.random() >= prof.p_id_invalid
        assets = life.random() < prof.p_assets
        hh.arrears = life.random() < prof.p_arrears
        debt = life.lognormvariate(0.0, p["household.debt_sigma"]) * prof.debt_median
        for d, chance in prof.needs.items():
            has = life.random() < chance
            hidden = life.random() < prof.hidden.get(d, 0.0)
            if has:
                m.needs.onset(hh, d, hidden)
        if not any(s == KNOWN for s in hh.need) and any(s == HIDDEN for s in hh.need):
            m.needs.surface(hh, hh.hidden_domains()[0])  # someone asks for help about something
        if hh.has(DEBTS):
            hh.debt = max(debt, p["household.debt_min_eur"])
            hh.debt_since = self.calendar.now - past
        else:
            hh.arrears = False
        if hh.has(FAMILY):
            hh.children = True
        if hh.has(INCOME) and hh.income in (Income.WORK, Income.OTHER_BENEFIT):
            hh.income = Income.ALLOWANCES_ONLY
        if assets:
            hh.assets_until = self.calendar.now + _lognormal_days(
                life, p["problems.asset_depletion_days"], p["problems.asset_depletion_sigma"]) - past
        m.seeking.start_life(hh, past, stock_place)
        return hh


def _lognormal_days(rng: "random.Random", median: float, sigma: float) -> float:
    """A lognormal draw whose median may be 0 (then it is tiny, but drawn: the stream moves on)."""
    import math
    return rng.lognormvariate(math.log(max(median, 1e-9)), sigma)
