"""MDX (lint/readers/markdown.py, read_mdx): Markdown with JSX, ESM and expressions blanked."""

from __future__ import annotations

from helpers import cli
from lint.readers import read_article

MDX = """\
import {Chart} from './chart.js'
export const TODO = 3.14

# Title

An <External>XXX</External> word and {1 + 2} more, `{kept}` in code.

<Component
  label={'not > prose'}
  icon={<Icon />}
/>

{(function () {
  const TODO = 1
})()}

    Indented text is a paragraph in MDX.

```js
const x = <b>code</b>
```

<https://example.com> stays a link, a < b stays text.
"""


def prose(text: str) -> list[str]:
    article = read_article("a.mdx", text)
    for b in article.blocks:
        assert len(b.text) == b.end - b.start
        src = text[b.start : b.end]
        assert all(c == " " or c == src[k] for k, c in enumerate(b.text))
    return [" ".join(b.text.split()) for b in article.blocks]


def test_jsx_esm_and_expressions_are_not_prose():
    assert prose(MDX) == [
        "Title",
        "An word and more, in code.",
        "Indented text is a paragraph in MDX.",
        "stays a link, a < b stays text.",
    ]


def test_the_article_keeps_the_source_and_markdown_semantics():
    article = read_article("a.mdx", MDX)
    assert article.text == MDX
    assert article.format == "md"
    # the same text as .md: indented code, and "{...}" is text
    md = [" ".join(b.text.split()) for b in read_article("a.md", MDX).blocks]
    assert "Indented text is a paragraph in MDX." not in md
    assert any("{1 + 2}" in t for t in md)


def test_an_unclosed_expression_or_tag_is_left_as_text():
    assert prose("A {brace that never closes\n\nNext.\n") == ["A {brace that never closes", "Next."]
    assert prose("A <Tag that never closes\n\nNext.\n") == ["A <Tag that never closes", "Next."]


def test_front_matter_is_read():
    article = read_article("a.mdx", "---\ntitle: A {title}\n---\n\nText {x}.\n")
    assert article.meta.headline == "A {title}"
    assert prose("---\ntitle: A\n---\n\nText {x}.\n") == ["Text ."]


RULE = "extends: existence\nmessage: \"'%s' left in text\"\nlevel: error\ntokens: [TODO, XXX]\n"


def test_mdx_comments_are_vale_comments(tmp_path, monkeypatch):
    (tmp_path / "r" / "T").mkdir(parents=True)
    (tmp_path / "r" / "T" / "R.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / "a.mdx").write_text(
        "TODO one\n\n{/* vale off */}\n\nTODO two\n\n{/* vale on */}\n\nXXX three {/* TODO */}\n", encoding="utf-8")
    _, out, _ = cli("--isolated", "--no-builtin", "--format", "line", "--rules", "r", "a.mdx",
                    cwd=tmp_path, monkeypatch=monkeypatch)
    assert out.splitlines() == ["a.mdx:1:1:T.R:'TODO' left in text", "a.mdx:9:1:T.R:'XXX' left in text"]
