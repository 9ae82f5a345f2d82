"""Households looking for help: when they ask, for which problem, at which door.

Households pursue their known problems one at a time by default
(``household.max_parallel_requests``), in the order safety, housing, income, care, family,
mental health, debts, participation. Searching by themselves they find the right counter with
``household.p_right_door``; a professional's referral or a third party's signal takes them to
the right one. A life that starts schedules its first help-seeking, hidden problems that
surface by themselves, and the life events and cascades of :mod:`sim.mechanisms.cascades`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..distributions import lognormal
from ..domains import CENTRE, HIDDEN, KNOWN, SAFETY, SELF, SIGNAL, Domain
from ..organisations import FRONT_DOORS, REMIT
from .base import Component

if TYPE_CHECKING:
    from ..agents import FacilityAgent, Household


class HelpSeeking(Component):
    name = "seeking"
    uses = ("needs", "cascades", "casework", "stability", "latent", "take_up", "signals",
            "policies", "contact", "participation")

    def start_life(self, hh: "Household", past: float, stock_place: "FacilityAgent | None",
                   first_delay: float | None = None) -> None:
        """Schedule what will happen to a new household: first help-seeking, hidden problems
        surfacing, life shocks, recovery claims and the cascades of unmet problems."""
        p = self.p
        m = self.model
        for d, state in enumerate(hh.need):
            if state >= HIDDEN:
                m.event(hh, "onset", detail=d)
        prof = m.profiles[hh.profile]
        delay = lognormal(hh.life, p["household.help_seeking_days"] * prof.help_seeking_factor,
                          p["household.help_seeking_sigma"])
        if hh.has(SAFETY):
            delay = min(delay, p["household.violence_signal_days"])  # violence is signalled fast
        hh.first_delay = max(0.0, delay - past) if first_delay is None else first_delay
        m.latent.start_life(hh, past)
        m.signals.start_life(hh)
        m.cascades.schedule_life_events(hh)
        m.cascades.start_cascades(hh, past)
        m.contact.follow(hh)
        if stock_place is None:
            self.pursue(hh)

    # -- choosing what to do next ---------------------------------------------------------------
    def pursue(self, hh: "Household", delay: float | None = None) -> None:
        """Start help-seeking for the next known, unserved problems, as many as allowed."""
        if hh.disengaged:
            return
        self.model.participation.notice(hh)  # a known participation problem: its own search
        if self.model.policies.pursues_for(hh):  # someone else works the household's problems
            return
        limit = self.p["household.max_parallel_requests"]
        busy = len(hh.cases) + len(hh.seeking)  # requests at counters; waiting lists do not count
        for d, state in enumerate(hh.need):
            if busy >= limit and d != SAFETY:
                break
            if state != KNOWN or d in hh.seeking or self.model.take_up.declined(hh, Domain(d)):
                continue
            wait = delay
            if wait is None:
                wait = hh.first_delay if not hh.told_story else lognormal(
                    hh.service, self.p["household.retry_days"], self.p["household.retry_sigma"])
            hh.seeking.add(d)
            busy += 1
            self.calendar.schedule_event(self.calendar.now + wait, self.seek_help, hh, Domain(d),
                                         hh.epoch, SELF)

    def seek_help(self, hh: "Household", domain: Domain, epoch: int, channel: int) -> None:
        if hh.epoch != epoch or hh.disengaged:
            return
        hh.seeking.discard(domain)
        if hh.need[domain] != KNOWN:
            self.pursue(hh)
            return
        if channel == SELF and not self.model.take_up.claims(hh, domain):
            self.pursue(hh)  # it does not claim this one (for now): on to its next problem
            return
        if channel == SELF and hh.service.random() >= self.p["household.p_right_door"]:
            doors = [c for c in FRONT_DOORS if c != self.right_counter(hh, domain)]
            target = doors[int(hh.service.random() * len(doors))]
        else:
            target = self.right_counter(hh, domain)
        self.model.casework.arrive(hh, domain, target, channel, dossier=False)

    def right_counter(self, hh: "Household", domain: Domain) -> str:
        """The counter whose remit covers the domain, for this household."""
        name = REMIT[domain]
        if name == "work_income" and hh.registered == CENTRE:
            return "work_income_centre"
        return name

    def signal(self, hh: "Household", domain: Domain, delay: float) -> None:
        """A third party (a landlord, a hospital, the police) brings the household to the right
        door for this problem."""
        hh.seeking.add(domain)
        self.calendar.schedule_event(self.calendar.now + delay, self.seek_help, hh, domain,
                                     hh.epoch, SIGNAL)

    # -- problems becoming known ----------------------------------------------------------------
    def surface(self, hh: "Household", domain: Domain, channel: str) -> None:
        """A hidden problem comes to light through ``channel`` (a crisis, a refusal that names
        it: :data:`sim.mechanisms.latent.CHANNELS`)."""
        if self.model.latent.found(hh, domain, channel):
            self.pursue(hh)

    def add_problem(self, hh: "Household", domain: Domain, crisis: bool = False) -> None:
        """A new or renewed problem in a domain; in a crisis someone signals it at once."""
        m = self.model
        if hh.need[domain] == HIDDEN:  # a life event or crisis in a hidden domain shows it
            m.latent.found(hh, domain, "crisis")
        m.needs.reopen(hh, domain, crisis)
        m.stability.check_settled(hh)
        if crisis and not hh.disengaged and hh.need[domain] == KNOWN and domain not in hh.seeking \
                and hh.director is None:
            self.signal(hh, domain, self.p["household.crisis_signal_days"])
        else:
            self.pursue(hh)
