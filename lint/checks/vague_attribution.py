"""vague_attribution: a claim attributed to no one in particular.

"Some analysts suggest", "there are indications", "it is understood",
"experts note", "sources say", "according to media reports", "reportedly"
(the ``vague`` list of the attribution data file, compiled into one
case-insensitive alternation) are flagged unless a named source follows in
the same sentence or the next one (Wikipedia's guideline on weasel words
makes that exception). A named source is a proper name (a run of
capitalised words, "Amnesty International", "the Institute for the Study
of War", "Valfovich", or a title and a name, "Defence Secretary Ben
Wallace") that stands in a source's place:

* tied to the vague phrase: "Analysts at Capital Economics suggest",
  "Some analysts, including Tatiana Stanovaya of R.Politik, suggest",
  "Capital Economics analysts say" (two capitalised words or more before);
* or speaking, after the phrase or in the next sentence (the next
  paragraph's first sentence when the phrase ends its paragraph):
  "Valfovich said", "X, a spokesman, told", "said the Kremlin",
  "according to Amnesty International".

A capitalised word alone at the start of a sentence is a name only when it
is not a pronoun or a generic noun (``not_names``: "He said", "Police
said" name no one), and a nationality alone ("according to Israeli
officials") is not a name. Names that merely occur nearby ("additional
Russian forces", "the Zapad 2025 drills") are not sources.

``message`` substitutions: ``%s`` is the vague phrase as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.figures import AttributionData, _compile, _words
from lint.model import Finding, Severity, Span
from lint.rules import CompileError, RuleBase

DATA_KEYS = ("attribution",)
DEFAULT_MESSAGE = "'%s' attributes the claim to no one in particular: name the source or drop the claim."


class Params(RuleBase):
    extends: Literal["vague_attribution"]
    attribution: AttributionData
    tokens: list[str] = Field(default_factory=list)  # more vague phrases, besides the data file's


# A proper name: capitalised words, joined by a few lower-case particles
# ("Institute for the Study of War", "Jamon Van Den Hoek", "R.Politik").
_CAP = r"(?-i:\p{Lu})[\p{L}\p{M}\d.'’&-]*"
_NAME = rf"(?P<name>{_CAP}(?:(?:'s|’s)?\s+(?:(?:of|for|the|and|on|de|du|la|van|von|der|den|al|bin|da)\s+)*{_CAP})*)"
_SPEECH = (
    r"said|says|told|tells|wrote|writes|argued|argues|noted|notes|estimated|estimates|suggested|"
    r"suggests|believes|warned|warns|added|adds|confirmed|confirms|stated|explained|claimed|claims|"
    r"insisted|insists|reported|reports|predicted|predicts|found|finds|concluded|concludes|cautioned"
)
_AGENT_SPEAKS = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}]){_NAME}(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,.;]{{1,80}},)?\s+"
    rf"(?:has\s+|had\s+|have\s+|also\s+|later\s+|previously\s+)?(?i:{_SPEECH})\b"
)
_SPEAKS_AGENT = regex.compile(
    rf"(?i:\b(?:(?:{_SPEECH})\s+(?:the\s+)?|according\s+to\s+(?:the\s+)?(?:[\p{{Ll}}'’-]+\s+){{0,2}}?))"
    rf"(?-i:(?=\p{{Lu}})){_NAME}"
)
_SAYS_THAT = regex.compile(r"(?i)\s+(?:that\s+)?")
_TIED = regex.compile(
    rf"(?i:(?:,\s*)?\b(?:including|such\s+as|like|namely|led\s+by|among\s+them|notably|at|from|with|of)\s+(?:the\s+)?){_NAME}"
)
_NAME_BEFORE = regex.compile(rf"(?r){_NAME}\s+(?:(?i:some|many|several|other)\s+)?$")
_DEMONYM = regex.compile(r"(?i)^(?:\p{L}+(?:an|ian|ese|ish|ic|ern|i)|Thai|Swiss|French|Dutch|Greek|Czech|Irish|Welsh|Scots?)$")
# A name that only says where the unnamed people are: "sources close to the Kremlin".
_NEAR_BEFORE = regex.compile(
    r"(?ri)\b(?:close\s+to|familiar\s+with|knowledge\s+of|inside|within|near|briefed\s+on|in)\s+(?:the\s+)?$"
)
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;][\"”’')\]]*\s+|[\"“‘(\[]\s*)$")


class VagueAttribution:
    def __init__(self, p: Params):
        data = p.attribution
        items = data.vague + p.tokens
        if not items and not data.hedges:
            raise CompileError(("attribution", "vague"), "no vague phrases: give `vague` in the data or `tokens`")
        for i, item in enumerate(data.vague):
            _compile(item, ("attribution", "vague", i))
        for i, item in enumerate(data.hedges):
            _compile(item, ("attribution", "hedges", i))
        for i, item in enumerate(p.tokens):
            _compile(item, ("tokens", i))
        # one alternation; the group that matched gives the level
        self.pattern = _compile(
            r"(?i)(?<![\p{L}\p{N}])(?:(?P<vague>" + _words(items) + r")|(?P<hedge>" + _words(data.hedges) + r"))(?![\p{L}\p{N}])",
            ("attribution", "vague"),
        )
        self.not_names = frozenset(x.lower() for x in data.not_names)
        self.message = p.message or DEFAULT_MESSAGE

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        sents: list[Block] = []
        for b in blocks:
            sents.extend(article.sentences_of(b) if b.scope != "sentence" else [b])
        for k, s in enumerate(sents):
            for m in self.pattern.finditer(s.text):
                nxt = sents[k + 1].text if k + 1 < len(sents) else ""
                if self._named(s.text, m, nxt):
                    continue
                phrase = m.group()
                level = Severity.SUGGESTION if m.group("hedge") is not None else None
                yield Finding(
                    Span(s.start + m.start(), s.start + m.end()), format_message(self.message, phrase), level=level
                )

    # ----------------------------------------------------------------------

    def _named(self, sent: str, m: regex.Match, nxt: str) -> bool:
        """Does a named source follow the vague phrase ``m`` (or tie to it)?"""
        # tied to the phrase: "Analysts at Capital Economics", "..., including X"
        for t in _TIED.finditer(sent, m.start()):
            if t.start() > m.end() + 1:
                break
            if self._is_name(sent, t, strict=True):
                return True
        # a named speaker says the vague thing: "The Trade Commission says there are signs"
        for a in _AGENT_SPEAKS.finditer(sent, 0, m.start()):
            if _SAYS_THAT.fullmatch(sent, a.end(), m.start()) and (
                a.group("name").lower() in ("he", "she") or self._is_name(sent, a, strict=False)
            ):
                return True  # "He says there are signs": a person named before says so
        b = _NAME_BEFORE.search(sent, 0, m.start())
        if b is not None and len(b.group("name").split()) >= 2 and self._is_name(sent, b, strict=True):
            return True
        # a named speaker after the phrase, or in the next sentence
        for text, pos in ((sent, m.end()), (nxt, 0)):
            for rx in (_AGENT_SPEAKS, _SPEAKS_AGENT):
                for a in rx.finditer(text, pos):
                    if self._is_name(text, a, strict=rx is _SPEAKS_AGENT):
                        return True
        return False

    def _is_name(self, text: str, m: regex.Match, strict: bool) -> bool:
        name = m.group("name")
        words = [w.strip(".,'’").lower() for w in name.split()]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        if all(w in self.not_names for w in words):
            return False
        if len(words) == 1 and _DEMONYM.match(name):
            return False  # "Israeli officials", "Western analysts"
        start = m.start("name")
        if _NEAR_BEFORE.search(text, 0, start):
            return False  # "sources close to the Kremlin said"
        if not strict and len(words) == 1 and _SENTENCE_START.search(text, 0, start):
            # a lone capitalised word opening a sentence: a name unless it
            # is a generic word; accept it (e.g. "Valfovich said")
            return words[0] not in self.not_names
        return True


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> VagueAttribution:
    return VagueAttribution(p)
