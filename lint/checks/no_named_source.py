"""no_named_source: an article that makes claims and credits no one by name.

An article with figures (the figures check's), quotations of four words or
more, or attributed statements (the attribution ``cues``: "said",
"according to", "estimates" ...; not those inside a vague phrase), in
which no person, organisation, outlet or agency is credited with a
statement: the named sources of the sourcing summary (``lint/sourcing.py``;
"a statement" or "the report" alone is a document, not a name). Reported
once per article, at its first claim.

``message`` substitutions: ``%s`` says what the article holds ("3 figures,
1 quotation and 2 attributed statements").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from lint.article import Article, Block
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.figures import AttributionData
from lint.checks.known_names import KnownData
from lint.checks.unattributed_quotes import Attribution
from lint.model import Finding, Span
from lint.rules import RuleBase
from lint.sourcing import SourcesData
from lint.spec import Field

if TYPE_CHECKING:
    from lint.checks.figures import Figures
    from lint.sourcing import Extractor

DATA_KEYS = ("attribution", "sources", "names", "quotes")
DEFAULT_MESSAGE = "No named source: the article has %s, but credits no person, organisation or outlet by name."


class Params(RuleBase):
    extends: Literal["no_named_source"]
    attribution: AttributionData
    sources: SourcesData
    names: KnownData = Field(default_factory=KnownData)  # surnames of well-known people
    quotes: Attribution = Field(default_factory=Attribution)  # more verbs of saying (their `verbs`)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class NoNamedSource:
    def __init__(self, p: Params):
        self.p = p
        self.message = p.message or DEFAULT_MESSAGE
        self._extractor: Extractor | None = None
        self._figures: Figures | None = None

    def _built(self) -> tuple[Extractor, Figures]:
        if self._extractor is None or self._figures is None:
            from lint.checks import figures
            from lint.sourcing import Extractor

            self._figures = figures.Figures(figures.Params.model_construct(
                extends="figures", attribution=self.p.attribution, reach="related", exceptions=[], min_count=10, message=""))
            self._extractor = Extractor(self.p.attribution, self.p.sources, self.p.names, self.p.quotes.verbs)
        return self._extractor, self._figures

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        blocks = [b for b in blocks if b.scope in ("paragraph", "standfirst", "list")]
        if not blocks:
            return
        extractor, figures = self._built()
        found = extractor.find(article, blocks)
        if found.named:
            return
        claims: list[tuple[int, int]] = [(q.start, q.end) for q in found.quotations]
        n_figures = 0
        for b in blocks:
            for s, e, _ in figures._figures(b.text):
                claims.append((b.start + s, b.start + e))
                n_figures += 1
        statements = found.statements
        claims.extend(statements)
        if not claims:
            return
        parts = [x for x in (
            _count(n_figures, "figure") if n_figures else "",
            _count(len(found.quotations), "quotation") if found.quotations else "",
            _count(len(statements), "attributed statement") if statements else "",
        ) if x]
        what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        start, end = min(claims)
        yield Finding(Span(start, end), format_message(self.message, what))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> NoNamedSource:
    return NoNamedSource(p)
