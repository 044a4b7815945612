"""Every path the generator reads or writes, derived from one root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    data_dir: Path
    site_dir: Path

    @classmethod
    def at(cls, root: Path, data_dir: Path | None = None, site_dir: Path | None = None) -> Project:
        root = root.resolve()
        return cls(
            root=root,
            data_dir=(data_dir or root / "data").resolve(),
            site_dir=(site_dir or root / "site").resolve(),
        )

    @property
    def docs_dir(self) -> Path:
        """Hand-written pages and assets."""
        return self.root / "docs"

    @property
    def generated_dir(self) -> Path:
        """MkDocs' docs_dir: hand-written docs plus generated pages; nobody edits it."""
        return self.docs_dir / "generated"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def schema_file(self) -> Path:
        return self.root / "data" / "schema.json"
