"""The HTML reader's targets (issue 13), measured on ../shared/corpus/html with the whole reader.

    python tests/html_reader_report.py [CORPUS] [--show]

What it reads is what ``newslint --print-article`` prints: ``read_article``
on each page, as the command reads it (bytes decoded by lint.files).

- htmldate/ (90 pages, gold.tsv): publication date equal to gold (target
  at least 90%), by where the date was found; htmldate alone in the same
  run as the baseline.
- readability/ (53 pages, NAME.expected.json / NAME.expected.html):
  headline equal to the expected title (whitespace normalised; target at
  least 90%); body coverage (the share of the expected text's characters
  that the article's text has, by a word-level alignment, difflib on
  words, each matched word counting its characters) and extra (the share
  of the article's characters not in the expected text): targets coverage
  at least 90% and extra at most 10%, per page.
- Positions, every block of every page of both sets: the file at the
  block's start decodes (references resolved) to the block's first
  character, and every character of the block maps to a source character
  that shows it (tests/html_map_check.py): target at least 99.9%.
- Time per 100 KB of page for the reader (decoding excluded), and the
  slowest page; no page may crash.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from html_body_report import overlap as _overlap  # noqa: E402  # the body helper's measure and visible_text()
from html_body_report import visible_text  # noqa: E402
from html_map_check import char_ok  # noqa: E402
from lint.files import decode_article  # noqa: E402
from lint.readers import read_article  # noqa: E402
from lint.readers.describe import describe  # noqa: E402


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def read(path: Path):
    data = path.read_bytes()
    text = decode_article(data, str(path))[0]
    t0 = time.perf_counter()
    art = read_article(str(path), text)
    return text, art, time.perf_counter() - t0


def positions(text: str, art, bad: list[str], name: str) -> tuple[int, int]:
    """(blocks, blocks whose every character maps to a source character that shows it)."""
    smap = art.source_map
    ok = 0
    for b in art.blocks:
        good = True
        for i, ch in enumerate(b.text):
            off = smap.starts[b.start + i]
            if not char_ok(text, off, ch):
                good = False
                break
        ok += good
        if not good and len(bad) < 40:
            bad.append(f"{name}: {b.scope} {b.text[:50]!r}")
    return len(art.blocks), ok


def _has_trafilatura() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str]) -> int:
    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus" / "html"
    times: list[tuple[float, str]] = []
    crashes: list[str] = []
    bad_blocks: list[str] = []
    blocks = blocks_ok = 0
    per_kb: list[float] = []
    fallback: list[str] = []

    # ---- htmldate: dates
    with open(corpus / "htmldate" / "gold.tsv", encoding="utf-8") as f:
        gold = {r["file"]: r["gold_date"] for r in csv.DictReader(f, delimiter="\t")}
    right = 0
    by_source: dict[str, list[int]] = {}
    wrong: list[str] = []
    baseline = 0
    try:
        from htmldate import find_date
    except ImportError:
        find_date = None
    for f, want in sorted(gold.items()):
        path = corpus / "htmldate" / f
        try:
            text, art, secs = read(path)
        except Exception as exc:  # a crash is a figure here
            crashes.append(f"{f}: {type(exc).__name__}: {exc}")
            continue
        times.append((secs, f))
        if art.extracted is not None and art.extracted.body_from == "trafilatura":
            fallback.append(f)
        per_kb.append(secs / max(len(text), 1) * 100_000)
        got = art.meta.date.isoformat() if art.meta.date else None
        src = art.meta.date_source or "none"
        hit = got == want
        right += hit
        by_source.setdefault(src, [0, 0])
        by_source[src][0] += hit
        by_source[src][1] += 1
        if not hit:
            wrong.append(f"{f}: got {got} ({src}), gold {want}")
        if find_date is not None:
            baseline += find_date(text, original_date=True, outputformat="%Y-%m-%d") == want
        n, k = positions(text, art, bad_blocks, f)
        blocks += n
        blocks_ok += k
    print(f"htmldate pages: date equal to gold {right}/{len(gold)} = {right / len(gold):.1%} (target 90%)"
          + (f"; htmldate alone {baseline}/{len(gold)} = {baseline / len(gold):.1%}" if find_date else ""))
    for src, (h, n) in sorted(by_source.items(), key=lambda kv: -kv[1][1]):
        print(f"  from {src}: {h}/{n} right")
    for w in wrong:
        print(f"  wrong: {w}")

    # ---- readability: headline and body
    pages = sorted(p for p in (corpus / "readability").glob("*.html") if not p.name.endswith(".expected.html"))
    heads = heads_fold = 0
    cov: list[tuple[float, float, str]] = []
    head_wrong: list[str] = []
    for path in pages:
        name = path.stem
        meta = json.loads((corpus / "readability" / f"{name}.expected.json").read_text(encoding="utf-8"))
        try:
            text, art, secs = read(path)
        except Exception as exc:
            crashes.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        times.append((secs, path.name))
        if art.extracted is not None and art.extracted.body_from == "trafilatura":
            fallback.append(path.name)
        per_kb.append(secs / max(len(text), 1) * 100_000)
        want = norm(meta.get("title"))
        got = norm(describe(art, text)["headline"])  # as --print-article prints it
        heads += got == want
        fold = re.sub(r"\W+", "", got.casefold()) == re.sub(r"\W+", "", want.casefold())
        heads_fold += fold
        if got != want:
            head_wrong.append(f"{name}: got {got!r}, expected {want!r}")
        expected = visible_text((corpus / "readability" / f"{name}.expected.html").read_text(encoding="utf-8"))
        body = " ".join(b.text for b in art.blocks if b.scope != "headline")
        c, x = _overlap(expected, body)[:2]
        cov.append((c, x, name))
        n, k = positions(text, art, bad_blocks, path.name)
        blocks += n
        blocks_ok += k
    n = len(pages)
    print(f"readability pages: headline equal to the expected title {heads}/{n} = {heads / n:.1%} (target 90%); "
          f"equal ignoring case and punctuation {heads_fold}/{n}")
    for w in head_wrong if show else head_wrong[:15]:
        print(f"  headline: {w}")
    cs = [c for c, _, _ in cov]
    xs = [x for _, x, _ in cov]
    both = sum(1 for c, x, _ in cov if c >= 0.9 and x <= 0.1)
    print(f"  body coverage: mean {statistics.mean(cs):.1%}, median {statistics.median(cs):.1%}, "
          f">= 90% on {sum(c >= 0.9 for c in cs)}/{n}")
    print(f"  body extra: mean {statistics.mean(xs):.1%}, median {statistics.median(xs):.1%}, "
          f"<= 10% on {sum(x <= 0.1 for x in xs)}/{n}; both targets on {both}/{n}")
    deciles = [f"{q:.0%}" for q in statistics.quantiles(cs, n=10)] if len(cs) > 1 else []
    print(f"  coverage deciles: {' '.join(deciles)}")
    for c, x, name in sorted(cov):
        if show or c < 0.9 or x > 0.1:
            print(f"  {name}: coverage {c:.1%}, extra {x:.1%}")

    # ---- positions, time, crashes
    print(f"positions: {blocks_ok}/{blocks} blocks map every character back = {blocks_ok / max(blocks, 1):.3%} "
          "(target 99.9%)")
    for b in bad_blocks[:20]:
        print(f"  inexact: {b}")
    if fallback:
        print(f"body from the trafilatura fallback (installed): {len(fallback)} pages: {', '.join(fallback)}")
    else:
        print("body from the trafilatura fallback: none" + ("" if _has_trafilatura() else " (not installed)"))
    times.sort(reverse=True)
    print(f"time per 100 KB page (the reader, htmldate fallback included): median {statistics.median(per_kb) * 1000:.1f} ms, "
          f"mean {statistics.mean(per_kb) * 1000:.1f} ms (target 40 ms); slowest page {times[0][1]} "
          f"{times[0][0] * 1000:.0f} ms")
    print(f"crashes: {len(crashes)}")
    for c in crashes:
        print(f"  {c}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
