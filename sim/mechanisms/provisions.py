"""What a granted request delivers, per domain: a benefit, Wmo support, a treatment place, a
participation trajectory, or elsewhere a debt-help trajectory (:mod:`sim.mechanisms.debt_help`)
or a place to live (:mod:`sim.mechanisms.housing`); and what follows when a domain is met."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..distributions import lognormal
from ..domains import (ACTIVE, CARE, CENTRE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL,
                       PARTICIPATION, SAFETY, Category, Domain, Income, Pot)
from ..organisations import O
from .base import Component
from .escalation_team import S

if TYPE_CHECKING:
    from ..agents import Case, Household

# How a treatment place (GGZ, youth care) ends: the detail of a "treatment_end" event.
TREATMENT_OUTCOMES = ("improved", "partial", "dropped_out")
IMPROVED, PARTIAL, DROPPED_OUT = range(3)


class Provisions(Component):
    name = "provisions"
    uses = ("needs", "accounts", "casework", "seeking", "stability", "housing", "places",
            "debt_help", "budget_pressure", "payers", "cross_pot", "participation")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._benefit_since: dict[int, float] = {}  # household -> day its benefit started

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
                                  self.norm_share(hh) * p["cost.bijstand_per_year"] / 365.0)
            m.accounts.start_cost(hh, "benefit_admin", pot, Category.ADMINISTRATION,
                                  p["cost.bijstand_admin_per_year"] / 365.0)
            self.start_benefit(hh)
            self.met(hh, INCOME)
            m.participation.consider_parallel(hh, case.counter.name)
        elif domain == CARE:
            m.accounts.charge(hh, Pot.WMO, Category.ADMINISTRATION, p["cost.wmo_admin_per_provision"])
            delay = lognormal(hh.service, p["wmo.delivery_days"], p["casework.processing_sigma"])
            self.calendar.schedule_event(self.calendar.now + delay, self.deliver_care, hh, hh.epoch)
        elif domain in (MENTAL, FAMILY):
            if domain == FAMILY:
                m.accounts.charge(hh, Pot.YOUTH, Category.ADMINISTRATION,
                                  p["cost.youth_admin_per_decision"])
            name = "ggz_treatment" if domain == MENTAL else "youth_care"
            if domain == MENTAL:
                m.housing.indicate_from_ggz(hh)
            delay = lognormal(hh.service, p["ggz.treatment_wait_days"],
                              p["ggz.treatment_wait_sigma"]) if domain == MENTAL else 0.0
            self.calendar.schedule_event(self.calendar.now + delay, self.request_treatment, hh,
                                         name, hh.epoch)
        elif domain == PARTICIPATION:  # a trajectory place, when one is free
            m.participation.request_trajectory(hh)

    # -- a benefit: parked after a while, ended for any reason ------------------------------------
    def norm_share(self, hh: "Household") -> float:
        """The benefit's norm as a share of the adult norm: the youth norm under 21."""
        if self.model.payers.applicant_age(hh) < self.p["ages.youth_norm_below"]:
            return self.p["ages.youth_norm_share"]
        return 1.0

    def adult_norm(self, hh: "Household", since: float) -> None:
        """The 21st birthday on a benefit: the adult norm from now on."""
        if self.on_benefit(hh, since) and "benefit" in hh.accruals:
            self.model.accounts.start_cost(hh, "benefit", hh.accruals["benefit"].pot.index,
                                           Category.BENEFITS,
                                           self.p["cost.bijstand_per_year"] / 365.0)

    def takes_up_study(self, hh: "Household") -> None:
        """Refused bijstand because study is possible: the applicant enrols and lives on
        student finance (paid nationally, outside the model's pots)."""
        hh.income = Income.OTHER_BENEFIT
        self.met(hh, INCOME)

    def start_benefit(self, hh: "Household") -> None:
        """A benefit starts: it ends at ``work_income.benefit_exit_per_year`` for any reason,
        and the case may be parked (released from the caseload) after a while."""
        p = self.p
        now = self.calendar.now
        self._benefit_since[hh.hid] = now
        if self.norm_share(hh) < 1.0:  # on the youth norm until the 21st birthday
            self.calendar.schedule_event(
                self.model.payers.birthday(hh, self.p["ages.youth_norm_below"]),
                self.adult_norm, hh, now)
        rate = p["work_income.benefit_exit_per_year"]
        if rate > 0:
            self.calendar.schedule_event(now + hh.life.expovariate(rate / 365.0),
                                         self.benefit_ends, hh, now)
        if hh.service.random() < p["work_income.parked_share"]:
            self.calendar.schedule_event(now + p["work_income.parked_after_days"], self.park, hh,
                                         now)

    def on_benefit(self, hh: "Household", since: float) -> bool:
        return hh.income == Income.BIJSTAND and self._benefit_since.get(hh.hid) == since

    def park(self, hh: "Household", since: float) -> None:
        """A parked client: seen yearly, no longer in a caseworker's caseload (001:L705-706)."""
        if self.on_benefit(hh, since):
            m = self.model
            m.casework.release_hold(hh, "work_income")
            m.casework.release_hold(hh, "work_income_centre")

    def benefit_ends(self, hh: "Household", since: float) -> None:
        """The benefit ends: work, or another income (another benefit or pension, a partner's
        income, moving away): the case is closed."""
        if not self.on_benefit(hh, since):
            return
        m = self.model
        work = hh.life.random() < self.p["work_income.p_exit_to_work"]
        if work and m.cross_pot.job_falls_through(hh):  # bad teeth: the benefit goes on
            m.event(hh, "programme", O["benefits_office"], S["job_lost_on_teeth"])
            rate = self.p["work_income.benefit_exit_per_year"]
            self.calendar.schedule_event(self.calendar.now + hh.life.expovariate(rate / 365.0),
                                         self.benefit_ends, hh, since)
            return
        del self._benefit_since[hh.hid]
        self.stop_benefit(hh, Income.WORK if work else Income.OTHER_BENEFIT)

    def stop_benefit(self, hh: "Household", income: Income) -> None:
        """The benefit and its administration stop, W&I releases the case it held, and the
        household lives on ``income`` from now on."""
        m = self.model
        m.accounts.stop_cost(hh, "benefit")
        m.accounts.stop_cost(hh, "benefit_admin")
        m.casework.release_hold(hh, "work_income")
        m.casework.release_hold(hh, "work_income_centre")
        hh.income = income

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
        share = self.model.budget_pressure.hours_share(hh)  # fewer hours under budget pressure
        self.model.accounts.start_cost(hh, "home_help", Pot.WMO, Category.SERVICES,
                                       share * self.p["cost.wmo_home_help_per_year"] / 365.0)
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
            self.to_work(hh)

    def to_work(self, hh: "Household") -> None:
        """The household lives on work from now on; a benefit stops."""
        if hh.income == Income.BIJSTAND:
            self.stop_benefit(hh, Income.WORK)
        else:
            hh.income = Income.WORK

    def treatment_outcome(self, hh: "Household", domain: Domain) -> int:
        """How a treatment place will end: improved, partial or dropped out."""
        p = self.p
        if domain == MENTAL:
            good, partial = p["ggz.p_improved"], p["ggz.p_partial"]
        else:
            good = p["youth.p_completed"]
            partial = max(0.0, 1.0 - good - p["youth.p_dropout"])
        u = hh.service.random()
        return IMPROVED if u < good else PARTIAL if u < good + partial else DROPPED_OUT

    def treatment_over(self, hh: "Household", domain: Domain, outcome: int) -> None:
        """Treatment ends. Improved: the problem is resolved, and may come back within a few
        years (relapse). Partial: the household copes for now, but the problem comes back
        after a while. Dropped out: the need is open again and the household asks anew."""
        m = self.model
        if outcome == DROPPED_OUT:
            m.needs.reopen(hh, domain, crisis=False)
            m.stability.check_settled(hh)
            m.seeking.pursue(hh)
            return
        if not m.needs.resolve(hh, domain):
            return
        mental = domain == MENTAL
        rate = self.p["ggz.relapse_per_year" if mental else "youth.reentry_per_year"]
        window = 365.0 * self.p["ggz.relapse_years" if mental else "youth.reentry_years"]
        if rate > 0:
            t = hh.life.expovariate(rate / 365.0)
            if outcome == PARTIAL or t < window:  # a partial result comes back for certain
                self.calendar.schedule_event(self.calendar.now + t, self.relapse, hh, domain)
        m.stability.check_settled(hh)

    def relapse(self, hh: "Household", domain: Domain) -> None:
        """A problem that treatment resolved comes back (if nothing else brought it back)."""
        if hh.has(domain):
            return
        self.model.event(hh, "treatment_relapse", detail=domain)
        self.model.seeking.add_problem(hh, domain)
