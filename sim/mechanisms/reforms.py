"""Who pays, cheap solutions across pots, and the reform mechanisms.

Reforms change rules, roles or capacities; nothing here scales an outcome:
- a fixed case director owns a multi-problem household: asks about every domain, works them
  in parallel, knows the rules (applies only when eligible and arranges prerequisites first),
  hands over warmly (the dossier travels), chases decisions, and stays until the household is
  stable; directors have their own caseload cap;
- one budget merges a municipality's pots: no who-pays disputes between them, and a cheap
  solution is judged on total cost instead of the own pot's;
- escalation can bend a rule, end a dispute or move a household up a queue; it creates no
  places, so under full capacity one household's gain is another's wait.
"""

from __future__ import annotations

from ..agents import Case
from ..domains import (BLOCKED, C, HIDDEN, KNOWN, P, POTS, HOME, R)
from ..rules import ambiguous_payers, eligibility
from .help_seeking import lognormal


class Reforms:
    # -- who pays -------------------------------------------------------------------------------
    def merged(self, a: int, b: int) -> bool:
        """Do these two pots decide as one?"""
        if not self.p["reform.one_budget"]:
            return False
        ma, mb = POTS[a][1], POTS[b][1]
        if ma is not None and ma == mb:
            return True
        insurer = {P["zvw"]}
        if self.p["reform.joint_insurer_budget"] and ({a, b} & insurer) and HOME in (ma, mb):
            return True
        return False

    def who_pays_dispute(self, case: Case) -> bool:
        """Start a who-pays dispute if the service's pot is ambiguous; True when one started."""
        hh = case.hh
        pair = ambiguous_payers(hh, case.domain, case.counter.name)
        if pair is None or self.merged(*pair):
            return False
        if hh.service.random() >= self.p["casework.p_dispute"]:
            return False
        days = lognormal(hh.service, self.p["casework.dispute_days"], 0.6)
        self.event(hh, "dispute", case.counter.org, pair[1], days)
        case.stage = "dispute"
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + days, self.end_dispute, case, case.epoch)
        if self.p["reform.escalation"]:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_dispute, case, case.epoch)
        return True

    def end_dispute(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage != "dispute":
            return
        case.stage = "deciding"
        self.grant(case)

    # -- cheap solutions across pots (maatwerk) ---------------------------------------------------
    def consider_arrears_payoff(self, hh, counter) -> None:
        """Pay off rent arrears to stop an eviction: the cheap key for the expensive lock
        (004 cases 1, 7). Under separate pots the paying pot gains nothing and mostly refuses."""
        if getattr(hh, "payoff_considered", False):
            return
        hh.payoff_considered = True
        p = self.p
        cost = p["casework.arrears_payoff_eur"]
        director = hh.director is not None
        if director and p["director.discretionary_budget"] >= cost:
            self.charge(hh, P["wmo"], C["services"], cost)
            self.event(hh, "maatwerk", counter.org, 1, cost)
            hh.arrears = False
            return
        if p["reform.one_budget"]:
            avoided = p["problems.p_eviction"] * (
                p["cost.eviction"] + p["night_shelter.cost_per_day"] * p["night_shelter.stay_days"])
            approve = cost < avoided
        else:
            approve = hh.service.random() < p["casework.p_maatwerk_split"]
        pot = self.pots[P["special_assistance"]]
        if approve and not pot.can_pay(cost, self.calendar.now):
            approve = False
        self.event(hh, "maatwerk", counter.org, int(approve), cost)
        if not approve:
            return
        days = lognormal(hh.service, p["casework.special_assistance_days"], 0.4)
        mandate = counter.name == "work_income" or (director and p["director.special_assistance_mandate"])
        if not mandate:
            days += p["casework.mandate_wait_days"]
        self.calendar.schedule_event(self.calendar.now + days, self.arrears_paid, hh, cost)

    def arrears_paid(self, hh, cost: float) -> None:
        if not hh.arrears:
            return
        self.charge(hh, P["special_assistance"], C["services"], cost)
        hh.arrears = False

    # -- fixed case director ----------------------------------------------------------------------
    def maybe_director(self, hh, counter) -> bool:
        p = self.p
        if (not p["reform.fixed_director"] or hh.director is not None or counter.name == "director"
                or getattr(hh, "director_requested", False)
                or hh.problem_count() < p["director.min_domains"]):
            return False
        hh.director_requested = True
        self.event(hh, "referral", self.counters["director"].org, -1, 1.0)
        case = Case(hh, -1, self.counters["director"], True, self.calendar.now)
        hh.director_pending = case
        self.assign(case)
        return False

    def drop_director_request(self, hh) -> None:
        """A household that is stable or out of view no longer waits for a director."""
        case = getattr(hh, "director_pending", None)
        if case is not None:
            hh.director_pending = None
            hh.director_requested = False
            self.close_case(case)

    def director_intake(self, case: Case) -> None:
        hh = case.hh
        hh.director_pending = None
        if hh.disengaged or hh.stable:
            hh.director_requested = False
            self.close_case(case)
            return
        case.stage = "directing"
        hh.director = case
        self.event(hh, "director", case.counter.org)
        self.reveal(hh)
        if hh.arrears and hh.debt_since is not None:
            hh.payoff_considered = False
            self.consider_arrears_payoff(hh, case.counter)
        self.director_drive(hh)
        self.calendar.schedule_event(self.calendar.now + self.p["director.contact_interval_days"],
                                     self.director_contact, case, case.epoch)

    def director_contact(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage != "directing":
            return
        self.charge_contact(case.hh, case.counter)
        self.director_drive(case.hh)
        self.calendar.schedule_event(self.calendar.now + self.p["director.contact_interval_days"],
                                     self.director_contact, case, case.epoch)

    def director_drive(self, hh) -> None:
        """Work every open domain at once: apply where the rules allow, otherwise arrange what
        is missing first (an ID, an address, an income) instead of collecting a refusal."""
        if hh.disengaged:
            return
        for d, state in enumerate(hh.need):
            if state not in (KNOWN, BLOCKED, HIDDEN) or d in hh.cases or d in hh.seeking:
                continue
            if state == HIDDEN:
                hh.need[d] = KNOWN
            target = self.right_counter(hh, d)
            if eligibility(self, hh, d, self.counters[target]) is None:
                hh.need[d] = KNOWN
                hh.blocked_since.pop(d, None)
                self.refer(hh, d, self.counters["director"], target, warm=True)
            else:
                hh.need[d] = BLOCKED
                hh.blocked_since.setdefault(d, self.calendar.now)
                self.director_prerequisite(hh, d, target)

    def director_prerequisite(self, hh, domain: int, target: str) -> None:
        reason = eligibility(self, hh, domain, self.counters[target])
        if reason == R["no_id"]:
            self.renew_id(hh)
        elif reason == R["no_address"] and hh.need[1] in (KNOWN, BLOCKED, -1):
            if hh.need[1] == -1:
                hh.need[1] = KNOWN
            self.refer(hh, 1, self.counters["director"], "shelter_intake", warm=True)
        if reason is not None:
            self.watch_blocked(hh, domain)

    # -- escalation -----------------------------------------------------------------------------
    def watch_blocked(self, hh, domain: int) -> None:
        if self.p["reform.escalation"] and domain in hh.blocked_since:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_block, hh, domain, hh.blocked_since[domain], 1)

    def escalate_block(self, hh, domain: int, since: float, level: int) -> None:
        if hh.need[domain] != BLOCKED or hh.blocked_since.get(domain) != since or hh.disengaged:
            return
        ok = hh.service.random() < self.p["escalation.p_success"]
        self.event(hh, "escalation", detail=int(ok), value=level)
        if ok:
            hh.waivers.add(domain)  # the rule is bent for this household
            hh.need[domain] = KNOWN
            hh.blocked_since.pop(domain, None)
            self.refer(hh, domain, self.counters[self.right_counter(hh, domain)],
                       self.right_counter(hh, domain), warm=True)
        elif level < 3:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_block, hh, domain, since, level + 1)

    def watch_queue(self, hh, fac) -> None:
        if self.p["reform.escalation"]:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_queue, hh, fac, self.calendar.now)

    def escalate_queue(self, hh, fac, since: float) -> None:
        """Move a household up the list. No place is created."""
        q = fac.queue
        if not q.is_waiting(hh) or q.waiting_since(hh) != since or hh.disengaged:
            return
        ok = hh.service.random() < self.p["escalation.p_success"]
        self.event(hh, "escalation", fac.org, int(ok), 1)
        if ok:
            q.jump(hh)

    def escalate_dispute(self, case: Case, epoch: int) -> None:
        if case.epoch != epoch or case.stage != "dispute":
            return
        ok = case.hh.service.random() < self.p["escalation.p_success"]
        self.event(case.hh, "escalation", case.counter.org, int(ok), 1)
        if ok:
            case.epoch += 1
            case.stage = "deciding"
            self.grant(case)

