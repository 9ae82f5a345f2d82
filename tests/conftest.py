"""Shared fixtures: small, fast runs of the model."""

from __future__ import annotations

import pytest

from sim.metrics import household_table, measured, summary
from sim.run import simulate

# A town of 15,000 over two years after a half-year warm-up: ~0.5 s a run.
SMALL = {"region.inhabitants": 15_000, "run.years": 2.0, "run.warmup_years": 0.5}


def small(seed: int = 1, **overrides):
    """A finished small model with the given overrides ({"section__name": value})."""
    changes = {**SMALL, **{k.replace("__", "."): v for k, v in overrides.items()}}
    return simulate("baseline", seed=seed, overrides=changes)


def outcome(seed: int = 1, **overrides) -> dict:
    return summary(small(seed, **overrides))


def cohort(model):
    return measured(household_table(model))


def count_events(model, kind: str, **where) -> int:
    from sim.eventlog import K

    a = model.log.arrays()
    mask = a["kind"] == K[kind]
    for column, value in where.items():
        mask &= a[column] == value
    return int(mask.sum())


@pytest.fixture(scope="session")
def baseline_small():
    return small(seed=7)
