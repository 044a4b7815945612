"""The generator type-checks under mypy's strict mode (configured in pyproject.toml)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from mypy import api

from tests.conftest import ROOT

# mypy's own cache, kept between runs outside the repository: a cold check takes a minute.
CACHE = Path(tempfile.gettempdir()) / "cakupan-bpjstk-mypy"


def test_the_generator_type_checks_strictly() -> None:
    config = str(ROOT / "pyproject.toml")
    arguments = ["--config-file", config, "--cache-dir", str(CACHE), str(ROOT / "generator")]
    report, errors, status = api.run(arguments)
    assert status == 0, report + errors
