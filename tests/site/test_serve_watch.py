"""What `serve` does on an edit: a rebuild for data, docs and templates, a restart for code."""

from __future__ import annotations

from pathlib import Path

import pytest
from watchdog.events import FileModifiedEvent

from generator.cache import code_version
from generator.project import Project
from generator.site import serve


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[serve._Rebuild, list[str]]:
    monkeypatch.setattr(serve, "DEBOUNCE_SECONDS", 0)
    said: list[str] = []
    handler = serve._Rebuild(
        Project.at(tmp_path), lambda: said.append("rebuild"), lambda: said.append("restart")
    )
    return handler, said


def _edited(handler: serve._Rebuild, path: Path) -> None:
    handler.on_any_event(FileModifiedEvent(str(path)))
    if handler.timer:
        handler.timer.join()


def test_code_restarts_the_server_and_templates_or_data_rebuild(
    calls: tuple[serve._Rebuild, list[str]], tmp_path: Path
) -> None:
    handler, said = calls
    _edited(handler, serve.PACKAGE / "pages" / "area.py")
    _edited(handler, serve.PACKAGE / "templates" / "area.md.j2")
    _edited(handler, tmp_path / "data" / "regions.yaml")
    _edited(handler, serve.PACKAGE / "pages" / "__pycache__" / "area.cpython-311.pyc")
    assert said == ["restart", "rebuild", "rebuild"]


def test_the_generator_itself_is_watched(tmp_path: Path) -> None:
    assert serve.PACKAGE in serve.watched_dirs(Project.at(tmp_path))


def test_an_edited_template_changes_every_key_in_the_same_process(tmp_path: Path) -> None:
    """`serve` builds again and again in one process: a key must follow the templates on disk
    (it once hashed them once a process, and kept showing the old pages)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "area.md.j2").write_text("# {{ page.title }}\n", encoding="utf-8")
    before = code_version(templates)
    (templates / "area.md.j2").write_text("## {{ page.title }}\n", encoding="utf-8")
    assert code_version(templates) != before
