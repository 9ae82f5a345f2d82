"""Papers and the denials households act on: a household told why it was refused fixes what it
can (renews its ID, looks for an address, looks into its income or debts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import DEBTS, HOUSING, INCOME, Domain, Reason
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household


class Documents(Component):
    name = "documents"
    uses = ("seeking", "casework", "provisions")

    def react_to_denial(self, hh: "Household", domain: Domain, reason: int) -> None:
        """A household told why it was refused acts on what it can fix."""
        m = self.model
        if reason == Reason.NO_ID:
            self.renew_id(hh)
        elif reason == Reason.NO_ADDRESS and not hh.has_address:
            m.seeking.add_problem(hh, HOUSING)
        elif reason == Reason.NO_INCOME and hh.has(INCOME):
            m.seeking.surface(hh, INCOME, "asked")
        elif reason == Reason.DEBTS_UNMANAGED:
            m.seeking.surface(hh, DEBTS, "asked")
        elif reason == Reason.EDUCATION and hh.service.random() < self.p["ages.p_takes_up_study"]:
            m.provisions.takes_up_study(hh)

    def renew_id(self, hh: "Household") -> None:
        if hh.id_valid or hh.id_renewing:
            return
        hh.id_renewing = True
        days = lognormal(hh.service, self.p["problems.id_renewal_days"],
                         self.p["problems.id_renewal_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self.id_renewed, hh)

    def id_renewed(self, hh: "Household") -> None:
        hh.id_valid = True
        hh.id_renewing = False
        self.model.event(hh, "id_renewed", O["id_desk"])
        self.model.casework.recheck(hh)
