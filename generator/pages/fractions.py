"""The numerator and denominator behind a percentage, where its source states or implies them."""

from __future__ import annotations

import pandas as pd

from generator.checks.numbers import round_significant
from generator.pages.filters import Markdown, angka, md_escape

COUNT_WORDS = {"active_participants": "peserta aktif", "participants": "peserta"}


def _stated(group: pd.DataFrame, indicator: str) -> pd.Series | None:
    rows = group[group["indicator"] == indicator]
    return rows.iloc[0] if not rows.empty else None


def _implied(value: float) -> str:
    return f"sekitar {angka(round_significant(value))}"


def coverage_fraction(area_rows: pd.DataFrame, row: pd.Series) -> Markdown | None:
    """'83.923 peserta aktif ÷ sekitar 414.000 potensi pekerja (tersirat)' for a coverage figure.

    Only figures from the same source, area and period count: another source may divide by
    other potential workers.
    """
    if row["indicator"] != "coverage" or row["value"] <= 0:
        return None
    group = area_rows[
        (area_rows["source"] == row["source"])
        & (area_rows["period"] == row["period"])
        & area_rows["segment"].isna()
        & area_rows["at"].isna()
    ]
    share = row["value"] / 100
    count = next((c for i in COUNT_WORDS if (c := _stated(group, i)) is not None), None)
    potential = _stated(group, "potential_workers")
    gap, uncovered = _stated(group, "coverage_gap"), _stated(group, "uncovered_workers")
    if potential is not None:
        denominator = f"{md_escape(potential['as_published'])} (potensi pekerja, disebut sumber)"
    elif count is not None:
        denominator = f"{_implied(count['value'] / share)} potensi pekerja (tersirat)"
    elif gap is not None and uncovered is not None and gap["value"] > 0:
        potential_value = uncovered["value"] / (gap["value"] / 100)
        denominator = f"{_implied(potential_value)} potensi pekerja (tersirat)"
    else:
        return None
    if count is not None:
        numerator = f"{md_escape(count['as_published'])} ({COUNT_WORDS[count['indicator']]})"
    else:
        numerator = f"{_implied(share * potential_value)} peserta (tersirat)"
    how = ""
    if potential is None or count is None:
        how = " Angka tersirat dihitung dari angka lain sumber yang sama."
    return Markdown(
        f"= {numerator} ÷ {denominator}.{how} Definisi potensi pekerja tidak dijelaskan sumber."
    )
