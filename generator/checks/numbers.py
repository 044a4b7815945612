"""Numbers as sources publish them, and the precision that their digits imply."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import formatting
from generator.dataset.schema import Figure

_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(ribu|juta|miliar)?", re.IGNORECASE)
SCALES = {"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000}  # the words sources use


@dataclass(frozen=True)
class Interval:
    """The range of true values a rounded published number stands for."""

    low: float
    high: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __truediv__(self, other: Interval) -> Interval:
        return Interval(self.low / other.high, self.high / other.low)

    def scale(self, factor: float) -> Interval:
        return Interval(self.low * factor, self.high * factor)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


def parse_published(text: str) -> tuple[float, float] | None:
    """Value and rounding half-unit of an Indonesian number: '15,9 juta' -> (15.9e6, 0.05e6)."""
    match = _NUMBER.search(text)
    if not match:
        return None
    whole, fraction, word = match[1].replace(".", ""), match[2] or "", match[3]
    multiplier = SCALES[word.lower()] if word else 1
    value = float(f"{whole}.{fraction}" if fraction else whole) * multiplier
    half_unit = 0.5 * 10 ** -len(fraction) * multiplier
    return value, half_unit


def published_form(text: str) -> tuple[int, str | None]:
    """Decimals and scale word of a number as written: '17,60%' -> (2, None); '15,9 juta' -> (1,
    'juta'). A number shown to readers keeps this form: the source's own precision."""
    match = _NUMBER.search(text)
    if not match:
        return 0, None
    return len(match[2] or ""), (match[3].lower() if match[3] else None)


def interval(figure: Figure) -> Interval:
    """Where the true value lies, given how many digits the source published."""
    parsed = parse_published(figure.as_published)
    half_unit = parsed[1] if parsed else 0.5
    return Interval(figure.value - half_unit, figure.value + half_unit)


def format_number(value: float, decimals: int = 0) -> str:
    """Indonesian format for messages: 226.342 and 69,4."""
    return formatting.number(value, decimals)


def round_significant(value: float, digits: int = 3) -> float:
    """226342 -> 226000: an implied number is no more precise than what it came from."""
    return float(f"{value:.{digits}g}")
