"""Handoffs: a case moving between organisations (referrals) or between professionals within
one (turnover, a new phase), and the story told again when the dossier did not come along.

A cold handoff loses the dossier with ``casework.info_loss``: the household tells its story
again and an assessment under way may restart. A warm referral, or a household with a case
director, keeps the dossier. The event of each handoff records which it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import REFERRAL, WARM, Domain, Dossier
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Counter, Household


class Handoffs(Component):
    name = "handoffs"
    uses = ("needs", "casework", "engagement", "doenvermogen", "seeking")

    def refer(self, hh: "Household", domain: Domain, source: "Counter", target: str,
              warm: bool = False, dossier: bool = False) -> None:
        """A handoff between organisations. Cold ones lose the dossier with casework.info_loss."""
        m = self.model
        keep = warm or dossier or hh.director is not None or \
            hh.service.random() >= self.p["casework.info_loss"]
        m.event(hh, "referral", m.counters[target].org, domain,
                float(Dossier.WARM if warm else Dossier.KEPT if keep else Dossier.LOST))
        if not m.needs.to_known(hh, domain):
            return
        hh.seeking.discard(domain)
        if not warm and hh.director is None and not m.doenvermogen.follows_referral(hh):
            m.seeking.pursue(hh)  # the household does not make the next contact now
            return
        m.casework.arrive(hh, domain, target, WARM if warm else REFERRAL, dossier=keep)

    def retell(self, hh: "Household", restarted: bool) -> None:
        self.model.event(hh, "retelling", detail=int(restarted))
        self.model.engagement.lose_trust(hh, self.p["household.trust_loss_retelling"])

    def change_worker(self, case: "Case", internal: bool = False) -> None:
        """A new professional takes over (turnover, or a new phase of the case)."""
        hh = case.hh
        keep = hh.director is not None or hh.service.random() >= self.p["casework.info_loss"]
        self.model.event(hh, "worker_change", case.counter.org, case.domain,
                         float(Dossier.KEPT if keep else Dossier.LOST))
        if keep:
            return
        restart = case.stage == "processing" and hh.service.random() < self.p["casework.p_restart"]
        self.retell(hh, restart)
        if restart and not hh.disengaged:
            self.model.casework.start_processing(case)
