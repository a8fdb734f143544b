"""lint.readers.html_map: every character of every block maps to the raw source character it came from."""

from __future__ import annotations

import glob
import os
import re
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from html_map_check import block_ok, char_ok, span_reads_back
from lint.readers.html_map import map_html

CORPUS = "/work/shared/corpus/html"


def _pages() -> list[str]:
    pages = [p for p in sorted(glob.glob(os.path.join(CORPUS, "readability", "*.html"))) if not p.endswith(".expected.html")]
    pages += sorted(glob.glob(os.path.join(CORPUS, "htmldate", "*.html")))
    return pages


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:  # newline="": keep CR LF and lone CR as they are
        return f.read()


# ---- small, hand-written cases ----


def _texts(html: str, tag: str | None = None) -> list[str]:
    return [b.text for b in map_html(html).blocks if tag is None or b.tag == tag]


def test_entities_inline_tags_and_whitespace():
    src = "<p>Caf&eacute; &amp; bar &#8212; <em>very</em>\r\n  <a href='x>y'>good</a>&nbsp;&#x41;&ampfoo</p>"
    (b,) = map_html(src).blocks
    assert b.tag == "p"
    assert b.text == "Café & bar — very good\u00a0A&foo"
    assert b.exact and block_ok(src, b)
    assert src[b.offsets[3]] == "&"  # é from &eacute;
    assert src.startswith("&#8212;", b.offsets[b.text.index("—")])
    assert src[b.offsets[b.text.index("very") - 1]] == " "
    assert src[b.offsets[b.text.index("good") - 1]] == "\r"  # CR LF + indent collapse to one space, at the CR


def test_br_comment_cdata_bom_and_skipped_elements():
    src = (
        "\ufeff<html><head><title>T</title><style>p{}</style></head><body><p>a<br>b<!-- c > d --><![CDATA[x]]>e</p>"
        "<script>var s='<p>no</p>'</script><noscript><p>ns</p></noscript><svg><text>t</text></svg><div>direct <span>text</span></div></body></html>"
    )
    blocks = map_html(src).blocks
    assert [(b.tag, b.text) for b in blocks] == [("p", "a be"), ("div", "direct text")]
    for b in blocks:
        assert b.exact and block_ok(src, b)
    assert src[blocks[0].offsets[1] : blocks[0].offsets[1] + 4] == "<br>"


def test_cdata_is_a_bogus_comment_ending_at_the_first_gt():
    src = "<p>a<![CDATA[x <b>]]>c</p>"
    (b,) = map_html(src).blocks
    assert b.text == "a]]>c" and b.exact and block_ok(src, b)


def test_nested_blocks_split_their_parent():
    src = "<ul><li>one<ul><li>two</li></ul>three</li></ul><blockquote><p>q</p>tail</blockquote>"
    blocks = map_html(src).blocks
    assert [(b.tag, b.text) for b in blocks] == [("li", "one"), ("li", "two"), ("li", "three"), ("p", "q"), ("blockquote", "tail")]
    assert all(block_ok(src, b) for b in blocks)


def test_empty_and_odd_documents():
    for src in ["", "   ", "\ufeff", "<!-- only a comment -->", "plain text", "<p>", "&amp;", "<p>a & b < c</p>"]:
        for b in map_html(src).blocks:
            assert block_ok(src, b), (src, b)
    assert _texts("<p>a & b < c</p>") == ["a & b < c"]


def test_aligner_where_lxml_and_the_stream_diverge():
    from array import array

    from lint.readers.html_map import _Aligner

    al = _Aligner("ab  cd ef gh", array("q", range(100, 112)))
    assert al.take("ab") == (array("q", [100, 101]), True)
    assert al.take("cd") == (array("q", [104, 105]), True)  # whitespace the parser dropped is skipped
    offs, direct = al.take("gh")  # " ef " skipped: real text, so not direct
    assert list(offs) == [110, 111] and not direct
    al = _Aligner("abcdef", array("q", range(6)))
    offs, direct = al.take("abXdef")  # a character lxml has and the stream lacks
    assert not direct and list(offs) == [0, 1, -1, 3, 4, 5]
    offs, direct = al.take("zz")  # nothing to match: unmapped, the position does not move
    assert not direct and list(offs) == [-1, -1] and al.p == 6


def test_check_helper_rejects_wrong_offsets():
    src = "<p>ab</p>"
    assert char_ok(src, 3, "a") and not char_ok(src, 4, "a") and not char_ok(src, -1, "a")
    (b,) = map_html(src).blocks
    b.offsets[1] = b.offsets[0]
    assert not block_ok(src, b)


# ---- every page of the corpus ----


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="HTML corpus not present")
def test_corpus_pages_map_exactly():
    pages = _pages()
    assert len(pages) >= 140
    total = bad = 0
    failing: dict[str, int] = {}
    for path in pages:
        src = _read(path)
        result = map_html(src)
        for b in result.blocks:
            total += 1
            if not (block_ok(src, b) and span_reads_back(src, b)):
                bad += 1
                failing[os.path.basename(path)] = failing.get(os.path.basename(path), 0) + 1
    assert total > 10000
    assert (total - bad) / total >= 0.999, failing


# ---- generated HTML ----

_NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
_WORD = st.text(alphabet="abcxyzABC019,.;:'\"!?()-éüßø—“”中文", min_size=1, max_size=8)
_REFS = st.sampled_from(
    ["&amp;", "&amp", "&lt;", "&lt", "&gt", "&quot;", "&nbsp;", "&nbsp", "&eacute;", "&eacute", "&copy", "&not", "&notin;", "&hellip;",
     "&mdash;", "&rsquo;", "&NotEqualTilde;", "&#65;", "&#65", "&#x41;", "&#X41", "&#8212;", "&#x2014", "&#32;", "&#9;", "&#10;", "&#13;",
     "&#x1F600;", "&#128;", "&unknown;", "& ", "&;", "&#;"]
)
_SPACE = st.one_of(st.sampled_from([" ", "  ", "\t", " \u00a0 "]), _NEWLINES.map(lambda n: n + "    "))
# A text part is read as a whole (html.unescape on it); it never starts with a character that could extend a reference
# ending the part before it ("&amp" + ";"), so the parts' readings can be joined.
_TEXT = st.lists(st.one_of(_WORD, _REFS, _SPACE), min_size=1, max_size=8).map("".join).map(lambda t: "-" + t if re.match(r"[A-Za-z0-9;]", t) else t)
_ATTRS = st.sampled_from(["", ' class="x"', " href='a>b'", ' title="1 > 0" data-x=\'<p>\'', " id=z", "\r\n  class=\"m\""])
_INLINE_TAGS = st.sampled_from(["em", "strong", "a", "span", "b", "i", "code", "q", "time", "abbr"])
_JUNK = st.sampled_from(["<!-- note > here -->", "<!---->", "<![CDATA[cdata x]]>", "<br>", "<br/>", "<img src='a>b.png' alt=\"x\">", "<wbr>"])


@st.composite
def _inline(draw, depth: int = 0) -> tuple[str, str]:
    """(html, the text it reads as, before whitespace collapse)."""
    kind = draw(st.integers(0, 3 if depth < 2 else 1))
    if kind <= 1:
        t = draw(_TEXT)
        return t, unescape(t)
    if kind == 2:
        j = draw(_JUNK)
        return j, (" " if j.startswith("<br") else "")
    tag, attrs = draw(_INLINE_TAGS), draw(_ATTRS)
    inner = draw(st.lists(_inline(depth + 1), min_size=0, max_size=3))
    return f"<{tag}{attrs}>" + "".join(h for h, _ in inner) + f"</{tag}>", "".join(t for _, t in inner)


def _inline_run(parts: list[tuple[str, str]]) -> tuple[str, str]:
    html = "".join(h for h, _ in parts)
    # References can span a part boundary (&amp followed by a word): read the run's text pieces together, as the parser does.
    text = "".join(t for _, t in parts)
    return html, text


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\n\f\r]+", " ", text).strip(" ")


@st.composite
def _page(draw) -> tuple[str, list[tuple[str, str]]]:
    nl = draw(_NEWLINES)
    expected: list[tuple[str, str]] = []
    out = [draw(st.sampled_from(["", "\ufeff"])), draw(st.sampled_from(["", "<!DOCTYPE html>", "<!doctype html>" + nl]))]
    out.append(f"<html><head>{nl}<title>T &amp; t</title><script>if (a < b && c) {{ x = '</p>'; }}</script><style>p > a {{}}</style>{nl}</head><body>{nl}")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 3))
        if kind <= 1:
            tag = draw(st.sampled_from(["p", "h1", "h2", "blockquote", "figcaption", "td", "dd"]))
            parts = draw(st.lists(_inline(), min_size=1, max_size=5))
            html, text = _inline_run(parts)
            wrap = {"td": ("<table><tr>", "</tr></table>"), "dd": ("<dl>", "</dl>")}.get(tag, ("", ""))
            out.append(f"{wrap[0]}<{tag}{draw(_ATTRS)}>{html}</{tag}>{wrap[1]}{nl}")
            expected.append((tag, text))
        elif kind == 2:
            a, b, c = draw(_TEXT), draw(_TEXT), draw(_TEXT)
            out.append(f"<ul>{nl}<li>{a}<ul>{nl}<li>{b}</li>{nl}</ul>{c}</li>{nl}<li>{c}</li></ul>{nl}")
            expected += [("li", unescape(a)), ("li", unescape(b)), ("li", unescape(c)), ("li", unescape(c))]
        else:
            junk = draw(_JUNK)
            out.append(f"<div>{nl}<!-- c -->{junk if not junk.startswith('<br') else ''}{nl}</div>{nl}")
    out.append(f"</body></html>{nl}")
    want = [(t, _collapse(x)) for t, x in expected if _collapse(x)]
    return "".join(out), want


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page())
def test_generated_pages_map_exactly(page):
    src, want = page
    result = map_html(src)
    got = [(b.tag, b.text) for b in result.blocks]
    assert got == want
    for b in result.blocks:
        assert b.exact, b
        assert block_ok(src, b), (b.tag, b.text, list(b.offsets))
        assert span_reads_back(src, b), (b.tag, b.text, list(b.offsets))


_JUNK_SOURCE = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>", "<br>", "<b>", "</b>", "<table>", "<td>", "<tr>", "<pre>",
                         "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?php x ?>",
                         "<textarea>", "</textarea>", "<title>", "</title>", "<iframe>", "</iframe>", "<svg>", "</svg>", "<a href='>'>", "</a>",
                         "&amp;", "&amp", "&#", "&#x", "&#12", "&#11;", "&#0;", "&#x110000;", "&#" + "9" * 5000,
                         "<!-->", "<!--->", "--!>", "-- >", "&#;", "&", "<", ">", "</", "<!", "\r\n", "\r", "\n", "\x00", "\x0c", "\ufeff"]),
        st.text(alphabet="ab é中 \t\"'=/;#", max_size=5),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JUNK_SOURCE)
def test_broken_markup_never_crashes_and_exact_means_exact(src):
    result = map_html(src)
    for b in result.blocks:
        assert len(b.text) == len(b.offsets) and b.text == b.text.strip(" ") and b.text
        if b.exact:
            assert block_ok(src, b), (b.tag, b.text, list(b.offsets))
