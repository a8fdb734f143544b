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
    # sha256 of "rule␟path␟flagged text␟line text, spacing collapsed␟rank";
    # each line normalised and encoded once.
    index = LineIndex(text)
    seen: Counter[tuple[str, str, str, str]] = Counter()
    # a line's text with its spaces normalised, and as UTF-8: once per line, not per finding
    lines: dict[int, tuple[str, bytes]] = {}
    states: dict[tuple[str, str, str, int], Any] = {}
    out = []
    for d in diags:
        line, _ = index.line_col(d.start)
        got = lines.get(line)
        if got is None:
            norm = " ".join(index.line_text(line).split())
            got = lines[line] = (norm, norm.encode("utf-8", "surrogatepass"))
        norm, norm_bytes = got
        rule, where, flagged = d.rule, _where(d.path, base), text[d.start : d.end]
        key = (rule, where, flagged, norm)  # the rank counts identical findings on lines of the same text
        seen[key] += 1
        # sha256 of "rule US where US flagged US line US rank", fed in parts (the same
        # digest as of the joined string); identical findings on one line share the
        # state before the rank, so many of them on one long line hash it once
        state = states.get((rule, where, flagged, line))
        if state is None:
            # surrogatepass: a path that is not UTF-8 (os.fsdecode's surrogates) hashes too
            state = hashlib.sha256("\x1f".join((rule, where, flagged, "")).encode("utf-8", "surrogatepass"))
            state.update(norm_bytes)
            states[(rule, where, flagged, line)] = state
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


MAX_SIZE = 256 * 1024 * 1024  # bytes: about two million findings


def read(path: str) -> Counter[str]:
    """The fingerprints a baseline holds. Raises ``ValueError`` (not a
    baseline, too large, nested too deep) or ``OSError``, one line each."""
    from lint import safe_yaml

    try:
        raw = safe_yaml.read_text(path, MAX_SIZE)  # a regular file, capped, never blocking
    except safe_yaml.LimitError as exc:
        raise ValueError(exc.problem) from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(raw)
    except RecursionError:  # the decoder recurses on nested arrays and objects
        raise ValueError("not a newslint baseline: nested too deep") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    findings = data.get("findings") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(findings, list) or not all(isinstance(i, dict) and isinstance(i.get("fingerprint"), str) for i in findings):
        raise ValueError(f"not a newslint baseline (version {VERSION})")
    return Counter(item["fingerprint"] for item in findings)


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
