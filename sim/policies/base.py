"""Policies: how the organisations decide at the model's named decision points.

The mechanisms ask ``model.policies`` whenever a reform could decide differently; they never
read a reform switch. :class:`Baseline` answers every question as things are. A reform is a
:class:`Policy` that answers some questions its own way (returning ``None`` for "as before")
and may own mechanisms of its own (a case director). The active reforms are asked first, in
the order of :data:`sim.policies.REFORMS`, then the baseline; for notifications (``on_...``)
every policy is told.

Decision points (the methods of :class:`Policy`):

| decision point | asked by | baseline |
|---|---|---|
| ``staff(counter, staff)`` | the model, building counters | the section's staff; no case directors |
| ``assess_broadly(hh, counter)`` | casework, at intake | with ``casework.p_broad_assessment`` |
| ``after_broad_assessment(hh, counter, domain, found)`` | casework | nothing |
| ``takes_intake(case)`` | casework, at intake | no: the counter's own intake |
| ``on_intake(hh, counter)`` | casework, after intake | nothing |
| ``processing_days(case, days)`` | casework | the drawn time |
| ``decision_wait(case, wait)`` | casework | until the next contact |
| ``waives(hh, domain, counter, reason)`` | eligibility rules | no rule is waived |
| ``on_blocked(hh, domain)`` | casework, after a refusal | nothing |
| ``on_queue_wait(hh, facility)`` | places, when a wait starts | nothing |
| ``pots_decide_as_one(a, b)`` | payers, before a dispute | no: every pot for itself |
| ``on_dispute(case)`` | payers | nothing |
| ``pays_directly(hh, counter, cost)`` | cross_pot, cheap solutions | no |
| ``approves_cross_pot(hh, counter, cost, avoided)`` | cross_pot | when the counted gain exceeds the cost, else with ``casework.p_maatwerk_split`` |
| ``has_mandate(hh, counter)`` | cross_pot | only Work & Income decides on special assistance |
| ``urgency_at_intake(hh, target)`` | housing, at shelter intake | no |
| ``postal_address_municipality(hh)`` | housing | the centrumgemeente |
| ``pursues_for(hh)`` | help-seeking | no: households pursue their own problems |
| ``on_out_of_view(hh)``, ``on_stable(hh)`` | engagement, stability | nothing |
| ``counted_pots(hh, counter, payer)`` | cross_pot | the paying pot's own gain only |
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..domains import CENTRE, Domain, Municipality, Reason, Pot

if TYPE_CHECKING:
    from ..agents import Case, Counter, FacilityAgent, Household
    from ..model import SocialDomainModel
    from ..organisations import CounterSpec


# Counters that exist only under a reform: without it they have no staff.
REFORM_TEAMS = ("director", "escalation_team", "housing_first")


class Policy:
    """A way of deciding. Every method returns ``None`` for "no say in this"."""

    switch: ClassVar[str] = ""  # the reform's switch in the parameter table ("reform.<name>")
    uses: ClassVar[tuple[str, ...]] = ()  # the components it calls

    def __init__(self, model: "SocialDomainModel") -> None:
        self.model = model
        self.p: dict[str, Any] = model.p
        self.calendar = model.calendar

    def start(self) -> None:
        """Schedule the policy's own processes; called once the population exists."""

    # -- decision points ------------------------------------------------------------------------
    def staff(self, counter: "CounterSpec", staff: int) -> int | None:
        return None

    def assess_broadly(self, hh: "Household", counter: "Counter") -> bool | None:
        return None

    def after_broad_assessment(self, hh: "Household", counter: "Counter", domain: Domain,
                               found: list[Domain]) -> None:
        return None

    def takes_intake(self, case: "Case") -> bool | None:
        return None

    def on_intake(self, hh: "Household", counter: "Counter") -> None:
        return None

    def processing_days(self, case: "Case", days: float) -> float | None:
        return None

    def decision_wait(self, case: "Case", wait: float) -> float | None:
        return None

    def waives(self, hh: "Household", domain: Domain, counter: "Counter",
               reason: Reason) -> bool | None:
        return None

    def on_blocked(self, hh: "Household", domain: Domain) -> None:
        return None

    def on_queue_wait(self, hh: "Household", facility: "FacilityAgent") -> None:
        return None

    def pots_decide_as_one(self, a: Pot, b: Pot) -> bool | None:
        return None

    def on_dispute(self, case: "Case") -> None:
        return None

    def pays_directly(self, hh: "Household", counter: "Counter", cost: float) -> bool | None:
        return None

    def approves_cross_pot(self, hh: "Household", counter: "Counter", cost: float,
                           avoided: float) -> bool | None:
        return None

    def has_mandate(self, hh: "Household", counter: "Counter") -> bool | None:
        return None

    def urgency_at_intake(self, hh: "Household", target: str) -> bool | None:
        return None

    def postal_address_municipality(self, hh: "Household") -> Municipality | None:
        return None

    def pursues_for(self, hh: "Household") -> bool | None:
        return None

    def on_out_of_view(self, hh: "Household") -> None:
        return None

    def on_stable(self, hh: "Household") -> None:
        return None

    def counted_pots(self, hh: "Household", counter: "Counter",
                     payer: Pot) -> frozenset[Pot] | None:
        return None


class Baseline(Policy):
    """Things as they are: separate pots, sequential handling, no case directors."""

    def staff(self, counter: "CounterSpec", staff: int) -> int:
        return 0 if counter.name in REFORM_TEAMS else staff

    def assess_broadly(self, hh: "Household", counter: "Counter") -> bool:
        p = self.p["neighbourhood_team.p_broad_assessment"] if counter.name == "neighbourhood_team" \
            else self.p["casework.p_broad_assessment"]
        return hh.service.random() < p

    def takes_intake(self, case: "Case") -> bool:
        return False

    def processing_days(self, case: "Case", days: float) -> float:
        return days

    def decision_wait(self, case: "Case", wait: float) -> float:
        return wait

    def waives(self, hh: "Household", domain: Domain, counter: "Counter", reason: Reason) -> bool:
        return False

    def pots_decide_as_one(self, a: Pot, b: Pot) -> bool:
        return False

    def pays_directly(self, hh: "Household", counter: "Counter", cost: float) -> bool:
        return False

    def approves_cross_pot(self, hh: "Household", counter: "Counter", cost: float,
                           avoided: float) -> bool:
        """Approved when the gain the decision-maker counts exceeds the cost; otherwise now
        and then all the same (004 cases 1 and 7: mostly refused)."""
        return cost < avoided or hh.service.random() < self.p["casework.p_maatwerk_split"]

    def has_mandate(self, hh: "Household", counter: "Counter") -> bool:
        return counter.name == "work_income"

    def urgency_at_intake(self, hh: "Household", target: str) -> bool:
        return False

    def postal_address_municipality(self, hh: "Household") -> Municipality:
        return CENTRE

    def pursues_for(self, hh: "Household") -> bool:
        return False

    def counted_pots(self, hh: "Household", counter: "Counter", payer: Pot) -> frozenset[Pot]:
        return frozenset((payer,))


class Policies:
    """The active reforms, then the baseline: the first answer that is not ``None`` counts."""

    def __init__(self, chain: list[Policy]) -> None:
        self.chain = chain
        self.reforms = chain[:-1]

    def named(self, switch: str) -> Policy | None:
        """The active reform with this switch, or None."""
        for pol in self.reforms:
            if pol.switch == switch:
                return pol
        return None

    def start(self) -> None:
        for pol in self.chain:
            pol.start()

    def _ask(self, point: str, *args: Any) -> Any:
        for pol in self.chain:
            answer = getattr(pol, point)(*args)
            if answer is not None:
                return answer
        raise LookupError(f"no policy answers {point}")

    def _tell(self, point: str, *args: Any) -> None:
        for pol in self.chain:
            getattr(pol, point)(*args)

    def staff(self, counter: "CounterSpec", staff: int) -> int:
        return int(self._ask("staff", counter, staff))

    def assess_broadly(self, hh: "Household", counter: "Counter") -> bool:
        return bool(self._ask("assess_broadly", hh, counter))

    def after_broad_assessment(self, hh: "Household", counter: "Counter", domain: Domain,
                               found: list[Domain]) -> None:
        self._tell("after_broad_assessment", hh, counter, domain, found)

    def takes_intake(self, case: "Case") -> bool:
        return bool(self._ask("takes_intake", case))

    def on_intake(self, hh: "Household", counter: "Counter") -> None:
        self._tell("on_intake", hh, counter)

    def processing_days(self, case: "Case", days: float) -> float:
        return float(self._ask("processing_days", case, days))

    def decision_wait(self, case: "Case", wait: float) -> float:
        return float(self._ask("decision_wait", case, wait))

    def waives(self, hh: "Household", domain: Domain, counter: "Counter", reason: Reason) -> bool:
        return bool(self._ask("waives", hh, domain, counter, reason))

    def on_blocked(self, hh: "Household", domain: Domain) -> None:
        self._tell("on_blocked", hh, domain)

    def on_queue_wait(self, hh: "Household", facility: "FacilityAgent") -> None:
        self._tell("on_queue_wait", hh, facility)

    def pots_decide_as_one(self, a: Pot, b: Pot) -> bool:
        return bool(self._ask("pots_decide_as_one", a, b))

    def on_dispute(self, case: "Case") -> None:
        self._tell("on_dispute", case)

    def pays_directly(self, hh: "Household", counter: "Counter", cost: float) -> bool:
        return bool(self._ask("pays_directly", hh, counter, cost))

    def approves_cross_pot(self, hh: "Household", counter: "Counter", cost: float,
                           avoided: float) -> bool:
        return bool(self._ask("approves_cross_pot", hh, counter, cost, avoided))

    def has_mandate(self, hh: "Household", counter: "Counter") -> bool:
        return bool(self._ask("has_mandate", hh, counter))

    def urgency_at_intake(self, hh: "Household", target: str) -> bool:
        return bool(self._ask("urgency_at_intake", hh, target))

    def postal_address_municipality(self, hh: "Household") -> Municipality:
        return Municipality(self._ask("postal_address_municipality", hh))

    def pursues_for(self, hh: "Household") -> bool:
        return bool(self._ask("pursues_for", hh))

    def on_out_of_view(self, hh: "Household") -> None:
        self._tell("on_out_of_view", hh)

    def on_stable(self, hh: "Household") -> None:
        self._tell("on_stable", hh)

    def counted_pots(self, hh: "Household", counter: "Counter", payer: Pot) -> frozenset[Pot]:
        """The pots whose expected gains count when a cheap solution paid by ``payer`` is
        weighed."""
        return frozenset(self._ask("counted_pots", hh, counter, payer))
