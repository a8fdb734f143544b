"""HTML (and the other structured formats) through the whole pipeline: findings at
the file's positions, --fix in the text nodes, --print-article, folders."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import cli as run_cli
from html_map_check import char_ok
from lint.readers import read_article
from lint.readers.build import SourceMap
from lint.readers.html import extract_html
from lint.readers.html_map import map_html
from test_html_map import _page

PAGE = """<!DOCTYPE html>
<html><head><title>Exercise Zapad 2025 begins | Example News</title>
<meta property="og:title" content="Exercise Zapad 2025 begins">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Exercise Zapad 2025 begins</h1>
<p>MINSK &mdash; The annual Zapad 2025 exercise began on Friday, the Belarusian defence ministry said.</p>
<p>The <b>Zapod</b> drills involve 13,000 troops, according to the ministry.</p>
<p>The Zapad drills will end on Tuesday, according to the ministry. AT&amp;T said nothing.</p>
</article>
</body></html>
"""


def _collapse(s: str) -> str:
    return re.sub(r"[ \t\r\n\f]+", " ", s)


def _reads_as(source: str, start: int, end: int, text: str) -> bool:
    """The file's characters at [start, end), tags dropped and references resolved, are ``text``."""
    raw = re.sub(r"<[^>]*>", "", source[start:end])
    return _collapse(unescape(raw)).strip() == _collapse(text).strip()


def test_findings_point_at_the_file(tmp_path):
    f = tmp_path / "a.html"
    f.write_text(PAGE, encoding="utf-8")
    r = run_cli("--format", "json", "--no-cache", str(f))
    found = json.loads(r.stdout)
    by_rule = {d["rule"]: d for d in found}
    name = by_rule["News.NameVariant"]
    assert (name["start"]["line"], name["start"]["column"]) == (10, 11)  # inside <b> on line 10
    assert PAGE[name["start"]["offset"]:name["end"]["offset"]] == "Zapod"
    rec = by_rule["News.RecurrenceClaim"]
    assert PAGE[rec["start"]["offset"]:rec["start"]["offset"] + 6] == "annual"
    for d in found:  # every finding's span reads, in the file, as what was flagged
        s, e = d["start"]["offset"], d["end"]["offset"]
        assert 0 <= s <= e <= len(PAGE)
        assert "<" not in PAGE[s:e] or _reads_as(PAGE, s, e, unescape(re.sub(r"<[^>]*>", "", PAGE[s:e])))


def test_every_character_of_every_block_maps_back():
    ex = extract_html(PAGE)
    for p in ex.pieces:
        for i, c in enumerate(p.text):
            s, e = p.starts[i], p.ends[i]
            assert s >= 0 and e > s
            got = unescape(PAGE[s:e]) if PAGE[s] == "&" else PAGE[s:e]
            assert got == c or (c == " " and got.isspace()), (p.text, i, PAGE[s:e])


def test_fix_in_a_text_node_and_escaped(tmp_path):
    f = tmp_path / "a.html"
    f.write_text(PAGE, encoding="utf-8")
    r = run_cli("--fix", "--no-cache", str(f))
    assert r.code in (0, 1), r.stderr
    fixed = f.read_text(encoding="utf-8")
    assert "<b>Zapad</b> drills" in fixed
    assert fixed.replace("<b>Zapad</b>", "<b>Zapod</b>") == PAGE  # nothing else changed


def _pieces(src: str):
    """Every text block of ``src`` as a piece (no body selection)."""
    from lint.readers.html import piece_of
    from lint.readers.html_map import map_html

    return [piece_of(src, "paragraph", b) for b in map_html(src).blocks]


def test_edit_translation_refuses_what_the_file_cannot_take():
    from lint.model import Edit, Span

    src = "<p>AT&amp;T and <i>co</i>rp</p>"
    (p,) = _pieces(src)
    assert p.text == "AT&T and corp"
    smap = SourceMap(src, p.starts, p.ends, [0], [lambda r: r.replace("&", "&amp;")])
    # the whole reference is replaced, the replacement escaped
    e = smap.edit(Edit(Span(0, 4), "A&B"))
    assert e is not None and src[e.span.start:e.span.end] == "AT&amp;T" and e.replacement == "A&amp;B"
    # an edit across an inline tag is refused
    assert smap.edit(Edit(Span(9, 13), "firm")) is None
    # an edit that would split a reference is refused... "&" alone is the whole reference: allowed
    e = smap.edit(Edit(Span(2, 3), "+"))
    assert e is not None and src[e.span.start:e.span.end] == "&amp;"


def test_collapsed_white_space_inside_an_edit_is_fine():
    from lint.model import Edit, Span

    src = "<p>some\n   analysts said</p>"
    (p,) = _pieces(src)
    assert p.text == "some analysts said"
    smap = SourceMap(src, p.starts, p.ends, [0], [lambda r: r])
    e = smap.edit(Edit(Span(0, 13), "experts"))
    assert e is not None and src[e.span.start:e.span.end] == "some\n   analysts"


def test_print_article(tmp_path):
    f = tmp_path / "a.html"
    f.write_text(PAGE, encoding="utf-8")
    r = run_cli("--print-article", str(f))
    assert r.code == 0, r.stderr
    (art,) = json.loads(r.stdout)
    assert art["format"] == "html"
    assert art["headline"] == "Exercise Zapad 2025 begins"
    assert art["place"] == "MINSK"
    kinds = [b["kind"] for b in art["blocks"]]
    assert kinds[0] == "headline"
    texts = [b["text"] for b in art["blocks"]]
    assert "Home" not in texts and "World" not in texts  # navigation is not the article
    for b in art["blocks"]:
        s, e = b["start"]["offset"], b["end"]["offset"]
        assert _reads_as(PAGE, s, e, b["text"]), b
        line_start = PAGE.rfind("\n", 0, s) + 1
        assert b["start"]["column"] == s - line_start + 1
        assert b["start"]["line"] == PAGE.count("\n", 0, s) + 1


def test_crlf_and_bom_keep_positions(tmp_path):
    page = PAGE.replace("\n", "\r\n")
    f = tmp_path / "a.html"
    f.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    found = json.loads(run_cli("--format", "json", "--no-cache", str(f)).stdout)
    d = next(d for d in found if d["rule"] == "News.NameVariant")
    assert (d["start"]["line"], d["start"]["column"]) == (10, 11)
    assert page[d["start"]["offset"]:d["end"]["offset"]] == "Zapod"
    run_cli("--fix", "--no-cache", str(f))
    data = f.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"<b>Zapad</b>" in data
    assert data.replace(b"<b>Zapad</b>", b"<b>Zapod</b>") == b"\xef\xbb\xbf" + page.encode("utf-8")


def test_stale_meta_charset_and_legacy_bytes(tmp_path):
    # valid UTF-8 stays UTF-8 whatever the <meta> says
    page = PAGE.replace("<head>", '<head><meta charset="gb2312">').replace("Zapod", "Zapod \u00e9t\u00e9")
    f = tmp_path / "utf8.html"
    f.write_bytes(page.encode("utf-8"))
    (art,) = json.loads(run_cli("--print-article", str(f)).stdout)
    assert any("\u00e9t\u00e9" in b["text"] for b in art["blocks"])
    # a windows-1252 page that says so is read in its charset, and not re-encoded by --fix
    legacy = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("nothing.", "nothing \u2013 caf\u00e9.")
    g = tmp_path / "legacy.html"
    g.write_bytes(legacy.encode("cp1252"))
    (art,) = json.loads(run_cli("--print-article", str(g)).stdout)
    assert any("caf\u00e9" in b["text"] for b in art["blocks"])
    before = g.read_bytes()
    r = run_cli("--fix", "--no-cache", str(g))
    assert g.read_bytes() == before
    assert "not UTF-8; not fixed" in r.stderr


def test_folders_pick_up_html(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.htm").write_text(PAGE, encoding="utf-8")
    found = json.loads(run_cli("--format", "json", "--no-cache", str(tmp_path)).stdout)
    assert {d["path"].rsplit("/", 1)[1] for d in found} == {"a.html", "b.htm"}


def test_html_article_is_the_same_article_as_text():
    """The checks see an HTML article as they see the same text in a .txt file."""
    ex = extract_html(PAGE)
    art = read_article("a.html", PAGE)
    assert art.format == "html" and art.source_map is not None
    assert [b.text for b in art.blocks] == [p.text for p in ex.pieces]
    for b in art.blocks:
        assert art.text[b.start:b.end] == b.text


def test_hostile_page_never_crashes(tmp_path):
    pages = ["", "<", "<html>", "&", "<p>&#xD800;&#0;&#x110000;</p>", "<![CDATA[x]]><p>a</p>",
             "<script>" * 50, "<p>" + "<b>" * 2000 + "x", "\ufeff<p>a\rb\r\nc</p>"]
    for k, page in enumerate(pages):
        f = tmp_path / f"p{k}.html"
        f.write_text(page, encoding="utf-8", newline="")
        r = run_cli("--no-cache", str(f))
        assert r.code in (0, 1), (page, r.stderr)
        assert "internal error" not in r.stderr


# ---- properties over generated pages: the reader's pieces and the fixes it maps



@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page())
def test_generated_pages_every_piece_maps_back(generated):
    page = generated[0]
    source = page[1:] if page.startswith("\ufeff") else page
    ex = extract_html(source)
    for p in ex.pieces:
        for i, ch in enumerate(p.text):
            if p.starts[i] >= 0:
                assert char_ok(source, p.starts[i], ch), (p.text, i)
                assert p.ends[i] > p.starts[i]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page(), st.integers(0, 10_000), st.sampled_from(["X", "a&b", "<i>", "", "é’"]))
def test_generated_pages_a_mapped_edit_lands_where_it_was_asked(generated, pick, replacement):
    """An edit the map accepts, applied to the file, gives a page whose text has the replacement there."""
    from lint.model import Edit, Span

    page = generated[0]
    source = page[1:] if page.startswith("\ufeff") else page
    art = read_article("a.html", source)
    smap = art.source_map
    words = [(b, m) for b in art.blocks for m in re.finditer(r"[A-Za-z]{2,}", b.text)]
    if not words:
        return
    b, m = words[pick % len(words)]
    a, z = b.start + m.start(), b.start + m.end()
    e = smap.edit(Edit(Span(a, z), replacement))
    if e is None:  # refused: across a tag, a comment, or splitting a reference
        return
    new = source[:e.span.start] + e.replacement + source[e.span.end:]
    want = art.text[:a] + replacement + art.text[z:]
    # the block with the edit reads as the old one with the replacement (white space collapsed as HTML
    # does), among the page's blocks (the body selection may judge the edited page otherwise)
    got = [x.text for x in map_html(new).blocks]
    old_block = art.text[b.start:b.end]
    new_block = _collapse(want[b.start:b.end - (z - a) + len(replacement)]).strip()
    assert new_block in [_collapse(t).strip() for t in got] or not new_block, (old_block, new_block, got)


# ---- newsroom JSON through the command

WP_POST = {
    "id": 7, "date": "2025-09-12T09:30:00", "date_gmt": "2025-09-12T06:30:00",
    "title": {"rendered": "Exercise Zapad 2025 begins"},
    "content": {"rendered": "<p>MINSK &#8212; The <em>Zapod</em> drills began, the ministry said.</p>\n"
                            "<p>The Zapad drills \u201cwill end on Tuesday\u201d, the ministry said. R&amp;D &lt;3</p>"},
    "excerpt": {"rendered": ""},
}


def test_json_findings_carry_a_pointer_and_fixes_stay_valid_json(tmp_path):
    # written as PHP's json_encode writes: \/ and \uXXXX escapes
    raw = json.dumps(WP_POST, indent=1).replace("/", "\\/")
    f = tmp_path / "post.json"
    f.write_text(raw, encoding="utf-8")
    found = json.loads(run_cli("--format", "json", "--no-cache", str(f)).stdout)
    d = next(d for d in found if d["rule"] == "News.NameVariant")
    assert raw[d["start"]["offset"]:d["end"]["offset"]] == "Zapod"
    assert d["pointer"]["path"] == "/content/rendered"
    value = WP_POST["content"]["rendered"]
    assert value[d["pointer"]["offset"]:d["pointer"]["offset"] + 5] == "Zapod"
    sarif = json.loads(run_cli("--format", "sarif", "--no-cache", str(f)).stdout)
    res = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "News.NameVariant")
    assert res["properties"]["jsonPointer"] == "/content/rendered"
    run_cli("--fix", "--no-cache", str(f))
    fixed = f.read_text(encoding="utf-8")
    assert json.loads(fixed)["content"]["rendered"] == value.replace("Zapod", "Zapad")
    assert fixed == raw.replace("Zapod", "Zapad")  # nothing else in the file changed


def test_docx_positions_are_paragraph_and_character(tmp_path):
    docx = __import__("pytest").importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("Exercise Zapad 2025 begins", style="Title")
    doc.add_paragraph("By Anna Petrova")
    doc.add_paragraph("")
    doc.add_paragraph("MINSK \u2014 The Zapod drills began on Friday, the ministry said.")
    f = tmp_path / "story.docx"
    doc.save(str(f))
    before = f.read_bytes()
    found = json.loads(run_cli("--format", "json", "--no-cache", str(f)).stdout)
    d = next(d for d in found if d["rule"] == "News.NameVariant")
    assert (d["start"]["line"], d["start"]["column"]) == (4, 13)  # paragraph 4, character 13
    assert d["fix"] is None  # Word files take no fixes
    r = run_cli("--fix", "--no-cache", str(f))
    assert "Word files take no fixes" in r.stderr
    assert f.read_bytes() == before


# ---- the trafilatura fallback

def test_trafilatura_fallback_when_the_rules_find_too_little(monkeypatch):
    pytest.importorskip("trafilatura")
    from helpers import shared_or_skip

    page = shared_or_skip("corpus", "html", "htmldate", "041.html").read_text(encoding="utf-8")
    art = read_article("041.html", page)
    assert art.extracted.body_from == "trafilatura"
    body = " ".join(b.text for b in art.blocks if b.scope == "paragraph")
    assert "farmers' agitation entered the eleventh day" in body
    assert "Copyright" not in body and "Bollywood" not in body  # the footer and link lists stay out
    # positions stay exact: every block's characters come from the file
    for b in art.blocks:
        for i, ch in enumerate(b.text):
            assert char_ok(page, art.source_map.starts[b.start + i], ch)
    # without trafilatura the page is still read (a short body, the rules' own)
    import builtins

    real = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    art = read_article("041.html", page)
    assert art.extracted.body_from == "rules"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page(), st.integers(0, 10_000), st.integers(0, 40))
def test_the_compact_map_moves_spans_as_the_full_one(generated, pick, width):
    """What a run keeps for findings across articles (SpanMap) agrees with the article's SourceMap."""
    page = generated[0]
    source = page[1:] if page.startswith("\ufeff") else page
    smap = read_article("a.html", source).source_map
    n = len(smap.starts)
    if not n:
        return
    a = pick % n
    b = min(n, a + width)
    if all(smap.starts[k] < 0 for k in range(a, max(b, a + 1))):
        return  # a separator only: the two may choose different neighbours
    assert smap.compact().span(a, b) == smap.span(a, b)


def test_word_lock_files_in_a_folder_are_not_articles(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "~$story.docx").write_bytes(b"\x00lock")  # Word's lock file beside an open document
    r = run_cli("--no-cache", str(tmp_path))
    assert r.code == 1 and "~$story.docx" not in r.stderr + r.stdout


def test_a_utf16_declaration_on_ascii_compatible_bytes_is_not_believed(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="utf-16">').replace("nothing.", "nothing, caf\u00e9.")
    f = tmp_path / "a.html"
    f.write_bytes(page.encode("cp1252"))  # not UTF-8, and certainly not UTF-16
    (art,) = json.loads(run_cli("--print-article", str(f)).stdout)
    assert any("caf\u00e9" in b["text"] for b in art["blocks"])
