"""Who pays what, when: one-off charges and running costs (stays, benefits, provisions) that
accrue per day against a pot. Every euro is a row of the event log, so the cost of a run is
the sum of its cost rows; running costs are closed at the end of the warm-up (so the measured
window gets its share) and at the end of the run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Category
from ..eventlog import K
from ..pots import Accrual
from .base import Component

if TYPE_CHECKING:
    from ..agents import Counter, Household


class Accounts(Component):
    name = "accounts"

    def charge(self, hh: "Household", pot: int, category: int, amount: float) -> None:
        self.model.pots[pot].closed += amount
        self.model.log.add(self.calendar.now, hh.hid, K["cost"], pot, category, amount)

    def charge_contact(self, hh: "Household", counter: "Counter") -> None:
        """A professional's contact with the household: staff time at the counter's pot."""
        self.charge(hh, counter.pot, Category.SERVICES,
                    self.p["casework.contact_hours"] * self.p["casework.hourly_cost_eur"])

    def start_cost(self, hh: "Household", label: str, pot: int, category: int,
                   per_day: float) -> None:
        if label in hh.accruals:
            self.stop_cost(hh, label)
        hh.accruals[label] = Accrual(self.model.pots[pot], category, per_day, self.calendar.now)

    def stop_cost(self, hh: "Household", label: str) -> None:
        acc = hh.accruals.pop(label, None)
        if acc is not None:
            amount = acc.stop(self.calendar.now)
            self.model.log.add(self.calendar.now, hh.hid, K["cost"], acc.pot.index, acc.category,
                               amount)

    def start(self) -> None:
        if self.model.warmup > 0:
            self.calendar.schedule_event(self.model.warmup, self.close_books)

    def close_books(self) -> None:
        """At the end of the warm-up, split running costs so the measured window gets its share."""
        for hh in self.model.households:
            for label, acc in list(hh.accruals.items()):
                self.stop_cost(hh, label)
                self.start_cost(hh, label, acc.pot.index, acc.category, acc.rate)

    def close_all(self) -> None:
        """At the end of the run: every running cost is closed, so every euro is logged."""
        for hh in self.model.households:
            for label in list(hh.accruals):
                self.stop_cost(hh, label)
