"""Cheap solutions across pots: a catalogue of small costs paid by one pot that lower a risk
whose cost falls on other pots (evidence page money-and-reforms §2; 004 cases 1, 3, 7, 14).

Each item of :data:`CATALOGUE` has its cost (``cross_pot.<item>_eur``), the pot that pays
under split pots, the household situations it applies to, what it changes in the household's
situation (so the risk falls through the mechanisms that read that situation, never through a
multiplier on an outcome) and the expected gain per pot, priced with the cost table.

A professional at a counter (or a case director) considers each item that applies once; the
items against an eviction once per stage of the eviction process (their gain weighs the chance
of an executed eviction from the stage reached, ``model.tenancy.eviction_chance``), and they
stop the process through ``model.tenancy.arrears_paid``.
The decision is asked of the policies: whether it is paid at once from a director's budget,
whose gains count (``counted_pots``: under split pots the paying pot's own; under one budget
the total; with the joint insurer budget the insurer's too) and whether it is approved. An
approval then meets the paying pot's yearly budget: a pot that cannot pay, or whose spending
runs ahead of its budget line, refuses with the reason ``budget``.

Furnishing and moving costs shorten the wait of a move from a shelter into a home
(``mechanisms/moving.py``). Items the sources name but the model cannot yet carry (their risk
acts on a mechanism the model does not have: a fines fund) are listed in docs/model.md, not here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..distributions import lognormal
from ..domains import CARE, CENTRE, DEBTS, MET, NO_PROBLEM, Category, Income, Pot, Reason
from ..pots import pressure_factor, spending_ratio
from .base import Component

if TYPE_CHECKING:
    from ..agents import Counter, Household
    from ..model import SocialDomainModel

# Outcomes of a decision (the detail of a "cross_pot" event).
REFUSED, APPROVED, REFUSED_BUDGET, PAID_DIRECTLY = 0, 1, 2, 3
OUTCOMES = ("refused", "approved", "refused_budget", "paid_directly")


@dataclass(frozen=True)
class Item:
    name: str
    pays: Pot  # the pot that pays under split pots
    running: bool  # a cost per year for ``cross_pot.<name>_days`` instead of a one-off
    applies: Callable[["CrossPot", "Household"], bool]
    gains: Callable[["CrossPot", "Household"], dict[Pot, float]]  # expected euros saved per pot
    act: Callable[["CrossPot", "Household"], None]  # what it changes for the household
    # its gain follows the eviction process: considered again at each new stage or episode
    by_stage: bool = False


# -- rent arrears: an eviction avoided ------------------------------------------------------------
def _arrears_apply(cp: "CrossPot", hh: "Household") -> bool:
    """A running arrears episode on a rented home, with debts that are not managed."""
    tenancy = cp.model.tenancy
    return tenancy.stage(hh) is not None and tenancy.at_risk(hh) and hh.debt_since is not None


def _eviction_gains(cp: "CrossPot", hh: "Household") -> dict[Pot, float]:
    """What an eviction would cost, times its chance from the stage the eviction process has
    reached: the corporation's eviction, a stay in the night shelter (centrumgemeente) and, for
    those who end on the street, the police."""
    p = cp.p
    chance = cp.model.tenancy.eviction_chance(hh)
    street = 1.0 - p["problems.p_with_others_after_eviction"]
    return {Pot.CORPORATION: chance * p["cost.eviction"],
            Pot.SHELTER: chance * p["night_shelter.cost_per_day"] * p["night_shelter.stay_days"],
            Pot.JUSTICE: chance * street * p["cost.police_callout"]}


def _arrears_paid(cp: "CrossPot", hh: "Household") -> None:
    cp.model.tenancy.arrears_paid(hh)  # the eviction process stops where it is


# -- budget management (beschermingsbewind): rent guaranteed, debts no longer grow -----------------
def _bewind_apply(cp: "CrossPot", hh: "Household") -> bool:
    return (_arrears_apply(cp, hh) and hh.has(DEBTS)
            and hh.self_reliance < cp.p["cross_pot.budget_management_below_self_reliance"])


def _bewind_starts(cp: "CrossPot", hh: "Household") -> None:
    """An administrator manages the income: the rent is guaranteed and the arrears arranged with
    the landlord, so the eviction process stops; the debts are frozen and count as under control
    (failure-and-relapse evidence §2.1) while the administration runs."""
    m = cp.model
    m.tenancy.arrears_paid(hh)
    hh.debt = m.cascades.debt_now(hh)
    hh.debt_since = None
    m.provisions.met(hh, DEBTS)
    cp.calendar.schedule_event(cp.calendar.now + cp.p["cross_pot.budget_management_days"],
                               cp.budget_management_ends, hh)


# -- childcare: the parent can go to treatment, so the care need stops declining -------------------
def _childcare_apply(cp: "CrossPot", hh: "Household") -> bool:
    return hh.children and hh.need[CARE] not in (NO_PROBLEM, MET)


def _childcare_gains(cp: "CrossPot", hh: "Household") -> dict[Pot, float]:
    """Emergency care after the declines of an unmet care need over the time childcare runs."""
    p = cp.p
    declines = p["cross_pot.childcare_days"] / p["problems.unmet_care_decline_days"]
    return {Pot.ZVW: declines * p["problems.p_crisis_on_decline"] * p["cost.emergency_care"]}


def _childcare_starts(cp: "CrossPot", hh: "Household") -> None:
    cp.model.provisions.met(hh, CARE)  # help is in place: the unmet need no longer declines


# -- furnishing and moving costs: the move from a shelter into a home does not wait ----------------
def _move_part_applies(part: str) -> Callable[["CrossPot", "Household"], bool]:
    def applies(cp: "CrossPot", hh: "Household") -> bool:
        return part in cp.model.moving.parts(hh)
    return applies


def _move_part_gains(part: str) -> Callable[["CrossPot", "Household"], dict[Pot, float]]:
    def gains(cp: "CrossPot", hh: "Household") -> dict[Pot, float]:
        """The shelter days the move would wait for this part, at the place's cost."""
        place = hh.place
        assert place is not None
        return {Pot(place.pot): cp.p[f"moving.{part}_days"] * place.cost_per_day}
    return gains


def _move_part_paid(part: str) -> Callable[["CrossPot", "Household"], None]:
    def act(cp: "CrossPot", hh: "Household") -> None:
        cp.model.moving.paid(hh, part)
    return act


# -- dental care: a job no longer falls through on bad teeth ---------------------------------------
def _dental_apply(cp: "CrossPot", hh: "Household") -> bool:
    return hh.income == Income.BIJSTAND and cp.dental_untreated(hh)


def _dental_gains(cp: "CrossPot", hh: "Household") -> dict[Pot, float]:
    """The benefit paid longer when a job falls through: the chance that the benefit would end
    in work times the chance the teeth stop it, times the benefit and its administration over
    the expected time to the next exit."""
    p = cp.p
    per_year = p["cost.bijstand_per_year"] + p["cost.bijstand_admin_per_year"]
    rate = p["work_income.benefit_exit_per_year"]
    if rate <= 0:  # benefits never end: no job to fall through
        return {}
    years = 1.0 / rate
    pot = Pot.BIJSTAND_CENTRE if hh.registered == CENTRE else Pot.BIJSTAND
    return {pot: p["work_income.p_exit_to_work"] * p["cross_pot.p_dental_blocks_work"]
            * years * per_year}


def _dental_treated(cp: "CrossPot", hh: "Household") -> None:
    cp.dental_treat(hh)


# -- bookkeeping: a failed firm's final balance, so debts can be settled ----------------------------
def _books_apply(cp: "CrossPot", hh: "Household") -> bool:
    return cp.books_open(hh) and hh.has(DEBTS)


def _books_gains(cp: "CrossPot", hh: "Household") -> dict[Pot, float]:
    """Without the final balance the debt-help trajectory fails and must be done again (its
    cost to debt help), and the debts go on, with the eviction they may bring a tenant."""
    gains = _eviction_gains(cp, hh)
    gains[Pot.DEBT_HELP] = cp.p["cost.debt_help_per_case"]
    return gains


def _books_closed(cp: "CrossPot", hh: "Household") -> None:
    cp.close_books(hh)


CATALOGUE: tuple[Item, ...] = (
    Item("pay_arrears", Pot.SPECIAL_ASSISTANCE, False, _arrears_apply, _eviction_gains,
         _arrears_paid, by_stage=True),
    Item("budget_management", Pot.SPECIAL_ASSISTANCE, True, _bewind_apply, _eviction_gains,
         _bewind_starts, by_stage=True),
    Item("childcare", Pot.SPECIAL_ASSISTANCE, True, _childcare_apply, _childcare_gains,
         _childcare_starts),
    Item("furnishing", Pot.SPECIAL_ASSISTANCE, False, _move_part_applies("unfurnished"),
         _move_part_gains("unfurnished"), _move_part_paid("unfurnished")),
    Item("moving_costs", Pot.SPECIAL_ASSISTANCE, False, _move_part_applies("moving_costs"),
         _move_part_gains("moving_costs"), _move_part_paid("moving_costs")),
    Item("dental_care", Pot.SPECIAL_ASSISTANCE, False, _dental_apply, _dental_gains,
         _dental_treated),
    Item("bookkeeping", Pot.SPECIAL_ASSISTANCE, False, _books_apply, _books_gains,
         _books_closed),
)
ITEMS = tuple(item.name for item in CATALOGUE)
ITEM_INDEX = {name: i for i, name in enumerate(ITEMS)}


class CrossPot(Component):
    name = "cross_pot"
    uses = ("accounts", "policies", "cascades", "provisions", "tenancy", "debt_help", "seeking",
            "moving")

    def __init__(self, model: "SocialDomainModel") -> None:
        super().__init__(model)
        # (household, item, by a director) -> the arrears episode and stage it was last
        # considered at, and whether it was granted then
        self._seen_at: dict[tuple[int, int, bool], tuple[int | None, int | None, bool]] = {}
        self._dental: dict[int, bool] = {}  # household -> bad teeth not yet treated
        self._books: dict[int, bool] = {}  # household -> a failed firm's books still open

    # -- dental care: bad teeth that stop a job (004:L170-181, 002:L727-732) ----------------------
    def dental_untreated(self, hh: "Household") -> bool:
        """Whether the member who asks for help has bad teeth that may stop a job
        (``cross_pot.p_dental_need``, drawn once from the household's members seed, the same
        in every scenario), not yet treated."""
        return self._drawn_once(self._dental, hh, 2, "cross_pot.p_dental_need")

    def _drawn_once(self, flags: dict[int, bool], hh: "Household", offset: int,
                    chance: str) -> bool:
        """A household's flag, drawn once with the parameter ``chance`` from its members seed
        (plus ``offset``, one per flag), the same in every scenario; kept in ``flags``."""
        flag = flags.get(hh.hid)
        if flag is None:
            flag = flags[hh.hid] = random.Random(hh.members_seed + offset).random() < self.p[chance]
        return flag

    def dental_treat(self, hh: "Household") -> None:
        self._dental[hh.hid] = False

    def start_with(self, hh: "Household", bad_teeth: bool, failed_firm: bool) -> None:
        """A named household whose source states bad teeth or a failed firm's open books starts
        with them instead of the draw (:mod:`sim.mechanisms.named_households`)."""
        if bad_teeth:
            self._dental[hh.hid] = True
        if failed_firm:
            self._books[hh.hid] = True

    # -- a failed firm's books (004:L803-817) -----------------------------------------------------
    def books_open(self, hh: "Household") -> bool:
        """Whether the household has a failed firm whose books are not closed
        (``cross_pot.p_failed_firm``, drawn once from its members seed), so no debt settlement
        can be proposed."""
        return self._drawn_once(self._books, hh, 3, "cross_pot.p_failed_firm")

    def close_books(self, hh: "Household") -> None:
        self._books[hh.hid] = False

    def job_falls_through(self, hh: "Household") -> bool:
        """A benefit would end in work: untreated bad teeth stop it with
        ``cross_pot.p_dental_blocks_work``."""
        return self.dental_untreated(hh) and \
            hh.life.random() < self.p["cross_pot.p_dental_blocks_work"]

    def cost(self, item: Item) -> float:
        """The euros an item costs: once, or per year times the years it runs."""
        per = self.p[f"cross_pot.{item.name}_eur"]
        return per * self.p[f"cross_pot.{item.name}_days"] / 365.0 if item.running else per

    def consider(self, hh: "Household", counter: "Counter") -> None:
        """A professional looks at the household's situation: every item that applies and has
        not been considered by this kind of professional (a counter's or a director) is; an
        item against eviction again at each new stage of the eviction process or new arrears
        episode, unless it was granted earlier in the episode."""
        director = counter.name == "director"
        tenancy = self.model.tenancy
        for i, item in enumerate(CATALOGUE):
            key = (i, director)
            if not item.applies(self, hh):
                continue
            if item.by_stage:
                # considered again in a new arrears episode or at a later stage of the process,
                # when the chance of an eviction (and so the gain) has changed
                # (not while a grant in this episode is on its way)
                episode, stage = tenancy.episode(hh), tenancy.stage(hh)
                seen = self._seen_at.get((hh.hid, i, director))
                if seen is not None and seen[0] == episode and (seen[1] == stage or seen[2]):
                    continue
                hh.considered.add(key)
                granted = self.decide(hh, counter, item) in (APPROVED, PAID_DIRECTLY)
                self._seen_at[(hh.hid, i, director)] = (episode, stage, granted)
                continue
            if key in hh.considered:
                continue
            hh.considered.add(key)
            self.decide(hh, counter, item)

    def budget_management_ends(self, hh: "Household") -> None:
        """The administration ends: debts it still held frozen, outside a debt-help trajectory,
        grow again and are a problem again."""
        m = self.model
        if hh.debt > 0 and hh.debt_since is None and not m.debt_help.under_control(hh):
            hh.debt_since = self.calendar.now
            m.seeking.add_problem(hh, DEBTS)

    def expected_gain(self, hh: "Household", counter: "Counter", item: Item) -> float:
        """The gain the decision-maker counts: the gains of the pots the policies let count."""
        counted = self.model.policies.counted_pots(hh, counter, item.pays)
        return sum(g for pot, g in item.gains(self, hh).items() if pot in counted)

    def budget_pressure(self, pot: Pot) -> float:
        """The share of the normal approval chance a pot's budget leaves this year (1: none)."""
        m = self.model
        ratio = spending_ratio([m.pots[pot]], self.calendar.now, self.p["budget.lead_days"])
        return pressure_factor(ratio, self.p["budget.pressure_from"], self.p["budget.pressure_floor"])

    def budget_allows(self, hh: "Household", pot: Pot, cost: float) -> bool:
        """A discretionary decision meets the pot's budget: refused when the year's budget is
        spent, and more often the further spending runs ahead of the budget line."""
        m = self.model
        if not m.pots[pot].can_pay(cost, self.calendar.now):
            return False
        factor = self.budget_pressure(pot)
        return factor >= 1.0 or hh.service.random() < factor

    def decide(self, hh: "Household", counter: "Counter", item: Item) -> int:
        m = self.model
        p = self.p
        cost = self.cost(item)
        index = ITEM_INDEX[item.name]
        if m.policies.pays_directly(hh, counter, cost):  # a director's own budget
            m.accounts.charge(hh, Pot.WMO, Category.SERVICES, cost)
            m.event(hh, "maatwerk", counter.org, 1, cost)
            m.event(hh, "cross_pot", index, PAID_DIRECTLY, cost)
            item.act(self, hh)
            return PAID_DIRECTLY
        gain = self.expected_gain(hh, counter, item)
        outcome = APPROVED if m.policies.approves_cross_pot(hh, counter, cost, gain) else REFUSED
        if outcome == APPROVED and not self.budget_allows(hh, item.pays, cost):
            outcome = REFUSED_BUDGET
            m.event(hh, "denial", counter.org, Reason.BUDGET)
        m.event(hh, "maatwerk", counter.org, int(outcome == APPROVED), cost)
        m.event(hh, "cross_pot", index, outcome, cost)
        if outcome != APPROVED:
            return outcome
        days = lognormal(hh.service, p["casework.special_assistance_days"],
                         p["casework.special_assistance_sigma"])
        if not m.policies.has_mandate(hh, counter):
            days += p["casework.mandate_wait_days"]
        self.calendar.schedule_event(self.calendar.now + days, self.paid, hh, index)
        return outcome

    def paid(self, hh: "Household", index: int) -> None:
        """The money arrives: the pot pays and the household's situation changes, if the item
        still applies (the eviction may have come first)."""
        item = CATALOGUE[index]
        if not item.applies(self, hh):
            return
        m = self.model
        if item.running:
            label = f"cross_pot.{item.name}"
            m.accounts.start_cost(hh, label, item.pays, Category.SERVICES,
                                  self.p[f"cross_pot.{item.name}_eur"] / 365.0)
            self.calendar.schedule_event(self.calendar.now + self.p[f"cross_pot.{item.name}_days"],
                                         m.accounts.stop_cost, hh, label)
        else:
            m.accounts.charge(hh, item.pays, Category.SERVICES, self.cost(item))
        item.act(self, hh)
