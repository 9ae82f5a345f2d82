"""The fast paths give exactly what the plain versions gave (no timing here: see benchmarks/)."""

from __future__ import annotations

import gc
import heapq
import math
import random

import numpy as np
import pytest

from conftest import SMALL
from sim.calendar import Calendar
from sim.model import SocialDomainModel
from sim.run import release
from sim.streams import Streams, seed_words


def test_seed_words_are_numpys_seed_sequence():
    rng = random.Random(3)
    seeds = [0, 1, 2**32 - 1, 2**32, 2**64 + 5, 2**128 + 3, 2**200 - 1]
    seeds += [rng.getrandbits(rng.choice((8, 32, 33, 64, 128, 129))) for _ in range(200)]
    for seed in seeds:
        key = tuple(rng.choice((0, rng.randrange(1000), 2**32 + 1, rng.getrandbits(70)))
                    for _ in range(rng.randrange(1, 5)))
        n = rng.choice((4, 5, 8))
        expected = np.random.SeedSequence(seed, spawn_key=key).generate_state(n, dtype=np.uint32)
        assert seed_words(seed, key, n) == expected.tolist(), (seed, key, n)


def test_household_streams_seeded_as_from_numpy_bytes():
    state = np.random.SeedSequence(42, spawn_key=(1, 5, 77)).generate_state(8, dtype=np.uint32)
    raw = state.astype("<u4").tobytes()
    life, service = Streams(42).household(5, 77)
    assert life.random() == random.Random(int.from_bytes(raw[:16], "little")).random()
    assert service.random() == random.Random(int.from_bytes(raw[16:], "little")).random()


def test_seed_words_refuse_negative_and_empty_keys():
    with pytest.raises(ValueError):
        seed_words(-1, (1,), 4)
    with pytest.raises(ValueError):
        seed_words(1, (), 4)


def _first_least_loaded(counter):
    best = None
    for w in counter.workers:
        if w.load < counter.cap and (best is None or w.load < best.load):
            best = w
    return best


def test_free_worker_is_the_first_least_loaded_worker_with_room():
    model = SocialDomainModel("baseline", rng=1, overrides=SMALL)
    rng = random.Random(5)
    for counter in model.counters.values():
        if not counter.workers:
            continue
        held: list[tuple] = []
        for step in range(3000):
            assert counter.free_worker() is _first_least_loaded(counter), (counter.name, step)
            if held and (rng.random() < 0.45 or counter.free_worker() is None):
                worker, case = held.pop(rng.randrange(len(held)))
                counter.drop_case(worker, case)
            else:
                worker = counter.free_worker() if rng.random() < 0.8 else None
                worker = worker or rng.choice(counter.workers)  # may go over the cap: fine here
                case = object()
                counter.add_case(worker, case)
                held.append((worker, case))
        for worker, case in held:
            counter.drop_case(worker, case)
    release(model)


def test_running_counts_match_a_recount_every_week():
    model = SocialDomainModel("baseline", rng=4, overrides={**SMALL, "reform.fixed_director": True})
    seen_disengaged = seen_stable = False
    while model.running:
        model.step()
        stable = sum(1 for h in model.households if h.stable)
        disengaged = sum(1 for h in model.households if h.disengaged)
        assert (model.n_stable, model.n_disengaged) == (stable, disengaged)
        row = model.series[-1]
        if row["day"] == model.now:  # the last, shorter week records no row
            assert (row["stable"], row["disengaged"]) == (stable, disengaged)
        seen_stable |= stable > 0
        seen_disengaged |= disengaged > 0
    assert seen_stable and seen_disengaged  # both counts were exercised
    release(model)


@pytest.mark.parametrize("enabled", [True, False])
def test_run_to_end_leaves_the_garbage_collector_as_it_found_it(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        model = SocialDomainModel("baseline", rng=1, overrides={**SMALL, "run.years": 0.5})
        model.run_to_end()
        release(model)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


class _OneHeap:
    """Reference: every pending event in one heap."""

    def __init__(self, start):
        self.now, self.heap, self.seq, self.events_processed = start, [], 0, 0

    def schedule_event(self, time, callback, *args):
        assert time >= self.now
        heapq.heappush(self.heap, (time, self.seq, callback, args))
        self.seq += 1
        return self.seq - 1

    def schedule_after(self, delay, callback, *args):
        return self.schedule_event(self.now + delay, callback, *args)

    def peek(self):
        return self.heap[0][0] if self.heap else math.inf

    def __len__(self):
        return len(self.heap)

    def run_until(self, end):
        while self.heap and self.heap[0][0] <= end:
            time, _, callback, args = heapq.heappop(self.heap)
            self.now = time
            callback(*args)
            self.events_processed += 1
        self.now = max(self.now, end)


def _trial(make, trial: int) -> list:
    """Random events that schedule further events (some never due); the calendar's answers."""
    rng = random.Random(trial)
    cal = make(rng.choice((0.0, 3.7)))
    log: list = []

    def event(tag, depth):
        log.append((cal.now, tag))
        for k in range(rng.randrange(3) if depth < 4 else 0):
            delay = rng.choice((0.0, 0.3 * rng.random(), 3 * rng.random(),
                                rng.expovariate(0.05), 1.0, math.inf))
            cal.schedule_after(delay, event, (tag, k), depth + 1)

    for i in range(rng.randrange(1, 30)):
        cal.schedule_event(cal.now + 20 * rng.random(), event, i, 0)
    t = cal.now
    while t < 200:
        t += rng.choice((0.01, 0.5, 7.0, 30.0))
        if rng.random() < 0.3:
            log.append(("peek", cal.peek(), len(cal)))
        cal.run_until(t)
        log.append(("after", t, len(cal), cal.events_processed, cal.now))
    return log


@pytest.mark.parametrize("trial", range(40))
def test_day_buckets_keep_the_order_of_one_heap(trial):
    expected = _trial(_OneHeap, trial)
    assert _trial(Calendar, trial) == expected
    assert len(expected) >= 10  # the trial did run events
