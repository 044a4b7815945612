"""Issue 17: no derived number the sources do not support, every reading marked, every
disagreement noted, every quote verified against its source's snapshot in the repository."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import DataError
from tests.checks.test_checks import _edit, _errors, _located

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
OFFICE = "figures/kantor-cabang-blitar.yaml"
KOTA = "figures/kota-blitar.yaml"


@pytest.fixture
def shipped_data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def test_an_average_used_as_a_ratio_is_an_error(shipped_data: Path) -> None:
    """Kantor Cabang Blitar's 33% read as participants ÷ potential workers would leave Kota and
    Kabupaten Blitar's 102.434 participants about 96.000 potential workers: over 100%."""
    _edit(shipped_data, OFFICE, "    statistic: unweighted_average\n", "")

    (problem,) = [p for p in run_checks(load_dataset(shipped_data)) if p.is_error]

    assert _located([problem]) == [("implied-coverage-impossible", OFFICE, 5)]
    assert "102.434" in problem.message


def test_parts_whose_implied_denominators_exceed_the_whole_are_an_error(mini_data: Path) -> None:
    office = mini_data / OFFICE
    office.write_text(
        office.read_text(encoding="utf-8")
        + """\
  - area: kantor-cabang-blitar
    indicator: coverage
    value: 90
    unit: persen
    as_published: 90 persen
    period: 2023-09-06
    source: uji-cabang-2023-09-06
    quote: Cakupan di wilayah kantor cabang 90 persen.
""",
        encoding="utf-8",
    )
    kota = mini_data / KOTA
    kota.write_text(
        kota.read_text(encoding="utf-8")
        + """\
  - area: kota-blitar
    indicator: active_participants
    value: 200000
    unit: orang
    as_published: 200.000 pekerja
    period: 2023-09-06
    source: uji-cabang-2023-09-06
    quote: Peserta aktif di Kota Blitar 200.000 pekerja.
""",
        encoding="utf-8",
    )

    (problem,) = [p for p in run_checks(load_dataset(mini_data)) if p.is_error]

    assert problem.code == "parts-exceed-whole"
    assert problem.position.file == OFFICE
    assert set(problem.figures) >= {
        "kantor-cabang-blitar--coverage--2023-09-06--uji-cabang-2023-09-06",
        "kota-blitar--active_participants--2023-09-06--uji-cabang-2023-09-06",
    }


def test_a_percentage_that_is_no_ratio_implies_no_denominator() -> None:
    shipped = run_checks(load_dataset(DATA))
    implied = [p for p in shipped if p.code == "implied-denominator"]

    assert all("kantor-cabang-blitar" not in p.areas for p in implied)


def _with_snapshot(data_dir: Path, source: str, text: str) -> None:
    (data_dir / "snapshots").mkdir(exist_ok=True)
    (data_dir / "snapshots" / f"{source}.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _edit(
        data_dir,
        "sources.yaml",
        "  uji-kota-2023-06-09:\n",
        f"  uji-kota-2023-06-09:\n    snapshot: {{sha256: {digest}, taken: 2026-11-22}}\n",
    )


def test_a_quote_that_is_not_in_its_snapshot_is_an_error_at_its_figure(mini_data: Path) -> None:
    _with_snapshot(mini_data, "uji-kota-2023-06-09", "Cakupan di Kota Blitar masih 35 persen.\n")

    errors = _errors(mini_data)

    assert ("quote-not-in-source", KOTA, 5) in errors


def test_a_quote_verbatim_in_its_snapshot_passes_whatever_its_line_breaks(mini_data: Path) -> None:
    quote = (
        "A | B *tebal* [tautan](javascript:alert(1)) <script>alert(1)</script> _miring_\n"
        "`kode` 53 persen"
    )
    others = (
        "Di Kota Blitar dan Kabupaten Blitar ada 98.500 pekerja yang terdaftar. Kantor cabang "
        "dan pemerintah kota menggelar FGD pada Jumat (9/6/2023)."
    )
    _with_snapshot(mini_data, "uji-kota-2023-06-09", f"Judul\n\n{quote}. Lalu\n{others}\n")

    codes = {code for code, *_ in _errors(mini_data)}

    assert "quote-not-in-source" not in codes


def test_a_published_value_missing_from_its_quote_is_an_error(mini_data: Path) -> None:
    _edit(mini_data, KOTA, "`kode` 53 persen'", "`kode`'")

    assert _errors(mini_data) == [("published-not-in-quote", KOTA, 5)]


def test_an_edited_snapshot_is_an_error_at_its_source(mini_data: Path) -> None:
    _with_snapshot(mini_data, "uji-kota-2023-06-09", "53 persen\n")
    (mini_data / "snapshots" / "uji-kota-2023-06-09.txt").write_text("35 persen\n", "utf-8")

    with pytest.raises(DataError) as raised:
        load_dataset(mini_data)

    assert [p.code for p in raised.value.problems] == ["snapshot-changed"]
    assert raised.value.problems[0].position.file == "sources.yaml"


def test_a_snapshot_no_source_records_is_reported(mini_data: Path) -> None:
    (mini_data / "snapshots").mkdir()
    (mini_data / "snapshots" / "uji-kota.txt").write_text("53 persen\n", "utf-8")

    with pytest.raises(DataError) as raised:
        load_dataset(mini_data)

    assert _located(raised.value.problems) == [("unused-snapshot", "snapshots/uji-kota.txt", 0)]


def test_a_source_without_a_snapshot_is_a_warning_not_a_note(mini_data: Path) -> None:
    findings = run_checks(load_dataset(mini_data))
    unverified = [p for p in findings if p.code == "unverified-source"]

    assert len(unverified) == 3
    assert all(p.severity == "warning" and not p.is_note for p in unverified)


def test_every_shipped_source_has_a_verified_snapshot() -> None:
    dataset = load_dataset(DATA)

    assert set(dataset.snapshots) == set(dataset.sources)
    assert not [p for p in run_checks(dataset) if p.code == "unverified-source"]


def test_every_disagreement_of_the_shipped_sources_is_a_neutral_note() -> None:
    notes = [p for p in run_checks(load_dataset(DATA)) if p.code == "sources-differ"]
    by_area = {p.areas: p.message for p in notes}

    assert set(by_area) == {("kabupaten-blitar",), ("kantor-cabang-blitar",), ("kota-blitar",)}
    blitar = by_area[("kabupaten-blitar",)]
    assert "18,6 persen" in blitar and "17,60%" in blitar
    assert "paling banyak sekitar 552.000" in blitar and "sekitar 698.000" in blitar
    office = by_area[("kantor-cabang-blitar",)]
    assert "36 ribu peserta" in office and "226.342 pekerja" in office
    assert all("Sumber tidak menjelaskan penyebab perbedaannya" in m for m in by_area.values())


def test_editions_of_one_publisher_follow_each_other_without_a_note(mini_data: Path) -> None:
    """A yearly report series is one source of figures; only another publisher is a second one."""
    sources = mini_data / "sources.yaml"
    text = sources.read_text("utf-8")
    sources.write_text(text.replace("publisher: Sumber Uji Cabang", "publisher: Sumber Uji Kota"))

    codes = [p.code for p in run_checks(load_dataset(mini_data))]

    assert "sources-differ" not in codes
