"""Source snapshots: copies of source texts kept in data/snapshots/ as evidence for `check`.

A snapshot is read only to verify quotes; the site never republishes it (the text is its
publisher's copyright). Its sha256 is recorded with its source, so an edited copy is caught.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.dataset.problems import Position, Problem
from generator.dataset.schema import Source

SNAPSHOTS_DIR = "snapshots"
_NOT_SNAPSHOTS = frozenset({"README.md"})


def snapshot_name(source_id: str) -> str:
    """Where a source's snapshot lives, relative to the data directory."""
    return f"{SNAPSHOTS_DIR}/{source_id}.txt"


def comparable(text: str) -> str:
    """Text as quotes are compared: NFC, runs of white space as one space (YAML folds lines)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_snapshots(
    data_dir: Path, sources: Mapping[str, Source], positions: Mapping[str, Position]
) -> tuple[dict[str, str], list[Problem]]:
    """Each snapshot's text by source id, verified against its recorded sha256, and problems."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for source_id, source in sources.items():
        if source.snapshot is None:
            continue
        where = positions.get(f"sources:{source_id}", Position("sources.yaml"))
        field = f"sources.{source_id}.snapshot"
        try:
            raw = (data_dir / snapshot_name(source_id)).read_bytes()
        except OSError:
            message = f"no snapshot file {snapshot_name(source_id)} for this source"
            problems.append(Problem(where, field, message, "missing-snapshot"))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.snapshot.sha256:
            message = (
                f"{snapshot_name(source_id)} has sha256 {digest}, not the recorded "
                f"{source.snapshot.sha256}: the copy changed; restore it or record the new hash"
            )
            problems.append(Problem(where, f"{field}.sha256", message, "snapshot-changed"))
            continue
        try:
            texts[source_id] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"{snapshot_name(source_id)} is not UTF-8 text ({error.reason})"
            problems.append(Problem(where, field, message, "invalid-snapshot"))
    problems.extend(_stray_files(data_dir, sources))
    return texts, problems


def _stray_files(data_dir: Path, sources: Mapping[str, Source]) -> Iterator[Problem]:
    """Files in data/snapshots/ that no source records: a typo in a name, or a forgotten copy."""
    folder = data_dir / SNAPSHOTS_DIR
    expected = {snapshot_name(i).split("/")[-1] for i, s in sources.items() if s.snapshot}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.name not in expected and path.name not in _NOT_SNAPSHOTS:
            name = f"{SNAPSHOTS_DIR}/{path.name}"
            message = (
                "no source records this snapshot; name it <source id>.txt and give that "
                "source a `snapshot` with its sha256"
            )
            yield Problem(Position(name), "", message, "unused-snapshot")
