"""Every path the generator reads or writes, derived from one root; and what a build knows of itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


def _absolute(path: Path) -> Path:
    """`path` made absolute without following its last part: `site` is a symlink to the live
    version (generator.site.write), and the next build must replace the link, not write into it."""
    return path.parent.resolve() / path.name


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
            site_dir=_absolute(site_dir or root / "site"),
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
    def dist_dir(self) -> Path:
        """The offline bundle (`python -m generator bundle`)."""
        return self.root / "dist"

    @property
    def cache_dir(self) -> Path:
        """What a build can reuse (parsed data files, area pages, chart images), by content hash;
        safe to delete at any time."""
        return self.root / ".cache"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def schema_file(self) -> Path:
        return self.root / "data" / "schema.json"


@dataclass(frozen=True)
class MarkdownOptions:
    """The Markdown extensions and their settings, as MkDocs validated them from mkdocs.yml;
    by default MkDocs' own built-in ones."""

    extensions: tuple[str, ...] = ("toc", "tables", "fenced_code")
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildInfo:
    """What a page may say about the build that made it; one per build."""

    site_name: str  # mkdocs.yml's site_name
    site_url: str  # the canonical online address (mkdocs.yml's site_url), even offline
    is_offline: bool  # built for file:// (the offline bundle), not for the web
    # SOURCE_DATE_EPOCH's day (UTC); unset: today, or the data date for the bundle
    build_date: date
    scripts: tuple[str, ...] = ()  # mkdocs.yml's extra_javascript, for standalone embed pages
    markdown: MarkdownOptions = MarkdownOptions()  # how pages' Markdown becomes HTML
