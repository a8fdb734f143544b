"""How well lint.readers.html_map maps the HTML corpus (a report, not a test).

    PYTHONPATH=. python tests/html_map_report.py [--pages-only-failing] [FOLDER_OR_FILE ...]

For every page of /work/shared/corpus/html/readability/*.html (not *.expected.html) and
/work/shared/corpus/html/htmldate/*.html (or the paths given), prints: blocks, blocks whose every
character checks out against the raw source and whose source span reads back as the block's
text (tests/html_map_check.py: block_ok and span_reads_back), blocks the mapper itself
flags inexact, lxml strings that diverged from the token stream, the share of the page's visible
text (the corpus README's visible_text(), whitespace collapsed) that the blocks hold, size and
time. Then the totals: exact-mapped share, the failing pages, and milliseconds per 100 KB page.
"""

from __future__ import annotations

import glob
import os
import re
import statistics
import sys
import time
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from html_map_check import block_ok, span_reads_back
from lint.readers.html_map import map_html

CORPUS = "/work/shared/corpus/html"
_SKIP = {"script", "style", "noscript", "template"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _visible_chars(src: str) -> int:
    p = _Visible()
    p.feed(src)
    p.close()
    return len(re.sub(r"\s+", "", "".join(p.parts)))


def _pages(args: list[str]) -> list[str]:
    if not args:
        args = [os.path.join(CORPUS, "readability"), os.path.join(CORPUS, "htmldate")]
    out: list[str] = []
    for a in args:
        if os.path.isdir(a):
            out += sorted(p for p in glob.glob(os.path.join(a, "*.htm*")) if not p.endswith(".expected.html"))
        else:
            out.append(a)
    return out


def main(argv: list[str]) -> int:
    only_failing = "--pages-only-failing" in argv
    pages = _pages([a for a in argv if not a.startswith("--")])
    map_html("<p>warm up</p>")  # import lxml outside the timings
    total = good = flagged = 0
    size = 0
    elapsed = 0.0
    per_100k: list[float] = []
    failing: list[str] = []
    print(f"{'page':40} {'blocks':>6} {'exact':>6} {'flag':>5} {'div':>4} {'text%':>6} {'KB':>7} {'ms':>7}")
    for path in pages:
        with open(path, encoding="utf-8", newline="") as f:
            src = f.read()
        t0 = time.perf_counter()
        result = map_html(src)
        dt = time.perf_counter() - t0
        elapsed += dt
        size += len(src)
        per_100k.append(dt * 1000 * 100_000 / max(len(src), 1))
        ok = sum(1 for b in result.blocks if block_ok(src, b) and span_reads_back(src, b))
        inexact = result.inexact_blocks
        total += len(result.blocks)
        good += ok
        flagged += inexact
        vis = _visible_chars(src)
        held = sum(len(b.text.replace(" ", "")) for b in result.blocks)
        name = os.path.relpath(path, CORPUS) if path.startswith(CORPUS) else path
        if ok < len(result.blocks) or inexact:
            failing.append(f"{name}: {len(result.blocks) - ok} of {len(result.blocks)} blocks fail the check, {inexact} flagged inexact")
        if not only_failing or ok < len(result.blocks) or inexact:
            cover = 100 * held / max(vis, 1)
            print(f"{name:40} {len(result.blocks):6} {ok:6} {inexact:5} {result.diverged_strings:4} {cover:6.1f} {len(src) / 1000:7.1f} {dt * 1000:7.1f}")
    share = good / total if total else 1.0
    print()
    print(f"pages: {len(pages)}, blocks: {total}, exactly mapped (every character checked, span reads back): {good} ({100 * share:.3f}%), "
          f"flagged inexact by the mapper: {flagged}")
    print("pages that do not map exactly: " + ("; ".join(failing) if failing else "none"))
    print(f"time: {elapsed * 1000 * 100_000 / max(size, 1):.1f} ms per 100 KB over all pages "
          f"(per page: median {statistics.median(per_100k):.1f}, max {max(per_100k):.1f} ms per 100 KB); {size / 1e6:.1f} MB in {elapsed:.2f} s")
    return 0 if share >= 0.999 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
