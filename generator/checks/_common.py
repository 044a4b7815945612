"""What the checks share: grouping figures and building findings about them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from generator.dataset.problems import Problem, Severity
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset

K = TypeVar("K", bound=Hashable)


def group_figures(
    figures: Iterable[Figure], key: Callable[[Figure], K | None]
) -> dict[K, list[Figure]]:
    """Figures by key; a key of None leaves the figure out."""
    groups: dict[K, list[Figure]] = defaultdict(list)
    for figure in figures:
        if (group := key(figure)) is not None:
            groups[group].append(figure)
    return groups


def finding(
    dataset: Dataset,
    figures: list[Figure],
    message: str,
    code: str,
    severity: Severity = "error",
) -> Problem:
    """A problem placed at the first figure it names (the total, the stated value)."""
    first = figures[0]
    areas = sorted({slug for f in figures for slug in f.area} | {"+".join(f.area) for f in figures})
    return Problem(
        dataset.position_of(f"figure:{first.key}"),
        first.key,
        message,
        code,
        severity,
        figures=tuple(f.key for f in figures),
        areas=tuple(areas),
    )
