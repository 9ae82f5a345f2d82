"""The vocabulary of the model: life domains, housing and income states, organisations,
pots and cost categories. Codes are small integers so the event log stays compact."""

from __future__ import annotations

# Life domains, in the order a household (or a sequential professional) takes them up.
DOMAINS = ("safety", "housing", "income", "care", "family", "mental", "debts", "participation")
D = {name: i for i, name in enumerate(DOMAINS)}
SAFETY, HOUSING, INCOME, CARE, FAMILY, MENTAL, DEBTS, PARTICIPATION = range(len(DOMAINS))

# Need states.
HIDDEN, KNOWN, ACTIVE, BLOCKED, MET = range(5)
NEED_STATES = ("hidden", "known", "active", "blocked", "met")

# Housing.
HOUSING_STATES = ("own_home", "social_rent", "with_others", "street", "night_shelter",
                  "crisis_shelter", "womens_shelter", "sheltered_housing", "transitional_home")
H = {name: i for i, name in enumerate(HOUSING_STATES)}
STABLE_HOUSING = {H["own_home"], H["social_rent"], H["transitional_home"]}
HOMELESS = {H["with_others"], H["street"]}
RENTED = {H["own_home"], H["social_rent"], H["transitional_home"]}

INCOME_STATES = ("none", "allowances_only", "bijstand", "other_benefit", "work", "work_topup")
I = {name: i for i, name in enumerate(INCOME_STATES)}

# Municipalities of the region.
HOME, CENTRE = 0, 1
MUNICIPALITIES = ("municipality", "centrumgemeente")

# Counters (front doors and services); the second element is the parameter section.
COUNTERS = (
    ("wmo", "wmo"),
    ("work_income", "work_income"),
    ("work_income_centre", "work_income"),
    ("debt_help", "debt_help"),
    ("neighbourhood_team", "neighbourhood_team"),
    ("shelter_intake", "shelter_intake"),
    ("housing_urgency", "housing_urgency"),
    ("ggz", "ggz"),
    ("youth", "youth"),
    ("director", "director"),
)
FACILITIES = ("night_shelter", "crisis_shelter", "womens_shelter", "sheltered_housing",
              "transitional_home", "ggz_treatment", "youth_care", "social_housing")
OTHER_ORGS = ("police", "hospital", "landlord", "id_desk", "home_care_provider",
              "participation_provider", "credit_bank", "benefits_office")
ORGS = tuple(c for c, _ in COUNTERS) + FACILITIES + OTHER_ORGS
O = {name: i for i, name in enumerate(ORGS)}

# Which counter's remit covers a domain (the "right door").
REMIT = {
    SAFETY: "shelter_intake",
    HOUSING: "shelter_intake",
    INCOME: "work_income",
    CARE: "wmo",
    FAMILY: "youth",
    MENTAL: "ggz",
    DEBTS: "debt_help",
    PARTICIPATION: "work_income",
}
FRONT_DOORS = ("wmo", "work_income", "neighbourhood_team", "debt_help")

# Funding pots: (name, municipality or None).
POTS = (
    ("bijstand", HOME), ("special_assistance", HOME), ("wmo", HOME), ("youth", HOME),
    ("debt_help", HOME), ("shelter", CENTRE), ("bijstand_centre", CENTRE),
    ("corporation", None), ("zvw", None), ("justice", None),
)
P = {name: i for i, (name, _) in enumerate(POTS)}
POT_NAMES = tuple(name for name, _ in POTS)

CATEGORIES = ("services", "facilities", "benefits", "crises", "administration")
C = {name: i for i, name in enumerate(CATEGORIES)}

# Channels of help-seeking.
CHANNELS = ("self", "referral", "warm", "signal")
SELF, REFERRAL, WARM, SIGNAL = range(4)

# Reasons for a denial.
REASONS = ("no_address", "no_id", "assets", "no_income", "debts_unmanaged", "excluded",
           "not_homeless", "discretion", "budget", "no_children", "not_ready")
R = {name: i for i, name in enumerate(REASONS)}

CRISES = ("eviction", "health_decline", "emergency_care", "out_of_home_placement",
          "police", "recovery_claim", "disengaged_return")
X = {name: i for i, name in enumerate(CRISES)}
