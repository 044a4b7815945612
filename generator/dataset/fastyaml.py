"""A fast reader for well-formed YAML 1.2: libyaml's C parser, ruamel.yaml's 1.2 rules.

ruamel.yaml's round-trip loader, pure Python, reads about 0.25 MB/s: 84 MB of national figures
would take six minutes. libyaml (through PyYAML's C binding) reads them about twenty times
faster, but PyYAML resolves plain scalars by YAML 1.1 (`NO` is false, `010` is 8, `1:20` is 80).
So this reader takes libyaml's nodes and resolves them with ruamel.yaml's own YAML 1.2 table.

It handles the plain subset the dataset uses (mappings, sequences, scalars, anchors and
aliases) and gives up, returning None, on anything else: a syntax error, a duplicate key, a
merge key, an explicit tag, a character YAML forbids, nesting deeper than `limits.MAX_DEPTH`,
aliases that stand for more than `limits.MAX_ALIAS_VALUES` values (it builds an anchor's value
once and never expands an alias bomb), or an alias of a mapping or list where it records
positions. The caller then reads the file with
ruamel.yaml, whose messages and positions are the reference. Tests check that both readers
agree on every file they both accept.

Positions are recorded two levels deep, (section,) and (section, id or index): where the
loader anchors regions, sources and figures; and of each series' points table, whose rows the
loader places by their line in it. Deeper positions only matter for a problem, and the caller
finds them by reading the file again with ruamel.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import implicit_resolvers

from generator.dataset.limits import MAX_ALIAS_VALUES, MAX_DEPTH

FieldPath = tuple[str | int, ...]
Positions = dict[FieldPath, tuple[int, int]]
POSITION_DEPTH = 2


def is_recorded(path: FieldPath) -> bool:
    """Whether the fast reader records the position of the value at `path`."""
    return len(path) <= POSITION_DEPTH or (
        len(path) == 3 and path[2] == "points" and path[0] == "series"
    )


_TAG = "tag:yaml.org,2002:"
_NON_PRINTABLE = Reader.NON_PRINTABLE


class _Resolver(yaml.resolver.BaseResolver):  # type: ignore[misc]
    """YAML 1.2 core schema, as ruamel.yaml resolves it."""


for _versions, _tag, _pattern, _first in implicit_resolvers:
    if (1, 2) in _versions:
        # ruamel.yaml compiles lazily behind a proxy; a plain pattern matches several times faster.
        _regexp = re.compile(_pattern.pattern, _pattern.flags)
        _Resolver.add_implicit_resolver(str(_tag), _regexp, _first)


class _Loader(yaml.cyaml.CParser, _Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        yaml.cyaml.CParser.__init__(self, stream)
        _Resolver.__init__(self)


class _Unsupported(Exception):
    """Something only the reference reader handles (or reports) correctly."""


def _int(text: str) -> int:
    """ruamel.yaml's YAML 1.2 integer: 0b, 0o and 0x prefixes, underscores ignored, 010 is 10."""
    digits = text.replace("_", "")
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1.0 if digits[0] == "-" else 1.0
    digits = digits.lstrip("+-")
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    return sign * float(digits)


_SCALARS: dict[str, Callable[[str], Any]] = {
    _TAG + "str": str,
    _TAG + "timestamp": str,  # dates stay text; the schema parses them
    _TAG + "null": lambda text: None,
    _TAG + "bool": lambda text: text.lower() == "true",
    _TAG + "int": _int,
    _TAG + "float": _float,
}


class _Builder:
    """Plain dicts, lists and scalars from libyaml's nodes, recording shallow positions.

    An alias is the anchor's node met again. Its value, built once, is used again, and what it
    stands for counts against limits.MAX_ALIAS_VALUES as in the reference reader. An alias of a
    mapping or list within POSITION_DEPTH is declined: its position would be its anchor's.
    """

    def __init__(self) -> None:
        self.keys: Positions = {}
        self.values: Positions = {}
        self.built: dict[int, tuple[Any, int]] = {}  # node id -> (value, values it stands for)
        self.open: set[int] = set()  # mappings and lists being built
        self.count = 0  # values built so far, aliases expanded
        self.alias_values = 0

    def plain(self, node: yaml.Node, path: FieldPath) -> Any:
        if path and is_recorded(path):  # the caller places the root at the file's start
            self.values[path] = (node.start_mark.line, node.start_mark.column)
        if len(path) >= MAX_DEPTH:
            raise _Unsupported("deep nesting")
        self.count += 1
        if isinstance(node, yaml.ScalarNode):
            construct = _SCALARS.get(node.tag)
            if construct is None:
                raise _Unsupported(node.tag)
            return construct(node.value)
        if id(node) in self.built or id(node) in self.open:
            return self._alias(node, path)
        first = self.count
        self.open.add(id(node))
        value = self._collection(node, path)
        self.open.discard(id(node))
        self.built[id(node)] = (value, self.count - first + 1)
        return value

    def _collection(self, node: yaml.Node, path: FieldPath) -> Any:
        if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
            return [self.plain(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _TAG + "map":
            return self._mapping(node, path)
        raise _Unsupported(node.tag)

    def _alias(self, node: yaml.Node, path: FieldPath) -> Any:
        if id(node) in self.open or len(path) <= POSITION_DEPTH:
            raise _Unsupported("an alias inside its anchor, or where positions are recorded")
        value, size = self.built[id(node)]
        self.alias_values += size
        if self.alias_values > MAX_ALIAS_VALUES:
            raise _Unsupported("aliases beyond the limit")
        self.count += size - 1
        return value

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unsupported("complex key")
            key = str(self.plain(key_node, ()))
            if key in mapping:
                raise _Unsupported("duplicate key")
            child = (*path, key)
            if len(child) <= POSITION_DEPTH:
                self.keys[child] = (key_node.start_mark.line, key_node.start_mark.column)
            mapping[key] = self.plain(value_node, child)
        return mapping


def read_fast(text: str) -> tuple[Any, Positions, Positions] | None:
    """(data, key positions, value positions) of a plain YAML 1.2 document, else None.

    Positions are 0-based (line, column), as ruamel.yaml's, and at most two levels deep.
    None means: read it with the reference reader, which also explains any problem.
    """
    if _NON_PRINTABLE.search(text) or re.search(r"^\s*%", text, re.MULTILINE):
        return None  # a forbidden character, or a directive (%YAML 1.1 ...)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder()
        return builder.plain(node, ()), builder.keys, builder.values
    except (yaml.YAMLError, _Unsupported, ValueError):
        return None
    finally:
        loader.dispose()
