"""Eligibility rules and who pays: the rules of one domain that read (and block on) another.

- no address, no benefit (001:L74-75, L1168); no valid ID, no benefit or debt help (001:L1311);
- equity must be used up before benefit (000:L559-560);
- no stable income, no debt help (001:L1335-1349); no debt help, no housing urgency, and no
  urgency within three years of an eviction (001 §8.3, L1829);
- participation comes last: only when every other domain is settled (001 §3B, L1650),
  unless a case director works the domains in parallel.
A case that escalation has unblocked gets a waiver for that domain.
"""

from __future__ import annotations

from .domains import (CARE, DEBTS, FAMILY, HOUSING, INCOME, MENTAL, MET, PARTICIPATION, P, R,
                      SAFETY, STABLE_HOUSING, I)

INCOMES = (I["bijstand"], I["other_benefit"], I["work"], I["work_topup"])


def has_income(hh) -> bool:
    return hh.need[INCOME] in (-1, MET) and (hh.income in INCOMES or not hh.has(INCOME))


def eligibility(model, hh, domain: int, counter) -> int | None:
    """The reason a counter must refuse, or None when the household qualifies."""
    if domain in getattr(hh, "waivers", ()):
        return None
    now = model.calendar.now
    if domain == INCOME:
        if not hh.has_address:
            return R["no_address"]
        if not hh.id_valid:
            return R["no_id"]
        if now < hh.assets_until:
            return R["assets"]
    elif domain == DEBTS:
        if not has_income(hh):
            return R["no_income"]
        if not hh.id_valid:
            return R["no_id"]
        if not hh.has_address:
            return R["no_address"]
    elif domain == HOUSING and counter.name == "housing_urgency":
        if now < hh.excluded_until:
            return R["excluded"]
        if not model.p["reform.housing_first"]:
            if hh.has(DEBTS) and hh.need[DEBTS] != MET:
                return R["debts_unmanaged"]
            if not has_income(hh):
                return R["no_income"]
    elif domain == HOUSING:
        if hh.housing in STABLE_HOUSING and not hh.arrears:
            return R["not_homeless"]
    elif domain == FAMILY:
        if not hh.children:
            return R["no_children"]
    elif domain == PARTICIPATION:
        parallel = hh.director is not None
        if not parallel and any(s != -1 and s != MET for d, s in enumerate(hh.need) if d != PARTICIPATION):
            return R["not_ready"]
    return None


def ambiguous_payers(hh, domain: int, counter_name: str) -> tuple[int, int] | None:
    """Two pots that may each claim the other should pay (004 cases 2 and 10), or None."""
    if counter_name == "shelter_intake" and domain in (HOUSING, SAFETY):
        if hh.has(MENTAL) and hh.need[MENTAL] != MET:
            return P["shelter"], P["zvw"]  # sheltered housing or GGZ?
        if hh.registered == 0:
            return P["shelter"], P["wmo"]  # centrumgemeente or home municipality?
    if domain == CARE and hh.has(MENTAL):
        return P["wmo"], P["zvw"]  # support or treatment?
    if domain == FAMILY and model_profile_is(hh, ("young_adult", "care_and_family")):
        return P["youth"], P["wmo"]  # youth care or adult support?
    return None


def model_profile_is(hh, names) -> bool:
    from .population import PROFILES
    return PROFILES[hh.profile].name in names
