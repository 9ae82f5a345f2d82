"""The event log: every contact, referral, wait, decision, stay and cost, one row each.

Columns are kept in typed arrays (about 30 bytes a row) so a city-sized run fits in memory;
:meth:`EventLog.frame` turns them into a pandas DataFrame with readable names. Any
household's journey can be rebuilt from its rows, and the metrics are computed from them.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

# Event kinds. ``org`` is an organisation (or pot for COST); ``detail`` depends on the kind.
KINDS = (
    "onset",        # detail: domain that became a problem
    "seek_help",    # org: counter approached; detail: channel
    "contact",      # first contact at a counter; detail: domain
    "retelling",    # story told again; detail: 1 if an assessment restarted
    "no_response",  # dead end: call-back never came / no-show
    "info_only",    # dead end: outside remit, only informed
    "referral",     # handoff between organisations; org: to; detail: domain (-1: to a case
                    # director); value: the dossier, domains.Dossier (0 lost, 1 warm, 2 kept)
    "worker_change",  # handoff between professionals within an organisation; value: Dossier
    "denial",       # org: counter; detail: reason
    "objection",    # detail: 1 if upheld
    "dispute",      # who-pays dispute; value: days
    "grant",        # org: counter; detail: domain
    "queue_join",   # org: facility
    "placed",       # org: facility; value: days waited
    "exit",         # org: facility; value: days stayed
    "met",          # domain settled; detail: domain
    "unmet",        # domain open again; detail: domain
    "cost",         # org: pot; detail: category; value: euros
    "crisis",       # detail: crisis type
    "disengaged",
    "reentry",
    "stable",       # value: day the stable period began
    "relapse",
    "escalation",   # detail: 1 if it unblocked the case
    "director",     # a case director took the case
    "registration",  # municipality of registration changed; org: municipality
    "id_renewed",
    "maatwerk",     # cheap cross-pot solution; detail: 1 approved, 0 refused
    "queue_leave",  # off a waiting list without a place; org: facility
    "housing_move",  # a homeless household's own move, or housed after homelessness; detail: move
    "cross_pot",    # a catalogue item decided; org: item; detail: outcome; value: euros
    "dispute_end",  # org: counter; detail: own pot, other pot, split, abandoned; value: days
    "payer_switch",  # a member turned 18; org: pot that paid; detail: pot that pays; value: costs moved
    "tenancy",      # a stage of the eviction process; detail: tenancy.Stage; value: see there
    "debt_help",    # a step of a debt-help trajectory; detail: debt_help.Step; value: see there
    "treatment_end",  # org: treatment place; detail: 0 improved, 1 partial, 2 dropped out; value: days
    "treatment_relapse",  # a problem resolved by treatment came back; detail: domain
    "violence_signal",  # a signal brought a victim into the chain; detail: route; value: days since it began
    "crisis_exit",  # left the crisis shelter; detail: route; value: days stayed
    "programme",    # a step of a reform programme; org: its team; detail: programmes step; value: see there
    "hidden_need",  # a problem that starts hidden; detail: domain
    "hidden_found",  # a hidden problem found; detail: latent.CHANNELS; value: domain
    "claim",        # first came to a provision's counter for it; detail: take_up.PROVISIONS
    "non_claim",    # entitled, but did not claim (for now); detail: provision; value: take_up.REASONS
    "signal",       # a third party signalled a need; detail: signals.SIGNALLERS; value: 1 if it led to a contact
    "contact_lost",  # out of view for a cause other than trust; detail: contact.CAUSES; value: 1 if for good
    "participation",  # a step of the participation path; detail: participation.STEPS
    "doenvermogen",  # what doenvermogen or administrative skill made go wrong; detail: doenvermogen.SLIPS
)
K = {name: i for i, name in enumerate(KINDS)}


class EventLog:
    __slots__ = ("time", "household", "kind", "org", "detail", "value", "enabled")

    def __init__(self, enabled: bool = True) -> None:
        self.time = array("d")
        self.household = array("i")
        self.kind = array("b")
        self.org = array("h")
        self.detail = array("h")
        self.value = array("d")
        self.enabled = enabled

    def __len__(self) -> int:
        return len(self.time)

    def add(self, time: float, household: int, kind: int, org: int = -1, detail: int = -1,
            value: float = 0.0) -> None:
        self.time.append(time)
        self.household.append(household)
        self.kind.append(kind)
        self.org.append(org)
        self.detail.append(detail)
        self.value.append(value)

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: np.frombuffer(getattr(self, name), dtype=getattr(self, name).typecode)
                for name in ("time", "household", "kind", "org", "detail", "value")}

    def frame(self, orgs: list[str], pots: list[str], domains: list[str],
              details: dict[str, list[str]]) -> "pd.DataFrame":
        """The log as a DataFrame with names instead of codes. ``event``, ``organisation``,
        ``pot`` and ``detail`` are categorical, with every possible name as a category (so
        frames of different runs concatenate as categories); "" where a column does not apply."""
        import pandas as pd

        a = self.arrays()
        df = pd.DataFrame({"day": a["time"], "household": a["household"],
                           "event": pd.Categorical.from_codes(a["kind"].astype(np.int16), KINDS)})
        is_cost = a["kind"] == K["cost"]
        # code -1 (none) and the code of "" at the end of each category list
        org = np.where(is_cost | (a["org"] < 0), len(orgs), a["org"])
        df["organisation"] = pd.Categorical.from_codes(org, [*orgs, ""])
        pot = np.where(is_cost & (a["org"] >= 0), a["org"], len(pots))
        df["pot"] = pd.Categorical.from_codes(pot, [*pots, ""])
        names = list(dict.fromkeys(n for ns in details.values() for n in ns))
        where = {n: i for i, n in enumerate(names)}
        detail = np.full(len(df), len(names), dtype=np.int32)
        for kind, kind_names in details.items():
            mask = (a["kind"] == K[kind]) & (a["detail"] >= 0)
            lookup = np.array([where[n] for n in kind_names], dtype=np.int32)
            detail[mask] = lookup[a["detail"][mask]]
        df["detail"] = pd.Categorical.from_codes(detail, [*names, ""])
        df["value"] = a["value"]
        return df
