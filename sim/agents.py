"""Mesa agents: households, counters (organisations), case managers and facilities.

Agents hold state and answer simple questions about it; the processes that move households
between them live in ``sim/mechanisms/``.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import TYPE_CHECKING, Any

import mesa

from .domains import (DOMAINS, HIDDEN, MET, NO_PROBLEM, STABLE_HOUSING, Domain, Housing, Income,
                      Municipality, Need)
from .facility import Facility

if TYPE_CHECKING:
    from .model import SocialDomainModel
    from .organisations import CounterSpec, FacilitySpec
    from .pots import Accrual


class Household(mesa.Agent):
    """A household with a state per life domain and the behaviour of its members."""

    def __init__(self, model: "SocialDomainModel", hid: int, profile: int, life: random.Random,
                 service: random.Random, onset: float, cohort: bool) -> None:
        super().__init__(model)
        self.hid = hid
        self.profile = profile
        self.life = life
        self.service = service
        self.onset = onset
        self.cohort = cohort
        self.need: list[Need] = [NO_PROBLEM] * len(DOMAINS)  # written by model.needs only
        self.cases: dict[int, "Case"] = {}  # domain -> open request
        self.holding: dict[str, "Case"] = {}  # counter -> case a professional keeps after the decision
        self.housing: Housing = Housing.OWN_HOME
        self.income: Income = Income.NONE
        self.registered: Municipality | None = Municipality.HOME  # municipality of registration
        self.has_address = True
        self.children = False
        self.self_reliance = 0.5
        self.trust = 0.7
        self._disengaged = False  # counted by the model: see the properties below
        self.epoch = 0  # bumped on disengagement: stale events see a different epoch
        self.id_valid = True
        self.id_renewing = False
        self.assets_until = 0.0
        self.excluded_until = 0.0
        self.debt = 0.0
        self.debt_since: float | None = None  # unmanaged since (None: managed or no debt)
        self.arrears = False
        self.urgency = False
        self.place: "FacilityAgent | None" = None  # the facility it lives in
        self.tenure: str | None = None  # "private" or "social" for a rented home found after homelessness
        self.waiting: set["FacilityAgent"] = set()  # facilities whose list it is on
        self.ready_to_move = False
        self.seeking: set[int] = set()  # domains with a help-seeking event pending
        self.blocked_since: dict[int, float] = {}
        self.settled_since: float | None = None
        self._stable = False
        self.ever_stable = False
        self.first_contact: float | None = None
        self.director: "Case | None" = None  # the director's Case, when one holds the household
        self.told_story = False
        self.accruals: dict[str, "Accrual"] = {}  # running costs by label
        self.first_delay = 0.0  # help-seeking delay for the first request
        self.director_requested = False
        self.director_pending: "Case | None" = None  # a director request waiting for a director
        self.archetype: str | None = None
        # set only for named households whose source says so (model.named)
        self.no_provision: frozenset[int] = frozenset()  # needs no provision meets for it
        self.id_application_counts = False  # an ID application under way counts as an ID
        self.members: list[float] | None = None  # birth days of the members (model.payers)
        # the seed of the members' own stream: words of the life stream's starting state, read,
        # not drawn (hash() would differ between processes)
        words = life.getstate()[1]
        self.members_seed = words[1] | words[2] << 32 | words[3] << 64 | words[4] << 96
        self.considered: set[tuple[int, bool]] = set()  # (catalogue item, by a director) seen

    # -- counted states: the model keeps running totals for its weekly series ------------------
    @property
    def stable(self) -> bool:
        return self._stable

    @stable.setter
    def stable(self, value: bool) -> None:
        if value != self._stable:
            self._stable = value
            self.model.n_stable += 1 if value else -1

    @property
    def disengaged(self) -> bool:
        return self._disengaged

    @disengaged.setter
    def disengaged(self, value: bool) -> None:
        if value != self._disengaged:
            self._disengaged = value
            self.model.n_disengaged += 1 if value else -1

    # -- questions --------------------------------------------------------------------------
    def has(self, domain: int) -> bool:
        return self.need[domain] != NO_PROBLEM

    def open_domains(self) -> list[int]:
        return [d for d, s in enumerate(self.need) if s != NO_PROBLEM and s != MET]

    def known_open(self) -> list[Domain]:
        return [Domain(d) for d, s in enumerate(self.need) if s != NO_PROBLEM and s != MET and s != HIDDEN]

    def hidden_domains(self) -> list[Domain]:
        return [Domain(d) for d, s in enumerate(self.need) if s == HIDDEN]

    def problem_count(self) -> int:
        return sum(1 for s in self.need if s != NO_PROBLEM)

    def settled(self) -> bool:
        return all(s == NO_PROBLEM or s == MET for s in self.need) and self.housing in STABLE_HOUSING

    @property
    def homeless(self) -> bool:
        return self.housing not in STABLE_HOUSING


class CaseManager(mesa.Agent):
    """A professional with a caseload. ``background`` counts cases of households outside the
    model (for instance all other benefit recipients) that take the same time."""

    def __init__(self, model: "SocialDomainModel", counter: "Counter", background: int,
                 index: int = 0) -> None:
        super().__init__(model)
        self.counter = counter
        self.index = index  # position in counter.workers
        self.cases: set["Case"] = set()  # change through Counter.add_case / drop_case
        self.background = background

    @property
    def load(self) -> int:
        return self.background + len(self.cases)


class Case:
    """One household's request at one counter for one domain."""

    __slots__ = ("hh", "domain", "counter", "worker", "stage", "epoch", "dossier", "opened",
                 "handle", "decision_due", "escalations", "channel")

    def __init__(self, hh: Household, domain: Domain, counter: "Counter", dossier: bool,
                 now: float, channel: int = 0) -> None:
        self.hh = hh
        self.domain = domain  # NO_DOMAIN for a case about the whole household
        self.counter = counter
        self.worker: CaseManager | None = None
        self.stage = "waiting_staff"
        self.epoch = 0
        self.dossier = dossier
        self.opened = now
        self.handle = None
        self.decision_due = float("inf")
        self.escalations = 0
        self.channel = channel  # how the household came: domains.Channel (0: by itself)


class Counter(mesa.Agent):
    """An organisation's front door: remit, staff with caseloads, timings and a pot."""

    def __init__(self, model: "SocialDomainModel", spec: "CounterSpec", org: int,
                 staff: int) -> None:
        super().__init__(model)
        p = model.p
        section = spec.section
        self.spec = spec
        self.name = spec.name
        self.org = org
        self.section = section
        self.municipality = spec.municipality
        self.pot = spec.pot
        self.cap: int = p[f"{section}.caseload_cap"]
        self.response_days: float = p.get(f"{section}.response_days", 0.0)
        self.processing_days: float = p.get(f"{section}.processing_days", 0.0)
        self.interval: float = p[f"{section}.contact_interval_days"]
        self.min_interval: float = p["casework.min_contact_interval_days"]
        self.legal_days: float | None = p.get(f"{section}.legal_days")
        if staff == 0 and p[f"{section}.staff"] == 0 and \
                model.scenario.params.get(f"{section}.staff", 0) > 0:
            # a small municipality: the table's staff rounded down to nobody, but a counter
            # that exists has at least one professional (the policy still decides)
            staff = max(0, int(model.policies.staff(spec, 1)))
        background = p.get(f"{section}.background_cases", 0)
        self.workers = [CaseManager(model, self, background // staff + (i < background % staff), i)
                        for i in range(staff)] if staff else []
        self.staff_queue: deque[Case] = deque()
        self._rebuild_loads()

    def free_worker(self) -> CaseManager | None:
        """The least loaded worker with room (the first of equals), or None."""
        heap, workers = self._loads, self.workers
        while heap:
            load, i = heap[0]
            w = workers[i]
            if w.background + len(w.cases) != load:  # an outdated entry
                heapq.heappop(heap)
                continue
            return w if load < self.cap else None
        return None

    def add_case(self, worker: CaseManager, case: "Case") -> None:
        worker.cases.add(case)
        self._note_load(worker)

    def drop_case(self, worker: CaseManager, case: "Case") -> None:
        worker.cases.discard(case)
        self._note_load(worker)

    # A heap of (load, index) with lazy deletion: every change of a caseload pushes the new
    # entry, so finding a free worker costs O(log staff) instead of a scan of all staff.
    def _note_load(self, worker: CaseManager) -> None:
        heap = self._loads
        heapq.heappush(heap, (worker.background + len(worker.cases), worker.index))
        if len(heap) > 4 * len(self.workers) + 8:
            self._rebuild_loads()

    def _rebuild_loads(self) -> None:
        self._loads = [(w.load, i) for i, w in enumerate(self.workers)]
        heapq.heapify(self._loads)

    def contact_interval(self, worker: CaseManager | None) -> float:
        load = worker.load if worker is not None else self.cap
        return max(self.min_interval, self.interval * min(1.0, load / self.cap)) if self.cap \
            else self.interval

    @property
    def caseload(self) -> int:
        return sum(len(w.cases) for w in self.workers)


class FacilityAgent(mesa.Agent):
    """A scarce facility: a :class:`Facility` plus stays and a cost per day."""

    def __init__(self, model: "SocialDomainModel", spec: "FacilitySpec", org: int,
                 rng: random.Random) -> None:
        super().__init__(model)
        p = model.p
        self.spec = spec
        self.name = spec.name
        self.org = org
        self.pot = spec.pot
        if spec.dwelling:  # dwellings come free one letting at a time
            capacity, allocation, self.stay_days, self.cost_per_day = 0, "priority", float("inf"), 0.0
        else:
            capacity, allocation = p[f"{spec.section}.capacity"], p[f"{spec.section}.allocation"]
            self.stay_days = p[f"{spec.section}.stay_days"]
            self.cost_per_day = p[f"{spec.section}.cost_per_day"]
        self.queue = Facility(spec.name, capacity, allocation, rng, on_place=model.on_placed)

    @property
    def occupancy(self) -> int:
        return len(self.queue.occupants)
