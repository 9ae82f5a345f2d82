"""Housing First: a homeless household at the shelter intake is offered a home of its own
with intensive support, as far as the programme's dwellings and team allow
(:mod:`sim.mechanisms.housing_first`). A household the programme cannot take applies for
urgency at the intake, and the urgency committee does not first ask for managed debts and an
income (no rules before the home)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Domain, Reason
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Counter, Household
    from ..organisations import CounterSpec

WAIVED = (Reason.DEBTS_UNMANAGED, Reason.NO_INCOME)


class HousingFirst(Policy):
    switch = "reform.housing_first"
    uses = ("housing_first",)

    def staff(self, counter: "CounterSpec", staff: int) -> int | None:
        return staff if counter.name == "housing_first" else None

    def urgency_at_intake(self, hh: "Household", target: str) -> bool | None:
        if target not in ("night_shelter", "family_shelter"):
            return None
        if self.model.housing_first.take(hh):
            return False  # a home first: no urgency application needed
        return True

    def waives(self, hh: "Household", domain: Domain, counter: "Counter",
               reason: Reason) -> bool | None:
        if counter.name == "housing_urgency" and reason in WAIVED:
            return True
        return None
