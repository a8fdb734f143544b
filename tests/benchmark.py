"""Benchmark: newslint against proselint and ripgrep on the same files.

Not collected by pytest (timings on shared machines are noise in a test);
a plain script that prints ratios measured in one run. From a fresh clone,
after the README's first command:

    apt-get install -y ripgrep          # Debian's ripgrep, for the baseline
    .venv/bin/python tests/benchmark.py            # 5 runs, 2,000 files
    .venv/bin/python tests/benchmark.py --runs 3 --files 500 --no-proselint
    .venv/bin/python tests/benchmark.py --no-proselint --baseline 8f0a3d1  # ratio to a revision

It builds, deterministically, a corpus of article files (about 5 kB each:
a headline, a byline/dateline line, body paragraphs) from the real news
prose in ../shared/corpus/ (the 19 articles and the Lee corpus), installs
the latest proselint from PyPI into a throw-away virtual environment, and
times on the same files, reporting medians:

- newslint with the full default pack, one worker and two workers;
- newslint with only its existence and substitution rules, one worker,
  against ripgrep scanning the token lists of those rules as one
  fixed-string, case-insensitive, word-bounded pattern set (``rg -j1``);
- proselint over the same folder;
- one article end to end against ``python -c "import typer, pydantic, regex, yaml"``,
  and through ``newslint-client`` (``python -S lint/client.py``) with a
  ``newslint --server`` running;
- peak memory (max RSS of the process, one worker) on 500 and on 8,000 files (``--memory-files``);
- this machine's own two-process ceiling: a busy loop alone and two at once.

``--hostile`` times, instead, each hostile input of the issue "Hostile
input" (one long unpunctuated paragraph for VagueAttribution, thousands of
unclosed quotations, of figures, of suppression comments, of findings on one
line for ``--write-baseline``) at two sizes, n and 2n, end to end through
the CLI: linear growth shows as a ratio near 2 (less, with the start-up
time), quadratic growth as a ratio near 4.

    .venv/bin/python tests/benchmark.py --hostile [--size 100000]

``--html`` times, in process, the HTML reader on the real pages of
../shared/corpus/html (143 pages, 34 MB): milliseconds per 100 KB of page
for each stage (lxml's parse alone as the baseline in the same run, the
mapping of every character to its source offset, the page's metadata
without htmldate, the body selection, the whole reader with htmldate where
a page has no date in its markup, and lint of the article with the full
pack), medians over ``--runs`` passes.

    .venv/bin/python tests/benchmark.py --html --runs 3

``--per-rule`` times, in process, each rule of the full pack on the same
corpus (milliseconds per article, heaviest first), and the reading that
the rules share.

    .venv/bin/python tests/benchmark.py --per-rule --files 500
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PY = sys.executable
# Every timed command runs as an installed newslint does: with its modules'
# bytecode cached (pip writes it at install; an environment that sets
# PYTHONDONTWRITEBYTECODE would have every run compile newslint from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

CITIES = ["Sydney", "Canberra", "Melbourne", "Brisbane", "Perth", "Hobart", "Darwin", "Adelaide", "London", "Berlin"]
NAMES = ["Jane Smith", "Tom Nguyen", "Alice Brown", "Raj Patel", "Maria Rossi", "Ken Okafor", "Lena Fischer"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


# --------------------------------------------------------------------------
# Hostile inputs: case -> (the rule that reads it, n characters -> article text)


def _repeat(unit: str, n: int) -> str:
    return "Title\n\n" + (unit * (n // len(unit) + 1))[:n] + "\n"


def _suppressed(n: int) -> str:
    """Paragraphs with an unclosed quotation each, every other one under a
    next-line comment that suppresses it, the others under a comment for
    another rule (open to the end of the text)."""
    pair = ("<!-- newslint-disable-next-line News.UnbalancedQuote -->\n\u201can open quote\n\n"
            "<!-- newslint-disable News.MixedQuoteStyle -->\n\u201canother open quote\n\n")
    return "Title\n\n" + pair * (n // len(pair) + 1)


HOSTILE = {
    # one sentence, no punctuation: each vague phrase looked for a name to the end of it
    "vague-paragraph": ("News.VagueAttribution", lambda n: _repeat(
        "some analysts suggest the plan was delayed and sources say the talks stalled while experts note ", n)),
    # a vague phrase after each speech word: each looked for a speaker from the sentence's start
    "vague-speakers": ("News.VagueAttribution", lambda n: _repeat(
        "Sources say Smith Jones said that there are signs and ", n)),
    # one paragraph of quotations opened and never closed
    "unbalanced-quotes": ("News.UnbalancedQuote", lambda n: _repeat("he said \u201cit was fine and \u201cthen ", n)),
    # one paragraph of figures (one line: also the --write-baseline case)
    "figures-money": ("News.UnattributedFigure", lambda n: _repeat(
        "a fine of $1,000 was paid and 5,000 people came and 45% left ", n)),
    # figures inside thousands of quotations
    "figures-quoted": ("News.UnattributedFigure", lambda n: _repeat("\u201ca b c d 5,000 e\u201d ", n)),
    "suppressions": ("News.UnbalancedQuote", _suppressed),
    # one sentence of future and past claims: each looked back to the sentence start for years and conditions
    "tense-dates": ("News.TenseDateMismatch", lambda n: _repeat(
        "the plant will open in 2019 and the road opened in 2031 and ", n)),
}


def hostile(size: int, runs: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="newslint-hostile-"))
    cases = [(case, rule, make, ()) for case, (rule, make) in HOSTILE.items()]
    rule, make = HOSTILE["figures-money"]
    cases.append(("write-baseline, findings on one line", rule, make, ("--write-baseline", str(tmp / "baseline.json"))))
    for fmt in ("full", "sarif", "gitlab", "rdjson"):  # renderers: every finding on one line
        cases.append((f"format {fmt}, findings on one line", rule, make, ("--format", fmt)))
    print(f"hostile inputs, n = {size:,} characters; newslint --isolated --select RULE FILE; median of {runs} runs")
    print(f"{'case':<38} {'rule':<24} {'n':>8} {'2n':>8}  ratio  findings (n, 2n)")
    for case, rule, make, extra in cases:
        times, found = [], []
        for k in (1, 2):
            path = tmp / f"{case.split(',')[0]}-{k}.txt"
            path.write_text(make(k * size), encoding="utf-8")
            # a publication date, so that date checks have something to check
            t, _ = median_run(newslint_cmd("--select", rule, "--date", "2024-09-17", "-q", *extra, str(path)), runs)
            times.append(t)
            out = subprocess.run(newslint_cmd("--select", rule, "--date", "2024-09-17", "--format", "json", str(path)),
                                 capture_output=True, text=True).stdout
            found.append(out.count('"rule"'))
        print(f"{case:<38} {rule:<24} {times[0]:7.2f}s {times[1]:7.2f}s  {times[1] / times[0]:5.2f}  {found[0]}, {found[1]}")
    shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------


def paragraph_pool() -> list[str]:
    pool: list[str] = []
    for f in sorted((SHARED / "corpus" / "articles").glob("*.txt")):
        lines = [l.strip() for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
        pool.extend(l for l in lines[2:] if len(l) > 60)
    for name in ("lee_background.cor", "lee.cor"):
        for story in (SHARED / "corpus" / "lee" / name).read_text(encoding="utf-8", errors="replace").splitlines():
            sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", story.strip())
            for i in range(0, len(sentences), 3):
                para = " ".join(sentences[i : i + 3]).strip()
                if len(para) > 40:
                    pool.append(para)
    return pool


def build_corpus(folder: Path, n_files: int, seed: int = 2026) -> int:
    rng = random.Random(seed)
    pool = paragraph_pool()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_files):
        first = rng.choice(pool)
        headline = " ".join(first.split()[:9]).rstrip(",.;:")
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2001, 2024)}"
        byline = f"By {rng.choice(NAMES)} in {rng.choice(CITIES)} {date}"
        body: list[str] = []
        size = 0
        while size < 4800:
            p = rng.choice(pool)
            body.append(p)
            size += len(p)
        text = f"{headline}\n\n{byline}\n\n" + "\n\n".join(body) + "\n"
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def timed(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in kB, exit code) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def median_run(cmd: list[str], runs: int, cwd: Path | None = None) -> tuple[float, int]:
    times, peak = [], 0
    for _ in range(runs):
        t, rss, code = timed(cmd, cwd)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {code}")
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), peak


def export_revision(rev: str, dest: Path) -> None:
    """The tree of git revision ``rev`` of this repository, in ``dest``."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def versus_baseline(rev: str, corpus: Path, runs: int, tmp: Path) -> tuple[float, float, float, float]:
    """Medians (current, baseline) of the full pack, one worker, on ``corpus``,
    then (current, baseline) of one article end to end.

    The baseline is git revision ``rev`` run from an export of its tree, with
    a rule cache of its own; the two are warmed once and then timed in
    alternation, so that the machine's load weighs on both alike.
    """
    base = tmp / "baseline"
    export_revision(rev, base)
    env = dict(ENV, PYTHONPATH=str(base), XDG_CACHE_HOME=str(tmp / "baseline-cache"))
    env.pop("NEWSLINT_CACHE_DIR", None)
    cmd = newslint_cmd("-j", "1", str(corpus))
    here, there = [], []
    for i in range(runs + 1):
        t, _, code = timed(cmd, cwd=ROOT)
        tb, _, code_b = timed(cmd, cwd=base, env=env)
        if code not in (0, 1) or code_b not in (0, 1):
            raise SystemExit(f"newslint exited {code} (current) / {code_b} ({rev})")
        if i:  # the first pair warms the rule caches
            here.append(t)
            there.append(tb)
    one = newslint_cmd(str(ROOT / "seeds" / "belarus-russia-security-ties.txt"))
    one_here, one_there = [], []
    for _ in range(max(runs, 10)):
        one_here.append(timed(one, cwd=ROOT)[0])
        one_there.append(timed(one, cwd=base, env=env)[0])
    return statistics.median(here), statistics.median(there), statistics.median(one_here), statistics.median(one_there)


def per_rule(n_files: int, tmp: Path) -> None:
    """Milliseconds per article of each rule of the full pack, in process.

    Reading (the reader, sentences and quotations, built once per article
    and shared by the rules) is its own row; each rule's row is the time of
    its check on blocks already built. Rules by cost, the heaviest first."""
    sys.path.insert(0, str(ROOT))
    from lint.api import load
    from lint.readers import read_article

    corpus = tmp / "per-rule"
    build_corpus(corpus, n_files)
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    rules = load()
    cost = dict.fromkeys((r.id for r in rules), 0.0)
    reading = 0.0
    for path, text in texts:
        start = time.perf_counter()
        article = read_article(path, text)
        for scopes in {r.scopes for r in rules}:
            article.blocks_for(scopes)
        reading += time.perf_counter() - start
        for rule in rules:
            start = time.perf_counter()
            list(rule.checker.check(article, article.blocks_for(rule.scopes)))
            cost[rule.id] += time.perf_counter() - start
    ms = 1000 / len(texts)
    print(f"{len(texts)} articles, {len(rules)} rules; ms per article")
    print(f"  {'all rules':<28} {sum(cost.values()) * ms:7.3f}")
    print(f"  {'reading and blocks':<28} {reading * ms:7.3f}")
    for rid, t in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"  {rid:<28} {t * ms:7.3f}")


def through_server(article: str, runs: int, tmp: Path) -> float | None:
    """Median time of one article through ``python -S lint/client.py`` with a
    ``newslint --server`` running (its own runtime folder), None if it did not start."""
    env = dict(ENV, XDG_RUNTIME_DIR=str(tmp / "run"))
    (tmp / "run").mkdir(mode=0o700, exist_ok=True)
    server = subprocess.Popen([PY, "-m", "lint", "--server", "--idle-timeout", "600"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline() if server.stderr else ""
        if "listening" not in line:
            return None
        client = [PY, "-S", str(ROOT / "lint" / "client.py"), "--isolated", article]
        t, _, code = timed(client, cwd=ROOT, env=env)  # warms the server's rules
        if code not in (0, 1):
            return None
        times = []
        for _ in range(runs):
            t, _, code = timed(client, cwd=ROOT, env=env)
            times.append(t)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def newslint_cmd(*args: str) -> list[str]:
    return [PY, "-m", "lint", "--isolated", *args]


_LITERAL = re.compile(r"[\w' .-]+")
_OPTIONAL_GROUP = re.compile(r"\(\?:[^()]*\)\?")
_INNER_GROUP = re.compile(r"\(\?:[^()]*\)(\?)?")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``, or of its one outer group
    (``(?m)^[ \t]*(?:a|b|c)[ \t]*$`` gives a, b, c)."""
    pattern = re.sub(r"^\(\?\w+\)", "", pattern)
    start = pattern.find("(?:")
    body = pattern
    if start >= 0:  # the outermost group, if the pattern has one spanning the alternation
        depth = 0
        for i in range(start, len(pattern)):
            if pattern[i] == "\\":
                continue
            depth += {"(": 1, ")": -1}.get(pattern[i], 0) if pattern[i - 1] != "\\" else 0
            if depth == 0:
                body = pattern[start + 3 : i]
                break
    out, depth, cur, esc = [], 0, "", False
    for ch in body:
        if esc:
            cur, esc = cur + ch, False
            continue
        if ch == "\\":
            cur, esc = cur + ch, True
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def literal_tokens(pattern: str) -> list[str]:
    """The plain phrases among a raw pattern's alternatives: each alternative
    with its optional groups (``(?:...)?``) dropped, kept when what is left is
    a literal ("Share(?: this (?:article|story))?" gives "Share"). A pattern
    that is no list of phrases (look-around, classes) gives nothing."""
    out = []
    for alt in _alternatives(pattern):
        prev = None
        while prev != alt:  # innermost groups first: optional ones go, others stand for "not literal"
            prev, alt = alt, _INNER_GROUP.sub(lambda m: "" if m.group(1) else "\0", _OPTIONAL_GROUP.sub("", alt))
        alt = alt.strip()
        if alt and _LITERAL.fullmatch(alt):
            out.append(alt)
    return out


def vale_rule_ids_and_tokens() -> tuple[list[str], list[str], list[str]]:
    """Ids of the built-in existence and substitution rules, their literal
    phrases (``tokens``/``swap`` keys, and the literal alternatives inside
    ``raw`` patterns), and the ids of rules with no literal phrase at all."""
    sys.path.insert(0, str(ROOT))
    from lint.rules import builtin_rules_dir, load_rules

    ids, tokens, without = [], [], []
    for r in load_rules(builtin_rules_dir()):
        if r.spec.extends not in ("existence", "substitution"):
            continue
        ids.append(r.id)
        found = [t for t in (r.spec.tokens if r.spec.extends == "existence" else r.spec.swap) if _LITERAL.fullmatch(t)]
        if getattr(r.spec, "raw", None):
            found += literal_tokens("".join(r.spec.raw))
        tokens.extend(found)
        if not found:
            without.append(r.id)
    return ids, sorted(set(tokens)), without


def proselint_exe(venv_dir: Path) -> Path:
    exe = venv_dir / "bin" / "proselint"
    if not exe.exists():
        subprocess.run([PY, "-m", "venv", str(venv_dir)], check=True)
        subprocess.run([str(venv_dir / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return exe


_BUSY = "x = 0\nfor i in range(20_000_000):\n    x += i\n"


def machine_ceiling(runs: int) -> float:
    """What two processes get from this machine: a pure-Python busy loop run
    alone and two at once (2 x alone / pair). On shared or SMT cores it is
    below 2, and no pool of two workers can beat it."""
    alone, pair = [], []
    for _ in range(runs):
        alone.append(timed([PY, "-c", _BUSY])[0])
        start = time.perf_counter()
        procs = [subprocess.Popen([PY, "-c", _BUSY]) for _ in range(2)]
        for p in procs:
            p.wait()
        pair.append(time.perf_counter() - start)
    return 2 * statistics.median(alone) / statistics.median(pair)


def html_reader(runs: int) -> None:
    """ms per 100 KB of page for each stage of the HTML reader, lxml's parse as the baseline."""
    import lxml.html

    from lint.api import load
    from lint.engine import lint_article
    from lint.files import decode_article
    from lint.readers import html as html_module
    from lint.readers.build import to_article
    from lint.readers.html import extract_html
    from lint.readers.html_body import select_body
    from lint.readers.html_map import map_html
    from lint.readers.html_meta import page_meta

    root = ROOT.parent / "shared" / "corpus" / "html"
    paths = sorted(p for p in root.glob("readability/*.html") if not p.name.endswith(".expected.html"))
    paths += sorted(root.glob("htmldate/*.html"))
    if not paths:
        sys.exit(f"no pages under {root}")
    pages = [(p.name, decode_article(p.read_bytes(), str(p))[0]) for p in paths]
    size = sum(len(t) for _, t in pages)
    rules = load()
    mapped = {name: map_html(text) for name, text in pages}

    def lxml_parse(name: str, text: str) -> None:
        lxml.html.document_fromstring(text.encode("utf-8", "replace"),
                                      parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=False))

    def no_fallback(name: str, text: str) -> None:
        below, html_module.FALLBACK_BELOW = html_module.FALLBACK_BELOW, 0
        try:
            extract_html(text)
        finally:
            html_module.FALLBACK_BELOW = below

    stages = [
        ("lxml parse alone (baseline)", lxml_parse),
        ("map_html: tree + every character's source offset", lambda n, t: map_html(t)),
        ("page_meta without htmldate", lambda n, t: page_meta(t, mapped[n].root, use_htmldate=False)),
        ("select_body", lambda n, t: select_body(mapped[n], None)),
        ("whole reader, no trafilatura (htmldate where needed)", no_fallback),
        ("whole reader, trafilatura fallback where installed", lambda n, t: extract_html(t)),
        ("reader + lint with the full pack", lambda n, t: lint_article(to_article(n, t, extract_html(t)), rules)),
    ]
    print(f"HTML pages: {len(pages)}, {size / 1e6:.1f} M characters; {runs} passes, medians")
    results = []
    for label, fn in stages:
        passes, slowest = [], (0.0, "")
        for _ in range(runs):
            t_all = 0.0
            for name, text in pages:
                t0 = time.perf_counter()
                fn(name, text)
                dt_ = time.perf_counter() - t0
                t_all += dt_
                slowest = max(slowest, (dt_, name))
            passes.append(t_all)
        total = statistics.median(passes)
        results.append((label, total / size * 100_000 * 1000, slowest))
    base = results[0][1]
    print(f"{'stage':<55} {'ms/100 KB':>10} {'x lxml':>7}  slowest page")
    for label, ms, (worst, name) in results:
        print(f"{label:<55} {ms:>10.1f} {ms / base:>7.1f}  {name} {worst * 1000:.0f} ms")
    print("target: the reader under 40 ms per 100 KB page without trafilatura")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, help="build the corpus here (default: a temporary folder)")
    ap.add_argument("--proselint-venv", type=Path, default=Path(tempfile.gettempdir()) / "newslint-bench-proselint")
    ap.add_argument("--no-proselint", action="store_true", help="skip proselint (it is slow: minutes per run)")
    ap.add_argument("--hostile", action="store_true", help="time the hostile inputs at two sizes instead")
    ap.add_argument("--size", type=int, default=100_000, help="n for --hostile (characters)")
    ap.add_argument("--baseline", metavar="REV",
                    help="also time git revision REV's full pack on the same files, alternating runs, and print the ratio")
    ap.add_argument("--per-rule", action="store_true", help="time each rule in process instead (ms per article)")
    ap.add_argument("--html", action="store_true", help="time the HTML reader's stages on ../shared/corpus/html instead")
    ap.add_argument("--memory-files", type=lambda v: [int(x) for x in v.split(",")], default=[500, 8000],
                    help="corpus sizes whose peak memory (one worker, one run) is compared (default 500,8000)")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs (8,000 files take a while)")
    args = ap.parse_args()
    if args.html:
        html_reader(args.runs)
        return
    if args.per_rule:
        with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
            per_rule(args.files, Path(tmp))
        return
    if args.hostile:
        hostile(args.size, args.runs)
        return

    tmp = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    corpus = args.corpus or tmp / "corpus"
    size = build_corpus(corpus, args.files)
    print(f"corpus: {args.files} files, {size / 1e6:.1f} MB in {corpus}; {args.runs} runs each, medians")
    rows: list[tuple[str, float, str]] = []

    full1, _ = median_run(newslint_cmd("-j", "1", str(corpus)), args.runs)
    full2, _ = median_run(newslint_cmd("-j", "2", str(corpus)), args.runs)
    rows += [("newslint, full pack, 1 worker", full1, f"{args.files / full1:.0f} files/s, {size / 1e6 / full1:.2f} MB/s"),
             ("newslint, full pack, 2 workers", full2, f"{args.files / full2:.0f} files/s")]

    ids, tokens, without = vale_rule_ids_and_tokens()
    vale1, _ = median_run(newslint_cmd("-j", "1", "--select", ",".join(ids), str(corpus)), args.runs)
    rows.append((f"newslint, existence+substitution only ({len(ids)} rules)", vale1, ""))
    if without:  # e.g. GluedDash: a look-around pattern, no phrase for ripgrep to scan
        print(f"note: no literal phrases in {', '.join(without)} (patterns, not phrase lists): ripgrep scans the others' phrases")
    rg = shutil.which("rg")
    rg_time = None
    if rg and tokens:
        pat = tmp / "tokens.txt"
        pat.write_text("\n".join(tokens) + "\n", encoding="utf-8")
        rg_time, _ = median_run([rg, "-j1", "-i", "-w", "-F", "-f", str(pat), "--count", str(corpus)], args.runs)
        rows.append((f"ripgrep -j1, {len(tokens)} fixed strings", rg_time, ""))

    pl_time = None
    if not args.no_proselint:
        exe = proselint_exe(args.proselint_venv)
        pl_time, _ = median_run([str(exe), "check", str(corpus)], args.runs)
        rows.append(("proselint (latest) check", pl_time, f"{args.files / pl_time:.1f} files/s"))

    one = str(ROOT / "seeds" / "belarus-russia-security-ties.txt")
    art, _ = median_run(newslint_cmd(one), max(args.runs, 10))
    imp, _ = median_run([PY, "-c", "import typer, pydantic, regex, yaml"], max(args.runs, 10))
    rows += [("one article end to end", art, ""), ("import typer, pydantic, regex, yaml", imp, "")]
    served = through_server(one, max(args.runs, 10), tmp)
    if served is not None:
        rows.append(("one article through newslint-client (python -S) and a server", served, ""))

    versus = versus_baseline(args.baseline, corpus, args.runs, tmp) if args.baseline else None
    if versus:
        rows += [("full pack, 1 worker (alternating runs)", versus[0], f"{size / 1e6 / versus[0]:.2f} MB/s"),
                 (f"full pack of {args.baseline}, 1 worker (alternating)", versus[1], f"{size / 1e6 / versus[1]:.2f} MB/s"),
                 ("one article end to end (alternating)", versus[2], ""),
                 (f"one article end to end, {args.baseline} (alternating)", versus[3], "")]

    memory = []
    for n in () if args.no_memory else args.memory_files:
        folder = tmp / f"memory-{n}"
        build_corpus(folder, n)
        memory.append((n, median_run(newslint_cmd("-j", "1", str(folder)), 1)[1]))
        shutil.rmtree(folder, ignore_errors=True)

    ceiling = machine_ceiling(args.runs)

    width = max(len(r[0]) for r in rows)
    for name, t, extra in rows:
        print(f"{name:<{width}}  {t:8.3f} s  {extra}")
    print()
    print("ratios (target, issue 'Fast'):")
    if pl_time:
        print(f"  newslint/proselint throughput     {pl_time / full1:7.1f}x   (>= 10x, and >= 2 MB/s per core: {size / 1e6 / full1:.2f} MB/s)")
    else:
        print(f"  full pack, MB/s per core          {size / 1e6 / full1:7.2f}    (>= 2 MB/s)")
    if rg_time:
        print(f"  existence+substitution / ripgrep  {vale1 / rg_time:7.2f}x time (<= 5x)")
    if versus:
        print(f"  full pack / full pack of {args.baseline:<8} {versus[0] / versus[1]:7.2f}x time (throughput {versus[1] / versus[0]:.2f}x)")
        print(f"  one article / one article of {args.baseline:<8} {versus[2] / versus[3]:5.2f}x time")
    print(f"  two workers / one worker          {full1 / full2:7.2f}x   (>= 1.6x; this machine's ceiling now: {ceiling:.2f}x)")
    print(f"  one article / imports             {art / imp:7.2f}x time (<= 0.9x)")
    if served is not None:
        print(f"  one article, server client / imports {served / imp:4.2f}x time (<= 0.3x)")
    if memory:
        print("  peak memory, 1 worker            " + " vs ".join(f"{rss / 1024:.0f} MB ({n} files)" for n, rss in memory) + " (flat)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
