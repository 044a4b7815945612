"""Worker processes never outlive the build that started them, even after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

# A build whose pool workers each note their pid and then work for a minute.
LONG_POOL = """
import os, sys, time
from pathlib import Path
from generator.workers import parallel_map

def work(item):
    (Path(sys.argv[1]) / str(os.getpid())).write_text("")
    time.sleep(60)

if __name__ == "__main__":
    parallel_map(work, [1, 2], min_items=1, workers=2)
"""


def _is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped (a reaper-less container keeps those)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_build_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "long_pool.py"
    script.write_text(LONG_POOL, encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, str(script), str(pids)], env=env)
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 2:
        assert time.monotonic() < deadline and build.poll() is None, "workers did not start"
        time.sleep(0.05)
    workers = [int(p.name) for p in pids.iterdir()]
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while any(_is_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [pid for pid in workers if _is_running(pid)]
    for pid in alive:  # leave the machine clean even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "workers outlived their build"
