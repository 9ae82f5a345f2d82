"""Losing contact for causes other than worn-down trust: moving away, detention, becoming
unreachable (a phone cut off, a lost address, avoiding care); and coming back with the problems
worse than they were.

A household that has asked for help and still has an open problem loses contact at a rate per
cause that depends on whether it is homeless (``contact.<cause>_per_year_homeless``) or housed
(``contact.<cause>_per_year_housed``); a household living in a facility is not unreachable (the
facility sees it). The times are a Poisson process of the household's own life stream, thinned
to the rate of its present state. Out of view, it drops off every caseload and list as a
disengaged household does (:meth:`sim.mechanisms.engagement.Engagement.out_of_view`) and:

- a benefit stops (detention: Participatiewet art. 13 lid 1 sub a; moving away: another
  municipality pays; unreachable: the benefit is suspended), so income is a problem again;
- a household that moves away or is detained leaves its place in a facility (the bed goes to
  the next on the list) and comes back homeless;
- a detained tenant loses the home with ``contact.p_detention_home_lost`` (002:L2262-2266);
- debts keep growing and the arrears hazard is that of a disengaged household (as for trust).

It comes back at the end of the detention, after ``household.reentry_days`` when unreachable,
and after ``contact.move_away_days`` when it moved away and returns at all
(``contact.p_return_after_move``); back in view it is signalled in crisis at the right door for
its first open problem. A household that never returns stays in the measured cohort, out of
view and not stable to the end of the run. Each loss is a ``contact_lost`` event (detail: the
cause; value 1 when the household will not come back), each return a ``reentry`` event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import HOUSING, INCOME, RENTED, Housing, Income
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household

# What a ``contact_lost`` event says (its detail).
CAUSES = ("moved", "detention", "unreachable")
MOVED, DETENTION, UNREACHABLE = range(3)


class Contact(Component):
    name = "contact"
    uses = ("engagement", "needs", "stability", "housing", "accounts", "casework", "provisions")

    def rates(self, hh: "Household") -> tuple[float, float, float]:
        """The household's rates of losing contact now, per year, by cause."""
        p = self.p
        state = "homeless" if hh.homeless else "housed"
        unreachable = 0.0 if hh.place is not None else p[f"contact.unreachable_per_year_{state}"]
        return (p[f"contact.move_away_per_year_{state}"], p[f"contact.detention_per_year_{state}"],
                unreachable)

    def _ceiling(self) -> float:
        """The highest total rate any household can have, per day (for thinning)."""
        p = self.p
        return max(sum(p[f"contact.{c}_per_year_{s}"] for c in ("move_away", "detention",
                                                                 "unreachable"))
                   for s in ("homeless", "housed")) / 365.0

    def follow(self, hh: "Household") -> None:
        """A life starts: schedule the first moment the household might lose contact (not for a
        named household, whose journey follows its source)."""
        if hh.archetype is None:
            self._next(hh)

    def _next(self, hh: "Household") -> None:
        rate = self._ceiling()
        if rate <= 0:
            return
        t = self.calendar.now + hh.life.expovariate(rate)
        if t < self.model.end:
            self.calendar.schedule_event(t, self._chance, hh)

    def _chance(self, hh: "Household") -> None:
        """A moment the household may lose contact: with the share of the ceiling its present
        rates make up, by the cause drawn in proportion to them."""
        u = hh.life.random() * self._ceiling() * 365.0
        self._next(hh)
        if hh.disengaged or hh.first_contact is None or not hh.open_domains():
            return
        for cause, rate in enumerate(self.rates(hh)):
            if u < rate:
                self.lose(hh, cause)
                return
            u -= rate

    def lose(self, hh: "Household", cause: int) -> None:
        """The household drops out of view for ``cause`` (one of :data:`CAUSES`)."""
        m = self.model
        p = self.p
        back = True
        if cause == MOVED:
            back = hh.life.random() < p["contact.p_return_after_move"]
            delay = lognormal(hh.life, p["contact.move_away_days"], p["household.reentry_sigma"])
        elif cause == DETENTION:
            delay = lognormal(hh.life, p["contact.detention_days"], p["contact.detention_sigma"])
        else:
            delay = lognormal(hh.life, p["household.reentry_days"], p["household.reentry_sigma"])
        m.event(hh, "contact_lost", detail=cause, value=float(not back))
        lost_benefit = self._stop_benefit(hh)
        if cause != UNREACHABLE:
            self._leave_place(hh)
        m.engagement.out_of_view(hh)
        if back:
            self.calendar.schedule_event(self.calendar.now + delay, self.come_back, hh, hh.epoch,
                                         cause, lost_benefit)

    def _stop_benefit(self, hh: "Household") -> bool:
        """A benefit stops while the household is out of view; True if one stopped."""
        if hh.income != Income.BIJSTAND:
            return False
        self.model.provisions.stop_benefit(hh, Income.NONE)
        return True

    def _leave_place(self, hh: "Household") -> None:
        """Leaving the region or detained: a place in a facility goes to the next on its list."""
        m = self.model
        fac = hh.place
        if fac is None or fac.spec.residence is None:  # a treatment place runs its course
            return
        m.housing.move_out(hh, fac)
        self._homeless(hh)  # it lived there: now it has nowhere to live

    def _homeless(self, hh: "Household") -> None:
        hh.housing = Housing.STREET
        hh.has_address = False
        hh.tenure = None
        self.model.housing.homeless_from_now(hh)

    def come_back(self, hh: "Household", epoch: int, cause: int, lost_benefit: bool) -> None:
        """Back in view, with the problems worse than they were: a lost benefit is an income
        problem again, a lost home a housing problem; signalled in crisis at the right door."""
        if hh.epoch != epoch or not hh.disengaged:
            return
        m = self.model
        if cause == DETENTION and hh.housing in RENTED and hh.place is None and \
                hh.life.random() < self.p["contact.p_detention_home_lost"]:
            self._homeless(hh)
        if lost_benefit:
            m.needs.reopen(hh, INCOME, crisis=False)
        if hh.homeless:
            m.needs.reopen(hh, HOUSING, crisis=False)
        m.stability.check_settled(hh)
        m.engagement.back_in_view(hh)
