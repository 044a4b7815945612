"""What a template may use: plain dataclasses built from the dataset, the frame and findings."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from generator.charts.block import ChartBlock, Link
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import EVENT_KINDS
from generator.pages.citation import Citation
from generator.pages.filters import Markdown, nilai
from generator.pages.fractions import Statements, coverage_fraction, statements
from generator.tables import READ_MARK, FrameRow
from generator.urls import SOURCES_PAGE, area_page_path, download_path


def area_path(dataset: Dataset, slug: str) -> str:
    """Where an area's page lives; the URL follows it and never changes for a slug."""
    return area_page_path(slug, is_office=slug in dataset.offices)


def note_anchor(problem: Problem) -> str:
    return f"catatan-{problem.code}--{problem.field}".replace("+", "-").replace(".", "-")


def area_link(
    dataset: Dataset, slug: str, pages: Collection[str], reading: str | None = None
) -> Link:
    """A link to an area's page if it has one (`pages`: areas_with_pages), else its name alone."""
    path = area_path(dataset, slug) if slug in pages else None
    return Link(dataset.area_name(slug), path, reading)


@dataclass(frozen=True)
class SourceEntry:
    """A source a page cites, with its address, so a printed page still says where to look."""

    link: Link  # its entry on the Sumber page
    title: str | None
    url: str | None
    has_snapshot: bool  # a copy of its text is kept in the repository to verify quotes


@dataclass(frozen=True)
class RevisionRow:
    date: str
    old: Markdown
    new: Markdown
    reason: str
    source: Link | None


@dataclass(frozen=True)
class Reading:
    label: str  # what is read: "tanggal", "segmen"...
    reason: str


# What each kind of reading is about, in the words the figure table uses.
READING_LABELS = {
    "period": "tanggal",
    "at": "awal dan akhir",
    "segment": "segmen",
    "indicator": "jenis angka",
    "area": "wilayah",
    "statistic": "jenis angka",
}
STATISTIC_LABELS = {"unweighted_average": "rata-rata tanpa bobot"}


@dataclass(frozen=True)
class FigureRow:
    anchor: str
    area_name: str
    period: str
    indicator: str
    segment: str
    value: Markdown
    as_published: str
    source: Link
    quote: str | None  # None for a series' point, which has its table's location instead
    note: str | None
    revisions: tuple[RevisionRow, ...] = ()
    fraction: Markdown | None = None  # numerator ÷ denominator behind a percentage
    readings: tuple[Reading, ...] = ()  # what the dataset records beyond the quote: ours
    statistic: str | None = None  # what a percentage that is no ratio is ("rata-rata ...")
    location: str | None = None  # where in its source: 'Tabel 3.2, hlm. 14'


@dataclass(frozen=True)
class EventRow:
    anchor: str
    period: str
    kind: str
    title: str
    description: str | None
    source: Link
    quote: str
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class NoteRow:
    anchor: str
    message: str
    code: str
    is_error: bool


@dataclass(frozen=True)
class Headline:
    coverage: FigureRow | None
    target: FigureRow | None
    gap: FigureRow | None


@dataclass(frozen=True)
class AreaPage:
    path: str
    slug: str
    title: str
    description: str
    facts: tuple[str, ...]
    headline: Headline
    charts: tuple[ChartBlock, ...]
    figures: tuple[FigureRow, ...]
    joint_figures: tuple[FigureRow, ...]
    office_figures: tuple[FigureRow, ...]
    events: tuple[EventRow, ...]
    notes: tuple[NoteRow, ...]
    related: tuple[Link, ...] = field(default=())
    figure_counts: tuple[int, int] = (0, 0)  # figures listed on the page, figures in all
    sources: tuple[SourceEntry, ...] = ()
    citation: Citation | None = None
    jsonld: str = ""  # schema.org Dataset, JSON text for the page's front matter
    og_image: str = ""  # absolute URL of the first chart's PNG, for link previews

    @property
    def csv_path(self) -> str:
        return download_path(self.slug, "csv")

    @property
    def json_path(self) -> str:
        return download_path(self.slug, "json")

    @property
    def xlsx_path(self) -> str:
        return download_path(self.slug, "xlsx")


# --- rows ---------------------------------------------------------------------------------------


def source_link(dataset: Dataset, source_id: str) -> Link:
    source = dataset.sources[source_id]
    date = source.published or source.reported
    text = f"{source.publisher}, {period_label(date)}" if date else source.publisher
    return Link(text, f"{SOURCES_PAGE}#sumber-{source_id}")


def source_entries(dataset: Dataset, source_ids: Iterable[str]) -> tuple[SourceEntry, ...]:
    """Each source once, in the order first cited."""
    return tuple(
        SourceEntry(
            source_link(dataset, key), source.title, source.url, source.snapshot is not None
        )
        for key in dict.fromkeys(source_ids)
        for source in [dataset.sources[key]]
    )


def linked_source_id(link: Link) -> str:
    """The source id of a link to the Sumber page (source_link)."""
    return (link.path or "").partition("#sumber-")[2]


def approximately(row: FrameRow, text: str) -> str:
    """`text`, with "sekitar" before it where the figure's source says so."""
    return f"sekitar {text}" if row.is_approximate else text


def figure_value(row: FrameRow) -> Markdown:
    """A figure's value with its unit as its source wrote it, "sekitar" included."""
    return Markdown(approximately(row, nilai(row.value, row.unit, row.as_published)))


def figure_row(dataset: Dataset, row: FrameRow, stated: Statements | None = None) -> FigureRow:
    """One figure for a table; `stated` (statements() of its area's figures) lets a percentage
    show its parts."""
    when = row.period_label
    if row.at:
        when = f"{'awal' if row.at == 'start' else 'akhir'} {when}"
    read = {about for about, _ in row.readings}
    indicator = row.indicator_label
    statistic = row.statistic
    if statistic:
        statistic = STATISTIC_LABELS[statistic] + (", tafsiran kami" if "statistic" in read else "")
        indicator += f", {statistic}"
    elif "indicator" in read:
        indicator += READ_MARK
    segment = row.segment_label + (READ_MARK if "segment" in read else "")
    return FigureRow(
        anchor=f"angka-{row.key}",
        area_name=row.area_name,
        period=when,
        indicator=indicator,
        segment=segment,
        value=figure_value(row),
        as_published=row.as_published,
        source=source_link(dataset, row.source),
        quote=row.quote,
        location=row.location,
        note=row.note,
        revisions=revision_rows(dataset, row),
        fraction=coverage_fraction(stated, row) if stated is not None else None,
        readings=tuple(Reading(READING_LABELS[a], reason) for a, reason in row.readings),
        statistic=statistic,
    )


def revision_rows(dataset: Dataset, row: FrameRow) -> tuple[RevisionRow, ...]:
    """A figure's corrections, oldest first, each from its old value to the next one."""
    revisions = row.revisions
    if not revisions:
        return ()
    texts = [nilai(r.old_value, row.unit, r.old_as_published) for r in revisions]
    texts.append(nilai(row.value, row.unit, row.as_published))
    return tuple(
        RevisionRow(
            date=period_label(revision.date.isoformat()),
            old=old,
            new=new,
            reason=revision.reason,
            source=source_link(dataset, revision.source) if revision.source else None,
        )
        for revision, old, new in zip(revisions, texts, texts[1:], strict=False)
    )


def _table_order(row: FrameRow) -> tuple[object, ...]:
    """Oldest first, then by indicator, then by segment (all segments together first)."""
    return (row.date, row.indicator, row.segment is not None, row.segment or "")


def figure_rows(
    dataset: Dataset, rows: Sequence[FrameRow], area_rows: Sequence[FrameRow] | None = None
) -> tuple[FigureRow, ...]:
    """Rows for a table, oldest first; `area_rows` (default: `rows`) give percentages parts."""
    stated = statements(rows if area_rows is None else area_rows)
    return tuple(figure_row(dataset, row, stated) for row in sorted(rows, key=_table_order))


def event_rows(dataset: Dataset, slug: str) -> tuple[EventRow, ...]:
    events = [(key, e) for key, e in dataset.events.items() if slug in e.areas]
    events.sort(key=lambda item: period_bounds(item[1].period))
    return tuple(
        EventRow(
            anchor=f"peristiwa-{key}",
            period=period_label(event.period) + (READ_MARK if event.readings else ""),
            kind=EVENT_KINDS[event.kind],
            title=event.title,
            description=event.description,
            source=source_link(dataset, event.source),
            quote=event.quote,
            readings=tuple(Reading(READING_LABELS[r.about], r.reason) for r in event.readings),
        )
        for key, event in events
    )


def note_rows(findings: list[Problem], slug: str) -> tuple[NoteRow, ...]:
    return tuple(
        NoteRow(note_anchor(p), p.message, p.code, p.is_error) for p in findings if slug in p.areas
    )


def headline(dataset: Dataset, own: Sequence[FrameRow]) -> Headline:
    stated = statements(own)

    def latest(indicator: str) -> FigureRow | None:
        rows = [row for row in own if row.indicator == indicator and row.segment is None]
        if not rows:
            return None
        return figure_row(dataset, max(reversed(rows), key=lambda row: row.date), stated)

    return Headline(latest("coverage"), latest("coverage_target"), latest("coverage_gap"))
