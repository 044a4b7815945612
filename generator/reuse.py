"""Reuse across builds: what a step made last time, kept under a hash of everything it read.

An area page notes which parts of the figures frame it read (`FrameIndex.recording`). The next
build hashes those parts again; when they, the rest of the dataset, the page's notes, the build
info and the generator's own code all hash the same, the page is the same, and it is read back
instead of built. Keys are content hashes, never timestamps, so an entry cannot go stale: a
change to anything a page read gives it a new key.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

import altair
import jinja2
import pandas as pd
from pydantic import TypeAdapter

from generator.dataset.types import Dataset
from generator.site.cache import pack, unpack
from generator.tables import EVERYTHING, FrameIndex, Read

Value = TypeVar("Value")
PACKAGE = Path(__file__).parent


@functools.cache
def code_version() -> bytes:
    """The generator's code and templates and the libraries that shape its output, hashed."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2"):
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    versions = (sys.version, pd.__version__, altair.__version__, jinja2.__version__)
    digest.update(repr(versions).encode())
    return digest.digest()


def hash_of(*parts: bytes) -> str:
    """One hex key for several byte strings; lengths go in too, so parts cannot run together."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def dataset_version(dataset: Dataset) -> bytes:
    """Everything in the dataset but its figures (regions, offices, sources, events), hashed."""
    parts = [
        {key: model.model_dump(mode="json") for key, model in group.items()}
        for group in (dataset.regions, dataset.offices, dataset.sources, dataset.events)
    ]
    return hashlib.sha256(repr(parts).encode()).digest()


def rows_version(rows: pd.DataFrame) -> bytes:
    """Some figures' rows, hashed: their columns, values and order, not their place in the frame.

    Numbers and dates hash by their exact bytes; anything else by its repr, which for strings,
    None, NaN, booleans and the schema's models is exact and never depends on object identity.
    """
    digest = hashlib.sha256()
    for name, column in rows.items():
        values = column.to_numpy()
        if values.dtype == object:
            data = "\x1f".join(map(repr, values)).encode()  # repr escapes any \x1f inside
        else:
            data = values.dtype.str.encode() + values.tobytes()
        digest.update(hash_of(str(name).encode(), data).encode())
    return digest.digest()


class FrameVersions:
    """The version of each part of a figures frame a page can read, each hashed once a build."""

    def __init__(self, index: FrameIndex) -> None:
        self.index = index
        self._versions: dict[Read, bytes] = {}

    def of(self, read: Read) -> bytes:
        if read not in self._versions:
            self._versions[read] = self._compute(read)
        return self._versions[read]

    def _compute(self, read: Read) -> bytes:
        kind, name = read
        if kind == "area":
            return rows_version(self.index.area(name))
        if kind == "joint":
            return rows_version(self.index.joint(name))
        assert read == EVERYTHING, read
        every_area = b"".join(self.of(("area", area)) for area in self.index.area_names())
        return hashlib.sha256(every_area).digest()

    def key(self, base: bytes, reads: Iterable[Read]) -> str:
        """The key of a result made from `base` (everything else it read) and these parts."""
        ordered = sorted(reads)
        return hash_of(base, repr(ordered).encode(), *(self.of(read) for read in ordered))


READS: TypeAdapter[list[Read]] = TypeAdapter(list[Read])


def cached(
    cache: MutableMapping[str, bytes], key: str, make: Callable[[], Value], kind: TypeAdapter[Value]
) -> Value:
    """What `make()` returns, kept in `cache` under `key` (a key that hashes every input) as
    JSON of type `kind`."""
    with contextlib.suppress(Exception):  # missing, or unreadable: only a miss
        return unpack(cache[key], kind)
    value = make()  # outside the suppression: its own errors must surface
    cache[key] = pack(value, kind)
    return value


class PageStore:
    """Results kept by key in a byte cache, with the parts of the frame each one read.

    For each name (an area's slug), `reads-<name hash>` holds what it read last time and
    `<key>` the result; a result is found only when what it read still hashes the same.
    """

    def __init__(
        self, cache: MutableMapping[str, bytes], versions: FrameVersions, kind: TypeAdapter[Any]
    ) -> None:
        self.cache = cache
        self.versions = versions
        self.kind = kind  # the results' type, to keep them as JSON

    def _reads_key(self, name: str, base: bytes) -> str:
        return "reads-" + hash_of(name.encode(), base)

    def find(self, name: str, base: bytes) -> Any | None:
        """The result stored for `name`, if everything it read is unchanged; else None."""
        try:
            reads = unpack(self.cache[self._reads_key(name, base)], READS)
            return unpack(self.cache[self.versions.key(base, reads)], self.kind)
        except Exception:  # missing, or unreadable: only a miss
            return None

    def keep(self, name: str, base: bytes, reads: Iterable[Read], result: Any) -> None:
        reads = sorted(reads)
        self.cache[self.versions.key(base, reads)] = pack(result, self.kind)
        self.cache[self._reads_key(name, base)] = pack(reads, READS)


def reuse_or_make(
    names: list[str],
    bases: dict[str, bytes],
    store: PageStore | None,
    make: Callable[[list[str]], list[tuple[Value, frozenset[Read]]]],
) -> list[Value]:
    """For each name, its stored result when its inputs are unchanged, else a new one, in order.

    `make(names)` builds the missing ones together (possibly across processes), each with the
    parts of the frame it read; `bases[name]` hashes everything else it depends on.
    """
    found = (
        {} if store is None else {n: r for n in names if (r := store.find(n, bases[n])) is not None}
    )
    missing = [name for name in names if name not in found]
    for name, (result, reads) in zip(missing, make(missing), strict=True):
        if store is not None:
            store.keep(name, bases[name], reads, result)
        found[name] = result
    return [found[name] for name in names]
