"""The vocabulary of the model: life domains, need states, housing and income states,
municipalities, pots, cost categories, channels, refusal reasons and crises.

Every code is a named member of an ``IntEnum``, so a line of code says ``Domain.CARE`` or
``Need.MET`` instead of ``3`` or ``4``; the members are small integers, so the event log stays
compact. The organisations (counters, facilities and others) are declared in
:mod:`sim.organisations`, one row each.
"""

from __future__ import annotations

from enum import IntEnum
from typing import cast


class Domain(IntEnum):
    """Life domains, in the order a household (or a sequential professional) takes them up."""
    SAFETY = 0
    HOUSING = 1
    INCOME = 2
    CARE = 3
    FAMILY = 4
    MENTAL = 5
    DEBTS = 6
    PARTICIPATION = 7


class Need(IntEnum):
    """The state of a household's need in one domain (owned by :mod:`sim.mechanisms.needs`)."""
    NONE = -1  # no problem in this domain
    HIDDEN = 0  # a problem the household does not see or mention
    KNOWN = 1  # a problem the household knows of, not yet at a counter
    ACTIVE = 2  # a request is open, or a place is being arranged
    BLOCKED = 3  # refused by a rule; waits until the rule lets it in
    MET = 4  # help is in place


class Housing(IntEnum):
    OWN_HOME = 0
    SOCIAL_RENT = 1
    WITH_OTHERS = 2
    STREET = 3
    NIGHT_SHELTER = 4
    CRISIS_SHELTER = 5
    WOMENS_SHELTER = 6
    SHELTERED_HOUSING = 7
    TRANSITIONAL_HOME = 8


class Income(IntEnum):
    NONE = 0
    ALLOWANCES_ONLY = 1
    BIJSTAND = 2
    OTHER_BENEFIT = 3
    WORK = 4
    WORK_TOPUP = 5


class Municipality(IntEnum):
    HOME = 0  # the municipality of the model
    CENTRE = 1  # its centrumgemeente (shelter, and the benefit of those registered there)


class Pot(IntEnum):
    """Funding pots: who pays. Their municipality is in :data:`POT_MUNICIPALITY`."""
    BIJSTAND = 0
    SPECIAL_ASSISTANCE = 1
    WMO = 2
    YOUTH = 3
    DEBT_HELP = 4
    SHELTER = 5
    BIJSTAND_CENTRE = 6
    CORPORATION = 7
    ZVW = 8
    JUSTICE = 9


class Category(IntEnum):
    SERVICES = 0
    FACILITIES = 1
    BENEFITS = 2  # transfers: money paid to households (bijstand), not a use of resources
    CRISES = 3
    ADMINISTRATION = 4


class Actor(IntEnum):
    """Who pays and who gains, as a social cost-benefit analysis (MKBA) lists them; the pots of
    each are in :data:`POT_ACTOR`."""
    MUNICIPALITY = 0
    CENTRUMGEMEENTE = 1
    HEALTH_INSURER = 2
    HOUSING_CORPORATION = 3
    JUSTICE = 4
    NATIONAL_GOVERNMENT = 5  # no pot of the model pays from the state's purse (yet)
    HOUSEHOLDS = 6  # receive the transfers


class Dossier(IntEnum):
    """What a handoff did with the dossier: the value of a referral or worker_change event."""
    LOST = 0  # a cold handoff: the household tells its story again
    WARM = 1  # a warm referral: the dossier travels along (and the referral to a case director)
    KEPT = 2  # not handed over warmly, but the dossier came along


class Channel(IntEnum):
    """How a household comes to a counter."""
    SELF = 0
    REFERRAL = 1
    WARM = 2
    SIGNAL = 3


class Reason(IntEnum):
    """Why a counter refused."""
    NO_ADDRESS = 0
    NO_ID = 1
    ASSETS = 2
    NO_INCOME = 3
    DEBTS_UNMANAGED = 4
    EXCLUDED = 5
    NOT_HOMELESS = 6
    DISCRETION = 7
    BUDGET = 8
    NO_CHILDREN = 9
    NOT_READY = 10
    SEARCH_PERIOD = 11
    EDUCATION = 12  # under 27 and able to study with student finance: no bijstand


class Crisis(IntEnum):
    EVICTION = 0
    HEALTH_DECLINE = 1
    EMERGENCY_CARE = 2
    OUT_OF_HOME_PLACEMENT = 3
    POLICE = 4
    RECOVERY_CLAIM = 5
    DISENGAGED_RETURN = 6


def _names(enum: type[IntEnum]) -> tuple[str, ...]:
    return tuple(m.name.lower() for m in enum)


# Names, in code order, for reports and the event log's readable frame.
DOMAINS = _names(Domain)
NEED_STATES = tuple(m.name.lower() for m in Need if m is not Need.NONE)
HOUSING_STATES = _names(Housing)
INCOME_STATES = _names(Income)
MUNICIPALITIES = ("municipality", "centrumgemeente")
POT_NAMES = _names(Pot)
CATEGORIES = _names(Category)
ACTORS = _names(Actor)
CHANNELS = _names(Channel)
REASONS = _names(Reason)
CRISES = _names(Crisis)

# Each pot's municipality (None: neither; the corporation, the insurer, justice).
POT_MUNICIPALITY: dict[Pot, Municipality | None] = {
    Pot.BIJSTAND: Municipality.HOME, Pot.SPECIAL_ASSISTANCE: Municipality.HOME,
    Pot.WMO: Municipality.HOME, Pot.YOUTH: Municipality.HOME, Pot.DEBT_HELP: Municipality.HOME,
    Pot.SHELTER: Municipality.CENTRE, Pot.BIJSTAND_CENTRE: Municipality.CENTRE,
    Pot.CORPORATION: None, Pot.ZVW: None, Pot.JUSTICE: None,
}
POTS = tuple((pot.name.lower(), POT_MUNICIPALITY[pot]) for pot in Pot)
# Each pot's actor, for the who-pays-who-gains table; transfers (Category.BENEFITS) are paid by
# the pot's actor and received by the households.
POT_ACTOR: dict[Pot, Actor] = {
    Pot.BIJSTAND: Actor.MUNICIPALITY, Pot.SPECIAL_ASSISTANCE: Actor.MUNICIPALITY,
    Pot.WMO: Actor.MUNICIPALITY, Pot.YOUTH: Actor.MUNICIPALITY, Pot.DEBT_HELP: Actor.MUNICIPALITY,
    Pot.SHELTER: Actor.CENTRUMGEMEENTE, Pot.BIJSTAND_CENTRE: Actor.CENTRUMGEMEENTE,
    Pot.CORPORATION: Actor.HOUSING_CORPORATION, Pot.ZVW: Actor.HEALTH_INSURER,
    Pot.JUSTICE: Actor.JUSTICE,
}
TRANSFER_CATEGORIES = frozenset({Category.BENEFITS})

# Housing states by what they mean for a household.
STABLE_HOUSING = frozenset({Housing.OWN_HOME, Housing.SOCIAL_RENT, Housing.TRANSITIONAL_HOME})
HOMELESS = frozenset({Housing.WITH_OTHERS, Housing.STREET})
RENTED = frozenset({Housing.OWN_HOME, Housing.SOCIAL_RENT, Housing.TRANSITIONAL_HOME})
INCOMES = frozenset({Income.BIJSTAND, Income.OTHER_BENEFIT, Income.WORK, Income.WORK_TOPUP})

# Lookups by name, for code that reads names from files or reports.
D = {name: Domain(i) for i, name in enumerate(DOMAINS)}
H = {name: Housing(i) for i, name in enumerate(HOUSING_STATES)}
I = {name: Income(i) for i, name in enumerate(INCOME_STATES)}  # noqa: E741
P = {name: Pot(i) for i, name in enumerate(POT_NAMES)}
C = {name: Category(i) for i, name in enumerate(CATEGORIES)}
R = {name: Reason(i) for i, name in enumerate(REASONS)}
X = {name: Crisis(i) for i, name in enumerate(CRISES)}

# A case about the whole household rather than one domain (a case director's).
NO_DOMAIN = cast(Domain, -1)

# Short aliases used throughout the mechanisms.
SAFETY, HOUSING, INCOME, CARE, FAMILY, MENTAL, DEBTS, PARTICIPATION = Domain
NO_PROBLEM, HIDDEN, KNOWN, ACTIVE, BLOCKED, MET = Need
HOME, CENTRE = Municipality
SELF, REFERRAL, WARM, SIGNAL = Channel

# The organisations live in sim.organisations; their names are re-exported here on first use.
_ORGANISATION_NAMES = ("COUNTERS", "FACILITIES", "FRONT_DOORS", "O", "ORGS", "OTHER_ORGS", "REMIT")


def __getattr__(name: str) -> object:
    if name in _ORGANISATION_NAMES:
        from . import organisations
        return getattr(organisations, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Domain", "Need", "Housing", "Income", "Municipality", "Pot", "Category", "Actor",
           "Dossier", "Channel", "Reason", "Crisis", "DOMAINS", "ACTORS", "POT_ACTOR",
           "TRANSFER_CATEGORIES", "NEED_STATES", "HOUSING_STATES", "INCOME_STATES",
           "MUNICIPALITIES", "POT_NAMES", "CATEGORIES", "CHANNELS", "REASONS", "CRISES",
           "POT_MUNICIPALITY", "POTS", "STABLE_HOUSING", "HOMELESS", "RENTED", "INCOMES",
           "D", "H", "I", "P", "C", "R", "X", "SAFETY", "HOUSING", "INCOME", "CARE", "FAMILY",
           "MENTAL", "DEBTS", "PARTICIPATION", "NO_PROBLEM", "HIDDEN", "KNOWN", "ACTIVE",
           "BLOCKED", "MET", "HOME", "CENTRE", "SELF", "REFERRAL", "WARM", "SIGNAL",
           "COUNTERS", "FACILITIES", "FRONT_DOORS", "O", "ORGS", "OTHER_ORGS", "REMIT"]
