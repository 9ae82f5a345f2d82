"""Named households from the sources (Hans, Roos, Sharon, ...), placed into a run at a chosen
day. Each has its own random streams, so it meets the same life events in every scenario; its
outcome is not part of the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..agents import Household
from ..archetypes import ARCHETYPES
from ..domains import DEBTS, HOMELESS, H, I
from ..profiles import PROFILE_INDEX
from .base import Component

if TYPE_CHECKING:
    pass

NAMED_GROUP = 900  # + position in ARCHETYPES: the stream group of a named household


class NamedHouseholds(Component):
    name = "named"
    uses = ("seeking", "needs")

    def __init__(self, model: "object") -> None:
        super().__init__(model)  # type: ignore[arg-type]
        self.placed: dict[str, Household] = {}

    def add(self, name: str, day: float | None = None) -> None:
        """Place the named household into the model at ``day`` (default: the end of the
        warm-up)."""
        if name not in ARCHETYPES:
            raise KeyError(f"unknown household {name!r}; choose from {', '.join(ARCHETYPES)}")
        m = self.model
        when = m.warmup if day is None else float(day)
        if not 0 <= when < m.end:
            raise ValueError(f"day {when} is outside the run (0 to {m.end:g})")
        self.calendar.schedule_event(max(when, self.calendar.now), self._place, name)

    def _place(self, name: str) -> None:
        m = self.model
        p = self.p
        spec = ARCHETYPES[name]
        sec = spec.section
        index = list(ARCHETYPES).index(name)
        life, service = m.streams.household(NAMED_GROUP + index, 0)
        hh = Household(m, len(m.households), PROFILE_INDEX[spec.profile], life, service,
                       self.calendar.now, cohort=False)
        m.households.append(hh)
        hh.archetype = name
        hh.housing, hh.income = H[p[f"{sec}.housing"]], I[p[f"{sec}.income"]]
        hh.has_address = hh.housing not in HOMELESS
        hh.self_reliance, hh.trust = p[f"{sec}.self_reliance"], p[f"{sec}.trust"]
        hh.children, hh.id_valid = p[f"{sec}.children"], p[f"{sec}.id_valid"]
        hh.arrears = p[f"{sec}.arrears"]
        for d in spec.known:
            m.needs.onset(hh, d, hidden=False)
        for d in spec.hidden:
            m.needs.onset(hh, d, hidden=True)
        debt = p[f"{sec}.debt_eur"]
        if debt:
            hh.debt, hh.debt_since = debt, self.calendar.now
            if not hh.has(DEBTS):
                m.needs.onset(hh, DEBTS, hidden=True)
        if p[f"{sec}.assets_days"]:
            hh.assets_until = self.calendar.now + p[f"{sec}.assets_days"]
        self.placed[name] = hh
        m.seeking.start_life(hh, 0.0, None, first_delay=p[f"{sec}.help_seeking_days"])
