"""The default run against a stored baseline: any change in results shows up here.

After an intended change of the model, regenerate the stored summary with
``python tests/test_regression.py --update`` and say in the commit why the numbers moved.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

STORED = Path(__file__).parent / "data" / "baseline_seed1.json"


def current() -> dict:
    from sim.run import run

    return json.loads(json.dumps(run("baseline", seed=1)))


def _compare(a, b, path=""):
    if isinstance(a, dict):
        assert set(a) == set(b), f"{path}: keys differ"
        for k in a:
            _compare(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-9), path
    else:
        assert a == b, path


def test_baseline_summary_unchanged():
    _compare(current(), json.loads(STORED.read_text(encoding="utf-8")))


if __name__ == "__main__" and "--update" in sys.argv:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    STORED.write_text(json.dumps(current(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {STORED}")
