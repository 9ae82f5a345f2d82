"""A small event calendar of (time, sequence, callback, args) entries, run in time order.

Method names follow Mesa 3.5's event scheduling (``schedule_event``, ``run_until``) so the
model can move to Mesa's own scheduler once it is fast enough. Ties are broken by insertion
order, which makes every run deterministic.

Entries are kept per whole day (a calendar queue): today's in a binary heap, later days' in
plain lists that become a heap when their day comes. Most events are due days or months ahead,
so scheduling one is a list append, and the heap that every event passes through holds one
day's events instead of all pending ones (a few hundred instead of tens of thousands in a
city-sized run), which keeps it in the processor's cache. The order is exactly that of one
heap: a day's events all come before the next day's, and within a day the heap orders by time,
then insertion.
"""

from __future__ import annotations

import math
from heapq import heapify, heappop, heappush
from typing import Any, Callable

_FAR = 10**18  # one shared bucket for infinite (and absurdly late) times

# The watchdog: this many events within one simulated day means that simulated time has
# (almost) stopped advancing: an event that reschedules itself, or two that schedule each other,
# with no or a tiny delay. The busiest day of a baseline run holds about 1,000 events and the
# largest run a scenario may ask for a few hundred thousand, so the limit is generous; it is
# reached within about ten seconds of such a loop starting.
MAX_EVENTS_IN_ONE_DAY = 2_000_000


class CalendarStalled(RuntimeError):
    """Simulated time stopped advancing: too many events within one day."""


def _stalled(time: float, count: int, callback: Callable[..., Any]) -> CalendarStalled:
    name = getattr(callback, "__qualname__", repr(callback))
    return CalendarStalled(
        f"the run stopped at day {time:g}: simulated time no longer advances ({count:,} events "
        f"within one day, the last one {name}); a parameter that is zero or tiny probably lets "
        f"an event repeat without time passing")


def _day_end(time: float) -> float:
    return math.floor(time) + 1.0 if time < _FAR else math.inf


class Calendar:
    """Time in days; ``now`` only moves forward."""

    __slots__ = ("now", "_day", "_today", "_later", "_days", "_seq", "_cancelled",
                 "events_processed")

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)
        self._day = int(self.now) if self.now < _FAR else _FAR
        # a heap of every entry of day _day or before (before: scheduled after the calendar
        # moved on to a later day, but ahead of everything in it, so just as well here)
        self._today: list[tuple[float, int, Callable[..., Any], tuple]] = []
        self._later: dict[int, list] = {}  # day -> its entries, unordered; days > _day only
        self._days: list[int] = []  # a heap of the keys of _later
        self._seq = 0
        self._cancelled: set[int] = set()
        self.events_processed = 0

    def __len__(self) -> int:
        """Pending events. A handle is in ``_cancelled`` only while its entry is held."""
        held = len(self._today) + sum(len(entries) for entries in self._later.values())
        return held - len(self._cancelled)

    def schedule_event(self, time: float, callback: Callable[..., Any], *args: Any) -> int:
        """Run ``callback(*args)`` at ``time``; returns a handle for :meth:`cancel`."""
        if time < self.now:
            raise ValueError(f"cannot schedule in the past: {time} < {self.now}")
        return self._put(time, callback, args)

    def schedule_after(self, delay: float, callback: Callable[..., Any], *args: Any) -> int:
        if delay < 0:
            raise ValueError(f"cannot schedule in the past: delay {delay} < 0")
        return self._put(self.now + delay, callback, args)

    def _put(self, time: float, callback: Callable[..., Any], args: tuple) -> int:
        seq = self._seq
        self._seq = seq + 1
        entry = (time, seq, callback, args)
        day = int(time) if time < _FAR else _FAR  # int() truncates: monotone in time
        if day <= self._day:
            heappush(self._today, entry)
        else:
            later = self._later.get(day)
            if later is None:
                self._later[day] = [entry]
                heappush(self._days, day)
            else:
                later.append(entry)
        return seq

    def cancel(self, handle: int) -> None:
        """Cancel a pending event (cancelling one that already ran does nothing)."""
        if any(e[1] == handle for e in self._today) or any(
                e[1] == handle for entries in self._later.values() for e in entries):
            self._cancelled.add(handle)

    def peek(self) -> float:
        """Time of the next event that will run, or infinity."""
        while True:
            today = self._today
            if not today:
                if not self._days:
                    return float("inf")
                self._next_day()
                continue
            seq = today[0][1]
            if seq in self._cancelled:
                self._cancelled.discard(seq)
                heappop(today)
                continue
            return today[0][0]

    def run_until(self, end: float) -> None:
        """Process every event with time <= ``end``, then set ``now`` to ``end``."""
        cancelled = self._cancelled
        days = self._days
        n = 0
        day_end = _day_end(self.now)
        same = 0  # events processed before ``day_end``, in the day that ends there
        while True:
            today = self._today
            if not today:
                if not days:
                    break
                self._next_day()
                continue
            if today[0][0] > end:
                break
            time, seq, callback, args = heappop(today)
            if cancelled and seq in cancelled:
                cancelled.discard(seq)
                continue
            if time < day_end:
                same += 1
                if same > MAX_EVENTS_IN_ONE_DAY:
                    self.events_processed += n
                    raise _stalled(time, same, callback)
            else:
                day_end = _day_end(time)
                same = 1
            self.now = time
            callback(*args)
            n += 1
        self.events_processed += n
        if end > self.now:
            self.now = end

    # -- days ---------------------------------------------------------------------------------
    def _next_day(self) -> None:
        """Today is empty: the next day with entries becomes today."""
        day = heappop(self._days)
        today = self._later.pop(day)
        heapify(today)
        self._today = today
        self._day = day
