"""Whole-text gates (lint/gate.py ``edges`` and ``tight``) and the skips
they allow (lint/engine.py ``nothing_to_find``, an article not read at all):
supersets of the exact patterns on the blocks the plain-text reader makes."""

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import pytest
from helpers import shared_or_skip
from lint.api import lint_text, load
from lint.checks.base import BlockChecker
from lint.engine import lint_article, nothing_to_find, top_only
from lint.gate import _SPACE, gate, relax
from lint.readers import read_text

pytest.importorskip("re2")

RULES = load()
BLOCK_RULES = [r for r in RULES if isinstance(r.checker, BlockChecker) and r.checker.edge_prefilter is not None]


def test_white_space_is_pythons():
    """``_SPACE`` (regex's \\s, spelt out for RE2) is exactly ``str.isspace``:
    what the plain-text reader strips around a block."""
    import re2

    spelt = re2.compile(f"[{_SPACE}]")
    rx = regex.compile(r"\s")
    assert not any(chr(c).isspace() for c in range(0x3001, 0x110000) if not 0xD800 <= c < 0xE000)
    for code in range(0x3001):
        ch = chr(code)
        assert bool(spelt.fullmatch(ch)) == ch.isspace(), hex(code)
        assert spelt.fullmatch(ch) or not rx.fullmatch(ch), hex(code)  # it holds regex's \\s too


def test_the_pack_has_edge_gates():
    ids = {r.id for r in BLOCK_RULES}
    assert {"News.ScraperResidue", "News.PageFurniture", "News.FusedDateStamp"} <= ids


@pytest.mark.parametrize("pattern, text", [
    (r"(?m)^[ \t]*(?:News|X)[ \t]*$", "Some words here\n\n  News  \n\nMore"),
    (r"(?m)^[ \t]*(?:News|X)[ \t]*$", "Headline\r\rNews\r\rBody"),          # lone CR line ends
    (r"(?m)^[ \t]*(?:News|X)[ \t]*$", "Headline\r\n\r\nNews\r\n"),
    (r"^Photo:", "Photo: a headline\n\nBody text"),
    (r"(?m)end$\nnext", "Title\n\nthe end\nnext line"),                # $ before a line break it matches
    (r"\d{1,4}", "page ٣"),                                               # a Unicode digit
    (r"[–—]\p{L}+", "a –word"),
    (r"[^\n|•·]{1,60} \|", "x |"),
    (r"\p{Lu}\p{Ll}+", "Émile"),
    (r"[a-é]x", "éx"),
    (r"(?i)istanbul", "Title\n\nİstanbul"),
    (r"(?i:[i]lham)", "Title\n\nİlham"),
    (r"(?i)\p{Lu}\p{Lu}", "Title\n\nab"),                                  # \p{Lu} matches "a" under IGNORECASE
    (r"(?i)[^\p{Lu}]x", "Title\n\n1x"),
])
def test_relaxed_with_edges_and_tight_still_matches(pattern, text):
    p = regex.compile(pattern)
    article = read_text("a.txt", text)
    assert any(p.search(b.text) for b in article.blocks), "the case itself must match in a block"
    g = gate(p, edges=True, tight=True)
    assert g is not None and g.search(text)


def test_edges_are_selective():
    g = gate(regex.compile(r"(?m)^[ \t]*(?:News|Share|Advertisement)[ \t]*$"), edges=True, tight=True)
    assert not g.search("Title\n\nThe News of the day was good. Share prices rose.\n")
    assert g.search("Title\n\nBody.\n\nAdvertisement\n\nMore body.\n")
    assert not gate(regex.compile(r"\d{1,4} people"), tight=True).search("many people came")


def test_tight_classes():
    assert relax(r"[–—]", tight=True) == r"[\x{2013}\x{2014}]"         # caseless: exact
    assert relax(r"I[i]", tight=True) == r"I[\x{69}]"                   # case-sensitive: no İ/ı
    assert relax(r"(?i:I[i])", tight=True) == r"(?i:[iIİı][\x{69}İı])"
    assert r"\x{80}-\x{10ffff}" in relax(r"[é]", tight=True)            # cased: any non-ASCII
    assert relax(r"[^a-z•]", tight=True) == r"[^\x{61}-\x{7a}\x{2022}]"
    assert relax(r"\d{2,4}", tight=True) == r"[0-9\x{80}-\x{10ffff}]+"


_ALPHABET = st.sampled_from(
    list("aeiost AEIOST.,;:'\"’“”-–—|•\n\r\t 0123456789éÉ٣()$%/\u00a0") +
    ["News", "Share", "Page 12", "March 3 ", "The ", "Photo:", "IMG:", "Copyright 2023", "By ", "Advertisement",
     "World", "Read more:", "http://x.com", " - ", "\n\n", "\r\n", "(@", "pic.twitter.com", "<b>", "&amp;"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=50).map("".join))
def test_edge_gates_are_supersets_on_random_articles(text):
    """Wherever a rule finds something in a plain-text article, its whole-text
    gate passes, and the article is not skipped."""
    article = read_text("a.txt", text)
    for rule in BLOCK_RULES:
        found = list(rule.checker.check(article, article.blocks_for(rule.scopes)))
        if found:
            assert rule.checker._may_find(text, top_only(rule.scopes)), (rule.id, text)
    if lint_article(article, BLOCK_RULES):
        assert not nothing_to_find(text, BLOCK_RULES), text


def test_edge_gates_are_supersets_on_real_copy():
    texts = []
    for sub in (("corpus", "annotated", "articles"), ("corpus", "articles")):
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared_or_skip(*sub).glob("*.txt"))]
    for text in texts:
        article = read_text("a.txt", text)
        for rule in BLOCK_RULES:
            if list(rule.checker.check(article, article.blocks_for(rule.scopes))):
                assert rule.checker._may_find(text, top_only(rule.scopes)), rule.id


def test_an_article_with_nothing_to_find_is_not_read(monkeypatch):
    import lint.readers

    rules = [r for r in RULES if r.id in ("News.ScraperResidue", "News.PageFurniture")]
    calls = []
    real = lint.readers.read_article
    monkeypatch.setattr(lint.readers, "read_article", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert lint_text("a.txt", "Title\n\nThe News of the day.\n", rules) == []
    assert calls == []
    found = lint_text("a.txt", "Title\n\nBody.\n\nAdvertisement\n", rules)
    assert [d.rule for d in found] == ["News.ScraperResidue"] and len(calls) == 1
    # a Markdown file is always read (its blocks are not slices of the text)
    lint_text("a.md", "# Title\n\nThe News of the day.\n", rules)
    assert len(calls) == 2


def _tight_pack():
    from test_gate import PACK

    out = []
    for rid, p, _ in PACK:
        g = gate(p, tight=True)
        if g is not None:
            out.append((rid, p, g))
    return out


TIGHT = _tight_pack()


def test_tight_pack_gates_are_supersets_on_real_copy():
    assert len(TIGHT) >= 100
    texts = []
    for sub in (("corpus", "annotated", "articles"), ("corpus", "articles")):
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared_or_skip(*sub).glob("*.txt"))]
    paragraphs = [x for t in texts for x in t.split("\n") if x.strip()]
    for rid, p, g in TIGHT:
        for x in paragraphs:
            if p.search(x):
                assert g.search(x), (rid, p.pattern[:80], x[:80])


_WORDS = st.sampled_from(list("aeiostnrdl AEIOSTN.,;:'\"’“”-\n0123456789éüÉİı٣()$%") +
                         ["said ", "says ", "sources ", "reports ", "according to ", "per cent", "Istanbul",
                          "million ", "The ", "Mr ", "http://", "www.", ".com", "jpg", " - ", "said.The"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map("".join))
def test_tight_pack_gates_are_supersets_on_random_text(text):
    for rid, p, g in TIGHT:
        if p.search(text):
            assert g.search(text), (rid, p.pattern[:80], text)
