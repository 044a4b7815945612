"""Preview: serve site/ on localhost and rebuild when the data, docs, templates or code change.

A build reads data, docs and templates afresh, so their edits only need a rebuild. An edit to
the generator's Python needs the new code itself: the server starts itself again.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.project import Project

DEBOUNCE_SECONDS = 0.5
CHANGES = frozenset({"created", "modified", "moved", "deleted"})


PACKAGE = Path(__file__).resolve().parents[1]


class _Rebuild(FileSystemEventHandler):
    """Calls `rebuild` once a burst of changes has settled, ignoring generated files, or
    `restart` when the generator's Python code changed."""

    def __init__(
        self, project: Project, rebuild: Callable[[], None], restart: Callable[[], None]
    ) -> None:
        self.ignored = (project.generated_dir, project.site_dir, project.cache_dir)
        self.rebuild = rebuild
        self.restart = restart
        self.timer: threading.Timer | None = None

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return  # reading a file (the build itself does) is not a change
        path = Path(str(event.src_path))
        if event.is_directory or any(path.is_relative_to(p) for p in self.ignored):
            return
        if any(part.startswith(".") for part in path.parts):
            return  # staging directories and editor swap files
        is_code = path.is_relative_to(PACKAGE)
        if is_code and path.suffix not in (".py", ".j2"):
            return  # compiled bytecode and the like: what running the code writes
        is_code = is_code and path.suffix == ".py"
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(DEBOUNCE_SECONDS, self.restart if is_code else self.rebuild)
        self.timer.start()


def watched_dirs(project: Project) -> list[Path]:
    """The data, the hand-written docs and theme overrides, and the generator (templates, code)."""
    return [project.data_dir, project.docs_dir, PACKAGE, project.root / "overrides"]


def restart() -> None:
    """Run this command again in this process, with the code as it is now on disk."""
    os.execv(sys.executable, [sys.executable, "-m", "generator", *sys.argv[1:]])


class ServeError(Exception):
    """The preview server cannot listen where it was asked to (a port in use, a bad host)."""


def open_server(project: Project, host: str, port: int) -> ThreadingHTTPServer:
    """A server for site/ listening on host:port; ServeError when it cannot listen there."""
    # The site directory is swapped on each build, so resolve it per request, not once.
    handler_class = functools.partial(_SiteHandler, site_dir=project.site_dir)
    try:
        return ThreadingHTTPServer((host, port), handler_class)
    except OSError as error:
        raise ServeError(
            f"{host}:{port}: cannot serve there: {error.strerror}; "
            "is another server running? Choose another with --port"
        ) from None


def serve(
    server: ThreadingHTTPServer,
    project: Project,
    rebuild: Callable[[], None],
    on_restart: Callable[[], None] = restart,
) -> None:
    """Serve until interrupted; `rebuild` reports its own errors and keeps the last good site."""
    observer = Observer()
    handler = _Rebuild(project, rebuild, on_restart)
    for directory in watched_dirs(project):
        if directory.is_dir():
            observer.schedule(handler, str(directory), recursive=True)
    observer.start()
    try:
        server.serve_forever()
    finally:
        observer.stop()
        observer.join()
        server.server_close()


class _SiteHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args: object, site_dir: Path, **kwargs: object) -> None:
        super().__init__(*args, directory=str(site_dir), **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
