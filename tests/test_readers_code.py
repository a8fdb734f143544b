"""The source-code reader (lint/readers/code.py): comments as prose, Vale's way."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from helpers import assert_exact, builtin_rules, cli, shared_or_skip
from lint.readers import read_article
from lint.readers.code import LANGUAGES, read_code


def texts(name: str, source: str) -> list[str]:
    """The comment blocks' texts, whitespace runs made single spaces."""
    article = read_code(name, source)
    return [" ".join(b.text.split()) for b in article.blocks]


# -- what is a comment, language by language ------------------------------------

CASES = [
    # (file, source, the comments' texts)
    ("a.py", '# one\nx = "# not a comment"  # two\ny = \'# nor this\'\n', ["one", "two"]),
    ("a.py", 's = """\n# inside a string\n"""\n# after\n', ["after"]),
    ("a.c", '/* one */ char *s = "/* no */ // no"; // two\nchar c = \'"\'; // three\n', ["one", "two", "three"]),
    ("a.cc", "// a\n#include <x> // b\n", ["a", "b"]),
    ("a.java", "/**\n * Doc text.\n * More.\n */\nclass A {}\n", ["Doc text. More."]),
    ("a.go", "s := `// raw\n/* raw */`\n// real\nr := '\\''\n", ["real"]),
    ("a.js", "const r = /\\/\\/ no/; // yes\nconst t = `a // b\nc`; /* yes too */\n", ["yes", "yes too"]),
    ("a.js", "x = a / b; // divided\ny = c / d / e; // twice\n", ["divided", "twice"]),
    ("a.jsx", "<h1>{ /* TODO: JSX */ }</h1>\n", ["TODO: JSX"]),
    ("a.rs", "fn f<'a>(x: &'a str) {} // life\nlet c = '\"'; // char\nlet r = r#\"// no\"#; /// doc\n",
     ["life", "char", "doc"]),
    ("a.rs", "//! crate doc\n/* outer /* nested */ still */ x\n", ["crate doc", "outer /* nested */ still"]),
    ("a.hs", "x --> y -- real\n{- block {- nested -} -}\n{-# LANGUAGE X #-}\n", ["real", "block {- nested -}"]),
    ("a.lua", "s = '-- no' -- yes\n--[[ long\ncomment ]] x = [[ -- no ]]\n--[==[ a ]] b ]==]\n",
     ["yes", "long comment", "a ]] b"]),
    ("a.rb", "=begin\nblock\n=end\nputs \"# no\" # yes\n", ["block", "yes"]),
    ("a.php", "<p>// not php</p>\n<?php echo '// no'; // yes ?> # html\n<?php # again\n#[Attr]\n", ["yes", "again"]),
    ("a.ps1", "\"a # b\" # yes\n<#\n block\n#>\n'it''s # no' # also\n", ["yes", "block", "also"]),
    ("a.clj", "(def a \"; no\") ; yes\n(str \\; \"x\") ;; also\n", ["yes", "also"]),
    ("a.jl", "x' # adjoint, then a comment\n#= block #= nested =# =#\ns = \"# no\"\n",
     ["adjoint, then a comment", "block #= nested =#"]),
    ("a.r", "x <- \"# no\" # yes\n", ["yes"]),
    ("a.css", "a { content: \"/* no */\"; } /* yes */\n", ["yes"]),
    ("a.proto", "option x = \"// no\"; // yes\n", ["yes"]),
    ("a.cs", "var s = @\"C:\\\"; // one\nvar t = @\"say \"\"// no\"\" \"; // two\n", ["one", "two"]),
    ("a.ex", "s = \"# no\" # yes\n", ["yes"]),
]


@pytest.mark.parametrize(("name", "source", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_comments_not_strings(name, source, expected):
    assert texts(name, source) == expected
    assert_exact(read_code(name, source))


def test_unterminated_strings_and_comments_do_not_hang_or_crash():
    for ext in LANGUAGES:
        for src in ('"', "'", "/*", "`", '"""', "--[[", "{-", "<#", "=begin\n", "#=", "r#\"", "@\"\n", "<?php"):
            article = read_code("a" + ext, src + " x // # -- ; y")
            assert_exact(article)


# -- Python's docstrings --------------------------------------------------------

PY = '''\
"""Module doc."""
import os


def f(a,
      b={"k": "not a doc"}):
    """Function doc."""
    x = """not a doc"""
    print("""nor this""")


class C(Base):
    r\'\'\'Class doc.\'\'\'

    async def g(self): "one-line doc"


if True:
    "not a doc either"
'''


def test_python_docstrings_are_comments_other_strings_are_not():
    assert texts("a.py", PY) == ["Module doc.", "Function doc.", "Class doc.", "one-line doc"]
    assert_exact(read_code("a.py", PY))


def test_a_module_string_after_code_is_no_docstring():
    assert texts("a.py", 'x = 1\n"""not the module\'s doc"""\n') == []
    assert texts("a.py", '#!/usr/bin/env python\n# coding\n"""doc"""\n') == ["!/usr/bin/env python coding", "doc"]


# -- blocks: coalescing, masking, kinds -------------------------------------------


def test_line_comments_in_one_column_coalesce_others_do_not():
    src = "# one\n# two\nx = 1 # three\nyy = 2 # four\n\n# five\n"
    article = read_code("a.py", src)
    assert [" ".join(b.text.split()) for b in article.blocks] == ["one two", "three", "four", "five"]
    assert article.blocks[0].text == "one\n  two"  # the second "#" masked, the newline kept
    assert_exact(article)


def test_aligned_trailing_comments_coalesce_with_the_code_between_masked():
    src = "a = 1 # one\nb = 2 # two\n"
    article = read_code("a.py", src)
    assert len(article.blocks) == 1
    assert article.blocks[0].text == "one\n" + " " * 8 + "two"  # "b = 2 # " masked
    assert_exact(article)


def test_javadoc_stars_are_masked_only_when_every_line_has_one():
    a = read_code("a.java", "/*\n * one\n * two\n */\n")
    assert a.blocks[0].text == "one\n   two"
    b = read_code("a.java", "/*\n * a list item\nplain line\n */\n")
    assert "* a list item" in b.blocks[0].text


def test_comment_kinds_follow_vales_line_break_rule():
    src = "// a\n// b\n/* c */\n/* d\n */\n/*\n e\n */\n"
    article = read_code("a.c", src)
    kinds = [article.comment_kinds[b.start] for b in article.blocks]
    assert kinds == ["comment.line", "comment.line", "comment.line", "comment.block"]


def test_crlf_and_lone_cr_lines():
    src = "# one\r\n# two\r\nx = 1\r# three\r"
    article = read_code("a.py", src)
    assert [" ".join(b.text.split()) for b in article.blocks] == ["one two", "three"]
    assert_exact(article)


def test_the_format_is_code_and_read_article_dispatches():
    article = read_article("src/x.PY", "# hello\n")
    assert article.format == "code"
    assert [b.scope for b in article.blocks] == ["comment"]
    assert read_article("x.txt", "# hello\n").format == "txt"


# -- scopes -----------------------------------------------------------------------

RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO]\n"
SOURCE = "# TODO line\nx = 'TODO string'\n/* never */\ndef f():\n    \"\"\"\n    TODO block\n    \"\"\"\n"


def run(tmp_path: Path, monkeypatch, scope: str, *extra: str, name: str = "a.py", source: str = SOURCE) -> list[str]:
    (tmp_path / "r" / "T").mkdir(parents=True)
    (tmp_path / "r" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    (tmp_path / name).write_text(source, encoding="utf-8")
    (tmp_path / "a.md").write_text("TODO in Markdown\n", encoding="utf-8")
    _, out, _ = cli("--isolated", "--no-builtin", "--format", "line", "--rules", "r", name, "a.md", *extra,
                         cwd=tmp_path, monkeypatch=monkeypatch)
    return sorted(out.splitlines())


@pytest.mark.parametrize(("scope", "expected"), [
    ("text", ["a.md:1:1", "a.py:1:3", "a.py:6:5"]),
    ("comment", ["a.py:1:3", "a.py:6:5"]),
    ("comment.line", ["a.py:1:3"]),
    ("text.comment.block", ["a.py:6:5"]),
    ("'[\"~comment.block\"]'", ["a.md:1:1", "a.py:1:3"]),
    ("paragraph", ["a.md:1:1"]),
    ("heading", []),
])
def test_comment_scopes(tmp_path, monkeypatch, scope, expected):
    out = run(tmp_path, monkeypatch, scope.strip("'"))
    assert [":".join(line.split(":")[:3]) for line in out] == expected


def test_news_rules_read_comments_without_crashing():
    from lint.engine import lint_article

    src = textwrap.dedent('''\
        # MOSCOW, Sept 17 (Reuters) - Some analysts suggest the annual Zapad 2025 drills
        # will be held later this year, officials said on Tuesday. Dismiss
        """Not a doc: the first statement is the comment? No, comments are no statements."""
        def f():
            """He said "it's 5 million" and 'we'll see'. The the figure rose 40%."""
        ''')
    for name in ("a.py", "a.c", "a.rs"):
        text = src if name == "a.py" else src.replace("#", "//").replace('"""', "/*", 1)
        article = read_article(name, text)
        for d in lint_article(article, list(builtin_rules().values())):
            assert 0 <= d.start <= d.end <= len(text)
            assert any(b.start <= d.start and d.end <= b.end for b in article.blocks), d


# -- Vale's fixtures: every file reads, offsets exact -------------------------------


def test_vale_fixture_files_read_exactly():
    root = shared_or_skip("vale-conformance", "testdata", "fixtures")
    seen = 0
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in LANGUAGES:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert_exact(read_code(str(path), text))
            seen += 1
    assert seen > 20
