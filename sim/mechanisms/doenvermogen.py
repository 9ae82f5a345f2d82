"""Doenvermogen (capacity to act) and administrative skill: what goes wrong between a household
and a counter when planning, paperwork and follow-through are hard (households §5; WRR 2017,
001:L444-448).

Doenvermogen is ``Household.self_reliance``. Administrative skill is doenvermogen plus a normal
deviation with sd ``doenvermogen.admin_skill_sd``, clipped to [0, 1], drawn once per household
from a stream of its own (seeded from the household's identity, so it is the same in every
scenario and takes no draw from its life or service streams). With ``ref`` =
``doenvermogen.skill_reference``:

- **No-show** at an intake appointment the household did not make itself (after a referral, a
  warm handoff or a signal; one it made itself may come to nothing by ``casework.p_no_response``,
  whose source counts no-shows): ``no_show_base + no_show_slope × (1 − doenvermogen)``
  (001:L2157-2158, L472-475; Maria's court date, 000:L1335-1339): a dead end; the household
  tries again later.
- **Incomplete paperwork** for an application (income, debt help):
  ``paperwork_base + paperwork_slope × (1 − skill)`` (002:L1556-1564): the file is returned
  whole (001:L1346-1349, 000:L1584-1587): a dead end.
- **Expired documents**: when a decision comes more than ``documents_valid_days`` after the
  request, the documents must be supplied again with the same chance as incomplete paperwork
  (001:L1352-1353): the assessment starts over.
- **Missed objection window**: a household that means to object misses the six weeks with
  ``objection_missed_slope × (1 − skill)`` (004:L933-936): the refusal stands.
- **Follow-through** on a cold referral (the household must make the next contact itself):
  ``follow_through_base + follow_through_slope × doenvermogen`` (001:L557-560); otherwise the
  problem waits until the household tries again by itself.

Other mechanisms use :meth:`Doenvermogen.admin_skill` and :meth:`Doenvermogen.skill_factor` (the
administrative-skill factor of a household, e.g. for the chance of claiming a benefit). Each slip
is a ``doenvermogen`` event (detail: :data:`SLIPS`).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from ..domains import DEBTS, INCOME
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Household

# What a ``doenvermogen`` event says (its detail).
SLIPS = ("no_show", "paperwork_incomplete", "referral_not_followed", "objection_window_missed",
         "documents_expired")
S = {name: i for i, name in enumerate(SLIPS)}
# Requests decided on a file of documents: debt help (the Kredietbank's "hele bups terug",
# 001:L1346-1353) and income support (002:L1556-1564). A Wmo request is assessed in a
# conversation at home (000 Mr Jansen), not on a file of documents.
APPLICATIONS = (INCOME, DEBTS)
SKILL_STREAM = 0x5C111  # the key of a household's administrative-skill stream


class Doenvermogen(Component):
    name = "doenvermogen"

    def __init__(self, model: Any) -> None:
        super().__init__(model)
        self._skill: dict[int, float] = {}
        self._given: dict["Case", float] = {}  # a case -> day its documents were given again

    # -- the public factors ---------------------------------------------------------------------
    def admin_skill(self, hh: "Household") -> float:
        """The household's administrative skill, 0-1 (forms, letters, deadlines)."""
        skill = self._skill.get(hh.hid)
        if skill is None:
            rng = random.Random(hh.members_seed ^ SKILL_STREAM)
            skill = min(1.0, max(0.0, rng.gauss(hh.self_reliance, self.p["doenvermogen.admin_skill_sd"])))
            self._skill[hh.hid] = skill
        return skill

    def skill_factor(self, hh: "Household", per_unit: float) -> float:
        """A multiplier for a chance that rises with administrative skill: 1 at
        ``doenvermogen.skill_reference``, ``per_unit`` more (or less) per unit of skill above
        (below) it, never below 0. E.g. ``skill_factor(hh, 0.6)`` for a claim."""
        return max(0.0, 1.0 + per_unit * (self.admin_skill(hh) - self.p["doenvermogen.skill_reference"]))

    # -- the slips ------------------------------------------------------------------------------
    def _slip(self, hh: "Household", chance: float, slip: str) -> bool:
        if hh.service.random() < chance:
            self.model.event(hh, "doenvermogen", detail=S[slip])
            return True
        return False

    def misses_appointment(self, hh: "Household") -> bool:
        p = self.p
        return self._slip(hh, p["doenvermogen.no_show_base"]
                          + p["doenvermogen.no_show_slope"] * (1.0 - hh.self_reliance), "no_show")

    def _paperwork(self, hh: "Household") -> float:
        p = self.p
        return p["doenvermogen.paperwork_base"] + p["doenvermogen.paperwork_slope"] * \
            (1.0 - self.admin_skill(hh))

    def paperwork_incomplete(self, case: "Case") -> bool:
        """An application whose file comes back incomplete."""
        if case.domain not in APPLICATIONS:
            return False
        return self._slip(case.hh, self._paperwork(case.hh), "paperwork_incomplete")

    def documents_expired(self, case: "Case") -> bool:
        """At the decision: the application's documents are too old and must be given again."""
        given = self._given.pop(case, case.opened)
        if case.domain not in APPLICATIONS or \
                self.calendar.now - given <= self.p["doenvermogen.documents_valid_days"]:
            return False
        if not self._slip(case.hh, self._paperwork(case.hh), "documents_expired"):
            return False
        self._given[case] = self.calendar.now  # given again now; the assessment starts over
        return True

    def misses_objection_window(self, hh: "Household") -> bool:
        return self._slip(hh, self.p["doenvermogen.objection_missed_slope"]
                          * (1.0 - self.admin_skill(hh)), "objection_window_missed")

    def follows_referral(self, hh: "Household") -> bool:
        """Whether the household makes the next contact after a cold referral itself."""
        p = self.p
        chance = p["doenvermogen.follow_through_base"] + p["doenvermogen.follow_through_slope"] * \
            hh.self_reliance
        return not self._slip(hh, 1.0 - chance, "referral_not_followed")
