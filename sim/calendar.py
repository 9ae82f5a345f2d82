"""A small event calendar: a binary heap of (time, sequence, callback, args).

Method names follow Mesa 3.5's event scheduling (``schedule_event``, ``run_until``) so the
model can move to Mesa's own scheduler once it is fast enough. Ties are broken by insertion
order, which makes every run deterministic.
"""

from __future__ import annotations

import heapq
from typing import Any, Callable


class Calendar:
    """Time in days; ``now`` only moves forward."""

    __slots__ = ("now", "_heap", "_seq", "_cancelled", "events_processed")

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)
        self._heap: list[tuple[float, int, Callable[..., Any], tuple]] = []
        self._seq = 0
        self._cancelled: set[int] = set()
        self.events_processed = 0

    def __len__(self) -> int:
        return sum(1 for e in self._heap if e[1] not in self._cancelled)

    def schedule_event(self, time: float, callback: Callable[..., Any], *args: Any) -> int:
        """Run ``callback(*args)`` at ``time``; returns a handle for :meth:`cancel`."""
        if time < self.now:
            raise ValueError(f"cannot schedule in the past: {time} < {self.now}")
        seq = self._seq
        self._seq = seq + 1
        heapq.heappush(self._heap, (time, seq, callback, args))
        return seq

    def schedule_after(self, delay: float, callback: Callable[..., Any], *args: Any) -> int:
        if delay < 0:
            raise ValueError(f"cannot schedule in the past: delay {delay} < 0")
        seq = self._seq
        self._seq = seq + 1
        heapq.heappush(self._heap, (self.now + delay, seq, callback, args))
        return seq

    def cancel(self, handle: int) -> None:
        """Cancel a pending event (cancelling one that already ran does nothing)."""
        if any(e[1] == handle for e in self._heap):
            self._cancelled.add(handle)

    def peek(self) -> float:
        """Time of the next event that will run, or infinity."""
        heap = self._heap
        while heap and heap[0][1] in self._cancelled:
            self._cancelled.discard(heapq.heappop(heap)[1])
        return heap[0][0] if heap else float("inf")

    def run_until(self, end: float) -> None:
        """Process every event with time <= ``end``, then set ``now`` to ``end``."""
        heap = self._heap
        pop = heapq.heappop
        cancelled = self._cancelled
        n = 0
        while heap and heap[0][0] <= end:
            time, seq, callback, args = pop(heap)
            if cancelled and seq in cancelled:
                cancelled.discard(seq)
                continue
            self.now = time
            callback(*args)
            n += 1
        self.events_processed += n
        if end > self.now:
            self.now = end
