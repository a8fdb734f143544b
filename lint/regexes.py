"""``regex`` patterns restored from a cache of their compiled programs.

Compiling a pattern with ``regex`` runs its pure-Python parser: the
patterns of the built-in pack and newslint's modules (about 340) take about
0.4 s to compile, longer than linting an article. The compiled program is
plain data (the pattern's code as bytes, its group tables, its required
string), the very tuple ``regex`` pickles a pattern as; handing it back to
the C engine (``_regex.compile``) takes microseconds. So
``compile(pattern, flags)`` here looks the program up in a cache file, and
compiles (and remembers it for the next run) only on a miss.

The programs a rule folder's rules compile are kept in that folder's own
rule cache file (``scope``: so a pack of any size keeps all of its own, and
two packs never evict each other's); the others (newslint's own patterns)
in one global file per environment (``file_name``, in the rule cache's
folder, ``lint/rule_cache.py``). Both are JSON, never pickle, written whole and
authenticated with the user's cache key like the rule cache: a program is
handed to the C engine only when it is known to be one this user's
newslint wrote. Its header is the rule cache's environment (Python,
``regex``, newslint's own source); another is a miss. ``derived`` keeps
other strings computed from a pattern there too (the RE2 relaxation of
lint/gate.py). It is read once per process, on the first compile, and
written at exit when the process compiled something new (merged with what
another process wrote meanwhile; at most ``MAX_PROGRAMS`` programs and
about ``MAX_STORED`` bytes, the newest kept). ``--no-cache`` (``rule_cache.disable``) turns it off.

Only ``str`` patterns without named lists are cached; anything else, and
any program that does not come back, is compiled as usual: the result is
the same pattern either way.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import regex
from regex import _regex

from lint import rule_cache

MAX_PROGRAMS = 20_000
MAX_STORED = 2 << 20  # bytes of JSON: read at every start, so kept small (newslint's own are ~0.3 MB)
_programs: dict[str, list[Any]] | None = None  # "flags:pattern" -> program as stored (JSON)
_new: dict[str, list[Any]] = {}
# a rule folder's own store while its rules compile (``scope``): its cache file keeps them
_scope: dict[str, list[Any]] | None = None
_scope_used: set[str] = set()


def _env() -> str:
    # the rule cache's environment: Python, regex (and the other packages), newslint's own source
    return f"regex-programs-3|{regex.__version__}|{rule_cache.environment()}"


def file_name() -> str:
    """The global store's file: one per environment, so that two installations
    sharing a cache folder do not replace each other's (pruned as the rule
    folders' files are)."""
    return f"rules-regex-{rule_cache.digest(_env())[:24]}.json"


@contextlib.contextmanager
def scope(store: dict[str, list[Any]], used: set[str]) -> Iterator[None]:
    """While a rule folder's rules compile: programs (and ``derived``
    strings) are looked up in ``store`` first, new ones go there (not to the
    global file, whose size is bounded), and the keys looked up are added to
    ``used``. The rule cache keeps ``store`` in the folder's own file."""
    global _scope, _scope_used
    outer = _scope, _scope_used
    _scope, _scope_used = store, used
    try:
        yield
    finally:
        _scope, _scope_used = outer


def _lookup(key: str) -> list[Any] | None:
    if _scope is not None:
        stored = _scope.get(key)
        if stored is not None:
            _scope_used.add(key)
            return stored
    return _load().get(key)


def _forget(key: str) -> None:
    if _scope is not None:
        _scope.pop(key, None)
    _load().pop(key, None)


def compile(pattern: Any, flags: int = 0, **kwargs: Any) -> Any:
    """``regex.compile(pattern, flags)``, its program restored from the cache when it is there."""
    if kwargs or not isinstance(pattern, str) or not rule_cache.enabled():
        return regex.compile(pattern, flags, **kwargs)
    key = f"{int(flags)}:{pattern}"
    stored = _lookup(key)
    if stored is not None:
        try:
            return _regex.compile(*_decode(stored))  # type: ignore[attr-defined]
        except Exception:  # not what this regex makes: compile it
            _forget(key)
    compiled = regex.compile(pattern, flags)
    with contextlib.suppress(Exception):
        encoded = _encode(compiled._pickled_data)  # type: ignore[attr-defined]
        _decode(encoded)  # a program that does not come back is not cached
        _remember(key, encoded)
    return compiled


def derived(name: str, arg: str, compute: Callable[[], str | None]) -> str | None:
    """``compute()``, a string derived from ``arg`` by newslint's own code
    (``name`` says how: the RE2 relaxation of a pattern, lint/gate.py),
    kept in the same cache file as the programs (same environment: newslint's
    source changing drops it)."""
    if not rule_cache.enabled():
        return compute()
    key = f"~{name}:{arg}"  # program keys start with a digit
    stored = _lookup(key)
    if isinstance(stored, list) and len(stored) == 1 and (stored[0] is None or isinstance(stored[0], str)):
        return stored[0]
    value = compute()
    _remember(key, [value])
    return value


def _remember(key: str, stored: list[Any]) -> None:
    if _scope is not None:
        _scope[key] = stored
        _scope_used.add(key)
        return
    if not _new:
        atexit.register(save)
    _load()[key] = _new[key] = stored


def _size(key: str, stored: list[Any]) -> int:
    return len(key) + sum(len(x) for x in stored if isinstance(x, str))


def _load() -> dict[str, list[Any]]:
    global _programs
    if _programs is None:
        _programs = {}
        payload = rule_cache.read_authentic(file_name(), _env(), touch=True)
        if payload is not None:
            with contextlib.suppress(Exception):
                data = json.loads(payload)
                if isinstance(data, dict):
                    _programs = data
    return _programs


def save() -> None:
    """Write the programs compiled in this process (merged with the file's) to the cache file."""
    global _new
    if not _new:
        return
    new, _new = _new, {}
    merged: dict[str, list[Any]] = {}
    payload = rule_cache.read_authentic(file_name(), _env())
    if payload is not None:
        with contextlib.suppress(Exception):
            data = json.loads(payload)
            if isinstance(data, dict):
                merged = data
    for key in new:  # newest last: the ones dropped first when the file is full
        merged.pop(key, None)
    merged.update(new)
    items = [(k, v) for k, v in merged.items() if isinstance(v, list)][-MAX_PROGRAMS:]
    size = sum(_size(k, v) for k, v in items)
    while size > MAX_STORED and len(items) > len(new):  # the oldest go first, never this run's
        k, v = items.pop(0)
        size -= _size(k, v)
    rule_cache.write_authentic(file_name(), _env(), json.dumps(dict(items), separators=(",", ":")).encode())


# A program as ``regex`` pickles it: (pattern, flags, code, group_index,
# index_group, named_lists, named_list_indexes, req_offset, req_chars,
# req_flags, group_count). Stored as JSON: code in base64, index_group's
# int keys as pairs, req_chars as a list or null.


def _encode(data: tuple[Any, ...]) -> list[Any]:
    pattern, flags, code, group_index, index_group, named_lists, named_list_indexes, req_offset, req_chars, req_flags, count = data
    if named_lists or named_list_indexes or not isinstance(code, bytes):
        raise ValueError("not a plain program")
    return [pattern, flags, base64.b64encode(code).decode("ascii"), group_index, sorted(index_group.items()),
            req_offset, None if req_chars is None else list(req_chars), req_flags, count]


def _decode(stored: list[Any]) -> tuple[Any, ...]:
    pattern, flags, code, group_index, index_group, req_offset, req_chars, req_flags, count = stored
    if not (isinstance(pattern, str) and isinstance(code, str) and isinstance(group_index, dict)
            and all(isinstance(k, str) and isinstance(v, int) for k, v in group_index.items())
            and all(isinstance(i, int) and isinstance(n, str) for i, n in index_group)
            and all(isinstance(x, int) for x in (flags, req_offset, req_flags, count))
            and (req_chars is None or all(isinstance(c, int) for c in req_chars))):
        raise ValueError("not a program")
    return (pattern, flags, base64.b64decode(code, validate=True), group_index, dict(index_group), {}, [],
            req_offset, None if req_chars is None else tuple(req_chars), req_flags, count)


def longest_first(phrase: str) -> tuple[int, str]:
    """Sort key of an alternation's phrases: longest first (the longest match
    wins), ties by text, so that a pattern built from a set is the same
    pattern in every process (and its program is found in the cache)."""
    return -len(phrase), phrase


class FoldedKeys(dict):
    """A table keyed by lowered text that a case-insensitive pattern looks up with what it
    matched: a match that equals a key only by Unicode case folding ("Auguſt" with a long s,
    "PRESİDENT" with a dotted capital I, whose ``lower()`` keeps a combining dot) finds the key
    folded, instead of a KeyError (an internal error on real copy)."""

    __slots__ = ()

    def __missing__(self, key: str):
        folded = " ".join(key.casefold().replace("\u0307", "").split())
        if folded != key and folded in self:
            return self[folded]
        raise KeyError(key)
