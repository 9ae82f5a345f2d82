"""Who pays: who-pays disputes between pots, household members' ages and the switch of payer
at 18, and the entry to the cheap solutions across pots (:mod:`sim.mechanisms.cross_pot`).

A service whose pot is ambiguous (sheltered housing or GGZ? the centrumgemeente or the home
municipality? youth care or adult support?) may start a dispute (004 cases 2, 3 and 10). A
dispute ends either way, or not at all: each month it is settled with
``dispute.resolve_per_month`` (the counter's own pot pays, the other pot pays, or they split),
or the household gives up with ``dispute.abandon_per_month``; otherwise it runs on. When the
other pot is found to pay, the counter refuses and the household is sent away. Escalation
(a reform) may end a dispute sooner.

The woonplaatsbeginsel with ages: household members have birth days (drawn once, from a
stream of their own, so they are the same in every scenario). Youth care pays for the young
until 18 (Jeugdwet art. 1.1); from the year before 18 until extended youth care ends at 23,
youth care and adult support dispute who pays for a young person's family or housing support
(004 case 10, 004:L1151-1155, 002:L413-419). On the 18th birthday the running costs the youth
pot pays for the household move to the Wmo pot.

Decision points asked of the policies: whether two pots decide as one, and (for the catalogue)
whether a cheap solution is paid directly, whose gains count, whether it is approved, and who
has the mandate.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ..domains import FAMILY, HOME, HOUSING, CARE, MENTAL, MET, SAFETY, Domain, Pot, Reason
from .base import Component

if TYPE_CHECKING:
    from ..agents import Case, Counter, Household
    from ..model import SocialDomainModel

MONTH = 365.0 / 12
# Ends of a dispute (the detail of a "dispute_end" event).
OWN_POT, OTHER_POT, SPLIT, ABANDONED, ESCALATED = 0, 1, 2, 3, 4
DISPUTE_ENDS = ("own_pot", "other_pot", "split", "abandoned", "escalated")


class Payers(Component):
    name = "payers"
    uses = ("accounts", "casework", "policies", "cross_pot")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self._search_end: dict[int, float] = {}  # household -> end of its search period
        self._started: dict[tuple[int, int], float] = {}  # (household, domain) -> dispute start
        self._can_study: dict[int, bool] = {}  # household -> study with student finance possible

    # -- members and ages -----------------------------------------------------------------------
    def members(self, hh: "Household") -> list[float]:
        """Birth days of the household's members (the first is the adult who asks for help;
        a young adult household's first member is the young adult), drawn on first use from
        the household's own members stream, relative to its onset."""
        if hh.members is None:
            p = self.p
            rng = random.Random(hh.members_seed)
            young = self.model.profiles[hh.profile].name == "young_adult"
            lo, hi = ((p["ages.young_adult_min"], p["ages.young_adult_max"]) if young
                      else (p["ages.adult_min"], p["ages.adult_max"]))
            born = [hh.onset - 365.0 * rng.uniform(lo, hi)]
            if hh.children and not young:
                for _ in range(rng.randint(1, p["ages.children_max"])):
                    born.append(hh.onset - 365.0 * rng.uniform(0.0, p["ages.youth_care_end"]))
            hh.members = born
            self._schedule_birthdays(hh)
        return hh.members

    def set_members(self, hh: "Household", born: list[float]) -> None:
        """Birth days as a named household's source gives them (the one who asks first)."""
        hh.members = list(born)
        self._schedule_birthdays(hh)

    def ages(self, hh: "Household") -> list[float]:
        """The members' ages in years now."""
        now = self.calendar.now
        return [(now - b) / 365.0 for b in self.members(hh)]

    def applicant_age(self, hh: "Household") -> float:
        """The age now of the member who asks for help (the first)."""
        return self.ages(hh)[0]

    def can_study(self, hh: "Household") -> bool:
        """Whether study with student finance is possible for the member who asks for help
        (``ages.p_education_possible``), drawn once from the household's members seed without
        drawing from it, so it is the same in every scenario."""
        can = self._can_study.get(hh.hid)
        if can is None:
            can = random.Random(hh.members_seed + 1).random() < self.p["ages.p_education_possible"]
            self._can_study[hh.hid] = can
        return can

    def birthday(self, hh: "Household", age: float) -> float:
        """The day the member who asks for help reaches ``age`` years."""
        return self.members(hh)[0] + 365.0 * age

    def search_period_ends(self, hh: "Household") -> float:
        """The end of the search period before a claim by someone under 27 may be decided
        (Participatiewet art. 41 lid 4): ``ages.search_period_days`` from the first time the
        household's claim was looked at."""
        end = self._search_end.get(hh.hid)
        if end is None:
            end = self.calendar.now + self.p["ages.search_period_days"]
            self._search_end[hh.hid] = end
        return end

    def young_age(self, hh: "Household") -> float | None:
        """The age of the household's oldest member below the end of extended youth care (the
        young person whose care may fall between youth care and adult support), or None."""
        limit = self.p["ages.extended_youth_care_end"]
        young = [a for a in self.ages(hh) if a < limit]
        return max(young) if young else None

    def payer_for(self, hh: "Household", domain: Domain) -> Pot | None:
        """Who pays for a family need: youth care while the young person is under 18, adult
        support (Wmo) after. None for other domains (their counter's pot)."""
        if domain != FAMILY:
            return None
        age = self.young_age(hh)
        return Pot.YOUTH if age is not None and age < self.p["ages.youth_care_end"] else Pot.WMO

    def _schedule_birthdays(self, hh: "Household") -> None:
        end18 = self.p["ages.youth_care_end"] * 365.0
        for i, born in enumerate(hh.members or ()):
            day = born + end18
            if self.calendar.now < day < self.model.end:
                self.calendar.schedule_event(day, self.comes_of_age, hh, i)

    def comes_of_age(self, hh: "Household", member: int) -> None:
        """A member turns 18: youth care stops paying; what it paid for the household runs on
        as adult support, paid by the Wmo."""
        moved = self.model.accounts.move_costs(hh, Pot.YOUTH, Pot.WMO)
        self.model.event(hh, "payer_switch", Pot.YOUTH, Pot.WMO, float(moved))

    # -- who-pays disputes ----------------------------------------------------------------------
    def ambiguous_payers(self, hh: "Household", domain: Domain,
                         counter_name: str) -> tuple[Pot, Pot] | None:
        """Two pots that may each claim the other should pay, or None."""
        p = self.p
        age = self.young_age(hh)
        between = age is not None and p["ages.dispute_from"] <= age
        if counter_name == "shelter_intake" and domain in (HOUSING, SAFETY):
            if between and age is not None and age >= p["ages.youth_care_end"]:
                return Pot.SHELTER, Pot.YOUTH  # supported housing or extended youth care?
            if hh.has(MENTAL) and hh.need[MENTAL] != MET:
                return Pot.SHELTER, Pot.ZVW  # sheltered housing or GGZ?
            if hh.registered == HOME:
                return Pot.SHELTER, Pot.WMO  # centrumgemeente or home municipality?
        if domain == CARE and hh.has(MENTAL):
            return Pot.WMO, Pot.ZVW  # support or treatment?
        if domain == FAMILY and between:
            return Pot.YOUTH, Pot.WMO  # youth care or adult support?
        return None

    def who_pays_dispute(self, case: "Case") -> bool:
        """At a decision: the professional looks at the catalogue of cheap solutions, then a
        who-pays dispute starts if the service's pot is ambiguous; True when one started."""
        m = self.model
        hh = case.hh
        m.cross_pot.consider(hh, case.counter)
        pair = self.ambiguous_payers(hh, case.domain, case.counter.name)
        if pair is None or m.policies.pots_decide_as_one(*pair):
            return False
        if hh.service.random() >= self.p["casework.p_dispute"]:
            return False
        m.event(hh, "dispute", case.counter.org, pair[1])
        self._started[(hh.hid, case.domain)] = self.calendar.now
        case.stage = "dispute"
        case.epoch += 1
        self.calendar.schedule_event(self.calendar.now + MONTH, self.dispute_month, case,
                                     case.epoch, self.calendar.now)
        m.policies.on_dispute(case)
        return True

    def dispute_month(self, case: "Case", epoch: int, started: float) -> None:
        """A month of dispute: settled one way or the other, given up, or on to the next."""
        if case.epoch != epoch or case.stage != "dispute":
            return
        p = self.p
        hh = case.hh
        draw = hh.service.random()
        if draw < p["dispute.resolve_per_month"]:
            way = hh.service.random()
            end = OWN_POT if way < p["dispute.p_own_pot"] else \
                OTHER_POT if way < p["dispute.p_own_pot"] + p["dispute.p_other_pot"] else SPLIT
            self.end_dispute(case, end, started)
        elif draw < p["dispute.resolve_per_month"] + p["dispute.abandon_per_month"]:
            self.end_dispute(case, ABANDONED, started)
        else:
            self.calendar.schedule_event(self.calendar.now + MONTH, self.dispute_month, case,
                                         epoch, started)

    def settled_by_escalation(self, case: "Case") -> None:
        """An escalation ended the dispute: someone with doorzettingsmacht decided that the
        counter's pot pays, and the service is granted (004:L1412-1414, L1477-1481)."""
        started = self._started.get((case.hh.hid, case.domain), self.calendar.now)
        self.end_dispute(case, ESCALATED, started)

    def end_dispute(self, case: "Case", end: int, started: float) -> None:
        m = self.model
        self._started.pop((case.hh.hid, case.domain), None)
        m.event(case.hh, "dispute_end", case.counter.org, end, self.calendar.now - started)
        case.epoch += 1
        if end == ABANDONED:  # the household gives up: nothing came of the request
            m.casework.close_case(case)
            m.casework.dead_end(case.hh, case.domain)
        elif end == OTHER_POT:  # not ours to pay: the counter refuses
            case.stage = "deciding"
            m.casework.deny(case, Reason.DISCRETION)
        else:
            case.stage = "deciding"
            m.casework.grant(case)

    # -- cheap solutions across pots ------------------------------------------------------------
    def consider_arrears_payoff(self, hh: "Household", counter: "Counter") -> None:
        """At an intake with rent arrears: the professional looks at the catalogue of cheap
        solutions (paying the arrears is one item)."""
        self.model.cross_pot.consider(hh, counter)
