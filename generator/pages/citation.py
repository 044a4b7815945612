"""How to cite a page: a sentence in Indonesian, BibTeX and RIS, all naming the online URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.dataset.periods import period_label

CITATIONS_DIR = "unduh/kutipan"
_BIBTEX_SPECIAL = re.compile(r"([{}\\%&#_$^~])")


@dataclass(frozen=True)
class Citation:
    title: str
    site_name: str
    url: str
    data_date: str  # ISO date of the latest figure on the page
    accessed: date
    is_offline: bool
    key: str
    is_date_read: bool = False  # the data date is our reading of the sources, not stated

    @property
    def data_note(self) -> str:
        """'Data per 6 September 2023', marked where that date is our reading."""
        note = f"Data per {period_label(self.data_date)}"
        return note + (", tanggal menurut tafsiran kami" if self.is_date_read else "")

    @property
    def sentence(self) -> str:
        """Indonesian citation of the page, in the manner of APA."""
        where = (
            f"Diakses dari bundel luring tanggal {period_label(self.accessed.isoformat())}"
            if self.is_offline
            else f"Diakses {period_label(self.accessed.isoformat())}"
        )
        return (
            f"{self.site_name}. ({self.data_date[:4]}). {self.title} "
            f"[{self.data_note}]. {where}, dari {self.url}"
        )

    @property
    def bibtex(self) -> str:
        fields = {
            "title": _bibtex_text(self.title),
            "author": "{" + _bibtex_text(self.site_name) + "}",
            "year": self.data_date[:4],
            "note": self.data_note,
            "url": self.url,
            "urldate": self.accessed.isoformat(),
            "language": "indonesian",
        }
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{self.key},\n{body}\n}}\n"

    @property
    def ris(self) -> str:
        lines = [
            ("TY", "DATA"),
            ("TI", self.title),
            ("AU", self.site_name),
            ("PY", self.data_date[:4]),
            ("DA", self.data_date.replace("-", "/")),
            ("UR", self.url),
            ("Y2", self.accessed.isoformat().replace("-", "/")),
            ("LA", "id"),
            ("N1", self.data_note),
        ]
        return "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines) + "ER  - \n"

    @property
    def bib_path(self) -> str:
        return f"{CITATIONS_DIR}/{self.key}.bib"

    @property
    def ris_path(self) -> str:
        return f"{CITATIONS_DIR}/{self.key}.ris"


def _one_line(text: str) -> str:
    """One line, and no backticks that could close the code block the page shows it in."""
    return " ".join(text.replace("`", "'").split())


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", _one_line(text))


def citation_files(citations: list[Citation]) -> dict[str, bytes]:
    """Each citation as .bib and .ris files to download."""
    files = {}
    for citation in citations:
        files[citation.bib_path] = citation.bibtex.encode("utf-8")
        files[citation.ris_path] = citation.ris.encode("utf-8")
    return files
