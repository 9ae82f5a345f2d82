"""The structure of the code: layers, declared collaborators, one owner of the need states,
organisations declared once (a tenth facility), and reforms that the core never names."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import sim.mechanisms
import sim.policies
from conftest import SMALL
from sim.domains import CENTRE, Housing, Pot
from sim.mechanisms.base import Component
from sim.model import SocialDomainModel
from sim.organisations import DEFAULT, FacilitySpec
from sim.parameters import PARAMETERS, facility_parameters
from sim.policies.base import Policy
from sim.run import release

SIM = Path(sim.mechanisms.__file__).resolve().parent.parent
TOOLS = ("analysis", "app")
CORE_FILES = sorted(p for p in SIM.rglob("*.py")
                    if p.relative_to(SIM).parts[0] not in TOOLS and p.name != "cli.py")
MECHANISM_FILES = sorted((SIM / "mechanisms").glob("*.py")) + sorted((SIM / "policies").glob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imported_modules(path: Path) -> set[str]:
    pkg = ".".join(("sim",) + path.relative_to(SIM).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            else:
                out.add(node.module or "")
    return out


def test_core_never_imports_the_tools():
    for path in CORE_FILES:
        for module in _imported_modules(path):
            assert not any(module.startswith(f"sim.{t}") for t in TOOLS), \
                f"{path.relative_to(SIM)} imports {module}: the model may not depend on its tools"


def _components() -> dict[str, type]:
    for info in pkgutil.iter_modules(sim.mechanisms.__path__):
        importlib.import_module(f"sim.mechanisms.{info.name}")
    out = {cls.name: cls for cls in _subclasses(Component) if cls.name}
    return out


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub] + _subclasses(sub)
    return found


def _model_attributes(cls_node: ast.ClassDef) -> set[str]:
    """Every name reached as ``self.model.<name>`` or through ``m = self.model``."""
    aliases = {"m"}
    used = set()
    for node in ast.walk(cls_node):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "model" and isinstance(node.value.value, ast.Name) \
                and node.value.value.id == "self":
            used.add(node.attr)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in aliases:
            used.add(node.attr)
    return used


def test_mechanisms_call_only_their_declared_collaborators():
    components = _components()
    named = set(components) | {"policies"}
    by_class = {cls.__name__: cls for cls in [*components.values(), *_subclasses(Policy)]}
    checked = 0
    for path in MECHANISM_FILES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef) and node.name in by_class:
                cls = by_class[node.name]
                reached = _model_attributes(node) & named
                undeclared = reached - set(cls.uses) - {getattr(cls, "name", "")}
                assert not undeclared, f"{path.name}: {node.name} calls {sorted(undeclared)} " \
                                       f"without declaring them in `uses`"
                checked += 1
    assert checked >= len(components)  # every component was read


def test_no_mechanism_reaches_into_private_state():
    for path in MECHANISM_FILES + [SIM / "model.py", SIM / "rules.py"]:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                owner = node.value
                assert isinstance(owner, ast.Name) and owner.id in ("self", "cls"), \
                    f"{path.name}:{node.lineno} reaches into {ast.unparse(node)}"


def test_only_the_needs_component_writes_need_states():
    for path in CORE_FILES:
        for node in ast.walk(_tree(path)):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for t in targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Attribute) \
                        and t.value.attr == "need":
                    assert path.name == "needs.py", f"{path.name}:{t.lineno} writes a need state"


def test_the_core_never_names_a_reform_switch():
    for path in CORE_FILES:
        if path.parent.name == "policies" or path.name in ("parameters.py",):
            continue
        text = path.read_text(encoding="utf-8")
        assert '"reform.' not in text, f"{path.name} reads a reform switch; ask model.policies"


def test_every_reform_is_a_policy_with_a_switch():
    for cls in sim.policies.REFORMS:
        assert issubclass(cls, Policy) and cls.switch in PARAMETERS, cls


@pytest.fixture
def youth_shelter(monkeypatch):
    """A tenth facility: one organisation row and its parameters."""
    spec = FacilitySpec("youth_shelter", "youth_shelter", Pot.SHELTER, CENTRE,
                        residence=Housing.NIGHT_SHELTER, stock_profile="young_adult",
                        label="Youth shelter", colour="#117744")
    params = {p.key: p for p in facility_parameters("youth_shelter", "Youth shelter", 6, 90,
                                                    80.0)}
    monkeypatch.setattr("sim.parameters.PARAMETERS", {**PARAMETERS, **params})
    monkeypatch.setattr("sim.scenario.PARAMETERS", {**PARAMETERS, **params})
    monkeypatch.setattr("sim.model.PARAMETERS", {**PARAMETERS, **params})
    return DEFAULT.with_facility(spec)


def test_a_tenth_facility_is_one_row(youth_shelter, tmp_path):
    from sim.metrics import summary
    from sim.report import write_run

    model = SocialDomainModel("baseline", rng=1, overrides=SMALL, organisations=youth_shelter)
    model.run_to_end()
    release(model)
    fac = model.facilities["youth_shelter"]
    assert fac.queue.capacity == round(6 * SMALL["region.inhabitants"] / 55_000)
    assert len(model.facilities) == 10
    assert "queue.youth_shelter" in model.series[-1]
    assert max(row["occupied.youth_shelter"] for row in model.series) > 0  # households lived there
    result = summary(model)
    assert "youth_shelter" in result["waits_mean_days"]
    out = write_run(model, tmp_path / "run")
    assert (tmp_path / "run" / "queues.png").exists() and out["households"] >= 0


def test_the_app_charts_a_tenth_facility(youth_shelter):
    from sim.app import charts

    class World:
        def __init__(self, model):
            self.model = model
            self.history = [{"week": 0, "queues": {f: 0.0 for f in model.facilities}}]

    model = SocialDomainModel("baseline", rng=1, overrides=SMALL, organisations=youth_shelter)
    release(model)
    twin = type("Twin", (), {})()
    twin.worlds = {"baseline": World(model), "reform": World(model)}
    twin.week = 0
    opt = charts.queues(twin, "baseline")
    names = [s["name"] for s in opt["series"]]
    assert "youth shelter" in names and len(names) == 10
    colour = next(s["lineStyle"]["color"] for s in opt["series"] if s["name"] == "youth shelter")
    assert colour == "#117744"


def test_the_run_module_example_runs():
    import doctest

    import sim.run

    assert doctest.testmod(sim.run).failed == 0


def test_the_tools_read_the_event_log_only_through_the_metrics():
    tool_files = sorted(p for t in TOOLS for p in (SIM / t).rglob("*.py"))
    assert tool_files
    for path in tool_files:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr in ("arrays", "frame") \
                    and isinstance(node.value, ast.Attribute) and node.value.attr == "log":
                raise AssertionError(f"{path.name}:{node.lineno} reads the event log directly; "
                                     "use sim.metrics or sim.report")
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                    and not node.attr.startswith("__") and isinstance(node.value, ast.Name) \
                    and node.value.id in ("model", "m", "world"):
                raise AssertionError(f"{path.name}:{node.lineno} reaches into {ast.unparse(node)}")
