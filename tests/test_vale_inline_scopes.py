"""Vale's inline scopes (issue 15): ``link``, ``strong``, ``emphasis`` and
``figure.caption``.

Vale lints the text right after the start tag of ``a`` (``link``), ``strong``/``b``
(``strong``) and ``em``/``i`` (``emphasis``) a second time with that scope alone
(errata-ai/vale internal/lint/ast.go, ``tagToScope``), so a rule scoped ``link``
reads link texts only and a ``text`` or ``paragraph`` rule reads them once, in
their paragraph. ``figcaption`` blocks are ``figure.caption``, no paragraph.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from helpers import cli

PLONE = Path(__file__).resolve().parents[2] / "shared" / "vale-packages" / "testthedocs+plone-vale" / "styles" / "plone"

RULE = "extends: existence\nmessage: \"{scope}: '%s'\"\nlevel: error\nscope: {scope}\nignorecase: true\ntokens: [here, TODO]\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, scopes: tuple[str, ...], *files: str, monkeypatch) -> list[str]:
    """The findings of one rule per scope, a Vale style under a .vale.ini (HTML is read as Vale reads it)."""
    for scope in scopes:
        write(root, {f"styles/T/{scope.replace('.', '_').title()}.yml": RULE.format(scope=scope)})
    write(root, {".vale.ini": "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = T\n"})
    _, out, _ = cli("--no-builtin", "--format", "line", *files, cwd=root, monkeypatch=monkeypatch)
    return out.splitlines()


MD = """\
    # Read here

    Click [here](https://example.com/a) or here, then **TODO now** and *here* too.

    A [see *here* now](u) and __todo__, `[here](u)` and <a href="y">here</a>.
    """


def test_link_scope_reads_only_link_texts_in_markdown(tmp_path, monkeypatch):
    write(tmp_path, {"a.md": MD})
    assert run(tmp_path, ("link",), "a.md", monkeypatch=monkeypatch) == [
        "a.md:3:8:T.Link:link: 'here'",
        "a.md:5:65:T.Link:link: 'here'",  # inline HTML <a>
    ]  # not the heading, "or here", the link "see *here* now" (its text is "see"), code


def test_strong_and_emphasis_scopes_in_markdown(tmp_path, monkeypatch):
    write(tmp_path, {"a.md": MD})
    assert run(tmp_path, ("strong", "emphasis"), "a.md", monkeypatch=monkeypatch) == [
        "a.md:3:53:T.Strong:strong: 'TODO'",
        "a.md:3:69:T.Emphasis:emphasis: 'here'",
        "a.md:5:9:T.Emphasis:emphasis: 'here'",  # emphasis inside a link
        "a.md:5:29:T.Strong:strong: 'todo'",
    ]


def test_text_and_paragraph_rules_see_inline_texts_once(tmp_path, monkeypatch):
    write(tmp_path, {"a.md": MD})
    out = run(tmp_path, ("text", "paragraph"), "a.md", monkeypatch=monkeypatch)
    assert [x for x in out if x.startswith("a.md:3:")] == [
        "a.md:3:8:T.Paragraph:paragraph: 'here'", "a.md:3:8:T.Text:text: 'here'",
        "a.md:3:40:T.Paragraph:paragraph: 'here'", "a.md:3:40:T.Text:text: 'here'",
        "a.md:3:53:T.Paragraph:paragraph: 'TODO'", "a.md:3:53:T.Text:text: 'TODO'",
        "a.md:3:69:T.Paragraph:paragraph: 'here'", "a.md:3:69:T.Text:text: 'here'",
    ]
    assert len(out) == len(set(out))


def test_markdown_autolinks_and_nested_markup(tmp_path, monkeypatch):
    write(tmp_path, {"a.md": """\
        See <https://here.example> and ***here*** and [**here**](u) and [`x` here](u).

        Not linked: here, [here] and here_there.
        """})
    assert run(tmp_path, ("link", "strong", "emphasis"), "a.md", monkeypatch=monkeypatch) == [
        "a.md:1:14:T.Link:link: 'here'",  # the autolink's text is its URL
        "a.md:1:35:T.Strong:strong: 'here'",  # ***a***: <em><strong>a</strong></em>
        "a.md:1:50:T.Strong:strong: 'here'",  # [**a**](u): the link's text starts with <strong>
    ]  # [`x` here](u): the link's text starts with <code>, so no link text (Vale's)


HTML = """\
    <html><body>
    <p>Go <a href="x">here</a> or here, <b>todo</b> <strong>see <em>here</em> now</strong>.</p>
    <p><i>here &amp; there</i> and <a href="u"><code>here</code></a> and <a href="here">here</a></p>
    <table><tr><td>here</td></tr></table>
    <figcaption>TODO caption</figcaption>
    </body></html>
    """


def test_inline_scopes_in_html(tmp_path, monkeypatch):
    write(tmp_path, {"a.html": HTML})
    assert run(tmp_path, ("link", "strong", "emphasis", "figure.caption"), "a.html", monkeypatch=monkeypatch) == [
        "a.html:2:19:T.Link:link: 'here'",
        "a.html:2:40:T.Strong:strong: 'todo'",
        "a.html:2:65:T.Emphasis:emphasis: 'here'",  # "see" is strong, "here" emphasis
        "a.html:3:7:T.Emphasis:emphasis: 'here'",
        "a.html:3:85:T.Link:link: 'here'",  # a text that is its own href: starred in the paragraph only
        "a.html:5:13:T.Figure_Caption:figure.caption: 'TODO'",
    ]


def test_html_paragraph_rule_skips_captions_and_sees_links_once(tmp_path, monkeypatch):
    write(tmp_path, {"a.html": HTML})
    out = run(tmp_path, ("paragraph",), "a.html", monkeypatch=monkeypatch)
    assert [x for x in out if x.startswith(("a.html:2:", "a.html:5:"))] == [
        "a.html:2:19:T.Paragraph:paragraph: 'here'",
        "a.html:2:31:T.Paragraph:paragraph: 'here'",
        "a.html:2:40:T.Paragraph:paragraph: 'todo'",
        "a.html:2:65:T.Paragraph:paragraph: 'here'",
    ]  # line 5, the <figcaption>, is figure.caption


def test_a_qualified_inline_scope_matches_nothing_as_in_vale(tmp_path, monkeypatch):
    write(tmp_path, {"a.md": MD})
    assert run(tmp_path, ("link.md",), "a.md", monkeypatch=monkeypatch) == []  # Vale's block is scoped "link" alone


@pytest.mark.skipif(not PLONE.is_dir(), reason="the shared Vale packages are not here")
def test_plone_link_rule_under_a_vale_configuration(tmp_path, monkeypatch):
    shutil.copytree(PLONE, tmp_path / "styles" / "plone")
    write(tmp_path, {
        ".vale.ini": "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = plone\n",
        "doc.md": """\
            # Install

            To install, [click here](https://example.com/install). Details are
            [in the manual](https://example.com/manual); click here for nothing.
            """,
    })
    _, out, err = cli("--no-builtin", "--select", "plone.Link", "--format", "line", "doc.md",
                      cwd=tmp_path, monkeypatch=monkeypatch)
    assert out.splitlines() == ["doc.md:3:14:plone.Link:Don't use 'click here' as the content of a link."]
    assert "matches nothing" not in err
