"""The distributions the mechanisms draw from, as plain functions of a random stream."""

from __future__ import annotations

import math
import random


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    """A lognormal draw with the given median and log-scale spread; 0 (and no draw) when the
    median is 0."""
    if median <= 0:
        return 0.0
    return rng.lognormvariate(math.log(median), sigma)


def clipped_gauss(rng: random.Random, mean: float, sd: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, rng.gauss(mean, sd)))
