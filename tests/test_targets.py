"""The split of calibration/targets.toml into calibration targets and held-out figures: made once,
before the recalibration (docs/calibration.md). These tests keep it honest: more held out than
fitted, held-out figures from every domain, no circularity between a held-out figure and the
parameter table, and a metric that does not exist yet is reported, not refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.analysis.calibration import load_calibration
from sim.analysis.targets import (TargetsError, load_targets, parameters_sourced_by,
                                  parse_targets, source_lines)

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ROOT / "calibration" / "targets.toml"
DOMAINS = {"housing", "debts", "care", "income", "violence"}

# Held-out figures that cite a line that a parameter's source cites too, for another fact of
# the same journey: reviewed, not circular. (figure, parameter) -> what each takes from it.
REVIEWED = {
    ("frail_elderly_organisations", "wmo.response_days"):
        "the parameter takes Mr Jansen's dates; the figure counts his organisations",
    ("frail_elderly_organisations", "wmo.processing_days"): "as above",
    ("frail_elderly_organisations", "casework.processing_sigma"): "as above (the heavy tail)",
    ("frail_elderly_organisations", "casework.p_restart"): "as above (a restarted request)",
    ("frail_elderly_organisations", "cost.wmo_home_help_per_year"): "as above (a price)",
    ("roos_childcare_unmet", "cross_pot.childcare_eur"):
        "the parameter takes the price of childcare; the figure whether it was arranged",
    ("kenny_no_settlement_11m", "housing_urgency.processing_days"):
        "the parameter takes the three months to a dwelling (001:L1493); the figure Kenny's "
        "missing settlement (001:L1490-1494 around it)",
}


@pytest.fixture(scope="module")
def targets():
    return load_targets(TARGETS)


def test_more_held_out_than_calibrated_from_every_domain(targets):
    fitted = [t for t in targets if t.use == "calibration"]
    held = [t for t in targets if t.use == "validation"]
    assert len(held) >= len(fitted)
    # also among those the model can compute today
    assert sum(t.available for t in held) >= sum(t.available for t in fitted)
    assert all(t.domain for t in targets), [t.name for t in targets if not t.domain]
    assert DOMAINS <= {t.domain for t in held}
    for domain in DOMAINS:
        assert any(t.domain == domain and t.available for t in held), domain


def test_no_held_out_figure_is_a_parameters_source(targets):
    circular = {(t.name, k) for t in targets if t.use == "validation"
                for k in parameters_sourced_by(t)} - set(REVIEWED)
    assert not circular, f"held-out figures that are a parameter's own source: {circular}"


def test_reviewed_overlaps_still_exist(targets):
    """Take an entry off REVIEWED when its overlap is gone."""
    by_name = {t.name: t for t in targets}
    for name, key in REVIEWED:
        assert key in parameters_sourced_by(by_name[name]), (name, key)


def test_calibration_targets_estimate_the_parameters_they_are_the_source_of(targets):
    """A calibration target that is a parameter's source is fitted by estimating that
    parameter; otherwise the parameter would be fitted to its own source twice over."""
    cal = load_calibration(ROOT / "calibration" / "baseline.toml")
    estimated = set(cal.keys)
    missing = {(t.name, k) for t in targets if t.use == "calibration" and t.available
               for k in parameters_sourced_by(t) if k not in estimated}
    # the heavy tail of every counter's processing time is not the Wmo journey's alone
    missing -= {("wmo_registration_to_home_help", "casework.processing_sigma")}
    assert not missing, f"calibrate these parameters or drop the target: {missing}"


def test_source_lines_read_ranges_and_bare_lines():
    assert source_lines("001:L1341-1342, L1349; 000 L401") == {
        ("001", 1341), ("001", 1342), ("001", 1349), ("000", 401)}
    assert source_lines("001:L1878-79") == {("001", 1878), ("001", 1879)}
    assert source_lines("NVVK 2022 (11 days)") == set()


ENTRY = """
[calibration.a]
description = "a"
value = 10.0
range = [5.0, 20.0]
unit = "days"
metric = "{metric}"
source = "x"
{extra}
"""


def test_a_pending_metric_is_unavailable_and_an_unknown_one_is_refused():
    ok = parse_targets(ENTRY.format(metric="stable_share", extra="") + ENTRY.format(
        metric="journeys.Kenny.later_figure", extra="pending = true").replace(
            "calibration.a", "validation.b"), "t.toml")
    assert [t.available for t in ok] == [True, False]
    with pytest.raises(TargetsError, match="pending = true"):
        parse_targets(ENTRY.format(metric="journeys.Kenny.onset_to_incom", extra=""),
                      "t.toml")


def test_a_journey_metric_is_available_held_out_and_refused_for_calibration():
    """A named household's figure (sim.analysis.milestones.JOURNEY_METRICS) is computed by the
    held-out comparison: available without pending, never fitted."""
    held = parse_targets(ENTRY.format(metric="stable_share", extra="") + ENTRY.format(
        metric="journeys.Kenny.onset_to_income", extra="").replace(
            "calibration.a", "validation.b"), "t.toml")
    assert [(t.available, t.journey) for t in held] == [(True, False), (True, True)]
    with pytest.raises(TargetsError, match="held-out comparison"):
        parse_targets(ENTRY.format(metric="journeys.Kenny.onset_to_income", extra=""),
                      "t.toml")


def test_the_journey_targets_are_available_and_kept_out_of_the_fit(targets):
    from sim.analysis.milestones import JOURNEY_METRICS

    journeys = [t for t in targets if t.journey]
    assert {t.metric for t in journeys} == set(JOURNEY_METRICS)
    assert all(t.available and t.use == "validation" for t in journeys)
    assert not [t for t in targets if not t.available]  # nothing pending any more
    cal = load_calibration(ROOT / "calibration" / "baseline.toml")
    assert not any(t.journey for t in cal.fitted)
    assert not set(cal.metrics) & set(JOURNEY_METRICS)


def test_fit_report_lists_unavailable_targets_and_parameters_moved_far():
    import pandas as pd

    from sim.analysis.fit import _fit_markdown, _met, _moved

    rows = pd.DataFrame([
        {"description": "a wait", "metric": "spans_days.x.mean", "unit": "days", "observed": 10.0,
         "observed_low": 5.0, "observed_high": 20.0, "default_median": 30.0,
         "default_q05": 28.0, "default_q95": 32.0, "calibrated_median": 12.0,
         "calibrated_q05": 9.0, "calibrated_q95": 15.0, "met": True, "off_by": 0.0,
         "off_by_pct": 0.0, "available": True},
        {"description": "later", "metric": "contact.first_year_homeless_lost_share",
         "unit": "share", "observed": 0.11, "observed_low": 0.03, "observed_high": 0.3,
         "default_median": float("nan"), "default_q05": float("nan"),
         "default_q95": float("nan"), "calibrated_median": float("nan"),
         "calibrated_q05": float("nan"), "calibrated_q95": float("nan"), "met": False,
         "off_by": float("nan"), "off_by_pct": float("nan"), "available": False}])
    table = _fit_markdown(rows)
    assert "the summary has no metric `contact.first_year_homeless_lost_share` yet" in table
    assert _met(rows).startswith("1 of 1 met by the calibrated model; 0 with the scenario's "
                                 "values; 1 unavailable")
    summary = pd.DataFrame([{"parameter": "a.x", "default": 10.0, "median": 30.0, "q05": 25.0,
                             "q95": 35.0},
                            {"parameter": "a.y", "default": 1.0, "median": 1.1, "q05": 0.8,
                             "q95": 1.3}])
    moved = _moved(summary)
    assert "`a.x`: 10 → 30 (3 times" in moved and "a.y" not in moved
    assert "moved no parameter" in _moved(summary.iloc[1:])
