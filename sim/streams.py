"""Random streams derived from one ``numpy.random.SeedSequence``.

Every household owns two streams keyed by who it is, not by when it was created:
``life`` (what happens to the household: problems, attributes, shocks) and ``service``
(how the system treats it: processing times, no-shows, information loss). A household is
identified by its profile and its arrival number within that profile, so the same household
meets the same life events in every scenario run with the same seed (common random numbers).

Python's ``random.Random`` is used for the draws themselves because scalar draws from it are
several times faster than from a numpy ``Generator``; its seed comes from the SeedSequence.
"""

from __future__ import annotations

import random

import numpy as np

# First element of the spawn key: what kind of stream.
HOUSEHOLD = 1
ARRIVALS = 3
SYSTEM = 4


class Streams:
    def __init__(self, seed: int) -> None:
        self.seed = int(seed)

    def _state(self, words: int, *key: int) -> bytes:
        ss = np.random.SeedSequence(self.seed, spawn_key=key)
        return ss.generate_state(words, dtype=np.uint32).tobytes()

    def _make(self, *key: int) -> random.Random:
        return random.Random(int.from_bytes(self._state(4, *key), "little"))

    def household(self, group: int, number: int) -> tuple[random.Random, random.Random]:
        """(life, service) streams of household ``number`` within ``group``."""
        state = self._state(8, HOUSEHOLD, group, number)
        return (random.Random(int.from_bytes(state[:16], "little")),
                random.Random(int.from_bytes(state[16:], "little")))

    def arrivals(self, group: int) -> random.Random:
        """Arrival times of one profile's inflow."""
        return self._make(ARRIVALS, group)

    def system(self, index: int) -> random.Random:
        """System-level randomness (staff turnover, lettings, lotteries)."""
        return self._make(SYSTEM, index)


def replicate_seeds(seed: int, replicates: int) -> tuple[int, ...]:
    """Seeds of replicates 0..R-1: children of ``SeedSequence(seed)``. Every tool uses the same
    seed for replicate r at every point and in every scenario (common random numbers)."""
    children = np.random.SeedSequence(seed).spawn(replicates)
    return tuple(int(c.generate_state(1, np.uint32)[0]) for c in children)
