"""Tenancies that can fail at any time, through the stages of the Dutch eviction process.

A household that rents its own home (not a facility) falls into rent arrears at a rate that
depends on its state: a small base rate, a higher one while debts are unmanaged (rising with the
debt), a higher one while it is out of contact with every service, and all of them higher in the
first years after it was housed from homelessness. Losing an income (a job, a recovery claim)
ends in arrears with a chance when no new income or debt help comes in time. Each household
carries one unit-exponential clock, drawn from its ``life`` stream, that the hazard uses up; it is
checked every ``SWEEP_DAYS`` (a step of the method, not of the model), so the onset of arrears
does not depend on how often the state changed.

Arrears follow the Dutch process (failure-and-relapse evidence §1):

    arrears ──signal (vroegsignalering)──▶ contact ──▶ payment plan (stops) or debt help
       │
       └──▶ summons ──▶ judgment ──▶ executed eviction ──▶ homeless, excluded from urgency

At each stage the process may end in an arrangement; arrears paid off (special assistance) or
taken up by debt help stop it. An executed eviction makes the household homeless, as for anyone;
a household housed after homelessness can be evicted again (repeat homelessness).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import (DEBTS, HOUSING, INCOMES, RENTED, Category, Crisis, Housing, Pot)
from ..organisations import O
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household
    from ..model import SocialDomainModel

SWEEP_DAYS = 30.0  # how often the arrears clocks are advanced (a step of the method)


class Stage(IntEnum):
    """Detail of a ``tenancy`` event: a stage of the eviction process reached."""
    ARREARS = 0  # value: the cause (Cause)
    SIGNAL = 1  # the landlord's early signal reached the municipality
    SIGNAL_ACCEPTED = 2  # the municipality reached the household and it accepted help
    SUMMONS = 3
    COURT_ORDER = 4  # judgment: lease dissolved, eviction ordered
    STOPPED = 5  # arrears ended without an eviction; value: the last stage reached
    EVICTED = 6  # executed; value: 1 if the household had been housed after homelessness


class Cause(IntEnum):
    """Value of a ``tenancy`` ARREARS event: why the arrears arose."""
    HAZARD = 0  # debts, disengagement or the base rate
    INCOME_LOSS = 1
    AT_ARRIVAL = 2  # the household came into the model in arrears


STAGES = tuple(s.name.lower() for s in Stage)


class Tenancy(Component):
    name = "tenancy"
    uses = ("needs", "accounts", "seeking", "housing", "casework", "cascades", "debt_help", "signals")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self._clock: dict[int, float] = {}  # household -> hazard left before the next arrears
        self._episode: dict[int, int] = {}  # household -> number of its current arrears episode
        self._stage: dict[int, Stage] = {}  # household -> last stage of a running episode
        self._rehoused: dict[int, float] = {}  # household -> day it was housed after homelessness
        self._was_homeless: set[int] = set()
        self._sweeping = False

    def start(self) -> None:
        """Start the sweep of the arrears clocks (once; the first life that starts does it)."""
        if not self._sweeping:
            self._sweeping = True
            self.calendar.schedule_event(self.calendar.now + SWEEP_DAYS, self.sweep)

    # -- questions ------------------------------------------------------------------------------
    def stage(self, hh: "Household") -> Stage | None:
        """The last stage of the household's running arrears episode, or None."""
        return self._stage.get(hh.hid) if hh.arrears else None

    def at_risk(self, hh: "Household") -> bool:
        """Rents its own home (not a place in a facility)."""
        return hh.housing in RENTED and hh.place is None

    def episode(self, hh: "Household") -> int | None:
        """The number of the household's running arrears episode, or None."""
        return self._episode.get(hh.hid) if self.stage(hh) is not None else None

    def eviction_chance(self, hh: "Household") -> float:
        """The chance that the household's running arrears, if nobody pays them off, end in an
        executed eviction, from the stage the process has reached: summons, court order and
        execution while in arrears; court order and execution after a summons; execution after
        a court order. 0 without a running episode."""
        stage = self.stage(hh)
        if stage is None:
            return 0.0
        p = self.p
        chance = p["problems.p_eviction"]
        if stage < Stage.COURT_ORDER:
            chance *= p["tenancy.p_judgment"]
        if stage < Stage.SUMMONS:
            chance *= p["tenancy.p_summons"]
        return chance

    def rehoused_since(self, hh: "Household") -> float | None:
        """The day the household was housed after homelessness, if it was."""
        return self._rehoused.get(hh.hid)

    def arrears_rate(self, hh: "Household") -> float:
        """The household's hazard of falling into arrears now, per year."""
        p = self.p
        rate = p["tenancy.arrears_hazard_base"]
        if hh.debt_since is not None and hh.has(DEBTS):
            debt = self.model.cascades.debt_now(hh)
            ref = p["tenancy.debt_reference_eur"]
            rate = max(rate, p["tenancy.arrears_hazard_debts"] * 2.0 * debt / (debt + ref))
        if hh.disengaged:
            rate = max(rate, p["tenancy.arrears_hazard_disengaged"])
        since = self._rehoused.get(hh.hid)
        if since is not None and self.calendar.now - since < p["tenancy.rehoused_days"]:
            rate *= p["tenancy.rehoused_hazard_factor"]
        return rate

    # -- the arrears clock ----------------------------------------------------------------------
    def start_tenancy(self, hh: "Household", past: float) -> None:
        """A life starts: a household that arrives in arrears is somewhere in the process."""
        self.start()
        if hh.homeless:
            self._was_homeless.add(hh.hid)
        if hh.arrears and self.at_risk(hh):
            self._begin(hh, Cause.AT_ARRIVAL, past)
        else:
            hh.arrears = False

    def sweep(self) -> None:
        """Advance every tenant's arrears clock by the hazard of its present state."""
        years = SWEEP_DAYS / 365.0
        was_homeless, rehoused = self._was_homeless, self._rehoused
        now = self.calendar.now
        for hh in self.model.households:
            if hh.homeless:
                was_homeless.add(hh.hid)
                continue
            if not self.at_risk(hh):
                continue
            hid = hh.hid
            if hid in was_homeless:
                was_homeless.discard(hid)
                rehoused[hid] = now
            if hh.arrears:
                continue
            left = self._clock.get(hid)
            if left is None:
                left = hh.life.expovariate(1.0)
            left -= self.arrears_rate(hh) * years
            if left <= 0.0:
                self._clock.pop(hid, None)
                self._begin(hh, Cause.HAZARD, 0.0)
            else:
                self._clock[hid] = left
        if now + SWEEP_DAYS < self.model.end:
            self.calendar.schedule_event(now + SWEEP_DAYS, self.sweep)

    def income_lost(self, hh: "Household", job: bool) -> None:
        """An income fell away (a job; or a recovery claim cut the benefit): arrears follow
        unless a new income or debt help comes within ``tenancy.income_gap_days``."""
        if not self.at_risk(hh) or hh.arrears:
            return
        self.calendar.schedule_event(self.calendar.now + self.p["tenancy.income_gap_days"],
                                     self.income_gap_over, hh, job)

    def income_gap_over(self, hh: "Household", job: bool) -> None:
        if not self.at_risk(hh) or hh.arrears:
            return
        if job and hh.income in INCOMES:
            return  # a new income came in time
        if self.model.debt_help.under_control(hh):
            return
        if hh.life.random() < self.p["tenancy.p_arrears_on_income_loss"]:
            self._begin(hh, Cause.INCOME_LOSS, 0.0)

    # -- the process ----------------------------------------------------------------------------
    def _begin(self, hh: "Household", cause: Cause, past: float) -> None:
        m = self.model
        p = self.p
        hid = hh.hid
        hh.arrears = True
        episode = self._episode.get(hid, 0) + 1
        self._episode[hid] = episode
        self._stage[hid] = Stage.ARREARS
        m.event(hh, "tenancy", O["landlord"], Stage.ARREARS, float(cause))
        now = self.calendar.now
        if cause != Cause.AT_ARRIVAL:  # the arrears are a new debt
            arrears = p["cross_pot.pay_arrears_eur"]  # the arrears a tenancy runs up
            if m.debt_help.under_control(hh):
                m.debt_help.new_debts(hh, arrears)
            else:
                hh.debt = m.cascades.debt_now(hh) + arrears
                if hh.debt_since is None:
                    hh.debt_since = now
                m.seeking.add_problem(hh, DEBTS)
        if past < p["tenancy.signal_days"] and hh.service.random() < p["tenancy.p_signal"]:
            self.calendar.schedule_event(now + p["tenancy.signal_days"] - past, self.early_signal,
                                         hh, episode)
        days = lognormal(hh.service, p["tenancy.arrears_to_summons_days"], p["tenancy.stage_sigma"])
        self.calendar.schedule_event(now + max(1.0, days - past), self.summons_due, hh, episode)

    def _running(self, hh: "Household", episode: int) -> bool:
        """The episode is still on; ends it (logged) if the arrears were paid or arranged or
        the household no longer rents its home."""
        if self._episode.get(hh.hid) != episode or hh.hid not in self._stage:
            return False
        if hh.arrears and self.at_risk(hh):
            return True
        self._stop(hh)
        return False

    def _stop(self, hh: "Household") -> None:
        stage = self._stage.pop(hh.hid, None)
        hh.arrears = False
        if stage is not None:
            self.model.event(hh, "tenancy", O["landlord"], Stage.STOPPED, float(stage))

    def _reach(self, hh: "Household", stage: Stage) -> None:
        self._stage[hh.hid] = stage
        self.model.event(hh, "tenancy", O["landlord"], stage)

    def early_signal(self, hh: "Household", episode: int) -> None:
        """The landlord reports the arrears; the municipality tries to reach the household."""
        if not self._running(hh, episode):
            return
        m = self.model
        p = self.p
        m.event(hh, "tenancy", O["landlord"], Stage.SIGNAL)
        if hh.disengaged or hh.service.random() >= p["tenancy.p_signal_contact"]:
            m.signals.landlord(hh, contact=False, to_counter=False)
            return
        m.event(hh, "tenancy", O["landlord"], Stage.SIGNAL_ACCEPTED)
        if hh.service.random() < p["tenancy.p_signal_resolves"]:
            m.signals.landlord(hh, contact=True, to_counter=False)
            self._stop(hh)  # a payment plan with the landlord
            return
        m.signals.landlord(hh, contact=True, to_counter=True)  # brought to the debt-help door

    def arrears_paid(self, hh: "Household") -> None:
        """The arrears are paid off (special assistance) or taken over by an administrator who
        guarantees the rent: the running episode stops at the stage it reached."""
        if hh.hid in self._stage:
            self._stop(hh)
        else:
            hh.arrears = False

    def help_arrives(self, hh: "Household") -> None:
        """Debt help takes up the household's debts: the arrears are arranged, usually."""
        if hh.arrears and hh.hid in self._stage and \
                hh.service.random() < self.p["tenancy.p_help_stops_chain"]:
            self._stop(hh)

    def summons_due(self, hh: "Household", episode: int) -> None:
        if not self._running(hh, episode):
            return
        p = self.p
        if hh.service.random() >= p["tenancy.p_summons"]:
            self._stop(hh)  # an arrangement with the landlord before court
            return
        self._reach(hh, Stage.SUMMONS)
        days = lognormal(hh.service, p["tenancy.summons_to_judgment_days"], p["tenancy.stage_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self.judgment_due, hh, episode)

    def judgment_due(self, hh: "Household", episode: int) -> None:
        if not self._running(hh, episode):
            return
        p = self.p
        if hh.service.random() >= p["tenancy.p_judgment"]:
            self._stop(hh)
            return
        self._reach(hh, Stage.COURT_ORDER)
        days = lognormal(hh.service, p["tenancy.judgment_to_execution_days"], p["tenancy.stage_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self.execution_due, hh, episode)

    def execution_due(self, hh: "Household", episode: int) -> None:
        if not self._running(hh, episode):
            return
        if hh.service.random() >= self.p["problems.p_eviction"]:
            self._stop(hh)
            return
        self.evict(hh)

    def evict(self, hh: "Household") -> None:
        """The bailiff executes the eviction: the household is homeless and excluded from
        social housing for ``problems.eviction_exclusion_days``."""
        m = self.model
        p = self.p
        self._stage.pop(hh.hid, None)
        m.event(hh, "tenancy", O["landlord"], Stage.EVICTED, float(hh.hid in self._rehoused))
        m.event(hh, "crisis", O["landlord"], Crisis.EVICTION)
        m.accounts.charge(hh, Pot.CORPORATION, Category.CRISES, p["cost.eviction"])
        hh.arrears = False
        self._rehoused.pop(hh.hid, None)
        self._was_homeless.add(hh.hid)
        hh.housing = Housing.WITH_OTHERS if hh.life.random() < p["problems.p_with_others_after_eviction"] \
            else Housing.STREET
        hh.has_address = False
        hh.excluded_until = self.calendar.now + p["problems.eviction_exclusion_days"]
        self.calendar.schedule_event(hh.excluded_until, m.casework.recheck, hh)
        if hh.housing == Housing.STREET:
            m.event(hh, "crisis", O["police"], Crisis.POLICE)
            m.accounts.charge(hh, Pot.JUSTICE, Category.CRISES, p["cost.police_callout"])
        m.housing.homeless_from_now(hh)
        m.seeking.add_problem(hh, HOUSING, crisis=True)
