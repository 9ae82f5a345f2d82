"""Documents generated from the parameter table, so they cannot drift from the code:
``docs/parameters.md`` and ``scenarios/baseline.toml``."""

from __future__ import annotations

from .parameters import PARAMETERS, SECTIONS, Param

HEADER_TOML = """\
# Baseline: a municipality of Rijswijk's size (~55,000 inhabitants) with its centrumgemeente.
# Generated from the parameter table (sim/parameters.py) by `sim params --write`; edit the table,
# not this file. Every value carries its source; "assumed" marks values no source pins down.
# Counts marked "per 55,000 inhabitants" scale with region.inhabitants.
name = "baseline"
description = "A municipality of Rijswijk's size with its centrumgemeente, as things are."
"""


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float):
        return repr(int(value)) + ".0" if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def baseline_toml() -> str:
    lines = [HEADER_TOML]
    for section in SECTIONS:
        lines.append(f"\n[{section}]")
        for p in PARAMETERS.values():
            if p.section == section:
                lines.append(f"{p.name} = {_fmt(p.default)}  # {p.unit}; {p.source}")
    return "\n".join(lines) + "\n"


def _range(p: Param) -> str:
    if p.choices:
        return " / ".join(p.choices)
    if p.range is None:
        return ""
    return f"{p.range[0]:g} – {p.range[1]:g}"


def parameters_markdown() -> str:
    out = ["# Parameters", "",
           "Generated from `sim/parameters.py` by `sim params --write`; do not edit by hand.",
           "Every parameter can be set in a scenario file (`[section]` table, `name = value`), as an",
           "override `{\"section.name\": value}` to `sim.run.run`, or as a keyword `section__name=` to",
           "`SocialDomainModel`. *Range* is the plausible range used by sensitivity analysis and",
           "calibration; values outside it are allowed if within the hard bounds. Sources cite the",
           "seed documents as `000:L1574` (seed, line); `assumed` marks values no source pins down.",
           ""]
    n_assumed = sum(p.assumed for p in PARAMETERS.values())
    out.append(f"{len(PARAMETERS)} parameters, {n_assumed} of them assumed.")
    for section in SECTIONS:
        out += ["", f"## [{section}]", "", "| name | default | range | unit | source | meaning |",
                "|---|---|---|---|---|---|"]
        for p in PARAMETERS.values():
            if p.section == section:
                out.append(f"| `{p.name}` | {_fmt(p.default)} | {_range(p)} | {p.unit} | "
                           f"{p.source} | {p.doc} |")
    return "\n".join(out) + "\n"
