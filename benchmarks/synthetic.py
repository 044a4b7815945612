"""A synthetic national dataset for benchmarks: never real data, and marked so everywhere.

    python benchmarks/synthetic.py OUT_DIR [--regions 514]

Writes a project data directory with the real register of regions (data/regions.yaml: 38
provinces and 514 kabupaten/kota, names and Kemendagri codes as published), figures for N
kabupaten/kota dealt to the provinces in turn (beyond the register's 514, extra regions named
"Sintetis <n>"), one branch office per four regions of a province (about 125 at N = 514), and
monthly figures from
January 2018 to October 2026 for coverage and each segment (PU, BPU, Jasa Konstruksi) of every
region, office and province, plus a yearly coverage target: every page gets its full set of
charts. The figures are series, as a report's tables are: each year's synthetic report of the
area's province gives one table of the months per segment and one of coverage, and the year's
coverage target, each with its location in the report.

Every source, office, quote and table location says SINTETIS. Values come from a seeded generator, so the same
arguments write the same bytes. YAML is written as text, not through a YAML library: at
300.000 figures a library's dumper would dominate the benchmark it prepares.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REGISTER = Path(__file__).resolve().parents[1] / "data" / "regions.yaml"
PROVINCES = 38
YEARS = range(2018, 2027)
LAST_MONTH = (2026, 10)
SEGMENTS = ("pu", "bpu", "jakon")
REGIONS_PER_OFFICE = 4
MARK = "SINTETIS"
SOURCE_NOTE = "Data sintetis untuk uji kinerja; bukan angka nyata."


@dataclass(frozen=True)
class Area:
    slug: str
    name: str
    province: str  # slug of its province; a province names itself
    base: int  # participants in January 2018, sets the scale of every count
    entry: str = ""  # its regions.yaml entry: the register's, or a synthetic one


def published(year: int) -> str:
    """A year's report comes out in January; the running year's, the month after its last figures
    (so no source is dated after it was read, 2026-11-22)."""
    if year < LAST_MONTH[0]:
        return f"{year + 1}-01-15"
    return f"{LAST_MONTH[0]}-{LAST_MONTH[1] + 1:02d}-15"


def months(years: range) -> list[tuple[int, int]]:
    return [(y, m) for y in years for m in range(1, 13) if (y, m) <= LAST_MONTH]


@cache
def register() -> dict[str, dict[str, str]]:
    """The real regions by slug, in register order (provinces each followed by theirs)."""
    return dict(yaml.safe_load(REGISTER.read_text(encoding="utf-8"))["regions"])


def _entry(slug: str, region: dict[str, str]) -> str:
    lines = [f"  {slug}:", f"    name: '{region['name']}'", f"    type: {region['type']}"]
    lines += [f"    {key}: '{region[key]}'" for key in ("code", "bps_code") if key in region]
    lines += [f"    parent: {region['parent']}"] if region.get("parent") else []
    return "\n".join(lines)


def _full_name(region: dict[str, str]) -> str:
    kind = {"kabupaten": "Kabupaten ", "kota": "Kota "}.get(region["type"], "")
    return kind + region["name"]


def provinces(count: int = PROVINCES) -> list[Area]:
    """The register's first `count` provinces."""
    chosen = [(s, r) for s, r in register().items() if r["type"] == "provinsi"][:count]
    return [Area(slug, r["name"], slug, 0, _entry(slug, r)) for slug, r in chosen]


def regions(count: int, rng: random.Random, provinces_: int = PROVINCES) -> list[Area]:
    """Kabupaten and kota of the register, dealt to the provinces in turn; past the end of the
    register, extra regions named "Sintetis <n>" (marked, never real)."""
    chosen = [p.slug for p in provinces(provinces_)]
    queues = {p: [s for s, r in register().items() if r.get("parent") == p] for p in chosen}
    result: list[Area] = []
    for i in range(count):
        # In turn, skipping provinces whose regions are all dealt (DKI Jakarta has six).
        waiting = [p for p in chosen if queues[p]] or chosen
        province = waiting[i % len(waiting)]
        base = rng.randrange(20_000, 400_000)
        if queues[province]:
            slug = queues[province].pop(0)
            region = register()[slug]
            result.append(Area(slug, _full_name(region), province, base, _entry(slug, region)))
        else:
            slug = f"kabupaten-sintetis-{i + 1}"
            extra = {"name": f"{MARK} {i + 1}", "type": "kabupaten", "parent": province}
            result.append(
                Area(slug, f"Kabupaten {MARK} {i + 1}", province, base, _entry(slug, extra))
            )
    return result


def offices(regions_: list[Area]) -> dict[str, list[Area]]:
    """One office per four regions of the same province."""
    by_province: dict[str, list[Area]] = {}
    for region in regions_:
        by_province.setdefault(region.province, []).append(region)
    result = {}
    for province, members in by_province.items():
        for start in range(0, len(members), REGIONS_PER_OFFICE):
            slug = f"kantor-cabang-sintetis-{province}-{start // REGIONS_PER_OFFICE + 1}"
            result[slug] = members[start : start + REGIONS_PER_OFFICE]
    return result


def source_id(province: str, year: int) -> str:
    return f"laporan-{province}-{year}"


def _series(area: str, indicator: str, unit: str, source: str, location: str,
            rows: list[str], segment: str | None = None) -> str:  # fmt: skip
    """A series as written by hand: its header, then its table of rows (period, value)."""
    lines = [f"- area: {area}", f"  indicator: {indicator}"]
    lines += [f"  segment: {segment}"] if segment else []
    lines += [f"  unit: {unit}", f"  source: {source}", f"  location: '{location}'",
              "  points: |", *(f"    {row}" for row in rows)]  # fmt: skip
    return "\n".join(lines)


def series(base: int, rng: random.Random, years: range) -> dict[str, list[int]]:
    """Monthly participants per segment: a steady climb with noise, never below zero."""
    result = {}
    for share, segment in zip((0.6, 0.3, 0.1), SEGMENTS, strict=True):
        value, values = base * share, []
        for _ in months(years):
            value *= 1 + rng.uniform(-0.004, 0.012)
            values.append(int(value))
        result[segment] = values
    return result


def coverage_series(counts: dict[str, list[int]], potential: int) -> list[float]:
    return [
        round(min(99.9, 100 * sum(parts) / potential), 1)
        for parts in zip(*counts.values(), strict=True)
    ]


def area_series(
    area: Area, counts: dict[str, list[int]], potential: int, years: range
) -> list[str]:
    """Each year's report of the area's province gives its months in one table per segment
    and one for coverage, and the year's coverage target: the values of the monthly figures."""
    series = []
    coverage = coverage_series(counts, potential)
    month_index = {month: i for i, month in enumerate(months(years))}
    for year in years:
        source = source_id(area.province, year)
        indices = [(f"{y}-{m:02d}", month_index[(y, m)]) for y, m in months(range(year, year + 1))]
        rows = [f"{period}  {coverage[i]:.1f}" for period, i in indices]
        series.append(_series(area.slug, "coverage", "persen", source,
                              f"[{MARK}] Tabel 1, hlm. 3", rows))  # fmt: skip
        for number, (segment, values) in enumerate(counts.items(), start=2):
            rows = [f"{period}  {values[i]}" for period, i in indices]
            series.append(_series(area.slug, "active_participants", "orang", source,
                                  f"[{MARK}] Tabel {number}, hlm. {number + 2}", rows,
                                  segment))  # fmt: skip
        target = round(min(99.0, coverage[0] + 4 * (year - 2017)), 1)
        series.append(_series(area.slug, "coverage_target", "persen", source,
                              f"[{MARK}] Tabel 5, hlm. 8", [f"{year}  {target:.1f}"]))  # fmt: skip
    return series


def summed(parts: list[dict[str, list[int]]]) -> dict[str, list[int]]:
    return {s: [sum(v) for v in zip(*(p[s] for p in parts), strict=True)] for s in SEGMENTS}


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def header(what: str) -> str:
    return f"# {MARK}: {what}. {SOURCE_NOTE}\n"


def write_dataset(
    out: Path,
    count: int = 514,
    *,
    provinces_: int = PROVINCES,
    years: range = YEARS,
    seed: int = 2018,
) -> None:
    """The dataset; fewer provinces and years make a small one for tests."""
    rng = random.Random(seed)
    provs, regs = provinces(provinces_), regions(count, rng, provinces_)
    offs = offices(regs)
    # The real register of the chosen provinces, every region of it, and any extra regions.
    chosen = {p.slug for p in provs}
    real = [_entry(s, r) for s, r in register().items() if (r.get("parent") or s) in chosen]
    extra = [r.entry for r in regs if r.slug not in register()]
    lines = [header("figures; the regions are the real register"), "regions:", *real, *extra]
    write_text(out / "regions.yaml", "\n".join(lines) + "\n")

    lines = [header("sumber"), "sources:"]
    for p in provs:
        for year in years:
            lines += [f"  {source_id(p.slug, year)}:", f"    publisher: Penerbit {MARK}",
                      f"    title: Laporan {MARK} kepesertaan {p.name} {year}",
                      f"    published: '{published(year)}'", f"    date_note: {SOURCE_NOTE}",
                      "    language: id", "    accessed: '2026-11-22'"]  # fmt: skip
    write_text(out / "sources.yaml", "\n".join(lines) + "\n")

    lines = [header("kantor cabang"), "offices:"]
    for slug, served in offs.items():
        lines += [f"  {slug}:", f"    name: Kantor Cabang {MARK} {slug.split('-', 3)[3]}",
                  f"    province: {served[0].province}", "    serves:"]  # fmt: skip
        for r in served:
            lines += [f"      - region: {r.slug}", f"        source: {source_id(r.province, years[0])}",
                      f"        quote: '[{MARK}] Kantor ini melayani {r.name}.'"]  # fmt: skip
    write_text(out / "offices.yaml", "\n".join(lines) + "\n")

    counts = {r.slug: series(r.base, rng, years) for r in regs}
    potential = {r.slug: int(r.base * rng.uniform(2.0, 3.5)) for r in regs}
    groups = [(r, [r]) for r in regs]
    groups += [(Area(s, f"Kantor Cabang {MARK} {s.split('-', 3)[3]}", m[0].province, 0), m)
               for s, m in offs.items()]  # fmt: skip
    groups += [(p, [r for r in regs if r.province == p.slug]) for p in provs]
    for area, members in groups:
        if not members:
            continue
        parts = summed([counts[m.slug] for m in members])
        total_potential = sum(potential[m.slug] for m in members)
        body = "\n".join(area_series(area, parts, total_potential, years))
        write_text(
            out / "figures" / f"{area.slug}.yaml", header(area.name) + "series:\n" + body + "\n"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="data directory to write (must not exist)")
    parser.add_argument("--regions", type=int, default=514, help="kabupaten/kota (default 514)")
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new directory")
    write_dataset(args.out, args.regions)


if __name__ == "__main__":
    main()
