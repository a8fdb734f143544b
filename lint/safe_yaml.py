"""Every YAML a user supplies, read with limits: one place.

Front matter, ``newslint.yaml``, rule files and rule data files come from
strangers (a pull request, a downloaded style). A few hundred bytes of YAML
can expand, through aliases, into billions of values (the "billion laughs"),
nest deeper than Python recurses, or name a file that never ends
(``/dev/zero``, a FIFO). So every such text is:

1. at most ``Limits.size`` bytes (files are measured before they are read);
2. composed into a node tree with the C loader, which neither constructs
   values nor expands aliases (an alias is the same node object again);
3. measured on that tree, without recursion: nesting depth (aliases
   followed), the number of alias uses, and the number of values the
   document would have once every alias is expanded (an alias counts the
   size of its target); a recursive alias is refused;
4. only then constructed into Python values.

A limit passed is a :class:`LimitError` with the 1-based line (in the text
given) and a one-line problem; YAML syntax errors stay ``yaml.YAMLError``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# PyYAML is imported on first use: a run whose rules come from the rule
# cache reads no YAML (lint/rule_cache.py), and ``read_text`` needs none.


def Loader(text: str, core: bool = False) -> Any:
    """PyYAML's C loader (about ten times faster than the pure-Python one), else the pure-Python one.

    ``core``: scalars resolve as in YAML 1.2's core schema, as Vale (Go's
    YAML 1.2 parser) reads rule files: only true/false are booleans, so
    ``upon: on`` and ``- yes`` stay strings (PyYAML's YAML 1.1 makes them
    True)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return (_core_loader(base) if core else base)(text)


_CORE: dict[type, type] = {}


def _core_loader(base: type) -> type:
    got = _CORE.get(base)
    if got is None:
        import re

        bool_tag = "tag:yaml.org,2002:bool"
        got = type("Core" + base.__name__, (base,), {})
        got.yaml_implicit_resolvers = {  # type: ignore[attr-defined]
            k: [(tag, rx) for tag, rx in v if tag != bool_tag] for k, v in base.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
        }
        got.add_implicit_resolver(bool_tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))  # type: ignore[attr-defined]
        _CORE[base] = got
    return got

KB = 1024
MB = 1024 * KB


@dataclass(frozen=True)
class Limits:
    size: int  # bytes of text (UTF-8)
    depth: int = 64  # nesting of collections, aliases followed
    aliases: int = 100  # alias uses (``*name``, a merge ``<<: *name``)
    values: int = 100_000  # nodes once aliases are expanded
    core: bool = False  # YAML 1.2's core schema for scalars (see ``Loader``): rule and data files, as Vale reads them


FRONT_MATTER = Limits(size=256 * KB, values=20_000)
CONFIG = Limits(size=1 * MB)
RULE = Limits(size=4 * MB, core=True)
DATA = Limits(size=8 * MB, values=2_000_000, core=True)


class LimitError(ValueError):
    """A text or file past a limit: ``line`` (1-based, or None) and ``problem``."""

    def __init__(self, line: int | None, problem: str):
        super().__init__(f"{line}: {problem}" if line else problem)
        self.line, self.problem = line, problem


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB and n % MB == 0 else f"{n // KB} KB" if n >= KB else f"{n} bytes"


def check_size(text: str, limits: Limits) -> None:
    if len(text) > limits.size or len(text.encode("utf-8", "surrogatepass")) > limits.size:
        raise LimitError(None, f"too large (limit {_size(limits.size)})")


def compose(text: str, limits: Limits) -> yaml.Node | None:
    """The node tree of a one-document YAML text, within ``limits``."""
    check_size(text, limits)
    loader = Loader(text, limits.core)
    try:
        return _compose(loader, limits)
    finally:
        loader.dispose()


def _compose(loader: Any, limits: Limits) -> yaml.Node | None:
    try:
        node = loader.get_single_node()
    except RecursionError:  # the pure-Python composer recurses (libyaml stops at 1000 itself)
        raise LimitError(None, f"nested too deep (limit {limits.depth})") from None
    if node is not None:
        measure(node, limits)
    return node


def load(text: str, limits: Limits) -> Any:
    """The Python value of a one-document YAML text, within ``limits``."""
    return load_with_node(text, limits)[0]


def load_with_node(text: str, limits: Limits) -> tuple[Any, yaml.Node | None]:
    """(value, node tree): the tree gives the line of each key."""
    check_size(text, limits)
    loader = Loader(text, limits.core)
    try:
        node = _compose(loader, limits)
        if node is None:
            return None, None
        try:
            return loader.construct_document(node), node
        except RecursionError:  # pragma: no cover - measure() bounds the depth first
            raise LimitError(None, f"nested too deep (limit {limits.depth})") from None
    finally:
        loader.dispose()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def measure(root: yaml.Node, limits: Limits) -> None:
    """Depth, alias uses and expanded size of a node tree, without recursion.

    A node met again is an alias use; its expanded size and depth are those
    of its target, computed once (the tree is a graph with shared nodes)."""
    size: dict[int, int] = {}  # id(node) -> values once expanded
    height: dict[int, int] = {}  # id(node) -> nesting, 1 for a scalar
    open_: set[int] = set()  # collections being measured: met again, a recursive alias
    seen: set[int] = set()
    aliases = 0
    import yaml

    # (node, line of the place that refers to it, children pushed yet)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, _line(root), False)]
    while stack:
        node, where, expanded = stack.pop()
        key = id(node)
        if expanded:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k, _ in kids)
            height[key] = 1 + max((height[id(k)] for k, _ in kids), default=0)
            open_.discard(key)
            if height[key] > limits.depth:
                raise LimitError(_line(node), f"nested too deep (limit {limits.depth})")
            if size[key] > limits.values:
                raise LimitError(where, f"aliases expand to more than {limits.values} values")
            continue
        if key in seen:
            if key in open_:
                raise LimitError(where, "recursive alias (a collection that contains itself)")
            aliases += 1
            if aliases > limits.aliases:
                raise LimitError(where, f"too many aliases (limit {limits.aliases})")
            continue
        seen.add(key)
        if not isinstance(node, yaml.CollectionNode):
            size[key], height[key] = 1, 1
            continue
        open_.add(key)
        if len(open_) > limits.depth:
            raise LimitError(_line(node), f"nested too deep (limit {limits.depth})")
        stack.append((node, where, True))
        for kid, kid_where in reversed(_children(node)):
            stack.append((kid, kid_where, False))


def _children(node: yaml.Node) -> list[tuple[yaml.Node, int]]:
    """A collection's children with the line that refers to each (the key's line for a value)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        out = []
        for k, v in node.value:
            out.append((k, _line(k)))
            out.append((v, _line(k)))
        return out
    if isinstance(node, yaml.SequenceNode):
        return [(v, _line(v)) for v in node.value]
    return []


def read_text(path: Path | str, limit: int, encoding: str = "utf-8", errors: str = "strict") -> str:
    """A regular file's text, at most ``limit`` bytes, read without blocking.

    ``stat`` before ``open`` (a FIFO or a device is refused unopened: opening
    a FIFO blocks until a writer comes), ``O_NONBLOCK`` against a swap
    between the two, ``fstat`` after. Raises ``LimitError`` (not a regular
    file, too large), ``OSError``, ``UnicodeDecodeError``."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise LimitError(None, "not a regular file")
    if st.st_size > limit:
        raise LimitError(None, f"too large ({st.st_size} bytes, limit {_size(limit)})")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LimitError(None, "not a regular file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 * MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise LimitError(None, f"too large (limit {_size(limit)})")
    finally:
        os.close(fd)
    return b"".join(chunks).decode(encoding, errors)
