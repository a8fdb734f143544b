"""Applying fixes: data in, text out, in one place.

Edits are applied last first and never overlap: of two fixes that touch
the same code points, the one that starts first wins and the other waits
for the next pass (the file is linted again after each pass).

A fix that re-creates its own finding (``swap: {colour: colour colour}``)
would never end: when a fix applies again, the same edit, inside the text
that it wrote in the pass before (or fixes still change the text after
MAX_PASSES, as a cycle ``a -> b -> a`` does), the rule is called non-converging and
the fixing starts again from the original text without that rule's fixes.

Writing (``write_fixed``) refuses, with a message (``FixRefused``), what
would lose data or change more than the file's text: a link to a file out
of the link's folder, a file with hard links, a read-only file, a file
whose owner cannot be kept, a file that changed since it was read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from lint.model import Diagnostic, Edit, Fix

if TYPE_CHECKING:
    from lint.files import Snapshot

MAX_PASSES = 10


class FixRefused(Exception):
    """``--fix`` would not write this file: the reason, one line without the path."""


def applicable(diags: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diags if d.fix is not None and (unsafe or d.fix.applicability == "safe")]


def apply_fixes(text: str, diags: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """Apply the non-overlapping fixes of ``diags``; return (text, fixes applied)."""
    new, applied = _apply(text, diags, unsafe)
    return new, len(applied)


def _apply(text: str, diags: Iterable[Diagnostic], unsafe: bool) -> tuple[str, list[Diagnostic]]:
    """(the text, the diagnostics whose fixes were applied)."""
    chosen: list[Edit] = []
    done: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for d in sorted(applicable(diags, unsafe), key=lambda d: (cast(Fix, d.fix).edits[0].span.start, d.rule)):
        assert d.fix is not None  # applicable() keeps only diagnostics with a fix
        spans = [(e.span.start, e.span.end) for e in d.fix.edits]
        if any((s < te and ts < e) or (s == e == ts) for s, e in spans for ts, te in taken):
            continue
        taken.extend(spans)
        chosen.extend(d.fix.edits)
        done.append(d)
    for e in sorted(chosen, key=lambda e: e.span.start, reverse=True):
        text = text[: e.span.start] + e.replacement + text[e.span.end :]
    return text, done


Signature = tuple[tuple[str, str], ...]  # a fix's edits as (old text, new text)


def _signature(text: str, d: Diagnostic) -> Signature:
    return tuple((text[e.span.start:e.span.end], e.replacement) for e in cast(Fix, d.fix).edits)


def _written(text: str, done: list[Diagnostic]) -> list[tuple[str, Signature, int, int]]:
    """``(rule, the fix's signature, start, end)`` of each replacement, in the
    fixed text's code points (``text``: the text before the fixes)."""
    edits = sorted(((e, d.rule, _signature(text, d)) for d in done for e in cast(Fix, d.fix).edits),
                   key=lambda p: p[0].span.start)
    out, shift = [], 0
    for e, rule, sig in edits:
        start = e.span.start + shift
        out.append((rule, sig, start, start + len(e.replacement)))
        shift += len(e.replacement) - (e.span.end - e.span.start)
    return out


def fix_until_stable(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False,
                     diverging: set[str] | None = None) -> tuple[str, int]:
    """Lint, fix, lint again, at most MAX_PASSES times. ``lint(text) -> diags``.

    The fixes of a rule that does not converge are left out (the whole run
    starts again from ``text`` without them); their ids are added to
    ``diverging`` when it is given."""
    bad: set[str] = set()
    while True:
        new, total, found = _passes(text, lint, unsafe, bad)
        if not found:
            break
        bad |= found
    if diverging is not None:
        diverging |= bad
    return new, total


def _passes(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool,
            bad: set[str]) -> tuple[str, int, set[str]]:
    """(text, fixes applied, rules found not to converge: when any, the text is to be thrown away)."""
    total = 0
    last: list[tuple[str, Signature, int, int]] = []  # what the previous pass wrote
    done: list[Diagnostic] = []
    for _ in range(MAX_PASSES):
        diags = [d for d in applicable(lint(text), unsafe) if d.rule not in bad]
        new, done = _apply(text, diags, unsafe)
        if not done or new == text:
            return text, total, set()
        # the same fix again inside what it wrote: it re-creates itself, every pass
        again = {d.rule for d in done for e in cast(Fix, d.fix).edits for rule, sig, ws, we in last
                 if rule == d.rule and ws <= e.span.start and e.span.end <= we and sig == _signature(text, d)}
        if again:
            return text, total, again
        last = _written(text, done)
        text, total = new, total + len(done)
    # still changing after MAX_PASSES (a cycle, say): the rules that fixed in the last pass
    return text, total, {d.rule for d in done}


def write_fixed(path: str, text: str, bom: bool, snapshot: Snapshot | None = None, follow_links: bool = False) -> str:
    """Replace the file ``path`` by ``text``, keeping what makes it the same
    file: a link is written through to its target (refused when the target
    is out of the link's folder, unless ``follow_links``), mode, owner and
    group are kept; refused (``FixRefused``) for a file with hard links, a
    read-only file, an owner that cannot be kept, or a file that changed
    since ``snapshot``. Returns the path written. Other failures are OSErrors."""
    from lint.files import inside

    target = path
    if os.path.islink(path) or os.path.realpath(path) != os.path.abspath(path):
        target = os.path.realpath(path)
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        if not follow_links and not inside(target, [folder]):
            raise FixRefused(f"a symbolic link to {target}, out of its folder; not fixed (--follow-links writes through it)")
    st = os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        raise FixRefused("not a regular file; not fixed")
    if st.st_nlink > 1:
        # writing in place would change the other names too (maybe out of the tree) and is not atomic;
        # replacing the file would break the links: neither is the user's intent
        raise FixRefused(f"has {st.st_nlink} hard links; not fixed (fixing would break them or write through them)")
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise FixRefused("read-only; not fixed")
    if snapshot is not None and snapshot.encoding != "utf-8":
        raise FixRefused(f"read as {snapshot.encoding}, not UTF-8; not fixed (fixing would re-encode the whole file)")
    try:
        data = (("\ufeff" if bom else "") + text).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a replacement
        raise FixRefused("the fixed text cannot be written as UTF-8; not fixed") from None
    folder = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    try:
        try:
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(fd, st.st_uid, st.st_gid)
        except PermissionError:
            raise FixRefused("owned by another user or group, which a rewrite would change; not fixed") from None
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if snapshot is not None and _changed(target, snapshot):
            raise FixRefused("changed since it was read; not fixed (lint it again)")
        os.replace(tmp, target)
    except BaseException:
        if fd != -1:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _changed(path: str, snap: Snapshot) -> bool:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) != (snap.dev, snap.ino, snap.size, snap.mtime_ns):
            return True
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read(snap.size + 1)).hexdigest() != snap.sha256
    except OSError:
        return True


