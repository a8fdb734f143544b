"""The check contract (see the package docstring) and what checks share:
the compile context, the block-by-block loop and Vale's message format."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import regex

from lint import regexes
from lint.article import Article, Block, TopBlocks
from lint.gate import Gate
from lint.model import Finding, Related, Span

# A user's pattern may backtrack catastrophically: each rule gets this many
# seconds per file, then it is stopped (TimeoutError, which the engine
# reports as a finding about the rule). The engine's timer is the guard;
# ``BlockChecker.remaining()`` is a fallback for the ``regex`` calls.
TIME_LIMIT = 2.0


@dataclass(frozen=True, slots=True)
class CompileContext:
    """What ``compile(params, ctx)`` may know besides the rule's keys.

    ``rule_path``: the rule file ("" for a rule built in code);
    ``styles_path``: the folder above the rule's pack (Vale's StylesPath,
    where spelling dictionaries live), None when there is none;
    ``time_limit``: seconds a rule may spend on one file.
    """

    rule_path: str = ""
    styles_path: Path | None = None
    time_limit: float = TIME_LIMIT

    @classmethod
    def for_rule(cls, rule_path: str, time_limit: float = TIME_LIMIT) -> CompileContext:
        """The context of a rule file: its styles path is its pack's parent."""
        styles = Path(rule_path).resolve().parent.parent if rule_path and not rule_path.startswith("<") else None
        return cls(rule_path, styles, time_limit)


DEFAULT_CONTEXT = CompileContext()


@runtime_checkable
class Check(Protocol):
    """A compiled rule: the findings of one article, spans in source code points."""

    def check(self, article: Article, blocks: list[Block]) -> Iterable[Finding]: ...


@runtime_checkable
class CrossArticleCheck(Check, Protocol):
    """A check that also reports across the files of one run.

    ``export(name)`` hands over (and forgets) the picklable state kept for
    file ``name``; ``absorb(name, state)`` takes such state from another
    process; ``finish()``, once after the last file, yields ``(path,
    finding)`` pairs and clears the state."""

    def export(self, name: str) -> Any: ...

    def absorb(self, name: str, state: Any) -> None: ...

    def finish(self) -> Iterable[tuple[str, Finding]]: ...


_VERB = regexes.compile(r"%(?:\[(\d+)\])?([sdv%])")


def ends_here(rx: regex.Pattern, text: str, end: int) -> regex.Match | None:
    """``rx.search(text, 0, end)`` for a reverse pattern that ends with ``$``,
    in time that does not grow with ``end``: a match can only end at ``end``
    (or before a newline there, which ``$`` also accepts), and a reverse
    ``match`` tries exactly there instead of at every position to the left."""
    m = rx.match(text, 0, end)
    if m is None and end > 0 and text[end - 1] == "\n":
        m = rx.match(text, 0, end - 1)
    return m


def format_message(template: str, *subs: str) -> str:
    """A rule's ``message`` with its substitutions, as Vale formats it.

    Vale's FormatMessage then Go's Sprintf: each ``%s`` (or ``%d``, ``%v``)
    takes the next sub, cycling when there are fewer subs than verbs;
    ``%[n]s`` takes the n-th sub (and the next ``%s`` the one after it;
    n may exceed the number of verbs, not of subs and verbs both);
    ``%%`` is a ``%``. No subs, or no ``%``: the template as it is."""
    if not subs or "%" not in template:
        return template
    size = len(subs)
    verbs = template.count("%")
    k = 0

    def sub(m: regex.Match) -> str:
        nonlocal k
        index, verb = m.group(1), m.group(2)
        if verb == "%" and index is None:
            return "%"
        if index is not None:
            n = int(index)
            if not 0 < n <= max(verbs, size) or verb == "%":
                return "%!" + verb + "(BADINDEX)"
            k = n
            return subs[(n - 1) % size]
        out = subs[k % size]
        k += 1
        return out

    return _VERB.sub(sub, template)


# the last text asked about by ``BlockChecker.may_find`` and the answers for
# it, by (checker, edges): one read, one write, so that threads never pair a
# text with the answers about another
_MEMO: tuple[str | None, dict] = (None, {})


class BlockChecker:
    """A check that looks at one block at a time.

    Subclasses implement ``check_text(text)`` yielding findings with spans
    relative to the block; this class shifts them into the source.
    """

    _deadline = float("inf")
    time_limit = TIME_LIMIT  # from the CompileContext, when the subclass sets it
    # a lint.gate.Gate that passes every text check_text can find something in
    # (None: always run); set by subclasses whose findings all come from patterns
    prefilter: Gate | None = None
    # the same made with ``edges`` (lint.gate.relax): valid on the whole text of
    # an article whose blocks have ``Article.edges``, for its top-level blocks only
    edge_prefilter: Gate | None = None
    # plain strings one of which every text check_text finds something in
    # holds (a rule's own ``gate``, when it is only strings); empty: none
    gate_literals: tuple[str, ...] = ()

    def may_find(self, text: str, edges: bool = False) -> bool:
        """False when ``check`` can find nothing in the blocks of an article
        whose source is ``text``, every block a slice of it; ``edges``: every
        block is a top-level block of an article with ``Article.edges``.
        Answered once per text (the engine asks before reading, then ``check``)."""
        memo = _MEMO
        if memo[0] is not text:
            memo = _memo_for(text)
        key = (self, edges)  # the checker itself: kept alive, so never mistaken for a new one
        got = memo[1].get(key)
        if got is None:
            got = memo[1][key] = self._may_find(text, edges)
        return got

    def _may_find(self, text: str, edges: bool) -> bool:
        gate = self.edge_prefilter if edges and self.edge_prefilter is not None else self.prefilter
        if gate is not None and not gate.search(text):
            return False
        lits = self.gate_literals
        if lits:
            for lit in lits:  # noqa: SIM110 (a plain loop: faster than any() over a generator)
                if lit in text:
                    return True
            return False
        return True

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        self._deadline = time.monotonic() + self.time_limit
        markdown = article.format in ("md", "adoc", "rst", "org", "html", "xml", "dita")  # markup: read as Vale sees it (lint/checks/_vale.py)
        gate = self.prefilter
        sliced = article.format == "txt"  # every block an exact slice of the text
        if sliced and not self.may_find(article.text, article.edges and type(blocks) is TopBlocks):
            return  # nothing to find in any block
        for block in blocks:
            if markdown:  # match the text as Vale sees it: markup dropped, not blanked
                from lint.checks._vale import vale_text

                vt = vale_text(article, block)
                if vt.offsets is not None:
                    if gate is None or gate.search(vt.text):
                        for f in self.check_text(vt.text):
                            yield _remap(f, vt, article.text)
                    continue
            if gate is not None and not sliced and not gate.search(block.text):
                continue
            for f in self.check_text(block.text):
                yield _shift(f, block.start)

    def remaining(self) -> float:
        """Seconds left of this rule's budget on this file (``timeout=`` of ``regex``)."""
        left = self._deadline - time.monotonic()
        if left == float("inf"):  # check_text called outside check(): no budget set (regex rejects inf)
            return self.time_limit
        if left <= 0:
            raise TimeoutError("regex timed out")
        return left

    def check_text(self, text: str) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError


def _memo_for(text: str) -> tuple[str, dict]:
    global _MEMO
    memo = _MEMO = (text, {})
    return memo


def _remap(f: Finding, vt, source: str) -> Finding:
    """A finding on a ``ValeText`` moved to source offsets (placed as Vale places it)."""
    fix = f.fix
    if fix is not None:
        from lint.model import Edit, Fix

        fix = Fix(tuple(Edit(Span(*vt.span(e.span.start, e.span.end)), e.replacement) for e in fix.edits), fix.applicability, fix.title)
    related = tuple(Related(Span(*vt.span(r.span.start, r.span.end)), r.message) for r in f.related)
    return Finding(Span(*vt.vale_span(f.span.start, f.span.end, source)), f.message, fix, f.level, related)


def _shift(f: Finding, by: int) -> Finding:
    if by == 0:
        return f
    fix = f.fix
    if fix is not None:
        from lint.model import Edit, Fix

        fix = Fix(tuple(Edit(e.span.shift(by), e.replacement) for e in fix.edits), fix.applicability, fix.title)
    return Finding(f.span.shift(by), f.message, fix, f.level, tuple(r.shift(by) for r in f.related))
