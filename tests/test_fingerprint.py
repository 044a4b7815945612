"""A frame's fingerprint (generator.cache.fingerprint): equal frames, equal hashes; any change
of a text, however it is split or typed, a new one."""

from __future__ import annotations

import pandas as pd
import pytest

from generator.cache import fingerprint


def _frame(values: list[object]) -> pd.DataFrame:
    return pd.DataFrame({"text": pd.Series(values, dtype=object)})


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (["a\x1fb", "c"], ["a", "b\x1fc"]),  # the separator inside a text
        (["a", "b"], ["a\x1fb"]),
        ([""], []),
        (["1"], [1]),  # a text and a number
        (["a", None], ["a", "None"]),
        ([("a", "b")], ["('a', 'b')"]),
    ],
)
def test_frames_that_differ_hash_differently(one: list[object], other: list[object]) -> None:
    assert fingerprint(_frame(one)) != fingerprint(_frame(other))


def test_equal_frames_hash_alike() -> None:
    values = ["kota-blitar", "Kota Blitar", "a\x1fb", ""]
    assert fingerprint(_frame(values)) == fingerprint(_frame(list(values)))
    assert fingerprint(pd.DataFrame({"text": values})) == fingerprint(
        pd.DataFrame({"text": values})
    )
