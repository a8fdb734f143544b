"""Paths -> article files, and files -> text.

Folders are walked recursively in sorted order; only known extensions are
linted inside folders, but a file named explicitly is always read. Hidden
folders (``.git``, ``.venv`` ...) are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from lint.readers import EXTENSIONS


class ReadError(Exception):
    """A file that cannot be linted; the run reports it and goes on."""


def discover(paths: list[str], errors: list[str]) -> Iterator[tuple[str, bool]]:
    """``(path, named)`` for each article file, once however often and in
    whatever spelling it is given (``a.txt``, ``./a.txt``, its absolute
    path): ``named`` when the path was given itself, not only found in a
    folder. ``-`` is standard input."""
    named = {_identity(raw) for raw in paths if raw != "-" and not os.path.isdir(raw) and os.path.exists(raw)}
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw, True
            continue
        p = Path(raw)
        if p.is_dir():
            for found in _walk(p, errors):
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


def _walk(root: Path, errors: list[str]) -> list[str]:
    out: list[str] = []
    visited: set[tuple[int, int]] = set()

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
                    walk(e.path)
                elif e.name.lower().endswith(EXTENSIONS):
                    out.append(e.path)
            except OSError as exc:
                errors.append(f"{e.path}: {exc.strerror}")

    walk(os.path.normpath(str(root)))
    return out


# Vale's configuration files, in its order of preference (lint/vale_config.py)
VALE_CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")


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
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: binary file, skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not valid UTF-8 (byte {exc.start}), skipped") from None
    bom = text.startswith("\ufeff")
    return (text[1:] if bom else text), bom


def read_source(path: str) -> tuple[str, bool]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ReadError(f"{path}: {exc.strerror or exc}") from None
    return decode_source(data, path)
