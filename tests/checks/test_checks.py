"""Consistency checks: a typo in a copy of the mini dataset is an error at the right figure;
the shipped dataset has no errors, and notes where its sources really differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

KOTA = "figures/kota-blitar.yaml"
KABUPATEN = "figures/kabupaten-blitar.yaml"
OFFICE = "figures/kantor-cabang-blitar.yaml"


def _edit(data_dir: Path, name: str, old: str, new: str) -> None:
    """Replace text that occurs exactly once in a data file of the copy."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _located(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.code, p.position.file, p.position.line) for p in problems]


def _errors(data_dir: Path) -> list[tuple[str, str, int]]:
    return _located([p for p in run_checks(load_dataset(data_dir)) if p.is_error])


def test_mini_dataset_has_no_errors_and_notes_its_two_coverages(mini_data: Path) -> None:
    findings = run_checks(load_dataset(mini_data))

    assert _located([p for p in findings if p.is_note]) == [("sources-differ", KOTA, 5)]
    assert {p.code for p in findings if not p.is_note} == {"unverified-source"}
    assert not [p for p in findings if p.is_error]


def test_segments_that_do_not_sum_to_their_total_are_an_error_at_the_total(
    mini_data: Path,
) -> None:
    _edit(mini_data, OFFICE, "value: 40399", "value: 40999")
    _edit(mini_data, OFFICE, "as_published: 40.399 pekerja", "as_published: 40.999 pekerja")
    _edit(mini_data, OFFICE, "bukan penerima upah 40.399", "bukan penerima upah 40.999")

    assert _errors(mini_data) == [("total-mismatch", OFFICE, 5)]


def test_growth_that_does_not_follow_from_start_and_end_is_an_error(mini_data: Path) -> None:
    _edit(mini_data, OFFICE, "value: 115", "value: 125")
    _edit(mini_data, OFFICE, "as_published: 115 persen", "as_published: 125 persen")
    _edit(mini_data, OFFICE, "Ada kenaikan 115 persen", "Ada kenaikan 125 persen")

    assert _errors(mini_data) == [("growth-mismatch", OFFICE, 62)]


def test_gap_that_is_not_target_minus_coverage_is_an_error(mini_data: Path) -> None:
    _edit(mini_data, KABUPATEN, "value: 14.34", "value: 15.34")
    _edit(mini_data, KABUPATEN, "as_published: 14,34%", "as_published: 15,34%")
    _edit(mini_data, KABUPATEN, "gap 14,34%", "gap 15,34%")

    assert _errors(mini_data) == [("gap-mismatch", KABUPATEN, 12)]


def test_value_that_differs_from_its_published_text_is_an_error(mini_data: Path) -> None:
    _edit(mini_data, KOTA, "value: 53", "value: 35")

    (problem,) = [p for p in run_checks(load_dataset(mini_data)) if p.is_error]
    assert _located([problem]) == [("published-mismatch", KOTA, 5)]
    assert problem.message == (
        "nilai 35 tidak sama dengan angka yang tertulis di sumber '53 persen'"
    )


def test_one_source_with_two_values_for_one_period_is_an_error(mini_data: Path) -> None:
    path = mini_data / KOTA
    second = """\
  - area: kota-blitar
    indicator: coverage
    value: 70
    unit: persen
    as_published: 70 persen
    period: 2023-09-06
    source: uji-cabang-2023-09-06
    quote: Cakupan di Kota Blitar 70 persen.
"""
    path.write_text(path.read_text(encoding="utf-8") + second, encoding="utf-8")

    findings = run_checks(load_dataset(mini_data))
    conflicts = [p for p in findings if p.code == "conflicting-values"]

    assert _located(conflicts) == [("conflicting-values", KOTA, 13)]
    assert [p.severity for p in conflicts] == ["error"]
    assert len(conflicts[0].figures) == 2


@pytest.fixture(scope="module")
def shipped_findings() -> list[Problem]:
    return run_checks(load_dataset(DATA))


def test_shipped_dataset_has_no_errors(shipped_findings: list[Problem]) -> None:
    assert [p for p in shipped_findings if p.is_error] == []


@pytest.mark.parametrize(
    "located",
    [
        ("sources-differ", KOTA, 4),
        ("sources-differ", KABUPATEN, 4),
        ("sources-differ", OFFICE, 74),
        ("unweighted-average", OFFICE, 5),
        ("implied-denominator", KABUPATEN, 36),
    ],
)
def test_shipped_dataset_notes_where_figures_need_explaining(
    shipped_findings: list[Problem], located: tuple[str, str, int]
) -> None:
    notes = [p for p in shipped_findings if not p.is_error]

    assert located in _located(notes)


def test_kota_blitar_coverage_of_53_and_69_4_percent_is_a_disagreement_not_an_error(
    shipped_findings: list[Problem],
) -> None:
    (note,) = [
        p for p in shipped_findings if p.code == "sources-differ" and "kota-blitar" in p.areas
    ]

    assert note.severity == "note"
    assert note.areas == ("kota-blitar",)
    assert "53 persen" in note.message
    assert "69,4 persen" in note.message
    # Neutral: what each source says and implies, no guessed cause.
    assert "Sumber tidak menjelaskan penyebab perbedaannya" in note.message
    assert "kemungkinan" not in note.message
