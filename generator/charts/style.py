"""House style shared by every chart; colours of the page come from the browser theme."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from typing import Any, Final

import altair as alt
import pandas as pd

from generator.dataset.periods import period_label

HEIGHT = 280
# A chart's whole drawing on the page, axes and legend included: the picture the build draws and
# the interactive chart that replaces it have this height, so neither moves the page.
PICTURE_HEIGHT = 340
# The widths the build draws each chart at: a phone's column (Material: 328-380 px) and a wider
# screen's (568-757 px); the page picks one by the width of the window (NARROW_WINDOW).
PICTURE_WIDTHS = (360, 720)
NARROW_WINDOW = 560
# Past this many points, a chart over time draws its series as lines without dots (three years of
# months): dots that close merge into a band, and each would cost the pictures bytes.
DENSE_POINTS = 36
# A picture is one file for both palettes: addressed as picture.svg#dark, it draws in the dark one.
DARK_TARGET = "dark"
# The name of a layer only the interactive chart draws (points that carry tooltips, invisible):
# pictures and exported images leave it out.
INTERACTIVE_ONLY = "interactive-only"
BAR_LINE = 17  # the height of a bar's label line, in pixels


def bars_height(bars: int, lines: int = 1) -> int:
    """A bar chart's whole height: room for each bar's label of `lines` lines, and the axis."""
    return max(PICTURE_HEIGHT, bars * (lines * BAR_LINE + 12) + 70)


EMBED_EXTRA = 180  # an exported chart's title, legend, source and credit lines
TITLE_CHARACTERS = 42
HIGHLIGHT = "#1565c0"
MUTED = "#9e9e9e"
TARGET = "#e65100"
# The same roles on the dark palette (Material's slate), where the blue above is 2.8:1: charts.js
# swaps them in from each spec's usermeta. Both sets are checked in tests/charts/test_palette.py.
DARK_COLOURS = {HIGHLIGHT: "#64b5f6", TARGET: "#ffa726"}
# The page's colours, as Material computes them (--md-typeset-color, --md-default-fg-color--light
# and --lightest), for the pictures the build draws; charts.js reads the same from the page for the
# interactive charts. tests/site/test_static_charts.py checks them against the browser's.
PAGE_PALETTES = {
    "light": {"fg": "#000000de", "light": "#0000008a", "lightest": "#00000012"},
    "dark": {
        "fg": "hsla(225deg, 15%, 90%, 0.82)",
        "light": "hsla(225deg, 15%, 90%, 0.56)",
        "lightest": "hsla(225deg, 15%, 90%, 0.12)",
    },
}
# One font for the pictures, the interactive charts and the exports, so all three lay out alike.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
PERCENT_AXIS = ".0%"
PERCENT = ".4~%"  # 69,4% ; 20,25% ; 33%
# A labelled percentage keeps the digits its source published (17,60%, not 17,6%): each datum
# carries its decimals `d`, and this expression formats it with the chart's Indonesian locale.
SHARE_TEXT = "format(datum.share, '.' + datum.d + '%')"
# ... and says "sekitar" where the source does: a chart with such a figure carries `a` (1 or 0).
APPROXIMATE_SHARE_TEXT = f"(datum.a ? 'sekitar ' : '') + {SHARE_TEXT}"
COUNT = ",.0f"  # 226.342 with the Indonesian locale the page passes to vega-embed
APPROXIMATE_COUNT_TEXT = f"(datum.a ? 'sekitar ' : '') + format(datum.value, '{COUNT}')"


SHORT_SPAN_DAYS = 400  # a time axis over less than this shows months, over more years


def time_axis(is_short: bool) -> alt.Axis:
    """Monthly ticks over a short span, yearly over a long one: never a label twice."""
    if is_short:
        ticks = alt.TimeIntervalStep(interval="month", step=1)
        return alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, tickCount=ticks)
    ticks = alt.TimeIntervalStep(interval="year", step=1)
    return alt.Axis(format="%Y", labelAngle=0, labelOverlap=True, tickCount=ticks)


def page_theme(palette: str) -> dict[str, Any]:
    """Vega-Lite config in the page's colours: the same as charts.js's themeConfig()."""
    colours = PAGE_PALETTES[palette]
    fg, light, lightest = colours["fg"], colours["light"], colours["lightest"]
    return {
        "background": "transparent",
        "title": {"color": fg, "subtitleColor": light},
        "axis": {"labelColor": light, "titleColor": fg, "domainColor": light,
                 "tickColor": light, "gridColor": lightest},
        "legend": {"labelColor": light, "titleColor": fg},
        "header": {"labelColor": light, "titleColor": fg},
        "view": {"stroke": lightest},
        "text": {"color": fg},
    }  # fmt: skip


def finish(chart: Any) -> dict[str, Any]:  # an Altair chart or layer
    """Size, title and serialize a chart: a spec template with slots `title` and `subtitle`.

    Altair takes 10-30 ms to build and serialize a chart; each chart module builds its template
    once per variant (functools.cache) and `fill`s it per page in a fraction of a millisecond.
    """
    titled = (
        chart.properties(
            width="container",
            height=HEIGHT,
            title=alt.Title(slot("title"), subtitle=slot("subtitle"), anchor="start"),
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure(font=FONT)
        .configure_view(stroke=None)
    )
    spec: dict[str, Any] = titled.to_dict(validate=False)
    spec.pop("$schema", None)  # the vendored vega-lite knows its own version
    spec["usermeta"] = {"darkColours": DARK_COLOURS}  # Vega-Lite ignores usermeta
    return spec


# --- templates: a spec with named slots, filled per chart ----------------------------------------

OMIT = object()  # a slot filled with OMIT drops its key


def slot(name: str) -> str:
    """A placeholder that `fill` replaces with the value named `name`."""
    return f"\u27ea{name}\u27eb"


def list_slot(name: str) -> list[str]:
    """A placeholder for a whole list, where Altair checks that a list stands."""
    return [slot(name)]


def _slot_name(item: Any) -> str | None:
    is_slot = isinstance(item, str) and item.startswith("\u27ea") and item.endswith("\u27eb")
    return item[1:-1] if is_slot else None


def fill(template: Any, values: dict[str, Any]) -> Any:
    """A copy of `template` with every slot replaced by its value; plain JSON data only."""
    if isinstance(template, dict):
        filled = {key: fill(value, values) for key, value in template.items()}
        return {key: value for key, value in filled.items() if value is not OMIT}
    if isinstance(template, list):
        if len(template) == 1 and (name := _slot_name(template[0])):
            return values[name]  # a list_slot
        return [fill(item, values) for item in template]
    if name := _slot_name(template):
        return values[name]
    return template


def titles(title: str, subtitle: str = "") -> dict[str, Any]:
    """Values for the `title` and `subtitle` slots of `finish`."""
    return {"title": _lines(title), "subtitle": _lines(subtitle) or OMIT}


def _lines(text: str) -> list[str]:
    """Vega titles do not wrap: break them so they fit a 360-pixel phone."""
    return wrap(text, TITLE_CHARACTERS)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken at spaces only: joined with spaces they are
    `text` again (no 'Toli- Toli'); a word longer than a line keeps its line."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


# --- inline data, small: a page carries years of monthly figures ---------------------------------

DATE_FORMAT = "%Y-%m-%d"
# Dates travel as text and are calendar days: parsed, drawn (`TIME_SCALE`) and labelled in UTC,
# so that no point moves with the time zone of the machine or of the reader.
DATE_PARSE = f"utc:'{DATE_FORMAT}'"
TIME_SCALE: Final = "utc"


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, Any]]:
    """Rows as plain JSON values, dates as YYYY-MM-DD."""
    columns = list(columns)
    return [
        {column: _plain(value) for column, value in zip(columns, row, strict=True)}
        for row in frame[columns].itertuples(index=False)
    ]


def is_monthly(frame: pd.DataFrame) -> bool:
    """True when every point is a month, drawn at its last day: `series_data` then names each
    by its month's offset from the first, and the chart computes its date and label."""
    dates = frame["date"]
    labels = [period_label(f"{d.year}-{d.month:02d}") for d in dates]
    return bool(dates.dt.is_month_end.all()) and labels == list(frame["period_label"])


def series_data(
    frame: pd.DataFrame,
    group: str,
    values: dict[str, str],
    *,
    monthly: bool,
    extra: Iterable[str] = (),
) -> dict[str, list[dict[str, Any]]]:
    """Columnar datasets for `flattened`: one row per `group` value holding arrays, plus the
    table of sources that each point names by index, and unless `monthly` (`is_monthly(frame)`,
    which the caller already knows for its template), the table of periods.

    `frame` has columns date, period_label, source_label, `group`, `extra` and the columns
    `values` maps to field names. Nine years of monthly figures take about 3 KB this way, where
    one row per point would take 30 KB.
    """
    periods = list(dict.fromkeys(zip(frame["date"], frame["period_label"], strict=True)))
    period_index = {period: i for i, period in enumerate(periods)}
    first = frame["date"].min()
    sources = list(dict.fromkeys(frame["source_label"]))
    source_index = {label: i for i, label in enumerate(sources)}
    points = []
    for name, rows in frame.groupby(group, sort=False):
        point: dict[str, Any] = {group: name}
        point.update({field: _plain(rows[field].iloc[0]) for field in extra})
        if monthly:
            point["p"] = [(d.year - first.year) * 12 + d.month - first.month for d in rows["date"]]
        else:
            keys = zip(rows["date"], rows["period_label"], strict=True)
            point["p"] = [period_index[key] for key in keys]
        point.update({field: [_plain(v) for v in rows[column]] for column, field in values.items()})
        point["source_index"] = [source_index[label] for label in rows["source_label"]]
        points.append(point)
    datasets = {
        "points": points,
        "sources": [{"source_index": i, "source": label} for i, label in enumerate(sources)],
    }
    if not monthly:
        datasets["periods"] = [_period(i, date, label) for i, (date, label) in enumerate(periods)]
    return datasets


def month_date(frame: pd.DataFrame) -> str:
    """The expression that turns a monthly point's offset into its month's last day."""
    first = frame["date"].min()
    return f"utc({first.year}, {first.month - 1} + datum.p + 1, 0)"


# A month's label is drawn from its date in the browser ("Januari 2018"): years of monthly
# figures would otherwise spell out every month in every chart.
MONTH_LABEL = "%B %Y"


def _period(index: int, date: pd.Timestamp, label: str) -> dict[str, Any]:
    entry = {"p": index, "day": _plain(date)}
    if label != period_label(f"{date.year}-{date.month:02d}"):
        entry["label"] = label  # a day, quarter, year or range: spelled out
    return entry


def flattened(chart: Any, values: Iterable[str], *, monthly: bool) -> Any:  # Altair layers
    """A chart over `series_data`: arrays flattened to one row per point, dates and names
    looked up. A monthly chart has the slot `month_date`, filled with `month_date(frame)`."""
    flat = chart.transform_flatten(["p", *values, "source_index"])
    if monthly:
        dated = flat.transform_calculate(date=slot("month_date"))
    else:
        periods = alt.LookupData(alt.NamedData("periods"), key="p", fields=["day", "label"])
        # A looked-up field is not parsed as a date: parse it here, in UTC (DATE_PARSE).
        dated = flat.transform_lookup(lookup="p", from_=periods).transform_calculate(
            date=f"utcParse(datum.day, '{DATE_FORMAT}')"
        )
    return dated.transform_calculate(
        period=f"datum.label || utcFormat(datum.date, '{MONTH_LABEL}')"
    ).transform_lookup(
        lookup="source_index",
        from_=alt.LookupData(alt.NamedData("sources"), key="source_index", fields=["source"]),
    )
