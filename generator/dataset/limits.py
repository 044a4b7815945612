"""How deep and how large through aliases a data file may be: both YAML readers hold to these.

An alias copies the value of its anchor, so nine levels of nine aliases to a list of nine (a
file of 400 bytes) stand for 9⁹ values: building them took 5.9 GB and minutes. And each level
of nesting costs the readers, which recurse, a few stack frames. A data file needs neither:
the deepest value of the schema (figures[0].revisions[0].source) is six levels down, and the
dataset's aliases repeat a quote, a single value. So the limits are far above any real file and
far below any harm, and both are checked before anything is expanded.
"""

from __future__ import annotations

# Levels of nesting (a mapping or list inside another); the schema needs six.
MAX_DEPTH = 32
# Values an alias of a mapping or list may stand for, summed over the file: ~800 copies of a
# whole figure. An alias of a single value (a quote) stands for one value and is not counted.
MAX_ALIAS_VALUES = 10_000
