"""Non-take-up: households entitled to a provision that do not claim it.

A household that would go to the counter of a provision by itself (bijstand for an income
problem, Wmo for a care problem, debt help for debts) first decides whether to claim it
(households evidence §1.2). It claims with the provision's base chance
(``take_up.p_claim_<provision>``), times the administrative-skill factor
``doenvermogen.skill_factor(hh, take_up.skill_factor)`` (1 at the reference skill), times ``1 + take_up.trust_factor ×
(trust − 0.5)`` (its experience with services so far), times ``take_up.recovery_penalty``
if it has had a benefit clawed back (or, for the Wmo, has savings it fears to spend:
003:L880-884). A household that does not claim names a reason, drawn in proportion to
what drives it: shame or wanting to manage alone (self-reliance, 002:L2700-2704), the
complexity of the forms (``take_up.complexity_weight``, 002:L1599-1607), distrust (1 − trust,
002:L4025-4031), low administrative skill (1 − administrative skill, 001:L439-442) and fear of
recovery claims (000:L1152-1156, 003:L880-884).

It stays in the cohort with its need known and unmet, goes on with its other problems, and
considers the claim again after an exponential time with mean ``take_up.reconsider_days``;
a signal, a crisis or a professional's referral brings it to the counter without the
decision. Only the first approach of each provision is decided: once it has claimed, the
household knows the way. Events: ``claim`` (detail: provision) when a household first comes
to the provision's counter for it, by any channel; ``non_claim`` (detail: provision, value:
reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import CARE, DEBTS, INCOME, Domain
from ..streams import OwnStream, OwnStreams
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household

PROVISIONS = ("bijstand", "wmo", "debt_help")
PROVISION_OF = {INCOME: 0, CARE: 1, DEBTS: 2}  # the domain whose need a provision meets
COUNTERS = (("work_income", "work_income_centre"), ("wmo",), ("debt_help",))
REASONS = ("shame", "complexity", "distrust", "low_skill", "fear_of_recovery")
MIDPOINT = 0.5  # the middle of the 0-1 trust scale the trust factor is centred on
STREAM_SALT = 0x7A4E  # keys the household's own stream of this component (not a model number)


class TakeUp(Component):
    name = "take_up"
    uses = ("seeking", "doenvermogen")

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        super().__init__(model)
        self.rng = OwnStreams(STREAM_SALT)  # rng(hh): the household's own stream here
        self._declined: dict[int, set[int]] = {}  # household -> provisions not claimed for now
        self._claimed: set[tuple[int, int]] = set()  # (household, provision) claimed once
        self._clawed_back: set[int] = set()  # households that had a recovery claim

    # -- questions ------------------------------------------------------------------------------
    def declined(self, hh: "Household", domain: Domain) -> bool:
        """The household does not claim this provision for now."""
        prov = PROVISION_OF.get(domain)
        return prov is not None and prov in self._declined.get(hh.hid, ())

    def fears_recovery(self, hh: "Household", prov: int) -> bool:
        return hh.hid in self._clawed_back or (PROVISIONS[prov] == "wmo" and
                                               hh.assets_until > self.calendar.now)

    def p_claim(self, hh: "Household", prov: int) -> float:
        p = self.p
        chance = p[f"take_up.p_claim_{PROVISIONS[prov]}"]
        chance *= self.model.doenvermogen.skill_factor(hh, p["take_up.skill_factor"])
        chance *= 1.0 + p["take_up.trust_factor"] * (hh.trust - MIDPOINT)
        if self.fears_recovery(hh, prov):
            chance *= p["take_up.recovery_penalty"]
        return min(1.0, max(0.0, chance))

    # -- decisions ------------------------------------------------------------------------------
    def claims(self, hh: "Household", domain: Domain) -> bool:
        """A household about to go to a provision's counter by itself: does it claim?"""
        prov = PROVISION_OF.get(domain)
        if prov is None or (hh.hid, prov) in self._claimed:
            return True
        rng = self.rng(hh)
        if rng.random() < self.p_claim(hh, prov):
            return True
        reason = self._reason(hh, prov, rng)
        self.model.event(hh, "non_claim", detail=prov, value=float(reason))
        self._declined.setdefault(hh.hid, set()).add(prov)
        wait = rng.expovariate(1.0 / self.p["take_up.reconsider_days"])
        self.calendar.schedule_event(self.calendar.now + wait, self.reconsider, hh, prov)
        return False

    def _reason(self, hh: "Household", prov: int, rng: OwnStream) -> int:
        p = self.p
        weights = (hh.self_reliance, p["take_up.complexity_weight"], 1.0 - hh.trust,
                   1.0 - self.model.doenvermogen.admin_skill(hh),
                   1.0 - p["take_up.recovery_penalty"] if self.fears_recovery(hh, prov) else 0.0)
        x = rng.random() * sum(weights)
        for i, w in enumerate(weights):
            x -= w
            if x < 0:
                return i
        return len(weights) - 1

    def reconsider(self, hh: "Household", prov: int) -> None:
        """Some time later the household thinks about claiming again."""
        if self._forget(hh, prov):
            self.model.seeking.pursue(hh)

    def prompted(self, hh: "Household", domain: Domain) -> None:
        """Someone (a signaller, an outreach worker) urges the household to claim."""
        prov = PROVISION_OF.get(domain)
        if prov is not None:
            self._forget(hh, prov)

    def _forget(self, hh: "Household", prov: int) -> bool:
        mine = self._declined.get(hh.hid)
        if not mine or prov not in mine:
            return False
        mine.discard(prov)
        return True

    def arrived(self, hh: "Household", domain: Domain, counter_name: str) -> None:
        """The household comes to a counter (by any channel): a claim if it is the
        provision's counter for that need."""
        prov = PROVISION_OF.get(domain)
        if prov is None or counter_name not in COUNTERS[prov]:
            return
        self._forget(hh, prov)
        if (hh.hid, prov) not in self._claimed:
            self._claimed.add((hh.hid, prov))
            self.model.event(hh, "claim", detail=prov)

    def recovery_claim(self, hh: "Household") -> None:
        """A benefit was clawed back: the household will fear the next claim."""
        self._clawed_back.add(hh.hid)
