"""Participation as a path of its own, not only the last step after every other domain.

- **Own search.** A household that knows its participation problem looks for work itself
  from then on, and finds a job at ``participation.own_job_per_year`` × its self-reliance /
  ``doenvermogen.skill_reference`` (001:L1022-1025: two of thirteen mothers found a job
  themselves within a year; Myriam, 001:L380-384). A job needs a valid ID (Kenny,
  001:L1205-1206). The job settles participation, and an open income problem with it; a
  benefit stops.
- **Trajectories when a place is free.** A participation request W&I grants is a trajectory
  place (``participation.trajectory_places``, per 55,000); when none is free the household
  waits on a first-come list (001:L755-756, "we hebben nu geen traject") while it keeps
  searching itself. A trajectory lasts ``work_income.trajectory_days`` and ends in work with
  ``work_income.p_trajectory_work``; its place goes to the next on the list.
- **In parallel where the professional chooses.** When W&I grants income to a household with a
  participation problem, it starts participation at once with ``participation.p_parallel``
  instead of waiting until every other domain is settled (the rule ``not_ready`` does not
  apply to that household from then on, as for a case director).

Each step is a ``participation`` event (detail: :data:`STEPS`).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from ..distributions import lognormal
from ..domains import (ACTIVE, BLOCKED, HIDDEN, INCOME, KNOWN, MET, NO_PROBLEM, PARTICIPATION,
                       WARM)
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household

# What a ``participation`` event says (its detail).
STEPS = ("own_search", "trajectory", "parallel", "trajectory_wait", "own_job")
S = {name: i for i, name in enumerate(STEPS)}
OPEN = (KNOWN, ACTIVE, BLOCKED)  # a participation problem the household knows and has not settled


class Participation(Component):
    name = "participation"
    uses = ("needs", "provisions", "casework")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self.places_free: int = self.p["participation.trajectory_places"]
        self.waiting: deque["Household"] = deque()  # first come, first served
        self._searching: set[int] = set()  # households searching for work themselves
        self._parallel: set[int] = set()  # households W&I works on in parallel
        self._in_trajectory: set[int] = set()

    # -- questions ------------------------------------------------------------------------------
    def in_parallel(self, hh: "Household") -> bool:
        """W&I chose to start participation before the other domains were settled."""
        return hh.hid in self._parallel

    def is_waiting(self, hh: "Household") -> bool:
        return hh in self.waiting

    # -- own search -----------------------------------------------------------------------------
    def notice(self, hh: "Household") -> None:
        """The household's state changed: a known, open participation problem starts its own
        search for work (once per spell)."""
        if hh.need[PARTICIPATION] not in OPEN or hh.hid in self._searching or hh.disengaged:
            return
        self._searching.add(hh.hid)
        self.model.event(hh, "participation", detail=S["own_search"])
        self._next(hh)

    def _ceiling(self) -> float:
        """The highest own-job rate (self-reliance 1), per day, for thinning."""
        return self.p["participation.own_job_per_year"] / self.p["doenvermogen.skill_reference"] / 365.0

    def _next(self, hh: "Household") -> None:
        rate = self._ceiling()
        t = self.calendar.now + hh.life.expovariate(rate) if rate > 0 else float("inf")
        if t < self.model.end:
            self.calendar.schedule_event(t, self._chance, hh)
        else:
            self._searching.discard(hh.hid)

    def _chance(self, hh: "Household") -> None:
        """A job comes by; taken with the household's self-reliance (the thinning)."""
        if hh.need[PARTICIPATION] not in OPEN:
            self._searching.discard(hh.hid)  # the search ends; a new problem starts a new one
            return
        take = hh.life.random() < hh.self_reliance
        if take and not hh.disengaged and hh.id_valid:
            self.own_job(hh)
            return
        self._next(hh)

    def own_job(self, hh: "Household") -> None:
        """Work found without help: participation settled, an open income problem too."""
        m = self.model
        self._searching.discard(hh.hid)
        m.event(hh, "participation", detail=S["own_job"])
        m.provisions.to_work(hh)
        for d in (PARTICIPATION, INCOME):
            case = hh.cases.get(d)
            if case is not None:
                m.casework.close_case(case)
        if hh.need[INCOME] not in (NO_PROBLEM, MET, HIDDEN):
            m.provisions.met(hh, INCOME)
        m.provisions.met(hh, PARTICIPATION)

    # -- in parallel ----------------------------------------------------------------------------
    def consider_parallel(self, hh: "Household", counter_name: str) -> None:
        """W&I grants income: the professional may start participation now, in parallel."""
        state = hh.need[PARTICIPATION]
        if state in (NO_PROBLEM, MET) or hh.hid in self._parallel or hh.director is not None:
            return
        if hh.service.random() >= self.p["participation.p_parallel"]:
            return
        m = self.model
        self._parallel.add(hh.hid)
        m.event(hh, "participation", detail=S["parallel"])
        if state == HIDDEN:
            m.needs.surface(hh, PARTICIPATION)  # the professional asks about work
        elif state == BLOCKED:
            m.needs.unblock(hh, PARTICIPATION)
        if hh.need[PARTICIPATION] == KNOWN and PARTICIPATION not in hh.cases \
                and PARTICIPATION not in hh.seeking:
            m.casework.arrive(hh, PARTICIPATION, counter_name, WARM, dossier=True)
        self.notice(hh)

    # -- trajectory places ----------------------------------------------------------------------
    def request_trajectory(self, hh: "Household") -> None:
        """W&I granted participation: a trajectory place if one is free, else the list."""
        if self.places_free > 0:
            self._start(hh)
        elif hh not in self.waiting:
            self.waiting.append(hh)
            self.model.event(hh, "participation", O["participation_provider"],
                             S["trajectory_wait"])

    def _start(self, hh: "Household") -> None:
        m = self.model
        self.places_free -= 1
        self._in_trajectory.add(hh.hid)
        m.event(hh, "participation", O["participation_provider"], S["trajectory"])
        m.event(hh, "placed", O["participation_provider"])
        m.provisions.met(hh, PARTICIPATION)
        days = lognormal(hh.service, self.p["work_income.trajectory_days"],
                         self.p["work_income.trajectory_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self._end, hh)

    def _end(self, hh: "Household") -> None:
        self._in_trajectory.discard(hh.hid)
        self.model.provisions.end_trajectory(hh)
        self.places_free += 1
        while self.waiting and self.places_free > 0:
            nxt = self.waiting.popleft()
            if nxt.need[PARTICIPATION] == ACTIVE and not nxt.disengaged:
                self._start(nxt)
