"""Housing first: homeless households apply for urgency at shelter intake, and the urgency
committee does not first ask for managed debts and an income."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Domain, Reason
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Counter, Household

WAIVED = (Reason.DEBTS_UNMANAGED, Reason.NO_INCOME)


class HousingFirst(Policy):
    switch = "reform.housing_first"

    def urgency_at_intake(self, hh: "Household", target: str) -> bool | None:
        return True if target in ("night_shelter", "family_shelter") else None

    def waives(self, hh: "Household", domain: Domain, counter: "Counter",
               reason: Reason) -> bool | None:
        if counter.name == "housing_urgency" and reason in WAIVED:
            return True
        return None
