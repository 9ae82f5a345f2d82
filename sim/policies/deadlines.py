"""Legal deadlines as law, not as a cap.

Staff at a counter with a legal term (``<counter>.legal_days``) decide the cases near their
deadline first: a case whose processing would run past its term is decided at the term, and
the work that puts first is owed by the counter (its backlog), so the next cases that are not
near their deadline wait longer, each at most its own processing time again. Capacity does
not change; waiting is moved, not removed.

Whether a decision comes late or not, the law's penalty payment for a late decision (dwangsom)
applies in every scenario (``sim/mechanisms/penalties.py``). Keeping the terms has its own staff
cost: every case at a counter with a legal term is registered and triaged against its term,
``deadlines.triage_hours`` at the counter's pot (the Amsterdam process change: triage and
same-day calls, 002:L1665-1703).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..mechanisms.escalation_team import S
from .base import Policy

if TYPE_CHECKING:
    from ..model import SocialDomainModel
    from ..agents import Case


class Deadlines(Policy):
    switch = "reform.enforce_deadlines"
    uses = ("accounts",)

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self.backlog: dict[str, float] = {}  # counter -> days of work put first, still owed

    def processing_days(self, case: "Case", days: float) -> float | None:
        legal = case.counter.legal_days
        if legal is None:
            return None
        m = self.model
        name = case.counter.name
        m.accounts.charge_hours(case.hh, case.counter, self.p["deadlines.triage_hours"])
        left = max(0.0, legal - (self.calendar.now - case.opened))
        if days > left:  # near its deadline: decided first
            self.backlog[name] = self.backlog.get(name, 0.0) + days - left
            m.event(case.hh, "programme", case.counter.org, S["deadline_expedited"], days - left)
            return left
        extra = min(self.backlog.get(name, 0.0), days)  # the others wait for that work
        if extra > 0:
            self.backlog[name] -= extra
            m.event(case.hh, "programme", case.counter.org, S["deadline_delayed"], extra)
        return days + extra
