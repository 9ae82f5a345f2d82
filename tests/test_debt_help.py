"""Debt help as the Dutch process: stabilisation, creditors, forced settlement, Wsnp, dropout,
early termination and completion."""

from __future__ import annotations

import numpy as np

from conftest import SMALL, count_events, outcome, small
from sim.domains import DEBTS, MET
from sim.eventlog import K
from sim.mechanisms.debt_help import Reason, Step
from sim.model import SocialDomainModel


# Debt help on its own: every household with debts asks for help (no non-take-up), keeps its
# appointments and hands in its papers (no doenvermogen slips), follows referrals, and stays in
# contact (no moving away, unreachability or detention). Without this the steps these tests
# count are reached by too few trajectories in a small town to measure the step itself.
ISOLATED = {"take_up__p_claim_debt_help": 1.0,
            "doenvermogen__no_show_base": 0.0, "doenvermogen__no_show_slope": 0.0,
            "doenvermogen__paperwork_base": 0.0, "doenvermogen__paperwork_slope": 0.0,
            "doenvermogen__follow_through_base": 1.0, "doenvermogen__follow_through_slope": 0.0,
            "contact__move_away_per_year_homeless": 0.0, "contact__move_away_per_year_housed": 0.0,
            "contact__unreachable_per_year_homeless": 0.0,
            "contact__unreachable_per_year_housed": 0.0,
            "contact__detention_per_year_homeless": 0.0, "contact__detention_per_year_housed": 0.0}


def _steps(model, step: Step) -> int:
    return count_events(model, "debt_help", detail=step)


def test_creditors_follow_the_debt():
    m = SocialDomainModel("baseline", rng=1, overrides=SMALL)
    assert m.debt_help.creditors(40_000) == 12  # NVVK: EUR 40k, about 13 creditors
    assert m.debt_help.creditors(1_800) == 1
    assert m.debt_help.creditors(0) == 1


def test_creditors_accept_or_refuse_the_proposal():
    accept = small(seed=1, **ISOLATED, debt_help__p_creditor_accepts=1.0)
    refuse = small(seed=1, **ISOLATED, debt_help__p_creditor_accepts=0.0)
    assert _steps(accept, Step.MAPPED) > 50
    assert _steps(accept, Step.REFUSED) == 0
    assert _steps(accept, Step.ACCEPTED) == _steps(accept, Step.MAPPED)
    assert _steps(refuse, Step.ACCEPTED) == 0
    assert _steps(refuse, Step.REFUSED) == _steps(refuse, Step.MAPPED) > 50


def test_large_debts_are_refused_more_often():
    """Acceptance is per creditor, and creditors come with the debt."""
    m = small(seed=2, debt_help__p_creditor_accepts=0.95, take_up__p_claim_debt_help=1.0)
    a = m.log.arrays()
    ev = a["kind"] == K["debt_help"]
    mapped = ev & (a["detail"] == Step.MAPPED)
    refused_who = set(a["household"][ev & (a["detail"] == Step.REFUSED)].tolist())
    creditors = a["value"][mapped]
    refused = np.array([h in refused_who for h in a["household"][mapped]])
    few, many = creditors <= 2, creditors >= 5
    assert few.sum() > 20 and many.sum() > 20
    assert refused[many].mean() > refused[few].mean()


def test_a_refusal_leads_to_a_forced_settlement_the_wsnp_or_failure():
    none = {"debt_help__p_creditor_accepts": 0.0}
    forced = small(seed=3, **none, debt_help__p_forced_settlement=1.0)
    assert _steps(forced, Step.FORCED) > 20 and _steps(forced, Step.FAILED) == 0
    wsnp = small(seed=3, **none, debt_help__p_forced_settlement=0.0,
                 debt_help__p_wsnp_after_refusal=1.0)
    assert _steps(wsnp, Step.FORCED) == 0 and _steps(wsnp, Step.WSNP) > 20
    failed = small(seed=3, **none, debt_help__p_forced_settlement=0.0,
                   debt_help__p_wsnp_after_refusal=0.0)
    assert _steps(failed, Step.FAILED) > 20
    assert _steps(failed, Step.WSNP) == _steps(failed, Step.FORCED) == 0
    s = outcome(seed=3, **none, debt_help__p_forced_settlement=0.0,
                debt_help__p_wsnp_after_refusal=0.0)["debt_trajectories"]
    assert s["refused_by_creditors"] > 0 and s["completed"] == 0


def test_dropout_reopens_the_debts_and_they_grow_again():
    m = small(seed=4, debt_help__stabilisation_dropout=1.0)
    a = m.log.arrays()
    dropped = (a["kind"] == K["debt_help"]) & (a["detail"] == Step.DROPPED_OUT)
    assert dropped.sum() > 50
    assert _steps(m, Step.MAPPED) == 0
    unmet = (a["kind"] == K["unmet"]) & (a["detail"] == DEBTS)
    reopened = set(zip(a["household"][unmet].tolist(), a["time"][unmet].tolist()))
    assert all((h, t) in reopened for h, t in zip(a["household"][dropped].tolist(),
                                                   a["time"][dropped].tolist()))
    who = set(a["household"][dropped].tolist())
    for hh in m.households:
        if hh.hid in who and hh.debt > 0 and not m.debt_help.under_control(hh) \
                and hh.need[DEBTS] != MET:  # (not under budget management since)
            assert hh.debt_since is not None  # the debts grow again
    never = small(seed=4, debt_help__stabilisation_dropout=0.0).log.arrays()
    gone = (never["kind"] == K["debt_help"]) & (never["detail"] == Step.DROPPED_OUT)
    assert (never["value"][gone] == Reason.LOST_CONTACT).all()  # only those out of view


def test_debts_are_under_control_only_while_the_trajectory_holds():
    m = small(seed=5)
    for hh in m.households:
        if m.debt_help.under_control(hh):
            assert hh.debt_since is None  # frozen
        elif hh.has(DEBTS) and hh.debt > 0 and hh.need[DEBTS] != MET:
            assert hh.debt_since is not None  # growing


def test_repayment_ends_in_completion_or_early_termination():
    quick = {**ISOLATED, "debt_help__settlement_days": 120.0, "debt_help__wsnp_days": 120.0,
             "debt_help__stabilisation_dropout": 0.0, "debt_help__p_creditor_accepts": 1.0}
    done = outcome(seed=6, **quick, debt_help__termination_per_year=0.0)["debt_trajectories"]
    cut = outcome(seed=6, **quick, debt_help__termination_per_year=5.0)["debt_trajectories"]
    assert done["completed"] > 50
    assert cut["completed"] < done["completed"] / 2
    assert cut["dropped_out"] > done["dropped_out"] + 30


def test_completion_clears_the_debts():
    m = small(seed=6, debt_help__settlement_days=60.0, debt_help__stabilisation_dropout=0.0,
              debt_help__termination_per_year=0.0, debt_help__p_creditor_accepts=1.0)
    a = m.log.arrays()
    done = set(a["household"][(a["kind"] == K["debt_help"]) & (a["detail"] == Step.COMPLETED)])
    assert len(done) > 20
    cleared = [hh for hh in m.households if hh.hid in done and not hh.has(DEBTS)]
    assert len(cleared) > len(done) / 2  # the rest met new debts later
    assert all(hh.debt == 0.0 for hh in cleared)


def test_request_to_debts_mapped_is_the_evidence_span():
    """Panteia: debts mapped about 81 days after the request (not 81 + 105 as before)."""
    claims = {"take_up__p_claim_debt_help": 1.0}  # enough requests to measure the span
    span = outcome(seed=1, **claims)["spans_days"]["debt_help_request_to_debts_mapped"]
    assert span["n"] > 50
    assert 65 <= span["median"] <= 100 and 65 <= span["mean"] <= 110
    longer = outcome(seed=1, debt_help__request_to_mapped_days=160.0, **claims)
    assert longer["spans_days"]["debt_help_request_to_debts_mapped"]["median"] > 125
