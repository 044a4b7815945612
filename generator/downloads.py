"""The dataset as files readers download: each area's figures (CSV, JSON, Excel) and the whole
dataset (zipped CSV and JSON, Excel), with a README and the sources table.

An area's workbook stands alone: a journalist who opens it finds each figure's source named on
its row. Its CSV and JSON are for machines, and like the whole dataset's they hold each source
once: the CSV names it by `source_id`, joined with the sources table (`sumber.csv`, the same in
the whole dataset's zip), and the JSON holds the sources it cites. At national scale an area's
434 figures come from a few reports, whose titles on every CSV row were 24 MB of the site. The
whole dataset (300.000 figures) comes zipped: deflate takes the repeated words of the quotes
from 130 MB to 9 MB.

Every figure is turned into text once, in one pass (`figure_texts`): its CSV line, JSON row and
workbook row, each written by a template with the parts figures share (an area, an indicator,
a period, a source) formatted once. A file joins the texts it needs. Made this way, the
downloads of the national synthetic dataset take a few seconds cold where a csv writer,
json.dumps and openpyxl per figure took minutes, so nothing is kept between builds.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from generator import workbook
from generator.archive import zip_bytes
from generator.checks.numbers import published_form
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.schema import Figure, Source
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, segment_label
from generator.urls import DOWNLOADS_DIR, download_path
from generator.workbook import DATE_COLUMNS, spreadsheet_text

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
WHOLE_DATASET = f"{DOWNLOADS_DIR}/semua-angka"
WHOLE_CSV = f"{WHOLE_DATASET}-csv.zip"  # semua-angka.csv and sumber.csv
WHOLE_JSON = f"{WHOLE_DATASET}-json.zip"  # semua-angka.json
WHOLE_XLSX = f"{WHOLE_DATASET}.xlsx"
SOURCES_TABLE = "sumber.csv"
SOURCES_FILE = f"{DOWNLOADS_DIR}/{SOURCES_TABLE}"
# Column, and what it holds (Indonesian, then English) for the README. A figure's own columns:
FIGURE_COLUMNS: dict[str, str] = {
    "key": "pengenal tetap angka; jangkar #angka-<key> di halaman wilayah / stable id, page anchor",
    "area": "slug wilayah atau kantor cabang; angka gabungan: slug digabung '+' / area slug(s)",
    "area_name": "nama wilayah / area name",
    "indicator": "kode indikator / indicator code",
    "indicator_label": "nama indikator / indicator label",
    "segment": "segmen peserta (pu, bpu, jakon, pmi) atau kosong / segment or empty",
    "segment_label": "nama segmen / segment label",
    "value": "nilai, angka dengan titik desimal / value, dot as decimal mark",
    "unit": "satuan: persen, orang, badan usaha / unit",
    "decimals": "jumlah desimal yang ditulis sumber (17,60% -> 2) / decimals the source wrote",
    "as_published": "nilai persis seperti tertulis di sumber / value as the source wrote it",
    "statistic": "unweighted_average bila persentase ini rata-rata tanpa bobot, bukan rasio / "
    "unweighted_average when the percentage is a plain mean, not a ratio",
    "is_approximate": "true bila sumber menyebut 'sekitar' / true when the source says 'about'",
    "period": "periode: hari, bulan, triwulan, tahun atau rentang / period the figure refers to",
    "period_label": "periode dalam bahasa Indonesia / period in Indonesian",
    "at": "start/end: awal atau akhir periode untuk perubahan / start or end of a change",
    "quote": "kalimat sumber tempat angka itu muncul / the sentence the figure comes from",
    "location": "untuk angka dari tabel laporan: tabel atau halaman tempatnya / for a figure "
    "from a report's table: the table or page it is in",
    "note": "catatan untuk pembaca / note for readers",
    "readings": "tafsiran kami: kolom yang tidak disebut kalimat sumber dan alasannya "
    "('period: ...; at: ...') / fields we read from context, not stated by the quote, and why",
    "source_id": "pengenal sumber / source id",
}
# ... and its source's, on every row of an area's workbook, once per source in the sources table.
SOURCE_COLUMNS: dict[str, str] = {
    "source_publisher": "penerbit sumber / publisher",
    "source_title": "judul sumber / title",
    "source_author": "penulis sumber / author",
    "source_date": "tanggal terbit, atau tanggal pernyataan bila tanggal terbit tak tercantum / date",
    "source_url": "alamat web sumber; kosong bila belum diketahui / URL, empty when unknown",
}
COLUMNS = {**FIGURE_COLUMNS, **SOURCE_COLUMNS}  # an area's workbook
# The JSON holds a report's table as one series: what its points share once, then each point.
SERIES_COLUMNS = ("area", "area_name", "indicator", "indicator_label", "segment",
                  "segment_label", "unit", "statistic", "location", "source_id")  # fmt: skip
POINT_COLUMNS = tuple(name for name in FIGURE_COLUMNS if name not in SERIES_COLUMNS)
SOURCE_TABLE_COLUMNS = ("source_id", *SOURCE_COLUMNS)  # sumber.csv, the sheet "Sumber"


def source_record(source: Source) -> dict[str, Any]:
    return {
        "source_publisher": source.publisher,
        "source_title": source.title,
        "source_author": source.author,
        "source_date": source.published or source.reported,
        "source_url": source.url,
    }


def figure_record(dataset: Dataset, figure: Figure) -> dict[str, Any]:
    """One figure as a flat record with COLUMNS; numbers stay numbers. What every download
    holds of a figure, in the plainest form (`figure_texts` writes the same, faster)."""
    return {
        "key": figure.key,
        "area": "+".join(figure.area),
        "area_name": dataset.area_name(figure.area),
        "indicator": figure.indicator,
        "indicator_label": INDICATORS[figure.indicator].label,
        "segment": figure.segment,
        "segment_label": segment_label(figure.segment),
        "value": figure.value,
        "unit": figure.unit,
        "decimals": published_form(figure.as_published)[0],
        "as_published": figure.as_published,
        "statistic": figure.statistic,
        "is_approximate": figure.is_approximate,
        "period": figure.period,
        "period_label": period_label(figure.period),
        "at": figure.at,
        "quote": figure.quote,
        "location": figure.location,
        "note": figure.note,
        "readings": _readings(figure),
        "source_id": figure.source,
        **source_record(dataset.sources[figure.source]),
    }


def _order(figure: Figure) -> tuple[Any, ...]:
    return ("+".join(figure.area), period_bounds(figure.period), figure.indicator,
            figure.segment or "", figure.at or "", figure.source)  # fmt: skip


# --- one value in each syntax -------------------------------------------------------------------

_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def _csv_cell(value: Any) -> str:
    """A CSV cell as csv.writer writes it (excel dialect), with text that a spreadsheet would run
    as a formula (OWASP's CSV injection) made inert the one way every download does it
    (workbook.spreadsheet_text); numbers stay numbers."""
    if isinstance(value, str):
        return _csv_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _csv_text(value: str) -> str:
    return _inert_csv_text(spreadsheet_text(value))


def _inert_csv_text(text: str) -> str:
    if _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _json_value(value: Any) -> str:
    """A value as json.dumps(ensure_ascii=False) writes it."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    return json.dumps(value)


class Texts(NamedTuple):
    """Values in each download's syntax: CSV cells, JSON array items, workbook cells."""

    csv: str
    json: str
    xlsx: str


def texts_of(values: Iterable[Any]) -> Texts:
    listed = list(values)
    return Texts(
        ",".join(_csv_cell(v) for v in listed),
        ",".join(_json_value(v) for v in listed),
        "".join(workbook.cell(v) for v in listed),
    )


_MISSING = texts_of([None])


# Text that every syntax writes as it is: no quoting, escaping or formula guard (keys, slugs,
# most as-published numbers such as 1.428.061).
_PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]*")


def _text(value: str) -> Texts:
    """One text value in each syntax: the common case of texts_of, inline for speed."""
    if _PLAIN.fullmatch(value):
        return _plain(value)
    inert = spreadsheet_text(value)  # JSON keeps the text as it is; it runs nowhere
    return Texts(_inert_csv_text(inert), encode_basestring(value), workbook.inert_text_cell(inert))


def _plain(value: str) -> Texts:
    return Texts(value, f'"{value}"', workbook.plain_text_cell(value))


def _optional_text(value: str | None) -> Texts:
    """A text that may be missing: a series point has a location, not a quote."""
    return _MISSING if value is None else _text(value)


class FigureText(NamedTuple):
    """One figure in every download's syntax (FIGURE_COLUMNS), with what picks its files."""

    area: tuple[str, ...]
    source: str
    csv: str
    series_json: str  # its series' SERIES_COLUMNS as a JSON object's opening, shared
    point_json: str  # its POINT_COLUMNS as a JSON array
    xlsx: str
    dates: str  # the workbook's DATE_COLUMNS cells


class _Shared:
    """The parts many figures share, each formatted once (functools.cache on methods: one
    instance per call of figure_texts, dropped after it)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @functools.cache  # noqa: B019
    def area(self, area: tuple[str, ...]) -> Texts:
        return texts_of(("+".join(area), self.dataset.area_name(area)))

    @functools.cache  # noqa: B019
    def kind(self, indicator: str, segment: str | None) -> Texts:
        return texts_of((indicator, INDICATORS[indicator].label, segment, segment_label(segment)))

    @functools.cache  # noqa: B019
    def unit(self, unit: str, decimals: int) -> Texts:
        """The unit and the decimals the source wrote."""
        return texts_of((unit, decimals))

    def published(self, as_published: str) -> Texts:
        """A value as the source wrote it: a count ('1.428.061') is plain, and the few that
        need quoting ('33,1%') are formatted once each."""
        if _PLAIN.fullmatch(as_published):
            return _plain(as_published)
        return self._quoted(as_published)

    @functools.cache  # noqa: B019
    def _quoted(self, as_published: str) -> Texts:
        return _text(as_published)

    @functools.cache  # noqa: B019
    def location(self, location: str | None) -> Texts:
        """Where in its source a figure stands: one text for all the points of a table."""
        return _optional_text(location)

    @functools.cache  # noqa: B019
    def decimals(self, as_published: str) -> int:
        return published_form(as_published)[0]

    @functools.cache  # noqa: B019
    def flags(self, statistic: str | None, is_approximate: bool) -> Texts:
        return texts_of((statistic, is_approximate))

    @functools.cache  # noqa: B019
    def period(self, period: str, at: str | None) -> tuple[Texts, str]:
        """The period columns and `at`, and the workbook's date cells."""
        start, end = period_bounds(period)
        dates = workbook.date_cell(start) + workbook.date_cell(end)
        return texts_of((period, period_label(period), at)), dates

    @functools.cache  # noqa: B019
    def tail(self, note: str | None, readings: str | None, source: str) -> Texts:
        return texts_of((note, readings, source))

    @functools.cache  # noqa: B019
    def notes_json(self, note: str | None, readings: str | None) -> str:
        return f"{_json_value(note)},{_json_value(readings)}"

    @functools.cache  # noqa: B019
    def series_json(self, figure_series: tuple[Any, ...]) -> str:
        """A series' columns, opening the JSON object that holds its points."""
        area, indicator, segment, unit, statistic, location, source = figure_series
        record = {
            "area": "+".join(area), "area_name": self.dataset.area_name(area),
            "indicator": indicator, "indicator_label": INDICATORS[indicator].label,
            "segment": segment, "segment_label": segment_label(segment),
            "unit": unit, "statistic": statistic, "location": location, "source_id": source,
        }  # fmt: skip
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))[:-1]


def _series_of(figure: Figure) -> tuple[Any, ...]:
    """What a figure shares with the other points of its table: SERIES_COLUMNS."""
    return (figure.area, figure.indicator, figure.segment, figure.unit, figure.statistic,
            figure.location, figure.source)  # fmt: skip


def _readings(figure: Figure) -> str | None:
    if not figure.readings:
        return None
    return "; ".join(f"{r.about}: {r.reason}" for r in figure.readings) or None


def figure_texts(dataset: Dataset) -> list[FigureText]:
    """Every figure in every syntax, in download order: by area, period, indicator, segment."""
    shared = _Shared(dataset)
    made = []
    for f in sorted(dataset.figures, key=_order):
        key, published = _text(f.key), shared.published(f.as_published)
        quote, location = _optional_text(f.quote), shared.location(f.location)
        value = repr(f.value)
        area, kind = shared.area(f.area), shared.kind(f.indicator, f.segment)
        decimals = shared.decimals(f.as_published)
        unit, flags = (
            shared.unit(f.unit, decimals),
            shared.flags(f.statistic, f.is_approximate),
        )
        readings = _readings(f)
        (period, dates), tail = (
            shared.period(f.period, f.at),
            shared.tail(f.note, readings, f.source),
        )
        made.append(FigureText(
            f.area, f.source,
            f"{key.csv},{area.csv},{kind.csv},{value},{unit.csv},{published.csv},{flags.csv},"
            f"{period.csv},{quote.csv},{location.csv},{tail.csv}",
            shared.series_json(_series_of(f)),
            f"[{key.json},{value},{decimals},{published.json},"
            f"{'true' if f.is_approximate else 'false'},{period.json},{quote.json},"
            f"{shared.notes_json(f.note, readings)}]",
            f"{key.xlsx}{area.xlsx}{kind.xlsx}<c><v>{value}</v></c>{unit.xlsx}{published.xlsx}"
            f"{flags.xlsx}{period.xlsx}{quote.xlsx}{location.xlsx}{tail.xlsx}",
            dates,
        ))  # fmt: skip
    return made


def source_texts(dataset: Dataset) -> dict[str, Texts]:
    """SOURCE_COLUMNS of each source, by id."""
    return {sid: texts_of(source_record(s).values()) for sid, s in dataset.sources.items()}


# --- files --------------------------------------------------------------------------------------


def _meta(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "licence": LICENCE,
        "credit": "Cakupan BPJS Ketenagakerjaan, dan sumber asli tiap angka",
        "quotes": "Kutipan tetap milik penerbitnya, dimuat sebagai kutipan singkat.",
        "generated_from": "Dataset YAML situs (data/), divalidasi dan diperiksa saat dibangun.",
        "columns": COLUMNS,
        "layout": JSON_LAYOUT,
    }


JSON_LAYOUT = (
    "series: satu objek per tabel atau kalimat sumber, memuat kolom yang sama bagi semua "
    "angkanya; figures di dalamnya: satu larik per angka, urut seperti columns; sources: sumber "
    "menurut source_id / series: one object per table or sentence of a source, with the columns "
    "its figures share; its figures: one array each, in the order of columns; sources by id"
)


def json_file(title: str, figures: list[FigureText], sources: dict[str, Source]) -> bytes:
    """{"meta", "columns", "sources", "series"}: each series an object of SERIES_COLUMNS whose
    "figures" are arrays in the order of "columns" (POINT_COLUMNS), one a line; each source once,
    by id. A figure is its series' columns and its own."""
    head = json.dumps(
        {
            "meta": _meta(title),
            "columns": list(POINT_COLUMNS),
            "sources": {sid: source_record(sources[sid]) for sid in _used(figures)},
        },
        ensure_ascii=False,
        indent=1,
    )
    points: dict[str, list[str]] = {}
    for figure in figures:
        points.setdefault(figure.series_json, []).append(figure.point_json)
    series = ",\n".join(
        f'{opening},"figures":[\n' + ",\n".join(rows) + "]}" for opening, rows in points.items()
    )
    body = f"[\n{series}\n]" if series else "[]"
    return f'{head[:-2]},\n"series": {body}\n}}\n'.encode()


def _used(figures: list[FigureText]) -> list[str]:
    """The sources `figures` cite, sorted."""
    return sorted({figure.source for figure in figures})


def csv_file(columns: Iterable[str], lines: Iterable[str]) -> bytes:
    """A CSV file: the header, then `lines` (each ending in CRLF)."""
    return (",".join(columns) + "\r\n" + "".join(lines)).encode("utf-8")


def area_files(
    slug: str, title: str, figures: list[FigureText], sources: dict[str, Texts],
    dataset_sources: dict[str, Source],
) -> dict[str, bytes]:  # fmt: skip
    """An area's figures (its own and its joint ones): CSV and JSON, each source once (the CSV by
    source_id, its JSON's "sources"), and the workbook, each row standing alone with its
    source."""
    header = [*COLUMNS, *DATE_COLUMNS]
    rows = "".join(f"<row>{f.xlsx}{sources[f.source].xlsx}{f.dates}</row>" for f in figures)
    sheets = {
        "Angka": workbook.row(header) + rows,
        "Keterangan": workbook.about_sheet(title, LICENCE, {**COLUMNS, **DATE_COLUMNS}),
    }
    return {
        download_path(slug, "csv"): csv_file(FIGURE_COLUMNS, (f"{f.csv}\r\n" for f in figures)),
        download_path(slug, "json"): json_file(title, figures, dataset_sources),
        download_path(slug, "xlsx"): workbook.workbook_file(sheets, title),
    }


# Deflate's fastest level for the whole dataset's zips: for the national synthetic dataset's CSV
# (105 MB) and JSON (124 MB) it gives 9.1 and 10.1 MB in 0.4 s each, where level 6 gives 7.0 and
# 7.5 MB in 1.1 s each.
WHOLE_LEVEL = 1


def whole_files(
    dataset: Dataset, figures: list[FigureText], sources: dict[str, Texts]
) -> dict[str, bytes]:
    """The whole dataset, each figure once and each source once: zipped CSV, zipped JSON, and
    a workbook with a sheet for each; and the sources table on its own, as in the CSV's zip."""
    used = _used(figures)
    sources_table = sources_file(used, sources)
    source_rows = "".join(
        f"<row>{workbook.text_cell(sid)}{sources[sid].xlsx}</row>" for sid in used
    )
    readme = readme_text(register_credit(dataset)).encode("utf-8")
    sheets = {
        "Angka": workbook.row([*FIGURE_COLUMNS, *DATE_COLUMNS])
        + "".join(f"<row>{f.xlsx}{f.dates}</row>" for f in figures),
        "Sumber": workbook.row(SOURCE_TABLE_COLUMNS) + source_rows,
        "Keterangan": workbook.about_sheet("Semua angka", LICENCE, {**COLUMNS, **DATE_COLUMNS}),
    }
    figures_csv = csv_file(FIGURE_COLUMNS, (f"{f.csv}\r\n" for f in figures))
    return {
        WHOLE_CSV: zip_bytes(
            [
                ("README.txt", readme),
                ("semua-angka.csv", figures_csv),
                (SOURCES_TABLE, sources_table),
            ],
            level=WHOLE_LEVEL,
        ),
        WHOLE_JSON: zip_bytes(
            [
                ("README.txt", readme),
                ("semua-angka.json", json_file("Semua angka", figures, dataset.sources)),
            ],
            level=WHOLE_LEVEL,
        ),
        WHOLE_XLSX: workbook.workbook_file(sheets, "Semua angka"),
        SOURCES_FILE: sources_table,
    }


def sources_file(used: list[str], sources: dict[str, Texts]) -> bytes:
    """The sources table: each source of `used` once, with SOURCE_TABLE_COLUMNS."""
    lines = (f"{_csv_cell(sid)},{sources[sid].csv}\r\n" for sid in used)
    return csv_file(SOURCE_TABLE_COLUMNS, lines)


REGISTER_COLUMNS = ("slug", "name", "type", "code", "bps_code", "parent")
REGISTER_FILE = f"{DOWNLOADS_DIR}/daftar-wilayah.csv"


def register_file(dataset: Dataset) -> bytes:
    """Every region with its codes: a derivative of the register, under the register's ODbL."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(REGISTER_COLUMNS)
    for slug, region in dataset.regions.items():
        values = (slug, region.name, region.type, region.code, region.bps_code, region.parent)
        writer.writerow(spreadsheet_text(v) if isinstance(v, str) else v for v in values)
    return stream.getvalue().encode("utf-8")


def register_credit(dataset: Dataset) -> str:
    """ODbL attribution of the list of regions, for the README."""
    register = dataset.register
    if register is None:
        return ""
    return (
        f"Daftar wilayah dan kodenya: {register.name} {register.version} ({register.url}), "
        f"lisensi {register.licence} ({register.licence_url}) / list of regions and their codes."
    )


def figures_of(figures: list[FigureText], slugs: list[str]) -> dict[str, list[FigureText]]:
    """Each slug's figures: those whose area names it (a joint figure goes to each of its
    areas), in download order."""
    of_slug: dict[str, list[FigureText]] = {slug: [] for slug in slugs}
    for figure in figures:
        for slug in figure.area:
            if slug in of_slug:
                of_slug[slug].append(figure)
    return of_slug


def download_files(dataset: Dataset, slugs: list[str]) -> dict[str, bytes]:
    """Every download, by path under docs_dir: each page's area (`slugs`) and the whole dataset."""
    figures = figure_texts(dataset)
    sources = source_texts(dataset)
    files = {
        f"{DOWNLOADS_DIR}/README.txt": readme_text(register_credit(dataset)).encode("utf-8"),
        REGISTER_FILE: register_file(dataset),
        **whole_files(dataset, figures, sources),
    }
    for slug, own in figures_of(figures, slugs).items():
        files |= area_files(slug, dataset.area_name(slug), own, sources, dataset.sources)
    return files


def _column_lines(columns: dict[str, str]) -> str:
    return "\n".join(f"  {name:<17} {meaning}" for name, meaning in columns.items())


def readme_text(register_credit: str = "") -> str:
    return f"""Unduhan data: Cakupan BPJS Ketenagakerjaan
==========================================

Berkas
  wilayah/<slug>.csv / .json / .xlsx  angka satu wilayah atau kantor cabang (termasuk gabungan);
                              di .xlsx setiap baris lengkap dengan sumbernya
  sumber.csv                  setiap sumber sekali (satu baris per sumber), untuk digabungkan
                              dengan kolom source_id setiap CSV
  semua-angka-csv.zip         semua angka: semua-angka.csv (satu baris per angka, sumber
                              sebagai source_id) dan sumber.csv (satu baris per sumber)
  semua-angka-json.zip        semua angka: semua-angka.json
  semua-angka.xlsx            semua angka: lembar "Angka", "Sumber" dan "Keterangan"
  grafik/<halaman>--<grafik>.png / .svg  setiap grafik, dengan judul dan sumbernya di dalam gambar
  kutipan/<halaman>.bib / .ris           kutipan setiap halaman
  daftar-wilayah.csv          setiap provinsi dan kabupaten/kota dengan kode Kemendagri
                              (dan kode BPS bila ada): slug, name, type, code, bps_code, parent

Setiap baris adalah satu angka sebagaimana disebut sumbernya. CSV memakai koma sebagai pemisah,
UTF-8 tanpa BOM, dan titik sebagai tanda desimal (untuk mesin); kolom `as_published` memuat
angka persis seperti tertulis di sumber. Nilai kosong berarti sumber tidak menyebutnya. Teks yang
diawali =, +, -, @, tab atau CR diberi tanda petik tunggal (') di depannya agar program lembar
kerja tidak menjalankannya sebagai rumus.
Lembar kerja (.xlsx) satu wilayah berdiri sendiri: setiap baris memuat kolom sumbernya. CSV dan
JSON memuat setiap sumber sekali saja: CSV menyebutnya dengan source_id, yang digabungkan dengan
sumber.csv (juga di dalam semua-angka-csv.zip); JSON memuatnya di "sources"; lembar kerja semua
angka di lembar "Sumber".
Berkas .xlsx (Excel, LibreOffice) memuat kolom yang sama dengan angka sebagai angka, ditambah
period_start dan period_end sebagai tanggal, dan lembar "Keterangan" tentang kolom dan lisensi.
Berkas .json: "series" memuat satu objek per tabel atau kalimat sumber dengan kolom yang sama
bagi semua angkanya (area ... source_id); "figures" di dalamnya memuat satu larik per angka
dengan urutan "columns"; "sources" memuat kolom sumber menurut source_id; "meta" memuat lisensi
dan arti kolom. Satu angka = kolom seri + kolom angkanya.

Kolom angka
{_column_lines(FIGURE_COLUMNS)}

Kolom sumber (di setiap baris lembar kerja wilayah; sekali per sumber di sumber.csv, di lembar
"Sumber" dan di "sources" JSON)
{_column_lines(SOURCE_COLUMNS)}

Lisensi
  Data: {LICENCE}. Cantumkan "Cakupan BPJS Ketenagakerjaan" dan sumber asli setiap angka.
  Kalimat kutipan tetap milik penerbitnya dan dimuat sebagai kutipan singkat.
  {register_credit or ""}
  daftar-wilayah.csv adalah turunan daftar itu dan berlisensi sama (ODbL), bukan CC BY 4.0.

---

Data downloads: each row is one figure as its source states it. CSV is comma-separated UTF-8
without BOM with a dot as decimal mark (machine-readable); `as_published` keeps the number as
the source wrote it, and an empty value means the source does not say. A text cell that begins
with =, +, -, @, tab or CR starts with a single quote (') so that spreadsheet programs do not run
it as a formula. An area's workbook stands alone, each row with its source's columns; every CSV
names a figure's source by source_id, joined with sumber.csv (also in the whole dataset's zip),
every JSON holds its sources once in "sources", and the whole dataset's workbook in its sheet
"Sumber". In the JSON, "series" holds one object per table or sentence of a source
with the columns its figures share, and its "figures" one array per figure in the order of
"columns"; a figure is its series' columns and its own; "sources" holds the source columns by
source_id. Columns are listed above
(Indonesian / English).

Licence: data {LICENCE}; credit "Cakupan BPJS Ketenagakerjaan"
and each figure's original source. Quotes remain their publishers' and are reproduced as short
quotations for citation.
"""
