"""An area slug never replaces a page or file the site writes for itself."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import DataError
from generator.urls import SITE_PAGES, reserved_slugs


def _rename(data_dir: Path, old: str, new: str) -> None:
    """Give an area another slug everywhere: in every file, and in figure file names."""
    slug = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path in sorted(data_dir.rglob("*.yaml")):
        text = slug.sub(new, path.read_text("utf-8"))
        path.unlink()
        (path.parent / slug.sub(new, path.name)).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("kota-blitar", "index", "regions.index"),
        ("kantor-cabang-blitar", "index", "offices.index"),
        ("kota-blitar", "beranda", "regions.beranda"),
    ],
)
def test_a_slug_the_site_uses_for_itself_is_an_error(
    mini_data: Path, old: str, new: str, field: str
) -> None:
    _rename(mini_data, old, new)

    errors = [p for p in run_checks(load_dataset(mini_data)) if p.is_error]

    assert [(p.code, p.field) for p in errors] == [("reserved-slug", field)]
    assert errors[0].position.file == f"{field.split('.')[0]}.yaml"


def test_the_reserved_slugs_come_from_the_pages_the_site_writes() -> None:
    in_area_folders = {
        PurePosixPath(page).parts[0]: PurePosixPath(page).stem
        for page in SITE_PAGES
        if len(PurePosixPath(page).parts) > 1
    }

    assert in_area_folders == {"wilayah": "index", "kantor-cabang": "index"}
    assert set(reserved_slugs(is_office=False)) == {"index", "beranda"}
    assert reserved_slugs(is_office=True)["index"] == "kantor-cabang/index.md"


def test_a_region_and_an_office_cannot_share_a_slug(mini_data: Path) -> None:
    path = mini_data / "offices.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  kantor-cabang-blitar:", "  kota-blitar:", 1), "utf-8")

    with pytest.raises(DataError) as raised:
        load_dataset(mini_data)

    duplicates = [p for p in raised.value.problems if p.code == "duplicate-id"]
    assert [(p.field, p.position.file) for p in duplicates] == [
        ("regions.kota-blitar", "regions.yaml")
    ]
    assert "offices.yaml:3:3" in duplicates[0].message
