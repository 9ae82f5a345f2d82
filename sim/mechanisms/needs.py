"""The need state of each life domain of a household, and its named transitions.

    none ──onset──▶ hidden ──surface/reveal──▶ known ──activate──▶ active ──meet──▶ met
                                                 ▲  ◀──stall/refer──┘               │
                                                 └──unblock── blocked ◀──block──────┘ (reopen)

This component is the only code that writes ``Household.need``; every other mechanism asks
for a transition by name. Follow-ups of a transition (stability, rechecks, help-seeking) are
the caller's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import ACTIVE, BLOCKED, HIDDEN, KNOWN, MET, NO_PROBLEM, Domain
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household


class Needs(Component):
    name = "needs"

    def onset(self, hh: "Household", domain: Domain, hidden: bool) -> None:
        """A problem a household starts with (logged when its life starts)."""
        hh.need[domain] = HIDDEN if hidden else KNOWN

    def surface(self, hh: "Household", domain: Domain) -> bool:
        """A hidden problem becomes known; True if it was hidden."""
        if hh.need[domain] == HIDDEN:
            hh.need[domain] = KNOWN
            return True
        return False

    def reveal(self, hh: "Household") -> list[Domain]:
        """Someone asked about every domain: every hidden problem becomes known."""
        found = [Domain(d) for d, s in enumerate(hh.need) if s == HIDDEN]
        for d in found:
            hh.need[d] = KNOWN
        return found

    def raise_quietly(self, hh: "Household", domain: Domain) -> None:
        """A professional opens a domain the household had no problem in (an address needed)."""
        if hh.need[domain] == NO_PROBLEM:
            hh.need[domain] = KNOWN

    def activate(self, hh: "Household", domain: Domain) -> None:
        """A request is open (or a place is being arranged) for a known or blocked problem."""
        if hh.need[domain] in (KNOWN, BLOCKED):
            hh.need[domain] = ACTIVE

    def handled_by_place(self, hh: "Household", domain: Domain) -> None:
        """A household that lives in a facility: the facility chain works on this need."""
        if hh.need[domain] != NO_PROBLEM:
            hh.need[domain] = ACTIVE

    def pursue_again(self, hh: "Household", domain: Domain) -> None:
        """An objection keeps the request alive."""
        hh.need[domain] = ACTIVE

    def stall(self, hh: "Household", domain: Domain) -> None:
        """Nothing came of a contact: the household still knows the problem."""
        if hh.need[domain] == ACTIVE:
            hh.need[domain] = KNOWN

    def to_known(self, hh: "Household", domain: Domain) -> bool:
        """A referral hands an open problem on; False if there is nothing open to hand on."""
        if hh.need[domain] not in (ACTIVE, KNOWN, BLOCKED):
            return False
        hh.need[domain] = KNOWN
        return True

    def block(self, hh: "Household", domain: Domain, keep_since: bool = False) -> None:
        """A rule refuses help; ``keep_since`` keeps an earlier blocking date."""
        hh.need[domain] = BLOCKED
        if keep_since:
            hh.blocked_since.setdefault(domain, self.now)
        else:
            hh.blocked_since[domain] = self.now

    def unblock(self, hh: "Household", domain: Domain) -> None:
        """The rule lets the household in now (or was bent)."""
        hh.need[domain] = KNOWN
        hh.blocked_since.pop(domain, None)

    def meet(self, hh: "Household", domain: Domain) -> bool:
        """Help is in place; False if the domain was met already or has no problem."""
        if hh.need[domain] == MET or hh.need[domain] == NO_PROBLEM:
            return False
        hh.need[domain] = MET
        hh.blocked_since.pop(domain, None)
        self.model.event(hh, "met", detail=domain)
        return True

    def start_met(self, hh: "Household", domain: Domain) -> None:
        """Initial state: help already in place."""
        hh.need[domain] = MET

    def resolve(self, hh: "Household", domain: Domain) -> bool:
        """The problem is gone (treatment ended well); it may come back as a shock."""
        if hh.need[domain] == MET:
            hh.need[domain] = NO_PROBLEM
            return True
        return False

    def reopen(self, hh: "Household", domain: Domain, crisis: bool) -> None:
        """A new or renewed problem: none, met or hidden become known (logged)."""
        state = hh.need[domain]
        if state in (ACTIVE, BLOCKED, KNOWN) and not crisis:
            return
        if state == MET:
            self.model.event(hh, "unmet", detail=domain)
        if state in (NO_PROBLEM, MET, HIDDEN):
            hh.need[domain] = KNOWN
            if state == NO_PROBLEM:
                self.model.event(hh, "onset", detail=domain)

    def drop_requests(self, hh: "Household") -> None:
        """The household is out of view: open and blocked requests fall back to known."""
        for d, s in enumerate(hh.need):
            if s in (ACTIVE, BLOCKED):
                hh.need[d] = KNOWN
        hh.blocked_since.clear()
