"""The fast reader (libyaml with YAML 1.2 rules) agrees with ruamel.yaml, and the file cache.

ruamel.yaml's round-trip reader is the reference: whatever the fast reader accepts must give
the same data and the same positions; whatever it cannot read exactly, it must decline.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.dataset import fastyaml, load
from generator.dataset.load import load_dataset
from generator.dataset.yaml import read_precise

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted([*ROOT.glob("data/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")])


def _both(text: str) -> tuple[object, object]:
    return fastyaml.read_fast(text), read_precise("x.yaml", text)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_reader_agrees_with_ruamel_on_every_shipped_file(path: Path) -> None:
    fast, precise = _both(path.read_bytes().decode("utf-8", "replace"))
    if fast is None:
        return  # declined: the reference reader reads it (and reports its problems)
    assert not isinstance(precise, list), "the fast reader accepted a file ruamel rejects"
    data, keys, values = fast
    assert data == precise.data
    assert keys == {k: v for k, v in precise.keys.items() if k in keys}
    assert values == {k: v for k, v in precise.values.items() if k in values}
    assert {k for k in precise.keys if len(k) <= fastyaml.POSITION_DEPTH} == set(keys)


def test_every_shipped_data_file_takes_the_fast_path() -> None:
    declined = [
        p.name for p in ROOT.glob("data/**/*.yaml") if fastyaml.read_fast(p.read_text()) is None
    ]
    assert declined == []


@pytest.mark.parametrize(
    "scalar, expected",
    [
        ("NO", "NO"),  # YAML 1.1 would say false
        ("yes", "yes"),
        ("010", 10),  # YAML 1.1 would say 8
        ("0o10", 8),
        ("0x1F", 31),
        ("1:20", "1:20"),  # YAML 1.1 would say 80
        ("1_000", 1000),
        ("2023-09-06", "2023-09-06"),  # dates stay text; the schema parses them
        ("69.4", 69.4),
        ("1e3", 1000.0),
        ("~", None),
        ("True", True),
        ("'226.342'", "226.342"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(scalar: str, expected: object) -> None:
    fast = fastyaml.read_fast(f"value: {scalar}\n")
    assert fast is not None
    assert fast[0] == {"value": expected}
    assert read_precise("x.yaml", f"value: {scalar}\n").data == {"value": expected}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: the reference reports where
        "base: &b {x: 1}\nother:\n  <<: *b\n",  # merge key
        "a: !custom 1\n",  # explicit tag
        "%YAML 1.1\n---\na: 1\n",  # directive
        "a: [1\n",  # syntax error
        "a: b\u0007\n",  # control character
        "",
    ],
)
def test_fast_reader_declines_what_only_the_reference_reads_right(text: str) -> None:
    assert fastyaml.read_fast(text) is None


SCALARS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        SCALARS,
        st.one_of(SCALARS, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
        max_size=5,
    )
)
def test_fast_reader_agrees_on_generated_documents(document: dict[str, object]) -> None:
    stream = io.StringIO()
    YAML(typ="rt").dump(document or {"a": 1}, stream)
    fast, precise = _both(stream.getvalue())
    if fast is not None and not isinstance(precise, list):
        assert fast[0] == precise.data


def test_cache_skips_parsing_a_file_it_knows(
    monkeypatch: pytest.MonkeyPatch, mini_data: Path
) -> None:
    cache: dict[str, bytes] = {}
    first = load_dataset(mini_data, cache)
    assert cache

    def fail(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(load, "parse_file", fail)
    assert load_dataset(mini_data, cache) == first


def test_only_an_edited_file_is_read_again(
    monkeypatch: pytest.MonkeyPatch, mini_data: Path
) -> None:
    cache: dict[str, bytes] = {}
    load_dataset(mini_data, cache)
    path = mini_data / "figures" / "kota-blitar.yaml"
    path.write_text(path.read_text() + "# edited\n")
    parsed: list[str] = []
    real_parse = load.parse_file

    def counting(raw: bytes, name: str) -> object:
        parsed.append(name)
        return real_parse(raw, name)

    monkeypatch.setattr(load, "parse_file", counting)
    load_dataset(mini_data, cache)
    assert parsed == ["figures/kota-blitar.yaml"]


def test_an_unreadable_cache_entry_is_a_miss(mini_data: Path) -> None:
    cache: dict[str, bytes] = {}
    first = load_dataset(mini_data, cache)
    for key in cache:
        cache[key] = b"not a pickle"
    assert load_dataset(mini_data, cache) == first
    assert all(entry != b"not a pickle" for entry in cache.values())  # made and kept again


def test_problems_keep_exact_positions_on_the_fast_path(mini_data: Path) -> None:
    """A bad reference deep in a file read fast still points at its line and column."""
    path = mini_data / "figures" / "kota-blitar.yaml"
    text = path.read_text()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "source:" in row)
    assert fastyaml.read_fast(text) is not None
    path.write_text(text.replace("source: ", "source: nowhere-", 1))
    with pytest.raises(load.DataError) as error:
        load_dataset(mini_data)
    (problem,) = [p for p in error.value.problems if p.code == "unknown-source"]
    assert (problem.position.file, problem.position.line) == ("figures/kota-blitar.yaml", line)
