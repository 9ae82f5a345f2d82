"""The named households of the sources, as starting households that can be placed into any
scenario at a chosen day. Each has its own random streams, so "a Hans" meets the same life
events in the baseline and under a reform; only the system's response differs.

``observed`` records what the source reports, for comparison with the simulated journey
(docs/journeys.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .domains import CARE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL, PARTICIPATION, SAFETY, Domain


@dataclass(frozen=True)
class Archetype:
    name: str
    profile: str  # the profile it belongs to, for reporting
    known: tuple[Domain, ...]  # problems the household itself sees
    hidden: tuple[Domain, ...] = ()
    source: str = ""
    observed: dict[str, str] = field(default_factory=dict)

    @property
    def section(self) -> str:
        """Its parameter section: housing, income, debts, ID, children, self-reliance, trust
        and the delay before it first asks for help are parameters (``archetype_<slug>``)."""
        return "archetype_" + self.name.lower().replace(" ", "_")


ARCHETYPES: dict[str, Archetype] = {a.name: a for a in (
    Archetype("Hans", "sudden_homeless", known=(HOUSING, INCOME, PARTICIPATION), hidden=(DEBTS,),
              source="000 §6.2 (L381-757)",
              observed={"organisations": "13 (10 in the social domain)", "handoffs": "4",
                        "dead ends": "4 before the shelter took him on",
                        "to a place to live": "~9 months to the shelter's emergency home",
                        "to stable housing": "~12 months to a transitional home",
                        "to income": "~21 months"}),
    Archetype("Roos", "care_and_family", known=(CARE, FAMILY), source="000 §6.1 (L46-377)",
              observed={"organisations": "11 (6 in the social domain)", "handoffs": "6 (3)",
                        "dead ends": "4", "stability": "not reached: childcare unmet for 6-9 months"}),
    Archetype("Sharon", "domestic_violence", known=(SAFETY, HOUSING, FAMILY), hidden=(DEBTS, INCOME),
              source="000 §6.3 (L761-1134)",
              observed={"organisations": "20", "handoffs": "12", "dead ends": "9",
                        "to stable housing": "~1.75 years after entering the shelter",
                        "stability": "not reached after 6 years"}),
    Archetype("Maria", "debts", known=(DEBTS,), hidden=(INCOME,), source="000 §6.4",
              observed={"organisations": "15", "handoffs": "4", "dead ends": "4",
                        "debts": "EUR 2,000 grew to 8,000 in ~3 years; near eviction",
                        "stability": "over ten years in financial trouble"}),
    Archetype("Mr Jansen", "frail_elderly", known=(CARE,), source="000 §6.5 (L1484-1793)",
              observed={"organisations": "5", "handoffs": "3", "dead ends": "2 administrative errors",
                        "to home help": "156 days from registration (6-7 months from first contact)"}),
    Archetype("Kenny", "sudden_homeless", known=(HOUSING, INCOME), hidden=(DEBTS, PARTICIPATION),
              source="001 §6.4 (L1150-2152)",
              observed={"organisations": ">= 5, with >= 8 professionals", "helper changes": ">= 3 a year",
                        "to income": "~4 months (benefit with supported housing)",
                        "to supported housing": "~4 months in the night shelter",
                        "ID": "~8 months", "stability": "not reached at 11 months: no home, no debt trajectory"}),
    Archetype("Myriam", "multi_problem_family", known=(MENTAL, FAMILY),
              hidden=(DEBTS, PARTICIPATION), source="001 §6.1 (L351-1000)",
              observed={"organisations": "neighbourhood team, W&I, debt help, psychologist",
                        "finances stable": "~3 months", "neighbourhood team closed": "~12-13 months",
                        "stability": "participation unchanged at 16 months"}),
)}
