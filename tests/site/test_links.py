"""LinkChecker finds no broken internal link or anchor in the built site, served over HTTP.

The offline bundle gets the same check in test_bundle.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import serve_directory
from tests.site.checkers import broken, run_linkchecker


def test_no_broken_link_or_anchor_in_the_site(server: str) -> None:
    checked = run_linkchecker(server)
    pages = {c.url.partition("#")[0] for c in checked if c.url.startswith(server)}
    assert len(pages) > 50, "followed suspiciously few links"
    assert broken(checked) == []


def test_linkchecker_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    # One anchor link a page: with two anchor links to one page, the missing one went
    # unreported in two full runs from fresh clones (never in 25 runs alone); LinkChecker's
    # anchor check has open issues of that kind (#542, #555). So the site's anchors are also
    # checked without LinkChecker, below.
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>a</title><a href="c.html#ada">1</a>'
        '<a href="b.html#tidak-ada">2</a><a href="hilang.html">3</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<!doctype html><title>b</title><h2 id="ada">b</h2>')
    (tmp_path / "c.html").write_text('<!doctype html><title>c</title><h2 id="ada">c</h2>')
    with serve_directory(tmp_path) as origin:
        problems = broken(run_linkchecker(origin + "index.html"))
    assert len(problems) == 2, problems
    assert "b.html#tidak-ada" in problems[0] + problems[1]
    assert "hilang.html" in problems[0] + problems[1]


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(built_site: Path) -> None:
    """The same check as the national-scale test's, on the shipped site, by parsing every page:
    no link to a missing page or a missing anchor, whatever LinkChecker's anchor check misses."""
    from tests.site.test_national_scale import broken_links

    broken_found, checked = broken_links(built_site)
    assert broken_found == []
    assert checked > 500
