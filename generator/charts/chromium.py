"""Chart images drawn by headless Chromium with the site's own vendored Vega: an accelerator.

Measured on one national monthly chart (2-core machine, 2026-12): Vega in Chromium writes the
SVG in about 10 ms and Chromium rasterises it in about 15 ms, where vl-convert 2.0 takes 22-40 ms
for the SVG and 140 ms for the PNG. The SVG is the same bytes as vl-convert's, since both run
the same Vega and Vega-Lite and measure text with the same font (tests/charts/test_renderers.py).
Chromium is optional: `find_chromium()` is None where there is none, and export.py draws with
vl-convert instead.

Chromium is driven over its DevTools pipe (file descriptors 3 and 4, JSON messages ended by a
NUL byte), with no extra package. It runs on about:blank in UTC with a C locale, resolves no
host name, and evaluates only the vendored scripts and the specs it is given.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import queue
import select
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")

ENVIRONMENT_VARIABLE = "CAKUPAN_CHROMIUM"  # a Chromium to use, or "off" for vl-convert alone
REPLY_TIMEOUT_S = 120.0  # one batch of charts takes seconds; a hung browser is given up on
BATCH = 8  # charts a call: small enough to spread over the browsers, large enough to amortise
# Runs in the page once the scripts are in: renderCharts(jobs) draws SVGs and PNGs.
RENDER_SCRIPT_PATH = Path(__file__).with_name("render_page.js")
RENDER_SCRIPT = RENDER_SCRIPT_PATH.read_text(encoding="utf-8")


class ChromiumError(RuntimeError):
    """Chromium failed, died or hung: the caller draws those charts with vl-convert instead."""


def find_chromium(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """The Chromium to draw with: $CAKUPAN_CHROMIUM ("off" for none), else `chromium` on PATH."""
    choice = environ.get(ENVIRONMENT_VARIABLE, "")
    if choice == "off":
        return None
    return shutil.which(choice or "chromium")


@functools.cache
def chromium_version(executable: str) -> str:
    """`chromium --version`: part of every PNG's key, since another build rasterises otherwise."""
    result = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, timeout=30, check=True
    )
    return result.stdout.strip()


def _flags(profile: str) -> list[str]:
    flags = ["--headless", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "--no-first-run", "--no-default-browser-check", "--disable-gpu",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--hide-scrollbars", "--mute-audio"]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
    return [*flags, "about:blank"]


class Browser:
    """One headless Chromium with one page holding Vega, Vega-Lite and RENDER_SCRIPT."""

    def __init__(self, executable: str, scripts: Sequence[str]) -> None:
        self.profile = tempfile.mkdtemp(prefix="cakupan-chromium-")
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()
        try:
            self.process = self._start(executable, commands_read, replies_write)
        except OSError as error:  # not executable after all, or no room to start it
            for fd in (commands_read, replies_write, self.commands, self.replies):
                os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise ChromiumError(f"{executable}: {error.strerror}") from None
        os.close(commands_read)
        os.close(replies_write)
        self.last_id, self.pending = 0, b""
        try:
            self.session = self._open_page()
            for script in (*scripts, RENDER_SCRIPT):
                self.evaluate(script)
        except BaseException:
            self.close()
            raise

    def _start(
        self, executable: str, commands_read: int, replies_write: int
    ) -> subprocess.Popen[bytes]:
        """Chromium in UTC with a C locale, its profile in a temporary directory."""
        return subprocess.Popen(
            [executable, *_flags(self.profile)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=functools.partial(_as_fds_3_and_4, commands_read, replies_write),
            env={
                "PATH": os.environ.get("PATH", ""),
                "HOME": self.profile,
                "TZ": "UTC",
                "LANG": "C.UTF-8",
                "LC_ALL": "C.UTF-8",
            },  # fmt: skip
        )

    def _open_page(self) -> str:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        return str(self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"])

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and wait for its reply (events in between are skipped)."""
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.commands, json.dumps(message).encode() + b"\0")
            while True:
                reply = json.loads(self._read_message())
                if reply.get("id") == self.last_id:
                    break
        except OSError as error:
            raise ChromiumError(f"chromium: {error}") from None
        if "error" in reply:
            raise ChromiumError(f"chromium: {reply['error'].get('message')}")
        return dict(reply["result"])

    def _read_message(self) -> bytes:
        while b"\0" not in self.pending:
            ready, _, _ = select.select([self.replies], [], [], REPLY_TIMEOUT_S)
            chunk = os.read(self.replies, 1 << 20) if ready else b""
            if not chunk:
                raise ChromiumError("chromium stopped answering")
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return message

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page, its promise awaited."""
        result = self.call("Runtime.evaluate", self.session, expression=expression,
                           awaitPromise=True, returnByValue=True)  # fmt: skip
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise ChromiumError(details.get("exception", {}).get("description", details["text"]))
        return result["result"].get("value")

    def render(self, jobs: Sequence[dict[str, Any]]) -> list[Any]:
        """Each job's result (render_page.js: SVGs, one a width, or a base64 PNG), in order."""
        return list(self.evaluate(f"renderCharts({json.dumps(jobs, ensure_ascii=False)})"))

    def close(self) -> None:
        """Ask Chromium to quit (so it reaps its own processes), kill it if it will not."""
        with contextlib.suppress(ChromiumError):
            self.call("Browser.close")
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self.commands)
        with contextlib.suppress(OSError):
            os.close(self.replies)
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def _as_fds_3_and_4(commands: int, replies: int) -> None:
    """In the child before exec: the DevTools pipe where Chromium looks for it."""
    commands, replies = os.dup(commands), os.dup(replies)  # out of the way of 3 and 4
    os.dup2(commands, 3)
    os.dup2(replies, 4)
    os.set_inheritable(3, True)
    os.set_inheritable(4, True)


class Pool:
    """Browsers with the scripts run, started side by side on first use and kept until `close`:
    one start serves a build's pictures and then its PNGs (about a second each time)."""

    def __init__(self, executable: str, scripts: Sequence[str]) -> None:
        self.executable, self.scripts = executable, list(scripts)
        self.started: list[Browser] = []

    def browsers(self, count: int) -> list[Browser]:
        """The browsers, started side by side until there are `count`: a build whose pictures
        were few and whose PNGs are many gets a browser a core for the PNGs."""
        missing = count - len(self.started)
        if missing > 0:
            with ThreadPoolExecutor(missing) as threads:
                starting = [threads.submit(Browser, self.executable, self.scripts)
                            for _ in range(missing)]  # fmt: skip
            self.started += [f.result() for f in starting if f.exception() is None]
            errors = [error for f in starting if (error := f.exception()) is not None]
            if errors:
                self.close()
                raise errors[0]
        return self.started

    def close(self) -> None:
        for browser in self.started:
            browser.close()
        self.started = []


def render_jobs(
    pool: list[Browser],
    jobs: Sequence[dict[str, Any]],
    finish: Callable[[Any], Result],
) -> list[Result]:
    """finish(what the page gave) of every job, in order, BATCH jobs a call spread over the
    browsers; ChromiumError if any batch fails.

    Two threads a browser: while one finishes a batch in Python (PNG compression), the other
    has the browser draw the next, so no browser waits for Python.
    """
    batches = [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
    idle: queue.SimpleQueue[Browser] = queue.SimpleQueue()
    for browser in pool:
        idle.put(browser)

    def run(batch: Sequence[dict[str, Any]]) -> list[Result]:
        browser = idle.get()
        try:
            drawn = browser.render(batch)
        finally:
            idle.put(browser)
        return [finish(result) for result in drawn]

    with ThreadPoolExecutor(2 * len(pool)) as threads:
        return [result for batch in threads.map(run, batches) for result in batch]
