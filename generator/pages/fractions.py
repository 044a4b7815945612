"""The numerator and denominator behind a percentage, where its source states or implies them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.checks.numbers import Interval, parse_published, published_form, round_significant
from generator.pages.filters import Markdown, angka, md_escape, persen
from generator.tables import FrameRow

COUNT_WORDS = {"active_participants": "peserta aktif", "participants": "peserta"}


# The figures a fraction may use: by source and period, each indicator's first figure for all
# segments together and neither the start nor the end of its period.
Statements = Mapping[tuple[str, str], Mapping[str, FrameRow]]


def statements(rows: Iterable[FrameRow]) -> Statements:
    """What `rows` (an area's figures) state, for coverage_fraction: built once per table."""
    stated: dict[tuple[str, str], dict[str, FrameRow]] = {}
    for row in rows:
        if row.segment is None and row.at is None:
            stated.setdefault((row.source, row.period), {}).setdefault(row.indicator, row)
    return stated


def _implied(value: float) -> str:
    return f"sekitar {angka(round_significant(value))}"


def _interval(row: FrameRow) -> Interval:
    parsed = parse_published(row.as_published)
    half = parsed[1] if parsed else 0.5
    return Interval(row.value - half, row.value + half)


def _stated_ratio(row: FrameRow, count: FrameRow, potential: FrameRow) -> Markdown:
    """Both parts stated: our quotient, and whether it agrees with the stated percentage."""
    share = count.value / potential.value * 100
    decimals = max(1, published_form(row.as_published)[0])
    ours = persen(round(share, decimals), decimals)
    quotient = (_interval(count) / _interval(potential)).scale(100)
    agrees = quotient.overlaps(_interval(row))
    verdict = (
        "sesuai dengan angka sumber dalam batas pembulatan"
        if agrees
        else "tidak sesuai dengan angka sumber"
    )
    return Markdown(
        f"{md_escape(count.as_published)} ({COUNT_WORDS[count.indicator]}) ÷ "
        f"{md_escape(potential.as_published)} (potensi pekerja), keduanya disebut sumber, "
        f"= {ours} (hitungan kami), {verdict}. Definisi potensi pekerja tidak dijelaskan sumber."
    )


def coverage_fraction(stated: Statements, row: FrameRow) -> Markdown | None:
    """'83.923 peserta aktif ÷ sekitar 414.000 potensi pekerja (tersirat)' for a coverage figure.

    Only figures from the same source, area and period count (`stated`: statements() of the
    area's figures): another source may divide by other potential workers. A percentage that
    is no ratio (a plain average) divides nothing.
    """
    if row.indicator != "coverage" or row.value <= 0 or isinstance(row.statistic, str):
        return None
    group = stated.get((row.source, row.period), {})
    share = row.value / 100
    count = next((group[i] for i in COUNT_WORDS if i in group), None)
    potential = group.get("potential_workers")
    gap, uncovered = group.get("coverage_gap"), group.get("uncovered_workers")
    if potential is not None and count is not None:
        return _stated_ratio(row, count, potential)
    if potential is not None:
        denominator = f"{md_escape(potential.as_published)} (potensi pekerja, disebut sumber)"
    elif count is not None:
        denominator = f"{_implied(count.value / share)} potensi pekerja (tersirat)"
    elif gap is not None and uncovered is not None and gap.value > 0:
        potential_value = uncovered.value / (gap.value / 100)
        denominator = f"{_implied(potential_value)} potensi pekerja (tersirat)"
    else:
        return None
    if count is not None:
        numerator = f"{md_escape(count.as_published)} ({COUNT_WORDS[count.indicator]})"
    else:
        numerator = f"{_implied(share * potential_value)} peserta (tersirat)"
    return Markdown(
        f"= {numerator} ÷ {denominator}. Angka tersirat dihitung dari angka lain sumber yang "
        "sama. Definisi potensi pekerja tidak dijelaskan sumber."
    )
