"""Imports follow the data flow: no module imports a later step (#18)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Each part of the generator and its step; a part may import its own step's and earlier ones.
UTILITIES = ("formatting", "memory", "urls", "workers", "archive", "workbook", "progress",
             "project", "cache")  # fmt: skip
STEPS = {
    **dict.fromkeys(UTILITIES, 0),
    "dataset": 1,
    "checks": 2,
    "tables": 3,
    "charts": 4,
    "downloads": 4,
    "pages": 5,
    "site": 6,
    "build": 7,
    "cli": 8,
    "__main__": 9,
}
PACKAGE = ROOT / "generator"


def _part(module: str) -> str:
    """generator.charts.export -> charts; generator.build -> build."""
    return module.split(".")[1]


def _imported_parts(path: Path) -> set[str]:
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "generator":
            parts |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
            parts.add(_part(str(node.module)))
        elif isinstance(node, ast.Import):
            parts |= {_part(a.name) for a in node.names if a.name.startswith("generator.")}
    return parts


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_no_later_step(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    own = relative.parts[0].removesuffix(".py")
    assert own in STEPS, f"{relative}: a part with no step in STEPS"
    later = {part for part in _imported_parts(path) if STEPS.get(part, 99) > STEPS[own]}
    assert not later, f"{relative} imports {sorted(later)}, later than {own}"
