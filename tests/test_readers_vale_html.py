"""HTML, XML (Transform) and DITA read the Vale way under a .vale.ini (lint/readers/vale_html.py, vale_xml.py)."""

from __future__ import annotations

import gc
import textwrap
import time
from pathlib import Path

import pytest

from helpers import cli
from lint.checks._vale import vale_text
from lint.readers import read_article
from lint.readers._markup import MarkupArticle
from lint.readers.vale_html import HtmlOptions, _Tokenizer, decoded_chars, joined_words, read_vale_html

PAGE = """\
<html>
<head><title>Page TODO title</title>
<script>var TODO = 1;</script><style>.TODO {}</style></head>
<body>
<h1>Main XXX heading</h1>
<div class="intro"><p>Intro TODO text with <code>TODO()</code> code.</p></div>
<h2 class="x">Second <em>TODO</em> level</h2>
<ul><li>Item TODO one</li><li><p>Item XXX two</p></li></ul>
<table><tr><th>Head TODO</th></tr><tr><td><p>Cell XXX</p></td></tr></table>
<blockquote><p>Quoted TODO.</p></blockquote>
<pre>TODO in pre</pre>
<p>It doesn&#8217;t TODO <img src="a.png" alt="Alt TODO text"> end.</p>
<div class="metrics">Hidden TODO block</div>
<p>Shown <span class="metrics">TODO</span> but TODO here.</p>
</body>
</html>
"""


def _read(text: str = PAGE, **opts) -> object:
    return read_vale_html("p.html", text, HtmlOptions.from_config(
        opts.get("skipped", []), opts.get("ignored", []), opts.get("classes", ["metrics"]), None))


def test_blocks_scopes_and_exact_offsets():
    a = _read()
    got = [(b.scope, vale_text(a, b).text) for b in a.blocks]
    assert got == [
        ("paragraph", "Page TODO title"),  # <title>: text, as in Vale
        ("headline", "Main XXX heading"),
        ("paragraph", "Intro TODO text with ****** code."),  # inline code: a "*" run, as Vale keeps it
        ("heading", "Second TODO level"),
        ("list", "Item TODO one"),
        ("list", "Item XXX two"),
        ("paragraph", "Head TODO"),
        ("paragraph", "Cell XXX"),
        ("paragraph", "Quoted TODO."),
        ("paragraph", "It doesn’t TODO end."),
        ("paragraph", "Shown **** but TODO here."),  # an inline element of an ignored class: its text hidden
    ]
    for b in a.blocks:  # every block is a slice of the file, markup blanked, line breaks kept
        assert len(b.text) == b.end - b.start
        if "&" not in PAGE[b.start:b.end]:
            assert all(c == o or c in " *" for c, o in zip(b.text, PAGE[b.start:b.end]))
    doesnt = next(b for b in a.blocks if "doesn" in b.text)  # the reference's word is joined, next to its start
    assert doesnt.text.startswith("It doesn’t       TODO") and PAGE[doesnt.start:].startswith("It doesn&#8217;t TODO")
    levels = {vale_text(a, b).text: a.markup.levels[b.start] for b in a.blocks if b.start in a.markup.levels}
    assert levels == {"Main XXX heading": 1, "Second TODO level": 2}
    cells = {vale_text(a, b).text: a.markup.cells[b.start] for b in a.blocks if b.start in a.markup.cells}
    assert cells == {"Head TODO": "header", "Cell XXX": "cell"}
    assert [vale_text(a, b).text for b in a.blocks if b.start in a.markup.quoted] == ["Quoted TODO."]
    assert [(b.text, PAGE[b.start:b.end]) for b in a.markup.alts] == [("Alt TODO text", "Alt TODO text")]


def test_skipped_and_ignored_scopes_replace_the_defaults():
    a = _read(skipped=["blockquote", "alt"], ignored=["em"], classes=[])
    texts = [vale_text(a, b).text for b in a.blocks]
    assert "TODO in pre" in texts  # pre is no longer skipped
    assert "Quoted TODO." not in texts and not a.markup.alts
    assert "Second **** level" in texts  # em ignored now
    assert "Intro TODO text with TODO() code." in texts  # code no longer
    assert "Hidden TODO block" in texts  # no IgnoredClasses


def test_inline_text_without_space_is_separate_words():
    """Vale puts a space before an inline element's text ("a<b>b</b>" reads "a b")."""
    a = _read("<p>one<b>two</b>three, <b>four</b>.</p>")
    assert [vale_text(a, b).text for b in a.blocks] == ["one two three, four."]
    assert [b.text for b in a.blocks] == ["one   two    three,    four    ."]  # the words stay apart here too


def test_no_vale_config_keeps_the_news_reader():
    art = read_article("p.html", PAGE)
    assert art.source_map is not None and not isinstance(art, MarkupArticle)  # lint/readers/html.py, unchanged


RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO, XXX, doesn’t]\n"


def _vale(tmp_path: Path, files: dict[str, str], scope: str, monkeypatch, ini: str = "") -> list[str]:
    (tmp_path / "styles" / "T").mkdir(parents=True, exist_ok=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n" + ini + "[*]\nBasedOnStyles = T\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    _, out, _ = cli("--config=.vale.ini", "--output=line", *files, cwd=tmp_path, monkeypatch=monkeypatch)
    return sorted(out.splitlines())


@pytest.mark.parametrize(("scope", "want"), [
    ("heading", ["p.html:5:10:T.R:'XXX' left in text", "p.html:7:26:T.R:'TODO' left in text"]),
    ("heading.h2", ["p.html:7:26:T.R:'TODO' left in text"]),
    ("list", ["p.html:8:14:T.R:'TODO' left in text", "p.html:8:39:T.R:'XXX' left in text"]),
    ("table.header", ["p.html:9:21:T.R:'TODO' left in text"]),
    ("table.cell", ["p.html:9:51:T.R:'XXX' left in text"]),
    ("blockquote", ["p.html:10:23:T.R:'TODO' left in text"]),
    ("alt", ["p.html:12:52:T.R:'TODO' left in text"]),
])
def test_vale_scopes_end_to_end(tmp_path, monkeypatch, scope, want):
    assert _vale(tmp_path, {"p.html": PAGE}, scope, monkeypatch, "IgnoredClasses = metrics\n") == want


def test_vale_text_positions_in_the_file(tmp_path, monkeypatch):
    got = _vale(tmp_path, {"p.html": PAGE}, "text", monkeypatch, "IgnoredClasses = metrics\n")
    assert got == [
        "p.html:10:23:T.R:'TODO' left in text",
        "p.html:12:21:T.R:'TODO' left in text",
        "p.html:12:7:T.R:'doesn’t' left in text",  # the reference inside the word: one word
        "p.html:14:48:T.R:'TODO' left in text",  # not the one in the span of an ignored class
        "p.html:2:19:T.R:'TODO' left in text",  # <title>
        "p.html:5:10:T.R:'XXX' left in text",
        "p.html:6:29:T.R:'TODO' left in text",  # not the one in <code>
        "p.html:7:26:T.R:'TODO' left in text",
        "p.html:8:14:T.R:'TODO' left in text",
        "p.html:8:39:T.R:'XXX' left in text",
        "p.html:9:21:T.R:'TODO' left in text",
        "p.html:9:51:T.R:'XXX' left in text",
    ]  # nothing from <script>, <style>, <pre>, the alt text (scope alt only) or div.metrics


XSL = """\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:param name="generate.toc" select="'toc'"/>
  <xsl:template match="/"><html><body>
    <xsl:if test="$generate.toc != 'nop'"><p>Contents TODO</p></xsl:if>
    <xsl:apply-templates/></body></html></xsl:template>
  <xsl:template match="section/title"><h2><xsl:apply-templates/></h2></xsl:template>
  <xsl:template match="para"><p><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="remark"/>
</xsl:stylesheet>
"""
DOC = """\
<article>
 <section>
  <title>Intro TODO</title>
  <para>Some XXX text.</para>
  <remark>TODO dropped</remark>
 </section>
</article>
"""


def test_xml_through_its_transform(tmp_path, monkeypatch):
    (tmp_path / "t.xsl").write_text(XSL, encoding="utf-8")
    ini = "[*.xml]\nTransform = t.xsl\n"
    assert _vale(tmp_path, {"d.xml": DOC}, "heading", monkeypatch, ini) == ["d.xml:3:16:T.R:'TODO' left in text"]
    # generate.toc=nop as Vale passes it: no made-up "Contents"; the dropped <remark> gives nothing
    assert _vale(tmp_path, {"d.xml": DOC}, "text", monkeypatch, ini) == [
        "d.xml:3:16:T.R:'TODO' left in text", "d.xml:4:14:T.R:'XXX' left in text"]


def test_xml_whose_transform_is_missing_is_read_as_text(tmp_path, monkeypatch):
    ini = "[*.xml]\nTransform = missing.xsl\n"
    got = _vale(tmp_path, {"d.xml": DOC}, "text", monkeypatch, ini)
    assert "d.xml:5:11:T.R:'TODO' left in text" in got  # as before: the file's text


DITA = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE topic PUBLIC "-//OASIS//DTD DITA Topic//EN" "topic.dtd">
<topic id="t">
  <title>Topic TODO</title>
  <prolog><metadata><keywords><indexterm>TODO</indexterm></keywords></metadata></prolog>
  <body>
    <p>Body XXX with <codeph>TODO</codeph>.</p>
    <section><title>Part XXX</title><ul><li>Item TODO</li></ul></section>
  </body>
</topic>
"""


def test_dita_with_the_builtin_stylesheet(tmp_path, monkeypatch):
    assert _vale(tmp_path, {"d.dita": DITA}, "heading", monkeypatch) == [
        "d.dita:4:16:T.R:'TODO' left in text", "d.dita:8:26:T.R:'XXX' left in text"]
    assert _vale(tmp_path, {"d.dita": DITA}, "heading.h2", monkeypatch) == ["d.dita:8:26:T.R:'XXX' left in text"]
    assert _vale(tmp_path, {"d.dita": DITA}, "list", monkeypatch) == ["d.dita:8:50:T.R:'TODO' left in text"]
    # the prolog and inline code are no prose
    assert _vale(tmp_path, {"d.dita": DITA}, "paragraph", monkeypatch) == ["d.dita:7:13:T.R:'XXX' left in text"]


def _very(tmp_path: Path, monkeypatch, name: str, text: str) -> list[str]:
    (tmp_path / "s" / "T").mkdir(parents=True, exist_ok=True)
    (tmp_path / "s" / "T" / "R.yml").write_text('extends: existence\nmessage: "x %s"\ntokens: [very]\n', encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = s\n[*]\nBasedOnStyles = T\n", encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    _, out, _ = cli("--config=.vale.ini", "--output=line", name, cwd=tmp_path, monkeypatch=monkeypatch)
    return sorted(out.splitlines())


def test_ampersand_hash_that_is_no_reference_does_not_stop_the_reading(tmp_path, monkeypatch):
    # html.parser alone stalls at "&#" (no digits) and takes the rest of the file as text: nothing was linted
    assert [line.split(":")[:2] for line in _very(tmp_path, monkeypatch, "p.html", "<p>a &# b</p><p>very</p>")] == [
        ["p.html", "1"]]
    assert len(read_vale_html("p.html", "<p>a &# b</p><p>very</p>", HtmlOptions()).blocks) == 2
    # in an attribute it is read as written: a link whose text is its href is kept as a "*" run
    a = read_vale_html("p.html", '<p><a href="a&#b">a&#b</a> very <img alt="very &# alt"></p>', HtmlOptions())
    assert [vale_text(a, b).text for b in a.blocks] == ["**** very"]
    assert [b.text for b in a.markup.alts] == ["very &# alt"]


def _growth(path: str, make, n: int) -> tuple[float, int, int]:
    """CPU time (best of three, the collector paused) on an input of 10n over that on n, and the
    blocks of each: linear work gives about 10, quadratic about 100."""
    times, blocks = [], []
    for m in (n, 10 * n):
        text, best = make(m), float("inf")
        for _ in range(3):
            gc.disable()
            try:
                start = time.process_time()
                a = read_vale_html(path, text, HtmlOptions())
                best = min(best, time.process_time() - start)
            finally:
                gc.enable()
        times.append(best)
        blocks.append(len(a.blocks))
    return times[1] / max(times[0], 1e-3), blocks[0], blocks[1]


def test_a_word_made_of_many_references_reads_in_linear_time():
    # the longest part of the word at its end: the parts before it were put in place one at a time (quadratic);
    # the file's text read outside the clock, which only html.parser's linear work would dilute
    def make(m: int) -> list[tuple[int, str]]:
        text = "<p>very " + "&amp;" * m + "abcdefghij</p>"
        (tok,) = [t for t in _Tokenizer(text).tokens() if t.kind == "text"]
        assert tok.pieces is not None
        return decoded_chars(text, tok.pieces)

    # ten times the input: linear work takes about ten times as long, quadratic a hundred times; the collector
    # is paused while timing (its full passes over the growing lists are what made a linear run look worse)
    times = []
    for m in (20000, 200000):
        chars, best = make(m), float("inf")
        for _ in range(3):
            gc.disable()
            try:
                start = time.process_time()
                words = joined_words(chars)
                best = min(best, time.process_time() - start)
            finally:
                gc.enable()
        times.append(best)
        assert "".join(c for _, c in words) == "very " + "&" * m + "abcdefghij"
    assert times[1] / max(times[0], 1e-3) < 40, times
    # the parts before the longest one end next to it, in order
    chars = decoded_chars("<p>very &amp;&amp;abc</p>", [(3, 8, False), (8, 13, True), (13, 18, True), (18, 21, False)])
    assert joined_words(chars) == [
        (3, "v"), (4, "e"), (5, "r"), (6, "y"), (7, " "), (16, "&"), (17, "&"), (18, "a"), (19, "b"), (20, "c")]


def test_xml_text_not_in_the_file_is_not_searched_for_again_and_again():
    # "x&y" is "x&amp;y" in the file: each miss searched the whole file again (quadratic)
    ratio, small, large = _growth("d.dita", lambda m: "<topic id='t'><body>" + "<p>very x&amp;y</p>" * m
                                  + "</body></topic>", 1000)
    assert ratio < 40, ratio
    assert (small, large) == (1000, 10000)
