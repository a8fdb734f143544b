"""repeated_paragraph: a body paragraph that repeats an earlier one word for word.

Compared after whitespace normalisation; paragraphs of fewer than
``min_words`` words ("News", "Loading...", a one-line subheading) are left
to other rules. Reported with a related location at the first occurrence,
and an unsafe fix that deletes the repetition with its line break (the
repeated paragraph may be the one to keep).

``message`` substitutions: ``%s`` is the paragraph (shortened to 50
characters).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._repeated import delete_line, excerpt, norm_block, word_count
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "This paragraph repeats an earlier one word for word ('%s')."


class Params(RuleBase):
    extends: Literal["repeated_paragraph"]
    min_words: int = Field(default=8, ge=1)  # shorter ones are not compared


class RepeatedParagraph:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        text = article.text
        first: dict[str, Block] = {}
        for b in blocks:
            if b.scope != "paragraph":
                continue
            key = norm_block(b.text)
            if word_count(key) < self.p.min_words:
                continue
            earlier = first.get(key)
            if earlier is None:
                first[key] = b
                continue
            msg = format_message(self.message, excerpt(b.text))
            fix = Fix((Edit(delete_line(text, article.line_index, b.start, b.end), ""),), "unsafe", "Delete the repeated paragraph")
            yield Finding(Span(b.start, b.end), msg, fix, None, (Related(Span(earlier.start, earlier.end), "the first occurrence"),))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> RepeatedParagraph:
    return RepeatedParagraph(p)
