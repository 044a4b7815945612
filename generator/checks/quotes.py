"""Quotes against their sources: verbatim in the source's snapshot, and holding the figure."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks._common import finding
from generator.dataset.problems import Problem
from generator.dataset.snapshots import comparable, snapshot_name
from generator.dataset.types import Dataset


def _quotes(dataset: Dataset) -> Iterator[tuple[str, str, str]]:
    """Every (source id, quote, where) the dataset holds: figures, events and service areas.
    A series' points have none (their series names its table instead)."""
    for figure in dataset.figures:
        if figure.quote is not None:
            yield figure.source, figure.quote, f"figure:{figure.key}"
    for key, event in dataset.events.items():
        yield event.source, event.quote, f"events:{key}"
    for key, office in dataset.offices.items():
        for area in office.serves:
            if area.quote is not None:
                yield area.source, area.quote, f"offices:{key}"


def check_quotes_in_snapshots(dataset: Dataset) -> Iterator[Problem]:
    """Every quote of a source with a snapshot must be verbatim in it (spacing aside)."""
    texts = {source: comparable(text) for source, text in dataset.snapshots.items()}
    for source, quote, where in _quotes(dataset):
        text = texts.get(source)
        if text is not None and comparable(quote) not in text:
            yield Problem(
                dataset.position_of(where),
                where.split(":", 1)[1] + ".quote",
                f"the quote is not verbatim in {snapshot_name(source)}: {quote[:80]!r}",
                "quote-not-in-source",
            )


def check_published_in_quote(dataset: Dataset) -> Iterator[Problem]:
    """A figure's `as_published` must appear in its quote: the number as the source wrote it."""
    for figure in dataset.figures:
        if figure.quote is not None and comparable(figure.as_published) not in comparable(
            figure.quote
        ):
            yield finding(
                dataset,
                [figure],
                f"{figure.as_published!r} does not appear in the figure's quote",
                "published-not-in-quote",
            )


def check_unverified_sources(dataset: Dataset) -> Iterator[Problem]:
    """A source without a snapshot is allowed, and reported: its quotes cannot be verified."""
    for source_id, source in dataset.sources.items():
        if source.snapshot is None:
            yield Problem(
                dataset.position_of(f"sources:{source_id}"),
                f"sources.{source_id}",
                f"no snapshot of {source.publisher!r} in snapshots/: its quotes are unverified",
                "unverified-source",
                "warning",
            )
