"""The housing chain: shelter intake, postal addresses, urgency, moving in and on, and the
ways out of homelessness a household finds without services.

Exits wait on the next queue: when a nominal stay ends the household asks for the next place
(and, through the urgency committee, for a dwelling) but keeps its bed until it gets one, so
one full facility holds up the ones before it (001:L1349, L1882). Waiting lists and
placements are in :mod:`sim.mechanisms.places`, social-housing lettings in
:mod:`sim.mechanisms.lettings`.

A homeless household's own ways out each run on a clock of their own (failure-and-relapse §3):
staying with others (which breaks down after a while: back to the street), back to family
(which breaks down in the same way), and a private room or home, which needs an income. The
service routes are the shelter chain and urgency. Households with children go to the family
shelter instead of the night shelter; people with a severe mental-health need and low
self-reliance are referred from the night shelter to sheltered housing, and leave it for a home
of their own with ambulant support (beschermd thuis).

Decision points asked of the policies: where a postal address registers the household, and
whether a homeless household applies for urgency at intake.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from ..distributions import lognormal
from ..domains import (CENTRE, HOUSING, INCOME, INCOMES, MENTAL, MET, SAFETY, STABLE_HOUSING,
                       Category, Housing, Pot)
from ..streams import OwnStreams
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, FacilityAgent, Household
    from ..model import SocialDomainModel

# Places whose residents are housed by the chain itself: they do not look for a way out
# themselves, and a new shelter intake never sends them back to the night shelter.
INDICATION_SALT = 0x1BD1  # keys the household's own stream of the GGZ's indication (not a model number)
CHAIN_PLACES = ("transitional_home", "womens_shelter", "crisis_shelter", "sheltered_housing",
                "family_shelter")
# What the ``housing_move`` events of the log say (their detail).
MOVES = ("homeless", "with_others", "family", "private_rent", "breakdown", "beschermd_thuis",
         "housed")
M = {name: i for i, name in enumerate(MOVES)}
PRIVATE, SOCIAL = "private", "social"  # tenure of a rented home

class HousingChain(Component):
    name = "housing"
    uses = ("needs", "accounts", "casework", "handoffs", "places", "provisions", "stability",
            "seeking", "violence", "policies", "lettings", "moving", "cross_pot")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self._spell: dict[int, int] = {}  # household -> number of its current homeless spell
        self._stay: dict[int, int] = {}  # household -> number of its current stay with others
        self._housed_spell: dict[int, int] = {}  # household -> spell it was last housed after
        self._indication = OwnStreams(INDICATION_SALT)  # the GGZ's indication, per household

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
        if self._in_chain(hh):
            return  # it has a place in the chain, whose stay leads on (never to the night shelter)
        if hh.has(SAFETY) and hh.need[SAFETY] != MET:
            target = "crisis_shelter"
            m.needs.activate(hh, HOUSING)  # the shelter chain will house them
        elif hh.children and self._has_places("family_shelter"):
            target = "family_shelter"
        else:
            target = "night_shelter"  # and from there, perhaps, sheltered housing
        if m.policies.urgency_at_intake(hh, target):
            self.apply_urgency(hh)
        m.places.join_queue(hh, m.facilities[target])
        if target == "night_shelter" and self._needs_sheltered_housing(hh):
            # triage at the joint intake (001:L1983-1986): on to sheltered housing from the
            # night shelter, or straight there if a place is free first
            m.places.join_queue(hh, m.facilities["sheltered_housing"])
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

    def indicate_from_ggz(self, hh: "Household") -> None:
        """GGZ treatment granted: a household whose self-reliance is below
        ``sheltered_housing.self_reliance_below`` may be indicated for sheltered housing as well
        (``sheltered_housing.p_indication_ggz`` at each grant: every new treatment is a new
        assessment, so a household treated again is indicated more often), wherever it lives now: sheltered housing is
        a Wmo provision for people who cannot live on their own, reached through the GGZ as well
        as through the shelter chain (004:L591-594, 004:L637-676; 002:L155-165, L413-419). It
        joins the sheltered-housing list; a place, when it comes, ends its other housing waits,
        and leaving it leads to a home of its own (beschermd thuis)."""
        if hh.self_reliance >= self.p["sheltered_housing.self_reliance_below"]:
            return
        if self._in_chain(hh):
            return
        if self._indication(hh).random() < self.p["sheltered_housing.p_indication_ggz"]:
            self.model.places.join_queue(hh, self.model.facilities["sheltered_housing"])

    @staticmethod
    def _in_chain(hh: "Household") -> bool:
        """It lives in a place of the shelter chain, whose stay leads on from where it is."""
        return hh.place is not None and hh.place.name in CHAIN_PLACES

    def _needs_sheltered_housing(self, hh: "Household") -> bool:
        return hh.has(MENTAL) and hh.need[MENTAL] != MET and \
            hh.self_reliance < self.p["sheltered_housing.self_reliance_below"]

    def _has_places(self, name: str) -> bool:
        fac = self.model.facilities.get(name)
        return fac is not None and fac.queue.capacity > 0

    # -- the household's own ways out ----------------------------------------------------------
    def homeless_from_now(self, hh: "Household") -> None:
        """The household has just become homeless (or starts so): its own ways out each run on
        a clock of their own, drawn from its life stream."""
        p = self.p
        spell = self._spell.get(hh.hid, 0) + 1
        self._spell[hh.hid] = spell
        hh.tenure = None
        self.model.event(hh, "housing_move", detail=M["homeless"])
        if hh.housing == Housing.WITH_OTHERS:
            self._stay_with_others(hh, spell, "with_others", log=False)
        else:
            self._later(hh, spell, self.p["housing.with_others_days"], self._with_others)
        if hh.life.random() < p["housing.family_network_share"]:
            self._later(hh, spell, 365.0 * math.log(2) / max(p["housing.family_per_year"], 1e-12),
                        self._family)
        self._later(hh, spell, 365.0 * math.log(2) / max(p["housing.private_rent_per_year"], 1e-12),
                    self._private_rent)

    def _later(self, hh: "Household", spell: int, median: float,
               then: Callable[..., None], *args: Any) -> None:
        """``then(hh, spell, ...)`` after an exponential time with the given median."""
        t = self.calendar.now + hh.life.expovariate(math.log(2) / median)
        if t < self.model.end:
            self.calendar.schedule_event(t, then, hh, spell, *args)

    def _on_own(self, hh: "Household", spell: int) -> bool:
        """Still in this homeless spell, and not in any place."""
        return self._spell.get(hh.hid) == spell and hh.place is None and \
            hh.housing not in STABLE_HOUSING

    def _with_others(self, hh: "Household", spell: int) -> None:
        if self._on_own(hh, spell) and hh.housing == Housing.STREET:
            self._stay_with_others(hh, spell, "with_others")

    def _family(self, hh: "Household", spell: int) -> None:
        if self._on_own(hh, spell):
            self._stay_with_others(hh, spell, "family")

    def _stay_with_others(self, hh: "Household", spell: int, route: str, log: bool = True) -> None:
        hh.housing = Housing.WITH_OTHERS
        stay = self._stay.get(hh.hid, 0) + 1
        self._stay[hh.hid] = stay
        if log:
            self.model.event(hh, "housing_move", detail=M[route])
        self._later(hh, spell, self.p["housing.with_others_breakdown_days"], self._breakdown, stay)

    def _breakdown(self, hh: "Household", spell: int, stay: int) -> None:
        """The stay with others or family breaks down: back to the street."""
        if not self._on_own(hh, spell) or self._stay.get(hh.hid) != stay or \
                hh.housing != Housing.WITH_OTHERS:
            return
        hh.housing = Housing.STREET
        self.model.event(hh, "housing_move", detail=M["breakdown"])
        self._later(hh, spell, self.p["housing.with_others_days"], self._with_others)

    def _private_rent(self, hh: "Household", spell: int) -> None:
        """A chance to rent a private room or home, taken if the household has an income (and
        is not in the shelter chain); else the clock runs on."""
        if self._spell.get(hh.hid) != spell or hh.housing in STABLE_HOUSING:
            return
        if hh.income not in INCOMES or self._in_chain(hh):
            self._later(hh, spell, 365.0 * math.log(2) / self.p["housing.private_rent_per_year"],
                        self._private_rent)
            return
        m = self.model
        m.places.leave_housing_queues(hh)
        if hh.place is not None:
            self.move_out(hh, hh.place)
        hh.housing = Housing.OWN_HOME
        hh.tenure = PRIVATE  # a private tenancy: a higher arrears risk than social rent
        hh.has_address = True
        m.event(hh, "housing_move", detail=M["private_rent"])
        case = hh.cases.get(HOUSING)
        if case is not None:
            m.casework.close_case(case)
        self.housed(hh)

    def tenure_of(self, hh: "Household") -> str | None:
        """"private" or "social" for a home this component gave; None otherwise."""
        return hh.tenure

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
        if fac.spec.dwelling and m.moving.delays(hh, fac, elapsed_share):
            return  # from a shelter: the home must be furnished and the move paid first
        old = hh.place
        if old is not None:
            self.move_out(hh, old)
        assert fac.spec.residence is not None
        hh.housing = fac.spec.residence
        hh.ready_to_move = False
        m.needs.activate(hh, HOUSING)  # the shelter chain now handles housing
        if fac.spec.dwelling:
            hh.urgency = False
            hh.tenure = SOCIAL
            from_sheltered = old is not None and old.name == "sheltered_housing"
            if not m.moving.let_earlier(hh):
                m.lettings.taken(beschermd_thuis=from_sheltered)
            if from_sheltered:  # beschermd thuis: a home of one's own with ambulant support
                m.event(hh, "housing_move", detail=M["beschermd_thuis"])
                m.accounts.start_cost(hh, "ambulant_support", Pot.WMO, Category.SERVICES,
                                      self.p["beschermd_thuis.cost_per_day"])
                self.calendar.schedule_event(self.calendar.now + self.p["beschermd_thuis.support_days"],
                                             m.accounts.stop_cost, hh, "ambulant_support")
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
        if fac.name == "night_shelter" and self._needs_sheltered_housing(hh):
            # referred on from the night shelter (001 Kenny), once this move is done
            self.calendar.schedule_event(self.calendar.now, self._refer_on, hh, fac)

    def _refer_on(self, hh: "Household", fac: "FacilityAgent") -> None:
        if hh.place is fac and not hh.disengaged:
            self.model.places.join_queue(hh, self.model.facilities["sheltered_housing"])

    def settle_in(self, hh: "Household", fac: "FacilityAgent", elapsed_share: float) -> None:
        """Initial state: a household already living in a facility."""
        m = self.model
        if fac.name == "family_shelter":
            hh.children = True  # its residents are homeless families
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
        spell = self._spell.get(hh.hid)
        if spell is not None and self._housed_spell.get(hh.hid) != spell \
                and hh.housing in STABLE_HOUSING:
            self._housed_spell[hh.hid] = spell  # housed after homelessness
            self.model.event(hh, "housing_move", detail=M["housed"])
        self.model.casework.release_hold(hh, "shelter_intake")
        if hh.has(HOUSING):
            self.model.provisions.met(hh, HOUSING)
        else:
            self.model.stability.check_settled(hh)

    def stay_over(self, hh: "Household", fac: "FacilityAgent") -> None:
        """The nominal stay is over: on to the next place, keeping this one until then."""
        if hh.place is not fac or self.model.moving.is_waiting(hh):
            return
        m = self.model
        if fac.name == "transitional_home":  # the tenancy converts to an ordinary lease
            self.move_out(hh, fac)
            hh.housing = Housing.SOCIAL_RENT
            hh.tenure = SOCIAL
            m.lettings.contingent()  # the provider gets the next letting for its next resident
            return
        hh.ready_to_move = True
        if fac.name == "crisis_shelter":
            m.violence.after_crisis_stay(hh, fac)
            return
        if fac.name == "womens_shelter" and m.violence.after_womens_stay(hh, fac):
            return
        if hh.disengaged:
            return
        # ready to move on: the shelter's professional looks at what the move will need
        m.cross_pot.consider(hh, m.counters["shelter_intake"])
        trans = m.facilities["transitional_home"]
        if trans.queue.capacity > 0:
            m.places.join_queue(hh, trans)
        if fac.name == "sheltered_housing":  # beschermd thuis: a contingent dwelling, no committee
            m.places.join_queue(hh, m.facilities["social_housing"], priority=self.calendar.now)
            return
        self.apply_urgency(hh)
