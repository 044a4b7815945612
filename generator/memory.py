"""A build and Python's cycle collector.

A build allocates tens of millions of objects (figures, rows, page contexts) that live until it
ends, and makes few reference cycles. With the collector on, each full collection rescans all
of them, so the cost per figure grows with the dataset: the checks took 29 µs a figure at
136,000 figures and 37 µs at 1.1 million, and 22 and 23 µs with the collector off. So a build
runs with it off, as a batch compiler would; memory freed by reference counting is freed as
before (benchmarks/README.md has the measurements).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for a block (or a function, as a decorator), then as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_inputs() -> None:
    """In a worker process, leave what exists now (its inputs, kept for its life) out of every
    later collection; in the main process, do nothing: its objects come and go."""
    if multiprocessing.parent_process() is not None:
        gc.freeze()
