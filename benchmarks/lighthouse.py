"""Lighthouse scores of the home page and a region page. Prints a table; asserts nothing.

    (cd benchmarks && npm ci --ignore-scripts) && .venv/bin/python benchmarks/lighthouse.py

Builds the shipped data/ for a local address, serves it gzip-compressed as GitHub Pages does, and
runs Lighthouse (mobile profile, its default) with Debian's chromium on each page. Lighthouse's
simulated throttling makes performance vary by a few points from run to run: `--runs N` shows the
median of N runs per page and, when the runs differ, the lowest and highest in parentheses.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {"beranda": "", "wilayah/kota-blitar": "wilayah/kota-blitar/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Metrics shown beside the scores: Total Blocking Time is what a region page's performance misses.
METRICS = {"TBT ms": "total-blocking-time"}
COLUMNS = (*CATEGORIES, *METRICS)
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed as GitHub Pages serves them; no request log."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # also the redirect from a folder to its slash
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def build_site(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url}
    command = [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def lighthouse_scores(url: str) -> dict[str, int]:
    """One Lighthouse run: each category's score out of 100, and each metric in METRICS."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    metrics = {
        name: round(report["audits"][audit]["numericValue"]) for name, audit in METRICS.items()
    }
    return scores | metrics


def median_scores(url: str, runs: int) -> dict[str, str]:
    """Each column's median over `runs` runs, with the lowest and highest run when they differ."""
    all_runs = [lighthouse_scores(url) for _ in range(runs)]
    return {name: summarize([r[name] for r in all_runs]) for name in COLUMNS}


def summarize(scores: list[int]) -> str:
    median = round(statistics.median(scores))
    low, high = min(scores), max(scores)
    return str(median) if low == high else f"{median} ({low}–{high})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page; the median is shown, then the range"
    )
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci --ignore-scripts` in benchmarks/")
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        with serve(site) as origin:
            build_site(site, origin)
            print(f"| page | {' | '.join(COLUMNS)} |")
            print(f"| --- |{' ---: |' * len(COLUMNS)}")
            for name, path in PAGES.items():
                scores = median_scores(origin + path, runs)
                print(f"| {name} | {' | '.join(scores[c] for c in COLUMNS)} |")


if __name__ == "__main__":
    main()
