"""Machine-readable description of an area page: schema.org `Dataset` as JSON-LD."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from generator.dataset.periods import period_bounds
from generator.dataset.types import Dataset
from generator.tables import FrameRow

DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _source_work(dataset: Dataset, source_id: str) -> dict[str, Any]:
    source = dataset.sources[source_id]
    work: dict[str, Any] = {
        "@type": "NewsArticle",
        "name": source.title or f"Artikel {source.publisher}",
        "publisher": {"@type": "Organization", "name": source.publisher},
        "inLanguage": source.language,
    }
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.published:
        work["datePublished"] = source.published
    if source.url:
        work["url"] = source.url
    return work


def _temporal_coverage(rows: Sequence[FrameRow]) -> str:
    periods = {row.period for row in rows}
    starts = [period_bounds(p)[0] for p in periods]
    ends = [period_bounds(p)[1] for p in periods]
    return f"{min(starts).isoformat()}/{max(ends).isoformat()}"


def area_jsonld(
    dataset: Dataset,
    rows: Sequence[FrameRow],
    *,
    slug: str,
    url: str,
    downloads: dict[str, str],
    site_name: str,
    modified: date,
) -> dict[str, Any]:
    """schema.org Dataset for one area's figures; `downloads` maps a media type to an absolute URL."""
    name = dataset.area_name(slug)
    place: dict[str, Any] = {"@type": "Place", "name": name}
    if region := dataset.regions.get(slug):
        codes = [("Kode Kemendagri", region.code), ("Kode BPS", region.bps_code)]
        place["identifier"] = [
            {"@type": "PropertyValue", "propertyID": name, "value": value}
            for name, value in codes
            if value
        ]
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"Cakupan kepesertaan BPJS Ketenagakerjaan: {name}",
        "description": (
            f"Angka publik tentang kepesertaan BPJS Ketenagakerjaan di {name}, masing-masing "
            "dengan tanggal, sumber, dan kutipan kalimat aslinya."
        ),
        "url": url,
        "inLanguage": "id",
        "license": DATA_LICENCE,
        "creator": {"@type": "Organization", "name": site_name},
        "spatialCoverage": place,
        "dateModified": modified.isoformat(),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": address}
            for media_type, address in downloads.items()
        ],
        "isBasedOn": [_source_work(dataset, s) for s in sorted({row.source for row in rows})],
    }
    if rows:
        document["temporalCoverage"] = _temporal_coverage(rows)
    return document
