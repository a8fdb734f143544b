"""Vale's Views: JSON and YAML files read through ``StylesPath/config/views/<Name>.yml``
(lint/readers/vale_views.py, lint/readers/dasel.py, the ``View`` key of lint/vale_config.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers import cli, shared_or_skip
from lint.model import Edit, Span
from lint.readers import ReadError, read_article
from lint.readers.dasel import DaselError, select
from lint.readers.vale_views import VIEW_EXTENSION, _yaml_table, read_view
from lint.vale_config import load

# -- the selectors ---------------------------------------------------------------------

DOC = {
    "info": {"title": "T", "description": "D"},
    "paths": {"/a": {"get": {"summary": "S", "description": "G"}, "parameters": [{"description": "P"}]}},
    "tags": [{"name": "pet", "description": "t1"}, {"name": "store", "description": "t2"}, {"name": "x"}],
    "words": ["one", "two", "three"],
    "n": 3,
}


@pytest.mark.parametrize(("expr", "expected"), [
    ("info.title", ["T"]),
    (".info.title", ["T"]),  # dasel v2's leading dot
    ("$root.info.description", ["D"]),
    ("tags.all().description", ["t1", "t2"]),
    ("tags.*.description", ["t1", "t2"]),
    ("tags.[*].description", ["t1", "t2"]),
    ("tags[1].name", ["store"]),
    ("words.index(0, 2)", ["one", "three"]),
    ("words.first()", ["one"]),
    ("words.last()", ["three"]),
    ("words[-2]", ["two"]),
    ("words", ["one", "two", "three"]),  # a selection of one list stands for its elements
    ("paths.all().all().property(summary,description)", ["S", "G"]),
    ('search(has("description")).map(description)', ["D", "G", "P", "t1", "t2"]),
    ('paths.search(has("summary")).map(summary)', ["S"]),
    ('tags.filter(name == "store").description', ["t2"]),
    ('tags.filter(has("description") && !(name == "pet")).description', ["t2"]),
    ('tags.filter(name != "pet" || name == "pet").name', ["pet", "store", "x"]),
    ('"info".title', ["T"]),
    ("info.missing", []),  # a missing key selects nothing
    ("info.missing?.all()", []),
    ("n.all()", []),
    ("words.keys()", []),
])
def test_selectors(expr, expected):
    assert [v for _, v in select(DOC, expr)] == expected


def test_selected_items_carry_their_path():
    assert select(DOC, 'search(has("summary")).map(summary)') == [(("paths", "/a", "get", "summary"), "S")]
    assert select(DOC, "words[1]") == [(("words", 1), "two")]


@pytest.mark.parametrize("expr", ["info.title.upper()", "tags.filter(name)", "tags[x]", 'info."open', "info title"])
def test_selectors_outside_the_subset_are_errors(expr):
    with pytest.raises(DaselError):
        select(DOC, expr)


# -- where a YAML value is written ------------------------------------------------------------


def scalars(src: str) -> list:
    out: list = []

    def walk(node) -> None:
        if isinstance(node, yaml.MappingNode):
            for _, v in node.value:
                walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v)
        else:
            out.append(node)

    walk(yaml.compose(src, Loader=yaml.SafeLoader))
    return out


@pytest.mark.parametrize(("src", "value"), [
    ("a: plain value  # comment\n", "plain value"),
    ('a: "caf\\u00e9 \\"q\\" \\\\ \\x41"\n', 'café "q" \\ A'),
    ("a: 'it''s'\n", "it's"),
    ("a: plain\n  continued\n\n  after empty\n", "plain continued\nafter empty"),
    ('a: "one   \n   two"\n', "one two"),  # the blanks around a folded break go
    ('a: "wrap\\\n    \\ ped"\n', "wrap ped"),  # an escaped line break
    ("a: |\n  one\n    two\n  three\n\n", "one\n  two\nthree"),
    ("a: >-\n  folded one\n  folded two\n", "folded one\nfolded two"),  # Vale reads > as |
    ("a: |2\n    deeper\n  base\n", "  deeper\nbase"),
    ("- 'x\r\n  y'\r\n", "x y"),
])
def test_yaml_scalars_map_every_character(src, value):
    (node,) = scalars(src)
    text, starts, ends = _yaml_table(src, node)
    assert text == value
    for k, ch in enumerate(text):
        raw = src[starts[k] : ends[k]]
        if ch in " \n" and raw.strip() == "":
            continue  # a folded or kept line break
        assert raw == ch or raw.startswith(("\\", "''")), (k, ch, raw)


# -- reading a file through its view ---------------------------------------------------------

VIEW = """\
engine: dasel
scopes:
  - name: title
    expr: info.title
  - expr: info.description
    type: md
  - expr: tags.all().description
"""

YML = """\
# TODO in a comment
info:
  title: "TODO title"
  description: |
    TODO first, `TODO` in code.

    - TODO item
  version: TODO
tags:
  - name: TODO
    description: Caf\u00e9 TODO
"""


def write_view(tmp_path: Path, name: str = "V", body: str = VIEW) -> Path:
    views = tmp_path / "styles" / "config" / "views"
    views.mkdir(parents=True, exist_ok=True)
    p = views / f"{name}.yml"
    p.write_text(body, encoding="utf-8")
    return p


def test_yaml_view_blocks(tmp_path):
    view = write_view(tmp_path)
    article = read_view("a.yml", YML, fragment=str(view))
    assert [(b.scope, " ".join(b.text.split())) for b in article.blocks] == [
        ("headline", "TODO title"),
        ("paragraph", "TODO first, in code."),
        ("list", "TODO item"),
        ("paragraph", "Café TODO"),
    ]
    assert article.format == "md"
    assert article.meta.headline == "TODO title"
    # every TODO of the article text is at a TODO of the file
    sm = article.source_map
    k = -1
    while (k := article.text.find("TODO", k + 1)) != -1:
        s, e = sm.span(k, k + 4)
        assert YML[s:e] == "TODO"


def test_json_view_maps_escapes(tmp_path):
    view = write_view(tmp_path, body="engine: dasel\nscopes:\n  - expr: info.description\n")
    src = '{"info": {"description": "caf\\u00e9 \\"TODO\\"", "other": "TODO"}}'
    article = read_view("a.json", src, fragment=str(view))
    assert article.text == 'café "TODO"'
    s, e = article.source_map.span(6, 10)
    assert src[s:e] == "TODO"
    # a fix is written escaped for the JSON string it goes into
    edit = article.source_map.edit(Edit(Span(6, 10), 'say "x"'))
    assert edit is not None and edit.replacement == 'say \\"x\\"'


def test_a_view_that_is_broken_or_missing_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="no view file"):
        read_view("a.yml", YML, fragment=str(tmp_path / "nope.yml"))
    bad = write_view(tmp_path, body="engine: dasel\n")
    with pytest.raises(ReadError, match="missing queries"):
        read_view("a.yml", YML, fragment=str(bad))
    sel = write_view(tmp_path, "S", "engine: dasel\nscopes:\n  - expr: info.upper()\n")
    with pytest.raises(ReadError, match=r"upper\(\) is not supported"):
        read_view("a.yml", YML, fragment=str(sel))
    with pytest.raises(ReadError, match="invalid YAML") as exc:
        read_view("a.yml", "a: [1\nb: 2\n", fragment=str(write_view(tmp_path)))
    assert exc.value.line == 2
    with pytest.raises(ReadError, match="invalid JSON"):
        read_view("a.json", "{", fragment=str(write_view(tmp_path)))


def test_read_article_dispatches_the_view_extension(tmp_path):
    view = write_view(tmp_path)
    article = read_article("a.yml", YML, read_as="a" + VIEW_EXTENSION, fragment=str(view))
    assert article.blocks[0].text == "TODO title"


def test_vale_config_names_the_view_of_a_file(tmp_path):
    write_view(tmp_path)
    write_view(tmp_path, "Py", "engine: tree-sitter\nscopes:\n  - expr: (comment)+ @comment\n")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n[*.yml]\nView = V\n[b.yml]\nView = Missing\n[*.py]\nView = Py\n[*.md]\nBasedOnStyles = Vale\n",
        encoding="utf-8")
    cfg = load(tmp_path / ".vale.ini")
    assert cfg.view_for("a.yml") == tmp_path / "styles" / "config" / "views" / "V.yml"
    assert cfg.read_as("a.yml") == VIEW_EXTENSION
    assert cfg.fragment("a.yml") == str(tmp_path / "styles" / "config" / "views" / "V.yml")
    # the last matching section wins; a missing view of a YAML file is still its reader's (to report)
    assert cfg.view_for("b.yml") == tmp_path / "styles" / "config" / "views" / "Missing.yml"
    # a tree-sitter view of source code with a grammar is read (tests/test_readers_views_treesitter.py)
    assert cfg.view_for("a.py") == tmp_path / "styles" / "config" / "views" / "Py.yml"
    # near misses: a file no View names
    assert cfg.view_for("a.md") is None and cfg.read_as("a.md") is None


# -- end to end: newslint with the .vale.ini ----------------------------------------------------

RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\nscope: {scope}\ntokens: [TODO]\n"


def project(tmp_path: Path, ini: str = "[*.{yml,json}]\nBasedOnStyles = T\nView = V\n", scope: str = "text") -> None:
    (tmp_path / "styles" / "T").mkdir(parents=True, exist_ok=True)
    (tmp_path / "styles" / "T" / "R.yml").write_text(RULE.format(scope=scope), encoding="utf-8")
    write_view(tmp_path)
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n" + ini, encoding="utf-8")


def lines(tmp_path: Path, monkeypatch, *args: str) -> tuple[int, list[str]]:
    code, out, _ = cli("--no-builtin", "--format", "line", *args, cwd=tmp_path, monkeypatch=monkeypatch)
    return code, [line.removeprefix("./") for line in out.splitlines()]


def test_only_the_selected_values_are_linted_where_they_are(tmp_path, monkeypatch):
    project(tmp_path)
    (tmp_path / "a.yml").write_text(YML, encoding="utf-8")
    code, got = lines(tmp_path, monkeypatch, "a.yml")
    # not the comment, the keys, the code span, the version or the tag's name
    assert got == [
        "a.yml:3:11:T.R:'TODO' left in text",
        "a.yml:5:5:T.R:'TODO' left in text",
        "a.yml:7:7:T.R:'TODO' left in text",
        "a.yml:11:23:T.R:'TODO' left in text",
    ]
    assert code == 1


def test_json_values_columns_count_the_file_and_escaped_breaks_are_spaces(tmp_path, monkeypatch):
    project(tmp_path)
    doc = {"info": {"title": "x \u00e9 TODO", "description": "line one\n- TODO not a list", "TODO": "key"}}
    (tmp_path / "a.json").write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    _, got = lines(tmp_path, monkeypatch, "a.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    cols = [text.index("TODO", text.index("title")) + 1, text.index("TODO", text.index("description")) + 1]
    assert got == [f"a.json:1:{c}:T.R:'TODO' left in text" for c in cols]


def test_title_scope_reads_the_title_value_only(tmp_path, monkeypatch):
    project(tmp_path, scope="title")
    (tmp_path / "a.yml").write_text(YML, encoding="utf-8")
    _, got = lines(tmp_path, monkeypatch, "a.yml")
    assert got == ["a.yml:3:11:T.R:'TODO' left in text"]


def test_a_folder_walk_reads_files_with_a_view_only(tmp_path, monkeypatch):
    project(tmp_path, "[*.yml]\nBasedOnStyles = T\n[a.yml]\nView = V\n")
    (tmp_path / "a.yml").write_text(YML, encoding="utf-8")
    (tmp_path / "b.yml").write_text("info:\n  title: TODO\n", encoding="utf-8")  # no View: not walked
    code, got = lines(tmp_path, monkeypatch, ".")
    assert [g.split(":")[0] for g in got] == ["a.yml"] * 4
    assert code == 1
    # named on the command line, the file without a View is read as text, as before
    _, got = lines(tmp_path, monkeypatch, "b.yml")
    assert got == ["b.yml:2:10:T.R:'TODO' left in text"]


def test_a_missing_view_is_reported_and_the_run_fails(tmp_path, monkeypatch):
    project(tmp_path, "[*.yml]\nBasedOnStyles = T\nView = Nope\n")
    (tmp_path / "a.yml").write_text(YML, encoding="utf-8")
    code, out, err = cli("--no-builtin", "--format", "line", "a.yml", cwd=tmp_path, monkeypatch=monkeypatch)
    assert code == 2 and "T.R" not in out
    assert "no view file" in err and "Nope.yml" in err


def test_vale_views_fixture():
    """Vale's own case (features/views.feature): every line of the data files (the tree-sitter
    views of test.py/test.java: tests/test_readers_views_treesitter.py)."""
    root = shared_or_skip("vale-conformance")
    case = next(c for c in json.loads((root / "cases.json").read_text(encoding="utf-8"))
                if c["cwd"] == "views")
    expected = [x for x in case["expected"] if x.split(":")[0].endswith((".json", ".yml", ".yaml"))]
    code, out, err = cli("--no-builtin", "--format", "line", ".", cwd=root / "testdata" / "fixtures" / "views")
    import importlib.util

    if importlib.util.find_spec("tree_sitter") is None:  # without the 'views' extra test.py/test.java are read errors
        assert code == 2 and "pip install 'newslint[views]'" in err
    else:
        assert code == 1
    got = [line.removeprefix("./") for line in out.splitlines()]
    got = [g for g in got if g.split(":")[0].endswith((".json", ".yml", ".yaml"))]
    assert sorted(g for g in got if "Vale.Spelling" not in g) == sorted(x for x in expected if "Vale.Spelling" not in x)

    def no_column(line: str) -> tuple[str, str, str]:
        path, ln, _col, rest = line.split(":", 3)
        return path, ln, rest

    # Vale.Spelling with the built-in dictionary: the same words on the same lines ...
    assert sorted(map(no_column, got)) == sorted(map(no_column, expected))
    # ... and at the same columns, but where Vale places a word at its first
    # occurrence on the line ("...steps[*].env, jobs.<job_id>.env, and env keys":
    # the lone "env" at 256, Vale's column 228 is the "env" of "steps[*].env")
    moved = sorted(set(got) - set(expected)), sorted(set(expected) - set(got))
    assert moved == (["github-workflow.json:228:256:Vale.Spelling:Did you really mean 'env'?"],
                     ["github-workflow.json:228:228:Vale.Spelling:Did you really mean 'env'?"])
    assert len(expected) == 32
