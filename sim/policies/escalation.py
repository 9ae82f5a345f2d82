"""Escalation (doorbraak) as a scarce, costly, bounded power.

A blocked case, a long wait or a who-pays dispute is escalated after ``escalation.after_days``.
The escalation team (:mod:`sim.mechanisms.escalation_team`) climbs the ladder for it, with
its own caseload and staff time; cases wait when the team is full. What a successful ladder
changes:

- a block: only a **discretionary** rule is bent, and only that rule, for this household
  (:data:`DISCRETIONARY`); a block by a statutory rule (no address or ID for the benefit,
  the assets test, the age and family conditions of the law) is found out at the first rung
  and stays (money-and-reforms §4; 004:L914-951);
- a who-pays dispute: it is settled and the service granted;
- a waiting list: the household moves to the front. No place is created, so under full
  capacity one household's gain is another's wait (002:L380-386, L449-451).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import BLOCKED, HOUSING, Domain, Reason
from ..rules import RULES
from .base import Policy

if TYPE_CHECKING:
    from ..model import SocialDomainModel
    from ..agents import Case, Counter, FacilityAgent, Household
    from ..organisations import CounterSpec

# Rules of local policy and professional discretion, which an escalation may bend: the urgency
# committee's debts and income conditions and the exclusion after an eviction, the access
# conditions of debt help, the order of participation after the other domains, and a
# discretionary refusal (Wmo). The others are statutory (Participatiewet art. 34 assets; the
# identification and registration duties; the Jeugdwet's children) or money (a budget).
DISCRETIONARY = frozenset({Reason.EXCLUDED, Reason.DEBTS_UNMANAGED, Reason.NO_INCOME,
                           Reason.NOT_HOMELESS, Reason.NOT_READY, Reason.DISCRETION})


class Escalation(Policy):
    switch = "reform.escalation"
    uses = ("needs", "handoffs", "casework", "seeking", "escalation_team", "policies", "payers")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self.bent: dict[int, set[tuple[int, int]]] = {}  # household -> {(domain, reason)}

    # -- decision points --------------------------------------------------------------------------
    def staff(self, counter: "CounterSpec", staff: int) -> int | None:
        return staff if counter.name == "escalation_team" else None

    def waives(self, hh: "Household", domain: Domain, counter: "Counter",
               reason: Reason) -> bool | None:
        bent = self.bent.get(hh.hid)
        return True if bent is not None and (int(domain), int(reason)) in bent else None

    def on_blocked(self, hh: "Household", domain: Domain) -> None:
        if domain in hh.blocked_since:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                         self.escalate_block, hh, domain, hh.blocked_since[domain])

    def on_queue_wait(self, hh: "Household", facility: "FacilityAgent") -> None:
        self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                     self.escalate_queue, hh, facility, self.calendar.now)

    def on_dispute(self, case: "Case") -> None:
        self.calendar.schedule_event(self.calendar.now + self.p["escalation.after_days"],
                                     self.escalate_dispute, case, case.epoch)

    # -- what blocks ------------------------------------------------------------------------------
    def blocking_reason(self, hh: "Household", domain: Domain) -> Reason:
        """The rule that blocks the domain now; a refusal no rule explains was a decision at
        the counter's discretion."""
        m = self.model
        names = [m.seeking.right_counter(hh, domain)]
        if domain == HOUSING:
            names.append("housing_urgency")
        for name in names:
            counter = m.counters[name]
            for reason, refuses in RULES.get(domain, ()):
                if refuses(m, hh, counter) and not m.policies.waives(hh, domain, counter, reason):
                    return reason
        return Reason.DISCRETION

    # -- escalations ------------------------------------------------------------------------------
    def escalate_block(self, hh: "Household", domain: Domain, since: float) -> None:
        if not self._still_blocked(hh, domain, since):
            return
        reason = self.blocking_reason(hh, domain)
        self.model.escalation_team.escalate(
            hh, domain, reason not in DISCRETIONARY,
            lambda: self._still_blocked(hh, domain, since),
            lambda ok: self._bend(hh, domain, reason) if ok else None)

    @staticmethod
    def _still_blocked(hh: "Household", domain: Domain, since: float) -> bool:
        return hh.need[domain] == BLOCKED and hh.blocked_since.get(domain) == since

    def _bend(self, hh: "Household", domain: Domain, reason: Reason) -> None:
        """The rule is bent for this household and this domain only."""
        m = self.model
        self.bent.setdefault(hh.hid, set()).add((int(domain), int(reason)))
        m.needs.unblock(hh, domain)
        right = m.seeking.right_counter(hh, domain)
        m.handoffs.refer(hh, domain, m.counters[right], right, warm=True)

    def escalate_queue(self, hh: "Household", fac: "FacilityAgent", since: float) -> None:
        """Move a household up the list. No place is created."""
        q = fac.queue

        def waiting() -> bool:
            return q.is_waiting(hh) and q.waiting_since(hh) == since

        if not waiting() or hh.disengaged:
            return
        self.model.escalation_team.escalate(hh, HOUSING, False, waiting,
                                            lambda ok: q.jump(hh) if ok else None)

    def escalate_dispute(self, case: "Case", epoch: int) -> None:
        def open_() -> bool:
            return case.epoch == epoch and case.stage == "dispute"

        if not open_():
            return
        self.model.escalation_team.escalate(case.hh, case.domain, False, open_,
                                            lambda ok: self._settle(case) if ok else None)

    def _settle(self, case: "Case") -> None:
        self.model.payers.settled_by_escalation(case)  # logged as a dispute's end, then granted
