"""Both YAML readers hold to generator.dataset.limits: nothing is expanded or recursed into first."""

from __future__ import annotations

import tracemalloc

import pytest

from generator.dataset import fastyaml
from generator.dataset.load import load_dataset
from generator.dataset.problems import DataError
from generator.dataset.yaml import parse_file
from tests.conftest import BadData


def _bomb(levels: int, width: int) -> str:
    """`levels` lists, each of `width` aliases of the one before: width**levels values."""
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_expanded(bad_case: BadData) -> None:
    data_dir = bad_case("alias-bomb")
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as raised:
            load_dataset(data_dir)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert [(p.code, p.position.line) for p in raised.value.problems] == [("alias-limit", 6)]
    assert peak < 20_000_000  # expanding it would take gigabytes


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (30, 2), (3, 200)])
def test_every_shape_of_alias_bomb_is_located(levels: int, width: int) -> None:
    problems = parse_file(_bomb(levels, width).encode(), "events.yaml")

    assert isinstance(problems, list)
    assert [p.code for p in problems] == ["alias-limit"]
    assert problems[0].position.line <= levels


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    problems = parse_file(b"events: &a [*a]\n", "events.yaml")

    assert isinstance(problems, list)
    assert [(p.code, str(p.position)) for p in problems] == [("alias-limit", "events.yaml:1:13")]


def test_aliases_of_single_values_are_read_by_the_fast_reader() -> None:
    text = "quote: &q Cakupan 53 persen.\nagain: [*q, *q]\n"

    assert fastyaml.read_fast(text) is not None
    parsed = parse_file(text.encode(), "x.yaml")
    assert not isinstance(parsed, list)
    assert parsed.data == {"quote": "Cakupan 53 persen.", "again": ["Cakupan 53 persen."] * 2}


@pytest.mark.parametrize(
    "text",
    [_bomb(9, 9), "a: &m {b: 1}\nc: *m\n", "a: " + "[" * 500 + "]" * 500 + "\n"],
    ids=["alias-bomb", "alias-of-mapping", "deep-nesting"],
)
def test_the_fast_reader_leaves_aliased_collections_and_deep_nesting_to_ruamel(text: str) -> None:
    assert fastyaml.read_fast(text) is None


@pytest.mark.parametrize("depth", [33, 500, 5_000, 100_000])
def test_deep_nesting_is_located_at_any_depth(depth: int) -> None:
    problems = parse_file(("events: " + "[" * depth + "]" * depth).encode(), "events.yaml")

    assert isinstance(problems, list)
    assert [(p.code, str(p.position)) for p in problems] == [("nesting-limit", "events.yaml:1:40")]


def test_nesting_the_schema_needs_is_read() -> None:
    text = "a: " + "[" * 31 + "]" * 31 + "\n"  # 32 levels with the top mapping

    assert fastyaml.read_fast(text) is not None
    assert not isinstance(parse_file(text.encode(), "x.yaml"), list)


def test_the_fast_reader_reuses_a_deep_alias_of_a_list_and_counts_it() -> None:
    text = "figures:\n  - readings: &r [a, b]\n  - readings: *r\n"

    fast = fastyaml.read_fast(text)

    assert fast is not None
    assert fast[0] == {"figures": [{"readings": ["a", "b"]}, {"readings": ["a", "b"]}]}


def test_a_bomb_deep_in_a_figure_is_declined_by_the_fast_reader_and_located() -> None:
    levels = [
        f"      a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 9)
    ]
    text = (
        "figures:\n  - bomb:\n      a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        + "\n".join(levels)
        + "\n"
    )

    assert fastyaml.read_fast(text) is None
    problems = parse_file(text.encode(), "figures/x.yaml")
    assert isinstance(problems, list)
    assert [p.code for p in problems] == ["alias-limit"]
