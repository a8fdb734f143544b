"""What checks share: the block-by-block loop and Vale's message format."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from lint.article import Article, Block
from lint.model import Finding, Related, Span

# A user's pattern may backtrack catastrophically: each rule gets this many
# seconds per file for its regular-expression matching, then it is stopped
# (TimeoutError, which the engine reports as a finding about the rule).
TIME_LIMIT = 2.0


def format_message(template: str, *subs: str) -> str:
    """Vale's FormatMessage: each ``%s`` takes the next sub, cycling."""
    if not subs or "%" not in template:
        return template
    parts = template.split("%s")
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append(subs[i % len(subs)])
        out.append(part)
    return "".join(out)


class BlockChecker:
    """A check that looks at one block at a time.

    Subclasses implement ``check_text(text)`` yielding findings with spans
    relative to the block; this class shifts them into the source.
    """

    _deadline = float("inf")

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        self._deadline = time.monotonic() + TIME_LIMIT
        markdown = article.format == "md"
        for block in blocks:
            if markdown:  # match the text as Vale sees it: markup dropped, not blanked
                from lint.checks._vale import vale_text

                vt = vale_text(article, block)
                if vt.offsets is not None:
                    for f in self.check_text(vt.text):
                        yield _remap(f, vt, article.text)
                    continue
            for f in self.check_text(block.text):
                yield _shift(f, block.start)

    def remaining(self) -> float:
        """Seconds left of this rule's budget on this file (``timeout=`` of ``regex``)."""
        left = self._deadline - time.monotonic()
        if left == float("inf"):  # check_text called outside check(): no budget set (regex rejects inf)
            return TIME_LIMIT
        if left <= 0:
            raise TimeoutError("regex timed out")
        return left

    def check_text(self, text: str) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError


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
