"""Pages built from unusual but valid datasets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.charts import style
from generator.dataset.load import load_dataset
from generator.pages import chartblocks
from generator.tables import FrameIndex, figures_frame
from tests.conftest import FIXTURES, ROOT


@pytest.mark.slow
def test_office_without_figures_of_its_own_still_gets_a_dated_page(tmp_path: Path) -> None:
    from datetime import date

    from generator.build import render_site
    from generator.project import BuildInfo
    from tests.conftest import scratch_project

    data = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "data"))
    (data / "figures" / "kantor-cabang-blitar.yaml").unlink()
    info = BuildInfo("Situs", "https://contoh.id/", False, date(2025, 5, 1))
    page = str(
        render_site(scratch_project(tmp_path, data), info).files[
            "kantor-cabang/kantor-cabang-blitar.md"
        ]
    )
    assert "[Data per 14 April 2025]" in page  # the dataset's latest figure


def test_an_offices_comparison_chart_highlights_the_regions_it_serves() -> None:
    """An office has no bar of its own (it serves several regions at once): its page's comparison
    draws the regions it serves in the highlight colour, not none at all."""
    dataset = load_dataset(ROOT / "data")
    block = chartblocks.comparison_block(
        dataset, FrameIndex(figures_frame(dataset)), "kantor-cabang-blitar"
    )
    assert block is not None
    bars = block.spec["layer"][0]["encoding"]["color"]["condition"]["test"]
    served = {"Kota Blitar", "Kabupaten Blitar", "Kabupaten Tulungagung", "Kabupaten Trenggalek"}
    assert set(bars["oneOf"]) == served and bars["field"] == "area_name"
    assert "Kantor Cabang Blitar" in block.summary and "dilayani" in block.summary


def test_a_comparison_bar_says_sekitar_where_its_source_does() -> None:
    """Kota Blitar's coverage is "sekitar 69,4 persen" (SURYA.co.id, 6 September 2023): its bar's
    label and tooltip say so, as the text table does, not a bare 69,4%."""
    dataset = load_dataset(ROOT / "data")
    block = chartblocks.comparison_block(dataset, FrameIndex(figures_frame(dataset)), "kota-blitar")
    assert block is not None
    bars = {bar["area_name"]: bar for bar in block.spec["datasets"]["bars"]}
    assert bars["Kota Blitar"]["share_text"] == "sekitar 69,4%"
    assert bars["Kabupaten Blitar"]["share_text"] == "17,60%"
    table = {row[0]: row[1] for row in block.rows}
    assert all(table[name] == bar["share_text"] for name, bar in bars.items())


def test_a_coverage_tooltip_says_sekitar_where_its_source_does() -> None:
    """Over time, the same figure's tooltip: the chart's data marks which points are
    "sekitar", and the tooltip's text is made with it."""
    dataset = load_dataset(ROOT / "data")
    block = chartblocks.coverage_block(dataset, FrameIndex(figures_frame(dataset)), "kota-blitar")
    assert block is not None
    (own,) = [s for s in block.spec["datasets"]["points"] if s["series"] == "Kota Blitar"]
    assert own["a"] == [0, 1] and own["share"] == [0.53, 0.694]  # 53 persen; sekitar 69,4 persen
    assert style.APPROXIMATE_SHARE_TEXT in json.dumps(block.spec)


def test_a_segment_count_says_sekitar_where_its_source_does(tmp_path: Path) -> None:
    """A count its source gives as "sekitar" keeps the word in the chart's text table, its
    description and its tooltip."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    office = data / "figures" / "kantor-cabang-blitar.yaml"
    text = office.read_text(encoding="utf-8")
    text = text.replace(
        "    as_published: 124.118 pekerja\n",
        "    as_published: 124.118 pekerja\n    is_approximate: true\n",
    ).replace("Penerima upah sebanyak 124.118", "Penerima upah sekitar 124.118")
    office.write_text(text, encoding="utf-8")
    dataset = load_dataset(data)
    block = chartblocks.segment_block(
        dataset, FrameIndex(figures_frame(dataset)), "kantor-cabang-blitar"
    )
    assert block is not None
    counts = {row[0].split(" · ")[0]: row[2] for row in block.rows}
    assert counts["PU"] == "sekitar 124.118" and counts["BPU"] == "40.399"
    assert "sekitar 124.118 orang" in block.summary
    bars = {bar["label"].split(" · ")[0]: bar for bar in block.spec["datasets"]["bars"]}
    assert bars["PU"]["count_text"] == "sekitar 124.118" and bars["BPU"]["count_text"] == "40.399"


def test_a_segment_lines_tooltip_says_sekitar_where_its_source_does(tmp_path: Path) -> None:
    """Over time, a segment's line: its data marks which counts are "sekitar" and its tooltip
    says so, as the text table does (Vega's bare number dropped the word)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    data = tmp_path / "data"
    synthetic.write_dataset(data, 2, provinces_=1, years=range(2025, 2027))
    path = sorted((data / "figures").glob("kabupaten-*.yaml"))[0]
    slug = path.stem
    text = path.read_text(encoding="utf-8")
    table = f"- area: {slug}\n  indicator: active_participants\n  segment: pu\n"
    assert table in text, path
    path.write_text(text.replace(table, table + "  is_approximate: true\n", 1), encoding="utf-8")
    dataset = load_dataset(data)
    block = chartblocks.segment_block(dataset, FrameIndex(figures_frame(dataset)), slug)
    assert block is not None and block.spec["datasets"]["points"], "lines, not bars"
    lines = {line["segment"]: line for line in block.spec["datasets"]["points"]}
    assert 1 in lines["PU"]["a"] and set(lines["BPU"]["a"]) == {0}
    assert style.APPROXIMATE_COUNT_TEXT in json.dumps(block.spec)
    assert any(row[0] == "PU" and row[2].startswith("sekitar ") for row in block.rows)
