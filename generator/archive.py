"""Zip archives whose bytes depend on nothing but their entries: the offline bundle, the
whole-dataset downloads and the workbooks (an .xlsx is a zip) are all written here."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

FILE_MODE = 0o644
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can carry


def zip_entry(name: str, when: datetime = ZIP_EPOCH) -> zipfile.ZipInfo:
    """An entry whose metadata depend on nothing but its name and `when`."""
    moment = max(when.replace(tzinfo=None), ZIP_EPOCH)
    info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    info.create_system = 3  # Unix, so the permission bits below are read
    info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, rw-r--r--
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_entries(
    archive: zipfile.ZipFile,
    entries: Iterable[tuple[str, bytes]],
    when: datetime = ZIP_EPOCH,
    level: int = 9,
) -> None:
    """Each (name, content) into `archive` in the order given, stamped `when`, deflated."""
    for name, content in entries:
        archive.writestr(
            zip_entry(name, when), content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level
        )


def zip_bytes(entries: Iterable[tuple[str, bytes]], level: int = 9) -> bytes:
    """A zip of `entries` in the order given, every entry dated 1980-01-01: the same entries
    give the same bytes."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        write_entries(archive, entries, level=level)
    return stream.getvalue()
