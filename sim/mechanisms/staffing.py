"""Staff turnover: professionals leave (illness, reassignment, the end of an internship) at
``casework.staff_turnover_per_year`` per person; each of their cases passes to a colleague, a
handoff that may lose the dossier (001:L163, "starts from zero")."""

from __future__ import annotations

from .base import Component


class Staffing(Component):
    name = "staffing"
    uses = ("handoffs",)

    def start(self) -> None:
        self.rng = self.model.streams.system(1)
        for name in self.model.counters:
            self.schedule_turnover(name)

    def staff_turnover(self, counter_name: str) -> None:
        counter = self.model.counters[counter_name]
        if counter.workers:
            worker = counter.workers[int(self.rng.random() * len(counter.workers))]
            for case in sorted(worker.cases, key=lambda c: (c.hh.hid, c.domain, c.opened)):
                self.model.handoffs.change_worker(case)
        self.schedule_turnover(counter_name)

    def schedule_turnover(self, counter_name: str) -> None:
        staff = len(self.model.counters[counter_name].workers)
        rate = staff * self.p["casework.staff_turnover_per_year"] / 365.0
        if rate > 0:
            t = self.calendar.now + self.rng.expovariate(rate)
            if t < self.model.end:
                self.calendar.schedule_event(t, self.staff_turnover, counter_name)
