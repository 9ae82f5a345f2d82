"""Trust, disengagement and re-entry.

Dead ends, refusals, retelling and waiting wear trust down; help builds it up. A household
whose trust falls below ``household.trust_threshold`` stops showing up and drops off every list
and caseload; after ``household.reentry_days`` it comes back into view, usually in crisis,
through a signal at the right door.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import Crisis
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household


class Engagement(Component):
    name = "engagement"
    uses = ("needs", "casework", "places", "housing", "seeking", "stability", "policies")

    def lose_trust(self, hh: "Household", amount: float) -> None:
        if amount <= 0 or hh.disengaged:
            return
        if hh.director is not None:  # someone who owns the case cushions the blow
            amount *= self.p["director.trust_loss_factor"]
        hh.trust = max(0.0, hh.trust - amount)  # trust is a share from 0 to 1
        if hh.trust < self.p["household.trust_threshold"]:
            self.disengage(hh)

    def gain_trust(self, hh: "Household") -> None:
        hh.trust = min(1.0, hh.trust + self.p["household.trust_gain_help"])

    def disengage(self, hh: "Household") -> None:
        """Trust is gone: the household stops showing up and drops off every list."""
        self.model.event(hh, "disengaged")
        self.out_of_view(hh)
        delay = lognormal(hh.service, self.p["household.reentry_days"], self.p["household.reentry_sigma"])
        self.calendar.schedule_event(self.calendar.now + delay, self.reenter, hh, hh.epoch)

    def out_of_view(self, hh: "Household") -> None:
        """The household is out of the services' view (worn-down trust, or a cause of
        :mod:`sim.mechanisms.contact`): it drops off every caseload and list."""
        m = self.model
        hh.disengaged = True
        hh.epoch += 1
        for case in list(hh.cases.values()) + list(hh.holding.values()):
            m.casework.close_case(case)
        for fac in sorted(hh.waiting, key=lambda f: f.org):
            m.places.leave_queue(hh, fac)
        hh.seeking.clear()
        m.needs.drop_requests(hh)
        m.policies.on_out_of_view(hh)

    def reenter(self, hh: "Household", epoch: int) -> None:
        """Back in view, usually in crisis: through a signal, at the right door."""
        if hh.epoch != epoch:
            return
        hh.trust = self.p["household.trust_threshold"] + self.p["household.trust_reentry_margin"]
        self.back_in_view(hh)

    def back_in_view(self, hh: "Household") -> None:
        """The household comes back into view in crisis, through a signal at the right door."""
        m = self.model
        hh.disengaged = False
        m.event(hh, "reentry")
        m.event(hh, "crisis", detail=Crisis.DISENGAGED_RETURN)
        if hh.place is not None and hh.ready_to_move:
            m.housing.stay_over(hh, hh.place)  # ask again for the next place
        open_known = hh.known_open()
        if not open_known:
            m.stability.check_settled(hh)
            return
        m.seeking.signal(hh, open_known[0], 0.0)
        m.seeking.pursue(hh)
