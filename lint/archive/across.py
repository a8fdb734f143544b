"""The reduce step: the name variants between the articles of an archive, in three steps that
hold, in one process, one entry per distinct spelling of the archive, never one per record.

1. ``tally(names)``: a shard's ``names`` rows (``core.NAMES``) as its spellings (how many of its
   articles have each, the first three, its neighbours): ``SPELLINGS`` rows, written by the
   shard's own task beside its findings;
2. ``merge`` of every shard's spellings, then ``decide``: for each spelling that a better one
   (more articles, similar, not two people) replaces, that one: ``CHOICES`` rows;
3. ``emit(records, names, choices, linter)``: per shard again, the findings of its records,
   stamped, moved to the file's offsets and filtered by the record's suppression comments as
   the CLI does (its records are read again for that, only those with a finding).

The same three steps are what ``newslint`` does over files (``NameVariants.finish``); the
articles sort by the file name each record is linted as (``<id>.txt``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyarrow as pa

from lint.archive.core import FINDINGS, Linter, _rows, project_for, record_id, record_name
from lint.checks.name_variants import Choice, Spelling, merge

SPELLINGS = pa.schema([
    ("rule", pa.string()), ("key", pa.string()), ("folded", pa.string()), ("surface", pa.string()),
    ("count", pa.int64()), ("first", pa.list_(pa.string())), ("mates", pa.list_(pa.string())),
])
CHOICES = pa.schema([
    ("rule", pa.string()), ("key", pa.string()), ("better", pa.string()), ("surface", pa.string()),
    ("count", pa.int64()), ("first", pa.list_(pa.string())),
])

Tally = dict[str, dict[str, Spelling]]  # rule id -> spelling key -> what the articles say of it


def _articles(names: pa.Table, rules: Iterable[str] | None = None) -> Iterator[tuple[str, str, str, list]]:
    """``(rule, record_id, name, rows)`` per record and rule, rows as the checker's
    ``(key, surface, folded, mates, spans)`` (the rows of one record are together in a table)."""
    want = set(rules) if rules is not None else None
    current: tuple[str, str] | None = None
    name, rows = "", []  # type: tuple[str, list]
    cols = [names.column(c).to_pylist() for c in ("rule", "record_id", "name", "key", "surface", "folded", "mates", "spans")]
    for rule, rid, nm, key, surface, folded, mates, spans in zip(*cols):
        if want is not None and rule not in want:
            continue
        if (rule, rid) != current:
            if current is not None:
                yield current[0], current[1], name, rows
            current, name, rows = (rule, rid), nm, []
        rows.append((key, surface, folded, tuple(mates) if mates is not None else None,
                     list(zip(spans[0::2], spans[1::2]))))
    if current is not None:
        yield current[0], current[1], name, rows


def tally(names: pa.Table) -> Tally:
    """The spellings of the records of ``names`` (articles sorted by their file names)."""
    from lint.checks.name_variants import tally as tally_rows

    out: Tally = {}
    by_rule: dict[str, list] = {}
    for rule, _, name, rows in _articles(names):
        by_rule.setdefault(rule, []).append((name, name, rows))
    for rule, articles in by_rule.items():
        out[rule] = tally_rows(articles)
    return out


def merge_tallies(into: Tally, other: Tally) -> None:
    for rule, spellings in other.items():
        merge(into.setdefault(rule, {}), spellings)


def spellings_table(t: Tally) -> pa.Table:
    cols: dict[str, list] = {n: [] for n in SPELLINGS.names}
    for rule in sorted(t):
        for key, s in sorted(t[rule].items()):
            for k, v in (("rule", rule), ("key", key), ("folded", s.folded), ("surface", s.surface),
                         ("count", s.count), ("first", [p for _, p in s.first]),
                         ("mates", sorted(s.mates) if s.mates is not None else None)):
                cols[k].append(v)
    return pa.Table.from_pydict(cols, schema=SPELLINGS)


def read_spellings(table: pa.Table) -> Tally:
    out: Tally = {}
    cols = [table.column(c).to_pylist() for c in SPELLINGS.names]
    for rule, key, folded, surface, count, first, mates in zip(*cols):
        out.setdefault(rule, {})[key] = Spelling(folded, surface, count, [(p, p) for p in first],
                                                 set(mates) if mates is not None else None)
    return out


def _checkers(linter: Linter) -> dict[str, Any]:
    return {r.id: r.checker for r in linter.project.rules if hasattr(r.checker, "decide")}


def decide(t: Tally, linter: Linter) -> pa.Table:
    """The ``CHOICES`` of a merged tally: the spellings that a better one replaces."""
    checkers = _checkers(linter)
    cols: dict[str, list] = {n: [] for n in CHOICES.names}
    for rule in sorted(t):
        checker = checkers.get(rule)
        if checker is None:
            raise ValueError(f"rule {rule} has names in the shards but is not among this configuration's rules: "
                             "were the shards linted with another --config?")
        for key, c in sorted(checker.decide(t[rule]).items()):
            for k, v in (("rule", rule), ("key", key), ("better", c.key), ("surface", c.surface),
                         ("count", c.count), ("first", list(c.first))):
                cols[k].append(v)
    return pa.Table.from_pydict(cols, schema=CHOICES)


def read_choices(table: pa.Table) -> dict[str, dict[str, Choice]]:
    out: dict[str, dict[str, Choice]] = {}
    cols = [table.column(c).to_pylist() for c in CHOICES.names]
    for rule, key, better, surface, count, first in zip(*cols):
        out.setdefault(rule, {})[key] = Choice(better, surface, count, tuple(first))
    return out


def emit(records: Iterable[Mapping[str, Any]], names: pa.Table, choices: Mapping[str, Mapping[str, Choice]],
         linter: Linter) -> pa.Table:
    """The findings between articles (``FINDINGS`` rows, ``across`` true) of ``records`` (whose
    ``names`` rows these are), under ``choices``. Only the records with a finding are read
    again, by their reader alone (no rule runs): for the offsets in the file, the suppression
    comments, the lines and columns."""
    from lint import suppress
    from lint.engine import stamp
    from lint.pipeline import lint_source

    project = linter.project
    checkers = _checkers(linter)
    rules = {r.id: r for r in project.rules}
    raw = {r.id for r in project.rules if "raw" in r.spec.scope}
    pending: dict[str, list[tuple[str, str, list]]] = {}
    for rule, rid, name, rows in _articles(names, choices):
        found = checkers[rule].emit(rows, choices[rule])
        if found:
            pending.setdefault(rid, []).append((rule, name, found))
    out: dict[str, list] = {n: [] for n in FINDINGS.names}
    if not pending:
        return pa.Table.from_pydict(out, schema=FINDINGS)
    by_record: dict[str, tuple[str, list]] = {}
    for record in records:
        rid = record_id(record.get("id"))
        todo = pending.pop(rid, None)
        if todo is None:
            continue
        text = record["text"][1:] if record["text"].startswith("\ufeff") else record["text"]  # as linted
        name = record_name(record)
        sups: list = []
        maps: list = []
        lint_source(name, text, project_for(record, project, rid), rules=[], sups=sups, maps=maps)
        diags = []
        for rule, _, found in todo:
            stamped = [d for f in found for d in stamp(rules[rule], name, [f])]
            if maps:
                stamped = maps[0].to_source(stamped)
            diags += [d for d in suppress.apply(stamped, sups, raw) if d.severity >= project.min_level]
        by_record[rid] = (text, diags)
    if pending:
        raise ValueError(f"the names of {len(pending)} records are not those of the shard's records "
                         f"(e.g. {next(iter(pending))!r}): was the shard changed since it was linted?")
    for rid in sorted(by_record):
        text, diags = by_record[rid]
        _rows(rid, text, sorted(diags, key=lambda d: (d.start, d.end, d.rule)), True, out)
    return pa.Table.from_pydict(out, schema=FINDINGS)


def choices_digest(table: pa.Table) -> str:
    """What a shard's findings between articles were made under (in their file's metadata)."""
    import hashlib

    h = hashlib.sha1()
    for row in zip(*(table.column(c).to_pylist() for c in CHOICES.names)):
        h.update(json.dumps(row, ensure_ascii=False).encode())
    return h.hexdigest()[:16]
