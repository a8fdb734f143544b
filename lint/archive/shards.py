"""One shard in, its Parquet files out.

A shard is one input file: JSONL (one record per line, ``.jsonl``, ``.jsonl.gz``), Parquet
(``.parquet``, with the record columns) or WARC (``.warc``, ``.warc.gz``: each HTML
``response`` is a record, its id the WARC-Record-ID, its url and date the WARC's). Its outputs,
in the output folder, are named after it (``<stem>-<16 hex of its name in the run>``):

- ``….findings.parquet``: the ``core.FINDINGS`` rows of its records;
- ``….summary.parquet``: one ``core.SUMMARY`` row per record;
- ``….names.parquet`` and ``….spellings.parquet``: its records' names and their tally, for
  the reduce step (``lint.archive.across``), whose findings between articles, for the shard's
  records, go to ``….across.findings.parquet`` (``across_shard``).

Each is written under a temporary name and renamed into place, the findings last: a shard whose
four files exist is done and skipped by a rerun; one killed midway leaves at most temporary files
(removed by the next try) or some of its files, which the rerun writes again, whole.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import hashlib
import io
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lint.archive import across
from lint.archive.core import FINDINGS, NAMES, SUMMARY, Linter, lint_records

BATCH = 256  # records linted and written at a time: memory stays flat in a shard's size
KINDS = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet", ".warc", ".warc.gz")
OUTPUTS = ("summary", "names", "spellings", "findings")  # renamed into place in this order
ACROSS = "across.findings"  # the shard's findings between articles: made after every shard's


@dataclass
class ShardResult:
    shard: str
    records: int = 0
    findings: int = 0
    seconds: float = 0.0
    skipped: bool = False  # its outputs were there: done by an earlier run
    error: str | None = None
    record_errors: int = 0  # records that could not be read (each named in the summary's error column)


def is_shard(path: Path) -> bool:
    return path.name.lower().endswith(KINDS)


def stem(key: str) -> str:
    """The outputs' common name for the shard ``key`` (its path relative to the input folder it
    was found in, "2020/01/part-0.jsonl"): that path made a file name, and 16 hex of it (two
    shards of one run with the same name are refused by the command)."""
    name = key
    for k in sorted(KINDS, key=len, reverse=True):
        if name.lower().endswith(k):
            name = name[: -len(k)]
            break
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name.replace("/", "__"))[-80:]
    return f"{safe}-{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def outputs(path: Path, out: Path, key: str | None = None) -> dict[str, Path]:
    s = stem(key if key is not None else path.name)
    return {k: out / f"{s}.{k}.parquet" for k in OUTPUTS}


def across_output(path: Path, out: Path, key: str | None = None) -> Path:
    """The shard's findings between articles (made after every shard's spellings are in)."""
    return out / f"{stem(key if key is not None else path.name)}.{ACROSS}.parquet"


def fingerprint(path: Path, linter: Linter | None = None) -> str:
    """What the outputs were made from: the shard's size and modification time, newslint's
    version and the configuration's. Outputs with another fingerprint are made again."""
    from lint import __version__

    st = path.stat()
    config = getattr(linter, "config_id", "") if linter is not None else ""
    return f"{st.st_size}:{st.st_mtime_ns}:{__version__}:{config}"


def done(path: Path, out: Path, key: str | None = None, linter: Linter | None = None) -> bool:
    """Are the shard's four outputs there, readable, and made from this file and configuration?"""
    want = fingerprint(path, linter)
    for p in outputs(path, out, key).values():
        try:
            meta = pq.read_metadata(p).metadata or {}  # the footer: a truncated file fails here
        except (OSError, pa.ArrowException):
            return False
        if meta.get(b"newslint-shard", b"").decode() != want:
            return False
    return True


def _open(path: Path) -> io.BufferedIOBase:
    f = path.open("rb")
    return gzip.GzipFile(fileobj=f) if path.name.lower().endswith(".gz") else f


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The shard's records, one at a time (a bad JSON line raises ValueError naming it)."""
    low = path.name.lower()
    if low.endswith(".parquet"):
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=BATCH):
            yield from batch.to_pylist()
    elif low.endswith((".warc", ".warc.gz")):
        yield from _warc(path)
    else:
        with _open(path) as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as exc:
                    raise ValueError(f"{path}:{n}: not a JSON record ({exc})") from None
                if not isinstance(rec, dict) or "id" not in rec:
                    raise ValueError(f"{path}:{n}: a record needs an \"id\" and a \"text\"")
                yield rec


def _warc(path: Path) -> Iterator[dict[str, Any]]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ValueError(f"{path}: reading WARC needs warcio (pip install 'newslint[archive]')") from None
    with path.open("rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            charset = "utf-8"
            if "charset=" in ctype:
                charset = ctype.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
            body = rec.content_stream().read()
            try:
                text = body.decode(charset, errors="replace")
            except LookupError:
                text = body.decode("utf-8", errors="replace")
            yield {"id": rec.rec_headers.get_header("WARC-Record-ID") or "", "text": text, "format": "html",
                   "url": rec.rec_headers.get_header("WARC-Target-URI"),
                   "date": (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None}


def process_shard(path: str | Path, out: str | Path, linter: Linter, key: str | None = None) -> ShardResult:
    """Lint one shard into its Parquet files (see the module docstring). Never raises: a shard
    that fails is a result with its error, and leaves no output. ``key``: its name in the run
    (its path relative to the input folder; default its file name)."""
    path, out = Path(path), Path(out)
    res = ShardResult(str(path))
    targets = outputs(path, out, key)
    if done(path, out, key, linter):
        res.skipped = True  # its records that could not be read still count (the run does not pass)
        errors = pq.read_table(targets["summary"], columns=["error"]).column("error")
        res.record_errors = len(errors) - errors.null_count
        return res
    start = time.perf_counter()
    for p in targets.values():  # what a killed try left
        for old in p.parent.glob(f"{glob.escape(p.name)}.tmp-*"):
            old.unlink(missing_ok=True)
    tmps = {k: p.with_name(f"{p.name}.tmp-{socket.gethostname()}-{os.getpid()}") for k, p in targets.items()}
    print_ = fingerprint(path, linter)
    writers: dict[str, pq.ParquetWriter] = {}
    try:
        out.mkdir(parents=True, exist_ok=True)
        meta = {"newslint-shard": print_, "newslint-key": key or path.name}
        for k, schema in (("findings", FINDINGS), ("summary", SUMMARY), ("names", NAMES)):
            writers[k] = pq.ParquetWriter(tmps[k], schema.with_metadata(meta), compression="zstd")
        batch: list[dict[str, Any]] = []
        spellings: across.Tally = {}
        ids: set[str] = set()
        again: set[str] = set()  # ids of two records of the shard or more
        named: set[str] = set()  # ids of records with names: one of those twice is refused by the reduce

        def flush() -> None:
            f, s, n = lint_records(batch, linter)
            f, s, n = (t.replace_schema_metadata(writers[k].schema.metadata)
                       for t, k in ((f, "findings"), (s, "summary"), (n, "names")))
            writers["findings"].write_table(f)
            writers["summary"].write_table(s)
            writers["names"].write_table(n)
            across.merge_tallies(spellings, across.tally(n))
            named.update(n.column("record_id").to_pylist())
            for rid in s.column("record_id").to_pylist():
                if rid in ids:
                    again.add(rid)
                ids.add(rid)
            res.records += s.num_rows
            res.findings += f.num_rows
            res.record_errors += sum(e is not None for e in s.column("error").to_pylist())
            batch.clear()

        for rec in read_records(path):
            batch.append(rec)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        for w in writers.values():
            w.close()
        writers.clear()
        meta["newslint-twice"] = json.dumps(sorted(again & named)[:10])
        meta["newslint-named"] = str(len(named))
        pq.write_table(across.spellings_table(spellings).replace_schema_metadata(meta), tmps["spellings"],
                       compression="zstd")
        for k in OUTPUTS:  # the findings last: with them, the shard is done
            with tmps[k].open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmps[k], targets[k])
        with contextlib.suppress(OSError):  # the renames themselves on disk
            fd = os.open(out, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except Exception as exc:
        msg = str(exc)
        res.error = msg if msg.startswith(str(path)) else f"{path}: {type(exc).__name__}: {msg}"
        res.records = res.findings = res.record_errors = 0  # nothing of it is written
        for w in writers.values():
            with contextlib.suppress(Exception):  # already failing: the first error is the one reported
                w.close()
        for t in tmps.values():
            t.unlink(missing_ok=True)
    res.seconds = time.perf_counter() - start
    return res


def across_shard(path: str | Path, out: str | Path, linter: Linter, key: str | None, choices: Path,
                 digest: str) -> ShardResult:
    """The findings between articles of one shard's records (``choices``: the reduce's answer, a
    Parquet file; ``digest``: its ``across.choices_digest``), into ``….across.findings.parquet``,
    atomically; skipped when made from the same shard and choices. Never raises."""
    path, out = Path(path), Path(out)
    res = ShardResult(str(path))
    target = across_output(path, out, key)
    start = time.perf_counter()
    tmp = target.with_name(f"{target.name}.tmp-{socket.gethostname()}-{os.getpid()}")
    try:
        names_file = outputs(path, out, key)["names"]
        made = (pq.read_metadata(names_file).metadata or {}).get(b"newslint-shard", b"").decode()
        if made != fingerprint(path, linter):
            raise ValueError(f"{path}: changed since it was linted in this run (its names are of another version); "
                             "rerun to lint it again")
        print_ = f"{made}:{digest}"
        with contextlib.suppress(OSError, pa.ArrowException):
            have = pq.read_metadata(target)
            if (have.metadata or {}).get(b"newslint-shard", b"").decode() == print_:
                res.skipped = True
                res.findings = have.num_rows
                return res
        target.unlink(missing_ok=True)  # an earlier answer's: gone whether or not this one is made
        for old in target.parent.glob(f"{glob.escape(target.name)}.tmp-*"):
            old.unlink(missing_ok=True)
        chosen = _choices(choices, digest)
        found = across.emit(read_records(path), across.names_for(pq.read_table(names_file), chosen), chosen, linter)
        res.findings = found.num_rows
        pq.write_table(found.replace_schema_metadata({"newslint-shard": print_, "newslint-key": key or path.name}),
                       tmp, compression="zstd")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except Exception as exc:
        msg = str(exc)
        res.error = msg if msg.startswith(str(path)) else f"{path}: {type(exc).__name__}: {msg}"
        res.findings = 0
        tmp.unlink(missing_ok=True)
        target.unlink(missing_ok=True)  # an earlier answer's, or one made from another version of the shard
    res.seconds = time.perf_counter() - start
    return res


_CHOICES: dict[str, dict] = {}  # per worker: the reduce's choices, by their digest, read once


def _choices(path: Path, digest: str) -> dict:
    got = _CHOICES.get(digest)
    if got is None:
        table = pq.read_table(path)
        if across.choices_digest(table) != digest:
            raise ValueError(f"{path}: not the reduce's answer this task was given (another run's?)")
        _CHOICES.clear()
        got = _CHOICES[digest] = across.read_choices(table)
    return got


def read_table(path: Path) -> pa.Table:
    return pq.read_table(path)
