"""Indonesian number and date formats, and escaping data for Markdown and HTML."""

from __future__ import annotations

import functools
import html
import json
import re

from generator import formatting
from generator.charts import block
from generator.checks.numbers import SCALES, published_form
from generator.dataset.periods import period_label


class Markdown(str):
    """Text the generator wrote itself, already safe to put into a Markdown page."""

    __slots__ = ()


# Python-Markdown's escapable characters, plus `|` which its tables extension honours.
# (Extensions that give ~ ^ = : a meaning, such as pymdownx.tilde or emoji, stay disabled.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_LINE_START_MARKERS = re.compile(r"^(\s*)(\d+)\.", re.MULTILINE)


def md_escape(value: object) -> Markdown:
    """Data text as inert Markdown: no markup, no links, no HTML, no broken table cells.

    HTML-special characters become entities, Markdown punctuation is backslash-escaped
    (a `|` included, so a table cell cannot be split), and newlines become spaces.
    """
    if isinstance(value, Markdown):
        return value
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)  # a page escapes the same names and labels many times
def _escaped(text: str) -> Markdown:
    text = html.escape(" ".join(text.split()), quote=True)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return Markdown(_LINE_START_MARKERS.sub(r"\1\2\\.", text))


def html_code(value: object) -> Markdown:
    """HTML shown inside a fenced code block: escaped, and no backtick that could end the fence."""
    return Markdown(html.escape(str(value), quote=True).replace("`", "&#96;"))


def html_attribute(value: object) -> Markdown:
    """Text for an HTML attribute value inside double quotes."""
    return Markdown(html.escape(str(value), quote=True))


def json_attribute(value: str) -> Markdown:
    """JSON for an HTML attribute value inside single quotes (charts.block.json_attribute)."""
    return Markdown(block.json_attribute(value))


def angka(value: float, decimals: int | None = None) -> Markdown:
    """226342 -> '226.342'; 15.9 -> '15,9'; decimals shown only as needed unless given."""
    return Markdown(formatting.number(value, decimals))


def persen(value: float, decimals: int | None = None) -> Markdown:
    """69.4 -> '69,4%'."""
    return Markdown(formatting.percent(value, decimals))


def published_number(value: float, as_published: str | None = None) -> Markdown:
    """A number in Indonesian; given the source's text, in the source's form and precision:
    15900000 written '15,9 juta pekerja' -> '15,9 juta', 17.6 written '17,60%' -> '17,60'."""
    decimals, word = published_form(as_published) if as_published else (None, None)
    if word:
        return Markdown(formatting.scaled(value, SCALES[word], decimals))
    return angka(value, decimals)


def nilai(value: float, unit: str, as_published: str | None = None) -> Markdown:
    """A figure's value with its unit, in Indonesian, as `published_number` writes it."""
    if unit == "persen":
        decimals = published_form(as_published)[0] if as_published else None
        return Markdown(formatting.percent(value, decimals))
    return Markdown(f"{published_number(value, as_published)} {unit}")


def tanggal(period: str) -> Markdown:
    """A period in Indonesian: '6 September 2023', 'Triwulan I 2024'."""
    return Markdown(period_label(period))


def yaml_string(value: object) -> Markdown:
    """A value for the page's YAML front matter, as a double-quoted scalar (JSON is valid YAML).

    HTML-escaped: MkDocs and Material print `page.title` and `page.meta.*` into the HTML as they
    are (the <title>, header, navigation, <meta name=description>, search index), so a front
    matter value is HTML text, and a name holding markup must reach them as entities.
    """
    return Markdown(json.dumps(html.escape(str(value), quote=True), ensure_ascii=False))
