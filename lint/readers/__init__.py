"""Readers: one source file -> one :class:`~lint.article.Article`.

``read_article`` dispatches on the extension: ``.md``/``.markdown`` go to
the Markdown reader, everything else to the plain-text reader. The
publication date comes from the article (front matter, byline) or from the
``date`` override (``--date``), never from the clock: when nothing is
found, ``article.meta.date`` is None.
"""

from __future__ import annotations

import datetime as dt

from lint.article import Article
from lint.readers.text import read_text

EXTENSIONS = (".txt", ".md", ".markdown")
MARKDOWN_EXTENSIONS = (".md", ".markdown")

__all__ = ["EXTENSIONS", "ReadError", "read_article", "read_markdown", "read_text"]


class ReadError(ValueError):
    """An article that cannot be read (for example broken front matter)."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


def read_markdown(path: str, text: str, **kwargs) -> Article:
    """The Markdown reader (lint/readers/markdown.py), imported when a Markdown file comes."""
    from lint.readers.markdown import read_markdown as read

    return read(path, text, **kwargs)


def read_article(
    path: str, text: str, *, date: dt.date | None = None, body_only: bool = False
) -> Article:
    """Read ``text`` (the contents of ``path``) into an Article.

    ``date`` overrides any date found in the article (``date_source`` is
    then ``"option"``). ``body_only`` skips headline/byline detection: every
    prose block is body text (used for rule examples). Raises
    :class:`ReadError` for an unreadable article (broken front matter).
    """
    if path.lower().endswith(MARKDOWN_EXTENSIONS):
        article = read_markdown(path, text, body_only=body_only)
    else:
        article = read_text(path, text, body_only=body_only)
    if date is not None:
        article.meta.date = date
        article.meta.date_source = "option"
    return article
