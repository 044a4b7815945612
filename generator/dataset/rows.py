"""A series' points: the rows of a table, one line each, checked with plain code.

    points: |
      2024-01  17.5
      2024-02  17.60  17,60
      2024-03  1250   1,25 ribu

A row is a period, the value (digits, a decimal point: no thousands separators) and, only where
the source prints it differently from the value's plain Indonesian form (`17.5` -> `17,5`,
`226342` -> `226.342`), the text as published: the rest of the line, spaces allowed. Blank lines
are skipped.

Why a literal block and not a YAML list per row (`- [2024-01, 17.5]`): libyaml builds a node,
two marks and a resolver call per cell, which made flow rows cost 57 µs a row on this machine
(2 cores, shared), 17 s for the 293,000 points of the synthetic national dataset; the block is
one YAML scalar, and splitting its lines costs a few µs a row. A series is validated once by its
model; its rows are checked here without a pydantic model each (generator.dataset.series builds
the figures).
"""

from __future__ import annotations

import math
import re

from generator.dataset.periods import PeriodError, normalize_period
from generator.dataset.vocabulary import COUNT_UNITS, INDICATORS, MAX_COUNT

# period, value, as published, line of the row within the block (0 for the first)
Point = tuple[str, int | float, str, int]
# line within the block, cell (0 period, 1 value, 2 as published), code, message
RowProblem = tuple[int, int, str, str]

_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def value_problem(
    value: int | float, unit: str | None, indicator: str | None
) -> tuple[str, str] | None:
    """(code, message) when a value cannot be one of `indicator` in `unit`; None when it can."""
    if unit in COUNT_UNITS and not isinstance(value, int):
        return "not-integer", (
            f"{value!r} is not a whole number; a count is written without thousands "
            "separators (1234, not 1.234 or 1,234)"
        )
    if unit in COUNT_UNITS and value > MAX_COUNT:
        return "out-of-range", (
            f"{value!r} is more than Indonesia's population ({MAX_COUNT:,}): a digit too many?"
        )
    known = INDICATORS.get(str(indicator))
    if known and not _within(value, known.minimum, known.maximum):
        high = "" if known.maximum is None else known.maximum
        return "out-of-range", f"{value!r} is outside {known.minimum}..{high} for {indicator}"
    return None


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def plain_rendering(number: str) -> str:
    """A value as written in a row, in Indonesian form: '226342' -> '226.342', '17.50' -> '17,50'."""
    whole, _, fraction = number.partition(".")
    if len(whole) > 3 + whole.startswith("-"):
        whole = f"{int(whole):,}".replace(",", ".")
    return whole + ("," + fraction if fraction else "")


def _value(text: str) -> int | float | None:
    if text.isascii() and text.isdigit():  # the common case first: a count
        return int(text)
    if not _NUMBER.fullmatch(text):
        return None
    return float(text) if "." in text else int(text)


def _not_a_number(text: str) -> str:
    hint = (
        "; write the value with a decimal point (17.5) and, after it, the text as published"
        if "," in text
        else "; a row is: period, value, and the text as published where it differs"
    )
    return f"{text!r} is not a number{hint}"


def _bad_row(cells: list[str], unit: str | None, indicator: str | None) -> tuple[int, str, str]:
    """(cell, code, message) of a row that `parse_points` found wrong."""
    if len(cells) < 2:
        message = f"the row {cells[0]!r} has no value; a row is: period value [as published]"
        return 0, "missing-field", message
    try:
        normalize_period(cells[0])
    except PeriodError as error:
        return 0, "invalid-date", str(error)
    value = _value(cells[1])
    if value is None:
        return 1, "type-error", _not_a_number(cells[1])
    problem = value_problem(value, unit, indicator)
    assert problem is not None, "a row found wrong has no problem"
    return 1, *problem


class _Bounds:
    """What a series' values must be, worked out once for its rows."""

    def __init__(self, unit: str | None, indicator: str | None) -> None:
        known = INDICATORS.get(str(indicator))
        self.is_count = unit in COUNT_UNITS
        low = known.minimum if known else None
        high = known.maximum if known else None
        if self.is_count:
            high = MAX_COUNT if high is None else min(high, MAX_COUNT)
        self.low = -math.inf if low is None else low
        self.high = math.inf if high is None else high

    def admit(self, value: int | float) -> bool:
        return (not self.is_count or isinstance(value, int)) and self.low <= value <= self.high


def _period(text: str, known: dict[str, str]) -> str | None:
    if text not in known:
        try:
            known[text] = normalize_period(text)
        except PeriodError:
            return None
    return known[text]


def parse_points(
    text: str, unit: str | None, indicator: str | None
) -> tuple[tuple[Point, ...], list[RowProblem]]:
    """Every row of a points table, checked; and a problem for each row that is wrong.

    The rows of 30,000 series pass here, so the common case is a tight loop of plain checks,
    and a wrong row is looked at again by `_bad_row` for its message.
    """
    points: list[Point] = []
    problems: list[RowProblem] = []
    first_line: dict[str, int] = {}
    bounds = _Bounds(unit, indicator)
    known = _KNOWN_PERIODS
    for line, row in enumerate(text.split("\n")):
        cells = row.split(None, 2)
        if not cells:
            continue
        period = known.get(cells[0]) or _period(cells[0], known) if len(cells) > 1 else None
        value = _value(cells[1]) if period is not None else None
        if value is None or not bounds.admit(value):
            problems.append((line, *_bad_row(cells, unit, indicator)))
            continue
        if (first := first_line.setdefault(period, line)) != line:  # type: ignore[arg-type]
            message = (
                f"period {period!r} is given twice in this series ({line - first} lines above)"
            )
            problems.append((line, 0, "duplicate-period", message))
            continue
        published = cells[2] if len(cells) > 2 else plain_rendering(cells[1])
        points.append((period, value, published, line))  # type: ignore[arg-type]
    return tuple(points), problems


# Periods already found valid, by their text: a dataset has a few hundred, in 300,000 rows.
_KNOWN_PERIODS: dict[str, str] = {}
