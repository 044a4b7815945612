"""Numbers and dates as readers see them, in one locale, by Babel (CLDR data).

The site is Indonesian (`id_ID`); an English edition is another `locale`, not a rewrite. A number
keeps the precision its source published: callers pass the `decimals` of `as_published`
(`generator.checks.numbers.published_form`); without them a number shows the digits it has.
This module is the bottom layer: it imports nothing of the generator, so every step may use it.
"""

from __future__ import annotations

import copy
import functools
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import NumberPattern

LOCALE = "id_ID"

# CLDR's Indonesian quarter is "Kuartal ke-1"; BPS and BPJS Ketenagakerjaan, whose reports the
# site quotes, write "Triwulan I", and so does the site. Other languages take CLDR's word.
_QUARTERS = {"id": ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")}


@functools.cache
def _locale(locale: str) -> Locale:
    return Locale.parse(locale)


@functools.cache
def _pattern(locale: str, kind: str, decimals: int) -> NumberPattern:
    """The locale's decimal or percent pattern, showing exactly `decimals` fraction digits.

    CLDR's own patterns show up to three (`#,##0.###`) or none (`#,##0%`); a published 17,60%
    must stay 17,60%, so the fraction is fixed here and the rest (separators, grouping, the sign
    and where it goes) is the locale's. For id_ID that is `17,60%`, as the site has always written.
    """
    formats = (
        _locale(locale).percent_formats if kind == "percent" else _locale(locale).decimal_formats
    )
    pattern: NumberPattern = copy.copy(formats[None])
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _exact(value: float) -> Decimal:
    """The float's exact value, so rounding is the same as Python's `f"{value:.2f}"` (Babel
    would round `str(value)`: 69.45 to 69,4 where the float, 69.4500000000000028..., is 69,5).
    A negative zero shows as 0."""
    return Decimal(float(value) + 0.0)


def shown_decimals(value: float) -> int:
    """The fraction digits a number has when none were published: 15.9 -> 1, 2.0 -> 0."""
    if float(value).is_integer():
        return 0
    return max(0, -int(Decimal(repr(float(value))).as_tuple().exponent))


def number(value: float, decimals: int | None = None, locale: str = LOCALE) -> str:
    """226342 -> '226.342'; 15.9 -> '15,9'; 69.4 with 2 decimals -> '69,40'."""
    if decimals is None:
        decimals = shown_decimals(value)
    return str(_pattern(locale, "decimal", decimals).apply(_exact(value), _locale(locale)))


def percent(value: float, decimals: int | None = None, locale: str = LOCALE) -> str:
    """A value in percent: 69.4 -> '69,4%'; 17.6 with 2 decimals -> '17,60%'."""
    if decimals is None:
        decimals = shown_decimals(value)
    # The pattern's % multiplies by 100; scaleb(-2) divides first, exactly.
    return str(
        _pattern(locale, "percent", decimals).apply(_exact(value).scaleb(-2), _locale(locale))
    )


def scaled(value: float, scale: int, decimals: int | None = None, locale: str = LOCALE) -> str:
    """A number in a scale word the source used: 15900000 in millions -> '15,9 juta'.

    The word is CLDR's long compact form for that scale (`0 juta`, `0 ribu`, `0 miliar`), kept
    even where another scale would be shorter: the source's own form.
    """
    shown = value / scale
    digits = number(shown, decimals, locale)
    patterns = _locale(locale).compact_decimal_formats["long"]
    plural = _locale(locale).plural_form(abs(shown))
    pattern = (patterns.get(plural) or patterns["other"])[str(scale)]
    return f"{pattern.prefix[0]}{digits}{pattern.suffix[0]}"  # `digits` carries the sign


def day(when: date, locale: str = LOCALE) -> str:
    """'6 September 2023'."""
    return str(format_skeleton("yMMMMd", when, locale=locale))


def month(year: int, month: int, locale: str = LOCALE) -> str:
    """'September 2023'."""
    return str(format_skeleton("yMMMM", date(year, month, 1), locale=locale))


def quarter(year: int, quarter: int, locale: str = LOCALE) -> str:
    """'Triwulan I 2024'."""
    names = _QUARTERS.get(_locale(locale).language)
    if names:
        return f"{names[quarter - 1]} {year}"
    return str(format_skeleton("yQQQQ", date(year, 3 * quarter - 2, 1), locale=locale))
