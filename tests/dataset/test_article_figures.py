"""Every coverage figure the source articles state, read independently of the dataset.

`ROWS` below was written from the source texts alone (kept in data/snapshots/, the copies
`check` verifies quotes against), without looking at data/figures, so it is a
second reading of the articles. Each row must be in the dataset (a lost or mistyped figure fails,
named by its row), and each figure in the dataset must be one of the rows (an invented or derived
number fails). A figure's quote must be a verbatim sentence of its source, and the quote and
`as_published` must show the number as the article prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from generator.dataset.load import load_dataset
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SNAPSHOTS = DATA / "snapshots"  # in the repository: the suite needs nothing beside it

S000 = "surya-2023-09-06"  # SURYA: Kantor Cabang Blitar, said Rabu (6/9/2023)
S001 = "tubankab-2024-05-30"  # Tubankab: Kantor Cabang Tuban, said Kamis (30/05), see below
S002 = "antara-jatim-2017"  # Antara Jatim: Kantor Cabang Blitar, "Rabu" in 2017
S003 = "hbnet-2023-06-09"  # HB.net: FGD with Pemkot Blitar, Jumat (9/6/2023)
S004 = "jatimtimes-2025-04-14"  # JatimTIMES: PKS with Pemkab Blitar, Senin (14/4/2025)
SHORT = {S000: "000", S001: "001", S002: "002", S003: "003", S004: "004"}

PERCENT = {"coverage", "coverage_target", "coverage_gap", "participant_growth"}


@dataclass(frozen=True)
class Row:
    source: str
    area: tuple[str, ...] | str  # a slug, or a tuple of region slugs for a joint figure
    indicator: str
    segment: str | None
    value: int | float
    written: str  # the number as the article prints it
    period: str | None  # None: the article's date is ambiguous, so the period is not compared
    at: str | None = None  # "start" / "end" of a "dari X menjadi Y" change
    approx: bool | None = False  # "sekitar"; None where the article says it both ways

    def __post_init__(self) -> None:
        if isinstance(self.area, str):
            object.__setattr__(self, "area", (self.area,))

    @property
    def id(self) -> str:
        parts = [SHORT[self.source], "+".join(self.area), self.indicator, self.segment, self.at]
        return ":".join(p for p in parts if p) + f"={self.written}"


KC_BLITAR, KC_TUBAN = "kantor-cabang-blitar", "kantor-cabang-tuban"
KAB_BLITAR, KOTA_BLITAR = "kabupaten-blitar", "kota-blitar"
TULUNGAGUNG, TRENGGALEK = "kabupaten-tulungagung", "kabupaten-trenggalek"
BOTH_BLITARS = (KOTA_BLITAR, KAB_BLITAR)  # 000 gives one count for the two jointly

ROWS = [
    # 000: everything is "saat ini"/"sekarang" in Hendra's statement of Rabu (6/9/2023); the
    # region and segment counts split that day's active total (102.434 + 83.923 + 39.985 and
    # 124.118 + 40.399 + 61.825 both make 226.342), so they are active participants that day.
    # The Jatim figures are in the same present-tense quote, so they take the same day.
    Row(S000, KC_BLITAR, "coverage", None, 33, "33", "2023-09-06", approx=None),
    Row(S000, KC_BLITAR, "active_participants", None, 226342, "226.342", "2023-09-06"),
    Row(S000, BOTH_BLITARS, "active_participants", None, 102434, "102.434", "2023-09-06"),
    Row(S000, TULUNGAGUNG, "active_participants", None, 83923, "83.923", "2023-09-06"),
    Row(S000, TRENGGALEK, "active_participants", None, 39985, "39.985", "2023-09-06"),
    Row(S000, KC_BLITAR, "active_participants", "pu", 124118, "124.118", "2023-09-06"),
    Row(S000, KC_BLITAR, "active_participants", "bpu", 40399, "40.399", "2023-09-06"),
    Row(S000, KC_BLITAR, "active_participants", "jakon", 61825, "61.825", "2023-09-06"),
    Row(S000, KAB_BLITAR, "coverage", None, 18.6, "18,6", "2023-09-06", approx=True),
    Row(S000, KOTA_BLITAR, "coverage", None, 69.4, "69,4", "2023-09-06", approx=True),
    Row(S000, TULUNGAGUNG, "coverage", None, 20.25, "20,25", "2023-09-06"),
    Row(S000, TRENGGALEK, "coverage", None, 22.71, "22,71", "2023-09-06"),
    Row(S000, "jawa-timur", "coverage", None, 27, "27", "2023-09-06", approx=True),
    Row(S000, "jawa-timur", "potential_workers", None, 15_900_000, "15,9 juta", "2023-09-06"),
    Row(S000, "jawa-timur", "participants", None, 4_400_000, "4,4 juta", "2023-09-06"),
    # 001: the lead puts the BPU growth "selama triwulan pertama 2024". The interview date
    # "Kamis (30/05)" has no year; 30 May 2024 is a Thursday and the article reports Q1 2024
    # data, so "tahun lalu" is 2023 and "tahun ini" 2024. "Pekerja formal" is read as PU.
    # The PU change is "peserta aktif 2023 ... dari 38.859 menjadi 49.258": over 2023, or 2023
    # against an earlier year ("juga" ties it to the Q1 2024 growth)? Ambiguous, so no period.
    Row(S001, KC_TUBAN, "participant_growth", "bpu", 115, "115", "2024-Q1"),
    Row(S001, KC_TUBAN, "participants", "bpu", 19619, "19.619", "2024-Q1", at="start"),
    Row(S001, KC_TUBAN, "participants", "bpu", 42275, "42.275", "2024-Q1", at="end"),
    Row(S001, KC_TUBAN, "participant_growth", "pu", 27, "27", None),
    Row(S001, KC_TUBAN, "active_participants", "pu", 38859, "38.859", None, at="start"),
    Row(S001, KC_TUBAN, "active_participants", "pu", 49258, "49.258", None, at="end"),
    Row(S001, "kabupaten-tuban", "funded_workers", None, 12779, "12.779", "2023"),  # petani
    Row(S001, "kabupaten-tuban", "funded_workers_planned", None, 20000, "20 ribu", "2024"),
    # 002: undated "Rabu"; the article says "Pada 2017 ini" (and is © 2017), so year only.
    Row(S002, KC_BLITAR, "business_entities", None, 2200, "2.200", "2017"),
    Row(S002, KC_BLITAR, "participants", None, 36000, "36 ribu", "2017"),
    Row(S002, KC_BLITAR, "new_participant_target", None, 12000, "12 ribu", "2017"),
    # 003: "masih 53 persen" at the FGD of Jumat (9/6/2023).
    Row(S003, KOTA_BLITAR, "coverage", None, 53, "53", "2023-06-09"),
    # 004: "Saat ini" in the report of the signing on Senin (14/4/2025). The 8.125 workers are
    # to be enrolled ("akan didaftarkan") under the agreement with the Pemkab for Maret-Desember
    # 2025; the article does not say who pays. The 100.155
    # "belum terdaftar" are the 14,34% gap to the target, as the article words it.
    Row(S004, KAB_BLITAR, "planned_enrolments", None, 8125, "8.125", "2025-03/2025-12"),
    Row(S004, KAB_BLITAR, "coverage_target", None, 31.94, "31,94", "2025"),
    Row(S004, KAB_BLITAR, "coverage", None, 17.6, "17,60", "2025-04-14"),
    Row(S004, KAB_BLITAR, "coverage_gap", None, 14.34, "14,34", "2025-04-14"),
    Row(S004, KAB_BLITAR, "uncovered_workers", None, 100155, "100.155", "2025-04-14", approx=True),
]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


@cache
def source_text(source: str) -> str:
    return squash((SNAPSHOTS / f"{source}.txt").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


def shows(text: str, written: str) -> bool:
    """`written` appears in `text` as a whole number, not inside a longer one."""
    return re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", text) is not None


def same_value(row: Row, figure: Figure) -> bool:
    if row.indicator in PERCENT:
        return figure.value == pytest.approx(row.value, abs=1e-9)
    return figure.value == row.value


def same_thing(row: Row, figure: Figure, dataset: Dataset) -> bool:
    """Same source, area (joint areas in any order), indicator and segment."""
    return (
        figure.source == row.source
        and sorted(figure.area) == sorted(row.area)
        and figure.indicator == row.indicator
        and figure.segment == row.segment
    )


def matches(row: Row, figure: Figure, dataset: Dataset) -> bool:
    return (
        same_thing(row, figure, dataset)
        and same_value(row, figure)
        and (row.period is None or figure.period == row.period)
        and figure.at == row.at
        and (row.approx is None or figure.is_approximate == row.approx)
    )


def describe(figure: Figure) -> str:
    return (
        f"{figure.key}: value={figure.value!r} period={figure.period} at={figure.at} "
        f"approx={figure.is_approximate}"
    )


def test_rows_are_distinct() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_article_figure_is_in_dataset(row: Row, dataset: Dataset) -> None:
    found = [f for f in dataset.figures if matches(row, f, dataset)]
    near = [describe(f) for f in dataset.figures if same_thing(row, f, dataset)]
    assert found, f"{row.written!r} from {row.source} is missing; same area/indicator: {near}"
    text = source_text(row.source)
    for figure in found:
        quote = squash(figure.quote)
        assert quote in text, f"{figure.key}: quote is not verbatim in {row.source}: {quote!r}"
        assert shows(quote, row.written), f"{figure.key}: quote lacks {row.written!r}: {quote!r}"
        assert shows(figure.as_published, row.written), (
            f"{figure.key}: as_published {figure.as_published!r} is not {row.written!r}"
        )


def test_every_dataset_figure_is_in_an_article(dataset: Dataset) -> None:
    unknown = [
        describe(f) for f in dataset.figures if not any(matches(r, f, dataset) for r in ROWS)
    ]
    assert not unknown, "figures no article row accounts for:\n" + "\n".join(unknown)
