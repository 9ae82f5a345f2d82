"""One budget instead of separate pots: a municipality's pots decide as one.

No who-pays disputes between them, and a cheap solution across pots is judged on the total
cost it avoids (every public pot's gain) instead of the own pot's (which gains nothing and
mostly refuses). The health insurer's savings count only with
``reform.joint_insurer_budget``, which also ends municipality-insurer disputes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import HOME, POT_MUNICIPALITY, Pot
from .base import Policy

if TYPE_CHECKING:
    from ..agents import Counter, Household


class OneBudget(Policy):
    switch = "reform.one_budget"

    def pots_decide_as_one(self, a: Pot, b: Pot) -> bool:
        ma, mb = POT_MUNICIPALITY[a], POT_MUNICIPALITY[b]
        if ma is not None and ma == mb:
            return True
        if self.p["reform.joint_insurer_budget"] and Pot.ZVW in (a, b) and HOME in (ma, mb):
            return True
        return False

    def counted_pots(self, hh: "Household", counter: "Counter", payer: Pot) -> frozenset[Pot]:
        return total_pots(self.p["reform.joint_insurer_budget"])

    def approves_cross_pot(self, hh: "Household", counter: "Counter", cost: float,
                           avoided: float) -> bool:
        return cost < avoided


def total_pots(with_insurer: bool) -> frozenset[Pot]:
    """The pots whose gains make up the total: all, the insurer's only when it joins."""
    return frozenset(pot for pot in Pot if with_insurer or pot != Pot.ZVW)
