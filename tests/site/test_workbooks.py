"""Excel-ready downloads: an .xlsx per area page and for the whole dataset, its numbers the
dataset's numbers, its dates dates, its columns and licence described, nothing runnable."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from generator.dataset.load import load_dataset
from generator.dataset.periods import period_bounds
from generator.downloads import COLUMNS, LICENCE, figure_record
from generator.workbook import DATE_COLUMNS, spreadsheet_text, workbook_file
from tests.conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return list(book[sheet].iter_rows(values_only=True))


def test_the_whole_dataset_workbook_holds_every_figure_typed(built_site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    header, *rows = _sheet_rows(built_site / "unduh" / "semua-angka.xlsx", "Angka")
    assert list(header) == [*COLUMNS, *DATE_COLUMNS]
    by_key = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_key) == {figure.key for figure in dataset.figures}
    for figure in dataset.figures:
        row = by_key[figure.key]
        assert row["value"] == figure.value and isinstance(row["value"], int | float), row
        assert row["is_approximate"] is figure.is_approximate
        start, end = period_bounds(figure.period)
        assert row["period_start"] == datetime.combine(start, datetime.min.time())
        assert row["period_end"] == datetime.combine(end, datetime.min.time())
    about = [cell for row in _sheet_rows(built_site / "unduh" / "semua-angka.xlsx", "Keterangan")
             for cell in row if cell]  # fmt: skip
    assert LICENCE in about and all(column in about for column in [*COLUMNS, *DATE_COLUMNS])


def test_each_area_page_links_its_own_workbook(built_site: Path) -> None:
    page = (built_site / "wilayah" / "kota-blitar" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../unduh/wilayah/kota-blitar.xlsx"' in page
    header, *rows = _sheet_rows(built_site / "unduh" / "wilayah" / "kota-blitar.xlsx", "Angka")
    areas = {row[list(header).index("area")] for row in rows}
    assert rows and all("kota-blitar" in str(area).split("+") for area in areas), areas


@pytest.mark.parametrize(
    ("text", "shown"),
    [("=1+1", "'=1+1"), ("+62", "'+62"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("Kota Blitar", "Kota Blitar"), ("5-6", "5-6")],
)  # fmt: skip
def test_a_text_cell_never_starts_a_formula(text: str, shown: str) -> None:
    assert spreadsheet_text(text) == shown


def test_a_workbook_writes_hostile_text_as_text_and_the_same_bytes_twice() -> None:
    dataset = load_dataset(ROOT / "data")
    record = {**figure_record(dataset, dataset.figures[0]), "quote": '=HYPERLINK("x")'}
    made = workbook_file([record], COLUMNS, "Uji", LICENCE)
    assert made == workbook_file([record], COLUMNS, "Uji", LICENCE)
    book = openpyxl.load_workbook(io.BytesIO(made))
    quote = book["Angka"].cell(row=2, column=list(COLUMNS).index("quote") + 1)
    assert quote.data_type == "s" and quote.value == '\'=HYPERLINK("x")'


def test_a_rebuild_writes_only_the_workbooks_whose_figures_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator import downloads
    from generator.pages.site import areas_with_pages

    dataset = load_dataset(ROOT / "data")
    slugs = areas_with_pages(dataset)
    parts = {
        area: downloads.area_part(dataset, figures)
        for area, figures in downloads.figures_by_area(dataset).items()
    }
    cache: dict[str, bytes] = {}
    first = downloads.workbook_files(dataset, slugs, parts, cache)
    written: list[str] = []
    make = downloads.workbook_file
    monkeypatch.setattr(downloads, "workbook_file", lambda *a: written.append(a[2]) or make(*a))
    assert downloads.workbook_files(dataset, slugs, parts, cache) == first
    assert written == []
    area = next(area for area in parts if area == "kota-blitar")
    csv, lines = parts[area]
    changed = {**parts, area: (csv.replace("69.4", "69.5"), lines)}
    downloads.workbook_files(dataset, slugs, changed, cache)
    assert sorted(written) == sorted(["Semua angka", "Kota Blitar"])
