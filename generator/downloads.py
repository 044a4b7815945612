"""The dataset as files readers download: per area and whole, CSV and JSON, with a README."""

from __future__ import annotations

import csv
import functools
import io
import json
import zlib
from collections.abc import MutableMapping
from typing import Any

from pydantic import TypeAdapter

from generator.cache import code_version, fingerprint, hash_of, pack, unpack
from generator.checks.numbers import published_form
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, SEGMENTS
from generator.urls import DOWNLOADS_DIR, download_path
from generator.workbook import spreadsheet_text, workbook_file

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
WHOLE_DATASET = f"{DOWNLOADS_DIR}/semua-angka"
# Column, and what it holds (Indonesian, then English) for the README.
COLUMNS: dict[str, str] = {
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
    "source_id": "pengenal sumber / source id",
    "source_publisher": "penerbit sumber / publisher",
    "source_title": "judul sumber / title",
    "source_author": "penulis sumber / author",
    "source_date": "tanggal terbit, atau tanggal pernyataan bila tanggal terbit tak tercantum / date",
    "source_url": "alamat web sumber; kosong bila belum diketahui / URL, empty when unknown",
    "quote": "kalimat sumber tempat angka itu muncul / the sentence the figure comes from",
    "note": "catatan untuk pembaca / note for readers",
    "readings": "tafsiran kami: kolom yang tidak disebut kalimat sumber dan alasannya "
    "('period: ...; at: ...') / fields we read from context, not stated by the quote, and why",
}


def figure_record(dataset: Dataset, figure: Figure) -> dict[str, Any]:
    """One figure as a flat record with the columns above; numbers stay numbers."""
    source = dataset.sources[figure.source]
    return {
        "key": figure.key,
        "area": "+".join(figure.area),
        "area_name": dataset.area_name(figure.area),
        "indicator": figure.indicator,
        "indicator_label": INDICATORS[figure.indicator].label,
        "segment": figure.segment,
        "segment_label": SEGMENTS.get(figure.segment or "", "Semua segmen"),
        "value": figure.value,
        "unit": figure.unit,
        "decimals": published_form(figure.as_published)[0],
        "as_published": figure.as_published,
        "statistic": figure.statistic,
        "is_approximate": figure.is_approximate,
        "period": figure.period,
        "period_label": period_label(figure.period),
        "at": figure.at,
        "source_id": figure.source,
        "source_publisher": source.publisher,
        "source_title": source.title,
        "source_author": source.author,
        "source_date": source.published or source.reported,
        "source_url": source.url,
        "quote": figure.quote,
        "note": figure.note,
        "readings": "; ".join(f"{r.about}: {r.reason}" for r in figure.readings) or None,
    }


def _order(figure: Figure) -> tuple[Any, ...]:
    return ("+".join(figure.area), period_bounds(figure.period), figure.indicator,
            figure.segment or "", figure.at or "", figure.source)  # fmt: skip


def _csv_cell(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula (OWASP's CSV injection) made
    inert the one way every download does it (workbook.spreadsheet_text); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return spreadsheet_text(value) if isinstance(value, str) else value


def csv_rows(records: list[dict[str, Any]]) -> str:
    """The records as CSV lines, without the header."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writerows({k: _csv_cell(v) for k, v in record.items()} for record in records)
    return stream.getvalue()


def csv_file(parts: list[str]) -> bytes:
    """A CSV file: the header, then parts made by `csv_rows`."""
    return (",".join(COLUMNS) + "\r\n" + "".join(parts)).encode("utf-8")


def json_lines(records: list[dict[str, Any]]) -> str:
    """The records as JSON, one a line, joined by commas: a part of `json_file`'s list.

    One line a figure keeps the file readable and diffable, and lets json use its C encoder
    per record (an indented dump runs in pure Python: ten times slower at 300.000 figures).
    """
    return ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def json_file(parts: list[str], title: str) -> bytes:
    """The figures of `json_lines` parts as {"figures": [...], "meta": {...}}."""
    meta = {
        "title": title,
        "licence": LICENCE,
        "credit": "Cakupan BPJS Ketenagakerjaan, dan sumber asli tiap angka",
        "quotes": "Kutipan tetap milik penerbitnya, dimuat sebagai kutipan singkat.",
        "generated_from": "Dataset YAML situs (data/), divalidasi dan diperiksa saat dibangun.",
        "columns": COLUMNS,
    }
    figures = ",\n".join(part for part in parts if part)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True)
    body = f"[\n{figures}\n]" if figures else "[]"
    return f'{{\n"figures": {body},\n"meta": {meta_text}\n}}\n'.encode()


def readme_text(register_credit: str = "") -> str:
    columns = "\n".join(f"  {name:<17} {meaning}" for name, meaning in COLUMNS.items())
    return f"""Unduhan data: Cakupan BPJS Ketenagakerjaan
==========================================

Berkas
  semua-angka.csv / .json / .xlsx     semua angka dalam dataset
  wilayah/<slug>.csv / .json / .xlsx  angka satu wilayah atau kantor cabang (termasuk gabungan)
  grafik/<halaman>--<grafik>.png / .svg  setiap grafik, dengan judul dan sumbernya di dalam gambar
  kutipan/<halaman>.bib / .ris           kutipan setiap halaman
  daftar-wilayah.csv          setiap provinsi dan kabupaten/kota dengan kode Kemendagri
                              (dan kode BPS bila ada): slug, name, type, code, bps_code, parent

Setiap baris adalah satu angka sebagaimana disebut sumbernya. CSV memakai koma sebagai pemisah,
UTF-8 tanpa BOM, dan titik sebagai tanda desimal (untuk mesin); kolom `as_published` memuat
angka persis seperti tertulis di sumber. Nilai kosong berarti sumber tidak menyebutnya. Teks yang
diawali =, +, -, @, tab atau CR diberi tanda petik tunggal (') di depannya agar program lembar
kerja tidak menjalankannya sebagai rumus.
Berkas .xlsx (Excel, LibreOffice) memuat kolom yang sama dengan angka sebagai angka, ditambah
period_start dan period_end sebagai tanggal, dan lembar "Keterangan" tentang kolom dan lisensi.

Kolom
{columns}

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
it as a formula. Columns are listed above (Indonesian / English).

Licence: data {LICENCE}; credit "Cakupan BPJS Ketenagakerjaan"
and each figure's original source. Quotes remain their publishers' and are reproduced as short
quotations for citation.
"""


Part = tuple[str, str]  # an area's figures as CSV lines and as JSON lines
PART: TypeAdapter[Part] = TypeAdapter(Part)


def figures_by_area(dataset: Dataset) -> dict[str, list[Figure]]:
    """Figures by area (a slug, or slugs joined by '+'), areas sorted, each in download order."""
    by_area: dict[str, list[Figure]] = {}
    for figure in sorted(dataset.figures, key=_order):
        by_area.setdefault("+".join(figure.area), []).append(figure)
    return by_area


def area_part(dataset: Dataset, figures: list[Figure]) -> Part:
    """An area's figures as text for the downloads."""
    records = [figure_record(dataset, figure) for figure in figures]
    return csv_rows(records), json_lines(records)


def area_parts(dataset: Dataset, cache: MutableMapping[str, bytes]) -> dict[str, Part]:
    """Each area's `area_part`, areas sorted; read back from `cache` while the area's figures,
    the rest of the dataset and the code are unchanged."""
    everything_else = (dataset.regions, dataset.offices, dataset.sources, dataset.events)
    common = code_version() + fingerprint(everything_else)
    parts = {}
    for area, figures in figures_by_area(dataset).items():
        key = "part-" + hash_of(common, fingerprint(figures))
        try:
            parts[area] = unpack(cache[key], PART)
        except (KeyError, ValueError, zlib.error):  # a miss, or a damaged entry
            parts[area] = area_part(dataset, figures)
            cache[key] = pack(parts[area], PART)
    return parts


REGISTER_COLUMNS = ("slug", "name", "type", "code", "bps_code", "parent")
REGISTER_FILE = f"{DOWNLOADS_DIR}/daftar-wilayah.csv"


def register_file(dataset: Dataset) -> bytes:
    """Every region with its codes: a derivative of the register, under the register's ODbL."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(REGISTER_COLUMNS)
    for slug, region in dataset.regions.items():
        values = (slug, region.name, region.type, region.code, region.bps_code, region.parent)
        writer.writerow(_csv_cell(v) for v in values)
    return stream.getvalue().encode("utf-8")


def register_credit(dataset: Dataset) -> str:
    """ODbL attribution of the list of regions, for the README and the JSON files."""
    register = dataset.register
    if register is None:
        return ""
    return (
        f"Daftar wilayah dan kodenya: {register.name} {register.version} ({register.url}), "
        f"lisensi {register.licence} ({register.licence_url}) / list of regions and their codes."
    )


def download_files(
    dataset: Dataset,
    slugs: list[str],
    parts: dict[str, Part],
    cache: MutableMapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every download, by path under docs_dir: each page's area and the whole dataset.

    `parts` holds each area's figures as text (`area_part`), areas in sorted order; a file
    joins the parts it needs, so no figure is turned into text twice. `cache` keeps the
    workbooks (`workbook_files`).
    """
    files = {
        f"{WHOLE_DATASET}.csv": csv_file([csv for csv, _ in parts.values()]),
        f"{WHOLE_DATASET}.json": json_file([lines for _, lines in parts.values()], "Semua angka"),
        f"{DOWNLOADS_DIR}/README.txt": readme_text(register_credit(dataset)).encode("utf-8"),
        REGISTER_FILE: register_file(dataset),
    }
    of_slug: dict[str, list[Part]] = {slug: [] for slug in slugs}
    for area, part in parts.items():
        for slug in area.split("+"):
            if slug in of_slug:
                of_slug[slug].append(part)
    for slug, own in of_slug.items():
        files[download_path(slug, "csv")] = csv_file([csv for csv, _ in own])
        files[download_path(slug, "json")] = json_file(
            [lines for _, lines in own], dataset.area_name(slug)
        )
    files.update(workbook_files(dataset, slugs, parts, cache))
    return files


def workbook_files(
    dataset: Dataset,
    slugs: list[str],
    parts: dict[str, Part],
    cache: MutableMapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """The whole dataset and each page's area (with its joint figures) as .xlsx.

    openpyxl takes about 50 µs a cell, so each workbook is kept in `cache` under the hash of
    its parts' CSV text (which holds every column it writes) and of the code: a rebuild writes
    only the workbooks whose figures changed.
    """
    cache = {} if cache is None else cache
    common = code_version()
    by_area = functools.cache(lambda: figures_by_area(dataset))

    def workbook(areas: list[str], title: str) -> bytes:
        key = "xlsx-" + hash_of(common, title.encode(), *(parts[a][0].encode() for a in areas))

        if (kept := cache.get(key)) is not None:  # bytes, sealed by the cache against damage
            return kept
        records = [figure_record(dataset, f) for a in areas for f in by_area()[a]]
        made = workbook_file(records, COLUMNS, title, LICENCE)
        cache[key] = made
        return made

    files = {f"{WHOLE_DATASET}.xlsx": workbook(list(parts), "Semua angka")}
    for slug in slugs:
        areas = [area for area in parts if slug in area.split("+")]
        files[download_path(slug, "xlsx")] = workbook(areas, dataset.area_name(slug))
    return files
