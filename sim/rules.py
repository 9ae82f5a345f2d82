"""Eligibility rules: the rules of one domain that read (and block on) another.

- no address, no benefit (001:L74-75, L1168); no valid ID, no benefit or debt help (001:L1311), unless
  the counter accepts an ID application under way (a named household whose source says so);
- equity must be used up before benefit (000:L559-560);
- no stable income, no debt help (001:L1335-1349); no debt help, no housing urgency, and no
  urgency within three years of an eviction (001 §8.3, L1829);
- under 27, a claim to bijstand waits for a four-week search period (Participatiewet art. 41
  lid 4; 002:L581-585);
- participation comes last: only when every other domain is settled (001 §3B, L1650),
  unless a case director works the domains in parallel.

Each rule is a plain function ``(model, household, counter) -> bool`` that is True when the
rule refuses. A domain's rules are checked in order; the first that refuses gives the reason.
A policy may waive a rule (:meth:`sim.policies.Policies.waives`): housing first waives the urgency
committee's debts and income rules, and an escalation that bent a discretionary rule for a
household's domain waives that rule for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .domains import (DEBTS, FAMILY, HOUSING, INCOME, INCOMES, MET, NO_PROBLEM, PARTICIPATION,
                      STABLE_HOUSING, Domain, Reason)

if TYPE_CHECKING:
    from .agents import Counter, Household
    from .model import SocialDomainModel

Rule = Callable[["SocialDomainModel", "Household", "Counter"], bool]


def has_income(hh: "Household") -> bool:
    return hh.need[INCOME] in (NO_PROBLEM, MET) and (hh.income in INCOMES or not hh.has(INCOME))


def _no_address(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return not hh.has_address


def _no_id(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return not hh.id_valid


def _no_id_benefit(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    """No valid ID, no benefit; a household whose counter accepts an ID application under way
    (Kenny's, 001:L1175-1176, L1878-1879) qualifies while the application runs."""
    return not hh.id_valid and not (hh.id_application_counts and hh.id_renewing)


def _assets(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return m.calendar.now < hh.assets_until


def _no_income(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return not has_income(hh)


def _urgency_excluded(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return c.name == "housing_urgency" and m.calendar.now < hh.excluded_until


def _urgency_debts(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return c.name == "housing_urgency" and hh.has(DEBTS) and hh.need[DEBTS] != MET


def _urgency_income(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return c.name == "housing_urgency" and not has_income(hh)


def _not_homeless(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return c.name != "housing_urgency" and hh.housing in STABLE_HOUSING and not hh.arrears


def _search_period(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    """Under 27 (``ages.search_period_below``), bijstand is not granted before the four-week
    search period from the first claim has passed (Participatiewet art. 41 lid 4)."""
    if m.payers.applicant_age(hh) >= m.p["ages.search_period_below"]:
        return False
    return m.calendar.now < m.payers.search_period_ends(hh)


def _education(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    """Under 27 (``ages.education_below``) no bijstand while study with student finance is
    possible (Participatiewet art. 13 lid 2 sub c; 002:L581-585)."""
    return m.payers.applicant_age(hh) < m.p["ages.education_below"] and m.payers.can_study(hh)


def _no_children(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    return not hh.children


def _not_ready(m: "SocialDomainModel", hh: "Household", c: "Counter") -> bool:
    """Sequential handling: participation waits until every other domain is settled, unless a
    case director works the domains in parallel, or W&I chose to start it in parallel."""
    if hh.director is not None or m.participation.in_parallel(hh):
        return False
    return any(s != NO_PROBLEM and s != MET for d, s in enumerate(hh.need) if d != PARTICIPATION)


# The rules of each domain, in the order they are checked.
RULES: dict[Domain, tuple[tuple[Reason, Rule], ...]] = {
    INCOME: ((Reason.NO_ADDRESS, _no_address), (Reason.NO_ID, _no_id_benefit),
             (Reason.ASSETS, _assets), (Reason.EDUCATION, _education),
             (Reason.SEARCH_PERIOD, _search_period)),
    DEBTS: ((Reason.NO_INCOME, _no_income), (Reason.NO_ID, _no_id),
            (Reason.NO_ADDRESS, _no_address)),
    HOUSING: ((Reason.EXCLUDED, _urgency_excluded), (Reason.DEBTS_UNMANAGED, _urgency_debts),
              (Reason.NO_INCOME, _urgency_income), (Reason.NOT_HOMELESS, _not_homeless)),
    FAMILY: ((Reason.NO_CHILDREN, _no_children),),
    PARTICIPATION: ((Reason.NOT_READY, _not_ready),),
}


def eligibility(model: "SocialDomainModel", hh: "Household", domain: Domain,
                counter: "Counter") -> Reason | None:
    """The reason a counter must refuse, or None when the household qualifies."""
    for reason, refuses in RULES.get(domain, ()):
        if refuses(model, hh, counter) and not model.policies.waives(hh, domain, counter, reason):
            return reason
    return None
