"""Pages built from unusual but valid datasets."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES


def test_office_without_figures_of_its_own_still_gets_a_dated_page(tmp_path: Path) -> None:
    from datetime import date

    from generator.build import render_site
    from generator.project import BuildInfo, Project
    from tests.conftest import ROOT

    data = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "data"))
    (data / "figures" / "kantor-cabang-blitar.yaml").unlink()
    info = BuildInfo("Situs", "https://contoh.id/", False, date(2025, 5, 1))
    page = str(
        render_site(Project.at(ROOT, data_dir=data), info).files[
            "kantor-cabang/kantor-cabang-blitar.md"
        ]
    )
    assert "[Data per 14 April 2025]" in page  # the dataset's latest figure
