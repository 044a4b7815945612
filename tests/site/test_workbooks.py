"""Excel-ready downloads: an .xlsx per area page and for the whole dataset, its numbers the
dataset's numbers, its dates dates, its columns and licence described, nothing runnable."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from generator import downloads, workbook
from generator.dataset.load import load_dataset
from generator.dataset.periods import period_bounds
from generator.downloads import COLUMNS, FIGURE_COLUMNS, LICENCE, SOURCE_TABLE_COLUMNS
from generator.workbook import DATE_COLUMNS, spreadsheet_text
from tests.conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return list(book[sheet].iter_rows(values_only=True))


def test_the_whole_dataset_workbook_holds_every_figure_typed(built_site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    header, *rows = _sheet_rows(built_site / "unduh" / "semua-angka.xlsx", "Angka")
    assert list(header) == [*FIGURE_COLUMNS, *DATE_COLUMNS]  # sources in their own sheet
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


def test_the_whole_dataset_workbook_holds_each_source_once(built_site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    header, *rows = _sheet_rows(built_site / "unduh" / "semua-angka.xlsx", "Sumber")
    assert list(header) == list(SOURCE_TABLE_COLUMNS)
    assert [row[0] for row in rows] == sorted({figure.source for figure in dataset.figures})
    (_, publisher, title, *_) = next(row for row in rows if row[0] == "hbnet-2023-06-09")
    source = dataset.sources["hbnet-2023-06-09"]
    assert (publisher, title) == (source.publisher, source.title)


HOSTILE = ["=HYPERLINK(\"x\")", "+62", "a & b < c > d", " spasi di tepi ", "baris\r\nbaru",
           "\x01kendali\x1f", "_x0041_ harfiah", "kutip \"ganda\" dan 'tunggal'", "é ß 中"]  # fmt: skip


def test_text_cells_read_back_as_written_and_never_as_a_formula() -> None:
    values = [*HOSTILE, 5, 2.5, -1.25, True, False, None, datetime(2024, 2, 29).date()]
    sheets = {"Angka": workbook.row(values)}
    made = workbook.workbook_file(sheets, "Uji & <judul>")
    assert made == workbook.workbook_file(sheets, "Uji & <judul>")
    book = openpyxl.load_workbook(io.BytesIO(made))
    cells = next(book["Angka"].iter_rows())
    read = [cell.value for cell in cells]
    texts = [spreadsheet_text(v) for v in HOSTILE]
    texts[5] = "_x0001_kendali_x001F_"  # how OOXML holds what XML cannot; Excel shows the control
    assert read[: len(HOSTILE)] == texts
    assert read[len(HOSTILE) :] == [5, 2.5, -1.25, True, False, None, datetime(2024, 2, 29)]
    assert all(cell.data_type != "f" for cell in cells)
    assert book.properties.title == "Uji & <judul>"


def test_an_area_workbook_row_equals_the_figure_record() -> None:
    dataset = load_dataset(ROOT / "data")
    files = downloads.download_files(dataset, ["kota-blitar"])
    book = openpyxl.load_workbook(io.BytesIO(files["unduh/wilayah/kota-blitar.xlsx"]))
    header, *rows = book["Angka"].iter_rows(values_only=True)
    assert list(header) == [*COLUMNS, *DATE_COLUMNS]
    figures = sorted((f for f in dataset.figures if "kota-blitar" in f.area), key=downloads._order)
    for figure, row in zip(figures, rows, strict=True):
        record = downloads.figure_record(dataset, figure)
        expected = [spreadsheet_text(v) if isinstance(v, str) else v for v in record.values()]
        assert list(row[: len(COLUMNS)]) == expected
        assert [d.date() for d in row[len(COLUMNS) :]] == list(period_bounds(figure.period))
