"""A directory of files by key: the build's cache of rendered chart images."""

from __future__ import annotations

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
        try:
            return (self.directory / key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

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
