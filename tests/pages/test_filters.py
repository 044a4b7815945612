"""Indonesian number and date formats, and Markdown escaping of data text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import yaml_load

from generator.pages.filters import Markdown, angka, md_escape, nilai, persen, tanggal

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (226342, None, "226.342"),
        (15900000, None, "15.900.000"),
        (1000, None, "1.000"),
        (999, None, "999"),
        (0, None, "0"),
        (-1234, None, "-1.234"),
        (15.9, None, "15,9"),
        (2.0, None, "2"),
        (1234567.5, None, "1.234.567,5"),
        (0.05, None, "0,05"),
        (-0.5, None, "-0,5"),
        (69.4, 2, "69,40"),
        (69.456, 1, "69,5"),
    ],
)
def test_angka(value: float, decimals: int | None, expected: str) -> None:
    assert angka(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(69.4, "69,4%"), (20.25, "20,25%"), (53, "53%"), (115, "115%"), (0.5, "0,5%")],
)
def test_persen(value: float, expected: str) -> None:
    assert persen(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (69.4, "persen", "69,4%"),
        (226342, "orang", "226.342 orang"),
        (1200, "badan usaha", "1.200 badan usaha"),
        (15.9, "orang", "15,9 orang"),
    ],
)
def test_nilai(value: float, unit: str, expected: str) -> None:
    assert nilai(value, unit) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2023-09-06", "6 September 2023"),
        ("2023-06-09", "9 Juni 2023"),
        ("2023-09", "September 2023"),
        ("2024-Q1", "Triwulan I 2024"),
        ("2023-Q4", "Triwulan IV 2023"),
        ("2023", "2023"),
        ("2025-03/2025-12", "Maret–Desember 2025"),
        ("2024-11/2025-02", "November 2024–Februari 2025"),
        ("2024-Q1/2024-Q3", "Triwulan I–Triwulan III 2024"),
    ],
)
def test_tanggal(period: str, expected: str) -> None:
    assert tanggal(period) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kota Blitar", "Kota Blitar"),
        ("A | B", r"A \| B"),
        ("*tebal* _miring_ `kode`", r"\*tebal\* \_miring\_ \`kode\`"),
        ("[tautan](javascript:alert(1))", r"\[tautan\]\(javascript:alert\(1\)\)"),
        ("<script>", "&lt;script&gt;"),
        ("baris\nkedua  spasi", "baris kedua spasi"),
        ("1. pertama", r"1\. pertama"),
        ("# judul", r"\# judul"),
        (226342, "226342"),
    ],
)
def test_md_escape(text: object, expected: str) -> None:
    assert md_escape(text) == expected


def test_md_escape_leaves_generated_markdown_alone() -> None:
    written = Markdown("**69,4%**")
    assert md_escape(written) is written


# --- property: escaped data renders as exactly its text -----------------------------------------


def _site_extensions() -> list[Any]:
    """The Markdown extensions of mkdocs.yml, so the property holds for what the site uses."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]


EXTENSIONS = _site_extensions()
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}

# Data text as YAML can hold it: any printable character (YAML rejects control characters).
data_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\t"),
    max_size=80,
)
markdown_punctuation = st.text(
    st.sampled_from(list("\\`*_{}[]()#+-.!|<>&'\":;=~^ 1aA\n")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(data_text, markdown_punctuation))
@example("A | B *tebal* [tautan](javascript:alert(1)) <script>alert(1)</script> _miring_ `kode`")
@example('Jum\'at & "kutipan" &amp; &#65; <!-- komentar --> <https://contoh.id>')
@example("1. pertama\n2. kedua\n- butir\n> kutip\n    kode\n*[BPU]: singkatan\n{: .kelas }")
@example("teks\\")
def test_md_escape_renders_as_plain_text_in_a_table_cell(text: str) -> None:
    assert "tables" in EXTENSIONS
    source = f"| a | b |\n| --- | --- |\n| x | {md_escape(text)} |\n"
    soup = BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")
    tags = {tag.name for tag in soup.find_all(True)}
    assert tags <= TABLE_TAGS, f"markup leaked: {tags - TABLE_TAGS}"
    cells = soup.select("tbody tr td")
    assert len(cells) == 2
    assert " ".join(cells[1].get_text().split()) == " ".join(text.split())


@pytest.mark.parametrize(
    ("value", "unit", "as_published", "expected"),
    [
        (17.6, "persen", "17,60%", "17,60%"),
        (27, "persen", "27 persen", "27%"),
        (20.25, "persen", "20,25 persen", "20,25%"),
        (15_900_000, "orang", "15,9 juta pekerja", "15,9 juta orang"),
        (36_000, "orang", "36 ribu peserta", "36 ribu orang"),
        (226342, "orang", "226.342 pekerja", "226.342 orang"),
    ],
)
def test_nilai_keeps_the_source_s_own_precision(
    value: float, unit: str, as_published: str, expected: str
) -> None:
    assert nilai(value, unit, as_published) == expected
