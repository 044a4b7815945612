"""Validating one file's data against the schema, with pydantic's errors in an editor's words.

Each error becomes a located Problem: the position of the offending value (or key), a field
path as the file writes it (`figures[0].unit`), a message that quotes what was found and says
what was expected, and a stable code.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import ValidationError

from generator.dataset.problems import Problem
from generator.dataset.schema import (
    SLUG_PATTERN,
    DataFile,
    Event,
    Figure,
    Office,
    Region,
    Revision,
    Series,
    Source,
)
from generator.dataset.yaml import FieldPath, ParsedFile

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "invalid-choice",
    "string_pattern_mismatch": "invalid-format",
    "string_too_short": "empty-value",
    "too_short": "empty-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "points_not_a_table": "type-error",
}
_CELLS = ("period", "value", "as_published")
_FIELD_NAMES: dict[str, set[str]] = {
    model.__name__: {f.alias or name for name, f in model.model_fields.items()}
    for model in (DataFile, Region, Office, Source, Figure, Series, Event, Revision)
}


def field_label(path: FieldPath) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _clean_loc(loc: tuple[Any, ...], data: Any, *, missing: bool) -> FieldPath:
    """The parts of pydantic's location that index into the data; the parts it adds for unions,
    validators and keys ('int', 'function-before[...]', '[key]') index nothing and are dropped.

    Walking the data, rather than matching those names, keeps a user's key such as 'int' or
    'a[b]'. A missing field is not in the data, so it is kept as the last part.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
    if missing and loc and (not path or path[-1] != loc[-1]):
        path.append(loc[-1])
    return tuple(path)


# How a type error names what was expected and what was found, in a data editor's words.
_TYPE_WORDS = {
    "bool": "true or false",
    "int": "a number",
    "float": "a number",
    "string": "text",
    "date": "a date (YYYY-MM-DD)",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
}


def _found(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _close_match(word: str, options: set[str] | list[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def _message(error: Any, path: FieldPath) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"required field {path[-1]!r} is missing"
    if kind == "extra_forbidden":
        allowed = set().union(*_FIELD_NAMES.values())
        return f"unknown field {path[-1]!r}{_close_match(str(path[-1]), allowed)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        return f"{value!r} is not one of {expected}{_close_match(str(value), options)}"
    if kind.endswith("_type") or kind.startswith("is_instance"):
        expected = kind.removesuffix("_type")
        return f"expected {_TYPE_WORDS.get(expected, expected)}, got {_found(value)}"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == SLUG_PATTERN:
        return f"{value!r} is not a slug: {_SLUG_WORDS}{_slug_suggestion(str(value))}"
    return str(error["msg"])


_SLUG_WORDS = "lowercase letters and digits in words joined by single hyphens"


def _slug_suggestion(text: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return f"; did you mean {slug!r}?" if slug else ""


def _schema_problems(parsed: ParsedFile, error: ValidationError) -> list[Problem]:
    problems = {}
    for item in error.errors():
        path = _clean_loc(item["loc"], parsed.data, missing=item["type"] == "missing")
        if item["type"] == "bad_rows":
            problems.update({(p.position, p.field): p for p in _row_problems(parsed, path, item)})
            continue
        code = _CODES.get(item["type"], item["type"].replace("_", "-"))
        if code.endswith("-type") or code.startswith("is-instance"):
            code = "type-error"
        at_key = item["type"] == "extra_forbidden" or item["loc"][-1:] == ("[key]",)
        position = parsed.position(path, at_key=at_key)
        problem = Problem(position, field_label(path), _message(item, path), code)
        problems.setdefault((position, problem.field), problem)  # unions repeat one problem
    return list(problems.values())


def _row_problems(parsed: ParsedFile, path: FieldPath, error: Any) -> list[Problem]:
    """The problems of a series' rows, each at its row and cell (generator.dataset.rows)."""
    return [
        Problem(
            parsed.in_block(path, line, cell), f"{field_label(path)}.{_CELLS[cell]}", text, code
        )
        for line, cell, code, text in error["ctx"]["rows"]
    ]


def validate_file(parsed: ParsedFile) -> DataFile | list[Problem]:
    try:
        return DataFile.model_validate(parsed.data)
    except ValidationError as error:
        return _schema_problems(parsed, error)
