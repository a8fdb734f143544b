"""Vale's tree-sitter Views: source files read through a view whose queries capture the prose
(lint/readers/treesitter_view.py, routed by lint/vale_config.py's ``view_for``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import cli, shared_or_skip
from lint.readers import ReadError, read_article
from lint.readers.vale_views import VIEW_EXTENSION
from lint.vale_config import load

RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [XXX]\n"
PY_VIEW = "engine: tree-sitter\nscopes:\n  - expr: (comment)+ @comment\n    name: python\n"
JAVA_VIEW = "engine: tree-sitter\nscopes:\n  - expr: (string_literal)+ @string\n    name: java\n"


def project(tmp_path: Path, ini: str, views: dict[str, str], scope: str = "text") -> None:
    (tmp_path / "styles" / "T").mkdir(parents=True, exist_ok=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    (tmp_path / "styles" / "config" / "views").mkdir(parents=True, exist_ok=True)
    for name, body in views.items():
        (tmp_path / "styles" / "config" / "views" / f"{name}.yml").write_text(body, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n" + ini, encoding="utf-8")


def lines(tmp_path: Path, monkeypatch, *args: str) -> tuple[int, list[str], str]:
    code, out, err = cli("--no-builtin", "--format", "line", *args, cwd=tmp_path, monkeypatch=monkeypatch)
    return code, [line.removeprefix("./") for line in out.splitlines()], err


PY = '''# XXX: a comment
def f():
    """XXX in a docstring: not captured."""
    s = "XXX in a string: not captured"
    return s  # and XXX here
'''


# -- routing (no grammar needed) -------------------------------------------------------------

def test_vale_config_routes_tree_sitter_views_of_files_with_a_grammar(tmp_path):
    project(tmp_path, "[*.{py,rb}]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW})
    cfg = load(tmp_path / ".vale.ini")
    assert cfg.view_for("a.py") == tmp_path / "styles" / "config" / "views" / "Py.yml"
    assert cfg.read_as("a.py") == VIEW_EXTENSION
    # Ruby: no grammar here, read as without the View (its comments, as before)
    assert cfg.view_for("a.rb") is None and cfg.read_as("a.rb") is None


def test_without_the_extra_a_tree_sitter_view_is_a_read_error_naming_it(tmp_path, monkeypatch):
    import lint.readers.treesitter_view as tv

    tv._language.cache_clear()
    real = __import__("importlib").import_module

    def no_grammars(name, *a, **k):
        if name.startswith("tree_sitter"):
            err = ImportError(f"No module named {name!r}")
            err.name = name
            raise err
        return real(name, *a, **k)

    monkeypatch.setattr("importlib.import_module", no_grammars)
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW})
    (tmp_path / "a.py").write_text(PY, encoding="utf-8")
    try:
        code, got, err = lines(tmp_path, monkeypatch, "a.py")
    finally:
        tv._language.cache_clear()
    assert code == 2 and got == []
    assert "a.py: its view has engine 'tree-sitter', which needs the module tree_sitter" in err
    assert "pip install 'newslint[views]'" in err


# -- with the grammars (the 'views' extra) --------------------------------------------------------

def _have(*mods: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in mods)


needs_ts = pytest.mark.skipif(not _have("tree_sitter", "tree_sitter_python", "tree_sitter_java"),
                              reason="the 'views' extra (tree-sitter grammars) is not installed")


@needs_ts
def test_only_the_captured_comments_are_linted(tmp_path, monkeypatch):
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW})
    (tmp_path / "a.py").write_text(PY, encoding="utf-8")
    code, got, _ = lines(tmp_path, monkeypatch, "a.py")
    # not the docstring (the code reader's own reading would flag it), not the string
    assert got == ["a.py:1:3:T.R:'XXX' left in text", "a.py:5:21:T.R:'XXX' left in text"]
    assert code == 1


@needs_ts
def test_columns_count_characters_not_bytes(tmp_path, monkeypatch):
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW})
    (tmp_path / "a.py").write_text('x = "é€😀"  # é XXX\n', encoding="utf-8")
    _, got, _ = lines(tmp_path, monkeypatch, "a.py")
    assert got == ["a.py:1:16:T.R:'XXX' left in text"]


@needs_ts
def test_string_literals_are_linted_as_written_and_comments_are_not(tmp_path, monkeypatch):
    project(tmp_path, "[*.java]\nBasedOnStyles = T\nView = J\n", {"J": JAVA_VIEW})
    (tmp_path / "A.java").write_text('// XXX comment\nclass A { String s = "a XXX"; char c = \'X\'; }\n', encoding="utf-8")
    _, got, _ = lines(tmp_path, monkeypatch, "A.java")
    assert got == ["A.java:2:25:T.R:'XXX' left in text"]


@needs_ts
def test_captured_comments_lose_their_delimiters_and_consecutive_ones_are_one_block(tmp_path):
    view = "engine: tree-sitter\nscopes:\n  - expr: '[(line_comment) (block_comment)] @c'\n"
    project(tmp_path, "[*.java]\nBasedOnStyles = T\nView = J\n", {"J": view})
    cfg = load(tmp_path / ".vale.ini")
    src = "// one\n// two\n  // three\n/**\n * Doc line.\n * More.\n */\nclass A {}\n"
    art = read_article("A.java", src, read_as="A" + VIEW_EXTENSION, fragment=cfg.fragment("A.java"))
    texts = [(b.text, art.comment_kinds[b.start]) for b in art.blocks]
    assert texts == [("one\n   two", "comment.line"), ("three", "comment.line"),
                     ("Doc line.\n   More.", "comment.block")]
    for b in art.blocks:  # every character at its place in the file
        assert all(ch == src[b.start + k] for k, ch in enumerate(b.text) if not ch.isspace())


@needs_ts
def test_scope_type_md_reads_each_capture_as_markdown(tmp_path, monkeypatch):
    view = PY_VIEW + "    type: md\n"
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": view})
    (tmp_path / "a.py").write_text("# `XXX` in code\n# XXX out of it\nx = 1\n", encoding="utf-8")
    _, got, _ = lines(tmp_path, monkeypatch, "a.py")
    assert got == ["a.py:2:3:T.R:'XXX' left in text"]
    # without the type the code span is prose
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW})
    _, got, _ = lines(tmp_path, monkeypatch, "a.py")
    assert got == ["a.py:1:4:T.R:'XXX' left in text", "a.py:2:3:T.R:'XXX' left in text"]


@needs_ts
def test_comment_scoped_rules_see_the_captures(tmp_path, monkeypatch):
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW}, scope="comment.line")
    (tmp_path / "a.py").write_text(PY, encoding="utf-8")
    _, got, _ = lines(tmp_path, monkeypatch, "a.py")
    assert got == ["a.py:1:3:T.R:'XXX' left in text", "a.py:5:21:T.R:'XXX' left in text"]
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n", {"Py": PY_VIEW}, scope="comment.block")
    _, got, _ = lines(tmp_path, monkeypatch, "a.py")
    assert got == []


@needs_ts
def test_a_broken_query_is_a_read_error(tmp_path, monkeypatch):
    project(tmp_path, "[*.py]\nBasedOnStyles = T\nView = Py\n",
            {"Py": "engine: tree-sitter\nscopes:\n  - expr: (no_such_node) @x\n    name: bad\n"})
    (tmp_path / "a.py").write_text(PY, encoding="utf-8")
    code, got, err = lines(tmp_path, monkeypatch, "a.py")
    assert code == 2 and got == []
    assert "a.py: processing scope 'bad': not a tree-sitter query" in err
    with pytest.raises(ReadError, match="not a tree-sitter query"):
        read_article("a.py", PY, read_as="a" + VIEW_EXTENSION, fragment=str(tmp_path / "styles" / "config" / "views" / "Py.yml"))


@needs_ts
def test_vale_views_fixture_source_files():
    """Vale's own case (features/views.feature): test.py through Python.yml (comments only, as
    Markdown), test.java through Strings.yml (string literals only)."""
    root = shared_or_skip("vale-conformance")
    case = next(c for c in json.loads((root / "cases.json").read_text(encoding="utf-8")) if c["cwd"] == "views")
    expected = [x for x in case["expected"] if x.split(":")[0] in ("test.py", "test.java")]
    assert len(expected) == 5
    _, out, _ = cli("--no-builtin", "--format", "line", "test.py", "test.java",
                    cwd=root / "testdata" / "fixtures" / "views")
    assert sorted(out.splitlines()) == sorted(expected)
