"""Applying fixes: data in, text out, in one place.

Edits are applied last first and never overlap: of two fixes that touch
the same code points, the one that starts first wins and the other waits
for the next pass (the file is linted again after each pass).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from typing import cast

from lint.model import Diagnostic, Edit, Fix

MAX_PASSES = 10


def applicable(diags: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diags if d.fix is not None and (unsafe or d.fix.applicability == "safe")]


def apply_fixes(text: str, diags: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """Apply the non-overlapping fixes of ``diags``; return (text, fixes applied)."""
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    count = 0
    for d in sorted(applicable(diags, unsafe), key=lambda d: (cast(Fix, d.fix).edits[0].span.start, d.rule)):
        assert d.fix is not None  # applicable() keeps only diagnostics with a fix
        spans = [(e.span.start, e.span.end) for e in d.fix.edits]
        if any((s < te and ts < e) or (s == e == ts) for s, e in spans for ts, te in taken):
            continue
        taken.extend(spans)
        chosen.extend(d.fix.edits)
        count += 1
    for e in sorted(chosen, key=lambda e: e.span.start, reverse=True):
        text = text[: e.span.start] + e.replacement + text[e.span.end :]
    return text, count


def fix_until_stable(text: str, lint, unsafe: bool = False) -> tuple[str, int]:
    """Lint, fix, lint again, at most MAX_PASSES times. ``lint(text) -> diags``."""
    total = 0
    for _ in range(MAX_PASSES):
        new, n = apply_fixes(text, lint(text), unsafe)
        if n == 0 or new == text:
            break
        text, total = new, total + n
    return text, total


def write_atomic(path: str, text: str, bom: bool) -> None:
    """Write UTF-8 (with the BOM if the file had one) via a temporary file
    in the same folder and a rename, keeping the file's permissions."""
    data = ("\ufeff" if bom else "") + text
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
