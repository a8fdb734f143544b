"""The sourcing summary of an article: who says so?

Built from what newslint already finds, not a second reading of its own:

* **named sources**: people and organisations credited with a statement,
  found where the vague_attribution check looks for a named source (its
  speaker patterns: "Name ..., said", "said Name", "according to Name",
  with its test of what is a name, ``not_names``), with the role the text
  gives them: the title before the name ("Belarusian Security Council
  Secretary | Aliaksandr Valfovich", "coach | Joachim Löw") or an
  apposition after it ("Valfovich, the council's secretary, said"). A
  later mention by surname ("according to Valfovich") is the same source.
  "According to the ministry", "the company said": a lower-case body of
  ``definite_bodies`` is an organisation too (it stands for one named in
  the story).
* **outlets and documents**: media and agencies cited ("reports Belarus in
  Focus", "told Reuters", "according to TASS") and documents that carry a
  statement ("in a statement", "the report found"); a vague phrase
  ("according to media reports") is no outlet: it is listed as a vague
  attribution.
* **quotations** of four words or more (the figures check's test of a
  quotation that carries a statement) and their speaker: a named source
  in the quotation's sentences, or the last person named before it when a
  pronoun speaks ("he said"), or the speaker of the paragraph before when
  the quotation goes on from it.
* **vague attributions** and **unattributed figures**: the findings of
  News.VagueAttribution and News.UnattributedFigure (any rule with that
  name) that the run reported.

What a name is and what kind (``data/sources.yml``): an agency or an
outlet by its name or its position (the subject or object of "report",
"told ..."); an organisation by a word of ``organisation_words``, a body
of ``data/known-people.yml`` or an acronym; a person by two to four
capitalised words, or one that a person named before in the article (or
the known people) has as surname. A country or capital alone ("Russia
said") is no named source. Offsets in the output are those of the file as
read (an HTML or JSON file's, through its source map).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import regex

from lint import regexes
from lint.spec import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from lint.article import Article, Block
    from lint.checks.figures import AttributionData
    from lint.checks.known_names import KnownData
    from lint.model import Diagnostic

SCOPES = ("paragraph", "standfirst", "list")
MIN_QUOTE_WORDS = 4


class SourcesData(BaseModel):
    """rules/News/data/sources.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    titles: list[str] = Field(default_factory=list)
    organisation_words: list[str] = Field(default_factory=list)
    agencies: list[str] = Field(default_factory=list)
    media_words: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    definite_bodies: list[str] = Field(default_factory=list)
    place_words: list[str] = Field(default_factory=list)
    statement_verbs: list[str] = Field(default_factory=list)
    inverted_verbs: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------
# What the extraction finds, at the article's offsets


@dataclass
class Source:
    name: str
    kind: str  # person | organisation
    role: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    definite: bool = False  # "the ministry": not the same body across articles


@dataclass
class Outlet:
    name: str
    kind: str  # outlet | document | agency | credit (named in a credit line: "Source: SBS", "(AFP)")
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Quotation:
    start: int
    end: int
    speaker: str | None


@dataclass
class Found:
    sources: list[Source]
    outlets: list[Outlet]
    quotations: list[Quotation]
    statements: list[tuple[int, int]]  # attribution cues outside vague phrases and quotations ("said", "according to")

    @property
    def named(self) -> bool:
        """Credits someone by name: a person, an organisation, an outlet or an agency."""
        return bool(self.sources) or any(o.kind != "document" for o in self.outlets)


# --------------------------------------------------------------------------
# Patterns (the speaker patterns themselves are vague_attribution's)

_WORDS = regexes.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.'’&-]*")
_REPORT_VERB = regexes.compile(r"(?i)^(?:reports|reported|reporting|report)$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
# capitalised words that open a sentence or a clause but name no one
_LEADING = frozenset(
    "the a an on in at by for with from after before during since until as but and or so yet however meanwhile "
    "earlier later also still now then when while if last next this that these those speaking writing "
    "according asked separately instead indeed moreover furthermore nevertheless thus hence here there "
    "former ex mr mrs ms miss dr".split()
) | _MONTHS
_FUNCTION = frozenset("of for the and on in".split())
_PARTICLES = frozenset("of for the and on de du la le van von der den al bin da di del dos das y in".split())
_OUTLET_NAME = regexes.compile(
    r"(?-i:\p{Lu})[\p{L}\p{M}\d.'’&-]*(?:\s+(?:(?:in|of|the|for|and|on)\s+)?(?-i:\p{Lu})[\p{L}\p{M}\d.'’&-]*)*"
)
_ASIDE = regexes.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*(?P<aside>[^,.;()]{1,120}?)\s*,")
_AFTER = regexes.compile(r"\s*,\s*(?P<aside>[^,.;()“”\"]{1,120}?)\s*(?:[,.;]|$)")
_ROLE_BEFORE = regexes.compile(r"(?r)(?:^|[,;:(]\s*|\s)(?:the|his|her|its|their|a|an)\s+(?P<role>[^,.;:()“”\"]{2,60}?),\s*$")
_PERSON_BEFORE = regexes.compile(
    r"(?r)(?<![\p{L}\p{N}])(?P<person>(?-i:\p{Lu})[\p{L}\p{M}'’-]+(?:\s+(?-i:\p{Lu})[\p{L}\p{M}'’-]+){1,3}),\s*"
    r"(?P<role>(?:the|a|an)\s+[^,.;:()“”\"]{2,60}?\b(?:of|at|for|from)\s+(?:the\s+)?)$"
)
_MEDIA_BEFORE = regexes.compile(r"(?i)\b(?:news\s+agency|agency|newspaper|broadcaster|daily|magazine|channel|station)\s")
_NOT_IN_ROLE = frozenset("the a an and by to is was are were be been being has had have will would as with".split())
_POST_NOMINALS = frozenset("qc kc mp mep jr sr obe mbe cbe phd".split())
# what follows the name of a speaker after its verb ("said Valfovich."), not the subject of a reported
# clause ("said Jefferies was overcome", "predicted Adobe would return")
_SPEAKER_END = regexes.compile(
    r"\s*(?:[.,;:!?)\"”’—–-]|$|\d|(?i:on|in|at|last|this|earlier|later|from|of|who|after|before|during|when|while|about|to|and|but|yesterday|today|tonight|tomorrow)\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_RELATIVE = regexes.compile(r"\s+(?:who|which|that|whose)\s")
_HONORIFIC_BEFORE = regexes.compile(r"(?r)(?<![\p{L}])(?P<h>Mr|Mrs|Ms|Miss|Dr|Mr\.|Mrs\.|Ms\.|Dr\.)\s+$")
_HONORIFIC = frozenset("mr mrs ms miss dr prof sir dame".split())
_TOLD = regexes.compile(r"(?i)\b(?:told|tells|telling|tell)\b")
_INTERVIEW = regexes.compile(r"(?i)\binterview\s+with\b")
_PRONOUN_SAYS = regexes.compile(
    r"(?i)(?:\b(?:he|she)\s+(?:also\s+|later\s+)?(?:said|says|added|adds|told|tells|noted|notes|explained|"
    r"insisted|argued|warned|stated|continued|wrote|writes)\b|\b(?:said|says|added|continued)\s+(?:he|she)\b)"
)
_ORG_IN_BEFORE = regexes.compile(r"(?r)(?<![\p{L}\p{N}])(?P<org>\p{Lu}[\p{L}.'’&-]*(?:\s+\p{Lu}[\p{L}.'’&-]*){0,4})\s+in\s+$")
_COMMA_TITLE_BEFORE = regexes.compile(r"(?r)(?:^|(?<=[.;:!?]\s))(?P<role>\p{Lu}?\p{Ll}+(?:[ -]\p{Ll}+){0,3}),\s+$")
_AND_BEFORE = regexes.compile(
    r"(?r)(?<![\p{L}\p{N}])(?P<first>\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){1,3})\s+and\s+"
    r"(?:(?:the\s+|his\s+|her\s+)?\p{Ll}[\p{L}-]*\s+){0,3}$"
)
_OWN_VOICE = regexes.compile(
    r"(?i)(?:(?<![\p{L}])(?:i|we|you|one|let's|let\s+us)\s+(?:(?:can|could|would|might|may|must|should|will|have\s+to)\s+)?"
    r"|(?<![\p{L}])it(?:\s+is|'s|’s)\s+(?:\p{L}+\s+){1,2}to\s+)$"
)
_ADDED_PASSIVE = regexes.compile(r"(?i)(?<![\p{L}])(?:been|being|be)\s+$")  # "has been added to the panel"
_CAP_RUN = regexes.compile(r"(?:The\s+)?\p{Lu}[\p{L}\p{M}\p{N}&.'’-]*(?:\s+(?:of\s+|in\s+|for\s+|and\s+|&\s+)?\p{Lu}[\p{L}\p{M}\p{N}&.'’-]*){0,5}")
_NONSPACE = regexes.compile(r"\S+")
_NOT_CREDIT = frozenset("our staff correspondent correspondents reporter reporters writer writers special agencies".split())
# (a photo's "Credit:" or "Getty Images" credits the picture, not the story)
_CREDIT_LABEL = regexes.compile(r"(?<![\p{L}\p{N}])(?:Source|Sources|Courtesy(?:\s+of)?)\s*:\s*(?P<name>\S.{0,80})")
# "MENA region", "Reuters Institute found" (but "EFE news reported", "AFP said")
_WIRE_IN_PROSE = regexes.compile(r"\s+(?:(?!(?:news|agency|reported|reports|said|says)\b)\p{Ll}|\p{Lu}\p{Ll}+\s+(?-i:\p{Ll}))")
_NAME_BEFORE_WIRE = regexes.compile(r"(?r)(?<![\p{L}\p{N}])(?!The\s)\p{Lu}[\p{L}\p{M}'’.-]*\s+$")  # "Michael Bloomberg"
_CREDIT_FROM = regexes.compile(r"^\s*From\s+(?P<name>(?:The\s+)?\p{Lu}[^.!?]{0,60}?)\s*$")
_CREDIT_TAIL = regexes.compile(r"\s[-–—|]\s*(?P<name>(?:The\s+)?\p{Lu}[^-–—|.!?]{0,60}?)\s*(?:\([^()]{0,30}\)\s*)?(?:https?://\S+\s*)?$")
_CREDIT_SIGNOFF = regexes.compile(r"^\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,2},\s+(?P<name>(?:The\s+)?\p{Lu}[^,.!?]{0,60}?)\.?\s*$")
_COMMON_AGENCY_WORDS = frozenset({"trend", "fars", "antara", "press association", "canadian press"})  # words in common use
_PERSON_FROM_BEFORE = regexes.compile(
    r"(?r)(?<![\p{L}\p{N}])(?P<person>\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){1,3})\s+(?:from|at|of)\s+(?:the\s+)?$"
)
_PRONOUN_OPENS = regexes.compile(r"\s*(?P<pron>He|She)\s+(?:also\s+|later\s+|then\s+)?(?P<verb>\p{Ll}+)\b")
# a name after these is not the speaker: "A letter to Keir Starmer revealed", "a colleague of X said", "the inquiry
# into X found", "a report commissioned by X" (but "a report by X claims" and "a spokesperson for X said" credit X)
_OBJECT_BEFORE = regexes.compile(
    r"(?ir)(?<![\p{L}\p{N}])(?:to|into|against|about|over|with|on|of|\p{Ll}{3,}ed\s+by)\s+(?:the\s+)?$"
)
# "an announcement by X" and "X issued a warning": their words open the sentences read for them
_CREDIT_NOUNS = "announcement|statement|remarks|comments|testimony|ruling"
_ISSUED = r"issued|released|published|put\s+out"
_ADVERBS = ("(?i:reportedly|repeatedly|publicly|privately|officially|recently|separately|initially|subsequently|"
            "previously|openly|flatly|firmly|strongly|simply|quickly|once|again|now|then|earlier)")
_REGNAL = regexes.compile(r"\s+[IVX]{1,4}$")  # "John Paul II" (not "Jr.": Donald Trump Jr. is not his father)
_POSSESSIVE = regexes.compile(r"['’]s$")
_DETERMINERS = frozenset("the a an his her their its".split())
_PERSON_IN = regexes.compile(
    r"(?<![\p{L}\p{N}])(?:(?P<h>Mr|Mrs|Ms|Miss|Dr|Prof|Mr\.|Mrs\.|Ms\.|Dr\.)\s+)?"
    r"(?P<name>\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+\p{Lu}[\p{Ll}\p{M}'’-]+){0,3})(?![\p{L}\p{N}])"
)
_HYPHEN_LOWER = regexes.compile(r"-\p{Ll}")
_ACRONYM = regexes.compile(r"^\p{Lu}{2,6}s?$")


def _phrase(items: list[str]) -> str:
    """Entries as whole-word alternatives, longest first (spaces match any space)."""
    parts = sorted({regex.escape(x.strip()).replace(r"\ ", r"\s+") for x in items if x.strip()}, key=len, reverse=True)
    return "|".join(parts) if parts else r"(?!x)x"


def _fold(s: str) -> str:
    return " ".join(w.strip(".,'’").lower() for w in s.split())


class Extractor:
    """Compiled once from the pack's data; ``find(article)`` per article."""

    def __init__(self, attribution: AttributionData, sources: SourcesData, known: KnownData | None = None,
                 verbs: list[str] | None = None):
        """``verbs``: more verbs of saying for a named subject ("EC has asked"):
        the ``verbs`` of data/quote-attribution.yml."""
        from lint.checks.figures import cue_pattern
        from lint.checks.vague_attribution import namer_for

        self.attribution = attribution
        self.namer = namer_for(attribution)
        self.cues = cue_pattern(attribution, vague=False)
        self.titles = frozenset(_fold(x) for x in sources.titles)
        self.org_words = frozenset(_fold(x) for x in sources.organisation_words)
        self.agencies = {_fold(x): x for x in sources.agencies}
        self.media_words = frozenset(_fold(x) for x in sources.media_words)
        self.place_words = frozenset(_fold(x) for x in sources.place_words)
        self.not_names = frozenset(x.lower() for x in attribution.not_names)
        self.places = frozenset(_fold(x) for x in attribution.places)
        # a wire agency's name anywhere ("(AFP)", "AFP ,", "— Reuters"): those written as only a wire
        # names them (three capitals or more, or a proper name), not "AP", "PA" or "Trend"
        wires = [x for x in sources.agencies if (len(x) >= 3 and x.isupper()) or (x[:1].isupper() and not x.isupper()
                                                                                   and _fold(x) not in _COMMON_AGENCY_WORDS)]
        alts = "|".join(regex.escape(x) for x in sorted(wires, key=len, reverse=True)) or "(?!)"
        self.wire = regexes.compile(rf"(?<![\p{{L}}\p{{N}}&-])(?:{alts})(?![\p{{L}}\p{{N}}&-])")
        people = known.people if known is not None else []
        self.bodies = frozenset(_fold(x) for x in (known.bodies if known is not None else []))
        self.surnames: dict[str, str] = {}
        for p in people:
            w = p.split()
            if len(w) >= 2:
                self.surnames.setdefault(w[-1].lower(), p)
        speech = _speech()
        docs = _phrase(sources.documents)
        det = r"(?:a|an|the|its|his|her|their|this|that|one|another|a\s+new|a\s+joint)"
        self.document_cited = regexes.compile(
            rf"(?i)\b(?:in|according\s+to|cited\s+in|citing|quoted\s+in)\s+(?P<doc>{det}\s+(?:[\p{{L}}'’-]+\s+){{0,3}}?(?:{docs}))(?![\p{{L}}\p{{N}}])"
        )
        self.document_speaks = regexes.compile(
            rf"(?i)(?<![\p{{L}}\p{{N}}])(?P<doc>{det}\s+(?:[\p{{L}}'’-]+\s+){{0,3}}?(?:{docs}))\s+(?:also\s+)?"
            rf"(?:{speech}|read|reads|shows|showed|shown|concluded|concludes)\b"
        )
        from lint.checks.vague_attribution import _NAME, _SPEAKS_AGENT

        said = "|".join(sorted(set(speech.split("|")) | {regex.escape(v) for v in verbs or ()}, key=len, reverse=True))
        stated = "|".join(sorted((regex.escape(v) for v in sources.statement_verbs), key=len, reverse=True)) or "(?!)"
        # the statement verbs are not nouns here: "the IMF forecasts have been wrong", "forecasts of 3%"
        verb = rf"(?:{said}|(?:{stated})(?!\s+(?:of|for|have|has|had|are|were|was|is|to)\b))"
        self.agent_speaks = regexes.compile(
            rf"(?<![\p{{L}}\p{{N}}]){_NAME}(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,.;]{{1,120}},)?,?\s+"
            rf"(?:(?:has|had|have|also|later|previously|{_ADVERBS})\s+){{0,2}}(?i:{verb})\b"
        )
        said_words = {*said.split("|"), *stated.split("|")}
        said = verb
        # credited in the passive: "today's announcement by the IEBC", "a statement issued by Interpol"
        self.credited_by = regexes.compile(
            rf"(?i:\b(?:{_CREDIT_NOUNS})\s+"
            rf"(?:(?:made|issued|released|published|given)\s+)?by\s+(?:the\s+)?){_NAME}"
        )
        # "the Met Office issued an amber warning", "Interpol released a statement"
        self.issued = regexes.compile(
            rf"(?<![\p{{L}}\p{{N}}]){_NAME}(?:\s*\([^()]{{1,40}}\))?\s+(?:has\s+|had\s+|have\s+|also\s+)?(?i:{_ISSUED})\s+"
            rf"(?:(?i:a|an|its|his|her|their|the)\s+)?(?:[\p{{L}}-]+\s+){{0,3}}?"
            rf"(?i:statement|warning|announcement|alert|advisory|notice|press\s+release)s?(?![\p{{L}}\p{{N}}])"
            rf"(?=\s*(?:[,.;:!?)]|$|(?i:that|of|for|about|on|to|over|against|after|as|in)\b))"  # not "a coin warning collectors"
        )
        # "said X", "according to X": vague_attribution's pattern; the pack's inverted verbs only right after
        # a quotation or a comma ("...," quipped Pitt), not with an object ("England recalled Jack Grealish")
        self.said_words = frozenset(w.replace("\\", "") for w in said_words)
        self.speaks_agent = _SPEAKS_AGENT
        inverted = "|".join(sorted((regex.escape(v) for v in sources.inverted_verbs), key=len, reverse=True)) or "(?!)"
        self.inverted = regexes.compile(rf"(?<=[,\u201d\"\u2019]\s{{0,3}})(?i:{inverted})\s+(?-i:(?=\p{{Lu}})){_NAME}")
        # "said coach Joachim Löw", "said security council secretary X": lower-case titles first
        self.said_title = regexes.compile(
            rf"(?i:\b(?:{speech})\s+(?:the\s+)?)(?P<lower>(?:(?-i:\p{{Ll}})[\p{{L}}-]+\s+){{1,4}}?)(?-i:(?=\p{{Lu}})){_NAME}"
        )
        # "Davison denied the charges during trial and said ...": a subject, its clause, "and said"
        self.and_says = regexes.compile(
            rf"(?<![\p{{L}}\p{{N}}]){_NAME}\s+(?:has\s+|had\s+)?(?-i:\p{{Ll}})[\p{{Ll}}-]+(?:ed|s)\b[^,.;:!?“”\"()]{{0,60}}?\s+and\s+"
            rf"(?:also\s+|later\s+)?(?i:{said})\b"
        )
        # every pattern below needs one of these words: a sentence without any is skipped
        # (asked of RE2 first, when it is there: most sentences have none)
        from lint.gate import word_gate

        self.trigger = regexes.compile(
            rf"(?i)(?<![\p{{L}}\p{{N}}])(?:{said}|according|interview|{docs}|{_CREDIT_NOUNS}|warnings?|{_ISSUED})"
            rf"(?![\p{{L}}\p{{N}}])"
        )
        self.gate = word_gate(self.trigger, self.cues)
        self._gates: dict[regex.Pattern, Any] = {}
        self._last: tuple[Any, Found] | None = None  # find's last question and answer
        bodies = _phrase(sources.definite_bodies)
        # "Boston police said", "Kerala's health ministry says": a body of a named place
        self.place_body_speaks = regexes.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?P<cap>(?-i:\p{{Lu}})[\p{{L}}.-]+(?:\s+(?-i:\p{{Lu}})[\p{{L}}.-]+)?(?:'s|’s)?)\s+"
            rf"(?P<body>police|{bodies})\s+(?:(?i:has|had|have|also)\s+)?(?i:{speech})\b"
        )
        self.body_speaks = regexes.compile(
            rf"(?<![\p{{L}}\p{{N}}])(?:(?i:according\s+to)\s+|(?i:{speech})\s+)?(?P<the>(?i:the))\s+(?P<body>(?i:{bodies}))(?![\p{{L}}\p{{N}}])(?P<of>\s+of\s+(?:the\s+)?(?:[\p{{L}}'’-]+\s+){{0,2}}?(?-i:\p{{Lu}})[\p{{L}}'’-]+)?"
            rf"(?P<tail>(?:\s*,[^,.;]{{1,80}},)?\s+(?:(?i:has|had|also)\s+)?(?i:{said})\b)?"
        )

    # ------------------------------------------------------------------

    def find(self, article: Article, blocks: list[Block] | None = None) -> Found:
        """Who the article credits (``blocks``: those read, by default its paragraphs, standfirst and
        lists). The last answer is kept: News.NoNamedSource and the summary of the same article
        (``--format sourcing``, the archive's summary) ask the same question one after the other."""
        if blocks is None:
            blocks = [b for b in article.blocks if b.scope in SCOPES]
        key = (article.path, article.text, tuple((b.start, b.end, b.scope) for b in blocks))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        found = self._find_all(article, blocks)
        self._last = (key, found)
        return found

    def _find_all(self, article: Article, blocks: list[Block]) -> Found:
        from lint.checks.vague_attribution import _TOLD_NAME

        body = "\n".join(b.text for b in blocks)
        found: list[tuple[str, str, str | None, int, int, bool]] = []  # (name, kind, role, start, end, definite)
        outlets: list[tuple[str, str, int, int]] = []
        quote_spans: list[tuple[int, int]] = []
        statements: list[tuple[int, int]] = []
        sents: list[Block] = []
        for b in blocks:
            quote_spans.extend((q.start, q.end) for q in article.quotes_of(b))
            sents.extend(article.sentences_of(b))

        def quoted(start: int, end: int) -> bool:
            return any(qs <= start and end <= qe for qs, qe in quote_spans)

        for i, s in enumerate(sents):
            t, at = s.text, s.start
            if not self._triggered(t):
                continue
            vague = [(h.start, h.end) for h in self.namer.hits(t)]

            def in_vague(x: int, y: int, vague: list = vague) -> bool:
                return any(vs < y and x < ve for vs, ve in vague)

            p = _PRONOUN_OPENS.match(t)
            if (p is not None and i > 0 and p.group("verb").lower() in self.said_words
                    and not quoted(at + p.start("pron"), at + p.end("pron")) and not in_vague(p.start(), p.end())):
                who = self._the_one_person(sents[i - 1].text, p.group("pron").lower())
                if who is not None:  # "... after Ms Robison raised a point of order. She said ..."
                    found.append((who, "person", None, at + p.start("pron"), at + p.end("pron"), False))

            for c in self._find(self.cues, t):
                if in_vague(c.start(), c.end()) or quoted(at + c.start(), at + c.end()):
                    continue
                if (_OWN_VOICE.search(t, max(0, c.start() - 40), c.start()) or c.group().startswith("(")
                        or (c.group().lower().startswith("add") and _ADDED_PASSIVE.search(t, max(0, c.start() - 12), c.start()))):
                    # "It is fair to say", "we might say", "has been added": no one else's statement;
                    # a parenthesis ("(March 24 vs Spain)") is the figures' citation cue, not a statement
                    continue
                statements.append((at + c.start(), at + c.end()))
            for m in self._find(self.agent_speaks, t) + self._find(self.and_says, t):
                verb = t[m.end("name"):m.end()].split()[-1] if t[m.end("name"):m.end()].split() else ""
                aside = _ASIDE.match(t, m.end("name"), m.end())
                p = _PERSON_BEFORE.search(t, 0, m.start("name"))
                if p is not None and p.end() == m.start("name") and self._organisation(_fold(m.group("name")).split()):
                    # "Wafula Chebukati, the head of the ... Commission (IEBC) told reporters"
                    role = " ".join((p.group("role") + m.group("name")).split())
                    self._candidate(t, at, p.start("person"), p.end("person"), verb, role, found, outlets, quoted,
                                    in_vague)
                    continue
                ns = m.start("name")
                o = _ORG_IN_BEFORE.search(t, 0, ns)
                if o is not None and o.end() == ns and self._organisation(_fold(o.group("org")).split()):
                    ns = o.start("org")  # "The Health Ministry in Gaza said": the body, not the place
                if _OBJECT_BEFORE.search(t, 0, ns):
                    continue  # "A letter to Keir Starmer revealed", "a colleague of X said": not the speaker
                fr = _PERSON_FROM_BEFORE.search(t, 0, ns)
                if (fr is not None and fr.end() == ns and self._organisation(_fold(m.group("name")).split())
                        and self._person_like(_fold(fr.group("person")).split())
                        and not _OBJECT_BEFORE.search(t, 0, fr.start("person"))):
                    # "David Reay from Edinburgh University likens": the person, of the organisation
                    role = " ".join(t[fr.end("person"):m.end("name")].split())
                    self._candidate(t, at, fr.start("person"), fr.end("person"), verb, role, found, outlets, quoted,
                                    in_vague)
                    continue
                self._candidate(t, at, ns, m.end("name"), verb, aside.group("aside") if aside else None,
                                found, outlets, quoted, in_vague)
                both = _AND_BEFORE.search(t, 0, ns)
                if both is not None and both.end() == ns and self._person_like(_fold(both.group("first")).split()):
                    # "Former president George W. Bush and first lady Laura Bush announced": two speakers
                    self._candidate(t, at, both.start("first"), both.end("first"), verb, None, found, outlets,
                                    quoted, in_vague)
            for m in self._find(self.credited_by, t) + self._find(self.issued, t):
                if m.re is self.issued and _OBJECT_BEFORE.search(t, 0, m.start("name")):
                    continue
                self._candidate(t, at, m.start("name"), m.end("name"), "said", None, found, outlets, quoted, in_vague)
            titled = [m for m in self._find(self.said_title, t) if _fold(m.group("lower").split()[-1]) in self.titles]
            for m in self._find(self.speaks_agent, t) + self._find(self.inverted, t) + titled:
                words = m.group().split()
                verb = words[0] if words else ""
                ns, ne = m.start("name"), m.end("name")
                if _REPORT_VERB.match(verb):
                    o = _OUTLET_NAME.match(t, ns)
                    if o is not None:
                        ne = o.end()
                tail = self._trim(t, ns, ne)
                if verb.lower() != "according" and (tail is None or not _SPEAKER_END.match(t, tail[-1][1])):
                    continue  # "said Jefferies was overcome": whom the statement is about
                after = _AFTER.match(t, ne)
                self._candidate(t, at, ns, ne, verb, after.group("aside") if after else None, found, outlets, quoted,
                                in_vague)
            for m in _TOLD.finditer(t):
                n = _TOLD_NAME.match(t, m.end())
                if n is not None:
                    self._told(t, at, n.start("name"), n.end("name"), outlets, quoted,
                               bool(_MEDIA_BEFORE.search(t, m.end(), n.start("name"))))
            for m in _INTERVIEW.finditer(t):
                n = _TOLD_NAME.match(t, m.end())
                if n is not None:
                    self._told(t, at, n.start("name"), n.end("name"), outlets, quoted)
            for m in self._find(self.body_speaks, t):
                lead = m.group()[: m.start("the") - m.start()].strip()
                if (not lead and m.group("tail") is None) or _TOLD.fullmatch(lead):
                    continue  # "the ministry" mentioned, not speaking; "told the court": the listener
                if in_vague(m.start(), m.end()) or quoted(at + m.start("the"), at + m.end("body")):
                    continue
                end = m.end("of") if m.group("of") else m.end("body")
                name = "the " + " ".join(t[m.start("body"):end].split())
                found.append((name, "organisation", None, at + m.start("the"), at + end, True))
            for m in self._find(self.place_body_speaks, t):
                cap, start = m.group("cap"), m.start()
                first = cap.split()[0]
                if _fold(first) in _LEADING and len(cap.split()) > 1:
                    start = m.start() + cap.index(" ", len(first)) + 1  # "The Iraqi military said": "Iraqi military"
                    cap = cap[start - m.start():]
                if _fold(cap.split()[0]) in _LEADING or quoted(at + start, at + m.end("body")) or in_vague(start, m.end()):
                    continue
                found.append((f"{cap} {m.group('body')}", "organisation", None, at + start, at + m.end("body"), True))
            for rx in (self.document_cited, self.document_speaks):
                for m in self._find(rx, t):
                    ds, de = m.span("doc")
                    if in_vague(ds, de) or quoted(at + ds, at + de):
                        continue
                    if t[max(0, ds - 3):ds].lower().endswith("in ") and "interview" in m.group("doc").lower():
                        continue
                    outlets.append((" ".join(m.group("doc").split()), "document", at + ds, at + de))
        self._credits(article, outlets)
        found = [self._proper(item, body) for item in _distinct(found)]
        sources = self._merge(found, body, frozenset(_fold(o[0]) for o in outlets))
        for src in sources:
            if src.kind == "person" and src.role is None:
                src.role = self._first_role(article, blocks, src.name)
        merged_outlets = self._merge_outlets(outlets)
        quotations = self._quotations(article, blocks, sources)
        return Found(sources, merged_outlets, quotations, statements)

    # ------------------------------------------------------------------

    def _find(self, rx: regex.Pattern, t: str) -> list[regex.Match]:
        """``rx.finditer(t)`` from the first place RE2 finds a candidate (a
        relaxed superset of ``rx``: before it ``rx`` matches nowhere)."""
        gate = self._gates.get(rx, False)
        if gate is False:
            from lint.gate import word_gate

            gate = self._gates[rx] = word_gate(rx)
        first = gate.first(t) if gate is not None else 0
        return list(rx.finditer(t, first)) if first >= 0 else []

    def _triggered(self, t: str) -> bool:
        if self.gate is not None:
            return self.gate.first(t) >= 0
        return self.trigger.search(t) is not None or self.cues.search(t) is not None

    def _told(self, t: str, at: int, ns: int, ne: int, outlets: list, quoted, media: bool = False) -> None:
        trimmed = self._trim(t, ns, ne)
        if trimmed is None:
            return
        the = t.startswith("The ", ns) and trimmed[0][0] == ns + 4
        ns, ne = (ns if the else trimmed[0][0]), trimmed[-1][1]
        name = t[ns:ne]
        kind = self._outlet_kind(name) or ("outlet" if media else None)
        if kind is not None and not quoted(at + ns, at + ne):
            outlets.append((self._outlet_display(name), kind, at + ns, at + ne))

    @staticmethod
    def _trim(t: str, ns: int, ne: int) -> list[tuple[int, int]] | None:
        """The words of the run ``t[ns:ne]`` without the words that open a
        clause ("On Monday", "However"), a trailing date ("September", "on
        Sunday") or a sentence's full stop; None when none is left."""
        spans = [w.span() for w in _WORDS.finditer(t, ns, ne)]
        while spans and _fold(t[spans[0][0]:spans[0][1]]) in _LEADING | _FUNCTION:
            spans.pop(0)
        while spans and (_fold(t[spans[-1][0]:spans[-1][1]]) in _MONTHS | _PARTICLES | _POST_NOMINALS):
            spans.pop()
        if spans:
            s, e = spans[-1]
            if t[e - 1] == "." and e - s > 3:  # "Hindustan Times." (not "Cpl." or "U.S.")
                spans[-1] = (s, e - 1)
        return spans or None

    def _credits(self, article: Article, outlets: list[tuple[str, str, int, int]]) -> None:
        """Outlets and agencies named in the article's credit lines, in any block (byline,
        caption, source line): "Source: SBS", "From The Times of India", "... - Times of
        India https://...", "Max Lee, KBS World Radio News.", a wire agency's name ("AFP").
        A name the article already cites for a statement is not listed again."""
        cited = {_fold(o[0]) for o in outlets}

        def add(name: str, start: int, end: int) -> None:
            if _fold(name) not in cited:
                cited.add(_fold(name))
                outlets.append((name, "credit", start, end))

        for b in article.blocks:
            t = b.text
            for m in _CREDIT_LABEL.finditer(t):
                got = self._credit_name(m.group("name"))
                if got is not None:
                    add(got[0], b.start + m.start("name"), b.start + m.start("name") + got[1])
            for rx in (_CREDIT_FROM, _CREDIT_TAIL, _CREDIT_SIGNOFF):
                m = rx.search(t)
                got = self._credit_name(m.group("name")) if m is not None else None
                if m is not None and got is not None and self._outlet_kind(got[0]) is not None:
                    add(got[0], b.start + m.start("name"), b.start + m.start("name") + got[1])
            taken = [(o[2], o[3]) for o in outlets]
            for m in self.wire.finditer(t):
                if any(a < b.start + m.end() and b.start + m.start() < e for a, e in taken):
                    continue  # inside a name already credited ("Source: Kyodo News Agency")
                if _WIRE_IN_PROSE.match(t, m.end()) or _NAME_BEFORE_WIRE.search(t, 0, m.start()):
                    continue  # "the MENA region", "Michael Bloomberg", "The Reuters Institute": no credit
                add(self.agencies[_fold(m.group())], b.start + m.start(), b.start + m.end())

    def _credit_name(self, raw: str) -> tuple[str, int] | None:
        """The capitalised run at the start of ``raw`` and its length in ``raw``, or None
        ("Source: reports", "From Our Correspondent")."""
        m = _CAP_RUN.match(raw)
        if m is None:
            return None
        spans = [w.span() for w in _NONSPACE.finditer(m.group())]
        while spans and (_fold(m.group()[slice(*spans[-1])]) in _FUNCTION or _fold(m.group()[slice(*spans[-1])]) in _MONTHS):
            spans.pop()
        if not spans:
            return None
        name = " ".join(m.group()[a:b] for a, b in spans)
        f = _fold(name)
        if f in self.places or all(w in self.not_names or w in _NOT_CREDIT for w in f.split()):
            return None
        return name, spans[-1][1]

    def _outlet_kind(self, name: str) -> str | None:
        f = _fold(name)
        if f in self.agencies or (f.startswith("the ") and f[4:] in self.agencies):
            return "agency"
        words = f.split()
        if self._title_at(words) >= 0:
            return None  # "Special Adviser on Media and Publicity": an office
        if any(w in self.org_words for w in words) and words[-1] not in self.media_words:
            return None  # "Independent Electoral and Boundaries Commission" (but "News Corp" neither)
        if any(w in self.media_words for w in words) or self._has_phrase(words, self.media_words):
            return "outlet"
        return None

    def _outlet_display(self, name: str) -> str:
        f = _fold(name)
        return self.agencies.get(f[4:] if f.startswith("the ") else f, name)

    @staticmethod
    def _has_phrase(words: list[str], phrases: frozenset[str]) -> bool:
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                if " ".join(words[i:i + n]) in phrases:
                    return True
        return False

    def _title_at(self, words: list[str]) -> int:
        """The index of the last title word of ``words`` (folded), or -1."""
        last = -1
        for i, w in enumerate(words):
            if w in self.titles or (i and " ".join(words[i - 1:i + 1]) in self.titles):
                last = i
        return last

    def _candidate(self, t: str, at: int, ns: int, ne: int, verb: str, aside: str | None,
                   found: list, outlets: list, quoted, in_vague) -> None:
        """Sort the capitalised run ``t[ns:ne]`` said to speak: a person, an
        organisation or an outlet (appended to ``found`` or ``outlets``), or nothing."""
        if quoted(at + ns, at + ne) or in_vague(ns, ne):
            return
        spans = self._trim(t, ns, ne)
        if spans is None:
            return
        ns, ne = spans[0][0], spans[-1][1]
        name = t[ns:ne]
        if name.endswith(("'s", "’s")):
            return  # "Valfovich's remarks said": the name owns the speaker
        words = [_fold(t[s:e]) for s, e in spans]
        if aside is not None and self._title_at(words) >= 0:
            a = aside.split()
            while a and _fold(a[0]) in _HONORIFIC:
                a.pop(0)
            if self._person_like([_fold(w) for w in a]) and all(w[:1].isupper() for w in a):
                off = t.find(" ".join(a), ne)
                if off >= 0:
                    self._candidate(t, at, off, off + len(" ".join(a)), verb, name, found, outlets, quoted, in_vague)
                    return
        if all(w in self.not_names for w in words):
            return
        if len(words) == 1 and _demonym(name):
            return  # "Israeli officials said"
        f = " ".join(words)
        # an agency or an outlet
        kind = self._outlet_kind(name)
        if kind is not None:
            if ns >= 4 and t.startswith("The ", ns - 4) and t[:ns - 4].strip():
                ns -= 4  # "A Chinese online media outlet, The Paper, reported"
            outlets.append((self._outlet_display(t[ns:ne]), kind, at + ns, at + ne))
            return
        # two people: "Corey Scher of X and Jamon Van Den Hoek of Y said"
        for i, w in enumerate(words):
            if w == "and" and self._of_org(words[:i]) > 0 and i + 2 < len(words):
                self._candidate(t, at, ns, spans[i - 1][1], verb, None, found, outlets, quoted, in_vague)
                self._candidate(t, at, spans[i + 1][0], ne, verb, aside, found, outlets, quoted, in_vague)
                return
        role: str | None = None
        # a person of an organisation: "Jenny Hopkins of the Crown Prosecution Service"
        j = self._of_org(words)
        if j > 0:
            role = t[spans[j][0]:ne]
            ne = spans[j - 1][1]
            spans, words = spans[:j], words[:j]
            name = t[ns:ne]
        # a title: the role, then the name ("Security Council Secretary | Aliaksandr Valfovich")
        k = self._title_at(words)
        if k >= 0 and k + 1 < len(words) and not self._organisation(words[k + 1:]):
            title = t[ns:spans[k][1]]
            role = f"{title} {role}" if role else title
            ns = spans[k + 1][0]
            name = t[ns:ne]
            words = words[k + 1:]
        elif j > 0:
            if not self._person_like(words):
                return
        elif self._organisation(words):
            found.append((_strip_the(name), "organisation", None, at + ns, at + ne, False))
            return
        elif k >= 0:
            return  # "the Foreign Minister said": an office, no name
        if words[-1] in self.place_words:
            return  # "Cheorwon in Gangwon Province claimed": a place
        if f in self.places:
            return  # "Russia said", "Moscow believes": a place, not a named source
        if role is None:
            lead = self._title_before(t, ns)
            if lead is not None:
                role = lead
        honorific = _HONORIFIC_BEFORE.search(t, 0, ns)
        if honorific is not None and honorific.end() == ns and len(words) == 1:
            name = f"{honorific.group('h')} {name}"  # "Ms Corbett": not resolved to another Corbett
        if role is None and aside is not None and self._role_like(aside):
            role = _RELATIVE.split(" ".join(aside.split()), 1)[0]
        if role is None:
            b = _ROLE_BEFORE.search(t, 0, ns)
            if b is not None and b.end() == ns and self._title_at([_fold(w) for w in b.group("role").split()]) >= 0:
                role = " ".join(b.group("role").split())  # "the President's spokesman, Mr Femi Adesina"
        if all(w in self.not_names or w in _LEADING for w in words):
            return
        if _REPORT_VERB.match(verb) and not self._person_like(words) and role is None:
            if ns >= 4 and t.startswith("The ", ns - 4) and t[:ns - 4].strip():
                ns -= 4
            outlets.append((t[ns:ne], "outlet", at + ns, at + ne))
            return
        if len(words) == 1 and _ACRONYM.match(name):
            found.append((name, "organisation", None, at + ns, at + ne, False))
            return
        if len(words) > 4 or any(w in _PARTICLES and w not in ("de", "van", "von", "der", "den", "al", "bin", "da", "di", "del", "la", "le")
                                 for w in words):
            return  # a long run or one with "of"/"and": no person's name
        if any(ch.isdigit() for ch in name):
            return
        found.append((name, "person", role, at + ns, at + ne, False))

    def _proper(self, item: tuple[str, str, str | None, int, int, bool], body: str) -> tuple[str, str, str | None, int, int, bool]:
        """A definite body under the proper name the article gives it: "the
        department" after "the Laurel Police Department" (the first
        capitalised name that ends with its noun), else as it is."""
        name, kind, role, s, e, definite = item
        if not (definite and name.startswith("the ")):
            return item
        from lint.checks.vague_attribution import _NAME

        head = _fold(name.split()[-1])
        for m in regexes.compile(rf"(?<![\p{{L}}\p{{N}}]){_NAME}").finditer(body):
            spans = self._trim(body, m.start("name"), m.end("name"))
            words = [_fold(body[a:b]) for a, b in spans or ()]
            if any(w == "and" and x == "the" for w, x in pairwise(words)):
                continue  # "the US Government and the Chinese Government": two bodies, neither is "the Government"
            if spans and len(spans) >= 2 and _POSSESSIVE.sub("", _fold(body[spans[-1][0]:spans[-1][1]])) == head:
                last = body[spans[-1][0]:spans[-1][1]]
                return body[spans[0][0]:spans[-1][1] - (len(last) - len(_POSSESSIVE.sub("", last)))], kind, role, s, e, False
        return item

    def _the_one_person(self, sentence: str, pronoun: str) -> str | None:
        """The one person ``sentence`` names ("Ms Robison", "Shona Robison"), whom a "she said"
        in the next sentence can only mean; None when it names none, several, or one of the other
        sex by honorific ("Mr Yousaf" for "she")."""
        names: dict[str, str] = {}
        words_in = [_fold(w) for w in _WORDS.findall(sentence)]
        for j, w in enumerate(words_in):
            if w in _DETERMINERS and any(x in self.titles for x in words_in[j + 1:j + 4]):
                return None  # "the President held a meeting with Mr John Kerry, where he says": the other one
        for m in _PERSON_IN.finditer(sentence):
            h, name = m.group("h"), m.group("name")
            if _POSSESSIVE.search(name):
                continue  # "Rishi Sunak's wife ...": the possessor is not the one who speaks next
            words = [_fold(w) for w in name.split()]
            if h is None and any(w[:1].islower() and _fold(w) not in self.titles for w in sentence[:m.start()].split()):
                continue  # without an honorific, only the subject that opens the sentence ("Joe Biden joined")
            k = self._title_at(words)
            if k >= 0 and h is None:  # "Governor Andrew Cuomo": the name after the title
                name = " ".join(name.split()[k + 1:])
                words = words[k + 1:]
                if not words:
                    continue
            if h is None and (not self._person_like(words) or self._organisation(words) or " ".join(words) in self.places
                              or any(w in self.not_names or w in _LEADING or w in self.titles for w in words)
                              or self._outlet_kind(name) is not None):
                continue
            if h is not None and (self._organisation(words) or any(w in self.not_names for w in words)):
                continue
            hon = h.rstrip(".").lower() if h is not None else ""
            if hon in ("mr", "ms", "mrs", "miss") and (pronoun == "she") != (hon != "mr"):
                return None  # "Mr Yousaf ... She said": someone else
            key = words[-1]
            names.setdefault(key, f"{h} {name}" if h is not None and len(words) == 1 else name)
        return next(iter(names.values())) if len(names) == 1 else None

    def _one_word_body(self, name: str, body: str, outlet_names: frozenset[str]) -> bool:
        """A one-word name said to speak that names no person in full anywhere ("Facebook said"):
        news style gives a person's full name at the first mention, while an organisation's name
        is often one word. It is taken for an organisation when the article capitalises it inside
        a sentence at least twice ("Critics said" only opens one), and it is no place (listed, or
        "in Laurel"), outlet, abbreviation ("U.S.") or compound of a common word ("T-shirt")."""
        f = _fold(name)
        if "." in name or _HYPHEN_LOWER.search(name) or f in self.places or f in outlet_names:
            return False
        if regexes.compile(rf"(?i:\b(?:in|near|outside)\s+){regex.escape(name)}(?![\p{{L}}\p{{N}}'’])").search(body):
            return False  # "police in Laurel said": a place
        if regexes.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+{regex.escape(name)}(?![\p{{L}}\p{{N}}])").search(body):
            return False  # "Mr Cheng": a person named by surname
        return len(_MID_SENTENCE_CAP(name).findall(body)) >= 2

    def _full_name(self, surname: str, body: str) -> str | None:
        """The article's full name of a person it names by ``surname`` alone
        ("Jay Davison" for "Davison"): a capitalised given name right before
        the surname somewhere in ``body`` (the text read)."""
        rx = regexes.compile(rf"(?<![\p{{L}}\p{{N}}'’.-])(?P<given>(?-i:\p{{Lu}})[\p{{Ll}}\p{{M}}'’-]+) +{regex.escape(surname)}(?![\p{{L}}\p{{N}}])")
        for m in rx.finditer(body):
            g = _fold(m.group("given"))
            # (no demonym test here: "Chi", "Eric" and "Ryan" end as demonyms do, and "Israeli Netanyahu" is not news style)
            if g in _LEADING or g in self.not_names or g in self.titles or g in self.places:
                continue
            return f"{m.group('given')} {surname}"
        return None

    def _first_role(self, article: Article, blocks: list[Block], name: str) -> str | None:
        """The title before the first mention of ``name`` that has one
        ("Chief Election Commissioner Rajiv Kumar will hold ...")."""
        from lint.checks.vague_attribution import _NAME

        rx = regexes.compile(rf"(?<![\p{{L}}\p{{N}}]){_NAME}")
        for b in blocks:
            i = b.text.find(name)
            while i >= 0:
                lead = self._title_before(b.text, i)
                if lead is not None:
                    return lead
                # an apposition: "Steve Shepich, an analyst at Olde Discount Corp., had predicted"
                after = _AFTER.match(b.text, i + len(name))
                if after is not None and self._title_first(after.group("aside")):
                    return _RELATIVE.split(" ".join(after.group("aside").split()), 1)[0]
                # a title, a comma, the name: "Company chairman, John Warnock, said"
                c = _COMMA_TITLE_BEFORE.search(b.text, 0, i)
                if c is not None and c.end() == i:
                    words = [_fold(w) for w in c.group("role").split()]
                    if self._title_at(words) == len(words) - 1:
                        return " ".join(c.group("role").split())
                # a capitalised run that ends with the name: "Apple Chief Executive Tim Cook"
                for m in rx.finditer(b.text, max(0, i - 80), i + len(name)):
                    if m.end() == i + len(name) and m.start() < i:
                        words = [_fold(w) for w in b.text[m.start():i].split()]
                        k = self._title_at(words)
                        if k == len(words) - 1:
                            spans = self._trim(b.text, m.start(), i)
                            if spans:
                                return b.text[spans[0][0]:spans[-1][1]]
                i = b.text.find(name, i + 1)
        return None

    def _title_before(self, t: str, ns: int) -> str | None:
        """Lower-case title words right before a name: "coach Joachim Löw",
        "security council secretary Aliaksandr Valfovich"."""
        words = list(_WORDS.finditer(t, max(0, ns - 80), ns))
        if not words or t[words[-1].end():ns].strip():
            return None
        j = len(words)
        if _fold(words[j - 1].group()) not in self.titles:
            return None
        i = j - 1
        while i > 0 and t[words[i - 1].end():words[i].start()].isspace() and _fold(words[i - 1].group()) not in _LEADING \
                and _fold(words[i - 1].group()) not in self.not_names and j - i < 5:
            prev = _fold(words[i - 1].group())
            if prev in _speech_words() or prev in _NOT_IN_ROLE:
                break
            i -= 1
        return t[words[i].start():words[j - 1].end()]

    def _of_org(self, words: list[str]) -> int:
        """Where "of (the) Organisation" starts in a person's run ("Jenny
        Hopkins of the Crown Prosecution Service"), or -1."""
        for j, w in enumerate(words):
            if w in ("of", "from", "at") and j >= 2 and self._organisation(words[j + 1:]) and not self._organisation(words[:j]):
                return j
        return -1

    def _title_first(self, aside: str) -> bool:
        """An apposition that is a role: a title before any "of", "at" or "from" ("an analyst at
        Olde Discount Corp"), not "whose father was a doctor", "the daughter of a police officer"
        or "from Leeds"."""
        for w in (_fold(x) for x in aside.split()):
            if w in self.titles:
                return True
            if w in ("of", "at", "from", "for", "with", "who", "whose", "which", "that", "whom"):
                return False
        return False

    def _role_like(self, aside: str) -> bool:
        """An apposition that says who someone is: a title in it, or where
        they work ("from the Crown Prosecution Service")."""
        words = aside.split()
        if self._title_at([_fold(w) for w in words]) >= 0:
            return True
        return len(words) >= 2 and _fold(words[0]) in ("of", "from", "at", "with", "for") and any(w[:1].isupper() for w in words[1:])

    def _organisation(self, words: list[str]) -> bool:
        return " ".join(words) in self.bodies or any(w in self.org_words for w in words) or self._has_phrase(words, self.org_words)

    @staticmethod
    def _person_like(words: list[str]) -> bool:
        return 2 <= len(words) <= 4 and not any(w in ("in", "of", "the", "for", "and", "on") for w in words)

    def _merge(self, found: list[tuple[str, str, str | None, int, int, bool]], body: str,
               outlet_names: frozenset[str] = frozenset()) -> list[Source]:
        """One source per name: a surname alone is the person named in full
        in the article (or among the known people)."""
        by_key: dict[str, Source] = {}
        order: list[Source] = []
        pending: list[tuple[str, str, str | None, int, int, bool]] = []
        for item in found:
            name, kind, role, s, e, definite = item
            if not name.split():
                continue
            if kind == "person" and (len(name.split()) == 1 or _fold(name.split()[0]) in _HONORIFIC):
                pending.append(item)
                continue
            self._add(by_key, order, name, kind, role, s, e, definite)
        surnames: dict[str, Source] = {}
        for src in order:
            if src.kind == "person":
                surnames.setdefault(_fold(src.name.split()[-1]), src)
        full: dict[str, str | None] = {}
        one_word: dict[str, bool] = {}
        for name, kind, role, s, e, definite in pending:
            titled = len(name.split()) == 2
            same = surnames.get(_fold(name.split()[-1]))
            if same is not None:
                same.spans.append((s, e))
                if same.role is None and role is not None:
                    same.role = role
                continue
            if not titled and name not in full:  # once per name: a run repeats its speakers many times
                full[name] = self._full_name(name, body)
            known = None if titled else full[name] or (self.surnames.get(_fold(name)) if role is None else None)
            if known is not None or role is not None or titled:  # ("Judge Smith" is no known Zadie Smith)
                new = self._add(by_key, order, known or name, kind, role, s, e, definite)
                surnames.setdefault(_fold(name.split()[-1]), new)
            else:
                if name not in one_word:
                    one_word[name] = self._one_word_body(name, body, outlet_names)
                if not one_word[name]:
                    continue
                self._add(by_key, order, name, "organisation", None, s, e, definite)
        for src in list(order):
            # "Davison" in "Jay Davison"; "John Paul" in "John Paul II"; "the military" in "Iraqi military"
            longer = [o for o in order if o is not src and o.kind == src.kind and (
                (src.kind == "person" and (o.name.endswith(" " + src.name) or _REGNAL.sub("", o.name) == src.name))
                or (src.definite and src.name.startswith("the ") and not o.name.startswith("the ")
                    and _fold(o.name).endswith(" " + _fold(src.name[4:]))))]
            if longer:
                longer[0].spans.extend(src.spans)
                longer[0].role = longer[0].role or src.role
                order.remove(src)
        for src in order:
            src.spans.sort()
        order.sort(key=lambda x: x.spans[0])
        return order

    @staticmethod
    def _add(by_key: dict[str, Source], order: list[Source], name: str, kind: str, role: str | None,
             s: int, e: int, definite: bool) -> Source:
        key = _fold(name)
        src = by_key.get(key)
        if src is None:
            src = by_key[key] = Source(name, kind, role, [], definite)
            order.append(src)
        elif src.role is None and role is not None:
            src.role = role
        if (s, e) not in src.spans:
            src.spans.append((s, e))
        return src

    @staticmethod
    def _merge_outlets(outlets: list[tuple[str, str, int, int]]) -> list[Outlet]:
        by_key: dict[tuple[str, str], Outlet] = {}
        for name, kind, s, e in outlets:
            key = (kind, _fold(name).split()[-1] if kind == "document" else _fold(name))
            o = by_key.get(key)
            if o is None:
                o = by_key[key] = Outlet(name, kind, [])
            if (s, e) not in o.spans:
                o.spans.append((s, e))
        out = list(by_key.values())
        for o in out:
            o.spans.sort()
        out.sort(key=lambda o: o.spans[0])
        return out

    def _quotations(self, article: Article, blocks: list[Block], sources: list[Source]) -> list[Quotation]:
        """Quotations of ``MIN_QUOTE_WORDS`` words or more, with their speaker."""
        from lint.checks._quotes import quotes_of

        mentions = sorted((s, e, src) for src in sources for s, e in src.spans)
        persons = [(s, src) for s, _, src in mentions if src.kind == "person"]
        out: list[Quotation] = []
        previous: str | None = None  # the speaker of the paragraph before, if it ends quoting
        for b in blocks:
            quotes = [q for q in quotes_of(b, article.text, article) if len(q.block.text.split()) >= MIN_QUOTE_WORDS]
            if not quotes:
                previous = None
                continue
            sents = article.sentences_of(b)
            para_speaker: str | None = None
            for q in quotes:
                qs, qe = q.start, q.end
                around = [s for s in sents if s.start < qe and qs < s.end] or [b]
                lo, hi = min(s.start for s in around), max(s.end for s in around)
                near = [(abs(s - qs), src.name) for s, e, src in mentions if lo <= s and e <= hi and not (qs <= s < qe)]
                speaker: str | None = min(near)[1] if near else None
                if speaker is None:
                    outside = "".join(
                        article.text[x:y] for x, y in ((lo, qs), (qe, hi))
                    )
                    if _PRONOUN_SAYS.search(outside):
                        before = [src.name for s, src in persons if s < qs]
                        speaker = before[-1] if before else None
                if speaker is None:
                    inpara = [(abs(s - qs), src.name) for s, e, src in mentions if b.start <= s < b.end and not (qs <= s < qe)]
                    speaker = min(inpara)[1] if inpara else None
                if speaker is None and q.open == b.start and previous is not None:
                    speaker = previous  # the quotation goes on from the paragraph before
                if speaker is None and para_speaker is not None and q.open > b.start:
                    speaker = para_speaker
                out.append(Quotation(qs, qe, speaker))
                para_speaker = speaker or para_speaker
            previous = para_speaker
        return out


@functools.lru_cache(maxsize=256)
def _MID_SENTENCE_CAP(word: str) -> regex.Pattern:
    """``word`` after a word or a comma inside a sentence (not after a full stop, a colon or a quote)."""
    return regexes.compile(rf"[\p{{L}}\p{{N}},;)]\s+{regex.escape(word)}(?![\p{{L}}\p{{N}}'’-])")



def _distinct(found: list[tuple[str, str, str | None, int, int, bool]]) -> list[tuple[str, str, str | None, int, int, bool]]:
    """One finding per place: two patterns that found the same speaker ("The Ministry of Defence said":
    the named body and "the ministry ... of Defence") give the earliest and longest of them."""
    out: list[tuple[str, str, str | None, int, int, bool]] = []
    for item in sorted(found, key=lambda x: (x[3], -(x[4] - x[3]))):
        if out and any(o[3] < item[4] and item[3] < o[4] for o in out[-8:]):
            continue
        out.append(item)
    return out


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) else name


_DEMONYM = regexes.compile(r"(?i)^(?:\p{L}+(?:an|ian|ese|ish|ic|ern|i)|Thai|Swiss|French|Dutch|Greek|Czech|Irish|Welsh|Scots?)$")


def _demonym(name: str) -> bool:
    return bool(_DEMONYM.match(name))


@functools.cache
def _speech() -> str:
    from lint.checks.vague_attribution import _SPEECH

    return _SPEECH


@functools.cache
def _speech_words() -> frozenset[str]:
    return frozenset(_speech().split("|"))


# --------------------------------------------------------------------------
# The built-in pack's extractor (for the output formats)


@functools.cache
def builtin() -> Extractor:
    """The extractor of the built-in News pack's data, built on first use."""
    from lint import safe_yaml
    from lint.checks.figures import AttributionData
    from lint.checks.known_names import KnownData
    from lint.rules import builtin_rules_dir

    data = builtin_rules_dir() / "News" / "data"

    def load(name: str) -> Any:
        return safe_yaml.load((data / name).read_text(encoding="utf-8"), safe_yaml.RULE) or {}

    return Extractor(AttributionData(**load("attribution.yml")), SourcesData(**load("sources.yml")),
                     KnownData(**load("known-people.yml")), load("quote-attribution.yml").get("verbs", []))


# --------------------------------------------------------------------------
# The interface: per article and per run, JSON-ready


def _empty() -> dict:
    return {"named_sources": [], "outlets": [], "quotations": [], "vague_attributions": [], "unattributed_figures": [],
            "counts": {"named_sources": 0, "outlets": 0, "quotations": 0, "quotations_without_speaker": 0,
                       "vague_attributions": 0, "unattributed_figures": 0}}


def summarize(path: str, text: str, diags: list[Diagnostic], extractor: Extractor | None = None) -> dict:
    """The sourcing summary of one article (``text``: the file as read,
    ``diags``: its findings), JSON-ready, positions in the file."""
    from lint.positions import LineIndex
    from lint.readers import ReadError, read_article

    index = LineIndex(text)
    out = _empty()

    def pos(s: int, e: int) -> dict:
        line, col = index.line_col(s)
        return {"start": s, "end": e, "line": line, "column": col}

    try:
        article = read_article(path, text)
    except (ReadError, ValueError):
        article = None
    if article is not None:
        found = (extractor or builtin()).find(article)
        smap = article.source_map

        def mapped(s: int, e: int) -> tuple[int, int]:
            return smap.span(s, e) if smap is not None else (s, e)

        for src in found.sources:
            out["named_sources"].append({"name": src.name, "kind": src.kind, "role": src.role,
                                         "mentions": len(src.spans), "spans": [pos(*mapped(s, e)) for s, e in src.spans]})
        for o in found.outlets:
            out["outlets"].append({"name": o.name, "kind": o.kind, "spans": [pos(*mapped(s, e)) for s, e in o.spans]})
        for q in found.quotations:
            out["quotations"].append({**pos(*mapped(q.start, q.end)), "speaker": q.speaker})
    for d in diags:
        short = d.rule.rpartition(".")[2]
        key = {"VagueAttribution": "vague_attributions", "UnattributedFigure": "unattributed_figures"}.get(short)
        if key is not None:
            out[key].append({"text": text[d.start:d.end], **pos(d.start, d.end)})
    c = out["counts"]
    c["named_sources"] = len(out["named_sources"])
    c["outlets"] = len(out["outlets"])
    c["quotations"] = len(out["quotations"])
    c["quotations_without_speaker"] = sum(1 for q in out["quotations"] if q["speaker"] is None)
    c["vague_attributions"] = len(out["vague_attributions"])
    c["unattributed_figures"] = len(out["unattributed_figures"])
    return out


def has_named_source(summary: dict) -> bool:
    """A person, an organisation, an outlet or an agency credited by name (a document alone is not)."""
    return bool(summary["named_sources"]) or any(o["kind"] != "document" for o in summary["outlets"])


def summarize_run(per_file: dict[str, dict]) -> dict:
    """The run: each source and outlet with the articles that cite it
    (most cited first), and the articles that credit no one by name."""
    sources: dict[str, dict] = {}
    outlets: dict[str, dict] = {}  # by name: "AFP" credited in one story and cited in another is one agency
    for path, s in per_file.items():
        for src in s["named_sources"]:
            if src["name"].startswith("the "):
                continue  # "the ministry": not the same body from one story to the next
            e = sources.setdefault(_fold(src["name"]), {"name": src["name"], "kind": src["kind"], "role": src["role"],
                                                       "mentions": 0, "articles": []})
            e["mentions"] += src["mentions"]
            if e["role"] is None:
                e["role"] = src["role"]
            if path not in e["articles"]:
                e["articles"].append(path)
        for o in s["outlets"]:
            if o["kind"] == "document":
                continue  # "a statement" of one story is not another's
            e = outlets.setdefault(_fold(_strip_the(o["name"])), {"name": o["name"], "kind": o["kind"], "articles": []})
            if e["kind"] == "credit" and o["kind"] != "credit":
                e["name"], e["kind"] = o["name"], o["kind"]  # the kind a statement gives it, over a credit line's
            if path not in e["articles"]:
                e["articles"].append(path)

    def order(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda e: (-len(e["articles"]), e["name"].lower()))

    totals = {k: sum(s["counts"][k] for s in per_file.values()) for k in _empty()["counts"]}
    return {
        "articles": len(per_file),
        "sources": order(list(sources.values())),
        "outlets": order(list(outlets.values())),
        "without_named_source": [p for p, s in per_file.items() if not has_named_source(s)],
        "counts": totals,
    }
