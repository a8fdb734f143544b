"""spelling: words that a Hunspell dictionary does not know (Vale).

Dictionaries are Hunspell ``.dic``/``.aff`` pairs: ``dictionaries: [en_GB]``
names them in ``dicpath`` (absolute, or relative to the styles folder --
the folder that holds the packs -- or to the working directory; default
``<styles>/config/dictionaries``), or ``aff``/``dic`` give one pair. With
none named, Vale's built-in default ``en_US`` is used: the SCOWL en_US
that ships with spylls (``append: true`` adds it to named ones).
``ignore`` names word-list files (one word a line; absolute, relative to
the styles folder, or to ``<styles>/config/ignore``) whose words are
accepted. Unless ``custom: true``, words that look like code or acronyms
are not checked (camelCase, a capital at the end, anything but letters,
``_`` and ``'``); ``filters`` are patterns of further words to skip;
``exceptions`` (and a vocabulary's accepted terms) are words to accept,
matched as Vale does (case-insensitive, as whole words).

Hunspell is read by spylls (pure Python), an optional dependency imported
only when a spelling rule is compiled: without it, or without a usable
dictionary, the rule loads and is skipped, ``skipped_reason`` saying why.
Dictionaries are read once per process and shared by rules.

``message`` substitutions: ``%s`` is the misspelt word.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from lint import regexes
from lint.article import Article, Block
from lint.checks._vale import ScopeFilter
from lint.checks.base import DEFAULT_CONTEXT, CompileContext, format_message
from lint.checks.patterns import check_regexes, compile_pattern
from lint.model import Finding, Span
from lint.rules import CompileError, RuleBase
from lint.spec import Field, field_validator

# compile() reads dictionaries (from ``ctx.styles_path``, the parent of the
# rule's pack): the rule cache must not keep such a rule (lint/rule_cache.py).
READS_FILES = True


class Params(RuleBase):
    extends: Literal["spelling"]
    dicpath: str = ""
    dictionaries: list[str] = Field(default_factory=list)
    aff: str = ""
    dic: str = ""
    custom: bool = False
    append: bool = False
    filters: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    threshold: int = 0
    vocab: bool = True

    @field_validator("ignore", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


_DEFAULT_FILTERS = (
    regexes.compile(r"[A-Z]{1}[a-z]+[A-Z]+\w+"),
    regexes.compile(r"[\p{Lu}]+$"),
    regexes.compile(r"[^A-Za-z_']"),  # Go's \W is ASCII: Vale skips words with other letters
)
# Vale's word tokenizer keeps inner punctuation ("human-friendly", "don't").
_WORD = regexes.compile(r"[\p{L}\p{N}_]+(?:[-'’‘.@/][\p{L}\p{N}_]+)*")

_DICTS: dict[str, Any] = {}


def _load_dictionary(base: str) -> Any:
    """A spylls Dictionary from ``base.aff``/``base.dic`` (cached).

    The ``SET`` line of many dictionaries says ISO8859-1 while the files are
    UTF-8 (Vale reads them as UTF-8): a file that decodes as UTF-8 is read so.
    """
    if base in _DICTS:
        return _DICTS[base]
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import FileReader

    class _Reader(FileReader):
        # PHONE tables only serve suggestions, and spylls rejects some that
        # Hunspell reads (en_US's): they are left out.
        def _open(self, path: str, encoding: str):  # spylls hook
            raw = Path(path).read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode(encoding, errors="surrogateescape")
            if path.endswith(".aff"):
                text = "\n".join(line for line in text.split("\n") if not line.startswith("PHONE"))
            return io.StringIO(text)

    if os.path.exists(base + ".aff"):
        aff, context = readers.read_aff(_Reader(base + ".aff"))
        dic = readers.read_dic(_Reader(base + ".dic", encoding=context.encoding), aff=aff, context=context)
        d = Dictionary(aff, dic)
    else:
        d = Dictionary.from_files(base)  # spylls' own en_US
    # Vale's Hunspell does not split words at BREAK points: "human-friendly"
    # must be in the dictionary as a whole.
    d.aff.BREAK = []
    _DICTS[base] = d
    return d


def _first_dir(candidates: list[Path]) -> Path | None:
    for c in candidates:
        if c.is_dir():
            return c
    return None


class Spelling:
    def __init__(self, p: Params, styles_path: Path | None):
        self.skipped_reason = ""
        self.p = p
        check_regexes(p.filters, "filters")
        self.filters = [compile_pattern(f, ("filters", i)) for i, f in enumerate(p.filters)]
        self.std_filters = not p.custom
        # Vale: a word that the (case-insensitive) alternation of ``exceptions`` matches as a
        # whole word is accepted (its updateExceptions: ``\b(?:...)\b``): a vocabulary's "ga"
        # does not accept "Gatewaty"
        check_regexes(p.exceptions, "exceptions")
        self.except_re = compile_pattern(r"(?i)\b(?:" + "|".join(p.exceptions) + r")\b", ("exceptions",)) if p.exceptions else None
        self.scope = ScopeFilter(p.scope)
        self.accepted: set[str] = set()
        self.cache: dict[str, bool] = {}
        styles = styles_path or Path.cwd()
        try:
            import spylls.hunspell  # noqa: F401
        except ImportError:
            self.skipped_reason = "spelling rules need the optional package spylls (pip install spylls)"
            self.dicts: list[Any] = []
            return
        self.dicts = self._dictionaries(p, styles)
        for name in p.ignore:
            for cand in (Path(name), styles / name, styles / "config" / "ignore" / name):
                if cand.is_file():
                    for line in cand.read_text(encoding="utf-8", errors="replace").splitlines():
                        if line.strip():
                            self.accepted.add(line.strip())
                    break
            else:
                raise CompileError(("ignore",), f"cannot find the word list {name!r} (looked in {styles} and {styles / 'config' / 'ignore'})")

    def _dictionaries(self, p: Params, styles: Path) -> list[Any]:
        if p.aff and p.dic:
            aff = Path(p.aff) if Path(p.aff).is_absolute() else styles / p.aff
            dic = Path(p.dic) if Path(p.dic).is_absolute() else styles / p.dic
            if aff.is_file() and dic.is_file() and aff.with_suffix("") == dic.with_suffix(""):
                return [_load_dictionary(str(aff.with_suffix("")))]
        if p.dicpath:
            folder = _first_dir([Path(p.dicpath), styles / p.dicpath, Path.cwd() / p.dicpath])
            if folder is None:
                raise CompileError(("dicpath",), f"unable to resolve dicpath {p.dicpath!r}")
        else:
            folder = styles / "config" / "dictionaries"
        names = list(p.dictionaries)
        out = []
        for i, name in enumerate(names):
            base = folder / name
            if not (Path(str(base) + ".aff").is_file() and Path(str(base) + ".dic").is_file()):
                raise CompileError(("dictionaries", i), f"no Hunspell dictionary {name!r} ({base}.aff and .dic) in {folder}")
            out.append(_load_dictionary(str(base)))
        if not names or p.append:
            # Vale's built-in en_US (SCOWL); spylls ships the same word list
            try:
                out.append(_load_dictionary("en_US"))
            except (OSError, IndexError, ValueError) as exc:
                if not out:
                    self.skipped_reason = f"no dictionary named and the default en_US cannot be read: {exc}"
        return out

    def _known(self, word: str) -> bool:
        hit = self.cache.get(word)
        if hit is None:
            hit = (
                word in self.accepted
                or (word[:1].isupper() and (word[:1].lower() + word[1:] in self.accepted or word.lower() in self.accepted))
                or any(d.lookup(word) for d in self.dicts)
            )
            self.cache[word] = hit
        return hit

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.skipped_reason or not self.dicts:
            return
        for block in self.scope.blocks(article, blocks):
            for m in _WORD.finditer(block.text):
                word = m.group().replace("’", "'").replace("‘", "'")
                if self.std_filters and any(f.search(word) for f in _DEFAULT_FILTERS):
                    continue
                if any(f.search(word) for f in self.filters):
                    continue
                if self.except_re is not None and self.except_re.search(word):
                    continue
                if self._known(word):
                    continue
                yield Finding(Span(block.start + m.start(), block.start + m.end()), format_message(self.p.message, word))


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Spelling:
    return Spelling(p, ctx.styles_path)
