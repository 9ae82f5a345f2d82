"""JSON Schemas of the analysis tools' input files, for editors.

    python -m sim.analysis.schemas docs/schemas/

writes ``experiment.schema.json``, ``sensitivity.schema.json``, ``calibration.schema.json`` and
``targets.schema.json`` from the pydantic models in :mod:`sim.analysis.inputs`. An editor with
a TOML language server (Taplo, "Even Better TOML") uses one when the file starts with a line
such as ``#:schema ../docs/schemas/experiment.schema.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def render() -> dict[str, str]:
    """{file name: its JSON text}."""
    from .inputs import schemas

    return {f"{kind}.schema.json": json.dumps(schema, indent=2, sort_keys=True) + "\n"
            for kind, schema in schemas().items()}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render().items():
        path = folder / name
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m sim.analysis.schemas FOLDER  (e.g. docs/schemas/)", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    if folder.exists() and not folder.is_dir():
        print(f"{folder}: not a folder; give the folder the schemas go to.", file=sys.stderr)
        return 2
    for path in write(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
