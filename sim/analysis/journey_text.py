"""The words of a journey picture: the klantreis phases of seed 000, the one table that puts
each event kind of the event log into a phase and says how it is drawn, and the Dutch and
English phrases for a household's friction at each step.

The phases are those of 000's klantreizen (e.g. Roos 000:L223-264, Hans 000:L590-614; see
docs/evidence/households.md §6.1): (voorliggend) probleem, aanmelding, vraagverheldering,
informatie en advies, casusregie, hulp en ondersteuning, afronding.

An event kind that is not in :data:`KIND_TABLE` (a kind added to the event log later) still
gets a phase and a drawing from :func:`kind_style`: by words in its name (a "signal" is an
aanmelding, a "lost" contact is drawn as loss of contact, a "non_claim" as a dead end), and
otherwise as a plain step of help; its text is its name in words.
"""

from __future__ import annotations

LANGS = ("nl", "en")

PHASES = ("probleem", "aanmelding", "vraagverheldering", "informatie_advies", "casusregie",
          "hulp", "afronding")
PHASE_LABELS = {
    "nl": {"probleem": "(voorliggend) probleem", "aanmelding": "aanmelding, signalering",
           "vraagverheldering": "vraagverheldering", "informatie_advies": "informatie en advies",
           "casusregie": "casusregie", "hulp": "hulp, ondersteuning", "afronding": "afronding"},
    "en": {"probleem": "presenting problem", "aanmelding": "registration, signal",
           "vraagverheldering": "needs assessment", "informatie_advies": "information and advice",
           "casusregie": "case direction", "hulp": "help and support", "afronding": "closure"},
}

# How a step is drawn. Marks with a friction meaning (wait, dead end, retelling, loss of
# contact) are drawn distinctly and appear in the legend.
MARKS = ("problem", "signal", "step", "retelling", "handoff", "dead_end", "wait", "help",
         "director", "crisis", "lost_contact", "reentry", "closure", "quiet")
# Which steps stay when a journey has more than a page can hold (higher stays).
PRIORITY = {"closure": 10, "lost_contact": 9, "reentry": 8, "director": 8, "dead_end": 7,
            "wait": 7, "signal": 6, "crisis": 6, "help": 6, "handoff": 5, "problem": 5,
            "retelling": 4, "step": 3, "quiet": 0}

# The one table: event kind -> (phase, mark). Phase None: bookkeeping, not a step of the
# journey (costs, who pays). Mark "quiet": read for bars (stays, waits) or folded into a
# neighbouring step's words, not a step of its own.
KIND_TABLE: dict[str, tuple[str | None, str]] = {
    "onset": ("probleem", "problem"),
    "seek_help": ("aanmelding", "step"),
    "contact": ("vraagverheldering", "step"),
    "retelling": ("vraagverheldering", "retelling"),
    "no_response": ("informatie_advies", "dead_end"),
    "info_only": ("informatie_advies", "dead_end"),
    "referral": ("informatie_advies", "handoff"),
    "worker_change": ("vraagverheldering", "handoff"),
    "denial": ("hulp", "dead_end"),
    "objection": ("hulp", "step"),
    "dispute": ("casusregie", "wait"),
    "grant": ("hulp", "help"),
    "queue_join": ("hulp", "wait"),
    "placed": ("hulp", "help"),
    "exit": ("hulp", "quiet"),
    "met": ("hulp", "quiet"),
    "unmet": ("probleem", "quiet"),
    "cost": (None, "quiet"),
    "crisis": ("probleem", "crisis"),
    "disengaged": ("afronding", "lost_contact"),
    "reentry": ("aanmelding", "reentry"),
    "stable": ("afronding", "closure"),
    "relapse": ("probleem", "problem"),
    "escalation": ("casusregie", "step"),
    "director": ("casusregie", "director"),
    "registration": ("aanmelding", "quiet"),
    "id_renewed": ("hulp", "help"),
    "maatwerk": ("casusregie", "step"),
    "queue_leave": ("hulp", "quiet"),
    "housing_move": ("probleem", "quiet"),
    "cross_pot": ("casusregie", "quiet"),  # its org column is a catalogue item; maatwerk says it
    "dispute_end": ("casusregie", "quiet"),
    "payer_switch": (None, "quiet"),
    "tenancy": ("probleem", "crisis"),
    "debt_help": ("hulp", "quiet"),
    "treatment_end": ("hulp", "step"),
    "treatment_relapse": ("probleem", "problem"),
    "violence_signal": ("aanmelding", "signal"),
    "crisis_exit": ("hulp", "quiet"),
    "programme": ("casusregie", "step"),
    "hidden_need": ("probleem", "problem"),  # a problem nobody sees yet; joins the onset step
    "hidden_found": ("vraagverheldering", "step"),
    "claim": ("aanmelding", "quiet"),  # said by the request for help it comes with
    "non_claim": ("aanmelding", "dead_end"),
    "signal": ("aanmelding", "signal"),
    "contact_lost": ("afronding", "lost_contact"),
    "participation": ("hulp", "step"),
    "doenvermogen": ("vraagverheldering", "dead_end"),
}

# Kinds not in the table: the first rule whose word is in the kind's name decides.
DEFAULT_RULES: tuple[tuple[tuple[str, ...], tuple[str, str]], ...] = (
    (("non_claim", "no_claim", "not_claim", "nonclaim", "take_up_no", "declin"),
     ("hulp", "dead_end")),
    (("lost", "unreach", "moved", "detention", "disengag", "loss"), ("afronding", "lost_contact")),
    (("reentry", "return"), ("aanmelding", "reentry")),
    (("signal",), ("aanmelding", "signal")),
    (("found", "hidden", "latent", "discover", "assess"), ("vraagverheldering", "step")),
    (("wait", "queue"), ("hulp", "wait")),
    (("refus", "denied", "denial", "dead_end", "no_response"), ("informatie_advies", "dead_end")),
    (("job", "work", "particip", "trajector", "claim", "take_up", "grant"), ("hulp", "help")),
    (("crisis", "evict"), ("probleem", "crisis")),
)
DEFAULT_STYLE = ("hulp", "step")


def kind_style(kind: str) -> tuple[str | None, str]:
    """(phase, mark) of an event kind: from :data:`KIND_TABLE`, or by :data:`DEFAULT_RULES`
    for a kind the table does not know."""
    if kind in KIND_TABLE:
        return KIND_TABLE[kind]
    low = kind.lower()
    for words, style in DEFAULT_RULES:
        if any(w in low for w in words):
            return style
    return DEFAULT_STYLE


# --- words ---------------------------------------------------------------------------------------

UI = {
    "nl": {"months": "maanden sinds het begin van de problemen", "month": "maand",
           "in": "in", "seed": "seed", "legend_step": "stap", "legend_ask": "vraagt hulp (elke keer)", "legend_dead_end": "doodlopend spoor",
           "legend_wait": "wachten", "legend_retelling": "verhaal opnieuw verteld",
           "legend_lost": "uit beeld (contact verloren)", "legend_help": "hulp toegekend / plek",
           "legend_stay": "verblijf of traject", "legend_handoff": "doorverwijzing",
           "legend_closure": "stabiel (afronding)", "legend_director": "casusregisseur",
           "legend_crisis": "crisis of nieuw probleem", "legend_signal": "signaal",
           "no_director": "geen casusregie", "not_closed": "niet afgerond",
           "more": "en nog {n} kleinere stappen (zie journey.csv)",
           "more1": "en nog 1 kleinere stap (zie journey.csv)",
           "summary": "{orgs} organisaties, {handoffs} overdrachten, {dead} doodlopende sporen, "
                      "{told} keer verhaal opnieuw verteld; {end}",
           "stable_after": "stabiel na {m:.0f} maanden", "not_stable": "niet stabiel aan het eind",
           "book": "Klantreizen", "index": "Inhoud", "source": "bron", "steps": "Stappen",
           "observed": "Wat de bron meldt"},
    "en": {"months": "months since the household's problems began", "month": "month",
           "in": "in", "seed": "seed", "legend_step": "step", "legend_ask": "asks for help (each time)", "legend_dead_end": "dead end",
           "legend_wait": "waiting", "legend_retelling": "story told again",
           "legend_lost": "out of sight (contact lost)", "legend_help": "help granted / a place",
           "legend_stay": "stay or trajectory", "legend_handoff": "referral (handoff)",
           "legend_closure": "stable (closure)", "legend_director": "case director",
           "legend_crisis": "crisis or new problem", "legend_signal": "signal",
           "no_director": "no case director", "not_closed": "not closed",
           "more": "and {n} smaller steps not shown (see journey.csv)",
           "more1": "and 1 smaller step not shown (see journey.csv)",
           "summary": "{orgs} organisations, {handoffs} handoffs, {dead} dead ends, "
                      "story told again {told} times; {end}",
           "stable_after": "stable after {m:.0f} months", "not_stable": "not stable at the end",
           "book": "Journeys", "index": "Contents", "source": "source", "steps": "Steps",
           "observed": "What the source reports"},
}

DOMAIN_WORDS = {
    "nl": {"safety": "veiligheid", "housing": "wonen", "income": "inkomen", "care": "zorg (Wmo)",
           "family": "gezin en jeugd", "mental": "psychische gezondheid", "debts": "schulden",
           "participation": "werk en participatie"},
    "en": {"safety": "safety", "housing": "housing", "income": "income", "care": "care (Wmo)",
           "family": "family and children", "mental": "mental health", "debts": "debts",
           "participation": "work and participation"},
}

REASON_WORDS = {
    "nl": {"no_address": "geen adres", "no_id": "geen geldig identiteitsbewijs",
           "assets": "heeft nog vermogen", "no_income": "geen inkomen voor een regeling",
           "debts_unmanaged": "schulden niet op orde", "excluded": "uitgesloten",
           "not_homeless": "niet dakloos volgens de regels", "discretion": "oordeel van de professional",
           "budget": "geen budget", "no_children": "geen kinderen",
           "not_ready": "'nog niet zover'", "search_period": "eerst vier weken zoektermijn"},
    "en": {"no_address": "no address", "no_id": "no valid ID", "assets": "still has assets",
           "no_income": "no income for an arrangement", "debts_unmanaged": "debts not under control",
           "excluded": "excluded", "not_homeless": "not homeless by the rules",
           "discretion": "the professional's judgement", "budget": "no budget",
           "no_children": "no children", "not_ready": "'not ready yet'",
           "search_period": "a four-week search period first"},
}

CRISIS_WORDS = {
    "nl": {"eviction": "huisuitzetting", "health_decline": "gezondheid gaat achteruit",
           "emergency_care": "spoedzorg", "out_of_home_placement": "kind uit huis geplaatst",
           "police": "politie komt eraan te pas", "recovery_claim": "terugvordering",
           "disengaged_return": "komt in crisis terug na contactverlies"},
    "en": {"eviction": "eviction", "health_decline": "health declines",
           "emergency_care": "emergency care", "out_of_home_placement": "a child placed out of home",
           "police": "police involved", "recovery_claim": "a recovery claim",
           "disengaged_return": "comes back in crisis after losing touch"},
}

# Other details in words (event kinds whose detail names a stage or route); a detail not here is
# shown as its code in words.
DETAIL_WORDS = {
    "nl": {"arrears": "huurachterstand ontstaat", "signal": "verhuurder meldt de huurachterstand",
           "signal_accepted": "hulp aanvaard na het signaal", "summons": "dagvaarding wegens huurachterstand",
           "court_order": "vonnis: ontbinding en ontruiming", "stopped": "huurachterstand opgelost",
           "evicted": "uit huis gezet", "self": "zelf", "veilig_thuis": "Veilig Thuis",
           "neighbours": "buren", "police": "politie", "improved": "verbeterd",
           "partial": "deels verbeterd", "dropped_out": "voortijdig gestopt"},
    "en": {"arrears": "rent arrears begin", "signal": "the landlord signals the arrears",
           "signal_accepted": "help accepted after the signal", "summons": "summons for rent arrears",
           "court_order": "court order: lease ended, eviction ordered", "stopped": "rent arrears resolved",
           "evicted": "evicted", "self": "self", "veilig_thuis": "Veilig Thuis",
           "neighbours": "neighbours", "police": "police", "improved": "improved",
           "partial": "partly improved", "dropped_out": "dropped out"},
}

# Details whose words depend on the event kind (a "signal" detail of a hidden need's finding is
# not the landlord's signal of a tenancy): kind -> detail -> words.
KIND_DETAIL_WORDS = {
    "nl": {"programme": {"budget_fewer_hours": "minder uren toegekend: het budget staat onder druk",
                         "budget_wait": "het besluit wacht: het budget staat onder druk",
                         "deadline_penalty": "betaalt een dwangsom voor een te laat besluit",
                         "deadline_expedited": "besluit vervroegd om de termijn te halen",
                         "deadline_delayed": "besluit later: andere zaken gaan voor",
                         "move_waits": "wacht op inrichting of verhuiskosten voor de verhuizing",
                         "job_lost_on_teeth": "mist werk door onbehandelde tanden",
                         "postal_address_home": "postadres in de eigen gemeente"},
           "hidden_found": {"crisis": "door een crisis", "signal": "door een signaal van buiten",
                            "broad_intake": "bij een brede intake",
                            "director": "door de casusregisseur",
                            "asked": "omdat de professional ernaar vraagt"},
           "claim": {"bijstand": "bijstand", "wmo": "Wmo-ondersteuning", "debt_help": "schuldhulp"},
           "non_claim": {"bijstand": "bijstand", "wmo": "Wmo-ondersteuning",
                         "debt_help": "schuldhulp"},
           "signal": {"landlord": "de verhuurder", "school": "school", "gp": "de huisarts",
                      "veilig_thuis": "Veilig Thuis", "police": "de politie",
                      "neighbours": "buren of familie"},
           "contact_lost": {"moved": "verhuist en raakt uit beeld",
                            "detention": "wordt gedetineerd en raakt uit beeld",
                            "unreachable": "onbereikbaar (telefoon, adres): raakt uit beeld"},
           "participation": {"own_search": "zoekt zelf werk",
                             "trajectory": "begint een re-integratietraject",
                             "parallel": "re-integratie begint meteen, naast de uitkering",
                             "trajectory_wait": "wacht op een plek in een re-integratietraject",
                             "own_job": "vindt zelf werk"},
           "doenvermogen": {"no_show": "komt niet op de afspraak",
                            "paperwork_incomplete": "papieren niet compleet: de aanvraag strandt",
                            "referral_not_followed": "gaat niet naar de doorverwijzing",
                            "objection_window_missed": "bezwaartermijn gemist",
                            "documents_expired": "papieren verlopen: opnieuw aanleveren"}},
    "en": {"programme": {"budget_fewer_hours": "fewer hours granted: the budget is under pressure",
                         "budget_wait": "the decision waits: the budget is under pressure",
                         "deadline_penalty": "pays a penalty for a late decision (dwangsom)",
                         "deadline_expedited": "decision brought forward to meet the term",
                         "deadline_delayed": "decision later: other cases go first",
                         "move_waits": "waits for furnishing or moving costs before the move",
                         "job_lost_on_teeth": "misses a job for untreated teeth",
                         "postal_address_home": "postal address in the home municipality"},
           "hidden_found": {"crisis": "through a crisis", "signal": "through a signal from outside",
                            "broad_intake": "at a broad intake", "director": "by the case director",
                            "asked": "because the professional asks"},
           "claim": {"bijstand": "social assistance (bijstand)", "wmo": "Wmo support",
                     "debt_help": "debt help"},
           "non_claim": {"bijstand": "social assistance (bijstand)", "wmo": "Wmo support",
                         "debt_help": "debt help"},
           "signal": {"landlord": "the landlord", "school": "the school", "gp": "the GP",
                      "veilig_thuis": "Veilig Thuis", "police": "the police",
                      "neighbours": "neighbours or family"},
           "contact_lost": {"moved": "moves away and drops out of sight",
                            "detention": "is detained and drops out of sight",
                            "unreachable": "unreachable (phone, address): drops out of sight"},
           "participation": {"own_search": "looks for work",
                             "trajectory": "starts a re-integration trajectory",
                             "parallel": "re-integration starts at once, alongside the benefit",
                             "trajectory_wait": "waits for a place in a re-integration trajectory",
                             "own_job": "finds a job"},
           "doenvermogen": {"no_show": "misses the appointment",
                            "paperwork_incomplete": "paperwork incomplete: the application stalls",
                            "referral_not_followed": "does not follow up the referral",
                            "objection_window_missed": "misses the objection deadline",
                            "documents_expired": "documents expired: must hand them in again"}},
}

# Generic Dutch names of the model's organisations (English ones are the catalogue's labels);
# a scenario's [names] table replaces both with local names.
ORG_NL = {
    "wmo": "Wmo-loket", "work_income": "Werk en Inkomen",
    "work_income_centre": "Werk en Inkomen (centrumgemeente)", "debt_help": "Schuldhulpverlening",
    "neighbourhood_team": "Sociaal wijkteam", "shelter_intake": "Centrale toegang opvang",
    "housing_urgency": "Urgentiecommissie", "ggz": "GGZ-intake", "youth": "Jeugdhulp-toegang",
    "director": "Casusregisseur", "escalation_team": "Escalatieteam",
    "housing_first": "Housing First-team", "night_shelter": "Nachtopvang",
    "crisis_shelter": "Crisisopvang", "womens_shelter": "Vrouwenopvang",
    "sheltered_housing": "Beschermd wonen", "transitional_home": "Doorstroomwoning",
    "ggz_treatment": "GGZ-behandeling", "youth_care": "Jeugdhulp",
    "social_housing": "Sociale huurwoning (urgentie)", "family_shelter": "Gezinsopvang",
    "police": "Politie", "hospital": "Ziekenhuis", "landlord": "Verhuurder",
    "id_desk": "Burgerzaken (ID)", "home_care_provider": "Thuiszorgaanbieder",
    "participation_provider": "Re-integratietraject", "credit_bank": "Kredietbank",
    "benefits_office": "Uitkeringsinstantie",
}

# Phrases: {org}, {domain}, {reason}, {crisis}, {detail}, {n} are filled in.
PHRASES = {
    "nl": {"onset": "problemen beginnen: {domains}", "relapse": "terugval: {domain}",
           "new_problem": "nieuw probleem: {domain}",
           "treatment_relapse": "probleem komt terug na behandeling: {domain}",
           "seek_self": "vraagt zelf hulp bij {org}", "seek_signal": "komt via een signaal bij {org}",
           "seek_other": "meldt zich bij {org}", "seek_referral": "komt na doorverwijzing bij {org}",
           "contact": "gesprek bij {org} over {domain}",
           "retelling": "vertelt het verhaal opnieuw", "retelling_n": "vertelt het verhaal {n} keer opnieuw",
           "retelling_new": "vertelt het verhaal opnieuw aan een nieuwe hulpverlener",
           "no_response": "{org} belt niet terug", "info_only": "{org}: niet onze taak, alleen informatie",
           "referral": "wordt doorverwezen naar {org}",
           "referral_director": "wordt overgedragen aan een casusregisseur",
           "worker_change": "krijgt een nieuwe hulpverlener bij {org}",
           "denial": "{org} wijst af: {reason}", "objection": "maakt bezwaar", "dispute": "organisaties discussiëren wie betaalt",
           "grant": "{org} kent hulp toe voor {domain}",
           "grant_after": "wacht {n} op {org}; toegekend: hulp bij {domain}",
           "wait_placed": "wacht {n} op {org}, krijgt dan een plek",
           "wait_left": "wacht {n} op {org} en valt van de lijst zonder plek",
           "wait_open": "wacht {n} op {org}; nog geen plek aan het eind",
           "placed": "start bij {org}", "crisis": "crisis: {crisis}",
           "tenancy": "{detail}",
           "disengaged": "raakt uit beeld bij de hulpverlening",
           "reentry": "weer in beeld, de problemen zijn erger geworden",
           "stable": "stabiel: de casus kan worden afgesloten",
           "escalation": "casus wordt opgeschaald",
           "director": "een casusregisseur neemt de regie", "id_renewed": "krijgt een nieuw identiteitsbewijs",
           "maatwerk": "maatwerk over de budgetten heen beoordeeld",
           "cross_pot": "oplossing over de budgetten heen: {detail}",
           "treatment_end": "behandeling eindigt ({detail})", "programme": "{org}: {detail}",
           "violence_signal": "een signaal ({detail}) brengt het huishouden in beeld",
           "hidden_need": "verborgen probleem, nog door niemand gezien: {domain}",
           "hidden_found": "een verborgen probleem komt aan het licht, {detail}",
           "claim": "vraagt {detail} aan",
           "non_claim": "heeft recht op {detail}, maar vraagt het (nog) niet aan",
           "signal": "signaal van {detail}: zorgen over het huishouden",
           "contact_lost": "{detail}", "participation": "{detail}", "doenvermogen": "{detail}",
           "met": "{domain} op orde", "months": "{m:.0f} maanden", "month1": "1 maand",
           "weeks": "{w:.0f} weken", "week1": "1 week", "other": "{kind}",
           # the same at the step's own organisation, which heads the step
           "seek_self_here": "vraagt hulp", "seek_signal_here": "komt via een signaal",
           "seek_referral_here": "komt na doorverwijzing",
           "contact_here": "intake over {domain}", "no_response_here": "niet teruggebeld",
           "info_only_here": "alleen informatie: niet hun taak", "denial_here": "afgewezen: {reason}",
           "grant_here": "toegekend: hulp bij {domain}",
           "grant_after_here": "wacht {n} op een besluit; toegekend: hulp bij {domain}", "placed_here": "krijgt een plek",
           "worker_change_here": "nieuwe hulpverlener"},
    "en": {"onset": "problems begin: {domains}", "relapse": "relapse: {domain}",
           "new_problem": "a new problem: {domain}",
           "treatment_relapse": "a problem comes back after treatment: {domain}",
           "seek_self": "asks {org} for help", "seek_signal": "comes to {org} through a signal",
           "seek_other": "comes to {org}", "seek_referral": "comes to {org} on referral",
           "contact": "talks to {org} about {domain}",
           "retelling": "tells the story again", "retelling_n": "tells the story again, {n} times",
           "retelling_new": "tells the story again to a new professional",
           "no_response": "{org} does not call back", "info_only": "{org}: not our remit, information only",
           "referral": "is sent on to {org}", "referral_director": "is handed to a case director",
           "worker_change": "gets a new professional at {org}",
           "denial": "{org} refuses: {reason}", "objection": "objects", "dispute": "organisations argue about who pays",
           "grant": "{org} grants help with {domain}",
           "grant_after": "waits {n} for {org}; granted: help with {domain}",
           "wait_placed": "waits {n} for {org}, then gets a place",
           "wait_left": "waits {n} for {org} and leaves the list without a place",
           "wait_open": "waits {n} for {org}; no place by the end",
           "placed": "starts at {org}", "crisis": "crisis: {crisis}",
           "tenancy": "{detail}",
           "disengaged": "loses touch with the services",
           "reentry": "back in sight, the problems have grown worse",
           "stable": "stable: the case can close",
           "escalation": "the case is escalated",
           "director": "a case director takes the case", "id_renewed": "gets a new ID",
           "maatwerk": "a tailor-made solution across budgets is weighed",
           "cross_pot": "a solution across budgets: {detail}",
           "treatment_end": "treatment ends ({detail})", "programme": "{org}: {detail}",
           "violence_signal": "a signal ({detail}) brings the household into view",
           "hidden_need": "a hidden problem nobody sees yet: {domain}",
           "hidden_found": "a hidden problem comes to light {detail}",
           "claim": "applies for {detail}",
           "non_claim": "entitled to {detail}, but does not apply (yet)",
           "signal": "a signal from {detail}: concerns about the household",
           "contact_lost": "{detail}", "participation": "{detail}", "doenvermogen": "{detail}",
           "met": "{domain} settled", "months": "{m:.0f} months", "month1": "1 month",
           "weeks": "{w:.0f} weeks", "week1": "1 week", "other": "{kind}",
           # the same at the step's own organisation, which heads the step
           "seek_self_here": "asks for help", "seek_signal_here": "comes through a signal",
           "seek_referral_here": "comes on referral",
           "contact_here": "intake about {domain}", "no_response_here": "no call-back",
           "info_only_here": "information only: not their remit", "denial_here": "refused: {reason}",
           "grant_here": "granted: help with {domain}",
           "grant_after_here": "waits {n} for a decision; granted: help with {domain}", "placed_here": "gets a place",
           "worker_change_here": "new professional"},
}


def words(text: str) -> str:
    """A code name in words: 'work_income' -> 'work income'."""
    return str(text).replace("_", " ")


def duration(days: float, lang: str) -> str:
    """'5 months', '3 weeks', '1 month' (maanden, weken)."""
    ph = PHRASES[lang]
    if days < 45:
        return ph["week1"] if days < 10.5 else ph["weeks"].format(w=days / 7)
    months = days / 30.4
    return ph["month1"] if round(months) == 1 else ph["months"].format(m=months)
