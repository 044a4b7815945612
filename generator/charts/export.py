"""Charts as files: the pictures pages show, PNG and SVG downloads, and a page to embed.

A page shows each chart as a picture the build drew (in both palettes, at a phone's width and a
wider one) before any script runs; charts.js replaces it with the interactive chart only when a
reader reaches for it. An exported image carries its title, source line and the site's credit and
licence inside it, so a reposted picture still credits both. Rendering uses vl-convert (Vega in
Rust/Deno), with no network.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import textwrap
from collections.abc import Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import vl_convert

from generator.charts import style
from generator.urls import page_href
from generator.workers import parallel_map

if TYPE_CHECKING:  # only for hints: a worker that imports this module then skips pandas and Altair
    from generator.charts.block import ChartBlock

VL_VERSION = "6.4"  # the Vega-Lite of the vendored scripts and of Altair 6.3
EXPORT_WIDTH = 640
PNG_SCALE = 2
FONT = style.FONT
LICENCE = "Lisensi CC BY 4.0"
# The same Indonesian locales charts.js gives vega-embed in the browser.
FORMAT_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]}
TIME_FORMAT_LOCALE = {
    "dateTime": "%A, %e %B %Y %X",
    "date": "%d/%m/%Y",
    "time": "%H.%M.%S",
    "periods": ["AM", "PM"],
    "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                    "Nov", "Des"],
}  # fmt: skip
# Keys that belong to the top level of a spec, not to a view inside a concatenation.
TOP_LEVEL = ("$schema", "datasets", "config", "title", "autosize", "background", "padding",
             "usermeta")  # fmt: skip
# Channels that can draw a legend. Resolved independently, a legend stays inside the chart's view
# instead of moving to the concatenation, where it would land below the source line.
LEGEND_CHANNELS = ("color", "fill", "stroke", "opacity", "fillOpacity", "strokeOpacity",
                   "strokeWidth", "strokeDash", "size", "angle", "shape")  # fmt: skip
# Fewer misses than this render in-process: starting a pool costs about a second.
MIN_BATCH_FOR_POOL = 8


def credit_line(site_name: str, site_url: str) -> str:
    """The site's credit under every exported chart: its name, address and the data's licence."""
    return f"{site_name} · {site_url} · {LICENCE}"


def without_links(spec: Any) -> Any:
    """A spec with no `href` channel: a picture links nowhere (vl-convert would resolve a page's
    relative link against its own base URL); the page's interactive chart keeps its links."""
    if isinstance(spec, dict):
        return {k: without_links(v) for k, v in spec.items() if k != "href"}
    return [without_links(item) for item in spec] if isinstance(spec, list) else spec


def export_spec(chart: ChartBlock, credit: str = "") -> dict[str, Any]:
    """The chart at a fixed width on white, with its source line and `credit` as a footer."""
    body = without_links(chart.spec)
    top = {key: body.pop(key) for key in TOP_LEVEL if key in body}
    body["width"] = EXPORT_WIDTH
    lines = textwrap.wrap(chart.source_line, 95) + textwrap.wrap(credit, 95)
    footer = {
        "data": {"values": [{}]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 11},
        "encoding": {"text": {"value": lines}, "x": {"value": 0}, "y": {"value": 0}},
        "width": EXPORT_WIDTH,
        "height": 14 * len(lines),
    }
    return {
        "datasets": top.get("datasets", {}),
        "title": top.get("title", chart.title),
        "config": {**top.get("config", {}), "font": FONT},
        "background": "white",
        "padding": 16,
        "spacing": 12,
        "vconcat": [body, footer],
        "resolve": {
            "scale": dict.fromkeys(LEGEND_CHANNELS, "independent"),
            "legend": dict.fromkeys(LEGEND_CHANNELS, "independent"),
        },
    }


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A deep merge of two configs; values from `over` win (as charts.js merges its theme)."""
    out = dict(base)
    for key, value in over.items():
        both = isinstance(out.get(key), dict) and isinstance(value, dict)
        out[key] = _merged(out[key], value) if both else value
    return out


def picture_spec(chart: ChartBlock, width: int) -> dict[str, Any]:
    """The chart as its page draws it, in the light palette, `width` pixels wide."""
    spec = without_links(chart.page_spec)
    spec["width"] = width
    spec["config"] = _merged(style.page_theme("light"), spec.get("config", {}))
    return spec


def _palette_swaps() -> dict[bytes, bytes]:
    """Each colour of a light picture, quoted as Vega writes it, and its dark-palette colour."""
    light, dark = style.PAGE_PALETTES["light"], style.PAGE_PALETTES["dark"]
    colours = {light[role]: dark[role] for role in light} | style.DARK_COLOURS
    return {f'"{old}"'.encode(): f'"{new}"'.encode() for old, new in colours.items()}


def dark_picture(svg: bytes) -> bytes:
    """A light picture in the dark palette: the same drawing, so only its colours change."""
    for old, new in _palette_swaps().items():
        svg = svg.replace(old, new)
    return svg


def _svg(spec: dict[str, Any]) -> str:
    svg = vl_convert.vegalite_to_svg(
        spec,
        vl_version=VL_VERSION,
        format_locale=FORMAT_LOCALE,
        time_format_locale=TIME_FORMAT_LOCALE,
        allowed_base_urls=[],  # every spec carries its data inline: fetch nothing, ever
    )
    return stable_gradient_ids(svg)


_GRADIENT_ID = re.compile(r"gradient_\d+")


def stable_gradient_ids(svg: str) -> str:
    """Vega numbers a legend's gradient by how many its process drew before (`gradient_7`):
    renumber them in order of appearance, so an image is the same bytes however it was drawn."""
    numbers: dict[str, str] = {}
    return _GRADIENT_ID.sub(lambda m: numbers.setdefault(m[0], f"gradient_{len(numbers)}"), svg)


def render_spec(spec: dict[str, Any]) -> tuple[bytes, bytes]:
    """SVG and PNG of an export spec (about 0.1 s); module-level, so a pool worker can run it."""
    svg = _svg(spec)
    return svg.encode("utf-8"), vl_convert.svg_to_png(svg, scale=PNG_SCALE)


def render_picture(spec: dict[str, Any]) -> tuple[bytes]:
    """The SVG of a picture spec (about 70 ms), for a pool worker too."""
    return (_svg(spec).encode("utf-8"),)


def render_images(chart: ChartBlock) -> tuple[bytes, bytes]:
    """SVG and PNG of a chart: the slowest step of a build, hence the cache and the pool."""
    return render_spec(export_spec(chart))


def spec_key(spec: dict[str, Any]) -> str:
    """Everything the images of an export spec depend on, hashed."""
    inputs = [spec, VL_VERSION, vl_convert.__version__, FORMAT_LOCALE, TIME_FORMAT_LOCALE,
              PNG_SCALE]  # fmt: skip
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def image_key(chart: ChartBlock) -> str:
    """Everything the images depend on, hashed: equal keys give byte-identical images."""
    return spec_key(export_spec(chart))


def render_specs(
    specs: list[dict[str, Any]], *, workers: int | None = None
) -> list[tuple[bytes, bytes]]:
    """SVG and PNG of each spec, in order; across processes when there are enough to pay.

    `workers` defaults to one a core, at most one a spec (generator.workers).
    """
    return parallel_map(render_spec, specs, min_items=MIN_BATCH_FOR_POOL, workers=workers)


def render_pictures(
    specs: list[dict[str, Any]], *, workers: int | None = None
) -> list[tuple[bytes]]:
    """The SVG of each picture spec, in order, as `render_specs` renders export specs."""
    return parallel_map(render_picture, specs, min_items=MIN_BATCH_FOR_POOL, workers=workers)


Render = Callable[[list[dict[str, Any]]], list[Any]]


def stored(
    cache: MutableMapping[str, bytes], key: str, suffixes: tuple[str, ...]
) -> tuple[bytes, ...] | None:
    """The files stored under a key, one a suffix, or None unless all are there."""
    found = tuple(cache.get(f"{key}.{suffix}") for suffix in suffixes)
    return None if any(data is None for data in found) else found  # type: ignore[return-value]


def cached_renders(
    specs: list[dict[str, Any]],
    cache: MutableMapping[str, bytes],
    suffixes: tuple[str, ...],
    render: Render,
) -> list[tuple[bytes, ...]]:
    """Each spec's files, in order: from the cache, or rendered (once a key) and stored."""
    keys = [spec_key(spec) for spec in specs]
    found = {key: files for key in keys if (files := stored(cache, key, suffixes))}
    misses = {key: spec for key, spec in zip(keys, specs, strict=True) if key not in found}
    for key, files in zip(misses, render(list(misses.values())), strict=True):
        for suffix, data in zip(suffixes, files, strict=True):
            cache[f"{key}.{suffix}"] = data
        found[key] = files
    return [found[key] for key in keys]


def cached_images(
    charts: list[ChartBlock], cache: MutableMapping[str, bytes], credit: str = ""
) -> list[tuple[bytes, ...]]:
    """Each chart's exported SVG and PNG, in order."""
    specs = [export_spec(chart, credit) for chart in charts]
    return cached_renders(specs, cache, ("svg", "png"), lambda s: render_specs(s))


def cached_pictures(
    charts: list[ChartBlock], cache: MutableMapping[str, bytes]
) -> list[tuple[bytes, ...]]:
    """Each chart's light pictures, one a width of style.PICTURE_WIDTHS, in order."""
    specs = [picture_spec(chart, width) for chart in charts for width in style.PICTURE_WIDTHS]
    svgs = [svg for (svg,) in cached_renders(specs, cache, ("svg",), lambda s: render_pictures(s))]
    count = len(style.PICTURE_WIDTHS)
    return [tuple(svgs[i : i + count]) for i in range(0, len(svgs), count)]


def picture_files(chart: ChartBlock, svgs: tuple[bytes, ...]) -> dict[str, bytes]:
    """A chart's pictures by path: each light one, `svgs` in PICTURE_WIDTHS order, and its dark twin."""
    files = {}
    for width, svg in zip(style.PICTURE_WIDTHS, svgs, strict=True):
        files[chart.picture("light", width).path] = svg
        files[chart.picture("dark", width).path] = dark_picture(svg)
    return files


def _data_table(chart: ChartBlock) -> str:
    """The chart's data as an HTML table: its text alternative without JavaScript."""
    head = "".join(f"<th>{html.escape(column)}</th>" for column in chart.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in chart.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height Vega wrote on an SVG's root element."""
    match = SVG_SIZE.search(svg)
    return (int(match.group(1)), int(match.group(2))) if match else (EXPORT_WIDTH, style.HEIGHT)


SVG_SIZE = re.compile(rb'<svg[^>]* width="(\d+)" height="(\d+)"')
# The embed page fits its picture into whatever box the host gives it, so nothing is clipped at
# any width or height; the picture carries its own title, source and credit.
EMBED_STYLE = """
html, body { height: 100%; }
body { margin: 0; padding: 8px; box-sizing: border-box; display: flex; flex-direction: column;
  font-family: FONT; color: #222; background: #fff; }
main { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.vega-chart { flex: 1 1 auto; min-height: 120px; }
.vega-chart img, .vega-chart .vega-view, .vega-chart svg { display: block; width: 100%;
  height: 100%; max-width: WIDTHpx; }
.vega-chart img { object-fit: contain; object-position: left top; }
p, details { flex: none; font-size: 12px; color: #555; margin: 4px 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
table { border-collapse: collapse; } td, th { padding: 2px 6px; text-align: left; }
"""


def embed_page(
    chart: ChartBlock,
    scripts: Iterable[str],
    page_path: str,
    *,
    is_offline: bool,
    export: tuple[dict[str, Any], bytes],
    credit: str,
) -> str:
    """A standalone page with only the chart, for an iframe; every script comes from the site.

    `export` is the exported spec and its SVG: the picture shown, and the chart drawn
    interactive when the reader reaches for it, both with their source and credit inside.
    """
    here = posixpath.dirname(chart.embed_path)
    tags = "\n".join(
        f'<script src="{html.escape(posixpath.relpath(src, here))}"></script>' for src in scripts
    )
    spec, svg = export
    data = html.escape(json.dumps(spec, ensure_ascii=False, separators=(",", ":")), quote=True)
    width, height = svg_size(svg)
    picture = html.escape(posixpath.relpath(chart.svg_path, here))
    page_url = page_href(page_path, here, is_offline=is_offline)
    source = html.escape(chart.source_line)
    summary = html.escape(chart.summary, quote=True)
    css = EMBED_STYLE.replace("FONT", FONT).replace("WIDTH", str(width))
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(chart.title)}</title>
<meta name="description" content="{summary}">
<style>{css}</style>
</head>
<body>
<main>
<h1 class="sr-only">{html.escape(chart.title)}</h1>
<div class="vega-chart" id="{html.escape(chart.anchor)}-vega" role="img" tabindex="0" aria-label="{summary}" data-mode="static" data-spec="{data}"><img src="{picture}" width="{width}" height="{height}" alt="{summary}" aria-hidden="true"></div>
<p class="embed-credit">{source}. {html.escape(credit)}. <a href="{html.escape(page_url)}#{html.escape(chart.anchor)}" target="_blank" rel="noopener">Lihat data dan sumbernya</a></p>
<details><summary>Data grafik dalam bentuk teks</summary>
<p>{html.escape(chart.summary)}</p>
{_data_table(chart)}
</details>
</main>
{tags}
</body>
</html>
"""


def chart_files(
    charts: Iterable[tuple[ChartBlock, str]],
    scripts: Iterable[str],
    *,
    is_offline: bool,
    credit: str = "",
    cache: MutableMapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every chart's pictures, PNG, SVG and embed page, by path under docs_dir.

    `charts` pairs each chart with the path of its page (for the embed page's link back);
    `scripts` are the site's extra_javascript: charts.js, which loads the vendored Vega;
    `credit` (credit_line) goes under every exported chart.
    `cache` keeps rendered images by `spec_key`, so an unchanged chart is not rendered again;
    the others render in parallel (`render_specs`, `render_pictures`).
    """
    scripts, charts = list(scripts), list(charts)
    cache = {} if cache is None else cache
    blocks = [chart for chart, _ in charts]
    images = cached_images(blocks, cache, credit)
    pictures = cached_pictures(blocks, cache)
    files: dict[str, bytes] = {}
    for (chart, page_path), (svg, png), svgs in zip(charts, images, pictures, strict=True):
        files[chart.svg_path] = svg
        files[chart.png_path] = png
        files.update(picture_files(chart, svgs))
        export = (export_spec(chart, credit), svg)
        page = embed_page(
            chart, scripts, page_path, is_offline=is_offline, export=export, credit=credit
        )
        files[chart.embed_path] = page.encode("utf-8")
    return files
