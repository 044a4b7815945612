"""Write data/regions.yaml from the official register of Indonesia's regions.

    npm ci --ignore-scripts && python scripts/import_regions.py

Reads provinces.csv (38) and regencies.csv (514) of the pinned npm package idn-area-data
(package.json, package-lock.json) from node_modules/, and keeps from the current
data/regions.yaml what the register does not hold: the BPS codes of East Java, taken from the
BPS list. Rerunnable and deterministic: the same package and file give the same bytes.

Codes are Kemendagri codes (`35.05`), the register's own system; BPS writes the same region
`3505`. Slugs carry the region type (`kabupaten-blitar`, `kota-blitar`) and never change once
published; where two regions of the country would get the same slug, each gets its province's
slug appended.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "node_modules" / "idn-area-data"
REGIONS = ROOT / "data" / "regions.yaml"
TYPES = {"Kabupaten": "kabupaten", "Kota": "kota"}
LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str  # without its type: 'Blitar', 'Administrasi Jakarta Pusat'
    type: str
    code: str
    parent: str | None
    bps_code: str | None


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rows(name: str) -> list[dict[str, str]]:
    with (PACKAGE / "data" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _split_type(official: str) -> tuple[str, str]:
    """'Kabupaten Blitar' -> ('kabupaten', 'Blitar')."""
    word, _, rest = official.partition(" ")
    if word not in TYPES or not rest:
        raise SystemExit(f"regencies.csv: {official!r} does not start with Kabupaten or Kota")
    return TYPES[word], rest


def register_entries(
    provinces: list[dict[str, str]],
    regencies: list[dict[str, str]],
    bps_codes: dict[str, str],
) -> list[Entry]:
    """Provinces, each followed by its kabupaten/kota, in code order; slugs unique nationally."""
    province_slugs = {row["code"]: slugify(row["name"]) for row in provinces}
    typed = [(row, *_split_type(row["name"])) for row in regencies]
    plain = Counter(slugify(row["name"]) for row, _, _ in typed)
    entries = []
    for province in sorted(provinces, key=lambda row: row["code"]):
        slug = province_slugs[province["code"]]
        bps = bps_codes.get(slug)
        entries.append(Entry(slug, province["name"], "provinsi", province["code"], None, bps))
        own = sorted(
            (item for item in typed if item[0]["province_code"] == province["code"]),
            key=lambda item: item[0]["code"],
        )
        for row, kind, name in own:
            slug = slugify(row["name"])
            if plain[slug] > 1:  # the same name in two provinces: say which, only then
                slug = f"{slug}-{province_slugs[row['province_code']]}"
            entries.append(
                Entry(slug, name, kind, row["code"], province_slugs[province["code"]],
                      bps_codes.get(slug))
            )  # fmt: skip
    return entries


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def regions_yaml(entries: list[Entry], version: str) -> str:
    lines = [
        "# yaml-language-server: $schema=schema.json",
        "# Regions of Indonesia: 38 provinces and 514 kabupaten/kota. Written by",
        "# scripts/import_regions.py from the register idn-area-data: do not edit by hand, rerun",
        "# the script. `code` is the Kemendagri code; `bps_code` the BPS code, kept where the BPS",
        "# list gives it (East Java). A slug never changes once published; to rename a page, add a",
        "# redirect instead (see CONTRIBUTING.md).",
        "register:",
        "  name: idn-area-data",
        f"  version: {_quoted(version)}",
        f"  url: https://www.npmjs.com/package/idn-area-data/v/{version}",
        "  licence: ODbL-1.0",
        f"  licence_url: {LICENCE_URL}",
        "  code_system: kemendagri",
        "regions:",
    ]
    for entry in entries:
        lines += [f"  {entry.slug}:", f"    name: {_quoted(entry.name)}", f"    type: {entry.type}"]
        lines.append(f"    code: {_quoted(entry.code)}")
        if entry.bps_code:
            lines.append(f"    bps_code: {_quoted(entry.bps_code)}")
        if entry.parent:
            lines.append(f"    parent: {entry.parent}")
    return "\n".join(lines) + "\n"


def current_bps_codes(path: Path) -> dict[str, str]:
    """Slug -> BPS code from the current regions file (a plain scan: this file's own format)."""
    codes, slug = {}, None
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else ():
        if match := re.fullmatch(r"  ([a-z0-9-]+):", line):
            slug = match[1]
        elif (match := re.fullmatch(r'    bps_code: "(\d+)"', line)) and slug:
            codes[slug] = match[1]
    return codes


def main() -> int:
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    entries = register_entries(
        _rows("provinces.csv"), _rows("regencies.csv"), current_bps_codes(REGIONS)
    )
    REGIONS.write_text(regions_yaml(entries, version), encoding="utf-8")
    kinds = Counter(e.type for e in entries)
    print(f"Wrote {REGIONS.relative_to(ROOT)}: {dict(kinds)} from idn-area-data {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
