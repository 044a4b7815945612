"""`serve` on a port another program holds: one line saying so, exit 1, before any build."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURES, make_project_root


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path, run_generator: Any) -> None:
    root = make_project_root(tmp_path / "project")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run_generator(
            "serve", "--data", str(FIXTURES / "mini"), "--port", str(port), cwd=root
        )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"127.0.0.1:{port}: cannot serve there: Address already in use; "
        f"is another server running? Choose another with --port"
    ]
    assert not (root / "site").exists()  # refused before building anything
