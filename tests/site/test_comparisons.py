"""Every comparison says its dates: one figure per region by one declared rule, the same on the
home page and in every comparison chart, each bar labelled with its date, no office among
regions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.dataset.load import load_dataset
from generator.pages.chartblocks import LATEST_RULE
from tests.conftest import ROOT, OpenPage, Watch

COMPARISONS = ("grafik-perbandingan", "grafik-ringkasan")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _comparison_charts(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [
        (page, chart)
        for page in sorted(site.rglob("index.html"))
        for chart in _soup(page).select(".vega-chart")
        if chart["id"].removesuffix("-vega") in COMPARISONS
    ]


def _bars(chart: BeautifulSoup) -> list[dict[str, object]]:
    return list(json.loads(chart["data-spec"])["datasets"]["bars"])


def test_every_comparison_shows_the_same_figure_for_a_region_as_the_home_page(
    built_site: Path,
) -> None:
    home = {}
    for row in _soup(built_site / "index.html").select("#cakupan-terbaru ~ table tbody tr"):
        cells = [" ".join(td.get_text().split()) for td in row.find_all("td")]
        home[cells[0]] = cells[2]  # the region and the period of its figure
    charts = _comparison_charts(built_site)
    assert len(charts) >= 3 and home
    shown: dict[str, set[tuple[object, object]]] = {}
    for _, chart in charts:
        for bar in _bars(chart):
            shown.setdefault(str(bar["area_name"]), set()).add((bar["share"], bar["period_label"]))
    assert all(len(figures) == 1 for figures in shown.values()), shown
    for name, figures in shown.items():
        assert name not in home or {period for _, period in figures} == {home[name]}, name


def test_no_office_is_compared_with_regions(built_site: Path) -> None:
    offices = {office.name for office in load_dataset(ROOT / "data").offices.values()}
    home_rows = _soup(built_site / "index.html").select("#cakupan-terbaru ~ table tbody tr")
    assert home_rows and not {row.td.get_text().strip() for row in home_rows} & offices
    for page, chart in _comparison_charts(built_site):
        assert not {bar["area_name"] for bar in _bars(chart)} & offices, page


def test_each_bar_says_its_date_and_each_comparison_its_rule(built_site: Path) -> None:
    for page, chart in _comparison_charts(built_site):
        svg = (page.parent / chart.find_next("a", href=re.compile(r"\.svg$"))["href"]).resolve()
        drawn = " ".join(re.findall(r">([^<>]+)</t", svg.read_text(encoding="utf-8")))
        for bar in _bars(chart):
            assert bar["period_label"] in drawn, (page, bar)
        caption = chart.find_parent("figure").figcaption
        assert caption and LATEST_RULE in caption.get_text(), page
        if len({bar["period_label"] for bar in _bars(chart)}) > 1:
            assert "berbeda-beda" in caption.get_text(), page


@pytest.mark.browser
def test_interactive_charts_log_no_vega_warning(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("wilayah/kota-blitar/")
    warnings: list[str] = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    for chart in page.locator(".vega-chart").all():
        chart.hover()
        page.wait_for_function(
            "(c) => c.dataset.mode === 'interactive'", arg=chart.element_handle()
        )
    assert warnings == []
    watch.assert_clean()
