"""What a long build says while it works: each stage, with its count and time.

Lines go through logging like MkDocs' own (`INFO    -  pages: 712 in 3.1 s`), so the
command line shows them the same way; on a terminal a long stage also draws a bar on one
line, which a log file or CI never sees.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sized
from typing import Any, TextIO, TypeVar

Result = TypeVar("Result")
logger = logging.getLogger("generator")
BAR_WIDTH = 30


class Stages:
    """Runs the stages of a build, timing each and saying what it made."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.stream = stream if stream is not None else sys.stderr
        self.draws_bars = self.stream.isatty()

    def run(self, name: str, function: Callable[..., Result], *args: Any) -> Result:
        """`function(*args)`, said as one line once done: its name, how many, how long."""
        start = time.perf_counter()
        result = function(*args)
        seconds = time.perf_counter() - start
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        logger.info("%s%s in %.1f s", name, counted(result), seconds)
        return result

    def bar(self, name: str, total: int) -> Callable[[int], None]:
        """A callable to report `done` items of `total`; draws a bar on a terminal only."""
        if not self.draws_bars or total < 2:
            return lambda done: None

        def draw(done: int) -> None:
            filled = BAR_WIDTH * done // total
            end = "\n" if done >= total else ""
            bar = "█" * filled + "·" * (BAR_WIDTH - filled)
            self.stream.write(f"\r{name} {bar} {done}/{total}{end}")
            self.stream.flush()

        return draw


def counted(result: Any) -> str:
    """How many things a stage made, for its line: ': 712 files', or nothing to count."""
    if hasattr(result, "figures"):  # a dataset
        return f": {len(result.figures)} figures"
    if hasattr(result, "files"):  # a rendered site
        return f": {len(result.files)} files"
    return f": {len(result)}" if isinstance(result, Sized) else ""


def say(stages: Stages | None, name: str, function: Callable[..., Result], *args: Any) -> Result:
    """`stages.run(...)` where there are stages to report to, else just `function(*args)`."""
    return stages.run(name, function, *args) if stages else function(*args)
