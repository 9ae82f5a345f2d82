"""What a granted request delivers, per domain: a benefit, Wmo support, a debt trajectory,
a treatment place, a participation trajectory, or (in housing.py) a place to live."""

from __future__ import annotations

from ..domains import (ACTIVE, C, O, CARE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL, MET,
                       PARTICIPATION, SAFETY, I, P)
from .help_seeking import lognormal


class Provisions:
    def provide(self, case) -> None:
        hh, domain = case.hh, case.domain
        p = self.p
        if domain in (HOUSING, SAFETY):
            self.provide_housing(case)
            return
        if domain in (INCOME, DEBTS):
            self.hold(case)
        else:
            self.close_case(case)
        if domain == INCOME:
            hh.income = I["bijstand"]
            pot = P["bijstand_centre"] if hh.registered == 1 else P["bijstand"]
            self.start_cost(hh, "benefit", pot, C["benefits"], p["cost.bijstand_per_year"] / 365.0)
            self.start_cost(hh, "benefit_admin", pot, C["administration"],
                            p["cost.bijstand_admin_per_year"] / 365.0)
            self.met(hh, INCOME)
        elif domain == CARE:
            self.charge(hh, P["wmo"], C["administration"], p["cost.wmo_admin_per_provision"])
            delay = lognormal(hh.service, p["wmo.delivery_days"], p["casework.processing_sigma"])
            self.calendar.schedule_event(self.calendar.now + delay, self.deliver_care, hh, hh.epoch)
        elif domain == DEBTS:
            self.charge(hh, P["debt_help"], C["services"], p["cost.debt_help_per_case"])
            self.manage_debts(hh)
            inventory = lognormal(hh.service, p["debt_help.inventory_days"], 0.4)
            self.calendar.schedule_event(self.calendar.now + inventory, self.settlement_starts, hh)
            self.calendar.schedule_event(self.calendar.now + inventory + p["debt_help.settlement_days"],
                                         self.debts_settled, hh)
        elif domain in (MENTAL, FAMILY):
            if domain == FAMILY:
                self.charge(hh, P["youth"], C["administration"], p["cost.youth_admin_per_decision"])
            name = "ggz_treatment" if domain == MENTAL else "youth_care"
            delay = lognormal(hh.service, p["ggz.treatment_wait_days"], 0.5) if domain == MENTAL else 0.0
            self.calendar.schedule_event(self.calendar.now + delay, self.request_treatment, hh, name, hh.epoch)
        elif domain == PARTICIPATION:
            self.event(hh, "placed", O["participation_provider"])
            self.met(hh, PARTICIPATION)
            days = lognormal(hh.service, p["work_income.trajectory_days"], 0.5)
            self.calendar.schedule_event(self.calendar.now + days, self.end_trajectory, hh)

    def met(self, hh, domain: int) -> None:
        """A domain is settled: help is in place."""
        if hh.need[domain] == MET or hh.need[domain] == -1:
            return
        hh.need[domain] = MET
        hh.blocked_since.pop(domain, None)
        self.event(hh, "met", detail=domain)
        self.check_settled(hh)
        self.recheck(hh)
        self.pursue(hh)

    def deliver_care(self, hh, epoch: int) -> None:
        if hh.need[CARE] != ACTIVE:
            return
        self.start_cost(hh, "home_help", P["wmo"], C["services"], self.p["cost.wmo_home_help_per_year"] / 365.0)
        self.event(hh, "placed", O["home_care_provider"])
        self.met(hh, CARE)

    def manage_debts(self, hh) -> None:
        """Debts under control: frozen, arrears arranged."""
        if hh.debt_since is not None:
            hh.debt = self.debt_now(hh)
        hh.debt_since = None
        hh.arrears = False
        self.met(hh, DEBTS)

    def settlement_starts(self, hh) -> None:
        """Debts mapped: the settlement is monitored by the credit bank, not the caseworker."""
        if "debt_help" in hh.holding:
            self.release_hold(hh, "debt_help")
            self.event(hh, "placed", O["credit_bank"])

    def debts_settled(self, hh) -> None:
        if hh.debt_since is None:
            hh.debt = 0.0

    def request_treatment(self, hh, name: str, epoch: int) -> None:
        if hh.epoch != epoch:
            return
        domain = MENTAL if name == "ggz_treatment" else FAMILY
        if hh.need[domain] != ACTIVE:
            return
        self.join_queue(hh, self.facilities[name])

    def end_trajectory(self, hh) -> None:
        if hh.service.random() < self.p["work_income.p_trajectory_work"] and hh.has_address:
            if hh.income == I["bijstand"]:
                self.stop_cost(hh, "benefit")
                self.stop_cost(hh, "benefit_admin")
                self.release_hold(hh, "work_income")
                self.release_hold(hh, "work_income_centre")
            hh.income = I["work"]

    def treatment_over(self, hh, domain: int) -> None:
        """Treatment ends: the problem is resolved (it may come back as a shock)."""
        if hh.need[domain] == MET:
            hh.need[domain] = -1
            self.check_settled(hh)

