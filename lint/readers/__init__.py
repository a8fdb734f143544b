"""Readers: one source file -> one :class:`~lint.article.Article`.

``read_article`` dispatches on the extension: ``.md``/``.markdown`` go to
the Markdown reader; ``.html``/``.htm`` (lint/readers/html.py), ``.json``
(newsroom JSON: lint/readers/json_news.py) and ``.docx`` (Word:
lint/readers/docx.py) to the structured readers, whose article text is
extracted and carries a source map back to the file
(lint/readers/build.py); everything else to the plain-text reader. The
publication date comes from the article (front matter, byline) or from the
``date`` override (``--date``), never from the clock: when nothing is
found, ``article.meta.date`` is None.
"""

from __future__ import annotations

import datetime as dt

from lint.article import Article
from lint.readers.text import read_text

HTML_EXTENSIONS = (".html", ".htm")
# under a Vale configuration: read as Vale reads them (lint/readers/vale_html.py, XML through its Transform)
VALE_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".xml", ".dita")
# files whose article text is extracted: findings are moved back to the file (lint/readers/build.py)
STRUCTURED_EXTENSIONS = HTML_EXTENSIONS + (".json", ".docx")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
EXTENSIONS = (".txt",) + MARKDOWN_EXTENSIONS + STRUCTURED_EXTENSIONS

# Vale's other formats (reStructuredText, AsciiDoc, Org, source code ...): extension ->
# "module:function", imported when such a file comes; the function is called as
# ``read(path, text, body_only=...)`` and returns an Article with exact offsets.
OTHER_READERS: dict[str, str] = {
    # source code: its comments (lint/readers/code.py; the extensions of lint.readers.code.LANGUAGES)
    **dict.fromkeys((
        ".py", ".py3", ".pyw", ".rpy", ".cpy", ".c", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".h", ".hpp", ".h++",
        ".java", ".bsh", ".scala", ".sbt", ".sass", ".scss", ".less", ".cs", ".csx", ".swift", ".go", ".js",
        ".jsx", ".ts", ".tsx", ".qml", ".css", ".proto", ".rs", ".php", ".rb", ".gemspec", ".r", ".pl", ".pm",
        ".pod", ".ex", ".exs", ".ps1", ".psm1", ".psd1", ".lua", ".hs", ".jl", ".clj", ".cljs", ".cljc", ".cljd",
    ), "lint.readers.code:read_code"),
    ".mdx": "lint.readers.markdown:read_mdx",  # Markdown with its JSX, ESM and {expressions} blanked
    ".adoc": "lint.readers.asciidoc:read_asciidoc",
    ".asciidoc": "lint.readers.asciidoc:read_asciidoc",
    ".asc": "lint.readers.asciidoc:read_asciidoc",
    ".rst": "lint.readers.rst:read_rst",
    ".rest": "lint.readers.rst:read_rst",
    ".org": "lint.readers.org:read_org",
    # a JSON or YAML file that a Vale View reads (lint/vale_config.py gives this extension): the values it selects
    ".vale-view": "lint.readers.vale_views:read_view",
}

__all__ = ["EXTENSIONS", "ReadError", "extract", "read_article", "read_markdown", "read_structured", "read_text"]


class ReadError(ValueError):
    """An article that cannot be read (for example broken front matter)."""

    def __init__(self, path: str, line: int | None, problem: str, not_article: bool = False):
        self.path, self.line, self.problem = path, line, problem
        self.not_article = not_article  # a well-formed file that holds no news article (a folder's other JSON)
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


def read_markdown(path: str, text: str, **kwargs) -> Article:
    """The Markdown reader (lint/readers/markdown.py), imported when a Markdown file comes."""
    from lint.readers.markdown import read_markdown as read

    return read(path, text, **kwargs)


def read_article(
    path: str, text: str, *, date: dt.date | None = None, body_only: bool = False, read_as: str | None = None,
    fragment: str | None = None, html=None,
) -> Article:
    """Read ``text`` (the contents of ``path``) into an Article.

    ``date`` overrides any date found in the article (``date_source`` is
    then ``"option"``). ``body_only`` skips headline/byline detection: every
    prose block is body text (used for rule examples). ``read_as``: a
    path whose extension picks the reader instead of ``path``'s. ``fragment``:
    source code's comments are written in this markup (``".md"``: Vale's
    ``[formats] py = md``; lint/readers/code.py). Raises
    :class:`ReadError` for an unreadable article (broken front matter). ``html``: a Vale
    configuration's ``lint.readers.vale_html.HtmlOptions``: HTML, XML and DITA are read as Vale reads them.
    """
    lower = (read_as or path).lower()
    other = other_reader(lower)
    article: Article
    if html is not None and lower.endswith(VALE_HTML_EXTENSIONS):
        from lint.readers.vale_html import read_vale_html

        article = read_vale_html(path, text, html, kind=lower, body_only=body_only)
    elif other is not None:
        article = other(path, text, body_only=body_only, **({"fragment": fragment} if fragment else {}))
    elif lower.endswith(MARKDOWN_EXTENSIONS):
        article = read_markdown(path, text, body_only=body_only)
    elif lower.endswith(STRUCTURED_EXTENSIONS):
        article = read_structured(path, text, kind=read_as)
    else:
        article = read_text(path, text, body_only=body_only)
    if date is not None:
        article.meta.date = date
        article.meta.date_source = "option"
    return article


def other_reader(path: str):
    """The reader of ``OTHER_READERS`` for ``path``'s extension (imported now), or None."""
    dot = path.rfind(".")
    target = OTHER_READERS.get(path[dot:].lower()) if dot != -1 else None
    if target is None:
        return None
    import importlib

    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def extract(path: str, text: str):
    """What the HTML, JSON or Word reader makes of ``text`` (a ``lint.readers.mapped.Extracted``),
    by the extension of ``path``; a ReadError when the file holds no article it can read."""
    lower = path.lower()
    try:
        if lower.endswith(HTML_EXTENSIONS):
            from lint.readers.html import extract_html

            return extract_html(text)
        if lower.endswith(".json"):
            from lint.readers.json_news import NotNewsJSON, extract_json

            try:
                return extract_json(text)
            except NotNewsJSON as exc:
                raise ReadError(path, None, str(exc), not_article=True) from None
        from lint.readers.docx import extract_docx

        return extract_docx(text)
    except ReadError:
        raise
    except ValueError as exc:
        raise ReadError(path, getattr(exc, "lineno", None), str(exc)) from None
    except ImportError as exc:
        raise ReadError(path, None, f"this format needs a package that is not installed ({exc.name}): "
                                    "pip install 'newslint[html]'") from None


def read_structured(path: str, text: str, kind: str | None = None) -> Article:
    """An HTML page, a newsroom JSON file or a Word file's text as an Article with a source map
    (``kind``: a path whose extension says which, when not ``path``'s)."""
    from lint.readers.build import to_article

    return to_article(path, text, extract(kind or path, text))
