"""spelling: words that no dictionary knows (Vale).

Vale's default dictionary is built in: ``lint/data/en_US-web.words.gz``
(SCOWL up to size 70, US and British spellings, and software words such as
"backtick", "dropdown", "gitignore"; see lint/data/SCOWL-LICENSE.txt), held
as Vale holds a dictionary, every form spelled out and a word known when it
or its lower-case form is listed. It needs no extra package.

Hunspell ``.dic``/``.aff`` pairs: ``dictionaries: [en_GB]`` names them in
``dicpath`` (absolute, or relative to the styles folder -- the folder that
holds the packs -- or to the working directory; default
``<styles>/config/dictionaries``), or ``aff``/``dic`` give one pair; the
default is then left out unless ``append: true``. Vale's own
``Vale.Spelling`` also reads every pair in ``<styles>/config/dictionaries``
and every word list under ``<styles>/config/ignore``. Pairs are read by
spylls (pure Python, imported only then). ``ignore`` names word-list files (one word a line;
absolute, relative to the styles folder, or to ``<styles>/config/ignore``).

Words are Vale's: the text split at white space, each piece stripped of
leading ``$ ( " [ '`` and trailing ``, ) " ] ! ; . ? : '`` (so
``blockSignals()`` is ``blockSignals(`` and ``\\ingroup`` stays whole).
Unless ``custom: true``, Vale's default filters skip a word with anything
but ASCII letters, ``_`` and ``'``, one that ends in a capital, and camelCase
after a capital; ``filters`` are patterns of further words to skip;
``exceptions`` (and a vocabulary's accepted terms) are words to accept,
matched as Vale does (case-insensitive, as whole words).

Dictionaries are read once per process and shared by rules.

``message`` substitutions: ``%s`` is the misspelt word.
"""

from __future__ import annotations

import io
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


_CAMEL = regexes.compile(r"[A-Z][a-z]+[A-Z]+[0-9A-Za-z_]")  # Vale's [A-Z]{1}[a-z]+[A-Z]+\w+ (ASCII \w)
# ASCII letters only: Vale (the reference commit of the conformance suite) skips "オプション"
_NON_WORD = regexes.compile(r"[^A-Za-z_']")


def _skipped_by_default(word: str) -> bool:
    """Vale's default filters (internal/check/spelling.go): anything but ASCII
    letters, ``_`` and ``'``; a capital at the end; camelCase after a capital."""
    return bool(_NON_WORD.search(word)) or word[-1:].isupper() or bool(_CAMEL.search(word))


# Vale's word tokenizer (internal/nlp, IterTokenizer): the text is split at
# white space only, and each piece loses leading ``$ ( " [ '`` and trailing
# ``, ) " ] ! ; . ? : '`` one at a time; "U.S." and "Mr." stay whole. What is
# left is one word, inner punctuation and all: ``blockSignals()`` gives
# ``blockSignals(``, ``\ingroup`` gives ``\ingroup``, which the default
# filters then skip. Curly quotes count as straight ones.
_PIECE = regexes.compile(r"\S+")
_SPECIAL = regexes.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
_PREFIXES = frozenset('$("[\'')  # "'static", "'automatic'" are not reported by Vale
_SUFFIXES = frozenset(',)"]!;.?:\'')
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def vale_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word Vale's spelling check sees in ``text``
    (code points; the word with curly quotes made straight)."""
    clean = text.translate(_QUOTES)
    for m in _PIECE.finditer(clean):
        a, b = m.span()
        if not _SPECIAL.match(clean, a, b):
            while b - a > 1:
                if clean[a] in _PREFIXES:
                    a += 1
                elif clean[b - 1] in _SUFFIXES:
                    b -= 1
                else:
                    break
        word = clean[a:b]
        if any(c.isalpha() for c in word):
            yield a, b, word


DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_WORDS = DATA / "en_US-web.words.gz"


class WordSet:
    """A word list as Vale's Hunspell reader holds a dictionary: every form
    spelled out, a word known when it or its lower-case form is listed
    ("Templating" by "templating"; "gitlab" not by "GitLab")."""

    def __init__(self, words: set[str]):
        self.words = words

    def lookup(self, word: str) -> bool:
        return word in self.words or word.lower() in self.words


def _default_words() -> WordSet:
    """Vale's built-in ``en_US-web``: SCOWL (sizes up to 70, US and British
    spellings) and software words, in lint/data (read once, ~80 ms)."""
    hit = _DICTS.get("<default>")
    if hit is None:
        import gzip

        hit = _DICTS["<default>"] = WordSet(set(gzip.decompress(DEFAULT_WORDS.read_bytes()).decode("utf-8").split("\n")) - {""})
    return hit


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

    aff, context = readers.read_aff(_Reader(base + ".aff"))
    dic = readers.read_dic(_Reader(base + ".dic", encoding=context.encoding), aff=aff, context=context)
    d = Dictionary(aff, dic)
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
    def __init__(self, p: Params, styles_path: Path | None, builtin: bool = False):
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
        self.accepted = WordSet(set())
        self.cache: dict[str, bool] = {}
        styles = styles_path or Path.cwd()
        # Hunspell pairs to read
        self.pending: list[str] = []
        self.dicts: list[Any] = self._dictionaries(p, styles)
        lists = []
        if builtin:
            # Vale.Spelling (makeSpeller with rulePath "internal"): the default dictionary, every
            # pair in <styles>/config/dictionaries, every word list under <styles>/config/ignore
            folder = styles / "config" / "dictionaries"
            if folder.is_dir():
                self.pending += [str(d.with_suffix("")) for d in sorted(folder.glob("*.dic")) if d.with_suffix(".aff").is_file()]
            ignore = styles / "config" / "ignore"
            if ignore.is_dir():
                lists += sorted(f for f in ignore.rglob("*") if f.is_file())
        for name in p.ignore:
            for cand in (Path(name), styles / name, styles / "config" / "ignore" / name):
                if cand.is_file():
                    lists.append(cand)
                    break
            else:
                raise CompileError(("ignore",), f"cannot find the word list {name!r} (looked in {styles} and {styles / 'config' / 'ignore'})")
        for f in lists:
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    self.accepted.words.add(line.strip())
        # read now, as Vale does, not in a check's time limit
        while self.pending and not self.skipped_reason:
            try:
                self.dicts.append(_load_dictionary(self.pending.pop(0)))
            except ImportError:  # Vale.Spelling's extra dictionaries, without spylls
                self.pending.clear()

    def _dictionaries(self, p: Params, styles: Path) -> list[Any]:
        if p.aff and p.dic:
            aff = Path(p.aff) if Path(p.aff).is_absolute() else styles / p.aff
            dic = Path(p.dic) if Path(p.dic).is_absolute() else styles / p.dic
            if aff.is_file() and dic.is_file() and aff.with_suffix("") == dic.with_suffix(""):
                self.pending.append(str(aff.with_suffix("")))
                return []
        if p.dicpath:
            folder = _first_dir([Path(p.dicpath), styles / p.dicpath, Path.cwd() / p.dicpath])
            if folder is None:
                raise CompileError(("dicpath",), f"unable to resolve dicpath {p.dicpath!r}")
        else:
            folder = styles / "config" / "dictionaries"
        names = list(p.dictionaries)
        for i, name in enumerate(names):
            base = folder / name
            if not (Path(str(base) + ".aff").is_file() and Path(str(base) + ".dic").is_file()):
                raise CompileError(("dictionaries", i), f"no Hunspell dictionary {name!r} ({base}.aff and .dic) in {folder}")
            self.pending.append(str(base))
        if self.pending:
            try:
                import spylls.hunspell  # noqa: F401
            except ImportError:
                self.skipped_reason = "Hunspell dictionaries need the package spylls (pip install spylls)"
        return [_default_words()] if not names or p.append else []

    def _known(self, word: str) -> bool:
        hit = self.cache.get(word)
        if hit is None:
            hit = self.accepted.lookup(word) or any(d.lookup(word) for d in self.dicts)
            self.cache[word] = hit
        return hit

    def check(self, article: Article, blocks: list[Block]) -> Iterator[Finding]:
        if self.skipped_reason:
            return
        for block in self.scope.blocks(article, blocks):
            for start, end, word in vale_words(block.text):
                if self.std_filters and _skipped_by_default(word):
                    continue
                if any(f.search(word) for f in self.filters):
                    continue
                if self.except_re is not None and self.except_re.search(word):
                    continue
                if self._known(word):
                    continue
                yield Finding(Span(block.start + start, block.start + end), format_message(self.p.message, word))


BUILTIN_PATH = "<built-in Vale style>"  # lint/vale_config.py's rule path for the Vale style


def compile(p: Params, ctx: CompileContext = DEFAULT_CONTEXT) -> Spelling:
    return Spelling(p, ctx.styles_path, builtin=ctx.rule_path == BUILTIN_PATH)
