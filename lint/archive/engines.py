"""The shard task on an engine: Dask (``dask.distributed``), a local process pool, or Ray.

Each engine runs ``run_shard(path, out, config)`` once per shard, as the shard's only task, and
yields the ``ShardResult``s as they finish. A worker builds its ``Linter`` once (the rules are
compiled per process, then reused for every shard it gets).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from lint.archive.core import Linter
from lint.archive.shards import ShardResult, process_shard

_LINTERS: dict[str | None, Linter] = {}  # per worker process: the compiled rules, by configuration


def _linter(config: str | None) -> Linter:
    linter = _LINTERS.get(config)
    if linter is None:
        linter = _LINTERS[config] = Linter.default(config)
    return linter


def run_shard(path: str, out: str, config: str | None = None, key: str | None = None) -> ShardResult:
    """The task: one shard (``key``: its name in the run), in whatever process the engine runs it."""
    return process_shard(path, out, _linter(config), key)


def local(shards: Sequence[tuple[str, str]], out: str, config: str | None, workers: int) -> Iterator[ShardResult]:
    """A pool of ``workers`` processes on this machine (no Dask needed). A worker that dies (the
    OOM killer, a kill -9) fails the shards it had and those not started; a rerun does them."""
    if workers <= 1:
        for s, key in shards:
            yield run_shard(s, out, config, key)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(run_shard, s, out, config, key): s for s, key in shards}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except BrokenProcessPool:
                yield ShardResult(futures[fut], error=f"{futures[fut]}: a worker process died (killed?); rerun to resume")


def dask(shards: Sequence[tuple[str, str]], out: str, config: str | None, workers: int,
         scheduler: str | None = None) -> Iterator[ShardResult]:
    """``dask.distributed``: a ``LocalCluster`` of ``workers`` single-threaded processes, or the
    scheduler at ``scheduler`` (a Slurm or PBS cluster from dask-jobqueue, the Dask Kubernetes
    operator's, any ``tcp://host:8786``). A task lost with its worker is run again (Dask's
    retries); its shard's outputs are written whole or not at all."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise SystemExit("newslint-archive: --engine dask needs dask.distributed "
                         "(pip install 'newslint[archive]'), or use --engine local") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = {client.submit(run_shard, s, out, config, key, pure=False, retries=2): s for s, key in shards}
        for fut in as_completed(list(futures)):
            try:
                yield fut.result()
            except Exception as exc:  # the task itself failed (a worker lost more than the retries)
                yield ShardResult(futures[fut], error=f"{futures[fut]}: {type(exc).__name__}: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ray(shards: Sequence[tuple[str, str]], out: str, config: str | None, workers: int,
        scheduler: str | None = None) -> Iterator[ShardResult]:
    """Ray: ``ray.init`` (the cluster at ``scheduler`` when given), one remote task per shard."""
    try:
        import ray as _ray
    except ImportError:
        raise SystemExit("newslint-archive: --engine ray needs ray (pip install ray)") from None
    _ray.init(address=scheduler, num_cpus=None if scheduler else max(1, workers), ignore_reinit_error=True)
    task: Any = _ray.remote(max_retries=2)(run_shard)
    refs = {task.remote(s, out, config, key): s for s, key in shards}
    pending = list(refs)
    while pending:
        ready, pending = _ray.wait(pending, num_returns=1)
        try:
            yield _ray.get(ready[0])
        except Exception as exc:  # the task failed beyond its retries (a lost node)
            yield ShardResult(refs[ready[0]], error=f"{refs[ready[0]]}: {type(exc).__name__}: {exc}")


ENGINES = {"local": local, "dask": dask, "ray": ray}
