"""The words of the dataset: indicators, segments, units, with their Indonesian labels."""

from __future__ import annotations

from dataclasses import dataclass

# No count of people (or of employers) in one Indonesian area can exceed the country's
# population: 281.6 million in mid-2024 (BPS), projected to pass 300 million only after 2035.
# A count above it is a typo (a digit too many, 10³⁰), never a figure a source published.
MAX_COUNT = 300_000_000


@dataclass(frozen=True)
class Indicator:
    label: str
    unit: str
    description: str
    # Inclusive bounds for percentages; None means no bound on that side.
    minimum: float | None = 0
    maximum: float | None = None
    is_target: bool = False


INDICATORS: dict[str, Indicator] = {
    "coverage": Indicator(
        "Cakupan kepesertaan", "persen",
        "Share of the potential workers who are active participants, as the source states it.",
        maximum=100,
    ),
    "coverage_target": Indicator(
        "Target cakupan", "persen", "Coverage the region aims for (e.g. the UCJ target).",
        maximum=100, is_target=True,
    ),
    "coverage_gap": Indicator(
        "Selisih terhadap target", "persen", "Target coverage minus current coverage.",
        maximum=100, is_target=True,
    ),
    "active_participants": Indicator(
        "Peserta aktif", "orang", "Workers registered and active in BPJS Ketenagakerjaan.",
        maximum=MAX_COUNT,
    ),
    "participants": Indicator(
        "Peserta", "orang",
        "Workers registered, where the source does not say 'active' (e.g. 'realisasi').",
        maximum=MAX_COUNT,
    ),
    "potential_workers": Indicator(
        "Potensi pekerja", "orang", "Workers who could be covered: the coverage denominator.",
        maximum=MAX_COUNT,
    ),
    "uncovered_workers": Indicator(
        "Pekerja belum terdaftar", "orang", "Workers not yet registered as participants.",
        maximum=MAX_COUNT,
    ),
    "participant_growth": Indicator(
        "Pertumbuhan peserta", "persen",
        "Percentage change in participants over the period (start to end).", minimum=-100,
    ),
    "funded_workers": Indicator(
        "Pekerja dibiayai pemerintah daerah", "orang",
        "Workers whose contributions a local government paid.", maximum=MAX_COUNT,
    ),
    "funded_workers_planned": Indicator(
        "Pekerja yang akan dibiayai pemerintah daerah", "orang",
        "Workers a local government has agreed or plans to fund.", maximum=MAX_COUNT,
        is_target=True,
    ),
    "planned_enrolments": Indicator(
        "Pekerja yang akan didaftarkan", "orang",
        "Workers an agreement or plan says will be enrolled; who pays is not implied.",
        is_target=True,
    ),
    "business_entities": Indicator(
        "Badan usaha peserta", "badan usaha", "Employers registered as participants.",
        maximum=MAX_COUNT,
    ),
    "new_participant_target": Indicator(
        "Target peserta baru", "orang", "New participants the office aims to enrol.",
        maximum=MAX_COUNT, is_target=True,
    ),
}  # fmt: skip

SEGMENTS: dict[str, str] = {
    "pu": "Penerima Upah (PU)",
    "bpu": "Bukan Penerima Upah (BPU)",
    "jakon": "Jasa Konstruksi",
    "pmi": "Pekerja Migran Indonesia (PMI)",
}


def segment_label(segment: str | None) -> str:
    """A segment's name; a figure of no segment is of all of them."""
    return SEGMENTS.get(segment or "", "Semua segmen")


UNITS: tuple[str, ...] = ("persen", "orang", "badan usaha")
COUNT_UNITS: frozenset[str] = frozenset({"orang", "badan usaha"})

EVENT_KINDS: dict[str, str] = {
    "perjanjian": "Perjanjian kerja sama",
    "pertemuan": "Pertemuan",
    "program": "Program",
    "regulasi": "Regulasi",
}

# Reader-facing titles of the consistency notes the site shows.
NOTE_TITLES: dict[str, str] = {
    "sources-disagree": "Sumber berbeda",
    "unweighted-average": "Rata-rata tanpa bobot",
    "implied-denominator": "Penyebut tersirat",
    "denominators-differ": "Penyebut berbeda",
    "sources-differ": "Angka dari sumber berbeda",
}

REGION_TYPES: dict[str, str] = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}
