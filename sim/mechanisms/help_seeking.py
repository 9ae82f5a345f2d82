"""Households: when and where they ask for help, trust, disengagement and re-entry.

Households pursue their known problems one at a time by default (``household.max_parallel_requests``),
in the order safety, housing, income, care, family, mental health, debts, participation.
Searching by themselves they find the right counter with ``household.p_right_door``;
a professional's referral or a third party's signal takes them to the right one.
"""

from __future__ import annotations

import math

from ..domains import (ACTIVE, BLOCKED, HIDDEN, KNOWN, MET, REMIT, SAFETY,
                       SELF, SIGNAL, FRONT_DOORS, X)
from ..population import PROFILES


def lognormal(rng, median: float, sigma: float) -> float:
    if median <= 0:
        return 0.0
    return rng.lognormvariate(math.log(median), sigma)


class HelpSeeking:
    def start_life(self, hh, past: float, stock_place, first_delay: float | None = None) -> None:
        """Schedule what will happen to a new household: first help-seeking, hidden problems
        surfacing, life shocks, recovery claims and the cascades of unmet problems."""
        p = self.p
        now = self.calendar.now
        for d, state in enumerate(hh.need):
            if state >= 0:
                self.event(hh, "onset", detail=d)
        prof = self.profile_of(hh)
        delay = lognormal(hh.life, p["household.help_seeking_days"] * prof.help_seeking_factor,
                          p["household.help_seeking_sigma"])
        if hh.has(SAFETY):
            delay = min(delay, 3.0)  # violence is signalled fast (000 Sharon)
        hh.first_delay = max(0.0, delay - past) if first_delay is None else first_delay
        for d, state in enumerate(hh.need):
            if state == HIDDEN:
                t = lognormal(hh.life, p["problems.hidden_need_days"], 0.6)
                self.calendar.schedule_event(now + max(1.0, t - past), self.surface, hh, d)
        # Exogenous shocks over the whole horizon, drawn now so they do not depend on the system.
        rate = p["problems.relapse_per_year"] / 365.0
        t = now
        while rate > 0:
            t += hh.life.expovariate(rate)
            if t >= self.end:
                break
            self.calendar.schedule_event(t, self.shock, hh, hh.life.choice((2, 3, 5, 6)))
        rate = p["problems.recovery_claims_per_year"] / 365.0
        t = now
        while rate > 0:
            t += hh.life.expovariate(rate)
            if t >= self.end:
                break
            amount = lognormal(hh.life, p["problems.recovery_claim_eur"], 0.8)
            self.calendar.schedule_event(t, self.recovery_claim, hh, amount)
        self.start_cascades(hh, past)
        if stock_place is None:
            self.pursue(hh)

    def profile_of(self, hh):
        return PROFILES[hh.profile]

    # -- choosing what to do next ---------------------------------------------------------------
    def pursue(self, hh, delay: float | None = None) -> None:
        """Start help-seeking for the next known, unserved problems, as many as allowed."""
        if hh.disengaged:
            return
        if hh.director is not None:
            self.director_drive(hh)
            return
        limit = self.p["household.max_parallel_requests"]
        busy = len(hh.cases) + len(hh.seeking)  # requests at counters; waiting lists do not count
        for d, state in enumerate(hh.need):
            if busy >= limit and d != SAFETY:
                break
            if state != KNOWN or d in hh.seeking:
                continue
            wait = delay
            if wait is None:
                wait = hh.first_delay if not hh.told_story else lognormal(
                    hh.service, self.p["household.retry_days"], 0.6)
            hh.seeking.add(d)
            busy += 1
            self.calendar.schedule_event(self.calendar.now + wait, self.seek_help, hh, d, hh.epoch, SELF)

    def seek_help(self, hh, domain: int, epoch: int, channel: int) -> None:
        if hh.epoch != epoch or hh.disengaged:
            return
        hh.seeking.discard(domain)
        if hh.need[domain] != KNOWN:
            self.pursue(hh)
            return
        if channel == SELF and hh.service.random() >= self.p["household.p_right_door"]:
            doors = [c for c in FRONT_DOORS if c != self.right_counter(hh, domain)]
            target = doors[int(hh.service.random() * len(doors))]
        else:
            target = self.right_counter(hh, domain)
        self.arrive(hh, domain, target, channel, dossier=False)

    def right_counter(self, hh, domain: int) -> str:
        name = REMIT[domain]
        if name == "work_income" and hh.registered == 1:
            return "work_income_centre"
        return name

    def surface(self, hh, domain: int) -> None:
        """A hidden problem becomes known to the household by itself."""
        if hh.need[domain] == HIDDEN:
            hh.need[domain] = KNOWN
            self.pursue(hh)

    def reveal(self, hh) -> list[int]:
        """A broad needs assessment: every hidden problem becomes known."""
        found = [d for d, s in enumerate(hh.need) if s == HIDDEN]
        for d in found:
            hh.need[d] = KNOWN
        return found

    def add_problem(self, hh, domain: int, crisis: bool = False) -> None:
        """A new or renewed problem in a domain."""
        state = hh.need[domain]
        if state in (ACTIVE, BLOCKED, KNOWN) and not crisis:
            return
        if state == MET:
            self.event(hh, "unmet", detail=domain)
        if state in (-1, MET, HIDDEN):
            hh.need[domain] = KNOWN
            if state == -1:
                self.event(hh, "onset", detail=domain)
        self.check_settled(hh)
        if crisis and not hh.disengaged and hh.need[domain] == KNOWN and domain not in hh.seeking \
                and hh.director is None:
            hh.seeking.add(domain)
            self.calendar.schedule_event(self.calendar.now + 1.0, self.seek_help, hh, domain,
                                         hh.epoch, SIGNAL)
        else:
            self.pursue(hh)

    # -- trust ----------------------------------------------------------------------------------
    def lose_trust(self, hh, amount: float) -> None:
        if amount <= 0 or hh.disengaged:
            return
        if hh.director is not None:
            amount *= 0.5  # someone who owns the case cushions the blow
        hh.trust -= amount
        if hh.trust < self.p["household.trust_threshold"]:
            self.disengage(hh)

    def gain_trust(self, hh) -> None:
        hh.trust = min(1.0, hh.trust + self.p["household.trust_gain_help"])

    def disengage(self, hh) -> None:
        """Trust is gone: the household stops showing up and drops off every list."""
        hh.disengaged = True
        hh.epoch += 1
        self.event(hh, "disengaged")
        for case in list(hh.cases.values()) + list(hh.holding.values()):
            self.close_case(case)
        for fac in sorted(hh.waiting, key=lambda f: f.org):
            self.leave_queue(hh, fac)
        hh.seeking.clear()
        for d, s in enumerate(hh.need):
            if s in (ACTIVE, BLOCKED):
                hh.need[d] = KNOWN
        hh.blocked_since.clear()
        if hh.director is not None:
            self.close_case(hh.director)
            hh.director = None
        self.drop_director_request(hh)
        delay = lognormal(hh.service, self.p["household.reentry_days"], 0.6)
        self.calendar.schedule_event(self.calendar.now + delay, self.reenter, hh, hh.epoch)

    def reenter(self, hh, epoch: int) -> None:
        """Back in view, usually in crisis: through a signal, at the right door."""
        if hh.epoch != epoch:
            return
        hh.disengaged = False
        hh.trust = self.p["household.trust_threshold"] + 0.3
        self.event(hh, "reentry")
        self.event(hh, "crisis", detail=X["disengaged_return"])
        if hh.place is not None and hh.ready_to_move:
            self.stay_over(hh, hh.place)  # ask again for the next place
        open_known = hh.known_open()
        if not open_known:
            self.check_settled(hh)
            return
        d = open_known[0]
        hh.seeking.add(d)
        self.calendar.schedule_event(self.calendar.now, self.seek_help, hh, d, hh.epoch, SIGNAL)
        self.pursue(hh)

