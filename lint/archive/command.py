"""``newslint-archive IN... --out DIR [--engine local|dask|ray] [--scheduler ADDRESS] [--workers N]``

Lints every shard under IN (files or folders: ``.jsonl[.gz]``, ``.parquet``, ``.warc[.gz]``)
into DIR, one task per shard (see ``lint.archive.shards``), then the reduce step: the name
variants between articles over every shard, into ``DIR/across.findings.parquet``. Progress on
standard error: shards done, records per second. A shard done by an earlier run is skipped.
Exit code 0 when every record of every shard was linted; 1 when a shard failed (each is named
with its error) or a record could not be read (the summary's ``error`` column names it), or two
shards hold the same record id (for the reduce step); 2 for a usage error or no shards at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

USAGE_ERROR = 2


def _ours(path: Path) -> bool:
    """A Parquet file newslint-archive wrote (an earlier run's output in a folder given as input)."""
    if not path.name.lower().endswith(".parquet"):
        return False
    import pyarrow.parquet as pq

    try:
        return b"newslint-shard" in (pq.read_schema(path).metadata or {})
    except Exception:
        return False


def _shards(inputs: list[str], out: Path) -> list[tuple[str, str]]:
    """``(path, key)`` of every shard, once each (by resolved path), ``key`` its path relative to
    the input folder it was found in (a file given by itself: its name). Files under ``out`` are
    not read: an output folder inside an input folder is not taken for input."""
    from lint.archive.shards import is_shard, stem

    out_r = out.resolve()
    found: dict[Path, tuple[str, str]] = {}
    for arg in inputs:
        p = Path(arg)
        if p.is_dir():
            for q in sorted(p.rglob("*")):
                r = q.resolve()
                if q.is_file() and is_shard(q) and out_r not in r.parents and not _ours(q):
                    found.setdefault(r, (str(q), q.relative_to(p).as_posix()))
        elif p.is_file():
            if not is_shard(p):
                raise SystemExit(f"newslint-archive: {arg}: not a shard (.jsonl, .jsonl.gz, .ndjson, .parquet, .warc, .warc.gz)")
            found.setdefault(p.resolve(), (str(p), p.name))
        else:
            raise SystemExit(f"newslint-archive: {arg}: no such file or folder")
    names: dict[str, str] = {}
    for path, key in found.values():
        other = names.setdefault(stem(key), path)
        if other != path:
            raise SystemExit(f"newslint-archive: {other} and {path} are both {key!r} in this run: their outputs would "
                             "be one; give their folders separately so that their names differ, or rename one")
    return list(found.values())


def reduce_names(shards: list[tuple[str, str]], out: Path, config: str | None) -> int:
    """The findings between articles, from every shard's names file (written atomically).
    Raises SystemExit when two shards hold the same record id (whose finding would it be?)."""
    import pyarrow.parquet as pq

    from lint.archive.core import across_records
    from lint.archive.engines import _linter
    from lint.archive.shards import outputs, texts_of

    tables = {}
    owner: dict[str, str] = {}
    for s, key in shards:
        f = outputs(Path(s), out, key)["names"]
        if not f.exists():
            continue
        t = pq.read_table(f)
        for rid in t.column("record_id").to_pylist():
            if owner.setdefault(rid, s) != s:
                raise SystemExit(f"newslint-archive: record id {rid!r} is in {owner[rid]} and in {s}: the findings "
                                 "between articles need ids unique across the run (--no-across skips them)")
        tables[s] = t
    linter = _linter(config)
    first = across_records(tables.values(), None, linter)
    wanted = set(first.column("record_id").to_pylist())
    texts: dict[str, str] = {}
    if wanted:
        for s, t in tables.items():
            ids = wanted & set(t.column("record_id").to_pylist())
            if ids:
                texts.update(texts_of(Path(s), ids))
        # the same absorb-and-finish again, now with the texts for lines and columns
        first = across_records(tables.values(), texts, linter)
    target = out / "across.findings.parquet"
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    pq.write_table(first.replace_schema_metadata({"newslint-shard": "across"}), tmp, compression="zstd")
    os.replace(tmp, target)
    return first.num_rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="newslint-archive", description=__doc__.split("\n\n")[1] if __doc__ else None)
    ap.add_argument("inputs", nargs="+", metavar="IN", help="shards, or folders of shards")
    ap.add_argument("--out", required=True, help="the output folder (created)")
    ap.add_argument("--engine", choices=("local", "dask", "ray"), default=None,
                    help="dask when dask.distributed is installed, else local")
    ap.add_argument("--scheduler", help="a Dask scheduler (tcp://host:8786) or Ray cluster address")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per core)")
    ap.add_argument("--config", help="a newslint configuration file (default: the built-in pack's defaults)")
    ap.add_argument("--no-across", action="store_true", help="skip the reduce step (name variants between articles)")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and USAGE_ERROR
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("newslint-archive: needs pyarrow: pip install 'newslint[archive]'", file=sys.stderr)
        return USAGE_ERROR
    from lint.archive import engines

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"newslint-archive: --out {out}: not a folder", file=sys.stderr)
        return USAGE_ERROR
    try:
        shards = _shards(args.inputs, out)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return USAGE_ERROR
    if not shards:
        print(f"newslint-archive: no shards in {' '.join(args.inputs)} (.jsonl, .jsonl.gz, .ndjson, .parquet, .warc, "
              ".warc.gz)", file=sys.stderr)
        return USAGE_ERROR
    if args.config and not Path(args.config).is_file():
        print(f"newslint-archive: {args.config}: no such configuration file", file=sys.stderr)
        return USAGE_ERROR
    engine = args.engine
    if engine is None:
        try:
            import distributed  # noqa: F401
            engine = "dask"
        except ImportError:
            engine = "dask" if args.scheduler else "local"  # a scheduler asked for: say dask is missing
    if args.scheduler and engine == "local":
        print("newslint-archive: --scheduler is for --engine dask or ray", file=sys.stderr)
        return USAGE_ERROR
    out.mkdir(parents=True, exist_ok=True)
    run = engines.ENGINES[engine]
    kwargs = {"scheduler": args.scheduler} if engine != "local" else {}
    start, records, failed, skipped, bad = time.perf_counter(), 0, [], 0, 0
    print(f"newslint-archive: {len(shards)} shards, engine {engine}, {args.workers} workers", file=sys.stderr)
    try:
        for n, res in enumerate(run(shards, str(out), args.config, args.workers, **kwargs), 1):
            records += res.records
            skipped += res.skipped
            bad += res.record_errors
            if res.record_errors:
                print(f"newslint-archive: {res.shard}: {res.record_errors} records not linted (the summary's error "
                      "column names each)", file=sys.stderr)
            if res.error:
                failed.append(res)
                print(f"newslint-archive: shard failed: {res.error}", file=sys.stderr)
            rate = records / max(time.perf_counter() - start, 1e-9)
            print(f"newslint-archive: {n}/{len(shards)} shards done ({skipped} skipped), {records} records, "
                  f"{rate:.0f} records/s", file=sys.stderr)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return USAGE_ERROR
    across = out / "across.findings.parquet"
    if not args.no_across and not failed:
        try:
            n_across = reduce_names(shards, out, args.config)
        except SystemExit as exc:
            across.unlink(missing_ok=True)
            print(exc, file=sys.stderr)
            return 1
        print(f"newslint-archive: {n_across} findings between articles in {across}", file=sys.stderr)
    else:
        across.unlink(missing_ok=True)  # an earlier run's would not be this run's
    elapsed = time.perf_counter() - start
    print(f"newslint-archive: {len(shards) - len(failed)}/{len(shards)} shards, {records} records in {elapsed:.1f} s"
          + (f"; {len(failed)} shards failed" if failed else "") + (f"; {bad} records not linted" if bad else ""),
          file=sys.stderr)
    return 1 if failed or bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
