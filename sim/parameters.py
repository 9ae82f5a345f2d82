"""The parameter table: every model parameter, declared once.

Each entry has a default (the baseline: a municipality of Rijswijk's size with its
centrumgemeente), a hard validity range (checked when a scenario is loaded), a plausible range
(used by sensitivity analysis and calibration), a unit and a source. Sources cite the seed
documents as ``000:L1574`` (seed, line) or a published figure; ``assumed`` marks a value no
source pins down. ``docs/parameters.md`` and ``scenarios/baseline.toml`` are generated from
this table (``sim params``), and a test keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INF = float("inf")


@dataclass(frozen=True)
class Param:
    key: str  # "section.name"
    default: Any
    unit: str
    source: str
    doc: str
    bounds: tuple[float, float] | None = None  # hard validity, inclusive
    range: tuple[float, float] | None = None  # plausible range for analysis
    choices: tuple[str, ...] | None = None
    scales: bool = False  # given per 55,000 inhabitants; scaled by region.inhabitants

    @property
    def kind(self) -> type:
        return type(self.default)

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def assumed(self) -> bool:
        return self.source.lower().startswith("assumed")


_TABLE: list[Param] = []


SCALE_NOTE = " per 55,000 inhabitants"


def _add(key, default, unit, source, doc, bounds=None, range=None, choices=None, scales=False):
    if scales:
        unit += SCALE_NOTE
    _TABLE.append(Param(key, default, unit, source, doc, bounds, range, choices, scales))


def count(key, default, source, doc, range=None, unit="count", hi=100_000, scales=False):
    _add(key, int(default), unit, source, doc, (0, hi), range, scales=scales)


def days(key, default, source, doc, range=None, lo=0.0):
    _add(key, float(default), "days", source, doc, (lo, 36500.0), range)


def prob(key, default, source, doc, range=None):
    _add(key, float(default), "probability", source, doc, (0.0, 1.0), range)


def share(key, default, source, doc, range=None, unit="share 0-1"):
    _add(key, float(default), unit, source, doc, (0.0, 1.0), range)


def euros(key, default, source, doc, range=None, unit="EUR", scales=False):
    _add(key, float(default), unit, source, doc, (0.0, 1e12), range, scales=scales)


def positive(key, default, unit, source, doc, range=None, hi=1e9, scales=False):
    _add(key, float(default), unit, source, doc, (0.0, hi), range, scales=scales)


def flag(key, default, source, doc):
    _add(key, bool(default), "switch", source, doc)


def choice(key, default, choices, source, doc):
    _add(key, str(default), "choice", source, doc, choices=tuple(choices))


# --- run ------------------------------------------------------------------------------------
positive("run.years", 5, "years", "assumed", "Years simulated after the warm-up; outcomes are "
         "measured for households arriving in this window.", hi=50)
positive("run.warmup_years", 1, "years", "assumed", "Warm-up before measurement starts, so queues "
         "and caseloads are filled as in reality.", range=(0.5, 3), hi=20)
positive("run.stock_years", 1.0, "years", "assumed", "Initial stock: households whose problems "
         "started this many years before the warm-up, already waiting or in care.", hi=10)

# --- region ---------------------------------------------------------------------------------
count("region.inhabitants", 55_000, "Rijswijk ~55,000 inhabitants (municipal figures)",
      "Inhabitants of the municipality; inflows and capacities scale with it.",
      range=(27_500, 550_000), unit="persons", hi=2_000_000)

# --- inflow: new households per year ---------------------------------------------------------
positive("inflow.frail_elderly", 300, "households/year", "assumed; Wmo requests, 003 §5.2",
         "Older people with one care need (a Mr Jansen).", scales=True, hi=100_000, range=(150, 600))
positive("inflow.care_and_family", 30, "households/year", "assumed; 000 Roos",
         "Households with a care need plus a family need (a Roos).", scales=True, hi=100_000, range=(10, 80))
positive("inflow.debts", 220, "households/year",
         "assumed; ~9% of households have problematic debts (IBO 2024)",
         "Households with problematic debts, some with rent arrears (a Maria).", scales=True, hi=100_000, range=(100, 450))
positive("inflow.sudden_homeless", 30, "households/year",
         "assumed; 33,000 homeless adults on 1 Jan 2024 (CBS) is ~100 in Rijswijk",
         "Single adults who suddenly lose their home (a Hans, a Kenny).", scales=True, hi=100_000, range=(15, 80))
positive("inflow.multi_problem_family", 35, "households/year",
         "assumed; ~0.55% of households are multi-problem families (NJi on CBS data)",
         "Families with debts, low income, youth and mental-health needs (a Myriam).",
         scales=True, hi=100_000, range=(15, 80))
positive("inflow.domestic_violence", 20, "households/year", "assumed; 000 Sharon",
         "A parent and children fleeing domestic violence (a Sharon).", scales=True, hi=100_000, range=(8, 50))
positive("inflow.young_adult", 15, "households/year", "assumed; 004 cases",
         "Young people turning 18 who leave youth care without a home or income.", scales=True, hi=100_000, range=(5, 40))
positive("inflow.mental_health", 120, "households/year",
         "assumed; ~97,450 on GGZ waiting lists nationally (NZa, Dec 2023)",
         "Adults with a mental-health need that threatens income and daily activity.",
         scales=True, hi=100_000, range=(60, 250))

# --- household behaviour --------------------------------------------------------------------
days("household.help_seeking_days", 90, "000 M1 (L408-412, L593): weeks to months; assumed median",
     "Median delay from a problem's onset to asking for help (lognormal); halved for "
     "profiles in acute crisis.", range=(20, 240))
positive("household.help_seeking_sigma", 0.8, "log-sd", "assumed",
         "Spread of the help-seeking delay (lognormal sigma).", range=(0.3, 1.2), hi=3)
days("household.retry_days", 45, "assumed; 000 M8, 001 L1737 ('belt een keer')",
     "Median delay before a household tries again after a dead end or denial.", range=(14, 120))
prob("household.p_right_door", 0.5, "assumed; 000 M2 (entry by Google search)",
     "Chance that a household searching by itself finds the counter whose remit fits.",
     range=(0.2, 0.9))
share("household.trust_initial", 0.7, "assumed; 000 §7.1, 001 §8.1",
      "Mean initial trust in services (0-1).", range=(0.5, 0.9))
share("household.trust_threshold", 0.2, "assumed; 001 L2190 ('vertrouwen verliezen')",
      "Below this trust a household disengages: stops showing up and refuses offers.",
      range=(0.05, 0.35))
share("household.trust_loss_dead_end", 0.07, "assumed; 000 M19",
      "Trust lost at a dead end (information only, no call-back).", range=(0.02, 0.15))
share("household.trust_loss_denial", 0.08, "assumed; 000 M19, 002 §3.7",
      "Trust lost at a denial.", range=(0.02, 0.15))
share("household.trust_loss_retelling", 0.02, "assumed; 000 M6",
      "Trust lost each time the story must be told again.", range=(0.0, 0.06))
share("household.trust_loss_wait_month", 0.02, "assumed; 000 M19",
      "Trust lost per month spent waiting for a place.", range=(0.0, 0.04))
share("household.trust_gain_help", 0.06, "assumed; 000 M22",
      "Trust regained when help actually starts.", range=(0.0, 0.15))
days("household.reentry_days", 180, "assumed; 001 L1133 (4 of 18 dropped out within a year)",
     "Median time a disengaged household stays out of view before re-entering in crisis.",
     range=(60, 540))
prob("household.p_objection", 0.15, "assumed; 003 §3 step 11 (few objections)",
     "Chance that a denied household lodges an objection (6-week window, Awb; 004:L969).",
     range=(0.05, 0.4))
prob("household.p_objection_upheld", 0.3, "assumed",
     "Chance that an objection overturns a denial.", range=(0.1, 0.5))
count("household.max_parallel_requests", 1, "assumed; 001 §3B sequential handling",
      "Domains a household pursues at the same time on its own; a case director works all "
      "domains in parallel.", range=(1, 3), hi=8)

# --- problem dynamics and cascades ----------------------------------------------------------
positive("problems.debt_growth_per_year", 0.35, "1/year",
         "000:L1262 (EUR 2,000 became 8,000 in ~3 years, incl. arrears)",
         "Continuous growth rate of debts nobody manages (interest, collection costs).",
         range=(0.1, 0.6), hi=5)
days("problems.arrears_to_eviction_days", 240, "000:L1286-1333 (8 months of arrears, near eviction)",
     "Median time from unmanaged rent arrears to an eviction order.", range=(90, 400))
prob("problems.p_eviction", 0.3, "assumed; Eropaf 2014",
     "Chance that an eviction order is executed when the arrears are still unmanaged.",
     range=(0.2, 0.8))
days("problems.eviction_exclusion_days", 1095, "001:L1829 (3 years; 5 after a cannabis plantation)",
     "Exclusion from social housing after an eviction.", range=(365, 1825))
days("problems.unmet_care_decline_days", 120, "000 Roos (L133-146, L333-338); assumed",
     "Days a care or mental-health need may stay unmet before health declines.",
     range=(45, 300), lo=1.0)
prob("problems.p_crisis_on_decline", 0.3, "assumed; 000 M16",
     "Chance that a health decline brings an emergency (hospital, crisis team).",
     range=(0.1, 0.6))
prob("problems.p_placement_if_unmet", 0.15, "assumed; Stade 2012 (out-of-home placement)",
     "Chance that an unmet youth need ends in an out-of-home placement.", range=(0.05, 0.3))
positive("problems.relapse_per_year", 0.08, "1/year", "assumed; 001 L1019-1021",
         "Rate at which a stable household meets a new problem.", range=(0.02, 0.2), hi=5)
positive("problems.recovery_claims_per_year", 0.04, "1/year", "assumed; 000 M13, 002 §3.5",
         "Rate of benefit recovery claims (Toeslagen, municipal) on households on benefits.",
         range=(0.0, 0.12), hi=5)
euros("problems.recovery_claim_eur", 2500, "assumed; 000:L1155 (tail to EUR 40-50k)",
      "Median size of a recovery claim (lognormal).", range=(800, 8000))
days("problems.id_renewal_days", 50, "001:L1311 (up to 8 months with complications)",
     "Median time to renew an ID (lognormal, heavy tail).", range=(20, 120))
days("problems.asset_depletion_days", 300, "000:L559-560 (no benefit for ~1 year)",
     "Median time before home equity or savings are used up and benefit is possible.",
     range=(90, 540))
days("problems.own_solution_days", 365, "assumed; 001:L2161 ('a room is often enough'), 000 M20",
     "Median time before a homeless household finds a room or home by itself or through its "
     "network, if services have not housed it first.", range=(120, 1095))
days("problems.hidden_need_days", 240, "assumed; 000 M7 (no broad assessment)",
     "Median time before a need nobody asked about surfaces by itself.", range=(90, 540))

# --- stability ------------------------------------------------------------------------------
days("stability.confirm_days", 90, "assumed; 001:L1650 (operational definition)",
     "Days all core domains must stay settled before a household counts as stable.",
     range=(30, 180))

# --- casework across counters -----------------------------------------------------------------
prob("casework.info_loss", 0.6, "000 M6 (L578, L1070, L1574); 001 L160 (digital dossiers)",
     "Chance that a cold handoff (referral or change of professional) loses the dossier, "
     "so the household retells its story.", range=(0.2, 0.9))
prob("casework.p_restart", 0.3, "000:L1574 (lost dossier restarts the application)",
     "Chance that a lost dossier also restarts an assessment in progress.", range=(0.1, 0.6))
prob("casework.p_no_response", 0.15, "000 M8 (Hans: 2 no-shows in ~6 contacts; L417-425, L473)",
     "Chance that a first contact comes to nothing (no call-back, no-show).",
     range=(0.05, 0.35))
prob("casework.p_refer", 0.55, "000 M5 (L59-60, L446-447)",
     "Chance that a counter outside its remit refers onwards rather than only informs.",
     range=(0.3, 0.9))
prob("casework.p_broad_assessment", 0.15, "000 §7.1 (1 broad assessment in 5 journeys)",
     "Chance that a specialist counter asks about all life domains.", range=(0.05, 0.4))
prob("casework.p_phase_handover", 0.5, "001 L153-163 (new helper per phase)",
     "Chance that a case changes professional when it moves from intake to provision.",
     range=(0.2, 0.8))
positive("casework.staff_turnover_per_year", 0.3, "1/year",
         "001:L561, L2245 (at least three changes of helper a year)",
         "Rate at which a professional leaves or is reassigned; their cases change hands.",
         range=(0.1, 0.6), hi=10)
positive("casework.contact_hours", 1.5, "hours", "assumed",
         "Professional hours per contact with a household.", range=(0.5, 3), hi=40)
euros("casework.hourly_cost_eur", 75, "assumed (professional hour incl. overhead)",
      "Cost of one professional hour.", range=(50, 110))
prob("casework.p_dispute", 0.5, "004 cases 2 and 10 (who pays?)",
     "Chance that a service whose pot is ambiguous triggers a who-pays dispute.",
     range=(0.2, 0.8))
days("casework.dispute_days", 42, "assumed; 004 cases 2, 10",
     "Median duration of a who-pays dispute before help may start.", range=(14, 120))
positive("casework.processing_sigma", 0.7, "log-sd", "assumed; 000:L1561 (heavy tail)",
         "Spread (lognormal sigma) of processing times around their medians.",
         range=(0.3, 1.1), hi=3)
days("casework.special_assistance_days", 27, "002:L1679 (27 days; 14 after a process change)",
     "Median time for a decision on special assistance (bijzondere bijstand).",
     range=(14, 40))
days("casework.mandate_wait_days", 28, "004:L1691 (4 weeks without mandate)",
     "Extra wait when the professional lacks the mandate to decide.", range=(7, 56))
prob("casework.p_maatwerk_split", 0.15, "004 cases 1, 7 ('the cheap key for the expensive lock')",
     "Chance that a cheap solution paid from one pot that saves another pot is approved "
     "under separate pots.", range=(0.05, 0.4))
euros("casework.arrears_payoff_eur", 1500, "assumed; 000:L1262",
      "Typical cost of paying off rent arrears to stop an eviction.", range=(500, 4000))

# --- counters: staff, caseloads and timings ------------------------------------------------------
def _counter(name, label, staff, cap, response, processing, interval, background, sources):
    count(f"{name}.staff", staff, sources["staff"], f"{label}: professionals.",
          range=(max(1, round(staff * 0.5)), round(staff * 2) + 1), unit="FTE", scales=True,
          hi=1_000)
    count(f"{name}.background_cases", background, sources.get("background", "assumed"),
          f"{label}: cases of households outside the model that share the caseloads.",
          range=(round(background * 0.5), round(background * 1.5) + 1), unit="cases",
          scales=True, hi=1_000_000)
    count(f"{name}.caseload_cap", cap, sources["cap"], f"{label}: maximum cases per professional.",
          range=(max(1, round(cap * 0.5)), round(cap * 1.5)), unit="cases", hi=10_000)
    days(f"{name}.response_days", response, sources["response"],
         f"{label}: median days from arrival to first contact.",
         range=(max(1.0, response * 0.5), response * 2))
    days(f"{name}.processing_days", processing, sources["processing"],
         f"{label}: median days from first contact to decision.",
         range=(max(1.0, processing * 0.5), processing * 2))
    days(f"{name}.contact_interval_days", interval, sources["interval"],
         f"{label}: days between contacts when caseloads are full.",
         range=(max(1.0, interval * 0.5), interval * 2))


_counter("wmo", "Wmo desk", 8, 80, 60, 45, 60, background=350, sources={
    "staff": "assumed", "cap": "assumed",
    "response": "000:L1565-1573 (98 days to home visit, 2024); 003:L189 (norm 6 weeks)",
    "processing": "000:L1561 (156 days registration to start); 003:L182 ('a few weeks')",
    "interval": "assumed"})
_counter("work_income", "Werk & Inkomen", 9, 350, 14, 45, 365, background=1400, sources={
    "background": "assumed; ~1,500 bijstand households in a municipality of 55,000 (CBS)",
    "staff": "assumed", "cap": "001:L644 (~350 clients per caseworker)",
    "response": "assumed", "processing": "Participatiewet (8 weeks); 001:L2164",
    "interval": "001:L644, L1071 (a parked client is seen yearly)"})
_counter("debt_help", "Debt help", 8, 60, 11, 81, 30, background=120, sources={
    "staff": "assumed", "cap": "assumed",
    "response": "NVVK 2022 (first appointment after 11 days on average)",
    "processing": "Panteia 2010 (debts mapped after 81 days)", "interval": "assumed"})
_counter("neighbourhood_team", "Neighbourhood team", 14, 25, 10, 21, 14, background=50, sources={
    "staff": "assumed", "cap": "assumed; no national figure (15-40 households)",
    "response": "000:L414-425 (call-backs late)", "processing": "assumed",
    "interval": "assumed"})
_counter("shelter_intake", "Shelter intake (centrumgemeente)", 6, 40, 21, 21, 14, background=40, sources={
    "staff": "assumed", "cap": "assumed", "response": "000:L475-478 (first call to intake ~1 month)",
    "processing": "000:L480-486 (Wmo permission before the trajectory)", "interval": "assumed"})
_counter("housing_urgency", "Housing urgency committee", 2, 80, 14, 42, 30, background=80, sources={
    "staff": "assumed", "cap": "assumed", "response": "assumed",
    "processing": "assumed; 001:L1493", "interval": "assumed"})
_counter("ggz", "GGZ intake (via GP)", 6, 40, 61, 14, 21, background=150, sources={
    "staff": "assumed", "cap": "assumed",
    "response": "Staat van VZ, basis-ggz Q1 2023 (8.7 weeks to intake)",
    "processing": "assumed", "interval": "assumed"})
_counter("youth", "Youth care (toegang)", 5, 20, 14, 28, 14, background=60, sources={
    "staff": "assumed", "cap": "Deltaplan (family guardians: 24 families vs 15 advised)",
    "response": "assumed", "processing": "assumed", "interval": "assumed"})

days("wmo.legal_days", 56, "Wmo 2015 art. 2.3.2 (6 weeks assessment + 2 weeks decision); 003:L189-191",
     "Legal term from report to decision; binding only when deadlines are enforced.")
prob("wmo.p_deny", 0.1, "003 §5.4 (Table 3: not every request ends in a provision); assumed",
     "Chance that the Wmo desk refuses at its discretion (the network should help).",
     range=(0.02, 0.25))
days("wmo.delivery_days", 21, "000:L52-53 (home help started in 3 weeks, 2020)",
     "Median days from a Wmo decision to the provider's start.", range=(7, 90))
days("work_income.legal_days", 56, "Participatiewet art. 44 (8 weeks)",
     "Legal term for a benefit decision; binding only when deadlines are enforced.")
days("debt_help.legal_days", 28, "Wet gemeentelijke schuldhulpverlening (4 weeks; 3 days in crisis)",
     "Legal term for debt help's first action; binding only when deadlines are enforced.")
days("debt_help.inventory_days", 105, "001:L1341 (3-4 months to map the debts)",
     "Median days to map all debts before a settlement can start.", range=(60, 180))
days("debt_help.settlement_days", 548, "NVVK; VNG 2023 (18 months since July 2023)",
     "Duration of a debt settlement; debts are frozen and under control meanwhile.",
     range=(365, 1095))
days("neighbourhood_team.involvement_days", 365, "001:L351, L974 (~12 months)",
     "How long the neighbourhood team stays involved with a household.", range=(180, 540))
prob("neighbourhood_team.p_broad_assessment", 0.4, "000:L599-600 (broad assessment for Hans); assumed",
     "Chance that the neighbourhood team asks about all life domains.", range=(0.2, 0.8))
days("work_income.trajectory_days", 180, "001:L1022-1028 (trajectories start late, few succeed)",
     "Median duration of a participation trajectory.", range=(90, 365))
prob("work_income.p_trajectory_work", 0.25, "001:L1022-1028 (3 of 13 non-participants improved)",
     "Chance that a participation trajectory ends in paid work (else a day activity).",
     range=(0.1, 0.5))
days("ggz.treatment_wait_days", 38, "Staat van VZ, basis-ggz Q1 2023 (5.4 weeks intake to treatment)",
     "Median administrative wait between GGZ intake and a free treatment place.",
     range=(14, 90))
# --- facilities -----------------------------------------------------------------------------
def _facility(name, label, capacity, stay, cost, cap_src, stay_src, cost_src, rule="fifo"):
    count(f"{name}.capacity", capacity, cap_src, f"{label}: places available to the municipality's "
          "residents.", range=(max(0, round(capacity * 0.5)), round(capacity * 2) + 1),
          unit="places", scales=True, hi=10_000)
    days(f"{name}.stay_days", stay, stay_src, f"{label}: median nominal stay; the actual stay "
         "is longer when the next place is not free.", range=(stay * 0.5, stay * 2))
    euros(f"{name}.cost_per_day", cost, cost_src, f"{label}: cost per occupied place per day.",
          range=(cost * 0.7, cost * 1.3), unit="EUR/day")
    share(f"{name}.initial_occupancy", 1.0, "assumed; 001:L2252 (shortages everywhere)",
          f"{label}: share of places occupied at the start.")
    choice(f"{name}.allocation", rule, ("fifo", "priority", "lottery"),
           "001:L1390 (lottery for night-shelter beds); 002 §3.2", f"{label}: allocation rule.")


_facility("night_shelter", "Night shelter", 12, 120, 64, "assumed",
          "001:L1878 (~4 months before supported housing)", "Cebeon 2011 (EUR 23,236 a year)",
          rule="lottery")
_facility("crisis_shelter", "Crisis shelter", 10, 75, 100, "assumed",
          "000:L819-820 (2-3 months); 004:L404 (3-month maximum)", "IPW (~EUR 100 a day, Den Haag)")
_facility("womens_shelter", "Women's shelter", 30, 450, 100, "assumed", "000:L825 (1.5 years)",
          "IPW (~EUR 100 a day)")
_facility("sheltered_housing", "Sheltered housing (beschermd wonen)", 25, 180, 113, "assumed",
          "001:L1341, L1349 (6 months nominal, rarely met)", "BoumanGGZ 2011 (EUR 41,200 a year)",
          rule="priority")
_facility("transitional_home", "Transitional home", 7, 365, 25, "000:L518-521 (~7 a year)",
          "000:L495-528 (about a year, then the tenancy converts)",
          "assumed (ambulant guidance)")
_facility("ggz_treatment", "GGZ treatment place", 140, 180, 57, "assumed",
          "assumed", "Vektis (EPA patient ~EUR 21k a year)")
_facility("youth_care", "Youth care place", 55, 270, 60, "assumed; 004:L1394 (8-10 weeks wait)",
          "assumed", "assumed; Stade 2012 (out-of-home EUR 40k a year)")

positive("social_housing.lettings_per_year", 40, "dwellings/year",
         "assumed; RIGO, Aedes 2018 (registration times of 4-15 years)",
         "Social dwellings let per year to households of this model with urgency.",
         range=(10, 80), hi=100_000, scales=True)
count("social_housing.initial_queue", 40, "assumed", "Households already waiting for a "
      "dwelling with urgency at the start.", range=(10, 100), unit="households", scales=True,
      hi=10_000)

# --- costs ----------------------------------------------------------------------------------
euros("cost.bijstand_per_year", 11_100, "Berenschot 2018 (~EUR 14k a year, of which 2,883 admin)",
      "Social assistance benefit paid per household per year.", unit="EUR/year")
euros("cost.bijstand_admin_per_year", 2_883, "Berenschot 2018", "Administration of one benefit "
      "per year.", unit="EUR/year")
euros("cost.wmo_home_help_per_year", 3_200, "000:L1638 (1 h 45 min a week); assumed EUR 35/hour",
      "Wmo home help per household per year.", range=(1500, 6000), unit="EUR/year")
euros("cost.wmo_admin_per_provision", 592, "Berenschot 2018", "Administration of one Wmo "
      "provision.")
euros("cost.youth_admin_per_decision", 956, "Berenschot 2018", "Administration of one youth "
      "care decision.")
euros("cost.debt_help_per_case", 1_500, "Cebeon (~EUR 1,500 per case)", "Debt help trajectory.",
      range=(1000, 3000))
euros("cost.eviction", 7_500, "Eropaf 2014 (EUR 5k-10k to the landlord)", "Cost of an eviction "
      "to the housing corporation.", range=(5000, 10000))
euros("cost.police_callout", 800, "assumed", "Police call-out at a crisis (violence, rough "
      "sleeping).", range=(300, 2000))
euros("cost.emergency_care", 3_000, "assumed; Vektis", "Emergency care after a health decline.",
      range=(1000, 8000))
euros("cost.out_of_home_per_year", 40_000, "Stade 2012 (~EUR 40k a year)",
      "Out-of-home placement of a child.", unit="EUR/year")
days("cost.out_of_home_days", 365, "assumed", "Median length of an out-of-home placement.",
     range=(180, 730))

# --- budgets per year (EUR per 55,000 inhabitants) -------------------------------------------
for _pot, _amount, _doc in (
    ("bijstand", 9_000_000, "Social assistance (municipality)."),
    ("special_assistance", 250_000, "Special assistance (bijzondere bijstand); binding."),
    ("wmo", 2_500_000, "Wmo care and support (municipality)."),
    ("youth", 2_000_000, "Youth care (municipality)."),
    ("debt_help", 600_000, "Debt help (municipality)."),
    ("shelter", 4_000_000, "Shelter and sheltered housing (centrumgemeente)."),
    ("bijstand_centre", 500_000, "Social assistance of households registered in the centrumgemeente."),
    ("corporation", 500_000, "Housing corporation (evictions, transitional homes)."),
    ("zvw", 4_000_000, "Health insurer (Zvw: GGZ, emergency care)."),
    ("justice", 300_000, "Police and justice."),
):
    euros(f"budget.{_pot}", _amount, "assumed", _doc, unit="EUR/year", scales=True)

# --- reforms --------------------------------------------------------------------------------
flag("reform.fixed_director", False, "model-brief §4; 001 L2346; 000:L1835-1838",
     "A fixed case director owns each multi-problem household across domains.")
count("director.staff", 20, "assumed (~150 multi-problem households a year, held until stable)",
      "Case directors (FTE).", range=(5, 40), unit="FTE", scales=True, hi=1_000)
count("director.caseload_cap", 15, "Deltaplan (15 families advised for guardians)",
      "Households per case director.", range=(8, 30), unit="households", hi=10_000)
count("director.min_domains", 3, "assumed; model-brief §2", "Problem domains that make a "
      "household eligible for a case director.", range=(2, 4), hi=8, unit="domains")
days("director.contact_interval_days", 14, "assumed", "Days between a director's contacts.",
     range=(7, 30))
euros("director.discretionary_budget", 0, "Maatpact; 002 §5.6 (Tilburg)",
      "Budget a director may spend per household without a pot's decision (0 = none).",
      range=(0, 3000))
flag("director.special_assistance_mandate", False, "004 case 14 (L1691)",
     "The director may decide on special assistance without waiting for someone who can.")
flag("reform.one_budget", False, "model-brief §4; 002 §5.6",
     "Pots merged within the municipality: no internal who-pays disputes; a service is "
     "approved when it lowers total cost, not the own pot's.")
flag("reform.joint_insurer_budget", False, "002 §5.5 (Leeuwarden + De Friesland)",
     "With one budget: the health insurer joins, so municipality-insurer disputes vanish too.")
flag("reform.escalation", False, "002 §5.2-5.3 (doorbraakmethode, escalatieteam)",
     "A blocked case is escalated; it can bend a rule or move the household up a queue.")
days("escalation.after_days", 90, "assumed", "Days a case must be blocked before escalation.",
     range=(30, 180))
prob("escalation.p_success", 0.6, "assumed; 002 §5.3", "Chance that an escalation unblocks "
     "the case.", range=(0.3, 0.9))
flag("reform.broad_intake", False, "000:L1819-1821; 003 §6.2",
     "A generalist front door asks about all life domains and refers every need at once.")
flag("reform.postal_address_home", False, "000:L1864-1880 (Hans)",
     "The home municipality registers postal addresses, so homelessness does not move "
     "responsibility to the centrumgemeente.")
flag("reform.housing_first", False, "model-brief §4",
     "Homeless households get urgency without first settling debts (a home first).")
flag("reform.enforce_deadlines", False, "Wmo 2015; Participatiewet; Wgs",
     "Legal deadlines are met: processing never exceeds the legal term.")


PARAMETERS: dict[str, Param] = {p.key: p for p in _TABLE}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(p.section for p in _TABLE))


def defaults() -> dict[str, Any]:
    """Flat {"section.name": default} for every parameter."""
    return {k: p.default for k, p in PARAMETERS.items()}


def uncertain() -> list[Param]:
    """Parameters with a plausible range: the candidates for sensitivity analysis."""
    return [p for p in _TABLE if p.range is not None]
