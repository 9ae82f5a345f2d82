"""The baseline in steady state: every queue, staff queue and caseload levels off, so that
outcomes do not depend on the run's length; docs/model.md §7.21 names those that do not.

Two full-size baseline runs (seeds 1 and 2, about 10 s each): for each series of the weekly
time series, the mean of the last year may differ from the year before by no more than three
standard errors of that difference (plus one household). The standard error is the larger of
the spread of quarterly means within the two years and the spread of the difference between
the seeds.

Within the warm-up: in the baseline and in the calibrated scenario, the first measured year
(right after the warm-up) has the same level as the last one, so nothing the measured years
count depends on the start from empty queues (docs/calibration.md: the calibration measures
three years after the warm-up, the baseline five)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.run import simulate

SEEDS = (1, 2)
# Demand for treatment that can fail outgrows the GGZ treatment places and the neighbourhood
# team's assumed staff; with the GGZ intake's staff calibrated (ggz.staff 12), its queue levels
# and the treatment places become the bottleneck (docs/model.md §7.21). Sheltered housing,
# reached through the GGZ as well, has a list that grows with that demand. Debt help's caseload
# grows with arrears that recur. The home W&I caseload creeps up with held benefits, and with
# non-take-up claims come later (§7.21, §7.22). The night shelter silts up: more homeless
# households arrive than its twelve beds and the closed housing market let through, and those
# who lose contact by detention or moving away come back homeless (§7.21, §7.26); the shelter
# intake's caseload holds their cases. Beneath them all, the population only grows (§7.21).
NOT_LEVELLING = ("queue.ggz_treatment", "staff_queue.neighbourhood_team", "caseload.work_income",
                 "queue.night_shelter", "caseload.shelter_intake", "queue.sheltered_housing",
                 "caseload.debt_help")


def _drift(series: list[pd.DataFrame], column: str,
           start: float | None = None) -> tuple[float, float]:
    """Mean of the last year minus the year before (or, with ``start``, minus the year from
    ``start`` on), and its standard error."""
    diffs, within = [], []
    for ts in series:
        end = ts["day"].max()
        first = end - 730 if start is None else start
        quarters = np.array([ts[(ts["day"] >= first + k * 91.25)
                                & (ts["day"] < first + (k + 1) * 91.25)][column].mean()
                             for k in range(4)]
                            + [ts[(ts["day"] >= end - 365 + k * 91.25)
                                  & (ts["day"] < end - 365 + (k + 1) * 91.25)][column].mean()
                               for k in range(4)])
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


WARMUP_DAYS = 365.0  # run.warmup_years of the baseline (the calibrated scenario keeps it)


@pytest.fixture(scope="module")
def calibrated_series() -> list[pd.DataFrame]:
    return [pd.DataFrame(simulate("calibrated", seed=s, log_events=False).series) for s in SEEDS]


def _steady_after_warmup(series: list[pd.DataFrame]) -> dict:
    columns = [c for c in series[0].columns
               if c.startswith(("queue.", "staff_queue.", "caseload.")) and c not in NOT_LEVELLING]
    assert len(columns) > 20
    moved = {}
    for c in columns:
        drift, se = _drift(series, c, start=WARMUP_DAYS)
        if abs(drift) > 3 * se + 1:
            moved[c] = (round(drift, 1), round(se, 1))
    return moved


STILL_DRIFTING = (
    "miss: the baseline and the calibrated scenario are not yet steady when the one-year "
    "warm-up ends: between the first measured year and the last, beyond the series named in "
    "NOT_LEVELLING, the Wmo, neighbourhood-team and GGZ caseloads, the youth-care and "
    "family-shelter lists and the youth desk's staff queue grow, while the urgency list for "
    "social housing and the transitional homes' list drain from their starting stock. The population only grows: households arrive all run and leave only by "
    "losing contact, frail older people never die, and crises of declining health double over "
    "the run (docs/model.md §7.21). The measured years' means therefore depend on the run's "
    "length; the calibration measures the baseline's five years for that reason.")


@pytest.mark.xfail(strict=True, reason=STILL_DRIFTING)
def test_the_baseline_is_steady_from_the_end_of_the_warm_up(baseline_series):
    moved = _steady_after_warmup(baseline_series)
    assert not moved, f"first measured year differs from the last (drift, se): {moved}"


@pytest.mark.xfail(strict=True, reason=STILL_DRIFTING)
def test_the_calibrated_scenario_is_steady_from_the_end_of_the_warm_up(calibrated_series):
    moved = _steady_after_warmup(calibrated_series)
    assert not moved, f"first measured year differs from the last (drift, se): {moved}"
