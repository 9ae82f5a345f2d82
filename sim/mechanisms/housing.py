"""The housing chain: shelter intake, postal addresses, urgency, moving in and on, finding a
room oneself.

Exits wait on the next queue: when a nominal stay ends the household asks for the next place
(and, through the urgency committee, for a dwelling) but keeps its bed until it gets one, so
one full facility holds up the ones before it (001:L1349, L1882). Waiting lists and
placements are in :mod:`sim.mechanisms.places`, social-housing lettings in
:mod:`sim.mechanisms.lettings`.

Decision points asked of the policies: where a postal address registers the household, and
whether a homeless household applies for urgency at intake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import (CENTRE, HOUSING, INCOME, MENTAL, MET, SAFETY, STABLE_HOUSING, Category,
                       Housing)
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, FacilityAgent, Household

# Places whose residents are housed by the chain itself: finding a room oneself is not sought.
CHAIN_PLACES = ("transitional_home", "womens_shelter", "crisis_shelter", "sheltered_housing")


class HousingChain(Component):
    name = "housing"
    uses = ("needs", "accounts", "casework", "handoffs", "places", "provisions", "stability",
            "seeking", "violence", "policies")

    def provide_housing(self, case: "Case") -> None:
        """Shelter intake granted: a postal address and a place on the right list."""
        m = self.model
        hh = case.hh
        if case.counter.name == "shelter_intake":
            m.casework.hold(case)
        else:
            m.casework.close_case(case)
        self.give_address(hh)
        if case.counter.name == "housing_urgency":
            hh.urgency = True
            m.places.join_queue(hh, m.facilities["social_housing"], priority=self.calendar.now)
            return
        if hh.has(SAFETY) and hh.need[SAFETY] != MET:
            target = "crisis_shelter"
            m.needs.activate(hh, HOUSING)  # the shelter chain will house them
        elif hh.has(MENTAL) and hh.need[MENTAL] != MET and \
                hh.self_reliance < self.p["sheltered_housing.self_reliance_below"]:
            target = "sheltered_housing"
        else:
            target = "night_shelter"
        if m.policies.urgency_at_intake(hh, target):
            self.apply_urgency(hh)
        m.places.join_queue(hh, m.facilities[target])
        if target == "crisis_shelter" and hh.need[SAFETY] != MET:
            m.places.join_queue(hh, m.facilities["womens_shelter"])  # whichever frees first

    def give_address(self, hh: "Household") -> None:
        """A postal address, registered where the policy says (by default at the
        centrumgemeente's desk, which moves responsibility there: 000 Hans)."""
        if hh.has_address:
            return
        m = self.model
        hh.has_address = True
        muni = m.policies.postal_address_municipality(hh)
        if hh.registered != muni:
            hh.registered = muni
            m.event(hh, "registration", muni)
            if muni == CENTRE:
                case = hh.cases.get(INCOME)
                if case is not None and case.counter.name == "work_income":
                    m.casework.close_case(case)  # the home municipality is no longer responsible
                    m.handoffs.refer(hh, INCOME, case.counter, "work_income_centre")
        m.casework.recheck(hh)

    def apply_urgency(self, hh: "Household") -> None:
        if hh.urgency or HOUSING in hh.cases:
            return
        if hh.need[HOUSING] == MET or not hh.has(HOUSING):
            return
        m = self.model
        m.handoffs.refer(hh, HOUSING, m.counters["shelter_intake"], "housing_urgency",
                         warm=hh.director is not None)

    # -- finding a room oneself -----------------------------------------------------------------
    def homeless_from_now(self, hh: "Household") -> None:
        """The household may find a room itself, through its network, if nobody houses it."""
        days = lognormal(hh.life, self.p["problems.own_solution_days"],
                         self.p["problems.own_solution_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self.own_solution, hh)

    def own_solution(self, hh: "Household") -> None:
        if hh.housing in STABLE_HOUSING or hh.place is not None and hh.place.name in CHAIN_PLACES:
            return
        m = self.model
        m.places.leave_housing_queues(hh)
        if hh.place is not None:
            self.move_out(hh, hh.place)
        hh.housing = Housing.OWN_HOME
        hh.has_address = True
        case = hh.cases.get(HOUSING)
        if case is not None:
            m.casework.close_case(case)
        self.housed(hh)

    # -- moving in and on -------------------------------------------------------------------------
    def move_out(self, hh: "Household", fac: "FacilityAgent") -> None:
        """Leave a place: its cost stops and the place goes to the next on its list."""
        m = self.model
        m.accounts.stop_cost(hh, fac.name)
        hh.place = None
        m.event(hh, "exit", fac.org, value=m.places.days_in(hh, fac))
        fac.queue.release(hh, self.calendar.now)

    def move_in(self, hh: "Household", fac: "FacilityAgent", elapsed_share: float) -> None:
        m = self.model
        old = hh.place
        if old is not None:
            self.move_out(hh, old)
        assert fac.spec.residence is not None
        hh.housing = fac.spec.residence
        hh.ready_to_move = False
        m.needs.activate(hh, HOUSING)  # the shelter chain now handles housing
        if fac.spec.dwelling:
            hh.urgency = False
            self.housed(hh)
            return
        hh.place = fac
        m.accounts.start_cost(hh, fac.name, fac.pot, Category.FACILITIES, fac.cost_per_day)
        if fac.name == "crisis_shelter" or fac.name == "womens_shelter":
            m.provisions.met(hh, SAFETY)
        stay = lognormal(hh.service, fac.stay_days, self.p["facilities.stay_sigma"]) * (1.0 - elapsed_share)
        self.calendar.schedule_event(self.calendar.now + stay, self.stay_over, hh, fac)
        if hh.housing in STABLE_HOUSING:
            self.housed(hh)
        else:
            m.stability.check_settled(hh)

    def settle_in(self, hh: "Household", fac: "FacilityAgent", elapsed_share: float) -> None:
        """Initial state: a household already living in a facility."""
        m = self.model
        fac.queue.occupy(hh)
        if fac.spec.treats is not None:
            m.places.settle_in_treatment(hh, fac, elapsed_share)
        else:
            hh.has_address = True
            hh.registered = CENTRE  # they came through the centrumgemeente's shelter chain
            m.needs.handled_by_place(hh, HOUSING)
            self.move_in(hh, fac, elapsed_share)
        hh.told_story = True
        hh.first_contact = None
        m.seeking.pursue(hh)

    def housed(self, hh: "Household") -> None:
        self.model.casework.release_hold(hh, "shelter_intake")
        if hh.has(HOUSING):
            self.model.provisions.met(hh, HOUSING)
        else:
            self.model.stability.check_settled(hh)

    def stay_over(self, hh: "Household", fac: "FacilityAgent") -> None:
        """The nominal stay is over: on to the next place, keeping this one until then."""
        if hh.place is not fac:
            return
        m = self.model
        if fac.name == "transitional_home":  # the tenancy converts to an ordinary lease
            self.move_out(hh, fac)
            hh.housing = Housing.SOCIAL_RENT
            return
        hh.ready_to_move = True
        if fac.name == "crisis_shelter":
            m.violence.after_crisis_stay(hh, fac)
            return
        if fac.name == "womens_shelter" and m.violence.after_womens_stay(hh, fac):
            return
        if hh.disengaged:
            return
        trans = m.facilities["transitional_home"]
        if trans.queue.capacity > 0:
            m.places.join_queue(hh, trans)
        self.apply_urgency(hh)
