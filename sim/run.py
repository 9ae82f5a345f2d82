"""The one entry point every tool uses: a scenario, a seed and overrides in, a summary out.

    >>> from sim.run import run
    >>> summary = run("baseline", seed=1, overrides={"night_shelter.capacity": 20})
    >>> sorted(summary)[:3]
    ['by_profile', 'cost_by_category', 'cost_by_pot']

:func:`simulate` returns the finished model, for tools that need the event log or the
household table (journeys, reports); :func:`run` returns only the summary dict.
"""

from __future__ import annotations

from typing import Any, Mapping

import mesa

from .metrics import summary as summarise
from .model import SocialDomainModel
from .scenario import Scenario
from .streams import replicate_seeds  # noqa: F401  (part of the run API)


def simulate(scenario: "str | Scenario | Mapping[str, Any] | None" = "baseline", seed: int = 0,
             overrides: Mapping[str, Any] | None = None, log_events: bool = True) -> SocialDomainModel:
    """Run a scenario to its end and return the model."""
    model = SocialDomainModel(scenario, rng=seed, overrides=overrides, log_events=log_events)
    model.run_to_end()
    release(model)
    return model


def run(scenario: "str | Scenario | Mapping[str, Any] | None" = "baseline", seed: int = 0,
        overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run a scenario and return its summary (a JSON-ready dict)."""
    return summarise(simulate(scenario, seed, overrides))


def release(model: mesa.Model) -> None:
    """Mesa 3.3 keeps every model alive through ``Agent._ids``; let this one go."""
    getattr(mesa.Agent, "_ids", {}).pop(model, None)
