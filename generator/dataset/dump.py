"""Write a `Dataset` back as YAML files that `load_dataset` reads into an equal `Dataset`.

The layout is the one the loader expects of hand-written data: regions.yaml, offices.yaml,
sources.yaml, events.yaml, and one figures/<area>.yaml per area (slugs of a joint area joined
by "+"; a series' points written back as their series), and snapshots/<source id>.txt. Empty
and default fields are left out, so the files read like hand-written ones.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.dataset.rows import plain_rendering
from generator.dataset.schema import Figure
from generator.dataset.snapshots import snapshot_name
from generator.dataset.types import Dataset

SECTIONS = ("regions", "offices", "sources", "events")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # ruamel.yaml writes YAML 1.2, the version the loader reads
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.default_flow_style = False
    return yaml


def _plain(model: BaseModel) -> dict[str, Any]:
    """Field values by YAML name; dates as ISO text, tuples as lists, no empty fields."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def _figure(figure: Figure) -> dict[str, Any]:
    data = _plain(figure)
    if len(figure.area) == 1:
        data["area"] = figure.area[0]  # `area: kota-blitar`, as people write it
    return data


# The fields a series gives all its points (generator.dataset.series), as the file names them.
_SERIES_HEADER = (
    "area", "indicator", "segment", "unit", "is_approximate", "statistic", "source",
    "location", "note", "readings",
)  # fmt: skip


def _series(points: list[Figure]) -> dict[str, Any]:
    """A series written back: the header its points share, then one row per point."""
    header = {k: v for k, v in _figure(points[0]).items() if k in _SERIES_HEADER}
    return {**header, "points": LiteralScalarString("".join(map(_row, points)))}


def _row(point: Figure) -> str:
    written = repr(point.value)
    published = "" if plain_rendering(written) == point.as_published else f"  {point.as_published}"
    return f"{point.period}  {written}{published}\n"


def _by_area(dataset: Dataset) -> dict[str, dict[str, list[Any]]]:
    """Each area's single figures, and its series' points grouped back into their series."""
    files: dict[str, dict[str, list[Any]]] = {}
    series: dict[tuple[str, str], list[Figure]] = {}
    for figure in dataset.figures:
        area = "+".join(figure.area)
        sections = files.setdefault(area, {"figures": [], "series": []})
        if figure.quote is not None:
            sections["figures"].append(_figure(figure))
        else:
            header = {k: v for k, v in _figure(figure).items() if k in _SERIES_HEADER}
            series.setdefault((area, repr(header)), []).append(figure)
    for (area, _), points in series.items():
        files[area]["series"].append(_series(points))
    return files


def _text(data: dict[str, Any]) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def dataset_texts(dataset: Dataset) -> dict[str, str]:
    """Each file of the dataset by its path relative to the data directory, with its text."""
    texts = {}
    for section in SECTIONS:
        items = getattr(dataset, section)
        if items:
            data = {section: {k: _plain(v) for k, v in items.items()}}
            if section == "regions" and dataset.register is not None:
                data = {"register": _plain(dataset.register), **data}
            texts[f"{section}.yaml"] = _text(data)
    for area, sections in _by_area(dataset).items():
        texts[f"figures/{area}.yaml"] = _text({k: v for k, v in sections.items() if v})
    for of, tile_map in dataset.maps.items():
        texts[f"maps/{of}.yaml"] = _text({"map": _plain(tile_map)})
    for source_id, snapshot in dataset.snapshots.items():
        texts[snapshot_name(source_id)] = snapshot
    return texts


def dump_dataset(dataset: Dataset, data_dir: Path) -> Path:
    """Write the dataset's files under data_dir (created if missing); return data_dir."""
    for name, text in dataset_texts(dataset).items():
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # a snapshot keeps its bytes: no newline changes
    return data_dir
