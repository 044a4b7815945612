"""The independent checkers the quality gates run: the Nu HTML Checker (vnu) and LinkChecker.

vnu.jar and axe-core come from npm (`npm ci --ignore-scripts`, see the README's test command);
LinkChecker comes from the `test` extra.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_ALLOWLIST = Path(__file__).with_name("vnu-allowlist.toml")
LINKCHECKER_CONFIG = Path(__file__).with_name("linkcheckerrc")


def npm_file(path: Path) -> Path:
    """A file from node_modules/; a clear failure (not a skip) when npm has not installed it."""
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts` first")
    return path


# --- vnu --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VnuError:
    url: str
    line: int
    message: str
    markup: str  # the highlighted part of vnu's extract: the offending markup

    def __str__(self) -> str:
        return f"{self.url}:{self.line}: {self.message} [{self.markup.strip()}]"


@dataclass(frozen=True)
class Allowed:
    message: str  # how vnu's message starts
    markup: str  # text the offending markup contains
    reason: str

    def matches(self, error: VnuError) -> bool:
        return error.message.startswith(self.message) and self.markup in error.markup


def run_vnu(paths: list[Path]) -> list[VnuError]:
    """Every error vnu finds in `paths`, in one Java run (the JVM takes seconds to start)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "no `java` on PATH: vnu needs a Java runtime (apt-get install default-jre-headless)"
        )
    command = [java, "-jar", str(npm_file(VNU_JAR)), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [_vnu_error(m) for m in json.loads(result.stderr)["messages"]]


def _vnu_error(message: dict[str, object]) -> VnuError:
    extract = str(message.get("extract", ""))
    start = int(str(message.get("hiliteStart", 0)))
    length = int(str(message.get("hiliteLength", len(extract))))
    return VnuError(
        url=str(message.get("url", "")),
        line=int(str(message.get("lastLine", 0))),
        message=str(message["message"]),
        markup=extract[start : start + length],
    )


def vnu_allowlist() -> list[Allowed]:
    entries = tomllib.loads(VNU_ALLOWLIST.read_text(encoding="utf-8"))["allow"]
    return [Allowed(**entry) for entry in entries]


def not_allowed(errors: list[VnuError], allowlist: list[Allowed]) -> list[str]:
    return [str(e) for e in errors if not any(entry.matches(e) for entry in allowlist)]


# --- LinkChecker ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedUrl:
    url: str
    parent: str
    result: str
    warning: str
    is_valid: bool

    def __str__(self) -> str:
        return f"{self.parent} -> {self.url}: {self.result} {self.warning}".strip()


def run_linkchecker(start: str) -> list[CheckedUrl]:
    """Every URL LinkChecker follows from `start` (internal links only, anchors checked)."""
    command = [sys.executable, "-m", "linkcheck", "--config", str(LINKCHECKER_CONFIG)]
    result = subprocess.run(
        [*command, "--no-status", "--verbose", "--output", "csv", start],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: broken links, reported below
    lines = (line for line in result.stdout.splitlines() if not line.startswith("#"))
    return [_checked_url(row) for row in csv.DictReader(lines, delimiter=";")]


def _checked_url(row: dict[str, str]) -> CheckedUrl:
    return CheckedUrl(
        url=row["url"] or row["urlname"],
        parent=row["parentname"],
        result=row["result"],
        warning=row["warningstring"],
        is_valid=row["valid"] == "True",
    )


def broken(checked: list[CheckedUrl]) -> list[str]:
    """Links that fail, and links whose target lacks the anchor (LinkChecker warns of those)."""
    return [str(c) for c in checked if not c.is_valid or c.warning]
