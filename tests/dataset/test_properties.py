"""Properties of the dataset code, over generated input (Hypothesis).

Each property uses its own temporary directory per example (tempfile, not tmp_path: Hypothesis
runs many examples inside one call of the test function).
"""

from __future__ import annotations

import calendar
import io
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.checks import run_checks
from generator.checks.numbers import format_number, parse_published
from generator.dataset.dump import dump_dataset
from generator.dataset.load import load_dataset
from generator.dataset.periods import normalize_period, period_bounds, period_label
from generator.dataset.problems import DataError
from generator.dataset.schema import Event, Figure, Office, Region, Source
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, MAX_COUNT

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- any YAML either loads or raises DataError ------------------------------------------------

FIELD_NAMES = sorted(
    {
        f.alias or name
        for m in (Region, Office, Source, Figure, Event)
        for name, f in m.model_fields.items()
    }
    | {"regions", "offices", "sources", "events", "figures", "kota-blitar", "sumber-uji"}
)
YAMLISH = ":-[]{}&*!|>'\"%@`#,? \t\n.0123456789abcyn~"

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates().map(date.isoformat)
    | st.sampled_from(["2023-02-30", "2023-Q5", "1.234", "orang", "persen", "coverage", "ya"])
)
trees = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)
structured_yaml = st.dictionaries(
    st.sampled_from(["regions", "offices", "sources", "events", "figures", "extra"]),
    trees,
    max_size=3,
)


def _dumped(tree: Any) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(tree, stream)
    return stream.getvalue()


yaml_texts = (
    st.text() | st.text(alphabet=YAMLISH) | trees.map(_dumped) | structured_yaml.map(_dumped)
)


def _load_one_file(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        try:
            dataset = load_dataset(Path(directory))
        except DataError as error:
            assert error.problems
            return
        run_checks(dataset)


@PROPERTY
@given(
    name=st.sampled_from(["sources.yaml", "figures/kota-blitar.yaml"]),
    text=yaml_texts,
)
def test_any_yaml_text_loads_or_raises_data_error(name: str, text: str) -> None:
    _load_one_file(name, text)


# --- valid periods ----------------------------------------------------------------------------


@st.composite
def single_periods(draw: st.DrawFn) -> tuple[str, date, date]:
    """A period of one day, month, quarter or year, with the first and last day it covers."""
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    year, month = day.year, day.month
    kind = draw(st.sampled_from(["day", "month", "quarter", "year"]))
    if kind == "day":
        return day.isoformat(), day, day
    if kind == "month":
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last)
    if kind == "quarter":
        quarter = (month - 1) // 3 + 1
        first, final = 3 * quarter - 2, 3 * quarter
        last = date(year, final, calendar.monthrange(year, final)[1])
        return f"{year:04d}-Q{quarter}", date(year, first, 1), last
    return f"{year:04d}", date(year, 1, 1), date(year, 12, 31)


@st.composite
def periods(draw: st.DrawFn) -> tuple[str, date, date]:
    """A single period, or a range of two whose end is not before its start."""
    start = draw(single_periods())
    if not draw(st.booleans()):
        return start
    end = draw(single_periods())
    if end[2] < start[1]:
        start, end = end, start
    return f"{start[0]}/{end[0]}", start[1], end[2]


@PROPERTY
@given(periods())
def test_every_valid_period_has_its_bounds_and_a_label(period: tuple[str, date, date]) -> None:
    text, first, last = period

    assert normalize_period(text) == text
    assert period_bounds(text) == (first, last)
    assert period_label(text).strip()


# --- Indonesian numbers -----------------------------------------------------------------------


@PROPERTY
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", " pekerja", " orang"]))
def test_indonesian_integer_round_trips_through_parse_published(number: int, words: str) -> None:
    text = f"{number:,}".replace(",", ".") + words

    assert parse_published(text) == (number, 0.5)
    assert format_number(number) == f"{number:,}".replace(",", ".")


# --- load(dump(dataset)) == dataset -----------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
texts = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40)
period_texts = periods().map(lambda period: period[0])


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


@st.composite
def values(draw: st.DrawFn, indicator: str) -> int | float:
    spec = INDICATORS[indicator]
    low = -(10**9) if spec.minimum is None else spec.minimum
    high = MAX_COUNT if spec.maximum is None else spec.maximum  # no count beyond Indonesia's people
    integers = st.integers(min_value=int(low), max_value=int(high))
    if spec.unit != "persen":
        return draw(integers)
    return draw(integers | st.floats(min_value=low, max_value=high, allow_nan=False))


@st.composite
def figures(draw: st.DrawFn, regions: list[str], offices: list[str], sources: list[str]) -> Figure:
    areas = st.sampled_from(regions + offices).map(lambda slug: [slug])
    if len(regions) >= 2:
        areas |= st.lists(st.sampled_from(regions), min_size=2, max_size=3, unique=True)
    indicator = draw(st.sampled_from(sorted(INDICATORS)))
    data = {
        "area": draw(areas),
        "indicator": indicator,
        "segment": draw(_optional(st.sampled_from(["pu", "bpu", "jakon", "pmi"]))),
        "unit": INDICATORS[indicator].unit,
        "value": draw(values(indicator)),
        "as_published": draw(texts),
        "period": draw(period_texts),
        "at": draw(_optional(st.sampled_from(["start", "end"]))),
        "is_approximate": draw(st.booleans()),
        "source": draw(st.sampled_from(sources)),
        "quote": draw(texts),
        "note": draw(_optional(texts)),
        "readings": draw(
            st.lists(st.fixed_dictionaries({"about": abouts, "reason": texts}), max_size=2)
        ),
    }
    if data["unit"] == "persen":
        data["statistic"] = draw(_optional(st.just("unweighted_average")))
    return Figure.model_validate(_without_none(data))


abouts = st.sampled_from(["period", "at", "segment", "indicator", "area", "statistic"])


def _source() -> st.SearchStrategy[Source]:
    fields = {
        "publisher": texts,
        "title": _optional(texts),
        "author": _optional(texts),
        "editor": _optional(texts),
        "published": _optional(period_texts),
        "reported": _optional(period_texts),
        "date_note": _optional(texts),
        "language": st.sampled_from(["id", "en"]),
        "url": _optional(
            st.from_regex(r"https?://[a-z0-9.]{1,12}(/[a-z0-9_%-]{0,8}){0,3}", fullmatch=True)
        ),
        "accessed": st.dates(),
    }
    return st.fixed_dictionaries(fields).map(lambda d: Source.model_validate(_without_none(d)))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A small valid dataset, its figures in the order the loader reads them back."""
    names = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    regions = names[:-1] or names
    offices = [f"kantor-{name}" for name in names[len(regions) :]]
    sources = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    region_models = {
        slug: Region.model_validate(
            _without_none(
                {
                    "name": draw(texts),
                    "type": draw(st.sampled_from(["provinsi", "kabupaten", "kota"])),
                    "bps_code": draw(st.from_regex(r"\d{2}(\d{2})?", fullmatch=True)),
                    "parent": draw(_optional(st.sampled_from(regions))),
                }
            )
        )
        for slug in regions
    }
    office_models = {
        slug: Office.model_validate(
            {
                "name": draw(texts),
                "province": draw(st.sampled_from(regions)),
                "serves": [
                    _without_none(
                        {
                            "region": region,
                            "from": draw(_optional(period_texts)),
                            "to": draw(_optional(period_texts)),
                            "source": draw(st.sampled_from(sources)),
                            **draw(
                                st.one_of(
                                    st.fixed_dictionaries({"quote": texts}),
                                    st.fixed_dictionaries({"reading": texts}),
                                )
                            ),
                        }
                    )
                    for region in draw(st.lists(st.sampled_from(regions), min_size=1, unique=True))
                ],
            }
        )
        for slug in offices
    }
    events = {
        slug: Event.model_validate(
            _without_none(
                {
                    "kind": draw(
                        st.sampled_from(["perjanjian", "pertemuan", "program", "regulasi"])
                    ),
                    "title": draw(texts),
                    "description": draw(_optional(texts)),
                    "period": draw(period_texts),
                    "areas": draw(
                        st.lists(st.sampled_from(regions + offices), min_size=1, max_size=3)
                    ),
                    "source": draw(st.sampled_from(sources)),
                    "quote": draw(texts),
                }
            )
        )
        for slug in draw(st.lists(slugs, max_size=2, unique=True))
    }
    # At least one figure, none twice: the loader refuses a dataset without figures or duplicates.
    figure_list = draw(
        st.lists(
            figures(regions, offices, sources), min_size=1, max_size=6, unique_by=lambda f: f.key
        )
    )
    figure_list.sort(key=lambda figure: Path("figures", "+".join(figure.area) + ".yaml"))
    return Dataset(
        regions=region_models,
        offices=office_models,
        sources={slug: draw(_source()) for slug in sources},
        events=events,
        figures=tuple(figure_list),
    )


def _round_trip(dataset: Dataset) -> Dataset:
    with tempfile.TemporaryDirectory() as directory:
        return load_dataset(dump_dataset(dataset, Path(directory)))


def test_shipped_dataset_survives_dump_and_load() -> None:
    dataset = load_dataset(DATA)

    assert _round_trip(dataset) == dataset


# Fewer examples: each writes and reads a whole directory. 1500 passed when this was written.
@settings(PROPERTY, max_examples=50)
@given(datasets())
def test_generated_dataset_survives_dump_and_load(dataset: Dataset) -> None:
    assert _round_trip(dataset) == dataset
