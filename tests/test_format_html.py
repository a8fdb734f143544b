"""``--format html`` (lint/formats/html.py): what a reader of the page gets.

The page is parsed back with the standard library's HTML parser, as a
browser would build it: each article's text, the marks over it (the text
of finding n's marks must be its span's text), the side lists, the index,
the charts. tests/test_html_browser.py checks the same page in Chromium.
"""

from __future__ import annotations

import io
import json
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import newslint, shared_or_skip
from lint.formats import renderer
from lint.model import Diagnostic, Edit, Fix, Related, Severity, Span

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
CONTROLS = {"\u202e", "\x1b", "\x00", "\u2066", "\x85"}


@pytest.fixture(autouse=True)
def _no_sourcing(monkeypatch):
    """Without lint.sourcing unless a test installs its stub: the page does not depend on that module.
    The real module is imported first, so that it is put back afterwards, not imported anew: a second
    import would make a second ``SourcesData`` class beside the one News.NoNamedSource was built with."""
    global _REAL_SOURCING
    try:
        import lint.sourcing
    except ImportError:
        pass
    else:
        _REAL_SOURCING = lint.sourcing
    monkeypatch.setitem(sys.modules, "lint.sourcing", None)


_REAL_SOURCING = None  # the real module, kept by the fixture for the test that puts it back


def render(results, **context) -> str:
    out = io.StringIO()
    renderer("html")(results, out, **context)
    return out.getvalue()


class Page(HTMLParser):
    """What the page holds, per article (``a1``, ``a2``...): its text, its marks
    ``(data-f numbers, classes, attributes, text)`` and its side-list entries."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "rect", "hr"})

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.articles: dict[str, dict] = {}
        self.tags: list[tuple[str, dict]] = []
        self.index_rows: list[list[str]] = []
        self.charts: dict[str, list[str]] = {}
        self._chart: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(page)
        self.close()

    def _article(self) -> dict | None:
        for tag, attrs in reversed(self.stack):
            if tag == "section" and attrs.get("id", "").startswith("a"):
                return self.articles.setdefault(attrs["id"], {"text": [], "marks": [], "items": []})
        return None

    def _inside(self, cls: str) -> dict | None:
        for _tag, attrs in reversed(self.stack):
            if cls in (attrs.get("class") or "").split():
                return attrs
        return None

    def handle_starttag(self, tag, attrs_list):
        attrs = {k: v or "" for k, v in attrs_list}
        self.tags.append((tag, attrs))
        art = self._article()
        if tag == "mark" and art is not None:
            art["marks"].append({"f": [int(x) for x in attrs["data-f"].split()],
                                 "cls": attrs["class"].split(), "attrs": attrs, "text": []})
        if tag == "li" and art is not None and self._inside("side") is not None and self.stack[-1][0] == "ol":
            art["items"].append({"attrs": attrs, "text": []})
        if tag == "tr" and self._inside("index") is not None:
            self._row = []
        if tag == "td" and self._row is not None:
            self._cell = []
        if tag == "figcaption":
            self._chart = ""
        if tag not in self.VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            if self._row:
                self.index_rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._chart is not None and self.stack and self.stack[-1][0] == "figcaption":
            self._chart += data
            self.charts[self._chart.strip()] = []
        if self.stack and self.stack[-1][0] == "text" and self._inside("charts") is not None and self.charts:
            list(self.charts.values())[-1].append(data)
        art = self._article()
        if art is None:
            return
        if self._inside("text") is not None:
            art["text"].append(data)
            if self.stack[-1][0] == "mark" or any(t == "mark" for t, _ in self.stack):
                art["marks"][-1]["text"].append(data)
        if art["items"] and any(t == "li" for t, _ in self.stack) and self._inside("side") is not None:
            art["items"][-1]["text"].append(data)

    def text(self, a: int) -> str:
        return "".join(self.articles[f"a{a}"]["text"])

    def span_text(self, a: int, n: int) -> str:
        return "".join("".join(m["text"]) for m in self.articles[f"a{a}"]["marks"] if n in m["f"])

    def marks(self, a: int, n: int) -> list[dict]:
        return [m for m in self.articles[f"a{a}"]["marks"] if n in m["f"]]


def visible(s: str) -> str:
    """The text as the page's DOM holds it: controls are shown by CSS, not as characters."""
    return "".join(ch for ch in s if ch not in CONTROLS)


def assert_in_place(page: Page, a: int, text: str, diags) -> None:
    assert page.text(a) == visible(text)
    for n, d in enumerate(diags, 1):
        assert page.span_text(a, n) == visible(text[d.start:d.end]), (n, d)


# ---------------------------------------------------------------- the seed, through the command


@pytest.fixture(scope="module")
def seed_page():
    res = newslint("--format", "html", "seeds/")
    assert res.returncode == 1, res.stderr
    found = json.loads(newslint("--format", "json", "seeds/").stdout)
    return res.stdout, found


def test_seed_every_finding_is_highlighted_at_its_place_and_listed(seed_page):
    page_text, found = seed_page
    page = Page(page_text)
    text = SEED.read_text(encoding="utf-8")
    assert len(found) == 13 and list(page.articles) == ["a1"]
    assert page.text(1) == text  # the article as read, nothing lost or doubled
    for n, f in enumerate(found, 1):
        assert page.span_text(1, n) == text[f["start"]["offset"]:f["end"]["offset"]], f
        marks = page.marks(1, n)
        assert f["rule"] in marks[0]["attrs"]["title"] and f["message"] in marks[0]["attrs"]["title"]
        for m in marks:  # coloured by the highest severity of the findings over it
            shown = Severity.parse({"e": "error", "w": "warning", "s": "suggestion"}[m["cls"][1]])
            assert shown >= Severity.parse(f["severity"])
            assert shown == max(Severity.parse(found[k - 1]["severity"]) for k in m["f"])
    items = page.articles["a1"]["items"]
    assert len(items) == 13
    for n, (item, f) in enumerate(zip(items, found), 1):
        shown = " ".join("".join(item["text"]).split())
        assert shown.startswith(f"{n} {f['start']['line']}:{f['start']['column']} {f['severity']} {f['rule']}")
        assert " ".join(f["message"].split()) in shown


def test_seed_fix_is_a_suggested_edit_old_to_new(seed_page):
    page_text, found = seed_page
    zapod = [n for n, f in enumerate(found, 1) if f["rule"] == "News.NameVariant"]
    page = Page(page_text)
    for n in zapod:
        shown = "".join(page.articles["a1"]["items"][n - 1]["text"])
        assert "Suggested edit: Replace with 'Zapad'" in shown and "Zapod → Zapad" in shown
    assert "<del>Zapod</del> &rarr; <ins>Zapad</ins>" in page_text
    assert "fix: &#x27;Zapod&#x27; -&gt; &#x27;Zapad&#x27;" in page_text  # in the hover text too


def test_the_page_is_self_contained(seed_page):
    page_text, _ = seed_page
    low = page_text.lower()
    for external in ("<link", " src=", "@import", "url(", "@font-face", "<img", "<iframe", "<object"):
        assert external not in low, external
    page = Page(page_text)
    hrefs = [attrs["href"] for tag, attrs in page.tags if "href" in attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # the seed's rules have no link
    assert sum(tag == "script" for tag, _ in page.tags) == 1 and sum(tag == "style" for tag, _ in page.tags) == 1


def test_the_seed_has_a_rule_chart_and_no_index_for_one_file(seed_page):
    page_text, found = seed_page
    page = Page(page_text)
    assert list(page.charts) == ["Findings per rule"]
    assert page.index_rows == []
    rules = {f["rule"] for f in found}
    assert page_text.count("<rect ") == len(rules) + 0  # all the seed's findings are errors or warnings, one per rule


def test_keyboard_navigation_and_print_style_are_there(seed_page):
    page_text, found = seed_page
    page = Page(page_text)
    tab_stops = [m for m in page.articles["a1"]["marks"] if m["attrs"].get("tabindex") == "0"]
    firsts = {min(m["f"]) for m in tab_stops}
    assert all(any(n in m["f"] for m in tab_stops) for n in range(1, len(found) + 1))  # each finding's first mark
    assert len(firsts) == len(tab_stops)
    assert 'ev.key==="j"' in page_text and 'ev.key==="k"' in page_text and ":focus-visible" in page_text
    print_css = page_text[page_text.index("@media print"):]
    assert ".cols{display:block}" in print_css and 'content:"[" attr(data-n) "]"' in print_css
    # printed, every finding ends with its number once: the footnote of side-list entry n
    numbers = [int(x) for m in page.articles["a1"]["marks"] if "fe" in m["cls"] for x in m["attrs"]["data-n"].split(",")]
    assert sorted(numbers) == list(range(1, len(found) + 1))


# ---------------------------------------------------------------- nested and overlapping spans


TEXT = "Alpha beta gamma delta epsilon.\n"


def _d(start, end, rule, sev=Severity.WARNING, message="m", fix=None, link=""):
    return Diagnostic("t.txt", start, end, rule, sev, message or rule, fix, link)


def test_nested_overlapping_and_empty_spans_are_cut_into_segments():
    diags = [
        _d(0, 16, "A.Outer", Severity.SUGGESTION),  # "Alpha beta gamma"
        _d(6, 10, "B.Inner", Severity.ERROR),  # "beta", inside A
        _d(11, 22, "C.Across"),  # "gamma delta": overlaps the end of A
        _d(17, 17, "D.Point"),  # empty, before "delta"
    ]
    page = Page(render([(TEXT, diags)]))
    assert_in_place(page, 1, TEXT, diags)
    marks = page.articles["a1"]["marks"]
    shape = [("".join(m["text"]), m["f"]) for m in marks]
    assert shape == [("Alpha ", [1]), ("beta", [1, 2]), (" ", [1]), ("gamma", [1, 3]), (" ", [3]),
                     ("", [4]), ("delta", [3])]
    beta = marks[1]
    assert "e" in beta["cls"] and "o" in beta["cls"]  # the highest severity; drawn darker: overlapped
    assert "B.Inner" in beta["attrs"]["title"] and "A.Outer" in beta["attrs"]["title"]
    assert "C.Across" not in beta["attrs"]["title"]
    assert "pt" in marks[5]["cls"] and marks[5]["attrs"]["data-n"] == "4"
    assert [m["attrs"].get("id") for m in marks] == ["f1-1", "f1-2", None, "f1-3", None, "f1-4", None]


def test_two_findings_on_the_same_span_share_marks_and_each_is_listed():
    diags = [_d(6, 10, "A.One"), _d(6, 10, "B.Two", Severity.ERROR)]
    page = Page(render([(TEXT, diags)]))
    assert_in_place(page, 1, TEXT, diags)
    (m,) = page.articles["a1"]["marks"]
    assert m["f"] == [1, 2] and m["attrs"]["data-n"] == "1,2" and "e" in m["cls"]
    assert len(page.articles["a1"]["items"]) == 2


def test_a_span_past_the_end_is_cut_to_the_text():
    diags = [_d(25, 99, "A.Long")]
    page = Page(render([(TEXT, diags)]))
    assert page.span_text(1, 1) == TEXT[25:] and page.text(1) == TEXT


def test_crlf_text_is_kept_as_read():
    text = "Head\r\n\r\nOne Zapod\r\ntwo\r\n"
    at = text.index("Zapod")
    diags = [_d(at, len(text) - 2, "A.Across")]
    page = Page(render([(text, diags)]))
    assert_in_place(page, 1, text, diags)


# ---------------------------------------------------------------- hostile input


HOSTILE = "<script>alert(1)</script> \"q\" 'a' & \u202eevil\u2066 &amp; </div></mark>"


def test_article_text_messages_paths_and_rule_ids_are_escaped():
    text = f"Head\n\nSaid {HOSTILE} Zapod\x00\x1b[2J here.\n"
    at = text.index("<script>")
    diags = [
        Diagnostic("<b>a\"'&\u202e.txt", at, text.index("Zapod") + 5, "P.<i>Rule\"", Severity.ERROR,
                   f"msg {HOSTILE}", Fix((Edit(Span(at, at + 8), f"<x>{HOSTILE}"),), "safe", f"t {HOSTILE}"),
                   "javascript:alert(1)", related=(Related(Span(0, 4), f"r {HOSTILE}"),)),
        Diagnostic("<b>a\"'&\u202e.txt", text.index("\x00"), text.index("\x00") + 6, "P.Ctl", Severity.WARNING,
                   "controls"),
    ]
    out = render([(text, diags)])
    for raw in ("<script>alert", "<b>a", "<i>Rule", "<x>", "\u202e", "\u2066", "\x00", "\x1b", "</div></mark>",
                'href="javascript'):
        assert raw not in out, raw
    assert sum(tag == "script" for tag, _ in Page(out).tags) == 1  # the page's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp;amp;" in out
    assert 'data-c="U+202E"' in out and 'data-c="U+0000"' in out and 'data-c="U+001B"' in out
    assert "\\u202e" in out  # in the path, the message: written as an escape
    page = Page(out)
    assert_in_place(page, 1, text, diags)
    item = "".join(page.articles["a1"]["items"][0]["text"])
    assert "msg <script>alert(1)</script> \"q\" 'a' & \\u202eevil\\u2066 &amp; </div></mark>" in item
    assert "P.<i>Rule\"" in item and "<x><script>" in item
    assert [a.get("class") for t, a in page.tags if t == "section"] == ["charts", "art"]


def test_hostile_text_in_the_sourcing_summary_is_escaped(monkeypatch):
    stub = types.ModuleType("lint.sourcing")
    span = {"start": 0, "end": 4, "line": 1, "column": 1}
    stub.summarize = lambda path, text, diags: {  # type: ignore[attr-defined]
        "named_sources": [{"name": f"N {HOSTILE}", "kind": "person", "role": f"R {HOSTILE}", "mentions": 2,
                           "spans": [span]}],
        "outlets": [{"name": f"O {HOSTILE}", "kind": "outlet", "spans": [span]}],
        "quotations": [], "vague_attributions": [{"text": f"V {HOSTILE}", **span}],
        "unattributed_figures": [],
        "counts": {"named_sources": 1, "outlets": 1, "quotations": 0, "quotations_without_speaker": 0,
                   "vague_attributions": 1, "unattributed_figures": 0}}
    monkeypatch.setitem(sys.modules, "lint.sourcing", stub)
    out = render([(TEXT, [_d(0, 5, "A.A")])])
    assert "<script>alert" not in out and "\u202e" not in out
    assert "N &lt;script&gt;" in out and "R &lt;script&gt;" in out and "O &lt;script&gt;" in out


# ---------------------------------------------------------------- the sourcing summary


def _summary_stub(path, text, diags):
    def spans(word):
        at = text.index(word)
        return {"start": at, "end": at + len(word), "line": 1, "column": at + 1}

    return {
        "named_sources": [{"name": "Aliaksandr Valfovich", "kind": "person", "role": "Security Council Secretary",
                           "mentions": 3, "spans": [spans("Valfovich")]},
                          {"name": "Maksim Ryzhankou", "kind": "person", "role": None, "mentions": 1,
                           "spans": [spans("Ryzhankou")]}],
        "outlets": [{"name": "Belarus in Focus", "kind": "outlet", "spans": [spans("Belarus in Focus")]}],
        "quotations": [], "vague_attributions": [{"text": "Some analysts suggest", **spans("Some analysts suggest")}],
        "unattributed_figures": [],
        "counts": {"named_sources": 2, "outlets": 1, "quotations": 7, "quotations_without_speaker": 1,
                   "vague_attributions": 1, "unattributed_figures": 0},
    }


def test_the_sourcing_summary_heads_each_article_when_lint_sourcing_is_there(monkeypatch):
    stub = types.ModuleType("lint.sourcing")
    stub.summarize = _summary_stub  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lint.sourcing", stub)
    text = "Valfovich and Ryzhankou, Belarus in Focus. Some analysts suggest so.\n"
    out = render([(text, [_d(43, 64, "News.VagueAttribution")]), (text, [])], paths=["a.txt", "b.txt"])
    assert out.count('<div class="src">') == 2
    first = out[out.index('id="a1"'):out.index('id="a2"')]
    assert first.index('class="src"') < first.index('class="text"')  # at the top of the article
    assert "<b>Aliaksandr Valfovich</b>, Security Council Secretary <small>(person, 3&times;)</small>" in first
    assert "<b>Maksim Ryzhankou</b> <small>(person, 1&times;)</small>" in first
    assert "Belarus in Focus <small>(outlet)</small>" in first
    assert "2 named sources, 1 outlet, 7 quotations, 1 without a speaker, 1 vague attribution, 0 unattributed figures" in first
    assert "&ldquo;Some analysts suggest&rdquo; <small>1:44</small>" in first
    assert Page(out).index_rows == [["t.txt", "", "1", "", "1", "2"], ["b.txt", "", "", "", "0", "2"]]


def test_the_index_shows_an_article_without_named_source(monkeypatch):
    stub = types.ModuleType("lint.sourcing")
    stub.summarize = lambda path, text, diags: {  # type: ignore[attr-defined]
        **_summary_stub(path, text, diags), "named_sources": [],
        "counts": {"named_sources": 0 if "Nobody" in text else 2}}
    monkeypatch.setitem(sys.modules, "lint.sourcing", stub)
    text = "Valfovich and Ryzhankou, Belarus in Focus. Some analysts suggest so.\n"
    out = render([(text, []), ("Nobody " + text, [])], paths=["a.txt", "b.txt"])
    assert Page(out).index_rows == [["a.txt", "", "", "", "0", "2"], ["b.txt", "", "", "", "0", "0"]]
    assert '<td class="none">0</td>' in out and "No named source." in out


def test_the_run_summary_lists_sources_across_articles_and_links_the_ones_without(monkeypatch):
    """With several files, the run's sourcing (the module's own ``summarize_run``) under the index."""
    if _REAL_SOURCING is None:
        pytest.skip("lint.sourcing does not import")
    monkeypatch.setitem(sys.modules, "lint.sourcing", _REAL_SOURCING)
    one = "A headline\n\nSecurity Council Secretary Aliaksandr Valfovich said 30,000 troops were there.\n"
    two = "A headline\n\nAbout 1,200 homes were flooded overnight.\n"
    three = "A headline\n\nAliaksandr Valfovich said the drills were over, according to Reuters.\n"
    out = render([(one, []), (two, []), (three, [])], paths=["one.txt", "two <b>.txt", "three.txt"])
    run = out[out.index('<section class="src run">'):]
    run = run[:run.index("</section>")]
    assert out.index('class="index"') < out.index('class="src run"') < out.index('id="a1"')
    assert "3 articles: 2 named sources, 1 outlet or document, 0 vague attributions, 0 unattributed figures" in run  # (those two come from the findings: none given)
    assert 'Articles with no named source (1)</h3><p><a href="#a2">two &lt;b&gt;.txt</a></p>' in run
    assert ("<li><b>Aliaksandr Valfovich</b>, Security Council Secretary <small>(person; 2 articles)</small>: "
            '<a href="#a1">one.txt</a>, <a href="#a3">three.txt</a></li>') in run
    assert "<li><b>Reuters</b> <small>(agency; 1 article)</small>: <a href=\"#a3\">three.txt</a></li>" in run
    # one file: its own summary is the run's, no second block
    assert 'class="src run"' not in render([(one, [])], paths=["one.txt"])


def test_the_run_summary_escapes_and_shortens_its_lists(monkeypatch):
    from lint.formats.html import RUN_SHOWN, _run_block

    run = {"articles": 2, "sources": [{"name": f"S{i} {HOSTILE}", "kind": "person", "role": HOSTILE, "mentions": 1,
                                       "articles": [f"p{i} {HOSTILE}"]} for i in range(RUN_SHOWN + 5)],
           "outlets": [], "without_named_source": [HOSTILE], "counts": {}}
    html = _run_block(run, {})
    assert "<script>" not in html and "\u202e" not in html
    assert html.count("<li>") == RUN_SHOWN and "and 5 more sources" in html


def test_no_sourcing_block_without_lint_sourcing():
    out = render([(TEXT, [_d(0, 5, "A.A")])])  # import fails (the fixture): as before the module lands
    assert 'class="src"' not in out and "Sourcing" not in out


def test_the_seed_page_shows_what_lint_sourcing_finds(monkeypatch):
    """With the real module (once it is there): its summary of the seed, on the page."""
    from lint.engine import lint_article
    from lint.readers import read_article
    from lint.rules import builtin_rules_dir, load_rules

    sourcing = _REAL_SOURCING  # the same module object, not imported anew (one SourcesData class)
    if sourcing is None:
        pytest.skip("lint.sourcing does not import")
    monkeypatch.setitem(sys.modules, "lint.sourcing", sourcing)
    text = SEED.read_text(encoding="utf-8")
    path = "seeds/belarus-russia-security-ties.txt"
    diags = lint_article(read_article(path, text), load_rules(builtin_rules_dir()))
    summary = sourcing.summarize(path, text, diags)
    out = render([(text, diags)])
    block = out[out.index('<div class="src">'):out.index('<div class="cols">')]
    assert summary["named_sources"]
    for src in summary["named_sources"]:
        assert f"<b>{src['name']}</b>" in block
    for outlet in summary["outlets"]:
        assert outlet["name"] in block
    counts = summary["counts"]
    assert f"{counts['named_sources']} named source" in block
    assert f"{counts['vague_attributions']} vague attribution" in block


# ---------------------------------------------------------------- several files: index and charts


def test_several_files_get_an_index_with_counts_and_a_chart_per_file():
    one = [_d(0, 5, "A.A", Severity.ERROR), _d(6, 10, "B.B"), _d(11, 16, "B.B")]
    two = [_d(0, 5, "B.B", Severity.SUGGESTION)]
    results = [(TEXT, [Diagnostic("one.txt", d.start, d.end, d.rule, d.severity, d.message) for d in one]),
               (TEXT, []),
               (TEXT, [Diagnostic("two.txt", d.start, d.end, d.rule, d.severity, d.message) for d in two])]
    page = Page(render(results, paths=["one.txt", "clean.txt", "two.txt"]))
    assert page.index_rows == [["one.txt", "1", "2", "", "3"], ["clean.txt", "", "", "", "0"],
                               ["two.txt", "", "", "1", "1"]]
    assert list(page.charts) == ["Findings per rule", "Findings per file"]
    assert list(page.articles) == ["a1", "a2", "a3"]
    assert page.articles["a2"]["marks"] == [] and page.text(2) == TEXT
    out = render(results, paths=["one.txt", "clean.txt", "two.txt"])
    per_file = out[out.index("Findings per file"):]
    per_file = per_file[:per_file.index("</figure>")]
    assert out.index("</figure>") < out.index('<nav class="index">')  # the charts first: the run at a glance
    assert '<a href="#a1">' in per_file and '<a href="#a3">' in per_file and '<a href="#a2">' not in per_file
    per_rule = out[out.index("Findings per rule"):out.index("Findings per file")]
    assert per_rule.index(">B.B<") < per_rule.index(">A.A<")  # most findings first
    assert ">4</text>" not in per_rule and ">3</text>" in per_rule  # B.B: 2 warnings + 1 suggestion


def test_no_findings_at_all():
    page = Page(render([(TEXT, [])], paths=["clean.txt"]))
    assert page.text(1) == TEXT and page.charts == {}
    out = render([], paths=[])
    assert "0 findings in 0 files" in out


def test_only_http_links_become_links():
    out = render([(TEXT, [_d(0, 5, "A.A", link="https://example.org/a?b=1&c=2"), _d(6, 9, "B.B", link="file:///x")])])
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out and "file:///x" not in out


# ---------------------------------------------------------------- size on the annotated corpus


def test_the_report_of_the_40_annotated_articles_stays_under_1_mb(tmp_path):
    corpus = shared_or_skip("corpus", "annotated", "articles")
    report = tmp_path / "report.html"
    res = newslint("--format", "html", "-o", str(report), str(corpus))
    assert res.returncode in (0, 1), res.stderr
    found = json.loads(newslint("--format", "json", str(corpus)).stdout)
    size = report.stat().st_size
    print(f"html report of {corpus}: {size} bytes, {len(found)} findings")
    assert size < 1_000_000
    page = Page(report.read_text(encoding="utf-8"))
    assert len(page.articles) == 40 and len(page.index_rows) == 40
    assert sum(len(a["items"]) for a in page.articles.values()) == len(found)
    by_path: dict[str, list] = {}
    for f in found:
        by_path.setdefault(f["path"], []).append(f)
    for a, row in enumerate(page.index_rows, 1):
        text = Path(row[0]).read_text(encoding="utf-8")
        for n, f in enumerate(by_path.get(row[0], []), 1):
            assert page.span_text(a, n) == visible(text[f["start"]["offset"]:f["end"]["offset"]]), (row[0], n)
