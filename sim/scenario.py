"""Scenario files: TOML, validated against the parameter table.

A scenario file has optional top-level ``name``, ``description`` and ``extends`` (another
scenario file, relative to this one, or a scenario name) and one table per parameter section::

    extends = "baseline.toml"
    [night_shelter]
    capacity = 20

Anything not set comes from the file it extends, and finally from the parameter table's
defaults. Validation (unknown keys, types, ranges) is done by pydantic models built from the
parameter table, so the table stays the one place where a parameter is declared.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping

import pydantic

from .parameters import PARAMETERS, SECTIONS, Param, defaults

META_KEYS = ("name", "description", "extends")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ScenarioError(Exception):
    """A scenario or override that cannot be used; the message names file, key and what is allowed."""


@dataclass(frozen=True)
class Scenario:
    name: str
    params: dict[str, Any]
    description: str = ""
    files: tuple[str, ...] = ()  # the extends chain, most specific first
    sources: dict[str, Any] = field(default_factory=dict)  # resolved TOML text per file

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def with_overrides(self, overrides: Mapping[str, Any] | None, origin: str = "overrides") -> "Scenario":
        if not overrides:
            return self
        checked = validate_flat(dict(overrides), origin)
        return Scenario(self.name, {**self.params, **checked}, self.description, self.files,
                        self.sources)

    def changed(self) -> dict[str, Any]:
        """Parameters that differ from the table's defaults."""
        base = defaults()
        return {k: v for k, v in self.params.items() if base[k] != v}


def allowed_text(p: Param) -> str:
    if p.choices:
        return "one of " + ", ".join(repr(c) for c in p.choices)
    if p.kind is bool:
        return "true or false"
    kind = "a whole number" if p.kind is int else "a number"
    if p.bounds:
        lo, hi = p.bounds
        hi_text = "" if hi == float("inf") else f" to {hi:g}"
        kind += f" from {lo:g}{hi_text}"
    return f"{kind} ({p.unit})"


@lru_cache(maxsize=None)
def _section_model(section: str) -> type[pydantic.BaseModel]:
    fields: dict[str, Any] = {}
    for p in PARAMETERS.values():
        if p.section != section:
            continue
        if p.choices:
            annotation: Any = Literal[p.choices]  # type: ignore[valid-type]
            fields[p.name] = (annotation, p.default)
        elif p.kind is bool:
            fields[p.name] = (bool, p.default)
        else:
            lo, hi = p.bounds or (None, None)
            constraint = pydantic.Field(p.default, ge=lo, le=None if hi == float("inf") else hi,
                                        allow_inf_nan=False)
            fields[p.name] = (p.kind, constraint)
    config = pydantic.ConfigDict(extra="forbid", strict=True)
    return pydantic.create_model(f"Section_{section}", __config__=config, **fields)


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _validate_sections(tables: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Validate {section: {name: value}}; returns flat {"section.name": value} of what was set."""
    errors: list[str] = []
    flat: dict[str, Any] = {}
    for section, values in tables.items():
        if section not in SECTIONS:
            errors.append(f"{origin}: unknown section [{section}]{_suggest(section, list(SECTIONS))} "
                          f"Allowed sections: {', '.join(SECTIONS)}.")
            continue
        if not isinstance(values, Mapping):
            errors.append(f"{origin}: '{section}' must be a table [{section}] of parameters.")
            continue
        try:
            _section_model(section).model_validate(dict(values))
        except pydantic.ValidationError as exc:
            names = [p.name for p in PARAMETERS.values() if p.section == section]
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else "?"
                key = f"{section}.{name}"
                if err["type"] == "extra_forbidden":
                    errors.append(f"{origin}: unknown key '{key}'{_suggest(name, names)} "
                                  f"Allowed keys in [{section}]: {', '.join(names)}.")
                else:
                    errors.append(f"{origin}: '{key}' = {values.get(name)!r} is not allowed: "
                                  f"{err['msg'].lower()}. Allowed: "
                                  f"{allowed_text(PARAMETERS[key])}.")
        for name, value in values.items():
            key = f"{section}.{name}"
            if key in PARAMETERS:
                flat[key] = float(value) if PARAMETERS[key].kind is float and not isinstance(value, bool) \
                    and isinstance(value, int) else value
    if errors:
        raise ScenarioError("\n".join(errors))
    return flat


def validate_flat(values: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Validate {"section.name": value} overrides."""
    tables: dict[str, dict[str, Any]] = {}
    errors = []
    for key, value in values.items():
        if "." not in key:
            errors.append(f"{origin}: '{key}' is not a parameter key; keys look like "
                          f"'section.name'{_suggest(key, list(PARAMETERS))}")
            continue
        section, name = key.split(".", 1)
        tables.setdefault(section, {})[name] = value.item() if hasattr(value, "item") else value
    try:
        checked = _validate_sections(tables, origin)
    except ScenarioError as exc:
        errors.append(str(exc))
    if errors:
        raise ScenarioError("\n".join(errors))
    return checked


def resolve_path(ref: str | Path, base: Path | None = None) -> Path:
    """A scenario reference: a path, or a name looked up in ``scenarios/``."""
    ref = Path(ref)
    candidates = [ref] if ref.is_absolute() else []
    if base is not None and not ref.is_absolute():
        candidates.append(base / ref)
    if not ref.is_absolute():
        candidates.append(Path.cwd() / ref)
        for root in (Path.cwd(), PROJECT_ROOT):
            candidates.append(root / "scenarios" / ref)
            if ref.suffix != ".toml":
                candidates.append(root / "scenarios" / f"{ref}.toml")
    for c in candidates:
        if c.is_file():
            return c.resolve()
    raise ScenarioError(f"{ref}: scenario file not found (looked for it as a path and in "
                        f"scenarios/). Available: {', '.join(available()) or 'none'}.")


def available() -> list[str]:
    names: set[str] = set()
    for root in (Path.cwd(), PROJECT_ROOT):
        names.update(p.stem for p in (root / "scenarios").glob("*.toml"))
    return sorted(names)


def _read(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, Any], list[Path]]:
    """Returns (flat values set along the chain, meta of this file, chain of files)."""
    if path in chain:
        loop = " -> ".join(str(p.name) for p in (*chain, path))
        raise ScenarioError(f"{path}: 'extends' forms a loop: {loop}.")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}.") from None
    meta = {k: data.pop(k) for k in META_KEYS if k in data}
    for k in ("name", "description", "extends"):
        if k in meta and not isinstance(meta[k], str):
            raise ScenarioError(f"{path}: '{k}' must be a string, not {meta[k]!r}.")
    own = _validate_sections(data, str(path))
    parent_values: dict[str, Any] = {}
    files = [path]
    if "extends" in meta:
        try:
            parent = resolve_path(meta["extends"], base=path.parent)
        except ScenarioError as exc:
            raise ScenarioError(f"{path}: 'extends' = {meta['extends']!r} cannot be used: {exc}") from None
        parent_values, _, parent_files = _read(parent, (*chain, path))
        files += parent_files
    return {**parent_values, **own}, meta, files


def load_scenario(ref: "str | Path | Scenario | Mapping[str, Any] | None" = None) -> Scenario:
    """Load and validate a scenario: a name, a path, a Scenario, a flat dict of overrides, or
    None for the baseline defaults."""
    if isinstance(ref, Scenario):
        return ref
    if ref is None:
        return Scenario("defaults", defaults())
    if isinstance(ref, Mapping):
        return Scenario("custom", {**defaults(), **validate_flat(ref, "scenario")})
    path = resolve_path(ref)
    values, meta, files = _read(path, ())
    name = meta.get("name", path.stem)
    return Scenario(name, {**defaults(), **values}, meta.get("description", ""),
                    tuple(str(f) for f in files),
                    {f.name: f.read_text(encoding="utf-8") for f in files})
