"""How fast the generator builds a national site, stage by stage, against a plain MkDocs floor.

    python benchmarks/build_speed.py --regions 514
    python benchmarks/build_speed.py --regions 2000 --skip-images   # pages/s at scale, faster

Writes the synthetic national dataset (benchmarks/synthetic.py: SINTETIS, never real data) into
a temporary project, then measures in one run on this machine:

- the cold build (empty caches) by stage, as `generator.build.build_site` runs them and says
  them (generator.progress): load, checks, tidy, site pages, inputs, area pages, downloads,
  chart images, writing, MkDocs;
- pages and chart images per second, peak memory (this process and its workers), the search
  index and a region page's HTML;
- after one figure is edited: `warm_build_s`, `python -m generator build` in a new process
  with the caches the cold build left (what an editor runs), and `serve_edit_s`, the same
  rebuild in this process after another edit (what `serve` does);
- the floor: plain MkDocs on the same pages with the same theme, each page a short text;
- the chart images: charts drawn a second (both formats, cold) and their megabytes;
- the offline bundle of one province (`bundle --province jawa-timur`): its zip's megabytes;
- a simulated deploy pair, with the commands pages.yml runs (`python -m generator build`, then
  `bundle`) in fresh projects: cold (`ci_cold_s`), then the next commit, one figure changed,
  with the first one's `.cache/` restored (`ci_warm_s`).

Prints one `name=value` line per figure; the last lines are `images_per_s=` (charts a second,
each with its pictures at both widths, its exported SVG and its PNG), `ratio_vs_floor=` (cold build time without chart images / floor time),
`ci_cold_s=` and `ci_warm_s=`. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from generator.build import build_site  # noqa: E402
from generator.charts import export, style  # noqa: E402
from generator.progress import Stages  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.site.mkdocs import build_mkdocs  # noqa: E402
from generator.site.write import staging_dir, write_docs  # noqa: E402

SITE_NAME = "Cakupan BPJS Ketenagakerjaan (DATA SINTETIS)"


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


def build(project: Project) -> Stages:
    """generator.build.build_site, each stage timed."""
    stages = Stages(io.StringIO())  # the seconds, without the lines
    build_site(project, stages=stages)
    return stages


def cli_build_seconds(project: Project) -> float:
    """`python -m generator build` in the project, as an editor runs it, end to end."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project.root, check=True,
        capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return time.perf_counter() - start


PROVINCE = "jawa-timur"  # the province with the most kabupaten/kota


def province_bundle(project: Project) -> tuple[float, float]:
    """`python -m generator bundle --province jawa-timur` after the build (its cache as the
    build left it): seconds, and the zip's megabytes."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "bundle", "--province", PROVINCE], cwd=project.root,
        check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    seconds = time.perf_counter() - start
    (bundle,) = (project.root / "dist").glob(f"*-{PROVINCE}-*.zip")
    return seconds, megabytes(bundle)


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
    path = sorted((project.data_dir / "figures").glob("k*-*.yaml"))[-1]
    text = path.read_text(encoding="utf-8")
    row = re.search(r"^    \d{4}-\d{2}  (\d+\.\d)$", text, re.MULTILINE)
    assert row, "no coverage figure to edit"
    start, end = row.span(1)
    path.write_text(
        text[:start] + f"{float(row.group(1)) + 0.1:.1f}" + text[end:], encoding="utf-8"
    )


def stand_in_images() -> None:
    """Charts get a few bytes for their pictures and PNG instead of a drawing, in this process."""

    def draw(self: export.Renderer, specs: list[Any], widths: list[int]) -> list[tuple[bytes, ...]]:
        return [tuple(b'<svg width="720" height="340"/>' for _ in widths) for _ in specs]

    def rasterise(self: export.Renderer, svgs: list[bytes]) -> tuple[list[bytes], bool]:
        return [b"PNG" for _ in svgs], True

    export.Renderer.draw = draw  # type: ignore[method-assign]
    export.Renderer.rasterise = rasterise  # type: ignore[method-assign]


def image_megabytes(site: Path) -> tuple[float, float]:
    """The built site's chart images in megabytes, SVG (pictures and downloads) and PNG."""
    sizes = {".svg": 0, ".png": 0}
    for folder in ("grafik", "unduh/grafik"):
        for path in (site / folder).glob("*.*"):
            if path.suffix in sizes:
                sizes[path.suffix] += path.stat().st_size
    return sizes[".svg"] / 1e6, sizes[".png"] / 1e6


# The deploy's commands (.github/workflows/pages.yml), after its install step.
CI_COMMANDS = (["-m", "generator", "build"], ["-m", "generator", "bundle"])
GENERATED = ("site", "dist", ".cache", ".build.lock")  # and docs/generated


def run_ci_commands(root: Path) -> float:
    """Wall time of pages.yml's build and bundle commands in `root`, as the workflow runs them."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795000000",
           "SITE_URL": "https://owner.github.io/repo"}  # fmt: skip
    start = time.perf_counter()
    for command in CI_COMMANDS:
        subprocess.run([sys.executable, *command], cwd=root, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def ci_pair(tmp: Path, regions: int) -> tuple[float, float]:
    """A cold deploy, then the next commit's (one figure changed) with the cold one's cache."""
    cold = make_project(tmp / "ci-cold", regions).root
    cold_seconds = run_ci_commands(cold)
    warm = tmp / "ci-warm"  # a fresh checkout of the next commit

    def generated(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if name in GENERATED] if Path(folder) == cold else []

    shutil.copytree(cold, warm, ignore=generated)
    shutil.rmtree(warm / "docs" / "generated", ignore_errors=True)
    edit_one_figure(Project.at(warm))
    shutil.copytree(cold / ".cache", warm / ".cache")  # actions/cache restores it
    return cold_seconds, run_ci_commands(warm)


def peak_megabytes() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, workers


def site_pages(project: Project) -> list[str]:
    """The generated pages of the built site, as paths under docs_dir."""
    docs = project.generated_dir.resolve()
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def megabytes(path: Path) -> float:
    return path.stat().st_size / 1e6


def published_size(site: Path) -> tuple[float, float, str]:
    """The megabytes GitHub Pages would publish (every file under the site, links followed),
    and the largest file's megabytes and path."""
    sizes = {path: path.stat().st_size for path in site.rglob("*") if path.is_file()}
    largest = max(sizes, key=sizes.__getitem__)
    return sum(sizes.values()) / 1e6, sizes[largest] / 1e6, largest.relative_to(site).as_posix()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=514, help="kabupaten/kota (default 514)")
    parser.add_argument("--keep", type=Path, help="build here and keep it, instead of a temp dir")
    parser.add_argument("--skip-ci", action="store_true", help="leave out the deploy pair")
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

        cold = build(project).seconds
        site = project.site_dir.resolve()
        pages = site_pages(project)
        charts = sum(1 for _ in (site / "sematkan").glob("*.html"))
        search_mb = megabytes(site / "search" / "search_index.json")
        region = next(site.glob("wilayah/kota-*/index.html"), None) or next(
            site.glob("wilayah/kabupaten-*/index.html")
        )
        region_kb = region.stat().st_size / 1024
        site_mb, largest_mb, largest = published_size(site)
        own, workers = peak_megabytes()
        svg_mb, png_mb = image_megabytes(site)
        bundle_s, bundle_mb = province_bundle(project)

        gc.collect()
        edit_one_figure(project)
        warm_build = cli_build_seconds(project)
        edit_one_figure(project)
        start = time.perf_counter()
        build(project)
        serve_edit = time.perf_counter() - start
        floor_seconds = floor(project, pages)
        skip_ci = args.skip_ci or args.skip_images
        ci_cold, ci_warm = (0.0, 0.0) if skip_ci else ci_pair(Path(tmp), args.regions)

    without_images = sum(seconds for stage, seconds in cold.items() if stage != "images")
    images_per_s = "skipped" if args.skip_images else f"{charts / cold['images']:.1f}"
    for stage, seconds in cold.items():
        print(f"{stage.replace(' ', '_')}_s={seconds:.2f}")
    # A chart's images: its picture at each width, its exported SVG and its PNG.
    images = (len(style.PICTURE_WIDTHS) + 2) * charts
    print(f"pages={len(pages)} charts={charts} chart_images={images}")
    print(f"cold_total_s={sum(cold.values()):.2f}")
    print(f"cold_without_images_s={without_images:.2f}")
    print(f"pages_per_s={len(pages) / without_images:.1f}")
    print(
        f"peak_memory_mb={max(own, workers):.0f} peak_main_mb={own:.0f} peak_worker_mb={workers:.0f}"
    )
    print(f"search_index_mb={search_mb:.2f}")
    print(f"site_mb={site_mb:.1f}")  # GitHub Pages refuses a site over 1 GB
    print(f"largest_file_mb={largest_mb:.1f} largest_file={largest}")
    print(f"region_page_kb={region_kb:.1f}")
    print(f"province_bundle_mb={bundle_mb:.1f} province_bundle_s={bundle_s:.1f}")
    print(f"warm_build_s={warm_build:.2f}")
    print(f"serve_edit_s={serve_edit:.2f}")
    print(f"floor_s={floor_seconds:.2f}")
    print(f"image_svg_mb={svg_mb:.1f} image_png_mb={png_mb:.1f}")
    print(f"images_per_s={images_per_s}")
    print(f"ratio_vs_floor={without_images / floor_seconds:.2f}")
    if not skip_ci:
        print(f"ci_cold_s={ci_cold:.1f}")
        print(f"ci_warm_s={ci_warm:.1f}")


if __name__ == "__main__":
    main()
