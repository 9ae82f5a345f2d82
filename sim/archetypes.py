"""The named households of the sources, as starting households that can be placed into any
scenario at a chosen day. Each has its own random streams, so "a Hans" meets the same life
events in the baseline and under a reform; only the system's response differs.

``observed`` records what the source reports, for comparison with the simulated journey
(docs/journeys.md). ``start`` gives the starting state in words with its seed lines, and
``assumed`` what is filled in by assumption; ``milestones`` are the source's key dates and facts,
each with a range derived from the source, that ``python -m sim.analysis.milestones`` and
tests/test_named_households.py hold the model's journey against.

The households: the seven of seeds 000 and 001 (Hans, Roos, Sharon, Maria, Mr Jansen, Kenny,
Myriam), fifteen of the seventeen cases of 004 (cases 13 and 15 are not households) and nine Wmo
clients of 003 (evidence page households §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .domains import CARE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL, PARTICIPATION, SAFETY, Domain


INF = float("inf")


@dataclass(frozen=True)
class Milestone:
    """A key date or fact of the source, and the range the model's median must fall in.

    ``measure`` says what is read from the household's events (months since it was placed):
    ``first:EVENT[:WHAT[:OUTCOME]]`` the first such event (WHAT an organisation, facility,
    domain, reason, stage or catalogue item; alternatives joined by ``|``), ``stay:FACILITY``
    months from entering to leaving it, ``count:organisations|handoffs|dead_ends|retellings`` or
    ``count:EVENT[:WHAT]`` a count, and ``A - B`` the months between two ``first`` measures.
    Something that never happens within the horizon reads as infinity, so ``lo=INF`` means
    "never within the horizon" and ``hi=INF`` "not before ``lo``". An empty measure marks a
    fact the model has no event for (listed in docs/journeys.md, not tested)."""
    key: str
    fact: str  # the source's fact in words
    source: str  # seed lines
    measure: str
    lo: float = 0.0
    hi: float = INF
    unit: str = "months"


@dataclass(frozen=True)
class Archetype:
    name: str
    profile: str  # the profile it belongs to, for reporting
    known: tuple[Domain, ...]  # problems the household itself sees
    hidden: tuple[Domain, ...] = ()
    source: str = ""
    observed: dict[str, str] = field(default_factory=dict)
    met: tuple[Domain, ...] = ()  # help already in place at the start (a running provision)
    no_provision: tuple[Domain, ...] = ()  # needs no provision of the model meets for it
    ages: tuple[float, ...] = ()  # members' ages at the start, the one who asks first (source)
    first_door: str = ""  # the counter of its first contact (for its first known need)
    first_channel: str = "self"  # self, referral or signal
    start_place: str = ""  # a facility it already lives in
    bad_teeth: bool = False  # the member who asks has bad teeth (source), not the draw
    failed_firm: bool = False  # a failed firm whose books are open (source), not the draw
    start: str = ""  # the starting state in words, with seed lines
    assumed: str = ""  # what is filled in by assumption
    horizon_months: float = 24.0  # how long it is followed
    milestones: tuple[Milestone, ...] = ()

    @property
    def section(self) -> str:
        """Its parameter section: housing, income, debts, ID, children, self-reliance, trust
        and the delay before it first asks for help are parameters (``archetype_<slug>``)."""
        return "archetype_" + self.name.lower().replace(" ", "_")


M = Milestone
_CARE_DEF = "Wmo client (003); a single-need household"

ARCHETYPES: dict[str, Archetype] = {a.name: a for a in (
    # --- seed 000 and 001: the seven households of the klantreizen ---------------------------
    Archetype("Hans", "sudden_homeless", known=(HOUSING, INCOME, PARTICIPATION), hidden=(DEBTS,),
              source="000 §6.2 (L381-757)", ages=(51.0,), horizon_months=30,
              start="single man of 51, no children (L427-428, L716-718), ordered out of the home "
                    "he owned with his wife (L396-405), on the street; no income (L390); home "
                    "equity blocks the benefit for a year (L557-560); fibromyalgia (L386-390)",
              assumed="EUR 3,000 hidden debt; self-reliance 0.7 (he organises, L463-464); trust",
              observed={"organisations": "13 (10 in the social domain)", "handoffs": "4",
                        "dead ends": "4 before the shelter took him on",
                        "to a place to live": "~9 months to the shelter's emergency home",
                        "to stable housing": "~12 months to a transitional home",
                        "to income": "~21 months"},
              milestones=(
                  M("place_to_live", "a place to live (Limor's emergency home) ~9 months after "
                    "the street", "000:L401, L487-489", "first:placed:night_shelter|sheltered_housing|"
                    "transitional_home|social_housing", 6, 14),
                  M("transitional_home", "transitional home February 2023, ~12 months",
                    "000:L495", "first:placed:transitional_home|social_housing", 9, 16),
                  M("income", "bijstand from November 2023, ~21 months", "000:L558",
                    "first:met:income", 15, 27),
                  M("dead_ends", "at least 3 dead ends before a provider takes him on",
                    "000:L416-473", "count:dead_ends", 3, INF, "count"),
              )),
    Archetype("Roos", "care_and_family", known=(CARE,), met=(CARE,), no_provision=(CARE,),
              source="000 §6.1 (L46-377)", ages=(39.0, 0.8), horizon_months=18,
              start="married, a daughter born November 2023 (L135-136); Roos 39, paralysed on "
                    "her right side since birth (L294-297), Wajong (L82-87); husband works "
                    "(L302-304); Wmo home help since 2020 (L49-57); sole carer of her mother "
                    "(L300-302); needs childcare two days a week so she can get physiotherapy "
                    "(L226-237), refused childcare allowance (L79-81), no SMI for the child "
                    "(L189-190)",
              assumed="her care need for childcare is open while home help runs; no provision "
                      "of the model funds childcare for her (the catalogue's childcare item can, "
                      "when approved); caregiving overload has no domain; trust",
              observed={"organisations": "11 (6 in the social domain)", "handoffs": "6 (3)",
                        "dead ends": "4", "stability": "not reached: childcare unmet for 6-9 months"},
              milestones=(
                  M("childcare_unmet", "childcare unmet for at least 6 months after the refusal",
                    "000:L230-231, L205-214", "first:met:care", 6, INF),
                  M("no_youth_care", "her childcare is not turned into a youth-care place",
                    "000:L189-190", "first:placed:youth_care", INF, INF),
                  M("home_help_not_again", "home help is in place and not requested again",
                    "000:L49-57", "first:grant:wmo", INF, INF),
                  M("not_stable", "not stable within 12 months (not closed)", "000:L264",
                    "first:stable", 12, INF),
              )),
    Archetype("Sharon", "domestic_violence", known=(SAFETY, HOUSING, FAMILY), hidden=(INCOME,),
              source="000 §6.3 (L761-1134)", ages=(31.0, 3.0, 1.0), horizon_months=48,
              start="mother of about 31 with sons of 3 and 1 (L818), confined in her husband's "
                    "home for about five years, violence witnessed by the children (L764-775); "
                    "no own income; no ID problem and no debts in the source",
              assumed="self-reliance 0.3 at the start (L827-828); trust; the signal within days",
              observed={"organisations": "20", "handoffs": "12", "dead ends": "9",
                        "to stable housing": "~1.75 years after entering the shelter",
                        "stability": "not reached after 6 years"},
              milestones=(
                  M("crisis_shelter", "a signal brings her to the crisis shelter within days",
                    "000:L775-791", "first:placed:crisis_shelter", 0, 1),
                  M("crisis_stay", "crisis shelter 2-3 months", "000:L817-821",
                    "stay:crisis_shelter", 1.5, 4),
                  M("womens_shelter_stay", "women's shelter about 1.5 years", "000:L823-825",
                    "stay:womens_shelter", 12, 24),
                  M("own_home", "own home ~1.75 years after entering the shelter",
                    "000:L829-830", "first:placed:social_housing - first:placed:crisis_shelter",
                    15, 27),
                  M("not_stable", "not stable within the horizon (safety keeps recurring)",
                    "000:L877-935, L1006-1016", "first:stable", 48, INF),
              )),
    Archetype("Maria", "debts", known=(DEBTS,), source="000 §6.4 (L1138-1480)",
              ages=(60.0, 19.0), horizon_months=36,
              start="single mother of 60, daughter of 19 at home (L1184-1186), social rent "
                    "(L1270-1272); works 18 hours with a municipal top-up (L1286-1289); an old "
                    "Toeslagen recovery (L1152-1156), heating debt EUR 2,000 (L1262); rent "
                    "arrears from 2023 (L1286-1288); low trust in the income team (L1229-1246)",
              assumed="help-seeking delay; self-reliance",
              observed={"organisations": "15", "handoffs": "4", "dead ends": "4",
                        "debts": "EUR 2,000 grew to 8,000 in ~3 years; near eviction",
                        "stability": "over ten years in financial trouble"},
              milestones=(
                  M("stays_in_work", "she stays in work: no bijstand", "000:L1286-1297",
                    "first:grant:work_income", INF, INF),
                  M("court_stage", "arrears reach the court 8-20 months after they start",
                    "000:L1286-1288, L1335-1339", "first:tenancy:summons|court_order", 8, 20),
                  M("not_evicted", "the eviction is stopped, not executed", "000:L1332-1333, "
                    "L1347-1352", "first:tenancy:evicted", INF, INF),
                  M("debts_grow", "debts grow from EUR 2,000 to 8,000 in ~3 years, unmanaged",
                    "000:L1262, L1330-1331", ""),
              )),
    Archetype("Mr Jansen", "frail_elderly", known=(CARE,), source="000 §6.5 (L1484-1793)",
              ages=(90.0,), horizon_months=12,
              start="single man of 90, independent, owner (L1487-1491); epilepsy, hearing and "
                    "prostate problems, no driving since October 2023 (L1495-1501); a fixed "
                    "volunteer (L1518-1525); needs home help",
              assumed="trust; the delay before the Wmo form (Welzijn's help, L1555-1567)",
              observed={"organisations": "5", "handoffs": "3", "dead ends": "2 administrative errors",
                        "to home help": "156 days from registration (6-7 months from first contact)"},
              milestones=(
                  M("home_visit", "registration to home visit 98 days (60-150)", "000:L1565-1573",
                    "first:contact:care - first:seek_help", 2, 5),
                  M("home_help", "registration to home help 156 days (100-240)", "000:L1565, L1619",
                    "first:placed:home_care_provider - first:seek_help", 3.3, 8),
                  M("organisations", "at most 6 organisations", "000:L1645-1676",
                    "count:organisations", 0, 6, "count"),
                  M("admin_errors", "at least one administrative error (a plan returned, a "
                    "reminder with a 14-day deadline)", "000:L1583-1587", ""),
              )),
    Archetype("Kenny", "sudden_homeless", known=(HOUSING, INCOME), hidden=(DEBTS, PARTICIPATION),
              source="001 §6.4 (L1150-2152)", ages=(35.0,), horizon_months=12,
              start_place="night_shelter",
              start="single man of 35 (L1154-1155) on a friend's parents' couch (L1165-1167); no "
                    "income, two applications refused for lack of an address (L1167-1170); "
                    "expired ID (L1189-1190); debts ~EUR 1,800 (L1190-1191); on the intake day "
                    "papers for a passport, a postal address and the benefit were made ready "
                    "(L1175-1176, L1921-1923); the benefit came before the passport (L1878-1879, "
                    "L1317); in the night shelter from March 2016 to qualify for a benefit "
                    "(L1173-1175)",
              assumed="trust; self-reliance 0.5 (judged high and low, L1675-1772); in the "
                      "night shelter only when it has a free bed at the start",
              observed={"organisations": ">= 5, with >= 8 professionals", "helper changes": ">= 3 a year",
                        "to income": "~4 months (benefit with supported housing)",
                        "to supported housing": "~4 months in the night shelter",
                        "ID": "~8 months", "stability": "not reached at 11 months: no home, no debt trajectory"},
              milestones=(
                  M("income", "a benefit after about four months", "001:L1878-1879, L2128-2129",
                    "first:met:income", 2, 6),
                  M("supported_housing", "night shelter to supported housing 60-180 days",
                    "001:L1173-1175, L1878-1879",
                    "first:placed:sheltered_housing - first:placed:night_shelter", 2, 6),
                  M("id", "passport after about 8 months", "001:L1317", "first:id_renewed", 6, 10),
                  M("no_home", "no home of his own at 11 months", "001:L2128-2152",
                    "first:placed:social_housing", 11, INF),
                  M("no_settlement", "no debt settlement at 11 months", "001:L1330-1337, L1490-1494",
                    "first:debt_help:accepted", 11, INF),
                  M("organisations", "at least 5 organisations", "001:L2245-2246",
                    "count:organisations", 5, INF, "count"),
                  M("helper_changes", "at least 3 changes of helper in a year", "001:L2245-2246",
                    "count:handoffs", 3, INF, "count"),
              )),
    Archetype("Myriam", "multi_problem_family", known=(DEBTS, MENTAL, PARTICIPATION),
              source="001 §6.1 (L312-1002)", ages=(35.0, 10.0), horizon_months=18,
              first_door="neighbourhood_team", first_channel="referral",
              start="single mother, daughter of 10 (L320-329), a one-bedroom flat (L329-331), "
                    "bijstand (L343), debts and an old tax debt (L376-378, L430-431), depression "
                    "(L344-345), weak Dutch, unopened letters (L378-379, L472-475); W&I refers "
                    "her to the neighbourhood team (L348-351); no youth care in the source",
              assumed="her age; the size of her debts (EUR 8,000); self-reliance 0.4 (L439-442)",
              observed={"organisations": "neighbourhood team, W&I, debt help, psychologist",
                        "finances stable": "~3 months", "neighbourhood team closed": "~12-13 months",
                        "stability": "participation unchanged at 16 months"},
              milestones=(
                  M("finances", "finances stable about 3 months after the team starts",
                    "001:L376-377", "first:met:debts", 1, 7),
                  M("no_youth_care", "no youth-care place", "001:L348",
                    "first:placed:youth_care", INF, INF),
                  M("no_participation", "participation not started by 16 months (she finds a "
                    "job herself and is advised against it)", "001:L380-384, L999-1000",
                    "first:met:participation", 16, INF),
                  M("not_stable", "not stable at 16 months", "001:L831-832, L974-976",
                    "first:stable", 16, INF),
                  M("team_holds", "the neighbourhood team holds the case for about a year",
                    "001:L826-832", ""),
              )),
    # --- seed 004: the stuck cases (2014-2015) ------------------------------------------------
    Archetype("Bart", "debts", known=(DEBTS, MENTAL, PARTICIPATION), source="004 case 1 (L78-249)",
              ages=(43.0,), horizon_months=12, first_door="neighbourhood_team", bad_teeth=True,
              start="man of 43 alone in a too-small social rental, children with his ex "
                    "(L78-111); benefit since 2010 (L89-92); EUR 25,000 residual mortgage debt "
                    "(L94-99); depression, drink and gambling, arrears, eviction threatening "
                    "(L113-119); neglected teeth, insurer defaulter (L160-168)",
              assumed="self-reliance 0.4; trust; two weeks before he asks (self-referral Feb "
                      "2015, L120-129)",
              milestones=(
                  M("debts", "debt settlement running about 3.5 months after the intake",
                    "004:L142-151", "first:met:debts", 2, 6),
                  M("reintegration", "re-integration running by the end of May (~3.5 months)",
                    "004:L142-151", "first:met:participation", 2, 6),
                  M("dental_refused", "special assistance for dental care refused",
                    "004:L174-190", "first:cross_pot:dental_care:refused|refused_budget", 0, 12),
              )),
    Archetype("Patricia and Michel", "young_adult", known=(HOUSING, FAMILY, CARE),
              source="004 case 2 (L250-373)", ages=(18.0, 19.0), horizon_months=12,
              first_door="youth", first_channel="signal",
              start="young couple of 18 and 19 with mild intellectual disability (IQ 69 and 73), "
                    "pregnant, a care history and a criminal record (L250-255); the midwife and "
                    "Veilig Thuis refer (L257-267)",
              assumed="housing with others; no income beyond allowances; self-reliance 0.25",
              milestones=(
                  M("dispute", "a who-pays dispute (Wmo vs Zvw/Wlz, B vs the municipalities of "
                    "origin)", "004:L307-346", "first:dispute", 0, 12),
                  M("adult_rules", "ages 18-19: adult rules, no youth-care place",
                    "004:L250-255", "first:placed:youth_care", INF, INF),
              )),
    Archetype("Gezin G", "multi_problem_family", known=(HOUSING, DEBTS, INCOME), hidden=(MENTAL,),
              source="004 case 3 (L374-504)", ages=(38.0, 33.0, 6.0, 4.0, 2.0),
              horizon_months=18,
              start="father, mother and 3 small children (L374-389), evicted Sept 2014 for "
                    "EUR 6,000 arrears from the father's gambling (L374-379); a campsite "
                    "(L379-383); mother speaks little Dutch (L432-435)",
              assumed="ages; the gambling as a hidden mental-health need; no income at the start",
              milestones=(
                  M("arrears_bar", "the corporation refuses anyone with arrears", "004:L391-401",
                    "first:denial:debts_unmanaged", 0, 18),
                  M("no_night_shelter", "a family never enters the night shelter",
                    "004:L387-389", "first:placed:night_shelter", INF, INF),
                  M("crisis_place", "a crisis-shelter place for the family (3-month limit)",
                    "004:L387-389, L403-405", "first:placed:family_shelter|crisis_shelter", 0, 6),
              )),
    Archetype("Thomas", "young_adult", known=(PARTICIPATION,), source="004 case 4 (L505-587)",
              ages=(17.7,), horizon_months=12,
              start="17, final year of special secondary education, lives with his parents, "
                    "needs guided work, turns 18 in September (L505-510)",
              assumed="own home (the parents'); the months to his birthday",
              milestones=(
                  M("gap", "a gap of more than three months without a daily activity",
                    "004:L516-522", "first:met:participation", 3, INF),
                  M("handoffs", "sent on at least 5 times (W&I, two facilities, UWV, Wmo)",
                    "004:L516-556", "count:handoffs", 5, INF, "count"),
              )),
    Archetype("Dennis", "young_adult", known=(HOUSING, PARTICIPATION),
              source="004 case 5 (L591-676)", ages=(25.0,), horizon_months=24,
              start_place="sheltered_housing",
              start="25, intellectual disability, in sheltered housing (RIBW), sheltered work "
                    "(L591-597); parents refuse independent living; indication to 2018 with a "
                    "transition right to 2020 (L614-646)",
              assumed="self-reliance 0.35; the housing need is the move to independent living",
              milestones=(
                  M("stays", "the stay in sheltered housing runs years past its nominal "
                    "6 months", "004:L614-646", "first:exit:sheltered_housing", 24, INF),
              )),
    Archetype("Sandra and Tim", "multi_problem_family", known=(FAMILY,),
              source="004 case 6 (L680-768)", ages=(42.0, 16.0), horizon_months=12,
              start="mother and son of 16, expelled from several schools, a behaviour disorder "
                    "without a clear diagnosis (L680-686, L756-759)",
              assumed="the mother's age; income from work; trust",
              milestones=(
                  M("trajectory", "about 2.5 months from expulsion to the (GP's) youth trajectory",
                    "004:L685-699", "first:placed:youth_care", 1.5, 4),
                  M("dropout", "sent home from the bootcamp quickly", "004:L694, L714-716",
                    "first:treatment_end:dropped_out", 0, 12),
              )),
    Archetype("Pedro", "debts", known=(DEBTS, INCOME), source="004 case 7 (L769-887)",
              ages=(50.0, 45.0, 19.0, 8.0), horizon_months=18, failed_firm=True,
              start="Pedro, his wife, daughters of 8 and 19 (L772-776); about EUR 100,000 of "
                    "debt from a failed firm whose books are not closed (L789-817); EUR 70 a "
                    "week to live on; mild brain damage (L776-781)",
              assumed="ages of the parents; income from work under garnishment; self-reliance 0.35",
              milestones=(
                  M("no_control", "debts keep growing: no settlement without a final balance",
                    "004:L789-801, L855-868", "first:met:debts", 18, INF),
                  M("bookkeeper_refused", "special assistance for a EUR 2,500 bookkeeper refused",
                    "004:L803-817", "first:cross_pot:bookkeeping:refused|refused_budget", 0, 18),
              )),
    Archetype("Hadia and Mo", "multi_problem_family", known=(INCOME, MENTAL),
              source="004 case 8 (L891-977)", ages=(48.0, 21.0, 17.0), horizon_months=12,
              start="mother on bijstand with little Dutch; daughters; son Mo of 21 without a "
                    "residence permit, registered at her address (L891-916); a history of "
                    "domestic violence (L893-895)",
              assumed="ages of mother and daughter; self-reliance 0.3",
              milestones=(
                  M("no_objection", "the objection to the cost-sharer cut comes too late",
                    "004:L933-936", "count:objection", 0, 0, "count"),
                  M("psychologist", "a psychologist", "004:L955-956", "first:met:mental", 0, 12),
                  M("cost_sharer_cut", "the cost-sharer cut of about EUR 300 a month",
                    "004:L914-922", ""),
              )),
    Archetype("Gerard", "sudden_homeless", known=(HOUSING, DEBTS), source="004 case 9 (L978-1086)",
              ages=(45.0,), horizon_months=18, start_place="sheltered_housing",
              start="single, in a RIBW after homelessness and addiction, abstinent, working as a "
                    "cleaner (L978-987); old unpaid fines (L996-1010)",
              assumed="age; fines as EUR 2,000 of debt",
              milestones=(
                  M("stays", "better to stay in sheltered housing for now", "004:L1033-1061",
                    "first:exit:sheltered_housing", 18, INF),
                  M("detention", "police come to detain him for the fines (gijzeling); his "
                    "helpers avert it with a payment arrangement, so he never leaves",
                    "004:L992-1029", ""),
              )),
    Archetype("Fabian", "young_adult", known=(HOUSING, FAMILY, MENTAL),
              source="004 case 10 (L1090-1189)", ages=(17.8,), horizon_months=12,
              start="17, nearly 18; offences under a youth probation order; hit his girlfriend, "
                    "threatened by her father (L1090-1103); moved to another municipality "
                    "(L1105-1108)",
              assumed="staying with others; no income; self-reliance 0.3",
              milestones=(
                  M("payer_switch", "turning 18 switches the payer", "004:L1122-1130",
                    "first:payer_switch", 0, 3),
                  M("dispute", "E and F dispute who pays", "004:L1151-1155", "first:dispute", 0, 12),
                  M("handoffs", "at least 3 handoffs", "004:L1105-1182", "count:handoffs", 3, INF,
                    "count"),
              )),
    Archetype("Gezin K", "multi_problem_family", known=(FAMILY,), source="004 case 11 (L1193-1372)",
              ages=(35.0, 33.0, 8.0), horizon_months=6, first_door="neighbourhood_team",
              first_channel="signal",
              start="father, mother, a boy; a report of concern (L1193-1198); the board refers "
                    "with only name, age and BSN (L1198-1217)",
              assumed="ages; income from work",
              milestones=(
                  M("retold", "the access body must ask the parents again: the story retold",
                    "004:L1218-1244", "count:retelling", 1, INF, "count"),
              )),
    Archetype("Joost", "multi_problem_family", known=(FAMILY,), source="004 case 12 (L1373-1482)",
              ages=(42.0, 12.0), horizon_months=6,
              start="12, aggressive, knives, drugs; much help called in already (L1373-1377, "
                    "L1442-1444); crisis care sent him home (L1380-1390)",
              assumed="the parent's age; income from work",
              milestones=(
                  M("queue", "without escalation, the waiting list of 8-10 weeks",
                    "004:L1392-1394", "first:placed:youth_care", 1.5, 3.5),
              )),
    Archetype("Helena", "domestic_violence", known=(HOUSING, FAMILY, DEBTS, PARTICIPATION),
              source="004 case 14 (L1624-1739)", ages=(23.0, 7.0, 5.0), horizon_months=18,
              first_door="neighbourhood_team", first_channel="referral",
              start="23, children of 7 and 5, living with her brother who deals drugs and "
                    "weapons (L1624-1632); debts; Veilig Thuis refers to the wijkteam "
                    "(L1626-1628); she must leave or the children are placed (L1631-1649)",
              assumed="debts EUR 5,000; bijstand; self-reliance 0.5",
              milestones=(
                  M("housed", "urgency and a dwelling within about a year", "004:L1665-1687",
                    "first:met:housing", 3, 18),
                  M("work", "work placement and 7 hours a day of work", "004:L1706-1725",
                    "first:met:participation", 6, 18),
                  M("no_placement", "out-of-home placement avoided", "004:L1647-1649",
                    "first:crisis:out_of_home_placement", INF, INF),
                  M("furnishing", "furnishing decided after 4 weeks without mandate",
                    "004:L1687-1701", "first:cross_pot:furnishing:approved|paid_directly", 3, 18),
              )),
    Archetype("Rob", "young_adult", known=(PARTICIPATION,), source="004 case 16 (L1884-1979)",
              ages=(25.0,), horizon_months=18,
              start="25, borderline intellectual functioning, lives alone on Wajong, his father "
                    "manages his budget, no debts (L1884-1892); over 2 years at home after his "
                    "employer burned down (L1898-1901)",
              assumed="social rent; self-reliance 0.35",
              milestones=(
                  M("volunteering", "volunteering within months of the youth worker's plan",
                    "004:L1915-1940", "first:met:participation", 0, 6),
                  M("relapse", "the placement ends and participation is open again",
                    "004:L1942-1947", "first:unmet:participation", 3, 18),
              )),
    Archetype("Floris", "young_adult", known=(HOUSING, INCOME), source="004 case 17 (L1980-2114)",
              ages=(21.0,), horizon_months=12,
              start="21, dropped out of school, homeless spells, staying at a friend's parents' "
                    "home (L1980-2000); grandmother helps (L2053-2056)",
              assumed="no debts; self-reliance 0.4",
              milestones=(
                  M("no_address", "bijstand needs an address", "004:L2002-2011",
                    "first:denial:no_address", 0, 6),
                  M("partial", "a partial outcome: not stable within a year", "004:L2062-2072",
                    "first:stable", 12, INF),
              )),
    # --- seed 003: Wmo clients of Haarlem and Zandvoort (2015) --------------------------------
    Archetype("Wmo C01 scooter", "frail_elderly", known=(CARE,), source="003 C01 (L891-893, L2005-2007)",
              ages=(75.0,), horizon_months=24, start="low income; needs a mobility scooter and "
              "bathing aids", assumed=_CARE_DEF + "; age",
              milestones=(M("scooter", "1.5 years' wait for a mobility scooter", "003:L891-893",
                            "first:met:care", 12, 24),)),
    Archetype("Wmo C02 savings", "frail_elderly", known=(CARE,), source="003 C02 (L880-884)",
              ages=(80.0,), horizon_months=12, start="older woman with savings who pays a "
              "private cleaner rather than spend them, fearing the Wmo would make her spend "
              "them first (L880-884)", assumed=_CARE_DEF + "; age; savings that last two "
              "years (`assets_days`)",
              milestones=(M("never_asks", "never reports her need", "003:L880-884",
                            "first:seek_help", INF, INF),)),
    Archetype("Wmo C04 taxi pass", "frail_elderly", known=(CARE,), source="003 C04 (L1626-1628)",
              ages=(75.0,), horizon_months=12, start="a transport need", assumed=_CARE_DEF + "; age",
              milestones=(M("escalation", "the pass within 2 weeks of an angry call",
                            "003:L1626-1628", "first:escalation", 0, 12),)),
    Archetype("Wmo C06 home help cut", "frail_elderly", known=(), met=(CARE,),
              source="003 C06 (L1809-1813, L2243-2247)", ages=(80.0,), horizon_months=12,
              start="older client with 8 hours of home help a week", assumed=_CARE_DEF + "; age",
              milestones=(M("cut", "re-assessment cuts 8 to 3 hours", "003:L1809-1813", ""),)),
    Archetype("Wmo C07 personal budget", "frail_elderly", known=(), met=(CARE,),
              source="003 C07 (L2281-2289)", ages=(80.0,), horizon_months=12,
              start="woman with 4 hours of home help a week", assumed=_CARE_DEF + "; age",
              milestones=(M("pgb", "cut to 1 hour; a complaint; a personal budget",
                            "003:L2281-2289", ""),)),
    Archetype("Wmo C08 Segway", "care_and_family", known=(CARE,), source="003 C08 (L1833-1865)",
              ages=(25.0,), horizon_months=12, start="young woman dependent on her mother",
              assumed=_CARE_DEF + "; age",
              milestones=(M("unsuitable", "an electric wheelchair instead of the Segway she "
                            "tested: the need stays partly unmet", "003:L1833-1865", ""),)),
    Archetype("Wmo C09 tricycle", "frail_elderly", known=(CARE,), source="003 C09 (L1869-1879)",
              ages=(78.0,), horizon_months=12, start="older woman who asks for a tricycle",
              assumed=_CARE_DEF + "; age",
              milestones=(M("unsuitable", "a scooter she dares not ride instead of a tricycle",
                            "003:L1869-1879", ""),)),
    Archetype("Wmo C13 temporary help", "frail_elderly", known=(CARE,),
              source="003 C13 (L2031-2035)", ages=(60.0,), horizon_months=12,
              start="after a kidney transplant in March, needs home help for a while",
              assumed=_CARE_DEF + "; age",
              milestones=(M("home_help", "1.5 hours a week within the legal terms (6 weeks to "
                            "an assessment, 2 to a decision, 003:L189-191)", "003:L2031-2035",
                            "first:met:care", 0, 3),
                          M("ends", "after 6 months it ends: \"ik kan het weer zelf\"",
                            "003:L2031-2035", "first:stable", 0, 9))),
    Archetype("Wmo C19 neighbours", "frail_elderly", known=(CARE,), source="003 C19 (L790-794)",
              ages=(80.0,), horizon_months=12, start="woman with an unsteady walk; neighbours "
              "urge her to report", assumed=_CARE_DEF + "; age",
              milestones=(M("signal", "a neighbour's signal starts the contact", "003:L790-794",
                            "first:seek_help:signal", 0, 6),)),
)}

# The seven households of the klantreizen (seeds 000 and 001), in the app.
KLANTREIS = ("Hans", "Roos", "Sharon", "Maria", "Mr Jansen", "Kenny", "Myriam")
