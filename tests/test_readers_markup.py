"""The AsciiDoc, reStructuredText and Org readers: exact offsets, what is never
prose (code, comments, attributes, directives), heading levels, table cells,
block quotations and alt texts, and Vale's scopes over them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import cli
from lint.checks._vale import heading_level, in_blockquote, vale_text
from lint.readers import read_article
from lint.readers.asciidoc import read_asciidoc
from lint.readers.org import read_org
from lint.readers.rst import read_rst

ADOC = """\
= Document Title
Jane Doe <jane@example.com>
:toc: left
:product: Zapod

Reference code like `TODO` or +XXX+ inline, {product} and *bold* text.

// a comment with TODO
////
A comment block with TODO
////

[source,python]
----
TODO = "listing"
----

....
TODO literal
....

 TODO indented literal

[source]
TODO styled paragraph

== Section Two

NOTE: An admonition with prose.

* item one
* item two
continued

[quote]
____
Quoted words.
____

.A Table Title
|===
|Head A |Head B

|cell one
|cell two
|===

=== Level Three

image::logo.png[A logo alt]

See https://example.com[the site] and <<intro,the intro>>.
"""

RST = """\
=====
Title
=====

Intro paragraph with ``TODO`` literal, :code:`XXX` role and |sub| text.

Section
-------

.. code-block:: python

    TODO = "code"

.. a comment with TODO

.. note:: Admonition prose.

Paragraph ending with a literal::

    TODO literal

- item one
- item two

    A quoted paragraph.

Sub section
~~~~~~~~~~~

+--------+--------+
| Head A | Head B |
+========+========+
| cell 1 | cell 2 |
+--------+--------+

.. image:: logo.png
   :alt: A logo alt

:field: TODO field

A `link <https://example.com>`_ here.
"""

ORG = """\
#+title: An Org File
#+author: Someone

* Top heading :tag:
Some /emphasis/ and ~TODO~ code and =XXX= verbatim.
** Second heading
:PROPERTIES:
:ID: TODO
:END:

#+begin_src python
TODO = 1
#+end_src

#+BEGIN_QUOTE
Quoted words.
#+END_QUOTE

- item one
- item two

# a comment TODO
: fixed width TODO

| Head A | Head B |
|--------+--------|
| cell 1 | cell 2 |

See [[https://example.com][the site]].
"""

READERS = {"a.adoc": (read_asciidoc, ADOC, "adoc"), "a.rst": (read_rst, RST, "rst"), "a.org": (read_org, ORG, "org")}


def _exact(article) -> None:
    """Every block is the source wherever it is not blanked, and of the same length."""
    text = article.text
    for b in article.blocks + list(article.markup.alts):
        src = text[b.start:b.end]
        assert len(src) == len(b.text)
        for c, o in zip(b.text, src):
            assert c == o or (c == " " and o not in "\r\n"), (b, src)
        assert b.text == b.text.strip()


@pytest.mark.parametrize("name", sorted(READERS))
def test_offsets_exact(name):
    read, text, fmt = READERS[name]
    article = read(name, text)
    assert article.format == fmt
    _exact(article)


@pytest.mark.parametrize("name", sorted(READERS))
def test_code_comments_attributes_never_prose(name):
    read, text, _ = READERS[name]
    article = read(name, text)
    joined = "\n".join(b.text for b in article.blocks)
    assert "TODO" not in joined and "XXX" not in joined, joined
    assert "Zapod" not in joined  # an attribute entry or reference (AsciiDoc)
    assert "Someone" not in joined  # a keyword line (Org)


@pytest.mark.parametrize("name", sorted(READERS))
def test_prose_is_read(name):
    read, text, _ = READERS[name]
    article = read(name, text)
    by_text = {" ".join(b.text.split()): b.scope for b in article.blocks}
    assert by_text.get("item one") == "list"
    assert "Quoted words." in by_text or "A quoted paragraph." in by_text
    assert any(t.startswith("See") or t.startswith("A link here") for t in by_text)


def test_registered_extensions():
    for name, fmt in (("x.adoc", "adoc"), ("x.asciidoc", "adoc"), ("x.asc", "adoc"),
                      ("x.rst", "rst"), ("x.rest", "rst"), ("x.org", "org")):
        assert read_article(name, "Some text.\n").format == fmt
    assert read_article("x.txt", "Some text.\n").format == "txt"


def _prose(article) -> list[str]:
    """Each block's text as Vale sees it (blanked markup dropped), blanks collapsed."""
    return [" ".join(vale_text(article, b).text.split()) for b in article.blocks]


def _levels(article) -> dict[str, int]:
    return {" ".join(b.text.split()): heading_level(article, b) for b in article.blocks
            if b.scope in ("heading", "headline")}


def test_adoc_headings():
    a = read_asciidoc("a.adoc", ADOC)
    assert a.meta.headline == "Document Title"
    assert _levels(a) == {"Document Title": 1, "Section Two": 2, "Level Three": 3}
    # no document title: "===" is h3 and the first line is no headline
    b = read_asciidoc("b.adoc", "=== Three\n\n== Two\n\ntext\n")
    assert b.meta.headline is None
    assert _levels(b) == {"Three": 3, "Two": 2}
    assert [x.scope for x in b.blocks] == ["heading", "heading", "paragraph"]


def test_adoc_header_lines_and_inline_masks():
    a = read_asciidoc("a.adoc", ADOC)
    texts = _prose(a)
    assert not any("Jane" in t for t in texts)  # the author line of the header
    assert "Reference code like or inline, and bold text." in texts
    assert "An admonition with prose." in texts  # the label is masked
    assert "See the site and the intro." in texts
    assert "item two continued" in texts


def test_adoc_tables_quotes_alts():
    a = read_asciidoc("a.adoc", ADOC)
    cells = {b.text: a.markup.cells[b.start] for b in a.blocks if b.start in a.markup.cells}
    assert cells == {"A Table Title": "caption", "Head A": "header", "Head B": "header",
                     "cell one": "cell", "cell two": "cell"}
    quoted = [b.text for b in a.blocks if in_blockquote(a, b)]
    assert quoted == ["Quoted words."]
    assert [b.text for b in a.markup.alts] == ["A logo alt"]
    # no blank line after the first row: no header
    b = read_asciidoc("b.adoc", "|===\n|one\n|two\n|===\n")
    assert sorted(b.markup.cells.values()) == ["cell", "cell"]


def test_rst_headings_by_style_order():
    a = read_rst("a.rst", RST)
    assert a.meta.headline == "Title"
    assert _levels(a) == {"Title": 1, "Section": 1, "Sub section": 2}
    # no document title when the first style comes back
    b = read_rst("b.rst", "One\n===\n\ntext\n\nTwo\n===\n\nThree\n-----\n")
    assert b.meta.headline is None
    assert _levels(b) == {"One": 1, "Two": 1, "Three": 2}


def test_rst_blocks():
    a = read_rst("a.rst", RST)
    texts = {" ".join(b.text.split()): b for b in a.blocks}
    assert "Intro paragraph with literal, role and text." in texts
    assert "Admonition prose." in texts
    assert "Paragraph ending with a literal:" in texts  # "::" reads ":"
    assert "A link here." in texts
    assert in_blockquote(a, texts["A quoted paragraph."])
    assert not in_blockquote(a, texts["A link here."])
    cells = {b.text: a.markup.cells[b.start] for b in a.blocks if b.start in a.markup.cells}
    assert cells == {"Head A": "header", "Head B": "header", "cell 1": "cell", "cell 2": "cell"}
    assert [b.text for b in a.markup.alts] == ["A logo alt"]


def test_rst_list_table_and_simple_table():
    text = ".. list-table::\n   :header-rows: 1\n\n   * - Key\n     - Type\n   * - name\n     - string\n"
    a = read_rst("a.rst", text)
    _exact(a)
    assert {b.text: a.markup.cells[b.start] for b in a.blocks} == {
        "Key": "header", "Type": "header", "name": "cell", "string": "cell"}
    simple = "=====  =====\nHead   Other\n=====  =====\none    two\n=====  =====\n"
    s = read_rst("s.rst", simple)
    _exact(s)
    assert {b.text: s.markup.cells[b.start] for b in s.blocks} == {
        "Head": "header", "Other": "header", "one": "cell", "two": "cell"}


def test_org_blocks():
    a = read_org("a.org", ORG)
    assert _levels(a) == {"Top heading": 2, "Second heading": 3}  # go-org: "*" is <h2>
    texts = dict(zip(_prose(a), a.blocks))
    assert "Some emphasis and code and verbatim." in texts
    assert in_blockquote(a, texts["Quoted words."])
    assert "See the site." in texts
    cells = {b.text: a.markup.cells[b.start] for b in a.blocks if b.start in a.markup.cells}
    assert cells == {"Head A": "header", "Head B": "header", "cell 1": "cell", "cell 2": "cell"}


# --- Vale's scopes over these formats, end to end ---------------------------------------------

RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO, XXX]\n"


def _vale(tmp_path: Path, files: dict[str, str], scope: str, monkeypatch) -> list[str]:
    (tmp_path / "styles" / "T").mkdir(parents=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = T\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    _, out, _ = cli("--config=.vale.ini", "--output=line", *files, cwd=tmp_path, monkeypatch=monkeypatch)
    return sorted(line.split(":")[0] + ":" + line.split(":")[1] for line in out.splitlines() if line.strip())


HEADS = {"h.adoc": "= TODO title\n\n== XXX two\n\nTODO text\n",
         "h.rst": "TODO title\n==========\n\nText TODO\n\nXXX two\n-------\n",
         "h.org": "* TODO one\n\nTODO text\n\n** XXX two\n"}


def test_vale_heading_levels(tmp_path, monkeypatch):
    got = _vale(tmp_path, HEADS, "heading.h2", monkeypatch)
    # AsciiDoc "==" and Org "*" (go-org's <h2>) are h2; in rST the title's style is h1, the next one too
    assert got == ["h.adoc:3", "h.org:1"]


def test_vale_heading_scope_and_text(tmp_path, monkeypatch):
    assert _vale(tmp_path, HEADS, "heading", monkeypatch) == [
        "h.adoc:1", "h.adoc:3", "h.org:1", "h.org:5", "h.rst:1", "h.rst:6"]
    assert _vale(tmp_path / "p", HEADS, "paragraph", monkeypatch) == ["h.adoc:5", "h.org:3", "h.rst:4"]


def test_vale_code_is_no_prose(tmp_path, monkeypatch):
    files = {"c.adoc": "----\nTODO\n----\n\nXXX\n", "c.rst": "::\n\n    TODO\n\nXXX\n",
             "c.org": "#+begin_src sh\nTODO\n#+end_src\n\nXXX\n"}
    assert _vale(tmp_path, files, "text", monkeypatch) == ["c.adoc:5", "c.org:5", "c.rst:5"]


def test_vale_comments_in_rst_and_org(tmp_path, monkeypatch):
    files = {"v.rst": ".. vale off\n\nTODO\n\n.. vale on\n\nXXX\n", "v.org": "# vale off\n\nTODO\n\n# vale on\n\nXXX\n",
             "v.adoc": "pass:[<!-- vale off -->]\n\nTODO\n\npass:[<!-- vale on -->]\n\nXXX\n"}
    assert _vale(tmp_path, files, "text", monkeypatch) == ["v.adoc:7", "v.org:7", "v.rst:7"]


def test_vale_table_and_blockquote_scopes(tmp_path, monkeypatch):
    files = {"t.adoc": "TODO\n\n|===\n|XXX\n|===\n\n____\nTODO\n____\n",
             "t.rst": "TODO\n\n+-----+\n| XXX |\n+-----+\n\n    TODO\n"}
    assert _vale(tmp_path, files, "table.cell", monkeypatch) == ["t.adoc:4", "t.rst:4"]
    assert _vale(tmp_path / "q", files, "blockquote", monkeypatch) == ["t.adoc:8", "t.rst:7"]


def test_vale_markup_dropped_not_blanked(tmp_path, monkeypatch):
    """A match that markup does not interrupt lies at its source offset; blanked
    emphasis marks leave no double space (Vale reads the HTML's text)."""
    rule = ("extends: existence\nmessage: \"'%s'\"\nlevel: error\nnonword: true\ntokens: ['[a-z]  [a-z]']\n")
    (tmp_path / "styles" / "T").mkdir(parents=True)
    (tmp_path / "styles" / "T" / "S.yml").write_text(rule, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = T\n", encoding="utf-8")
    (tmp_path / "e.org").write_text("The /beauty/ of org.\n\nTwo  spaces.\n", encoding="utf-8")
    _, out, _ = cli("--config=.vale.ini", "--output=line", "e.org", cwd=tmp_path, monkeypatch=monkeypatch)
    assert [line.split(":")[1:3] for line in out.splitlines()] == [["3", "3"]]


# --- property: offsets stay exact whatever the input --------------------------------------------

_PIECES = st.sampled_from([
    "= T\n", "== H\n", "* a\n", "- b\n", "----\n", "....\n", "|===\n", "|x |y\n", "// c\n", "[source]\n",
    ":a: b\n", "`c` ", "+p+ ", "{x} ", "*b* ", "_i_ ", "https://x.y[t] ", "<<a,b>> ", "image:i.png[alt] ",
    "Title\n", "=====\n", "-----\n", ".. note:: n\n", ".. code:: py\n", "   indented\n", "::\n", "``l`` ",
    ":r:`x` ", "`t <u>`_ ", "|s| ", "+---+\n", "| c |\n", "+===+\n", "#+begin_src\n", "#+end_src\n",
    "#+k: v\n", ":PROPERTIES:\n", ":END:\n", "~c~ ", "=v= ", "[[u][d]] ", "/e/ ", "| a | b |\n",
    "\n", "\n\n", "word ", "Words here. ", "\t", "\r\n", "é ", "____\n", "   :alt: a\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30), st.sampled_from(sorted(READERS)))
def test_property_offsets_exact(pieces, name):
    read = READERS[name][0]
    article = read(name, "".join(pieces))
    _exact(article)
    for b in article.blocks:
        heading_level(article, b)


def test_front_matter_values_are_text_keys_are_not():
    for read, name in ((read_rst, "f.rst"), (read_asciidoc, "f.adoc")):
        a = read(name, '+++\ntitle = "My doc\'s title"\n+++\n\nBody.\n')
        _exact(a)
        assert [b.text for b in a.blocks] == ["My doc's title", "Body."]
    j = read_asciidoc("j.adoc", ';;;\n{\n  "author": "A Name",\n  "n": 3\n}\n;;;\n\nBody.\n')
    assert [b.text for b in j.blocks] == ["A Name", "3", "Body."]
    # no closing line: no front matter
    assert [b.text for b in read_rst("n.rst", "+++\ntitle = x\n").blocks] != ["x"]
