"""Periods a figure can refer to: a day, a month, a quarter, a year, or a range of those.

A period is written as text: `2023-09-06`, `2023-09`, `2024-Q1`, `2023`, or two of them
joined by a slash, `2025-03/2025-12`. Its precision is part of what a source says.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date
from typing import Literal

from generator import formatting

Precision = Literal["day", "month", "quarter", "year", "range"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")

PERIOD_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?(/\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?)?$"


class PeriodError(ValueError):
    """Text that is not a period, or names a day that does not exist."""


def _single_bounds(text: str) -> tuple[date, date]:
    try:
        if m := _DAY.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := _QUARTER.match(text):
            year, first = int(m[1]), 3 * int(m[2]) - 2
            last = first + 2
            return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
        if m := _YEAR.match(text):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError as error:  # month 13, 30 February ...
        raise PeriodError(f"{text!r} is not a real date ({error})") from None
    raise PeriodError(
        f"{text!r} is not a period; write a day (2023-09-06), a month (2023-09), "
        "a quarter (2024-Q1), a year (2023) or a range (2025-03/2025-12)"
    )


@functools.cache  # pure, and asked for the same few hundred periods 300.000 times
def period_bounds(period: str) -> tuple[date, date]:
    """First and last day a period covers."""
    start_text, _, end_text = period.partition("/")
    start, end = _single_bounds(start_text)
    if end_text:
        end = _single_bounds(end_text)[1]
        if end < start:
            raise PeriodError(f"{period!r} ends before it starts")
    return start, end


def period_precision(period: str) -> Precision:
    if "/" in period:
        return "range"
    if _DAY.match(period):
        return "day"
    if _MONTH.match(period):
        return "month"
    return "quarter" if _QUARTER.match(period) else "year"


def _single_label(text: str) -> str:
    if m := _DAY.match(text):
        return formatting.day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := _MONTH.match(text):
        return formatting.month(int(m[1]), int(m[2]))
    if m := _QUARTER.match(text):
        return formatting.quarter(int(m[1]), int(m[2]))
    return text


@functools.cache  # pure, and asked for the same few hundred periods 300.000 times
def period_label(period: str) -> str:
    """The period in Indonesian: `6 September 2023`, `Triwulan I 2024`, `Maret–Desember 2025`."""
    start, _, end = period.partition("/")
    if not end:
        return _single_label(start)
    start_label, end_label = _single_label(start), _single_label(end)
    start_words, end_words = start_label.split(), end_label.split()
    if start_words[-1] == end_words[-1] and len(start_words) > 1:
        start_label = " ".join(start_words[:-1])  # Maret–Desember 2025
    return f"{start_label}–{end_label}"


def normalize_period(value: object) -> str:
    """Accept a period as text, or a bare year that YAML read as a number."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if not isinstance(value, str):
        raise PeriodError(f"expected a period as text, got {type(value).__name__} {value!r}")
    period_bounds(value)
    return value
