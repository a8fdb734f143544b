"""ended_event: an event said to have ended that the article says goes on.

"The festival that concluded here on Wednesday" and, further down, "the
festival ... will continue online till August 16": one of the two is
wrong (often only a part of the event, the awards, ended). Both must name
the same event noun (the ``event_words`` of ``cues``, usually
``data/relative-dates.yml``: festival, tournament, summit ...): the ended
one as "<noun> [that|which] <ended verb>" followed by a time or the end of
the clause ("concluded here on Wednesday", "ended on Sunday", not "ended
its group stage"), the going-on one as "the <noun> ... <continuing verb>
... till/until/through <a date or weekday>". Text inside quotation marks
is skipped. One finding per article, on the ended verb, with the
going-on phrase as a related location. No publication date is needed.

``message`` substitutions: ``%s`` is the evidence, such as ``the festival
'concluded', but 'will continue online till August 16' says it goes on``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import candidate_sentences
from lint.checks._dateline import Cues, inside, phrase_pattern, quote_spans
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.dates import WEEKDAYS
from lint.gate import word_gate
from lint.model import Finding, Related, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("cues",)
DEFAULT_MESSAGE = "An event said to have ended goes on: %s."


class Params(RuleBase):
    extends: Literal["ended_event"]
    cues: Cues = Field(default_factory=Cues)


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WD = "|".join(w.capitalize() for w in WEEKDAYS if len(w) > 3)
_UNTIL_DATE = rf"(?:till|until|through|to)\s+(?:(?:{_MONTH})\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b|(?:{_WD})\b)"


_EARLIER = regexes.compile(r"(?i:\b(?:last|previous|past|former|earlier|first)\b[^.;!?]{0,18}|(?<!\d)(?:1[89]|20)\d\d\s+(?:\p{L}+\s+){0,2})\Z")


def _singular(w: str) -> str:
    w = w.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w


class EndedEvent:
    def __init__(self, p: Params):
        c = p.cues
        if not (c.event_words and c.ended and c.continuing):
            raise CompileError(("cues",), "an ended_event rule needs cues with `event_words`, `ended` and `continuing` lists")
        self.message = p.message or DEFAULT_MESSAGE
        nouns = phrase_pattern(c.event_words)
        self.ended = regexes.compile(
            rf"(?i:(?P<noun>{nouns}))(?:[-‐–]\d{{4}})?,?\s+(?:(?:that|which)\s+)?(?:has\s+|had\s+)?"
            rf"(?P<verb>(?i:{phrase_pattern(c.ended)}))"
            r"(?=\s+(?:here|there|on|in|at|yesterday|today|last|early|late|earlier|with|after|amid)\b|\s*[,.;]|\s*\Z)"
        )
        cont = phrase_pattern(c.continuing)
        self.going = regexes.compile(
            rf"(?i:\b(?:the|this|that)\s+(?P<noun>{nouns}))\b"
            # the noun heads its phrase ("the festival -- supported by ... -- will continue",
            # not "the conference exhibition runs")
            rf"(?=\s*[,(—–-]|\s+(?i:will|is|was|has|had|which|that|and|began|begins|started|starts|opened|opens|"
            rf"commenced|commences|itself)\b|\s+(?i:{cont}))"
            rf"[^.;!?]{{0,120}}?"
            rf"(?P<verb>(?i:{phrase_pattern(c.continuing)}))[^.;!?]{{0,40}}?{_UNTIL_DATE}"
        )
        self.gate = regexes.compile(rf"(?i:{phrase_pattern(c.continuing)})")
        # RE2, on the whole text at once: a finding needs a match of both patterns
        self.fast_gate = word_gate(self.gate)
        self.fast_both = (word_gate(self.ended), word_gate(self.going))

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.fast_gate is not None and article.format == "txt":  # blocks are slices of the text
            if not self.fast_gate.search(article.text):
                return
            if not all(g is None or g.search(article.text) for g in self.fast_both):
                return
        elif not any(self.gate.search(b.text) for b in blocks):
            return
        quotes: list[tuple[int, int]] | None = None
        ended: dict[str, tuple[int, int, str]] = {}
        going: dict[str, tuple[int, int, str]] = {}
        # RE2 again, block by block and sentence by sentence: where each pattern may match
        sents, maybe = candidate_sentences(self.fast_both, article, blocks)
        for i, s in enumerate(sents):
            for rx, into, ok in ((self.ended, ended, maybe[0]), (self.going, going, maybe[1])):
                if not ok[i]:
                    continue
                for m in rx.finditer(s.text):
                    if quotes is None:
                        quotes = quote_spans(article)
                    if inside(quotes, s.start + m.start(), s.start + m.end()):
                        continue
                    key = _singular(m.group("noun"))
                    if rx is self.ended and _EARLIER.search(s.text, max(0, m.start() - 30), m.start()):
                        continue  # "last year's festival ended", "the 2019 festival ended": another edition
                    if rx is self.ended:
                        into.setdefault(key, (s.start + m.start("verb"), s.start + m.end("verb"), m.group("verb")))
                    else:
                        into.setdefault(key, (s.start + m.start("verb"), s.start + m.end(), s.text[m.start("verb") : m.end()]))
        for key, (e0, e1, verb) in ended.items():
            if key in going:
                g0, g1, said = going[key]
                said = " ".join(said.split())
                evidence = f"the {key} '{verb}', but '{said}' says it goes on (perhaps only a part of it ended)"
                yield Finding(Span(e0, e1), format_message(self.message, evidence), None, None, (Related(Span(g0, g1), f"'{said}'"),))
                return


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> EndedEvent:
    return EndedEvent(p)
