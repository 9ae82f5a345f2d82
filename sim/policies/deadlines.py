"""Legal deadlines enforced: processing never runs past a counter's legal term
(``<counter>.legal_days``, e.g. the Wmo's eight weeks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Policy

if TYPE_CHECKING:
    from ..agents import Case


class Deadlines(Policy):
    switch = "reform.enforce_deadlines"

    def processing_days(self, case: "Case", days: float) -> float | None:
        legal = case.counter.legal_days
        if legal is None:
            return None
        return min(days, max(0.0, legal - (self.calendar.now - case.opened)))
