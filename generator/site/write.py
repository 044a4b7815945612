"""Write generated files. Only this package writes to disk."""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.dataset.schema import dataset_json_schema
from generator.project import Project


def schema_text() -> str:
    return json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(project: Project) -> Path:
    project.schema_file.write_text(schema_text(), encoding="utf-8")
    return project.schema_file


def ordinary_mode(mode: int = 0o777) -> int:
    """`mode` as the umask lets a new file or directory have it (0o755 under umask 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def version_prefix(target: Path) -> str:
    """How the versions of `target` beside it are named: `site` -> `.site~abc123`. The tilde
    keeps them apart from another target's: `.site-preview~…` is not a version of `site`."""
    return f".{target.name}~"


def versions_of(target: Path) -> list[Path]:
    """The versioned directories of `target` beside it: live, old, or a killed build's."""
    return sorted(target.parent.glob(f"{version_prefix(target)}*"))


def remove_leftovers(target: Path) -> None:
    """Delete every version of `target` it does not point to: what a killed build left.

    Only under the build lock (generator.site.lock): another build's staging is a version too.
    """
    live = target.resolve() if target.is_symlink() else None
    for version in versions_of(target):
        if version.parent.resolve() / version.name != live:  # a stale link to it is no version
            _remove(version)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A fresh version of `target` beside it, with ordinary permissions (mkdtemp makes 0700);
    removed afterwards unless it was swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=version_prefix(target), dir=target.parent))
    staged.chmod(ordinary_mode())
    try:
        yield staged
    finally:
        if target.resolve() != staged.resolve():
            shutil.rmtree(staged, ignore_errors=True)


def swap_in(staged: Path, target: Path) -> None:
    """Make `target` show `staged` in one atomic step: `target` is a symlink to a version
    directory beside it, replaced by renaming a new symlink over it. A kill at any point leaves
    `target` showing the whole old version or the whole new one; the old one is removed after.
    """
    link = staged.with_name(f"{staged.name}-link")
    _remove(link)
    link.symlink_to(staged.name, target_is_directory=True)  # relative: the project may move
    previous: Path | None
    if target.is_symlink() or not target.exists():
        previous = target.resolve() if target.is_symlink() else None
        link.replace(target)
    elif exchange(link, target):  # a directory from before versioned ones, swapped for the link
        previous = link  # the old tree, under the link's name now
    else:  # where the system cannot exchange: two renames, between which `target` is missing
        previous = target.rename(staged.with_name(f"{staged.name}-old"))
        link.replace(target)
    if previous is not None and previous != staged.resolve():
        _remove(previous)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE): True once done,
    False where the system or its file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_cwd, rename_exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_docs(project: Project, pages: Mapping[str, str | bytes], docs_dir: Path) -> None:
    """Hand-written docs (minus the generated folder) plus the generated pages, into docs_dir."""
    generated = project.generated_dir.name
    for item in sorted(project.docs_dir.iterdir()):
        if item.name == generated or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, docs_dir / item.name)
        else:
            shutil.copy2(item, docs_dir / item.name)
    for path, text in pages.items():
        destination = docs_dir / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            destination.write_bytes(text)
        else:
            destination.write_text(text, encoding="utf-8")
