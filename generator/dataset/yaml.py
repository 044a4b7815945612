"""Reading one YAML file: bytes -> plain data with the position of every value, or problems.

Two readers: fastyaml (libyaml, shallow positions) for the common well-formed file, and
ruamel.yaml, the reference, for every position and every message. Both hold to
generator.dataset.limits. Nothing here knows the schema.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode
from ruamel.yaml.reader import ReaderError

from generator.dataset import fastyaml
from generator.dataset.limits import MAX_ALIAS_VALUES, MAX_DEPTH
from generator.dataset.problems import Position, Problem

FieldPath = fastyaml.FieldPath


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
        table = self.keys if at_key else self.values
        if path not in table and not self.is_complete and len(path) > fastyaml.POSITION_DEPTH:
            self._complete()
            table = self.keys if at_key else self.values
        for end in range(len(path), -1, -1):  # fall back to the nearest enclosing node
            if path[:end] in table:
                line, column = table[path[:end]]
                return Position(self.name, line + 1, column + 1)
        return Position(self.name, 1, 1)

    def block_start(self, path: FieldPath) -> tuple[int, int] | None:
        """Line and column (1-based) of the first line of the literal block (`|`) at `path`, or
        None when the value is written otherwise (its lines are then not the file's)."""
        at = self.position(path)
        lines = self.lines
        if not 0 < at.line < len(lines) or lines[at.line - 1][at.column - 1 : at.column] != "|":
            return None
        content = next((line for line in lines[at.line :] if line.strip()), "")
        return at.line + 1, len(content) - len(content.lstrip(" ")) + 1

    def in_block(self, path: FieldPath, line: int, cell: int) -> Position:
        """Where word `cell` of line `line` of the literal block at `path` is written."""
        start = self.block_start(path)
        if start is None:
            return self.position(path)
        number = start[0] + line
        words = [m.start() for m in re.finditer(r"\S+", self.lines[number - 1])]
        column = words[min(cell, len(words) - 1)] + 1 if words else start[1]
        return Position(self.name, number, column)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def _complete(self) -> None:
        precise = read_precise(self.name, self.text)
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


_TAB_IN_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def _tab_problems(name: str, text: str) -> list[Problem]:
    if not _TAB_IN_INDENT.search(text):
        return []  # the common case, found in one pass of the regex engine, not line by line
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
    return read_precise(name, text)


def read_precise(name: str, text: str) -> ParsedFile | list[Problem]:
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
