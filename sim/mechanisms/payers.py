"""Who pays: who-pays disputes between pots, and cheap solutions across pots (maatwerk).

A service whose pot is ambiguous (sheltered housing or GGZ? the centrumgemeente or the home
municipality? youth care or adult support?) may start a dispute that delays the decision
(004 cases 2 and 10). Paying off rent arrears stops an eviction: the cheap key for the
expensive lock (004 cases 1, 7); under separate pots the paying pot gains nothing and mostly
refuses. Decision points asked of the policies: whether two pots decide as one, whether a
cheap solution is paid directly, whether it is approved, and who has the mandate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import CARE, FAMILY, HOME, HOUSING, MENTAL, MET, SAFETY, Category, Domain, Pot
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Counter, Household

# Profiles whose family need sits between youth care and adult support (turning 18).
BETWEEN_YOUTH_AND_ADULT = ("young_adult", "care_and_family")


class Payers(Component):
    name = "payers"
    uses = ("accounts", "casework", "policies")

    def ambiguous_payers(self, hh: "Household", domain: Domain,
                         counter_name: str) -> tuple[Pot, Pot] | None:
        """Two pots that may each claim the other should pay, or None."""
        if counter_name == "shelter_intake" and domain in (HOUSING, SAFETY):
            if hh.has(MENTAL) and hh.need[MENTAL] != MET:
                return Pot.SHELTER, Pot.ZVW  # sheltered housing or GGZ?
            if hh.registered == HOME:
                return Pot.SHELTER, Pot.WMO  # centrumgemeente or home municipality?
        if domain == CARE and hh.has(MENTAL):
            return Pot.WMO, Pot.ZVW  # support or treatment?
        if domain == FAMILY and self.model.profiles[hh.profile].name in BETWEEN_YOUTH_AND_ADULT:
            return Pot.YOUTH, Pot.WMO  # youth care or adult support?
        return None

    def who_pays_dispute(self, case: "Case") -> bool:
        """Start a who-pays dispute if the service's pot is ambiguous; True when one started."""
        m = self.model
        hh = case.hh
        pair = self.ambiguous_payers(hh, case.domain, case.counter.name)
        if pair is None or m.policies.pots_decide_as_one(*pair):
            return False
        if hh.service.random() >= self.p["casework.p_dispute"]:
            return False
        days = lognormal(hh.service, self.p["casework.dispute_days"], self.p["casework.dispute_sigma"])
        m.event(hh, "dispute", case.counter.org, pair[1], days)
        case.stage = "dispute"
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + days, self.end_dispute, case, case.epoch)
        m.policies.on_dispute(case)
        return True

    def end_dispute(self, case: "Case", epoch: int) -> None:
        if case.epoch != epoch or case.stage != "dispute":
            return
        case.stage = "deciding"
        self.model.casework.grant(case)

    # -- cheap solutions across pots (maatwerk) ---------------------------------------------------
    def consider_arrears_payoff(self, hh: "Household", counter: "Counter") -> None:
        """Pay off rent arrears to stop an eviction, if someone with a budget decides to."""
        if hh.payoff_considered:
            return
        hh.payoff_considered = True
        m = self.model
        p = self.p
        cost = p["casework.arrears_payoff_eur"]
        if m.policies.pays_directly(hh, counter, cost):
            m.accounts.charge(hh, Pot.WMO, Category.SERVICES, cost)
            m.event(hh, "maatwerk", counter.org, 1, cost)
            hh.arrears = False
            return
        avoided = p["problems.p_eviction"] * (
            p["cost.eviction"] + p["night_shelter.cost_per_day"] * p["night_shelter.stay_days"])
        approve = m.policies.approves_cross_pot(hh, counter, cost, avoided)
        pot = m.pots[Pot.SPECIAL_ASSISTANCE]
        if approve and not pot.can_pay(cost, self.calendar.now):
            approve = False
        m.event(hh, "maatwerk", counter.org, int(approve), cost)
        if not approve:
            return
        days = lognormal(hh.service, p["casework.special_assistance_days"],
                         p["casework.special_assistance_sigma"])
        if not m.policies.has_mandate(hh, counter):
            days += p["casework.mandate_wait_days"]
        self.calendar.schedule_event(self.calendar.now + days, self.arrears_paid, hh, cost)

    def arrears_paid(self, hh: "Household", cost: float) -> None:
        if not hh.arrears:
            return
        self.model.accounts.charge(hh, Pot.SPECIAL_ASSISTANCE, Category.SERVICES, cost)
        hh.arrears = False
