"""`bundle --province SLUG`: one province's offline site, for a district office to carry.

The data are the synthetic ones (benchmarks/synthetic.py) of three provinces of the register:
Aceh, Sumatera Utara and Sumatera Barat, with a year of monthly figures. The province bundle of
Sumatera Utara holds its pages, its offices', its kabupaten/kota's and their downloads, the
site-wide pages limited to it, and nothing that links outside the zip.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.dataset.load import Dataset, load_dataset
from generator.dataset.subset import UnknownProvince, only_province
from tests.conftest import ROOT, make_project_root
from tests.site.test_bundle import bundle_files, fetched_urls, link_problem, links, outside

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

PROVINCE = "sumatera-utara"
OTHERS = ("aceh", "sumatera-barat")
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.write_dataset(data, 9, provinces_=3, years=range(2026, 2027))
    return data


@pytest.fixture(scope="module")
def dataset(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)


def _areas(subset: Dataset) -> set[str]:
    return set(subset.regions) | set(subset.offices)


def test_only_province_keeps_its_regions_offices_and_what_their_figures_cite(
    dataset: Dataset,
) -> None:
    subset = only_province(dataset, PROVINCE)
    children = {s for s, r in dataset.regions.items() if r.parent == PROVINCE}
    assert set(subset.regions) == {PROVINCE, *children}
    assert subset.offices and all(o.province == PROVINCE for o in subset.offices.values())
    assert all(set(f.area) <= _areas(subset) for f in subset.figures)
    # every figure of the province's areas is kept, and nothing else
    assert len(subset.figures) == sum(set(f.area) <= _areas(subset) for f in dataset.figures)
    assert set(subset.sources) == {f.source for f in subset.figures} | {
        a.source for o in subset.offices.values() for a in o.serves
    }
    assert [p for p in run_checks(subset) if p.is_error] == []


def test_only_province_refuses_a_slug_that_is_no_province(dataset: Dataset) -> None:
    with pytest.raises(UnknownProvince, match="did you mean 'sumatera-utara'"):
        only_province(dataset, "sumatra-utara")
    with pytest.raises(UnknownProvince):
        only_province(dataset, next(s for s, r in dataset.regions.items() if r.parent))


@pytest.fixture(scope="module")
def province_zip(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project_root(tmp_path_factory.mktemp("province") / "cakupan")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "bundle", "--data", str(data_dir),
         "--province", PROVINCE],
        cwd=root, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (zip_path,) = (root / "dist").iterdir()
    assert result.stdout.strip() == f"Wrote {zip_path}"
    return zip_path


@pytest.fixture(scope="module")
def unzipped(province_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(province_zip) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


def test_the_zip_is_named_after_the_province(province_zip: Path) -> None:
    assert province_zip.name.startswith(f"cakupan-bpjs-ketenagakerjaan-{PROVINCE}-")
    assert province_zip.stat().st_size < 50_000_000


def test_the_bundle_holds_the_province_and_nothing_else(unzipped: Path, dataset: Dataset) -> None:
    subset = only_province(dataset, PROVINCE)
    pages = {p.stem for folder in ("wilayah", "kantor-cabang")
             for p in (unzipped / folder).glob("*.html") if p.stem != "index"}  # fmt: skip
    assert PROVINCE in pages and pages <= _areas(subset)
    assert set(subset.offices) <= pages
    downloads = {p.stem for p in (unzipped / "unduh" / "wilayah").glob("*.csv")}
    assert downloads == pages
    for other in OTHERS:
        assert not (unzipped / "wilayah" / f"{other}.html").exists()
    text = "".join(p.read_text(encoding="utf-8") for p in bundle_files(unzipped, ".html", ".csv"))
    for other in ("Aceh", "Sumatera Barat"):
        assert f"Laporan SINTETIS kepesertaan {other}" not in text, other


def test_every_link_of_the_province_bundle_resolves_inside_it(unzipped: Path) -> None:
    problems = [
        (page.relative_to(unzipped).as_posix(), href, why)
        for page in bundle_files(unzipped, ".html")
        for href in links(page)
        if (why := link_problem(unzipped, page, href))
    ]
    problems += [
        (page.relative_to(unzipped).as_posix(), url, why)
        for page in bundle_files(unzipped, ".html")
        for url in fetched_urls(page)
        if (why := outside(unzipped, page, url))
    ]
    assert problems == []


def test_an_unknown_province_is_one_line_and_exit_1(
    data_dir: Path, tmp_path: Path, run_generator: Run
) -> None:
    root = make_project_root(tmp_path / "project")
    result = run_generator(
        "bundle", "--data", str(data_dir), "--province", "sumatra-utara", cwd=root
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    assert lines == ["--province 'sumatra-utara': no such province; did you mean 'sumatera-utara'?"]
    assert not (root / "dist").exists()
