"""Take the README's screenshot: the top of the Kabupaten Blitar page at 1280 pixels wide.

    python scripts/screenshot.py                    # builds data/ into a temporary project
    python scripts/screenshot.py --site-dir site    # uses a site you built already

Writes docs/assets/images/screenshot-region.png. Needs Debian's chromium at /usr/bin/chromium
and the test extras (playwright). Nothing outside the local server is fetched.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Route, sync_playwright  # noqa: E402

from generator.build import build_site  # noqa: E402
from generator.project import Project  # noqa: E402

OUTPUT = ROOT / "docs" / "assets" / "images" / "screenshot-region.png"
PAGE = "wilayah/kabupaten-blitar/"
WIDTH, HEIGHT = 1280, 1100
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build_temporary_site(workdir: Path) -> Path:
    """Build data/ in a copy of the project's config, leaving site/ and docs/generated/ alone."""
    shutil.copy2(ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        workdir / "docs",
        ignore=lambda d, names: [
            n for n in names if n.startswith(".") or (Path(d) == ROOT / "docs" and n == "generated")
        ],
    )
    shutil.copytree(ROOT / "overrides", workdir / "overrides")
    build_site(Project.at(workdir, data_dir=ROOT / "data", site_dir=workdir / "site"))
    return workdir / "site"


def take(site: Path, output: Path, page_path: str) -> None:
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    origin = f"http://127.0.0.1:{httpd.server_address[1]}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    outside: list[str] = []

    def route(route: Route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, color_scheme="light"
            )
            context.route("**/*", route)
            page = context.new_page()
            page.goto(origin + page_path, wait_until="load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.vega-chart')]"
                ".every((c) => c.dataset.rendered === 'true' && c.querySelector('svg'))",
                timeout=20_000,
            )
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(output), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
            )
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    if outside:
        raise SystemExit(f"the page requested outside URLs: {outside}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build data/ now)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--page", default=PAGE, help=f"page to open (default: {PAGE})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="screenshot-") as workdir:
        site = args.site_dir.resolve() if args.site_dir else build_temporary_site(Path(workdir))
        take(site, args.output.resolve(), args.page)
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
