"""Legal deadlines as law, not as a cap.

Staff at a counter with a legal term (``<counter>.legal_days``) decide the cases near their
deadline first: a case whose processing would run past its term is decided at the term, and
the work that puts first is owed by the counter (its backlog), so the next cases that are not
near their deadline wait longer, each at most its own processing time again. Capacity does
not change; waiting is moved, not removed.

A decision that is late all the same gives a penalty payment (dwangsom, Awb art. 4:17-4:20)
when the applicant sends a notice of default (``deadlines.p_notice_of_default``): after
``deadlines.notice_grace_days``, €23 a day for 14 days, €35 for the next 14 and €45 for the
rest, for at most ``deadlines.penalty_max_days``, paid from the counter's pot to the household
(a transfer). Only decisions on an application carry it (:data:`PENALTY_COUNTERS`); the first
conversation of debt help does not (Wgs art. 4). No grant by operation of law: the Wmo 2015
declares none as far as known. Uncertain (money-and-reforms §5): whether the penalty regime
applies to Wmo decisions since 2017 is unconfirmed; the Wmo desk is included here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Category
from ..mechanisms.escalation_team import S
from .base import Policy

if TYPE_CHECKING:
    from ..model import SocialDomainModel
    from ..agents import Case

PENALTY_COUNTERS = ("wmo", "work_income", "work_income_centre")
# Awb art. 4:17 lid 2: the second and third fortnights' daily amounts against the first.
TIERS = ((14.0, 1.0), (14.0, 35.0 / 23.0), (float("inf"), 45.0 / 23.0))


def penalty(days_accrued: float, per_day: float) -> float:
    """The penalty payment after ``days_accrued`` days, by the Awb's three tiers."""
    total, left = 0.0, max(0.0, days_accrued)
    for span, factor in TIERS:
        d = min(left, span)
        total += d * per_day * factor
        left -= d
        if left <= 0:
            break
    return total


class Deadlines(Policy):
    switch = "reform.enforce_deadlines"
    uses = ("accounts",)

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self.backlog: dict[str, float] = {}  # counter -> days of work put first, still owed
        self.penalties_eur = 0.0

    def processing_days(self, case: "Case", days: float) -> float | None:
        legal = case.counter.legal_days
        if legal is None:
            return None
        m = self.model
        name = case.counter.name
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

    def decision_wait(self, case: "Case", wait: float) -> float | None:
        legal = case.counter.legal_days
        if legal is None or case.counter.name not in PENALTY_COUNTERS:
            return None
        late = self.calendar.now + wait - (case.opened + legal)
        if late <= 0 or case.hh.service.random() >= self.p["deadlines.p_notice_of_default"]:
            return None
        accrued = min(late - self.p["deadlines.notice_grace_days"],
                      self.p["deadlines.penalty_max_days"])
        if accrued <= 0:
            return None
        amount = penalty(accrued, self.p["deadlines.penalty_per_day"])
        self.penalties_eur += amount
        m = self.model
        m.accounts.charge(case.hh, case.counter.pot, Category.BENEFITS, amount)
        m.event(case.hh, "programme", case.counter.org, S["deadline_penalty"], amount)
        return None
