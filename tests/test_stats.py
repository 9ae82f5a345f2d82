"""sim.stats against scipy and a textbook: Kaplan-Meier with bands, t-intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from sim.analysis.compare import paired_interval as compare_interval
from sim.metrics import kaplan_meier, km_median
from sim.stats import km_curve, km_median_interval, mean_interval, paired_interval

# Freireich et al. (1963), 6-MP group: weeks in remission, 0 = still in remission (censored).
# The Kaplan-Meier estimate is in every survival textbook (e.g. Kleinbaum & Klein, table 2.3).
WEEKS = np.array([6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35.])
RELAPSED = np.array([1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], bool)
TEXTBOOK = {6: 0.857, 7: 0.807, 10: 0.753, 13: 0.690, 16: 0.627, 22: 0.538, 23: 0.448}


def test_kaplan_meier_matches_the_textbook():
    curve = km_curve(WEEKS, RELAPSED)
    assert list(curve["day"]) == [0, *TEXTBOOK]
    assert curve["survival"].iloc[1:].to_numpy() == pytest.approx(list(TEXTBOOK.values()), abs=5e-4)
    times, surv = kaplan_meier(WEEKS, RELAPSED)
    assert list(times) == list(curve["day"]) and list(surv) == list(curve["survival"])
    assert km_median(WEEKS, RELAPSED) == 23.0


def test_kaplan_meier_bands_are_scipys():
    sf = stats.ecdf(stats.CensoredData.right_censored(WEEKS, ~RELAPSED)).sf
    ci = sf.confidence_interval(0.9, method="log-log")
    curve = km_curve(WEEKS, RELAPSED, level=0.9)
    t = curve["day"].to_numpy()[1:]
    assert curve["survival"].to_numpy()[1:] == pytest.approx(sf.evaluate(t), rel=1e-15)
    assert curve["low"].to_numpy()[1:] == pytest.approx(ci.low.evaluate(t), rel=1e-15)
    assert curve["high"].to_numpy()[1:] == pytest.approx(ci.high.evaluate(t), rel=1e-15)
    assert (curve["low"] <= curve["survival"]).all() and (curve["survival"] <= curve["high"]).all()


def test_median_interval_from_the_bands():
    sf = stats.ecdf(stats.CensoredData.right_censored(WEEKS, ~RELAPSED)).sf
    ci = sf.confidence_interval(0.95, method="log-log")
    times = np.unique(WEEKS[RELAPSED])
    expected_low = times[np.nonzero(ci.low.evaluate(times) <= 0.5)[0][0]]
    out = km_median_interval(WEEKS, RELAPSED)
    assert out["median"] == 23.0 and out["low"] == expected_low < 23.0
    assert out["high"] is None  # the upper band never reaches one half: open-ended
    everyone = km_median_interval(np.arange(1.0, 41.0), np.ones(40, bool))
    assert everyone["low"] < everyone["median"] == 20.0 < everyone["high"]


def test_kaplan_meier_degenerate_inputs():
    assert km_median(np.array([]), np.array([], bool)) is None
    times, surv = kaplan_meier(np.array([3.0, 5.0]), np.array([False, False]))
    assert list(times) == [0.0] and list(surv) == [1.0]
    assert km_median_interval([], []) == {"median": None, "low": None, "high": None}
    # a curve falling to exactly one half counts as reaching it
    assert km_median(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4, bool)) == 2.0


def test_mean_interval_is_ttest_1samp():
    v = np.array([3.1, 2.7, 4.4, 3.9, 3.3, np.nan])
    ci = stats.ttest_1samp(v[:-1], 0.0).confidence_interval(0.95)
    out = mean_interval(v)
    assert out["n"] == 5 and out["mean"] == pytest.approx(v[:-1].mean())
    assert (out["low"], out["high"]) == pytest.approx((ci.low, ci.high), rel=1e-12)
    half = stats.t.ppf(0.975, 4) * v[:-1].std(ddof=1) / math.sqrt(5)
    assert out["half"] == pytest.approx(half, rel=1e-12)
    assert math.isnan(mean_interval([1.0])["low"])
    assert mean_interval([2.0, 2.0])["low"] == mean_interval([2.0, 2.0])["high"] == 2.0


def test_paired_interval_is_ttest_rel():
    base = np.array([10.0, 12.0, 9.5, 11.0, np.nan, 13.0])
    other = np.array([9.0, 11.5, 9.0, 10.0, 8.0, np.nan])
    ok = slice(0, 4)
    ci = stats.ttest_rel(other[ok], base[ok]).confidence_interval(0.95)
    out = paired_interval(base, other)
    assert out["pairs"] == 4 and out["pairs_missing"] == 2
    assert out["diff_mean"] == pytest.approx(np.mean(other[ok] - base[ok]))
    assert (out["diff_ci95_low"], out["diff_ci95_high"]) == pytest.approx((ci.low, ci.high),
                                                                          rel=1e-12)
    assert compare_interval(base, other) == out  # sim compare uses it
    same = paired_interval([1.0, 2.0], [2.0, 3.0])
    assert same["diff_ci95_low"] == same["diff_ci95_high"] == 1.0 and same["diff_ci95_half"] == 0
    assert math.isnan(paired_interval([1.0], [2.0])["diff_ci95_low"])
