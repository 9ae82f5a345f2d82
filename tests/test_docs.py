"""Generated documents match the code, and every declared parameter is used by the model."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL
from sim.archetypes import ARCHETYPES
from sim.model import SocialDomainModel
from sim.paramdocs import baseline_toml, parameters_markdown
from sim.parameters import PARAMETERS
from sim.run import release

ROOT = Path(__file__).resolve().parent.parent


def test_generated_documents_are_current():
    hint = "regenerate with `sim params --write`"
    assert (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8") == parameters_markdown(), hint
    assert (ROOT / "scenarios" / "baseline.toml").read_text(encoding="utf-8") == baseline_toml(), hint


def test_every_parameter_has_unit_source_and_sensible_range():
    for key, p in PARAMETERS.items():
        assert p.unit and p.source and p.doc, key
        if p.range is not None and p.bounds is not None:
            assert p.bounds[0] <= p.range[0] < p.range[1] <= p.bounds[1], key  # a real range
            if not isinstance(p.default, bool):
                assert p.bounds[0] <= p.default <= p.bounds[1], key


class Recording(dict):
    read: set = set()

    def __getitem__(self, key):
        Recording.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        Recording.read.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        Recording.read.add(key)
        return super().__contains__(key)


class RecordingModel(SocialDomainModel):
    _param_store = Recording


def test_no_parameter_is_declared_but_unused():
    Recording.read = set()
    reforms = {"reform.fixed_director": True, "reform.one_budget": True,
               "reform.joint_insurer_budget": True, "reform.escalation": True,
               "reform.broad_intake": True, "reform.postal_address_home": True,
               "reform.housing_first": True, "reform.enforce_deadlines": True,
               "director.discretionary_budget": 1000.0}
    for overrides in ({}, reforms):
        model = RecordingModel("baseline", rng=2, overrides={**SMALL, **overrides})
        for name in ARCHETYPES:  # the named households' parameters are read when they arrive
            model.add_archetype(name)
        model.run_to_end()
        release(model)
    unused = sorted(set(PARAMETERS) - Recording.read)
    assert unused == []
