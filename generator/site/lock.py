"""One build at a time in a project: builds swap the same directories and prune one cache."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.project import Project


def lock_file(project: Project) -> Path:
    return project.root / ".build.lock"


@contextlib.contextmanager
def build_lock(project: Project, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock; when another build holds it, call `on_wait()` once and
    wait for it. The kernel drops the lock when its holder dies, even by kill -9."""
    with os.fdopen(os.open(lock_file(project), os.O_RDWR | os.O_CREAT, 0o644), "r+b") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
