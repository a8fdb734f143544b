"""The speed work changes no finding: the full default pack on the seed, the
40 annotated articles and the first 500 articles of the benchmark corpus
(tests/benchmark.py ``build_corpus``, 500 files) gives exactly what it gave before it
(revision d9bf5e8, recorded in tests/snapshots/findings-before-speed.json:
every finding of the seed and the annotated set, a digest of each benchmark
article's findings). A change that moves a finding on purpose updates the
snapshot in the same commit, and says why."""

from __future__ import annotations

import collections
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SHARED

SNAPSHOT = json.loads((ROOT / "tests" / "snapshots" / "findings-before-speed.json").read_text(encoding="utf-8"))


def _findings(*targets: Path) -> dict[str, list[str]]:
    """File name -> its findings as sorted JSON lines (the path left out, and
    the folder in messages that name other files), from one run of the command."""
    # News.NoNamedSource (issue 16) came after the snapshot: its findings are its own
    # examples' and tests/test_sourcing.py's to check, every other rule's are checked here
    args = [*SNAPSHOT["args"], "--ignore", "News.NoNamedSource"]
    r = subprocess.run([sys.executable, "-m", "lint", *args, "-j", "2", *map(str, targets)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert r.returncode in (0, 1), r.stderr
    by: dict[str, list[str]] = collections.defaultdict(list)
    for line in r.stdout.splitlines():
        d = json.loads(line)
        for t in targets:
            d["message"] = d["message"].replace(f"{t}/", "")
        by[Path(d.pop("path")).name].append(json.dumps(d, sort_keys=True, ensure_ascii=False))
    return {name: sorted(v) for name, v in by.items()}


def test_the_seed_gives_the_same_findings():
    assert _findings(ROOT / "seeds") == SNAPSHOT["seed"]


def test_the_annotated_articles_give_the_same_findings():
    folder = SHARED / "corpus" / "annotated" / "articles"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/annotated is absent")
    now = _findings(folder)
    for name in sorted(set(now) | set(SNAPSHOT["annotated"])):
        assert now.get(name, []) == SNAPSHOT["annotated"].get(name, []), name


def test_the_benchmark_articles_give_the_same_findings(tmp_path):
    if not (SHARED / "corpus" / "lee").is_dir():
        pytest.skip("../shared/corpus is absent")
    sys.path.insert(0, str(ROOT / "tests"))
    import benchmark

    benchmark.build_corpus(tmp_path, len(SNAPSHOT["bench500"]))
    now = _findings(tmp_path)
    digests = {n: hashlib.sha256("\n".join(now.get(n, [])).encode()).hexdigest()[:16] for n in SNAPSHOT["bench500"]}
    differ = [n for n in digests if digests[n] != SNAPSHOT["bench500"][n]]
    assert not differ, f"{len(differ)} articles differ, e.g. {differ[:5]}: {now.get(differ[0])}"
    assert sum(len(v) for v in now.values()) == SNAPSHOT["bench500_findings"]
