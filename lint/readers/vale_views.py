"""Vale's Views: the prose of a JSON or YAML file is the values a view selects.

A ``.vale.ini`` section such as ``[*.json]`` with ``View = Name`` reads
the files it matches through ``StylesPath/config/views/Name.yml``
(Vale: internal/core/view.go, internal/lint/data.go)::

    engine: dasel
    scopes:
      - name: title           # the scope of the value (a metascope for a typed one)
        expr: info.title      # a dasel selector (lint/readers/dasel.py)
      - expr: 'search(has("description")).map(description)'
        type: md              # the values are Markdown

Only the string values that a scope's ``expr`` selects are linted; keys,
numbers and everything else in the file are not. A value with a ``type``
(``md``; ``rst``, ``adoc``, ``org``) is read by that format's reader, its
blocks are the reader's (paragraphs, headings, list items); a value without
one is one block of plain text: ``headline`` when the scope's name has a
``title`` part (``title``, ``chapter.title``: Vale's ``scope: title`` rules
read it), else ``paragraph``. As in Vale, a YAML folded scalar (``>``) keeps
its line breaks (Vale reads it as a literal one, ``|``), and a value whose
first source line holds a written ``\\n`` (a JSON or quoted YAML string with
escaped line breaks) has its line breaks read as spaces. A scope's ``join``
(a string) makes a selected list of strings one value, its elements joined
with it.

Every character of a value keeps the source range it was decoded from
(a JSON escape ``\\u00e9``: its six characters; a folded line break: the
break; a block scalar's line: after its indentation), so findings are
reported where the value is written: the Article's text is the values, one
after another, with a ``SourceMap`` back to the file
(lint/readers/build.py). A fix is written escaped for where it goes (a JSON
or double-quoted YAML string, a single-quoted one); a plain or block YAML
scalar takes no line break or YAML indicator.

JSON strings are located by lint/readers/json_news.py's scanner; YAML
scalars by PyYAML's node marks, read with YAML 1.2's core schema (as Vale's
YAML parser: ``yes`` is a string). A ``tree-sitter`` view (Vale's view of
source code) is read by lint/readers/treesitter_view.py; textfsm views are
not read: lint/vale_config.py routes ``dasel`` views (and views it cannot
read, of JSON and YAML files) and tree-sitter views of source code with a
grammar to :func:`read_view`. A view that is missing or broken, a selector
outside the subset, or a file that does not parse is a ReadError.
"""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lint.article import Article, Block, Metadata

VIEW_EXTENSION = ".vale-view"  # the extension a file with a View is read as (lint/readers/__init__.py)
DATA_EXTENSIONS = (".json", ".yml", ".yaml")
_TYPES = {"md": ".md", "markdown": ".md", "rst": ".rst", "adoc": ".adoc", "asciidoc": ".adoc", "org": ".org"}

__all__ = ["DATA_EXTENSIONS", "VIEW_EXTENSION", "View", "load_view", "read_view", "view_engine"]

Table = tuple[str, array, array]  # a value's text, and each character's source start and end


@dataclass(frozen=True)
class Scope:
    name: str
    expr: str
    type: str
    join: str | None = None


@dataclass(frozen=True)
class View:
    engine: str
    scopes: tuple[Scope, ...]


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> View | str:
    from lint import safe_yaml

    try:
        data = safe_yaml.load(safe_yaml.read_text(path, safe_yaml.CONFIG.size), safe_yaml.CONFIG)
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read the view {path}: {exc}"
    except Exception as exc:  # yaml.YAMLError, LimitError: the view is broken
        return f"the view {path} is not valid YAML: {' '.join(str(exc).split())}"
    if not isinstance(data, dict):
        return f"the view {path} is not a mapping"
    engine = data.get("engine")
    if not engine:
        return f"the view {path}: missing parser (engine:)"
    scopes = data.get("scopes")
    if not isinstance(scopes, list) or not scopes:
        return f"the view {path}: missing queries (scopes:)"
    out = []
    for k, s in enumerate(scopes, 1):
        if not isinstance(s, dict) or not isinstance(s.get("expr"), str):
            return f"the view {path}: scope {k} has no expr"
        join = s.get("join")
        out.append(Scope(str(s.get("name") or ""), s["expr"], str(s.get("type") or "").lower(),
                         join if isinstance(join, str) else None))
    return View(str(engine), tuple(out))


def load_view(path: str | os.PathLike) -> View:
    """The view at ``path``; ValueError when it is missing or broken."""
    p = os.fspath(path)
    try:
        mtime = os.stat(p).st_mtime
    except OSError:
        raise ValueError(f"no view file {p}") from None
    got = _load_cached(p, mtime)
    if isinstance(got, str):
        raise ValueError(got)
    return got


def view_engine(path: str | os.PathLike) -> str | None:
    """The engine of the view at ``path`` (``dasel``, ``tree-sitter`` ...), None when it cannot be read."""
    try:
        return load_view(path).engine
    except ValueError:
        return None


# --------------------------------------------------------------------------
# Where each value is: JSON


def _json_tree(text: str) -> tuple[Any, Callable[[tuple], Table | None]]:
    import json

    from lint.readers.json_news import _decode, _pointer_token, _scan

    start = 1 if text.startswith("\ufeff") else 0
    try:
        tree = json.loads(text[start:])
    except json.JSONDecodeError as e:
        raise _Bad(f"invalid JSON: {e.msg}", e.lineno) from None
    except RecursionError:
        raise _Bad("invalid JSON: nested too deeply", None) from None
    spans = {p: (a, b) for a, b, p in _scan(text, start)}

    def locate(path: tuple) -> Table | None:
        ptr = "".join("/" + _pointer_token(str(k)) for k in path)
        ab = spans.get(ptr)
        return _decode(text, *ab) if ab is not None else None

    return tree, locate


# --------------------------------------------------------------------------
# Where each value is: YAML


class _Leaf:
    """A YAML scalar: its value (YAML 1.2 core schema) and its node (for its place)."""

    __slots__ = ("node", "value")

    def __init__(self, value: Any, node: Any):
        self.value, self.node = value, node


_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


def _scalar_value(node: Any) -> Any:
    tag, v = node.tag, node.value
    try:
        if tag == _INT:
            return int(v.replace("_", ""), 0)
        if tag == _FLOAT:
            return float(v.replace("_", ""))
    except ValueError:
        return v
    if tag == _BOOL:
        return v.lower() == "true"
    if tag == _NULL:
        return None
    return v


def _yaml_tree(text: str) -> Any:
    """The document as dicts, lists and :class:`_Leaf` objects (a shared node, an alias, once per use)."""
    import yaml

    from lint import safe_yaml

    try:
        root = safe_yaml.compose(text, safe_yaml.DATA)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _Bad(f"invalid YAML: {exc.problem or exc.context}", mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise _Bad(f"invalid YAML: {' '.join(str(exc).split())}", getattr(exc, "line", None)) from None
    if root is None:
        raise _Bad("the document is empty", None)

    def build(node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {str(k.value): build(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [build(v) for v in node.value]
        return _Leaf(_scalar_value(node), node)

    return build(root)


_BLANK = " \t"
_BREAKS = "\r\n"
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _break_end(src: str, i: int) -> int:
    return i + 2 if src.startswith("\r\n", i) else i + 1


def _flow(src: str, a: int, b: int, quote: str) -> Table:
    """A plain, single- or double-quoted scalar's value (content ``src[a:b]``), each character
    with its source range: YAML's line folding (a break between two lines is a space, each
    empty line a line break; the blanks around a break go) and the quoted escapes."""
    chars: list[str] = []
    starts, ends = array("q"), array("q")
    literal_blanks = 0  # how many of the last characters are blanks written as such (a fold drops them)
    i = a
    while i < b:
        c = src[i]
        if c in _BREAKS:
            if literal_blanks:
                del chars[-literal_blanks:], starts[-literal_blanks:], ends[-literal_blanks:]
            literal_blanks = 0
            first, breaks, j = i, 0, i
            while j < b and src[j] in _BREAKS:
                breaks += 1
                k = _break_end(src, j)
                if breaks > 1:
                    chars.append("\n")
                    starts.append(j)
                    ends.append(k)
                j = k
                while j < b and src[j] in _BLANK:
                    j += 1
            if breaks == 1:
                chars.append(" ")
                starts.append(first)
                ends.append(_break_end(src, first))
            i = j
            continue
        if quote == '"' and c == "\\" and i + 1 < b:
            e = src[i + 1]
            if e in _BREAKS:  # an escaped line break: nothing, and the next line's indentation goes
                j = _break_end(src, i + 1)
                while j < b and src[j] in _BLANK:
                    j += 1
                i = j
                literal_blanks = 0
                continue
            width = _HEX.get(e)
            if width is not None:
                try:
                    ch = chr(int(src[i + 2 : i + 2 + width], 16))
                except ValueError:
                    ch = "\ufffd"
                end = i + 2 + width
            else:
                ch, end = _ESCAPES.get(e, e), i + 2
            chars.append(ch)
            starts.append(i)
            ends.append(end)
            literal_blanks = 0
            i = end
            continue
        if quote == "'" and c == "'" and src.startswith("''", i):
            chars.append("'")
            starts.append(i)
            ends.append(i + 2)
            literal_blanks = 0
            i += 2
            continue
        chars.append(c)
        starts.append(i)
        ends.append(i + 1)
        literal_blanks = literal_blanks + 1 if c in _BLANK else 0
        i += 1
    return "".join(chars), starts, ends


def _block(src: str, a: int, b: int, value: str) -> Table:
    """A block scalar (``|`` or ``>`` at ``src[a]``): its lines without their indentation,
    joined by their line breaks (a folded one too: Vale reads it as literal)."""
    nl = src.find("\n", a, b)
    chars: list[str] = []
    starts, ends = array("q"), array("q")
    if nl < 0:
        return "", starts, ends
    lines: list[tuple[int, int]] = []  # (start, end without the break)
    i = nl + 1
    while i < b:
        j = src.find("\n", i, b)
        e = j if j >= 0 else b
        lines.append((i, e - 1 if e > i and src[e - 1] == "\r" else e))
        i = e + 1
    first = next(((s, e) for s, e in lines if src[s:e].strip(_BLANK)), None)
    if first is None:
        return "", starts, ends
    lead = len(src[first[0]:first[1]]) - len(src[first[0]:first[1]].lstrip(" "))
    inner = next((ln for ln in value.split("\n") if ln.strip(_BLANK)), "")
    indent = max(0, lead - (len(inner) - len(inner.lstrip(" "))))
    for s, e in lines:
        for k in range(min(s + indent, e), e):
            chars.append(src[k])
            starts.append(k)
            ends.append(k + 1)
        chars.append("\n")
        starts.append(e)
        ends.append(e + 1)
    while chars and chars[-1] in "\n \t":  # chomped: the line breaks at the end are no prose
        chars.pop()
        starts.pop()
        ends.pop()
    return "".join(chars), starts, ends


def _yaml_table(src: str, node: Any) -> Table:
    a, b = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style in ("|", ">"):
        return _block(src, a, b, node.value)
    if style in ('"', "'"):
        a, b = a + 1, b - 1
    got = _flow(src, a, b, style)
    if got[0] != node.value:  # not the value PyYAML read: place it at its first character
        n = len(node.value)
        return node.value, array("q", [a] * n), array("q", [min(a + 1, b)] * n)
    return got


def _yaml_escape(style: str) -> Callable[[str], str]:
    from lint.readers.json_news import json_escape

    if style == '"':
        return json_escape
    if style == "'":
        return lambda s: s.replace("'", "''")

    def plain(s: str) -> str:
        if "\n" in s or "\r" in s or ": " in s or " #" in s or (style == "" and s[:1] in "-?:,[]{}#&*!|>'\"%@`"):
            raise ValueError("a plain YAML scalar cannot take this text")
        return s

    return plain


# --------------------------------------------------------------------------
# The Article


class _Bad(ValueError):
    def __init__(self, problem: str, line: int | None):
        super().__init__(problem)
        self.problem, self.line = problem, line


def _values(text: str, is_json: bool, view: View) -> list[tuple[Scope, Table, Callable[[str], str] | None]]:
    """Each selected string value (scope, table, escape), in the view's order, each place once."""
    from lint.readers.dasel import DaselError, select

    if is_json:
        from lint.readers.json_news import json_escape

        tree, locate = _json_tree(text)
    else:
        tree = _yaml_tree(text)
    out = []
    seen: set[tuple[int, int, str]] = set()

    def one(item: tuple) -> tuple[Table, Callable[[str], str] | None] | None:
        path, v = item
        if is_json:
            if not isinstance(v, str):
                return None
            t = locate(path)
            return (t, json_escape) if t is not None else None
        if not isinstance(v, _Leaf) or not isinstance(v.value, str) or v.node.tag != _STR:
            return None
        return _yaml_table(text, v.node), _yaml_escape(v.node.style or "")

    for scope in view.scopes:
        try:
            items = select(tree, scope.expr)
        except DaselError as exc:
            raise _Bad(f"processing scope {scope.name or scope.expr!r}: {exc}", None) from None
        for item in items:
            if scope.join is not None and isinstance(item[1], list):
                parts = [one(x) for x in ((((*item[0], k), x)) for k, x in enumerate(item[1]))]
                if not parts or any(p is None for p in parts):
                    continue
                chars, st, en = [], array("q"), array("q")
                for k, p in enumerate(parts):
                    assert p is not None
                    if k:
                        chars.append(scope.join)
                        st.extend([-1] * len(scope.join))
                        en.extend([-1] * len(scope.join))
                    chars.append(p[0][0])
                    st.extend(p[0][1])
                    en.extend(p[0][2])
                first = parts[0]
                assert first is not None
                got: tuple[Table, Callable[[str], str] | None] | None = (("".join(chars), st, en), first[1])
            else:
                got = one(item)
            if got is None or not got[0][0].strip():
                continue
            table = got[0]
            key = (table[1][0] if len(table[1]) else -1, table[2][-1] if len(table[2]) else -1, scope.type)
            if key in seen:
                continue
            seen.add(key)
            out.append((scope, table, got[1]))
    return out


def _escaped_breaks(src: str, starts: array) -> bool:
    """Vale's rule: the value's first source line holds a written ``\\n``: its line breaks are spaces."""
    at = next((s for s in starts if s >= 0), -1)
    if at < 0:
        return False
    a = src.rfind("\n", 0, at) + 1
    e = src.find("\n", at)
    return "\\n" in src[a : e if e >= 0 else len(src)]


def _typed_blocks(path: str, value: str, kind: str) -> list[Block] | None:
    """The blocks of a value written in a markup format (offsets in ``value``), None when it cannot be read."""
    from lint.readers import ReadError, read_article

    try:
        article = read_article(os.path.splitext(path)[0] + kind, value, body_only=True)
    except (ReadError, ValueError):
        return None
    if article.source_map is not None:
        return None
    return [b for b in article.blocks if b.text.strip()]


def read_view(path: str, text: str, *, body_only: bool = False, fragment: str | None = None) -> Article:
    """Read a JSON or YAML file through the view whose file is ``fragment`` (see the module's docstring)."""
    from lint.readers import ReadError
    from lint.readers.build import SEPARATOR, SourceMap

    if fragment is None:
        raise ReadError(path, None, "no View names how to read this file")
    try:
        view = load_view(fragment)
    except ValueError as exc:
        raise ReadError(path, None, str(exc)) from None
    if view.engine == "tree-sitter":
        from lint.readers.treesitter_view import read_treesitter_view

        return read_treesitter_view(path, text, view)
    if view.engine != "dasel":
        raise ReadError(path, None, f"the view {fragment} has engine {view.engine!r}; "
                                    "newslint reads dasel views of JSON and YAML files and tree-sitter views of source code")
    is_json = path.lower().endswith(".json") or (not path.lower().endswith((".yml", ".yaml"))
                                                 and text.lstrip("\ufeff \t\r\n")[:1] in "{[")
    try:
        values = _values(text, is_json, view)
    except _Bad as exc:
        raise ReadError(path, exc.line, exc.problem) from None

    parts: list[str] = []
    starts, ends = array("q"), array("q")
    blocks: list[Block] = []
    piece_starts: list[int] = []
    escapes: list[Callable[[str], str] | None] = []
    formats: set[str] = set()
    at = 0
    for scope, (value, st, en), escape in values:
        if _escaped_breaks(text, st):
            value = value.replace("\n", " ")
        if parts:
            parts.append(SEPARATOR)
            starts.extend([-1] * len(SEPARATOR))
            ends.extend([-1] * len(SEPARATOR))
            at += len(SEPARATOR)
        parts.append(value)
        starts.extend(st)
        ends.extend(en)
        piece_starts.append(at)
        escapes.append(escape)
        kind = _TYPES.get(scope.type)
        got = _typed_blocks(path, value, kind) if kind else None
        if got is not None:
            formats.add(kind.lstrip("."))  # type: ignore[union-attr]
            blocks.extend(Block(b.scope, at + b.start, b.text) for b in got)
        else:
            a, b = 0, len(value)
            while a < b and value[a].isspace():
                a += 1
            while b > a and value[b - 1].isspace():
                b -= 1
            scope_kind = "headline" if "title" in scope.name.lower().split(".") else "paragraph"
            blocks.append(Block(scope_kind, at + a, value[a:b]))
        at += len(value)
    fmt = "md" if "md" in formats else (formats.pop() if len(formats) == 1 else "txt")
    meta = Metadata()
    meta.headline = next((b.text for b in blocks if b.scope == "headline"), None)
    article = Article(path, "".join(parts), fmt, meta, blocks)
    article.source_map = SourceMap(text, starts, ends, piece_starts, escapes)
    return article
