"""The organisations of the model, declared once: one row per counter and per facility.

A row says everything the rest of the code needs to know about an organisation: its name,
the parameter section its numbers live in, its municipality, the pot it spends from, its
remit (counters) or what it provides (facilities), and the colour and label reports and the
app draw it with. Tables, plots, the app's charts and the docs are all derived from these rows,
so a new facility is one new row plus its parameters (see ``tests/test_architecture.py``).

Organisation codes (used in the event log) are positions in :attr:`Catalogue.names`: counters
first, then facilities, then the other organisations households meet, then any added rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .domains import Domain, Housing, Municipality, Pot


@dataclass(frozen=True)
class CounterSpec:
    """A front door or service with staff and caseloads."""
    name: str
    section: str  # parameter section: staff, caseload_cap, response_days, ...
    municipality: Municipality
    pot: Pot
    remit: tuple[Domain, ...] = ()  # the domains it is the right door for
    front_door: int = 0  # households who miss the right door try front doors 1, 2, ... (0: not one)
    label: str = ""
    colour: str = "#888888"


@dataclass(frozen=True)
class FacilitySpec:
    """Scarce places with a waiting list: somewhere to live, or a treatment place."""
    name: str
    section: str  # parameter section: capacity, stay_days, cost_per_day, allocation, ...
    pot: Pot
    municipality: Municipality | None
    residence: Housing | None = None  # the housing state of those living there
    treats: Domain | None = None  # the domain a treatment place meets
    stock_profile: str | None = None  # the profile that fills it at the start
    dwelling: bool = False  # social housing: places are lettings, not a fixed capacity
    label: str = ""
    colour: str = "#888888"


H, M, D = Municipality.HOME, Municipality.CENTRE, Domain

COUNTER_ROWS: tuple[CounterSpec, ...] = (
    CounterSpec("wmo", "wmo", H, Pot.WMO, (D.CARE,), 1, "Wmo desk", "#1f77b4"),
    CounterSpec("work_income", "work_income", H, Pot.BIJSTAND, (D.INCOME, D.PARTICIPATION), 2,
                "Work & Income", "#ff7f0e"),
    CounterSpec("work_income_centre", "work_income_centre", M, Pot.BIJSTAND_CENTRE, (), 0,
                "Work & Income (centrumgemeente)", "#ffbb78"),
    CounterSpec("debt_help", "debt_help", H, Pot.DEBT_HELP, (D.DEBTS,), 4, "Debt help",
                "#2ca02c"),
    CounterSpec("neighbourhood_team", "neighbourhood_team", H, Pot.WMO, (), 3,
                "Neighbourhood team", "#98df8a"),
    CounterSpec("shelter_intake", "shelter_intake", M, Pot.SHELTER, (D.SAFETY, D.HOUSING), 0,
                "Shelter intake", "#d62728"),
    CounterSpec("housing_urgency", "housing_urgency", H, Pot.CORPORATION, (), 0,
                "Urgency committee", "#ff9896"),
    CounterSpec("ggz", "ggz", H, Pot.ZVW, (D.MENTAL,), 0, "GGZ intake", "#9467bd"),
    CounterSpec("youth", "youth", H, Pot.YOUTH, (D.FAMILY,), 0, "Youth care desk", "#c5b0d5"),
    CounterSpec("director", "director", H, Pot.WMO, (), 0, "Case director", "#8c564b"),
    CounterSpec("escalation_team", "escalation_team", H, Pot.WMO, (), 0, "Escalation team",
                "#e377c2"),
    CounterSpec("housing_first", "housing_first", M, Pot.SHELTER, (), 0,
                "Housing First support team", "#7f7f7f"),
)

FACILITY_ROWS: tuple[FacilitySpec, ...] = (
    FacilitySpec("night_shelter", "night_shelter", Pot.SHELTER, M, Housing.NIGHT_SHELTER,
                 stock_profile="sudden_homeless", label="Night shelter", colour="#4477aa"),
    FacilitySpec("crisis_shelter", "crisis_shelter", Pot.SHELTER, M, Housing.CRISIS_SHELTER,
                 stock_profile="domestic_violence", label="Crisis shelter", colour="#ee6677"),
    FacilitySpec("womens_shelter", "womens_shelter", Pot.SHELTER, M, Housing.WOMENS_SHELTER,
                 stock_profile="domestic_violence", label="Women's shelter", colour="#aa3377"),
    FacilitySpec("sheltered_housing", "sheltered_housing", Pot.SHELTER, M,
                 Housing.SHELTERED_HOUSING, stock_profile="sudden_homeless",
                 label="Sheltered housing", colour="#228833"),
    FacilitySpec("transitional_home", "transitional_home", Pot.CORPORATION, None,
                 Housing.TRANSITIONAL_HOME, stock_profile="sudden_homeless",
                 label="Transitional home", colour="#66ccee"),
    FacilitySpec("ggz_treatment", "ggz_treatment", Pot.ZVW, None, treats=Domain.MENTAL,
                 stock_profile="mental_health", label="GGZ treatment", colour="#ccbb44"),
    FacilitySpec("youth_care", "youth_care", Pot.YOUTH, H, treats=Domain.FAMILY,
                 stock_profile="multi_problem_family", label="Youth care", colour="#999999"),
    FacilitySpec("social_housing", "social_housing", Pot.CORPORATION, None, Housing.SOCIAL_RENT,
                 dwelling=True, label="Social housing (urgency)", colour="#000000"),
    FacilitySpec("family_shelter", "family_shelter", Pot.SHELTER, M, Housing.NIGHT_SHELTER,
                 stock_profile="sudden_homeless", label="Family shelter", colour="#117733"),
)

OTHER_ROWS: tuple[str, ...] = ("police", "hospital", "landlord", "id_desk", "home_care_provider",
                               "participation_provider", "credit_bank", "benefits_office")


@dataclass(frozen=True)
class Catalogue:
    """The organisations of one model: codes, rows and derived lookups."""
    counters: tuple[CounterSpec, ...] = COUNTER_ROWS
    facilities: tuple[FacilitySpec, ...] = FACILITY_ROWS
    others: tuple[str, ...] = OTHER_ROWS
    names: tuple[str, ...] = field(init=False)
    code: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        base = [c.name for c in COUNTER_ROWS] + [f.name for f in FACILITY_ROWS] + list(OTHER_ROWS)
        mine = [c.name for c in self.counters] + [f.name for f in self.facilities] + list(self.others)
        if len(set(mine)) != len(mine):
            raise ValueError("organisation names must be unique")
        # the default organisations keep their codes; added ones come after them
        names = [n for n in base if n in mine] + [n for n in mine if n not in base]
        if names[:len(base)] != base[:len(names)] and set(base) <= set(mine):
            raise ValueError("the default organisations must keep their order")
        object.__setattr__(self, "names", tuple(names))
        object.__setattr__(self, "code", {n: i for i, n in enumerate(names)})

    def with_facility(self, spec: FacilitySpec) -> "Catalogue":
        """The same catalogue with one more facility (a new shelter, say)."""
        return Catalogue(self.counters, self.facilities + (spec,), self.others)

    def facility(self, name: str) -> FacilitySpec:
        for f in self.facilities:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def facility_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.facilities)

    @property
    def colours(self) -> dict[str, str]:
        return {**{c.name: c.colour for c in self.counters},
                **{f.name: f.colour for f in self.facilities}}

    @property
    def labels(self) -> dict[str, str]:
        return {**{c.name: c.label or c.name for c in self.counters},
                **{f.name: f.label or f.name for f in self.facilities}}

    def right_door(self, domain: Domain) -> str:
        for c in self.counters:
            if domain in c.remit:
                return c.name
        raise KeyError(f"no counter has {domain.name.lower()} in its remit")


DEFAULT = Catalogue()

# Module-level names of the default catalogue, for code that needs only names and codes.
ORGS: tuple[str, ...] = DEFAULT.names
O: dict[str, int] = DEFAULT.code
COUNTERS: tuple[tuple[str, str], ...] = tuple((c.name, c.section) for c in COUNTER_ROWS)
FACILITIES: tuple[str, ...] = DEFAULT.facility_names
OTHER_ORGS: tuple[str, ...] = OTHER_ROWS
FRONT_DOORS: tuple[str, ...] = tuple(c.name for c in sorted(
    (c for c in COUNTER_ROWS if c.front_door), key=lambda c: c.front_door))
REMIT: dict[Domain, str] = {d: DEFAULT.right_door(d) for d in Domain}
