"""Charts as files: the pictures pages show, PNG and SVG downloads, and a page to embed.

A page shows each chart as a picture the build drew (at a phone's width and a wider one, each one
file for both palettes) before any script runs; charts.js replaces it with the interactive chart
only when a reader reaches for it. The exported image is the wide picture on white with the
chart's title above and its source line and the site's credit and licence below, so a reposted
picture still credits both.

Pictures are drawn by the same Vega either way, with no network: in headless Chromium where
there is one (generator/charts/chromium.py, several times faster), else by vl-convert. A
picture is the same bytes whichever draws it, and is kept under `picture_key`: the chart's spec
as built, the export code and the renderer versions, never the rest of the generator's code.
The exported image's PNG is drawn from its SVG by Chromium or by resvg (vl-convert), whose
pixels differ, so its key names the rasteriser too; it is reduced to 256 colours, a quarter of
its size: in the page by Chromium (render_page.js), by Pillow after vl-convert.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import html
import io
import json
import logging
import posixpath
import re
from base64 import b64decode
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import PIL
import vl_convert
from PIL import Image

from generator.charts import chromium, style
from generator.charts.block import json_attribute
from generator.charts.chromium import Pool as BrowserPool
from generator.urls import page_href
from generator.workers import usable_cores

Result = TypeVar("Result")

if TYPE_CHECKING:  # only for hints
    from generator.charts.block import ChartBlock

VL_VERSION = "6.4"  # the Vega-Lite of the vendored scripts and of Altair 6.3
# The site's own Vega and Vega-Lite, which Chromium draws with (vl-convert carries the same).
VENDOR = Path(__file__).resolve().parents[2] / "docs" / "assets" / "vendor"
VEGA_SCRIPTS = (
    VENDOR / "vega-6.4.0" / "vega.min.js",
    VENDOR / "vega-lite-6.4.1" / "vega-lite.min.js",
)
EXPORT_WIDTH = style.PICTURE_WIDTHS[-1]  # an exported image is the wide picture, with its texts
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
    Path(__file__).parent / name
    for name in ("export.py", "chromium.py", "render_page.js", "style.py")
)
logger = logging.getLogger(__name__)


def credit_line(site_name: str, site_url: str) -> str:
    """The site's credit under every exported chart: its name, address and the data's licence."""
    return f"{site_name} · {site_url} · {LICENCE}"


def _is_interactive_only(view: Any) -> bool:
    # Altair makes a repeated name unique with a suffix: interactive-only_0.
    return isinstance(view, dict) and str(view.get("name", "")).startswith(style.INTERACTIVE_ONLY)


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
                if not _is_interactive_only(item)
            ]
    return out


def export_spec(chart: ChartBlock, credit: str = "") -> dict[str, Any]:
    """The chart at a fixed width on white, with its source line and `credit` as a footer."""
    body = static_view(chart.spec)
    top = {key: body.pop(key) for key in TOP_LEVEL if key in body}
    body["width"] = EXPORT_WIDTH
    lines = style.wrap(chart.source_line, 95) + style.wrap(credit, 95)
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


# What Vega writes for a browser's DOM that an image does not need: class names, roles and
# hidden-ness for a script or a screen reader (an image is one node to both), pointer events.
_DOM_ATTRIBUTES = re.compile(
    r' (?:class|role|aria-roledescription|aria-hidden|pointer-events)="[^"]*"'
)
# A group's empty background and hidden foreground, and a full opacity: they draw nothing.
_NOTHING_DRAWN = ('<path d="M0,0h0v0h0Z"/>', '<path d="" display="none"/>', ' opacity="1"')
# Geometry attributes, whose numbers are pixels: a tenth of one is finer than any print shows.
# Only these: a label's text keeps every digit (88.532 is a count in Indonesian). Matched only
# where a number has two decimals or more: the others have nothing to round.
_GEOMETRY = re.compile(r' (d|transform|x|y|x1|x2|y1|y2|dx|dy)="([^"]*?\d\.\d\d[^"]*)"')
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{2,}")


def _tenth(match: re.Match[str]) -> str:
    return _to_a_tenth(match[0])


@functools.lru_cache(maxsize=1 << 16)  # a picture's numbers are mostly its neighbours' too
def _to_a_tenth(number: str) -> str:
    """'150.165' -> '150.2', '10.04' -> '10', '-0.04' -> '0' (round half to even, as round())."""
    text = "%.1f" % float(number)  # noqa: UP031 (the fastest of the three ways)
    if text.endswith("0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _rounded(match: re.Match[str]) -> str:
    return f' {match[1]}="{_LONG_DECIMAL.sub(_tenth, match[2])}"'


def slim_svg(svg: str) -> str:
    """Vega's SVG without what an image never uses, its coordinates to a tenth of a pixel:
    a third of the bytes, the same drawing."""
    svg = _DOM_ATTRIBUTES.sub("", svg)
    for nothing in _NOTHING_DRAWN:  # paths first, as one pass of a pattern took them: same bytes
        svg = svg.replace(nothing, "")
    return without_defaults(_GEOMETRY.sub(_rounded, svg))


# What SVG assumes unless told otherwise, which Vega writes on every element anyway: a line's
# end at 0, no move, a stroke 1 pixel wide (unless a group sets another for its children).
_LINE_AT_ZERO = re.compile(r'(<line\b[^>]*?) (?:x2|y2)="0"(?=[ />])')
_NO_MOVE = ' transform="translate(0,0)"'
_STROKE_OF_ONE = ' stroke-width="1"'
_SETS_STROKE_WIDTH = re.compile(r"<(?:g|svg)\b[^>]* stroke-width=")
_FONT_FAMILY = re.compile(r' font-family="([^"]*)"')


def without_defaults(svg: str) -> str:
    """`svg` without the attributes that say what SVG assumes, and with the one font its texts
    all name said once, on the root, which they inherit: a fifth fewer bytes of a picture, the
    same drawing."""
    twice = _LINE_AT_ZERO.sub(r"\1", _LINE_AT_ZERO.sub(r"\1", svg))  # a line may say both
    svg = twice.replace(_NO_MOVE, "")
    if not _SETS_STROKE_WIDTH.search(svg):
        svg = svg.replace(_STROKE_OF_ONE, "")
    fonts = set(_FONT_FAMILY.findall(svg))
    if len(fonts) == 1:
        svg = _FONT_FAMILY.sub("", svg).replace("<svg ", f'<svg font-family="{fonts.pop()}" ', 1)
    return svg


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


# --- the exported image: the wide picture, its title above, its source and credit below -------

EXPORT_PADDING = 16
TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE = 16, 12, 11  # pixels
# Lines across the 720-pixel picture: of 16-pixel bold text, and of 11- and 12-pixel text.
TITLE_CHARACTERS, FOOTER_CHARACTERS = 70, 105


@dataclass(frozen=True)
class ExportTexts:
    """What an exported image says around its picture."""

    title: tuple[str, ...]
    subtitle: tuple[str, ...]
    footer: tuple[str, ...]  # the source line, then the site's credit


def _wrapped(value: Any, width: int) -> tuple[str, ...]:
    """A spec's title or subtitle (a text, or lines wrapped for a phone) wrapped to `width`."""
    text = " ".join(str(line) for line in value) if isinstance(value, list) else str(value or "")
    return tuple(style.wrap(text, width))


def export_texts(chart: ChartBlock, credit: str) -> ExportTexts:
    """The chart's title and subtitle as its spec has them, its source line and `credit`,
    wrapped to the picture's width."""
    title = chart.spec.get("title") or chart.title
    text, subtitle = (
        (title.get("text"), title.get("subtitle")) if isinstance(title, dict) else (title, None)
    )
    return ExportTexts(
        _wrapped(text, TITLE_CHARACTERS) or (chart.title,),
        _wrapped(subtitle, FOOTER_CHARACTERS),
        _wrapped(chart.source_line, FOOTER_CHARACTERS) + _wrapped(credit, FOOTER_CHARACTERS),
    )


def _text_lines(rows: Sequence[tuple[int, str, str, str]], top: int) -> tuple[str, int]:
    """(size, weight, colour, text) rows as SVG text lines from `top` down, and their bottom."""
    out, y = [], top
    for size, weight, colour, text in rows:
        y += size
        out.append(f'<text x="{EXPORT_PADDING}" y="{y}" font-size="{size}px" '
                   f'font-weight="{weight}" fill="{colour}">{html.escape(text)}</text>')  # fmt: skip
        y += (size * 2 + 4) // 5  # the leading between lines
    return "".join(out), y


def export_svg(picture: bytes, texts: ExportTexts, description: str) -> bytes:
    """The downloadable SVG: the wide `picture` on white, its title and subtitle above and its
    source and credit below, so a reposted image still cites both. Named by its title and
    described by `description` (the chart's summary) for whoever opens it alone."""
    fg, light = style.PAGE_PALETTES["light"]["fg"], style.PAGE_PALETTES["light"]["light"]
    width, height = svg_size(picture)
    head, top = _text_lines(
        [(TITLE_SIZE, "bold", fg, line) for line in texts.title]
        + [(SUBTITLE_SIZE, "normal", light, line) for line in texts.subtitle],
        EXPORT_PADDING,
    )
    top += 8
    foot, bottom = _text_lines(
        [(FOOTER_SIZE, "normal", light, line) for line in texts.footer], top + height + 8
    )
    outer_width, outer_height = width + 2 * EXPORT_PADDING, bottom + EXPORT_PADDING
    nested = _ROOT.sub(f'<svg x="{EXPORT_PADDING}" y="{top}" '.encode(), picture, count=1)
    return (
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{outer_width}" height="{outer_height}" '
            f'viewBox="0 0 {outer_width} {outer_height}"><title>{html.escape(" ".join(texts.title))}'
            f"</title><desc>{html.escape(description)}</desc>"
            f'<rect width="{outer_width}" height="{outer_height}" fill="white"/>'
            f'<g font-family="{html.escape(FONT)}">{head}</g>'
        ).encode()
        + nested
        + f'<g font-family="{html.escape(FONT)}">{foot}</g></svg>'.encode()
    )


# --- drawing ---------------------------------------------------------------------------------


def _finished_svg(svg: str) -> bytes:
    return slim_svg(stable_gradient_ids(svg)).encode("utf-8")


def _vl_convert_svg(spec: dict[str, Any]) -> bytes:
    return _finished_svg(vl_convert.vegalite_to_svg(
        spec, vl_version=VL_VERSION, format_locale=FORMAT_LOCALE,
        time_format_locale=TIME_FORMAT_LOCALE,
    ))  # fmt: skip


def _vl_convert_png(svg: bytes) -> bytes:
    return compressed_png(vl_convert.svg_to_png(svg.decode("utf-8"), scale=PNG_SCALE))


def configure_vl_convert(workers: int) -> None:
    """vl-convert with a worker a core, and no data or image fetched from anywhere, ever."""
    wanted = {"num_workers": workers, "allowed_base_urls": [], "base_url": False}
    if any(vl_convert.get_config().get(key) != value for key, value in wanted.items()):
        vl_convert.configure(**wanted)


def _with_vl_convert(
    convert: Callable[[Any], bytes], items: Sequence[Any], workers: int | None
) -> list[bytes]:
    """convert(item) of each item, in order, on vl-convert's worker pool (one worker a core)."""
    workers = workers or usable_cores()
    configure_vl_convert(workers)
    with ThreadPoolExecutor(workers) as threads:
        return list(threads.map(convert, items))


def draw_with_vl_convert(
    specs: Sequence[dict[str, Any]], *, workers: int | None = None
) -> list[bytes]:
    """Each spec's SVG, in order, drawn by vl-convert."""
    return _with_vl_convert(_vl_convert_svg, specs, workers)


def rasterise_with_vl_convert(svgs: Sequence[bytes], *, workers: int | None = None) -> list[bytes]:
    """Each SVG as a compressed PNG at PNG_SCALE, in order, drawn by resvg (vl-convert)."""
    return _with_vl_convert(_vl_convert_png, svgs, workers)


def page_scripts() -> list[str]:
    """What Chromium's page runs before drawing: the vendored Vega and Vega-Lite, then the
    Indonesian locales that vl-convert is given with each spec."""
    sources = [path.read_text(encoding="utf-8") for path in VEGA_SCRIPTS]
    locales = f"vega.formatLocale({json.dumps(FORMAT_LOCALE)});" + (
        f"vega.timeFormatLocale({json.dumps(TIME_FORMAT_LOCALE)});"
    )
    return [*sources, locales]


def _with_chromium(
    pool: chromium.Pool,
    jobs: list[dict[str, Any]],
    finish: Callable[[Any], Result],
) -> list[Result]:
    """finish(what the page gave) of each job, in order, from one headless Chromium a core (the
    pool's, started if need be). A pool that failed is closed: the next call starts afresh."""
    count = min(usable_cores(), -(-len(jobs) // chromium.BATCH))
    try:
        return chromium.render_jobs(pool.browsers(count), jobs, finish)
    except chromium.ChromiumError:
        pool.close()
        raise


@contextlib.contextmanager
def _pool_of(executable: str, pool: chromium.Pool | None) -> Iterator[chromium.Pool]:
    """`pool`, or one for this call alone."""
    if pool is not None:
        yield pool
        return
    own = chromium.Pool(executable, page_scripts())
    try:
        yield own
    finally:
        own.close()


def draw_with_chromium(
    executable: str,
    specs: Sequence[dict[str, Any]],
    widths: Sequence[int],
    pool: chromium.Pool | None = None,
) -> list[tuple[bytes, ...]]:
    """Each spec's SVG at each of `widths`, in order, drawn by the vendored Vega in Chromium
    (ChromiumError if not): each spec compiled once for all its widths."""
    jobs = [{"spec": spec, "widths": list(widths)} for spec in specs]
    with _pool_of(executable, pool) as browsers:
        return _with_chromium(browsers, jobs, lambda svgs: tuple(map(_finished_svg, svgs)))


def rasterise_with_chromium(
    executable: str, svgs: Sequence[bytes], pool: chromium.Pool | None = None
) -> list[bytes]:
    """Each SVG as a PNG of PNG_COLOURS at PNG_SCALE, in order, drawn and reduced by Chromium."""
    jobs = [
        {"svg": svg.decode("utf-8"), "scale": PNG_SCALE, "colours": PNG_COLOURS} for svg in svgs
    ]
    with _pool_of(executable, pool) as browsers:
        return _with_chromium(browsers, jobs, b64decode)


@dataclass(frozen=True)
class Renderer:
    """What draws the images of this build: Chromium when there is one, else vl-convert.

    vl-convert does the whole batch again if Chromium fails on any item, so a bad spec reports
    vl-convert's message and a build never depends on Chromium.
    """

    chromium: str | None
    pool: BrowserPool | None = None  # browsers kept for every call within `sharing_browsers`

    @contextlib.contextmanager
    def sharing_browsers(self) -> Iterator[Renderer]:
        """This renderer, its browsers started once for all its calls within."""
        if not self.chromium:
            yield self
            return
        with _pool_of(self.chromium, self.pool) as pool:
            yield dataclasses.replace(self, pool=pool)

    @property
    def rasteriser(self) -> str:
        """What draws a PNG's pixels: in the PNG's key, since the two differ."""
        if self.chromium:
            return chromium.chromium_version(self.chromium)
        return f"resvg of vl-convert {vl_convert.__version__}"

    def draw(
        self, specs: Sequence[dict[str, Any]], widths: Sequence[int]
    ) -> list[tuple[bytes, ...]]:
        """Each spec's SVG at each of `widths`: the same bytes whichever draws them."""
        if not specs:
            return []
        if self.chromium:
            try:
                return draw_with_chromium(self.chromium, specs, widths, self.pool)
            except chromium.ChromiumError as error:
                logger.warning("%s; drawing the charts with vl-convert", error)
        svgs = draw_with_vl_convert([spec | {"width": width} for spec in specs for width in widths])
        return _in_groups(svgs, len(widths))

    def rasterise(self, svgs: Sequence[bytes]) -> tuple[list[bytes], bool]:
        """Each SVG's PNG, and whether `rasteriser` drew them (not when Chromium failed)."""
        if self.chromium and svgs:
            try:
                return rasterise_with_chromium(self.chromium, svgs, self.pool), True
            except chromium.ChromiumError as error:
                logger.warning("%s; drawing the PNGs with vl-convert", error)
        return (rasterise_with_vl_convert(svgs) if svgs else []), not self.chromium


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


def picture_key(chart: ChartBlock, width: int, digest: str | None = None) -> str:
    """The picture's key at `width`: everything it depends on, hashed; equal keys, equal bytes."""
    return _key("picture", digest or spec_digest(chart), chart.height, width)


def image_key(chart: ChartBlock, credit: str = "", digest: str | None = None) -> str:
    """The exported image's key: its wide picture's and the texts around it."""
    wide = picture_key(chart, style.PICTURE_WIDTHS[-1], digest)
    return _key("export", wide, dataclasses.astuple(export_texts(chart, credit)))


def png_name(key: str, rasteriser: str) -> str:
    """The PNG's cache name: its SVG's key and what drew its pixels."""
    return f"{key}.{hashlib.sha256(rasteriser.encode()).hexdigest()[:16]}.png"


def cached(
    names: Sequence[str],
    make: Callable[[list[int]], tuple[list[bytes], bool]],
    cache: MutableMapping[str, bytes],
) -> list[bytes]:
    """The bytes under each name, in order: from the cache, or made for the missing ones at once
    (`make(indexes of their first occurrences)` -> their bytes, and whether to keep them)."""
    found = {name: value for name in set(names) if (value := cache.get(name)) is not None}
    missing = list({name: index for index, name in enumerate(names) if name not in found}.items())
    made, keep = make([index for _, index in missing])
    for (name, _), value in zip(missing, made, strict=True):
        found[name] = value
        if keep:
            cache[name] = value
    return [found[name] for name in names]


def picture_files(chart: ChartBlock, svgs: Sequence[bytes]) -> dict[str, bytes]:
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
.vega-chart { flex: 0 1 auto; min-height: 120px; }
.vega-chart img, .vega-chart .vega-view, .vega-chart svg { display: block; width: 100%;
  height: 100%; max-width: WIDTHpx; }
.vega-chart img { object-fit: contain; object-position: left top; }
p, details { flex: none; font-size: 12px; color: #555; margin: 4px 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
h1 { font-size: 15px; margin: 0; }
@media NARROW { header.sr-only, .embed-source.sr-only { position: static; width: auto;
  height: auto; overflow: visible; clip-path: none; white-space: normal; flex: none;
  margin: 0 0 4px; } }
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
    interactive when the reader reaches for it, both with their source and credit inside. A
    phone-wide iframe shows the page's narrow picture instead, under the title as text: the
    exported one would shrink to half its size, its words with it; so does the exported spec
    drawn interactive, so there the picture stays (charts.js, `data-narrow-static`).
    """
    here = posixpath.dirname(chart.embed_path)
    tags = "\n".join(
        f'<script src="{html.escape(posixpath.relpath(src, here))}"></script>' for src in scripts
    )
    spec, svg = export
    data = json_attribute(json.dumps(spec, ensure_ascii=False, separators=(",", ":")))
    width, height = svg_size(svg)
    picture = html.escape(posixpath.relpath(chart.svg_path, here))
    page_url = page_href(page_path, here, is_offline=is_offline)
    source = html.escape(chart.source_line)
    summary = html.escape(chart.summary, quote=True)
    css = EMBED_STYLE.replace("FONT", FONT).replace("WIDTH", str(width))
    css = css.replace("NARROW", chart.narrow_media if chart.has_narrow_picture else "not all")
    caption = f"<p>{html.escape(chart.caption)}</p>" if chart.caption else ""
    narrow_static = " data-narrow-static" if chart.has_narrow_picture else ""  # charts.js
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
<header class="sr-only"><h1>{html.escape(chart.title)}</h1>{caption}</header>
<div class="vega-chart" id="{html.escape(chart.anchor)}-vega" role="img" tabindex="0" aria-label="{summary}" data-mode="static"{narrow_static} data-spec='{data}'><picture class="chart-picture" aria-hidden="true">{_narrow_source(chart, here)}<img src="{picture}" width="{width}" height="{height}" alt="{summary}"></picture></div>
<p class="embed-credit"><span class="embed-source sr-only">{source}. {html.escape(credit)}. </span><a href="{html.escape(page_url)}#{html.escape(chart.anchor)}" target="_blank" rel="noopener">Lihat data dan sumbernya</a></p>
<details><summary>Data grafik dalam bentuk teks</summary>
<p>{html.escape(chart.summary)}</p>
{_data_table(chart)}
</details>
</main>
{tags}
</body>
</html>
"""


def _narrow_source(chart: ChartBlock, here: str) -> str:
    """The embed's narrow picture for phone-wide iframes, where the chart has one."""
    if not chart.has_narrow_picture:
        return ""
    narrow = chart.narrow_picture
    src = html.escape(posixpath.relpath(narrow.path, here))
    return (
        f'<source media="{chart.narrow_media}" srcset="{src}" width="{narrow.width}" '
        f'height="{narrow.height}">'
    )


def cached_pictures(
    charts: Sequence[ChartBlock],
    digests: Sequence[str],
    cache: MutableMapping[str, bytes],
    renderer: Renderer,
) -> list[tuple[bytes, ...]]:
    """Each chart's pictures, in PICTURE_WIDTHS order: from the cache, or drawn and kept.
    `digests` are the charts' spec_digest, worked out once for all their keys. A chart missing
    a picture is drawn at every width: one compile serves them all."""
    widths = style.PICTURE_WIDTHS
    names = [f"{picture_key(chart, width, digest)}.svg"
             for chart, digest in zip(charts, digests, strict=True) for width in widths]  # fmt: skip

    def draw(misses: list[int]) -> tuple[list[bytes], bool]:
        redrawn = sorted({i // len(widths) for i in misses})
        specs = [picture_spec(charts[c], widths[0]) for c in redrawn]
        drawn = dict(zip(redrawn, renderer.draw(specs, widths), strict=True))
        return [drawn[i // len(widths)][i % len(widths)] for i in misses], True

    return _in_groups(cached(names, draw, cache), len(widths))


def _in_groups(svgs: Sequence[bytes], size: int) -> list[tuple[bytes, ...]]:
    """Consecutive `size` SVGs together: a chart's pictures, one a width."""
    return [tuple(svgs[i : i + size]) for i in range(0, len(svgs), size)]


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
    `cache` keeps drawn pictures by `picture_key` and PNGs by `image_key` and rasteriser, so an
    unchanged chart is not drawn again; `renderer` draws the others (default: `find_renderer()`).
    """
    scripts, charts = list(scripts), list(charts)
    cache = {} if cache is None else cache
    with (renderer or find_renderer()).sharing_browsers() as shared:
        return _chart_files(charts, scripts, is_offline=is_offline, credit=credit, cache=cache,
                            renderer=shared)  # fmt: skip


def _chart_files(
    charts: list[tuple[ChartBlock, str]],
    scripts: list[str],
    *,
    is_offline: bool,
    credit: str,
    cache: MutableMapping[str, bytes],
    renderer: Renderer,
) -> dict[str, bytes]:
    blocks = [chart for chart, _ in charts]
    digests = [spec_digest(chart) for chart in blocks]  # each spec serialised once
    pictures = cached_pictures(blocks, digests, cache, renderer)
    exports = [export_svg(svgs[-1], export_texts(chart, credit), chart.summary)
               for chart, svgs in zip(blocks, pictures, strict=True)]  # fmt: skip
    rasteriser = renderer.rasteriser
    names = [png_name(image_key(chart, credit, digest), rasteriser)
             for chart, digest in zip(blocks, digests, strict=True)]  # fmt: skip
    pngs = cached(names, lambda misses: renderer.rasterise([exports[i] for i in misses]), cache)
    files: dict[str, bytes] = {}
    for (chart, page_path), svgs, svg, png in zip(charts, pictures, exports, pngs, strict=True):
        files[chart.svg_path] = svg
        files[chart.png_path] = png
        files.update(picture_files(chart, svgs))
        export = (export_spec(chart, credit), svg)
        page = embed_page(
            chart, scripts, page_path, is_offline=is_offline, export=export, credit=credit
        )
        files[chart.embed_path] = page.encode("utf-8")
    return files
