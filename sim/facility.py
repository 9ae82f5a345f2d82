"""Scarce places with a waiting list.

A :class:`Facility` knows its capacity, who occupies it and who waits, and allocates a freed
place by its rule (first come first served, priority, or lottery). It does not know about
stays or time: the caller releases a place when a stay ends, which is how exits that wait on
the next queue (blocking) are modelled. Placement is reported through ``on_place``.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import Any, Callable

FIFO, PRIORITY, LOTTERY = "fifo", "priority", "lottery"


class Ticket:
    __slots__ = ("client", "key", "since", "active")

    def __init__(self, client: Any, key: tuple, since: float) -> None:
        self.client = client
        self.key = key
        self.since = since
        self.active = True

    def __lt__(self, other: "Ticket") -> bool:
        return self.key < other.key


class Facility:
    """Capacity, occupants and a waiting list with an allocation rule."""

    def __init__(self, name: str, capacity: int, allocation: str = FIFO,
                 rng: random.Random | None = None,
                 on_place: Callable[[Any, "Facility", float], None] | None = None) -> None:
        if capacity < 0:
            raise ValueError(f"{name}: capacity must be >= 0")
        if allocation not in (FIFO, PRIORITY, LOTTERY):
            raise ValueError(f"{name}: unknown allocation rule {allocation!r}")
        self.name = name
        self.capacity = capacity
        self.allocation = allocation
        self.rng = rng or random.Random(0)
        self.on_place = on_place
        self.occupants: set[Any] = set()
        self._tickets: dict[Any, Ticket] = {}
        self._front: deque[Ticket] = deque()  # escalated households go first
        self._fifo: deque[Ticket] = deque()
        self._heap: list[Ticket] = []
        self._pool: list[Ticket] = []
        self._seq = 0
        self.n_waiting = 0
        self.placements = 0
        self.wait_total = 0.0

    # -- queries ------------------------------------------------------------------------------
    @property
    def free(self) -> int:
        return self.capacity - len(self.occupants)

    def is_waiting(self, client: Any) -> bool:
        return client in self._tickets

    def waiting_since(self, client: Any) -> float:
        return self._tickets[client].since

    # -- changes ------------------------------------------------------------------------------
    def request(self, client: Any, now: float, priority: float = 0.0) -> bool:
        """Ask for a place; returns True when placed at once. Lower priority values go first."""
        if client in self.occupants or client in self._tickets:
            raise ValueError(f"{self.name}: {client!r} already placed or waiting")
        if self.free > 0 and self.n_waiting == 0:
            self._place(client, 0.0)
            return True
        self._seq += 1
        ticket = Ticket(client, (priority, self._seq), now)
        self._tickets[client] = ticket
        self.n_waiting += 1
        if self.allocation == FIFO:
            self._fifo.append(ticket)
        elif self.allocation == PRIORITY:
            heapq.heappush(self._heap, ticket)
        else:
            self._pool.append(ticket)
        return False

    def withdraw(self, client: Any) -> None:
        """Leave the waiting list (if on it)."""
        ticket = self._tickets.pop(client, None)
        if ticket is not None:
            ticket.active = False
            self.n_waiting -= 1

    def jump(self, client: Any) -> None:
        """Move a waiting client to the front (escalation). Creates no place."""
        ticket = self._tickets.get(client)
        if ticket is None:
            return
        ticket.active = False
        fresh = Ticket(client, ticket.key, ticket.since)
        self._tickets[client] = fresh
        self._front.append(fresh)

    def occupy(self, client: Any) -> None:
        """Put a client in a place directly (initial state), bypassing the list."""
        if self.free <= 0:
            raise ValueError(f"{self.name}: full")
        self.occupants.add(client)

    def release(self, client: Any, now: float) -> None:
        """A client leaves its place; the place goes to the next on the list."""
        self.occupants.remove(client)
        self.fill(now)

    def fill(self, now: float) -> None:
        while self.free > 0 and self.n_waiting > 0:
            ticket = self._next()
            del self._tickets[ticket.client]
            self.n_waiting -= 1
            self._place(ticket.client, now - ticket.since)

    def set_capacity(self, capacity: int, now: float) -> None:
        self.capacity = capacity
        self.fill(now)

    # -- internals ----------------------------------------------------------------------------
    def _place(self, client: Any, wait: float) -> None:
        self.occupants.add(client)
        self.placements += 1
        self.wait_total += wait
        if self.on_place is not None:
            self.on_place(client, self, wait)

    def _next(self) -> Ticket:
        front = self._front
        while front:
            t = front.popleft()
            if t.active:
                return t
        if self.allocation == FIFO:
            q = self._fifo
            while True:
                t = q.popleft()
                if t.active:
                    return t
        if self.allocation == PRIORITY:
            h = self._heap
            while True:
                t = heapq.heappop(h)
                if t.active:
                    return t
        pool = self._pool
        while True:
            i = self.rng.randrange(len(pool))
            t = pool[i]
            pool[i] = pool[-1]
            pool.pop()
            if t.active:
                return t
