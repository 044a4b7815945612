"""Fixtures and command-line options shared by the whole test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    # pytest calls this hook once per conftest: add further options here, not in a second def.
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="Rewrite tests/fixtures/bad/*.expected from the loader's output; review the diff.",
    )


# --- dataset and checks: the mini dataset, and the bad-input expectations ---------------------


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --update-expected`: tests write what they expect instead of comparing."""
    return bool(request.config.getoption("--update-expected"))


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini/ that a test may edit; returns the data directory."""
    return Path(shutil.copytree(FIXTURES / "mini", tmp_path / "data"))
