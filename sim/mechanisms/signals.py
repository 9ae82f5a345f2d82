"""Third-party signals: people around a household who see a problem and pass it on.

Each signaller sees some needs of some households and signals at its own rate while such a
need is open and nobody handles it (hidden, or known but not taken to a counter: not yet
asked for, or not claimed); a signal reaches the household (an outreach contact it accepts)
with the signaller's reach (households evidence §4; 000 M3; 002 §5.9):

| signaller | sees | in households | rate, reach |
|---|---|---|---|
| ``school`` (teacher, school social worker, compulsory-education officer) | family | with children | ``signals.school_*`` |
| ``gp`` (GP, POH-GGZ, midwife) | mental health, care | all | ``signals.gp_*`` |
| ``veilig_thuis`` | family | with children | ``signals.veilig_thuis_*`` |
| ``police`` (community officer, a call-out) | mental health, family, housing | all | ``signals.police_*`` |
| ``neighbours`` (neighbours, family) | care, mental health | all | ``signals.neighbours_*`` |
| ``landlord`` (early signal of rent arrears) | debts | tenants in arrears | :mod:`sim.mechanisms.tenancy` |

A signal that reaches the household makes the need known if it was hidden (channel
``signal`` of :mod:`sim.mechanisms.latent`), urges it to claim what it did not claim
(:mod:`sim.mechanisms.take_up`) and brings it to the right counter for that need (the
``signal`` channel of help-seeking: GGZ or the Wmo for the GP, youth care (the CJG) for the
school and Veilig Thuis, ...). Violence against a partner has its own signal routes
(:mod:`sim.mechanisms.violence`). Every signal is logged as ``signal`` (detail: signaller,
value: 1 if it led to a contact).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domains import CARE, DEBTS, FAMILY, HIDDEN, HOUSING, KNOWN, MENTAL, Domain
from ..streams import OwnStreams
from .base import Component

if TYPE_CHECKING:
    from ..agents import Household

SIGNALLERS = ("landlord", "school", "gp", "veilig_thuis", "police", "neighbours")
S = {name: i for i, name in enumerate(SIGNALLERS)}
# what each signaller (other than the landlord) sees, and whether only in households with children
SIGHT: dict[str, tuple[tuple[Domain, ...], bool]] = {
    "school": ((FAMILY,), True),
    "gp": ((MENTAL, CARE), False),
    "veilig_thuis": ((FAMILY,), True),
    "police": ((MENTAL, FAMILY, HOUSING), False),
    "neighbours": ((CARE, MENTAL), False),
}
STREAM_SALT = 0x5161  # keys the household's own stream of this component (not a model number)


class Signals(Component):
    name = "signals"
    uses = ("latent", "take_up", "seeking", "casework")

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        super().__init__(model)
        self.rng = OwnStreams(STREAM_SALT)  # rng(hh): the household's own stream here

    def start_life(self, hh: "Household") -> None:
        """Every signaller that can see this household starts watching it."""
        for who, (_, children_only) in SIGHT.items():
            if children_only and not hh.children:
                continue
            self._next(hh, who)

    def _next(self, hh: "Household", who: str) -> None:
        rate = self.p[f"signals.{who}_per_year"] / 365.0
        if rate <= 0:
            return
        t = self.calendar.now + self.rng(hh).expovariate(rate)
        if t < self.model.end:
            self.calendar.schedule_event(t, self.watch, hh, who)

    def watch(self, hh: "Household", who: str) -> None:
        """The signaller meets the household; it signals a need nobody handles, if it sees one."""
        self._next(hh, who)
        if hh.disengaged or hh.director is not None:
            return
        domain = self._unhandled(hh, SIGHT[who][0])
        if domain is None:
            return
        reached = self.rng(hh).random() < self.p[f"signals.{who}_reach"]
        self.model.event(hh, "signal", detail=S[who], value=float(reached))
        if reached:
            self.bring(hh, domain)

    def _unhandled(self, hh: "Household", domains: tuple[Domain, ...]) -> Domain | None:
        busy = self.model.casework.busy
        for d in domains:
            state = hh.need[d]
            if state == HIDDEN or (state == KNOWN and not busy(hh, d)):
                return d
        return None

    def bring(self, hh: "Household", domain: Domain) -> None:
        """An outreach contact the household accepts: the need is named, the claim urged, and
        the household taken to the right counter."""
        m = self.model
        m.latent.found(hh, domain, "signal")
        m.take_up.prompted(hh, domain)
        if hh.need[domain] == KNOWN and not m.casework.busy(hh, domain) and hh.director is None:
            m.seeking.signal(hh, domain, 0.0)

    def landlord(self, hh: "Household", contact: bool, to_counter: bool) -> None:
        """The landlord's early signal of rent arrears (:mod:`sim.mechanisms.tenancy`): it
        reached the household (``contact``) and, without a payment plan, brings it to debt help."""
        self.model.event(hh, "signal", detail=S["landlord"], value=float(contact))
        if to_counter:
            self.bring(hh, DEBTS)
