"""Pattern-oriented validation (Grimm et al. 2005): beside the point figures of
calibration/targets.toml, the patterns the sources describe (docs/evidence/observed-figures.md
§3), each checked on the baseline. None of them is calibrated. A pattern the model misses is a
strict xfail that names the mechanism behind the miss (docs/validation.md, "Patterns"); when a
change makes it pass, the xfail fails and the page must be updated.

One baseline run (55,000 inhabitants, one year of warm-up, three measured years) serves the
point patterns; the capacity pattern runs a smaller town three times."""

from __future__ import annotations

import pytest

from sim.run import run

SEED = 1
BASE = {"run.years": 3.0}
SMALL = {"region.inhabitants": 20000, "run.years": 3.0, "run.warmup_years": 1.0}


@pytest.fixture(scope="module")
def summary() -> dict:
    return run("baseline", seed=SEED, overrides=BASE)


def test_multi_problem_households_meet_more_organisations_than_a_frail_older_person(summary):
    """000 §6.7, 001:L1908-1909 (Kenny: at least five organisations), Mr Jansen (five, counting
    a volunteer and Welzijn): multi-problem households meet more organisations than a frail
    older person with one need, who meets few."""
    many = summary["multi_problem"]["organisations_mean"]
    few = summary["by_profile"]["frail_elderly"]["organisations_mean"]
    assert many > 1.3 * few, (many, few)
    assert few <= 5


@pytest.mark.xfail(strict=True, reason=(
    "miss: a multi-problem household meets about 4-5 social-domain organisations in the "
    "measured years (under twice the frail older person's 3), against 5-20 organisations in "
    "000 §6.7; its about 3 changes of who holds the case are at the bottom of the 3-12 "
    "handoffs. Mechanism: the model has no police, justice, lawyers, GPs, schools or "
    "creditors as organisations; the journeys of 000 run for years and were chosen for what "
    "went wrong."))
def test_multi_problem_counts_reach_the_journeys_ranges(summary):
    mp = summary["multi_problem"]
    few = summary["by_profile"]["frail_elderly"]["organisations_mean"]
    assert 5 <= mp["organisations_mean"] <= 20, mp["organisations_mean"]
    assert mp["organisations_mean"] >= 2 * few, (mp["organisations_mean"], few)
    # a handoff as 000 §6.7 counts it: every change of who holds the case, warm or cold
    assert 3 <= mp["helper_changes_mean"] <= 12, mp["helper_changes_mean"]


def test_shelter_stays_run_past_their_nominal_terms(summary):
    """001:L1341-1349 (sheltered housing: six months, rarely met); Leger des Heils 2022,
    Valente 2023 (stays average over a year against a three-month target). The crisis shelter
    keeps its three-month maximum (004:L403-405) up to the week a stay is checked."""
    stays = summary["stays_days"]
    assert stays["sheltered_housing"]["over_half_year_share"] >= 0.6
    assert stays["womens_shelter"]["median"] > 365
    cap = 90.0  # crisis_shelter.max_stay_days
    longest = summary["violence_chain"]["crisis_stay_max_days"]
    assert longest is None or longest <= cap + 7, longest


@pytest.mark.xfail(strict=True, reason=(
    "miss: 1.9 changes of helper in the first year (target 2-5, calibrated 1.95): a change "
    "of helper is a referral or a change of professional, and households that do not claim, "
    "miss appointments or lose contact (take_up, doenvermogen, contact) spend less of their "
    "first year in a caseload (docs/validation.md)"))
def test_helpers_change_several_times_a_year(summary):
    """001:L2245-2246: homeless people and families change helper at least about three times
    in their first 9-12 months; here: at least twice on average."""
    assert summary["first_year"]["homeless_and_families"]["helper_changes_mean"] >= 2.0


def test_the_violence_chain_is_fast_and_the_homeless_chain_slow(summary):
    """000:L786-791 (Sharon: days from the signal to the crisis shelter) against 000:L401,
    L487-490 (Hans: months on the street before a place)."""
    violence = summary["spans_days"]["violence_onset_to_shelter"]["median"]
    homeless = summary["spans_days"]["homeless_onset_to_place"]["median"]
    assert violence is not None and homeless is not None
    assert violence < 60 and homeless > 90 and homeless > 3 * violence, (violence, homeless)


def test_the_eviction_chain_thins_out(summary):
    """failure-and-relapse §1: arrears > summonses > court orders > executed evictions."""
    t = summary["tenancies"]
    assert t["arrears"] > t["summonses"] > t["court_orders"] > t["executed_evictions"] > 0, t


@pytest.mark.xfail(strict=True, reason=(
    "miss: sheltered housing has a list at 25 places (since the GGZ's indication, "
    "sheltered_housing.p_indication_ggz), but in a town of 20,000 followed for three years "
    "halving its places lengthens the mean wait of those placed from about 380 to 680 days, "
    "less than double: the waits of those still waiting at the end are not in the mean "
    "(censored by the run's end), and youth care's wait in so small a town moves by noise "
    "(18 to 51 days over a handful of places)"))
def test_waits_pile_up_where_capacity_is_short():
    """002:L161-165, 001:L1875-1876: where places are short, the wait grows more than the
    capacity shrinks, and waits elsewhere barely move. Halving sheltered housing (25 to 12
    places per 55,000) more than doubles its mean wait, by at least a month; the waits for a
    GGZ intake and for youth care (which do not depend on it) move by less than a fifth."""
    def waits(capacity: int) -> dict:
        s = run("baseline", seed=SEED, overrides={**SMALL, "sheltered_housing.capacity": capacity})
        return {"sheltered": s["waits_mean_days"]["sheltered_housing"],
                "ggz": s["spans_days"]["ggz_request_to_intake"]["mean"],
                "youth": s["waits_mean_days"]["youth_care"]}

    full, half = waits(25), waits(12)
    assert half["sheltered"] > max(2 * full["sheltered"], full["sheltered"] + 30), (full, half)
    for other in ("ggz", "youth"):
        assert abs(half[other] / full[other] - 1) < 0.2, (other, full, half)
