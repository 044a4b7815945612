"""Which files under the data directory are the dataset; every other file is reported.

The rule: `data/*.yaml`, `data/figures/*.yaml` and `data/maps/*.yaml` are read. `data/snapshots/*` are the
sources' copies, which generator.dataset.snapshots reads and reports. `data/schema.json` (for
editors) and README or Markdown files beside the data files (for people) are not data and
pass. Hidden files and folders (`.gitkeep`, `.DS_Store`, an editor's swap file) belong to
tools and pass.
Anything else would be silently ignored, so it is an error: `figures/kota-blitar.yml` is lost
data, and a copy in `figures/old/` would not be read either.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from generator.dataset.problems import Position, Problem
from generator.dataset.snapshots import SNAPSHOTS_DIR

FIGURES_DIR = "figures"
MAPS_DIR = "maps"
_DATA_DIRS = (PurePosixPath("."), PurePosixPath(FIGURES_DIR), PurePosixPath(MAPS_DIR))
_LAYOUT = "data files are data/*.yaml, data/figures/*.yaml and data/maps/*.yaml"


def data_files(data_dir: Path) -> list[Path]:
    """The files the dataset is read from, sorted."""
    return sorted(
        p for p in data_dir.rglob("*.yaml") if p.is_file() and _is_data(_relative(p, data_dir))
    )


def unread_files(data_dir: Path) -> Iterator[Problem]:
    """A located error for each file under data_dir that is neither read nor allowed beside."""
    for path in sorted(data_dir.rglob("*")):
        name = _relative(path, data_dir)
        if path.is_file() and not (
            _is_hidden(name) or _is_data(name) or _is_allowed(name) or _is_snapshot(name)
        ):
            yield Problem(Position(name.as_posix(), 1, 1), "", _why_unread(name), "unread-file")


def _relative(path: Path, data_dir: Path) -> PurePosixPath:
    return PurePosixPath(path.relative_to(data_dir).as_posix())


def _is_data(name: PurePosixPath) -> bool:
    return name.suffix == ".yaml" and name.parent in _DATA_DIRS


def _is_snapshot(name: PurePosixPath) -> bool:
    return name.parent == PurePosixPath(SNAPSHOTS_DIR)  # generator.dataset.snapshots checks these


def _is_hidden(name: PurePosixPath) -> bool:
    return any(part.startswith(".") for part in name.parts)


def _is_allowed(name: PurePosixPath) -> bool:
    is_readme = name.name.upper().startswith("README") or name.suffix.lower() == ".md"
    return name == PurePosixPath("schema.json") or (is_readme and name.parent in _DATA_DIRS)


def _why_unread(name: PurePosixPath) -> str:
    looks_like_data = name.suffix.lower() in (".yaml", ".yml")
    if looks_like_data and name.parent in _DATA_DIRS:
        return f"not read: {_LAYOUT}; rename it to {name.stem + '.yaml'!r}"
    if looks_like_data:
        return f"not read: {_LAYOUT}, not in other folders; move it there or delete it"
    return (
        f"not read: {_LAYOUT}, with snapshots/, schema.json and README files beside; "
        "move it out of data/"
    )
