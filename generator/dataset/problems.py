"""Problems found in a dataset, and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# An error stops the build; a note is shown to readers on the site; a warning is for editors
# only (printed by `check`, never published).
Severity = Literal["error", "note", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    """Where a value sits in a data file: path relative to the data directory, 1-based."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: a located, coded message about a dataset."""

    position: Position
    field: str
    message: str
    code: str
    severity: Severity = "error"
    # Figures the finding concerns, as figure keys, so pages can link to it.
    figures: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_note(self) -> bool:
        """A finding readers see on the site."""
        return self.severity == "note"


def format_problem(problem: Problem) -> str:
    prefix = "" if problem.is_error else f"{problem.severity}: "
    field = f" {problem.field}:" if problem.field else ""
    return f"{problem.position}:{field} {prefix}{problem.message} [{problem.code}]"


class DataError(Exception):
    """The dataset has errors a user must fix; carries every one of them, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(format_problem(p) for p in self.problems))

    def summary(self) -> str:
        files = {p.position.file for p in self.problems}
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"Aborted: {count} {noun} in {len(files)} file{'s' if len(files) != 1 else ''}."


def raise_for_errors(problems: Iterable[Problem]) -> None:
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DataError(errors)
