"""What every mechanism of the model is: a component with a name, the model it belongs to and
the other components it calls.

A component owns its state and its decisions. It reaches another component only through the
model's attribute of that name, and only if it lists that name in ``uses``; a test
(``tests/test_architecture.py``) reads every mechanism file and fails on an undeclared call or
on a reach into another object's private state. Decision points that a reform may change are
asked of ``model.policies`` (:mod:`sim.policies`), never of a switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..calendar import Calendar
    from ..model import SocialDomainModel


class Component:
    """A mechanism: ``model.<name>`` is the one instance of it in a model."""

    name: ClassVar[str] = ""
    uses: ClassVar[tuple[str, ...]] = ()  # the components this one calls

    def __init__(self, model: "SocialDomainModel") -> None:
        self.model = model
        self.p: dict[str, Any] = model.p
        self.calendar: "Calendar" = model.calendar

    @property
    def now(self) -> float:
        return self.calendar.now

    def start(self) -> None:
        """Schedule the component's own processes; called once the population exists."""
