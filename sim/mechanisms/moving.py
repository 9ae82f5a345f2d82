"""Moving from a shelter into a home: the move waits for what it needs (evidence page
money-and-reforms §2: furnishing, moving costs).

A household offered a dwelling while it lives in a shelter moves only when the home can be
lived in: without money for furnishing it stays ``moving.unfurnished_days`` longer in the
shelter (Helena: four weeks to decide on second-hand furnishing, 004:L1687-1701), and a household
leaving a women's or crisis shelter, which still has the lease of an unsafe home, stays
``moving.moving_costs_days`` longer without money for the move and the double rent (Tamara,
002:L3880-3888). Meanwhile its shelter place stays occupied and paid, and the next on the
shelter's list waits. The catalogue of cheap solutions (``mechanisms/cross_pot.py``) pays for
furnishing and moving costs; once paid, that part of the wait falls away, also during a move
already waiting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Component
from .escalation_team import S

if TYPE_CHECKING:
    from ..agents import FacilityAgent, Household

SHELTERS = ("night_shelter", "family_shelter", "womens_shelter", "crisis_shelter")
UNSAFE_HOME = ("womens_shelter", "crisis_shelter")  # still holding the lease of an unsafe home
PARTS = ("unfurnished", "moving_costs")  # what a move waits for, each paid by one item


class Moving(Component):
    name = "moving"
    uses = ("housing", "lettings")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._paid: dict[int, set[str]] = {}  # household -> parts paid for
        # household -> (dwelling, elapsed share, day the move is due, token)
        self._waiting: dict[int, tuple["FacilityAgent", float, float, int]] = {}
        self._token = 0
        self._ready: set[int] = set()  # households whose wait is over: they move now
        self._late: set[int] = set()  # households moving now into a dwelling let earlier

    def parts(self, hh: "Household") -> tuple[str, ...]:
        """What a move from the household's current shelter place would wait for."""
        place = hh.place
        if place is None or place.name not in SHELTERS:
            return ()
        needs = ("unfurnished",) + (("moving_costs",) if place.name in UNSAFE_HOME else ())
        paid = self._paid.get(hh.hid, set())
        return tuple(part for part in needs if part not in paid)

    def wait_days(self, hh: "Household") -> float:
        return sum(self.p[f"moving.{part}_days"] for part in self.parts(hh))

    def is_waiting(self, hh: "Household") -> bool:
        return hh.hid in self._waiting

    def delays(self, hh: "Household", dwelling: "FacilityAgent", elapsed_share: float) -> bool:
        """A dwelling is offered: True if the move waits (it is done later)."""
        if hh.hid in self._waiting:
            return True
        if hh.hid in self._ready:
            self._ready.discard(hh.hid)
            self._late.add(hh.hid)
            return False
        days = self.wait_days(hh)
        if days <= 0:
            return False
        self._schedule(hh, dwelling, elapsed_share, self.calendar.now + days)
        self.model.lettings.taken(beschermd_thuis=False)  # the dwelling is let to it now
        self.model.event(hh, "programme", dwelling.org, S["move_waits"], days)
        return True

    def let_earlier(self, hh: "Household") -> bool:
        """Whether the dwelling the household moves into now was let to it when the wait began
        (so the letting is not counted again)."""
        if hh.hid in self._late:
            self._late.discard(hh.hid)
            return True
        return False

    def _schedule(self, hh: "Household", dwelling: "FacilityAgent", share: float,
                  due: float) -> None:
        self._token += 1
        self._waiting[hh.hid] = (dwelling, share, due, self._token)
        self.calendar.schedule_event(due, self._moves, hh, self._token)

    def _moves(self, hh: "Household", token: int) -> None:
        waiting = self._waiting.get(hh.hid)
        if waiting is None or waiting[3] != token:
            return
        del self._waiting[hh.hid]
        self._paid.pop(hh.hid, None)
        self._ready.add(hh.hid)
        self.model.housing.move_in(hh, waiting[0], waiting[1])

    def paid(self, hh: "Household", part: str) -> None:
        """The money for one part came: the move no longer waits for it."""
        self._paid.setdefault(hh.hid, set()).add(part)
        waiting = self._waiting.get(hh.hid)
        if waiting is not None:
            dwelling, share, due, _ = waiting
            self._schedule(hh, dwelling, share, max(self.calendar.now,
                                                    due - self.p[f"moving.{part}_days"]))

