"""Work spread over every core, in spawned processes, where there is enough of it to pay.

Spawned, not forked: a forked child would inherit vl-convert's runtime threads half-held and
deadlock, and newer Pythons warn against forking a threaded process. A spawned worker starts
fresh (about a second), so small batches run in the calling process instead.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
CHUNKS_PER_WORKER = 4  # small enough to balance uneven items, large enough to amortise calls
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def exit_with_parent(parent: int) -> None:
    """Make this worker die when `parent` does, even by kill -9: a pool worker waits on a queue
    whose other end it holds itself, so it would otherwise wait forever.

    Linux sends the signal the moment the parent dies (PR_SET_PDEATHSIG); elsewhere a thread
    notices within a second that the worker has a new parent.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # died before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    exit_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    min_items: int,
    workers: int | None = None,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    progress: Callable[[int], None] | None = None,
) -> list[Result]:
    """[function(item) for item in items], in order, across processes when it pays.

    `initializer(*initargs)` runs once in each worker (or once here, in-process): the place to
    hand every task the same large inputs without pickling them once per task. The first error
    of any task is raised here, and the tasks not yet started are dropped. `progress(done)` is
    told how many are done as they finish.
    """
    report = progress or (lambda done: None)
    if workers is None:
        workers = usable_cores() if len(items) >= min_items else 1
    workers = min(workers, len(items))
    if workers < 2:
        if initializer is not None:
            initializer(*initargs)
        return _reported(map(function, items), report)
    chunksize = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    try:
        return _reported(pool.map(function, items, chunksize=chunksize), report)
    finally:
        pool.shutdown(cancel_futures=True)


def _reported(results: Iterator[Result], report: Callable[[int], None]) -> list[Result]:
    done = []
    for result in results:
        done.append(result)
        report(len(done))
    return done
