"""Baselines: record today's findings, later report only new ones.

A fingerprint is a hash of the rule, the path, the flagged text, the text
of the line it sits on, and its rank among identical findings: it survives
lines inserted above or below, and changes when the flagged line changes.
The path is taken relative to the baseline file's folder, so a baseline
works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lint.model import Diagnostic
from lint.positions import LineIndex

VERSION = 1


def _where(path: str, base: Path | None) -> str:
    """``path`` relative to ``base`` (the baseline's folder), with ``/``."""
    if base is None or path == "-" or path.startswith("<"):
        return path.replace(os.sep, "/")
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def fingerprints(text: str, diags: Iterable[Diagnostic], base: Path | None = None) -> list[str]:
    # sha256 of "rule␟path␟flagged text␟line text, spacing collapsed␟rank".
    # Linear in the findings however many share a line: each line is
    # normalised once, and identical findings (the same rule, path, text
    # and line) hash their common part once and differ only by the rank.
    index = LineIndex(text)
    seen: Counter[tuple] = Counter()
    normalised: dict[int, str] = {}
    where: dict[str, str] = {}
    states: dict[tuple, Any] = {}
    out = []
    for d in diags:
        line, _ = index.line_col(d.start)
        if line not in normalised:
            normalised[line] = " ".join(index.line_text(line).split())
        if d.path not in where:
            where[d.path] = _where(d.path, base)
        key = (d.rule, where[d.path], text[d.start : d.end], line)
        seen[key] += 1
        state = states.get(key)
        if state is None:
            joined = "\x1f".join((d.rule, where[d.path], text[d.start : d.end], normalised[line]))
            # surrogatepass: a path that is not UTF-8 (os.fsdecode's surrogates) hashes too
            state = states[key] = hashlib.sha256(joined.encode("utf-8", "surrogatepass"))
        h = state.copy()
        h.update(f"\x1f{seen[key]}".encode())
        out.append(h.hexdigest()[:32])
    return out


def write(path: str, results: Iterable[tuple[str, list[Diagnostic]]]) -> int:
    base = Path(path).resolve().parent
    items = []
    for text, diags in results:
        for d, fp in zip(diags, fingerprints(text, diags, base)):
            items.append({"path": _where(d.path, base), "rule": d.rule, "fingerprint": fp})
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"version": VERSION, "findings": items}, fh, indent=1)
        fh.write("\n")
    return len(items)


def read(path: str) -> Counter[str]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"{path}: not a newslint baseline (version {VERSION})")
    return Counter(item["fingerprint"] for item in data["findings"])


def filter_new(text: str, diags: list[Diagnostic], known: Counter[str], base: Path | None = None) -> list[Diagnostic]:
    """Drop findings whose fingerprint the baseline holds (each at most once);
    ``base``: the baseline file's folder."""
    out = []
    for d, fp in zip(diags, fingerprints(text, diags, base)):
        if known[fp] > 0:
            known[fp] -= 1
        else:
            out.append(d)
    return out
