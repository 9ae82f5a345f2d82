"""What a granted request delivers, per domain: a benefit, Wmo support, a treatment place, a
participation trajectory, or elsewhere a debt-help trajectory (:mod:`sim.mechanisms.debt_help`)
or a place to live (:mod:`sim.mechanisms.housing`); and what follows when a domain is met."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import (ACTIVE, CARE, CENTRE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL,
                       PARTICIPATION, SAFETY, Category, Domain, Income, Pot)
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Household


class Provisions(Component):
    name = "provisions"
    uses = ("needs", "accounts", "casework", "seeking", "stability", "housing", "places",
            "debt_help")

    def provide(self, case: "Case") -> None:
        m = self.model
        hh, domain = case.hh, case.domain
        p = self.p
        if domain in (HOUSING, SAFETY):
            m.housing.provide_housing(case)
            return
        if domain == DEBTS:
            m.debt_help.begin(case)
            return
        if domain == INCOME:
            m.casework.hold(case)
        else:
            m.casework.close_case(case)
        if domain == INCOME:
            hh.income = Income.BIJSTAND
            pot = Pot.BIJSTAND_CENTRE if hh.registered == CENTRE else Pot.BIJSTAND
            m.accounts.start_cost(hh, "benefit", pot, Category.BENEFITS,
                                  p["cost.bijstand_per_year"] / 365.0)
            m.accounts.start_cost(hh, "benefit_admin", pot, Category.ADMINISTRATION,
                                  p["cost.bijstand_admin_per_year"] / 365.0)
            self.met(hh, INCOME)
        elif domain == CARE:
            m.accounts.charge(hh, Pot.WMO, Category.ADMINISTRATION, p["cost.wmo_admin_per_provision"])
            delay = lognormal(hh.service, p["wmo.delivery_days"], p["casework.processing_sigma"])
            self.calendar.schedule_event(self.calendar.now + delay, self.deliver_care, hh, hh.epoch)
        elif domain in (MENTAL, FAMILY):
            if domain == FAMILY:
                m.accounts.charge(hh, Pot.YOUTH, Category.ADMINISTRATION,
                                  p["cost.youth_admin_per_decision"])
            name = "ggz_treatment" if domain == MENTAL else "youth_care"
            delay = lognormal(hh.service, p["ggz.treatment_wait_days"],
                              p["ggz.treatment_wait_sigma"]) if domain == MENTAL else 0.0
            self.calendar.schedule_event(self.calendar.now + delay, self.request_treatment, hh,
                                         name, hh.epoch)
        elif domain == PARTICIPATION:
            m.event(hh, "placed", O["participation_provider"])
            self.met(hh, PARTICIPATION)
            days = lognormal(hh.service, p["work_income.trajectory_days"],
                             p["work_income.trajectory_sigma"])
            self.calendar.schedule_event(self.calendar.now + days, self.end_trajectory, hh)

    def met(self, hh: "Household", domain: Domain) -> None:
        """A domain is settled: help is in place; blocked problems may now be let in."""
        m = self.model
        if not m.needs.meet(hh, domain):
            return
        m.stability.check_settled(hh)
        m.casework.recheck(hh)
        m.seeking.pursue(hh)

    def deliver_care(self, hh: "Household", epoch: int) -> None:
        if hh.need[CARE] != ACTIVE:
            return
        self.model.accounts.start_cost(hh, "home_help", Pot.WMO, Category.SERVICES,
                                       self.p["cost.wmo_home_help_per_year"] / 365.0)
        self.model.event(hh, "placed", O["home_care_provider"])
        self.met(hh, CARE)

    # -- treatment and participation --------------------------------------------------------------
    def request_treatment(self, hh: "Household", name: str, epoch: int) -> None:
        if hh.epoch != epoch:
            return
        fac = self.model.facilities[name]
        if fac.spec.treats is None or hh.need[fac.spec.treats] != ACTIVE:
            return
        self.model.places.join_queue(hh, fac)

    def end_trajectory(self, hh: "Household") -> None:
        if hh.service.random() < self.p["work_income.p_trajectory_work"] and hh.has_address:
            if hh.income == Income.BIJSTAND:
                m = self.model
                m.accounts.stop_cost(hh, "benefit")
                m.accounts.stop_cost(hh, "benefit_admin")
                m.casework.release_hold(hh, "work_income")
                m.casework.release_hold(hh, "work_income_centre")
            hh.income = Income.WORK

    def treatment_over(self, hh: "Household", domain: Domain) -> None:
        """Treatment ends: the problem is resolved (it may come back as a shock)."""
        if self.model.needs.resolve(hh, domain):
            self.model.stability.check_settled(hh)
