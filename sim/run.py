"""The one entry point every tool uses: a scenario, a seed and overrides in, a summary out.

    >>> from sim.run import run
    >>> summary = run("baseline", seed=1, overrides={"night_shelter.capacity": 20})
    >>> summary["scenario"], summary["seed"], "societal_cost_eur" in summary
    ('baseline', 1, True)

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
             overrides: Mapping[str, Any] | None = None, log_events: bool = True,
             progress: bool = False) -> SocialDomainModel:
    """Run a scenario to its end and return the model; ``progress`` shows a bar on stderr."""
    model = SocialDomainModel(scenario, rng=seed, overrides=overrides, log_events=log_events)
    try:
        if progress:
            run_with_progress(model)
        else:
            model.run_to_end()
    finally:
        release(model)
    return model


def run_with_progress(model: SocialDomainModel, desc: str | None = None) -> None:
    """Run ``model`` to its end week by week (``step()``, the same events in the same order
    as ``run_to_end``), with a progress bar in simulated days on stderr."""
    import gc
    import sys

    from tqdm import tqdm

    collecting = gc.isenabled()
    gc.disable()  # as in run_to_end: a run makes almost no cyclic garbage
    try:
        with tqdm(total=int(model.end), unit="day", file=sys.stderr, leave=False,
                  desc=desc or f"{model.scenario.name}, seed {model.seed}") as bar:
            while model.running:
                model.step()
                bar.update(int(model.now) - bar.n)
    finally:
        if collecting:
            gc.enable()


def run(scenario: "str | Scenario | Mapping[str, Any] | None" = "baseline", seed: int = 0,
        overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run a scenario and return its summary (a JSON-ready dict)."""
    return summarise(simulate(scenario, seed, overrides))


def release(model: mesa.Model) -> None:
    """Mesa 3.3 keeps every model alive through ``Agent._ids``; let this one go."""
    getattr(mesa.Agent, "_ids", {}).pop(model, None)
