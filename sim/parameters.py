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


REFERENCE_INHABITANTS = 55_000  # counts "per 55,000 inhabitants" scale from this size
SCALE_NOTE = " per 55,000 inhabitants"


def _add(key: str, default: Any, unit: str, source: str, doc: str,
         bounds: tuple[float, float] | None = None, range: tuple[float, float] | None = None,
         choices: tuple[str, ...] | None = None, scales: bool = False) -> None:
    if scales:
        unit += SCALE_NOTE
    _TABLE.append(Param(key, default, unit, source, doc, bounds, range, choices, scales))


def count(key: str, default: int, source: str, doc: str, range: tuple[float, float] | None = None,
          unit: str = "count", hi: float = 100_000, scales: bool = False, lo: int = 0) -> None:
    _add(key, int(default), unit, source, doc, (lo, hi), range, scales=scales)


def days(key: str, default: float, source: str, doc: str,
         range: tuple[float, float] | None = None, lo: float = 0.0) -> None:
    _add(key, float(default), "days", source, doc, (lo, 36500.0), range)


def prob(key: str, default: float, source: str, doc: str,
         range: tuple[float, float] | None = None) -> None:
    _add(key, float(default), "probability", source, doc, (0.0, 1.0), range)


def share(key: str, default: float, source: str, doc: str,
          range: tuple[float, float] | None = None, unit: str = "share 0-1") -> None:
    _add(key, float(default), unit, source, doc, (0.0, 1.0), range)


def euros(key: str, default: float, source: str, doc: str,
          range: tuple[float, float] | None = None, unit: str = "EUR", scales: bool = False) -> None:
    _add(key, float(default), unit, source, doc, (0.0, 1e12), range, scales=scales)


def positive(key: str, default: float, unit: str, source: str, doc: str,
             range: tuple[float, float] | None = None, hi: float = 1e9, scales: bool = False) -> None:
    _add(key, float(default), unit, source, doc, (0.0, hi), range, scales=scales)


def flag(key: str, default: bool, source: str, doc: str) -> None:
    _add(key, bool(default), "switch", source, doc)


def choice(key: str, default: str, choices: tuple[str, ...], source: str, doc: str) -> None:
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
prob("problems.p_eviction", 0.3, "assumed; Eropaf 2014; Aedes Corporatiemonitor huisuitzettingen "
     "(a fifth to a third of eviction judgments executed, to verify)",
     "Chance that an eviction judgment is executed when the arrears are still unmanaged.",
     range=(0.2, 0.5))
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
days("problems.hidden_need_days", 730, "assumed; households evidence §1.1-1.2: people wait long "
     "before asking (002:L2700-2704; 001:L2158-2160), with problematic debts about five years "
     "(Nibud, to verify)",
     "Median time until a hidden need nobody has asked about ends in a crisis that makes it "
     "known (the crisis route of latent demand; care, mental and family needs surface earlier "
     "through their decline checks).", range=(365, 1825))

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

# --- counters: staff, caseloads and timings ------------------------------------------------------
def _counter(name: str, label: str, staff: int, cap: int, response: float, processing: float,
             interval: float, background: int, sources: dict[str, str],
             staff_range: tuple[int, int] | None = None) -> None:
    count(f"{name}.staff", staff, sources["staff"], f"{label}: professionals.",
          range=staff_range or (max(1, round(staff * 0.5)), round(staff * 2) + 1), unit="FTE",
          scales=True, hi=1_000)
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
_counter("work_income_centre", "Werk & Inkomen (centrumgemeente)", 2, 350, 14, 45, 365,
         background=200, sources={
    "background": "assumed; the centrumgemeente's homeless and postal-address clients of the "
                  "region's share (001:L2046-2048)",
    "staff": "assumed; 001:L1972-1974 (a daklozenconsulent and a klantmanager for the first weeks)",
    "cap": "001:L644 (~350 clients per caseworker)", "response": "assumed",
    "processing": "Participatiewet (8 weeks); 001:L2164",
    "interval": "001:L644, L1071 (a parked client is seen yearly)"})
_counter("debt_help", "Debt help", 8, 60, 11, 21, 30, background=120, sources={
    "staff": "assumed", "cap": "assumed",
    "response": "NVVK 2022 (first appointment after 11 days on average)",
    "processing": "failure-and-relapse evidence §2.2 (the decision on access, within the 81 "
    "days from request to debts mapped of Panteia 2010)", "interval": "assumed"})
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
_counter("ggz", "GGZ intake (via GP)", 12, 40, 45, 14, 21, background=150, staff_range=(3, 13),
         sources={
    "staff": "Staat van VZ, basis-ggz Q1 2023 (8.7 weeks to intake), through the recalibration: "
             "posterior median 12, 90% interval 8-12 (docs/calibration.md); assumed 6 before, "
             "with the range 3-13 kept as the prior",
    "cap": "assumed",
    "response": "Staat van VZ, basis-ggz Q1 2023 (8.7 weeks to intake, the total wait, of which "
                "this is the part not spent waiting for a professional with room); baseline "
                "calibration, posterior median 44 (docs/calibration.md)",
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
days("work_income_centre.legal_days", 56, "Participatiewet art. 44 (8 weeks)",
     "Legal term for a benefit decision at the centrumgemeente; binding only when deadlines are "
     "enforced.")
days("debt_help.legal_days", 28, "Wet gemeentelijke schuldhulpverlening (4 weeks; 3 days in crisis)",
     "Legal term for debt help's first action; binding only when deadlines are enforced.")
days("debt_help.request_to_mapped_days", 81, "Panteia 2010 (debts mapped 81 days after the "
     "request; sheet); 001:L1341-1342 (3-4 months)",
     "Median days from the request for debt help to all debts mapped: one span, within which "
     "the intake and the decision on access fall (stabilisation).", range=(55, 120))
days("debt_help.settlement_days", 548, "NVVK; VNG 2023 (18 months since July 2023); 002:L3669-3671",
     "Repayment period of a voluntary settlement; debts are frozen and under control meanwhile.",
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
days("ggz.treatment_wait_days", 25, "Staat van VZ, basis-ggz Q1 2023 (5.4 weeks intake to "
     "treatment, the total, of which this is the part not spent waiting for a place); baseline "
     "calibration, posterior median 25 (docs/calibration.md)",
     "Median administrative wait between GGZ intake and a free treatment place.",
     range=(14, 90))
# --- facilities -----------------------------------------------------------------------------
def _facility(name: str, label: str, capacity: int, stay: float, cost: float, cap_src: str,
              stay_src: str, cost_src: str, rule: str = "fifo") -> None:
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



def facility_parameters(name: str, label: str, capacity: int, stay: float, cost: float,
                        source: str = "assumed", rule: str = "fifo") -> list[Param]:
    """The parameters a facility needs (capacity, stay, cost per day, initial occupancy,
    allocation rule), for a facility added to the organisation rows (sim.organisations)."""
    start = len(_TABLE)
    _facility(name, label, capacity, stay, cost, source, source, source, rule)
    added = _TABLE[start:]
    del _TABLE[start:]
    return added


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
_facility("ggz_treatment", "GGZ treatment place", 230, 180, 57, "baseline calibration, "
          "posterior median 230, 90% 170-274 (docs/calibration.md); no direct source",
          "assumed", "Vektis (EPA patient ~EUR 21k a year)")
_facility("youth_care", "Youth care place", 55, 270, 60, "assumed; 004:L1394 (8-10 weeks wait)",
          "assumed", "assumed; Stade 2012 (out-of-home EUR 40k a year)")

positive("social_housing.lettings_per_year", 500, "dwellings/year",
         "assumed: a stock of about 10,000 corporation dwellings (failure-and-relapse §4.2) x a "
         "turnover of 0.05 a year (Aedes Corporatiemonitor, to verify)",
         "Social dwellings let per year to anyone: urgency holders, contingents and ordinary "
         "applicants.", range=(350, 700), hi=1_000_000, scales=True)
count("social_housing.initial_queue", 40, "assumed", "Urgency holders from outside the model "
      "(status holders, medical urgency) already waiting for a dwelling at the start.", range=(10, 100), unit="households", scales=True,
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
    ("debt_help", 600_000, "Debt help (municipality)."),
    ("shelter", 4_000_000, "Shelter and sheltered housing (centrumgemeente)."),
    ("bijstand_centre", 500_000, "Social assistance of households registered in the centrumgemeente."),
    ("corporation", 500_000, "Housing corporation (evictions, transitional homes)."),
    ("zvw", 4_000_000, "Health insurer (Zvw: GGZ, emergency care)."),
    ("justice", 300_000, "Police and justice."),
):
    euros(f"budget.{_pot}", _amount, "assumed", _doc, unit="EUR/year", scales=True)
# Wmo and youth: national spending per inhabitant, times the share the model's households draw on
euros("budget.wmo_per_inhabitant", 250, "CBS StatLine, Gemeentebegrotingen; baten en lasten naar "
      "taakveld (Iv3: Wmo maatwerk and home help, excluding shelter and sheltered housing), "
      "national average, published, to verify; money-and-reforms §1.2", "Yearly Wmo spending "
      "per inhabitant.", range=(200, 300), unit="EUR/inhabitant/year")
share("budget.wmo_model_share", 0.15, "assumed (money-and-reforms §1.2: most Wmo spending goes "
      "to frail elderly people, aids and transport outside the model's households)",
      "Share of the Wmo budget the model's households draw on (the Wmo pot's yearly budget is "
      "this times the spending per inhabitant times the inhabitants).", range=(0.05, 0.3))
euros("budget.youth_per_inhabitant", 320, "CBS StatLine, Gemeentebegrotingen (Iv3: youth care "
      "taakvelden), national average, published, to verify; money-and-reforms §1.2",
      "Yearly youth-care spending per inhabitant.", range=(280, 360), unit="EUR/inhabitant/year")
share("budget.youth_model_share", 0.1, "assumed (money-and-reforms §1.2: most youth care goes to "
      "families outside the model's multi-problem households)",
      "Share of the youth-care budget the model's households draw on.", range=(0.05, 0.25))
share("budget.wmo_hours_share", 0.4, "003:L1809 (8 to 3 hours), 003:L2283 (4 to 1 hour); 003 "
      "Table 3 (7 of 8 re-assessments reduced)", "Share of the normal home-help hours granted "
      "when Wmo budget pressure acts on a decision.", range=(0.25, 0.6))
days("budget.youth_wait_days", 63, "004:L1392-1394 (a waiting list of 8-10 weeks)",
     "Days a youth-care decision waits when youth budget pressure acts on it, before it is "
     "taken again.", range=(28, 90))

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
positive("director.contact_hours", 1.5, "hours", "assumed (as casework.contact_hours; a director's "
         "contact includes calls to the other professionals of the household)",
         "Directors' staff hours per contact with a household (its intake and every regular "
         "contact), charged to the Wmo pot.", range=(0.75, 3), hi=40)
share("director.held_contacts_kept", 0.5, "assumed (one plan, one contact person: the other "
      "professionals keep in touch through the director; 000:L1835-1841)",
      "Share of the other counters' regular contacts with a household holding a case that "
      "still take place once it has a director; the director's contacts replace the rest.",
      range=(0.25, 1.0))
euros("director.hourly_cost_eur", 75, "assumed (as casework.hourly_cost_eur: a social worker's "
      "hour incl. employer costs and overhead; CAO Sociaal Werk scales 8-10, to verify)",
      "Cost of one hour of a case director's time.", range=(55, 100))
positive("director.plan_hours", 4, "hours", "assumed (one household plan, 'één gezin, één plan', "
         "with the professionals already involved)", "Extra directors' staff hours at the "
         "director's intake: drawing up the household's plan.", range=(0, 10), hi=100)
flag("reform.one_budget", False, "model-brief §4; 002 §5.6",
     "Pots merged within the municipality: no internal who-pays disputes; a service is "
     "approved when it lowers total cost, not the own pot's.")
flag("reform.joint_insurer_budget", False, "002 §5.5 (Leeuwarden + De Friesland)",
     "With one budget: the health insurer joins, so municipality-insurer disputes vanish too.")
flag("reform.escalation", False, "002 §5.2-5.3 (doorbraakmethode, escalatieteam)",
     "A blocked case is escalated; it can bend a rule or move the household up a queue.")
days("escalation.after_days", 90, "assumed", "Days a case must be blocked before escalation.",
     range=(30, 180))
prob("escalation.p_success", 0.5, "assumed; 002:L463-469 ('bij een deel ... niet'); "
     "money-and-reforms §4", "Chance that an escalation, over the whole ladder, bends a "
     "discretionary rule, settles a dispute or moves the household up a list.", range=(0.3, 0.7))
flag("reform.broad_intake", False, "000:L1819-1821; 003 §6.2",
     "A generalist front door asks about all life domains and refers every need at once.")
flag("reform.postal_address_home", False, "000:L1864-1880 (Hans)",
     "The home municipality registers postal addresses, so homelessness does not move "
     "responsibility to the centrumgemeente.")
flag("reform.housing_first", False, "model-brief §4",
     "Homeless households get urgency without first settling debts (a home first).")
flag("reform.enforce_deadlines", False, "Wmo 2015; Participatiewet; Wgs",
     "Legal deadlines are met: processing never exceeds the legal term.")


# --- spreads, windows and thresholds of the mechanisms ---------------------------------------
positive("household.retry_sigma", 0.6, "log-scale sd", "assumed",
         "Spread of the delay before a household tries again (lognormal).", range=(0.3, 1.0), hi=5)
days("household.violence_signal_days", 3, "000:L781-790 (Sharon: signals brought her in within days)",
     "Longest delay before violence at home is signalled to a counter.", range=(1, 14))
days("household.crisis_signal_days", 1, "assumed",
     "Delay before a crisis (an eviction, an emergency) is signalled at the right door.",
     range=(0, 7))
positive("household.reentry_sigma", 0.6, "log-scale sd", "assumed",
         "Spread of the time out of view before a disengaged household comes back.",
         range=(0.3, 1.0), hi=5)
share("household.trust_reentry_margin", 0.3, "assumed",
      "Trust above the disengagement threshold with which a household comes back into view.",
      range=(0.1, 0.5))
days("household.objection_days", 42, "Awb art. 6:7 (six weeks to object)",
     "Time from a refusal to the decision on an objection against it.", range=(28, 84))
positive("household.self_reliance_sd", 0.15, "sd (0-1 scale)", "assumed",
         "Spread of self-reliance (doenvermogen) around the profile's mean.", range=(0.05, 0.3), hi=1)
share("household.self_reliance_min", 0.05, "assumed",
      "Lowest self-reliance a household can have.")
positive("household.trust_sd", 0.1, "sd (0-1 scale)", "assumed",
         "Spread of initial trust in services around household.trust_initial.", range=(0.05, 0.2), hi=1)
share("household.trust_min", 0.3, "assumed", "Lowest initial trust in services.", range=(0.2, 0.5))
positive("household.debt_sigma", 0.8, "log-scale sd", "assumed",
         "Spread of a household's debts around its profile's median (lognormal).",
         range=(0.4, 1.2), hi=5)
euros("household.debt_min_eur", 100, "assumed", "Smallest debt of a household with a debt problem.")
positive("problems.hidden_need_sigma", 0.6, "log-scale sd", "assumed",
         "Spread of the time before a hidden problem surfaces by itself.", range=(0.3, 1.0), hi=5)
positive("problems.recovery_claim_sigma", 0.8, "log-scale sd", "assumed",
         "Spread of the amount of a benefit recovery claim.", range=(0.4, 1.2), hi=5)
positive("tenancy.stage_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of the time each stage of the eviction process takes.", range=(0.3, 0.8), hi=5)
prob("problems.p_with_others_after_eviction", 0.5, "assumed; 000 Hans (slept at friends' first)",
     "Chance that an evicted household stays with others rather than on the street.",
     range=(0.3, 0.8))
euros("problems.shock_debt_eur", 3000, "assumed; 000:L1262 (a EUR 2,000 heating debt)",
      "Median new debt a life event brings.", range=(1000, 6000))
positive("problems.shock_debt_sigma", 0.8, "log-scale sd", "assumed",
         "Spread of the new debt a life event brings.", range=(0.4, 1.2), hi=5)
positive("problems.id_renewal_sigma", 0.7, "log-scale sd", "assumed",
         "Spread of the time to renew an ID document.", range=(0.3, 1.0), hi=5)
positive("problems.asset_depletion_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of the time before equity is used up.", range=(0.3, 0.8), hi=5)
days("casework.min_contact_interval_days", 7, "assumed (a professional sees a client at most weekly)",
     "Shortest interval between a professional's contacts with one household.", range=(3, 14), lo=1)
positive("casework.special_assistance_sigma", 0.4, "log-scale sd", "assumed",
         "Spread of the time to decide on special assistance.", range=(0.2, 0.8), hi=5)
positive("debt_help.request_to_mapped_sigma", 0.4, "log-scale sd", "assumed",
         "Spread of the time from the request to a household's debts mapped.", range=(0.2, 0.8),
         hi=5)
positive("ggz.treatment_wait_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of the administrative wait between GGZ intake and treatment.", range=(0.3, 0.8),
         hi=5)
positive("work_income.trajectory_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of the length of a participation trajectory.", range=(0.3, 0.8), hi=5)
positive("facilities.stay_sigma", 0.4, "log-scale sd", "assumed",
         "Spread of nominal stays in shelters, sheltered housing and transitional homes.",
         range=(0.2, 0.8), hi=5)
positive("treatment.stay_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of stays in a GGZ or youth-care treatment place.", range=(0.3, 0.8), hi=5)
positive("cost.out_of_home_sigma", 0.5, "log-scale sd", "assumed",
         "Spread of the length of an out-of-home placement.", range=(0.3, 0.8), hi=5)
share("sheltered_housing.self_reliance_below", 0.4,
      "assumed; 001:L1983-1986 (triage at a joint intake), 001:L1605-1606; failure-and-relapse §7",
      "Homeless households with an unmet mental-health need and self-reliance below this are "
      "referred from the night shelter to sheltered housing.", range=(0.3, 0.5))
share("sheltered_housing.p_indication_ggz", 0.5,
      "assumed; 004:L591-594 (a RIBW resident), 004:L637-676 (indications and the transition "
      "right), 002:L155-165",
      "Chance, at each grant of GGZ treatment to a household with self-reliance below "
      "sheltered_housing.self_reliance_below, that the GGZ also indicates it for sheltered "
      "housing (beschermd wonen), wherever it lives.", range=(0.2, 0.8))
share("director.trust_loss_factor", 0.5, "assumed",
      "Share of a setback's trust loss a household with a case director still feels.",
      range=(0.25, 1.0))
count("escalation.levels", 3, "002 (doorbraak: team, manager, alderman)",
      "Rungs of the escalation ladder a blocked case can climb.", range=(1, 4), hi=10,
      unit="levels")

# --- household profiles: the problem mixes that enter the social domain ----------------------
# Per profile, the chance of a problem in each domain (in the order they are drawn), the chance
# it is hidden, and the household's starting state. Values are read from the seeds' journeys.
PROFILE_NAMES = ("frail_elderly", "care_and_family", "debts", "sudden_homeless",
                 "multi_problem_family", "domestic_violence", "young_adult", "mental_health")
HOUSING_CHOICES = ("own_home", "social_rent", "with_others", "street", "night_shelter",
                   "crisis_shelter", "womens_shelter", "sheltered_housing", "transitional_home")
INCOME_CHOICES = ("none", "allowances_only", "bijstand", "other_benefit", "work", "work_topup")


def _profile(name: str, source: str, needs: dict[str, float],
             hidden: dict[str, float] | None = None, housing: str = "social_rent",
             income: str = "allowances_only", help_seeking_factor: float = 1.0,
             p_arrears: float = 0.0, debt_median: float = 0.0, p_assets: float = 0.0,
             p_id_invalid: float = 0.0, p_children: float = 0.0, self_reliance: float = 0.6) -> None:
    sec = f"profile_{name}"
    hidden = hidden or {}
    for domain, chance in needs.items():
        prob(f"{sec}.need_{domain}", chance, source, f"Chance that a {name} household has a "
             f"{domain} problem.", range=None if chance in (0.0, 1.0) else
             (max(0.0, chance - 0.2), min(1.0, chance + 0.2)))
    for domain in needs:
        chance = hidden.get(domain, 0.0)
        prob(f"{sec}.hidden_{domain}", chance, "assumed; " + source,
             f"Chance that a {name} household's {domain} problem is hidden at first.",
             range=(max(0.0, chance - 0.2), min(1.0, chance + 0.2)))
    choice(f"{sec}.housing", housing, HOUSING_CHOICES, source, f"Housing of a {name} household "
           "when its problems begin.")
    choice(f"{sec}.income", income, INCOME_CHOICES, source, f"Income of a {name} household when "
           "its problems begin (without income problem).")
    positive(f"{sec}.help_seeking_factor", help_seeking_factor, "factor", "assumed; " + source,
             "Multiplies the median delay before asking for help.",
             range=(help_seeking_factor * 0.5, help_seeking_factor * 2), hi=100)
    prob(f"{sec}.p_arrears", p_arrears, "assumed; " + source,
         "Chance of rent arrears that can end in eviction (with a debt problem).",
         range=(max(0.0, p_arrears - 0.15), min(1.0, p_arrears + 0.15)))
    euros(f"{sec}.debt_median_eur", debt_median, source, "Median debts at onset (with a debt "
          "problem).", range=(debt_median * 0.5, debt_median * 2) if debt_median else None)
    prob(f"{sec}.p_assets", p_assets, "assumed; " + source,
         "Chance of equity that blocks benefit until used up (000 Hans).")
    prob(f"{sec}.p_id_invalid", p_id_invalid, "assumed; " + source,
         "Chance of no valid ID document.")
    prob(f"{sec}.p_children", p_children, "assumed; " + source, "Chance of children at home.")
    share(f"{sec}.self_reliance", self_reliance, "assumed; " + source,
          "Mean self-reliance (doenvermogen), 0-1.",
          range=(max(0.05, self_reliance - 0.2), min(1.0, self_reliance + 0.2)))


_profile("frail_elderly", "000 Mr Jansen; 003", {"care": 1.0}, housing="own_home",
         income="other_benefit")
_profile("care_and_family", "000 Roos", {"care": 1.0, "family": 0.8, "mental": 0.2},
         {"mental": 0.7}, income="other_benefit", p_children=1.0)
_profile("debts", "000 Maria; NVVK 2022 (EUR 40k average in debt help)",
         {"debts": 1.0, "income": 0.3, "mental": 0.2, "participation": 0.3},
         {"mental": 0.7, "income": 0.3}, income="work", help_seeking_factor=1.5, p_arrears=0.3,
         debt_median=12_000, p_children=0.4, self_reliance=0.5)
_profile("sudden_homeless", "000 Hans; 001 Kenny (L1173-1205)",
         {"housing": 1.0, "income": 0.8, "debts": 0.4, "mental": 0.3, "participation": 0.6},
         {"debts": 0.6, "mental": 0.6}, housing="street", income="none", help_seeking_factor=0.5,
         debt_median=2_000, p_assets=0.25, p_id_invalid=0.35, self_reliance=0.5)
_profile("multi_problem_family", "001 Myriam (L351-1000); 004 cases",
         {"debts": 0.9, "income": 0.7, "family": 1.0, "mental": 0.6, "participation": 0.7,
          "care": 0.2},
         {"debts": 0.5, "mental": 0.6, "participation": 0.5}, income="bijstand", p_arrears=0.4,
         debt_median=15_000, p_children=1.0, self_reliance=0.4)
_profile("domestic_violence", "000 Sharon",
         {"safety": 1.0, "housing": 1.0, "income": 0.7, "family": 0.6, "debts": 0.4, "mental": 0.4},
         {"debts": 0.6, "mental": 0.5, "family": 0.3}, housing="own_home", income="none",
         help_seeking_factor=0.3, debt_median=5_000, p_children=0.9, p_id_invalid=0.3,
         self_reliance=0.4)
_profile("young_adult", "004 cases (turning 18)",
         {"housing": 0.7, "income": 0.9, "debts": 0.4, "mental": 0.4, "participation": 0.8},
         {"debts": 0.6, "mental": 0.5}, housing="with_others", income="none",
         help_seeking_factor=0.8, debt_median=3_000, p_id_invalid=0.2, self_reliance=0.4)
_profile("mental_health", "Staat van VZ (GGZ waiting times)",
         {"mental": 1.0, "income": 0.4, "participation": 0.5, "debts": 0.3}, {"debts": 0.6},
         income="work", help_seeking_factor=1.2, p_arrears=0.2, debt_median=6_000,
         self_reliance=0.5)


# --- named households of the sources (sim journey) --------------------------------------------
# Their starting state as the source tells it; self-reliance, trust and the delay before asking
# are filled in by assumption from the story.
def _archetype(slug: str, source: str, housing: str = "social_rent",
               income: str = "allowances_only", debt: float = 0.0, arrears: bool = False,
               assets_days: float = 0.0, id_valid: bool = True, children: bool = False,
               self_reliance: float = 0.5, trust: float = 0.7,
               help_seeking_days: float = 30.0, postal_address: bool = False,
               id_application: bool = False, assets_source: str = "",
               assets_range: tuple[float, float] | None = None) -> None:
    sec = f"archetype_{slug}"
    choice(f"{sec}.housing", housing, HOUSING_CHOICES, source, "Housing at the start.")
    choice(f"{sec}.income", income, INCOME_CHOICES, source, "Income at the start.")
    euros(f"{sec}.debt_eur", debt, source, "Debts at the start.")
    flag(f"{sec}.arrears", arrears, source, "Rent arrears at the start.")
    days(f"{sec}.assets_days", assets_days, assets_source or source, "Days before equity or "
         "savings are used up and benefit can start (0: none); while they last, a Wmo request "
         "carries the fear of spending them (take_up.recovery_penalty).", range=assets_range)
    flag(f"{sec}.id_valid", id_valid, source, "Has a valid ID document.")
    flag(f"{sec}.children", children, source, "Children at home.")
    flag(f"{sec}.postal_address", postal_address, source, "A postal address while homeless "
         "(arranged at its first intake).")
    flag(f"{sec}.id_application", id_application, source, "Its ID application is under way from "
         "the start and the benefit counter accepts it in place of a valid ID.")
    share(f"{sec}.self_reliance", self_reliance, "assumed; " + source, "Self-reliance "
          "(doenvermogen), 0-1.", range=(max(0.05, self_reliance - 0.2), min(1.0, self_reliance + 0.2)))
    share(f"{sec}.trust", trust, "assumed; " + source, "Trust in services at the start, 0-1.",
          range=(max(0.3, trust - 0.2), min(1.0, trust + 0.2)))
    days(f"{sec}.help_seeking_days", help_seeking_days, "assumed; " + source,
         "Days before the household first asks for help.",
         range=(help_seeking_days * 0.5, help_seeking_days * 2))


_archetype("hans", "000 §6.2 (L381-757)", housing="street", income="none", debt=3000.0,
           assets_days=365.0, self_reliance=0.7, trust=0.75, help_seeking_days=30.0)
# Roos: Wajong (L82-87), home help running since 2020 (L49-57); asks in Aug/Sept 2024 (L168)
_archetype("roos", "000 §6.1 (L46-377)", income="other_benefit", children=True,
           self_reliance=0.6, trust=0.7, help_seeking_days=60.0)
# Sharon: no ID problem and no debts in her source (evidence households §6.2)
_archetype("sharon", "000 §6.3 (L761-1134)", housing="own_home", income="none",
           children=True, self_reliance=0.3, trust=0.6, help_seeking_days=3.0)
_archetype("maria", "000 §6.4 (L1138-1480)", income="work_topup", debt=2000.0, arrears=True,
           children=True, self_reliance=0.5, trust=0.6, help_seeking_days=120.0)
_archetype("mr_jansen", "000 §6.5 (L1484-1793)", housing="own_home", income="other_benefit",
           self_reliance=0.5, trust=0.8, help_seeking_days=60.0)
# Kenny: papers for a passport, a postal address and the benefit on the intake day (001:L1175-1176,
# L1921-1923); the benefit came with an expired ID (001:L1878-1879, L1317)
_archetype("kenny", "001 §6.4 (L1150-2152)", housing="with_others", income="none", debt=1800.0,
           id_valid=False, self_reliance=0.5, trust=0.7, help_seeking_days=14.0,
           postal_address=True, id_application=True)
_archetype("myriam", "001 §6.1 (L312-1002)", income="bijstand", debt=8000.0, children=True,
           self_reliance=0.4, trust=0.6, help_seeking_days=30.0)
# 004's cases (2014-2015)
_archetype("bart", "004 case 1 (L78-249)", income="bijstand", debt=25000.0, arrears=True,
           self_reliance=0.4, trust=0.6, help_seeking_days=14.0)
_archetype("patricia_and_michel", "004 case 2 (L250-373)", housing="with_others",
           children=True, self_reliance=0.25, trust=0.5, help_seeking_days=10.0)
_archetype("gezin_g", "004 case 3 (L374-504)", housing="with_others", income="none",
           debt=6000.0, children=True, self_reliance=0.4, trust=0.5, help_seeking_days=30.0)
_archetype("thomas", "004 case 4 (L505-587)", housing="own_home", self_reliance=0.4,
           trust=0.7, help_seeking_days=30.0)
_archetype("dennis", "004 case 5 (L591-676)", income="other_benefit", self_reliance=0.35,
           trust=0.7, help_seeking_days=30.0)
_archetype("sandra_and_tim", "004 case 6 (L680-768)", income="work", children=True,
           self_reliance=0.5, trust=0.6, help_seeking_days=14.0)
_archetype("pedro", "004 case 7 (L769-887)", income="work", debt=100000.0, children=True,
           self_reliance=0.35, trust=0.6, help_seeking_days=30.0)
_archetype("hadia_and_mo", "004 case 8 (L891-977)", income="bijstand", children=True,
           self_reliance=0.3, trust=0.5, help_seeking_days=30.0)
_archetype("gerard", "004 case 9 (L978-1086)", income="work", debt=2000.0,
           self_reliance=0.5, trust=0.6, help_seeking_days=30.0)
_archetype("fabian", "004 case 10 (L1090-1189)", housing="with_others", income="none",
           self_reliance=0.3, trust=0.5, help_seeking_days=3.0)
_archetype("gezin_k", "004 case 11 (L1193-1372)", income="work", children=True,
           self_reliance=0.5, trust=0.5, help_seeking_days=7.0)
_archetype("joost", "004 case 12 (L1373-1482)", income="work", children=True,
           self_reliance=0.4, trust=0.6, help_seeking_days=7.0)
_archetype("helena", "004 case 14 (L1624-1739)", housing="with_others", income="bijstand",
           debt=5000.0, children=True, self_reliance=0.5, trust=0.6, help_seeking_days=7.0)
_archetype("rob", "004 case 16 (L1884-1979)", income="other_benefit", self_reliance=0.35,
           trust=0.6, help_seeking_days=30.0)
_archetype("floris", "004 case 17 (L1980-2114)", housing="with_others", income="none",
           self_reliance=0.4, trust=0.5, help_seeking_days=30.0)
# 003's Wmo clients (2015): older or disabled, Wmo only
# C02 pays a private cleaner from her savings and fears the Wmo would make her spend them first
# (003:L880-884); how long they last is not in the source
_C02_SAVINGS = dict(assets_days=730.0, assets_range=(365.0, 1825.0),
                    assets_source="assumed; 003:L880-884 (savings that pay a private cleaner)")
for _slug, _sr in (("wmo_c01_scooter", 0.5), ("wmo_c02_savings", 0.6), ("wmo_c04_taxi_pass", 0.5),
                   ("wmo_c06_home_help_cut", 0.5), ("wmo_c07_personal_budget", 0.5),
                   ("wmo_c08_segway", 0.4), ("wmo_c09_tricycle", 0.5),
                   ("wmo_c13_temporary_help", 0.6), ("wmo_c19_neighbours", 0.5)):
    _archetype(_slug, "003 " + _slug[4:7].upper() + " (Wmo client, 003 §5)", housing="own_home",
               income="other_benefit", self_reliance=_sr, trust=0.7, help_seeking_days=60.0,
               **(_C02_SAVINGS if _slug == "wmo_c02_savings" else {}))  # type: ignore[arg-type]


# --- tenancies, evictions and debt help ---------------------------------------------------------
positive("tenancy.arrears_hazard_base", 0.02, "1/year",
         "assumed; Aedes Corporatiemonitor huurachterstanden (a few percent in arrears, to verify)",
         "Rate at which a tenant with no unmanaged debts falls into rent arrears of a month or more.",
         range=(0.01, 0.05), hi=5)
positive("tenancy.arrears_hazard_debts", 0.25, "1/year", "assumed; 004:L2196-2197; 000:L1286-1288",
         "Rate of rent arrears while problematic debts are unmanaged, at a debt of "
         "tenancy.debt_reference_eur (half that at zero debt's limit, twice at large debts).",
         range=(0.1, 0.5), hi=5)
euros("tenancy.debt_reference_eur", 12_000, "assumed; median debt of the debts profile (000 Maria)",
      "Debt at which unmanaged debts carry tenancy.arrears_hazard_debts; the hazard scales as "
      "2 x debt / (debt + this), so small debts rarely and large debts twice as often end in "
      "arrears.", range=(5_000, 40_000))
positive("tenancy.arrears_hazard_disengaged", 0.4, "1/year", "assumed; 001:L2190-2192; 000:L1266-1268",
         "Rate of rent arrears while the household is out of contact with all services.",
         range=(0.2, 0.7), hi=5)
prob("tenancy.p_arrears_on_income_loss", 0.5, "assumed (no buffer: one missed month is arrears)",
     "Chance that losing an income (a job, a recovery claim) ends in rent arrears when no new "
     "income or debt help has come within tenancy.income_gap_days.", range=(0.3, 0.8))
days("tenancy.income_gap_days", 60, "failure-and-relapse evidence §1.2 (arrears if no new income "
     "comes within two months); assumed",
     "Days after losing an income within which a new income (or debt help) prevents arrears.",
     range=(30, 90))
positive("tenancy.rehoused_hazard_factor", 2.5, "factor", "assumed; 001:L487-492; 001:L1019-1021",
         "Multiplier on the arrears hazards in the first tenancy.rehoused_days after a household "
         "is housed after homelessness.", range=(1.5, 4.0), hi=20)
days("tenancy.rehoused_days", 730, "failure-and-relapse evidence §1.3 (first two years after housing)",
     "How long after being housed from homelessness the higher arrears hazard lasts.",
     range=(365, 1095))
days("tenancy.signal_days", 45, "Wgs art. 3 lid 3; Besluit gemeentelijke schuldhulpverlening "
     "(vroegsignalering since 2021, to verify); 002:L822-834",
     "Days from the onset of arrears to the landlord's early signal reaching the municipality.",
     range=(30, 90))
prob("tenancy.p_signal", 1.0, "Wgs art. 3 lid 3 (a legal duty for landlords since 2021)",
     "Chance that the landlord reports the arrears to the municipality (early signal).",
     range=(0.7, 1.0))
prob("tenancy.p_signal_contact", 0.3, "Divosa/NVVK Monitor vroegsignalering 2022-2023 (a minority "
     "is reached and accepts, to verify)",
     "Chance that the municipality reaches a signalled household and it accepts help.",
     range=(0.15, 0.5))
prob("tenancy.p_signal_resolves", 0.5, "assumed; failure-and-relapse evidence §1.2",
     "Chance that an accepted signal ends in a payment plan that stops the process; otherwise "
     "the household is brought to debt help.", range=(0.3, 0.7))
days("tenancy.arrears_to_summons_days", 120, "assumed split of 000:L1286-1333 (8 months of "
     "arrears, then near eviction)",
     "Median days from the onset of arrears to a summons (dagvaarding).", range=(60, 180))
prob("tenancy.p_summons", 0.5, "assumed (most arrears end in an arrangement before court)",
     "Chance that unmanaged arrears reach a summons.", range=(0.3, 0.8))
days("tenancy.summons_to_judgment_days", 45, "assumed split of 000:L1286-1333; BW 7:231",
     "Median days from the summons to the court's judgment.", range=(30, 90))
prob("tenancy.p_judgment", 0.7, "assumed; 000:L1335-1339 (default judgments are common)",
     "Chance that a summons ends in a judgment dissolving the lease and ordering eviction.",
     range=(0.5, 0.9))
days("tenancy.judgment_to_execution_days", 60, "assumed split of 000:L1286-1333",
     "Median days from the judgment to the bailiff's execution date.", range=(14, 120))
prob("tenancy.p_help_stops_chain", 0.9, "assumed; 004:L391-401, L493-496",
     "Chance that debt help taking up the arrears (a payment arrangement) stops the eviction "
     "process.", range=(0.7, 1.0))
prob("debt_help.stabilisation_dropout", 0.25, "Panteia; Regioplan (2010-2016: a quarter to a "
     "third leave before a settlement, to verify); 000:L1266-1268; 001:L1502-1503",
     "Chance that a household drops out of debt help before its debts are mapped.",
     range=(0.15, 0.4))
positive("debt_help.creditors_per_10k", 3, "creditors per EUR 10k",
         "NVVK 2022 (EUR 40k with 13 creditors); 001:L1190-1191, L1332",
         "Creditors per EUR 10,000 of debt (at least one), which each must accept a proposal.",
         range=(2, 5), hi=100)
prob("debt_help.p_creditor_accepts", 0.98, "assumed (all of 13 accept with 0.77); NVVK, Nibud "
     "(70-85% of proposals accepted by all, to verify)",
     "Chance that one creditor accepts a voluntary settlement proposal.", range=(0.95, 0.995))
prob("debt_help.p_forced_settlement", 0.6, "Faillissementswet art. 287a; Raad voor de rechtspraak "
     "(more than half of dwangakkoord requests granted, to verify)",
     "Chance that the court forces refusing creditors into the settlement (dwangakkoord).",
     range=(0.4, 0.8))
days("debt_help.forced_settlement_days", 90, "assumed (a court procedure of a few months)",
     "Days from a refused proposal to the court's decision on a forced settlement.",
     range=(45, 150))
prob("debt_help.p_wsnp_after_refusal", 0.5, "assumed; Faillissementswet art. 284-285",
     "Chance that a household whose voluntary route failed is admitted to the statutory "
     "scheme (Wsnp); otherwise the debts stay open.", range=(0.3, 0.7))
days("debt_help.wsnp_admission_days", 60, "assumed",
     "Days from a failed voluntary route to admission to the Wsnp.", range=(30, 120))
days("debt_help.wsnp_days", 1095, "Faillissementswet art. 349a (3 years; 18 months if the bill "
     "passes, to verify); 001:L1365",
     "Repayment period of the statutory scheme (Wsnp).", range=(548, 1095))
positive("debt_help.termination_per_year", 0.12, "1/year", "Raad voor Rechtsbijstand, Monitor "
         "Wsnp 2015-2022 (80-85% clean slate, to verify); Faillissementswet art. 350",
         "Rate of early termination during the repayment period (non-compliance, lost contact; "
         "new debts end it too).", range=(0.05, 0.25), hi=5)


# --- homelessness, exits and the housing market -------------------------------------------------
# Homeless exits as routes of their own (failure-and-relapse §3), a closed social-housing
# market (§4), beschermd thuis (§7) and a family shelter (§8).
days("housing.with_others_days", 45, "assumed; 001:L2158-2160 (staying with friends first), "
     "000:L407-408", "Median time before a household on the street finds someone to stay with "
     "(exponential).", range=(30, 120), lo=1.0)
days("housing.with_others_breakdown_days", 120, "assumed; 001:L1165-1170 (hosts lose their home "
     "or their benefit)", "Median stay with others or with family before it breaks down and the "
     "household is back on the street (exponential).", range=(60, 365), lo=1.0)
share("housing.family_network_share", 0.5, "assumed; 004:L379-381, L1166-1171",
      "Share of homeless households with family that could take them in.", range=(0.3, 0.7))
positive("housing.family_per_year", 0.2, "1/year", "assumed; 004:L379-381 (gezin G.), "
         "004:L1166-1171 (Fabian)", "Rate at which a homeless household with a family network "
         "moves back in with family (a stay that can break down).", range=(0.05, 0.5), hi=5)
positive("housing.private_rent_per_year", 0.5, "1/year", "assumed; 001:L2161-2162 ('a room is "
         "often enough'), 004:L1033-1052 (rent needs an income)", "Rate at which a homeless "
         "household with an income rents a private room or home itself (none without income).",
         range=(0.2, 1.0), hi=5)
share("social_housing.urgency_quota", 0.15, "published, to verify: Woonnet Haaglanden / regio "
      "Haaglanden monitors 2022-2023 (failure-and-relapse §4.2)", "Share of lettings for urgency "
      "holders and contingents (transitional homes, beschermd thuis); unused quota goes to "
      "ordinary applicants.", range=(0.08, 0.35))
positive("social_housing.outside_urgency_per_year", 30, "households/year", "assumed; status "
         "holders and other urgent groups share the quota (failure-and-relapse §4.2)",
         "Urgency holders from outside the model who join the urgency list each year.",
         range=(10, 60), hi=100_000, scales=True)
positive("social_housing.registration_years", 8, "years", "published, to verify: Woonnet "
         "Haaglanden 2022-2023 (6-10 years at letting); sheet (about 9 years, RIGO / Aedes 2018)",
         "Registration time of the ordinary applicants waiting at the start (spread evenly); "
         "their wait at letting then emerges from the queue.", range=(5, 11), hi=50)
positive("social_housing.ordinary_applicants_ratio", 1.0, "factor", "assumed (failure-and-"
         "relapse §4.2: about equal to the lettings left after the quota)", "New ordinary "
         "applicants a year, as a multiple of the lettings left after the urgency quota.",
         range=(0.9, 1.1), hi=10)
days("beschermd_thuis.support_days", 540, "assumed; 000:L835-836 (1.5 years of follow-up "
     "support)", "Ambulant support after moving from sheltered housing to a home of one's own "
     "(beschermd thuis).", range=(365, 730))
euros("beschermd_thuis.cost_per_day", 25, "assumed (ambulant guidance, as the transitional home)",
      "Cost per day of ambulant support at home after sheltered housing.", range=(15, 40),
      unit="EUR/day")
_facility("family_shelter", "Family shelter", 4, 180, 150, "assumed; failure-and-relapse §8",
          "assumed; failure-and-relapse §8 (exits as from the women's shelter)",
          "assumed; failure-and-relapse §8 (above a shelter place's ~EUR 100 a day, IPW)")


# --- treatment outcomes, the violence chain and counters ----------------------------------------
share("ggz.p_improved", 0.5, "published, to verify: Stichting Benchmark GGZ / Akwa GGZ routine "
      "outcome monitoring 2015-2022 (reliable improvement in about half); 001:L386-388",
      "Chance that a GGZ treatment ends in improvement: the problem is resolved, with a relapse "
      "risk.", range=(0.35, 0.65))
share("ggz.p_partial", 0.3, "published, to verify: Stichting Benchmark GGZ / Akwa GGZ (the rest "
      "of those who finish); 001:L386-388 (calmer but still very tired)",
      "Chance that a GGZ treatment ends in partial improvement: the problem comes back after a "
      "while. The rest (1 - improved - partial) drop out: the need is open again.", range=(0.2, 0.4))
positive("ggz.relapse_per_year", 0.2, "per year", "published, to verify: Trimbos / NHG "
         "multidisciplinary depression guideline (relapse in about half within a few years)",
         "Rate at which a mental-health problem resolved by treatment comes back.",
         range=(0.1, 0.35), hi=10)
positive("ggz.relapse_years", 3, "years", "published, to verify: Trimbos / NHG depression "
         "guideline ('within a few years')", "Years after an improvement during which a relapse "
         "can happen; a partial result comes back for certain (at the same rate).",
         range=(2, 5), hi=50)
share("youth.p_completed", 0.7, "published, to verify: CBS Beleidsinformatie Jeugd (70-75% end "
      "according to plan)", "Chance that a youth-care trajectory ends as planned: the problem is "
      "resolved, with a re-entry risk.", range=(0.6, 0.8))
share("youth.p_dropout", 0.15, "published, to verify: CBS Beleidsinformatie Jeugd (10-20% ended "
      "early); 004:L1384-1390, L714-716", "Chance that a youth-care trajectory is ended early: the "
      "need reopens. The rest (1 - completed - dropout) end with a partial result: the problem "
      "comes back after a while.", range=(0.1, 0.2))
positive("youth.reentry_per_year", 0.15, "per year", "assumed; CBS Beleidsinformatie Jeugd "
         "(herhaald beroep, to verify); 004:L1942-1947",
         "Rate at which a family problem resolved by youth care comes back.",
         range=(0.05, 0.25), hi=10)
positive("youth.reentry_years", 2, "years", "assumed; CBS Beleidsinformatie Jeugd (re-entry "
         "within a year, to verify)", "Years after a completed trajectory during which the "
         "family problem can come back; a partial result comes back for certain.",
         range=(1, 3), hi=50)
prob("violence.p_vt_first_visit_effective", 0.3, "assumed; 000:L775-779 (the first Veilig Thuis "
     "visit achieved nothing: 'Haar man speelt mooi weer')", "Chance that the family's call to "
     "Veilig Thuis brings a victim into the chain at once.", range=(0.1, 0.6))
days("violence.neighbour_signal_days", 14, "assumed; 000:L784-791 (the neighbours' letterbox "
     "pact led to the crisis shelter)", "Median days before neighbours raise the alarm.",
     range=(3, 60))
positive("violence.police_signal_per_year", 1.0, "per year", "assumed; 004:L1105-1108, "
         "L1447-1455", "Rate at which the police are called to a home with violence and bring "
         "the victim into the chain.", range=(0.3, 3), hi=50)
days("violence.signal_to_place_days", 3, "assumed; 000:L786-791, L817-821 ('within days')",
     "Median days from a signal reaching the shelter intake to a crisis place being arranged.",
     range=(1, 14))
positive("violence.signal_sigma", 0.8, "log-scale sd", "assumed",
         "Spread of the signal and crisis-intake times.", range=(0.4, 1.2), hi=5)
days("crisis_shelter.max_stay_days", 90, "004:L403-405 ('drie maanden op de crisisopvang'); "
     "004:L482-485", "Cap on a crisis-shelter stay: who waits longer for the women's shelter "
     "leaves by another route.", range=(60, 120))
share("violence.p_exit_home", 0.2, "assumed; Valente (a minority return to the partner, to "
      "verify)", "Share of crisis-shelter leavers who go home with a safety plan.",
      range=(0.1, 0.3))
share("violence.p_exit_others", 0.2, "assumed; 004:L484-486 (placed wherever a place existed)",
      "Share of crisis-shelter leavers who go to family or others (or a shelter elsewhere). "
      "The women's shelter takes the rest (1 - home - others - urgency).", range=(0.1, 0.3))
share("violence.p_exit_urgency", 0.1, "assumed", "Share of crisis-shelter leavers who get an "
      "urgency dwelling, staying with others until it comes.", range=(0.0, 0.2))
prob("violence.p_rereferral_after_return", 0.25, "assumed", "Chance that a victim who went "
     "home with a safety plan is back in the chain within a year.", range=(0.1, 0.4))
flag("womens_shelter.urgency", True, "000:L829-830 (a dwelling through the shelter's social "
     "worker); mandatory urgency groups (Wet versterking regie volkshuisvesting, to verify)",
     "Women's-shelter leavers get urgency without going through the urgency committee.")
positive("work_income.benefit_exit_per_year", 0.22, "per year", "published, to verify: CBS "
         "StatLine, bijstandsuitkeringen in- en uitstroom (a fifth to a quarter of the stock a "
         "year)", "Rate at which a benefit ends for any reason; the case leaves the caseload.",
         range=(0.15, 0.3), hi=10)
share("work_income.p_exit_to_work", 0.45, "published, to verify: CBS; Divosa benchmark (work "
      "just under half of the exits)", "Share of benefit exits that are into work; the rest "
      "are to another income (another benefit or pension, a partner's income) or out of view.",
      range=(0.35, 0.55))
share("work_income.parked_share", 0.6, "assumed; 001:L705-706, L2046-2048 (parked clients are "
      "seen yearly, 'de anonieme wereld van de sociale dienst')", "Share of benefit cases "
      "released from a caseworker's caseload to the lighter regime of a yearly contact.",
      range=(0.4, 0.8))
days("work_income.parked_after_days", 365, "assumed; 001:L705-706", "Days after the benefit "
     "starts when a case is parked (if it is).", range=(180, 730))


# --- budgets, cheap solutions across pots and who pays -------------------------------------------
# Budget pressure on discretionary decisions (evidence page money-and-reforms §1.1).
share("budget.pressure_from", 0.8, "assumed (money-and-reforms §1.1); 004:L214-217, L844-853 "
      "(fear of the auditor)", "Spending, as a share of the pro-rata budget line, from which "
      "discretionary approvals become rarer.", range=(0.6, 0.95))
share("budget.pressure_floor", 0.2, "assumed (money-and-reforms §1.1)",
      "Share of the normal approval chance left when spending is on the budget line (none "
      "beyond it).", range=(0.0, 0.5))
days("budget.lead_days", 30, "assumed", "Days of budget in hand at the start of a budget year "
     "when spending is compared with the pro-rata line.", range=(0, 90))
# The catalogue of cheap solutions across pots (money-and-reforms §2).
euros("cross_pot.pay_arrears_eur", 3000, "assumed within the seed range 1,000-8,000: "
      "004:L377-379 (EUR 6,000), 000:L1330-1333 (EUR 2,000 to 8,000)",
      "Paying off rent arrears to stop an eviction.", range=(1000, 8000))
euros("cross_pot.budget_management_eur", 1600, "court-set fees, about EUR 100-140 a month "
      "(published, to verify); 004:L1669-1677", "Budget management (beschermingsbewind) per "
      "year.", range=(1200, 2000), unit="EUR/year")
days("cross_pot.budget_management_days", 730, "assumed", "How long budget management runs.",
     range=(365, 1825))
share("cross_pot.budget_management_below_self_reliance", 0.4, "assumed; 004:L1669-1677 "
      "(Helena), 002:L589-593", "Budget management is considered for a household with rent "
      "arrears whose self-reliance is below this.", range=(0.2, 0.6))
euros("cross_pot.childcare_eur", 8000, "Belastingdienst/Toeslagen maximum hourly price about "
      "EUR 9-10 (2024; published, to verify): 2 days x 10 h x 48 weeks; 000:L79-84, L145-146",
      "Childcare two days a week, per year.", range=(5000, 12000), unit="EUR/year")
euros("cross_pot.furnishing_eur", 1000, "assumed (second-hand; money-and-reforms §2); 004:L1687-1701, "
      "000:L1239-1243 (EUR 350 collected for furnishing)", "Furnishing a home for a household "
      "moving out of a shelter.", range=(500, 2500))
euros("cross_pot.moving_costs_eur", 1500, "assumed (money-and-reforms §2); 002:L3880-3888 (three "
      "months of double rent)", "Moving costs and double rent for a household leaving a women's "
      "or crisis shelter that still holds the lease of an unsafe home.", range=(500, 3000))
euros("cross_pot.dental_care_eur", 2000, "assumed (money-and-reforms §2; no amount in the "
      "source); 004:L170-181 (Bart's dental bill refused)", "Dental care for a benefit "
      "recipient whose teeth stand in the way of work.", range=(800, 4000))
share("cross_pot.p_dental_need", 0.15, "assumed; 002:L727-732 (bad teeth hinder work), "
      "004:L170-198", "Share of households whose member asking for help has bad teeth that may "
      "stop a job (drawn once per household, the same in every scenario).", range=(0.05, 0.3))
prob("cross_pot.p_dental_blocks_work", 0.5, "assumed; 002:L727-732, 004:L228-229",
     "Chance that a benefit that would end in work does not, because of untreated bad teeth "
     "(the benefit goes on).", range=(0.25, 0.75))
euros("cross_pot.bookkeeping_eur", 2500, "004:L803-817 (Pedro: EUR 2,500 refused three times)",
      "Closing a failed firm's books (the final balance a debt settlement needs).",
      range=(1500, 4000))
share("cross_pot.p_failed_firm", 0.05, "assumed (former self-employed among the households; "
      "money-and-reforms §2); 004:L803-817", "Share of households with a failed firm whose books "
      "are not closed, so no debt settlement can be proposed (drawn once per household, the "
      "same in every scenario).", range=(0.02, 0.15))
days("moving.unfurnished_days", 28, "004:L1687-1701 (Helena: four weeks to decide on "
     "furnishing)", "Days longer a household stays in a shelter after a dwelling is offered when "
     "there is no money to furnish it.", range=(14, 56))
days("moving.moving_costs_days", 30, "assumed; 002:L3880-3888 (Tamara paid three months of "
     "double rent from her compensation)", "Days longer a household leaving a women's or crisis "
     "shelter stays when there is no money for the move and the double rent.", range=(7, 90))
days("cross_pot.childcare_days", 365, "assumed", "How long childcare is paid.", range=(180, 730))
# Who-pays disputes (money-and-reforms §3.1).
prob("dispute.resolve_per_month", 0.15, "assumed; 004 cases 2, 3 and 10 stay open for months",
     "Chance per month that a who-pays dispute is settled without escalation.",
     range=(0.05, 0.3))
prob("dispute.abandon_per_month", 0.05, "assumed (money-and-reforms §3.1)",
     "Chance per month that the household gives up while a dispute runs.", range=(0.02, 0.1))
prob("dispute.p_own_pot", 0.4, "assumed; 004 case 10 (kept with municipality E until 18)",
     "Chance that a settled dispute leaves the counter's own pot paying.", range=(0.2, 0.6))
prob("dispute.p_other_pot", 0.4, "assumed; 004 case 2 (pushed to the Wmo)",
     "Chance that a settled dispute makes the other pot pay: the counter refuses (the rest of "
     "the settled disputes split the cost).", range=(0.2, 0.6))
# Household members' ages and the thresholds the sources name (money-and-reforms §3.2).
positive("ages.adult_min", 25, "years", "assumed", "Youngest age of the adult who asks for help "
         "(other than a young adult household).", range=(21, 30), hi=120)
positive("ages.adult_max", 60, "years", "assumed", "Oldest age of the adult who asks for help.",
         range=(50, 80), hi=120)
positive("ages.young_adult_min", 17, "years", "004 cases (turning 18); 004:L1119-1130 (Fabian, 17)",
         "Youngest age of a young adult household's young person.", range=(16, 18), hi=120)
positive("ages.young_adult_max", 23, "years", "002:L413-419 (independence at 23, or 27)",
         "Oldest age of a young adult household's young person.", range=(21, 27), hi=120)
count("ages.children_max", 3, "assumed", "Most children of a household with children.",
      range=(1, 5), unit="children", hi=20, lo=1)
positive("ages.youth_care_end", 18, "years", "law: Jeugdwet art. 1.1 (jeugdige); 004:L1151-1155",
         "Age at which youth care stops paying and adult support (Wmo) takes over.", hi=120)
positive("ages.extended_youth_care_end", 23, "years", "law: Jeugdwet art. 1.1 (verlengde "
         "jeugdhulp, to verify); 002:L413-419", "Age until which youth care may be extended, so "
         "youth care and adult support dispute who pays.", range=(21, 23), hi=120)
positive("ages.dispute_from", 17, "years", "004:L1119-1130 (Fabian, 17), 004:L522-530 (the gap "
         "at 18)", "Age of the young person from which youth care and adult support dispute "
         "who pays for what runs past 18.", range=(16, 18), hi=120)
positive("ages.youth_norm_below", 21, "years", "law: Participatiewet art. 20 (jongerennormen, to "
         "verify); money-and-reforms §3.2", "Age below which an adult applicant gets the lower "
         "youth norm of bijstand.", hi=120)
share("ages.youth_norm_share", 0.25, "law: Participatiewet art. 20 (youth norm for a single "
      "18-20-year-old about EUR 300 against about EUR 1,300 for 21+; published, to verify)",
      "Youth norm of bijstand as a share of the adult norm (the benefit paid until the "
      "21st birthday).", range=(0.2, 0.35))
positive("ages.education_below", 27, "years", "law: Participatiewet art. 13 lid 2 sub c (to "
         "verify); 002:L581-585 (Postma: no start qualification 'en nog jonger ... dan 27 jaar')",
         "Age below which bijstand is refused while study with student finance is possible.",
         hi=120)
share("ages.p_education_possible", 0.3, "assumed (money-and-reforms §3.2; applicants under 27 "
      "without a start qualification who could study with student finance)",
      "Share of applicants for whom study with student finance is possible (drawn once per "
      "household, the same in every scenario).", range=(0.1, 0.5))
prob("ages.p_takes_up_study", 0.5, "assumed", "Chance that an applicant refused bijstand because "
     "study is possible enrols and lives on student finance (otherwise the income problem stays "
     "blocked until the age is passed).", range=(0.2, 0.8))
positive("ages.search_period_below", 27, "years", "law: Participatiewet art. 13 lid 2 sub c, "
         "art. 41 lid 4 (to verify); 002:L581-585 (Postma, 'jonger ... dan 27 jaar')",
         "Age below which a bijstand claim waits for a search period.", hi=120)
days("ages.search_period_days", 28, "law: Participatiewet art. 41 lid 4 (four weeks, to verify)",
     "Search period before a claim to bijstand by someone under 27 may be granted.",
     range=(0, 28))


# --- reforms as programmes: escalation team, deadlines, Housing First, postal address -----------
_counter("escalation_team", "Escalation team", 1, 10, 7, 7, 7, background=0, sources={
    "staff": "assumed; money-and-reforms §4 (a coordinator plus managers' time, 0.5-2 FTE)",
    "cap": "assumed; 002:L471-475 ('zwoegwerk': few cases at a time)",
    "response": "assumed", "processing": "assumed", "interval": "assumed"})
days("escalation.days_per_rung", 7, "assumed; 004:L1425-1463 (about a week over five steps)",
     "Days one rung of the escalation ladder takes.", range=(2, 30))
positive("escalation.hours_per_rung", 2.25, "hours", "assumed; money-and-reforms §4 "
         "(worker 4, team lead 2, manager 2, director 1 hour)",
         "Staff hours one rung of the escalation ladder costs.", range=(1, 8), hi=100)
_counter("housing_first", "Housing First support team", 1, 10, 7, 7, 7, background=0, sources={
    "staff": "assumed; money-and-reforms §6 (10 places per 55,000 at a caseload of 10)",
    "cap": "Housing First fidelity scales (1 worker per 8-12 clients); money-and-reforms §6",
    "response": "assumed", "processing": "assumed", "interval": "assumed"})
count("housing_first.dwellings_per_year", 5, "assumed; money-and-reforms §6",
      "Dwellings a year the Housing First programme takes from the lettings (counted against "
      "the urgency quota).", range=(2, 15), unit="dwellings/year", scales=True)
euros("housing_first.cost_per_year", 12_000, "money-and-reforms §6 (Dutch programme budgets "
      "€10,000-15,000, published, to verify)", "Intensive ambulant support per client per year.",
      range=(8_000, 15_000), unit="EUR/year")
days("housing_first.support_days", 730, "assumed; money-and-reforms §6 (retention measured "
     "over 1-2 years)", "How long the Housing First team supports a client in the home.",
     range=(365, 1095))
prob("deadlines.p_notice_of_default", 0.1, "assumed; money-and-reforms §5 (few applicants send "
     "a notice, 5-15%)", "Chance that an applicant whose decision is late sends a written notice "
     "of default (ingebrekestelling), so a penalty payment can accrue.", range=(0.05, 0.15))
days("deadlines.notice_grace_days", 14, "law: Awb art. 4:17 lid 3 (two weeks after the notice)",
     "Days after the notice of default before the penalty payment accrues.")
euros("deadlines.penalty_per_day", 23, "law: Awb art. 4:17 lid 2 (€23/€35/€45 a day as "
      "indexed, to verify); money-and-reforms §5",
      "Penalty payment per day for the first 14 days (then 1.5x, then about 2x).", range=(20, 25),
      unit="EUR/day")
days("deadlines.penalty_max_days", 42, "law: Awb art. 4:17 lid 2 (at most 42 days)",
     "Days a penalty payment accrues at most (at most about €1,442).")
positive("deadlines.triage_hours", 0.25, "hours", "assumed; 002:L1665-1703 (Amsterdam: triage "
         "and same-day calls to keep the term)", "Reform enforce_deadlines: staff hours per case "
         "at a counter with a legal term to register and triage it against its term.",
         range=(0.1, 1.0), hi=40)


# --- latent demand, non-take-up and third-party signals ----------------------------------------
prob("latent.p_find_broad", 0.7, "assumed; households evidence §1.1 (002:L1827-1833: home visits "
     "'vrijwel altijd' find more need)",
     "Chance that a broad intake (one that asks about every life domain) finds a given hidden "
     "need.", range=(0.5, 0.9))
prob("latent.p_find_narrow", 0.1, "assumed; households evidence §1.1 (003:L1454-1456: most had "
     "a narrow conversation)",
     "Chance that an ordinary, narrow intake finds a given hidden need (the professional asks).",
     range=(0.0, 0.2))
prob("take_up.p_claim_bijstand", 0.67, "households evidence §1.2: non-take-up of bijstand about a "
     "third, 20-45% (SCP 'Geld op de plank' 2007; SZW/CBS, published, to verify)",
     "Chance that a household of middling self-reliance and trust, entitled to bijstand, "
     "claims it when it first thinks of it.", range=(0.55, 0.8))
prob("take_up.p_claim_wmo", 0.8, "assumed; households evidence §1.2 (not measured; 003:L880-884)",
     "Chance that a household of middling self-reliance and trust with a care need applies to "
     "the Wmo when it first thinks of it.", range=(0.6, 0.95))
prob("take_up.p_claim_debt_help", 0.3, "households evidence §1.2: about one in five with "
     "problematic debts is in formal help; they wait about five years (Nibud, NVVK, IBO Schulden "
     "2024, published, to verify)",
     "Chance that a household of middling self-reliance and trust with debts asks for debt help "
     "when it thinks of it (about once a year: take_up.reconsider_days).", range=(0.15, 0.45))
positive("take_up.skill_factor", 0.6, "factor per unit", "assumed; households evidence §1.2 "
         "(002:L4025-4031: low literacy, paperwork)",
         "Change of the claim chance per unit of administrative skill (doenvermogen.admin_skill) "
         "above or below doenvermogen.skill_reference: times 1 + factor x (skill - reference).",
         range=(0.3, 1.0), hi=1.9)
positive("take_up.trust_factor", 0.5, "factor per unit", "assumed; households evidence §1.2 "
         "(002:L4025-4031: falling trust in government)",
         "Change of the claim chance per unit of trust above or below 0.5: times 1 + factor x "
         "(trust - 0.5); trust falls with dead ends, refusals and retellings.",
         range=(0.2, 0.8), hi=1.9)
share("take_up.recovery_penalty", 0.6, "assumed; 003:L880-884 (savings), 000:L1152-1156 "
      "(allowances clawed back); households evidence §1.2",
      "Factor on the claim chance of a household that has had a benefit clawed back (or, for the "
      "Wmo, has savings it would have to spend).", range=(0.4, 0.9), unit="factor 0-1")
days("take_up.reconsider_days", 365, "assumed; households evidence §1.2 (the debt-help base "
     "chance is read per year of having the need)",
     "Mean days (exponential) after not claiming before the household considers the claim "
     "again.", range=(180, 730), lo=1.0)
positive("take_up.complexity_weight", 0.5, "weight", "assumed; 002:L1599-1607, L1556-1564 (long "
         "forms, incomplete applications)",
         "Weight of 'too complex' among the reasons for not claiming, beside shame "
         "(self-reliance), distrust (1 - trust), low skill (1 - self-reliance) and fear of "
         "recovery (1 - take_up.recovery_penalty, when it applies).", range=(0.2, 1.0), hi=10)
_SIGNALLERS = {
    "school": (0.3, 0.5, "households evidence §4 (assumed; 000:L944-952, 004:L706-708)",
               "a school (teacher, school social worker, compulsory-education officer) signals "
               "an unhandled family need of a household with children"),
    "gp": (0.4, 0.6, "households evidence §4 (assumed; 004:L690-694, L736-737, L257-262)",
           "a GP, POH-GGZ or midwife signals an unhandled mental-health or care need"),
    "veilig_thuis": (0.05, 0.5, "assumed; 004:L1626-1628 (Veilig Thuis to the wijkteam), "
                     "000:L775-779", "Veilig Thuis passes on an unhandled family need of a "
                     "household with children (violence has its own routes)"),
    "police": (0.05, 0.3, "assumed; 004:L1105-1108, 000:L1020-1023, L916-919 (reports often "
               "without effect)", "the police (a call-out, the community officer) report an "
               "unhandled mental-health, family or housing need"),
    "neighbours": (0.2, 0.4, "households evidence §4 (assumed; 003:L790-794, 000:L784-791, "
                   "L1830-1833)", "neighbours or family urge the household about an unhandled "
                   "care or mental-health need"),
}
for _who, (_rate, _reach, _src, _what) in _SIGNALLERS.items():
    positive(f"signals.{_who}_per_year", _rate, "per year", _src,
             f"Rate at which {_what} (while such a need is open).",
             range=(_rate / 2, _rate * 2), hi=12)
    prob(f"signals.{_who}_reach", _reach, _src,
         f"Chance that a signal of this kind ({_who}) reaches the household and it accepts the "
         "contact, which brings it to the right counter.", range=(max(0.0, _reach - 0.2),
                                                                  min(1.0, _reach + 0.2)))



# --- households: loss of contact, participation, doenvermogen (evidence page households) ------
# Loss of contact from causes other than worn-down trust (households §2). Rates apply to a
# household in contact with the services (it has asked for help and has an open problem).
positive("contact.move_away_per_year_homeless", 0.12, "1/year", "001:L1133-1135 (2 of 18 "
         "homeless people moved abroad within 9-12 months: about 0.15 a year, read down for the "
         "whole homeless population); 001:L2668-2673", "Rate at which a homeless household in "
         "contact moves away (abroad or to another region).", range=(0.05, 0.2), hi=10)
positive("contact.move_away_per_year_housed", 0.03, "1/year", "assumed (households §2)",
         "Rate at which a housed household in contact moves away.", range=(0.01, 0.06), hi=10)
positive("contact.unreachable_per_year_homeless", 0.12, "1/year", "001:L1133-1135 (2 of 18 "
         "could no longer be reached); 001:L1210-1212 (Kenny's phone), 001:L2157-2158",
         "Rate at which a homeless household not living in a facility becomes unreachable "
         "(phone cut off, no address, avoids care).", range=(0.05, 0.25), hi=10)
positive("contact.unreachable_per_year_housed", 0.03, "1/year", "assumed (households §2); "
         "002:L5011-5019 (letters to the last known address)", "Rate at which a housed "
         "household becomes unreachable.", range=(0.01, 0.06), hi=10)
positive("contact.detention_per_year_homeless", 0.03, "1/year", "assumed (households §2); "
         "002:L2262-2266, 004:L1015-1016", "Rate at which a homeless household in contact is "
         "detained.", range=(0.01, 0.06), hi=10)
positive("contact.detention_per_year_housed", 0.01, "1/year", "assumed (households §2)",
         "Rate at which a housed household in contact is detained.", range=(0.0, 0.03), hi=10)
days("contact.detention_days", 30, "assumed; 004:L1015-1016 (gijzeling: a week per fine)",
     "Median length of a detention (lognormal).", range=(7, 180))
positive("contact.detention_sigma", 0.8, "log-scale sd", "assumed",
         "Spread of the length of a detention.", range=(0.4, 1.2), hi=5)
prob("contact.p_detention_home_lost", 0.3, "assumed; 002:L2262-2266 (prison 'kan betekenen dat "
     "hij zijn net verworven woning en inkomen verliest')", "Chance that a detained household "
     "that rents its home loses it.", range=(0.1, 0.6))
days("contact.move_away_days", 365, "assumed; 001:L2668-2673", "Median time a household that "
     "moved away stays away before it comes back (lognormal, log-sd household.reentry_sigma).",
     range=(180, 1095))
prob("contact.p_return_after_move", 0.3, "assumed", "Chance that a household that moved away "
     "comes back to the municipality (else it stays away, out of view, to the end).",
     range=(0.1, 0.6))
# Participation as its own path (households §3).
positive("participation.own_job_per_year", 0.12, "1/year", "001:L1022-1025 (2 of 13 "
         "non-participating mothers found a job themselves within a year); 001:L380-384",
         "Rate at which a household with a known participation problem finds work by itself, "
         "at doenvermogen.skill_reference; proportional to its self-reliance.",
         range=(0.05, 0.25), hi=10)
count("participation.trajectory_places", 60, "assumed (households §3; set by the "
      "re-integration budget)", "Participation trajectory places; a household granted "
      "participation waits for a free one (001:L755-756, 'we hebben nu geen traject').",
      range=(30, 120), unit="places", scales=True)
prob("participation.p_parallel", 0.2, "assumed (households §3); 001 describes the sequential "
     "norm as the rule (L45-48, L1650-1653)", "Chance that W&I, granting income, starts "
     "participation in parallel instead of waiting until every other domain is settled.",
     range=(0.1, 0.5))
# Doenvermogen (capacity to act, Household.self_reliance) and administrative skill (households §5).
positive("doenvermogen.admin_skill_sd", 0.15, "sd (0-1 scale)", "assumed; 001:L171-178 (the "
         "ZRM does not show computer skills or planning)", "Spread of administrative skill "
         "around the household's doenvermogen.", range=(0.05, 0.3), hi=1)
_add("doenvermogen.skill_reference", 0.5, "share 0-1", "assumed (households §5)", "Doenvermogen "
     "or administrative skill at which the effects below take their base value.",
     bounds=(0.05, 1.0), range=(0.4, 0.6))
prob("doenvermogen.no_show_base", 0.05, "assumed (households §5); 001:L2157-2158, 000:L1335-1339",
     "Chance of a no-show at an intake appointment at full doenvermogen.", range=(0.02, 0.1))
share("doenvermogen.no_show_slope", 0.25, "assumed (households §5); 001:L472-475",
      "Extra no-show chance per unit of missing doenvermogen.", range=(0.1, 0.4))
prob("doenvermogen.paperwork_base", 0.05, "assumed (households §5); 002:L1556-1564",
     "Chance that an application (income, debt help) is returned incomplete at full "
     "administrative skill.", range=(0.0, 0.1))
share("doenvermogen.paperwork_slope", 0.35, "assumed (households §5); 001:L1346-1349",
      "Extra chance of an incomplete application per unit of missing "
      "administrative skill.", range=(0.2, 0.5))
share("doenvermogen.objection_missed_slope", 0.5, "assumed (households §5); 004:L933-936",
      "Chance per unit of missing administrative skill that a household that means to object "
      "misses the six-week window.", range=(0.3, 0.7))
prob("doenvermogen.follow_through_base", 0.4, "assumed (households §5); 001:L557-560",
     "Chance that a household with no doenvermogen follows up a cold referral itself.",
     range=(0.3, 0.6))
share("doenvermogen.follow_through_slope", 0.5, "assumed (households §5)",
      "Extra follow-through chance per unit of doenvermogen.", range=(0.3, 0.6))
days("doenvermogen.documents_valid_days", 90, "assumed; 001:L1352-1353 (documents expire "
     "while waiting)", "Age of an application's documents after which they must be supplied "
     "again at the decision (a chance set by administrative skill, as for incomplete "
     "paperwork).", range=(30, 180))

PARAMETERS: dict[str, Param] = {p.key: p for p in _TABLE}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(p.section for p in _TABLE))


def defaults() -> dict[str, Any]:
    """Flat {"section.name": default} for every parameter."""
    return {k: p.default for k, p in PARAMETERS.items()}


def uncertain() -> list[Param]:
    """Parameters with a plausible range: the candidates for sensitivity analysis."""
    return [p for p in _TABLE if p.range is not None]
