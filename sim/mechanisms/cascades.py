"""Problems that grow while nobody handles them, and life events.

- debts grow (``problems.debt_growth_per_year``) until debt help freezes them;
- tenancies can fail: rent arrears and the eviction process are in
  :mod:`sim.mechanisms.tenancy`, debt help in :mod:`sim.mechanisms.debt_help`;
- an unmet care, mental-health or youth need leads to health decline, emergencies and
  out-of-home placements;
- life shocks (job loss, illness, a recovery claim) add problems, also to stable households
  (relapse).
Life events are drawn from the household's own ``life`` stream when its life starts, so they
are the same in every scenario run with the same seed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Iterator

from ..distributions import lognormal
from ..domains import (CARE, DEBTS, FAMILY, HIDDEN, HOUSING, INCOME, KNOWN, MENTAL, MET,
                       NO_PROBLEM, RENTED, SAFETY, Category, Crisis, Domain, Housing, Income, Pot)
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household

WATCHED = (CARE, MENTAL, FAMILY)  # unmet needs that decline into crises
SHOCK_DOMAINS = (INCOME, CARE, MENTAL, DEBTS)  # what a life event can bring: job loss, illness, debts
WORKING = (Income.WORK, Income.WORK_TOPUP)


class Cascades(Component):
    name = "cascades"
    uses = ("needs", "accounts", "seeking", "housing", "casework", "stability", "tenancy",
            "debt_help", "take_up")

    def schedule_life_events(self, hh: "Household") -> None:
        """Shocks and recovery claims over the whole horizon, drawn now so they do not depend
        on what the system does."""
        p = self.p
        for t in self._poisson_times(hh, p["problems.relapse_per_year"]):
            self.calendar.schedule_event(t, self.shock, hh, hh.life.choice(SHOCK_DOMAINS))
        for t in self._poisson_times(hh, p["problems.recovery_claims_per_year"]):
            amount = lognormal(hh.life, p["problems.recovery_claim_eur"],
                               p["problems.recovery_claim_sigma"])
            self.calendar.schedule_event(t, self.recovery_claim, hh, amount)

    def _poisson_times(self, hh: "Household", per_year: float) -> Iterator[float]:
        """Times of a Poisson process from now to the end of the run, from the household's own
        life stream (each time is drawn only when the previous one has been used)."""
        rate = per_year / 365.0
        t = self.calendar.now
        end = self.model.end
        while rate > 0:
            t += hh.life.expovariate(rate)
            if t >= end:
                return
            yield t

    def start_cascades(self, hh: "Household", past: float) -> None:
        p = self.p
        now = self.calendar.now
        self.model.tenancy.start_tenancy(hh, past)
        for d in WATCHED:
            if hh.has(d) and hh.need[d] != MET:
                self.calendar.schedule_event(now + p["problems.unmet_care_decline_days"],
                                             self.decline_check, hh, d)
        if hh.homeless and not hh.has(SAFETY):
            self.model.housing.homeless_from_now(hh)
        if hh.assets_until > now:
            self.calendar.schedule_event(hh.assets_until, self.model.casework.recheck, hh)

    # -- debts ---------------------------------------------------------------------
    def debt_now(self, hh: "Household") -> float:
        if hh.debt_since is None:
            return hh.debt
        years = (self.calendar.now - hh.debt_since) / 365.0
        return hh.debt * math.exp(self.p["problems.debt_growth_per_year"] * years)

    def recovery_claim(self, hh: "Household", amount: float) -> None:
        """A benefit is clawed back (000 M13): new debts, which grow if nobody manages them."""
        if hh.income not in (Income.BIJSTAND, Income.ALLOWANCES_ONLY):
            return
        m = self.model
        m.event(hh, "crisis", O["benefits_office"], Crisis.RECOVERY_CLAIM, amount)
        m.take_up.recovery_claim(hh)
        m.debt_help.new_debts(hh, amount)
        m.tenancy.income_lost(hh, job=False)

    # -- unmet needs ----------------------------------------------------------------------------
    def decline_check(self, hh: "Household", domain: Domain) -> None:
        state = hh.need[domain]
        if state in (NO_PROBLEM, MET):
            return
        p = self.p
        m = self.model
        emergency = False
        if domain == FAMILY:
            if hh.service.random() < p["problems.p_placement_if_unmet"] and "out_of_home" not in hh.accruals:
                emergency = True
                m.event(hh, "crisis", detail=Crisis.OUT_OF_HOME_PLACEMENT)
                m.accounts.start_cost(hh, "out_of_home", Pot.YOUTH, Category.CRISES,
                                      p["cost.out_of_home_per_year"] / 365.0)
                days = lognormal(hh.service, p["cost.out_of_home_days"], p["cost.out_of_home_sigma"])
                self.calendar.schedule_event(self.calendar.now + days, m.accounts.stop_cost, hh,
                                             "out_of_home")
        else:
            m.event(hh, "crisis", detail=Crisis.HEALTH_DECLINE)
            if hh.service.random() < p["problems.p_crisis_on_decline"]:
                emergency = True
                m.event(hh, "crisis", O["hospital"], Crisis.EMERGENCY_CARE)
                m.accounts.charge(hh, Pot.ZVW, Category.CRISES, p["cost.emergency_care"])
                if state == KNOWN and hh.director is None and not hh.disengaged:
                    hh.seeking.discard(domain)
                    m.seeking.add_problem(hh, domain, crisis=True)
        if hh.need[domain] == NO_PROBLEM:
            return
        if hh.need[domain] == HIDDEN and emergency:  # a hidden need shows itself in a crisis
            m.seeking.surface(hh, domain, "crisis")
        self.calendar.schedule_event(self.calendar.now + p["problems.unmet_care_decline_days"],
                                     self.decline_check, hh, domain)

    def shock(self, hh: "Household", domain: Domain) -> None:
        """A life event: a new problem, a relapse if the household was stable."""
        if hh.has(domain) and hh.need[domain] != MET:
            return
        m = self.model
        if hh.stable:
            m.event(hh, "relapse", detail=domain)
            hh.stable = False
        if domain == INCOME and hh.income in WORKING:
            hh.income = Income.ALLOWANCES_ONLY
            m.tenancy.income_lost(hh, job=True)
        if domain == DEBTS:
            m.debt_help.new_debts(hh, lognormal(hh.life, self.p["problems.shock_debt_eur"],
                                                self.p["problems.shock_debt_sigma"]))
        else:
            m.seeking.add_problem(hh, domain)
        if domain in WATCHED:
            self.calendar.schedule_event(self.calendar.now + self.p["problems.unmet_care_decline_days"],
                                         self.decline_check, hh, domain)
