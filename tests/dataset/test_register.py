"""Issue 14: the official register of Indonesia's regions, imported from the pinned package.

The package comes from the npm registry through `npm ci` (package.json, package-lock.json), as the
README's test command runs it; `tests/fixtures/reference/bps-jawa-timur.csv` is a copy of the BPS
list of East Java the earlier dataset was built from.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.dataset.load import load_dataset
from generator.dataset.types import Dataset

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "node_modules" / "idn-area-data"
BPS_JAWA_TIMUR = ROOT / "tests" / "fixtures" / "reference" / "bps-jawa-timur.csv"
# Every region the site published before the register: their slugs (and URLs) never change.
PUBLISHED = ["jawa-timur", "kota-blitar", "kabupaten-blitar", "kabupaten-tulungagung",
             "kabupaten-trenggalek", "kabupaten-tuban"]  # fmt: skip


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "import_regions", ROOT / "scripts/import_regions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def package() -> Path:
    assert PACKAGE.is_dir(), "run `npm ci --ignore-scripts` first (the README's test command does)"
    return PACKAGE / "data"


def test_every_province_of_the_register_is_in_the_dataset(dataset: Dataset, package: Path) -> None:
    by_code = {r.code: (slug, r) for slug, r in dataset.regions.items()}
    rows = _csv(package / "provinces.csv")

    assert len(rows) == 38
    for row in rows:
        slug, region = by_code[row["code"]]
        assert (region.type, region.name, region.parent) == ("provinsi", row["name"], None), slug


def test_every_regency_of_the_register_is_in_the_dataset(dataset: Dataset, package: Path) -> None:
    by_code = {r.code: (slug, r) for slug, r in dataset.regions.items()}
    province_of = {r.code: slug for slug, r in dataset.regions.items() if r.type == "provinsi"}
    rows = _csv(package / "regencies.csv")

    assert len(rows) == 514
    for row in rows:
        slug, region = by_code[row["code"]]
        assert dataset.area_name(slug) == row["name"]
        assert region.parent == province_of[row["province_code"]], slug
    assert len(dataset.regions) == 38 + 514


def test_the_dataset_records_the_register_it_came_from(dataset: Dataset) -> None:
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]
    register = dataset.register

    assert register is not None
    assert (register.name, register.version) == ("idn-area-data", pinned["idn-area-data"])
    assert register.licence == "ODbL-1.0" and register.code_system == "kemendagri"


def test_regions_yaml_is_what_the_import_script_writes(package: Path) -> None:
    script = _script()
    entries = script.register_entries(
        _csv(package / "provinces.csv"),
        _csv(package / "regencies.csv"),
        script.current_bps_codes(ROOT / "data/regions.yaml"),
    )

    assert script.regions_yaml(entries, "4.0.1") == (ROOT / "data/regions.yaml").read_text("utf-8")


def test_east_java_codes_agree_with_the_bps_list(dataset: Dataset) -> None:
    rows = _csv(BPS_JAWA_TIMUR)
    by_bps = {r.bps_code: r for r in dataset.regions.values() if r.bps_code}

    assert len(rows) == 39
    for row in rows:
        region = by_bps[row["bps_code"]]
        assert (region.type, region.name) == (row["type"], row["name"])
        assert region.code.replace(".", "") == row["bps_code"], "Kemendagri 35.05 is BPS 3505"


def test_slugs_are_unique_and_published_ones_unchanged(dataset: Dataset, package: Path) -> None:
    rows = _csv(package / "regencies.csv")
    slugs = [slug for slug, r in dataset.regions.items() if r.type != "provinsi"]

    assert len(set(slugs)) == len(slugs) == len(rows)
    assert all(region.code for region in dataset.regions.values())
    for slug in PUBLISHED:
        assert slug in dataset.regions
    assert dataset.regions["kota-blitar"].code == "35.72"


def test_a_name_in_two_provinces_gets_its_province_in_its_slug_only_then() -> None:
    script = _script()
    provinces = [{"code": "11", "name": "Aceh"}, {"code": "12", "name": "Sumatera Utara"}]
    regencies = [
        {"code": "11.01", "province_code": "11", "name": "Kabupaten Sama"},
        {"code": "12.01", "province_code": "12", "name": "Kabupaten Sama"},
        {"code": "12.71", "province_code": "12", "name": "Kota Medan"},
    ]

    slugs = [e.slug for e in script.register_entries(provinces, regencies, {})]

    assert slugs == [
        "aceh",
        "kabupaten-sama-aceh",
        "sumatera-utara",
        "kabupaten-sama-sumatera-utara",
        "kota-medan",
    ]
