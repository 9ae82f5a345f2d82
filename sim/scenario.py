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
import re
import tomllib
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping

import pydantic

from .parameters import REFERENCE_INHABITANTS, PARAMETERS, SECTIONS, Param, defaults

META_KEYS = ("name", "description", "extends")
NAMES_TABLE = "names"  # optional [names]: local names of organisations (journey pictures)
NAME_LANGUAGES = ("nl", "en")
MAX_ORG_NAME = 120  # characters in one organisation's local name
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A scenario's name becomes a folder name under results/: letters, digits, '.', '_' and '-'.
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
NAME_ALLOWED = ("letters, digits, '.', '_' and '-', starting with a letter or digit, at most "
                "100 characters (it names the output folder)")
MAX_EXTENDS_DEPTH = 32  # files in one 'extends' chain; real chains are two or three deep
MAX_FILE_BYTES = 1_000_000  # a scenario file is a few kB; anything this large is not one
# Run size: households a run creates, estimated from inflows, facility places and the years
# simulated. Each costs about 12 kB over a run and a run makes ~10,000 a minute (see
# docs/performance.md): above the warning a run takes minutes, above the limit it cannot fit in
# a workstation's memory.
HOUSEHOLDS_WARN = 200_000
HOUSEHOLDS_MAX = 1_000_000
FAR_OUTSIDE = 10.0  # warn about a value more than this factor beyond its plausible range


class ScenarioError(Exception):
    """A scenario or override that cannot be used; the message names file, key and what is allowed."""


class ScenarioWarning(UserWarning):
    """A value that can be used but lies far outside the plausible range of the parameter."""


@dataclass(frozen=True)
class Scenario:
    name: str
    params: dict[str, Any]
    description: str = ""
    files: tuple[str, ...] = ()  # the extends chain, most specific first
    sources: dict[str, Any] = field(default_factory=dict)  # TOML text per file, by resolved path
    # local names of organisations for journey pictures: {organisation: {"nl": ..., "en": ...}}
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def with_overrides(self, overrides: Mapping[str, Any] | None, origin: str = "overrides") -> "Scenario":
        if not overrides:
            return self
        checked = validate_flat(dict(overrides), origin)
        params = {**self.params, **checked}
        check_size(params, origin)
        return Scenario(self.name, params, self.description, self.files, self.sources, self.names)

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
    lower = {o.lower(): o for o in options}
    close = difflib.get_close_matches(word.lower(), list(lower), n=1, cutoff=0.6)
    return f"; did you mean '{lower[close[0]]}'?" if close else ""


def match_name(word: str, options: list[str], what: str) -> str:
    """``word`` as one of ``options``, ignoring case; a ScenarioError that suggests the
    closest otherwise."""
    if word in options:
        return word
    same = [o for o in options if o.lower() == word.lower()]
    if len(same) == 1:
        return same[0]
    raise ScenarioError(f"unknown {what} {word!r}{_suggest(word, options)} Allowed: "
                        f"{', '.join(options)}.")


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
    for key, value in flat.items():
        _warn_if_implausible(PARAMETERS[key], value, origin)
    return flat


def _warn_if_implausible(p: Param, value: Any, origin: str) -> None:
    """Warn (once per message) about a valid value far outside the plausible range."""
    if p.range is None or isinstance(value, (bool, str)):
        return
    lo, hi = p.range
    # 0 switches a process or a place off on purpose: no warning for that
    if value > hi * FAR_OUTSIDE or (lo > 0 and 0 < value < lo / FAR_OUTSIDE):
        warnings.warn(f"{origin}: '{p.key}' = {value:g} is far outside its plausible range "
                      f"{lo:g} to {hi:g} ({p.unit}); the run may be slow or its results "
                      f"meaningless.", ScenarioWarning, stacklevel=2)


def estimated_households(params: Mapping[str, Any]) -> float:
    """Households a run with these parameters creates, roughly: the inflow over the stock,
    warm-up and measured years, plus the residents of the facilities and the housing queue."""
    scale = params["region.inhabitants"] / REFERENCE_INHABITANTS
    years = params["run.stock_years"] + params["run.warmup_years"] + params["run.years"]
    inflow = sum(v for k, v in params.items() if k.startswith("inflow."))
    places = sum(v for k, v in params.items() if k.endswith(".capacity"))
    return scale * (inflow * years + places + params["social_housing.initial_queue"])


def check_size(params: Mapping[str, Any], origin: str) -> None:
    """Refuse a run too large to fit in memory; warn about one that will take minutes."""
    n = estimated_households(params)
    what = (f"region.inhabitants = {params['region.inhabitants']:,}, run.years = "
            f"{params['run.years']:g}, the inflow.* rates and the facility capacities")
    if n > HOUSEHOLDS_MAX:
        raise ScenarioError(f"{origin}: this run would create about {n:,.0f} households "
                            f"({what}); at most {HOUSEHOLDS_MAX:,} fit in memory. Allowed: "
                            f"fewer inhabitants, fewer years, or lower inflows and capacities.")
    if n > HOUSEHOLDS_WARN:
        warnings.warn(f"{origin}: this run will create about {n:,.0f} households ({what}); "
                      f"expect it to take minutes and gigabytes of memory.", ScenarioWarning,
                      stacklevel=2)


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
        try:
            if c.is_file():
                return c.resolve()
        except (OSError, ValueError):  # a name too long, or with a NUL byte, is no file
            continue
    names = available()
    if not ref.is_absolute() and len(ref.parts) == 1:  # a bare name: any case will do
        stem = ref.stem if ref.suffix == ".toml" else ref.name
        same = [n for n in names if n.lower() == stem.lower()]
        if len(same) == 1 and same[0] != stem:
            return resolve_path(same[0], base)
        hint = _suggest(stem, names) or "."
    else:
        hint = "."
    raise ScenarioError(f"{ref}: scenario file not found (looked for it as a path and in "
                        f"scenarios/){hint} Available: {', '.join(names) or 'none'}.")


def available() -> list[str]:
    names: set[str] = set()
    for root in (Path.cwd(), PROJECT_ROOT):
        names.update(p.stem for p in (root / "scenarios").glob("*.toml"))
    return sorted(names)


def read_text(path: Path, what: str = "scenario file") -> str:
    """A text file as UTF-8 (a byte-order mark is allowed); one clear message otherwise."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(f"{path}: {size:,} bytes is too large for a {what} (at most "
                                f"{MAX_FILE_BYTES:,}).")
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot be read: {exc.strerror or exc}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{path}: not a text file in UTF-8 (byte {exc.start}: "
                            f"{data[exc.start:exc.start + 1]!r}); a {what} must be UTF-8 TOML.") from None
    if "\x00" in text:
        raise ScenarioError(f"{path}: contains NUL bytes: a binary file, not a {what} "
                            f"(UTF-8 TOML).")
    return text


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}.") from None
    except (ValueError, RecursionError) as exc:  # e.g. a number of 100,000 digits, deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise ScenarioError(f"{path}: a value cannot be read: {reason}.") from None


def validate_names(table: Any, origin: str) -> dict[str, dict[str, str]]:
    """The optional ``[names]`` table: organisation = "local name", or organisation =
    {nl = "...", en = "..."}; returns {organisation: {language: name}} (a plain string stands
    for both languages). Keys are the organisations of :mod:`sim.organisations`."""
    from .organisations import DEFAULT

    allowed = list(DEFAULT.names)
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{origin}: '{NAMES_TABLE}' must be a table [{NAMES_TABLE}] of "
                            f"organisation = \"local name\". Allowed organisations: "
                            f"{', '.join(allowed)}.")
    errors: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        where = f"{NAMES_TABLE}.{key}"
        if key not in allowed:
            errors.append(f"{origin}: unknown organisation '{where}'{_suggest(key, allowed)} "
                          f"Allowed organisations in [{NAMES_TABLE}]: {', '.join(allowed)}.")
            continue
        texts = {lang: value for lang in NAME_LANGUAGES} if isinstance(value, str) else value
        bad_langs = [k for k in texts] if isinstance(texts, Mapping) else []
        if not isinstance(texts, Mapping) or not texts \
                or any(k not in NAME_LANGUAGES for k in bad_langs):
            errors.append(f"{origin}: '{where}' = {value!r} is not allowed. Allowed: a name "
                          f"in quotes, or a table with the keys {', '.join(NAME_LANGUAGES)} "
                          f"(e.g. {{ nl = \"...\", en = \"...\" }}).")
            continue
        for lang, text in texts.items():
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_ORG_NAME \
                    or any(ord(c) < 32 for c in text):
                errors.append(f"{origin}: '{where}' = {text!r} is not allowed. Allowed: a name "
                              f"of 1 to {MAX_ORG_NAME} characters on one line.")
                break
        else:
            out[key] = {lang: texts.get(lang) or next(iter(texts.values()))
                        for lang in NAME_LANGUAGES}
    if errors:
        raise ScenarioError("\n".join(errors))
    return out


def _read_one(path: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    """One file: (flat values it sets, its meta keys, its text). The ``[names]`` table, if
    any, is checked and returned among the meta keys."""
    text = read_text(path)
    data = parse_toml(text, path)
    meta = {k: data.pop(k) for k in META_KEYS if k in data}
    if NAMES_TABLE in data:
        meta[NAMES_TABLE] = validate_names(data.pop(NAMES_TABLE), str(path))
    for k in META_KEYS:
        if k in meta and not isinstance(meta[k], str):
            raise ScenarioError(f"{path}: '{k}' must be a string, not {meta[k]!r}.")
    if "name" in meta and not NAME_RE.match(meta["name"]):
        raise ScenarioError(f"{path}: 'name' = {meta['name']!r} is not allowed. Allowed: "
                            f"{NAME_ALLOWED}.")
    return _validate_sections(data, str(path)), meta, text


def _read(path: Path) -> tuple[dict[str, Any], dict[str, Any], list[Path], dict[Path, str]]:
    """Follows the 'extends' chain from ``path``. Returns (flat values set along the chain,
    meta of ``path``, the chain of files, most specific first, and each file's text)."""
    chain: list[Path] = []
    layers: list[dict[str, Any]] = []
    texts: dict[Path, str] = {}
    first_meta: dict[str, Any] | None = None
    names: list[dict[str, dict[str, str]]] = []
    current = path
    while True:
        if current in chain:
            loop = " -> ".join(str(p.name) for p in (*chain, current))
            raise ScenarioError(f"{path}: 'extends' forms a loop: {loop}.")
        if len(chain) >= MAX_EXTENDS_DEPTH:
            raise ScenarioError(f"{path}: the 'extends' chain is more than {MAX_EXTENDS_DEPTH} "
                                f"files deep (at {current}). Allowed: at most "
                                f"{MAX_EXTENDS_DEPTH} files in one chain.")
        chain.append(current)
        try:
            values, meta, text = _read_one(current)
        except ScenarioError as exc:
            if current == path:
                raise
            raise ScenarioError(f"{path}: 'extends' reaches a file that cannot be used: "
                                f"{exc}") from None
        texts[current] = text
        layers.append(values)
        names.append(meta.pop(NAMES_TABLE, {}))
        if first_meta is None:
            first_meta = meta
        if "extends" not in meta:
            break
        try:
            current = resolve_path(meta["extends"], base=current.parent)
        except ScenarioError as exc:
            raise ScenarioError(f"{chain[-1]}: 'extends' = {meta['extends']!r} cannot be used: "
                                f"{exc}") from None
    merged: dict[str, Any] = {}
    for values in reversed(layers):
        merged.update(values)
    merged_names: dict[str, dict[str, str]] = {}
    for table in reversed(names):  # the most specific file's name wins
        merged_names.update(table)
    return merged, {**(first_meta or {}), NAMES_TABLE: merged_names}, chain, texts


def safe_name(text: str) -> str:
    """``text`` as a folder name that stays where it is put: no separators, no '..'."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")[:100]
    return cleaned or "scenario"


def load_scenario(ref: "str | Path | Scenario | Mapping[str, Any] | None" = None) -> Scenario:
    """Load and validate a scenario: a name, a path, a Scenario, a flat dict of overrides, or
    None for the baseline defaults."""
    if isinstance(ref, Scenario):
        return ref
    if ref is None:
        return Scenario("defaults", defaults())
    if isinstance(ref, Mapping):
        params = {**defaults(), **validate_flat(ref, "scenario")}
        check_size(params, "scenario")
        return Scenario("custom", params)
    path = resolve_path(ref)
    values, meta, files, texts = _read(path)
    name = meta.get("name", safe_name(path.stem))
    params = {**defaults(), **values}
    check_size(params, str(path))
    return Scenario(name, params, meta.get("description", ""),
                    tuple(str(f) for f in files), {str(f): texts[f] for f in files},
                    meta.get(NAMES_TABLE, {}))
