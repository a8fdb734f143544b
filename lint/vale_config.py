"""Configuration the Vale way: ``.vale.ini`` and the styles it names.

When a ``.vale.ini`` (or ``_vale.ini``, ``.vale``, ``_vale``: files) is found upward from the
first linted path, or named with ``--vale-config FILE``, newslint reads it as
Vale does:

* core keys (before any section): ``StylesPath`` (relative to the file),
  ``MinAlertLevel`` (the default ``--min-level``), ``Vocab`` (comma-separated
  vocabulary names), ``IgnoredScopes``/``SkippedScopes`` (``strong``/``b`` in
  IgnoredScopes hides Markdown bold text from Vale rules, ``blockquote`` in
  SkippedScopes its "> " quotes, ``comment``/``text.comment.line``/``text.comment.block`` in
  IgnoredScopes a source file's comments of that kind; Markdown code, inline code, URLs and front
  matter are never prose in newslint anyway);
  ``WordTemplate`` wraps the word tokens of existence and substitution rules; other core keys
  (``Packages`` ...) are accepted and ignored;
* glob sections (``[*]``, ``[*.md]``, ``[*.{md,txt}]``, ``[docs/**/*.md]``):
  ``BasedOnStyles`` (the last matching section that names styles wins, else
  ``[*]``), ``TokenIgnores`` and ``BlockIgnores`` (Vale 1: ``IgnorePatterns``; no finding of a Vale rule
  may touch their matches), rule toggles and level overrides ``Style.Rule = YES | NO |
  suggestion | warning | error`` and style toggles ``Style = NO | YES``
  (matching sections merge in order, ``[*]`` first, so a specific section
  overrides the global one); ``View = Name`` (a JSON or YAML file is read through
  ``StylesPath/config/views/Name.yml``: only the values it selects are prose,
  lint/readers/vale_views.py). Other section keys (``Transform``, ``Lang`` ...) are accepted and
  ignored.

Every style that a section names is loaded from ``StylesPath/<Style>/`` as a
pack (a missing one is an error). ``Vale`` is Vale's built-in style:
``Vale.Spelling`` (Hunspell en_US), ``Vale.Repetition``, and, from the
vocabularies, ``Vale.Terms`` (an accepted term written in another case) and
``Vale.Avoid`` (a rejected term). Vocabularies live in
``StylesPath/config/vocabularies/<Name>/accept.txt`` and ``reject.txt``
(Vale 2's ``StylesPath/Vocab/<Name>/`` too): one regular expression a line,
``#`` comments. Accepted terms are also exceptions of every loaded rule that
has ``exceptions`` and ``vocab: true`` (existence, substitution, spelling,
capitalization, ...), as in Vale.

A rule runs on a file when the configuration enables it there: explicitly
(``YES`` or a level), or through its style in the file's ``BasedOnStyles``
unless it is turned off (``NO``). Rules of newslint's own packs (the
built-in ``News`` pack, ``--rules``) are not filtered by the Vale
configuration.

An invalid file is one :class:`ValeConfigError` naming the file and line.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from lint import regexes, safe_yaml
from lint.files import VALE_CONFIG_NAMES as NAMES

LEVELS = ("suggestion", "warning", "error")
# Vale's source-code formats (internal/core/format.go): a [formats] association of one
# with a markup format makes its comments that markup, not the whole file
CODE_EXTENSIONS = frozenset((
    "py", "py3", "pyw", "rpy", "cpy", "c", "h", "cc", "cpp", "cp", "cxx", "c++", "hpp", "h++", "cs", "csx",
    "clj", "cljs", "cljc", "cljd", "css", "go", "rb", "java", "bsh", "js", "jsx", "lua", "php", "pl", "pm",
    "pod", "ps1", "psm1", "psd1", "r", "rs", "swift", "ts", "tsx", "sass", "less", "scala", "sbt", "hs",
    "jl", "proto", "kt", "dart", "sh", "bash", "zsh", "yml", "yaml", "toml", "tf", "mjs", "cjs",
))
# a [formats] target -> the markup format it names (Vale's FormatByExtension)
_MARKUP_NAMES = {"md": "md", "markdown": "md", "mdown": "md", "markdn": "md", "mkd": "md", "mdx": "md",
                 "rst": "rst", "rest": "rst", "adoc": "adoc", "asciidoc": "adoc", "asc": "adoc", "org": "org"}
_ON = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}
_CORE_KEYS = {
    "stylespath", "minalertlevel", "vocab", "ignoredscopes", "skippedscopes", "ignoredclasses",
    "wordtemplate", "packages", "nlpendpoint", "sphinxbuildpath", "sphinxautobuild",
}
_SECTION_KEYS = {
    "basedonstyles", "blockignores", "tokenignores", "transform", "lang", "commentdelimiters",
    "view", "blueprint", "ignorepatterns",
}
_SPECIAL_SECTIONS = {"formats", "asciidoctor"}

# Vale's built-in rules (internal/check/definition.go, defaultRules).
_VALE_SPELLING = {"extends": "spelling", "message": "Did you really mean '%s'?", "level": "error", "scope": "text"}
_VALE_REPETITION = {"extends": "repetition", "message": "'%s' is repeated!", "level": "error", "scope": "text",
                    "alpha": True, "ignorecase": True, "tokens": [r"[^\s.!?]+"], "action": {"name": "edit", "params": ["truncate", " "]}}
_VALE_AVOID = {"extends": "existence", "message": "Avoid using '%s'.", "level": "error", "scope": "text",
               "ignorecase": False, "vocab": False}
_VALE_TERMS = {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error",
               "scope": "text", "ignorecase": True, "vocab": False}


class ValeConfigError(Exception):
    """A broken ``.vale.ini`` (or a style or vocabulary it names)."""


# --------------------------------------------------------------------------
# Globs, as Vale's gobwas/glob reads section names ("*" crosses "/").


def glob_regex(pattern: str) -> regex.Pattern:
    def conv(p: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(p):
            c = p[i]
            if c == "*":
                while i + 1 < len(p) and p[i + 1] == "*":
                    i += 1
                out.append(".*")
            elif c == "?":
                out.append(".")
            elif c == "{":
                depth, j, parts, last = 0, i, [], i + 1
                while j < len(p):
                    if p[j] == "{":
                        depth += 1
                    elif p[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    elif p[j] == "," and depth == 1:
                        parts.append(p[last:j])
                        last = j + 1
                    j += 1
                if j >= len(p):
                    raise ValueError("unclosed '{'")
                parts.append(p[last:j])
                out.append("(?:" + "|".join(conv(x) for x in parts) + ")")
                i = j
            elif c == "[":
                j = p.find("]", i + 2)
                if j == -1:
                    raise ValueError("unclosed '['")
                body = p[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
            elif c == "\\" and i + 1 < len(p):
                i += 1
                out.append(regex.escape(p[i]))
            else:
                out.append(regex.escape(c))
            i += 1
        return "".join(out)

    return regexes.compile(r"(?s)\A" + conv(pattern) + r"\Z")


# --------------------------------------------------------------------------
# The file


@dataclass
class Section:
    name: str  # the glob
    line: int
    glob: regex.Pattern | None
    base_styles: list[str] | None = None  # BasedOnStyles, when given
    ignores: list[str] = field(default_factory=list)  # TokenIgnores and BlockIgnores patterns
    checks: dict[str, str] = field(default_factory=dict)  # "Style.Rule" / "Style" -> "YES" | "NO" | level
    view: str | None = None  # View = Name: StylesPath/config/views/Name.yml reads the file (lint/readers/vale_views.py)
    transform: str | None = None  # Transform: an XSLT stylesheet (absolute path) that makes XML files HTML
    lang: str | None = None  # Lang: the files' language (Vale: for NLPEndpoint's segmentation and tagging)
    comment_delimiters: tuple[str, str] | None = None  # CommentDelimiters = {/*, */}: comments besides <!-- -->

    def matches(self, candidates: list[str]) -> bool:
        return self.glob is not None and any(self.glob.match(c) for c in candidates)


_STRONG = r"(?<![\\*])\*\*(?=\S)[^\n]*?(?<=\S)\*\*|(?<![\w\\])__(?=\S)[^\n]*?(?<=\S)__(?!\w)"

# bold text by file type: reStructuredText's **x**, AsciiDoc's *x* and **x**, Org's *x*
_ADOC_STRONG = r"\*\*(?=\S)[^\n]*?(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])[^*\n]*?(?<=\S)\*(?![\w*])"
_STRONG_BY_EXT = {".md": _STRONG, ".markdown": _STRONG, ".mdx": _STRONG,
                  ".rst": r"(?<![\\*])\*\*(?=\S)[^\n]*?(?<=\S)\*\*", ".rest": r"(?<![\\*])\*\*(?=\S)[^\n]*?(?<=\S)\*\*",
                  ".adoc": _ADOC_STRONG, ".asciidoc": _ADOC_STRONG, ".asc": _ADOC_STRONG,
                  ".org": r"(?<![\w*])\*(?=[^\s*])[^*\n]*?(?<=\S)\*(?![\w*])"}

_MD_LINK = r"!?\[[^\[\]\n]*\]\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"


@dataclass
class ValeConfig:
    path: Path
    root: Path  # the folder of the file
    styles_path: Path | None = None
    # Vale's default StylesPath when it exists beside the project's: searched first for styles
    search_paths: list[Path] = field(default_factory=list)
    min_alert_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)  # HTML elements of these classes are no prose
    global_section: Section | None = None  # [*] (and keys given before any section)
    sections: list[Section] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # [formats]: extension -> the one it is read as
    word_template: str = ""  # WordTemplate: what wraps a word rule's tokens (Vale's default: (?m)\b(?:%s)\b)
    notes: list[str] = field(default_factory=list)  # what was read leniently, as Vale reads it

    def style_paths(self) -> list[Path]:
        """Where a style or a vocabulary is looked for, in order (the first that has it wins)."""
        return [*self.search_paths, *([self.styles_path] if self.styles_path is not None else [])]

    def read_as(self, path: str) -> str | None:
        """The extension ``path`` is read as by ``[formats]`` (``mdx = md``: ".md"), or None.
        Source code associated with a markup format stays code (Vale's "fragment": its
        comments are the markup), for the code reader. A file a ``View`` reads (a JSON or
        YAML file, :meth:`view_for`) is read as ``VIEW_EXTENSION``: by its view."""
        if self.view_for(path) is not None:
            from lint.readers.vale_views import VIEW_EXTENSION

            return VIEW_EXTENSION
        ext = os.path.splitext(path)[1].lstrip(".")
        target = self.formats.get(ext) or self.formats.get(ext.lower())
        if not target or ext.lower() in CODE_EXTENSIONS:
            return None
        return "." + target.lstrip(".")

    def fragment(self, path: str) -> str | None:
        """The markup that the comments of source code ``path`` are written in, by
        ``[formats]`` (``py = md``: ".md"; Vale's fragments), when newslint reads both
        the code and that markup; else None (the comments are plain text). For a file a
        ``View`` reads: the view's file (its values are the prose, lint/readers/vale_views.py)."""
        view = self.view_for(path)
        if view is not None:
            return str(view)
        from lint.readers.code import FRAGMENT_READERS, syntax_for

        ext = os.path.splitext(path)[1].lstrip(".")
        target = self.formats.get(ext) or self.formats.get(ext.lower())
        if not target or ext.lower() not in CODE_EXTENSIONS or syntax_for(path) is None:
            return None
        markup = _MARKUP_NAMES.get(target.lstrip(".").lower())
        return "." + markup if markup in FRAGMENT_READERS else None

    def view_for(self, path: str) -> Path | None:
        """The view file (``StylesPath/config/views/<Name>.yml``) of the ``View`` that the
        last matching section names for ``path``, when newslint reads that view: a ``dasel``
        view of a JSON or YAML file, a ``tree-sitter`` view of source code whose language
        newslint has a grammar for (lint/readers/treesitter_view.py; a file of another
        language, or one with a textfsm view, is read as without a View). A named view whose file is
        missing or broken still reads a JSON or YAML file: the reader reports it."""
        if not self.views:
            return None
        name = None
        cands = self._candidates(path)
        for sec in self._all_sections():
            if sec.view is not None and (sec is self.global_section or sec.matches(cands)):
                name = sec.view
        if name is None:
            return None
        from lint.readers.vale_views import DATA_EXTENSIONS, view_engine

        view = self.view_path(name)
        engine = view_engine(view)
        if engine == "dasel" or (engine is None and path.lower().endswith(DATA_EXTENSIONS)):
            return view
        if engine == "tree-sitter":
            from lint.readers.treesitter_view import has_grammar

            if has_grammar(path):
                return view
        return None

    @property
    def views(self) -> bool:
        """Whether any section names a View."""
        return any(sec.view is not None for sec in self._all_sections())

    def view_path(self, name: str) -> Path:
        """Where the view ``name`` is: the first of the style paths that has ``config/views/<name>.yml``."""
        found = [p / "config" / "views" / f"{name}.yml" for p in self.style_paths()]
        return next((f for f in found if f.is_file()), found[-1] if found else self.root / "config" / "views" / f"{name}.yml")

    # -- which styles the file names ------------------------------------
    def styles(self) -> list[str]:
        """Every style named by BasedOnStyles or by a rule toggle, in order."""
        out: list[str] = []
        for sec in self._all_sections():
            for s in sec.base_styles or []:
                if s not in out:
                    out.append(s)
            for key in sec.checks:
                s = key.split(".", 1)[0]
                if s not in out:
                    out.append(s)
        return out

    def _all_sections(self) -> list[Section]:
        return ([self.global_section] if self.global_section else []) + self.sections

    # -- what applies to one file -----------------------------------------
    def settings_for(self, path: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
        """(base styles, merged toggles, ignore patterns) for ``path``."""
        cands = self._candidates(path)
        g = self.global_section
        base = list(g.base_styles or []) if g else []
        checks: dict[str, str] = dict(g.checks) if g else {}
        ignores: list[str] = list(g.ignores) if g else []
        for sec in self.sections:
            if sec.matches(cands):
                if sec.base_styles is not None:
                    base = list(sec.base_styles)
                for style in (k for k in sec.checks if "." not in k):  # a later "Style = NO" wins
                    for k in [k for k in checks if k.startswith(style + ".")]:
                        del checks[k]
                checks.update(sec.checks)
                ignores += [x for x in sec.ignores if x not in ignores]
        strong = _STRONG_BY_EXT.get(path[path.rfind("."):].lower()) if "." in path else None
        if strong is not None and any(x.lower() in ("strong", "b") for x in self.ignored_scopes):
            ignores.append(strong)  # IgnoredScopes = strong: bold text is no prose for the rules
        if path.lower().endswith((".md", ".markdown", ".mdx")) and any(
            x.lower() in ("link", "a") for x in self.ignored_scopes
        ):
            ignores.append(_MD_LINK)  # IgnoredScopes = link: nor is a link's text
        return tuple(base), tuple(sorted(checks.items())), tuple(ignores)

    def html_options(self, path: str):
        """How Vale reads ``path`` as HTML (or XML made HTML): the scopes it skips and ignores,
        ``IgnoredClasses``, and the ``Transform`` of the last matching section that names one
        (a ``lint.readers.vale_html.HtmlOptions``)."""
        from lint.readers.vale_html import HtmlOptions

        cands = self._candidates(path)
        transform = None
        for sec in self._all_sections():
            if sec.transform is not None and sec.matches(cands):
                transform = sec.transform
        return HtmlOptions.from_config(self.skipped_scopes, self.ignored_scopes, self.ignored_classes, transform)

    def comment_delimiters(self, path: str) -> tuple[str, str] | None:
        """``CommentDelimiters`` of the last matching section that names them (``{/*, */}``):
        Vale reads ``{/* vale off */}`` there as it reads ``<!-- vale off -->``."""
        cands = self._candidates(path)
        found = None
        for sec in self._all_sections():
            if sec.comment_delimiters is not None and (sec is self.global_section or sec.matches(cands)):
                found = sec.comment_delimiters
        return found

    def lang(self, path: str) -> str:
        """The ``Lang`` of the first section whose glob matches ``path`` (Vale's order), else "en"."""
        cands = self._candidates(path)
        for sec in self._all_sections():
            if sec.lang is not None and (sec is self.global_section or sec.matches(cands)):
                return sec.lang
        return "en"

    def _candidates(self, path: str) -> list[str]:
        p = path.replace(os.sep, "/")
        while p.startswith("./"):
            p = p[2:]
        out = [p]
        try:
            absolute = Path(path).resolve()
            out.append(absolute.as_posix())
            out.append(absolute.relative_to(self.root.resolve()).as_posix())
        except (OSError, ValueError):
            pass
        return out


def find(start: Path) -> Path | None:
    """The nearest ``.vale.ini``, ``_vale.ini`` or ``_vale`` upward from ``start``."""
    from lint.files import find_upward

    return find_upward(start, NAMES)


def _unquote(value: str) -> str:
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'`":
        return v[1:-1]
    # inline comments need a space before them (go-ini, SpaceBeforeInlineComment)
    m = regex.search(r"\s[#;]", v)
    return v[: m.start()].rstrip() if m else v


def _patterns(value: str) -> list[str]:
    """TokenIgnores / BlockIgnores: patterns separated by commas, split as Vale's INI
    reader (go-ini's ``Strings(",")``) splits them: at every comma, a comma inside
    brackets too, unless escaped as ``\\,``; empty items dropped, repeats once."""
    out: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\" and value.startswith(",", i + 1):
            cur.append(",")
            i += 2
            continue
        if c == ",":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur).strip())
    seen: list[str] = []
    for p in out:
        p = _unquote(p)
        if p and p not in seen:
            seen.append(p)
    return seen


def _list(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]


def _toggle(where: str, key: str, value: str, notes: list[str] | None = None) -> str:
    """YES, NO or a level. Any other value turns the rule off, as in Vale (its
    ``validateLevel``), with a note."""
    v = value.strip()
    if v.lower() in _ON:
        return "YES" if _ON[v.lower()] else "NO"
    if v.lower() in LEVELS:
        return v.lower()
    if notes is not None:
        notes.append(f"{where}: {key} = {value!r} is not YES, NO, suggestion, warning or error: "
                     "the rule is off, as in Vale")
    return "NO"


def _word_template(where: str, value: str, notes: list[str]) -> str:
    """``WordTemplate``: Vale formats a word rule's tokens into it (Go's Sprintf: its one
    ``%s``). Without a ``%s`` Vale's pattern would be broken: the default is kept, with a note."""
    v = value.strip()
    if v and "%s" not in v.replace("%%", ""):
        notes.append(f"{where}: WordTemplate {v!r} has no '%s' for the tokens: Vale's default "
                     r"'(?m)\b(?:%s)\b' is used")
        return ""
    if v:
        try:
            regexes.compile(fill_template(v, "x"))
        except (regex.error, ValueError) as exc:
            raise ValeConfigError(f"{where}: WordTemplate: invalid regular expression {v!r}: {exc}") from None
    return v


def fill_template(template: str, body: str) -> str:
    """Go's ``fmt.Sprintf(template, body)`` for a template with one ``%s`` (``%%``: a percent sign)."""
    out, i = [], 0
    used = False
    while i < len(template):
        if template.startswith("%%", i):
            out.append("%")
            i += 2
        elif template.startswith("%s", i) and not used:
            out.append(body)
            used = True
            i += 2
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def _note_lang(where: str, sec: Section, notes: list[str]) -> None:
    """``Lang``: Vale gives a file's language to its NLP provider only (an ``NLPEndpoint``
    segments and tags the sentences of a file whose Lang is not ``en``); its spelling
    dictionaries do not depend on it. newslint has no NLP endpoint: say so for another language."""
    lang = sec.lang or ""
    if lang and not lang.lower().startswith("en"):
        notes.append(f"{where}: Lang = {lang} for [{sec.name}]: Vale uses Lang only to ask an NLPEndpoint to "
                     "split and tag non-English sentences, which newslint does not do (sentences are split "
                     "as English); Vale.Spelling still checks its default en_US dictionary, as in Vale")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeConfigError(f"{path}: cannot read: {exc}") from None


def _logical_lines(raw: str) -> Iterator[tuple[int, str]]:
    """(line number, line) as Vale's INI reader joins them: a line ending in ``\\``
    continues on the next, and a value opened with ``\"\"\"`` runs to its closing ``\"\"\"``."""
    lines = raw.splitlines()
    i = 0
    while i < len(lines):
        n, line = i + 1, lines[i].rstrip()
        i += 1
        _, eq, value = line.partition("=")
        if eq and value.strip().startswith('"""') and value.count('"""') == 1:
            parts = [line]
            while i < len(lines):
                parts.append(lines[i])
                i += 1
                if '"""' in parts[-1]:
                    break
            joined = "\n".join(parts)
            k, _, v = joined.partition("=")
            v = v.strip()
            yield n, f"{k}= {v[3:v.rfind(chr(34) * 3)] if v.count(chr(34) * 3) >= 2 else v[3:]}"
            continue
        while line.endswith("\\") and not line.lstrip().startswith(("#", ";")) and i < len(lines):
            line = line[:-1] + lines[i].rstrip()
            i += 1
        yield n, line


def load(path: Path, *, no_global: bool = False) -> ValeConfig:
    """Read and validate a Vale configuration file (not yet its styles), as Vale does:
    the user-level configuration (``$XDG_CONFIG_HOME/vale/.vale.ini``, unless
    ``no_global``) and the configuration packages that ``vale sync`` put in
    ``StylesPath/.vale-config/`` are read first, this file over them; without a
    ``StylesPath`` the styles are looked for in Vale's default one
    (``VALE_STYLES_PATH``, else ``$XDG_DATA_HOME/vale/styles``)."""
    raw = _read(path)
    first = ValeConfig(path=path, root=path.parent.resolve())
    _parse(first, raw, path, {})
    sources: list[tuple[Path, str]] = []
    user = None if no_global else user_config()
    if user is not None and user.resolve() != path.resolve():
        sources.append((user, _read(user)))
    styles = first.styles_path
    if styles is None and user is not None:
        probe = ValeConfig(path=user, root=user.parent.resolve())
        _parse(probe, sources[0][1], user, {})
        styles = probe.styles_path
    if styles is None:
        styles = default_styles_path()
    pipe = styles / PIPE_DIR if styles is not None else None
    if pipe is not None and pipe.is_dir():
        numbered = sorted(pipe.glob("*.ini"), key=lambda f: (int(f.name.split("-", 1)[0]) if f.name.split("-", 1)[0].isdigit() else 1 << 30, f.name))
        sources += [(f, _read(f)) for f in numbered if f.is_file()]
    cfg = ValeConfig(path=path, root=path.parent.resolve())
    core_line: dict[str, int] = {}
    for src, text in sources:
        _parse(cfg, text, src, {}, base=True)
    _parse(cfg, raw, path, core_line)
    if cfg.styles_path is None:
        default = default_styles_path()
        if default is not None and default.is_dir():
            cfg.styles_path = default
    elif not no_global:
        default = default_styles_path()
        if default is not None and default.is_dir() and default.resolve() != cfg.styles_path:
            cfg.search_paths = [default.resolve()]
    return _finish(cfg, path, core_line)


PIPE_DIR = ".vale-config"  # where `vale sync` puts the packages' own .vale.ini files


def default_styles_path() -> Path | None:
    """Vale's default StylesPath: ``VALE_STYLES_PATH``, else ``$XDG_DATA_HOME/vale/styles``."""
    env = os.environ.get("VALE_STYLES_PATH")
    if env:
        return Path(env).expanduser().resolve()
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data) / "vale" / "styles"


def user_config() -> Path | None:
    """The user-level configuration (``$XDG_CONFIG_HOME/vale/.vale.ini``), when there is one."""
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    f = Path(home) / "vale" / ".vale.ini"
    return f if f.is_file() else None


def _parse(cfg: ValeConfig, raw: str, path: Path, core_line: dict[str, int], base: bool = False) -> None:
    """Read one configuration file's lines into ``cfg`` (``base``: a file read before the
    project's own: its StylesPath is not the project's)."""
    section: Section | None = None  # None: the core section
    for n, line in _logical_lines(raw):
        s = line.strip()
        if not s or s[0] in "#;":
            continue
        where = f"{path}:{n}"
        if s.startswith("["):
            if not s.endswith("]") or len(s) < 3:
                raise ValeConfigError(f"{where}: invalid section header {s!r}")
            name = s[1:-1].strip()
            if name.lower() in _SPECIAL_SECTIONS:
                section = Section(name, n, None)
                continue
            try:
                glob = glob_regex(name)
            except (ValueError, regex.error) as exc:
                raise ValeConfigError(f"{where}: invalid glob [{name}]: {exc}") from None
            same = next((x for x in cfg.sections if x.name == name), None)
            if same is not None:  # a section named twice (or by a package and the project): one section
                section = same
                continue
            section = Section(name, n, glob)
            if name == "*":
                if cfg.global_section is None:
                    cfg.global_section = section
                else:  # a second [*] merges into the first
                    section = cfg.global_section
            else:
                cfg.sections.append(section)
            continue
        if "=" not in s:
            raise ValeConfigError(f"{where}: expected 'key = value' or '[section]', not {s!r}")
        key, _, value = s.partition("=")
        key, value = key.strip(), _unquote(value)
        if not key:
            raise ValeConfigError(f"{where}: a key is missing before '='")
        low = key.lower()
        if section is not None and section.glob is None:
            if section.name.lower() == "formats" and value.strip():
                cfg.formats[key.lstrip(".")] = value.strip().lstrip(".")
            continue  # [asciidoctor] attributes: not used by newslint
        if section is None and low in _CORE_KEYS:
            core_line[low] = n
            if low == "stylespath":
                if not base:
                    cfg.styles_path = (path.parent.resolve() / value).resolve() if value else None
            elif low == "minalertlevel":
                if value.lower() not in LEVELS:
                    raise ValeConfigError(f"{where}: MinAlertLevel: must be suggestion, warning or error, not {value!r}")
                cfg.min_alert_level = value.lower()
            elif low == "vocab":
                cfg.vocab += [v for v in _list(value) if v not in cfg.vocab]
            elif low == "ignoredscopes":
                cfg.ignored_scopes = _list(value)
            elif low == "skippedscopes":
                cfg.skipped_scopes = _list(value)
            elif low == "ignoredclasses":
                cfg.ignored_classes = _list(value)
            elif low == "wordtemplate":
                cfg.word_template = _word_template(where, value, cfg.notes)
            continue
        target = section
        if target is None:  # section keys before any section: global, as [*]
            if cfg.global_section is None:
                cfg.global_section = Section("*", n, glob_regex("*"))
            target = cfg.global_section
        if low == "basedonstyles":
            styles = _list(value)
            target.base_styles = (target.base_styles or []) + [x for x in styles if x not in (target.base_styles or [])]
        elif low in ("tokenignores", "blockignores", "ignorepatterns"):  # IgnorePatterns: Vale 1's BlockIgnores
            for pat in _patterns(value):
                try:
                    regexes.compile(pat)
                except regex.error as exc:
                    raise ValeConfigError(f"{where}: {key}: invalid regular expression {pat!r}: {exc}") from None
                target.ignores.append(pat)
        elif low == "view":
            target.view = value.strip() or None
        elif low == "transform":
            target.transform = str((path.parent.resolve() / value).resolve()) if value else None
        elif low == "lang":
            target.lang = value.strip() or None
            _note_lang(where, target, cfg.notes)
        elif low == "commentdelimiters":
            if target is cfg.global_section:  # Vale reads it in a file section only
                continue
            parts = [x for x in (p.strip() for p in value.split(",")) if x]
            parts = list(dict.fromkeys(parts))  # Vale's mergeValues: blanks and repeats dropped
            if len(parts) != 2:
                raise ValeConfigError(f"{where}: CommentDelimiters must be a comma-separated list of two "
                                      f"delimiters, but got {len(parts)} items")
            target.comment_delimiters = (parts[0], parts[1])
        elif low in _SECTION_KEYS:
            continue
        elif "." in key or regex.fullmatch(r"[\w-]+", key):
            if "." not in key and value.strip().lower() not in _ON and value.strip().lower() not in LEVELS:
                continue  # an unknown plain key: Vale ignores it
            target.checks[key] = _toggle(where, key, value, cfg.notes)
        else:
            raise ValeConfigError(f"{where}: invalid key {key!r}")
    return None


def _finish(cfg: ValeConfig, path: Path, core_line: dict[str, int]) -> ValeConfig:
    if cfg.styles_path is not None and not cfg.styles_path.is_dir():
        raise ValeConfigError(f"{path}:{core_line.get('stylespath', 1)}: StylesPath: no such folder {str(cfg.styles_path)!r}")
    accepted: dict[str, str] = {}  # casefolded -> term: a later vocabulary wins ("Definately" over "definately")
    rejected: dict[str, str] = {}
    for name in cfg.vocab:
        acc, rej = _read_vocab(cfg, name, core_line.get("vocab", 1))
        for terms, into in ((acc, accepted), (rej, rejected)):
            for t in terms:
                into.pop(t.casefold(), None)
                into[t.casefold()] = t
    cfg.accepted, cfg.rejected = list(accepted.values()), list(rejected.values())
    return cfg


VOCAB_SIZE = 4 * safe_yaml.MB  # accept.txt, reject.txt


def _read_vocab(cfg: ValeConfig, name: str, line: int) -> tuple[list[str], list[str]]:
    where = f"{cfg.path}:{line}"
    if cfg.styles_path is None:
        raise ValeConfigError(f"{where}: Vocab: {name!r} needs a StylesPath")
    for folder in (f for root in cfg.style_paths() for f in (root / "config" / "vocabularies" / name, root / "Vocab" / name)):
        if folder.is_dir():
            break
    else:
        raise ValeConfigError(f"{where}: Vocab: no vocabulary {name!r} in {cfg.styles_path / 'config' / 'vocabularies'}")
    out: list[list[str]] = []
    for fname in ("accept.txt", "reject.txt"):
        terms: list[str] = []
        f = folder / fname
        if f.exists():  # a FIFO or a folder named accept.txt is an error, not an empty list
            try:  # a regular file, read with a size cap and without blocking (lint.safe_yaml)
                raw = safe_yaml.read_text(f, VOCAB_SIZE, encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError, safe_yaml.LimitError) as exc:
                raise ValeConfigError(f"{f}: cannot read: {exc}") from None
            for k, t in enumerate(raw.splitlines(), 1):
                t = t.strip()
                if not t or t.startswith("#"):
                    continue
                try:
                    regexes.compile(t)
                except regex.error as exc:
                    raise ValeConfigError(f"{f}:{k}: invalid regular expression {t!r}: {exc}") from None
                terms.append(t)
        out.append(terms)
    return out[0], out[1]


# --------------------------------------------------------------------------
# Rules


class TermsChecker:
    """Vale.Terms: an accepted term written otherwise than the vocabulary says.

    Each accepted term is searched case-insensitively as a whole word; a
    match that does not match the term case-sensitively is reported with the
    term ("Use 'PLuG' instead of 'plug'."). Terms marked ``(?i)`` accept any
    case and never fire.
    """

    def __init__(self, terms: list[str], message: str):
        self.message = message
        self.terms = sorted((t for t in terms if not t.startswith("(?i)")), key=len, reverse=True)
        body = "|".join("(%s)" % _noncapturing(t) for t in self.terms)
        self.pattern = regexes.compile(r"(?i)\b(?:%s)\b" % body) if self.terms else None
        self.exact = [regexes.compile(r"(?:%s)\Z" % t) for t in self.terms]

    def check(self, article, blocks):
        from lint.checks._vale import vale_text
        from lint.checks.base import format_message
        from lint.model import Finding, Span

        if self.pattern is None:
            return
        for block in blocks:
            vt = vale_text(article, block)
            for m in self.pattern.finditer(vt.text):
                for k in range(1, len(self.terms) + 1):
                    if m.start(k) != -1:
                        break
                observed = m.group(k)
                if not observed or self.exact[k - 1].match(observed):
                    continue
                s, e = vt.span(m.start(k), m.end(k))
                yield Finding(Span(s, e), format_message(self.message, self.terms[k - 1], observed))


def _noncapturing(pattern: str) -> str:
    return regex.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _build(rule_id: str, data: dict, styles_path: Path | None):
    from lint.checks import REGISTRY
    from lint.rules import Rule, resolve_scopes

    module = REGISTRY.get(data["extends"])
    assert module is not None  # the built-in style names only known check types
    spec = module.Params.model_validate(data)
    from lint.checks.base import CompileContext

    checker = module.compile(spec, CompileContext("<built-in Vale style>", styles_path or Path.cwd()))
    return Rule(rule_id, "<built-in Vale style>", spec, checker, resolve_scopes(spec.scope))


def vale_style(cfg: ValeConfig, mask: VocabMask | None = None) -> list:
    """Vale's built-in ``Vale`` style, as far as newslint has its check types."""
    from lint.rules import RuleError

    rules = []
    try:
        vocab = {"exceptions": list(cfg.accepted)} if cfg.accepted else {}
        for rule_id, data in (("Vale.Spelling", _VALE_SPELLING), ("Vale.Repetition", _VALE_REPETITION)):
            rule = _build(rule_id, {**data, **vocab}, cfg.styles_path)
            rules.append(_with_vocab(rule, cfg.accepted, mask, cfg.styles_path or Path.cwd()) if mask is not None else rule)
        if cfg.rejected:
            rules.append(_build("Vale.Avoid", {**_VALE_AVOID, "tokens": list(cfg.rejected)}, cfg.styles_path))
        if cfg.accepted:
            terms = _build("Vale.Terms", {**_VALE_TERMS, "swap": {t: t for t in cfg.accepted}}, cfg.styles_path)
            rules.append(dataclasses.replace(terms, checker=TermsChecker(cfg.accepted, terms.spec.message)))
    except RuleError as exc:
        raise ValeConfigError(f"{cfg.path}: the built-in Vale style: {exc}") from None
    except Exception as exc:  # a vocabulary term that the check types reject
        raise ValeConfigError(f"{cfg.path}: the built-in Vale style: {exc}") from None
    return rules


def load_rules(cfg: ValeConfig, builtin: frozenset[str] = frozenset()) -> list:
    """The rules of every style the configuration names, vocabularies applied.
    Styles in ``builtin`` (newslint's own packs) are loaded by newslint, not here."""
    from lint import rules as rules_module
    from lint.checks._vale import WordTemplate

    before = rules_module.LENIENT_SCOPES, WordTemplate.current
    rules_module.LENIENT_SCOPES = True  # an unknown scope matches nothing, as in Vale
    WordTemplate.current = cfg.word_template  # the styles' word rules wrap their tokens in it
    try:
        return _load_styles(cfg, builtin)
    finally:
        rules_module.LENIENT_SCOPES, WordTemplate.current = before


def _load_styles(cfg: ValeConfig, builtin: frozenset[str]) -> list:
    from lint.rules import RuleError, load_pack

    out = []
    mask = VocabMask(cfg.accepted) if cfg.accepted else None
    for style in cfg.styles():
        if style in builtin:
            continue
        if style == "Vale":
            out.extend(vale_style(cfg, mask))
            continue
        folder = next((root / style for root in cfg.style_paths() if (root / style).is_dir()), None)
        if folder is None or not folder.is_dir():
            where = cfg.styles_path or "(no StylesPath)"
            if _needed(cfg, style):
                raise ValeConfigError(f"{cfg.path}: style {style!r} not found in StylesPath {str(where)!r}")
            named = sorted({k for sec in cfg._all_sections() for k, v in sec.checks.items()
                            if k.split(".", 1)[0] == style and "." in k and v != "NO"})
            if named:  # rules turned on by name in a style that is not there: skipped, as Vale skips them
                cfg.notes.append(f"{cfg.path}: {', '.join(named)}: no style {style!r} in StylesPath {str(where)!r}: "
                                 "not run")
            continue
        try:
            if any(style in (sec.base_styles or []) for sec in cfg._all_sections()):
                rules = load_pack(folder)
            else:  # only the rules turned on by name, as Vale loads them
                rules = [r for r in (_load_one(cfg, folder, name) for name in _named_rules(cfg, style)) if r is not None]
        except RuleError as exc:
            raise ValeConfigError(str(exc)) from None
        have = {r.id for r in rules}
        missing = sorted({k for sec in cfg._all_sections() for k, v in sec.checks.items()
                          if k.split(".", 1)[0] == style and "." in k and v != "NO" and k not in have})
        if missing:  # "Microsoft.Ranges = YES" with no Ranges.yml: Vale runs the rest
            cfg.notes.append(f"{cfg.path}: {', '.join(missing)}: no such rule in {folder}: not run")
        out.extend(_scoped(_with_vocab(r, cfg.accepted, mask)) for r in rules)
    return out


def _named_rules(cfg: ValeConfig, style: str) -> list[str]:
    out: list[str] = []
    for sec in cfg._all_sections():
        for key, value in sec.checks.items():
            if key.split(".", 1)[0] == style and "." in key and value != "NO" and key not in out:
                out.append(key)
    return out


def _load_one(cfg: ValeConfig, folder: Path, rule_id: str):
    from lint.rules import RULE_SUFFIXES, RuleError, parse_rule_file

    stem = rule_id.split(".", 1)[1]
    for suffix in RULE_SUFFIXES:
        f = folder / (stem + suffix)
        if f.is_file():
            try:
                text = safe_yaml.read_text(f, safe_yaml.RULE.size)
            except (OSError, UnicodeDecodeError, safe_yaml.LimitError) as exc:
                raise RuleError(str(f), None, None, f"cannot read: {exc}") from None
            return parse_rule_file(str(f), text, rule_id)
    return None  # noted by the caller


def _needed(cfg: ValeConfig, style: str) -> bool:
    """Whether a missing style is an error: named as a base style (a rule turned on by
    name in a missing style is a note, as Vale skips it)."""
    return any(style in (sec.base_styles or []) for sec in cfg._all_sections())


class VocabMask:
    """Where accepted terms occur in an article: no finding of a rule with
    ``vocab: true`` may lie inside one ("flooberg place" accepted: neither
    the spelling of "flooberg" nor an existence rule's "place" fires there)."""

    def __init__(self, accepted: list[str], ignorecase: bool = False):
        terms = sorted(accepted, key=len, reverse=True)
        if ignorecase:  # spelling: Hunspell accepts a known word in another case
            terms = [t[4:] if t.startswith("(?i)") else t for t in terms]
            terms = ["(?i:%s)" % t for t in terms]
        terms = [t if t.startswith("(?") else "(?-i:%s)" % t for t in terms]
        terms = ["(?i:%s)" % t[4:] if t.startswith("(?i)") else t for t in terms]
        self.pattern = regexes.compile(r"\b(?:%s)\b" % "|".join(terms)) if terms else None
        self._last: tuple[str, list[tuple[int, int]]] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        # the last text itself, not its id(): a new text may reuse a freed one's address
        last = self._last
        if last is not None and (last[0] is text or last[0] == text):
            return last[1]
        out = [m.span() for m in self.pattern.finditer(text)] if self.pattern is not None else []
        self._last = (text, out)
        return out

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_last": None}  # a copy for another process carries no article


class IgnoreMask(VocabMask):
    """TokenIgnores / BlockIgnores: text that Vale never shows to a rule."""

    def __init__(self, patterns: list[str]):
        self.pattern = regexes.compile("|".join("(?:%s)" % p for p in patterns), regex.MULTILINE)
        self._last = None


class _Masked:
    """A checker whose findings inside masked text are dropped (inside
    accepted vocabulary terms; touching TokenIgnores matches with ``overlap``)."""

    def __init__(self, inner, mask: VocabMask, overlap: bool = False):
        self._inner, self._mask, self._overlap = inner, mask, overlap

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def check(self, article, blocks):
        spans = self._mask.spans(article.text)
        for f in self._inner.check(article, blocks):
            if spans:
                a, b = f.span.start, f.span.end
                if self._overlap:
                    if any(s < b and a < e for s, e in spans):
                        continue
                elif any(s <= a and b <= e for s, e in spans):
                    continue
            yield f


def _with_vocab(rule, accepted: list[str], mask: VocabMask | None = None, styles_path: Path | None = None):
    """Accepted vocabulary terms become exceptions of rules with ``vocab: true``."""
    spec = rule.spec
    if not accepted or not getattr(spec, "vocab", False):
        return rule
    if spec.extends == "existence" and getattr(spec, "nonword", False):
        return rule  # Vale (#1058): a vocabulary word must not except a nonword match that contains it
    if mask is not None and spec.extends == "spelling":
        mask = VocabMask(accepted, ignorecase=True)
    if mask is not None:
        rule = dataclasses.replace(rule, checker=_Masked(rule.checker, mask))
    if not hasattr(spec, "exceptions"):
        return rule
    from lint.checks import REGISTRY

    module = REGISTRY.get(spec.extends)
    assert module is not None  # a parsed rule's check type is known
    new = spec.model_copy(update={"exceptions": list(spec.exceptions) + [t for t in accepted if t not in spec.exceptions]})
    from lint.checks.base import CompileContext

    ctx = CompileContext.for_rule(rule.path) if styles_path is None else CompileContext(rule.path, styles_path)
    checker = module.compile(new, ctx)
    return dataclasses.replace(rule, spec=new, checker=_Masked(checker, mask) if mask is not None else checker)


class _Scoped:
    """existence and substitution read every block of their scope's kind;
    Vale's qualified scopes (``heading.h2``, ``~heading.h1``, ``raw``,
    ``alt``, ``text.md``) narrow them first (lint/checks/_vale.ScopeFilter)."""

    def __init__(self, inner, scope_filter):
        self._inner, self._filter = inner, scope_filter

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def check(self, article, blocks):
        return self._inner.check(article, self._filter.blocks(article, blocks))


def _scoped(rule):
    if rule.spec.extends not in ("existence", "substitution") or isinstance(rule.checker, _Scoped):
        return rule
    if not any("." in s or s.lstrip("~") in ("raw", "alt", "summary", "blockquote", "text", "table", "heading", "sentence",
                                                             "link", "strong", "emphasis", "figure", "paragraph") for s in rule.spec.scope):
        return rule
    from lint.checks._vale import ScopeFilter

    return dataclasses.replace(rule, checker=_Scoped(rule.checker, ScopeFilter(rule.spec.scope)))


class _SkipQuoted:
    """``SkippedScopes = blockquote``: the rule reads no block of a Markdown "> " quote."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def check(self, article, blocks):
        from lint.checks._vale import in_blockquote

        return self._inner.check(article, [b for b in blocks if not in_blockquote(article, b)])


class _SkipComments:
    """``IgnoredScopes = text.comment.line`` (``comment``, ``text.comment.block`` ...): the rule
    reads no block of a source file's comments of these kinds (``Article.comment_kinds``),
    a fragment's Markdown blocks included."""

    def __init__(self, inner, kinds: frozenset[str]):
        self._inner, self._kinds = inner, kinds

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def check(self, article, blocks):
        kinds = article.comment_kinds
        if not kinds:
            return self._inner.check(article, blocks)
        return self._inner.check(article, [b for b in blocks if kinds.get(b.start) not in self._kinds])


def ignored_comment_kinds(scopes: list[str]) -> frozenset[str]:
    """The comment kinds (``comment.line``, ``comment.block``) that ``IgnoredScopes`` hides:
    Vale's ``comment`` (both), ``text.comment.line``, ``text.comment.block``, also
    without their ``text.``."""
    out: set[str] = set()
    for s in scopes:
        name = s.lower().removeprefix("text.")
        if name == "comment":
            out.update(("comment.line", "comment.block"))
        elif name in ("comment.line", "comment.block"):
            out.add(name)
    return frozenset(out)


class Resolver:
    """Which Vale rules run on which file, at which level (cached per settings).

    newslint's built-in packs (``News``) follow the configuration only when
    it names them: in ``BasedOnStyles`` they are on where a section bases a
    file on them, like any style; named only in toggles (``News.GluedDash =
    NO``, ``News = warning``) they are on everywhere except where turned off.
    A configuration that does not name them leaves them alone, unless
    ``only_named`` (Vale's own ``--config=.vale.ini``): then, as in Vale,
    only what it names runs."""

    def __init__(self, cfg: ValeConfig, vale_ids: set[str], builtin: frozenset[str] = frozenset(),
                 only_named: bool = False):
        self.cfg = cfg
        self.vale_ids = vale_ids
        named = set(cfg.styles())
        self.governed = frozenset(p for p in builtin if p in named or only_named)
        based = {s for sec in cfg._all_sections() for s in sec.base_styles or []}
        self.default_on = tuple(sorted(p for p in self.governed if p in named and p not in based))
        self._cache: dict[tuple, tuple[list, list]] = {}  # key -> (the rules given, the rules for the file)
        self.skip_comments = ignored_comment_kinds(cfg.ignored_scopes)

    def rules_for(self, path: str, rules) -> list:
        key = self.cfg.settings_for(path) + (id(rules),)
        hit = self._cache.get(key)
        if hit is not None and hit[0] is rules:  # the same list, not a new one at a freed address
            return hit[1]
        base, checks = key[0] + self.default_on, dict(key[1])
        ignore = IgnoreMask(list(key[2])) if key[2] else None
        out = []
        for r in rules:
            if r.id not in self.vale_ids and r.pack not in self.governed:
                out.append(r)
                continue
            state = enabled(r.id, base, checks)
            if state is None:
                continue
            if state in LEVELS and not r.fixed_level:  # newslint's own `levels:` win over the .vale.ini
                r = dataclasses.replace(r, spec=r.spec.model_copy(update={"level": state}), fixed_level=True)
            if ignore is not None and "raw" not in r.spec.scope:
                r = dataclasses.replace(r, checker=_Masked(r.checker, ignore, overlap=True))
            if "raw" not in r.spec.scope and any(s.lower() == "blockquote" for s in self.cfg.skipped_scopes):
                r = dataclasses.replace(r, checker=_SkipQuoted(r.checker))
            if "raw" not in r.spec.scope and self.skip_comments:
                r = dataclasses.replace(r, checker=_SkipComments(r.checker, self.skip_comments))
            out.append(r)
        self._cache[key] = (rules, out)
        return out

    def enabled_anywhere(self, rule_id: str) -> bool:
        g_base, g_checks, _ = self.cfg.settings_for("\0")  # the [*] section alone
        settings = [(g_base, dict(g_checks))]
        for sec in self.cfg.sections:
            settings.append((tuple(sec.base_styles or g_base), {**dict(g_checks), **sec.checks}))
        return any(enabled(rule_id, b, c) is not None for b, c in settings)


def enabled(rule_id: str, base: tuple[str, ...], checks: dict[str, str]) -> str | None:
    """None when the rule is off; else "YES" or the level it runs at."""
    style = rule_id.split(".", 1)[0]
    v = checks.get(rule_id)
    if v is None:
        v = checks.get(style)  # "Style = NO" (or YES, or a level) for all its rules
    if v == "NO":
        return None
    if v is not None:
        return v
    return "YES" if style in base else None


@dataclass
class Setup:
    """What the command line needs: the configuration, its rules, its resolver."""

    config: ValeConfig
    rules: list
    resolver: Resolver
    notes: list[str]

    @property
    def known_ids(self) -> frozenset[str]:
        return frozenset(self.resolver.vale_ids)


def setup(path: Path, builtin: frozenset[str] = frozenset(), only_named: bool = False,
          no_global: bool = False) -> Setup:
    """Load the configuration at ``path`` and every rule it names; the
    styles in ``builtin`` are newslint's packs, loaded by newslint
    (``only_named``: they run only where the configuration names them)."""
    cfg = load(path, no_global=no_global)
    rules = load_rules(cfg, builtin)
    seen: dict[str, str] = {}
    for r in rules:
        if r.id in seen:
            raise ValeConfigError(f"{r.path}: duplicate rule id {r.id} (also {seen[r.id]})")
        seen[r.id] = r.path
    resolver = Resolver(cfg, set(seen), builtin, only_named)
    notes = list(cfg.notes)
    for r in rules:
        reason = getattr(r.checker, "skipped_reason", None)
        if reason and resolver.enabled_anywhere(r.id):
            notes.append(f"skipped {r.id} ({r.path}): {reason}")
    return Setup(cfg, rules, resolver, notes)
