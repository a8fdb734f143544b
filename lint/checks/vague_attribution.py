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
* or the one the phrase's own verb spoke to: "sources told Reuters";
* or speaking after the phrase as a tail attribution of its sentence, with
  the claim between (", Valfovich said", ", coach Joachim Löw said",
  "said the Kremlin", "according to Amnesty International"; in "According
  to reports, the EC wrote ..." the EC is the claim's content, not its
  source); or anywhere in the next sentence, unless that one is vaguely
  sourced itself. The next paragraph's first sentence counts when the
  phrase ends its paragraph only if it takes the source up ("says a
  report." then "The report by the University and College Union ...").

A definite back-reference ("the experts said", "one of the sources") is
excused only when an earlier mention with its noun was named ("Experts at
Imperial College London said"). A place standing for a government before a
belief verb ("Washington believes", "the Kremlin fears"; the data's
``places`` and ``belief_verbs``, and the rule's ``places``) is a vague
source too, unless a named speaker introduces it ("Blinken said Washington
believes").

A capitalised word alone at the start of a sentence is a name only when it
is not a pronoun or a generic noun (``not_names``: "He said", "Police
said" name no one), and a nationality alone ("according to Israeli
officials") is not a name. Names that merely occur nearby ("additional
Russian forces", "the Zapad 2025 drills") are not sources.

``message`` substitutions: ``%s`` is the vague phrase as written.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import Literal

import regex

from lint import regexes
from lint.article import Article, Block
from lint.checks._candidates import passing
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, ends_here, format_message
from lint.checks.figures import AttributionData, _compile, _words
from lint.gate import word_gate
from lint.model import Finding, Severity, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field

DATA_KEYS = ("attribution",)
_TAIL_REACH = 400  # characters from a vague phrase to a tail attribution of its claim
DEFAULT_MESSAGE = "'%s' attributes the claim to no one in particular: name the source or drop the claim."


class Params(RuleBase):
    extends: Literal["vague_attribution"]
    attribution: AttributionData
    tokens: list[str] = Field(default_factory=list)  # more vague phrases, besides the data file's
    places: list[str] = Field(default_factory=list)  # more places that stand for a government


# A proper name: capitalised words, joined by a few lower-case particles
# ("Institute for the Study of War", "Jamon Van Den Hoek", "R.Politik").
_CAP = r"(?-i:\p{Lu})[\p{L}\p{M}\d.'’&-]*"
_NAME = rf"(?P<name>{_CAP}(?:(?:'s|’s)?\s+(?:(?:of|for|the|and|on|de|du|la|van|von|der|den|al|bin|da)\s+)*{_CAP})*)"
_SPEECH = (
    r"said|says|told|tells|wrote|writes|argued|argues|noted|notes|estimated|estimates|suggested|"
    r"suggests|believes|warned|warns|added|adds|confirmed|confirms|stated|explained|claimed|claims|"
    r"insisted|insists|reported|reports|predicted|predicts|found|finds|concluded|concludes|cautioned"
)
_AGENT_SPEAKS = regexes.compile(
    rf"(?<![\p{{L}}\p{{N}}]){_NAME}(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,.;]{{1,80}},)?,?\s+"
    rf"(?:has\s+|had\s+|have\s+|also\s+|later\s+|previously\s+)?(?i:{_SPEECH})\b"
)
_SPEAKS_AGENT = regexes.compile(
    rf"(?i:\b(?:(?:{_SPEECH})\s+(?:the\s+)?|according\s+to\s+(?:the\s+)?(?:[\p{{Ll}}'’-]+\s+){{0,2}}?))"
    rf"(?-i:(?=\p{{Lu}})){_NAME}"
)
_SAYS_THAT = regexes.compile(r"(?i)\s+(?:that\s+)?")
_TIED = regexes.compile(
    rf"(?i:(?:,\s*)?\b(?:including|such\s+as|like|namely|led\s+by|among\s+them|notably|at|from|with|of)\s+(?:the\s+)?){_NAME}"
)
_NAME_BEFORE = regexes.compile(rf"(?r){_NAME}\s+(?:(?i:some|many|several|other)\s+)?$")
_DEMONYM = regexes.compile(r"(?i)^(?:\p{L}+(?:an|ian|ese|ish|ic|ern|i)|Thai|Swiss|French|Dutch|Greek|Czech|Irish|Welsh|Scots?)$")
# A name that only says where the unnamed people are: "sources close to the Kremlin".
_NEAR_BEFORE = regexes.compile(
    r"(?ri)\b(?:close\s+to|familiar\s+with|knowledge\s+of|inside|within|near|briefed\s+on|in)\s+(?:the\s+)?$"
)
_SENTENCE_START = regexes.compile(r"(?r)(?:^|[.!?:;][\"”’')\]]*\s+|[\"“‘(\[]\s*)$")
# what a speaker's match must end with for the vague phrase to be what it says
_SPEECH_BEFORE = regexes.compile(rf"(?r)(?i:{_SPEECH})(?i:\s+(?:that\s+)?)")


_UPPER = regexes.compile(r"\p{Lu}")
_PARTICLES = regexes.compile(r"of|for|the|and|on|de|du|la|van|von|der|den|al|bin|da|has|had|have|also|later|previously")
_SPEECH_WORD = regexes.compile(rf"(?i:{_SPEECH})")
_WORD_AFTER_SPACE = regexes.compile(r"(?<=\s)\p{L}+(?=\s)")
_AFTER_SAYS = regexes.compile(r"(?ri)\s+(?:that\s+)?")
# what stands before a tail attribution: ", the Kremlin said", "... according to Amnesty"
_NOT_NOUN_START = regexes.compile(
    r"(?i)(?:it|there|reportedly|according|amid|amidst|with|despite|following|after|given|among|says|said|a|an|one)\b"
)
_NON_SPACE = regexes.compile(r"\S+")
_WORD2 = regexes.compile(r"\p{L}{2,}")
_TOLD_END = regexes.compile(r"(?i)\b(?:told|tell|tells|telling)$")
_TOLD_NAME = regexes.compile(rf"\s+(?:(?i:the)\s+)?(?:(?i:news\s+agency|agency|newspaper|broadcaster|daily|magazine)\s+)?{_NAME}")
# (and a title before the name: ", coach Joachim Löw said")
_TAIL_BEFORE = regexes.compile(r"(?r)(?:[,;:—–]|\s-|^)\s*(?:(?i:the)\s+)?(?:(?-i:\p{Ll})[\p{L}-]*\s+){0,3}$")
_DEFINITE_WORD = regexes.compile(r"(?i)(?<![\p{L}\p{N}])(?:the|this|that|these|those)\s+(?P<a>[\p{L}-]+)(?:\s+(?P<b>\p{L}+))?")


class _Barriers:
    """Where an ``_AGENT_SPEAKS`` match can neither start before and end
    after: the start of a lower-case word (between spaces) that is no
    particle of a name, no auxiliary and no speech word, with no ``(`` or
    ``,`` in the 80 characters before it (where a parenthesis or a ``, ...,``
    aside of that pattern could hold it). ``finditer`` from such a place
    finds what it finds from 0 after it."""

    __slots__ = ("_text", "at")

    def __init__(self, text: str):
        self._text = text  # the barriers are found on first use (most sentences never need them)
        self.at: list[int] | None = None

    def _find(self, text: str) -> list[int]:
        at: list[int] = []
        for w in _WORD_AFTER_SPACE.finditer(text):
            x, word = w.start(), w.group()
            if _UPPER.match(word) or _PARTICLES.fullmatch(word) or _SPEECH_WORD.fullmatch(word):
                continue
            lo = max(0, x - 82)
            if text.rfind("(", lo, x) < 0 and text.rfind(",", lo, x) < 0:
                at.append(x)
        return at

    def before(self, text: str, end: int) -> int:
        """Where to start a search for a speaker whose words end right
        before ``end`` (see ``_SAYS_THAT``): the last barrier before them, or 0."""
        if self.at is None:
            self.at = self._find(self._text)
        says = _AFTER_SAYS.match(text, 0, end)
        p = says.start() if says is not None else end
        i = bisect.bisect_left(self.at, p) - 1
        return self.at[i] if i >= 0 else 0


class _Scan:
    """``rx.finditer(text, pos)`` from many ``pos`` in one text, each
    position tried once.

    A try at a position does not depend on where the search began (a
    look-behind sees the text before ``pos``, ``\\b`` the real neighbours,
    and ``^`` only the real start), so when a search from ``q`` found its
    first match at ``s``, a search from anywhere in ``[q, s]`` finds the same:
    ``first`` remembers those spans. ``any`` follows the chain of matches
    from ``pos`` as ``finditer`` does (the next search starts where a match
    ended) and remembers, per match, whether the chain from it holds one
    that ``ok`` accepts."""

    __slots__ = ("_any", "_found", "_from", "ok", "rx", "text")

    def __init__(self, rx: regex.Pattern, text: str, ok: Callable[[regex.Match], bool]):
        self.rx, self.text, self.ok = rx, text, ok
        self._from: list[int] = []  # sorted search starts ...
        self._found: list[regex.Match | None] = []  # ... and what each found
        self._any: dict[int, bool] = {}  # match start -> the chain from it has an accepted match

    def first(self, q: int) -> regex.Match | None:
        i = bisect.bisect_right(self._from, q) - 1
        if i >= 0:
            m = self._found[i]
            if m is None or q <= m.start():
                return m
        m = self.rx.search(self.text, q)
        self._from.insert(i + 1, q)
        self._found.insert(i + 1, m)
        return m

    def any(self, pos: int) -> bool:
        chain: list[int] = []
        m = self.first(pos)
        result = False
        while m is not None:
            known = self._any.get(m.start())
            if known is not None:
                result = known
                break
            chain.append(m.start())
            if self.ok(m):
                result = True
                break
            m = self.first(m.end())
        for start in chain:
            self._any[start] = result
        return result


class _Hit:
    """One vague phrase in a sentence: ``start``/``end`` in the sentence's
    text; ``place``: a place that holds a belief ("Washington believes")."""

    __slots__ = ("end", "hedge", "place", "start", "text")

    def __init__(self, start: int, end: int, text: str, hedge: bool, place: bool = False):
        self.start, self.end, self.text, self.hedge, self.place = start, end, text, hedge, place


# a definite back-reference right before the phrase: "the experts", "one of the sources"
_DEFINITE_BEFORE = regexes.compile(
    r"(?ri)(?<![\p{L}\p{N}])(?:(?:one|some|two|three|several|many|most|all|each|both|none|any)\s+of\s+)?(?:the|these|those|both)\s+$"
)
_DEFINITE_INSIDE = regexes.compile(r"(?i)^according\s+to\s+(?:the|these|those)\s+(?:[\p{L}-]+\s+)*?(?P<head>\p{L}+)$")
_WORD = regexes.compile(r"\p{L}{4,}")
# a place (capitalised words) right before a belief verb: "Washington believes", "the Kremlin fears"
_PLACE_BEFORE = regexes.compile(
    r"(?r)(?<![\p{L}\p{N}])(?P<name>(?-i:\p{Lu})[\p{L}\p{M}'’.-]*(?:\s+(?-i:\p{Lu})[\p{L}\p{M}'’.-]*){0,3})\s+"
    r"(?:(?i:still|also|now|firmly|privately|clearly|apparently|increasingly|evidently|genuinely|reportedly)\s+)?$"
)


def _heads(phrase: str) -> set[str]:
    """The words of a vague phrase that a later mention may take up: "the
    report", "one of the sources" (four letters or more, without a plural s)."""
    return {w[:-1] if w.endswith("s") else w for w in (x.lower() for x in _WORD.findall(phrase))}


class VagueAttribution:
    def __init__(self, p: Params, validate: bool = True):
        """``validate``: compile each entry alone first, to report a bad one
        by its place (not needed for data a rule has validated already)."""
        data = p.attribution
        items = data.vague + p.tokens
        if not items and not data.hedges:
            raise CompileError(("attribution", "vague"), "no vague phrases: give `vague` in the data or `tokens`")
        if validate:
            for i, item in enumerate(data.vague):
                _compile(item, ("attribution", "vague", i))
            for i, item in enumerate(data.hedges):
                _compile(item, ("attribution", "hedges", i))
            for i, item in enumerate(p.tokens):
                _compile(item, ("tokens", i))
            for i, item in enumerate(data.belief_verbs):
                _compile(item, ("attribution", "belief_verbs", i))
        # one alternation; the group that matched gives the level (or, for
        # a belief verb, says to look for a place before it)
        self.places = frozenset(x.lower() for x in data.places + p.places)
        beliefs = data.belief_verbs if self.places else []
        self.pattern = _compile(
            r"(?i)(?<![\p{L}\p{N}])(?:(?P<vague>" + _words(items) + r")|(?P<hedge>" + _words(data.hedges) + r")|(?P<belief>"
            + _words(beliefs) + r"))(?![\p{L}\p{N}])",
            ("attribution", "vague"),
        )
        self.not_names = frozenset(x.lower() for x in data.not_names)
        self.message = p.message or DEFAULT_MESSAGE
        # RE2 running a superset of the pattern: a block it passes is searched exactly
        self.gate = word_gate(self.pattern)

    def hits(self, text: str) -> list[_Hit]:
        """The vague phrases of one sentence, in order (searched exactly only
        where the gate, RE2 running a superset of the pattern, passes: the
        same hits, faster: the search starts where RE2 finds a candidate)."""
        out: list[_Hit] = []
        # from the first place RE2 finds a candidate: before it the exact pattern matches nowhere
        first = self.gate.first(text) if self.gate is not None else 0
        if first < 0:
            return out
        for m in self.pattern.finditer(text, first):
            if m.group("belief") is None:
                out.append(_Hit(m.start(), m.end(), m.group(), m.group("hedge") is not None))
                continue
            b = ends_here(_PLACE_BEFORE, text, m.start())
            if b is None:
                continue
            # the place may be the end of a longer capitalised run ("So Moscow believes")
            name, at = b.group("name"), b.start("name")
            for w in _NON_SPACE.finditer(name):
                if name[w.start() :].lower() in self.places:
                    start = at + w.start()
                    out.append(_Hit(start, m.end(), text[start : m.end()], False, True))
                    break
        return out

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        sents: list[Block] = []
        para: list[int] = []  # the block of each sentence
        for i, b in enumerate(blocks):
            ss = article.sentences_of(b) if b.scope != "sentence" else [b]
            sents.extend(ss)
            para.extend([i] * len(ss))
        # the gate asked of the whole article at once: most sentences have no vague phrase
        hits = [self.hits(s.text) if ok else [] for s, ok in zip(sents, passing(self.gate, article, sents), strict=True)]
        named_heads: set[str] = set()  # words of vague mentions that a name excused, so far
        scans: dict[int, dict] = {}
        for k, s in enumerate(sents):
            if not hits[k]:
                continue
            scans = {j: v for j, v in scans.items() if j >= k}  # earlier sentences are done
            nxt_k = self._next_sentence(sents, hits, k, scans)
            for h in hits[k]:
                nxt = self._scans(scans, sents, nxt_k if nxt_k is not None and self._continues(sents, para, k, nxt_k, h) else len(sents))
                if self._named(s.text, h, self._scans(scans, sents, k), nxt):
                    named_heads |= _heads(h.text)
                    continue
                head = self._definite_head(s.text, h)
                if head is not None and head in named_heads:
                    continue  # "the experts" after "experts at Imperial College London"
                level = Severity.SUGGESTION if h.hedge else None
                yield Finding(Span(s.start + h.start, s.start + h.end), format_message(self.message, h.text), level=level)

    def _next_sentence(self, sents: list[Block], hits: list[list[_Hit]], k: int, scans: dict) -> int | None:
        """The sentence whose named speaker may attribute sentence ``k``'s
        vague phrases: the next one, unless it is itself vaguely sourced
        ("A report said so. According to official sources, the EC said
        ..."; a vague phrase that a name in it makes precise is no vague
        source: "The sources, at the Foreign Office, said")."""
        j = k + 1
        if j >= len(sents):
            return None
        if hits[j]:
            here, none = self._scans(scans, sents, j), self._scans(scans, sents, len(sents))
            if not all(self._named(sents[j].text, h, here, none) for h in hits[j]):
                return None
        return j

    @staticmethod
    def _continues(sents: list[Block], para: list[int], k: int, j: int, h: _Hit) -> bool:
        """Does sentence ``j`` go on with the source of ``h`` (in sentence ``k``)?
        Within a paragraph, yes; the first sentence of the next paragraph
        only when it takes the source up ("says a report." then "The report
        by the University and College Union ...")."""
        if para[j] == para[k]:
            return True
        heads = _heads(h.text)
        if not heads:
            return False
        text = sents[j].text
        for d in _DEFINITE_WORD.finditer(text):
            for w in (d.group("a"), d.group("b")):
                w = (w or "").lower()
                if (w[:-1] if w.endswith("s") else w) in heads:
                    return True
        return False

    @staticmethod
    def _definite_head(text: str, h: _Hit) -> str | None:
        """The noun of a definite back-reference ("the experts said", "one of
        the sources", "according to the reports"), without a plural s."""
        w: str | None = None
        if ends_here(_DEFINITE_BEFORE, text, h.start) is not None:
            first = _WORD.search(h.text)
            w = first.group().lower() if first is not None else None
        else:
            m = _DEFINITE_INSIDE.match(h.text)
            w = m.group("head").lower() if m is not None else None
        if w is None:
            return None
        return w[:-1] if w.endswith("s") else w

    def _scans(self, scans: dict[int, dict], sents: list[Block], k: int) -> dict:
        """The searches of sentence ``k`` (none past the last), made once for
        all the vague phrases that read it."""
        if k not in scans:
            text = sents[k].text if k < len(sents) else ""
            scans[k] = {
                "tied": _Scan(_TIED, text, lambda t: self._is_name(text, t, strict=True)),
                "agent_speaks": _Scan(_AGENT_SPEAKS, text, lambda a: self._is_name(text, a, strict=False)),
                "speaks_agent": _Scan(_SPEAKS_AGENT, text, lambda a: self._is_name(text, a, strict=True)),
                "barriers": _Barriers(text),
            }
        return scans[k]

    # ----------------------------------------------------------------------

    def _named(self, sent: str, m: _Hit, here: dict, nxt: dict) -> bool:
        """Does a named source follow the vague phrase ``m`` (or tie to it)?

        ``here`` and ``nxt``: the searches of this sentence and the next
        (see ``_Scan``); each loop below is the ``finditer`` it stands for."""
        # tied to the phrase: "Analysts at Capital Economics", "..., including X"
        tied = here["tied"]
        t = tied.first(m.start)
        while t is not None and t.start() <= m.end + 1:
            if tied.ok(t):
                return True
            t = tied.first(t.end())
        # a named speaker says the vague thing: "The Trade Commission says there are signs"
        # (only a speaker whose match ends right before the phrase counts:
        # without a speech word there, no need to look for one)
        if _SPEECH_BEFORE.match(sent, 0, m.start) is not None:
            for a in _AGENT_SPEAKS.finditer(sent, here["barriers"].before(sent, m.start), m.start):
                if _SAYS_THAT.fullmatch(sent, a.end(), m.start) and (
                    a.group("name").lower() in ("he", "she") or self._is_name(sent, a, strict=False)
                ):
                    return True  # "He says there are signs": a person named before says so
        # the phrase's own verb names whom it spoke to: "sources told Reuters"
        t = _TOLD_NAME.match(sent, m.end) if _TOLD_END.search(m.text) else None
        if t is not None and self._is_name(sent, t, strict=True):
            return True
        if m.place:
            # introduced by a named speaker: "Blinken said Washington believes ..."
            for key in ("agent_speaks", "speaks_agent"):
                scan = here[key]
                a = scan.first(0)
                while a is not None and a.end() <= m.start:
                    if scan.ok(a):
                        return True
                    a = scan.first(a.end())
        # a name right before a phrase that opens with its people: "Capital
        # Economics analysts say" (not "Manuel Neuer is expected to", where
        # the name is whom the claim is about)
        b = ends_here(_NAME_BEFORE, sent, m.start) if not m.hedge and not _NOT_NOUN_START.match(m.text) else None
        if b is not None and len(b.group("name").split()) >= 2 and self._is_name(sent, b, strict=True):
            return True
        # a named speaker after the phrase, as a tail attribution of this
        # sentence (", Valfovich said", ", according to Amnesty"): a speaker
        # inside the vague claim is its content ("According to reports, the
        # EC wrote to ..."); or anywhere in the next sentence
        for key in ("agent_speaks", "speaks_agent"):
            scan = here[key]
            a = scan.first(m.end)
            # a tail attribution stands within a claim's length of the phrase:
            # without a bound, every phrase of a sentence without end would be
            # tried against every speaker after it
            while a is not None and a.start() - m.end <= _TAIL_REACH:
                if key == "speaks_agent" and a.group().lower().startswith("according"):
                    claim_end: int | None = a.start()
                else:
                    t = _TAIL_BEFORE.match(sent, 0, a.start("name") if key == "agent_speaks" else a.start())
                    claim_end = t.start() if t is not None else None
                # with the claim between: "According to reports, the EC wrote" is no tail
                if claim_end is not None and _WORD2.search(sent, m.end, claim_end) and scan.ok(a):
                    return True
                a = scan.first(a.end())
        return any(nxt[key].any(0) for key in ("agent_speaks", "speaks_agent"))

    def _is_name(self, text: str, m: regex.Match, strict: bool) -> bool:
        name = m.group("name")
        words = [w.strip(".,'’").lower() for w in name.split()]
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        if all(w in self.not_names for w in words):
            return False
        if len(words) == 1 and _DEMONYM.match(name):
            return False  # "Israeli officials", "Western analysts"
        start = m.start("name")
        if ends_here(_NEAR_BEFORE, text, start):
            return False  # "sources close to the Kremlin said"
        if not strict and len(words) == 1 and ends_here(_SENTENCE_START, text, start):
            # a lone capitalised word opening a sentence: a name unless it
            # is a generic word; accept it (e.g. "Valfovich said")
            return words[0] not in self.not_names
        return True


_NAMERS: dict[int, tuple[AttributionData, VagueAttribution]] = {}


def namer_for(data: AttributionData) -> VagueAttribution:
    """The vague-phrase finder of attribution data ``data`` with the rule's
    defaults (what the figures check asks "is this cue part of a vague
    phrase?"), built on first use and shared by every check that asks with
    the same data in this process."""
    got = _NAMERS.get(id(data))
    if got is None or got[0] is not data:
        got = _NAMERS[id(data)] = (data, VagueAttribution(Params.model_construct(extends="vague_attribution", attribution=data), validate=False))
    return got[1]


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> VagueAttribution:
    return VagueAttribution(p)
