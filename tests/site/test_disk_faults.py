"""A full disk or a read-only file system under the site: one line naming the path, exit 1,
and the previous site as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import build, cli
from tests.conftest import FIXTURES, make_project_root

pytestmark = pytest.mark.slow  # builds sites on a failing disk


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_site_that_cannot_be_written_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    root = make_project_root(tmp_path / "project")
    where = root / ".site~abc" / "index.html"

    def refused(*args: object) -> None:
        raise OSError(code, os.strerror(code), str(where))

    monkeypatch.setattr(build, "write_docs", refused)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli.main, ["build", "--data", str(FIXTURES / "mini")])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    said = [line for line in result.output.splitlines() if not line.startswith("INFO ")]
    assert said == [f"{where}: cannot write: {os.strerror(code)}"]  # besides the stages' lines
    assert not (root / "site").exists()
    assert not list(root.glob(".site~*"))  # the staging directory is gone too
