"""Reforms as policies at the model's named decision points (see :mod:`sim.policies.base`).

To add a reform: write a :class:`Policy` subclass in a file of its own that answers the
decision points it changes, add a switch ``reform.<name>`` to the parameter table, and list
the class here. The model builds the policies whose switch is on; the core never names one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Baseline, Policies, Policy
from .broad_intake import BroadIntake
from .deadlines import Deadlines
from .escalation import Escalation
from .fixed_director import FixedDirector
from .housing_first import HousingFirst
from .one_budget import OneBudget
from .postal_address import PostalAddressAtHome

if TYPE_CHECKING:
    from ..model import SocialDomainModel

# The reforms, in the order they are asked.
REFORMS: tuple[type[Policy], ...] = (FixedDirector, OneBudget, Escalation, BroadIntake,
                                     PostalAddressAtHome, HousingFirst, Deadlines)


def build_policies(model: "SocialDomainModel") -> Policies:
    """The reforms a scenario switches on, then the baseline."""
    chain: list[Policy] = [cls(model) for cls in REFORMS if model.p[cls.switch]]
    return Policies(chain + [Baseline(model)])


__all__ = ["REFORMS", "Baseline", "Policies", "Policy", "build_policies"]
