"""``newslint-archive IN... --out DIR [--engine local|dask|ray] [--scheduler ADDRESS] [--workers N]``

Lints every shard under IN (files or folders: ``.jsonl[.gz]``, ``.parquet``, ``.warc[.gz]``)
into DIR, one task per shard (see ``lint.archive.shards``), then the reduce step: the name
variants between articles over every shard, into ``DIR/across.findings.parquet``. Progress on
standard error: shards done, records per second. A shard done by an earlier run is skipped.
Exit code 0 when every shard was linted, 1 when one failed (each is named with its error),
2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

USAGE_ERROR = 2


def _shards(inputs: list[str]) -> list[str]:
    from lint.archive.shards import is_shard

    found: list[str] = []
    for arg in inputs:
        p = Path(arg)
        if p.is_dir():
            found.extend(str(q) for q in sorted(p.rglob("*")) if q.is_file() and is_shard(q))
        elif p.is_file():
            if not is_shard(p):
                raise SystemExit(f"newslint-archive: {arg}: not a shard (.jsonl, .jsonl.gz, .parquet, .warc, .warc.gz)")
            found.append(str(p))
        else:
            raise SystemExit(f"newslint-archive: {arg}: no such file or folder")
    return found


def reduce_names(shards: list[str], out: Path, config: str | None) -> int:
    """The findings between articles, from every shard's names file (atomically written)."""
    import pyarrow.parquet as pq

    from lint.archive.core import across_records
    from lint.archive.engines import _linter
    from lint.archive.shards import outputs, texts_of

    tables = {s: pq.read_table(outputs(Path(s), out)["names"]) for s in shards if outputs(Path(s), out)["names"].exists()}
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
    pq.write_table(first, tmp, compression="zstd")
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

    try:
        shards = _shards(args.inputs)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
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
            engine = "local"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    run = engines.ENGINES[engine]
    kwargs = {"scheduler": args.scheduler} if engine != "local" else {}
    start, records, failed, skipped = time.perf_counter(), 0, [], 0
    print(f"newslint-archive: {len(shards)} shards, engine {engine}, {args.workers} workers", file=sys.stderr)
    try:
        for n, res in enumerate(run(shards, str(out), args.config, args.workers, **kwargs), 1):
            records += res.records
            skipped += res.skipped
            if res.error:
                failed.append(res)
                print(f"newslint-archive: shard failed: {res.error}", file=sys.stderr)
            rate = records / max(time.perf_counter() - start, 1e-9)
            print(f"newslint-archive: {n}/{len(shards)} shards done ({skipped} skipped), {records} records, "
                  f"{rate:.0f} records/s", file=sys.stderr)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return USAGE_ERROR
    if not args.no_across and not failed:
        n_across = reduce_names(shards, out, args.config)
        print(f"newslint-archive: {n_across} findings between articles in {out / 'across.findings.parquet'}",
              file=sys.stderr)
    elapsed = time.perf_counter() - start
    print(f"newslint-archive: {len(shards) - len(failed)}/{len(shards)} shards, {records} records in {elapsed:.1f} s"
          + (f"; {len(failed)} failed" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
