"""The dataset's schema: strict pydantic models, one docstring per field.

Every YAML file in the data directory is a `DataFile`; its top-level keys say what it holds.
`data/schema.json` is generated from `DataFile` so editors get completion and hover help.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.dataset.periods import PERIOD_PATTERN, PeriodError, normalize_period
from generator.dataset.rows import Point, parse_points, value_problem
from generator.dataset.vocabulary import INDICATORS

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


def _period(value: object) -> str:
    try:
        return normalize_period(value)
    except PeriodError as error:
        raise PydanticCustomError("invalid-date", str(error)) from None


def _iso_date(value: object) -> object:
    if not isinstance(value, str):
        return value  # strict validation reports the wrong type
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "invalid-date",
            "{value} is not a real date in the form YYYY-MM-DD",
            {"value": repr(value)},
        ) from None


def _area(value: object) -> object:
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list) else value


Period = Annotated[
    str,
    BeforeValidator(_period, json_schema_input_type=str | int),
    Field(pattern=PERIOD_PATTERN, examples=["2023-09-06", "2024-Q1", "2023", "2025-03/2025-12"]),
]
IsoDate = Annotated[date, BeforeValidator(_iso_date, json_schema_input_type=str)]
Area = Annotated[
    tuple[Slug, ...],
    BeforeValidator(_area, json_schema_input_type=Slug | list[Slug]),
    Field(min_length=1),
]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Register(Strict):
    """Where the list of regions comes from: a published, versioned register."""

    name: Text = Field(description="The register's name: 'idn-area-data' (an npm package).")
    version: Text = Field(description="The pinned version the regions were imported from.")
    url: Url = Field(description="Address of that version.")
    licence: Text = Field(description="SPDX id of the register data's licence: 'ODbL-1.0'.")
    licence_url: Url = Field(description="Address of the licence text.")
    code_system: Literal["kemendagri"] = Field(
        description="The system the regions' `code` belongs to: Kemendagri ('35.05')."
    )


class Region(Strict):
    """A province or a kabupaten/kota, as in the official register."""

    name: Text = Field(description="Name without its type: 'Blitar', 'Jawa Timur'.")
    type: Literal["provinsi", "kabupaten", "kota"] = Field(description="Administrative type.")
    code: str | None = Field(
        None,
        pattern=r"^\d{2}(\.\d{2})?$",
        description="Kemendagri code as text, quoted in YAML: '35' (province), '35.05' "
        "(kabupaten/kota); every region imported from the register has one.",
    )
    bps_code: str | None = Field(
        None,
        pattern=r"^\d{2}(\d{2})?$",
        description="BPS code as text where the BPS list gives it: '35', '3505'.",
    )
    parent: Slug | None = Field(None, description="Slug of the province a kabupaten/kota lies in.")


class ServiceArea(Strict):
    """A region a branch office serves, for as long as the sources say.

    Either a quote states it, or it is our reading (`reading` gives the reason) and the site shows
    it as such.
    """

    region: Slug = Field(description="Slug of the region served.")
    valid_from: Period | None = Field(
        None, alias="from", description="First period served; empty when no source says."
    )
    valid_to: Period | None = Field(
        None, alias="to", description="Last period served; empty while it still serves it."
    )
    source: Slug = Field(description="Id of the source that names this region as served.")
    quote: Text | None = Field(
        None, description="The sentence of the source that says so; empty for a reading."
    )
    reading: Text | None = Field(
        None,
        description="Where no sentence states it: why we read the office as serving this region "
        "(Indonesian); the site shows it as our reading.",
    )

    @model_validator(mode="after")
    def _stated_or_read(self) -> ServiceArea:
        if (self.quote is None) == (self.reading is None):
            raise PydanticCustomError(
                "stated-or-read",
                "give either `quote` (the sentence that states the service area) or `reading` "
                "(why we infer it), not both and not neither",
            )
        return self


class Office(Strict):
    """A BPJS Ketenagakerjaan branch office (Kantor Cabang)."""

    name: Text = Field(description="Full name: 'Kantor Cabang Blitar'.")
    province: Slug = Field(description="Slug of the province the office lies in.")
    serves: list[ServiceArea] = Field(description="Regions the office serves, with dates.")


class Snapshot(Strict):
    """A copy of a source's text in data/snapshots/<source id>.txt: evidence for `check`, never
    republished (the text is its publisher's copyright)."""

    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="sha256 of the snapshot file's bytes, in hex."
    )
    taken: IsoDate = Field(description="Day the copy was taken.")


class Source(Strict):
    """A published document the figures come from."""

    publisher: Text = Field(description="Publisher as named in the document: 'SURYA.co.id'.")
    title: Text | None = Field(None, description="Headline; empty when the copy has none.")
    author: Text | None = Field(None, description="Author or reporter, as credited.")
    editor: Text | None = Field(None, description="Editor, as credited.")
    published: Period | None = Field(
        None, description="Publication date, as precise as the document states it."
    )
    reported: Period | None = Field(
        None, description="Date of the statements the document reports ('Rabu (6/9/2023)')."
    )
    date_note: Text | None = Field(None, description="How the dates were read, when not plain.")
    language: Literal["id", "en"] = Field(description="ISO 639-1 language code.")
    url: Url | None = Field(None, description="Address of the original; empty when unknown.")
    accessed: IsoDate = Field(description="Date the document was read for this dataset.")
    snapshot: Snapshot | None = Field(
        None,
        description="The copy of its text in data/snapshots/<id>.txt that `check` verifies "
        "quotes against; empty when none is kept (the source is then unverified).",
    )


class Revision(Strict):
    """A correction of a published figure: what it was, when and why it changed."""

    date: IsoDate = Field(description="Day the correction was published on the site.")
    old_value: int | float = Field(description="The value before the correction.")
    old_as_published: Text | None = Field(
        None, description="The old value's text, when the old source wrote it differently."
    )
    reason: Text = Field(description="Why it changed, in Indonesian, for readers.")
    source: Slug | None = Field(None, description="Id of the source of the correction, if any.")


class Reading(Strict):
    """Something the dataset records beyond what the quoted sentence says: our reading."""

    about: Literal["period", "at", "segment", "indicator", "area", "statistic"] = Field(
        description="The field that holds our reading rather than the source's words."
    )
    reason: Text = Field(description="Why we read it so, in Indonesian, for readers.")


class Measured(Strict):
    """What a figure or a series measures: for which area, what, which segment, in which unit.
    Its fields come first, so that a value's validator can read the unit."""

    area: Area = Field(
        description="Region or office slug, or a list of region slugs for a joint figure or series."
    )
    indicator: Literal[tuple(INDICATORS)] = Field(  # type: ignore[valid-type]
        description="What is measured; see generator/dataset/vocabulary.py."
    )
    segment: Literal["pu", "bpu", "jakon", "pmi"] | None = Field(
        None, description="Participant segment; empty for all segments together."
    )
    unit: Literal["persen", "orang", "badan usaha"] = Field(description="Unit of the values.")

    @field_validator("unit")
    @classmethod
    def _unit_fits_indicator(cls, unit: str, info: ValidationInfo) -> str:
        return _unit_fitting(unit, info)


class Figure(Measured):
    """One number as a source states it, for one area and period."""

    value: int | float = Field(
        description="The number, without thousands separators: 226342, 69.4, 15900000."
    )
    as_published: Text = Field(
        description="The value exactly as the source writes it: '226.342', '15,9 juta'."
    )
    period: Period = Field(description="The date or period the figure refers to.")
    at: Literal["start", "end"] | None = Field(
        None, description="For a change 'from X to Y' over the period: which end this value is."
    )
    is_approximate: bool = Field(
        False, description="True when the source qualifies it ('sekitar', 'kurang lebih')."
    )
    statistic: Literal["unweighted_average"] | None = Field(
        None,
        description="For a percentage that is no ratio of counts, what it is: "
        "'unweighted_average' (a plain mean of its parts' percentages). Nothing derives a "
        "numerator or denominator from such a figure.",
    )
    source: Slug = Field(description="Id of the source.")
    # Required and never empty in a file; None only for a series' point, which the loader
    # builds without validation (generator.dataset.series) and which has a `location` instead.
    quote: Annotated[Text | None, WithJsonSchema({"type": "string", "minLength": 1})] = Field(
        description="The sentence of the source the figure comes from."
    )
    location: Text | None = Field(
        None,
        description="Where in the source the figure stands: 'Tabel 3.2, hlm. 14'. Every point "
        "of a series has its series' location.",
    )
    note: Text | None = Field(None, description="What readers must know to read it (Indonesian).")
    readings: list[Reading] = Field(
        default_factory=list,
        description="Fields the quote does not state but we read from context (a date, a "
        "segment...), each with its reason; the site marks them as our reading.",
    )
    revisions: list[Revision] = Field(
        default_factory=list,
        description="Corrections of this figure, oldest first; a correction never replaces a "
        "number silently.",
    )

    @field_validator("value")
    @classmethod
    def _value_fits_unit(cls, value: int | float, info: ValidationInfo) -> int | float:
        if problem := value_problem(value, info.data.get("unit"), info.data.get("indicator")):
            raise PydanticCustomError(*problem)
        return value

    @field_validator("quote", mode="before")
    @classmethod
    def _quoted(cls, quote: object) -> object:
        # Only a series' points have no quote (they have the series' location); pydantic's
        # own error for a missing string, so the message is the one a wrong type gets.
        if quote is None:
            raise PydanticCustomError("string_type", "Input should be a valid string")
        return quote

    @model_validator(mode="after")
    def _statistic_is_a_percentage(self) -> Figure:
        _check_statistic(self.statistic, self.unit)
        return self

    def is_read(self, field_name: str) -> bool:
        """Whether `field_name` holds our reading rather than what the quote states."""
        return any(reading.about == field_name for reading in self.readings)

    @cached_property
    def key(self) -> str:
        """Stable anchor for the figure: area, indicator, segment, period, end, source."""
        parts = ["+".join(self.area), self.indicator, self.segment, self.period, self.at]
        parts.append(self.source)
        return "--".join(p.replace("/", "_") for p in parts if p)


def _unit_fitting(unit: str, info: ValidationInfo) -> str:
    # A field validator (indicator comes before unit), so the problem points at `unit`.
    indicator = info.data.get("indicator")
    expected = INDICATORS[indicator].unit if indicator in INDICATORS else unit
    if unit != expected:
        raise PydanticCustomError(
            "unit-mismatch",
            "unit '{unit}' does not fit indicator '{indicator}', which is in '{expected}'",
            {"unit": unit, "indicator": indicator, "expected": expected},
        )
    return unit


def _check_statistic(statistic: str | None, unit: str) -> None:
    if statistic is not None and unit != "persen":
        raise PydanticCustomError(
            "statistic-unit",
            "statistic '{statistic}' describes a percentage, but the unit is '{unit}'",
            {"statistic": statistic, "unit": unit},
        )


class Series(Measured):
    """A long series from one table of a report: the figures of one area, indicator and
    segment, one row per period. Its location in the source stands in for a quote per value."""

    is_approximate: bool = Field(
        False, description="True when the source qualifies its values ('sekitar')."
    )
    statistic: Literal["unweighted_average"] | None = Field(
        None, description="As for a figure: what a percentage that is no ratio of counts is."
    )
    source: Slug = Field(description="Id of the source.")
    location: Text = Field(
        description="Where in the source the table stands: 'Tabel 3.2, hlm. 14'."
    )
    note: Text | None = Field(
        None, description="What readers must know to read every point (Indonesian)."
    )
    readings: list[Reading] = Field(
        default_factory=list,
        description="Fields the table does not state but we read from context, with reasons.",
    )
    points: tuple[Point, ...] = Field(
        description="The table, as a literal block (`points: |`), one row per line: period, "
        "value (no thousands separators) and, only where the source prints it otherwise than "
        "the value's plain Indonesian form, the text as published: `2024-02  17.60  17,60`."
    )

    @field_validator("points", mode="plain", json_schema_input_type=str)
    @classmethod
    def _rows(cls, table: object, info: ValidationInfo) -> tuple[Point, ...]:
        if not isinstance(table, str):
            raise PydanticCustomError(
                "points_not_a_table",
                "points are a table in a literal block: `points: |`, then one row per line "
                "(period value [as published])",
            )
        points, problems = parse_points(table, info.data.get("unit"), info.data.get("indicator"))
        if problems:
            raise PydanticCustomError("bad_rows", "rows with problems", {"rows": problems})
        if not points:
            raise PydanticCustomError("too_short", "a series needs at least one row")
        return points

    @model_validator(mode="after")
    def _statistic_is_a_percentage(self) -> Series:
        _check_statistic(self.statistic, self.unit)
        return self


class Event(Strict):
    """An agreement, programme, meeting or regulation a source describes."""

    kind: Literal["perjanjian", "pertemuan", "program", "regulasi"] = Field(
        description="Kind of event."
    )
    title: Text = Field(description="Short title in Indonesian.")
    description: Text | None = Field(None, description="One or two sentences in Indonesian.")
    period: Period = Field(description="When it happened or applies.")
    areas: list[Slug] = Field(min_length=1, description="Regions and offices it concerns.")
    source: Slug = Field(description="Id of the source.")
    quote: Text = Field(description="The sentence of the source that describes it.")
    readings: list[Reading] = Field(
        default_factory=list,
        description="What we read from context rather than from the quote (a date...), each "
        "with its reason; the site marks it as our reading.",
    )


class Tile(Strict):
    """One region's tile on a tile-grid map: its cell and a label short enough to fit."""

    column: int = Field(ge=0, le=40, description="Column, 0 at the west.")
    row: int = Field(ge=0, le=40, description="Row, 0 at the north.")
    label: Annotated[str, Field(min_length=1, max_length=10)] = Field(
        description="Short label drawn on the tile: 'Tuban', 'JATIM'."
    )


class TileMap(Strict):
    """A schematic tile-grid map: every region of an area as an equal tile, placed roughly
    where it lies (not to scale, not boundaries)."""

    of: Slug = Field(
        description="'indonesia' for a map of the provinces, or a province's slug for a map of "
        "its kabupaten/kota."
    )
    tiles: dict[Slug, Tile] = Field(description="Each region's tile, by slug.")


class DataFile(Strict):
    """One YAML file of the dataset. A file may hold any of these sections."""

    region_register: Register | None = Field(
        None, alias="register", description="Where the regions come from; once, in regions.yaml."
    )
    regions: dict[Slug, Region] | None = Field(None, description="Regions by slug.")
    offices: dict[Slug, Office] | None = Field(None, description="Branch offices by slug.")
    sources: dict[Slug, Source] | None = Field(None, description="Sources by id.")
    events: dict[Slug, Event] | None = Field(None, description="Events by id.")
    figures: list[Figure] | None = Field(
        None, description="Figures; keep one file per area: data/figures/<area>.yaml."
    )
    series: list[Series] | None = Field(
        None,
        description="Long series from tables of reports, beside the figures of the same file.",
    )
    tile_map: TileMap | None = Field(
        None, alias="map", description="A tile-grid map; one per file: data/maps/<of>.yaml."
    )

    @model_validator(mode="before")
    @classmethod
    def _not_empty(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data:
            raise PydanticCustomError("empty-file", "the file holds no data")
        return data


def dataset_json_schema() -> dict[str, Any]:
    """JSON Schema of one data file, for editors (committed as data/schema.json)."""
    schema = DataFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
