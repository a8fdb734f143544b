"""Baselines: record today's findings, later report only new ones.

A fingerprint is a hash of the rule, the path, the flagged text, the text
of the line it sits on, and its rank among identical findings: it survives
lines inserted above or below, and changes when the flagged line changes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from lint.model import Diagnostic
from lint.positions import LineIndex

VERSION = 1


def fingerprints(text: str, diags: Iterable[Diagnostic]) -> list[str]:
    index = LineIndex(text)
    seen: Counter[str] = Counter()
    out = []
    for d in diags:
        line, _ = index.line_col(d.start)
        key = "\x1f".join((d.rule, d.path, text[d.start : d.end], " ".join(index.line_text(line).split())))
        seen[key] += 1
        out.append(hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32])
    return out


def write(path: str, results: Iterable[tuple[str, list[Diagnostic]]]) -> int:
    items = []
    for text, diags in results:
        for d, fp in zip(diags, fingerprints(text, diags)):
            items.append({"path": d.path, "rule": d.rule, "fingerprint": fp})
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


def filter_new(text: str, diags: list[Diagnostic], known: Counter[str]) -> list[Diagnostic]:
    """Drop findings whose fingerprint the baseline holds (each at most once)."""
    out = []
    for d, fp in zip(diags, fingerprints(text, diags)):
        if known[fp] > 0:
            known[fp] -= 1
        else:
            out.append(d)
    return out
