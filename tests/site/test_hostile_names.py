"""Names and titles from the dataset are text wherever they land: the page's <title>, header,
meta description, navigation, search index, downloads and charts. An editor's name field is
not a way to run script in a reader's browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from tests.conftest import FIXTURES, SiteBuilder, serve_directory

# Breaks out of an attribute, of <title> and of a tag; each runs script if it lands as markup.
# The entity and the ampersand show as typed only if nothing escapes them twice, or unescapes.
PAYLOAD = '"><img src=x onerror=alert(2)></title><svg onload=alert(3)> &amp; &'
# Every name and title field of the dataset, by file and section.
NAME_FIELDS = {
    "regions.yaml": ("regions", ("name",)),
    "offices.yaml": ("offices", ("name",)),
    "sources.yaml": ("sources", ("publisher", "title", "author", "editor")),
    "events.yaml": ("events", ("title", "description")),
}


def hostile_data(target: Path) -> Path:
    """tests/fixtures/mini with the payload in every name and title (kept apart by the old one)."""
    data = Path(shutil.copytree(FIXTURES / "mini", target))
    yaml = YAML()
    for name, (section, fields) in NAME_FIELDS.items():
        document = yaml.load(data / name)
        for entry in document[section].values():
            for field in fields:
                entry[field] = f"{PAYLOAD} {entry.get(field) or field}"
        yaml.dump(document, data / name)
    return data


@pytest.fixture(scope="module")
def hostile_site(site_builder: SiteBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_builder("hostile", hostile_data(tmp_path_factory.mktemp("hostile") / "data"))


def injected(markup: str) -> list[str]:
    """Elements and attributes the payload would add if it were parsed as HTML."""
    soup = BeautifulSoup(markup, "html.parser")
    found = [
        str(tag) for tag in soup.find_all(["img", "svg"]) if tag.get("onerror") or tag.get("onload")
    ]
    return found + [
        f"{tag.name}[{attribute}]"
        for tag in soup.find_all(True)
        for attribute in tag.attrs
        if attribute.lower().startswith("on")
    ]


def test_the_payload_reaches_the_site_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "wilayah" / "kota-blitar" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert PAYLOAD in soup.title.get_text()
    assert PAYLOAD in soup.find("meta", attrs={"name": "description"})["content"]
    assert PAYLOAD in soup.select_one("article h1").get_text()


def test_no_page_gets_an_element_or_handler_from_a_name(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert injected(path.read_text(encoding="utf-8")) == [], path.relative_to(hostile_site)


def test_search_results_show_names_as_text(hostile_site: Path) -> None:
    """Material's search shows each entry's title and text as HTML."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = index["docs"]
    assert any("onerror" in entry["title"] for entry in entries)  # the names are indexed
    for entry in entries:
        assert injected(entry["title"]) == [], entry["location"]
        assert injected(entry["text"]) == [], entry["location"]


def test_no_download_or_chart_gets_markup_from_a_name(hostile_site: Path) -> None:
    for path in sorted((hostile_site / "unduh").rglob("*.svg")):
        assert injected(path.read_text(encoding="utf-8")) == [], path.name


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["wilayah/kota-blitar/", "kantor-cabang/kantor-cabang-blitar/", ""]
)
def test_no_dialog_fires_on_the_page_or_in_search(
    hostile_site: Path, browser: Any, path: str
) -> None:
    dialogs: list[str] = []
    with serve_directory(hostile_site) as origin:
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(origin) else route.abort()
            ),
        )
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(origin + path, wait_until="networkidle")
        query = page.locator("input[data-md-component=search-query]")
        query.click()
        query.press_sequentially("Blitar", delay=30)  # Material searches on key events
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert "onerror" in results.first.inner_text()  # the name is shown, as text
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # an injected image's error event would fire by now
        context.close()
    assert dialogs == []
