"""Whatever passes `check` builds: the shipped data cut down in many ways checks and builds alike.

Removing every figure of Kabupaten Tuban once passed `check` and failed `build`: an office page
linked to the region's page, which was no longer made. Each subset here is built for real
(MkDocs in strict mode checks every link), in one project whose cache the builds share.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.checks import run_checks
from generator.dataset.dump import dump_dataset
from generator.dataset.load import Dataset, load_dataset
from generator.dataset.problems import DataError, raise_for_errors
from generator.dataset.schema import Figure
from generator.pages.site import areas_with_pages
from generator.project import Project
from tests.conftest import ROOT, make_project_root

SHIPPED = load_dataset(ROOT / "data")
Keep = Callable[[Figure], bool]


def _random_keep(seed: int) -> Keep:
    kept = {f.key for f in SHIPPED.figures if random.Random(f"{seed}-{f.key}").random() < 0.5}
    return lambda figure: figure.key in kept


SUBSETS: dict[str, Keep] = {
    **{
        f"without-{area}": (lambda figure, area=area: "+".join(figure.area) != area)
        for area in sorted({"+".join(f.area) for f in SHIPPED.figures})
    },
    **{
        f"without-source-{source}": (lambda figure, source=source: figure.source != source)
        for source in sorted(SHIPPED.sources)
    },
    **{f"random-{seed}": _random_keep(seed) for seed in range(3)},
    "without-any-figure": lambda figure: False,
}
REFUSED = {"without-any-figure"}  # every other whole cut passes `check`, so it must build


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project for every subset: its cache lets each build reuse the charts of the last."""
    return make_project_root(tmp_path_factory.mktemp("subsets"))


def _passes_check(data_dir: Path) -> bool:
    try:
        raise_for_errors(run_checks(load_dataset(data_dir)))
    except DataError:
        return False
    return True


@pytest.mark.parametrize("subset", sorted(SUBSETS))
def test_a_subset_that_passes_check_builds_and_one_that_fails_is_refused(
    subset: str, project_root: Path, tmp_path: Path
) -> None:
    figures = tuple(f for f in SHIPPED.figures if SUBSETS[subset](f))
    data_dir = dump_dataset(dataclasses.replace(SHIPPED, figures=figures), tmp_path / "data")
    project = Project.at(project_root, data_dir=data_dir, site_dir=project_root / "site")

    passes = _passes_check(data_dir)
    if not subset.startswith("random-"):  # a random cut may drop one segment of a total
        assert passes == (subset not in REFUSED)
    if not passes:
        with pytest.raises(DataError):
            build_site(project)
        return
    build_site(project)  # MkDocs, strict: a link to a page that was not made fails here

    _assert_served_regions_named_and_linked_only_to_pages(project, load_dataset(data_dir))


def _assert_served_regions_named_and_linked_only_to_pages(
    project: Project, dataset: Dataset
) -> None:
    html = (project.site_dir / "kantor-cabang" / "index.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").find("table")
    pages = set(areas_with_pages(dataset))
    for office in dataset.offices.values():
        for served in office.serves:
            links = table.find_all("a", href=f"../wilayah/{served.region}/")
            assert dataset.area_name(served.region) in table.get_text()
            assert bool(links) == (served.region in pages), served.region
