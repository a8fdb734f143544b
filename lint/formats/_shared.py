"""Helpers the renderers share: paths for CI consumers, fingerprints,
positions in a consumer's unit. Not a format itself (not in ``FORMATS``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from lint import regexes
from lint.baseline import fingerprints  # noqa: F401  (one definition, shared with baselines)
from lint.model import Diagnostic
from lint.positions import LineIndex, index_of

# Where consumers link "newslint" (SARIF informationUri, rdjson source.url).
# TODO(lead): the project has no public URL yet (pyproject.toml has no
# [project.urls]); set the real one here.
HOMEPAGE = None  # newslint has no public home page yet: the formats omit the field

# The rule id every format gives a file that could not be read (``errors=``).
READ_ERROR = "Newslint.ReadError"


# What a terminal, a CI log or a line-oriented reader could take for
# something other than text: C0 and C1 controls and DEL (ESC starts colour,
# title and screen-clear sequences), lone surrogates (a file name that is not
# UTF-8, as ``os.fsdecode`` gives it; not encodable as UTF-8), the Unicode
# line and paragraph separators, and the bidirectional formatting characters
# (U+202E reverses what follows on screen). Tab is kept by ``terminal_safe``
# unless asked. Letters of any script, emoji (with their joiners) and other
# format characters stay as they are.
_OTHER = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = regexes.compile(rf"[\x00-\x08\x0a-\x1f{_OTHER}]")
_UNSAFE_TAB = regexes.compile(rf"[\x00-\x1f{_OTHER}]")
_UNSAFE_BUT_BREAKS = regexes.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHER}]")
_JSON_UNSAFE = regexes.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m) -> str:
    ch = m.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(s: str, tab: bool = False, breaks: bool = False) -> str:
    """``s`` with the characters a terminal would act on written as Python
    escapes: ESC as ``\\x1b``, a line break as ``\\x0a``, U+202E as
    ``\\u202e``, a file name's undecodable byte as ``\\xff``. Ordinary text is unchanged;
    a backslash is not doubled (paths on Windows), so the form is for
    reading, not for parsing back. ``tab=True`` escapes tabs too;
    ``breaks=True`` keeps tabs, ``\\r`` and ``\\n`` (for a format with its own
    escape for them, GitHub's ``%0A``)."""
    pattern = _UNSAFE_BUT_BREAKS if breaks else _UNSAFE_TAB if tab else _UNSAFE
    return pattern.sub(_escape, s)


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1
    controls, bidirectional controls, U+2028/U+2029 and lone surrogates as
    ``\\uXXXX`` escapes: the same JSON values, printable on a terminal, valid
    UTF-8 whatever the file name (a name that is not UTF-8 keeps its bytes
    as the surrogates ``os.fsdecode`` gives: ``\\udcff``, which
    ``os.fsencode(json.loads(...))`` turns back into the byte). JSON's
    structure is ASCII, so these characters can only be inside strings."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def dump_json(obj, out, **kw) -> None:
    """``json.dump`` through ``json_safe``, then a newline."""
    import json

    out.write(json_safe(json.dumps(obj, ensure_ascii=False, **kw)))
    out.write("\n")


def each(results) -> Iterator[tuple[str, LineIndex, Diagnostic]]:
    """``(text, index, diagnostic)`` for every finding, files in order."""
    for text, diags in results:
        if diags:
            index = index_of(text)
            for d in diags:
                yield text, index, d


def repo_path(path: str, root: str | os.PathLike | None = None) -> tuple[str, bool]:
    """``(path, inside)``: ``path`` with forward slashes, relative to ``root``
    (default: the working directory) when it lies inside it.

    Relative paths are taken as relative to the working directory, as the
    CLI reports them. ``inside`` is false for a path outside ``root``, which
    is then returned absolute.
    """
    if path == "-":
        return path, True
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return full.replace(os.sep, "/"), False
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/"), False
    return rel.replace(os.sep, "/"), True


def position(index: LineIndex, offset: int, unit: str = "codepoint") -> tuple[int, int]:
    """1-based line and 1-based column of ``offset`` in ``unit``
    (``codepoint``, ``utf-16`` or ``utf-8``)."""
    line, col = index.line_col(offset)
    return line, (col if unit == "codepoint" else index.column(offset, unit))
