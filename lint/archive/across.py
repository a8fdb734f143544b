"""The reduce step: the name variants between the articles of an archive, in three steps that
hold one entry per distinct spelling (of the archive, or of a part of it: ``reduce_files``),
never one per record.

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

import contextlib
import json
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lint.archive.core import FINDINGS, Linter, _rows, project_for, record_id, record_name
from lint.checks.name_variants import Choice, Spelling, merge
from lint.checks.name_variants import tally as tally_rows

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
    """``spellings_table`` rows as a tally, the rows of one spelling (from several shards) merged;
    its strings interned (the neighbours of thousands of spellings are a few names, held once)."""
    out: Tally = {}
    cols = [table.column(c).to_pylist() for c in SPELLINGS.names]
    intern = sys.intern
    for rule, key, folded, surface, count, first, mates in zip(*cols):
        s = Spelling(intern(folded), intern(surface), count, [(p, p) for p in first],
                     {intern(m) for m in mates} if mates is not None else None)
        here = out.setdefault(rule, {})
        have = here.get(key)
        if have is None:
            here[intern(key)] = s
        else:
            have.add(s)
    return out


def _checkers(linter: Linter) -> dict[str, Any]:
    return {r.id: r.checker for r in linter.project.rules if hasattr(r.checker, "decide")}


def decide(t: Tally, linter: Linter) -> pa.Table:
    """The ``CHOICES`` of a merged tally: the spellings that a better one replaces."""
    return _decide_all(t, _checkers(linter))


PART_ROWS = 200_000  # spellings rows (summed over shards) a part of the reduce holds at most, about
MAX_PARTS = 256  # files open at once while the rows (then the ids) are spread over the parts
ID_PART_ROWS = 10_000_000  # record ids a part checks at most (24 bytes each)


def reduce_files(shards: Sequence[tuple[str, Path, Path]], linter: Linter, work: Path,
                 part_rows: int = PART_ROWS) -> tuple[pa.Table, int]:
    """The reduce over the shards' files, ``(label, spellings file, names file)`` each: the
    ``CHOICES`` and the number of distinct spellings. Raises ValueError when a record id with
    names is in two shards.

    Its memory is bounded by ``part_rows`` (up to ``MAX_PARTS`` parts: about 5 million long
    distinct spellings; beyond, the parts grow), not by the archive: when the shards' spellings
    rows are more, they are spread over parts (``work``, a folder, holds them meanwhile) by the
    hash of each key ``pairs`` indexes a spelling by, so that two spellings that share a key meet in
    one part; each part is merged and its pairs found there, and only the spellings of a pair
    are kept for the choice. The record ids are checked the same way, by their hashes (8 bytes
    each, 24 while a part is sorted), at most ``ID_PART_ROWS`` a part."""
    import pyarrow.parquet as pq

    checkers = _checkers(linter)
    total = sum(pq.read_metadata(s).num_rows for _, s, _ in shards)
    parts = 1
    if total > part_rows:  # a spelling goes to each part of its keys: about that many parts, when they are many
        sample = next((pq.read_table(s, columns=["rule", "folded"]).slice(0, 10_000) for _, s, _ in shards
                       if pq.read_metadata(s).num_rows), None)
        spread = 1.0
        if sample is not None and sample.num_rows:
            spread = sum(len(checkers[r].across_keys(f)) if r in checkers else 1 for r, f in
                         zip(sample.column("rule").to_pylist(), sample.column("folded").to_pylist())) / sample.num_rows
        parts = max(1, min(MAX_PARTS, int(-(-total * spread // max(1, part_rows)))))
    named = sum(int((pq.read_schema(s).metadata or {}).get(b"newslint-named", b"0")) for _, s, _ in shards)
    parts = max(parts, min(MAX_PARTS, -(-named // ID_PART_ROWS)))  # the ids' check, in parts too
    work.mkdir(parents=True, exist_ok=True)
    spell_w: list[pq.ParquetWriter | None] = [None] * parts
    id_w: list[pq.ParquetWriter | None] = [None] * parts
    ids_schema = pa.schema([("hash", pa.int64()), ("shard", pa.int32())])
    try:
        merged: Tally = {}
        for _, spellings, _ in shards:  # the spellings, to their parts (or merged, in one)
            t = pq.read_table(spellings)
            if parts == 1:
                merge_tallies(merged, read_spellings(t))
                continue
            rows: list[list[int]] = [[] for _ in range(parts)]
            for i, (rule, folded) in enumerate(zip(t.column("rule").to_pylist(), t.column("folded").to_pylist())):
                checker = checkers.get(rule)
                keys = checker.across_keys(folded) if checker is not None else {folded}
                for p in {_part(k, parts) for k in keys}:
                    rows[p].append(i)
            for p, idx in enumerate(rows):
                if idx:
                    _write(spell_w, p, work / f"spellings-{p}.parquet", SPELLINGS, t.take(idx))
        _close(spell_w)
        for n, (_, _, names) in enumerate(shards):  # then the ids' hashes: at most ``parts`` files open at once
            col = pq.read_table(names, columns=["record_id"]).column("record_id")
            by_part: dict[int, list[int]] = {}
            for h in map(hash, pc.unique(col).to_pylist()):
                by_part.setdefault(h % parts, []).append(h)  # (Python's %: in [0, parts))
            for p, hs in by_part.items():
                _write(id_w, p, work / f"ids-{p}.parquet", ids_schema,
                       pa.table({"hash": pa.array(hs, pa.int64()), "shard": pa.array([n] * len(hs), pa.int32())}))
        _close(id_w)
        # record ids: one part at a time
        for p in range(parts):
            f = work / f"ids-{p}.parquet"
            if f.exists():
                _check_ids(pq.read_table(f), shards)
        if parts == 1:
            return _decide_all(merged, checkers), sum(len(v) for v in merged.values())
        del merged
        pairs: dict[str, dict[str, set[str]]] = {}
        members: Tally = {}
        distinct = 0
        for p in range(parts):
            f = work / f"spellings-{p}.parquet"
            if not f.exists():
                continue
            for rule, here in read_spellings(pq.read_table(f)).items():
                checker = _checker(checkers, rule)
                distinct += sum(1 for s in here.values() if _home(checker, s.folded, parts) == p)
                for a, bs in checker.pairs(here, keep=lambda key, p=p: _part(key, parts) == p).items():
                    pairs.setdefault(rule, {}).setdefault(a, set()).update(bs)
                    kept = members.setdefault(rule, {})
                    for x in (a, *bs):
                        kept[x] = here[x]
        cols: dict[str, list] = {n: [] for n in CHOICES.names}
        for rule in sorted(pairs):
            _add_choices(cols, rule, _checker(checkers, rule).choose(pairs[rule], members[rule]))
        return pa.Table.from_pydict(cols, schema=CHOICES), distinct
    finally:
        _close(spell_w)
        _close(id_w)
        for f in work.glob("*.parquet"):
            f.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            work.rmdir()


def _close(writers: list) -> None:
    for i, w in enumerate(writers):
        if w is not None:
            writers[i] = None
            w.close()


def _part(key: str, parts: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % parts


def _home(checker: Any, folded: str, parts: int) -> int:
    """The one part a spelling is counted in (the least of its parts)."""
    return min(_part(k, parts) for k in checker.across_keys(folded))


def _write(writers: list, p: int, path: Path, schema: pa.Schema, table: pa.Table) -> None:
    import pyarrow.parquet as pq

    if writers[p] is None:
        writers[p] = pq.ParquetWriter(path, schema)
    writers[p].write_table(table.cast(schema))


def _check_ids(part: pa.Table, shards: Sequence[tuple[str, Path, Path]]) -> None:
    """Raises ValueError when an id is in two shards (``part``: hashes of ids, and their shard)."""
    import pyarrow.parquet as pq

    h = part.column("hash").combine_chunks()
    if len(h) < 2:
        return
    ordered = h.take(pc.sort_indices(h))  # 24 bytes an id at the most, where a hash table takes 140
    after = ordered.slice(1)
    twice = set(after.filter(pc.equal(after, ordered.slice(0, len(h) - 1))).to_pylist())
    if not twice:
        return
    sel = part.filter(pc.is_in(part.column("hash"), pa.array(sorted(twice), pa.int64())))
    owner: dict[str, str] = {}
    for n in sorted(set(sel.column("shard").to_pylist())):
        label, _, names = shards[n]
        col = pq.read_table(names, columns=["record_id"]).column("record_id")
        for rid in pc.unique(col).to_pylist():
            if hash(rid) in twice and owner.setdefault(rid, label) != label:
                raise ValueError(f"record id {rid!r} is in {owner[rid]} and in {label}")


def _checker(checkers: Mapping[str, Any], rule: str) -> Any:
    checker = checkers.get(rule)
    if checker is None:
        raise ValueError(f"rule {rule} has names in the shards but is not among this configuration's rules: "
                         "were the shards linted with another --config?")
    return checker


def _add_choices(cols: dict[str, list], rule: str, chosen: Mapping[str, Choice]) -> None:
    for key, c in sorted(chosen.items()):
        for k, v in (("rule", rule), ("key", key), ("better", c.key), ("surface", c.surface),
                     ("count", c.articles), ("first", list(c.first))):
            cols[k].append(v)


def _decide_all(t: Tally, checkers: Mapping[str, Any]) -> pa.Table:
    cols: dict[str, list] = {n: [] for n in CHOICES.names}
    for rule in sorted(t):
        _add_choices(cols, rule, _checker(checkers, rule).decide(t[rule]))
    return pa.Table.from_pydict(cols, schema=CHOICES)


def read_choices(table: pa.Table) -> dict[str, dict[str, Choice]]:
    out: dict[str, dict[str, Choice]] = {}
    cols = [table.column(c).to_pylist() for c in CHOICES.names]
    for rule, key, better, surface, count, first in zip(*cols):
        out.setdefault(rule, {})[key] = Choice(better, surface, count, tuple(first))
    return out


def names_for(names: pa.Table, choices: Mapping[str, Mapping[str, Choice]]) -> pa.Table:
    """The rows of ``names`` that ``emit`` needs (the spellings chosen away and the better
    ones), filtered in Arrow: a shard's names are never all made Python objects."""
    parts = []
    for rule, chosen in sorted(choices.items()):
        keys = pa.array(sorted(set(chosen) | {c.key for c in chosen.values()}), pa.string())
        parts.append(names.filter(pc.and_(pc.equal(names.column("rule"), rule), pc.is_in(names.column("key"), keys))))
    return pa.concat_tables(parts) if parts else names.slice(0, 0)


def emit(records: Iterable[Mapping[str, Any]], names: pa.Table, choices: Mapping[str, Mapping[str, Choice]],
         linter: Linter) -> pa.Table:
    """The findings between articles (``FINDINGS`` rows, ``across`` true) of ``records`` (whose
    ``names`` rows these are, or ``names_for`` them), under ``choices``. Only the records with a
    finding are read again, by their reader alone (no rule runs): for the offsets in the file,
    the suppression comments, the lines and columns."""
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
        if not pending:
            break  # the rest of the shard has no finding between articles
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
