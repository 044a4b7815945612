"""A directory of files by key: what a build keeps for the next one (generator.reuse)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path


class DirectoryCache(MutableMapping[str, bytes]):
    """Bytes stored as files named by their key; keys are content hashes, so entries never go
    stale. Writes go through a temporary file and a rename, so a crash leaves no torn file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __getitem__(self, key: str) -> bytes:
        path = self.directory / key
        try:
            value = path.read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: `prune` keeps what builds still read
        return value

    def __setitem__(self, key: str, value: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(value)
        Path(temporary).replace(self.directory / key)

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
