"""Social-housing lettings: a closed market in which every dwelling goes to someone counted.

Dwellings come free at ``social_housing.lettings_per_year`` (a Poisson stream). Each letting goes
to one of two lists:

- the urgency list (the ``social_housing`` facility's waiting list): model households with
  urgency, sheltered-housing leavers moving to a home of their own (beschermd thuis) and urgency
  holders from outside the model, first come first served. It gets at most the quota
  ``social_housing.urgency_quota`` of all lettings; a transitional home that converts to an
  ordinary lease takes the next letting as a contingent, inside the quota;
- the ordinary applicants: an explicit stream of outsiders with registration dates, who get
  the rest by registration time, and any quota the urgency list leaves unused.

A reform that puts more households on the urgency list can therefore only lengthen someone's
wait: another urgency holder's, or (when the quota was not used up) an ordinary applicant's.
A dwelling nobody waits for stays vacant until the next letting; none goes to nobody.
"""

from __future__ import annotations

import random
from collections import deque

from .base import Component

# Routes of a letting, in the order of the summary.
ROUTES = ("urgency", "urgency_outside", "beschermd_thuis", "contingent", "ordinary")
URGENCY, URGENCY_OUTSIDE, BESCHERMD_THUIS, CONTINGENT, ORDINARY = range(len(ROUTES))
ORDINARY_STREAM = 40  # system streams of the ordinary applicants and outside urgency holders
OUTSIDE_STREAM = 41


class Lettings(Component):
    name = "lettings"

    def start(self) -> None:
        p = self.p
        m = self.model
        self.rng = m.streams.system(2)
        self.count = 0  # dwellings that came free
        self.records: list[tuple[float, int, float]] = []  # (day, route, days waited)
        self.quota = p["social_housing.urgency_quota"]
        self.credit = 0.0  # urgency lettings the quota allows now
        self.contingent_due = 0  # converted transitional homes owed a dwelling
        self.vacant = 0  # dwellings nobody waited for, let at the next letting
        self._taken: int | None = None
        per_year = p["social_housing.lettings_per_year"]
        ordinary = per_year * (1.0 - self.quota)
        # Ordinary applicants waiting at the start, their registration dates spread evenly.
        span = p["social_housing.registration_years"] * 365.0
        backlog = int(round(p["social_housing.registration_years"] * ordinary))
        self.ordinary: deque[float] = deque(-span + (k + 0.5) * span / backlog for k in range(backlog))
        self._ordinary_rng = m.streams.system(ORDINARY_STREAM)
        self._ordinary_rate = ordinary * p["social_housing.ordinary_applicants_ratio"] / 365.0
        self._next_ordinary = self._after(self._ordinary_rng, self._ordinary_rate, 0.0)
        self._outside_rng = m.streams.system(OUTSIDE_STREAM)
        self._outside_rate = p["social_housing.outside_urgency_per_year"] / 365.0
        self._next_outside = self._after(self._outside_rng, self._outside_rate, 0.0)
        self._outside_number = p["social_housing.initial_queue"]  # after those waiting at the start
        self._schedule()

    @staticmethod
    def _after(rng: random.Random, rate: float, t: float) -> float:
        return t + rng.expovariate(rate) if rate > 0 else float("inf")

    def _schedule(self) -> None:
        rate = self.p["social_housing.lettings_per_year"] / 365.0
        if rate > 0:
            t = self.calendar.now + self.rng.expovariate(rate)
            if t < self.model.end:
                self.calendar.schedule_event(t, self.letting)

    # -- applicants from outside the model -------------------------------------------------------
    def _arrivals(self, now: float) -> None:
        """Outsiders who registered (ordinary) or got urgency (outside urgency) since the last
        letting join their list with the date they did so."""
        while self._next_ordinary <= now:
            self.ordinary.append(self._next_ordinary)
            self._next_ordinary = self._after(self._ordinary_rng, self._ordinary_rate,
                                              self._next_ordinary)
        q = self.model.facilities["social_housing"].queue
        while self._next_outside <= now:
            t = self._next_outside
            q.request(("outside", self._outside_number), t, priority=t)
            self._outside_number += 1
            self._next_outside = self._after(self._outside_rng, self._outside_rate, t)

    # -- lettings --------------------------------------------------------------------------------
    def letting(self) -> None:
        """A social dwelling comes free."""
        now = self.calendar.now
        self.count += 1
        self.credit += self.quota
        self._arrivals(now)
        n, self.vacant = 1 + self.vacant, 0
        for _ in range(n):
            self._let(now)
        self._schedule()

    def _let(self, now: float) -> None:
        q = self.model.facilities["social_housing"].queue
        if self.contingent_due > 0:  # a shelter provider's transitional home, inside the quota
            self.contingent_due -= 1
            self.credit -= 1.0
            self.records.append((now, CONTINGENT, 0.0))
            return
        if self.credit >= 1.0 and q.n_waiting > 0:
            self.credit -= 1.0
            self._to_urgency(now)
            return
        self.credit = min(self.credit, 1.0)  # quota nobody is waiting for lapses
        if self.ordinary:
            self.records.append((now, ORDINARY, now - self.ordinary.popleft()))
        elif q.n_waiting > 0:
            self._to_urgency(now)
        else:
            self.vacant += 1

    def _to_urgency(self, now: float) -> None:
        q = self.model.facilities["social_housing"].queue
        self._taken = None
        waited = q.wait_total
        q.set_capacity(q.capacity + 1, now)  # the first on the urgency list moves in
        route = URGENCY_OUTSIDE if self._taken is None else self._taken
        self.records.append((now, route, q.wait_total - waited))

    def taken(self, beschermd_thuis: bool) -> None:
        """A model household moved into the dwelling being let (called as it moves in)."""
        self._taken = BESCHERMD_THUIS if beschermd_thuis else URGENCY

    def contingent(self) -> None:
        """A transitional home converted to an ordinary lease: the provider gets the next
        letting for its next resident."""
        self.contingent_due += 1

    @property
    def ordinary_waiting(self) -> int:
        return len(self.ordinary)
