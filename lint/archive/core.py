"""The pure core: a batch of records -> Arrow tables, no I/O and no state kept between calls.

A record is a mapping with ``id`` (str), ``text`` (the article, or an HTML page), and optionally
``format`` (``text``, ``html``, ``markdown``, ``json``: the reader; default ``text``), ``url``,
``date`` (the publication date, ISO), ``outlet``. ``lint_records(records, linter)`` gives:

- ``findings``: one row per finding: ``record_id``, ``rule``, ``severity``, ``start``, ``end``
  (code point offsets in ``text``), ``line``, ``column`` (1-based), ``message``, ``fix`` (JSON or
  null), ``across`` (false: found in the record alone);
- ``summary``: one row per record: ``record_id``, ``url``, ``outlet``, ``findings``, ``counts``
  (JSON: findings per rule), ``named_sources``, ``outlets``, ``vague_attributions``,
  ``unattributed_figures``, ``error`` (a record that could not be read: the message);
- ``names``: one row per name of a record that the name variants between articles look at
  (``record_id``, ``name``: the file name it was linted as, ``rule``, ``key``, ``surface``,
  ``folded``, ``mates``: its neighbours, null when it once stands alone, ``spans``: start, end,
  start, end... of its occurrences), for the reduce step (``lint.archive.across``).

Findings are those of ``newslint`` on the record's text as a file named ``<id><ext>``, without
the findings between articles, which ``lint.archive.across`` gives from every shard's ``names``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

EXTENSIONS = {"text": ".txt", "txt": ".txt", "html": ".html", "markdown": ".md", "md": ".md", "json": ".json"}

FINDINGS = pa.schema([
    ("record_id", pa.string()), ("rule", pa.string()), ("severity", pa.string()), ("start", pa.int64()),
    ("end", pa.int64()), ("line", pa.int32()), ("column", pa.int32()), ("message", pa.string()),
    ("fix", pa.string()), ("across", pa.bool_()),
])
# the same as a Spark DDL string (mapInArrow takes a DataType or DDL, not a pyarrow schema)
FINDINGS_DDL = ("record_id string, rule string, severity string, start long, end long, line int, column int, "
                "message string, fix string, across boolean")
SUMMARY = pa.schema([
    ("record_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()), ("findings", pa.int32()),
    ("counts", pa.string()), ("named_sources", pa.int32()), ("outlets", pa.int32()),
    ("vague_attributions", pa.int32()), ("unattributed_figures", pa.int32()), ("error", pa.string()),
])
NAMES = pa.schema([
    ("record_id", pa.string()), ("name", pa.string()), ("rule", pa.string()), ("key", pa.string()),
    ("surface", pa.string()), ("folded", pa.string()), ("mates", pa.list_(pa.string())), ("spans", pa.list_(pa.int64())),
])


class _Skip(Exception):
    """A record already known to be unreadable."""


class Linter:
    """The loaded rules and configuration, built once per worker (``Linter.default()``, or from a
    ``lint.pipeline.Project``); ``lint_records`` reads nothing else."""

    def __init__(self, project: Any, config_id: str = ""):
        self.project = project
        self.config_id = config_id  # what the configuration was (a hash of its file): outputs made with another are redone

    def extractor(self) -> Any:
        """The sourcing extractor of News.NoNamedSource when that rule runs (it has just read the
        same article: its answer is reused), else the built-in one."""
        for rule in self.project.rules:
            built = getattr(rule.checker, "_built", None)
            if rule.id == "News.NoNamedSource" and built is not None:
                return built()[0]
        return None

    @classmethod
    def default(cls, config: str | None = None) -> Linter:
        import hashlib
        from pathlib import Path

        from lint.pipeline import Settings, load_project

        settings = Settings(config=Path(config) if config else None, isolated=config is None, use_cache=True)
        config_id = hashlib.sha1(Path(config).read_bytes()).hexdigest()[:16] if config else ""
        return cls(load_project(settings, Path.cwd()), config_id)


def record_name(record: Mapping[str, Any]) -> str:
    """The file name a record is linted as: its id and the extension of its format."""
    fmt = str(record.get("format") or "text").lower()
    ext = EXTENSIONS.get(fmt)
    if ext is None:
        raise ValueError(f"record {record.get('id')!r}: unknown format {fmt!r} (one of {', '.join(sorted(EXTENSIONS))})")
    return f"{record['id']}{ext}"


def record_id(raw: Any) -> str:
    """A record's id as a string ("" when it has none that can be used: not a string or an integer)."""
    if isinstance(raw, str):
        return raw
    return str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else ""


def project_for(record: Mapping[str, Any], project: Any, rid: str) -> Any:
    """The project a record is linted with: its publication date (``date``) as the run's."""
    if not record.get("date"):
        return project
    try:
        day = dt.date.fromisoformat(str(record["date"])[:10])
    except ValueError:
        raise ValueError(f"record {rid!r}: date {str(record['date'])[:40]!r} is not an ISO date") from None
    return dataclasses.replace(project, date=day)


def _fix_json(fix: Any) -> str | None:
    if fix is None:
        return None
    return json.dumps({"applicability": fix.applicability, "title": fix.title,
                       "edits": [{"start": e.span.start, "end": e.span.end, "text": e.replacement} for e in fix.edits]},
                      ensure_ascii=False)


def _rows(record_id: str, text: str | None, diags: Iterable[Any], across: bool, into: dict[str, list]) -> None:
    """``diags`` as ``FINDINGS`` columns (``text`` None: no lines and columns, 0)."""
    from lint.positions import LineIndex

    index = LineIndex(text) if text is not None else None
    for d in diags:
        line, col = index.line_col(d.start) if index is not None else (0, 0)
        for k, v in (("record_id", record_id), ("rule", d.rule), ("severity", str(d.severity)), ("start", d.start),
                     ("end", d.end), ("line", line), ("column", col), ("message", d.message),
                     ("fix", _fix_json(d.fix)), ("across", across)):
            into[k].append(v)


def lint_records(records: Iterable[Mapping[str, Any]], linter: Linter) -> tuple[pa.Table, pa.Table, pa.Table]:
    """``(findings, summary, names)`` for ``records`` (see the module docstring)."""
    from lint.pipeline import _export, lint_source
    from lint.readers import ReadError
    from lint.sourcing import summarize

    project = linter.project
    extractor = linter.extractor()
    f: dict[str, list] = {n: [] for n in FINDINGS.names}
    s: dict[str, list] = {n: [] for n in SUMMARY.names}
    names: dict[str, list] = {n: [] for n in NAMES.names}
    checkers = {r.id: r.checker for r in project.rules}
    for record in records:
        raw_id, text = record.get("id"), record.get("text")
        rid = record_id(raw_id)
        error, diags, name = None, [], ""
        if not rid:
            error = f"a record without a usable id (a string or an integer): {str(raw_id)[:60]!r}"
            rid = repr(raw_id)[:60]
        elif text is None:
            error = f"record {rid!r}: no text"
        elif not isinstance(text, str):
            error = f"record {rid!r}: its text is {type(text).__name__}, not a string"
        elif "\x00" in text:  # (a str here)
            error = f"record {rid!r}: binary text (a NUL character), not linted"  # as the CLI skips such a file
        text = text if isinstance(text, str) and error is None else ""
        if text.startswith("\ufeff"):
            text = text[1:]  # as the CLI reads a file: offsets after the BOM
        try:
            if error is not None:
                raise _Skip
            name = record_name(record)
            here = project_for(record, project, rid)
            rules = here.rules_for(name)
            diags = [d for d in lint_source(name, text, here, rules=rules)
                     if d.severity >= here.min_level or d.rule == "Newslint.UnknownRule"]
            for rule_id, state in (_export(rules, name) or {}).items():
                for key, surface, folded, mates, spans in (checkers[rule_id].unpack(state) if state else ()):
                    for k, v in (("record_id", rid), ("name", name), ("rule", rule_id), ("key", key),
                                 ("surface", surface), ("folded", folded),
                                 ("mates", list(mates) if mates is not None else None),
                                 ("spans", [x for span in spans for x in span])):
                        names[k].append(v)
        except _Skip:
            pass
        except (ReadError, ValueError) as exc:
            error = str(exc) if rid in str(exc) else f"record {rid!r}: {exc}"
        except Exception as exc:  # a bug in a check: this record is reported, the batch goes on
            error = f"{rid}: internal error, record skipped ({type(exc).__name__}: {exc})"
        _rows(rid, text, diags, False, f)
        counts = Counter(d.rule for d in diags)
        summ = summarize(name, text, diags, extractor) if error is None and name else None
        c = summ["counts"] if summ else {}
        for k, v in (("record_id", rid), ("url", record.get("url")), ("outlet", record.get("outlet")),
                     ("findings", len(diags)), ("counts", json.dumps(dict(sorted(counts.items())))),
                     ("named_sources", c.get("named_sources", 0)), ("outlets", c.get("outlets", 0)),
                     ("vague_attributions", c.get("vague_attributions", 0)),
                     ("unattributed_figures", c.get("unattributed_figures", 0)), ("error", error)):
            s[k].append(v)
    return (pa.Table.from_pydict(f, schema=FINDINGS), pa.Table.from_pydict(s, schema=SUMMARY),
            pa.Table.from_pydict(names, schema=NAMES))
