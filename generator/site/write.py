"""Write generated files. Only this package writes to disk."""

from __future__ import annotations

import json
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


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A fresh directory beside `target`, removed afterwards unless it was swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        yield staged
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def swap_in(staged: Path, target: Path) -> None:
    """Replace `target` with `staged` by renames, so readers never see a half-written tree."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


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
