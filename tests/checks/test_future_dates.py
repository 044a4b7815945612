"""Nothing but a target or a plan is dated after the build: the date is passed in, never read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from generator.checks import run_checks
from generator.checks.future import latest_date
from generator.dataset.load import load_dataset
from generator.dataset.problems import Problem

KOTA = "figures/kota-blitar.yaml"
KABUPATEN = "figures/kabupaten-blitar.yaml"
BUILT = date(2026, 11, 30)


def _edit(data_dir: Path, name: str, old: str, new: str) -> None:
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _future(data_dir: Path, today: date = BUILT) -> list[Problem]:
    return [p for p in run_checks(load_dataset(data_dir), today) if p.code == "future-date"]


def test_the_mini_dataset_has_nothing_after_its_build_date(mini_data: Path) -> None:
    assert _future(mini_data) == []


def test_a_figure_and_its_source_dated_2030_are_errors(mini_data: Path) -> None:
    _edit(mini_data, KOTA, "period: 2023-06-09", "period: 2030-06-09")
    _edit(mini_data, "sources.yaml", "reported: 2023-06-09", "reported: 2030-06-09")

    problems = _future(mini_data)

    assert [(p.field, p.position.file, p.position.line) for p in problems] == [
        ("kota-blitar--coverage--2030-06-09--uji-kota-2023-06-09", KOTA, 5),
        ("sources.uji-kota-2023-06-09.reported", "sources.yaml", 5),
    ]
    assert all(p.is_error for p in problems)
    assert "2030-06-09" in problems[1].message


def test_a_source_accessed_in_2099_is_an_error(mini_data: Path) -> None:
    path = mini_data / "sources.yaml"  # the first source's date of reading
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("accessed: 2026-11-22", "accessed: 2099-01-01", 1), "utf-8")

    (problem,) = _future(mini_data)

    assert problem.field == "sources.uji-kota-2023-06-09.accessed"


def test_a_target_for_a_later_year_is_allowed(mini_data: Path) -> None:
    _edit(mini_data, KABUPATEN, "period: 2025\n", "period: 2030\n")

    assert _future(mini_data) == []


def test_the_build_date_decides_and_the_day_it_is_counts(mini_data: Path) -> None:
    _edit(mini_data, KOTA, "period: 2023-06-09", "period: 2026-12-01")

    assert _future(mini_data, today=date(2026, 11, 30)) != []
    assert _future(mini_data, today=date(2026, 12, 1)) == []


def test_by_default_the_build_date_is_the_latest_date_it_is_anywhere() -> None:
    # 12:00 UTC on the 1st is already 02:00 on the 2nd at UTC+14: a date written there is fine.
    assert latest_date(datetime(2026, 1, 1, 12, tzinfo=UTC)) == date(2026, 1, 2)
    assert latest_date(datetime(2026, 1, 1, 9, tzinfo=UTC)) == date(2026, 1, 1)
