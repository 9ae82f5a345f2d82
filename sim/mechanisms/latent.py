"""Latent demand: needs that stay hidden until someone asks.

A household does not see every problem it has (``Need.HIDDEN``), and it does not ask about what
it does not see. A hidden need becomes known only when someone finds it (households evidence
§1.1; 000 M7; 002:L1827-1833):

- a **broad intake** (at a counter that asks about every domain: the baseline's occasional
  broad assessment, or every intake under the broad-intake reform) finds each hidden need with
  ``latent.p_find_broad``;
- an ordinary, **narrow intake** finds one when the professional happens to ask
  (``latent.p_find_narrow``), and a refusal that names it (no income, debts unmanaged) points
  at it: both are *asked*;
- a **case director** goes through every domain and finds them all;
- a third party's **signal** (:mod:`sim.mechanisms.signals`);
- a **crisis** the need causes: an unmet care, mental-health or family need declines into one
  (:mod:`sim.mechanisms.cascades`); any other hidden need, once it has been left alone for a
  lognormal time with median ``problems.hidden_need_days``, ends in one (a debt collector at the
  door, money running out) that makes it known.

A household whose needs stay hidden stays in the cohort: its hidden need is reported as
``still_hidden`` and counts as unmet. Each finding is logged as ``hidden_found`` (detail: the
channel, value: the domain); each hidden need at onset as ``hidden_need`` (detail: the domain).
The draws use a stream of the household's own, seeded from its life stream without drawing
from it, so a reform that asks more often changes no other draw.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..domains import HIDDEN, Domain
from ..streams import OwnStreams
from .base import Component

if TYPE_CHECKING:
    from ..agents import Counter, Household

CHANNELS = ("crisis", "signal", "broad_intake", "director", "asked")
C = {name: i for i, name in enumerate(CHANNELS)}
STREAM_SALT = 0x1A7E  # keys the household's own stream of this component (not a model number)


class Latent(Component):
    name = "latent"
    uses = ("needs", "seeking")

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        super().__init__(model)
        self.rng = OwnStreams(STREAM_SALT)  # rng(hh): the household's own stream here

    def start_life(self, hh: "Household", past: float) -> None:
        """Log the household's hidden needs and when each would end in a crisis if nobody
        asks about it first."""
        now = self.calendar.now
        p = self.p
        for d in hh.hidden_domains():
            self.model.event(hh, "hidden_need", detail=d)
            median = p["problems.hidden_need_days"]
            t = self.rng(hh).lognormvariate(math.log(median), p["problems.hidden_need_sigma"]) \
                if median > 0 else 0.0
            self.calendar.schedule_event(now + max(1.0, t - past), self.crisis, hh, d)

    def crisis(self, hh: "Household", domain: Domain) -> None:
        """A need left hidden for long ends in a crisis that makes it known."""
        if self.found(hh, domain, "crisis"):
            self.model.seeking.pursue(hh)

    def found(self, hh: "Household", domain: Domain, channel: str) -> bool:
        """Someone found a hidden need (True), or it was not hidden (False)."""
        if hh.need[domain] != HIDDEN:
            return False
        self.model.needs.surface(hh, domain)
        self.model.event(hh, "hidden_found", detail=C[channel], value=float(domain))
        return True

    def at_intake(self, hh: "Household", counter: "Counter", broad: bool) -> list[Domain]:
        """An intake: a broad one asks about every domain, a narrow one sometimes asks."""
        hidden = hh.hidden_domains()
        if not hidden:
            return []
        chance = self.p["latent.p_find_broad"] if broad else self.p["latent.p_find_narrow"]
        channel = "broad_intake" if broad else "asked"
        rng = self.rng(hh)
        return [d for d in hidden if rng.random() < chance and self.found(hh, d, channel)]

    def by_director(self, hh: "Household") -> list[Domain]:
        """A case director goes through every domain with the household."""
        return [d for d in hh.hidden_domains() if self.found(hh, d, "director")]
