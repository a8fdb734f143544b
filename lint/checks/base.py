"""What checks share: the block-by-block loop and Vale's message format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint.article import Article, Block
from lint.model import Finding


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

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        for block in blocks:
            for f in self.check_text(block.text):
                yield _shift(f, block.start)

    def check_text(self, text: str) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError


def _shift(f: Finding, by: int) -> Finding:
    if by == 0:
        return f
    fix = f.fix
    if fix is not None:
        from lint.model import Edit, Fix

        fix = Fix(tuple(Edit(e.span.shift(by), e.replacement) for e in fix.edits), fix.applicability, fix.title)
    return Finding(f.span.shift(by), f.message, fix, f.level)
