"""Shared pieces of the benchmark suite: a part's result, markdown tables, machine facts."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

OUT = Path("results/benchmarks")


@dataclass
class Check:
    """One benchmark target and whether this run met it (None: not measured)."""

    target: str
    measured: str
    passed: bool | None


@dataclass
class Part:
    key: str
    title: str
    markdown: str  # the part's section, without its heading
    checks: list[Check] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def section(self) -> str:
        return f"## {self.title}\n\n{self.markdown.strip()}\n"


def table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def verdict(passed: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "not judged"}[passed]


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> list[list[str]]:
    """Rows of (what, value) describing where the numbers come from."""
    versions = ", ".join(f"{d} {_version(d)}" for d in ("mesa", "numpy", "pandas", "ciw", "simpy"))
    return [["CPU", f"{_cpu_model()}, {os.cpu_count()} logical cores"],
            ["System", f"{platform.system()} {platform.release()} ({platform.machine()})"],
            ["Python", f"{platform.python_implementation()} {platform.python_version()}"],
            ["Packages", versions]]


def write(name: str, text: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(text, encoding="utf-8")
    return path


def standalone(part: Part, filename: str) -> None:
    """What a part does when run alone: print its section and write it to its own file."""
    body = part.markdown.strip() + "\n"
    if part.checks:
        body += "\n" + checks_table(part.checks) + "\n"
    path = write(filename, f"# Benchmark: {part.title}\n\n{body}")
    print(body)
    print(f"written to {path}")


def checks_table(checks: list[Check]) -> str:
    return table(["target", "measured", "met"],
                 [[c.target, c.measured, verdict(c.passed)] for c in checks])
