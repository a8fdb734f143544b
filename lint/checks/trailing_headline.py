"""trailing_headline: other stories' headlines after the end of the article.

What a page's "Related", "More stories" or "You may also like" box leaves
when it is captured with the story: after the last finished paragraph
(prose, see ``_truncation``, that ends with terminal punctuation), lines
that read as headlines, not as sentences: no terminal punctuation, between
``min_words`` and ``max_words`` words, opening with a capital or a digit,
and either in title case (at least ``title_share`` of the words of four
letters or more capitalised, and at least three such words) or after a
related-links label among those last lines (a short line ending with a
colon, or one of ``labels``, matched whole and case-blind: "RELATED:",
"More stories", "You may also like").

Not reported: a sign-off ("Reporting by ...", "Follow us on ...",
"Source: ..."), a credit ("... contributed to this report"), an author's
note, a line ending in a URL, a handle or a network's name (the same tests
as ends_mid_sentence), and anything before the last finished paragraph (a
crosshead). Only articles read whole. Each line is one finding.

``message`` substitutions: ``%s`` is the line, shortened to 50 characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import excerpt, whole
from lint.checks._truncation import BIO, LINKISH_END, SIGN_OFF, is_prose, words
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Finding, Span
from lint.rules import RuleBase
from lint.spec import Field

DEFAULT_MESSAGE = "'%s' after the end of the story reads as another story's headline (a related link), not part of the article."

_END = regexes.compile(r"[.!?…:;,\"”’»)\]]\s*$")
_OPENS = regexes.compile(r"^[\"“‘'(\[]*[\p{Lu}\p{Lt}\d]")
_CREDIT = regexes.compile(r"(?i)\b(?:contributed|reported|wrote|writes|reporting|editing|writing|photographs?)\b")
_LABEL_END = regexes.compile(r":\s*$")
_FINISHED = regexes.compile(r"[.!?…\"”’»)\]]\s*$")


class Params(RuleBase):
    extends: Literal["trailing_headline"]
    min_words: int = Field(default=5, ge=1)
    max_words: int = Field(default=20, ge=1)
    title_share: float = Field(default=0.8, gt=0, le=1)
    # related-links labels, matched whole and case-blind (a short line ending with ":" is one too)
    labels: list[str] = Field(default_factory=list)


class TrailingHeadline:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE
        self.labels = frozenset(" ".join(lab.casefold().split()) for lab in p.labels)

    def _is_label(self, text: str) -> bool:
        if len(words(text)) <= 4 and _LABEL_END.search(text):
            return True
        return " ".join(text.casefold().strip(" \t:.-–—•|>»").split()) in self.labels

    def _title_case(self, ws: list[str]) -> bool:
        long = [w for w in ws if len(w) >= 4 and not w[0].isdigit()]
        if len(long) < 3:
            return False
        upper = sum(1 for w in long if w[0].isupper())
        return upper >= self.p.title_share * len(long)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article):
            return
        paragraphs = [b for b in article.blocks if b.scope == "paragraph"]
        last = next(
            (i for i in range(len(paragraphs) - 1, -1, -1)
             if is_prose(paragraphs[i]) and _FINISHED.search(paragraphs[i].text)),
            None,
        )
        if last is None:
            return
        after_label = False
        for b in paragraphs[last + 1:]:
            text = b.text
            if self._is_label(text):
                after_label = True
                continue
            ws = words(text)
            if not self.p.min_words <= len(ws) <= self.p.max_words or _END.search(text) or not _OPENS.match(text):
                continue
            if SIGN_OFF.search(text) or LINKISH_END.search(text) or BIO.match(text) or _CREDIT.search(text):
                continue
            if not (after_label or self._title_case(ws)):
                continue
            yield Finding(Span(b.start, b.end), format_message(self.message, excerpt(text)))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> TrailingHeadline:
    return TrailingHeadline(p)
