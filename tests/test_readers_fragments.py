"""Vale's fragments: source code whose comments are Markdown (``[formats] py = md``), and
``IgnoredScopes`` for comments (lint/readers/code.py, lint/vale_config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import assert_exact, cli, shared_or_skip
from lint.readers import read_article
from lint.readers.code import LANGUAGES, read_code
from lint.vale_config import ValeConfig, ignored_comment_kinds


def words(article) -> list[tuple[str, str]]:
    """(scope, the block's words) of each block."""
    return [(b.scope, " ".join(b.text.split())) for b in article.blocks]


RUST = """\
/// # Arguments
///
/// * `foof` - a *slice* of the name
///
/// ```
/// let code = not_prose();
/// ```
/// See [the docs](https://example.com/x) here.
fn f() {}
"""


def test_markdown_comment_blocks_get_markdown_scopes_and_masks():
    article = read_code("a.rs", RUST, fragment=".md")
    assert_exact(article)
    assert words(article) == [
        ("heading", "Arguments"),
        ("list", "- a slice of the name"),
        ("paragraph", "See the docs here."),
    ]
    assert article.format == "code"
    # each block keeps its comment's Vale scope, by its start
    assert {article.comment_kinds[b.start] for b in article.blocks} == {"comment.line"}


def test_without_fragment_the_same_comment_is_one_plain_block():
    article = read_code("a.rs", RUST)
    assert [b.scope for b in article.blocks] == ["comment"]
    assert "not_prose" in article.blocks[0].text and "`foof`" in article.blocks[0].text


def test_offsets_point_at_the_words_in_the_file():
    article = read_code("a.rs", RUST, fragment="md")
    para = article.blocks[-1]
    k = para.text.index("here")
    assert RUST[para.start + k : para.start + k + 4] == "here"
    lst = article.blocks[1]
    k = lst.text.index("slice")
    assert RUST[lst.start + k : lst.start + k + 5] == "slice"


def test_indented_block_comment_lines_are_dedented_not_code():
    # four spaces would make an indented code block: Vale trims each line's spaces first
    src = "/*!\n    Some text here.\n\n    More `code` text.\n*/\nint x;\n"
    article = read_code("a.cc", src, fragment=".md")
    assert_exact(article)
    assert words(article) == [("paragraph", "Some text here."), ("paragraph", "More text.")]
    assert {article.comment_kinds[b.start] for b in article.blocks} == {"comment.block"}


def test_javadoc_stars_and_python_docstrings():
    js = "/**\n * Title text\n *\n * - item one\n */\n"
    assert words(read_code("a.js", js, fragment=".md")) == [("paragraph", "Title text"), ("list", "item one")]
    py = 'def f():\n    """Doc with `code`.\n\n    Second para.\n    """\n# a `x` comment\n'
    article = read_code("a.py", py, fragment=".md")
    assert_exact(article)
    assert words(article) == [("paragraph", "Doc with ."), ("paragraph", "Second para."),
                              ("paragraph", "a comment")]


def test_crlf_files_and_coalesced_comments_with_code_between():
    src = "x = 1  # one `a`\r\ny = 2  # two\r\n"
    article = read_code("a.py", src, fragment=".md")
    assert_exact(article)
    assert words(article) == [("paragraph", "one two")]


def test_broken_front_matter_in_a_comment_falls_back_to_the_plain_block():
    src = "# ---\n# a: [\n# ---\n"
    article = read_code("a.py", src, fragment=".md")
    assert [b.scope for b in article.blocks] == ["comment"]


def test_unknown_fragment_format_is_an_error():
    with pytest.raises(ValueError):
        read_code("a.py", "# x\n", fragment=".rst")


def test_read_article_passes_fragment_to_the_code_reader_only():
    assert read_article("a.py", "# `x` y\n", fragment=".md").blocks[0].scope == "paragraph"
    assert read_article("a.py", "# `x` y\n").blocks[0].scope == "comment"


def test_vale_config_fragment_only_for_code_and_markdown(tmp_path):
    cfg = ValeConfig(tmp_path / ".vale.ini", tmp_path, formats={"py": "md", "rs": "rst", "mdx": "md", "go": "markdown"})
    assert cfg.fragment("a.py") == ".md"
    assert cfg.fragment("src/b.go") == ".md"
    assert cfg.fragment("a.rs") is None  # no reStructuredText reader: plain comments
    assert cfg.fragment("a.mdx") is None  # markup, not code: read_as's business
    assert cfg.read_as("a.mdx") == ".md"
    assert cfg.fragment("a.c") is None  # no association
    assert cfg.read_as("a.py") is None


def test_ignored_comment_kinds():
    assert ignored_comment_kinds(["code", "strong"]) == frozenset()
    assert ignored_comment_kinds(["text.comment.line"]) == {"comment.line"}
    assert ignored_comment_kinds(["comment.block"]) == {"comment.block"}
    assert ignored_comment_kinds(["comment"]) == {"comment.line", "comment.block"}


# -- end to end: the .vale.ini decides ------------------------------------------------

RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO]\n"
SOURCE = '# TODO line `TODO`\n\ndef f():\n    """\n    TODO block\n\n    ```\n    TODO fenced\n    ```\n    """\n'


def run(tmp_path: Path, monkeypatch, ini: str, scope: str = "text") -> list[str]:
    (tmp_path / "styles" / "T").mkdir(parents=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    (tmp_path / "a.py").write_text(SOURCE, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n" + ini + "\n[*]\nBasedOnStyles = T\n",
                                        encoding="utf-8")
    _, out, _ = cli("--no-builtin", "--format", "line", "a.py", cwd=tmp_path, monkeypatch=monkeypatch)
    return sorted(":".join(line.split(":")[:3]) for line in out.splitlines())


def test_formats_association_reads_comments_as_markdown(tmp_path, monkeypatch):
    # the code span and the fenced line are no prose; the others are found where they are
    assert run(tmp_path, monkeypatch, "[formats]\npy = md\n") == ["a.py:1:3", "a.py:5:5"]


def test_without_association_comments_are_plain(tmp_path, monkeypatch):
    assert run(tmp_path, monkeypatch, "") == ["a.py:1:14", "a.py:1:3", "a.py:5:5", "a.py:8:5"]


def test_cli_without_vale_config_is_unchanged(tmp_path, monkeypatch):
    (tmp_path / "r" / "T").mkdir(parents=True)
    (tmp_path / "r" / "T" / "R.yml").write_text(RULE.format(scope="text"), encoding="utf-8")
    (tmp_path / "a.py").write_text(SOURCE, encoding="utf-8")
    _, out, _ = cli("--isolated", "--no-builtin", "--format", "line", "--rules", "r", "a.py",
                    cwd=tmp_path, monkeypatch=monkeypatch)
    assert len(out.splitlines()) == 4


@pytest.mark.parametrize(("ignored", "expected"), [
    ("text.comment.line", ["a.py:5:5"]),
    ("comment.block", ["a.py:1:3"]),
    ("comment", []),
    ("code, strong", ["a.py:1:3", "a.py:5:5"]),  # near miss: no comment kind named
])
def test_ignored_scopes_hide_comment_kinds(tmp_path, monkeypatch, ignored, expected):
    assert run(tmp_path, monkeypatch, f"IgnoredScopes = {ignored}\n[formats]\npy = md\n") == expected


def test_ignored_scopes_hide_plain_comments_too(tmp_path, monkeypatch):
    assert run(tmp_path, monkeypatch, "IgnoredScopes = text.comment.block\n") == ["a.py:1:14", "a.py:1:3"]


def test_vale_fixture_files_read_exactly_as_fragments():
    root = shared_or_skip("vale-conformance", "testdata", "fixtures")
    seen = 0
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in LANGUAGES:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert_exact(read_code(str(path), text, fragment=".md"))
            seen += 1
    assert seen > 20
