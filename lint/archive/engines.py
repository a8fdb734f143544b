"""The tasks of a run on an engine: Dask (``dask.distributed``), a local process pool, or Ray.

``start(engine, workers, scheduler)`` gives an engine whose ``map(fn, tasks)`` runs
``fn(*task)`` once per task (a task's first item is its shard: a failure names it) and yields the
``ShardResult``s as they finish; the run maps its shards twice on it (lint, then the findings
between articles). A worker builds its ``Linter`` once (the rules are compiled per process,
then reused for every task it gets).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from lint.archive.core import Linter
from lint.archive.shards import ShardResult, across_shard, process_shard

_LINTERS: dict[str | None, Linter] = {}  # per worker process: the compiled rules, by configuration

Task = tuple[Any, ...]


def _linter(config: str | None) -> Linter:
    linter = _LINTERS.get(config)
    if linter is None:
        linter = _LINTERS[config] = Linter.default(config)
    return linter


def run_shard(path: str, out: str, config: str | None = None, key: str | None = None) -> ShardResult:
    """The first task: one shard (``key``: its name in the run), in whatever process the engine runs it."""
    return process_shard(path, out, _linter(config), key)


def run_across(path: str, out: str, config: str | None, key: str | None, choices: str, digest: str) -> ShardResult:
    """The second task: one shard's findings between articles, under the reduce's ``choices``."""
    return across_shard(path, out, _linter(config), key, Path(choices), digest)


def _failed(task: Task, exc: BaseException) -> ShardResult:
    return ShardResult(str(task[0]), error=f"{task[0]}: {type(exc).__name__}: {exc}")


class Local:
    """A pool of ``workers`` processes on this machine (no Dask needed). A worker that dies (the
    OOM killer, a kill -9) fails the tasks it had and those not started; a rerun does them. A
    pool broken so is replaced for the next pass."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool: Any = None

    def _pool(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self.pool is not None and getattr(self.pool, "_broken", False):
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
        if self.pool is None:
            ctx = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        return self.pool

    def map(self, fn: Callable[..., ShardResult], tasks: Sequence[Task]) -> Iterator[ShardResult]:
        if self.workers <= 1:
            for t in tasks:
                try:
                    yield fn(*t)
                except Exception as exc:  # (a task never raises for its shard: this is the engine's)
                    yield _failed(t, exc)
            return
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool

        try:
            pool = self._pool()
            futures = {pool.submit(fn, *t): t for t in tasks}
        except BrokenProcessPool:  # broken between the check and the submit: once more, whole
            self.pool = None
            pool = self._pool()
            futures = {pool.submit(fn, *t): t for t in tasks}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except BrokenProcessPool:
                s = futures[fut][0]
                yield ShardResult(str(s), error=f"{s}: a worker process died (killed?); rerun to resume")
            except Exception as exc:
                yield _failed(futures[fut], exc)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class Dask:
    """``dask.distributed``: a ``LocalCluster`` of ``workers`` single-threaded processes, or the
    scheduler at ``scheduler`` (a Slurm or PBS cluster from dask-jobqueue, the Dask Kubernetes
    operator's, any ``tcp://host:8786``). A task lost with its worker is run again (Dask's
    retries); its shard's outputs are written whole or not at all."""

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SystemExit("newslint-archive: --engine dask needs dask.distributed "
                             "(pip install 'newslint[archive]'), or use --engine local") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)

    def map(self, fn: Callable[..., ShardResult], tasks: Sequence[Task]) -> Iterator[ShardResult]:
        from distributed import as_completed

        futures = {self.client.submit(fn, *t, pure=False, retries=2): t for t in tasks}
        for fut in as_completed(list(futures)):
            try:
                yield fut.result()
            except Exception as exc:  # the task itself failed (a worker lost more than the retries)
                yield _failed(futures[fut], exc)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class Ray:
    """Ray: ``ray.init`` (the cluster at ``scheduler`` when given), one remote task per task."""

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            import ray
        except ImportError:
            raise SystemExit("newslint-archive: --engine ray needs ray (pip install ray)") from None
        self.ray: Any = ray
        ray.init(address=scheduler, num_cpus=None if scheduler else max(1, workers), ignore_reinit_error=True)

    def map(self, fn: Callable[..., ShardResult], tasks: Sequence[Task]) -> Iterator[ShardResult]:
        task: Any = self.ray.remote(max_retries=2)(fn)
        refs = {task.remote(*t): t for t in tasks}
        pending = list(refs)
        while pending:
            ready, pending = self.ray.wait(pending, num_returns=1)
            try:
                yield self.ray.get(ready[0])
            except Exception as exc:  # the task failed beyond its retries (a lost node)
                yield _failed(refs[ready[0]], exc)

    def close(self) -> None:
        self.ray.shutdown()


ENGINES: dict[str, Callable[..., Any]] = {"local": Local, "dask": Dask, "ray": Ray}


@contextlib.contextmanager
def start(engine: str, workers: int, scheduler: str | None = None) -> Iterator[Any]:
    eng = ENGINES[engine](workers) if engine == "local" else ENGINES[engine](workers, scheduler)
    try:
        yield eng
    finally:
        eng.close()
