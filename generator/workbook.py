"""The figures as an Excel workbook: typed cells (numbers, dates, true/false), a sheet that
describes the columns and the licence, and the same bytes for the same figures.

The CSV stays the machine-readable standard; this is for readers who open data in Excel or
LibreOffice, where a CSV's separator and decimal mark depend on the computer's language.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from generator.dataset.periods import period_bounds

# Typed columns the workbook adds after the downloads' columns: each period's first and last day.
DATE_COLUMNS = {
    "period_start": "hari pertama periode, sebagai tanggal / first day of the period, as a date",
    "period_end": "hari terakhir periode, sebagai tanggal / last day of the period, as a date",
}
# Characters that make a spreadsheet read a text cell as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Fixed times inside the file, so the same figures give the same bytes (a reproducible build).
FIXED_TIME = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet must show it, never run it: a leading apostrophe before = + - @
    tab or CR. Every text cell of a workbook goes through here."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value  # numbers, booleans, dates and None keep their type


def workbook_row(record: dict[str, Any], columns: Iterable[str]) -> list[Any]:
    """A figure's record (downloads.figure_record) as cells, with its period as dates."""
    start, end = period_bounds(str(record["period"]))
    typed = {**record, "period_start": start, "period_end": end}
    return [_cell(typed[column]) for column in columns]


def _reproducible(data: bytes) -> bytes:
    """The workbook's zip again with fixed entry times and modification date (openpyxl writes
    the time of saving in both), in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(entry.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def workbook_file(
    records: list[dict[str, Any]], columns: dict[str, str], title: str, licence: str
) -> bytes:
    """An .xlsx: sheet "Angka" (one row a figure, `columns` then DATE_COLUMNS) and sheet
    "Keterangan" (what each column holds, and the licence)."""
    book = Workbook(write_only=True)
    book.properties.title = title
    book.properties.creator = "Cakupan BPJS Ketenagakerjaan"
    book.properties.created = book.properties.modified = FIXED_TIME
    names = [*columns, *DATE_COLUMNS]
    figures = book.create_sheet("Angka")
    figures.append(names)
    for record in records:
        figures.append(workbook_row(record, names))
    about = book.create_sheet("Keterangan")
    about.append([spreadsheet_text(title)])
    about.append(["Lisensi / licence", spreadsheet_text(licence)])
    about.append(["Kredit / credit", "Cakupan BPJS Ketenagakerjaan, dan sumber asli tiap angka"])
    about.append([])
    about.append(["Kolom / column", "Isi / meaning"])
    for name, meaning in {**columns, **DATE_COLUMNS}.items():
        about.append([name, spreadsheet_text(meaning)])
    stream = io.BytesIO()
    book.save(stream)
    return _reproducible(stream.getvalue())
