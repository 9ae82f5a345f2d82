"""Household profiles: the problem mixes that enter the social domain.

A profile gives, per life domain, the chance that a household has that problem and whether
the household itself sees it or it stays hidden until someone asks or it surfaces, and the
household's starting state. Every value is a parameter (sections ``profile_<name>`` of the
parameter table), so sensitivity analysis and calibration can vary them; this module turns a
scenario's values into :class:`Profile` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .domains import D, H, I, Domain, Housing, Income
from .parameters import PARAMETERS, PROFILE_NAMES, defaults


@dataclass(frozen=True)
class Profile:
    name: str
    needs: dict[Domain, float]  # domain -> probability of having the problem (in draw order)
    hidden: dict[Domain, float] = field(default_factory=dict)  # domain -> P(hidden | problem)
    housing: Housing = Housing.SOCIAL_RENT
    income: Income = Income.ALLOWANCES_ONLY
    help_seeking_factor: float = 1.0  # multiplies the median help-seeking delay
    p_arrears: float = 0.0  # rent arrears that can end in eviction
    debt_median: float = 0.0  # euros at onset
    p_assets: float = 0.0  # equity blocks benefit for a while (000 Hans)
    p_id_invalid: float = 0.0
    p_children: float = 0.0
    self_reliance: float = 0.6  # mean doenvermogen 0-1


def _domains(section: str, prefix: str) -> list[Domain]:
    """The domains a profile declares, in the order they are drawn."""
    head = f"{section}.{prefix}"
    return [D[k[len(head):]] for k in PARAMETERS if k.startswith(head)]


def build_profiles(p: Mapping[str, Any]) -> tuple[Profile, ...]:
    """The profiles with a scenario's values, in the order of their arrival streams."""
    out = []
    for name in PROFILE_NAMES:
        sec = f"profile_{name}"
        domains = _domains(sec, "need_")
        out.append(Profile(
            name,
            needs={d: p[f"{sec}.need_{d.name.lower()}"] for d in domains},
            hidden={d: p[f"{sec}.hidden_{d.name.lower()}"] for d in domains},
            housing=H[p[f"{sec}.housing"]], income=I[p[f"{sec}.income"]],
            help_seeking_factor=p[f"{sec}.help_seeking_factor"], p_arrears=p[f"{sec}.p_arrears"],
            debt_median=p[f"{sec}.debt_median_eur"], p_assets=p[f"{sec}.p_assets"],
            p_id_invalid=p[f"{sec}.p_id_invalid"], p_children=p[f"{sec}.p_children"],
            self_reliance=p[f"{sec}.self_reliance"]))
    return tuple(out)


PROFILES: tuple[Profile, ...] = build_profiles(defaults())  # the table's defaults
PROFILE_INDEX: dict[str, int] = {name: i for i, name in enumerate(PROFILE_NAMES)}
