"""Babel's id_ID formatting writes exactly what the site wrote by hand before it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import formatting


def hand_number(value: float, decimals: int) -> str:
    """The site's former hand formatting (pages/filters.py `angka`), kept as the reference."""
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if value < 0 else ""
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, None, "0"),
        (1, None, "1"),
        (1234, None, "1.234"),
        (1234567, None, "1.234.567"),
        (226342, None, "226.342"),
        (15_900_000, None, "15.900.000"),
        (300_000_000, None, "300.000.000"),
        (17.6, None, "17,6"),
        (17.6, 2, "17,60"),
        (15.9, None, "15,9"),
        (2.0, None, "2"),
        (0.05, None, "0,05"),
        (-1, None, "-1"),
        (-1234.5, None, "-1.234,5"),
        (-0.5, None, "-0,5"),
        (-0.0, 1, "0,0"),
        (69.456, 1, "69,5"),
        (69.45, 1, "69,5"),  # the float is 69.4500000000000028...: rounded as Python rounds it
        (0.125, 2, "0,12"),  # an exact tie: to even, as Python
        (1234567.891, 0, "1.234.568"),
    ],
)
def test_number(value: float, decimals: int | None, expected: str) -> None:
    assert formatting.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (17.6, 2, "17,60%"),  # CLDR id: `#,##0%`, no space before the sign, as the site wrote
        (17.6, None, "17,6%"),
        (69.4, None, "69,4%"),
        (20.25, None, "20,25%"),
        (53, None, "53%"),
        (115, None, "115%"),
        (0, None, "0%"),
        (0.5, None, "0,5%"),
        (-2.5, None, "-2,5%"),
        (1234.5, 1, "1.234,5%"),
    ],
)
def test_percent(value: float, decimals: int | None, expected: str) -> None:
    assert formatting.percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "scale", "decimals", "expected"),
    [
        (15_900_000, 1_000_000, 1, "15,9 juta"),
        (15_900_000, 1_000_000, 2, "15,90 juta"),
        (4_400_000, 1_000_000, None, "4,4 juta"),
        (36_000, 1_000, 0, "36 ribu"),
        (1_500_000, 1_000, 0, "1.500 ribu"),  # the source's scale, not the shortest one
        (1_200_000_000, 1_000_000_000, 1, "1,2 miliar"),
        (-2_500_000, 1_000_000, 1, "-2,5 juta"),
    ],
)
def test_scaled(value: float, scale: int, decimals: int | None, expected: str) -> None:
    assert formatting.scaled(value, scale, decimals) == expected


MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


@pytest.mark.parametrize(("number", "name"), enumerate(MONTHS, start=1))
def test_dates_in_every_month(number: int, name: str) -> None:
    assert formatting.day(date(2023, number, 6)) == f"6 {name} 2023"
    assert formatting.day(date(2024, number, 28)) == f"28 {name} 2024"
    assert formatting.month(2023, number) == f"{name} 2023"


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (1, "Triwulan I 2024"),
        (2, "Triwulan II 2024"),
        (3, "Triwulan III 2024"),
        (4, "Triwulan IV 2024"),
    ],
)
def test_quarters_are_triwulan_as_the_sources_write_them(quarter: int, expected: str) -> None:
    assert formatting.quarter(2024, quarter) == expected


@given(
    st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(-1e9, 1e9, allow_nan=False).filter(lambda v: "e" not in repr(v)),
    ),
    st.integers(0, 4),
)
def test_number_agrees_with_the_former_hand_formatting(value: float, decimals: int) -> None:
    assert formatting.number(value, decimals) == hand_number(value + 0.0, decimals)
    assert formatting.percent(value, decimals) == hand_number(value + 0.0, decimals) + "%"


def test_another_edition_is_a_locale() -> None:
    assert formatting.number(1234567.5, 1, locale="en_GB") == "1,234,567.5"
    assert formatting.percent(17.6, 2, locale="en_GB") == "17.60%"
    assert formatting.scaled(15_900_000, 1_000_000, 1, locale="en_GB") == "15.9 million"
    assert formatting.day(date(2023, 9, 6), locale="en_GB") == "6 September 2023"
    assert formatting.month(2023, 9, locale="en_GB") == "September 2023"
    assert formatting.quarter(2024, 1, locale="en_GB") == "1st quarter 2024"
