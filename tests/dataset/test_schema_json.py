"""Contract tests: the committed schema, field descriptions and problem codes stay documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.dataset.schema import DataFile, Event, Figure, Office, Region, ServiceArea, Source
from generator.site.write import schema_text

ROOT = Path(__file__).resolve().parents[2]
MODELS: tuple[type[BaseModel], ...] = (DataFile, Region, Office, ServiceArea, Source, Figure, Event)

# Quoted kebab-case words in the code that are not problem codes.
NOT_CODES = {"utf-8", "is-instance"}
# Codes built with an f-string in generator/dataset/references.py: f"unknown-{kind}".
BUILT_CODES = {"unknown-region", "unknown-area", "unknown-source"}


def test_committed_schema_json_matches_the_models() -> None:
    committed = (ROOT / "data" / "schema.json").read_text(encoding="utf-8")

    assert committed == schema_text(), (
        "data/schema.json is out of date; run `python -m generator schema` and commit it"
    )


@pytest.mark.parametrize(
    ("model", "name"),
    [(model, name) for model in MODELS for name in model.model_fields],
    ids=lambda value: value.__name__ if isinstance(value, type) else value,
)
def test_every_field_has_a_description(model: type[BaseModel], name: str) -> None:
    description = model.model_fields[name].description

    assert description and description.strip(), f"{model.__name__}.{name} has no description"


def _problem_codes() -> set[str]:
    """Every code the loader and the checks can report, read from their source."""
    sources = [*ROOT.glob("generator/dataset/*.py"), *ROOT.glob("generator/checks/*.py")]
    quoted = {
        word
        for path in sources
        for word in re.findall(
            r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"', path.read_text(encoding="utf-8")
        )
    }
    return (quoted - NOT_CODES) | BUILT_CODES


def test_problem_codes_are_found_in_the_source() -> None:
    codes = _problem_codes()

    assert {"duplicate-key", "not-integer", "total-mismatch", "sources-disagree"} <= codes
    assert {"unknown-area", "type-error", "invalid-utf8"} <= codes


def test_every_problem_code_is_documented_in_contributing() -> None:
    contributing = ROOT / "CONTRIBUTING.md"
    if not contributing.exists():
        pytest.skip("CONTRIBUTING.md does not exist yet; it will document every problem code")
    text = contributing.read_text(encoding="utf-8")

    missing = sorted(
        code
        for code in _problem_codes()
        if not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)
    )

    assert missing == [], f"problem codes not documented in CONTRIBUTING.md: {missing}"
