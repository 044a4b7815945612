"""Long series as tables: each point is a figure with its series' fields and location."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.dataset import fastyaml
from generator.dataset.dump import dump_dataset
from generator.dataset.load import load_dataset
from generator.dataset.problems import DataError
from generator.dataset.rows import parse_points, plain_rendering
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset
from generator.dataset.yaml import read_precise
from generator.tables import figures_frame

SOURCE = "uji-kabupaten-2025-04-14"
SERIES = f"""series:
  - area: kota-blitar
    indicator: active_participants
    segment: pu
    unit: orang
    source: {SOURCE}
    location: Tabel 3.2, hlm. 14
    note: Angka akhir bulan.
    points: |
      2024-01  17500
      2024-02  17600   17,6 ribu

      2024-03  226342
  - area: kota-blitar
    indicator: coverage
    unit: persen
    source: {SOURCE}
    location: Lampiran 1
    points: |
      2024   41.50
"""
FILE = "figures/kota-blitar.yaml"


def _with_series(data_dir: Path) -> int:
    """Append the series to kota-blitar's file; return the line of its first row."""
    path = data_dir / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text + SERIES, encoding="utf-8")
    return text.count("\n") + SERIES.splitlines().index("      2024-01  17500") + 1


def _points(dataset: Dataset) -> list[Figure]:
    return [f for f in dataset.figures if f.source == SOURCE and f.area == ("kota-blitar",)]


def test_each_point_is_a_figure_with_the_series_fields_and_no_quote(mini_data: Path) -> None:
    _with_series(mini_data)

    points = _points(load_dataset(mini_data))

    assert [(f.period, f.value, f.as_published) for f in points] == [
        ("2024-01", 17500, "17.500"),
        ("2024-02", 17600, "17,6 ribu"),
        ("2024-03", 226342, "226.342"),
        ("2024", 41.5, "41,50"),
    ]
    first = points[0].model_dump()
    assert first == {
        **first,
        "indicator": "active_participants",
        "segment": "pu",
        "unit": "orang",
        "quote": None,
        "location": "Tabel 3.2, hlm. 14",
        "note": "Angka akhir bulan.",
        "revisions": [],
    }
    assert points[0].key == "kota-blitar--active_participants--pu--2024-01--" + SOURCE
    assert all(f.key == Figure.key.func(f) for f in points)  # made as a figure makes it
    assert points[3].location == "Lampiran 1" and points[3].note is None


def test_a_point_is_placed_at_its_row(mini_data: Path) -> None:
    first_row = _with_series(mini_data)

    dataset = load_dataset(mini_data)

    lines = [dataset.position_of(f"figure:{f.key}").line for f in _points(dataset)]
    assert lines == [first_row, first_row + 1, first_row + 3, first_row + 10]
    assert dataset.position_of(f"figure:{_points(dataset)[0].key}").column == 7


def test_series_come_from_the_cache_as_they_were_read(mini_data: Path) -> None:
    _with_series(mini_data)
    cache: dict[str, bytes] = {}
    first = load_dataset(mini_data, cache)

    again = load_dataset(mini_data, cache)

    assert again == first
    assert again.positions == first.positions


def test_the_frame_has_each_figures_location(mini_data: Path) -> None:
    _with_series(mini_data)

    frame = figures_frame(load_dataset(mini_data)).set_index("key")

    assert frame.loc[f"kota-blitar--coverage--2024--{SOURCE}", "location"] == "Lampiran 1"
    assert frame["location"].isna().sum() == len(frame) - 4  # single figures have none


def test_checks_of_quotes_pass_over_series_points(mini_data: Path) -> None:
    """A point has no quote to find in its source's snapshot or to hold its value."""
    _with_series(mini_data)
    text = "Laporan uji.\n"
    (mini_data / "snapshots").mkdir()
    (mini_data / "snapshots" / f"{SOURCE}.txt").write_text(text, encoding="utf-8")
    sources = mini_data / "sources.yaml"
    digest = hashlib.sha256(text.encode()).hexdigest()
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            f"  {SOURCE}:\n",
            f"  {SOURCE}:\n    snapshot: {{sha256: {digest}, taken: 2026-11-22}}\n",
        ),
        encoding="utf-8",
    )

    problems = run_checks(load_dataset(mini_data))

    quoted = {"quote-not-in-source", "published-not-in-quote"}
    assert [p for p in problems if p.code in quoted and "2024" in " ".join(p.figures)] == []


def test_the_fast_reader_places_a_points_table_as_ruamel_does(mini_data: Path) -> None:
    _with_series(mini_data)
    text = (mini_data / FILE).read_text(encoding="utf-8")

    fast = fastyaml.read_fast(text)
    precise = read_precise(FILE, text)

    assert fast is not None and not isinstance(precise, list)
    table = ("series", 0, "points")
    assert fast[2][table] == precise.values[table]
    assert fast[0] == precise.data


@pytest.mark.parametrize(
    ("written", "rendered"),
    [("226342", "226.342"), ("17.5", "17,5"), ("17.50", "17,50"), ("-3.2", "-3,2"), ("7", "7")],
)
def test_a_value_without_its_text_is_published_in_its_plain_indonesian_form(
    written: str, rendered: str
) -> None:
    assert plain_rendering(written) == rendered


def test_rows_keep_their_line_in_the_table_and_skip_blank_lines() -> None:
    points, problems = parse_points("2024-01 1\n\n2024-02  2  dua ribu rupiah\n", "orang", None)

    assert points == (("2024-01", 1, "1", 0), ("2024-02", 2, "dua ribu rupiah", 2))
    assert problems == []


def test_a_dataset_with_series_is_written_back_as_it_was_read(
    mini_data: Path, tmp_path: Path
) -> None:
    _with_series(mini_data)
    dataset = load_dataset(mini_data)

    again = load_dataset(dump_dataset(dataset, tmp_path / "again"))

    assert again == dataset
    assert "points: |" in (tmp_path / "again" / FILE).read_text(encoding="utf-8")


def test_a_table_not_written_as_a_literal_block_is_reported_at_the_table(mini_data: Path) -> None:
    """Only a `|` block keeps each row on a line of its own: elsewhere the table is the place."""
    path = mini_data / FILE
    text = path.read_text(encoding="utf-8")
    quoted = SERIES.split("  - area: kota-blitar\n    indicator: coverage")[0].replace(
        "points: |\n      2024-01  17500\n      2024-02  17600   17,6 ribu\n\n      2024-03  226342",
        'points: "2024-01  x"',
    )
    path.write_text(text + quoted, encoding="utf-8")

    with pytest.raises(DataError) as raised:
        load_dataset(mini_data)

    (problem,) = raised.value.problems
    line = text.count("\n") + quoted.splitlines().index('    points: "2024-01  x"') + 1
    assert (problem.code, problem.position.line, problem.position.column) == (
        "type-error",
        line,
        13,
    )
