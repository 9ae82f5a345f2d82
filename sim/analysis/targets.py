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

A target's uncertainty is a standard deviation or a 90% interval ``[low, high]`` around the
value (low < value < high; it may be asymmetric). Differences are standardised by it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USES = ("calibration", "validation")
KEYS = ("description", "value", "sd", "range", "unit", "metric", "source", "note", "weight")
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
        if simulated is None or not math.isfinite(simulated):
            return math.nan
        return simulated - self.high if simulated > self.high else min(0.0, simulated - self.low)


def _number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def parse_targets(text: str, origin: str) -> list[Target]:
    """Targets from the text of a targets file; ``origin`` names it in messages."""
    from ..metrics import metric_names
    from .experiment import parse_toml

    data = parse_toml(text, origin, USES, TargetsError)
    metrics = set(metric_names())
    targets: list[Target] = []
    for use in USES:
        table = data.get(use, {})
        if not isinstance(table, dict):
            raise TargetsError(f"{origin}: '{use}' must hold tables [{use}.<name>].")
        for name, spec in table.items():
            where = f"{origin}: [{use}.{name}]"
            if not isinstance(spec, dict):
                raise TargetsError(f"{where} must be a table with value, sd or range, unit, "
                                   f"metric and source.")
            targets.append(_target(use, name, spec, where, metrics))
    if not any(t.use == "calibration" for t in targets):
        raise TargetsError(f"{origin}: no [calibration.<name>] targets; at least one is needed.")
    names = [t.name for t in targets]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise TargetsError(f"{origin}: target '{twice[0]}' appears in both sections; give each "
                           f"target one name.")
    return targets


def _target(use: str, name: str, spec: dict, where: str, metrics: set[str]) -> Target:
    from .experiment import _suggest

    for key in spec:
        if key not in KEYS:
            raise TargetsError(f"{where}: unknown key '{key}'{_suggest(key, KEYS)}. Allowed keys: "
                               f"{', '.join(KEYS)}.")
    for key in ("value", "unit", "metric", "source"):
        if key not in spec:
            raise TargetsError(f"{where}: '{key}' is missing.")
    for key in ("description", "unit", "metric", "source", "note"):
        if key in spec and not isinstance(spec[key], str):
            raise TargetsError(f"{where}: '{key}' = {spec[key]!r} is not allowed; it must be a "
                               f"string.")
    value = spec["value"]
    if not _number(value):
        raise TargetsError(f"{where}: 'value' = {value!r} is not allowed; it must be a number.")
    if ("sd" in spec) == ("range" in spec):
        raise TargetsError(f"{where}: give exactly one of 'sd' (a standard deviation) and "
                           f"'range' ([low, high], a 90% interval around the value).")
    if "sd" in spec:
        sd = spec["sd"]
        if not _number(sd) or sd <= 0:
            raise TargetsError(f"{where}: 'sd' = {sd!r} is not allowed; it must be a number "
                               f"above 0.")
        low, high = value - Z90 * sd, value + Z90 * sd
    else:
        rng = spec["range"]
        if not (isinstance(rng, list) and len(rng) == 2 and all(map(_number, rng))):
            raise TargetsError(f"{where}: 'range' = {rng!r} is not allowed; it must be [low, "
                               f"high], two numbers.")
        low, high = (float(x) for x in rng)
        if not low < value < high:
            raise TargetsError(f"{where}: 'range' = {rng!r} is not allowed; it must hold the "
                               f"value {value!r} strictly inside: low < value < high.")
    metric = spec["metric"]
    if metric not in metrics:
        raise TargetsError(f"{where}: 'metric' = {metric!r} is not a summary metric"
                           f"{_suggest(metric, metrics)}. Metrics are keys of the run summary, "
                           f"nested ones with dots, e.g. 'spans_days.ggz_request_to_intake.mean' "
                           f"or 'waits_mean_days.youth_care' (see docs/calibration.md).")
    weight = spec.get("weight", 1.0)
    if not _number(weight) or weight <= 0:
        raise TargetsError(f"{where}: 'weight' = {weight!r} is not allowed; it must be a number "
                           f"above 0.")
    return Target(name, use, spec.get("description", name), float(value), low, high,
                  spec["unit"], metric, spec["source"], spec.get("note", ""), float(weight))


def load_targets(path: str | Path) -> list[Target]:
    path = Path(path)
    if not path.is_file():
        raise TargetsError(f"{path}: targets file not found.")
    return parse_targets(path.read_text(encoding="utf-8"), str(path))
