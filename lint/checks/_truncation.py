"""What opens_mid_sentence and ends_mid_sentence share: which body
paragraphs are prose (not a caption, a label, a heading or a navigation
line), and the sign-off lines that end an article without a full stop."""

from __future__ import annotations

from lint import regexes
from lint.article import Article, Block

MIN_WORDS = 8  # a prose paragraph has at least this many words
_WORD = regexes.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")


# a sign-off, a credit or a source line: ends an article without a full stop
SIGN_OFF = regexes.compile(
    r"(?i)^\W*(?:(?:additional\s+)?reporting|writing|editing|compiled|contributed|contact|e-?mail|follow|"
    r"copyright|source|sources|credit|photo|image|read\s+more|also\s+read|with\s+inputs|inputs\s+from|"
    r"this\s+(?:story|article)|tags?|filed\s+under|translated)\b"
    r"|(?i:\b(?:editing|reporting|writing)\s+by\b)"
)
LINKISH_END = regexes.compile(
    r"(?:https?://\S+|www\.\S+|@\w+|\S+@\S+|\S+\.(?:com|org|net|co\.uk|in)"
    r"|(?:^|[\s•|·])(?:Facebook|Twitter|Instagram|LinkedIn|YouTube|TikTok|Threads|Bluesky|Mastodon))\s*$"
)
# an author's note: "Jane Doe is a Metro reporter covering ..."
BIO = regexes.compile(
    r"^(?:\p{Lu}[\p{L}'’\-.]*\s+){1,4}(?:is|was)\s+(?:a|an|the)\b[^.]{0,80}?\b(?:reporter|correspondent|editor|"
    r"writer|journalist|columnist|contributor|author|producer|photographer|analyst|fellow|professor)s?\b"
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


_COUNTS: dict[str, tuple[int, int]] = {}  # paragraph text -> (words, words in lower case)


def _counts(text: str) -> tuple[int, int]:
    """(words, words that start in lower case) of a paragraph, counted once
    for the three checks that ask (a pure function of the text)."""
    got = _COUNTS.get(text)
    if got is None:
        ws = words(text)
        got = (len(ws), sum(1 for w in ws if w[0].islower()))
        if len(_COUNTS) > 4096:
            _COUNTS.clear()
        _COUNTS[text] = got
    return got


def is_prose(block: Block, min_words: int = MIN_WORDS) -> bool:
    """A body paragraph that reads as running text: enough words, and most of
    them in lower case (a title-case line is a heading, a caption or a link)."""
    if block.scope != "paragraph":
        return False
    n, lower = _counts(block.text)
    if n < min_words:
        return False
    return lower * 2 >= n


def prose_paragraphs(article: Article, min_words: int = MIN_WORDS) -> list[Block]:
    return [b for b in article.blocks if is_prose(b, min_words)]


def first_prose(article: Article, min_words: int = MIN_WORDS) -> Block | None:
    """``prose_paragraphs(...)[0]``, reading no further than it."""
    return next((b for b in article.blocks if is_prose(b, min_words)), None)


def last_prose(article: Article, min_words: int = MIN_WORDS) -> Block | None:
    """``prose_paragraphs(...)[-1]``, read from the end."""
    return next((b for b in reversed(article.blocks) if is_prose(b, min_words)), None)
