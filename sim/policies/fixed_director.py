"""A fixed case director (regie) owns each multi-problem household.

The director asks about every domain, works them in parallel, knows the rules (applies only
where the household is eligible and arranges what is missing first: an ID, an address),
hands over warmly (the dossier travels along), chases decisions, and stays until the household
is stable. Directors are staff of their own counter with their own caseload cap
(``director.*``); a household waits for a free director like any case. What a household with a
director experiences differently elsewhere (no retelling, warm referrals, a cushion on
setbacks) is read from ``Household.director`` by the mechanisms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..agents import Case
from ..domains import BLOCKED, HIDDEN, HOUSING, KNOWN, NO_DOMAIN, NO_PROBLEM, Domain, Pot, Reason
from ..rules import eligibility
from .base import Policy
from .one_budget import total_pots

if TYPE_CHECKING:
    from ..agents import Counter, Household
    from ..organisations import CounterSpec


class FixedDirector(Policy):
    switch = "reform.fixed_director"
    uses = ("needs", "latent", "casework", "handoffs", "accounts", "payers", "documents", "seeking",
            "policies")

    # -- decision points ------------------------------------------------------------------------
    def staff(self, counter: "CounterSpec", staff: int) -> int | None:
        return staff if counter.name == "director" else None

    def on_intake(self, hh: "Household", counter: "Counter") -> None:
        """A professional who meets a household with several problems asks for a director."""
        m = self.model
        if (hh.director is not None or counter.name == "director" or hh.director_requested
                or hh.problem_count() < self.p["director.min_domains"]):
            return
        hh.director_requested = True
        m.event(hh, "referral", m.counters["director"].org, -1, 1.0)
        case = Case(hh, NO_DOMAIN, m.counters["director"], True, self.calendar.now)
        hh.director_pending = case
        m.casework.assign(case)

    def takes_intake(self, case: Case) -> bool | None:
        if case.counter.name != "director":
            return None
        self.director_intake(case)
        return True

    def decision_wait(self, case: Case, wait: float) -> float | None:
        if case.hh.director is None:
            return None
        return min(wait, case.hh.service.random() * self.p["director.contact_interval_days"])

    def pays_directly(self, hh: "Household", counter: "Counter", cost: float) -> bool | None:
        if hh.director is not None and self.p["director.discretionary_budget"] >= cost:
            return True
        return None

    def has_mandate(self, hh: "Household", counter: "Counter") -> bool | None:
        if hh.director is not None and self.p["director.special_assistance_mandate"]:
            return True
        return None

    def counted_pots(self, hh: "Household", counter: "Counter",
                     payer: Pot) -> frozenset[Pot] | None:
        """A director with the mandate weighs the whole catalogue on the total gain."""
        if counter.name == "director" and self.p["director.special_assistance_mandate"]:
            return total_pots(False)
        return None

    def pursues_for(self, hh: "Household") -> bool | None:
        if hh.director is None:
            return None
        self.drive(hh)
        return True

    def on_out_of_view(self, hh: "Household") -> None:
        self.dismiss(hh)
        self.drop_request(hh)

    def on_stable(self, hh: "Household") -> None:
        self.drop_request(hh)
        self.dismiss(hh)

    # -- the director at work -------------------------------------------------------------------
    def dismiss(self, hh: "Household") -> None:
        """The household is stable or out of view: its director closes the case."""
        if hh.director is not None:
            self.model.casework.close_case(hh.director)
            hh.director = None

    def drop_request(self, hh: "Household") -> None:
        case = hh.director_pending
        if case is not None:
            hh.director_pending = None
            hh.director_requested = False
            self.model.casework.close_case(case)

    def director_intake(self, case: Case) -> None:
        m = self.model
        hh = case.hh
        hh.director_pending = None
        if hh.disengaged or hh.stable:
            hh.director_requested = False
            m.casework.close_case(case)
            return
        case.stage = "directing"
        hh.director = case
        m.event(hh, "director", case.counter.org)
        m.accounts.charge_hours(hh, case.counter, self.p["director.plan_hours"])  # the plan
        m.latent.by_director(hh)
        if hh.arrears and hh.debt_since is not None:
            m.payers.consider_arrears_payoff(hh, case.counter)
        self.drive(hh)
        self.calendar.schedule_event(self.calendar.now + self.p["director.contact_interval_days"],
                                     self.contact, case, case.epoch)

    def contact(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage != "directing":
            return
        self.model.accounts.charge_contact(case.hh, case.counter)
        self.drive(case.hh)
        self.calendar.schedule_event(self.calendar.now + self.p["director.contact_interval_days"],
                                     self.contact, case, case.epoch)

    def drive(self, hh: "Household") -> None:
        """Work every open domain at once: apply where the rules allow, otherwise arrange what
        is missing first (an ID, an address, an income) instead of collecting a refusal."""
        if hh.disengaged:
            return
        m = self.model
        director = m.counters["director"]
        for d, state in enumerate(hh.need):
            if state not in (KNOWN, BLOCKED, HIDDEN) or d in hh.cases or d in hh.seeking:
                continue
            domain = Domain(d)
            m.latent.found(hh, domain, "director")
            target = m.seeking.right_counter(hh, domain)
            if eligibility(m, hh, domain, m.counters[target]) is None:
                m.needs.unblock(hh, domain)
                m.handoffs.refer(hh, domain, director, target, warm=True)
            else:
                m.needs.block(hh, domain, keep_since=True)
                self.prerequisite(hh, domain, target)

    def prerequisite(self, hh: "Household", domain: Domain, target: str) -> None:
        m = self.model
        reason = eligibility(m, hh, domain, m.counters[target])
        if reason == Reason.NO_ID:
            m.documents.renew_id(hh)
        elif reason == Reason.NO_ADDRESS and hh.need[HOUSING] in (KNOWN, BLOCKED, NO_PROBLEM):
            m.needs.raise_quietly(hh, HOUSING)
            m.handoffs.refer(hh, HOUSING, m.counters["director"], "shelter_intake", warm=True)
        if reason is not None:
            m.policies.on_blocked(hh, domain)
