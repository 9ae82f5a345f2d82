"""Funding pots: who pays. A pot has a yearly budget and records what it spends, both
one-off amounts and running costs (stays, benefits, provisions) that accrue per day.

Entitlements (general assistance) are open-ended: their budget line is for reporting only.
Discretionary decisions (special assistance, the cheap solutions across pots, the
discretionary share of Wmo and youth decisions) draw on a yearly budget that can run out
(evidence page money-and-reforms §1.1). Budgets reset each year: :meth:`Pot.new_year` is
called at every year boundary, and the year's spending is kept in ``by_year``.
"""

from __future__ import annotations


class Pot:
    __slots__ = ("index", "name", "municipality", "per_year", "years", "binding",
                 "closed", "rate", "rate_start", "year_start", "year_base", "by_year")

    def __init__(self, index: int, name: str, municipality: int | None, per_year: float,
                 years: float, binding: bool = False) -> None:
        self.index = index
        self.name = name
        self.municipality = municipality
        self.per_year = per_year
        self.years = years
        self.binding = binding
        self.closed = 0.0  # spent on finished items
        self.rate = 0.0  # euros per day currently accruing
        self.rate_start = 0.0  # sum of rate * start day of running items
        self.year_start = 0.0  # day the current budget year began
        self.year_base = 0.0  # spent() when it began
        self.by_year: list[float] = []  # spending of each finished budget year

    @property
    def allocated(self) -> float:
        return self.per_year * self.years

    def spent(self, now: float) -> float:
        return self.closed + self.rate * now - self.rate_start

    def left(self, now: float) -> float:
        return self.allocated - self.spent(now)

    # -- the budget year ------------------------------------------------------------------------
    def spent_this_year(self, now: float) -> float:
        return self.spent(now) - self.year_base

    def left_this_year(self, now: float) -> float:
        return self.per_year - self.spent_this_year(now)

    def new_year(self, now: float) -> None:
        """Close the budget year: its spending goes to ``by_year`` and the budget resets."""
        self.by_year.append(self.spent_this_year(now))
        self.year_base = self.spent(now)
        self.year_start = now

    def can_pay(self, amount: float, now: float) -> bool:
        """A binding pot pays only what is left of this year's budget."""
        return not self.binding or self.left_this_year(now) >= amount


def spending_ratio(pots: "list[Pot]", now: float, lead_days: float) -> float:
    """This year's spending of the pots against their pro-rata budget line: the budget times
    the share of the year gone, with ``lead_days`` of budget in hand at the start of the year
    (so the first large item of a year is not already "over the line"). 1.0 is on the line."""
    budget = sum(p.per_year for p in pots)
    if budget <= 0:
        return float("inf")
    spent = sum(p.spent_this_year(now) for p in pots)
    gone = min(365.0, max(0.0, now - pots[0].year_start) + lead_days) / 365.0
    return spent / (budget * gone)


def pressure_factor(ratio: float, start: float, floor: float) -> float:
    """How much of the normal approval chance is left under budget pressure: 1 up to ``start``
    of the pro-rata line, falling linearly to ``floor`` on the line, 0 beyond it."""
    if ratio <= start:
        return 1.0
    if ratio > 1.0:
        return 0.0
    return 1.0 - (1.0 - floor) * (ratio - start) / (1.0 - start)


class Accrual:
    """A running cost (a stay, a benefit, a provision) charged to a pot per day."""

    __slots__ = ("pot", "category", "rate", "start")

    def __init__(self, pot: Pot, category: int, rate: float, start: float) -> None:
        self.pot = pot
        self.category = category
        self.rate = rate
        self.start = start
        pot.rate += rate
        pot.rate_start += rate * start

    def stop(self, now: float) -> float:
        """End the accrual; returns the euros it cost."""
        pot = self.pot
        pot.rate -= self.rate
        pot.rate_start -= self.rate * self.start
        amount = self.rate * (now - self.start)
        pot.closed += amount
        return amount
