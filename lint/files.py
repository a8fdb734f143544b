"""Paths -> article files, and files -> text.

Folders are walked recursively in sorted order; only known extensions are
linted inside folders, but a file named explicitly is always read. Hidden
folders (``.git``, ``.venv`` ...) are skipped.

Hostile trees: a symbolic link (to a folder or a file) found in a folder is
followed only when what it points to is inside the linted roots (the
folders given, and the folder of each file given), unless ``follow_links``;
only regular files are read (never a FIFO, a socket or a device, which
could block or never end), at most ``MAX_FILE_BYTES`` of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lint.readers import EXTENSIONS

# an article larger than this is not read (a news article is a few KB)
MAX_FILE_BYTES = 64 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be linted; the run reports it and goes on."""


def discover(paths: list[str], errors: list[str], notes: list[str] | None = None,
             follow_links: bool = False, every_file: bool = False) -> Iterator[tuple[str, bool]]:
    """``(path, named)`` for each article file, once however often and in
    whatever spelling it is given (``a.txt``, ``./a.txt``, its absolute
    path): ``named`` when the path was given itself, not only found in a
    folder. ``-`` is standard input. ``every_file``: a folder yields its files
    of every extension (the caller keeps those a Vale configuration reads).

    A link found in a folder that leads out of the roots is not followed
    (a line in ``notes``) unless ``follow_links``."""
    roots = linted_roots(paths)
    named = {_identity(raw) for raw in paths if raw != "-" and not os.path.isdir(raw) and os.path.exists(raw)}
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw, True
            continue
        p = Path(raw)
        if p.is_dir():
            for found in _walk(p, errors, None if follow_links else roots, notes if notes is not None else [],
                               None if every_file else EXTENSIONS):
                key = _identity(found)
                if key not in seen:
                    seen.add(key)
                    yield found, key in named
        elif p.exists():
            key = _identity(raw)
            if key not in seen:
                seen.add(key)
                yield raw, True
        else:
            errors.append(f"{raw}: no such file or directory")


def _identity(path: str) -> str:
    """One name for one file, however it is spelt."""
    return os.path.realpath(path)


def linted_roots(paths: list[str]) -> list[str]:
    """The real paths of the folders given, and of the folder of each file given."""
    out = []
    for raw in paths:
        if raw == "-" or not os.path.exists(raw):
            continue
        folder = raw if os.path.isdir(raw) else os.path.dirname(os.path.abspath(raw))
        out.append(os.path.realpath(folder))
    return out


def inside(path: str, roots: list[str]) -> bool:
    """Whether the real path ``path`` is one of ``roots`` or below one."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _walk(root: Path, errors: list[str], roots: list[str] | None, notes: list[str],
          extensions: tuple[str, ...] | None = EXTENSIONS) -> list[str]:
    """Article files under ``root``; ``roots``: where a link may lead (None: anywhere);
    ``extensions``: the files kept (None: every file)."""
    out: list[str] = []
    visited: set[tuple[int, int]] = set()

    def leaves(e: os.DirEntry) -> bool:
        """A link whose target is out of the roots: noted, not followed."""
        if roots is None or not e.is_symlink():
            return False
        target = os.path.realpath(e.path)
        if inside(target, roots):
            return False
        notes.append(f"{e.path}: a symbolic link out of the linted folders (to {target}), not followed "
                     "(--follow-links follows it)")
        return True

    def walk(folder: str) -> None:
        try:
            st = os.stat(folder)
        except OSError as exc:
            errors.append(f"{folder}: {exc.strerror}")
            return
        if (st.st_dev, st.st_ino) in visited:  # a symbolic-link loop
            return
        visited.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(f"{folder}: {exc.strerror}")
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir():
                    if not leaves(e):
                        walk(e.path)
                elif ((extensions is None or e.name.lower().endswith(extensions)) and not e.name.startswith("~$")
                      and not leaves(e)):
                    # ("~$story.docx": Word's lock file beside an open document)
                    out.append(e.path)
            except OSError as exc:
                errors.append(f"{e.path}: {exc.strerror}")

    walk(os.path.normpath(str(root)))
    return out


# Vale's configuration files, in its order of preference (lint/vale_config.py)
VALE_CONFIG_NAMES = (".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale")


def find_vale_config(start: Path) -> Path | None:
    """The Vale configuration for ``start``: ``VALE_CONFIG_PATH`` when set (Vale's
    override of its search), else the nearest one upward."""
    env = os.environ.get("VALE_CONFIG_PATH")
    if env:
        return Path(env).expanduser()
    return find_upward(start, VALE_CONFIG_NAMES)


def find_upward(start: Path, names: tuple[str, ...], accept=lambda f: True) -> Path | None:
    """The nearest file named one of ``names`` (in that order of preference
    within a folder) in ``start``'s folder or above it, that ``accept`` takes."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in names:
            f = d / name
            if f.is_file() and accept(f):
                return f
    return None


def decode(data: bytes, path: str) -> str:
    """UTF-8 text, BOM removed, newlines untouched (offsets stay exact)."""
    return decode_source(data, path)[0]


def decode_source(data: bytes, path: str) -> tuple[str, bool]:
    """(text, whether it had a BOM)."""
    text, bom, _ = decode_article(data, path)
    return text, bom


def decode_article(data: bytes, path: str) -> tuple[str, bool, str]:
    """(text, whether it had a BOM, the encoding read).

    UTF-8, newlines untouched. An HTML page that is not valid UTF-8 is read
    in the charset its ``<meta>`` declares (else windows-1252, as browsers
    do); valid UTF-8 stays UTF-8 whatever a stale ``<meta charset>`` says.
    A Word file (``.docx``) becomes its text, one paragraph per line
    (lint/readers/docx.py)."""
    lower = path.lower()
    if lower.endswith(".docx"):
        from lint.readers.docx import docx_text

        try:
            return docx_text(data), False, "docx"
        except ImportError:
            raise ReadError(f"{path}: reading Word files needs python-docx: pip install 'newslint[docx]'") from None
        except ValueError as exc:
            raise ReadError(f"{path}: not a Word file that can be read ({exc}), skipped") from None
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: binary file, skipped")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        from lint.readers import HTML_EXTENSIONS

        if not lower.endswith(HTML_EXTENSIONS):
            raise ReadError(f"{path}: not valid UTF-8 (byte {exc.start}), skipped") from None
        encoding = _html_charset(data)
        text = data.decode(encoding, "replace")
    bom = text.startswith("\ufeff")
    return (text[1:] if bom else text), bom, encoding


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _html_charset(data: bytes) -> str:
    """The charset the page declares in its first 4 KB (a codec Python knows), else windows-1252."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if m:
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            name = ""
        if name and name not in ("utf-8", "ascii") and not name.startswith(("utf-16", "utf-32")):  # bytes that read
            # as ASCII cannot be UTF-16: HTML takes such a declaration for UTF-8, which these bytes are not
            return "gb18030" if name in ("gb2312", "gbk") else name  # the supersets browsers use
    return "cp1252"


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: what ``--fix`` checks again before replacing it."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    sha256: str
    encoding: str = "utf-8"  # what the text was read as: --fix writes UTF-8 only over UTF-8

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Snapshot:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def _not_regular(path: str, mode: int) -> ReadError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return ReadError(f"{path}: {kind}, not a regular file, skipped")


def read_bytes(path: str) -> tuple[bytes, Snapshot]:
    """The bytes of the regular file ``path`` (links followed), never
    blocking: anything but a regular file, or a file over
    ``MAX_FILE_BYTES``, is a ReadError before a byte is read."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if st.st_size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB ({st.st_size} bytes), skipped")
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise _not_regular(path, st.st_mode)
            chunks, size = [], 0
            while size <= MAX_FILE_BYTES:
                chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ReadError(f"{path}: {exc.strerror or exc}") from None
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, skipped")
    return data, Snapshot.of(st, data)


def read_source(path: str) -> tuple[str, bool]:
    return decode_source(read_bytes(path)[0], path)


def read_file(path: str) -> tuple[str, bool, Snapshot]:
    """(text, whether it had a BOM, the snapshot ``--fix`` checks before writing)."""
    data, snap = read_bytes(path)
    text, bom, encoding = decode_article(data, path)
    if encoding != "utf-8":
        snap = dataclasses.replace(snap, encoding=encoding)
    return text, bom, snap
