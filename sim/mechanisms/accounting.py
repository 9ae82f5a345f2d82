"""Who pays what, when: one-off charges and running costs (stays, benefits, provisions) that
accrue per day against a pot. Every euro is a row of the event log, so the cost of a run is
the sum of its cost rows; running costs are closed at the end of the warm-up (so the measured
window gets its share) and at the end of the run. Budgets are yearly: at every year boundary
each pot closes its budget year (:meth:`sim.pots.Pot.new_year`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import Category
from ..eventlog import K
from ..pots import Accrual
from .base import Component

YEAR = 365.0

if TYPE_CHECKING:
    from ..agents import Counter, Household


class Accounts(Component):
    name = "accounts"

    def charge(self, hh: "Household", pot: int, category: int, amount: float) -> None:
        self.model.pots[pot].closed += amount
        self.model.log.add(self.calendar.now, hh.hid, K["cost"], pot, category, amount)

    def charge_contact(self, hh: "Household", counter: "Counter") -> None:
        """A professional's contact with the household: staff time at the counter's pot. A
        counter whose section declares its own ``contact_hours`` and ``hourly_cost_eur`` (the
        case directors) is charged at those."""
        self.charge_hours(hh, counter, self.p.get(f"{counter.section}.contact_hours",
                                                 self.p["casework.contact_hours"]))

    def charge_hours(self, hh: "Household", counter: "Counter", hours: float) -> None:
        """Staff hours of a counter spent on the household, at the counter's hourly cost."""
        rate = self.p.get(f"{counter.section}.hourly_cost_eur", self.p["casework.hourly_cost_eur"])
        self.charge(hh, counter.pot, Category.SERVICES, hours * rate)

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

    def move_costs(self, hh: "Household", from_pot: int, to_pot: int) -> int:
        """The household's running costs paid by one pot are paid by another from now on (a
        change of payer); returns how many moved."""
        moved = [(label, acc) for label, acc in hh.accruals.items() if acc.pot.index == from_pot]
        for label, acc in moved:
            self.stop_cost(hh, label)
            self.start_cost(hh, label, to_pot, acc.category, acc.rate)
        return len(moved)

    def start(self) -> None:
        if self.model.warmup > 0:
            self.calendar.schedule_event(self.model.warmup, self.close_books)
        if YEAR < self.model.end:
            self.calendar.schedule_event(YEAR, self.new_year)

    def new_year(self) -> None:
        """A budget year ends: each pot keeps what it spent and starts the next year afresh."""
        now = self.calendar.now
        for pot in self.model.pots:
            pot.new_year(now)
        if now + YEAR < self.model.end:
            self.calendar.schedule_event(now + YEAR, self.new_year)

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
