"""Collecting every file's content into one dataset, and cross-referencing it.

Names are defined once (a region, office, source or event in one place; regions and offices
share their slugs), figures once (an exact copy, or the same figure twice, is reported), and
every reference names something defined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.dataset.files import FIGURES_DIR
from generator.dataset.problems import Position, Problem
from generator.dataset.references import Names, file_references
from generator.dataset.schema import (
    DataFile,
    Event,
    Figure,
    Office,
    Region,
    Register,
    Series,
    Source,
    TileMap,
)
from generator.dataset.series import series_figures
from generator.dataset.validate import field_label
from generator.dataset.yaml import FieldPath, ParsedFile


@dataclass
class Collected:
    """What the files define, as far as read, and every problem found on the way."""

    regions: dict[str, Region] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    register: Register | None = None
    maps: dict[str, TileMap] = field(default_factory=dict)
    figure_by_key: dict[str, Figure] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _collect_named(
    collected: Collected, parsed: ParsedFile, section: str, items: dict[str, Any]
) -> None:
    target = getattr(collected, section)
    for name, item in items.items():
        position = parsed.position((section, name), at_key=True)
        if problem := _area_slug_taken(collected, section, name, position):
            collected.problems.append(problem)
            continue
        if name in target:
            first = collected.positions[f"{section}:{name}"]
            collected.problems.append(
                Problem(
                    position,
                    f"{section}.{name}",
                    f"{name!r} is defined twice (first at {first})",
                    "duplicate-id",
                )
            )
            continue
        target[name] = item
        collected.positions[f"{section}:{name}"] = position


def _area_slug_taken(
    collected: Collected, section: str, name: str, position: Position
) -> Problem | None:
    """Regions and offices share one set of slugs: a figure's `area` names either, and both
    write unduh/wilayah/<slug>.csv."""
    other = {"regions": "offices", "offices": "regions"}.get(section)
    if other is None or name not in getattr(collected, other):
        return None
    first = collected.positions[f"{other}:{name}"]
    message = f"{name!r} is already the slug of {other.removesuffix('s')} at {first}"
    return Problem(position, f"{section}.{name}", message, "duplicate-id")


def collect_file(collected: Collected, parsed: ParsedFile, content: DataFile, names: Names) -> None:
    for section in ("regions", "offices", "sources", "events"):
        if items := getattr(content, section):
            _collect_named(collected, parsed, section, items)
    if content.region_register is not None:
        if collected.register is not None:
            message = "the register is given twice; give it once, in regions.yaml"
            position = parsed.position(("register",), at_key=True)
            collected.problems.append(Problem(position, "register", message, "duplicate-id"))
        collected.register = content.region_register
    if (tile_map := content.tile_map) is not None:
        position = parsed.position(("map",), at_key=True)
        if tile_map.of in collected.maps:
            first = collected.positions[f"map:{tile_map.of}"]
            message = f"a second map of {tile_map.of!r} (first at {first})"
            collected.problems.append(Problem(position, "map.of", message, "duplicate-id"))
        collected.maps[tile_map.of] = tile_map
        collected.positions[f"map:{tile_map.of}"] = position
    _collect_figures(collected, parsed, content, names)


def _collect_figures(
    collected: Collected, parsed: ParsedFile, content: DataFile, names: Names
) -> None:
    """Single figures, then every point of every series, in the order the file gives them."""
    path = Path(parsed.name)
    in_figures_dir = path.parent.name == FIGURES_DIR
    for index, figure in enumerate(content.figures or ()):
        _add_figure(collected, figure, parsed.position(("figures", index)), f"figures[{index}]")
        if in_figures_dir:
            collected.problems.extend(
                _file_name_problems(parsed, ("figures", index), figure, names)
            )
    for index, series in enumerate(content.series or ()):
        _collect_points(collected, parsed, index, series)
        if in_figures_dir:
            collected.problems.extend(_file_name_problems(parsed, ("series", index), series, names))


def _collect_points(collected: Collected, parsed: ParsedFile, index: int, series: Series) -> None:
    """Each point's figure, placed at its row (or at its series, where the table is not a `|`
    block): `_add_figure` for 300,000 points, a Position made only for those that need one."""
    start = parsed.block_start(("series", index, "points"))
    first_line, column = start or (0, 0)
    fallback = None if start else parsed.position(("series", index))
    by_key, positions = collected.figure_by_key, collected.positions
    for figure, point in zip(series_figures(series), series.points, strict=True):
        first = by_key.get(figure.key)
        if first is not None and first.value == figure.value:
            position = fallback or Position(parsed.name, first_line + point[3], column)
            label = f"series[{index}].points"
            collected.problems.append(_duplicate_figure(collected, first, figure, position, label))
            continue
        collected.figures.append(figure)
        if first is None:
            by_key[figure.key] = figure
            positions["figure:" + figure.key] = fallback or Position(
                parsed.name, first_line + point[3], column
            )


def _add_figure(collected: Collected, figure: Figure, position: Position, label: str) -> None:
    if (first := collected.figure_by_key.get(figure.key)) and first.value == figure.value:
        collected.problems.append(_duplicate_figure(collected, first, figure, position, label))
        return
    collected.figures.append(figure)
    collected.figure_by_key.setdefault(figure.key, figure)
    collected.positions.setdefault(f"figure:{figure.key}", position)


def _duplicate_figure(
    collected: Collected, first: Figure, figure: Figure, position: Position, label: str
) -> Problem:
    """A figure given twice (a copy, or `- *alias` of one) would be listed, charted and
    downloaded twice under one anchor. Different values are left to the consistency checks."""
    at = collected.positions[f"figure:{first.key}"]
    message = (
        f"an exact copy of the figure at {at}; delete one"
        if figure == first
        else f"the same figure (area, indicator, segment, period, source, value) as at {at}; "
        "keep one"
    )
    return Problem(position, label, message, "duplicate-figure")


def _file_name_problems(
    parsed: ParsedFile, path: FieldPath, figure: Figure | Series, names: Names
) -> Iterator[Problem]:
    """Figures live in figures/<area>.yaml, so an editor knows where to add one.

    An area that names nothing is reported as unknown instead: its file name would mislead.
    """
    expected = "+".join(figure.area) + ".yaml"
    if not parsed.name.endswith("/" + expected) and set(figure.area) <= names.areas:
        kind = "a series" if isinstance(figure, Series) else "a figure"
        yield Problem(
            parsed.position((*path, "area")),
            field_label((*path, "area")),
            f"{kind} for {'+'.join(figure.area)!r} belongs in figures/{expected}",
            "wrong-file",
        )


def names_defined(contents: list[tuple[ParsedFile, DataFile]]) -> Names:
    def ids(section: str) -> frozenset[str]:
        return frozenset(k for _, c in contents for k in (getattr(c, section) or {}))

    return Names(ids("regions"), ids("offices"), ids("sources"))


def reference_problems(
    contents: list[tuple[ParsedFile, DataFile]], names: Names, incomplete: set[str]
) -> Iterator[Problem]:
    """Every reference to a name nothing defines; unless the name may be in a file that could
    not be read (`incomplete` sections): then the file's own problem is the one to fix first,
    and one bad slug in regions.yaml does not bury it under one error per figure."""
    for parsed, content in contents:
        for bad in file_references(content, names):
            if not incomplete & _SECTIONS_NAMED[bad.code]:
                position = parsed.position(bad.path)
                yield Problem(position, field_label(bad.path), bad.message, bad.code)


_SECTIONS_NAMED = {
    "unknown-region": {"regions"},
    "unknown-area": {"regions", "offices"},
    "unknown-source": {"sources"},
}
