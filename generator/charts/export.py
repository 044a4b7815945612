"""Charts as files: PNG and SVG rendered at build time, and a standalone page to embed."""

from __future__ import annotations

from collections.abc import Iterable

from generator.pages.context import ChartBlock


def chart_files(charts: Iterable[ChartBlock]) -> dict[str, bytes]:
    """Every chart's PNG, SVG and embed page, by path under docs_dir."""
    return {}
