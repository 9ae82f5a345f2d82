"""The baseline in steady state: every queue, staff queue and caseload levels off, so that
outcomes do not depend on the run's length; docs/model.md §7.21 names those that do not.

Two full-size baseline runs (seeds 1 and 2, about 10 s each): for each series of the weekly
time series, the mean of the last year may differ from the year before by no more than three
standard errors of that difference (plus one household). The standard error is the larger of
the spread of quarterly means within the two years and the spread of the difference between
the seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.run import simulate

SEEDS = (1, 2)
# Demand for treatment that can fail outgrows these assumed capacities (docs/model.md §7.21).
# The home W&I caseload creeps up with held benefits, and with non-take-up claims come later
# (docs/model.md §7.21, §7.22).
NOT_LEVELLING = ("queue.youth_care", "staff_queue.ggz", "staff_queue.neighbourhood_team",
                 "caseload.work_income")


def _drift(series: list[pd.DataFrame], column: str) -> tuple[float, float]:
    diffs, within = [], []
    for ts in series:
        end = ts["day"].max()
        quarters = np.array([ts[(ts["day"] >= end - 730 + k * 91.25)
                                & (ts["day"] < end - 730 + (k + 1) * 91.25)][column].mean()
                             for k in range(8)])
        before, last = quarters[:4], quarters[4:]
        diffs.append(last.mean() - before.mean())
        within.append((before.var(ddof=1) + last.var(ddof=1)) / 2)
    se_within = np.sqrt(np.mean(within) * 2 / 4 / len(series))
    se_seeds = np.std(diffs, ddof=1) / np.sqrt(len(series))
    return float(np.mean(diffs)), float(max(se_within, se_seeds))


@pytest.fixture(scope="module")
def baseline_series() -> list[pd.DataFrame]:
    return [pd.DataFrame(simulate("baseline", seed=s, log_events=False).series) for s in SEEDS]


def test_queues_and_caseloads_level_off(baseline_series):
    columns = [c for c in baseline_series[0].columns
               if c.startswith(("queue.", "staff_queue.", "caseload.")) and c not in NOT_LEVELLING]
    assert len(columns) > 20
    climbing = {}
    for c in columns:
        drift, se = _drift(baseline_series, c)
        if abs(drift) > 3 * se + 1:
            climbing[c] = (round(drift, 1), round(se, 1))
    assert not climbing, f"not in steady state (drift, standard error): {climbing}"


def test_the_exceptions_are_still_exceptions(baseline_series):
    """If one of the named exceptions levels off, take it off the list (and out of the docs).
    An exception must still climb by more than its standard error; it need not clear the three
    standard errors of the main test, whose noise is wide for these queues."""
    for c in NOT_LEVELLING:
        drift, se = _drift(baseline_series, c)
        assert drift > se, c
