"""Observed figures the model is compared with: a targets file, validated.

A targets file is TOML with two sections of targets, one table each::

    [calibration.ggz_wait_to_intake]          # used to estimate parameters
    description = "GGZ basic care: registration to intake"
    value = 61.0
    range = [42.0, 84.0]                      # a 90% interval; or sd = 10.0
    unit = "days"
    metric = "spans_days.ggz_request_to_intake.mean"   # a key of the run summary
    source = "Staat van Volksgezondheid en Zorg, basis-ggz Q1 2023 (8.7 weeks)"

    [validation.wmo_first_visit]              # held out: only compared afterwards
    ...

A target whose metric the run summary does not hold yet says ``pending = true``: it is loaded
as *unavailable* (``Target.available`` is False), left out of the fit and reported as such; a
metric that is unknown without it is refused (a typo). A ``journeys.<household>.<figure>``
metric is not in the run summary: it is a named household's milestone
(:data:`sim.analysis.milestones.JOURNEY_METRICS`), computed by placing the household into each
replicate of the held-out comparison; it is available when that table names it, and held out
only (a calibration target cannot use it). ``domain`` (housing, debts, care,
income, violence or process) groups the targets in the reports.

A target's uncertainty is a standard deviation or a 90% interval ``[low, high]`` around the
value (low < value < high; it may be asymmetric). Differences are standardised by it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

USES = ("calibration", "validation")
JOURNEYS = "journeys."  # metrics of the named households' journeys (sim.analysis.milestones)
Z90 = 1.6448536269514722  # a 90% interval is value +- Z90 sd


class TargetsError(Exception):
    """A targets file that cannot be used; the message is meant for the user as it is."""


@dataclass(frozen=True)
class Target:
    name: str
    use: str  # calibration or validation
    description: str
    value: float
    low: float  # the 90% interval
    high: float
    unit: str
    metric: str
    source: str
    note: str = ""
    weight: float = 1.0
    domain: str = ""
    available: bool = True  # False: a pending metric the run summary does not hold (yet)

    @property
    def journey(self) -> bool:
        """A named household's figure (``journeys.*``), not a key of the run summary."""
        return self.metric.startswith(JOURNEYS)

    def sd(self, above: bool) -> float:
        """The standard uncertainty on the side of the value a simulated figure lies."""
        return ((self.high - self.value) if above else (self.value - self.low)) / Z90

    def z(self, simulated: float, noise_sd: float = 0.0) -> float:
        """Standardised difference, with the model's own noise added to the uncertainty."""
        if simulated is None or not math.isfinite(simulated):
            return math.nan
        scale = math.hypot(self.sd(simulated > self.value), noise_sd)
        return (simulated - self.value) / scale

    def met(self, simulated: float) -> bool:
        return simulated is not None and self.low <= simulated <= self.high

    def off_by(self, simulated: float) -> float:
        """How far a simulated figure lies outside the interval (0 inside), in the unit."""
        if simulated is None or math.isnan(simulated):
            return math.nan  # (+infinity, "never", lies beyond any upper bound)
        return simulated - self.high if simulated > self.high else min(0.0, simulated - self.low)


def parse_targets(text: str, origin: str) -> list[Target]:
    """Targets from the text of a targets file; ``origin`` names it in messages."""
    from ..metrics import metric_names
    from .inputs import TargetsFile, parse_toml, validate

    spec = validate(TargetsFile, parse_toml(text, origin, TargetsError), origin, TargetsError)
    from .milestones import JOURNEY_METRICS

    metrics = set(metric_names()) | set(JOURNEY_METRICS)
    targets: list[Target] = []
    for use in USES:
        for name, entry in getattr(spec, use).items():
            targets.append(_target(use, name, entry, f"{origin}: [{use}.{name}]", metrics))
    if not any(t.use == "calibration" for t in targets):
        raise TargetsError(f"{origin}: no [calibration.<name>] targets; at least one is needed.")
    names = [t.name for t in targets]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise TargetsError(f"{origin}: target '{twice[0]}' appears in both sections; give each "
                           f"target one name.")
    return targets


def _target(use: str, name: str, spec, where: str, metrics: set[str]) -> Target:
    """A target from its validated entry (:class:`~.inputs.TargetEntry`); what involves more
    than one key is checked here."""
    from .inputs import short, suggest

    value = spec.value
    if (spec.sd is None) == (spec.range is None):
        raise TargetsError(f"{where}: give exactly one of 'sd' (a standard deviation) and "
                           f"'range' ([low, high], a 90% interval around the value).")
    if spec.sd is not None:
        low, high = value - Z90 * spec.sd, value + Z90 * spec.sd
    else:
        low, high = spec.range
        if not low < value < high:
            raise TargetsError(f"{where}: 'range' = {short(spec.range)} is not allowed; it must "
                               f"hold the value {value!r} strictly inside: low < value < high.")
    if spec.metric not in metrics and not spec.pending:
        raise TargetsError(f"{where}: 'metric' = {short(spec.metric)} is not a summary metric"
                           f"{suggest(spec.metric, metrics)}. Metrics are keys of the run "
                           f"summary, nested ones with dots, e.g. "
                           f"'spans_days.ggz_request_to_intake.mean' or "
                           f"'waits_mean_days.youth_care' (see docs/calibration.md); a metric "
                           f"that the summary will hold later needs pending = true.")
    if use == "calibration" and spec.metric.startswith(JOURNEYS):
        raise TargetsError(f"{where}: 'metric' = {short(spec.metric)} is a named household's "
                           f"journey, computed only for the held-out comparison; move it to "
                           f"[validation.{name}].")
    return Target(name, use, spec.description or name, float(value), float(low), float(high),
                  spec.unit, spec.metric, spec.source, spec.note, float(spec.weight),
                  spec.domain or "", spec.metric in metrics)


_SEED_REF = re.compile(r"(?:\b(\d{3})[: ])?L(\d+)(?:-L?(\d+))?")


def source_lines(text: str) -> set[tuple[str, int]]:
    """The seed lines a source text cites, as (seed, line): "001:L1341-1342, L1349" gives
    (001, 1341), (001, 1342), (001, 1349); a bare "L1349" belongs to the seed named before it."""
    seed, lines = None, set()
    for m in _SEED_REF.finditer(text):
        seed = m.group(1) or seed
        if seed is None:
            continue
        first = int(m.group(2))
        last = int(m.group(3)) if m.group(3) else first
        if last < first:  # "L1878-79"
            last = int(str(first)[:-len(m.group(3))] + m.group(3))
        lines.update((seed, n) for n in range(first, min(last, first + 200) + 1))
    return lines


def parameters_sourced_by(target: Target) -> list[str]:
    """Parameters of the table whose source cites a seed line that the target cites too: the
    figure is (part of) their source."""
    from ..parameters import PARAMETERS

    mine = source_lines(target.source)
    return [k for k, p in PARAMETERS.items() if mine & source_lines(str(p.source))]


def load_targets(path: str | Path) -> list[Target]:
    from .inputs import read_text

    path = Path(path)
    return parse_targets(read_text(path, "targets", TargetsError), str(path))
