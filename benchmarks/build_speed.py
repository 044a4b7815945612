"""How fast the generator builds a national site, stage by stage, against a plain MkDocs floor.

    python benchmarks/build_speed.py --regions 514
    python benchmarks/build_speed.py --regions 2000 --skip-images   # pages/s at scale, faster

Writes the synthetic national dataset (benchmarks/synthetic.py: SINTETIS, never real data) into
a temporary project, then measures in one run on this machine:

- the cold build (empty caches) split by stage: load, checks, chart specs and page contexts,
  pages (templates, downloads, citations), chart images, writing, MkDocs;
- pages and chart images per second, peak memory (this process and its workers);
- the warm rebuild after one figure is edited, with the caches the cold build left;
- the HTML size of a region page, without the shared scripts and stylesheets;
- the floor: plain MkDocs on the same pages with the same theme, each page a short text.

Prints one `name=value` line per figure; the last two lines are `images_per_s=` and
`ratio_vs_floor=` (cold build time without chart images / floor time). Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from generator.build import CheckedData, render_site  # noqa: E402
from generator.charts import export  # noqa: E402
from generator.checks import run_checks  # noqa: E402
from generator.dataset.load import load_dataset  # noqa: E402
from generator.dataset.problems import raise_for_errors  # noqa: E402
from generator.memory import collector_paused  # noqa: E402
from generator.project import BuildInfo, Project  # noqa: E402
from generator.site.cache import DirectoryCache  # noqa: E402
from generator.site.mkdocs import build_mkdocs  # noqa: E402
from generator.site.write import staging_dir, write_docs  # noqa: E402
from generator.tables import figures_frame  # noqa: E402

SITE_NAME = "Cakupan BPJS Ketenagakerjaan (DATA SINTETIS)"


class Stopwatch:
    """Wall time per named stage, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def run(self, name: str, function: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        result = function(*args)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
        return result


def make_project(root: Path, regions: int) -> Project:
    """A project beside this repository's: its mkdocs.yml, docs/ and overrides/, synthetic data."""
    root.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^site_name: .*$", f"site_name: {SITE_NAME}", config, count=1, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    synthetic.write_dataset(root / "data", regions)
    return Project.at(root)


@collector_paused()  # as generator.build.build_site
def build(project: Project, watch: Stopwatch) -> dict[str, str | bytes]:
    """The pipeline of generator.build.build_site, stage by stage, timed."""
    info = BuildInfo(
        SITE_NAME, "http://127.0.0.1:8000/", is_offline=False, build_date=date(2026, 11, 22)
    )
    cache = DirectoryCache(project.cache_dir / "data")
    dataset = watch.run("load", load_dataset, project.data_dir, cache)
    findings = watch.run("checks", run_checks, dataset)
    raise_for_errors(findings)
    data = CheckedData(dataset, watch.run("tidy", figures_frame, dataset), findings)
    files = render_site(project, info, data, stopwatch=watch.run)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        watch.run("write", write_docs, project, files, docs)
        watch.run("mkdocs", build_mkdocs, project, docs, site)
        region_page = next(site.glob("wilayah/kota-*/index.html"))
        watch.seconds["region_page_bytes"] = len(region_page.read_bytes())
    return files


def floor(project: Project, pages: list[str]) -> float:
    """Plain MkDocs with the same theme and configuration on the same pages, each a short text."""
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(
            project,
            {path: f"# Halaman {i}\n\nTeks biasa, tanpa grafik.\n" for i, path in enumerate(pages)},
            docs,
        )
        start = time.perf_counter()
        build_mkdocs(project, docs, site)
        return time.perf_counter() - start


def edit_one_figure(project: Project) -> None:
    """Change one coverage figure's value: the first row of a coverage series (its text is the
    value's plain form, so it changes with it)."""
    path = next((project.data_dir / "figures").glob("kota-*.yaml"))
    text = path.read_text(encoding="utf-8")
    row = re.search(r"^    \d{4}-\d{2}  (\d+\.\d)$", text, re.MULTILINE)
    assert row, "no coverage figure to edit"
    start, end = row.span(1)
    path.write_text(
        text[:start] + f"{float(row.group(1)) + 0.1:.1f}" + text[end:], encoding="utf-8"
    )


def stand_in_images() -> None:
    """Charts get a few bytes for their SVG and PNG instead of a rendering, in this process."""
    export.render_spec = lambda spec: (b"<svg/>", b"PNG")
    export.render_picture = lambda spec: (b"<svg/>",)
    export.MIN_BATCH_FOR_POOL = sys.maxsize  # a spawned worker would render for real


def peak_megabytes() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=514, help="kabupaten/kota (default 514)")
    parser.add_argument("--keep", type=Path, help="build here and keep it, instead of a temp dir")
    parser.add_argument(
        "--skip-images",
        action="store_true",
        help="chart images are stand-ins: for pages/s at large N, which leaves images out anyway",
    )
    args = parser.parse_args()
    if args.skip_images:
        stand_in_images()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "project"
        project = make_project(root, args.regions)
        files = sum(1 for _ in project.data_dir.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in project.data_dir.rglob("*.yaml")) / 1e6
        print(f"regions={args.regions} data_files={files} data_mb={size:.1f}")

        cold = Stopwatch()
        output = build(project, cold)
        pages = sorted(path for path in output if path.endswith(".md"))
        charts = sum(
            str(text).count('class="vega-chart"')
            for path, text in output.items()
            if path.endswith(".md")
        )
        own, workers = peak_megabytes()

        gc.collect()
        edit_one_figure(project)
        warm = Stopwatch()
        build(project, warm)
        floor_seconds = floor(project, pages)

    stages = [s for s in cold.seconds if s != "region_page_bytes"]
    without_images = sum(cold.seconds[s] for s in stages if s != "images")
    images_per_s = "skipped" if args.skip_images else f"{2 * charts / cold.seconds['images']:.1f}"
    generator_stages = sum(cold.seconds[s] for s in stages if s not in ("images", "mkdocs"))
    warm_generator = sum(warm.seconds[s] for s in stages if s != "mkdocs")
    for stage in stages:
        print(f"cold_{stage.replace('+', '_')}_s={cold.seconds[stage]:.2f}")
    print(f"pages={len(pages)} charts={charts} chart_images={2 * charts}")
    print(f"cold_generator_without_images_s={generator_stages:.2f}")
    print(f"cold_total_s={sum(cold.seconds[s] for s in stages):.2f}")
    print(f"pages_per_s={len(pages) / without_images:.1f}")
    print(f"peak_memory_mb={own:.0f} peak_worker_memory_mb={workers:.0f}")
    for stage in stages:
        print(f"warm_{stage.replace('+', '_')}_s={warm.seconds[stage]:.2f}")
    print(f"warm_generator_s={warm_generator:.2f}")
    print(f"region_page_kb={cold.seconds['region_page_bytes'] / 1024:.1f}")
    print(f"floor_s={floor_seconds:.2f}")
    print(f"images_per_s={images_per_s}")
    print(f"ratio_vs_floor={without_images / floor_seconds:.2f}")


if __name__ == "__main__":
    main()
