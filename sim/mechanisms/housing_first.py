"""Housing First as a programme: a home first, with intensive ambulant support.

A homeless household at the shelter intake is taken into the programme when the support team
has room (``housing_first.staff`` × ``housing_first.caseload_cap`` clients) and the year's
dwellings (``housing_first.dwellings_per_year``) are not used up. Its dwelling is a social
letting counted against the urgency quota of the closed market (:meth:`Lettings.contingent`:
the next letting goes to the programme), so every programme home is one fewer for the urgency
list or the ordinary applicants. No rule comes before the home: no managed debts, no income.
The team supports the household at ``housing_first.cost_per_year`` for
``housing_first.support_days``, paid by the centrumgemeente's shelter pot (money-and-reforms
§6). A household the programme cannot take goes the usual way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..agents import Case
from ..domains import HOUSING, Category
from .base import Component
from .escalation_team import S

if TYPE_CHECKING:
    from ..model import SocialDomainModel
    from ..agents import Household

TEAM = "housing_first"
SUPPORT = "housing_first_support"  # the label of the support's running cost


class HousingFirstTeam(Component):
    name = "housing_first"
    uses = ("accounts", "places", "housing", "lettings")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        self.year = -1
        self.used = 0  # dwellings taken this year
        self.clients: dict[int, Case] = {}  # household -> its case in the team's caseload
        self.housed = 0

    def take(self, hh: "Household") -> bool:
        """Take the household into the programme if a dwelling and a place in a caseload are
        free; it moves in at once (scheduled now, after the intake is done)."""
        m = self.model
        team = m.counters[TEAM]
        if hh.hid in self.clients:
            return True
        year = int(self.calendar.now // 365)
        if year != self.year:
            self.year, self.used = year, 0
        if self.used >= self.p["housing_first.dwellings_per_year"]:
            m.event(hh, "programme", team.org, S["housing_first_no_dwelling"])
            return False
        worker = team.free_worker()
        if worker is None:
            m.event(hh, "programme", team.org, S["housing_first_team_full"])
            return False
        self.used += 1
        case = Case(hh, HOUSING, team, True, self.calendar.now)
        case.worker = worker
        case.stage = "holding"
        team.add_case(worker, case)
        self.clients[hh.hid] = case
        m.lettings.contingent()  # the next letting goes to the programme, inside the quota
        self.calendar.schedule_event(self.calendar.now, self._move_in, hh)
        return True

    def _move_in(self, hh: "Household") -> None:
        m = self.model
        team = m.counters[TEAM]
        m.places.leave_housing_queues(hh)
        m.housing.move_in(hh, m.facilities["social_housing"], elapsed_share=0.0)
        self.housed += 1
        m.event(hh, "programme", team.org, S["housing_first_housed"])
        m.accounts.start_cost(hh, SUPPORT, team.pot, Category.SERVICES,
                              self.p["housing_first.cost_per_year"] / 365.0)
        self.calendar.schedule_event(self.calendar.now + self.p["housing_first.support_days"],
                                     self.end_support, hh)

    def end_support(self, hh: "Household") -> None:
        m = self.model
        case = self.clients.pop(hh.hid, None)
        if case is None:
            return
        m.accounts.stop_cost(hh, SUPPORT)
        team = m.counters[TEAM]
        if case.worker is not None:
            team.drop_case(case.worker, case)
            case.worker = None
        case.stage = "closed"
        m.event(hh, "programme", team.org, S["housing_first_ended"])

    @property
    def n_clients(self) -> int:
        return len(self.clients)
