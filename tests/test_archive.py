"""newslint-archive (lint/archive/): shards in, Parquet out, the same findings as the CLI,
resumable after a kill, a failing shard reported while the rest go on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import shared_or_skip

pa = pytest.importorskip("pyarrow", reason="the archive extra is not installed (pip install '.[archive]')")
pq = pytest.importorskip("pyarrow.parquet")

from lint.archive.core import Linter, lint_records  # noqa: E402
from lint.archive.shards import outputs, process_shard  # noqa: E402

ARCHIVE = [sys.executable, "-m", "lint.archive.command"]
KEY = ("rule", "record_id", "start", "end", "line", "column")


def _records(n_lee: int = 50, background: bool = False) -> list[dict]:
    """The annotated articles and Lee stories as records (``background``: also the 19 articles and
    the Lee background corpus: 409 records in all)."""
    folders = [("annotated", "articles")] + ([("articles",)] if background else [])
    recs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")}
            for f in folders for p in sorted(shared_or_skip("corpus", *f).glob("*.txt"))]
    for name, n in (("lee.cor", n_lee), ("lee_background.cor", 10**6 if background else 0)):
        lee = [x for x in shared_or_skip("corpus", "lee", name).read_text(encoding="utf-8", errors="replace")
               .splitlines() if x.strip()]
        recs += [{"id": f"{name[:-4]}-{i:03d}", "text": f"Lee story {i}\n\n{x}\n"} for i, x in enumerate(lee[:n], 1)]
    return recs


def _shards(folder: Path, recs: list[dict], n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        p = folder / f"shard{k:02d}.jsonl"
        p.write_text("".join(json.dumps(r) + "\n" for r in recs[k::n]), encoding="utf-8")
        paths.append(p)
    return paths


def _findings(out: Path) -> list[dict]:
    return [r for p in sorted(out.glob("*.findings.parquet")) for r in pq.read_table(p).to_pylist()]


def test_findings_equal_the_clis_over_the_same_texts_as_files(tmp_path):
    recs = _records(n_lee=10**6, background=True)
    assert len(recs) == 409
    _shards(tmp_path / "in", recs, 4)
    files = tmp_path / "files"
    files.mkdir()
    for r in recs:
        (files / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    res = subprocess.run(ARCHIVE + [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local",
                                    "--workers", "2"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    cli = subprocess.run([sys.executable, "-m", "lint", ".", "--format", "json"], capture_output=True, text=True,
                         cwd=files)
    want = {(d["rule"], Path(d["path"]).stem, d["start"]["offset"], d["end"]["offset"], d["start"]["line"],
             d["start"]["column"]) for d in json.loads(cli.stdout)}
    rows = _findings(tmp_path / "out")
    got = {tuple(r[k] for k in KEY) for r in rows}
    assert len(rows) == len(got) == len(want) > 1500
    assert got == want
    assert any(r["across"] for r in rows) and any(not r["across"] for r in rows)  # both steps are in it
    summary = [r for p in (tmp_path / "out").glob("*.summary.parquet") for r in pq.read_table(p).to_pylist()]
    assert sorted(r["record_id"] for r in summary) == sorted(r["id"] for r in recs)
    assert sum(r["findings"] for r in summary) == sum(not r["across"] for r in rows)


def test_the_core_keeps_no_state_between_calls():
    linter = Linter.default()
    recs = [{"id": "a", "text": "Head\n\nThe Zapad 2025 drills. Zapod exercises follow, officials said.\n"},
            {"id": "b", "text": "Head\n\nAbout 1,200 homes were flooded overnight.\n"}]
    first = lint_records(recs, linter)
    again = lint_records(recs, linter)
    assert all(x.equals(y) for x, y in zip(first, again))
    assert first[1].column("record_id").to_pylist() == ["a", "b"]


def _variant_records() -> list[dict]:
    """Records whose name variants between articles reach a plain text, an HTML page (offsets in
    the page), a Markdown file whose suppression comment hides one, and a record that has both."""
    right, wrong = "Sergei Tsikhanouski", "Sergei Tsikhanovski"
    body = "Head\n\n{n} spoke to reporters in Minsk on Monday, and {n} said the vote was rigged.\n"
    recs = [{"id": f"ok{i}", "text": body.format(n=right)} for i in range(4)]
    recs += [{"id": "plain", "text": body.format(n=wrong)},
             {"id": "page", "format": "html", "text": "<html><head><title>Head</title></head><body><article>"
              f"<h1>Head</h1><p>The opposition leader <b>{wrong}</b> spoke in Minsk on Monday.</p>"
              f"<p>{wrong} said the vote was rigged.</p></article></body></html>"},
             {"id": "hidden", "format": "markdown", "text": "# Head\n\n<!-- newslint-disable-next-line News.NameVariant -->\n"
              f"{wrong} spoke to reporters in Minsk on Monday.\n"},
             {"id": "both", "text": f"Head\n\n{right} spoke in Minsk. Later {wrong} said the vote was rigged.\n"}]
    return recs


def _cli_over_files(recs: list[dict], folder: Path) -> set[tuple]:
    from lint.archive.core import record_name

    folder.mkdir()
    for r in recs:
        (folder / record_name(r)).write_text(r["text"], encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "lint", ".", "--format", "json"], capture_output=True, text=True,
                         cwd=folder)
    return {(d["rule"], Path(d["path"]).stem, d["start"]["offset"], d["end"]["offset"], d["start"]["line"],
             d["start"]["column"]) for d in json.loads(cli.stdout)}


def test_findings_between_articles_in_html_markdown_and_under_a_suppression_equal_the_clis(tmp_path):
    recs = _variant_records()
    _shards(tmp_path / "in", recs, 3)
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local", "--workers", "1")
    assert res.returncode == 0, res.stderr
    rows = _findings(tmp_path / "out")
    got = {tuple(r[k] for k in KEY) for r in rows}
    assert got == _cli_over_files(recs, tmp_path / "files")
    across = {r["record_id"]: r for r in rows if r["across"]}
    assert set(across) == {"plain", "page"}  # not the suppressed one, not the one with both spellings
    page = next(r["text"] for r in recs if r["id"] == "page")
    assert page[across["page"]["start"]:across["page"]["end"]] == "Tsikhanovski"  # at the page's offsets
    assert "the spelling of 5 other articles of this run (both.txt, ok0.txt, ok1.txt and 2 more)" in across["plain"]["message"]
    # the reduce's answers are files of their own; a rerun skips every step and finds the same
    again = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local", "--workers", "1")
    assert again.returncode == 0 and "(3 skipped)" in again.stderr and "2 findings between articles" in again.stderr
    assert {tuple(r[k] for k in KEY) for r in _findings(tmp_path / "out")} == got


def test_the_reduce_gives_the_same_answer_however_the_records_are_sharded():
    """Tallies merged shard by shard, in any grouping and order, decide as one tally of every
    record does; and emitted shard by shard, they give the findings of one run over them all."""
    import random

    from lint.archive import across

    linter = Linter.default()
    recs = _records(n_lee=120)
    _, _, names = lint_records(recs, linter)
    whole = across.decide(across.tally(names), linter)
    assert whole.num_rows > 0
    want = across.emit(recs, names, across.read_choices(whole), linter)
    assert want.num_rows > 0
    rng = random.Random(7)
    for parts in (2, 5, 17):
        order = recs[:]
        rng.shuffle(order)
        shards = [order[k::parts] for k in range(parts)]
        merged: across.Tally = {}
        tables = [lint_records(s, linter)[2] for s in shards]
        for t in reversed(tables):  # the order the reduce reads them in does not matter either
            across.merge_tallies(merged, across.read_spellings(across.spellings_table(across.tally(t))))
        choices = across.decide(merged, linter)
        assert choices.equals(whole)
        got = pa.concat_tables([across.emit(s, t, across.read_choices(choices), linter) for s, t in zip(shards, tables)])
        key = ["record_id", "start", "end", "rule"]
        assert got.sort_by([(k, "ascending") for k in key]).equals(want.sort_by([(k, "ascending") for k in key]))


def test_the_reduce_in_parts_decides_as_the_reduce_in_one(tmp_path):
    """Spread over parts by key (memory bounded by the part's rows), the reduce makes the same
    choices and counts the same distinct spellings; a record id in two shards is found either way."""
    from lint.archive import across

    linter = Linter.default()
    recs = _records(n_lee=10**6, background=True)
    paths = _shards(tmp_path / "in", recs, 6)
    out = tmp_path / "out"
    for p in paths:
        assert process_shard(p, out, linter).error is None
    files = [(str(p), outputs(p, out)["spellings"], outputs(p, out)["names"]) for p in paths]
    total = sum(pq.read_metadata(f).num_rows for _, f, _ in files)
    whole, distinct = across.reduce_files(files, linter, tmp_path / "w1", part_rows=10**9)
    assert whole.num_rows >= 5 and distinct > 2000
    for rows in (total // 3, 200):  # 4 parts; 256, the most
        parted, d = across.reduce_files(files, linter, tmp_path / "w2", part_rows=rows)
        assert parted.equals(whole) and d == distinct
        assert not (tmp_path / "w2").exists()  # the parts are removed
    # a record id in two shards: found in one part and in many, whatever the sign of its hash
    # (one in each of 20 records, whose hashes, random per process, are not all of one sign)
    for i in range(0, 40, 2):
        dup = _shards(tmp_path / f"dup{i}", [recs[i]], 1)[0]
        key = f"dup{i}.jsonl"
        assert process_shard(dup, out, linter, key=key).error is None
        one = files + [(str(dup), outputs(dup, out, key)["spellings"], outputs(dup, out, key)["names"])]
        for rows in (10**9, 200):
            with pytest.raises(ValueError, match=f"record id '{recs[i]['id']}' is in "):
                across.reduce_files(one, linter, tmp_path / "w3", part_rows=rows)


def test_the_second_pass_refuses_a_changed_shard_and_stale_answers_and_leaves_no_old_file(tmp_path):
    from lint.archive.command import reduce_spellings
    from lint.archive.shards import across_output, across_shard

    linter = Linter.default()
    recs = _variant_records()
    (shard,) = _shards(tmp_path / "in", recs, 1)
    out = tmp_path / "out"
    assert process_shard(shard, out, linter).error is None
    choices, digest, n, _ = reduce_spellings([(str(shard), shard.name)], out, None)
    assert n == 1
    res = across_shard(shard, out, linter, None, choices, digest)
    assert res.error is None and res.findings == 2 and across_output(shard, out).exists()
    assert across_shard(shard, out, linter, None, choices, digest).skipped
    # another answer than the task's: refused (a worker never uses a stale one)
    res = across_shard(shard, out, linter, None, choices, "0" * 16)
    assert res.error and "not the reduce's answer" in res.error
    assert not across_output(shard, out).exists()  # the earlier answer's findings are gone too
    # the shard changed since its names were made: refused, not offsets of another text
    assert across_shard(shard, out, linter, None, choices, digest).error is None
    time.sleep(0.01)
    shard.write_text(shard.read_text().replace("Head", "Headline"), encoding="utf-8")
    res = across_shard(shard, out, linter, None, choices, digest)
    assert res.error and "changed since it was linted" in res.error and not across_output(shard, out).exists()
    # a shard's output truncated since: the shard is linted again, whole
    assert process_shard(shard, out, linter).error is None
    spell = outputs(shard, out)["spellings"]
    spell.write_bytes(spell.read_bytes()[:40])
    res = process_shard(shard, out, linter)
    assert not res.skipped and res.error is None and pq.read_table(spell).num_rows > 0


def test_the_local_engine_replaces_a_pool_whose_worker_died_between_passes():
    from lint.archive import engines

    eng = engines.Local(2)
    try:
        assert [r.shard for r in eng.map(_result, [("a",), ("b",)])] != []
        for pid in list(eng.pool._processes):
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        got = list(eng.map(_result, [("c",), ("d",)]))
        # the next pass: run on a new pool (or, had the break come in the middle, each task failed by name)
        assert sorted(r.shard for r in got) == ["c", "d"]
        assert all(r.error is None or "worker process died" in r.error for r in got)
        assert [r.error for r in eng.map(_result, [("e",)])] == [None]
    finally:
        eng.close()


def _result(shard: str):
    from lint.archive.shards import ShardResult

    return ShardResult(shard)


def test_a_choice_survives_pickling_as_a_broadcast_needs():
    import pickle

    from lint.checks.name_variants import Choice

    c = Choice("tsikhanouski", "Tsikhanouski", 3, ("a.txt", "b.txt"))
    assert pickle.loads(pickle.dumps(c)) == c and c.articles == 3


def test_parquet_and_warc_shards(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Zapad drills</title></head><body><article><h1>Zapad drills</h1>"
            "<p>The Zapod exercises will follow, some analysts suggest.</p></article></body></html>")
    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        for n in range(2):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            w.write_record(w.create_warc_record(f"https://example.com/{n}", "response", payload=__import__("io").BytesIO(
                page.encode()), http_headers=headers))
        w.write_record(w.create_warc_record("https://example.com/robots.txt", "resource", payload=__import__("io").BytesIO(
            b"User-agent: *"), warc_content_type="text/plain"))
    table = pa.table({"id": ["p1"], "text": ["Head\n\nSome analysts suggest 30,000 troops were there.\n"]})
    pq.write_table(table, tmp_path / "batch.parquet")
    linter = Linter.default()
    for shard, n in ((warc, 2), (tmp_path / "batch.parquet", 1)):
        res = process_shard(shard, tmp_path / "out", linter)
        assert res.error is None and res.records == n, res
        summary = pq.read_table(outputs(shard, tmp_path / "out")["summary"]).to_pylist()
        assert len(summary) == n and all(r["error"] is None for r in summary)
        rules = {r["rule"] for r in pq.read_table(outputs(shard, tmp_path / "out")["findings"]).to_pylist()}
        assert "News.VagueAttribution" in rules, rules
    urls = [r["url"] for r in pq.read_table(outputs(warc, tmp_path / "out")["summary"]).to_pylist()]
    assert urls == ["https://example.com/0", "https://example.com/1"]  # the HTML responses only


def test_a_failing_shard_is_reported_and_the_rest_go_on(tmp_path):
    good = _shards(tmp_path / "in", [{"id": "a", "text": "Head\n\nSome analysts suggest it.\n"}], 1)[0]
    bad = tmp_path / "in" / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "fine"}\n{not json\n', encoding="utf-8")
    res = subprocess.run(ARCHIVE + [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local",
                                    "--workers", "1"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1
    assert f"shard failed: {bad}:2: not a JSON record" in res.stderr
    assert all(p.exists() for p in outputs(good, tmp_path / "out").values())
    assert not any(p.exists() for p in outputs(bad, tmp_path / "out").values())
    assert not list((tmp_path / "out").glob("*.tmp-*"))


def _run_killed(cmd: list[str], out: Path, after: int, kill) -> None:
    """Start ``cmd``; once ``after`` shards are done, ``kill`` it (kill -9 of its process group)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while len(list(out.glob("*.findings.parquet"))) < after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    kill(proc)
    proc.wait(timeout=60)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_killed_with_sigkill_then_rerun_every_shard_once_and_whole(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("distributed", reason="dask.distributed is not installed")
    recs = _records(n_lee=50)
    shards = _shards(tmp_path / "in", recs, 12)
    out = tmp_path / "out"
    cmd = ARCHIVE + [str(tmp_path / "in"), "--out", str(out), "--engine", engine, "--workers", "2"]
    _run_killed(cmd, out, 3, lambda p: os.killpg(p.pid, signal.SIGKILL))
    partly = len(list(out.glob("*.findings.parquet")))
    assert 3 <= partly < len(shards)
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert f"{len(shards)}/{len(shards)} shards done ({partly} skipped)" in res.stderr, res.stderr
    assert len(list(out.glob("*.across.findings.parquet"))) == len(shards)  # the reduce ran after the rerun
    assert not list(out.glob("*.tmp-*"))
    for shard in shards:
        files = outputs(shard, out)
        assert all(p.exists() for p in files.values())
        ids = pq.read_table(files["summary"]).column("record_id").to_pylist()
        want = [json.loads(x)["id"] for x in shard.read_text(encoding="utf-8").splitlines()]
        assert ids == want  # every record once, none lost, none twice
    # and the same findings as a run that was never killed
    clean = tmp_path / "clean"
    subprocess.run(cmd[:cmd.index("--out") + 1] + [str(clean)] + cmd[cmd.index("--out") + 2:], check=True,
                   capture_output=True, cwd=ROOT)
    assert sorted(tuple(r[k] for k in KEY) for r in _findings(out)) == sorted(
        tuple(r[k] for k in KEY) for r in _findings(clean))


@pytest.mark.parametrize("engine", ["dask", "ray"])
def test_every_engine_gives_the_local_engines_findings(tmp_path, engine):
    pytest.importorskip({"dask": "distributed", "ray": "ray"}[engine], reason=f"{engine} is not installed")
    recs = _records(n_lee=20)
    _shards(tmp_path / "in", recs, 4)
    runs = {}
    for e in ("local", engine):
        res = subprocess.run(ARCHIVE + [str(tmp_path / "in"), "--out", str(tmp_path / e), "--engine", e,
                                        "--workers", "2"], capture_output=True, text=True, cwd=ROOT)
        assert res.returncode == 0, res.stderr
        runs[e] = sorted(tuple(r[k] for k in KEY) + (r["message"],) for r in _findings(tmp_path / e))
    assert runs["local"] == runs[engine] and len(runs["local"]) > 100


def test_a_dask_worker_killed_midway_is_replaced_and_its_shard_run_again(tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    psutil = pytest.importorskip("psutil")
    recs = _records(n_lee=50)
    shards = _shards(tmp_path / "in", recs, 12)
    out = tmp_path / "out"
    proc = subprocess.Popen(ARCHIVE + [str(tmp_path / "in"), "--out", str(out), "--engine", "dask", "--workers", "2",
                                       "--no-across"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("*.findings.parquet")) and time.monotonic() < deadline:
            time.sleep(0.05)
        # the worker processes: the cluster's spawned children (kill -9 of one, mid-shard)
        workers = [c for c in psutil.Process(proc.pid).children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
        assert workers, "no Dask worker process found"
        os.kill(workers[0].pid, signal.SIGKILL)
        assert len(list(out.glob("*.findings.parquet"))) < len(shards)  # killed while shards were left
        _, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    for shard in shards:
        ids = pq.read_table(outputs(shard, out)["summary"]).column("record_id").to_pylist()
        assert ids == [json.loads(x)["id"] for x in shard.read_text(encoding="utf-8").splitlines()]
    assert not list(out.glob("*.tmp-*"))


def test_dask_joins_a_scheduler_given_by_its_address(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    _shards(tmp_path / "in", _records(n_lee=10), 2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        res = subprocess.run(ARCHIVE + [str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "dask",
                                        "--scheduler", cluster.scheduler_address], capture_output=True, text=True,
                             cwd=ROOT, timeout=600)
        assert res.returncode == 0, res.stderr
        assert "2/2 shards done" in res.stderr
        assert len(cluster.scheduler.workers) == 1  # its worker, not one of newslint's own
    assert len(list((tmp_path / "out").glob("*.summary.parquet"))) == 2


def _archive(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ARCHIVE + list(args), capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_shards_are_taken_once_and_two_of_the_same_name_are_refused(tmp_path):
    one = _shards(tmp_path / "a", [{"id": "a1", "text": "Head\n\nSome analysts suggest it.\n"}], 1)[0]
    _shards(tmp_path / "b", [{"id": "b1", "text": "Head\n\nSome analysts suggest it.\n"}], 1)
    # the same shard by two routes: linted once
    res = _archive(str(one), str(tmp_path / "a"), str(tmp_path / "a" / ".." / "a"), "--out", str(tmp_path / "o1"),
                   "--engine", "local", "--workers", "2")
    assert res.returncode == 0, res.stderr
    assert "1/1 shards, 1 records" in res.stderr
    # a/shard00.jsonl and b/shard00.jsonl are both "shard00.jsonl": refused, nothing written
    res = _archive(str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "o2"), "--engine", "local")
    assert res.returncode == 2 and "are both 'shard00.jsonl' in this run" in res.stderr
    # their parent folder gives them different names: a/shard00.jsonl, b/shard00.jsonl
    res = _archive(str(tmp_path), "--out", str(tmp_path / "o3"), "--engine", "local")
    assert res.returncode == 0 and "2/2 shards, 2 records" in res.stderr, res.stderr
    # and a rerun does not read its own output folder (inside the input folder) as input
    res = _archive(str(tmp_path), "--out", str(tmp_path / "o3"), "--engine", "local")
    assert res.returncode == 0 and "(2 skipped)" in res.stderr, res.stderr


def test_bad_records_are_named_and_fail_the_run_while_the_rest_are_linted(tmp_path):
    recs = [{"id": "ok", "text": "Head\n\nSome analysts suggest it.\n"}, {"id": "n", "text": None}, {"id": "t", "text": 123},
            {"id": None, "text": "Head\n\nBody.\n"}, {"id": "d", "text": "Head\n\nBody.\n", "date": "yesterday"},
            {"id": "f", "text": "Head\n\nBody.\n", "format": "htm"}, {"id": "z", "text": "Head\n\nNUL \x00 here\n"}]
    shard = _shards(tmp_path / "in", recs, 1)[0]
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local", "--workers", "1")
    assert res.returncode == 1 and "6 records not linted" in res.stderr, res.stderr
    rows = {r["record_id"]: r for r in pq.read_table(outputs(shard, tmp_path / "out")["summary"]).to_pylist()}
    assert rows["ok"]["error"] is None and rows["ok"]["findings"] >= 1
    assert rows["n"]["error"] == "record 'n': no text"
    assert rows["t"]["error"] == "record 't': its text is int, not a string"
    assert rows["None"]["error"].startswith("a record without a usable id")
    assert rows["d"]["error"] == "record 'd': date 'yesterday' is not an ISO date"
    assert rows["f"]["error"].startswith("record 'f': unknown format 'htm'")
    assert rows["z"]["error"] == "record 'z': binary text (a NUL character), not linted"
    # a rerun skips the shard, and still does not pass
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local", "--workers", "1")
    assert res.returncode == 1 and "(1 skipped)" in res.stderr and "6 records not linted" in res.stderr, res.stderr


def test_the_same_record_id_in_two_shards_or_twice_in_one_stops_the_reduce(tmp_path):
    _shards(tmp_path / "in", [{"id": "same", "text": "Head\n\nSergei Tsikhanouski spoke.\n"},
                              {"id": "same", "text": "Head\n\nSergei Tsikhanovski spoke.\n"}], 2)
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local")
    assert res.returncode == 1 and "record id 'same' is in" in res.stderr, res.stderr
    assert not list((tmp_path / "out").glob("*across*"))
    # twice in one shard, in two batches of records, one of them without names
    filler = [{"id": f"f{i}", "text": "Head\n\nit rained.\n"} for i in range(300)]
    _shards(tmp_path / "one", [{"id": "same", "text": "Head\n\nit rained.\n"}, *filler,
                               {"id": "same", "text": "Head\n\nSergei Tsikhanovski spoke.\n"}], 1)
    res = _archive(str(tmp_path / "one"), "--out", str(tmp_path / "out1"), "--engine", "local")
    assert res.returncode == 1 and "record id 'same' is twice in" in res.stderr, res.stderr
    # the same ids without names between articles to compare: nothing to be unsure of
    _shards(tmp_path / "plain", [{"id": "same", "text": "Head\n\nIt rained.\n"}] * 2, 2)
    assert _archive(str(tmp_path / "plain"), "--out", str(tmp_path / "out2"), "--engine", "local").returncode == 0


def test_a_changed_shard_is_linted_again_and_usage_errors(tmp_path):
    shard = _shards(tmp_path / "in", [{"id": "a", "text": "Head\n\nSome analysts suggest it.\n"}], 1)[0]
    assert _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local").returncode == 0
    time.sleep(0.01)
    shard.write_text(shard.read_text() + json.dumps({"id": "b", "text": "Head\n\nBody.\n"}) + "\n", encoding="utf-8")
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "local")
    assert res.returncode == 0 and "(0 skipped)" in res.stderr and "1/1 shards, 2 records" in res.stderr, res.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    res = _archive(str(empty), "--out", str(tmp_path / "o"))
    assert res.returncode == 2 and "no shards in" in res.stderr
    res = _archive(str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--engine", "local", "--scheduler", "tcp://x:1")
    assert res.returncode == 2 and "--scheduler is for --engine dask or ray" in res.stderr
