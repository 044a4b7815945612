"""Measure how each build step scales with the number of regions. Prints a table; asserts nothing.

    python scripts/benchmark.py 38 150 514

Builds a synthetic dataset (regions, one office per four regions, five years of coverage and
segment figures per region) in a temporary project and times every step of the pipeline.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from generator.charts.export import chart_files
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.downloads import download_files
from generator.pages.assemble import all_pages, areas_with_pages
from generator.pages.citation import citation_files
from generator.pages.render import make_environment, render_page
from generator.project import BuildInfo, Project
from generator.site.mkdocs import build_mkdocs
from generator.site.write import staging_dir, write_docs
from generator.tables import figures_frame

ROOT = Path(__file__).resolve().parents[1]
YEARS = range(2020, 2025)


def _figure(
    area: str, indicator: str, value: float, unit: str, year: int, segment: str | None = None
) -> dict:
    text = (
        f"{value:,.0f}".replace(",", ".")
        if unit == "orang"
        else f"{value:g}".replace(".", ",") + " persen"
    )
    figure = {"area": area, "indicator": indicator, "value": value, "unit": unit,
              "as_published": text, "period": f"{year}-06-30", "source": f"sumber-{year}",
              "quote": f"Angka {text} untuk {area}."}  # fmt: skip
    if segment:
        figure["segment"] = segment
    return figure


def _region_figures(slug: str, index: int) -> list[dict]:
    figures = []
    for year in YEARS:
        coverage = round(10 + (index * 7 + year) % 60 + 0.5, 1)
        figures.append(_figure(slug, "coverage", coverage, "persen", year))
        parts = {"pu": 1000 + index * 10 + year, "bpu": 500 + index + year, "jakon": 200 + year}
        for segment, value in parts.items():
            figures.append(_figure(slug, "active_participants", value, "orang", year, segment))
        figures.append(_figure(slug, "active_participants", sum(parts.values()), "orang", year))
    return figures


def write_dataset(data_dir: Path, regions: int) -> None:
    yaml = YAML()
    (data_dir / "figures").mkdir(parents=True)
    slugs = [f"kabupaten-uji-{i:03d}" for i in range(regions)]
    region_map = {"provinsi-uji": {"name": "Provinsi Uji", "type": "provinsi", "bps_code": "99"}}
    for i, slug in enumerate(slugs):
        region_map[slug] = {
            "name": f"Uji {i:03d}",
            "type": "kabupaten",
            "bps_code": f"{1000 + i}",
            "parent": "provinsi-uji",
        }
    offices = {
        f"kantor-cabang-uji-{i // 4:03d}": {
            "name": f"Kantor Cabang Uji {i // 4:03d}", "province": "provinsi-uji",
            "serves": [{"region": s, "source": "sumber-2024", "quote": "Melayani."} for s in slugs[i : i + 4]],
        }
        for i in range(0, regions, 4)
    }  # fmt: skip
    sources = {
        f"sumber-{year}": {"publisher": "Sumber Uji", "title": f"Laporan {year}",
                           "published": f"{year}-12-31", "language": "id", "accessed": "2026-11-22"}
        for year in YEARS
    }  # fmt: skip
    for name, content in (("regions", region_map), ("offices", offices), ("sources", sources)):
        with (data_dir / f"{name}.yaml").open("w") as stream:
            yaml.dump({name: content}, stream)
    for i, slug in enumerate(slugs):
        with (data_dir / "figures" / f"{slug}.yaml").open("w") as stream:
            yaml.dump({"figures": _region_figures(slug, i)}, stream)


def measure(regions: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("mkdocs.yml", "overrides"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
        shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
        write_dataset(root / "data", regions)
        project = Project.at(root)

        def step(name: str, function, *args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = function(*args, **kwargs)
            timings[name] = time.perf_counter() - start
            return result

        dataset = step("load", load_dataset, project.data_dir)
        findings = step("check", run_checks, dataset)
        frame = step("tidy", figures_frame, dataset)
        info = BuildInfo("Uji", "http://127.0.0.1:8000/", is_offline=False, build_date=date.today())
        specs = step("pages+charts", lambda: list(all_pages(dataset, frame, findings, info)))
        env = make_environment()
        env.globals["build"] = info
        pages: dict[str, str | bytes] = step(
            "render", lambda: {p.path: render_page(env, p.template, p.context) for p in specs}
        )
        pages.update(step("downloads", download_files, dataset, areas_with_pages(dataset)))
        charts = [(chart, spec.path) for spec in specs for chart in spec.charts]
        pages.update(step("images", chart_files, charts, (), is_offline=False))
        pages.update(citation_files([spec.citation for spec in specs if spec.citation]))
        with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
            step("write", write_docs, project, pages, docs)
            step("mkdocs", build_mkdocs, project, docs, site)
        timings["figures"] = len(dataset.figures)
        timings["pages"] = len(pages)
    return timings


def main(sizes: list[int]) -> None:
    columns = ["load", "check", "tidy", "pages+charts", "render", "downloads", "images", "write",
               "mkdocs"]  # fmt: skip
    print(
        f"{'regions':>8} {'figures':>8} {'pages':>6} "
        + " ".join(f"{c:>12}" for c in columns)
        + "   ms/page"
    )
    for size in sizes:
        t = measure(size)
        total = sum(t[c] for c in columns)
        cells = " ".join(f"{t[c]:>11.2f}s" for c in columns)
        print(
            f"{size:>8} {int(t['figures']):>8} {int(t['pages']):>6} {cells}   {1000 * total / t['pages']:.0f}"
        )


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [38, 150])
