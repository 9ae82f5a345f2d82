"""Problems that grow while nobody handles them, shocks, and stability.

- debts grow (``problems.debt_growth_per_year``) until debt help freezes them;
- unmanaged rent arrears lead to an eviction order, eviction, homelessness and three years'
  exclusion from social housing;
- an unmet care, mental-health or youth need leads to health decline, emergencies and
  out-of-home placements;
- life shocks (job loss, illness, a recovery claim) add problems, also to stable households
  (relapse);
- a household is stable once every problem is settled and housing is stable, for
  ``stability.confirm_days`` in a row.
"""

from __future__ import annotations

import math

from ..domains import (C, CARE, DEBTS, FAMILY, H, HOUSING, INCOME, KNOWN,
                       MENTAL, MET, O, P, R, RENTED, SAFETY, X, I)
from .help_seeking import lognormal

WATCHED = (CARE, MENTAL, FAMILY)


class Cascades:
    def start_cascades(self, hh, past: float) -> None:
        p = self.p
        now = self.calendar.now
        if hh.arrears:
            t = lognormal(hh.life, p["problems.arrears_to_eviction_days"], 0.5) - past
            self.calendar.schedule_event(now + max(1.0, t), self.eviction_due, hh)
        for d in WATCHED:
            if hh.has(d) and hh.need[d] != MET:
                self.calendar.schedule_event(now + p["problems.unmet_care_decline_days"],
                                             self.decline_check, hh, d)
        if hh.homeless and not hh.has(SAFETY):
            self.homeless_from_now(hh)
        if hh.assets_until > now:
            self.calendar.schedule_event(hh.assets_until, self.recheck, hh)

    # -- debts and eviction ---------------------------------------------------------------------
    def debt_now(self, hh) -> float:
        if hh.debt_since is None:
            return hh.debt
        years = (self.calendar.now - hh.debt_since) / 365.0
        return hh.debt * math.exp(self.p["problems.debt_growth_per_year"] * years)

    def eviction_due(self, hh) -> None:
        """The eviction order comes; executed if the arrears are still nobody's business."""
        if not hh.arrears or hh.debt_since is None or hh.housing not in RENTED or hh.place is not None:
            return
        if hh.service.random() >= self.p["problems.p_eviction"]:
            return
        self.event(hh, "crisis", O["landlord"], X["eviction"])
        self.charge(hh, P["corporation"], C["crises"], self.p["cost.eviction"])
        hh.arrears = False
        hh.housing = H["with_others"] if hh.life.random() < 0.5 else H["street"]
        hh.has_address = False
        hh.excluded_until = self.calendar.now + self.p["problems.eviction_exclusion_days"]
        self.calendar.schedule_event(hh.excluded_until, self.recheck, hh)
        if hh.housing == H["street"]:
            self.event(hh, "crisis", O["police"], X["police"])
            self.charge(hh, P["justice"], C["crises"], self.p["cost.police_callout"])
        self.homeless_from_now(hh)
        self.add_problem(hh, HOUSING, crisis=True)

    def recovery_claim(self, hh, amount: float) -> None:
        """A benefit is clawed back (000 M13): new debts, which grow if nobody manages them."""
        if hh.income not in (I["bijstand"], I["allowances_only"]):
            return
        self.event(hh, "crisis", O["benefits_office"], X["recovery_claim"], amount)
        hh.debt = self.debt_now(hh) + amount
        if hh.debt_since is None:
            hh.debt_since = self.calendar.now
        self.add_problem(hh, DEBTS)

    # -- unmet needs ----------------------------------------------------------------------------
    def decline_check(self, hh, domain: int) -> None:
        state = hh.need[domain]
        if state in (-1, MET):
            return
        p = self.p
        if domain == FAMILY:
            if hh.service.random() < p["problems.p_placement_if_unmet"] and "out_of_home" not in hh.accruals:
                self.event(hh, "crisis", detail=X["out_of_home_placement"])
                self.start_cost(hh, "out_of_home", P["youth"], C["crises"], p["cost.out_of_home_per_year"] / 365.0)
                days = lognormal(hh.service, p["cost.out_of_home_days"], 0.5)
                self.calendar.schedule_event(self.calendar.now + days, self.stop_cost, hh, "out_of_home")
        else:
            self.event(hh, "crisis", detail=X["health_decline"])
            if hh.service.random() < p["problems.p_crisis_on_decline"]:
                self.event(hh, "crisis", O["hospital"], X["emergency_care"])
                self.charge(hh, P["zvw"], C["crises"], p["cost.emergency_care"])
                if state == KNOWN and hh.director is None and not hh.disengaged:
                    hh.seeking.discard(domain)
                    self.add_problem(hh, domain, crisis=True)
        if state == -1 or hh.need[domain] == -1:
            return
        if hh.need[domain] == 0:  # a hidden need shows itself in a crisis
            hh.need[domain] = KNOWN
            self.pursue(hh)
        self.calendar.schedule_event(self.calendar.now + p["problems.unmet_care_decline_days"],
                                     self.decline_check, hh, domain)

    def shock(self, hh, domain: int) -> None:
        """A life event: a new problem, a relapse if the household was stable."""
        if hh.has(domain) and hh.need[domain] != MET:
            return
        if hh.stable:
            self.event(hh, "relapse", detail=domain)
            hh.stable = False
        if domain == INCOME and hh.income in (I["work"], I["work_topup"]):
            hh.income = I["allowances_only"]
        if domain == DEBTS:
            hh.debt = self.debt_now(hh) + lognormal(hh.life, 3000.0, 0.8)
            hh.debt_since = self.calendar.now
        self.add_problem(hh, domain)
        if domain in WATCHED:
            self.calendar.schedule_event(self.calendar.now + self.p["problems.unmet_care_decline_days"],
                                         self.decline_check, hh, domain)

    # -- denials the household acts on ------------------------------------------------------------
    def react_to_denial(self, hh, domain: int, reason: int) -> None:
        """A household told why it was refused acts on what it can fix."""
        if reason == R["no_id"]:
            self.renew_id(hh)
        elif reason == R["no_address"] and not hh.has_address:
            self.add_problem(hh, HOUSING)
        elif reason == R["no_income"] and hh.has(INCOME):
            self.surface(hh, INCOME)
        elif reason == R["debts_unmanaged"]:
            self.surface(hh, DEBTS)

    def renew_id(self, hh) -> None:
        if hh.id_valid or hh.id_renewing:
            return
        hh.id_renewing = True
        days = lognormal(hh.service, self.p["problems.id_renewal_days"], 0.7)
        self.calendar.schedule_event(self.calendar.now + days, self.id_renewed, hh)

    def id_renewed(self, hh) -> None:
        hh.id_valid = True
        hh.id_renewing = False
        self.event(hh, "id_renewed", O["id_desk"])
        self.recheck(hh)

    # -- stability ------------------------------------------------------------------------------
    def check_settled(self, hh) -> None:
        if hh.settled():
            if hh.settled_since is None:
                hh.settled_since = self.calendar.now
                self.calendar.schedule_event(self.calendar.now + self.p["stability.confirm_days"],
                                             self.confirm_stable, hh, hh.settled_since)
        else:
            hh.settled_since = None
            hh.stable = False

    def confirm_stable(self, hh, since: float) -> None:
        if hh.settled_since != since or hh.stable:
            return
        hh.stable = True
        if not hh.ever_stable:
            hh.ever_stable = True
        self.event(hh, "stable", value=since)
        self.drop_director_request(hh)
        if hh.director is not None:
            self.close_case(hh.director)
            hh.director = None

