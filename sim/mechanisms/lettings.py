"""Social-housing lettings to households with urgency: dwellings come free at
``social_housing.lettings_per_year``; one goes to the first on the urgency list, if any."""

from __future__ import annotations

from .base import Component


class Lettings(Component):
    name = "lettings"

    def start(self) -> None:
        self.rng = self.model.streams.system(2)
        self.count = 0
        self._schedule()

    def _schedule(self) -> None:
        rate = self.p["social_housing.lettings_per_year"] / 365.0
        if rate > 0:
            t = self.calendar.now + self.rng.expovariate(rate)
            if t < self.model.end:
                self.calendar.schedule_event(t, self.letting)

    def letting(self) -> None:
        """A social dwelling becomes free for a household with urgency."""
        q = self.model.facilities["social_housing"].queue
        self.count += 1
        if q.n_waiting > 0:  # otherwise it goes to someone outside the model
            q.set_capacity(q.capacity + 1, self.calendar.now)
        self._schedule()
