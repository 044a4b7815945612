"""A directory of files by key: what a build keeps for the next one (generator.reuse).

Nothing kept here is code or can become code: entries are bytes (chart images) or JSON
(`pack`), never pickles. Each file holds its content's hash, checked on every read, so a
crafted, edited or truncated entry is a miss and is made again, never published. A cache that
cannot be read or written (a directory where a file should be, a full disk, a read-only file
system) is only a slower build: the entry is made and not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import zlib
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter

Value = TypeVar("Value")
MAGIC = b"bpjstk-cache 1\n"  # the format; a file without it is not an entry
DIGEST_SIZE = hashlib.sha256().digest_size
logger = logging.getLogger(__name__)


def seal(content: bytes) -> bytes:
    """`content` as a file to keep: the format line, the content's hash, the content."""
    return MAGIC + hashlib.sha256(content).digest() + content


def unseal(entry: bytes) -> bytes:
    """The content of a sealed entry; ValueError unless its hash vouches for every byte."""
    header = len(MAGIC) + DIGEST_SIZE
    digest, content = entry[len(MAGIC) : header], entry[header:]
    if not entry.startswith(MAGIC) or hashlib.sha256(content).digest() != digest:
        raise ValueError("not an intact cache entry")
    return content


def pack(value: Any, kind: TypeAdapter[Any]) -> bytes:
    """A value as JSON of its type `kind`, compressed (pages and downloads are mostly text)."""
    return zlib.compress(kind.dump_json(value), 1)


def unpack(data: bytes, kind: TypeAdapter[Value]) -> Value:
    """The value `pack` kept; ValueError (or zlib.error) when it is not one of type `kind`."""
    return kind.validate_json(zlib.decompress(data))


class DirectoryCache(MutableMapping[str, bytes]):
    """Bytes stored as files named by their key; keys are content hashes, so entries never go
    stale. Writes go through a temporary file and a rename, so a crash leaves no torn file;
    an entry that is missing, damaged or unreadable reads as absent (KeyError)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.is_writable = True  # until a write fails: then the build goes on without keeping

    def __getitem__(self, key: str) -> bytes:
        path = self.directory / key
        try:
            value = unseal(path.read_bytes())
        except (OSError, ValueError):  # absent, a directory, unreadable, or damaged: a miss
            raise KeyError(key) from None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: `prune` keeps what builds still read
        return value

    def __setitem__(self, key: str, value: bytes) -> None:
        if not self.is_writable:
            return
        try:
            self._write(key, seal(value))
        except OSError as error:  # full, read-only, or in the way: build on without keeping
            self.is_writable = False
            logger.warning(
                "%s: %s; building without keeping a cache", self.directory, error.strerror
            )

    def _write(self, key: str, entry: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(entry)
            Path(temporary).replace(self.directory / key)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise

    def __delitem__(self, key: str) -> None:
        (self.directory / key).unlink()

    def __iter__(self) -> Iterator[str]:
        if self.directory.is_dir():
            yield from sorted(
                p.name for p in self.directory.iterdir() if not p.name.startswith(".")
            )

    def __len__(self) -> int:
        return sum(1 for _ in self)


def prune(directory: Path, unused_since: float) -> int:
    """Delete the cache files under `directory` not read or written since `unused_since` (a
    time.time()); returns how many. Keys never go stale, but a key nobody asks for again (an
    edited figure's old page, a chart before a code change) would otherwise stay forever."""
    removed = 0
    for path in directory.rglob("*") if directory.is_dir() else ():
        with contextlib.suppress(OSError):  # gone already, or not ours to delete
            if path.is_file() and path.stat().st_mtime < unused_since:
                path.unlink()
                removed += 1
    return removed
