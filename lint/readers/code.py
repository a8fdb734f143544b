"""Source code: its comments (and Python's docstrings) are the prose, as in Vale.

Vale lints a source file's comments only, each one as plain text (no
sentence or paragraph split), under the scopes ``text.comment.line`` and
``text.comment.block``; Python's docstrings (module, class and function)
count as comments too. This reader finds them with a small lexer per
family of languages, one that knows the language's strings, so that
``"# not a comment"`` is no comment and ``'/* */'`` opens nothing. No
parser, no grammar: start-up stays fast, and a file that does not parse
still has its comments read.

**Blocks** (scope ``"comment"``, ``Article.format == "code"``):

* a line comment, and the line comments right below it that start in the
  same column (Vale's coalescing): one block;
* a block comment (``/* */``, ``{- -}``, ``<# #>``, ``--[[ ]]``, ``#= =#``,
  ``=begin``/``=end``): one block;
* a Python docstring: the first statement of the module, a class or a
  function when it is a string: one block.

Each block spans ``[start, end)`` of the source with ``len(block.text) ==
end - start``; what is not comment text is masked with spaces (newlines
kept): the delimiters (``#``, ``//``, ``///``, ``//!``, ``/*``, ``*/``,
``--``, ``;;``, quotes and string prefixes of a docstring), the code
between two coalesced line comments, and the ``*`` that starts each line
of a ``/* ... */`` comment when every line has one (Javadoc, JSDoc).

``Article.comment_kinds`` gives each block's Vale scope by its start:
``"comment.block"`` for a block comment or docstring whose text has more
than one line break (Vale's rule), else ``"comment.line"``.

**Fragments** (``read_code(..., fragment=".md")``: a Vale configuration's
``[formats] py = md``): each comment's text is Markdown; it is read by the
Markdown reader and its blocks (``paragraph``, ``heading``, ``list``; code
spans and fences not prose) laid back onto the file's offsets, each keyed in
``comment_kinds`` by its comment's kind (see :func:`fragment_blocks`).

Languages (by the extension, as Vale's ``FormatByExtension`` maps it):
Python, C, C++, C#, Objective-C headers, Java, JavaScript/TypeScript (JSX,
TSX, QML), Go, Swift, Scala, Sass/SCSS/Less, CSS, Rust, Ruby, Lua, Haskell,
Julia, Clojure, PHP (only inside ``<?php ... ?>``), PowerShell, R and Perl,
Protocol Buffers, Elixir.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from lint import regexes
from lint.article import Article, Block, Metadata


@dataclass(frozen=True, slots=True)
class Syntax:
    """What the lexer needs to know about one family of languages."""

    name: str
    line: tuple[str, ...] = ()  # line-comment openers
    block: tuple[tuple[str, str], ...] = ()  # block-comment (opener, closer)
    nested: bool = False  # block comments nest (Rust, Swift, Haskell, Julia ...)
    quotes: str = "\"'"  # string quotes (backslash escapes)
    multiline: str = ""  # the quotes whose strings may run over a line end
    triple: str = ""  # quotes that also make triple-quoted strings (Python, Julia)
    char: bool = False  # "'" opens only a character literal ('a', '\n'), else it is no quote
    escape: str = "\\"
    star: bool = False  # "/* ... */" comments may have a "*" at the start of each line


_SYNTAXES: dict[str, Syntax] = {
    "py": Syntax("py", line=("#",), quotes="\"'", triple="\"'"),
    "c": Syntax("c", line=("//",), block=(("/*", "*/"),), quotes='"', char=True, star=True),
    "cs": Syntax("cs", line=("//",), block=(("/*", "*/"),), quotes='"', char=True, star=True),
    "swift": Syntax("swift", line=("//",), block=(("/*", "*/"),), nested=True, quotes='"', triple='"', star=True),
    "go": Syntax("go", line=("//",), block=(("/*", "*/"),), quotes='"`', multiline="`", char=True, star=True),
    "js": Syntax("js", line=("//",), block=(("/*", "*/"),), quotes="\"'`", multiline="`", star=True),
    "css": Syntax("css", block=(("/*", "*/"),), quotes="\"'", star=True),
    "proto": Syntax("proto", line=("//",), block=(("/*", "*/"),), quotes="\"'", star=True),
    "rs": Syntax("rs", line=("//",), block=(("/*", "*/"),), nested=True, quotes='"', multiline='"', char=True,
                 star=True),
    "php": Syntax("php", line=("//", "#"), block=(("/*", "*/"),), quotes="\"'", multiline="\"'", star=True),
    "rb": Syntax("rb", line=("#",), quotes="\"'`", multiline="\"'`"),
    "r": Syntax("r", line=("#",), quotes="\"'`", multiline="\"'"),
    "ex": Syntax("ex", line=("#",), quotes="\"'", multiline="\"'", triple="\"'"),
    "ps1": Syntax("ps1", line=("#",), block=(("<#", "#>"),), quotes="\"'", multiline="\"'", escape="`"),
    "lua": Syntax("lua", line=("--",), quotes="\"'"),
    "hs": Syntax("hs", line=("--",), block=(("{-", "-}"),), nested=True, quotes='"', char=True),
    "jl": Syntax("jl", line=("#",), block=(("#=", "=#"),), nested=True, quotes='"`', multiline='"`', triple='"',
                 char=True),
    "clj": Syntax("clj", line=(";",), quotes='"', multiline='"'),
}

# extension -> syntax (Vale's FormatByExtension, the "code" formats; .yml/.json are data)
LANGUAGES: dict[str, str] = {
    **dict.fromkeys((".py", ".py3", ".pyw", ".rpy", ".cpy"), "py"),
    **dict.fromkeys((".c", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".h", ".hpp", ".h++"), "c"),
    **dict.fromkeys((".java", ".bsh", ".scala", ".sbt", ".sass", ".scss", ".less"), "c"),
    **dict.fromkeys((".cs", ".csx"), "cs"),
    ".swift": "swift",
    ".go": "go",
    **dict.fromkeys((".js", ".jsx", ".ts", ".tsx", ".qml"), "js"),
    ".css": "css",
    ".proto": "proto",
    ".rs": "rs",
    ".php": "php",
    **dict.fromkeys((".rb", ".gemspec"), "rb"),
    **dict.fromkeys((".r", ".pl", ".pm", ".pod"), "r"),
    **dict.fromkeys((".ex", ".exs"), "ex"),
    **dict.fromkeys((".ps1", ".psm1", ".psd1"), "ps1"),
    ".lua": "lua",
    ".hs": "hs",
    ".jl": "jl",
    **dict.fromkeys((".clj", ".cljs", ".cljc", ".cljd"), "clj"),
}
EXTENSIONS = tuple(LANGUAGES)

_NL = "\r\n"
_CHAR = regexes.compile(r"'(?:\\[^\r\n'][^'\\\r\n]{0,9}|\\'|[^\\'\r\n])'")
_LUA_LONG = regexes.compile(r"\[(=*)\[")
_HS_SYMBOL = frozenset("!#$%&*+./<=>?@\\^|~:")
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%<>~^")
_REGEX_WORDS = frozenset(("return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "yield",
                          "await", "else", "do"))
_PY_PREFIX = frozenset("rRbBuUfF")
_PY_HEADER = regexes.compile(r"[ \t]*(?:async[ \t]+)?(?:def|class)\b")
_BREAK = regexes.compile(r"\r\n|\r|\n")
_STAR = regexes.compile(r"[ \t]*\*(?!/)")


@dataclass(slots=True)
class _Comment:
    """One comment as the lexer finds it."""

    kind: str  # "line" | "block" | "doc"
    start: int  # its first character (the opener's)
    end: int  # after its closer
    content: list[tuple[int, int]]  # the spans of comment text, one or more per line


def _line_end(text: str, i: int) -> int:
    """The offset of the line break at or after ``i`` (or the text's end)."""
    n = len(text)
    j = text.find("\n", i)
    k = text.find("\r", i, j if j != -1 else n)
    if k != -1:
        return k
    return j if j != -1 else n


def _split_lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The spans of ``text[s:e]`` between line breaks."""
    out = []
    while True:
        le = min(_line_end(text, s), e)
        out.append((s, le))
        if le >= e:
            return out
        s = le + 2 if text.startswith("\r\n", le) else le + 1
        if s > e:
            return out


class _Lexer:
    def __init__(self, text: str, syn: Syntax):
        self.text, self.syn = text, syn
        self.comments: list[_Comment] = []
        starts = set(syn.quotes)
        for op in syn.line:
            starts.add(op[0])
        for op, _ in syn.block:
            starts.add(op[0])
        if syn.char:
            starts.add("'")
        if syn.name == "lua":
            starts.add("[")
        if syn.name == "js":
            starts.add("/")
        if syn.name == "clj":
            starts.add("\\")
        if syn.name == "php":
            starts.add("?")
        if syn.name == "rb":
            starts.add("=")
        if syn.name == "ps1":
            starts.add("@")
        self.starts = regexes.compile("[%s]" % "".join("\\" + c if c in "\\]^-[" else c for c in sorted(starts)))

    # -- the main loop -------------------------------------------------------------

    def run(self) -> list[_Comment]:
        text, syn = self.text, self.syn
        n = len(text)
        i = 0
        if syn.name == "php":
            i = self._php_open(0)
        while 0 <= i < n:
            m = self.starts.search(text, i)
            if m is None:
                break
            i = m.start()
            c = text[i]
            if syn.name == "php" and text.startswith("?>", i):
                i = self._php_open(i + 2)
                continue
            j = self._block(i)
            if j is None:
                j = self._line(i)
            if j is None:
                j = self._string(i)
            i = j if j is not None else i + 1
            if c == "\\" and syn.name == "clj" and j is None:  # a character literal: \; \" \a
                i += 1
        return self.comments

    def _php_open(self, i: int) -> int:
        """The offset after the next ``<?php``/``<?=``/``<?`` (HTML before it is no code), or -1."""
        k = self.text.find("<?", i)
        if k == -1:
            return -1
        k += 2
        if self.text.startswith("php", k):
            k += 3
        elif self.text.startswith("=", k):
            k += 1
        return k

    # -- comments ------------------------------------------------------------------

    def _block(self, i: int) -> int | None:
        text, syn = self.text, self.syn
        if syn.name == "lua" and text.startswith("--[", i):
            m = _LUA_LONG.match(text, i + 2)
            if m is None:
                return None
            close = "]" + m.group(1) + "]"
            k = text.find(close, m.end())
            end = len(text) if k == -1 else k + len(close)
            self._add("block", i, end, m.end(), end - len(close) if k != -1 else end)
            return end
        if syn.name == "rb" and text.startswith("=begin", i) and (i == 0 or text[i - 1] in _NL):
            after = i + 6
            if after < len(text) and not text[after].isspace():
                return None
            m = regexes.compile(r"(?m)^=end(?![^\s])").search(text, after)
            body_end = m.start() if m else len(text)
            end = _line_end(text, m.end()) if m else len(text)
            self._add("block", i, end, after, body_end)
            return end
        for op, cl in syn.block:
            if not text.startswith(op, i):
                continue
            if syn.name == "hs" and text.startswith("{-#", i):
                return None  # a pragma
            end = self._close(i + len(op), op, cl)
            body_end = end - len(cl) if text.startswith(cl, end - len(cl)) and end - len(cl) >= i + len(op) else end
            opener_end = i + len(op)
            if op == "/*" and text.startswith("!", opener_end) and opener_end < body_end:
                opener_end += 1  # "/*!" (Qt's QDoc, Doxygen)
            elif op == "/*" and text.startswith("*", opener_end) and not text.startswith("*/", opener_end):
                opener_end += 1  # "/**" (Javadoc, JSDoc)
                while text.startswith("*", opener_end) and opener_end < body_end:
                    opener_end += 1
            elif op == "{-" and text.startswith("|", opener_end):
                opener_end += 1  # Haddock's "{-|"
            self._add("block", i, end, opener_end, body_end)
            return end
        return None

    def _close(self, i: int, op: str, cl: str) -> int:
        """The offset after the closer of a block comment whose body starts at ``i``."""
        text = self.text
        if not self.syn.nested:
            k = text.find(cl, i)
            return len(text) if k == -1 else k + len(cl)
        depth = 1
        while depth:
            k = text.find(cl, i)
            if k == -1:
                return len(text)
            o = text.find(op, i, k)
            if o != -1:
                depth += 1
                i = o + len(op)
                continue
            depth -= 1
            i = k + len(cl)
        return i

    def _line(self, i: int) -> int | None:
        text, syn = self.text, self.syn
        for op in syn.line:
            if not text.startswith(op, i):
                continue
            if syn.name == "hs":
                k = i
                while k < len(text) and text[k] == "-":
                    k += 1
                if k < len(text) and text[k] in _HS_SYMBOL:
                    return None  # an operator ("-->")
            if syn.name == "php" and op == "#" and text.startswith("#[", i):
                return None  # an attribute
            if syn.name == "ps1" and i > 0 and not (text[i - 1].isspace() or text[i - 1] in ";{}()"):
                return None  # "a#b" is a word in PowerShell
            end = _line_end(text, i)
            if syn.name == "php":
                k = text.find("?>", i, end)
                if k != -1:
                    end = k
            body = i + len(op)
            ch = op[0]
            if ch in "/;#-":  # "///", "//!", ";;;;", "---", "##"
                while body < end and text[body] == ch:
                    body += 1
                if op == "//" and body < end and text[body] == "!":
                    body += 1
            self._add("line", i, end, body, end)
            return end
        return None

    def _add(self, kind: str, start: int, end: int, body_start: int, body_end: int) -> None:
        text = self.text
        content = _split_lines(text, body_start, body_end)
        if kind == "block" and self.syn.star and len(content) > 1:
            inner = [(s, e) for s, e in content[1:] if text[s:e].strip()]
            last = content[-1]
            if inner and all(_STAR.match(text, s, e) or ((s, e) == last and not text[s:e].strip("* \t"))
                             for s, e in inner):
                out = [content[0]]
                for s, e in content[1:]:
                    m = _STAR.match(text, s, e)
                    out.append((m.end(), e) if m else (s, e))
                content = out
        self.comments.append(_Comment(kind, start, end, content))

    # -- strings -------------------------------------------------------------------

    def _string(self, i: int) -> int | None:
        """The offset after the string (or other non-comment token) at ``i``; None for none."""
        text, syn = self.text, self.syn
        c = text[i]
        n = len(text)
        if syn.name == "lua" and c == "[":
            m = _LUA_LONG.match(text, i)
            if m is None:
                return None
            k = text.find("]" + m.group(1) + "]", m.end())
            return n if k == -1 else k + len(m.group(1)) + 2
        if syn.name == "js" and c == "/":
            return self._regex_literal(i)
        if syn.name == "ps1" and c == "@":
            if i + 1 < n and text[i + 1] in "\"'" and text[i + 2 : i + 3] in ("\n", "\r"):
                closer = regexes.compile(r"(?m)^[ \t]*" + text[i + 1] + "@").search(text, i + 2)
                return n if closer is None else closer.end()
            return None
        if c == "'" and syn.char:
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_')]") and syn.name in ("hs", "jl"):
                return None  # a prime or an adjoint: x'
            m = _CHAR.match(text, i)
            return m.end() if m else None
        if c not in syn.quotes:
            return None
        if c in syn.triple and text.startswith(c * 3, i):
            k = text.find(c * 3, i + 3)
            while k != -1 and _escaped(text, k, syn.escape):
                k = text.find(c * 3, k + 1)
            end = n if k == -1 else k + 3
            while end < n and text[end] == c:  # """a"""" ends at the last quote of a run
                end += 1
            if syn.name == "py":
                self._docstring(i, end, 3)
            return end
        if syn.name == "rs" and c == '"':
            raw = self._rust_raw(i)
            if raw is not None:
                return raw
        if (syn.name == "cs" and c == '"' and i > 0 and text[i - 1] == "@") or (syn.name == "ps1" and c == "'"):
            return self._doubled(i, c)
        end = self._quoted(i, c, multiline=c in syn.multiline)
        if syn.name == "py":
            self._docstring(i, end, 1)
        return end

    def _quoted(self, i: int, q: str, *, multiline: bool) -> int:
        text, esc = self.text, self.syn.escape
        n = len(text)
        k = i + 1
        while k < n:
            ch = text[k]
            if ch == esc:
                k += 2
                continue
            if ch == q:
                if self.syn.name == "ps1" and text.startswith(q + q, k):
                    k += 2
                    continue
                return k + 1
            if ch in _NL and not multiline:
                return k  # an unterminated string ends with its line
            k += 1
        return n

    def _doubled(self, i: int, q: str) -> int:
        """A string whose quote is escaped by doubling it (C#'s @"...", PowerShell's '...')."""
        text = self.text
        k = i + 1
        while True:
            k = text.find(q, k)
            if k == -1:
                return len(text)
            if text.startswith(q + q, k):
                k += 2
                continue
            return k + 1

    def _rust_raw(self, i: int) -> int | None:
        """The end of a raw string (r"...", r#"..."#) whose quote is at ``i``, or None."""
        text = self.text
        k = i
        while k > 0 and text[k - 1] == "#":
            k -= 1
        hashes = i - k
        if k == 0 or text[k - 1] != "r" or (k > 1 and ((text[k - 2].isalnum() and text[k - 2] != "b")
                                                       or text[k - 2] == "_")):
            return None
        close = '"' + "#" * hashes
        e = text.find(close, i + 1)
        return len(text) if e == -1 else e + len(close)

    def _regex_literal(self, i: int) -> int | None:
        """The end of a JavaScript regular-expression literal at ``i``, or None (a division)."""
        text = self.text
        if text.startswith(("//", "/*"), i):
            return None
        k = i - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k >= 0 and text[k] not in _REGEX_BEFORE and text[k] not in _NL:
            w = k
            while w >= 0 and (text[w].isalnum() or text[w] == "_"):
                w -= 1
            if text[w + 1 : k + 1] not in _REGEX_WORDS:
                return None
        j = i + 1
        in_class = False
        n = len(text)
        while j < n:
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch in _NL:
                return None  # no regular expression: a division after all
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "/" and not in_class:
                return j + 1
            j += 1
        return None

    # -- Python's docstrings -------------------------------------------------------

    def _docstring(self, q: int, end: int, width: int) -> None:
        """Record the string at ``q`` (its first quote) as a docstring when it is one."""
        text = self.text
        s = q
        while s > 0 and text[s - 1] in _PY_PREFIX and q - s < 2:
            s -= 1
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
            return  # not a prefix after all: an identifier before the quote
        # the whole statement: nothing but blanks or a comment after it on its line
        rest_end = _line_end(text, end)
        rest = text[end:rest_end].strip()
        if rest and not rest.startswith("#"):
            return
        before = self._significant_before(s)
        if before is None:
            pass  # the first statement of the module
        elif text[before] != ":" or not self._header_colon(before):
            return
        body_end = end - width if end - width >= q + width else end
        self.comments.append(_Comment("doc", s, end, _split_lines(text, q + width, body_end)))

    def _significant_before(self, i: int) -> int | None:
        """The offset of the last character of code before ``i`` (comments and blanks skipped)."""
        text = self.text
        comments = self.comments
        k = len(comments) - 1
        j = i - 1
        while j >= 0:
            if text[j].isspace():
                j -= 1
                continue
            while k >= 0 and comments[k].start > j:
                k -= 1
            if k >= 0 and comments[k].start <= j < comments[k].end:
                j = comments[k].start - 1
                continue
            return j
        return None

    def _header_colon(self, colon: int) -> bool:
        """Whether the ":" at ``colon`` ends a ``def``/``class`` header (at bracket depth 0)."""
        text = self.text
        depth = 0
        j = colon - 1
        while j >= 0:
            ch = text[j]
            if ch in ")]}":
                depth += 1
            elif ch in "([{":
                depth -= 1
                if depth < 0:
                    return False  # the ":" of a dict, a slice or a lambda in brackets
            elif ch in _NL and depth == 0:
                break
            j -= 1
        return _PY_HEADER.match(text, j + 1) is not None


def _escaped(text: str, k: int, esc: str) -> bool:
    """Whether the character at ``k`` is escaped (an odd run of ``esc`` before it)."""
    run = 0
    while k - run - 1 >= 0 and text[k - run - 1] == esc:
        run += 1
    return run % 2 == 1


def _coalesce(text: str, comments: list[_Comment]) -> list[_Comment]:
    """Line comments on consecutive lines that start in the same column become one (Vale's merge)."""
    out: list[_Comment] = []
    prev_line = prev_col = -2
    breaks = [m.end() for m in _BREAK.finditer(text)] if comments else []
    for c in comments:
        line = bisect.bisect_right(breaks, c.start)
        col = c.start - (breaks[line - 1] if line else 0)
        if c.kind == "line" and out and out[-1].kind == "line" and line == prev_line + 1 and col == prev_col:
            last = out[-1]
            last.content.extend(c.content)
            last.end = c.end
        else:
            out.append(_Comment(c.kind, c.start, c.end, list(c.content)))
        prev_line, prev_col = line, col
    return out


def comments(text: str, syntax: str) -> list[_Comment]:
    """The comments of ``text`` in the named syntax (a key of ``_SYNTAXES``), coalesced."""
    lexer = _Lexer(text, _SYNTAXES[syntax])
    found = lexer.run()
    found.sort(key=lambda c: c.start)
    return _coalesce(text, found)


def _to_block(text: str, c: _Comment) -> tuple[Block, int] | None:
    """The comment's block (masked), and the number of line breaks in its text; None when empty."""
    spans = [(s, e) for s, e in c.content if e > s]
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    chars = list(text[start:end])
    pos = start
    for s, e in spans:
        for k in range(pos, s):
            if chars[k - start] not in _NL:
                chars[k - start] = " "
        pos = e
    masked = "".join(chars)
    a, b = 0, len(masked)
    while a < b and masked[a].isspace():
        a += 1
    while b > a and masked[b - 1].isspace():
        b -= 1
    if a == b:
        return None
    return Block("comment", start + a, masked[a:b]), len(c.content) - 1


def syntax_for(path: str) -> str | None:
    """The syntax name of a file by its extension (None: not source code newslint reads)."""
    dot = path.rfind(".")
    return LANGUAGES.get(path[dot:].lower()) if dot != -1 else None


# the markup formats a comment can be read as (Vale's fragments): format -> "module:function"
FRAGMENT_READERS: dict[str, str] = {
    "md": "lint.readers.markdown:read_markdown",
}


def read_code(path: str, text: str, *, body_only: bool = False, fragment: str | None = None) -> Article:
    """Read a source file: one ``comment`` block per comment (see the module's docstring).

    ``fragment``: a markup format of ``FRAGMENT_READERS`` (``"md"``, or
    ``".md"``) that each comment's text is written in (Vale's
    ``[formats] py = md``): see :func:`fragment_blocks`. ``body_only``
    changes nothing (a source file has no headline or byline)."""
    syntax = syntax_for(path) or "c"
    reader = None
    if fragment is not None:
        target = FRAGMENT_READERS.get(fragment.lstrip(".").lower())
        if target is None:
            raise ValueError(f"comments cannot be read as {fragment!r} (known: {', '.join(FRAGMENT_READERS)})")
        import importlib

        module, _, name = target.partition(":")
        reader = getattr(importlib.import_module(module), name)
    blocks: list[Block] = []
    kinds: dict[int, str] = {}
    for c in comments(text, syntax):
        got = _to_block(text, c)
        if got is None:
            continue
        block, breaks = got
        kind = "comment.block" if c.kind != "line" and breaks > 1 else "comment.line"
        for b in (reader and fragment_blocks(path, text, c, reader)) or [block]:
            blocks.append(b)
            kinds[b.start] = kind
    article = Article(path=path, text=text, format="code", meta=Metadata(), blocks=blocks)
    article.comment_kinds = kinds
    return article


def fragment_blocks(path: str, text: str, c: _Comment, reader) -> list[Block] | None:
    """The blocks of one comment whose text is markup (Vale's "fragment"), at the file's offsets.

    The comment's text is put together as Vale does it: each line's content
    (delimiters, and the ``*`` of a Javadoc line, gone) without its leading
    spaces, the lines joined with ``"\\n"``. ``reader`` (the Markdown reader)
    reads that text as a document of its own (no headline or byline); each of
    its blocks is then laid back onto the file: every character at the place
    it came from, what lies between (delimiters, indentation, the code
    between coalesced line comments) masked with spaces, line breaks kept.
    The scopes are the reader's (``paragraph``, ``heading``, ``list``);
    what it does not treat as prose (code spans and fences, link
    destinations, emphasis delimiters) is masked or absent, as in a Markdown
    file. None when the reader cannot read it (a comment that opens with
    broken front matter): the comment is then one plain block."""
    parts: list[str] = []
    starts: list[int] = []  # the fragment offset where each line's content starts
    origins: list[int] = []  # and the file offset it comes from
    pos = 0
    for s, e in c.content:
        while s < e and text[s] == " ":
            s += 1
        starts.append(pos)
        origins.append(s)
        parts.append(text[s:e])
        pos += e - s + 1  # the line and its "\n"
    frag = "\n".join(parts)

    def where(k: int) -> int:
        i = bisect.bisect_right(starts, k) - 1
        return origins[i] + k - starts[i]

    from lint.readers import ReadError

    try:
        article = reader(path, frag, body_only=True)
    except ReadError:
        return None
    out: list[Block] = []
    for b in article.blocks:
        start, end = where(b.start), where(b.end - 1) + 1
        chars = [ch if ch in _NL else " " for ch in text[start:end]]
        for k, ch in enumerate(b.text):
            if ch != "\n":
                chars[where(b.start + k) - start] = ch
        out.append(Block(b.scope, start, "".join(chars)))
    return out
