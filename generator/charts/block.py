"""A chart as a page shows it: its spec, its summary sentence, its data as a table, and the
files drawn from it (pictures, PNG and SVG downloads, an embed page)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.charts import style
from generator.urls import DOWNLOADS_DIR, EMBEDS_DIR, PICTURES_DIR


def json_attribute(value: str) -> str:
    """JSON for an HTML attribute value inside single quotes (a chart's `data-spec`).

    JSON is full of double quotes and has few single ones: escaping only &, ', < and > keeps a
    chart's spec about a third smaller than a double-quoted attribute would.
    """
    escaped = value.replace("&", "&amp;").replace("'", "&#39;")
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Link:
    text: str
    path: str | None  # relative to docs_dir; None for an area without a page: the text alone
    reading: str | None = None  # why we infer this link where no source states it


@dataclass(frozen=True)
class Picture:
    """One drawing of a chart the build makes for its page, at a width: light, and dark when
    addressed by its `dark_fragment` (export.with_dark_palette)."""

    path: str  # relative to docs_dir
    width: int
    height: int

    @property
    def dark_fragment(self) -> str:
        return f"#{style.DARK_TARGET}"


@dataclass(frozen=True)
class ChartBlock:
    anchor: str
    title: str
    spec: dict[str, Any]  # with its title, as exported; the page shows the title as a heading
    summary: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[Link, ...]
    page_slug: str  # the page it belongs to: an area slug, or "beranda"
    is_abridged: bool = False  # the text table keeps the last point of each year; CSV has all
    caveat: str | None = None  # a series that mixes sources says so, under the chart
    height: int = style.PICTURE_HEIGHT  # the whole drawing's, axes and legend included
    # False for a drawing a phone's width cannot hold (tilemap.fits_a_phone): phones get the
    # wide picture, scaled.
    has_narrow_picture: bool = True

    @property
    def stem(self) -> str:
        """File name stem of the chart's image and embed files, stable like its page and anchor."""
        return f"{self.page_slug}--{self.anchor}"

    @property
    def png_path(self) -> str:
        return f"{DOWNLOADS_DIR}/grafik/{self.stem}.png"

    @property
    def svg_path(self) -> str:
        return f"{DOWNLOADS_DIR}/grafik/{self.stem}.svg"

    @property
    def embed_path(self) -> str:
        return f"{EMBEDS_DIR}/{self.stem}.html"

    def picture(self, width: int) -> Picture:
        """The drawing the page shows before any script runs, `width` wide."""
        return Picture(f"{PICTURES_DIR}/{self.stem}--{width}.svg", width, self.height)

    @property
    def narrow_picture(self) -> Picture:
        return self.picture(style.PICTURE_WIDTHS[0])

    @property
    def wide_picture(self) -> Picture:
        return self.picture(style.PICTURE_WIDTHS[-1])

    @property
    def narrow_media(self) -> str:
        """The windows that get the narrow picture."""
        return f"(max-width: {style.NARROW_WINDOW}px)"

    @property
    def embed_height(self) -> int:
        """The iframe height the embed code suggests: the exported picture at its full width,
        with its credit line (the embed page fits the picture to any other height)."""
        return self.height + style.EMBED_EXTRA

    @property
    def source_line(self) -> str:
        """The credit drawn inside exported images, so a reposted picture still cites its source."""
        return "Sumber: " + "; ".join(source.text for source in self.sources)

    @property
    def caption(self) -> str:
        """The chart's subtitle, said under its heading on the page rather than inside it."""
        title = self.spec.get("title")
        subtitle = title.get("subtitle", "") if isinstance(title, dict) else ""
        return " ".join(subtitle) if isinstance(subtitle, list) else str(subtitle)

    @property
    def page_spec(self) -> dict[str, Any]:
        """The spec as the page draws it: no title (the heading says it), its whole drawing
        `height` tall, so the picture and the interactive chart take the same room."""
        spec = {key: value for key, value in self.spec.items() if key != "title"}
        return {**spec, "height": self.height, "autosize": {"type": "fit", "contains": "padding"}}

    @property
    def spec_json(self) -> str:
        return json.dumps(self.page_spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
