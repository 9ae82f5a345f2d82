"""Random streams derived from one ``numpy.random.SeedSequence``.

Every household owns two streams keyed by who it is, not by when it was created:
``life`` (what happens to the household: problems, attributes, shocks) and ``service``
(how the system treats it: processing times, no-shows, information loss). A household is
identified by its profile and its arrival number within that profile, so the same household
meets the same life events in every scenario run with the same seed (common random numbers).

Python's ``random.Random`` is used for the draws themselves because scalar draws from it are
several times faster than from a numpy ``Generator``; its seed comes from the SeedSequence.
The SeedSequence hash is computed here in plain Python, word for word numpy's algorithm
(``numpy/random/bit_generator.pyx``): numpy's version spends most of its time on array
overhead, and the part that depends only on the run's seed is computed once per run. A test
checks both give the same words.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

# First element of the spawn key: what kind of stream.
HOUSEHOLD = 1
ARRIVALS = 3
SYSTEM = 4

# numpy's SeedSequence constants (pool of 4 words of 32 bits).
_MASK = 0xFFFFFFFF
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715


def _words(n: int) -> list[int]:
    """An integer as 32-bit words, least significant first (numpy: _int_to_uint32_array)."""
    if n < 0:
        raise ValueError(f"seeds and spawn keys must be >= 0, not {n}")
    out = [n & _MASK]
    n >>= 32
    while n:
        out.append(n & _MASK)
        n >>= 32
    return out


def _absorb(pool: list[int], hc: int, word: int) -> int:
    """Mix one entropy word into every pool word; returns the new hash constant."""
    for d in range(4):
        v = word ^ hc
        hc = (hc * _MULT_A) & _MASK
        v = (v * hc) & _MASK
        v ^= v >> 16
        r = (_MIX_L * pool[d] - _MIX_R * v) & _MASK
        pool[d] = r ^ (r >> 16)
    return hc


def _seed_pool(seed: int) -> tuple[list[int], int]:
    """The pool and hash constant after a SeedSequence has absorbed ``seed`` (padded to the
    pool size, as numpy does whenever there is a spawn key)."""
    run = _words(seed)
    run += [0] * (4 - len(run))
    hc = _INIT_A
    pool = []
    for w in run[:4]:
        v = w ^ hc
        hc = (hc * _MULT_A) & _MASK
        v = (v * hc) & _MASK
        pool.append(v ^ (v >> 16))
    for s in range(4):
        for d in range(4):
            if s != d:
                v = pool[s] ^ hc
                hc = (hc * _MULT_A) & _MASK
                v = (v * hc) & _MASK
                v ^= v >> 16
                r = (_MIX_L * pool[d] - _MIX_R * v) & _MASK
                pool[d] = r ^ (r >> 16)
    for w in run[4:]:
        hc = _absorb(pool, hc, w)
    return pool, hc


def seed_words(seed: int, key: tuple[int, ...], n_words: int,
               start: tuple[list[int], int] | None = None) -> list[int]:
    """``SeedSequence(seed, spawn_key=key).generate_state(n_words)`` as Python ints; ``start``
    is ``_seed_pool(seed)`` when already known. ``key`` must not be empty."""
    if not key:
        raise ValueError("a spawn key is required")
    pool, hc = start if start is not None else _seed_pool(seed)
    pool = list(pool)
    for k in key:
        for w in _words(k):
            hc = _absorb(pool, hc, w)
    hb = _INIT_B
    out = []
    for i in range(n_words):
        v = pool[i & 3] ^ hb
        hb = (hb * _MULT_B) & _MASK
        v = (v * hb) & _MASK
        out.append(v ^ (v >> 16))
    return out


def _join(words: list[int]) -> int:
    """Words as one integer, least significant first (the little-endian bytes of the state)."""
    return words[0] | words[1] << 32 | words[2] << 64 | words[3] << 96


class Streams:
    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self._start = _seed_pool(self.seed)

    def _make(self, *key: int) -> random.Random:
        return random.Random(_join(seed_words(self.seed, key, 4, self._start)))

    def household(self, group: int, number: int) -> tuple[random.Random, random.Random]:
        """(life, service) streams of household ``number`` within ``group``."""
        w = seed_words(self.seed, (HOUSEHOLD, group, number), 8, self._start)
        return random.Random(_join(w[:4])), random.Random(_join(w[4:]))

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


# -- a household's own small stream for one component ------------------------------------------
_MASK64 = (1 << 64) - 1


class OwnStream:
    """A small random stream of one household for one component (SplitMix64: one integer of
    state, where a ``random.Random`` would hold 2.5 kB), with the draws these components use."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK64

    def random(self) -> float:
        self.state = z = (self.state + 0x9E3779B97F4A7C15) & _MASK64
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1 << 53))

    def expovariate(self, rate: float) -> float:
        return -math.log(1.0 - self.random()) / rate

    def lognormvariate(self, mu: float, sigma: float) -> float:
        u = 1.0 - self.random()  # in (0, 1]
        z = math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * self.random())
        return math.exp(mu + sigma * z)


class OwnStreams:
    """Each household's own stream for one component, keyed by ``salt``: seeded from the words
    of the household's members seed (read, not drawn), so it is the same in every scenario, and
    made on first use. ``streams(hh)`` gives the household's stream."""

    __slots__ = ("salt", "_by_household")

    def __init__(self, salt: int) -> None:
        self.salt = salt
        self._by_household: dict[int, OwnStream] = {}

    def __call__(self, hh: Any) -> OwnStream:
        r = self._by_household.get(hh.hid)
        if r is None:
            seed = hh.members_seed ^ (hh.members_seed >> 64) ^ (self.salt * 0x9E3779B97F4A7C15)
            r = self._by_household[hh.hid] = OwnStream(seed)
        return r
