"""Area pages reused across builds (generator.cache.cached_map): after any edit, a build that
reuses what it can gives exactly the pages a build from scratch gives, and rebuilds only what
the edit touched. The dataset is the synthetic one (benchmarks/synthetic.py) with two provinces."""

from __future__ import annotations

import re
import sys
from collections import UserDict
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from generator import downloads
from generator.build import CheckedData, render_pages
from generator.cache import unpack
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import raise_for_errors
from generator.pages.area import PAGE
from generator.pages.site import areas_with_pages
from generator.project import BuildInfo
from generator.tables import figures_frame
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

pytestmark = pytest.mark.slow  # renders the site many times

INFO = BuildInfo("Situs", "https://contoh.id/", False, date(2026, 11, 22))
# The synthetic data of two provinces of the register: Aceh, and Sumatera Utara.
EDITED = "kabupaten-aceh-timur"  # in the first province, with Aceh Selatan and Aceh Tenggara
FIRST = "kabupaten-aceh-selatan"
ELSEWHERE = {"kabupaten-tapanuli-tengah", "kabupaten-tapanuli-utara", "kabupaten-tapanuli-selatan"}


class _Recording(UserDict[str, bytes]):
    """A cache that notes the slug of each page written to it: the pages a build made."""

    def __init__(self, entries: dict[str, bytes]) -> None:
        super().__init__()
        self.data = entries  # the caller's own dict, written through
        self.built: list[str] = []

    def __setitem__(self, key: str, value: bytes) -> None:
        self.built.append(PurePosixPath(unpack(value, PAGE).path).stem)
        super().__setitem__(key, value)


def build_pages(
    data_dir: Path, cache: dict[str, bytes], info: BuildInfo = INFO
) -> tuple[dict[str, str], list[str]]:
    """Every page's Markdown, and the slugs of the area pages that were built, not reused."""
    dataset = load_dataset(data_dir)
    findings = run_checks(dataset)
    raise_for_errors(findings)
    recording = _Recording(cache)
    data = CheckedData(dataset, figures_frame(dataset), findings)
    pages = render_pages(data, info, recording)
    return {page.path: page.markdown for page in pages}, recording.built


def build_downloads(data_dir: Path, cache: dict[str, bytes]) -> dict[str, bytes]:
    """The downloads; they keep nothing in `cache` (made cold every build), so a reuse is moot."""
    dataset = load_dataset(data_dir)
    return downloads.download_files(dataset, areas_with_pages(dataset))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_first_value(data: Path, new: Callable[[float], str]) -> None:
    """The first percentage of Aceh Timur (the first row of its first series) set to `new(old)`."""
    path = data / "figures" / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    row = re.search(r"^    \d{4}-\d{2}  (\d+(\.\d)?)$", text, re.MULTILINE)
    assert row
    start, end = row.span(1)
    path.write_text(text[:start] + new(float(row.group(1))) + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def primed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The synthetic data with a percentage written 33.0, and a cache filled by building it."""
    data = tmp_path_factory.mktemp("reuse") / "data"
    synthetic.write_dataset(data, 6, provinces_=2, years=range(2026, 2027))
    _set_first_value(data, lambda _: "33.0")
    cache: dict[str, bytes] = {}
    build_pages(data, cache)
    build_downloads(data, cache)
    return data, cache


def change_a_value(data: Path) -> None:
    _set_first_value(data, lambda old: f"{old + 0.1:.1f}")


def change_the_latest_value(data: Path) -> None:
    """The last coverage of Aceh Timur (the last row of its last coverage series): what its
    province and its peers show of it."""
    path = data / "figures" / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.rindex("indicator: coverage\n")
    end = text.find("\n- ", start)
    rows = list(re.finditer(r"^    \d{4}-\d{2}  (\d+\.\d)$", text[start:end], re.MULTILINE))
    last = rows[-1].span(1)
    old = float(rows[-1].group(1))
    new_text = text[: start + last[0]] + f"{old + 0.1:.1f}" + text[start + last[1] :]
    path.write_text(new_text, encoding="utf-8")


def write_a_value_as_an_integer(data: Path) -> None:
    """33.0 as 33, its text kept: equal in the frame, which holds floats, not in a download."""
    _edit(data / "figures" / f"{EDITED}.yaml", "  33.0\n", "  33  33,0\n")


def add_a_figure(data: Path) -> None:
    """A figure early in the first file read: every later row of the frame moves down one."""
    _edit(
        data / "figures" / f"{FIRST}.yaml",
        "series:\n",
        f"figures:\n- area: {FIRST}\n  indicator: coverage\n  unit: persen\n"
        "  value: 30.5\n  as_published: '30,5 persen'\n  period: '2025-12'\n"
        "  source: laporan-aceh-2026\n"
        "  quote: '[SINTETIS] Cakupan 2025-12 sebesar 30,5 persen.'\nseries:\n",
    )


def add_a_joint_figure(data: Path) -> None:
    """A figure two regions share: each reads it, through its joint figures."""
    (data / "figures" / f"{FIRST}+{EDITED}.yaml").write_text(
        f"figures:\n- area: [{FIRST}, {EDITED}]\n"
        "  indicator: active_participants\n  unit: orang\n  value: 1234\n"
        "  as_published: '1.234'\n  period: '2026-06'\n"
        "  source: laporan-aceh-2026\n"
        "  quote: '[SINTETIS] Peserta aktif gabungan 1.234 orang.'\n",
        encoding="utf-8",
    )


def delete_a_figure(data: Path) -> None:
    """The last figure of Aceh Timur: a page must not keep showing it."""
    path = data / "figures" / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("\n- ") + 1], encoding="utf-8")


def rename_a_source(data: Path) -> None:
    """A source's publisher: every page naming it changes, though no figure does."""
    _edit(
        data / "sources.yaml", "publisher: Penerbit SINTETIS", "publisher: Penerbit Lain SINTETIS"
    )


def _copy(original: Path, data: Path) -> Path:
    for path in original.rglob("*.yaml"):
        (data / path.relative_to(original)).parent.mkdir(parents=True, exist_ok=True)
        (data / path.relative_to(original)).write_bytes(path.read_bytes())
    return data


EDITS = [
    change_a_value,
    change_the_latest_value,
    add_a_figure,
    add_a_joint_figure,
    delete_a_figure,
    write_a_value_as_an_integer,
    rename_a_source,
]


@pytest.mark.parametrize("edit", EDITS)
def test_a_reusing_build_equals_a_build_from_scratch_after_any_edit(
    edit: Callable[[Path], None], primed: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    original, cache = primed
    data = _copy(original, tmp_path / "data")
    edit(data)
    reused, built = build_pages(data, dict(cache))
    scratch, _ = build_pages(data, {})
    assert reused == scratch
    if edit is not rename_a_source:  # a source's name is on every page
        assert set(built) < set(areas_with_pages(load_dataset(data)))
    assert build_downloads(data, dict(cache)) == build_downloads(data, {})


def test_an_edit_rebuilds_the_pages_that_read_it_and_no_other(
    primed: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    original, cache = primed
    unchanged, built = build_pages(original, dict(cache))
    assert built == []  # nothing changed: every area page is reused
    data = _copy(original, tmp_path / "data")
    change_a_value(data)
    _, built = build_pages(data, dict(cache))
    assert EDITED in built  # its own page
    assert "aceh" not in built  # its province shows its latest figure only, not the one edited
    assert not ELSEWHERE & set(built)  # the other province read nothing of it
    data = _copy(original, tmp_path / "latest")
    change_the_latest_value(data)
    _, built = build_pages(data, dict(cache))
    assert {EDITED, "aceh", FIRST} <= set(built)  # its page, its province's, a peer's compare it
    assert not ELSEWHERE & set(built)


def test_other_build_info_or_a_damaged_cache_rebuilds(
    primed: tuple[Path, dict[str, bytes]],
) -> None:
    original, cache = primed
    areas = areas_with_pages(load_dataset(original))
    other_day = BuildInfo("Situs", "https://contoh.id/", False, date(2026, 11, 23))
    assert sorted(build_pages(original, dict(cache), other_day)[1]) == sorted(areas)
    damaged = {key: b"not an entry" for key in cache}
    pages, built = build_pages(original, damaged)
    assert sorted(built) == sorted(areas)
    assert pages == build_pages(original, {})[0]
