"""Analysis tools built on :func:`sim.run.run`: experiment files, sweeps and their results.

    >>> from sim.analysis import load_results
    >>> df = load_results("reforms")          # results/reforms/, one row per run
"""

from .experiment import Experiment, ExperimentError, load_experiment
from .store import StoreError, load_results

__all__ = ["Experiment", "ExperimentError", "StoreError", "load_experiment", "load_results"]
