"""Stability: a household is stable once every problem is settled and its housing is stable,
for ``stability.confirm_days`` in a row. Any new problem (a relapse) ends it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Component

if TYPE_CHECKING:
    from ..agents import Household


class Stability(Component):
    name = "stability"
    uses = ("policies",)

    def check_settled(self, hh: "Household") -> None:
        if hh.settled():
            if hh.settled_since is None:
                hh.settled_since = self.calendar.now
                self.calendar.schedule_event(self.calendar.now + self.p["stability.confirm_days"],
                                             self.confirm_stable, hh, hh.settled_since)
        else:
            hh.settled_since = None
            hh.stable = False

    def confirm_stable(self, hh: "Household", since: float) -> None:
        if hh.settled_since != since or hh.stable:
            return
        hh.stable = True
        hh.ever_stable = True
        self.model.event(hh, "stable", value=since)
        self.model.policies.on_stable(hh)
