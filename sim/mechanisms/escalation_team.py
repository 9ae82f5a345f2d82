"""The escalation team: a small team with its own caseload that climbs the escalation ladder
for a case (worker, team lead, manager, director or alderman: ``escalation.levels`` rungs).

Each rung takes ``escalation.days_per_rung`` and costs ``escalation.hours_per_rung`` of staff
time, charged to the team's pot. A case waits while every member of the team is at their
caseload cap (``escalation_team.caseload_cap``), first come first served. A block by a
statutory rule is found out at the first rung and goes no further: only a law change could
bend it (money-and-reforms §4). The ladder succeeds with ``escalation.p_success``
(002:L463-469: it worked for some of the twenty hard cases, not for others).

The team does the work; what an escalation changes (a bent rule, a settled dispute, a place
higher on a list) is the escalation policy's (:mod:`sim.policies.escalation`).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Callable

from ..agents import Case
from ..domains import Category, Domain
from .base import Component

if TYPE_CHECKING:
    from ..model import SocialDomainModel
    from ..agents import CaseManager, Household

# What the ``programme`` events of the log say (their detail); org is the team or counter.
STEPS = ("escalation_wait", "escalation_rung", "escalation_statutory", "escalation_dropped", "housing_first_housed",
         "housing_first_team_full", "housing_first_no_dwelling", "housing_first_ended",
         "deadline_expedited", "deadline_delayed", "deadline_penalty", "postal_address_home",
         "budget_fewer_hours", "budget_wait", "move_waits",
         "job_lost_on_teeth")
S = {name: i for i, name in enumerate(STEPS)}
TEAM = "escalation_team"


class _Ticket:
    """One escalated case on its way up the ladder."""
    __slots__ = ("hh", "domain", "statutory", "valid", "done", "case")

    def __init__(self, hh: "Household", domain: Domain, statutory: bool,
                 valid: Callable[[], bool], done: Callable[[bool], None]) -> None:
        self.hh = hh
        self.domain = domain
        self.statutory = statutory
        self.valid = valid
        self.done = done
        self.case: Case | None = None


class EscalationTeam(Component):
    name = "escalation_team"
    uses = ("accounts",)

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self.waiting: deque[_Ticket] = deque()

    def escalate(self, hh: "Household", domain: Domain, statutory: bool,
                 valid: Callable[[], bool], done: Callable[[bool], None]) -> None:
        """Take a case up the ladder when a team member has room. ``valid()`` says whether
        the case still needs escalating; ``done(ok)`` is called when the ladder ends."""
        ticket = _Ticket(hh, domain, statutory, valid, done)
        team = self.model.counters[TEAM]
        worker = team.free_worker()
        if worker is None:
            self.model.event(hh, "programme", team.org, S["escalation_wait"])
            self.waiting.append(ticket)
            return
        self._start(ticket, worker)

    @property
    def n_waiting(self) -> int:
        return len(self.waiting)

    def _start(self, ticket: _Ticket, worker: "CaseManager") -> None:
        team = self.model.counters[TEAM]
        case = Case(ticket.hh, ticket.domain, team, True, self.calendar.now)
        case.worker = worker
        case.stage = "processing"
        team.add_case(worker, case)
        ticket.case = case
        self.calendar.schedule_event(self.calendar.now + self.p["escalation.days_per_rung"],
                                     self._rung, ticket, 1)

    def _rung(self, ticket: _Ticket, level: int) -> None:
        m = self.model
        hh = ticket.hh
        team = m.counters[TEAM]
        if hh.disengaged or not ticket.valid():
            m.event(hh, "programme", team.org, S["escalation_dropped"], level)
            self._finish(ticket, None)
            return
        m.accounts.charge(hh, team.pot, Category.SERVICES,
                          self.p["escalation.hours_per_rung"] * self.p["casework.hourly_cost_eur"])
        m.event(hh, "programme", team.org, S["escalation_rung"], level)
        if ticket.statutory:  # found out at the first rung: no rung can bend a law
            m.event(hh, "programme", team.org, S["escalation_statutory"], level)
            self._finish(ticket, False)
            return
        if level < self.p["escalation.levels"]:
            self.calendar.schedule_event(self.calendar.now + self.p["escalation.days_per_rung"],
                                         self._rung, ticket, level + 1)
            return
        ok = hh.service.random() < self.p["escalation.p_success"]
        m.event(hh, "escalation", team.org, int(ok), level)
        self._finish(ticket, ok)

    def _finish(self, ticket: _Ticket, ok: bool | None) -> None:
        team = self.model.counters[TEAM]
        case = ticket.case
        if case is not None and case.worker is not None:
            worker = case.worker
            team.drop_case(worker, case)
            case.worker = None
            case.stage = "closed"
        if ok is not None:
            ticket.done(ok)
        while self.waiting:  # the next case waiting for the team
            free = team.free_worker()
            if free is None:
                return
            nxt = self.waiting.popleft()
            if nxt.hh.disengaged or not nxt.valid():
                self.model.event(nxt.hh, "programme", team.org, S["escalation_dropped"], 0)
                continue
            self._start(nxt, free)
