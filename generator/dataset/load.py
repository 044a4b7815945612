"""The only code that reads the dataset: YAML 1.2 files -> validated `Dataset`.

Every problem is collected with its file, line and column, so a user sees all of them at once.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import gc
import hashlib
import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pydantic
import ruamel.yaml
import yaml
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode
from ruamel.yaml.reader import ReaderError

from generator.dataset import fastyaml
from generator.dataset.files import FIGURES_DIR, data_files, unread_files
from generator.dataset.limits import MAX_ALIAS_VALUES, MAX_DEPTH
from generator.dataset.problems import DataError, Position, Problem
from generator.dataset.references import Names, file_references
from generator.dataset.schema import (
    SLUG_PATTERN,
    DataFile,
    Event,
    Figure,
    Office,
    Region,
    Register,
    Revision,
    Source,
    TileMap,
)
from generator.dataset.snapshots import read_snapshots
from generator.memory import collector_paused
from generator.site.cache import pack, unpack
from generator.workers import parallel_map

FieldPath = fastyaml.FieldPath


@dataclass(frozen=True)
class Dataset:
    """Everything the site is built from, validated and cross-referenced."""

    regions: dict[str, Region]
    offices: dict[str, Office]
    sources: dict[str, Source]
    events: dict[str, Event]
    figures: tuple[Figure, ...]
    register: Register | None = None  # where the regions come from
    maps: dict[str, TileMap] = field(default_factory=dict)  # tile-grid maps by what they show
    # Where each region, office, source, event and figure was written (not part of equality).
    positions: dict[str, Position] = field(default_factory=dict, compare=False, repr=False)
    # Each source's snapshot text, by source id, for `check` to verify quotes against.
    snapshots: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def offices_serving(self) -> dict[str, list[str]]:
        """Region slug -> the offices that serve it, in dataset order (built once, not per page)."""
        serving: dict[str, list[str]] = {}
        for slug, office in self.offices.items():
            for region in dict.fromkeys(s.region for s in office.serves):
                serving.setdefault(region, []).append(slug)
        return serving

    @cached_property
    def regions_in(self) -> dict[str, list[str]]:
        """Province slug -> its kabupaten/kota, in dataset order."""
        regions: dict[str, list[str]] = {}
        for slug, region in self.regions.items():
            if region.parent:
                regions.setdefault(region.parent, []).append(slug)
        return regions

    def position_of(self, key: str) -> Position:
        return self.positions.get(key, Position("?"))

    def area_name(self, area: tuple[str, ...] | str) -> str:
        """Reader-facing name: 'Kabupaten Blitar', 'Kantor Cabang Blitar', 'Kota Blitar dan ...'."""
        slugs = (area,) if isinstance(area, str) else area
        return " dan ".join(self._name(slug) for slug in slugs)

    def _name(self, slug: str) -> str:
        if slug in self.offices:
            return self.offices[slug].name
        region = self.regions[slug]
        return region.name if region.type == "provinsi" else f"{region.type.title()} {region.name}"


class _Refused(MarkedYAMLError):
    """YAML that is valid but that a data file may not use."""

    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.code = code


def _as_written(node: Node, limit: int = 60) -> str:
    """A node's text as the file has it, on one line and shortened: `!foo [a]`."""
    start, end = node.start_mark, node.end_mark
    written = " ".join(start.buffer[start.index : end.index].split())
    return written if len(written) <= limit else written[: limit - 1] + "…"


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps timestamps as text (the schema parses dates) and
    refuses what a data file never needs: tags of its own and merge keys."""

    def refuse_tag(self, node: Node) -> None:
        written = _as_written(node)
        tag = written.split(maxsplit=1)[0]
        message = f"{written!r} has the tag {tag}; data files use no tags: write it without"
        raise _Refused("unknown-tag", message, node.start_mark)

    def flatten_mapping(self, node: MappingNode) -> Any:
        for key, _ in node.value:
            if key.tag == _MERGE_TAG:
                message = "a merge key (<<) is not supported; write the fields out"
                raise _Refused("merge-key", message, key.start_mark)
        return super().flatten_mapping(node)

    def check_mapping_key(
        self, node: MappingNode, key_node: Node, mapping: Any, key: Any, value: Any
    ) -> bool:
        """ruamel.yaml names the mapping's first line; name the first of the duplicated keys."""
        if key in mapping:
            first = next(k for k, _ in node.value if self.construct_object(k) == key)
            raise DuplicateKeyError(None, first.start_mark, f'"{key}"', key_node.start_mark)
        return True


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
_Constructor.add_constructor(None, _Constructor.refuse_tag)


class _Composer(Composer):
    """Composes within generator.dataset.limits: counts what aliases stand for before any is
    expanded, and refuses an alias inside its own anchor (a value that never ends)."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.alias_values = 0
        self.sizes: dict[int, int] = {}
        self.open_anchors: list[str] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            if (node := self.anchors.get(event.anchor)) is not None:
                self._count_alias(event, node)
                self.parser.get_event()
                return _placed_at(node, event)
        return super().compose_node(parent, index)

    def _count_alias(self, event: AliasEvent, node: Node) -> None:
        if isinstance(node, ScalarNode):
            return  # one value for one alias: nothing multiplies
        if event.anchor in self.open_anchors:
            message = f"alias *{event.anchor} lies inside its own anchor, so it never ends"
            raise _Refused("alias-limit", message, event.start_mark)
        self.alias_values += _expanded_size(node, self.sizes)
        if self.alias_values > MAX_ALIAS_VALUES:
            message = (
                f"with *{event.anchor}, aliases stand for {self.alias_values:,} values, more than "
                f"the {MAX_ALIAS_VALUES:,} a data file may repeat; write the values out"
            )
            raise _Refused("alias-limit", message, event.start_mark)

    def compose_sequence_node(self, anchor: Any) -> Any:
        with self._open(anchor):
            return super().compose_sequence_node(anchor)

    def compose_mapping_node(self, anchor: Any) -> Any:
        with self._open(anchor):
            return super().compose_mapping_node(anchor)

    @contextlib.contextmanager
    def _open(self, anchor: str | None) -> Iterator[None]:
        self.open_anchors.append(anchor or "")
        try:
            yield
        finally:
            self.open_anchors.pop()


def _placed_at(node: Node, alias: AliasEvent) -> Node:
    """The anchor's node where its alias is written, so a problem with it points at the alias."""
    placed = copy.copy(node)
    placed.start_mark, placed.end_mark = alias.start_mark, alias.end_mark
    return placed


def _expanded_size(node: Node, sizes: dict[int, int]) -> int:
    """How many values a node stands for once its aliases are expanded, memoised by node."""
    if isinstance(node, ScalarNode):
        return 1
    if id(node) not in sizes:
        children = (
            (n for pair in node.value for n in pair)
            if isinstance(node, MappingNode)
            else node.value
        )
        sizes[id(node)] = 1 + sum(_expanded_size(child, sizes) for child in children)
    return sizes[id(node)]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    yaml.max_depth = MAX_DEPTH
    yaml.version = (1, 2)
    return yaml


# --- reading one file ---------------------------------------------------------------------------


@dataclass
class ParsedFile:
    """A file's data as plain Python, and the position of every value and key in it.

    The fast reader records positions two levels deep only; asking for a deeper one reads the
    text again with ruamel.yaml, once, which happens only when a problem needs reporting.
    """

    name: str
    data: Any
    values: dict[FieldPath, tuple[int, int]]
    keys: dict[FieldPath, tuple[int, int]]
    text: str = ""
    is_complete: bool = True

    def position(self, path: FieldPath, *, at_key: bool = False) -> Position:
        if not self.is_complete and len(path) > fastyaml.POSITION_DEPTH:
            self._complete()
        table = self.keys if at_key else self.values
        for end in range(len(path), -1, -1):  # fall back to the nearest enclosing node
            if path[:end] in table:
                line, column = table[path[:end]]
                return Position(self.name, line + 1, column + 1)
        return Position(self.name, 1, 1)

    def _complete(self) -> None:
        precise = _read_precise(self.name, self.text)
        assert isinstance(precise, ParsedFile), "the fast reader accepted what ruamel rejects"
        self.values, self.keys, self.is_complete = precise.values, precise.keys, True


def _to_plain(node: Any, path: FieldPath, parsed: ParsedFile) -> Any:
    """Copy ruamel's node tree into plain dicts, lists and scalars, recording positions."""
    if isinstance(node, CommentedMap):
        plain = {}
        for key, value in node.items():
            child = (*path, str(key))
            parsed.keys[child] = node.lc.key(key)
            parsed.values[child] = node.lc.value(key)
            plain[str(key)] = _to_plain(value, child, parsed)
        return plain
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            parsed.values[(*path, index)] = node.lc.item(index)
            items.append(_to_plain(value, (*path, index), parsed))
        return items
    for plain_type in (bool, int, float, str):  # ScalarFloat, ScalarInt ... -> builtins
        if isinstance(node, plain_type):
            return plain_type(node)
    return node


def _position_in_text(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _tab_problems(name: str, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    Position(name, number, indent.index("\t") + 1),
                    "",
                    "tab in indentation; YAML indents with spaces only",
                    "tab-indentation",
                )
            )
    return problems


def _yaml_problem(name: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark
    position = Position(name, mark.line + 1, mark.column + 1) if mark else Position(name, 1, 1)
    if isinstance(error, DuplicateKeyError):
        first = error.context_mark.line + 1 if error.context_mark else "?"
        key = str(error.problem).split('"')[1] if '"' in str(error.problem) else "?"
        return Problem(position, key, f"key appears twice (first at line {first})", "duplicate-key")
    if isinstance(error, MaxDepthExceededError):
        message = f"values nested more than {MAX_DEPTH} levels deep; a data file needs six"
        return Problem(position, "", message, "nesting-limit")
    if isinstance(error, _Refused):
        return Problem(position, "", str(error.problem), error.code)
    return Problem(position, "", str(error.problem), "yaml-syntax")


def parse_file(raw: bytes, name: str) -> ParsedFile | list[Problem]:
    """Parse one YAML file into plain data with positions, or return why it cannot be read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_in_text(raw[: error.start].decode("utf-8", "replace"), error.start)
        return [
            Problem(
                Position(name, line, column),
                "",
                f"byte {raw[error.start]:#04x} is not valid UTF-8; save the file as UTF-8",
                "invalid-utf8",
            )
        ]
    if problems := _tab_problems(name, text):
        return problems
    if fast := fastyaml.read_fast(text):
        data, keys, values = fast
        return ParsedFile(name, data, {**values, (): (0, 0)}, keys, text, is_complete=False)
    return _read_precise(name, text)


def _read_precise(name: str, text: str) -> ParsedFile | list[Problem]:
    """Read with ruamel.yaml: every position, and the reference message for every problem."""
    try:
        node = _yaml().load(text)
    except MarkedYAMLError as error:
        return [_yaml_problem(name, error)]
    except ReaderError as error:  # a control character, which YAML does not allow anywhere
        line, column = _position_in_text(text, error.position)
        message = f"character U+{error.character:04X} is not allowed in YAML; delete it"
        return [Problem(Position(name, line, column), "", message, "invalid-character")]
    if node is None:
        return [Problem(Position(name, 1, 1), "", "the file holds no data", "empty-file")]
    parsed = ParsedFile(name, None, {(): (0, 0)}, {}, text)
    parsed.data = _to_plain(node, (), parsed)
    return parsed


# --- validation ---------------------------------------------------------------------------------

_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "invalid-choice",
    "string_pattern_mismatch": "invalid-format",
    "string_too_short": "empty-value",
    "too_short": "empty-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
}
_FIELD_NAMES: dict[str, set[str]] = {
    model.__name__: {f.alias or name for name, f in model.model_fields.items()}
    for model in (DataFile, Region, Office, Source, Figure, Event, Revision)
}


def _field_label(path: FieldPath) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _clean_loc(loc: tuple[Any, ...], data: Any, *, missing: bool) -> FieldPath:
    """The parts of pydantic's location that index into the data; the parts it adds for unions,
    validators and keys ('int', 'function-before[...]', '[key]') index nothing and are dropped.

    Walking the data, rather than matching those names, keeps a user's key such as 'int' or
    'a[b]'. A missing field is not in the data, so it is kept as the last part.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
    if missing and loc and (not path or path[-1] != loc[-1]):
        path.append(loc[-1])
    return tuple(path)


# How a type error names what was expected and what was found, in a data editor's words.
_TYPE_WORDS = {
    "bool": "true or false",
    "int": "a number",
    "float": "a number",
    "string": "text",
    "date": "a date (YYYY-MM-DD)",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
}


def _found(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _close_match(word: str, options: set[str] | list[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def _message(error: Any, path: FieldPath) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"required field {path[-1]!r} is missing"
    if kind == "extra_forbidden":
        allowed = set().union(*_FIELD_NAMES.values())
        return f"unknown field {path[-1]!r}{_close_match(str(path[-1]), allowed)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        return f"{value!r} is not one of {expected}{_close_match(str(value), options)}"
    if kind.endswith("_type") or kind.startswith("is_instance"):
        expected = kind.removesuffix("_type")
        return f"expected {_TYPE_WORDS.get(expected, expected)}, got {_found(value)}"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == SLUG_PATTERN:
        return f"{value!r} is not a slug: {_SLUG_WORDS}{_slug_suggestion(str(value))}"
    return str(error["msg"])


_SLUG_WORDS = "lowercase letters and digits in words joined by single hyphens"


def _slug_suggestion(text: str) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return f"; did you mean {slug!r}?" if slug else ""


def _schema_problems(parsed: ParsedFile, error: ValidationError) -> list[Problem]:
    problems = {}
    for item in error.errors():
        path = _clean_loc(item["loc"], parsed.data, missing=item["type"] == "missing")
        code = _CODES.get(item["type"], item["type"].replace("_", "-"))
        if code.endswith("-type") or code.startswith("is-instance"):
            code = "type-error"
        at_key = item["type"] == "extra_forbidden" or item["loc"][-1:] == ("[key]",)
        position = parsed.position(path, at_key=at_key)
        problem = Problem(position, _field_label(path), _message(item, path), code)
        problems.setdefault((position, problem.field), problem)  # unions repeat one problem
    return list(problems.values())


def validate_file(parsed: ParsedFile) -> DataFile | list[Problem]:
    try:
        return DataFile.model_validate(parsed.data)
    except ValidationError as error:
        return _schema_problems(parsed, error)


# --- the whole directory ------------------------------------------------------------------------


@dataclass
class _Collected:
    regions: dict[str, Region] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    register: Register | None = None
    maps: dict[str, TileMap] = field(default_factory=dict)
    figure_by_key: dict[str, Figure] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _collect_named(
    collected: _Collected, parsed: ParsedFile, section: str, items: dict[str, Any]
) -> None:
    target = getattr(collected, section)
    for name, item in items.items():
        position = parsed.position((section, name), at_key=True)
        if problem := _area_slug_taken(collected, section, name, position):
            collected.problems.append(problem)
            continue
        if name in target:
            first = collected.positions[f"{section}:{name}"]
            collected.problems.append(
                Problem(
                    position,
                    f"{section}.{name}",
                    f"{name!r} is defined twice (first at {first})",
                    "duplicate-id",
                )
            )
            continue
        target[name] = item
        collected.positions[f"{section}:{name}"] = position


def _area_slug_taken(
    collected: _Collected, section: str, name: str, position: Position
) -> Problem | None:
    """Regions and offices share one set of slugs: a figure's `area` names either, and both
    write unduh/wilayah/<slug>.csv."""
    other = {"regions": "offices", "offices": "regions"}.get(section)
    if other is None or name not in getattr(collected, other):
        return None
    first = collected.positions[f"{other}:{name}"]
    message = f"{name!r} is already the slug of {other.removesuffix('s')} at {first}"
    return Problem(position, f"{section}.{name}", message, "duplicate-id")


def _collect_file(
    collected: _Collected, parsed: ParsedFile, content: DataFile, names: Names
) -> None:
    for section in ("regions", "offices", "sources", "events"):
        if items := getattr(content, section):
            _collect_named(collected, parsed, section, items)
    if content.region_register is not None:
        if collected.register is not None:
            message = "the register is given twice; give it once, in regions.yaml"
            position = parsed.position(("register",), at_key=True)
            collected.problems.append(Problem(position, "register", message, "duplicate-id"))
        collected.register = content.region_register
    if (tile_map := content.tile_map) is not None:
        position = parsed.position(("map",), at_key=True)
        if tile_map.of in collected.maps:
            first = collected.positions[f"map:{tile_map.of}"]
            message = f"a second map of {tile_map.of!r} (first at {first})"
            collected.problems.append(Problem(position, "map.of", message, "duplicate-id"))
        collected.maps[tile_map.of] = tile_map
        collected.positions[f"map:{tile_map.of}"] = position
    path = Path(parsed.name)
    in_figures_dir = path.parent.name == FIGURES_DIR
    for index, figure in enumerate(content.figures or ()):
        position = parsed.position(("figures", index))
        if (first := collected.figure_by_key.get(figure.key)) and first.value == figure.value:
            collected.problems.append(_duplicate_figure(collected, first, figure, position, index))
            continue
        collected.figures.append(figure)
        collected.figure_by_key.setdefault(figure.key, figure)
        collected.positions.setdefault(f"figure:{figure.key}", position)
        if in_figures_dir:
            collected.problems.extend(_file_name_problems(parsed, path.name, index, figure, names))


def _duplicate_figure(
    collected: _Collected, first: Figure, figure: Figure, position: Position, index: int
) -> Problem:
    """A figure given twice (a copy, or `- *alias` of one) would be listed, charted and
    downloaded twice under one anchor. Different values are left to the consistency checks."""
    at = collected.positions[f"figure:{first.key}"]
    message = (
        f"an exact copy of the figure at {at}; delete one"
        if figure == first
        else f"the same figure (area, indicator, segment, period, source, value) as at {at}; "
        "keep one"
    )
    return Problem(position, f"figures[{index}]", message, "duplicate-figure")


def _file_name_problems(
    parsed: ParsedFile, file_name: str, index: int, figure: Figure, names: Names
) -> Iterator[Problem]:
    """Figures live in figures/<area>.yaml, so an editor knows where to add one.

    An area that names nothing is reported as unknown instead: its file name would mislead.
    """
    expected = "+".join(figure.area) + ".yaml"
    if file_name != expected and set(figure.area) <= names.areas:
        yield Problem(
            parsed.position(("figures", index, "area")),
            f"figures[{index}].area",
            f"a figure for {'+'.join(figure.area)!r} belongs in figures/{expected}",
            "wrong-file",
        )


def _names(contents: list[tuple[ParsedFile, DataFile]]) -> Names:
    def ids(section: str) -> frozenset[str]:
        return frozenset(k for _, c in contents for k in (getattr(c, section) or {}))

    return Names(ids("regions"), ids("offices"), ids("sources"))


def _reference_problems(
    contents: list[tuple[ParsedFile, DataFile]], names: Names, incomplete: set[str]
) -> Iterator[Problem]:
    """Every reference to a name nothing defines; unless the name may be in a file that could
    not be read (`incomplete` sections): then the file's own problem is the one to fix first,
    and one bad slug in regions.yaml does not bury it under one error per figure."""
    for parsed, content in contents:
        for bad in file_references(content, names):
            if not incomplete & _SECTIONS_NAMED[bad.code]:
                position = parsed.position(bad.path)
                yield Problem(position, _field_label(bad.path), bad.message, bad.code)


_SECTIONS_NAMED = {
    "unknown-region": {"regions"},
    "unknown-area": {"regions", "offices"},
    "unknown-source": {"sources"},
}


def _incomplete_sections(reads: list[_Read]) -> set[str]:
    """Sections some of whose names may be missing, because a file holding them has problems."""
    incomplete: set[str] = set()
    for read in reads:
        if read.content is None:
            incomplete |= (
                read.sections if read.sections is not None else {"regions", "offices", "sources"}
            )
    return incomplete


# --- reading every file: cached by content, in parallel when there are many ------------------

# A cache entry holds a valid file's content and shallow positions. Its key hashes the file's
# bytes with the code that reads them, so an edited file or loader never meets a stale entry.
_READER_FILES = ("fastyaml.py", "load.py", "periods.py", "schema.py", "vocabulary.py")
_POOL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves


def _reader_version() -> bytes:
    here = Path(__file__).parent
    code = b"".join((here / name).read_bytes() for name in _READER_FILES)
    versions = f"{pydantic.VERSION} {ruamel.yaml.__version__} {yaml.__version__}".encode()
    return hashlib.sha256(code + versions).digest()


@dataclass
class _Read:
    """One file read: its content and shallow positions, or its problems."""

    content: DataFile | None
    keys: dict[FieldPath, tuple[int, int]]
    values: dict[FieldPath, tuple[int, int]]
    problems: list[Problem]
    data: Any = None  # the plain data it validated, to keep in the cache
    # Of a file with problems: the sections it holds (regions, sources ...); None if unreadable.
    sections: frozenset[str] | None = None


def read_file(name: str, raw: bytes) -> _Read:
    """Parse and validate one file (a pool worker's job: plain arguments, a picklable result)."""
    parsed = parse_file(raw, name)
    content = parsed if isinstance(parsed, list) else validate_file(parsed)
    if isinstance(content, list):
        return _Read(None, {}, {}, content, sections=_sections(parsed))
    assert isinstance(parsed, ParsedFile)
    keys = {k: v for k, v in parsed.keys.items() if len(k) <= fastyaml.POSITION_DEPTH}
    values = {k: v for k, v in parsed.values.items() if len(k) <= fastyaml.POSITION_DEPTH}
    return _Read(content, keys, values, [], parsed.data)


def _sections(parsed: ParsedFile | list[Problem]) -> frozenset[str] | None:
    if isinstance(parsed, list):
        return None
    return frozenset(parsed.data) if isinstance(parsed.data, dict) else frozenset()


def _read_all(files: list[tuple[str, bytes]]) -> list[_Read]:
    return parallel_map(_read_one, files, min_items=_POOL_MIN_FILES)


def _read_one(file: tuple[str, bytes]) -> _Read:
    return read_file(*file)


# A valid file as kept in the cache: its plain data and shallow positions, as JSON. A hit
# validates the data again, as a miss does: the same code decides what a file holds.
_Kept = tuple[Any, list[tuple[FieldPath, tuple[int, int]]], list[tuple[FieldPath, tuple[int, int]]]]
_KEPT: TypeAdapter[_Kept] = TypeAdapter(_Kept)


def _kept(read: _Read) -> bytes:
    return pack((read.data, list(read.keys.items()), list(read.values.items())), _KEPT)


def _from_kept(entry: bytes) -> _Read:
    data, keys, values = unpack(entry, _KEPT)
    return _Read(DataFile.model_validate(data), dict(keys), dict(values), [], data)


def read_files(
    files: list[tuple[str, bytes]], cache: MutableMapping[str, bytes] | None = None
) -> list[_Read]:
    """Every file read, in order: valid files come from the cache when their bytes are known."""
    cache = {} if cache is None else cache
    version = _reader_version()
    keys = [hashlib.sha256(version + raw).hexdigest() for _, raw in files]
    results: dict[int, _Read] = {}
    for i, key in enumerate(keys):
        if (entry := cache.get(key)) is not None:
            with contextlib.suppress(Exception):  # an unreadable entry is only a miss
                results[i] = _from_kept(entry)
    misses = [i for i in range(len(files)) if i not in results]
    for i, read in zip(misses, _read_all([files[i] for i in misses]), strict=True):
        results[i] = read
        if read.content is not None:
            cache[keys[i]] = _kept(read)
    return [results[i] for i in range(len(files))]


def load_dataset(data_dir: Path, cache: MutableMapping[str, bytes] | None = None) -> Dataset:
    """Read and validate every YAML file under data_dir; raise DataError listing all problems.

    `cache` keeps each valid file's validated content by a hash of its bytes (see read_files).
    """
    if not data_dir.is_dir():
        raise DataError([Problem(Position(str(data_dir)), "", "no such directory", "no-data")])
    # Reading creates millions of objects and no cycles: collecting as the heap grows would make
    # the load quadratic (3 minutes instead of 30 s for 300.000 figures).
    with collector_paused():
        dataset = _load(data_dir, cache)
    gc.freeze()  # what was read lives on: later collections need not scan it again
    return dataset


def _no_figures(data_dir: Path, *, has_files: bool) -> Problem:
    """A site needs figures: without any, `check` must not say OK for `build` to fail."""
    if not has_files:
        message = "holds no data files; the dataset is data/*.yaml and data/figures/*.yaml"
        return Problem(Position(str(data_dir)), "", message, "no-data")
    message = "the dataset has no figures; add them in data/figures/<area>.yaml"
    return Problem(Position(str(data_dir)), "", message, "no-figures")


def _load(data_dir: Path, cache: MutableMapping[str, bytes] | None) -> Dataset:
    collected = _Collected()
    contents: list[tuple[ParsedFile, DataFile]] = []
    files = [(p.relative_to(data_dir).as_posix(), p.read_bytes()) for p in data_files(data_dir)]
    reads = read_files(files, cache)
    for (name, raw), read in zip(files, reads, strict=True):
        if read.content is None:
            collected.problems.extend(read.problems)
            continue
        text = raw.decode("utf-8")
        parsed = ParsedFile(name, None, read.values, read.keys, text, is_complete=False)
        contents.append((parsed, read.content))
    names = _names(contents)
    for parsed, content in contents:
        _collect_file(collected, parsed, content, names)
    collected.problems.extend(_reference_problems(contents, names, _incomplete_sections(reads)))
    collected.problems.extend(unread_files(data_dir))
    texts, problems = read_snapshots(data_dir, collected.sources, collected.positions)
    collected.problems.extend(problems)
    if not collected.problems and not collected.figures:
        collected.problems.append(_no_figures(data_dir, has_files=bool(files)))
    if collected.problems:
        raise DataError(collected.problems)
    return Dataset(
        regions=collected.regions,
        offices=collected.offices,
        sources=collected.sources,
        events=collected.events,
        figures=tuple(collected.figures),
        register=collected.register,
        maps=collected.maps,
        positions=collected.positions,
        snapshots=texts,
    )
