"""Escalation (doorbraak): a blocked case, a long wait or a who-pays dispute is escalated after
``escalation.after_days``, up to ``escalation.levels`` rungs. It can bend a rule for the
household, end a dispute, or move the household up a waiting list; it creates no places, so
under full capacity one household's gain is another's wait."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import BLOCKED, Domain
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Case, FacilityAgent, Household


class Escalation(Policy):
    switch = "reform.escalation"
    uses = ("needs", "handoffs", "casework", "seeking")

    def on_blocked(self, hh: "Household", domain: Domain) -> None:
        if domain in hh.blocked_since:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_block, hh, domain, hh.blocked_since[domain], 1)

    def on_queue_wait(self, hh: "Household", facility: "FacilityAgent") -> None:
        self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                     self.escalate_queue, hh, facility, self.calendar.now)

    def on_dispute(self, case: "Case") -> None:
        self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                     self.escalate_dispute, case, case.epoch)

    def escalate_block(self, hh: "Household", domain: Domain, since: float, level: int) -> None:
        if hh.need[domain] != BLOCKED or hh.blocked_since.get(domain) != since or hh.disengaged:
            return
        m = self.model
        ok = hh.service.random() < self.p["escalation.p_success"]
        m.event(hh, "escalation", detail=int(ok), value=level)
        if ok:
            hh.waivers.add(domain)  # the rule is bent for this household
            m.needs.unblock(hh, domain)
            right = m.seeking.right_counter(hh, domain)
            m.handoffs.refer(hh, domain, m.counters[right], right, warm=True)
        elif level < self.p["escalation.levels"]:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_block, hh, domain, since, level + 1)

    def escalate_queue(self, hh: "Household", fac: "FacilityAgent", since: float) -> None:
        """Move a household up the list. No place is created."""
        q = fac.queue
        if not q.is_waiting(hh) or q.waiting_since(hh) != since or hh.disengaged:
            return
        ok = hh.service.random() < self.p["escalation.p_success"]
        self.model.event(hh, "escalation", fac.org, int(ok), 1)
        if ok:
            q.jump(hh)

    def escalate_dispute(self, case: "Case", epoch: int) -> None:
        if case.epoch != epoch or case.stage != "dispute":
            return
        ok = case.hh.service.random() < self.p["escalation.p_success"]
        self.model.event(case.hh, "escalation", case.counter.org, int(ok), 1)
        if ok:
            case.epoch += 1
            case.stage = "deciding"
            self.model.casework.grant(case)
