"""Named households from the sources (Hans, Roos, Sharon, ...), placed into a run at a chosen
day. Each has its own random streams, so it meets the same life events in every scenario; its
outcome is not part of the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..agents import Household
from ..archetypes import ARCHETYPES
from ..domains import CARE, DEBTS, HOMELESS, KNOWN, REFERRAL, SELF, SIGNAL, Category, Domain, H, I, Pot
from ..profiles import PROFILE_INDEX
from .base import Component

if TYPE_CHECKING:
    pass

NAMED_GROUP = 900  # + position in ARCHETYPES: the stream group of a named household


class NamedHouseholds(Component):
    name = "named"
    uses = ("seeking", "needs", "accounts", "payers", "documents", "housing", "casework",
            "cross_pot")

    def __init__(self, model: "object") -> None:
        super().__init__(model)  # type: ignore[arg-type]
        self.placed: dict[str, Household] = {}

    def add(self, name: str, day: float | None = None) -> None:
        """Place the named household into the model at ``day`` (default: the end of the
        warm-up)."""
        if name not in ARCHETYPES:
            raise KeyError(f"unknown household {name!r}; choose from {', '.join(ARCHETYPES)}")
        m = self.model
        when = m.warmup if day is None else float(day)
        if not 0 <= when < m.end:
            raise ValueError(f"day {when} is outside the run (0 to {m.end:g})")
        self.calendar.schedule_event(max(when, self.calendar.now), self._place, name)

    def _place(self, name: str) -> None:
        m = self.model
        p = self.p
        spec = ARCHETYPES[name]
        sec = spec.section
        index = list(ARCHETYPES).index(name)
        life, service = m.streams.household(NAMED_GROUP + index, 0)
        hh = Household(m, len(m.households), PROFILE_INDEX[spec.profile], life, service,
                       self.calendar.now, cohort=False)
        m.households.append(hh)
        hh.archetype = name
        hh.housing, hh.income = H[p[f"{sec}.housing"]], I[p[f"{sec}.income"]]
        hh.has_address = hh.housing not in HOMELESS
        hh.self_reliance, hh.trust = p[f"{sec}.self_reliance"], p[f"{sec}.trust"]
        hh.children, hh.id_valid = p[f"{sec}.children"], p[f"{sec}.id_valid"]
        hh.arrears = p[f"{sec}.arrears"]
        if p[f"{sec}.postal_address"]:
            hh.has_address = True
        hh.no_provision = frozenset(int(d) for d in spec.no_provision)
        hh.id_application_counts = p[f"{sec}.id_application"]
        if spec.ages:  # the members' ages as the source gives them (birth days before its onset)
            m.payers.set_members(hh, [self.calendar.now - 365.0 * a for a in spec.ages])
        for d in spec.met:  # help already in place: a running provision, paid by its pot
            if d not in spec.known:  # (a known need beside it stays open: Roos's childcare)
                m.needs.onset(hh, d, hidden=False)
                m.needs.start_met(hh, d)
            if d == CARE:
                m.accounts.start_cost(hh, "home_help", Pot.WMO, Category.SERVICES,
                                      p["cost.wmo_home_help_per_year"] / 365.0)
        for d in spec.known:
            m.needs.onset(hh, d, hidden=False)
        for d in spec.hidden:
            m.needs.onset(hh, d, hidden=True)
        debt = p[f"{sec}.debt_eur"]
        if debt:
            hh.debt, hh.debt_since = debt, self.calendar.now
            if not hh.has(DEBTS):
                m.needs.onset(hh, DEBTS, hidden=True)
        # what its source says of its teeth and a failed firm, instead of the draw
        m.cross_pot.start_with(hh, spec.bad_teeth, spec.failed_firm)
        if p[f"{sec}.assets_days"]:
            hh.assets_until = self.calendar.now + p[f"{sec}.assets_days"]
        self.placed[name] = hh
        place = m.facilities[spec.start_place] if spec.start_place else None
        if place is not None and place.queue.free <= 0:
            place = None  # no free place: it asks for one like anybody else
        delay = p[f"{sec}.help_seeking_days"]
        door = spec.first_door
        if door:  # the source names its first door: that request is its first
            first = next((d for d in spec.known if hh.need[d] == KNOWN), None)
            if first is not None:
                hh.seeking.add(first)
                self.calendar.schedule_event(self.calendar.now + delay, self._first_contact, hh,
                                             first, door, CHANNELS[spec.first_channel], hh.epoch)
        m.seeking.start_life(hh, 0.0, place, first_delay=delay)
        if place is not None:
            m.housing.settle_in(hh, place, elapsed_share=hh.life.random())
        if p[f"{sec}.id_application"]:
            m.documents.renew_id(hh)

    def _first_contact(self, hh: Household, domain: Domain, door: str, channel: int,
                       epoch: int) -> None:
        hh.seeking.discard(domain)
        if hh.epoch != epoch or hh.disengaged or hh.need[domain] != KNOWN:
            self.model.seeking.pursue(hh)
            return
        self.model.casework.arrive(hh, domain, door, channel, dossier=channel != SELF)


CHANNELS = {"self": SELF, "referral": REFERRAL, "signal": SIGNAL}
