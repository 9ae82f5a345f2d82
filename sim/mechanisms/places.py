"""Waiting lists and places: joining and leaving a list, losing patience while waiting, being
placed, and treatment places (GGZ, youth care) that end.

A :class:`sim.facility.Facility` allocates places by its rule; this component is what a
household does around it. Waiting wears trust down; a household whose trust runs out while
waiting gives up. Decision point asked of the policies: what happens when a household starts
waiting (a reform may watch the wait and escalate it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..distributions import lognormal
from ..domains import Category
from ..facility import Facility
from .base import Component

if TYPE_CHECKING:
    from ..agents import FacilityAgent, Household


def _org(fac: "FacilityAgent") -> int:
    return fac.org


class Places(Component):
    name = "places"
    uses = ("needs", "accounts", "engagement", "housing", "provisions", "policies")

    def join_queue(self, hh: "Household", fac: "FacilityAgent", priority: float = 0.0) -> None:
        if fac.queue.is_waiting(hh) or hh in fac.queue.occupants:
            return
        m = self.model
        m.event(hh, "queue_join", fac.org)
        hh.waiting.add(fac)
        placed = fac.queue.request(hh, self.calendar.now, priority)
        if not placed:
            m.policies.on_queue_wait(hh, fac)
            per_day = self.p["household.trust_loss_wait_month"] / 30.0
            if per_day > 0:  # waiting wears trust down; when it is gone, so is the household
                margin = hh.trust - self.p["household.trust_threshold"]
                self.calendar.schedule_event(self.calendar.now + max(0.0, margin) / per_day,
                                             self.patience_lost, hh, fac, self.calendar.now)

    def leave_queue(self, hh: "Household", fac: "FacilityAgent") -> None:
        fac.queue.withdraw(hh)
        hh.waiting.discard(fac)
        self.model.event(hh, "queue_leave", fac.org)

    def leave_housing_queues(self, hh: "Household") -> None:
        """Off every list for somewhere to live (a set: a fixed order keeps the log the same)."""
        for fac in sorted(hh.waiting, key=_org):
            if fac.spec.residence is not None:
                self.leave_queue(hh, fac)

    def patience_lost(self, hh: "Household", fac: "FacilityAgent", since: float) -> None:
        q = fac.queue
        if q.is_waiting(hh) and q.waiting_since(hh) == since and not hh.disengaged:
            self.model.engagement.lose_trust(hh, hh.trust)

    def on_placed(self, hh: Any, facility: Facility, wait: float) -> None:
        """Called by a Facility when a place is allocated."""
        if isinstance(hh, tuple):  # a household from outside the model
            return
        m = self.model
        fac = m.facilities[facility.name]
        hh.waiting.discard(fac)
        m.event(hh, "placed", fac.org, value=wait)
        m.engagement.lose_trust(hh, self.p["household.trust_loss_wait_month"] * wait / 30.0)
        m.engagement.gain_trust(hh)
        if fac.spec.treats is not None:
            m.accounts.start_cost(hh, fac.name, fac.pot, Category.FACILITIES, fac.cost_per_day)
            stay = lognormal(hh.service, fac.stay_days, self.p["treatment.stay_sigma"])
            self.calendar.schedule_event(self.calendar.now + stay, self.leave_treatment, hh, fac)
            m.provisions.met(hh, fac.spec.treats)
            return
        self.leave_housing_queues(hh)  # a place ends every other housing wait
        m.housing.move_in(hh, fac, elapsed_share=0.0)

    def settle_in_treatment(self, hh: "Household", fac: "FacilityAgent",
                            elapsed_share: float) -> None:
        """Initial state: a household already in treatment, part of its stay behind it."""
        assert fac.spec.treats is not None
        m = self.model
        m.needs.start_met(hh, fac.spec.treats)
        m.accounts.start_cost(hh, fac.name, fac.pot, Category.FACILITIES, fac.cost_per_day)
        stay = lognormal(hh.service, fac.stay_days, self.p["treatment.stay_sigma"]) * (1.0 - elapsed_share)
        self.calendar.schedule_event(self.calendar.now + stay, self.leave_treatment, hh, fac)

    def leave_treatment(self, hh: "Household", fac: "FacilityAgent") -> None:
        if hh not in fac.queue.occupants:
            return
        m = self.model
        m.accounts.stop_cost(hh, fac.name)
        m.event(hh, "exit", fac.org)
        fac.queue.release(hh, self.calendar.now)
        assert fac.spec.treats is not None
        m.provisions.treatment_over(hh, fac.spec.treats)
