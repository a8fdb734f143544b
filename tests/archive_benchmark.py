"""Throughput of newslint-archive against the single-process CLI, measured in one run.

    .venv/bin/python tests/archive_benchmark.py [--records 5000] [--shards 20]

Not collected by pytest (timings on shared machines are noise in a test). Builds, deterministically,
records of about 5 kB (a headline and paragraphs of the real prose in ../shared/corpus/: the
articles, the annotated articles and the Lee corpus), written both as JSONL shards and as one file
per record, then times (wall clock, best of --runs):

- the CLI, one process (``newslint DIR -j 1``): the baseline;
- newslint-archive, local engine, 1 worker, and Dask ``LocalCluster`` of 2 workers;
- the per-task overhead: Dask over 40 shards of one record each, less 40 records' own work;
- peak memory per worker (max RSS of the child processes) with few and with many shards;
- the reduce (merge and decide, in the command's process) over a quarter of the shards and over
  all: its time and peak memory; and over made-up tallies of --spellings distinct spellings and a
  quarter of them: its cost per distinct spelling.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
PY = sys.executable


def paragraphs() -> list[str]:
    out: list[str] = []
    for p in sorted((SHARED / "articles").glob("*.txt")) + sorted((SHARED / "annotated" / "articles").glob("*.txt")):
        out += [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if len(x.strip()) > 80]
    for name in ("lee.cor", "lee_background.cor"):
        out += [x.strip() for x in (SHARED / "lee" / name).read_text(encoding="utf-8", errors="replace").splitlines()
                if len(x.strip()) > 80]
    return out


def records(n: int) -> list[dict]:
    paras = paragraphs()
    recs, k = [], 0
    for i in range(n):
        body, size = [], 0
        while size < 5000:
            body.append(paras[k % len(paras)])
            size += len(body[-1]) + 2
            k += 7  # a stride, so articles differ
        recs.append({"id": f"r{i:06d}", "text": f"Story {i}\n\n" + "\n\n".join(body) + "\n"})
    return recs


def timed(cmd: list[str], runs: int, cwd: Path, before=None) -> float:
    best = float("inf")
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        res = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if res.returncode not in (0, 1) or (res.returncode == 1 and "lint.archive" in " ".join(cmd)):
            raise SystemExit(f"{' '.join(cmd)} failed ({res.returncode}): {res.stderr[-2000:]}")
        best = min(best, time.perf_counter() - t)
    return best


def child_rss_mb(cmd: list[str], cwd: Path) -> float:
    """Peak RSS of the largest child process a fresh interpreter starts for ``cmd`` (MB)."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", code, *cmd], cwd=cwd, capture_output=True, text=True).stdout
    return int(out.strip() or 0) / 1024


REDUCE = """
import resource, sys, time
from pathlib import Path
from lint.archive.command import _shards, reduce_spellings
from lint.archive.engines import _linter
import pyarrow.parquet as pq
from lint.archive.shards import outputs
_linter(None)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
shards = _shards([sys.argv[1]], Path(sys.argv[2]))[: int(sys.argv[3])]
t = time.perf_counter()
_, _, _, spell = reduce_spellings(shards, Path(sys.argv[2]), None)
secs = time.perf_counter() - t
recs = sum(pq.read_metadata(outputs(Path(s), Path(sys.argv[2]), k)["summary"]).num_rows for s, k in shards)
print(recs, spell, secs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, base / 1024)
"""


def reduce_cost(shards: Path, out: Path, n: int) -> tuple[int, int, int, float, float, float]:
    """The reduce over the first ``n`` shards: (shards, records, distinct spellings, seconds,
    peak RSS MB, RSS MB with only the rules loaded)."""
    res = subprocess.run([PY, "-c", REDUCE, str(shards), str(out), str(n)], cwd=ROOT, capture_output=True, text=True)
    if res.returncode:
        raise SystemExit(f"the reduce failed: {res.stderr[-2000:]}")
    recs, spell, secs, rss, base = res.stdout.split()
    return n, int(recs), int(spell), float(secs), float(rss), float(base)


SYNTHETIC = """
import random, sys
from pathlib import Path
import pyarrow as pa, pyarrow.parquet as pq
from lint.archive import across
from lint.archive.core import NAMES
from lint.archive.shards import outputs
n, shards, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(5)
letters = "abcdefghiklmnoprstuvyz"
made: set[str] = set()
while len(made) < n:  # 4 to 11 letters, 6.7 on average, 30% of 8 or more, as this corpus's names
    word = "".join(rng.choice(letters) for _ in range(rng.choice((4, 5, 5, 6, 6, 6, 7, 7, 8, 9, 10, 11))))
    made.add(word.capitalize())
    if rng.random() < 0.005 and len(word) >= 8:  # a variant: a letter changed
        i = rng.randrange(1, len(word) - 1)
        made.add((word[:i] + rng.choice(letters) + word[i + 1:]).capitalize())
pool = sorted(made)
run, per = [], n // shards
for k in range(shards):
    path = out / f"syn{k:03d}.jsonl"
    path.write_text("")
    run.append((str(path), path.name))
    t: across.Tally = {"News.NameVariant": {}}
    for j in range(per):
        key = pool[rng.randrange(len(pool))] if rng.random() < 0.3 else pool[k * per + j]
        name = f"r{k:03d}-{j:07d}.txt"
        mates = {rng.choice(pool) for _ in range(rng.randint(0, 3))} or None
        s = across.Spelling(key.casefold(), key, 1, [(name, name)], mates)
        have = t["News.NameVariant"].get(key)
        if have is None:
            t["News.NameVariant"][key] = s
        else:
            have.add(s)
    files = outputs(path, out, path.name)
    pq.write_table(across.spellings_table(t), files["spellings"])
    ids = [f"r{k:03d}-{j:07d}" for j in range(per // 5)]
    pq.write_table(pa.Table.from_pydict({c: ids if c == "record_id" else [None] * len(ids) for c in NAMES.names},
                                        schema=NAMES), files["names"])
print(" ".join(p for p, _ in run))
"""
SYNTHETIC_REDUCE = """
import resource, sys, time
from pathlib import Path
from lint.archive.command import reduce_spellings
from lint.archive.engines import _linter
out = Path(sys.argv[1])
run = [(p, Path(p).name) for p in sys.stdin.read().split()]
_linter(None)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
_, _, replaced, distinct = reduce_spellings(run, out, None)
print(distinct, replaced, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, base / 1024)
"""


def synthetic_reduce(n: int, shards: int, out: Path) -> tuple[int, int, float, float, float]:
    """The reduce over ``shards`` made-up tallies of ``n`` spellings in all (random names of 4
    to 11 letters, some variants of one another, 30% of them in more than one shard; up to three
    neighbours each): (distinct, replaced, seconds, peak RSS MB,
    RSS MB before the reduce). Measures the reduce's cost per distinct spelling, which real
    shards of this corpus are too few to show."""
    made = subprocess.run([PY, "-c", SYNTHETIC, str(n), str(shards), str(out)], cwd=ROOT, capture_output=True, text=True)
    if made.returncode:
        raise SystemExit(f"the synthetic tallies failed: {made.stderr[-2000:]}")
    res = subprocess.run([PY, "-c", SYNTHETIC_REDUCE, str(out)], cwd=ROOT, input=made.stdout, capture_output=True,
                         text=True)
    if res.returncode:
        raise SystemExit(f"the synthetic reduce failed: {res.stderr[-2000:]}")
    d, r, secs, rss, base = res.stdout.split()
    return int(d), int(r), float(secs), float(rss), float(base)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--shards", type=int, default=20)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--spellings", type=int, default=400_000, help="spellings of the synthetic reduce (0: skip it)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newslint-archive-bench-"))
    recs = records(a.records)
    mb = sum(len(r["text"].encode()) for r in recs) / 1e6
    shards, files = tmp / "shards", tmp / "files"
    shards.mkdir()
    files.mkdir()
    for s in range(a.shards):
        (shards / f"s{s:03d}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs[s::a.shards]), encoding="utf-8")
    for r in recs:
        (files / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    out = tmp / "out"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)

    archive = [PY, "-m", "lint.archive.command", str(shards), "--out", str(out)]
    print(f"{a.records} records, {mb:.1f} MB, {a.shards} shards, in {tmp}; best of {a.runs}", flush=True)
    cli = timed([PY, "-m", "lint", str(files), "-j", "1", "--format", "json", "-o", os.devnull], a.runs, ROOT)
    local1 = timed(archive + ["--engine", "local", "--workers", "1"], a.runs, ROOT, clean)
    local2 = timed(archive + ["--engine", "local", "--workers", "2"], a.runs, ROOT, clean)
    dask2 = timed(archive + ["--engine", "dask", "--workers", "2"], a.runs, ROOT, clean)
    # the reduce, in the command's process: its time, and its peak memory against the number of
    # records, over the first quarter of the shards and over all (the Dask run's outputs)
    reduce_rows = [reduce_cost(shards, out, n) for n in (max(1, a.shards // 4), a.shards)]
    # per-task overhead: 40 one-record shards against the same 40 records in one shard
    tiny, one = tmp / "tiny", tmp / "one"
    tiny.mkdir()
    one.mkdir()
    for i, r in enumerate(recs[:40]):
        (tiny / f"t{i:03d}.jsonl").write_text(json.dumps(r) + "\n", encoding="utf-8")
    (one / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs[:40]), encoding="utf-8")
    t_tiny = timed([PY, "-m", "lint.archive.command", str(tiny), "--out", str(out), "--engine", "dask", "--workers",
                    "1", "--no-across"], a.runs, ROOT, clean)
    t_one = timed([PY, "-m", "lint.archive.command", str(one), "--out", str(out), "--engine", "dask", "--workers",
                   "1", "--no-across"], a.runs, ROOT, clean)
    # memory: a worker's peak over few and over many shards (the same records per shard)
    few, many = tmp / "few", tmp / "many"
    few.mkdir()
    many.mkdir()
    per = max(1, a.records // a.shards)
    for s in range(4):
        (few / f"f{s}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs[s * per:(s + 1) * per]), encoding="utf-8")
    for s in range(a.shards):
        (many / f"m{s:03d}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs[(s % 4) * per:(s % 4 + 1) * per]),
                                              encoding="utf-8")
    clean()
    rss_few = child_rss_mb([PY, "-m", "lint.archive.command", str(few), "--out", str(out / "f"), "--engine", "local",
                            "--workers", "2", "--no-across"], ROOT)
    rss_many = child_rss_mb([PY, "-m", "lint.archive.command", str(many), "--out", str(out / "m"), "--engine", "local",
                             "--workers", "2", "--no-across"], ROOT)
    rows = [("CLI, one process (baseline)", cli), ("archive, local engine, 1 worker", local1),
            ("archive, local engine, 2 workers", local2), ("archive, Dask LocalCluster, 2 workers", dask2)]
    for name, t in rows:
        print(f"{name:<42}{t:8.2f} s  {a.records / t:7.0f} records/s  {mb / t:5.2f} MB/s  {cli / t:5.2f}x the CLI")
    for n, recs_n, spellings, secs, rss, base in reduce_rows:
        print(f"reduce over {n} shards ({recs_n} records): {spellings} distinct spellings, {secs:.2f} s, peak RSS "
              f"{rss:.0f} MB ({rss - base:.0f} MB above the loaded rules)")
    for n in sorted({a.spellings // 4, a.spellings} - {0}):
        d, r, secs, rss, base = synthetic_reduce(n, 20, tmp / f"syn{n}")
        print(f"reduce over 20 made-up tallies of {n} spellings: {d} distinct, {r} replaced, {secs:.1f} s, "
              f"{rss - base:.0f} MB above the loaded rules ({(rss - base) * 1e6 / max(d, 1):.0f} bytes per spelling)")
    overhead = (t_tiny - t_one) / 39
    print(f"per-task overhead (Dask, 40 one-record shards vs one shard of 40): {overhead * 1000:.0f} ms per task")
    print(f"peak RSS, largest process, 4 shards vs {a.shards} shards of {per} records: {rss_few:.0f} MB vs {rss_many:.0f} MB")
    cores = os.cpu_count() or 1
    rate = a.records / dask2 / cores
    print(f"projection: {rate:.0f} records/s per core (Dask, 2 workers on {cores} cores): 100 million records = "
          f"{1e8 / rate / 3600:.0f} core-hours")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
