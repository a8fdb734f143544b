"""How well lint.readers.html_body picks an HTML page's headline and body (a report, not a test).

    PYTHONPATH=. python tests/html_body_report.py [FOLDER ...] [--show NAME ...] [--quiet]

Folders default to /work/shared/corpus/html/readability and /work/shared/corpus/html/htmldate.

A folder whose pages have ``NAME.expected.html`` / ``NAME.expected.json`` beside them (Mozilla
Readability's test pages) is scored against them:

1. headline: ``Body.title`` against ``expected.json["title"]``, after collapsing whitespace
   (``\\s+``, NBSP included, to one space, stripped); and again after casefolding and keeping only
   word characters (punctuation and quotes dropped).
2. body: the expected text is the corpus README's ``visible_text()`` of ``NAME.expected.html``
   (the same code, below). Ours is the text of ``Body.blocks`` joined with spaces. Both are split
   into words (``str.split``) and aligned with ``difflib.SequenceMatcher`` (``autojunk=False``):
   a word is matched when it is inside one of the matching blocks of the alignment (same words, in
   the same order). ``coverage`` = characters of matched expected words / characters of all
   expected words; ``extra`` = characters of our unmatched words / characters of all our words
   (spaces are not counted on either side). A second line scores the standfirst and byline
   together with the body ("+sf/by"), since Readability keeps them when they sit in the article.
   Targets: title equal on at least 90% of the pages, coverage >= 90% and extra <= 10%.

A folder without expected files (htmldate's news pages) is checked for pages whose body is empty
or shorter than 500 characters. ``--show NAME`` prints what was chosen for that page (headline,
standfirst, byline, each body block's kind and start) to eyeball chrome leaks.

Time: ``map_html`` and ``select_body`` are timed separately per page, reported in milliseconds
per 100 KB (100,000 characters) of page source, over all pages.
"""

from __future__ import annotations

import difflib
import glob
import itertools
import json
import os
import re
import statistics
import sys
import time
from html.parser import HTMLParser

from lint.readers.html_body import Body, select_body
from lint.readers.html_map import map_html

CORPUS = "/work/shared/corpus/html"

# ---- the corpus README's visible_text(), verbatim ----

SKIP = {"script", "style", "noscript", "template"}
BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
         "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
         "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
         "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP: self.skip += 1  # noqa: E701
        elif tag in BLOCK: self.parts.append(" ")  # noqa: E701

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK: self.parts.append(" ")  # noqa: E701

    def handle_endtag(self, tag):
        if tag in SKIP: self.skip = max(0, self.skip - 1)  # noqa: E701
        elif tag in BLOCK: self.parts.append(" ")  # noqa: E701

    def handle_data(self, data):
        if not self.skip: self.parts.append(data)  # noqa: E701


def visible_text(html):
    p = _Text(); p.feed(html); p.close()  # noqa: E702
    return re.sub(r"\s+", " ", "".join(p.parts)).strip()


# ---- measures ----


def ws(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def loose(s: str | None) -> str:
    return " ".join(re.findall(r"\w+", (s or "").casefold()))


def overlap(expected: str, ours: str) -> tuple[float, float, list[str], list[str]]:
    """coverage, extra, and the longest unmatched runs of each side (for the 'why')."""
    a, b = expected.split(), ours.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ma = [False] * len(a)
    mb = [False] * len(b)
    for i, j, n in sm.get_matching_blocks():
        for k in range(n):
            ma[i + k] = True
            mb[j + k] = True
    ca = sum(len(w) for w in a)
    cb = sum(len(w) for w in b)
    cov = sum(len(w) for w, m in zip(a, ma) if m) / ca if ca else 1.0
    extra = sum(len(w) for w, m in zip(b, mb) if not m) / cb if cb else 0.0
    return cov, extra, _runs(a, ma), _runs(b, mb)


def byline_hit(expected: str | None, body: Body) -> bool | None:
    """None when the page has no expected byline; else whether our byline block holds all its words (a leading By/Par/Por
    dropped; casefolded, punctuation ignored, in any order: "Stella Kim, Jennifer Jett" is in "By Stella Kim and Jennifer Jett")."""
    if not expected or not loose(expected):
        return None
    want = re.sub(r"^(by|par|por|von|door|di)\s+", "", loose(expected)).split()
    got = set(loose(body.byline.text).split()) if body.byline else set()
    return bool(want) and all(w in got for w in want)


def headline_hit(expected: str | None, body: Body) -> bool:
    """Whether the headline block's text is the expected title or a part of it between separators, loosely compared."""
    if body.headline is None:
        return False
    h = loose(body.headline.text)
    e = loose(expected)
    return bool(h) and (h == e or h in e)


def _runs(words: list[str], matched: list[bool]) -> list[str]:
    runs: list[list[str]] = []
    cur: list[str] = []
    for w, m in zip(words, matched):
        if m:
            if cur:
                runs.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        runs.append(cur)
    runs.sort(key=lambda r: -sum(len(w) for w in r))
    return [" ".join(r) for r in runs[:3]]


def _short(s: str, n: int = 110) -> str:
    return s if len(s) <= n else s[: n - 20] + " ... " + s[-15:]


def _pages(folder: str) -> list[str]:
    return sorted(p for p in glob.glob(os.path.join(folder, "*.htm*")) if not p.endswith(".expected.html"))


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def show(name: str, src: str, body: Body) -> None:
    print(f"--- {name}")
    for label, b in (("headline", body.headline), ("standfirst", body.standfirst), ("byline", body.byline)):
        print(f"  {label:10} {_short(b.text) if b else None}")
    print(f"  title      {body.title!r} ({body.title_source})")
    c = body.container
    if c is not None:
        print(f"  container  <{c.tag} class={c.get('class')!r} id={c.get('id')!r}>")
    for kind, b in body.blocks:
        print(f"  {kind:9} {b.tag:10} {_short(b.text, 100)}")


def score_page(path: str, body: Body) -> dict:
    """The figures of one Readability page (``path`` is NAME.html) for the body chosen on it."""
    base = path[: -len(".html")]
    meta = json.loads(_read(base + ".expected.json"))
    exp = visible_text(_read(base + ".expected.html"))
    text = " ".join(b.text for _, b in body.blocks)
    cov, extra, missing, added = overlap(exp, text)
    more = " ".join(b.text for b in (body.standfirst, body.byline) if b is not None)
    cov2, extra2, _, _ = overlap(exp, (more + " " + text).strip())
    return dict(
        name=os.path.basename(base), cov=cov, extra=extra, cov2=cov2, extra2=extra2, body=body, missing=missing, added=added,
        exp_title=meta.get("title"), exp_byline=meta.get("byline"), exp_chars=len(exp), chars=len(text),
        t_eq=ws(body.title) == ws(meta.get("title")), t_loose=loose(body.title) == loose(meta.get("title")),
        by=byline_hit(meta.get("byline"), body), head=headline_hit(meta.get("title"), body),
    )


def run(folder: str, show_names: set[str], quiet: bool, timing: list[tuple[int, float, float]]) -> bool:
    pages = _pages(folder)
    scored = os.path.exists(pages[0][: -len(".html")] + ".expected.json") if pages else False
    rows = []
    print(f"== {folder}: {len(pages)} pages")
    for path in pages:
        name = os.path.basename(path)[: -len(".html")]
        src = _read(path)
        t0 = time.perf_counter()
        html = map_html(src)
        t1 = time.perf_counter()
        body = select_body(html)
        t2 = time.perf_counter()
        timing.append((len(src), t1 - t0, t2 - t1))
        text = " ".join(b.text for _, b in body.blocks)
        if name in show_names:
            show(name, src, body)
        if not scored:
            rows.append((name, len(text), body))
            continue
        rows.append(score_page(path, body))
    if not scored:
        short = [(n, k) for n, k, _ in rows if k < 500]
        print(f"pages with an empty body: {sum(1 for _, k, _ in rows if k == 0)}; with a body under 500 characters: {len(short)}")
        for n, k, b in rows:
            if k < 500:
                c = b.container
                where = f"<{c.tag} class={c.get('class')!r}>" if c is not None else "no container"
                print(f"  {n}: {k} chars, {len(b.blocks)} blocks, container {where}, headline {_short(b.headline.text, 60) if b.headline else None!r}")
        sizes = [k for _, k, _ in rows]
        print(f"body chars: median {statistics.median(sizes):.0f}, min {min(sizes)}, max {max(sizes)}")
        return True
    n = len(rows)
    if not quiet:
        print(f"{'page':32} {'cov':>6} {'extra':>6} {'cov+':>6} {'xtr+':>6} {'exp':>6} {'ours':>6}  title")
        for r in rows:
            mark = "=" if r["t_eq"] else ("~" if r["t_loose"] else "x")
            print(f"{r['name']:32} {100 * r['cov']:6.1f} {100 * r['extra']:6.1f} {100 * r['cov2']:6.1f} {100 * r['extra2']:6.1f} "
                  f"{r['exp_chars']:6} {r['chars']:6}  {mark}")
    eq = sum(1 for r in rows if r["t_eq"])
    lo = sum(1 for r in rows if r["t_loose"])
    print()
    print(f"title equal (whitespace normalised): {eq}/{n} = {100 * eq / n:.1f}%  (target 90%)")
    print(f"title equal after casefold and punctuation strip: {lo}/{n} = {100 * lo / n:.1f}%")
    hh = sum(1 for r in rows if r["head"])
    print(f"headline block found and equal to (a part of) the expected title, loosely: {hh}/{n}")
    bys = [r["by"] for r in rows if r["by"] is not None]
    print(f"byline block holds the expected byline: {sum(bys)}/{len(bys)} pages that have one (Readability's bylines, some noisy); "
          f"byline found on {sum(1 for r in rows if r['body'].byline)}/{n} pages, standfirst on {sum(1 for r in rows if r['body'].standfirst)}/{n}")
    for label, ck, xk in (("body", "cov", "extra"), ("body+sf/by", "cov2", "extra2")):
        cs = [r[ck] for r in rows]
        xs = [r[xk] for r in rows]
        print(
            f"{label:11} coverage: mean {100 * statistics.mean(cs):.1f}%, median {100 * statistics.median(cs):.1f}%, "
            f">= 90%: {sum(1 for c in cs if c >= 0.9)}/{n};  extra: mean {100 * statistics.mean(xs):.1f}%, "
            f"median {100 * statistics.median(xs):.1f}%, <= 10%: {sum(1 for x in xs if x <= 0.1)}/{n};  "
            f"both: {sum(1 for c, x in zip(cs, xs) if c >= 0.9 and x <= 0.1)}/{n}"
        )
    covs = [r["cov"] for r in rows]
    extras = [r["extra"] for r in rows]
    buckets = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.01]
    print("coverage distribution: " + ", ".join(
        f"[{int(100 * lo_)}-{min(100, int(100 * hi))}%): {sum(1 for c in covs if lo_ <= c < hi)}" for lo_, hi in itertools.pairwise(buckets)))
    xb = [0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.01]
    print("extra distribution:    " + ", ".join(
        f"[{int(100 * lo_)}-{min(100, int(100 * hi))}%): {sum(1 for x in extras if lo_ <= x < hi)}" for lo_, hi in itertools.pairwise(xb)))
    print()
    print("failing pages (title, coverage < 90%, extra > 10%; then, not targets: byline and headline block misses):")
    for r in rows:
        body = r["body"]
        why = []
        if not r["t_eq"]:
            why.append(f"title {'~equal' if r['t_loose'] else 'differs'}: ours {body.title!r} ({body.title_source}) vs expected {ws(r['exp_title'])!r}")
        if r["cov"] < 0.9:
            why.append(f"coverage {100 * r['cov']:.1f}%, missing e.g. {_short(r['missing'][0]) if r['missing'] else ''!r}")
        if r["extra"] > 0.1:
            why.append(f"extra {100 * r['extra']:.1f}%, e.g. {_short(r['added'][0]) if r['added'] else ''!r}")
        if r["by"] is False:
            why.append(f"byline: ours {_short(body.byline.text, 70) if body.byline else None!r}, expected {_short(ws(r['exp_byline']), 70)!r}")
        if not r["head"]:
            why.append(f"headline block: {_short(body.headline.text, 70) if body.headline else None!r}")
        if why:
            print(f"  {r['name']}:")
            for w in why:
                print(f"      {w}")
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    show_names: set[str] = set()
    folders: list[str] = []
    quiet = False
    it = iter(argv)
    for a in it:
        if a == "--show":
            show_names.add(next(it, ""))
        elif a == "--quiet":
            quiet = True
        else:
            folders.append(a)
    if not folders:
        folders = [os.path.join(CORPUS, "readability"), os.path.join(CORPUS, "htmldate")]
    select_body(map_html("<html><body><article><h1>Warm up</h1><p>Import lxml, first.</p></article></body></html>"))
    timing: list[tuple[int, float, float]] = []
    for folder in folders:
        run(folder, show_names, quiet, timing)
        print()
    size = sum(s for s, _, _ in timing)
    t_map = sum(m for _, m, _ in timing)
    t_body = sum(b for _, _, b in timing)
    per = [1e8 * b / max(s, 1) for s, _, b in timing]
    print(
        f"time over {len(timing)} pages ({size / 1e6:.1f} M characters): select_body {1e8 * t_body / size:.1f} ms per 100 KB "
        f"(per page median {statistics.median(per):.1f}, max {max(per):.1f}); map_html + select_body {1e8 * (t_map + t_body) / size:.1f} ms "
        f"per 100 KB (target < 40)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
