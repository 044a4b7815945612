"""The dataset's files -> a validated `Dataset`: the only code that reads the data directory.

Each file is read (generator.dataset.yaml) and validated (generator.dataset.validate) on its
own, cached by its bytes; then the files are collected and cross-referenced
(generator.dataset.collect), where a series' points become figures (generator.dataset.series). Every problem is collected with its file, line and
column, so a user sees all of them at once.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import zlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import ruamel.yaml
import yaml
from pydantic import TypeAdapter

from generator.dataset import fastyaml
from generator.dataset.collect import (
    Collected,
    collect_file,
    names_defined,
    reference_problems,
)
from generator.dataset.files import data_files, unread_files
from generator.dataset.problems import DataError, Position, Problem
from generator.dataset.schema import DataFile
from generator.dataset.snapshots import read_snapshots
from generator.dataset.types import Dataset
from generator.dataset.validate import validate_file
from generator.dataset.yaml import FieldPath, ParsedFile, parse_file
from generator.memory import collector_paused

__all__ = ["Dataset", "load_dataset", "read_file", "read_files"]


# A cache entry holds a valid file's content and shallow positions. Its key hashes the file's
# bytes with the code that reads them, so an edited file or loader never meets a stale entry.
def _reader_version() -> bytes:
    """The code that reads a file: every module of this package, and the libraries it uses."""
    code = b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
    versions = f"{pydantic.VERSION} {ruamel.yaml.__version__} {yaml.__version__}".encode()
    return hashlib.sha256(code + versions).digest()


@dataclass
class _Read:
    """One file read: its content and shallow positions, or its problems."""

    content: DataFile | None
    keys: dict[FieldPath, tuple[int, int]]
    values: dict[FieldPath, tuple[int, int]]
    problems: list[Problem]
    data: Any = None  # the plain data it validated, to keep in the cache
    # Of a file with problems: the sections it holds (regions, sources ...); None if unreadable.
    sections: frozenset[str] | None = None


def read_file(name: str, raw: bytes) -> _Read:
    """Parse and validate one file."""
    parsed = parse_file(raw, name)
    content = parsed if isinstance(parsed, list) else validate_file(parsed)
    if isinstance(content, list):
        return _Read(None, {}, {}, content, sections=_sections(parsed))
    assert isinstance(parsed, ParsedFile)
    keys = {k: v for k, v in parsed.keys.items() if len(k) <= fastyaml.POSITION_DEPTH}
    values = {k: v for k, v in parsed.values.items() if fastyaml.is_recorded(k)}
    return _Read(content, keys, values, [], parsed.data)


def _sections(parsed: ParsedFile | list[Problem]) -> frozenset[str] | None:
    if isinstance(parsed, list):
        return None
    return frozenset(parsed.data) if isinstance(parsed.data, dict) else frozenset()


def _incomplete_sections(reads: list[_Read]) -> set[str]:
    """Sections some of whose names may be missing, because a file holding them has problems."""
    incomplete: set[str] = set()
    for read in reads:
        if read.content is None:
            incomplete |= (
                read.sections if read.sections is not None else {"regions", "offices", "sources"}
            )
    return incomplete


def _read_all(files: list[tuple[str, bytes]]) -> list[_Read]:
    # In this process: worker processes were slower, with one figure per entry (#18) and with
    # series (25-26 s against 9-16 s at N = 514, this machine shared), as the validated content
    # costs more to send back than to make.
    return [read_file(name, raw) for name, raw in files]


# A valid file as kept in the cache: its plain data and shallow positions, as JSON. A hit
# validates the data again, as a miss does: the same code decides what a file holds.
_Kept = tuple[Any, list[tuple[FieldPath, tuple[int, int]]], list[tuple[FieldPath, tuple[int, int]]]]
_KEPT: TypeAdapter[_Kept] = TypeAdapter(_Kept)


def _kept(read: _Read) -> bytes:
    kept = (read.data, list(read.keys.items()), list(read.values.items()))
    return zlib.compress(_KEPT.dump_json(kept), 1)


def _from_kept(entry: bytes) -> _Read:
    data, keys, values = _KEPT.validate_json(zlib.decompress(entry))
    return _Read(DataFile.model_validate(data), dict(keys), dict(values), [], data)


def read_files(
    files: list[tuple[str, bytes]], cache: MutableMapping[str, bytes] | None = None
) -> list[_Read]:
    """Every file read, in order: valid files come from the cache when their bytes are known."""
    if cache is None:
        return _read_all(files)
    version = _reader_version()
    keys = [hashlib.sha256(version + raw).hexdigest() for _, raw in files]
    results: dict[int, _Read] = {}
    for i, key in enumerate(keys):
        if (entry := cache.get(key)) is not None:
            with contextlib.suppress(Exception):  # an unreadable entry is only a miss
                results[i] = _from_kept(entry)
    misses = [i for i in range(len(files)) if i not in results]
    for i, read in zip(misses, _read_all([files[i] for i in misses]), strict=True):
        results[i] = read
        if read.content is not None:
            cache[keys[i]] = _kept(read)
    return [results[i] for i in range(len(files))]


def load_dataset(data_dir: Path, cache: MutableMapping[str, bytes] | None = None) -> Dataset:
    """Read and validate every YAML file under data_dir; raise DataError listing all problems.

    `cache` keeps each valid file's validated content by a hash of its bytes (see read_files).
    """
    if not data_dir.is_dir():
        raise DataError([Problem(Position(str(data_dir)), "", "no such directory", "no-data")])
    # Reading creates millions of objects and no cycles: collecting as the heap grows would make
    # the load quadratic (3 minutes instead of 30 s for 300.000 figures).
    with collector_paused():
        dataset = _load(data_dir, cache)
    gc.freeze()  # what was read lives on: later collections need not scan it again
    return dataset


def _no_figures(data_dir: Path, *, has_files: bool) -> Problem:
    """A site needs figures: without any, `check` must not say OK for `build` to fail."""
    if not has_files:
        message = "holds no data files; the dataset is data/*.yaml and data/figures/*.yaml"
        return Problem(Position(str(data_dir)), "", message, "no-data")
    message = "the dataset has no figures; add them in data/figures/<area>.yaml"
    return Problem(Position(str(data_dir)), "", message, "no-figures")


def _load(data_dir: Path, cache: MutableMapping[str, bytes] | None) -> Dataset:
    collected = Collected()
    contents: list[tuple[ParsedFile, DataFile]] = []
    files = [(p.relative_to(data_dir).as_posix(), p.read_bytes()) for p in data_files(data_dir)]
    reads = read_files(files, cache)
    for (name, raw), read in zip(files, reads, strict=True):
        if read.content is None:
            collected.problems.extend(read.problems)
            continue
        text = raw.decode("utf-8")
        parsed = ParsedFile(name, None, read.values, read.keys, text, is_complete=False)
        contents.append((parsed, read.content))
    names = names_defined(contents)
    for parsed, content in contents:
        collect_file(collected, parsed, content, names)
    collected.problems.extend(reference_problems(contents, names, _incomplete_sections(reads)))
    collected.problems.extend(unread_files(data_dir))
    texts, problems = read_snapshots(data_dir, collected.sources, collected.positions)
    collected.problems.extend(problems)
    if not collected.problems and not collected.figures:
        collected.problems.append(_no_figures(data_dir, has_files=bool(files)))
    if collected.problems:
        raise DataError(collected.problems)
    return Dataset(
        regions=collected.regions,
        offices=collected.offices,
        sources=collected.sources,
        events=collected.events,
        figures=tuple(collected.figures),
        register=collected.register,
        maps=collected.maps,
        positions=collected.positions,
        snapshots=texts,
    )
