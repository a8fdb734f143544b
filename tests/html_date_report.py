"""How well lint.readers.html_meta finds an HTML page's metadata (a report, not a test).

    PYTHONPATH=. python tests/html_date_report.py [CORPUS_HTML_FOLDER]

CORPUS_HTML_FOLDER (default: the shared corpus's ``html/`` folder) holds ``htmldate/`` (NNN.html and
gold.tsv) and ``readability/`` (NAME.html with NAME.expected.json).

htmldate pages: the publication date of page_meta (structured markup first, htmldate where the page
states none) against gold.tsv, beside htmldate alone (find_date, original_date=True, extensive and
fast) and the other ways of choosing among the page's own date candidates (the first by rank, the
earliest of the strong ones, each as the written day or as the UTC day); accuracy overall and per
date source, and every failing page with its candidates, htmldate's answer and the gold date.

Readability pages: date against publishedTime (where given), headline against title, byline against
byline (whitespace collapsed, a leading "By"/"Par" dropped, case ignored), standfirst against excerpt,
outlet against siteName.

Both: every Located position is checked (the source span decodes to the value), and the time per page
of page_meta without htmldate (map_html excluded), and of htmldate alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import statistics
import sys
import time
from pathlib import Path

from lint.readers.html_map import map_html
from lint.readers.html_meta import DateCandidate, PageMeta, page_meta

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "html"
if not DEFAULT.is_dir():
    DEFAULT = Path("/work/shared/corpus/html")

_OFFSET = re.compile(r"\d{4}-?\d{2}-?\d{2}[T ](\d{2}):?(\d{2})(?::?\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$")


def _read(path: Path) -> str:
    s = path.read_bytes().decode("utf-8", "replace")
    return s[1:] if s.startswith("\ufeff") else s


def utc_day(c: DateCandidate) -> dt.date:
    """The candidate's day in UTC, where its string has a time and an offset (else its written day)."""
    m = _OFFSET.search(c.at.value.strip())
    if not m:
        return c.date
    hh, mm, z = int(m.group(1)), int(m.group(2)), m.group(3)
    off = 0 if z == "Z" else (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[-2:]))
    t = dt.datetime(c.date.year, c.date.month, c.date.day, hh % 24, mm % 60) - dt.timedelta(minutes=off)
    return t.date()


def _strategies(cands: list[DateCandidate], hd: dt.date | None) -> dict[str, dt.date | None]:
    from lint.readers.html_meta import STRONG_RANK

    strong = [c for c in cands if c.rank <= STRONG_RANK]
    out: dict[str, dt.date | None] = {}
    out["first, written day"] = cands[0].date if cands else hd
    out["first, UTC day"] = utc_day(cands[0]) if cands else hd
    out["earliest strong, written day"] = min(c.date for c in strong) if strong else (cands[0].date if cands else hd)
    out["earliest strong, UTC day"] = min(utc_day(c) for c in strong) if strong else (utc_day(cands[0]) if cands else hd)
    out["earliest of all candidates, written day"] = min(c.date for c in cands) if cands else hd
    out["structured only (no htmldate), earliest strong"] = out["earliest strong, written day"] if cands else None
    return out


def located_ok(source: str, loc) -> bool:
    """Whether a Located's span decodes to its value (-1/-1 counts as unplaced, not as wrong)."""
    if loc is None or loc.start < 0:
        return True
    raw = source[loc.start : loc.end]
    if html.unescape(raw) == loc.value:
        return True
    try:  # a JSON-LD string: JSON escapes, then HTML references
        dec = json.loads('"' + raw + '"', strict=False)
    except ValueError:
        return False
    return dec == loc.value or html.unescape(dec) == loc.value


def _locs(m: PageMeta) -> list:
    out = [m.headline, m.standfirst, m.byline, m.date_at, m.place, m.outlet]
    out += [c.at for c in m.date_candidates]
    return [x for x in out if x is not None]


class Positions:
    def __init__(self) -> None:
        self.placed = self.unplaced = 0
        self.bad: list[str] = []

    def check(self, name: str, source: str, m: PageMeta) -> None:
        for loc in _locs(m):
            if loc.start < 0:
                self.unplaced += 1
            elif located_ok(source, loc):
                self.placed += 1
            else:
                self.bad.append(f"{name}: {loc.value[:40]!r} at {loc.start}:{loc.end} reads {source[loc.start:loc.end][:40]!r}")


def _htmldate(source: str, extensive: bool) -> dt.date | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None
    d = find_date(source, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d")
    return dt.date.fromisoformat(d) if d else None


def htmldate_set(folder: Path, pos: Positions, times: list[tuple[str, float]], hd_times: list[float], full_times: list[tuple[str, float]]) -> None:
    with open(folder / "gold.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    n = len(rows)
    ours_ok = 0
    by_source: dict[str, list[int]] = {}
    strat_ok: dict[str, int] = {}
    base = {"htmldate alone (extensive)": 0, "htmldate alone (fast)": 0}
    has_cand = first_right = 0
    fails = []
    for r in rows:
        name = r["file"]
        gold = dt.date.fromisoformat(r["gold_date"])
        source = _read(folder / name)
        root = map_html(source).root
        t0 = time.perf_counter()
        m = page_meta(source, root, use_htmldate=False)
        times.append((name, time.perf_counter() - t0))
        pos.check(name, source, m)
        t0 = time.perf_counter()
        full = page_meta(source, root)  # what the reader gives: htmldate where the markup states no date
        full_times.append((name, time.perf_counter() - t0))
        t0 = time.perf_counter()
        hd = _htmldate(source, True)
        # htmldate caches its answers: where page_meta called it, its time is page_meta's with it less without it
        called = not m.date_candidates
        hd_times.append(full_times[-1][1] - times[-1][1] if called else time.perf_counter() - t0)
        hd_fast = _htmldate(source, False)
        base["htmldate alone (extensive)"] += hd == gold
        base["htmldate alone (fast)"] += hd_fast == gold
        ok = full.date == gold
        ours_ok += ok
        by_source.setdefault(full.date_source or "none", []).append(int(ok))
        if m.date_candidates:
            has_cand += 1
            first_right += m.date_candidates[0].date == gold
        for k, v in _strategies(m.date_candidates, hd).items():
            strat_ok[k] = strat_ok.get(k, 0) + (v == gold)
        if not ok:
            cands = ", ".join(f"{c.source}:{c.key}={c.at.value.strip()[:32]!r}->{c.date}" for c in m.date_candidates[:5]) or "no candidate in the markup"
            fails.append(f"  {name}  ours {full.date} ({full.date_source})  gold {gold}  htmldate {hd}  | {cands}")
    print(f"== htmldate pages ({n}) ==")
    print(f"page_meta (structured, then htmldate): {ours_ok}/{n} = {ours_ok / n:.3f}")
    for k, v in base.items():
        print(f"{k}: {v}/{n} = {v / n:.3f}")
    print(f"pages with a structured candidate: {has_cand}/{n} = {has_cand / n:.3f}; ", end="")
    print(f"first candidate right: {first_right}/{has_cand} = {first_right / max(1, has_cand):.3f}")
    print("ways of choosing among the candidates (htmldate where there is none):")
    for k, v in strat_ok.items():
        print(f"  {k}: {v}/{n} = {v / n:.3f}")
    print("per date source (page_meta):")
    for k, v in sorted(by_source.items(), key=lambda kv: -len(kv[1])):
        print(f"  {k}: {sum(v)}/{len(v)} = {sum(v) / len(v):.3f}")
    print(f"failing pages ({len(fails)}):")
    print("\n".join(fails))


def _norm(s: str | None) -> str:
    s = re.sub(r"\s+", " ", s or "").strip()
    s = re.sub(r"^(?:by|par|por|von)\s*:?\s+", "", s, flags=re.I)
    return s.casefold()


def _names(s: str) -> set[str]:
    """The names of a byline: "By A and B", "A, B" and "Par A et B" give the same set."""
    s = _norm(s)
    return {p.strip(" .") for p in re.split(r"\s*(?:,|;|\band\b|\bet\b|\by\b|&)\s*", s) if p.strip(" .")}


def readability_set(folder: Path, pos: Positions, times: list[tuple[str, float]]) -> None:
    pages = sorted(p for p in folder.glob("*.html") if not p.name.endswith(".expected.html"))
    figs: dict[str, list[int]] = {k: [] for k in ("date", "headline", "byline", "byline (same names)", "byline (any author)", "standfirst", "outlet")}
    fails: dict[str, list[str]] = {k: [] for k in figs}
    for p in pages:
        name = p.name[: -len(".html")]
        exp = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
        source = _read(p)
        root = map_html(source).root
        t0 = time.perf_counter()
        m = page_meta(source, root, use_htmldate=False)
        times.append((p.name, time.perf_counter() - t0))
        pos.check(p.name, source, m)
        if exp.get("publishedTime"):
            full = page_meta(source, root)
            want = exp["publishedTime"][:10]
            ok = str(full.date) == want
            figs["date"].append(ok)
            if not ok:
                at = full.date_at.value if full.date_at else None
                fails["date"].append(f"  {name}: ours {full.date} ({full.date_source}, {at!r}) want {exp['publishedTime']!r}")
        pairs = [("headline", m.headline, exp.get("title")), ("standfirst", m.standfirst, exp.get("excerpt")), ("outlet", m.outlet, exp.get("siteName"))]
        if exp.get("byline"):
            pairs.append(("byline", m.byline, exp["byline"]))
        for key, got, want in pairs:
            if not want:
                continue
            ok = _norm(got.value if got else None) == _norm(want)
            figs[key].append(ok)
            if not ok:
                fails[key].append(f"  {name}: ours {(got.value if got else None)!r} want {want!r}")
        if exp.get("byline"):
            w = _norm(exp["byline"])
            ok = bool(m.authors) and any(a.casefold() in w for a in m.authors)
            figs["byline (any author)"].append(ok)
            if not ok:
                fails["byline (any author)"].append(f"  {name}: authors {m.authors} want {exp['byline']!r}")
            ok = m.byline is not None and _names(m.byline.value) == _names(exp["byline"])
            figs["byline (same names)"].append(ok)
    print(f"\n== readability pages ({len(pages)}) ==")
    for k, v in figs.items():
        print(f"{k}: {sum(v)}/{len(v)} = {sum(v) / max(1, len(v)):.3f}")
    for k, v in fails.items():
        if k in ("standfirst", "outlet", "byline (same names)"):
            print(f"{k} misses: {len(v)} (not listed)")
            continue
        print(f"{k} misses ({len(v)}):")
        print("\n".join(v))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT
    pos = Positions()
    times: list[tuple[str, float]] = []
    hd_times: list[float] = []
    full_times: list[tuple[str, float]] = []
    if (root / "htmldate" / "gold.tsv").is_file():
        _htmldate("<html><body><p>2020-01-01</p></body></html>", True)  # import and warm htmldate outside the timings
        htmldate_set(root / "htmldate", pos, times, hd_times, full_times)
    if (root / "readability").is_dir():
        readability_set(root / "readability", pos, times)
    print(f"\n== positions == placed and decoding to the value: {pos.placed}, unplaced (-1): {pos.unplaced}, wrong: {len(pos.bad)}")
    for b in pos.bad:
        print("  " + b)
    if times:
        ms = [t * 1000 for _n, t in times]
        worst = max(times, key=lambda x: x[1])
        print(
            f"\n== time == page_meta without htmldate ({len(ms)} pages, map_html excluded): mean {statistics.mean(ms):.1f} ms, "
            f"median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms ({worst[0]}); over 1 s: {sum(t > 1 for _n, t in times)}"
        )
    if hd_times:
        ms = [t * 1000 for t in hd_times]
        print(f"htmldate alone (extensive, htmldate pages): mean {statistics.mean(ms):.1f} ms, max {max(ms):.1f} ms, over 1 s: {sum(t > 1 for t in hd_times)}")
    if full_times:
        ms = [t * 1000 for _n, t in full_times]
        worst = max(full_times, key=lambda x: x[1])
        print(
            f"page_meta with htmldate where it is called (htmldate pages): mean {statistics.mean(ms):.1f} ms, "
            f"max {max(ms):.1f} ms ({worst[0]}); over 1 s: {sum(t > 1 for _n, t in full_times)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
