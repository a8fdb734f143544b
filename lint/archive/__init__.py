"""Archive scale: lint millions of records (a newsroom's archive, a news crawl) in shards,
on Dask, a local process pool or Ray, with results as Parquet (the ``archive`` extra).

- ``core``: records -> Arrow tables of findings, one row per record of counts, and the
  cross-article name state; no I/O.
- ``shards``: one shard in (JSONL, Parquet, WARC), its Parquet files out, written atomically;
  a shard whose outputs exist is skipped, so a rerun resumes.
- ``engines``: the same shard task on Dask (``dask.distributed``), a local process pool or Ray.
- ``command``: the ``newslint-archive`` console script.
"""
