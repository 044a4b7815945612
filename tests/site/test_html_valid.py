"""Every built page is valid HTML for the Nu HTML Checker (vnu), but for the allow-list's errors.

vnu checks all pages, and a page known to be invalid (so a silent checker cannot pass), in one run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.checkers import VnuError, not_allowed, run_vnu, vnu_allowlist

CANARY = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Salah</title></head>
<body><img src="gambar.png"></body></html>
"""


@pytest.fixture(scope="module")
def site_errors(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Path], list[VnuError], list[VnuError]]:
    """(pages, errors in the site, errors in the canary page)."""
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = sorted(built_site.rglob("*.html"))
    errors = run_vnu([*pages, canary])
    in_canary = [e for e in errors if e.url.endswith("/canary.html")]
    return pages, [e for e in errors if e not in in_canary], in_canary


def test_every_page_is_valid_html_but_for_the_allowlist(
    site_errors: tuple[list[Path], list[VnuError], list[VnuError]],
) -> None:
    pages, errors, _ = site_errors
    assert len(pages) > 20, "checked suspiciously few pages"
    assert not_allowed(errors, vnu_allowlist()) == []


def test_vnu_reports_an_invalid_page(
    site_errors: tuple[list[Path], list[VnuError], list[VnuError]],
) -> None:
    _, _, in_canary = site_errors
    assert [e.message for e in in_canary] == [
        "An “img” element must have an “alt” attribute, except under certain conditions. "
        "For details, consult guidance on providing text alternatives for images."
    ]


def test_every_allowlist_entry_has_a_reason_and_is_still_needed(
    site_errors: tuple[list[Path], list[VnuError], list[VnuError]],
) -> None:
    _, errors, _ = site_errors
    for entry in vnu_allowlist():
        assert len(entry.reason.split()) >= 10, entry
        assert any(entry.matches(e) for e in errors), f"no longer needed: {entry.message}"
