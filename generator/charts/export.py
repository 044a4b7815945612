"""Charts as files: PNG and SVG rendered at build time, and a standalone page to embed.

An exported image carries its title and source line inside it, so a reposted picture still
credits its source. Rendering uses vl-convert (Vega in Rust/Deno), with no network.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import posixpath
import textwrap
from collections.abc import Iterable, MutableMapping
from typing import TYPE_CHECKING, Any

import vl_convert

from generator.workers import parallel_map

if TYPE_CHECKING:  # only for hints: a worker that imports this module then skips pandas and Altair
    from generator.pages.context import ChartBlock

VL_VERSION = "6.4"  # the Vega-Lite of the vendored scripts and of Altair 6.3
EXPORT_WIDTH = 640
PNG_SCALE = 2
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
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


def export_spec(chart: ChartBlock) -> dict[str, Any]:
    """The chart at a fixed width on white, with its source line as a footer under it."""
    body = copy.deepcopy(chart.spec)
    top = {key: body.pop(key) for key in TOP_LEVEL if key in body}
    body["width"] = EXPORT_WIDTH
    lines = textwrap.wrap(chart.source_line, 95)
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


def render_spec(spec: dict[str, Any]) -> tuple[bytes, bytes]:
    """SVG and PNG of an export spec (about 0.1 s); module-level, so a pool worker can run it."""
    svg = vl_convert.vegalite_to_svg(
        spec,
        vl_version=VL_VERSION,
        format_locale=FORMAT_LOCALE,
        time_format_locale=TIME_FORMAT_LOCALE,
        allowed_base_urls=[],  # every spec carries its data inline: fetch nothing, ever
    )
    return svg.encode("utf-8"), vl_convert.svg_to_png(svg, scale=PNG_SCALE)


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


def stored_images(cache: MutableMapping[str, bytes], key: str) -> tuple[bytes, bytes] | None:
    """The SVG and PNG stored under a key, or None unless both are there."""
    svg, png = cache.get(f"{key}.svg"), cache.get(f"{key}.png")
    return None if svg is None or png is None else (svg, png)


def cached_images(
    charts: list[ChartBlock], cache: MutableMapping[str, bytes]
) -> list[tuple[bytes, bytes]]:
    """Each chart's images, in order: from the cache, or rendered (once a key) and stored."""
    specs = [export_spec(chart) for chart in charts]
    keys = [spec_key(spec) for spec in specs]
    images = {key: pair for key in keys if (pair := stored_images(cache, key))}
    misses = {key: spec for key, spec in zip(keys, specs, strict=True) if key not in images}
    rendered = render_specs(list(misses.values()))
    for key, (svg, png) in zip(misses, rendered, strict=True):
        cache[f"{key}.svg"], cache[f"{key}.png"] = svg, png
        images[key] = svg, png
    return [images[key] for key in keys]


def page_href(page_path: str, here: str, *, is_offline: bool) -> str:
    """Link to a page as MkDocs writes it: `wilayah/x/` online, `wilayah/x.html` offline."""
    if page_path == "index.md":
        target = "index.html"
    elif is_offline:
        target = page_path.removesuffix(".md") + ".html"
    else:
        target = page_path.removesuffix(".md") + "/"
    relative = posixpath.relpath(target, here)
    return relative + "/" if target.endswith("/") else relative


def _data_table(chart: ChartBlock) -> str:
    """The chart's data as an HTML table: its text alternative without JavaScript."""
    head = "".join(f"<th>{html.escape(column)}</th>" for column in chart.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in chart.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def embed_page(
    chart: ChartBlock, scripts: Iterable[str], page_path: str, *, is_offline: bool
) -> str:
    """A standalone page with only the chart, for an iframe; every script comes from the site."""
    here = posixpath.dirname(chart.embed_path)
    tags = "\n".join(
        f'<script src="{html.escape(posixpath.relpath(src, here))}"></script>' for src in scripts
    )
    spec = html.escape(chart.spec_json, quote=True)
    page_url = page_href(page_path, here, is_offline=is_offline)
    source = html.escape(chart.source_line)
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(chart.title)}</title>
<meta name="description" content="{html.escape(chart.summary, quote=True)}">
<style>
body {{ margin: 0; padding: 8px; font-family: {FONT}; color: #222; background: #fff; }}
.vega-chart, .vega-view {{ display: block; width: 100%; }}
p, details {{ font-size: 12px; color: #555; margin: 4px 0 0; }}
.sr-only {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 2px 6px; text-align: left; }}
</style>
</head>
<body>
<main>
<h1 class="sr-only">{html.escape(chart.title)}</h1>
<div class="vega-chart" id="{html.escape(chart.anchor)}-vega" role="img" tabindex="0" aria-label="{html.escape(chart.summary, quote=True)}" data-spec="{spec}" style="min-height: {chart.reserved_height}px"></div>
<p>{source}. <a href="{html.escape(page_url)}#{html.escape(chart.anchor)}" target="_blank" rel="noopener">Lihat data dan sumbernya</a></p>
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
    cache: MutableMapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every chart's PNG, SVG and embed page, by path under docs_dir.

    `charts` pairs each chart with the path of its page (for the embed page's link back);
    `scripts` are the site's extra_javascript: charts.js, which loads the vendored Vega.
    `cache` keeps rendered images by `image_key`, so an unchanged chart is not rendered again;
    the others render in parallel (`render_specs`).
    """
    scripts, charts = list(scripts), list(charts)
    images = cached_images([chart for chart, _ in charts], {} if cache is None else cache)
    files: dict[str, bytes] = {}
    for (chart, page_path), (svg, png) in zip(charts, images, strict=True):
        files[chart.svg_path] = svg
        files[chart.png_path] = png
        page = embed_page(chart, scripts, page_path, is_offline=is_offline)
        files[chart.embed_path] = page.encode("utf-8")
    return files
