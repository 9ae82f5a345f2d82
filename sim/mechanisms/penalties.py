"""Penalty payments for late decisions (dwangsom, Awb art. 4:17-4:20): the law, in every
scenario (evidence page money-and-reforms §5).

A decision on an application at a counter with a legal term (``<counter>.legal_days``) that is
taken after the term gives a penalty payment when the applicant sends a written notice of
default (``deadlines.p_notice_of_default``): after ``deadlines.notice_grace_days``, €23 a day
for 14 days, €35 for the next 14 and €45 for the rest, for at most
``deadlines.penalty_max_days``, paid from the counter's pot to the household (a transfer).
Only decisions on an application carry it (:data:`PENALTY_COUNTERS`); the first conversation
of debt help does not (Wgs art. 4). No grant by operation of law: the Wmo 2015 declares none as
far as known. Uncertain (money-and-reforms §5): whether the penalty regime applies to Wmo
decisions since 2017 is unconfirmed; the Wmo desk is included here.

The reform ``reform.enforce_deadlines`` (``sim/policies/deadlines.py``) changes the staff's
priorities, not this law.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Category
from .base import Component
from .escalation_team import S

if TYPE_CHECKING:
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


class Penalties(Component):
    name = "penalties"
    uses = ("accounts",)

    def on_decision(self, case: "Case", wait: float) -> None:
        """The decision is due in ``wait`` days: if that is past the legal term, the applicant
        may send a notice of default and the counter's pot pays the penalty."""
        legal = case.counter.legal_days
        if legal is None or case.counter.name not in PENALTY_COUNTERS:
            return
        late = self.calendar.now + wait - (case.opened + legal)
        if late <= 0 or case.hh.service.random() >= self.p["deadlines.p_notice_of_default"]:
            return
        accrued = min(late - self.p["deadlines.notice_grace_days"],
                      self.p["deadlines.penalty_max_days"])
        if accrued <= 0:
            return
        amount = penalty(accrued, self.p["deadlines.penalty_per_day"])
        m = self.model
        m.accounts.charge(case.hh, case.counter.pot, Category.BENEFITS, amount)
        m.event(case.hh, "programme", case.counter.org, S["deadline_penalty"], amount)
