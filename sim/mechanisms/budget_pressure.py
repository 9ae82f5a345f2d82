"""Budget pressure on Wmo and youth care (evidence page money-and-reforms §1.1).

Refusing Wmo care or youth help for lack of money is not lawful, so when a pot's spending runs
ahead of its yearly budget line the pressure acts on what is discretionary: at a Wmo decision
the care is granted with fewer hours (``budget.wmo_hours_share`` of the normal home help, as in
003's re-assessments), and a youth-care decision waits on the budget (``budget.youth_wait_days``,
the waiting list of 004:L1392-1394) and is then taken again, once (the duty of care: a case
waits on the budget at most once). How often: with the chance that
the pot's pressure takes from the normal course (``1 - CrossPot.budget_pressure``: none up to
``budget.pressure_from`` of the pro-rata line, all of it beyond the line).

The pots' yearly budgets are the national spending per inhabitant times the inhabitants times
the share of it the model's households draw on (``budget.<pot>_per_inhabitant``,
``budget.<pot>_model_share``; :func:`yearly_budget`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domains import CARE, FAMILY, Pot
from .base import Component
from .escalation_team import S

if TYPE_CHECKING:
    from ..agents import Case, Household

# the pots whose budget is set per inhabitant, and the domain each decides on
PER_INHABITANT = {Pot.WMO: CARE, Pot.YOUTH: FAMILY}


def yearly_budget(p: dict[str, Any], pot: Pot) -> float:
    """A pot's yearly budget: per inhabitant for Wmo and youth, otherwise the table's amount."""
    name = pot.name.lower()
    if pot in PER_INHABITANT:
        return (p[f"budget.{name}_per_inhabitant"] * p["region.inhabitants"]
                * p[f"budget.{name}_model_share"])
    return p[f"budget.{name}"]


class BudgetPressure(Component):
    name = "budget_pressure"
    uses = ("cross_pot", "casework")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._fewer_hours: set[int] = set()  # households granted care with fewer hours
        # youth cases (household, domain, opened) that waited on the budget
        self._waited: set[tuple[int, int, float]] = set()

    def holds_back(self, case: "Case") -> bool:
        """At a Wmo or youth decision: whether the pot's budget pressure acts on it. Wmo care is
        then granted with fewer hours (False: the grant goes on); a youth decision waits on the
        budget and is taken again later (True)."""
        pot = case.counter.pot
        if PER_INHABITANT.get(pot) != case.domain:
            return False
        hh = case.hh
        factor = self.model.cross_pot.budget_pressure(pot)
        if factor >= 1.0 or hh.service.random() < factor:
            return False
        m = self.model
        if pot == Pot.WMO:
            self._fewer_hours.add(hh.hid)
            m.event(hh, "programme", case.counter.org, S["budget_fewer_hours"])
            return False
        key = (hh.hid, int(case.domain), case.opened)
        if key in self._waited:  # it waited once: the duty of care decides it now
            self._waited.discard(key)
            return False
        self._waited.add(key)
        wait = self.p["budget.youth_wait_days"]
        m.event(hh, "programme", case.counter.org, S["budget_wait"], wait)
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + wait, m.casework.decide, case,
                                     case.epoch)
        return True

    def hours_share(self, hh: "Household") -> float:
        """The share of the normal home-help hours this household's care was granted with."""
        if hh.hid in self._fewer_hours:
            self._fewer_hours.discard(hh.hid)
            return self.p["budget.wmo_hours_share"]
        return 1.0
