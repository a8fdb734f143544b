"""``newslint-archive IN... --out DIR [--engine local|dask|ray] [--scheduler ADDRESS] [--workers N]``

Lints every shard under IN (files or folders: ``.jsonl[.gz]``, ``.parquet``, ``.warc[.gz]``)
into DIR, one task per shard (see ``lint.archive.shards``), then the reduce step: every shard's
spellings merged and decided here (``lint.archive.across``), and a second task per shard that
writes its records' name variants between articles to ``DIR/<shard>.across.findings.parquet``.
Progress on standard error: shards done, records per second. A shard done by an earlier run is
skipped.
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


def reduce_spellings(shards: list[tuple[str, str]], out: Path, config: str | None,
                     part_rows: int | None = None) -> tuple[Path, str, int, int]:
    """Every shard's spellings merged, then decided (``lint.archive.across.reduce_files``, in
    parts when they are many): the choices, written atomically to ``DIR/across.choices.parquet``;
    (that file, its digest, its rows, the distinct spellings of the run). Raises SystemExit
    when a record id is in two shards or twice in one."""
    import json
    import shutil

    import pyarrow.parquet as pq

    from lint.archive import across
    from lint.archive.engines import _linter
    from lint.archive.shards import outputs

    files = []
    for s, key in shards:
        o = outputs(Path(s), out, key)
        twice = json.loads((pq.read_schema(o["spellings"]).metadata or {}).get(b"newslint-twice", b"[]"))
        if twice:
            raise SystemExit(f"newslint-archive: record id {twice[0]!r} is twice in {s}: the findings between "
                             "articles need ids unique across the run (--no-across skips them)")
        files.append((s, o["spellings"], o["names"]))
    for old in out.glob("across.reduce.tmp-*"):  # what a killed reduce left
        shutil.rmtree(old, ignore_errors=True)
    for old in out.glob("across.choices.parquet.tmp-*"):
        old.unlink(missing_ok=True)
    work = out / f"across.reduce.tmp-{os.getpid()}"
    try:
        choices, distinct = across.reduce_files(files, _linter(config), work,
                                                part_rows if part_rows is not None else across.PART_ROWS)
    except ValueError as exc:
        msg = str(exc)
        if msg.startswith("record id"):
            msg += ": the findings between articles need ids unique across the run (--no-across skips them)"
        raise SystemExit(f"newslint-archive: {msg}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    target = out / "across.choices.parquet"
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    pq.write_table(choices.replace_schema_metadata({"newslint-shard": "across"}), tmp, compression="zstd")
    os.replace(tmp, target)
    return target, across.choices_digest(choices), choices.num_rows, distinct


def _drop_across(shards: list[tuple[str, str]], out: Path) -> None:
    """An earlier run's findings between articles: not this run's."""
    from lint.archive.shards import across_output

    for s, key in shards:
        across_output(Path(s), out, key).unlink(missing_ok=True)
    (out / "across.choices.parquet").unlink(missing_ok=True)


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
    try:  # a configuration that does not load: said once, here, not by every task
        engines._linter(args.config)
    except Exception as exc:
        print(f"newslint-archive: --config {args.config}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    out.mkdir(parents=True, exist_ok=True)
    start, records, failed, skipped, bad = time.perf_counter(), 0, [], 0, 0
    print(f"newslint-archive: {len(shards)} shards, engine {engine}, {args.workers} workers", file=sys.stderr)
    try:
        with engines.start(engine, args.workers, args.scheduler) as eng:
            tasks = [(s, str(out), args.config, key) for s, key in shards]
            for n, res in enumerate(eng.map(engines.run_shard, tasks), 1):
                records += res.records
                skipped += res.skipped
                bad += res.record_errors
                if res.record_errors:
                    print(f"newslint-archive: {res.shard}: {res.record_errors} records not linted (the summary's "
                          "error column names each)", file=sys.stderr)
                if res.error:
                    failed.append(res)
                    print(f"newslint-archive: shard failed: {res.error}", file=sys.stderr)
                rate = records / max(time.perf_counter() - start, 1e-9)
                print(f"newslint-archive: {n}/{len(shards)} shards done ({skipped} skipped), {records} records, "
                      f"{rate:.0f} records/s", file=sys.stderr)
            if args.no_across or failed:
                _drop_across(shards, out)
            else:
                try:
                    choices, digest, n_choices, distinct = reduce_spellings(shards, out, args.config)
                except SystemExit as exc:
                    _drop_across(shards, out)
                    print(exc, file=sys.stderr)
                    return 1
                except Exception as exc:  # an output unreadable since its shard was done, a full disk
                    _drop_across(shards, out)
                    print(f"newslint-archive: the reduce step failed: {type(exc).__name__}: {exc}; the findings "
                          "between articles are not made (remove the shard's outputs named above, if any, and "
                          "rerun)", file=sys.stderr)
                    return 1
                print(f"newslint-archive: {distinct} distinct spellings, {n_choices} replaced by a better one between "
                      "articles; their findings, shard by shard", file=sys.stderr)
                n_across = 0
                tasks2 = [(s, str(out), args.config, key, str(choices), digest) for s, key in shards]
                for res in eng.map(engines.run_across, tasks2):
                    n_across += res.findings
                    if res.error:
                        failed.append(res)
                        print(f"newslint-archive: shard failed (between articles): {res.error}", file=sys.stderr)
                print(f"newslint-archive: {n_across} findings between articles (in {out}/*.across.findings.parquet)",
                      file=sys.stderr)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return USAGE_ERROR
    elapsed = time.perf_counter() - start
    print(f"newslint-archive: {len(shards) - len(failed)}/{len(shards)} shards, {records} records in {elapsed:.1f} s"
          + (f"; {len(failed)} shards failed" if failed else "") + (f"; {bad} records not linted" if bad else ""),
          file=sys.stderr)
    return 1 if failed or bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
