"""Named households from the sources, placed into scenarios, and their drawn journeys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SMALL
from sim.analysis.journey import counts, journey
from sim.archetypes import ARCHETYPES
from sim.metrics import summary
from sim.model import SocialDomainModel
from sim.run import release, run

ROOT = Path(__file__).resolve().parent.parent


def test_every_archetype_can_be_placed_and_is_not_counted_in_the_summary():
    model = SocialDomainModel("baseline", rng=3, overrides=SMALL)
    for name in ARCHETYPES:
        model.add_archetype(name, day=200.0)
    model.run_to_end()
    release(model)
    for name in ARCHETYPES:
        hh = model.archetype(name)
        assert hh is not None and hh.onset == 200.0 and not hh.cohort
    assert summary(model)["households"] == run("baseline", seed=3, overrides=SMALL)["households"]


def test_same_archetype_same_life_in_another_scenario():
    _, _, base = journey({**SMALL}, "Hans", seed=2)
    _, _, other = journey({**SMALL, "reform.fixed_director": True, "work_income.staff": 3}, "Hans", seed=2)
    onsets = lambda ev: ev[ev.event == "onset"][["day", "detail"]].values.tolist()  # noqa: E731
    assert onsets(base)[:4] == onsets(other)[:4]
    assert counts(base) != counts(other)  # the system's response differs


def test_cli_journey_draws_the_timeline(tmp_path):
    out = tmp_path / "j"
    small = tmp_path / "small.toml"
    small.write_text('extends = "baseline"\n[region]\ninhabitants = 15000\n'
                     "[run]\nyears = 2.0\nwarmup_years = 0.5\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sim", "journey", str(small), "--household",
                             "Mr Jansen", "--out", str(out)], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out / "journey.png").stat().st_size > 10_000
    data = json.loads((out / "journey.json").read_text())
    assert data["organisations"] >= 1 and "observed" in data
    bad = subprocess.run([sys.executable, "-m", "sim", "journey", str(small), "--household", "Nobody"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode != 0 and "Hans" in bad.stderr and "Traceback" not in bad.stderr
