"""The figures as Excel workbooks: typed cells (numbers, dates, true/false), a sheet that
describes the columns and the licence, and the same bytes for the same figures.

The CSV stays the machine-readable standard; this is for readers who open data in Excel or
LibreOffice, where a CSV's separator and decimal mark depend on the computer's language.

The workbook's XML is written here as text, one row at a time, rather than by openpyxl: at
national scale (300.000 figures, each in its area's workbook and in the whole dataset's, 27
columns) openpyxl's write-only mode took about 15 µs a cell, four minutes cold, where a row
written as text once takes microseconds and serves both workbooks. A row carries no `r`
(reference) attributes, which ECMA-376 makes optional (§18.3.1.4, §18.3.1.73): a cell is the one
after the previous, a row the one below, as Excel, LibreOffice, Google Sheets, openpyxl and
calamine read them; so the same row text is valid at any row of any sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from generator.archive import zip_bytes

# Typed columns a workbook adds after the downloads' columns: each period's first and last day.
DATE_COLUMNS = {
    "period_start": "hari pertama periode, sebagai tanggal / first day of the period, as a date",
    "period_end": "hari terakhir periode, sebagai tanggal / last day of the period, as a date",
}
# Characters that make a spreadsheet read a text cell as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CREATOR = "Cakupan BPJS Ketenagakerjaan"
FIXED_TIME = "2000-01-01T00:00:00Z"  # inside the file, so the same figures give the same bytes
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's serial dates (1900 system)
DATE_STYLE = 1  # the cellXfs entry below with number format 14, the reader's short date
# XML 1.0 forbids these; OOXML writes a character it cannot hold as _xHHHH_, which Excel shows
# as the character (openpyxl, as it reads, leaves the escape as it is).
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STYLES = (
    f'{XML_HEAD}<styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet must show it, never run it: a leading apostrophe before = + - @
    tab or CR. Every text cell of a download (CSV or workbook) goes through here."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _unwritable(match: re.Match[str]) -> str:
    return f"_x{ord(match[0]):04X}_"


def text_cell(value: str) -> str:
    """A cell holding `value` as text (made inert by spreadsheet_text), never a formula."""
    return inert_text_cell(spreadsheet_text(value))


def inert_text_cell(text: str) -> str:
    """text_cell of text already through spreadsheet_text."""
    if _SPECIAL.search(text):
        text = _UNWRITABLE.sub(_unwritable, escape(text, {"\r": "&#13;"}))
    if text[:1].isspace() or text[-1:].isspace():
        return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return plain_text_cell(text)


def plain_text_cell(text: str) -> str:
    """inert_text_cell of text with nothing to escape or preserve."""
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def date_cell(day: date) -> str:
    """A date as Excel stores one: days since its epoch, shown as the reader's short date."""
    return f'<c s="{DATE_STYLE}"><v>{(day - EXCEL_EPOCH).days}</v></c>'


def cell(value: Any) -> str:
    """One cell of any value a download holds: empty, true/false, a number, a date or text."""
    if value is None:
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f"<c><v>{value!r}</v></c>"
    if isinstance(value, date):
        return date_cell(value)
    return text_cell(str(value))


def row(values: Iterable[Any]) -> str:
    return "<row>" + "".join(cell(value) for value in values) + "</row>"


def _sheet(rows: str) -> bytes:
    return f'{XML_HEAD}<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def _package(names: list[str], title: str) -> list[tuple[str, bytes]]:
    """Every part of a workbook but its sheets' data: what Excel needs to open it."""
    sheets = range(1, len(names) + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in sheets
    )
    types = (
        f'{XML_HEAD}<Types xmlns="{PACKAGE}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        f'package.core-properties+xml"/>{overrides}</Types>'
    )
    package_rels = (
        f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{PACKAGE}/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'
    )
    core = (
        f'{XML_HEAD}<cp:coreProperties xmlns:cp="{PACKAGE}/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{CREATOR}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    listed = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in zip(sheets, names, strict=True)
    )
    book = f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{listed}</sheets></workbook>'
    book_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in sheets
    )
    styles_rel = f'<Relationship Id="rId{len(names) + 1}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": package_rels,
        "docProps/core.xml": core,
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
        f"{book_rels}{styles_rel}</Relationships>",
        "xl/styles.xml": STYLES,
    }
    return [(name, text.encode()) for name, text in parts.items()]


# Deflate's fastest level: the national synthetic dataset's workbooks hold 610 MB of sheet XML;
# the whole dataset's 277 MB deflate to 14.5 MB in 0.8 s at level 1, to 9.6 MB in 1.9 s at 6.
SHEET_LEVEL = 1


def workbook_file(sheets: dict[str, str], title: str) -> bytes:
    """An .xlsx of `sheets` (name -> its rows, each made by `row` or by joining cells), in order."""
    data = [
        (f"xl/worksheets/sheet{i}.xml", _sheet(rows))
        for i, rows in enumerate(sheets.values(), start=1)
    ]
    return zip_bytes([*_package(list(sheets), title), *data], level=SHEET_LEVEL)


def about_sheet(title: str, licence: str, columns: dict[str, str]) -> str:
    """The "Keterangan" sheet: the title, the licence, the credit and what each column holds."""
    rows = [
        [title],
        ["Lisensi / licence", licence],
        ["Kredit / credit", "Cakupan BPJS Ketenagakerjaan, dan sumber asli tiap angka"],
        [],
        ["Kolom / column", "Isi / meaning"],
        *([name, meaning] for name, meaning in columns.items()),
    ]
    return "".join(row(values) for values in rows)
