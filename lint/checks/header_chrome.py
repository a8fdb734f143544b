"""header_chrome: page furniture between the headline and the story.

A scraped page puts its chrome where the article starts: a section label
("Business", "International Football", "# Headlines Politics"), a tag or
an image caption naming the story's subject ("Donald Trump"), a share
button ("X"), a welcome or consent line ("Please select your experience"),
a lone dash or dot. Editors strip these lines; a linter can find them by
where they stand and what they are not.

The header region is what comes after the headline and before the story
(within the first ``window`` blocks): the paragraphs before a byline or
date line, and after it (or the headline) those up to the first paragraph
of at least ``min_words`` words. A
paragraph there is reported when it is short (at most ``max_words``
words), does not end like a sentence (. ! ? : …), and is not:

* a byline, a date or time line, the standfirst (the reader's scopes);
* a credit: it holds one of the data's ``credits`` (news agencies and
  newsroom words: "IANS Washington", "Zee Media Bureau", "Reuters") or a
  date;

and it is one of:

* a single word or bare punctuation ("Business", "X", "-", ".");
* a line with a symbol a heading of prose never holds (``#``, ``|``,
  ``/``, ``•``, ``»``), in lower case ("sport"), or in capitals
  ("GROUP A QATAR"), or with a lower-case word that is not a name particle
  ("Welcome to Africanews", "Posted on");
* a line with one of the data's ``labels`` (section and interface words:
  "Breaking News", "Watch Live", "Short Url");
* a name line whose every word recurs in the headline or the body: a tag
  or a caption of the story's subject ("Donald Trump" above a story about
  Trump). A name that does not recur is left alone: it may be the author's
  byline, printed without "By".

Only whole articles (with a headline) are checked.

``message`` substitutions: ``%s`` is the line, shortened.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._structure import excerpt, whole
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.dates import find_dates
from lint.model import Finding, Span
from lint.regexes import longest_first as _longest_first
from lint.rules import RuleBase
from lint.spec import BaseModel, ConfigDict, Field

DATA_KEYS = ("chrome",)
DEFAULT_MESSAGE = "'%s' between the headline and the story looks like page chrome (a section label, tag, caption or button), not part of the article."


class ChromeData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = ""
    labels: list[str] = Field(default_factory=list)
    credits: list[str] = Field(default_factory=list)
    particles: list[str] = Field(default_factory=list)


class Params(RuleBase):
    extends: Literal["header_chrome"]
    chrome: ChromeData
    labels: list[str] = Field(default_factory=list)  # more, besides the data file's
    credits: list[str] = Field(default_factory=list)
    max_words: int = Field(default=5, ge=1)
    min_words: int = Field(default=8, ge=2)
    window: int = Field(default=8, ge=1)


_WORD = regexes.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*")
_SENTENCE_END = regexes.compile(r"[.!?:…][\"”’')\]]*\s*$")
_SYMBOL = regexes.compile(r"[#|/•»«>]|^\W+$")
_TIME = regexes.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", regex.I)


def _alternation(words: list[str]) -> regex.Pattern | None:
    words = sorted({w.strip() for w in words if w.strip()}, key=_longest_first)
    if not words:
        return None
    return regexes.compile(
        r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(w) for w in words) + r")(?![\p{L}\p{N}])", regex.I
    )


class HeaderChrome:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        self.labels = _alternation(p.chrome.labels + p.labels)
        self.credits = _alternation(p.chrome.credits + p.credits)
        self.particles = frozenset(w.lower() for w in p.chrome.particles)
        self.max_words, self.min_words, self.window = p.max_words, p.min_words, p.window

    def header(self, article: Article) -> list[Block]:
        """The paragraphs between the headline and the story: those before
        a byline near the top, then those up to the first long paragraph."""
        top = [b for b in article.blocks if b.scope != "headline"][: self.window]
        bylines = [k for k, b in enumerate(top) if b.scope == "byline"]
        out = [b for b in top[: bylines[-1]] if b.scope == "paragraph"] if bylines else []
        for b in top[bylines[-1] + 1:] if bylines else top:
            if b.scope != "paragraph":
                continue
            if len(_WORD.findall(b.text)) >= self.min_words:
                break
            out.append(b)
        return out

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if not whole(article):
            return
        header = self.header(article)
        if not header:
            return
        chosen = {(b.start, b.end) for b in blocks}
        rest: str | None = None
        for b in header:
            if (b.start, b.end) not in chosen:
                continue
            text = b.text.strip()
            words = _WORD.findall(text)
            if len(words) > self.max_words or (_SENTENCE_END.search(text) and len(words) > 1):
                continue
            if (self.credits is not None and self.credits.search(text)) or find_dates(text) or _TIME.search(text):
                continue
            if not self._chrome(text, words):
                if rest is None:
                    rest = _elsewhere(article, header)
                if not _recurs(words, rest):
                    continue
            yield Finding(Span(b.start, b.end), format_message(self.message, excerpt(text, 50)))

    def _chrome(self, text: str, words: list[str]) -> bool:
        if len(words) <= 1 or _SYMBOL.search(text):
            return True
        if self.labels is not None and self.labels.search(text):
            return True
        if text[0].islower() or (text.isupper() and len(words) > 1):
            return True
        return any(w[0].islower() and w.lower() not in self.particles for w in words)


def _elsewhere(article: Article, header: list[Block]) -> str:
    skip = {(b.start, b.end) for b in header}
    return "\n".join(b.text for b in article.blocks if (b.start, b.end) not in skip)


def _recurs(words: list[str], rest: str) -> bool:
    """Every word of a name line stands, capitalised, elsewhere in the article."""
    return all(regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(w)}(?![\p{{L}}\p{{N}}])", rest) for w in words)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> HeaderChrome:
    return HeaderChrome(p)
