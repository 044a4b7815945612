"""The offline bundle: a site built for file://, zipped so the same site gives the same bytes."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

from generator.archive import FILE_MODE, write_entries

# Only a web server shows 404.html (its links are absolute, from the server's root), and the
# sitemap is for search engines and dated by the build clock: none of them belongs offline.
LEFT_OUT = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
COMPRESSION_LEVEL = 9


def slugify(text: str) -> str:
    """`Cakupan BPJS Ketenagakerjaan` -> `cakupan-bpjs-ketenagakerjaan`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def bundle_name(site_name: str, data_date: date, province: str | None = None) -> str:
    """`cakupan-bpjs-ketenagakerjaan-2025-04-14.zip`: the site, and the date of its data; with
    a province, `cakupan-bpjs-ketenagakerjaan-jawa-timur-2025-04-14.zip`."""
    parts = [slugify(site_name), province, data_date.isoformat()]
    return "-".join(part for part in parts if part) + ".zip"


def bundle_files(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file to pack, by its path inside the site, in one fixed order."""
    files = (p for p in site_dir.rglob("*") if p.is_file())
    named = ((p.relative_to(site_dir).as_posix(), p) for p in files)
    return sorted((name, path) for name, path in named if name not in LEFT_OUT)


def write_zip(files: list[tuple[str, Path]], folder: str, when: datetime, target: Path) -> None:
    entries = ((f"{folder}/{name}", path.read_bytes()) for name, path in files)
    with zipfile.ZipFile(target, "w") as archive:
        write_entries(archive, entries, when, level=COMPRESSION_LEVEL)


def write_bundle(site_dir: Path, target: Path, when: datetime) -> Path:
    """Zip site_dir into `target` (one folder named after it), stamped `when`; atomically.

    Sorted entries, files only, one time and one mode for all: the same site gives the same bytes.
    The zip is written beside `target` and renamed over it, so a reader never sees half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}-", suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    staged = Path(temporary)
    try:
        write_zip(bundle_files(site_dir), target.stem, when, staged)
        staged.chmod(FILE_MODE)
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)
    return target
