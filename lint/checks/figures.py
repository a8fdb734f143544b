"""figures: a number that states a quantity with no source near it.

What is a figure. A number written in digits (with its currency symbol,
"%"/"per cent" or "million"/"bn" when it has them) that counts or measures
something: people, troops, money, percentages, casualties, votes. Not a
figure (never reported):

* years (1000-2099 without a comma: "since 2000", "the 1800s");
* dates and times ("September 15", "30 April", "14th June", "08/11/2023",
  "3 a.m.", "12:01", "9.45pm"), ordinals ("117th");
* ages ("Kadir, 44,", "Molly Martens (40)", "15-year-old", "aged 27");
* durations ("44 months", "20 more years", "a 26 year-history");
* references and addresses ("section 21", "flight 370", "10 Downing Street");
* numbers inside names ("Zapad 2025", "Boeing 737", "Sentinel-1", "COP28",
  "Covid-19"): a number glued to letters, or after a capitalised word that
  is not a sentence-opening quantifier ("Over 30,000" is a figure);
* ranges and compounds written with a hyphen ("2011-12", "10-point");
* small numbers (below ``min_count``) that are not money or percentages.

How far attribution reaches (``reach``, default ``related``). A figure is
attributed when a cue (``cues`` of the data file: "said", "according to",
"estimates", "data from", "Source:", "the statement read", a parenthetical
citation ...) occurs

* with ``reach: sentence``, in its own sentence;
* with ``reach: related``, in its own sentence, or in a neighbouring
  sentence of the paragraph that is about it: the one before when the
  figure's sentence goes on with it (it opens with one of
  ``continuations``: "Another 30 were injured", "Of those, ..."), the one
  after when that one takes it up (it opens with one of
  ``back_references``: "The figures come from the council"). A figure
  that fails this in a paragraph with a cue elsewhere is reported at
  suggestion level (the cue may be its source, but nothing says so);
* with ``reach: neighbours``, in its sentence or the one before or after;
* with ``reach: paragraph``, anywhere in its paragraph.

Vague phrases and hedges (``vague``, ``hedges``: "reportedly", "sources
said", "is believed to") attribute no figure, unless a name makes them
precise ("Analysts at Capital Economics estimate"; the test of
``vague_attribution``, within the paragraph).

Besides, a figure inside a quotation of four words or more is attributed
(the speaker is its source; whether the quote names its speaker is another
rule's business), and a list item ("- 33% of ...") is attributed by a
"Source: ..." block right after the list. Cues never reach across
paragraphs otherwise.

One figure, not two: a figure right after another of its kind in brackets
or as ", or ..." restates it ("$22.9m (£13.87m)", "60 grams (2.1 ounces)",
"$3.63, or 8 per cent"). Tolls are figures when written in words
(``number_words`` before ``toll_verbs``: "two people were injured",
"dozens were killed"; or after a casualty word: "killing three") and when
small ("3 died", "killing 5").

Levels. The rule's level (warning) goes to percentages, money, millions and
billions, numbers of a thousand or more, and counts of people or tolls
("195 people", "killing at least 45"). Softer cases are reported at
suggestion level: measurements ("100mph", "1.43°C"), prices and legal
amounts ("a £1,000 fine"), background ("a community of 50,000") and other
counts below a thousand ("88 flood warnings").

``message`` substitutions: ``%s`` is the figure as written ("$170 million").
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import passing_within
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, ends_here, format_message
from lint.gate import word_gate
from lint.model import Finding, Severity, Span
from lint.rules import CompileError, RuleBase
from lint.spec import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from lint.checks.vague_attribution import VagueAttribution

DATA_KEYS = ("attribution",)
DEFAULT_MESSAGE = "'%s' has no source in its sentence: say who counted it."


class FigureWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    time_units: list[str] = Field(default_factory=list)
    measure_units: list[str] = Field(default_factory=list)
    currency_words: list[str] = Field(default_factory=list)
    count_nouns: list[str] = Field(default_factory=list)
    casualty_words: list[str] = Field(default_factory=list)
    quantifiers: list[str] = Field(default_factory=list)
    reference_words: list[str] = Field(default_factory=list)
    price_words: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)
    street_suffixes: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    number_words: list[str] = Field(default_factory=list)
    toll_verbs: list[str] = Field(default_factory=list)
    continuations: list[str] = Field(default_factory=list)
    back_references: list[str] = Field(default_factory=list)


class AttributionData(BaseModel):
    """rules/News/data/attribution.yml (shared with vague_attribution)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cues: list[str] = Field(default_factory=list)
    not_cues: list[str] = Field(default_factory=list)
    vague: list[str] = Field(default_factory=list)
    hedges: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(default_factory=list)
    # a place standing for its government as the holder of a belief
    # ("Washington believes"): plain names, and the verbs (patterns)
    places: list[str] = Field(default_factory=list)
    belief_verbs: list[str] = Field(default_factory=list)
    figures: FigureWords = Field(default_factory=FigureWords)


class Params(RuleBase):
    extends: Literal["figures"]
    attribution: AttributionData
    reach: Literal["sentence", "related", "neighbours", "paragraph"] = "related"
    exceptions: list[str] = Field(default_factory=list)  # more name patterns
    min_count: int = Field(default=10, ge=0)


# --------------------------------------------------------------------------
# Patterns

_DIGIT = regexes.compile(r"\d")
_DOT_SPACE = regexes.compile(r"\. ")
_NUMBER = regexes.compile(
    r"(?P<cur>\p{Sc}\s?)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
)
_PCT = regexes.compile(r"\s?(?:%|per\s?cent\b|percent\b)")
_SCALE_WORD = regexes.compile(r"(?i)\s(?:million|billion|trillion)\b")
_SCALE_GLUED = regexes.compile(r"(?:bn|mn|m|k|tn)\b")
_GLUED_SKIP = regexes.compile(r"(?i)(?:st|nd|rd|th|s|am|pm|a\.m\.|p\.m\.|h|hrs|gmt)\b")
_TIME_AFTER = regexes.compile(
    r"(?i)(?::\d{2}|\.\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|\s?(?:a\.m\.|p\.m\.|am|pm|o'clock|gmt|bst|utc|et|est|edt|pt|cet)\b)"
)
_DATE_SEP = regexes.compile(r"[/:]\d")
_RANGE_OR_COMPOUND = regexes.compile(r"[-–]\p{L}|-\d")
_LIST_ITEM = regexes.compile(r"^\s*(?:[-•*–—]\s|\d+[.)]\s)")
_SOURCE_LINE = regexes.compile(r"(?i)^\s*(?:sources?|data|figures)\s*:")
_CAP_WORD_BEFORE = regexes.compile(r"(?r)(?P<word>(?-i:\p{Lu})[\p{L}\p{M}'’&-]*)\.?\s+$")
_SENTENCE_START_BEFORE = regexes.compile(r"(?r)(?:^|[.!?:;][\"”’')\]]*\s+|[\"“‘(\[]\s*)$")
_BRACKET_GAP = regexes.compile(r"\s*[(\[]\s*(?:about\s+|around\s+|roughly\s+|some\s+|approx\.?\s+)?")
_OR_GAP = regexes.compile(r",?\s+or\s+(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|more\s+than\s+)?")
_CLOSE_BRACKET = regexes.compile(r"\s*[)\]]?")
_SPEAKER_BEFORE = regexes.compile(
    r"(?r)(?<![\p{L}\p{N}])(?:(?P<pron>(?i:he|she|they|we|i))|(?-i:\p{Lu})[\p{L}\p{M}'’.-]*)\s+(?:(?i:has|had|have|also|later)\s+)?$"
)
_DEFINITE_BEFORE = regexes.compile(r"(?i)\b(?:the|these|those|their|its)\s+$")
_AGE_NAME_BEFORE = regexes.compile(r"(?r)(?-i:\p{Lu})[\p{L}\p{M}'’-]+(?:,\s*|\s\()$")


def _words(items: list[str]) -> str:
    return "|".join(f"(?:{x})" for x in items) if items else r"(?!x)x"


def _compile(pattern: str, loc: tuple) -> regex.Pattern:
    try:
        return regexes.compile(pattern, regex.V0)
    except (regex.error, ValueError, OverflowError) as exc:
        raise CompileError(loc, f"invalid regular expression: {exc}") from None


def cue_pattern(data: AttributionData, loc: tuple = ("attribution",), vague: bool = True) -> regex.Pattern:
    """All cues as one case-insensitive whole-word alternation; with
    ``vague``, the vague phrases and hedges count as cues too.

    ``not_cues`` come first and are skipped over: "confirmed" in "the
    confirmed caseload" attributes nothing. (Without ``vague``, a cue may
    still be part of a vague phrase, "said" in "sources said": the figures
    check looks at those only where it must, see ``Figures._attributed``.)
    """
    for key in ("cues", "vague", "hedges", "not_cues"):
        for i, item in enumerate(getattr(data, key)):
            _compile(item, loc + (key, i))
    word = r"(?<![\p{L}\p{N}])(?:%s)(?![\p{L}\p{N}])"
    pattern = word % _words(data.cues + (data.vague + data.hedges if vague else []))
    if data.not_cues:
        pattern = word % _words(data.not_cues) + r"(*SKIP)(*FAIL)|" + pattern
    return _compile("(?i)" + pattern, loc)


class Figures:
    def __init__(self, p: Params):
        w = p.attribution.figures
        loc = ("attribution", "figures")
        self.message = p.message or DEFAULT_MESSAGE
        self.reach = p.reach
        self.min_count = p.min_count
        # vague phrases attribute no figure, unless a name makes them
        # precise ("Analysts at Capital Economics estimate"): see _named_vague
        self.cues = cue_pattern(p.attribution, vague=False)
        self._cue_gate = word_gate(self.cues)  # RE2: most sentences have no cue at all
        self.toll_gate = _compile(
            r"(?i)(?<![\p{L}\p{N}])(?:" + _words(w.toll_verbs + w.casualty_words) + r")", loc + ("toll_verbs",)
        )
        self._attribution = p.attribution
        self._namer: VagueAttribution | None = None
        self.continuation = _compile(
            r"(?i)^[\"“‘'(\[]*(?:" + _words(w.continuations) + r")(?![\p{L}\p{N}])", loc + ("continuations",)
        )
        self.back_reference = _compile(
            r"(?i)^[\"“‘'(\[]*(?:" + _words(w.back_references) + r")(?![\p{L}\p{N}])", loc + ("back_references",)
        )
        tolls = _words(w.toll_verbs)
        self.toll_after = _compile(
            r"(?i)(?:\s+(?:more|other|further|additional|(?-i:\p{Ll})[\p{L}-]*)){0,2}?\s+(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|have|has|had)\s+(?:(?:reportedly|also|now|since|all|both)\s+)?)?(?:"
            + tolls + r")(?![\p{L}])",
            loc + ("toll_verbs",),
        )
        self._toll_re2 = word_gate(self.toll_gate)
        self._toll_seen: tuple[str | None, bool] = (None, False)
        self.number_word = _compile(
            r"(?i)(?<![\p{L}\p{N}'’-])(?:" + _words(w.number_words) + r")(?![\p{L}\p{N}'’-])", loc + ("number_words",)
        )
        self._number_re2 = word_gate(self.number_word)
        units_t = _words(w.time_units)
        self.duration = _compile(
            r"(?i)[\s-]?(?:(?:more|additional|further|consecutive|straight|full|long|extra|"
            r"previous|last|next|whole|odd|or so)\s)?(?:" + units_t + r")(?![\p{L}])", loc + ("time_units",)
        )
        self.measure = _compile(r"(?i)\s?(?:" + _words(w.measure_units) + r")(?![\p{L}])", loc + ("measure_units",))
        self.currency_after = _compile(r"(?i)\s(?:" + _words(w.currency_words) + r")\b", loc + ("currency_words",))
        self.count_noun = _compile(
            r"(?i)(?:\s+(?:more|fewer|other|additional|further|new|of\s+the|of\s+its|of\s+their|[\p{Ll}-]+)){0,2}?\s+(?:"
            + _words(w.count_nouns) + r")\b",
            loc + ("count_nouns",),
        )
        quant = r"(?:\s+(?:at\s+least|more\s+than|over|about|around|nearly|almost|up\s+to|some|roughly|an\s+estimated|approximately|as\s+many\s+as))?"
        self.casualty_before = _compile(
            r"(?ri)\b(?:" + _words(w.casualty_words) + r")" + quant + r"\s+$", loc + ("casualty_words",)
        )
        self.reference_before = _compile(
            r"(?ri)\b(?:" + _words(w.reference_words) + r")\.?\s*#?$|(?:#|\bno\.\s?)$", loc + ("reference_words",)
        )
        self.quantifiers = frozenset(x.lower() for x in w.quantifiers)
        self.price = _compile(r"(?i)\b(?:" + _words(w.price_words) + r")\b", loc + ("price_words",))
        self.background = _compile(
            r"(?ri)\b(?:" + _words(w.background) + r")" + quant + r"\s+$", loc + ("background",)
        )
        self.street = _compile(
            r"\s(?:\p{Lu}[\p{L}'’-]*\s){1,3}(?:" + _words(w.street_suffixes) + r")\b", loc + ("street_suffixes",)
        )
        self.age_before = _compile(r"(?ri)\b(?:aged|age|ages)\s+$", loc)
        self.months = _compile(
            r"(?i)\s(?:of\s)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
            loc,
        )
        exc = w.exceptions + p.exceptions
        for i, e in enumerate(p.exceptions):
            _compile(e, ("exceptions", i))
        self.exceptions = (
            _compile(r"(?<![\p{L}\p{N}])(?:" + _words(exc) + r")(?![\p{L}\p{N}])", loc + ("exceptions",)) if exc else None
        )
        self._exc_gate = word_gate(self.exceptions) if self.exceptions is not None else None

    # ----------------------------------------------------------------------

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        # A "Source: ..." block attributes the list items right before it.
        sourced: set[int] = set()
        covered = False
        for i in range(len(blocks) - 1, -1, -1):
            t = blocks[i].text
            if _SOURCE_LINE.match(t):
                covered = True
            elif _LIST_ITEM.match(t) or blocks[i].scope == "list":
                if covered:
                    sourced.add(i)
            else:
                covered = False
        for i, block in enumerate(blocks):
            # no digit that ``_NUMBER`` can match (``\d``) and no number word: no figure
            if i in sourced or not (_DIGIT.search(block.text) or self._tolls_possible(block.text)):
                continue
            if len(block.text.split(None, 4)) < 4:
                continue  # a label or page residue ("Show all 50"), not a statement
            yield from self._check_block(article, block)

    def _check_block(self, article: Article, block: Block) -> Iterator[Finding]:
        text = block.text
        if self.reach == "paragraph":
            if self.cues.search(text) is not None:
                return  # a cue anywhere in the paragraph attributes every figure
            cue_at: list[int] = []
        figures = list(self._figures(text))
        if not figures:
            return
        if self.reach in ("sentence", "neighbours"):
            cue_at = [m.start() for m in self.cues.finditer(text)]
        elif self.reach == "related":
            cue_at = []  # searched sentence by sentence, where needed
        quotes = sorted(
            (q.start - block.start, q.end - block.start)
            for q in article.quotes_of(block)
            if len(q.text.split()) >= 4
        )
        # a figure is quoted when a quote opening at or before it closes at or after it
        quote_starts = [qs for qs, _ in quotes]
        quote_reach = list(accumulate((qe for _, qe in quotes), max))
        sents = article.sentences_of(block)
        bounds = [(s.start - block.start, s.end - block.start) for s in sents] or [(0, len(text))]
        sentence_ends = [se for _, se in bounds]
        attributed, any_cue = self._attributed(article, block, sents, bounds) if self.reach == "related" else (None, None)
        for start, end, level in figures:
            i = bisect.bisect_right(quote_starts, start)
            if i and quote_reach[i - 1] >= end:
                continue
            # the first sentence that ends after the figure starts (the last one if none)
            k = min(bisect.bisect_right(sentence_ends, start), len(bounds) - 1)
            if attributed is not None and any_cue is not None:
                if attributed(k):
                    continue
                if any_cue():
                    # a cue elsewhere in the paragraph, about something else:
                    # the figure may still be its, so say it softly (and a
                    # soft figure, a measurement or a price, not at all)
                    if level is not None:
                        continue
                    level = Severity.SUGGESTION
            else:
                lo, hi = (k, k) if self.reach == "sentence" else (max(k - 1, 0), min(k + 1, len(bounds) - 1))
                c = bisect.bisect_left(cue_at, bounds[lo][0])
                if c < len(cue_at) and cue_at[c] < bounds[hi][1]:
                    continue
            figure = text[start:end]
            yield Finding(
                Span(block.start + start, block.start + end),
                format_message(self.message, figure),
                level=level,
            )

    def _attributed(
        self, article: Article, block: Block, sents: list[Block], bounds: list[tuple[int, int]]
    ) -> tuple[Callable[[int], bool], Callable[[], bool]]:
        """``reach: related``: whether sentence ``k`` of the paragraph is
        attributed, and whether any sentence of it has a cue, as functions
        (memoised; each sentence looked at once).

        Sentence ``k`` is attributed by a cue in it; by the sentence before
        when ``k`` goes on with it ("Another 30 were injured", "Of those,
        ..."; ``continuations``) and that one is attributed; by the sentence
        after when that one takes it up with a cue ("The figures come from
        the ministry"; ``back_references``)."""
        text = block.text
        n = len(bounds)
        own: dict[int, bool] = {}
        done: dict[int, bool] = {}
        gated: list[list[bool]] = []  # where the cue gate passes, asked of all the sentences at once

        def has_cue(k: int) -> bool:
            # a cue in sentence k that is no part of a vague phrase, or a
            # vague phrase that a name makes precise
            if k not in own:
                lo, hi = bounds[k]
                if not gated:
                    gated.append(passing_within(self._cue_gate, article, block, bounds))
                if not gated[0][k]:
                    cues: list[int] = []
                else:
                    # from the first place RE2 finds a candidate: before it the exact pattern can
                    # neither match nor skip (every try that does is a match of the relaxed one)
                    first = self._cue_gate.first(text, lo, hi) if self._cue_gate is not None else lo
                    cues = [m.start() - lo for m in self.cues.finditer(text, first, hi)] if first >= 0 else []
                own[k] = self._sentence_attributed(article, sents, k, cues, lambda: vague_gated(k))
            return own[k]

        def vague_gated(k: int) -> bool:
            # where the vague phrases' gate passes, asked of all the sentences at once (when first needed)
            if len(gated) < 2:
                gated.append(passing_within(self._namer.gate if self._namer is not None else None, article, block, bounds))
            return gated[1][k]

        def sentence(k: int) -> str:
            lo, hi = bounds[k]
            return text[lo:hi]

        def attributed(k: int) -> bool:
            if k in done:
                return done[k]
            j = k
            # walk back over continuations (each step a sentence that goes on with the one before)
            chain = [k]
            while True:
                if has_cue(j):
                    result = True
                    break
                if j + 1 < n and self.back_reference.match(sentence(j + 1)) and has_cue(j + 1):
                    result = True
                    break
                if j > 0 and self.continuation.match(sentence(j)):
                    j -= 1
                    if j in done:
                        result = done[j]
                        break
                    chain.append(j)
                    continue
                result = False
                break
            for x in chain:
                done[x] = result
            return result

        def any_cue() -> bool:
            return any(has_cue(j) for j in range(n))

        return attributed, any_cue

    def _sentence_attributed(
        self, article: Article, sents: list[Block], k: int, cues: list[int], gated: Callable[[], bool] | None = None
    ) -> bool:
        """Sentence ``k`` has a cue (``cues``: where, in the sentence) that is
        no part of a vague phrase ("said" in "sources said"), or a vague
        phrase that a name makes precise ("Analysts at Capital Economics
        estimate", "Some analysts, including X, say"): VagueAttribution's
        test, within the paragraph. The vague phrases are searched only here,
        in the sentences of figures that need it. ``gated``: whether their
        gate passes the sentence, when the caller knows."""
        if k >= len(sents):
            return False
        if self._namer is None:
            from lint.checks.vague_attribution import namer_for

            self._namer = namer_for(self._attribution)
        namer = self._namer
        text = sents[k].text
        for c in cues:
            # "Smith said", "he said": no vague phrase ends in a name or a
            # pronoun, no need to look for one
            b = ends_here(_SPEAKER_BEFORE, text, c)
            if b is not None and (b.group("pron") or b.start() > 0):
                return True
        if gated is None:
            found = namer.hits(text)
        else:
            found = namer.hits(text) if gated() else []
        hits = [h for h in found if not h.place]
        if not hits:
            return bool(cues)
        if any(not any(h.start <= c < h.end for h in hits) for c in cues):
            return True
        scans: dict[int, dict] = {}
        here = namer._scans(scans, sents, k)
        nxt = namer._scans(scans, sents, k + 1)
        if any(not h.hedge and namer._named(text, h, here, nxt) for h in hits):
            return True
        # "The experts said ...": a definite back-reference to a mention
        # that a name made precise, earlier in the article
        heads = {namer._definite_head(text, h) for h in hits if not h.hedge} - {None}
        return bool(heads) and self._named_before(article, sents[k].start, heads)

    def _named_before(self, article: Article, before: int, heads: set) -> bool:
        """Is there, before offset ``before``, a vague phrase with one of
        ``heads`` that a name makes precise ("Experts at Imperial College
        London said")? Looked for only for a back-reference next to a figure."""
        namer = self._namer
        assert namer is not None
        prior = [s for s in article.sentences if s.end <= before]
        scans: dict[int, dict] = {}
        from lint.checks.vague_attribution import _heads

        for j, s in enumerate(prior):
            for h in namer.hits(s.text):
                if h.place or h.hedge or not (_heads(h.text) & heads):
                    continue
                if namer._named(s.text, h, namer._scans(scans, prior, j), namer._scans(scans, prior, j + 1)):
                    return True
        return False

    # ----------------------------------------------------------------------

    def _figures(self, text: str) -> Iterator[tuple[int, int, Severity | None]]:
        """(start, end, level) of each figure in ``text``, in order; level None: the rule's.

        A figure right after another of its kind, in brackets or as ", or
        ...", restates it ("$22.9m (£13.87m)", "60 grams (2.1 ounces)",
        "$3.63, or 8 per cent"): a conversion needs no source of its own.
        Tolls written in words ("two people were injured", "dozens were
        killed", "killing three") are figures too."""
        prev_end, prev_kind = -1, ""
        words = self._toll_words(text)
        w = 0
        for start, end, level, kind in self._digit_figures(text):
            while w < len(words) and words[w][0] < start:
                yield words[w]
                w += 1
            if prev_end >= 0 and kind in ("money", "measure", "pct"):
                gap = text[prev_end:start]
                if (_BRACKET_GAP.fullmatch(gap) and kind == prev_kind) or (
                    _OR_GAP.fullmatch(gap) and prev_kind in ("money", "pct")
                ):
                    close = _CLOSE_BRACKET.match(text, end)
                    prev_end = close.end() if close is not None else end
                    continue
            prev_end, prev_kind = end, kind
            yield start, end, level
        yield from words[w:]

    def _tolls_possible(self, text: str) -> bool:
        """A toll or casualty word in ``text`` (RE2 first, where it can say
        no; the answer for the last text asked about is kept)."""
        seen = self._toll_seen  # one read, one write (threads)
        if seen[0] is not text:
            ok = (self._toll_re2 is None or self._toll_re2.search(text)) and self.toll_gate.search(text) is not None
            seen = self._toll_seen = (text, bool(ok))
        return seen[1]

    def _toll_words(self, text: str) -> list[tuple[int, int, Severity | None]]:
        """Tolls written in words: "two people were injured", "dozens were killed", "killing three"."""
        out: list[tuple[int, int, Severity | None]] = []
        first = self._number_re2.first(text) if self._number_re2 is not None else 0
        if first < 0 or not self._tolls_possible(text):
            return out  # no number word (RE2, cheap), or no toll or casualty word
        for m in self.number_word.finditer(text, first):
            start, end = m.span()
            if _DEFINITE_BEFORE.search(text, max(0, start - 12), start):
                continue  # "the thousands still missing": those counted before
            killing = self.casualty_before.search(text[max(0, start - 60) : start]) is not None
            if self.toll_after.match(text, end) or (
                killing and (self.count_noun.match(text, end) or end == len(text) or text[end] in ".,;:")
            ):
                out.append((start, end, None))
        return out

    def _digit_figures(self, text: str) -> Iterator[tuple[int, int, Severity | None, str]]:
        """(start, end, level, kind) of each figure written in digits; kind:
        money, pct, measure or count."""
        numbers = list(_NUMBER.finditer(text))
        excluded: list[tuple[int, int]] = []
        if numbers and self.exceptions is not None:
            # from the first candidate RE2 finds (before it no exception can match) up to
            # the last number (an exception that starts after it excludes none)
            first = self._exc_gate.first(text) if self._exc_gate is not None else 0
            last = numbers[-1].start("num")
            if first >= 0:
                for m in self.exceptions.finditer(text, first):
                    if m.start() > last:
                        break
                    excluded.append(m.span())
        excluded_starts = [s for s, _ in excluded]  # in order, and not overlapping: finditer's
        priced: dict = {}  # a price word in text[s:e], per "sentence" (see _priced)
        for m in numbers:
            start, end = m.span()
            num_start = m.start("num")
            num = m.group("num")
            cur = bool(m.group("cur"))
            prev = text[num_start - 1] if num_start > 0 else " "
            if not cur:
                if prev.isalpha() or prev in "/:#.,'’":
                    continue  # COP28, 08/11, 12:01, '90s, 3.5 split
                if prev in "-–" and num_start > 1 and (text[num_start - 2].isalnum()):
                    continue  # Covid-19, Sentinel-1, 2011-12
            x = bisect.bisect_right(excluded_starts, num_start) - 1
            if x >= 0 and num_start < excluded[x][1]:
                continue
            pct = _PCT.match(text, end)
            scale = _SCALE_WORD.match(text, end) or (_SCALE_GLUED.match(text, end) if not pct else None)
            if pct:
                end = pct.end()
            elif scale:
                end = scale.end()
            after = end
            nxt = text[after] if after < len(text) else " "
            money = cur or bool(self.currency_after.match(text, after))
            comma = "," in num
            value = float(num.replace(",", ""))
            before = text[max(0, start - 60) : start]

            if not (pct or scale or money):
                # --- things that are not figures
                if _TIME_AFTER.match(text, after) or _DATE_SEP.match(text, after):
                    continue
                mm = self.measure.match(text, after)
                if nxt.isalpha():
                    if mm and not _GLUED_SKIP.match(text, after):
                        yield start, mm.end(), Severity.SUGGESTION, "measure"  # 100mph, 1kg
                    continue  # 14th, 1800s, 5pm, 7News, 3D
                if mm and not self.duration.match(text, after):
                    yield start, mm.end(), Severity.SUGGESTION, "measure"  # 1.43°C, 85 decibels
                    continue
                if not comma and "." not in num and len(num) == 4 and 1000 <= value <= 2099:
                    continue  # a year (first: the three tests below end here as well)
                if _RANGE_OR_COMPOUND.match(text, after):
                    continue  # 15-year-old, 2011-12, 10-point
                if self.duration.match(text, after):
                    continue  # 44 months, 26 year-history
                if self.months.match(text, after):
                    continue  # 30 April
                if self.reference_before.search(before) or self.age_before.search(before):
                    continue
                if not comma and _AGE_NAME_BEFORE.search(before) and value < 130 and text[after : after + 1] in ",)":
                    continue  # Kadir, 44, / Martens (40)
                if self.street.match(text, after):
                    continue  # 10 Downing Street
                if self._in_name(before, comma):
                    continue
                if value < self.min_count:
                    # a small number is a figure when it is a toll: "3 died", "killing 5"
                    if self.toll_after.match(text, after) or (
                        self.casualty_before.search(before)
                        and (self.count_noun.match(text, after) or after == len(text) or text[after] in ".,;:")
                    ):
                        yield start, end, None, "count"
                    continue
                # --- a count
                if self.background.search(before):
                    yield start, end, Severity.SUGGESTION, "count"
                elif comma or value >= 1000 or self.count_noun.match(text, after) or self.casualty_before.search(before):
                    yield start, end, None, "count"
                else:
                    yield start, end, Severity.SUGGESTION, "count"
                continue
            if not cur and self._in_name(before, comma):
                continue  # "Windows 10%"? rare, but "Zapad 2025 million" never
            kind = "money" if money else "pct" if pct else "count"
            if money and not scale and self._priced(text, start, priced):
                yield start, end, Severity.SUGGESTION, kind  # a £1,000 fine
            else:
                yield start, end, None, kind

    def _in_name(self, before: str, comma: bool) -> bool:
        """A capitalised word right before: a name or a date ("Zapad 2025")."""
        if comma:
            return False  # "Italy 143,600" is a figure
        m = _CAP_WORD_BEFORE.search(before)
        if m is None:
            return False
        if m.group("word").lower() in self.quantifiers:
            return not _SENTENCE_START_BEFORE.search(before, 0, m.start())
        return True

    def _priced(self, text: str, i: int, seen: dict) -> bool:
        """A price word in the "sentence" around ``i``: from the last ". "
        before it to the next one (a rough cut, good enough for "a £1,000
        fine"); searched once per sentence, however many figures it holds.
        ``seen``: what earlier calls on ``text`` found (and where its ". " are)."""
        dots = seen.get("dots")
        if dots is None:
            dots = seen["dots"] = [m.start() for m in _DOT_SPACE.finditer(text)]
        # text.rfind(". ", 0, i) (a ". " that ends by i), then text.find(". ", i)
        before = bisect.bisect_right(dots, i - 2) - 1
        after = bisect.bisect_left(dots, i)
        s = dots[before] if before >= 0 else 0
        e = dots[after] if after < len(dots) else len(text)
        found = seen.get((s, e))
        if found is None:
            found = seen[s, e] = self.price.search(text[s:e]) is not None
        return found


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Figures:
    return Figures(p)
