"""Funding pots: who pays. A pot has a yearly allocation and records what it spends, both
one-off amounts and running costs (stays, benefits, provisions) that accrue per day."""

from __future__ import annotations


class Pot:
    __slots__ = ("index", "name", "municipality", "per_year", "years", "binding",
                 "closed", "rate", "rate_start")

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

    @property
    def allocated(self) -> float:
        return self.per_year * self.years

    def spent(self, now: float) -> float:
        return self.closed + self.rate * now - self.rate_start

    def left(self, now: float) -> float:
        return self.allocated - self.spent(now)

    def can_pay(self, amount: float, now: float) -> bool:
        return not self.binding or self.left(now) >= amount


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
