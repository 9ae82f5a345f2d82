"""Treatment that can fail: a GGZ or youth-care place ends in improvement, partial improvement
or dropout, and a resolved problem can come back."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import count_events, small
from sim.domains import FAMILY, MENTAL, O
from sim.eventlog import K
from sim.mechanisms.provisions import DROPPED_OUT, IMPROVED, PARTIAL

pytestmark = pytest.mark.filterwarnings("ignore::sim.scenario.ScenarioWarning")  # extreme values


def _ends(m, facility: str) -> np.ndarray:
    a = m.log.arrays()
    sel = (a["kind"] == K["treatment_end"]) & (a["org"] == O[facility])
    return a["detail"][sel]


def test_ggz_treatment_ends_in_all_three_outcomes():
    m = small(seed=3)
    ends = _ends(m, "ggz_treatment")
    assert len(ends) > 100
    shares = np.bincount(ends, minlength=3) / len(ends)
    # 0.5 / 0.3 / 0.2 by default: each outcome clearly present, improvement the most common
    assert shares[IMPROVED] > shares[PARTIAL] > 0.1
    assert shares[DROPPED_OUT] > 0.08


def _reopened_at_end(**kw) -> tuple[int, int]:
    """Treatments that ended, and those whose mental-health need was open again at once."""
    m = small(seed=4, **kw)
    a = m.log.arrays()
    ends = (a["kind"] == K["treatment_end"]) & (a["org"] == O["ggz_treatment"])
    unmet = (a["kind"] == K["unmet"]) & (a["detail"] == MENTAL)
    key = set(zip(a["household"][unmet], a["time"][unmet]))
    return sum((h, t) in key for h, t in zip(a["household"][ends], a["time"][ends])), ends.sum()


def test_only_a_dropout_reopens_the_need_at_once():
    reopened, n = _reopened_at_end(ggz__p_improved=1.0, ggz__p_partial=0.0)
    assert n > 50 and reopened == 0
    reopened, n = _reopened_at_end(ggz__p_improved=0.0, ggz__p_partial=1.0)
    assert n > 50 and reopened == 0
    reopened, n = _reopened_at_end(ggz__p_improved=0.0, ggz__p_partial=0.0)
    assert n > 50 and reopened > 0.8 * n


def test_partial_results_come_back_improvements_only_within_the_window():
    def relapse_share(**kw) -> float:
        m = small(seed=4, ggz__relapse_per_year=1.0, ggz__relapse_years=0.02, **kw)
        ends = count_events(m, "treatment_end", org=O["ggz_treatment"])
        return count_events(m, "treatment_relapse", detail=MENTAL) / ends

    assert relapse_share(ggz__p_improved=1.0, ggz__p_partial=0.0) < 0.05
    assert relapse_share(ggz__p_improved=0.0, ggz__p_partial=1.0) > 0.3


def test_dropouts_leave_earlier_than_those_who_finish():
    m = small(seed=5, ggz__p_improved=0.4, ggz__p_partial=0.2)
    a = m.log.arrays()
    sel = (a["kind"] == K["treatment_end"]) & (a["org"] == O["ggz_treatment"])
    days, outcome = a["value"][sel], a["detail"][sel]
    assert np.median(days[outcome == DROPPED_OUT]) < 0.7 * np.median(days[outcome == IMPROVED])


def test_resolved_problems_relapse_only_with_a_relapse_rate():
    assert count_events(small(seed=6, ggz__relapse_per_year=0.0, youth__reentry_per_year=0.0),
                        "treatment_relapse") == 0
    m = small(seed=6, ggz__relapse_per_year=2.0, youth__reentry_per_year=2.0)
    assert count_events(m, "treatment_relapse", detail=MENTAL) > 10
    assert count_events(m, "treatment_relapse", detail=FAMILY) > 0


def test_youth_care_dropout_share_follows_its_parameter():
    low = _ends(small(seed=8, youth__p_dropout=0.0, youth__p_completed=1.0), "youth_care")
    assert len(low) > 10 and (low == DROPPED_OUT).sum() == 0
    high = _ends(small(seed=8, youth__p_dropout=1.0, youth__p_completed=0.0), "youth_care")
    assert len(high) > 10 and (high == DROPPED_OUT).all()


def test_summary_reports_treatment_outcomes():
    from sim.metrics import summary

    s = summary(small(seed=3))["treatment"]
    ggz = s["ggz_treatment"]
    assert ggz["ended"] == ggz["improved"] + ggz["partial"] + ggz["dropped_out"] > 50
    assert 0 < ggz["dropout_share"] < 0.5
