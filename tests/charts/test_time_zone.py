"""A build's output never depends on the machine's time zone or locale: dates are calendar
days, drawn on UTC scales, in the browser and in the exported images alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, make_project_root, snapshot

pytestmark = pytest.mark.slow  # builds the site in several time zones

# Local-time constructs of Vega and Vega-Lite: each moves a point with the time zone.
LOCAL_TIME = ("timeParse(", "timeFormat(", "datetime(", "\"date:'", '"type": "time"')


def _build(
    root: Path, zone: str, language: str, run_generator: Any, chromium: str = ""
) -> dict[str, bytes]:
    """A fresh project (its own empty cache) built in a process with this TZ and locale, and
    with Chromium ("" for the one on PATH, "off" for none: vl-convert draws the images)."""
    make_project_root(root)
    shutil.copytree(FIXTURES / "mini", root / "data")
    with pytest.MonkeyPatch.context() as patch:  # the environment the build process inherits
        for name, value in {"TZ": zone, "LC_ALL": language, "LANG": language,
                            "SOURCE_DATE_EPOCH": "1795000000",
                            "CAKUPAN_CHROMIUM": chromium}.items():  # fmt: skip
            patch.setenv(name, value)
        result = run_generator("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return snapshot(root / "site")


def test_time_zone_and_locale_change_no_byte_of_the_site(
    tmp_path: Path, run_generator: Any
) -> None:
    utc = _build(tmp_path / "utc", "UTC", "C.UTF-8", run_generator)
    elsewhere = _build(tmp_path / "la", "America/Los_Angeles", "POSIX", run_generator)
    assert sorted(utc) == sorted(elsewhere)
    differing = sorted(path for path in utc if utc[path] != elsewhere[path])
    assert differing == []
    assert any(path.endswith(".png") for path in utc)  # the images were compared too


@pytest.mark.skipif(not shutil.which("chromium"), reason="no chromium on PATH")
def test_either_renderer_in_any_time_zone_draws_the_same_svg_bytes(
    tmp_path: Path, run_generator: Any
) -> None:
    """Chromium in UTC against vl-convert on the US west coast: every file but the PNGs (whose
    pixels each rasteriser draws its own way) is the same."""
    chromium = _build(tmp_path / "chromium", "UTC", "C.UTF-8", run_generator)
    plain = _build(tmp_path / "plain", "America/Los_Angeles", "POSIX", run_generator, "off")
    assert sorted(chromium) == sorted(plain)
    differing = sorted(path for path in chromium if chromium[path] != plain[path])
    assert [path for path in differing if not path.endswith(".png")] == []
    assert sum(path.endswith(".svg") for path in chromium) >= 20


def test_chart_specs_use_no_local_time(built_site: Path) -> None:
    """Every inline spec (pages and embeds) parses, formats and scales dates in UTC."""
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data-spec=" not in text:
            continue
        for chart in BeautifulSoup(text, "html.parser").select("[data-spec]"):
            spec = json.dumps(json.loads(chart["data-spec"]), indent=1)
            assert not [c for c in LOCAL_TIME if c in spec], page.relative_to(built_site)
            assert '"type": "utc"' in spec or '"temporal"' not in spec, page


def test_a_monthly_point_is_dated_in_utc() -> None:
    import pandas as pd

    from generator.charts import style

    expression = style.month_date(pd.DataFrame({"date": [pd.Timestamp("2020-01-31")]}))
    assert expression == "utc(2020, 0 + datum.p + 1, 0)"  # the last day of each month, in UTC
