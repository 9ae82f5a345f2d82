"""Facilities and the housing chain: shelter, sheltered housing, transitional homes, social
housing, and the treatment places of GGZ and youth care.

Exits wait on the next queue: when a nominal stay ends the household asks for the next
place (and, through the urgency committee, for a dwelling) but keeps its bed until it gets
one, so one full facility holds up the ones before it (001:L1349, L1882).
"""

from __future__ import annotations

from ..domains import (ACTIVE, BLOCKED, KNOWN, C, FAMILY, H, HOUSING, MENTAL, MET, SAFETY, STABLE_HOUSING,
                       CENTRE, HOME)
from .help_seeking import lognormal

RESIDENTIAL = {"night_shelter": H["night_shelter"], "crisis_shelter": H["crisis_shelter"],
               "womens_shelter": H["womens_shelter"], "sheltered_housing": H["sheltered_housing"],
               "transitional_home": H["transitional_home"], "social_housing": H["social_rent"]}
TREATMENT = {"ggz_treatment": MENTAL, "youth_care": FAMILY}


def _org(fac) -> int:
    return fac.org


class Housing:
    def provide_housing(self, case) -> None:
        """Shelter intake granted: a postal address and a place on the right list."""
        hh = case.hh
        if case.counter.name == "shelter_intake":
            self.hold(case)
        else:
            self.close_case(case)
        self.give_address(hh)
        if case.counter.name == "housing_urgency":
            hh.urgency = True
            self.join_queue(hh, self.facilities["social_housing"], priority=self.calendar.now)
            return
        if hh.has(SAFETY) and hh.need[SAFETY] != MET:
            target = "crisis_shelter"
            if hh.need[HOUSING] in (KNOWN, BLOCKED):  # the shelter chain will house them
                hh.need[HOUSING] = ACTIVE
        elif hh.has(MENTAL) and hh.need[MENTAL] != MET and hh.self_reliance < 0.5:
            target = "sheltered_housing"
        else:
            target = "night_shelter"
        if self.p["reform.housing_first"] and target == "night_shelter":
            self.apply_urgency(hh)
        self.join_queue(hh, self.facilities[target])
        if target == "crisis_shelter" and hh.need[SAFETY] != MET:
            self.join_queue(hh, self.facilities["womens_shelter"])  # whichever frees first

    def give_address(self, hh) -> None:
        """A postal address; at the centrumgemeente's desk it moves registration there
        (000 Hans), unless the home municipality registers postal addresses itself."""
        if hh.has_address:
            return
        hh.has_address = True
        muni = HOME if self.p["reform.postal_address_home"] else CENTRE
        if hh.registered != muni:
            hh.registered = muni
            self.event(hh, "registration", muni)
            if muni == CENTRE:
                case = hh.cases.get(2)
                if case is not None and case.counter.name == "work_income":
                    self.close_case(case)  # the home municipality is no longer responsible
                    self.refer(hh, 2, case.counter, "work_income_centre")
        self.recheck(hh)

    def apply_urgency(self, hh) -> None:
        if hh.urgency or 1 in hh.cases:
            return
        if hh.need[HOUSING] == MET or not hh.has(HOUSING):
            return
        self.refer(hh, HOUSING, self.counters["shelter_intake"], "housing_urgency",
                   warm=hh.director is not None)

    # -- queues and places ----------------------------------------------------------------------
    def join_queue(self, hh, fac, priority: float = 0.0) -> None:
        if fac.queue.is_waiting(hh) or hh in fac.queue.occupants:
            return
        self.event(hh, "queue_join", fac.org)
        hh.waiting.add(fac)
        placed = fac.queue.request(hh, self.calendar.now, priority)
        if not placed:
            self.watch_queue(hh, fac)
            per_day = self.p["household.trust_loss_wait_month"] / 30.0
            if per_day > 0:  # waiting wears trust down; when it is gone, so is the household
                margin = hh.trust - self.p["household.trust_threshold"]
                self.calendar.schedule_event(self.calendar.now + max(0.0, margin) / per_day,
                                             self.patience_lost, hh, fac, self.calendar.now)

    def leave_queue(self, hh, fac) -> None:
        fac.queue.withdraw(hh)
        hh.waiting.discard(fac)
        self.event(hh, "queue_leave", fac.org)

    def patience_lost(self, hh, fac, since: float) -> None:
        q = fac.queue
        if q.is_waiting(hh) and q.waiting_since(hh) == since and not hh.disengaged:
            self.lose_trust(hh, hh.trust)

    def homeless_from_now(self, hh) -> None:
        """The household may find a room itself, through its network, if nobody houses it."""
        days = lognormal(hh.life, self.p["problems.own_solution_days"], 0.8)
        self.calendar.schedule_event(self.calendar.now + days, self.own_solution, hh)

    def own_solution(self, hh) -> None:
        if hh.housing in STABLE_HOUSING or hh.place is not None and hh.place.name in (
                "transitional_home", "womens_shelter", "crisis_shelter", "sheltered_housing"):
            return
        for fac in sorted(hh.waiting, key=_org):  # a set: a fixed order keeps the log reproducible
            if fac.name in RESIDENTIAL:
                self.leave_queue(hh, fac)
        if hh.place is not None:
            old = hh.place
            self.stop_cost(hh, old.name)
            hh.place = None
            self.event(hh, "exit", old.org)
            old.queue.release(hh, self.calendar.now)
        hh.housing = H["own_home"]
        hh.has_address = True
        case = hh.cases.get(HOUSING)
        if case is not None:
            self.close_case(case)
        self.housed(hh)

    def on_placed(self, hh, facility, wait: float) -> None:
        """Called by a Facility when a place is allocated."""
        if isinstance(hh, tuple):  # a household from outside the model
            return
        fac = self.facilities[facility.name]
        hh.waiting.discard(fac)
        self.event(hh, "placed", fac.org, value=wait)
        self.lose_trust(hh, self.p["household.trust_loss_wait_month"] * wait / 30.0)
        self.gain_trust(hh)
        if fac.name in TREATMENT:
            domain = TREATMENT[fac.name]
            self.start_cost(hh, fac.name, fac.pot, C["facilities"], fac.cost_per_day)
            stay = lognormal(hh.service, fac.stay_days, 0.5)
            self.calendar.schedule_event(self.calendar.now + stay, self.leave_treatment, hh, fac)
            self.met(hh, domain)
            return
        for other in sorted(hh.waiting, key=_org):  # a place ends every other housing wait
            if other.name in RESIDENTIAL:
                self.leave_queue(hh, other)
        self.move_in(hh, fac, elapsed_share=0.0)

    def move_in(self, hh, fac, elapsed_share: float) -> None:
        old = hh.place
        if old is not None:
            self.stop_cost(hh, old.name)
            hh.place = None
            self.event(hh, "exit", old.org)
            old.queue.release(hh, self.calendar.now)
        hh.housing = RESIDENTIAL[fac.name]
        hh.ready_to_move = False
        if hh.need[HOUSING] in (KNOWN, BLOCKED):  # the shelter chain now handles housing
            hh.need[HOUSING] = ACTIVE
        if fac.name == "social_housing":
            hh.urgency = False
            self.housed(hh)
            return
        hh.place = fac
        self.start_cost(hh, fac.name, fac.pot, C["facilities"], fac.cost_per_day)
        if fac.name == "crisis_shelter" or fac.name == "womens_shelter":
            self.met(hh, SAFETY)
        stay = lognormal(hh.service, fac.stay_days, 0.4) * (1.0 - elapsed_share)
        self.calendar.schedule_event(self.calendar.now + stay, self.stay_over, hh, fac)
        if hh.housing in STABLE_HOUSING:
            self.housed(hh)
        else:
            self.check_settled(hh)

    def settle_in(self, hh, fac, elapsed_share: float) -> None:
        """Initial state: a household already living in a facility."""
        if fac.name in TREATMENT:
            domain = TREATMENT[fac.name]
            fac.queue.occupy(hh)
            hh.need[domain] = MET
            self.start_cost(hh, fac.name, fac.pot, C["facilities"], fac.cost_per_day)
            stay = lognormal(hh.service, fac.stay_days, 0.5) * (1.0 - elapsed_share)
            self.calendar.schedule_event(stay, self.leave_treatment, hh, fac)
        else:
            fac.queue.occupy(hh)
            hh.has_address = True
            hh.registered = CENTRE
            if hh.has(HOUSING):
                hh.need[HOUSING] = ACTIVE
            self.move_in(hh, fac, elapsed_share)
        hh.told_story = True
        hh.first_contact = None
        self.pursue(hh)

    def housed(self, hh) -> None:
        self.release_hold(hh, "shelter_intake")
        if hh.has(HOUSING):
            self.met(hh, HOUSING)
        else:
            self.check_settled(hh)

    def stay_over(self, hh, fac) -> None:
        """The nominal stay is over: on to the next place, keeping this one until then."""
        if hh.place is not fac:
            return
        if fac.name == "transitional_home":  # the tenancy converts to an ordinary lease
            self.stop_cost(hh, fac.name)
            hh.place = None
            self.event(hh, "exit", fac.org)
            fac.queue.release(hh, self.calendar.now)
            hh.housing = H["social_rent"]
            return
        hh.ready_to_move = True
        if fac.name == "crisis_shelter":
            self.join_queue(hh, self.facilities["womens_shelter"])
            return
        if hh.disengaged:
            return
        trans = self.facilities["transitional_home"]
        if trans.queue.capacity > 0:
            self.join_queue(hh, trans)
        self.apply_urgency(hh)

    def leave_treatment(self, hh, fac) -> None:
        if hh not in fac.queue.occupants:
            return
        self.stop_cost(hh, fac.name)
        self.event(hh, "exit", fac.org)
        fac.queue.release(hh, self.calendar.now)
        self.treatment_over(hh, TREATMENT[fac.name])

    # -- social housing lettings ----------------------------------------------------------------
    def start_lettings(self) -> None:
        self._letting_rng = self.streams.system(2)
        self.lettings = 0
        self._schedule_letting()

    def _schedule_letting(self) -> None:
        rate = self.p["social_housing.lettings_per_year"] / 365.0
        if rate > 0:
            t = self.calendar.now + self._letting_rng.expovariate(rate)
            if t < self.end:
                self.calendar.schedule_event(t, self.letting)

    def letting(self) -> None:
        """A social dwelling becomes free for a household with urgency."""
        q = self.facilities["social_housing"].queue
        self.lettings += 1
        if q.n_waiting > 0:  # otherwise it goes to someone outside the model
            q.set_capacity(q.capacity + 1, self.calendar.now)
        self._schedule_letting()

