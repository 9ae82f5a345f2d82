"""The domestic-violence chain: signals that bring a victim in, the crisis shelter with its
three-month cap, and the way out of the crisis and women's shelters (000 Sharon; 004 M9).

Victims seldom find the right door themselves (000:L775-791). When a victim starts to look for
help, three signal routes race: the family calls Veilig Thuis (the first visit works with
``violence.p_vt_first_visit_effective``), neighbours raise the alarm (``violence.
neighbour_signal_days``), or the police are called to the home (``violence.
police_signal_per_year``); a victim who does reach the shelter intake is a route of her own.
The first route that works brings her to the shelter intake, which arranges a crisis place
within ``violence.signal_to_place_days`` instead of its ordinary intake and processing.

The crisis shelter is left when the nominal stay ends, by one of four routes: the women's
shelter (waiting for a place, at most until ``crisis_shelter.max_stay_days`` after admission,
004:L403-405), home with a safety plan (which may end in a new referral), family or others,
or an urgency dwelling. Women's-shelter leavers get urgency through the shelter's social
worker (000:L829-830).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..distributions import lognormal
from ..domains import HOUSING, MET, NO_PROBLEM, SAFETY, SIGNAL, Housing
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, FacilityAgent, Household

# Signal routes (detail of a "violence_signal" event).
SIGNAL_ROUTES = ("self", "veilig_thuis", "neighbours", "police")
OWN, VEILIG_THUIS, NEIGHBOURS, POLICE = range(4)
# Ways out of the crisis shelter (detail of a "crisis_exit" event).
CRISIS_EXITS = ("womens_shelter", "home_with_safety_plan", "family_or_others", "urgency")
TO_WOMENS_SHELTER, HOME, OTHERS, URGENCY = range(4)


class Violence(Component):
    name = "violence"
    uses = ("needs", "accounts", "casework", "housing", "places", "seeking")

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._pending: dict[int, int] = {}  # household -> epoch of a signal on its way

    # -- signals --------------------------------------------------------------------------------
    def report(self, hh: "Household", counter_name: str) -> bool:
        """A victim looks for help herself: the signal routes decide when the chain hears of
        it. True: the request is the chain's now (no counter visit of her own); False: she is
        at the right door herself."""
        if self._pending.get(hh.hid) == hh.epoch:
            return True
        p = self.p
        m = self.model
        if counter_name == m.seeking.right_counter(hh, SAFETY):
            m.event(hh, "violence_signal", detail=OWN, value=self.calendar.now - hh.onset)
            return False
        else:
            vt = 0.0 if hh.life.random() < p["violence.p_vt_first_visit_effective"] else float("inf")
            neighbours = lognormal(hh.life, p["violence.neighbour_signal_days"],
                                   p["violence.signal_sigma"])
            rate = p["violence.police_signal_per_year"]
            police = hh.life.expovariate(rate / 365.0) if rate > 0 else float("inf")
            delay, route = min((vt, VEILIG_THUIS), (neighbours, NEIGHBOURS), (police, POLICE))
        self._pending[hh.hid] = hh.epoch
        m.needs.activate(hh, SAFETY)  # the chain is on its way: no search of her own
        self.calendar.schedule_event(self.calendar.now + delay, self.signalled, hh, route, hh.epoch)
        return True

    def signalled(self, hh: "Household", route: int, epoch: int) -> None:
        if self._pending.get(hh.hid) != epoch or hh.epoch != epoch:
            return
        del self._pending[hh.hid]
        m = self.model
        m.event(hh, "violence_signal", detail=route, value=self.calendar.now - hh.onset)
        if hh.need[SAFETY] in (MET, NO_PROBLEM):
            return
        m.needs.stall(hh, SAFETY)  # known again, so the intake can take it up
        m.casework.arrive(hh, SAFETY, m.seeking.right_counter(hh, SAFETY), SIGNAL, dossier=True)

    def fast_track(self, case: "Case") -> bool:
        """A violence case at the shelter intake: a crisis place is arranged within days,
        outside the ordinary intake and processing. True if taken on."""
        hh = case.hh
        if case.counter.name != "shelter_intake" or hh.need[SAFETY] == MET:
            return False
        case.stage = "processing"
        days = lognormal(hh.service, self.p["violence.signal_to_place_days"],
                         self.p["violence.signal_sigma"])
        self.calendar.schedule_event(self.calendar.now + days, self.crisis_intake, case,
                                     case.epoch)
        return True

    def crisis_intake(self, case: "Case", epoch: int) -> None:
        if case.epoch != epoch or case.stage == "closed":
            return
        m = self.model
        m.event(case.hh, "contact", case.counter.org, SAFETY)
        m.accounts.charge_contact(case.hh, case.counter)
        m.casework.grant(case)

    # -- the crisis shelter's way out -------------------------------------------------------------
    def after_crisis_stay(self, hh: "Household", fac: "FacilityAgent") -> None:
        """The nominal crisis stay is over: on to the women's shelter (waiting, at most to the
        cap), or out now by another route."""
        route = self.exit_route(hh, with_womens_shelter=True)
        if route != TO_WOMENS_SHELTER:
            self.leave_crisis(hh, fac, route)
            return
        m = self.model
        m.places.join_queue(hh, m.facilities["womens_shelter"])
        if hh.place is fac and m.places.entered_on(hh, fac) is None:  # the initial stock
            self.calendar.schedule_event(max(self.calendar.now, self.p["crisis_shelter.max_stay_days"]),
                                         self.cap_reached, hh, fac, None)

    def admitted(self, hh: "Household", fac: "FacilityAgent") -> None:
        """A crisis place: whatever happens, it ends by the cap."""
        self.calendar.schedule_event(self.calendar.now + self.p["crisis_shelter.max_stay_days"],
                                     self.cap_reached, hh, fac, self.calendar.now)

    def cap_reached(self, hh: "Household", fac: "FacilityAgent", since: float | None) -> None:
        """The cap is up and the women's shelter has no place: out by another route."""
        if hh.place is not fac or self.model.places.entered_on(hh, fac) != since:
            return
        self.leave_crisis(hh, fac, self.exit_route(hh, with_womens_shelter=False))

    def exit_route(self, hh: "Household", with_womens_shelter: bool) -> int:
        p = self.p
        shares = [0.0, p["violence.p_exit_home"], p["violence.p_exit_others"],
                  p["violence.p_exit_urgency"]]
        if with_womens_shelter:
            shares[TO_WOMENS_SHELTER] = max(0.0, 1.0 - sum(shares))
        total = sum(shares)
        if total <= 0:
            return OTHERS
        u = hh.service.random() * total
        for route, share in enumerate(shares):
            u -= share
            if u < 0:
                return route
        return URGENCY

    def crisis_left_for(self, hh: "Household", fac: "FacilityAgent",
                        to: "FacilityAgent") -> None:
        """A crisis-shelter resident got a place elsewhere (the women's shelter, mostly)."""
        if to.name == "womens_shelter":
            since = self.model.places.entered_on(hh, fac)
            self.model.event(hh, "crisis_exit", fac.org, TO_WOMENS_SHELTER,
                             self.calendar.now - (0.0 if since is None else since))

    def leave_crisis(self, hh: "Household", fac: "FacilityAgent", route: int) -> None:
        m = self.model
        since = m.places.entered_on(hh, fac)
        m.event(hh, "crisis_exit", fac.org, route,
                self.calendar.now - (0.0 if since is None else since))
        m.places.leave_housing_queues(hh)
        m.housing.move_out(hh, fac)
        hh.ready_to_move = False
        if route == URGENCY:  # staying with others until the dwelling comes
            hh.housing = Housing.WITH_OTHERS
            hh.urgency = True
            m.places.join_queue(hh, m.facilities["social_housing"], priority=self.calendar.now)
            return
        hh.housing = Housing.OWN_HOME if route == HOME else Housing.WITH_OTHERS
        m.housing.housed(hh)  # a roof of one's own or with others: out of the shelter chain
        if route == HOME and hh.life.random() < self.p["violence.p_rereferral_after_return"]:
            self.calendar.schedule_event(self.calendar.now + 365.0 * hh.life.random(),
                                         self.violence_again, hh)

    def violence_again(self, hh: "Household") -> None:
        """Back home, the violence starts again: a crisis signal brings her back in."""
        if hh.need[SAFETY] == MET or hh.need[SAFETY] == NO_PROBLEM:
            self.model.seeking.add_problem(hh, SAFETY, crisis=True)
            self.model.needs.reopen(hh, HOUSING, crisis=False)

    # -- the women's shelter's way out ------------------------------------------------------------
    def after_womens_stay(self, hh: "Household", fac: "FacilityAgent") -> bool:
        """Leavers get urgency through the shelter's social worker (000:L829-830); they keep
        their place until the dwelling comes. False when the switch is off."""
        if not self.p["womens_shelter.urgency"] or hh.urgency:
            return False
        m = self.model
        trans = m.facilities["transitional_home"]  # a contingent dwelling, whichever comes first
        if trans.queue.capacity > 0:
            m.places.join_queue(hh, trans)
        hh.urgency = True
        m.places.join_queue(hh, m.facilities["social_housing"], priority=self.calendar.now)
        return True
