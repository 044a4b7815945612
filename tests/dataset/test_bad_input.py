"""Bad data directories: each is reported, located and coded, never with a traceback.

Every case is a directory tests/fixtures/bad/<case>/ next to <case>.expected, which holds the
exact lines `check` prints for it. A case directory holds only the files it breaks; the valid
regions, sources and figures every case needs are in tests/fixtures/bad/_base/ (see `bad_data`). After changing a message, run `pytest --update-expected`
and review the diff of the .expected files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.dataset.load import load_dataset
from generator.dataset.problems import DataError, Problem, format_problem
from tests.conftest import BAD, BAD_BASE, BadData, make_project_root

ROOT = Path(__file__).resolve().parents[2]

FIGURES = "figures/kota-blitar.yaml"

# (code, file, line) of every problem of each case, sorted as the loader sorts them.
CASES: dict[str, list[tuple[str, str, int]]] = {
    "alias-bomb": [("alias-limit", "events.yaml", 6)],
    # The cause alone: the figures' references to the region it fails to define follow from it.
    "bad-region-slug": [("invalid-format", "regions.yaml", 2)],
    "deep-nesting": [("nesting-limit", "events.yaml", 1)],
    "duplicate-key-later": [("duplicate-key", "sources.yaml", 11)],
    # A figure under its alias, and a copy written out again with another quote.
    "duplicate-figure": [("duplicate-figure", FIGURES, 11), ("duplicate-figure", FIGURES, 12)],
    "merge-key": [("merge-key", FIGURES, 11)],
    "tag-on-list": [("unknown-tag", FIGURES, 1)],
    "tag-on-value": [("unknown-tag", FIGURES, 5)],
    # README.md passes; figures/kabupaten-blitar.yml and figures/old/ would be ignored.
    "unread-files": [
        ("unread-file", "figures/kabupaten-blitar.yml", 1),
        ("unread-file", "figures/old/kota-blitar.yaml", 1),
    ],
    "control-character": [("invalid-character", FIGURES, 9)],
    "count-beyond-population": [("out-of-range", FIGURES, 4)],
    "duplicate-key": [("duplicate-key", "sources.yaml", 6)],
    "empty-file": [("empty-file", "events.yaml", 1)],
    "impossible-date": [("invalid-date", FIGURES, 7)],
    "invalid-utf8": [("invalid-utf8", FIGURES, 9)],
    "missing-period": [("missing-field", FIGURES, 2)],
    "missing-source": [("missing-field", FIGURES, 2)],
    "percent-above-100": [("out-of-range", FIGURES, 4)],
    "tab-indentation": [("tab-indentation", FIGURES, 4)],
    "thousands-separator": [("not-integer", FIGURES, 4)],
    "two-files": [("out-of-range", FIGURES, 4), ("unknown-region", "regions.yaml", 10)],
    "unit-mismatch": [("unit-mismatch", FIGURES, 5)],
    "unknown-field": [("missing-field", FIGURES, 2), ("unknown-field", FIGURES, 7)],
    "unknown-region": [("unknown-area", FIGURES, 2)],
    "unknown-source": [("unknown-source", FIGURES, 8)],
    "wrong-type": [("type-error", FIGURES, 8), ("type-error", FIGURES, 13)],
    # Only a series' points go without a quote: a single figure without one is refused.
    "missing-quote": [("missing-field", FIGURES, 2), ("type-error", FIGURES, 17)],
    # Each bad row of a series at its own line; the good rows around them pass.
    "series-bad-rows": [
        ("invalid-date", FIGURES, 10),
        ("type-error", FIGURES, 11),
        ("not-integer", FIGURES, 13),
        ("duplicate-period", FIGURES, 14),
        ("missing-field", FIGURES, 15),
        ("out-of-range", FIGURES, 16),
    ],
    # A point of a series that repeats a single figure of the file: reported at the row.
    "series-duplicates-figure": [("duplicate-figure", FIGURES, 18)],
    # Rows as a YAML list instead of a table, and no location in place of quotes.
    "series-not-a-table": [("missing-field", FIGURES, 2), ("type-error", FIGURES, 7)],
}


def _problems(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_dataset(data_dir)
    return raised.value.problems


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_prints_the_expected_lines(
    case: str, bad_case: BadData, update_expected: bool
) -> None:
    lines = [format_problem(p) for p in _problems(bad_case(case))]
    expected_file = BAD / f"{case}.expected"
    if update_expected:
        expected_file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")

    assert lines == expected_file.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("case", "expected"), sorted(CASES.items()))
def test_bad_input_is_located_and_coded(
    case: str, expected: list[tuple[str, str, int]], bad_case: BadData
) -> None:
    problems = _problems(bad_case(case))

    assert [(p.code, p.position.file, p.position.line) for p in problems] == expected
    assert all(p.is_error for p in problems)


def test_a_problem_names_its_field_and_suggests_a_close_name(bad_case: BadData) -> None:
    (problem,) = _problems(bad_case("unknown-region"))

    assert str(problem.position) == "figures/kota-blitar.yaml:2:11"
    assert problem.field == "figures[0].area"
    assert problem.message == "unknown area 'kota-bitar'; did you mean 'kota-blitar'?"


def test_a_bad_row_is_located_at_its_cell_and_names_the_column(bad_case: BadData) -> None:
    problems = {p.code: p for p in _problems(bad_case("series-bad-rows"))}

    assert str(problems["type-error"].position) == "figures/kota-blitar.yaml:11:16"
    assert problems["type-error"].field == "series[0].points.value"
    assert problems["type-error"].message.startswith("'17,6' is not a number")
    assert str(problems["invalid-date"].position) == "figures/kota-blitar.yaml:10:7"
    assert problems["invalid-date"].field == "series[0].points.period"


def test_check_command_lists_every_problem_sorted_then_aborts_without_traceback(
    bad_case: BadData, tmp_path: Path
) -> None:
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the project root: its .cache/
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", str(bad_case("two-files"))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stderr.splitlines()

    assert result.returncode == 1
    assert lines[:-1] == sorted(lines[:-1])
    assert lines[:-1] == (BAD / "two-files.expected").read_text(encoding="utf-8").splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [FIGURES, "regions.yaml"]
    assert lines[-1] == "Aborted: 2 problems in 2 files."
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "files", [(), ("regions.yaml", "sources.yaml")], ids=["empty", "no-figures"]
)
def test_a_dataset_without_figures_is_an_error_not_an_empty_site(
    tmp_path: Path, files: tuple[str, ...]
) -> None:
    for name in files:
        (tmp_path / name).write_bytes((BAD_BASE / name).read_bytes())

    with pytest.raises(DataError) as raised:
        load_dataset(tmp_path)

    (problem,) = raised.value.problems
    assert (problem.code, problem.position.file) == (
        "no-figures" if files else "no-data",
        str(tmp_path),
    )


def test_check_and_build_on_an_empty_data_directory_exit_1_without_traceback(
    tmp_path: Path, run_generator: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    root = make_project_root(tmp_path / "project")
    (root / "data").mkdir()
    for command in ("check", "build"):
        result = run_generator(command, "--data", str(root / "data"), cwd=root)

        assert result.returncode == 1
        assert result.stderr.splitlines()[0].endswith("[no-data]")
        assert "Traceback" not in result.stderr


def test_every_bad_fixture_has_a_case_and_an_expected_file() -> None:
    # Last in the module, so that `--update-expected` first writes the file of a new case.
    directories = {p.name for p in BAD.iterdir() if p.is_dir() and p != BAD_BASE}
    expected_files = {p.stem for p in BAD.glob("*.expected")}

    assert directories == set(CASES)
    assert expected_files == set(CASES)
