"""Analysis tools built on :func:`sim.run.run`: experiment files, sweeps and their results.

    >>> from sim.analysis import load_results
    >>> df = load_results("reforms")          # results/reforms/, one row per run
"""

__all__ = ["Experiment", "ExperimentError", "StoreError", "load_experiment", "load_results"]


def __getattr__(name):  # imported on first use, so `sim --help` stays fast
    if name in ("Experiment", "ExperimentError", "load_experiment"):
        from . import experiment
        return getattr(experiment, name)
    if name in ("StoreError", "load_results"):
        from . import store
        return getattr(store, name)
    raise AttributeError(name)
