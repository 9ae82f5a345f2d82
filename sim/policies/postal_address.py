"""Postal addresses at home: the home municipality registers postal addresses itself, and an
address at its desk counts for the benefit (000:L1863-1880, Hans; 001:L1921-1923, papers for
the postal address ready the same day at the intake). A homeless household without an address
that comes to Work & Income gets one there at the intake, for one more contact of staff time,
and keeps its registration at home: homelessness no longer moves responsibility for its
income to the centrumgemeente."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import HOME, STABLE_HOUSING, Municipality
from ..mechanisms.escalation_team import S
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Counter, Household

DESK = "work_income"


class PostalAddressAtHome(Policy):
    switch = "reform.postal_address_home"
    uses = ("housing", "accounts")

    def postal_address_municipality(self, hh: "Household") -> Municipality:
        return HOME

    def on_intake(self, hh: "Household", counter: "Counter") -> None:
        if counter.name != DESK or hh.has_address or hh.housing in STABLE_HOUSING:
            return
        m = self.model
        m.accounts.charge_contact(hh, counter)
        m.event(hh, "programme", counter.org, S["postal_address_home"])
        m.housing.give_address(hh)
