"""Vale's tree-sitter Views: the prose of a source file is what a view's queries capture.

A ``.vale.ini`` section such as ``[*.py]`` with ``View = Python`` reads the
files it matches through ``StylesPath/config/views/Python.yml``::

    engine: tree-sitter
    scopes:
      - expr: (comment)+ @comment     # a tree-sitter query
        name: python
        type: md                      # the captured text is Markdown

As in Vale (internal/lint/code.go, internal/lint/code/comments.go), the
view's queries replace the language's own (its comments, Python's
docstrings): every node that a scope's query captures, whatever its capture
name, is one piece of prose, linted as a comment is (Vale's metascopes
``text.comment.line``, ``text.comment.block`` when its text has more than
one line break). A captured comment loses its delimiters (``#``, ``//``,
``/* */``, a Javadoc line's ``*``) as newslint's source-code reader strips
them; any other node (a string literal) is its source text, quotes included,
as Vale lints it. Captures on consecutive lines that start in the same
column are one block (Vale's coalescing). A scope's ``type`` (``md``) reads
each capture as that markup (Vale's fragments); without one it is plain text.

The file's own text is the Article's (``format == "code"``): blocks are at
the characters' places in the file (tree-sitter's byte offsets converted to
character offsets), so findings need no map back.

The grammars come from newslint's ``views`` extra (``pip install
'newslint[views]'``: py-tree-sitter and one wheel per language), imported
only when such a view is read; without them the file is a read error naming
the extra. Languages: :data:`GRAMMARS`.
"""

from __future__ import annotations

import bisect
import functools
import os
from array import array
from typing import TYPE_CHECKING, Any

from lint.article import Article, Block, Metadata

if TYPE_CHECKING:
    from lint.readers.vale_views import View

# extension -> (module of the grammar's wheel, its language function)
GRAMMARS: dict[str, tuple[str, str]] = {
    **dict.fromkeys((".py", ".py3", ".pyw"), ("tree_sitter_python", "language")),
    ".java": ("tree_sitter_java", "language"),
    **dict.fromkeys((".js", ".jsx", ".mjs", ".cjs"), ("tree_sitter_javascript", "language")),
    ".go": ("tree_sitter_go", "language"),
    ".rs": ("tree_sitter_rust", "language"),
    **dict.fromkeys((".c", ".h"), ("tree_sitter_c", "language")),
}
EXTRA = "views"

__all__ = ["EXTRA", "GRAMMARS", "has_grammar", "read_treesitter_view"]


def has_grammar(path: str) -> bool:
    """Whether newslint reads a tree-sitter view of ``path`` (its extension has a grammar)."""
    return os.path.splitext(path)[1].lower() in GRAMMARS


class _Missing(Exception):
    pass


@functools.lru_cache(maxsize=16)
def _language(module: str, func: str) -> Any:
    import importlib

    try:
        ts = importlib.import_module("tree_sitter")
        grammar = importlib.import_module(module)
    except ImportError as exc:
        raise _Missing(exc.name or module) from None
    return ts.Language(getattr(grammar, func)())


def _char_offsets(text: str, data: bytes) -> Any:
    """A function from a byte offset of ``data`` (``text`` in UTF-8) to a character offset of ``text``."""
    if len(data) == len(text):
        return lambda b: b
    starts = array("q")
    at = 0
    for ch in text:
        starts.append(at)
        o = ord(ch)
        at += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    starts.append(at)
    return lambda b: bisect.bisect_left(starts, b)


def _captures(path: str, text: str, view: View) -> list[tuple[int, int, str, str]]:
    """Each captured node (start, end, node type, scope type) in character offsets, in the file's order, each once."""
    from lint.readers import ReadError

    ext = os.path.splitext(path)[1].lower()
    module, func = GRAMMARS[ext]
    try:
        lang = _language(module, func)
    except _Missing as exc:
        raise ReadError(path, None, f"its view has engine 'tree-sitter', which needs the module {exc} "
                                    f"(newslint's '{EXTRA}' extra: pip install 'newslint[{EXTRA}]')") from None
    import tree_sitter as ts

    data = text.encode("utf-8", "surrogatepass")
    tree = ts.Parser(lang).parse(data)
    to_char = _char_offsets(text, data)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int, str, str]] = []
    for scope in view.scopes:
        try:
            query = ts.Query(lang, scope.expr)
        except (ts.QueryError, ValueError) as exc:
            raise ReadError(path, None, f"processing scope {scope.name or scope.expr!r}: "
                                        f"not a tree-sitter query: {' '.join(str(exc).split())}") from None
        for _, caps in ts.QueryCursor(query).matches(tree.root_node):
            for nodes in caps.values():
                for node in nodes:
                    key = (node.start_byte, node.end_byte)
                    if key in seen or key[1] <= key[0]:
                        continue
                    seen.add(key)
                    out.append((to_char(key[0]), to_char(key[1]), node.type, scope.type))
    out.sort(key=lambda c: (c[0], c[1]))
    return out


def read_treesitter_view(path: str, text: str, view: View) -> Article:
    """Read a source file through a tree-sitter view (see the module's docstring)."""
    from lint.readers import ReadError
    from lint.readers.code import FRAGMENT_READERS, _coalesce, _Comment, _split_lines, _to_block, comments, fragment_blocks, syntax_for

    if not has_grammar(path):
        raise ReadError(path, None, f"its view has engine 'tree-sitter'; newslint has no grammar for this file "
                                    f"(known: {', '.join(sorted(GRAMMARS))})")
    syntax = syntax_for(path) or "c"
    found: list[_Comment] = []
    types: dict[int, str] = {}
    for a, b, node_type, kind in _captures(path, text, view):
        got = None
        if "comment" in node_type:
            inner = comments(text[a:b], syntax)
            if len(inner) == 1:
                c = inner[0]
                got = _Comment("line" if c.kind == "line" else "block", a + c.start, a + c.end,
                               [(a + s, a + e) for s, e in c.content])
        if got is None:
            got = _Comment("line" if text.count("\n", a, b) <= 1 else "block", a, b, _split_lines(text, a, b))
        found.append(got)
        types[got.start] = kind
    blocks: list[Block] = []
    kinds: dict[int, str] = {}
    for c in _coalesce(text, found):
        got_block = _to_block(text, c)
        if got_block is None:
            continue
        block, breaks = got_block
        scope_kind = "comment.block" if c.kind != "line" and breaks > 1 else "comment.line"
        target = FRAGMENT_READERS.get(types.get(c.start, "").replace("markdown", "md"))
        reader = None
        if target is not None:
            import importlib

            module, _, name = target.partition(":")
            reader = getattr(importlib.import_module(module), name)
        for blk in (reader and fragment_blocks(path, text, c, reader)) or [block]:
            blocks.append(blk)
            kinds[blk.start] = scope_kind
    article = Article(path=path, text=text, format="code", meta=Metadata(), blocks=blocks)
    article.comment_kinds = kinds
    return article
