"""Helpers the renderers share: paths for CI consumers, fingerprints,
positions in a consumer's unit. Not a format itself (not in ``FORMATS``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from lint.baseline import fingerprints  # noqa: F401  (one definition, shared with baselines)
from lint.model import Diagnostic
from lint.positions import LineIndex, index_of

# Where consumers link "newslint" (SARIF informationUri, rdjson source.url).
# TODO(lead): the project has no public URL yet (pyproject.toml has no
# [project.urls]); set the real one here.
HOMEPAGE = None  # newslint has no public home page yet: the formats omit the field

# The rule id every format gives a file that could not be read (``errors=``).
READ_ERROR = "Newslint.ReadError"


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
