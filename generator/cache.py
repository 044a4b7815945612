"""The one cache: what a step made, kept under the hash of its input value and of the code.

`cached_map(function, items, ...)` is `[function(item) for item in items]`, where each result
is read back when the same function (the same code) was given the same value before, and the
misses are made across every core. A key is the hash of everything the function reads, so an
entry cannot go stale: there is nothing to invalidate, only keys nobody asks for again, which
`prune` deletes.

Nothing kept here is code or can become code: entries are bytes (chart images) or JSON
(`pack`), never pickles. Each file holds its content's hash, checked on every read, so a
crafted, edited or truncated entry is a miss and is made again, never published. A cache that
cannot be read or written (a directory where a file should be, a full disk, a read-only file
system) is only a slower build: the entry is made and not kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import logging
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy
import pandas as pd
import pydantic
from pydantic import TypeAdapter

from generator.workers import parallel_map

Value = TypeVar("Value")
Item = TypeVar("Item")
Result = TypeVar("Result")
PACKAGE = Path(__file__).parent
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


# --- keys ----------------------------------------------------------------------------------------


def hash_of(*parts: bytes) -> str:
    """One hex key for several byte strings; lengths go in too, so parts cannot run together."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def fingerprint(value: Any) -> bytes:
    """The hash of a value a step reads: equal values, equal hashes; any change, a new one.

    Covers what steps are given: dataclasses, pydantic models, frames, mappings, sequences and
    plain values. Anything else is refused rather than hashed by its identity."""
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.digest()


def _feed(digest: Any, value: Any) -> None:  # noqa: C901 - one case per kind of value
    if value is None or isinstance(value, bool | int | float | str | bytes | datetime.date):
        digest.update(f"{type(value).__name__}:{value!r}\x1e".encode())
    elif isinstance(value, pd.DataFrame):
        _feed(digest, ("frame", list(map(str, value.columns)), len(value)))
        for name in value.columns:
            _feed_column(digest, value[name].to_numpy())
    elif isinstance(value, pydantic.BaseModel):
        _feed(digest, (type(value).__name__, value.model_dump_json()))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
        _feed(digest, (type(value).__name__, fields))
    elif isinstance(value, Mapping):
        digest.update(b"{")
        for key, item in value.items():  # in order: insertion order is part of the value
            _feed(digest, key)
            _feed(digest, item)
        digest.update(b"}")
    elif isinstance(value, frozenset | set):
        _feed(digest, ("set", sorted(fingerprint(item) for item in value)))
    elif isinstance(value, list | tuple):
        digest.update(b"[")
        for item in value:
            _feed(digest, item)
        digest.update(b"]")
    else:
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def _feed_column(digest: Any, values: numpy.ndarray) -> None:
    """A column by its bytes; holding objects, by the strings themselves where they all are
    strings, else by their reprs: exact for the strings, numbers, None, NaN, tuples and models
    a frame holds, and never by identity."""
    if values.dtype != object:
        digest.update(values.dtype.str.encode() + values.tobytes())
    elif (text := _joined_strings(values)) is not None:
        # Joining is a third of the time of a repr each, for a page's thousand rows a column.
        digest.update(hash_of(b"strings", str(len(values)).encode(), text.encode()).encode())
    else:
        text = "\x1f".join(map(repr, values))  # repr escapes any \x1f inside
        digest.update(hash_of(b"objects", text.encode()).encode())


def _joined_strings(values: numpy.ndarray) -> str | None:
    """The values joined by \x1f when every one is a string and none holds \x1f; else None."""
    try:
        text = "\x1f".join(values)
    except TypeError:  # not all strings
        return None
    return text if text.count("\x1f") == max(len(values) - 1, 0) else None


@functools.cache
def _python_version() -> bytes:
    """The generator's Python code as this process imported it, and the libraries' versions.

    Hashed once a process: the code running is the code imported, even if the files change
    under it (`serve` restarts itself when they do)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    import altair, jinja2, markdown, mkdocs  # noqa: E401, I001 - their output is ours

    versions = (sys.version, pd.__version__, altair.__version__, jinja2.__version__,
                markdown.__version__, mkdocs.__version__, pydantic.__version__)  # fmt: skip
    digest.update(repr(versions).encode())
    return digest.digest()


def code_version(templates: Path = PACKAGE / "templates") -> bytes:
    """The code that makes the cached results: the Python imported, and the templates as they
    are now (each build reads them afresh, so an edited template must change every key)."""
    digest = hashlib.sha256(_python_version())
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(templates)).encode() + b"\0" + path.read_bytes())
    return digest.digest()


# --- the map -------------------------------------------------------------------------------------


def cached_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    cache: MutableMapping[str, bytes] | None,
    kind: TypeAdapter[Result],
    *,
    min_items: int = 8,
    version: bytes | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, each result kept in `cache` (as JSON of type
    `kind`) under the hash of the code, the function (with any arguments bound by
    functools.partial) and the item; misses are made across worker processes when there are
    `min_items` or more. `version` replaces the code's hash where a step depends on less of
    the code (chart images: only the renderer). `progress(done)` hears of the misses made."""
    base = hash_of(version if version is not None else code_version(), _function_key(function))
    keys = [hash_of(base.encode(), fingerprint(item)) for item in items]
    results: dict[int, Result] = {}
    kept: MutableMapping[str, bytes] = {} if cache is None else cache
    for i, key in enumerate(keys):
        with contextlib.suppress(KeyError, ValueError, zlib.error):  # a miss, or a bad entry
            results[i] = unpack(kept[key], kind)
    missing = [i for i in range(len(items)) if i not in results]
    made = parallel_map(
        function, [items[i] for i in missing], min_items=min_items, progress=progress
    )
    for i, result in zip(missing, made, strict=True):
        if cache is not None:
            cache[keys[i]] = pack(result, kind)
        results[i] = result
    return [results[i] for i in range(len(items))]


def _function_key(function: Callable[..., Any]) -> bytes:
    """A function by its name, with the arguments a functools.partial binds."""
    if isinstance(function, functools.partial):
        bound = (function.args, sorted(function.keywords.items()))
        return hash_of(_function_key(function.func), fingerprint(bound)).encode()
    return f"{function.__module__}.{function.__qualname__}".encode()
