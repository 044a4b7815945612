"""LinkChecker finds no broken internal link or anchor in the built site, served over HTTP.

The offline bundle gets the same check in test_bundle.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import serve_directory
from tests.site.checkers import broken, run_linkchecker


def test_no_broken_link_or_anchor_in_the_site(server: str) -> None:
    checked = run_linkchecker(server)
    pages = {c.url.partition("#")[0] for c in checked if c.url.startswith(server)}
    assert len(pages) > 50, "followed suspiciously few links"
    assert broken(checked) == []


@pytest.mark.slow
def test_linkchecker_reports_a_missing_page(tmp_path: Path) -> None:
    """LinkChecker, the independent gate, sees a missing page. Its anchor check is not relied
    on: in three full runs from fresh clones it reported no missing anchor at all, though it did
    in every run alone. That was not reproduced since (0 misses in about 100 runs: under two
    busy loops, four LinkCheckers at once, ten threads, and a whole fresh-clone run up to this
    file), so its cause is unknown; LinkChecker's maintainers once disabled the plugin as
    unreliable (linkchecker #575, after #542, #555, #568). The site's anchors are checked by
    parsing its pages instead (below), which depends on no timing."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>a</title><a href="b.html">1</a><a href="hilang.html">2</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<!doctype html><title>b</title><h2 id="ada">b</h2>')
    with serve_directory(tmp_path) as origin:
        problems = broken(run_linkchecker(origin + "index.html"))
    assert len(problems) == 1 and "hilang.html" in problems[0], problems


def test_the_page_parser_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    from tests.site.test_national_scale import broken_links

    links = '<a href="b.html#ada">1</a><a href="b.html#tidak-ada">2</a><a href="hilang.html">3</a>'
    (tmp_path / "index.html").write_text(f"<!doctype html><title>a</title>{links}", "utf-8")
    (tmp_path / "b.html").write_text('<!doctype html><title>b</title><h2 id="ada">b</h2>')

    found, checked = broken_links(tmp_path)

    assert checked == 3
    assert found == ["index.html: b.html#tidak-ada (no such anchor)", "index.html: hilang.html"]


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(built_site: Path) -> None:
    """The same check as the national-scale test's, on the shipped site, by parsing every page:
    no link to a missing page or a missing anchor, whatever LinkChecker's anchor check misses."""
    from tests.site.test_national_scale import broken_links

    broken_found, checked = broken_links(built_site)
    assert broken_found == []
    assert checked > 500
