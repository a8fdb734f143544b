"""broken_hyphen: a word broken at the end of a printed line ("build- ing").

Print and PDF text keeps the hyphen that the layout put at a line end: the
word comes out as "imple- mented" (lines joined with a space) or as
"imple-" at the end of one line and "mented" at the start of the next. A
break ``X- y`` (``y`` in lower case) is reported when the joined word
``Xy``:

* appears elsewhere in the same article as a whole word (any case), or
* is one of the data's ``words``, or
* when ``y`` alone is one of the data's ``fragments``: a word's tail that is
  never a word by itself ("ing", "tion", "ments").

It is never reported when ``y`` is one of ``suspended`` ("pre- and
post-war", "full- or part-time", "two- to three-year"). The fix joins the
two parts; where the article writes the hyphenated form elsewhere
("build-ing" elsewhere), the fix keeps the hyphen and only closes the gap.
The fix is safe: it only removes the layout's break.

``message`` substitutions: ``%s`` is the broken text as written, then the
joined form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.model import Edit, Finding, Fix, Span
from lint.rules import RuleBase
from lint.spec import BaseModel, ConfigDict, Field

DATA_KEYS = ("hyphenation",)
DEFAULT_MESSAGE = "'%s' looks like a word broken at a line end: write '%s'."

# letters, a hyphen, then a space or a line break (with the spaces around
# it), then a lower-case letter: the layout's break inside one word
_BREAK = regexes.compile(
    r"(?<![\p{L}\p{N}\-‐])(\p{L}+)[-‐](?:[ \t]*(?:\r\n|\r|\n)[ \t]*|[ \t]+)(\p{Ll}\p{L}*)(?![\p{N}\-‐])"
)
_WORD = regexes.compile(r"\p{L}+(?:[-‐]\p{L}+)*")
# what every break has, searched first: a block without it is not searched
# with _BREAK (which tries each letter as a word's start)
_HYPHEN_SPACE = regexes.compile(r"[-‐][ \t\r\n]")


class HyphenationData(BaseModel):
    """rules/News/data/hyphenation.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    fragments: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    suspended: list[str] = Field(default_factory=list)


class Params(RuleBase):
    extends: Literal["broken_hyphen"]
    hyphenation: HyphenationData = Field(default_factory=HyphenationData)


class BrokenHyphen:
    def __init__(self, p: Params):
        self.message = p.message or DEFAULT_MESSAGE
        data = p.hyphenation
        self.fragments = frozenset(w.casefold() for w in data.fragments)
        self.words = frozenset(w.casefold() for w in data.words)
        self.suspended = frozenset(w.casefold() for w in data.suspended)

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if article.edges and _HYPHEN_SPACE.search(article.text) is None:
            return  # blocks are slices of the text: none has a hyphen before a space
        hits = [(b, m) for b in blocks if _HYPHEN_SPACE.search(b.text) for m in _BREAK.finditer(b.text)]
        hits = [(b, m) for b, m in hits if m.group(2).casefold() not in self.suspended]
        if not hits:
            return
        # whole words of the article, with the count of each, and hyphenated ones
        counts: dict[str, int] = {}
        for w in _WORD.findall(article.text):
            w = w.casefold().replace("‐", "-")
            counts[w] = counts.get(w, 0) + 1
            if "-" in w:
                for part in w.split("-"):
                    counts[part] = counts.get(part, 0) + 1
        for b, m in hits:
            first, second = m.group(1), m.group(2)
            joined = (first + second).casefold()
            hyphenated = f"{first}-{second}".casefold()
            elsewhere = counts.get(joined, 0) > 0
            hyphen_elsewhere = counts.get(hyphenated, 0) > 0
            if not (elsewhere or hyphen_elsewhere or joined in self.words or second.casefold() in self.fragments):
                continue
            fixed = f"{first}-{second}" if hyphen_elsewhere and not elsewhere else first + second
            start, end = b.start + m.start(), b.start + m.end()
            shown = " ".join(m.group(0).split())
            fix = Fix((Edit(Span(start, end), fixed),), "safe", f"Join '{fixed}'")
            yield Finding(Span(start, end), format_message(self.message, shown, fixed), fix)


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> BrokenHyphen:
    return BrokenHyphen(p)
