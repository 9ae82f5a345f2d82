"""A broad intake: every front door asks about all life domains and refers every need the
rules let in, at once, with the dossier (000 M7; 003)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import KNOWN, Domain
from ..rules import eligibility
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Counter, Household


class BroadIntake(Policy):
    switch = "reform.broad_intake"
    uses = ("casework", "handoffs", "seeking")

    def assess_broadly(self, hh: "Household", counter: "Counter") -> bool:
        return True

    def after_broad_assessment(self, hh: "Household", counter: "Counter", domain: Domain,
                               found: list[Domain]) -> None:
        m = self.model
        others = [d for d in hh.known_open() if d != domain and not m.casework.busy(hh, d)]
        for d in found + others:
            target = m.seeking.right_counter(hh, d)
            if d != domain and hh.need[d] == KNOWN and \
                    eligibility(m, hh, d, m.counters[target]) is None:
                m.handoffs.refer(hh, d, counter, target, dossier=True)
