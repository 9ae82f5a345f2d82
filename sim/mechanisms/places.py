"""Waiting lists and places: joining and leaving a list, losing patience while waiting, being
placed, and treatment places (GGZ, youth care) that end.

A :class:`sim.facility.Facility` allocates places by its rule; this component is what a
household does around it. Waiting wears trust down month by month
(``household.trust_loss_wait_month``); a household whose trust runs out while waiting gives up
then, not at the moment it is placed. A treatment place ends in improvement, partial
improvement or dropout (decided at placement; a dropout leaves part-way through the stay), and
:mod:`sim.mechanisms.provisions` says what each means for the need. Decision point asked of the
policies: what happens when a household starts waiting (a reform may watch the wait and
escalate it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..distributions import lognormal
from ..domains import Category
from .provisions import DROPPED_OUT
from ..facility import Facility
from .base import Component

if TYPE_CHECKING:
    from ..agents import FacilityAgent, Household


def _org(fac: "FacilityAgent") -> int:
    return fac.org


class Places(Component):
    name = "places"
    uses = ("needs", "accounts", "engagement", "housing", "provisions", "violence", "policies")

    MONTH = 30.0  # the unit of household.trust_loss_wait_month: trust wears down once a month

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._entered: dict[tuple[int, int], float] = {}  # (household, facility) -> day in
        self._wearing: set[int] = set()  # households whose monthly wear is scheduled

    def join_queue(self, hh: "Household", fac: "FacilityAgent", priority: float = 0.0) -> None:
        if fac.queue.is_waiting(hh) or hh in fac.queue.occupants:
            return
        m = self.model
        m.event(hh, "queue_join", fac.org)
        hh.waiting.add(fac)
        placed = fac.queue.request(hh, self.calendar.now, priority)
        if not placed:
            m.policies.on_queue_wait(hh, fac)
            self.start_wearing(hh)

    def start_wearing(self, hh: "Household") -> None:
        """Waiting wears trust down, a month at a time, for as long as the household waits."""
        if hh.hid in self._wearing or self.p["household.trust_loss_wait_month"] <= 0:
            return
        self._wearing.add(hh.hid)
        self.calendar.schedule_event(self.calendar.now + self.MONTH, self.wear, hh)

    def is_waiting(self, hh: "Household") -> bool:
        """On a waiting list somewhere (not counting a place it already holds)."""
        return any(f.queue.is_waiting(hh) for f in hh.waiting)

    def wear(self, hh: "Household") -> None:
        if hh.disengaged or not self.is_waiting(hh):
            self._wearing.discard(hh.hid)
            return
        self.model.engagement.lose_trust(hh, self.p["household.trust_loss_wait_month"])
        if hh.disengaged:
            self._wearing.discard(hh.hid)
            return
        self.calendar.schedule_event(self.calendar.now + self.MONTH, self.wear, hh)

    def leave_queue(self, hh: "Household", fac: "FacilityAgent") -> None:
        fac.queue.withdraw(hh)
        hh.waiting.discard(fac)
        self.model.event(hh, "queue_leave", fac.org)

    def leave_housing_queues(self, hh: "Household") -> None:
        """Off every list for somewhere to live (a set: a fixed order keeps the log the same)."""
        for fac in sorted(hh.waiting, key=_org):
            if fac.spec.residence is not None:
                self.leave_queue(hh, fac)

    def on_placed(self, hh: Any, facility: Facility, wait: float) -> None:
        """Called by a Facility when a place is allocated."""
        if isinstance(hh, tuple):  # a household from outside the model
            return
        m = self.model
        fac = m.facilities[facility.name]
        hh.waiting.discard(fac)
        m.event(hh, "placed", fac.org, value=wait)
        if not fac.spec.dwelling:
            self._entered[hh.hid, fac.org] = self.calendar.now
        m.engagement.gain_trust(hh)  # the trust lost while waiting is already gone
        if fac.spec.treats is not None:
            m.accounts.start_cost(hh, fac.name, fac.pot, Category.FACILITIES, fac.cost_per_day)
            self.schedule_treatment_end(hh, fac, 0.0)
            m.provisions.met(hh, fac.spec.treats)
            return
        if hh.place is not None and hh.place.name == "crisis_shelter":
            m.violence.crisis_left_for(hh, hh.place, fac)
        self.leave_housing_queues(hh)  # a place ends every other housing wait
        m.housing.move_in(hh, fac, elapsed_share=0.0)
        if fac.name == "crisis_shelter":
            m.violence.admitted(hh, fac)

    def settle_in_treatment(self, hh: "Household", fac: "FacilityAgent",
                            elapsed_share: float) -> None:
        """Initial state: a household already in treatment, part of its stay behind it."""
        assert fac.spec.treats is not None
        m = self.model
        m.needs.start_met(hh, fac.spec.treats)
        m.accounts.start_cost(hh, fac.name, fac.pot, Category.FACILITIES, fac.cost_per_day)
        self.schedule_treatment_end(hh, fac, elapsed_share)

    def schedule_treatment_end(self, hh: "Household", fac: "FacilityAgent",
                               elapsed_share: float) -> None:
        """How the treatment will end, and when: a dropout leaves at a uniformly drawn point
        of the stay (assumed: the sources give no timing)."""
        assert fac.spec.treats is not None
        outcome = self.model.provisions.treatment_outcome(hh, fac.spec.treats)
        stay = lognormal(hh.service, fac.stay_days, self.p["treatment.stay_sigma"]) * (1.0 - elapsed_share)
        if outcome == DROPPED_OUT:
            stay *= hh.service.random()
        self.calendar.schedule_event(self.calendar.now + stay, self.leave_treatment, hh, fac,
                                     outcome)

    def entered_on(self, hh: "Household", fac: "FacilityAgent") -> float | None:
        """The day the household got its place here (None for the initial stock)."""
        return self._entered.get((hh.hid, fac.org))

    def days_in(self, hh: "Household", fac: "FacilityAgent") -> float:
        """Days since the household got its place here (for the initial stock: since the
        start of the run); forgets the stay."""
        return self.calendar.now - self._entered.pop((hh.hid, fac.org), 0.0)

    def leave_treatment(self, hh: "Household", fac: "FacilityAgent", outcome: int) -> None:
        if hh not in fac.queue.occupants:
            return
        m = self.model
        m.accounts.stop_cost(hh, fac.name)
        stayed = self.days_in(hh, fac)
        m.event(hh, "exit", fac.org, value=stayed)
        m.event(hh, "treatment_end", fac.org, outcome, stayed)
        fac.queue.release(hh, self.calendar.now)
        assert fac.spec.treats is not None
        m.provisions.treatment_over(hh, fac.spec.treats, outcome)
