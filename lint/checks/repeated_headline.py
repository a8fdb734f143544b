"""repeated_headline: the headline repeated later in the article.

The reader records repeated headline lines in
``article.meta.repeated_headlines``; a body paragraph equal to the
headline (after whitespace normalisation) counts too. Each repetition is
reported, with a related location at the headline, and an unsafe fix that
deletes it with its line break. In Markdown, an H1 equal to the
front-matter title is reported at suggestion level (it may be the page's
only visible title).

``message`` substitutions: ``%s`` is what is repeated: ``the headline``,
or ``the front-matter title`` when the headline is only in the front matter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint.article import Article, Block
from lint.checks._repeated import delete_line, norm
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Related, Severity, Span
from lint.rules import RuleBase

DEFAULT_MESSAGE = "Repeats %s: residue of the page the article was copied from."


class Params(RuleBase):
    extends: Literal["repeated_headline"]


class RepeatedHeadline:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        meta = article.meta
        if not meta.headline:
            return
        text = article.text
        repeats = sorted(set(meta.repeated_headlines))
        seen = set(repeats)
        key = norm(meta.headline)
        # headline text that came back as a body paragraph
        lead = key.split(" ", 1)[0]  # norm keeps every word: a paragraph without it is not the headline
        for b in article.blocks:
            if (
                b.scope == "paragraph" and len(b.text) >= len(key) and lead in b.text
                and (b.start, b.end) not in seen and norm(b.text) == key
            ):
                repeats.append((b.start, b.end))
        if not repeats:
            return
        index = article.line_index
        first = next(
            (b for b in article.blocks if b.scope == "headline" and (b.start, b.end) not in seen), None
        )
        if first is not None:
            msg = format_message(self.message, "the headline")
            related: tuple[Related, ...] = (Related(Span(first.start, first.end), "the headline"),)
        else:
            msg = format_message(self.message, "the front-matter title")
            related = ()
        md = article.format == "md"
        for s, e in sorted(repeats):
            fix = Fix((Edit(delete_line(text, index, s, e), ""),), "unsafe", "Delete the repeated headline")
            yield Finding(Span(s, e), msg, fix, Severity.SUGGESTION if md and first is None else None, related)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> RepeatedHeadline:
    return RepeatedHeadline(p)
