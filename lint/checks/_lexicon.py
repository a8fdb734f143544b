"""Is a word an ordinary English word? Shared by the name checks.

The answer comes from the Hunspell ``en_US`` dictionary that ships with the
optional ``spylls`` package (the ``spell`` extra): its entries written in
lower case are ordinary words ("police", "whether", "walker"), the
capitalised ones are names ("Emerson", "Morocco"). The ``.dic`` file is read
as plain text (spylls itself is never imported), once per process and only
when a check first asks, so a run that never needs it pays nothing.

Without spylls, ``common_word`` returns None ("cannot tell"): each caller
then takes the cautious branch (treats the word as possibly common) and its
module's docstring says what it does not report then.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# inflections Hunspell writes as affix flags, undone cheaply (the stem must
# then be an entry): "policing" -> "police", "whispers" -> "whisper"
_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ies", "ied")


def _dic_path() -> Path | None:
    try:
        spec = importlib.util.find_spec("spylls")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "hunspell" / "data" / "en" / "en_US.dic"
        if p.is_file():
            return p
    return None


# the lower-case entries of a .dic file (its stems, before "/flags"), and
# the capitalised ones (names the dictionary spells: "Paris", "Iran", "Bush")
_LOWER_STEM = re.compile(r"(?m)^([a-z][^/\n\r]*)")
_UPPER_STEM = re.compile(r"(?m)^([A-Z][a-z][^/\n\r]*)")


@lru_cache(maxsize=1)
def _text() -> str | None:
    path = _dic_path()
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


@lru_cache(maxsize=1)
def _words() -> frozenset[str] | None:
    text = _text()
    return None if text is None else frozenset(w.strip() for w in _LOWER_STEM.findall(text))


@lru_cache(maxsize=1)
def _names() -> frozenset[str] | None:
    text = _text()
    return None if text is None else frozenset(w.strip().casefold() for w in _UPPER_STEM.findall(text))


def available() -> bool:
    return _words() is not None


def common_word(word: str) -> bool | None:
    """True when ``word`` (any case) is an ordinary lower-case English word,
    False when it is not, None when no dictionary is installed."""
    words = _words()
    if words is None:
        return None
    w = word.casefold()
    if w in words:
        return True
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            if stem in words or stem + "e" in words or (suf in ("ies", "ied") and stem + "y" in words):
                return True
    return False


def dictionary_name(word: str) -> bool | None:
    """True when ``word`` (any case, a possessive "'s" stripped) is a
    capitalised entry of the dictionary, a name it spells ("Paris", "Iran",
    "Bush", "Leo"), False when it is not, None when no dictionary is installed."""
    names = _names()
    if names is None:
        return None
    w = word.casefold()
    if w.endswith("'s"):
        w = w[:-2]
    return w in names
