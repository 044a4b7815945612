"""Charts as files: the pictures pages show, PNG and SVG downloads, and a page to embed.

A page shows each chart as a picture the build drew (in both palettes, at a phone's width and a
wider one) before any script runs; charts.js replaces it with the interactive chart only when a
reader reaches for it. An exported image carries its title, source line and the site's credit and
licence inside it, so a reposted picture still credits both.

Images are drawn by the same Vega either way, with no network: in headless Chromium where there
is one (generator/charts/chromium.py, several times faster), else by vl-convert. An SVG is the
same bytes whichever draws it, and is kept under `image_key`: the chart's spec as built, the
export code and the renderer versions, never the rest of the generator's code. A PNG is drawn
from that SVG by Chromium or by resvg (vl-convert), whose pixels differ, so its key names the
rasteriser too; it is then reduced to 256 colours (Pillow), a quarter of its size.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import logging
import posixpath
import re
import textwrap
from base64 import b64decode
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import PIL
import vl_convert
from PIL import Image

from generator.charts import chromium, style
from generator.urls import page_href
from generator.workers import usable_cores

if TYPE_CHECKING:  # only for hints
    from generator.charts.block import ChartBlock

VL_VERSION = "6.4"  # the Vega-Lite of the vendored scripts and of Altair 6.3
# The site's own Vega and Vega-Lite, which Chromium draws with (vl-convert carries the same).
VENDOR = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor"
VEGA_SCRIPTS = (
    VENDOR / "vega-6.4.0" / "vega.min.js",
    VENDOR / "vega-lite-6.4.1" / "vega-lite.min.js",
)
EXPORT_WIDTH = 640
# A PNG is 1,000-1,300 pixels wide: more than the 1,200 a link preview asks for at most widths,
# sharp in an article's column; the SVG is there for print.
PNG_SCALE = 1.5
PNG_COLOURS = 256  # a chart's few colours and their anti-aliasing: 23 KB a PNG instead of 102
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
# The views a Vega-Lite spec nests; anything else (data, config) is shared, never copied.
VIEW_KEYS = ("layer", "concat", "hconcat", "vconcat", "spec")
# The code that shapes an image; nothing else of the generator's is in its key.
EXPORT_CODE = tuple(
    Path(__file__).parent / name for name in ("export.py", "chromium.py", "style.py")
)
logger = logging.getLogger(__name__)


def credit_line(site_name: str, site_url: str) -> str:
    """The site's credit under every exported chart: its name, address and the data's licence."""
    return f"{site_name} · {site_url} · {LICENCE}"


def static_view(view: dict[str, Any]) -> dict[str, Any]:
    """A view as a picture draws it: no `href` channel (a picture links nowhere, and vl-convert
    would resolve a page's relative link against its own base URL) and no layer that only the
    interactive chart needs (style.INTERACTIVE_ONLY: invisible points that carry tooltips).

    Only the views are rebuilt: data and config are shared with `view`, not copied.
    """
    out = dict(view)
    encoding = view.get("encoding")
    if isinstance(encoding, dict) and "href" in encoding:
        out["encoding"] = {channel: e for channel, e in encoding.items() if channel != "href"}
    for key in VIEW_KEYS:
        inner = view.get(key)
        if isinstance(inner, dict):
            out[key] = static_view(inner)
        elif isinstance(inner, list):
            out[key] = [
                static_view(item) if isinstance(item, dict) else item
                for item in inner
                if not (isinstance(item, dict) and item.get("name") == style.INTERACTIVE_ONLY)
            ]
    return out


def export_spec(chart: ChartBlock, credit: str = "") -> dict[str, Any]:
    """The chart at a fixed width on white, with its source line and `credit` as a footer."""
    body = static_view(chart.spec)
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
        # No ARIA on the marks: Vega writes one English label a point ("source_index: 0"), a
        # third of the file; the picture says its title and source, and titled_svg names it.
        "config": {**top.get("config", {}), "font": FONT, "aria": False},
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
    """The chart as its page draws it, in the light palette, `width` pixels wide.

    With no ARIA labels on its marks (`aria: false`), half the bytes: the page hides the
    picture from assistive technology and describes the chart on its outer element.
    """
    spec = static_view(chart.page_spec)
    spec["width"] = width
    spec["config"] = _merged(style.page_theme("light"), spec.get("config", {})) | {"aria": False}
    return spec


def _palette_swaps() -> dict[str, str]:
    """Each colour of a light picture, as Vega writes it, and its dark-palette colour."""
    light, dark = style.PAGE_PALETTES["light"], style.PAGE_PALETTES["dark"]
    return {light[role]: dark[role] for role in light} | style.DARK_COLOURS


_ROOT = re.compile(rb"<svg ")
COLOUR_ATTRIBUTES = ("fill", "stroke", "stop-color")


def with_dark_palette(svg: bytes) -> bytes:
    """A light picture that turns dark when addressed as `picture.svg#dark`: one file for both
    palettes. A style sheet inside it gives each light colour it uses its dark twin while the
    root is the :target; CSS outranks the presentation attributes Vega writes."""
    rules = [
        f':root:target [{attribute}="{old}"]{{{attribute}:{new}}}'
        for old, new in _palette_swaps().items()
        for attribute in COLOUR_ATTRIBUTES
        if f'{attribute}="{old}"'.encode() in svg
    ]
    head, tail = svg.split(b">", 1)
    root = _ROOT.sub(f'<svg id="{style.DARK_TARGET}" '.encode(), head, count=1)
    return root + b"><style>" + "".join(rules).encode() + b"</style>" + tail


def titled_svg(svg: bytes, title: str) -> bytes:
    """An exported SVG with its chart's title as its name: what a browser shows for the file
    opened alone, and a screen reader for the image."""
    head, tail = svg.split(b">", 1)
    return head + b"><title>" + html.escape(title).encode("utf-8") + b"</title>" + tail


# What Vega writes for a browser's DOM that an image does not need: class names, roles and
# hidden-ness for a script or a screen reader (an image is one node to both), pointer events.
_DOM_ATTRIBUTES = re.compile(
    r' (?:class|role|aria-roledescription|aria-hidden|pointer-events)="[^"]*"'
)
# A group's empty background and hidden foreground: they draw nothing.
_NOTHING_DRAWN = re.compile(r'<path d="M0,0h0v0h0Z"/>|<path d="" display="none"/>| opacity="1"')
# Geometry attributes, whose numbers are pixels: a tenth of one is finer than any print shows.
# Only these: a label's text keeps every digit (88.532 is a count in Indonesian).
_GEOMETRY = re.compile(r' (d|transform|x|y|x1|x2|y1|y2|dx|dy)="([^"]*)"')
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{2,}")


def _tenth(match: re.Match[str]) -> str:
    text = f"{round(float(match[0]), 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rounded(match: re.Match[str]) -> str:
    return f' {match[1]}="{_LONG_DECIMAL.sub(_tenth, match[2])}"'


def slim_svg(svg: str) -> str:
    """Vega's SVG without what an image never uses, its coordinates to a tenth of a pixel:
    a third of the bytes, the same drawing."""
    svg = _DOM_ATTRIBUTES.sub("", svg)
    svg = _NOTHING_DRAWN.sub("", svg)
    return _GEOMETRY.sub(_rounded, svg)


_GRADIENT_ID = re.compile(r"gradient_\d+")


def stable_gradient_ids(svg: str) -> str:
    """Vega numbers a legend's gradient by how many its process drew before (`gradient_7`):
    renumber them in order of appearance, so an image is the same bytes however it was drawn."""
    numbers: dict[str, str] = {}
    return _GRADIENT_ID.sub(lambda m: numbers.setdefault(m[0], f"gradient_{len(numbers)}"), svg)


def compressed_png(png: bytes) -> bytes:
    """A drawn PNG reduced to PNG_COLOURS colours on white, with no metadata: the same pixels
    give the same bytes."""
    with Image.open(io.BytesIO(png)) as drawn:
        reduced = drawn.convert("RGB").quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    reduced.save(out, "PNG")
    return out.getvalue()


# --- drawing ---------------------------------------------------------------------------------

Drawn = tuple[bytes, bytes | None]  # an SVG, and its PNG when one was asked for


@dataclass(frozen=True)
class Job:
    """One image to draw: a Vega-Lite spec, and whether its PNG is wanted too."""

    spec: dict[str, Any]
    with_png: bool


def _finished(svg: str, png: bytes | None) -> Drawn:
    svg = slim_svg(stable_gradient_ids(svg))
    return svg.encode("utf-8"), None if png is None else compressed_png(png)


def _vl_convert_svg(spec: dict[str, Any]) -> str:
    return vl_convert.vegalite_to_svg(  # type: ignore[no-any-return]
        spec, vl_version=VL_VERSION, format_locale=FORMAT_LOCALE,
        time_format_locale=TIME_FORMAT_LOCALE,
    )  # fmt: skip


def _draw_with_vl_convert(job: Job) -> Drawn:
    svg = _vl_convert_svg(job.spec)
    return _finished(svg, vl_convert.svg_to_png(svg, scale=PNG_SCALE) if job.with_png else None)


def configure_vl_convert(workers: int) -> None:
    """vl-convert with a worker a core, and no data or image fetched from anywhere, ever."""
    wanted = {"num_workers": workers, "allowed_base_urls": [], "base_url": False}
    if any(vl_convert.get_config().get(key) != value for key, value in wanted.items()):
        vl_convert.configure(**wanted)


def draw_with_vl_convert(jobs: Sequence[Job], *, workers: int | None = None) -> list[Drawn]:
    """Each job's images, in order, from vl-convert's worker pool (one worker a core)."""
    workers = workers or usable_cores()
    configure_vl_convert(workers)
    with ThreadPoolExecutor(workers) as threads:
        return list(threads.map(_draw_with_vl_convert, jobs))


def page_scripts() -> list[str]:
    """What Chromium's page runs before drawing: the vendored Vega and Vega-Lite, then the
    Indonesian locales that vl-convert is given with each spec."""
    sources = [path.read_text(encoding="utf-8") for path in VEGA_SCRIPTS]
    locales = f"vega.formatLocale({json.dumps(FORMAT_LOCALE)});" + (
        f"vega.timeFormatLocale({json.dumps(TIME_FORMAT_LOCALE)});"
    )
    return [*sources, locales]


def draw_with_chromium(
    executable: str, jobs: Sequence[Job], *, workers: int | None = None
) -> list[Drawn]:
    """Each job's images, in order, from one headless Chromium a core (ChromiumError if not)."""
    count = min(workers or usable_cores(), -(-len(jobs) // chromium.BATCH))
    payload = [{"spec": job.spec, "scale": PNG_SCALE if job.with_png else 0} for job in jobs]
    finish = lambda svg, png: _finished(svg, None if png is None else b64decode(png))  # noqa: E731
    with chromium.browsers(executable, page_scripts(), count) as pool:
        return chromium.render_jobs(pool, payload, finish)


@dataclass(frozen=True)
class Renderer:
    """What draws the images of this build: Chromium when there is one, else vl-convert."""

    chromium: str | None

    @property
    def rasteriser(self) -> str:
        """What draws a PNG's pixels: in the PNG's key, since the two differ."""
        if self.chromium:
            return chromium.chromium_version(self.chromium)
        return f"resvg of vl-convert {vl_convert.__version__}"

    def draw(self, jobs: Sequence[Job]) -> tuple[list[Drawn], bool]:
        """Each job's SVG and PNG, and whether `rasteriser` drew the PNGs. vl-convert redraws
        them all if Chromium fails on any, so a bad spec reports vl-convert's message and a
        build never depends on Chromium."""
        if not jobs:
            return [], True
        if self.chromium:
            try:
                return draw_with_chromium(self.chromium, jobs), True
            except chromium.ChromiumError as error:
                logger.warning("%s; drawing the charts with vl-convert", error)
        return draw_with_vl_convert(jobs), not self.chromium


def find_renderer() -> Renderer:
    """Chromium where it is found and the vendored Vega is there to load, else vl-convert."""
    executable = chromium.find_chromium()
    return Renderer(executable if all(path.is_file() for path in VEGA_SCRIPTS) else None)


# --- keys and the cache ----------------------------------------------------------------------


@functools.cache
def export_code_version() -> str:
    """The export code, the Vega behind both renderers, and the PNG encoder, hashed."""
    digest = hashlib.sha256()
    for path in EXPORT_CODE:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    versions = [vl_convert.__version__, vl_convert.get_vega_version(), VL_VERSION,
                [path.parent.name for path in VEGA_SCRIPTS], PIL.__version__]  # fmt: skip
    digest.update(json.dumps(versions).encode())
    return digest.hexdigest()


def spec_digest(chart: ChartBlock) -> str:
    """The chart's spec as built, hashed: serialised once, never copied."""
    text = json.dumps(chart.spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key(*parts: Any) -> str:
    text = json.dumps([export_code_version(), *parts], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def image_key(chart: ChartBlock, credit: str = "", digest: str | None = None) -> str:
    """The exported SVG's key: everything it depends on, hashed; equal keys, equal bytes."""
    digest = digest or spec_digest(chart)
    return _key("export", digest, chart.title, chart.source_line, credit)


def picture_key(chart: ChartBlock, width: int, digest: str | None = None) -> str:
    """The light picture's key at `width`."""
    return _key("picture", digest or spec_digest(chart), chart.height, width)


def png_name(key: str, rasteriser: str) -> str:
    """The PNG's cache name: its SVG's key and what drew its pixels."""
    return f"{key}.{hashlib.sha256(rasteriser.encode()).hexdigest()[:16]}.png"


@dataclass(frozen=True)
class Wanted:
    """One image a build needs: its cache names, and how to make its spec if it must be drawn."""

    svg_name: str
    png_name: str | None
    make_spec: Callable[[], dict[str, Any]]


def cached_drawings(
    wanted: Sequence[Wanted], cache: MutableMapping[str, bytes], renderer: Renderer
) -> list[Drawn]:
    """Each wanted image, in order: from the cache, or drawn (once a name) and stored."""
    found: dict[str, Drawn] = {}
    misses: dict[str, Wanted] = {}
    for item in wanted:
        svg = cache.get(item.svg_name)
        png = cache.get(item.png_name) if item.png_name else None
        if svg is not None and (png is not None or item.png_name is None):
            found[item.svg_name] = (svg, png)
        else:
            misses.setdefault(item.svg_name, item)
    jobs = [Job(item.make_spec(), item.png_name is not None) for item in misses.values()]
    drawings, is_as_keyed = renderer.draw(jobs)
    for item, (svg, png) in zip(misses.values(), drawings, strict=True):
        cache[item.svg_name] = svg  # the same bytes whichever renderer drew it
        if item.png_name and png is not None and is_as_keyed:
            cache[item.png_name] = png
        found[item.svg_name] = (svg, png)
    return [found[item.svg_name] for item in wanted]


def wanted_images(chart: ChartBlock, credit: str, rasteriser: str) -> list[Wanted]:
    """A chart's exported SVG and PNG, then its light picture at each of style.PICTURE_WIDTHS."""
    digest = spec_digest(chart)
    export_key = image_key(chart, credit, digest)
    wanted = [Wanted(f"{export_key}.svg", png_name(export_key, rasteriser),
                     functools.partial(export_spec, chart, credit))]  # fmt: skip
    for width in style.PICTURE_WIDTHS:
        key = picture_key(chart, width, digest)
        wanted.append(Wanted(f"{key}.svg", None, functools.partial(picture_spec, chart, width)))
    return wanted


def picture_files(chart: ChartBlock, svgs: tuple[bytes, ...]) -> dict[str, bytes]:
    """A chart's pictures by path, one a width (`svgs` in PICTURE_WIDTHS order), each light and,
    as `#dark`, dark."""
    return {
        chart.picture(width).path: with_dark_palette(svg)
        for width, svg in zip(style.PICTURE_WIDTHS, svgs, strict=True)
    }


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
    renderer: Renderer | None = None,
) -> dict[str, bytes]:
    """Every chart's pictures, PNG, SVG and embed page, by path under docs_dir.

    `charts` pairs each chart with the path of its page (for the embed page's link back);
    `scripts` are the site's extra_javascript: charts.js, which loads the vendored Vega;
    `credit` (credit_line) goes under every exported chart.
    `cache` keeps drawn images by `image_key` and `picture_key`, so an unchanged chart is not
    drawn again; `renderer` draws the others (default: `find_renderer()`).
    """
    scripts, charts = list(scripts), list(charts)
    cache = {} if cache is None else cache
    renderer = renderer or find_renderer()
    wanted = [wanted_images(chart, credit, renderer.rasteriser) for chart, _ in charts]
    drawn = cached_drawings([item for items in wanted for item in items], cache, renderer)
    count = 1 + len(style.PICTURE_WIDTHS)
    files: dict[str, bytes] = {}
    for index, (chart, page_path) in enumerate(charts):
        (svg, png), *pictures = drawn[index * count : (index + 1) * count]
        files[chart.svg_path] = titled_svg(svg, chart.title)
        files[chart.png_path] = png or b""
        files.update(picture_files(chart, tuple(picture for picture, _ in pictures)))
        export = (export_spec(chart, credit), svg)
        page = embed_page(
            chart, scripts, page_path, is_offline=is_offline, export=export, credit=credit
        )
        files[chart.embed_path] = page.encode("utf-8")
    return files
