"""Statistics the tools report, computed by scipy.

- Kaplan-Meier survival curves of censored durations, with pointwise confidence bands:
  ``scipy.stats.ecdf`` on ``scipy.stats.CensoredData`` (Greenwood's variance, log-log bands);
  the median and its interval are read off the curve and its bands (the first time each falls
  to one half), as R's ``survfit`` does.
- The t-interval of a mean (``scipy.stats.ttest_1samp``) and of a paired difference under
  common random numbers (``scipy.stats.ttest_rel``), via their ``confidence_interval()``.

Every function takes plain sequences and returns plain floats (NaN or None where there is no
value), so the results go straight into tables and JSON.
"""

from __future__ import annotations

from typing import Any

import math
import warnings
from typing import Sequence

import numpy as np
from numpy.typing import ArrayLike
import pandas as pd

LEVEL = 0.95
# S(t) is a product of many factors; a curve that falls to exactly one half may land a rounding
# error above it. Within this tolerance it counts as one half.
HALF = 0.5 + 1e-12


def _censored(durations: "ArrayLike", observed: "ArrayLike") -> Any:
    from scipy import stats

    d = np.asarray(durations, dtype=float)
    e = np.asarray(observed, dtype=bool)
    return stats.CensoredData.right_censored(d, ~e)


def km_curve(durations: "ArrayLike", observed: "ArrayLike", level: float = LEVEL,
             bands: bool = True) -> pd.DataFrame:
    """The Kaplan-Meier curve at day 0 and at every time an event happened: columns ``day``,
    ``survival`` (the share without the event just after that day) and, with ``bands``,
    ``low`` and ``high`` (pointwise ``level`` interval; log-log, so within 0-1)."""
    from scipy import stats

    d = np.asarray(durations, dtype=float)
    e = np.asarray(observed, dtype=bool)
    times = np.unique(d[e])
    columns = ["day", "survival"] + (["low", "high"] if bands else [])
    if times.size == 0:
        return pd.DataFrame([[0.0, 1.0] + ([1.0, 1.0] if bands else [])], columns=columns)
    sf = stats.ecdf(_censored(d, e)).sf
    surv = sf.evaluate(times)
    out = {"day": np.concatenate([[0.0], times]), "survival": np.concatenate([[1.0], surv])}
    if bands:
        with warnings.catch_warnings():
            # undefined where S(t) is 0 or 1; the band there is the estimate itself
            warnings.simplefilter("ignore", RuntimeWarning)
            ci = sf.confidence_interval(level, method="log-log")
            low, high = ci.low.evaluate(times), ci.high.evaluate(times)
        out["low"] = np.concatenate([[1.0], np.where(np.isnan(low), surv, low)])
        out["high"] = np.concatenate([[1.0], np.where(np.isnan(high), surv, high)])
    return pd.DataFrame(out, columns=columns)


def _first_at_half(days: np.ndarray, curve: np.ndarray) -> float | None:
    below = np.nonzero(curve <= HALF)[0]
    return float(days[below[0]]) if below.size else None


def km_median(durations: "ArrayLike", observed: "ArrayLike") -> float | None:
    """Median time to the event, or None when the curve never falls to one half."""
    if np.asarray(durations).size == 0:
        return None
    c = km_curve(durations, observed, bands=False)
    return _first_at_half(c["day"].to_numpy(), c["survival"].to_numpy())


def km_median_interval(durations: "ArrayLike", observed: "ArrayLike",
                       level: float = LEVEL) -> dict[str, float | None]:
    """The Kaplan-Meier median with its ``level`` interval: the first times the lower and the
    upper band fall to one half. None where a curve never does (an open-ended interval)."""
    if np.asarray(durations).size == 0:
        return {"median": None, "low": None, "high": None}
    c = km_curve(durations, observed, level)
    days = c["day"].to_numpy()
    return {"median": _first_at_half(days, c["survival"].to_numpy()),
            "low": _first_at_half(days, c["low"].to_numpy()),
            "high": _first_at_half(days, c["high"].to_numpy())}


def mean_interval(values: Sequence[float], level: float = LEVEL) -> dict[str, float]:
    """Mean of the values (NaN left out) with its t-interval (``ttest_1samp``): ``n``,
    ``mean``, ``sd``, ``low``, ``high``, ``half``. With one value the interval is NaN; with no
    spread it is the mean itself."""
    from scipy import stats

    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    n = int(v.size)
    mean = float(v.mean()) if n else math.nan
    sd = float(v.std(ddof=1)) if n > 1 else math.nan
    if n < 2:
        low = high = math.nan
    elif sd == 0.0:
        low = high = mean
    else:
        ci = stats.ttest_1samp(v, 0.0).confidence_interval(level)
        low, high = float(ci.low), float(ci.high)
    return {"n": n, "mean": mean, "sd": sd, "low": low, "high": high, "half": (high - low) / 2}


def paired_interval(base: Sequence[float], other: Sequence[float],
                    level: float = LEVEL) -> dict[str, float]:
    """Mean of the paired differences ``other - base`` with its t-interval (``ttest_rel``).
    Pairs with a missing value on either side are left out: ``pairs`` used, ``pairs_missing``
    left out. Keys: ``diff_mean``, ``diff_sd``, ``diff_ci95_low``, ``diff_ci95_high``,
    ``diff_ci95_half`` (named for the default level). The paired interval is the one-sample
    interval of the differences (what ``ttest_rel`` computes), so :func:`mean_interval` gives it."""
    b, o = np.asarray(base, dtype=float), np.asarray(other, dtype=float)
    ok = ~(np.isnan(b) | np.isnan(o))
    m = mean_interval(o[ok] - b[ok], level)
    return {"diff_mean": m["mean"], "diff_sd": m["sd"], "diff_ci95_low": m["low"],
            "diff_ci95_high": m["high"], "diff_ci95_half": m["half"], "pairs": m["n"],
            "pairs_missing": int(b.size - m["n"])}


def km_rmst(durations: "ArrayLike", observed: "ArrayLike", horizon: float,
            level: float = LEVEL) -> dict[str, float | None]:
    """Restricted mean time to the event up to ``horizon``: the area under the Kaplan-Meier
    curve from 0 to ``horizon`` (the mean number of days, of the first ``horizon``, spent before
    the event). Unlike the median it is defined however few have the event. Its ``level``
    interval is normal, with Greenwood's variance of the area (as R's ``survRM2``):
    ``Var = sum_i A_i**2 d_i / (n_i (n_i - d_i))`` over event times t_i < horizon, where A_i is
    the area under the curve from t_i to the horizon, d_i the events at t_i and n_i those at
    risk. Beyond the last follow-up the curve is held at its last value. Keys: ``rmst``, ``se``,
    ``low``, ``high`` (None when there are no durations)."""
    from scipy import stats

    d = np.asarray(durations, dtype=float)
    e = np.asarray(observed, dtype=bool)
    if d.size == 0:
        return {"rmst": None, "se": None, "low": None, "high": None}
    if not horizon > 0:
        raise ValueError(f"the horizon of a restricted mean must be positive, not {horizon}")
    c = km_curve(d, e, bands=False)
    days, surv = c["day"].to_numpy(), c["survival"].to_numpy()
    inside = days < horizon
    steps = np.append(days[inside], horizon)
    widths = np.diff(steps)
    pieces = surv[inside] * widths  # S is constant between event times
    rmst = float(pieces.sum())
    times = days[1:][days[1:] < horizon]  # event times (day 0 is not one)
    if times.size:
        # area from each event time to the horizon: the sum of the pieces after it
        after = np.cumsum(pieces[::-1])[::-1][1:]
        n_at_risk = (d[None, :] >= times[:, None]).sum(axis=1).astype(float)
        events = ((d[None, :] == times[:, None]) & e[None, :]).sum(axis=1).astype(float)
        ok = n_at_risk > events  # where all at risk have the event, S falls to 0 and A_i = 0
        var = float((after[ok] ** 2 * events[ok] / (n_at_risk[ok] * (n_at_risk[ok] - events[ok]))).sum())
    else:
        var = 0.0
    se = math.sqrt(var)
    z = float(stats.norm.ppf(0.5 + level / 2))
    return {"rmst": rmst, "se": se, "low": rmst - z * se, "high": rmst + z * se}
