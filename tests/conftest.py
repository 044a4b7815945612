"""Fixtures and command-line options shared by the whole test suite."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from generator.project import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


# --- the fast subset: `pytest -m "not slow"` leaves out what builds a whole site -----------------

# Fixtures that build (and serve, or open in Chromium) a whole site: a test using one is slow.
# A test that builds a site itself says so with `pytest.mark.slow`.
SITE_FIXTURES = frozenset({"built_site", "built_mini_site", "site_builder", "server", "browser"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SITE_FIXTURES or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


# --- the repository's own .cache/ is the developer's: no test may write into it ---------------


def _cache_state(cache: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of every file under `cache` (a cache hit touches its file: that counts)."""
    if not cache.is_dir():
        return {}
    return {
        p.relative_to(cache).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in cache.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def repository_cache_is_left_alone() -> Iterator[None]:
    """Fails the run if any test wrote into, or read from, the repository's .cache/: a test's
    project lives in a temporary directory (`scratch_project`, `make_project_root`)."""
    cache = ROOT / ".cache"
    before = _cache_state(cache)
    yield
    after = _cache_state(cache)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if changed:
        pytest.fail(
            f"tests changed {len(changed)} files of {cache} (first: {changed[:3]}); "
            "give the test a project in a temporary directory (scratch_project)"
        )


def scratch_project(root: Path, data_dir: Path) -> Project:
    """A Project reading `data_dir` whose root, and so its .cache/, is the temporary `root`."""
    from generator.project import Project

    return Project.at(root, data_dir=data_dir, site_dir=root / "site")


def pytest_addoption(parser: pytest.Parser) -> None:
    # pytest calls this hook once per conftest: add further options here, not in a second def.
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="Rewrite tests/fixtures/bad/*.expected from the loader's output; review the diff.",
    )


# --- dataset and checks: the mini dataset, and the bad-input expectations ---------------------


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --update-expected`: tests write what they expect instead of comparing."""
    return bool(request.config.getoption("--update-expected"))


BAD = FIXTURES / "bad"
BAD_BASE = BAD / "_base"  # the files every bad case shares; a case holds only what it breaks


def bad_data(case: str, into: Path) -> Path:
    """The data directory of tests/fixtures/bad/<case>/: the shared files of bad/_base/ with the
    case's own files laid over them, written to `into`/<case>; returns that directory."""
    target = Path(shutil.copytree(BAD_BASE, into / case))
    shutil.copytree(BAD / case, target, dirs_exist_ok=True)
    return target


BadData = Callable[[str], Path]


@pytest.fixture
def bad_case(tmp_path: Path) -> BadData:
    """bad_case("unknown-source") -> that bad case's data directory, in tmp_path."""
    return functools.partial(bad_data, into=tmp_path)


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini/ that a test may edit; returns the data directory."""
    return Path(shutil.copytree(FIXTURES / "mini", tmp_path / "data"))


# --- pages and site: golden pages, and sites built from a dataset (tests/pages, tests/site) ----
# Appended by the pages/site tests; the blocks above belong to the dataset and checks tests.


_dataset_addoption = pytest_addoption


def pytest_addoption(parser: pytest.Parser) -> None:  # noqa: F811
    """Extends the hook above (pytest takes one pytest_addoption per conftest module)."""
    _dataset_addoption(parser)
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the rendered pages; review the diff.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --update-golden`: golden tests write the pages instead of comparing."""
    return bool(request.config.getoption("--update-golden"))


def _ignore_generated(directory: str, names: list[str]) -> list[str]:
    """docs/generated and staging leftovers (.generated~*) are build output, not sources."""
    top = Path(directory) == ROOT / "docs"
    return [n for n in names if n.startswith(".") or (top and n == "generated")]


def make_project_root(root: Path) -> Path:
    """A project root beside the repository's: mkdocs.yml, hand-written docs/, overrides/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=_ignore_generated)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    return root


def make_project(root: Path) -> Path:
    """A project root with the shipped data/ too, as a fresh checkout has it."""
    make_project_root(root)
    shutil.copytree(ROOT / "data", root / "data")
    return root


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory`, by relative path, with its bytes."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _build(root: Path, data_dir: Path, site_url: str | None = None) -> Path:
    """Build data_dir into root/site; site_url sets mkdocs.yml's SITE_URL for this build."""
    from generator.build import build_site
    from generator.project import Project

    make_project_root(root)
    with pytest.MonkeyPatch.context() as patch:
        if site_url:
            patch.setenv("SITE_URL", site_url)
        build_site(Project.at(root, data_dir=data_dir, site_dir=root / "site"))
    return root / "site"


SiteBuilder = Callable[..., Path]


@pytest.fixture(scope="session")
def site_builder(tmp_path_factory: pytest.TempPathFactory) -> SiteBuilder:
    """site_builder(name, data_dir, site_url=None) -> the site/ of a fresh temporary project."""

    def build(name: str, data_dir: Path, site_url: str | None = None) -> Path:
        return _build(tmp_path_factory.mktemp(name), data_dir, site_url)

    return build


@pytest.fixture(scope="session")
def built_site(site_builder: SiteBuilder) -> Path:
    """The shipped data/ built once per session into a temporary project; returns its site/."""
    return site_builder("shipped", ROOT / "data")


@pytest.fixture(scope="session")
def built_mini_site(site_builder: SiteBuilder) -> Path:
    """tests/fixtures/mini built once per session; tests must not modify it."""
    return site_builder("mini", FIXTURES / "mini")


class StaticHandler(SimpleHTTPRequestHandler):
    """Static files only, quietly: no directory listings (they would answer 200 for a missing page)."""

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "No index.html here")

    def end_headers(self) -> None:
        # LinkChecker checks a host faster than 10 requests a second only when it answers this.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port>/ and yield that URL.

    The directory may not exist yet: a test can learn the URL first and build the site for it.
    """
    handler = functools.partial(StaticHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped data/ built for, and served from, http://127.0.0.1:<free port>/.

    Material's instant navigation only intercepts links found in sitemap.xml, whose URLs keep
    site_url's port: so the port is chosen first and the site built with SITE_URL on it.
    """
    root = tmp_path_factory.mktemp("served")
    with serve_directory(root / "site") as origin:
        _build(root, ROOT / "data", site_url=origin)
        yield origin


def _run_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `cwd`, with this checkout's package importable."""
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def run_generator() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs the command line as a user would: run_generator("build", "--data", X, cwd=root)."""
    return _run_generator


# --- headless Chromium, shared by the browser tests ----------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
ARTIFACTS = ROOT / "test-artifacts"  # screenshots for humans (gitignored)
# Every chart has settled: its picture loaded, or drawn interactive, or failed; so a failure
# shows at once instead of timing out.
CHARTS_SETTLED = """() => [...document.querySelectorAll('.vega-chart')].every((c) => {
  const img = c.querySelector('img');
  return Boolean(c.dataset.rendered) || (img !== null && img.complete && img.naturalWidth > 0);
})"""
# mode: "static" (the build's picture) or "interactive" (drawn by Vega); drawn: what shows it.
CHART_STATES = """() => [...document.querySelectorAll('.vega-chart')].map((c) => {
  const img = c.querySelector('img');
  const svg = c.querySelector('.vega-view svg');
  const pictured = img !== null && img.complete && img.naturalWidth > 0;
  const shown = svg || (pictured ? img : null);
  return {
    id: c.id, mode: c.dataset.mode,
    rendered: c.dataset.rendered || (pictured ? 'true' : null),
    drawn: shown ? shown.tagName.toLowerCase() : null,
    width: shown ? shown.getBoundingClientRect().width : null,
    height: shown ? shown.getBoundingClientRect().height : null,
  };
})"""


@dataclass
class Watch:
    """Everything that went wrong in the pages one test opened."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside_requests == [], "requests that left the site"
        assert self.console_errors == [], "console errors"
        assert self.page_errors == [], "uncaught page errors"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never Playwright's own download)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any, server: str, watch: Watch) -> Iterator[OpenPage]:
    """open_page(path, width=1280, height=900, color_scheme="light", javascript=True): a page of
    the served site in a fresh context, with outside requests aborted and recorded."""
    contexts: list[Any] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            watch.outside_requests.append(route.request.url)
            route.abort()

    def open_(
        path: str,
        width: int = 1280,
        height: int = 900,
        color_scheme: str = "light",
        javascript: bool = True,
    ) -> Any:
        viewport = {"width": width, "height": height}
        context = browser.new_context(
            viewport=viewport, color_scheme=color_scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
        page.goto(server + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()
