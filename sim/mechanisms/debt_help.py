"""Debt help as the Dutch process (failure-and-relapse evidence §2).

    grant ──▶ stabilisation ──▶ debts mapped ──▶ proposal to the creditors
                 │ (dropout)                        │ all accept        │ one refuses
                 ▼                                  ▼                   ▼
             debts open again                voluntary settlement   forced settlement (court)
                                                    │               or the statutory route (Wsnp)
                                                    ▼               or failure: debts open again
                                      repayment period ──▶ completed: debts cleared
                                             │ (early termination: non-compliance, new debts,
                                             ▼  lost contact)
                                         debts open again

The debts are mapped ``debt_help.request_to_mapped_days`` after the request, one span within which
the counter's intake and decision on access (``debt_help.processing_days``) fall; a decision that
comes later than that delays the mapping to the decision.
Debts are frozen (no growth) and count as under control (the debts need is met) only while the
trajectory holds; when it ends without success the debts problem opens again and the debts
grow again. The amount of debt sets the number of creditors, each of whom must accept.
"""

from __future__ import annotations

import math
from enum import IntEnum
from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import DEBTS, Category, Pot
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Household
    from ..model import SocialDomainModel


class Step(IntEnum):
    """Detail of a ``debt_help`` event: a step of a debt-help trajectory."""
    STARTED = 0  # stabilisation begins; value: the debt
    MAPPED = 1  # debts mapped, proposal sent; value: the number of creditors
    ACCEPTED = 2  # every creditor accepted: the voluntary settlement runs
    REFUSED = 3  # at least one creditor refused
    FORCED = 4  # the court forced the settlement (dwangakkoord)
    WSNP = 5  # admitted to the statutory scheme
    FAILED = 6  # refused, and neither a forced settlement nor the Wsnp: an outcome
    DROPPED_OUT = 7  # left during stabilisation; value: Reason (an outcome)
    TERMINATED = 8  # ended early in the repayment period; value: Reason (an outcome)
    COMPLETED = 9  # the repayment period is over, the rest is forgiven (an outcome)
    NO_FINAL_BALANCE = 10  # a failed firm's books are open: no proposal possible (an outcome)


class Reason(IntEnum):
    """Value of a DROPPED_OUT or TERMINATED event."""
    DROPOUT = 0  # non-compliance, leaving of one's own accord
    NEW_DEBTS = 1
    LOST_CONTACT = 2


STEPS = tuple(s.name.lower() for s in Step)


class Trajectory:
    """A household's running debt-help trajectory."""

    __slots__ = ("number", "step")

    def __init__(self, number: int) -> None:
        self.number = number
        self.step = Step.STARTED


class DebtHelp(Component):
    name = "debt_help"
    uses = ("needs", "accounts", "casework", "seeking", "stability", "cascades", "tenancy",
            "provisions", "cross_pot")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self._running: dict[int, Trajectory] = {}  # household -> its trajectory
        self._count = 0

    # -- questions ------------------------------------------------------------------------------
    def under_control(self, hh: "Household") -> bool:
        """A trajectory holds: the debts are frozen and count as under control."""
        return hh.hid in self._running

    def step(self, hh: "Household") -> Step | None:
        """The last step of the household's running trajectory, or None."""
        t = self._running.get(hh.hid)
        return t.step if t is not None else None

    def creditors(self, debt: float) -> int:
        """Creditors a debt is owed to: ``debt_help.creditors_per_10k`` per €10,000, at least one."""
        return max(1, round(debt * self.p["debt_help.creditors_per_10k"] / 10_000.0))

    # -- the trajectory -------------------------------------------------------------------------
    def begin(self, case: "Case") -> None:
        """Debt help granted: stabilisation begins (income and fixed costs secured, debts frozen,
        arrears taken up), held in a debt-help caseload until the debts are mapped."""
        m = self.model
        p = self.p
        hh = case.hh
        m.casework.hold(case)
        m.accounts.charge(hh, Pot.DEBT_HELP, Category.SERVICES, p["cost.debt_help_per_case"])
        if hh.debt_since is not None:
            hh.debt = m.cascades.debt_now(hh)
        hh.debt_since = None
        self._count += 1
        t = Trajectory(self._count)
        self._running[hh.hid] = t
        m.event(hh, "debt_help", O["credit_bank"], Step.STARTED, hh.debt)
        m.tenancy.help_arrives(hh)
        m.provisions.met(hh, DEBTS)
        # One span from the request: the intake and the decision on access fall within it.
        span = lognormal(hh.service, p["debt_help.request_to_mapped_days"],
                         p["debt_help.request_to_mapped_sigma"])
        now = self.calendar.now
        mapped = max(now, case.opened + span)
        if hh.service.random() < p["debt_help.stabilisation_dropout"]:
            self.calendar.schedule_event(now + hh.service.random() * (mapped - now),
                                         self.drop_out, hh, t.number)
        else:
            self.calendar.schedule_event(mapped, self.debts_mapped, hh, t.number)

    def _current(self, hh: "Household", number: int) -> Trajectory | None:
        t = self._running.get(hh.hid)
        return t if t is not None and t.number == number else None

    def drop_out(self, hh: "Household", number: int) -> None:
        if self._current(hh, number) is None:
            return
        reason = Reason.LOST_CONTACT if hh.disengaged else Reason.DROPOUT
        self._fail(hh, Step.DROPPED_OUT, reason)

    def debts_mapped(self, hh: "Household", number: int) -> None:
        """All debts mapped: the credit bank sends the proposal to every creditor."""
        t = self._current(hh, number)
        if t is None:
            return
        m = self.model
        p = self.p
        if hh.disengaged:
            self._fail(hh, Step.DROPPED_OUT, Reason.LOST_CONTACT)
            return
        if m.cross_pot.books_open(hh):
            # a failed firm without a final balance: no settlement can be proposed (004:L803-817)
            self._fail(hh, Step.NO_FINAL_BALANCE, None)
            return
        m.event(hh, "placed", O["credit_bank"])  # the credit bank monitors from here
        m.casework.release_hold(hh, "debt_help")
        n = self.creditors(hh.debt)
        self._log(hh, t, Step.MAPPED, float(n))
        if hh.service.random() < p["debt_help.p_creditor_accepts"] ** n:
            self._log(hh, t, Step.ACCEPTED)
            self._repay(hh, t, p["debt_help.settlement_days"])
            return
        self._log(hh, t, Step.REFUSED)
        self.calendar.schedule_event(self.calendar.now + p["debt_help.forced_settlement_days"],
                                     self.court_decides, hh, number)

    def court_decides(self, hh: "Household", number: int) -> None:
        """The court on a request for a forced settlement; if it refuses, the statutory route or
        nothing."""
        t = self._current(hh, number)
        if t is None:
            return
        p = self.p
        if hh.service.random() < p["debt_help.p_forced_settlement"]:
            self._log(hh, t, Step.FORCED)
            self._repay(hh, t, p["debt_help.settlement_days"])
        elif hh.service.random() < p["debt_help.p_wsnp_after_refusal"]:
            self.calendar.schedule_event(self.calendar.now + p["debt_help.wsnp_admission_days"],
                                         self.wsnp_admitted, hh, number)
        else:
            self._fail(hh, Step.FAILED, None)

    def wsnp_admitted(self, hh: "Household", number: int) -> None:
        t = self._current(hh, number)
        if t is None:
            return
        self._log(hh, t, Step.WSNP)
        self._repay(hh, t, self.p["debt_help.wsnp_days"])

    def _repay(self, hh: "Household", t: Trajectory, days: float) -> None:
        """The repayment period, which may end early."""
        rate = self.p["debt_help.termination_per_year"] / 365.0
        early = hh.service.expovariate(rate) if rate > 0 else math.inf
        if early < days:
            self.calendar.schedule_event(self.calendar.now + early, self.terminate, hh, t.number)
        else:
            self.calendar.schedule_event(self.calendar.now + days, self.complete, hh, t.number)

    def terminate(self, hh: "Household", number: int) -> None:
        if self._current(hh, number) is None:
            return
        reason = Reason.LOST_CONTACT if hh.disengaged else Reason.DROPOUT
        self._fail(hh, Step.TERMINATED, reason)

    def complete(self, hh: "Household", number: int) -> None:
        """The repayment period is over: the rest of the debts is forgiven."""
        if self._current(hh, number) is None:
            return
        if hh.disengaged:
            self._fail(hh, Step.TERMINATED, Reason.LOST_CONTACT)
            return
        m = self.model
        del self._running[hh.hid]
        m.event(hh, "debt_help", O["credit_bank"], Step.COMPLETED, hh.debt)
        hh.debt = 0.0
        hh.debt_since = None
        if m.needs.resolve(hh, DEBTS):
            m.stability.check_settled(hh)

    def new_debts(self, hh: "Household", amount: float) -> None:
        """New debts (a shock, a recovery claim, rent arrears): they end a running trajectory,
        grow from now on, and make the debts a problem again."""
        m = self.model
        if self.under_control(hh):
            self._fail(hh, Step.TERMINATED, Reason.NEW_DEBTS, reopen=False)
        hh.debt = m.cascades.debt_now(hh) + amount
        hh.debt_since = self.calendar.now
        m.seeking.add_problem(hh, DEBTS)

    # -- endings --------------------------------------------------------------------------------
    def _log(self, hh: "Household", t: Trajectory, step: Step, value: float = 0.0) -> None:
        t.step = step
        self.model.event(hh, "debt_help", O["credit_bank"], step, value)

    def _fail(self, hh: "Household", step: Step, reason: Reason | None, reopen: bool = True) -> None:
        """The trajectory ends without success: the debts grow again and are open again."""
        m = self.model
        del self._running[hh.hid]
        m.event(hh, "debt_help", O["credit_bank"], step, -1.0 if reason is None else float(reason))
        m.casework.release_hold(hh, "debt_help")
        if hh.debt > 0:
            hh.debt_since = self.calendar.now
        if reopen:
            m.seeking.add_problem(hh, DEBTS)
