"""lint/gate.py: RE2 gates are supersets of the exact patterns they guard."""

import pickle

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import shared_or_skip
from lint.api import load
from lint.gate import Unsupported, gate, relax

pytest.importorskip("re2")


def superset(pattern: str, flags: int = 0):
    p = regex.compile(pattern, flags | regex.V0)
    g = gate(p)
    assert g is not None, pattern
    return p, g


@pytest.mark.parametrize("pattern, text", [
    (r"(?<!\w)sources said(?!\w)", "the sources said so"),
    (r"\bfoo\b", "é foo é"),
    (r"\d+ people", "٣ people"),                      # Unicode digits, as regex's \d
    (r"\w+é\b", "café"),
    (r"[\w\s]+!", "Zürich ist schön!"),
    (r"(?i)\p{Lu}\p{Ll}+ said", "someone said"),
    (r"a(?i)BC", "aBc"),                              # a bare flag applies to the whole pattern
    (r"(?>ab|a)c", "abc"),
    (r"x*+y", "xxy"),
    (r"(?P<n>ab)(?P=n)", "abab"),
    (r"(ab)\1", "abab"),
    (r"ab{,2}c", "abbc"),
    (r"foo(*SKIP)(*FAIL)|bar", "bar"),
    (r"end$", "the end\n"),
    (r"foo|\Astart", "start here"),
    (r"[[]x]", "[x]"),
    (r"[[:alpha:]]+1", "abc1"),
    (r"\u00e9t\u00e9", "été"),
    (r"(?=.*said)According", "According to him, he said"),
    (r"[^\W\d]+ said", "Zoë said"),
    (r"[à-ÿ]+", "garçon"),
])
def test_relaxed_pattern_still_matches(pattern, text):
    p, g = superset(pattern)
    assert p.search(text), "the case itself must match exactly"
    assert g.search(text)


def test_gate_is_selective():
    p, g = superset(r"(?i)(?<![\p{L}])(?:according to (?:media )?reports|sources (?:say|said))(?![\p{L}])")
    assert not g.search("The council approved the budget on Monday.")
    assert g.search("ACCORDING TO MEDIA REPORTS, it was approved.")


@pytest.mark.parametrize("pattern, flags", [
    (r"(?:cat){e<=1}", 0),         # fuzzy
    (r"(a(?1)?b)", 0),             # recursion
    (r"(a)?(?(1)b|c)", 0),         # conditional
    (r"\X", 0),
    (r"\N{BULLET}", 0),
    (r"a b", regex.VERBOSE),
    (r"[[a-z]--[aeiou]]", regex.V1),
    (r"straße", regex.IGNORECASE | regex.FULLCASE),
])
def test_no_superset_no_gate(pattern, flags):
    assert gate(regex.compile(pattern, flags)) is None


def test_anchored_patterns_run_without_a_gate():
    # regex tries an anchored pattern at one place: a gate would only cost
    assert gate(regex.compile(r"^(?:Photo|IMG):")) is None
    assert gate(regex.compile(r"(?m)^(?:Photo|IMG):")) is not None


def test_relax_refuses_with_a_reason():
    with pytest.raises(Unsupported):
        relax(r"(?:cat){e<=1}")


def test_gate_pickles_as_its_source():
    _, g = superset(r"(?i)sources said")
    again = pickle.loads(pickle.dumps(g))
    assert again.source == g.source and again.search("SOURCES SAID") and not again.search("nothing")


def _patterns(obj, seen, depth=0):
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    if isinstance(obj, regex.Pattern):
        yield obj
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for x in obj:
            yield from _patterns(x, seen, depth + 1)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _patterns(x, seen, depth + 1)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        names = list(getattr(obj, "__dict__", {})) + list(getattr(obj, "__slots__", ()))
        for k in names:
            if hasattr(obj, k):
                yield from _patterns(getattr(obj, k), seen, depth + 1)


def _pack_gates():
    """Every pattern of the built-in rules' checks and of the check modules."""
    import importlib
    import pkgutil

    import lint.checks

    found = {}
    candidates = [(rule.id, p) for rule in load() for p in _patterns(rule.checker, set())]
    for info in pkgutil.iter_modules(lint.checks.__path__):
        module = importlib.import_module(f"lint.checks.{info.name}")
        candidates += [(info.name, v) for v in vars(module).values() if isinstance(v, regex.Pattern)]
    for rid, p in candidates:
        g = gate(p)
        if g is not None:
            found[(p.pattern, p.flags)] = (rid, p, g)
    return list(found.values())


PACK = _pack_gates()


def test_most_of_the_pack_has_gates():
    assert len(PACK) >= 100


def test_pack_gates_are_supersets_on_real_copy():
    texts = []
    for sub in (("corpus", "annotated", "articles"), ("corpus", "articles")):
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared_or_skip(*sub).glob("*.txt"))]
    paragraphs = [x for t in texts for x in t.split("\n") if x.strip()]
    for rid, p, g in PACK:
        for x in paragraphs:
            if p.search(x):
                assert g.search(x), (rid, p.pattern[:80], x[:80])


_ALPHABET = st.sampled_from(list("aeiostnrdl AEIOSTN.,;:'\"’“”-\n0123456789éüÉ٣()$%") +
                            ["said ", "says ", "sources ", "reports ", "according to ", "per cent",
                             "million ", "The ", "Mr ", "http://", "www.", ".com", "jpg", " - "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_pack_gates_are_supersets_on_random_text(text):
    for rid, p, g in PACK:
        if p.search(text):
            assert g.search(text), (rid, p.pattern[:80], text)


@pytest.mark.parametrize("pattern, flags, text", [
    (r"istanbul", regex.IGNORECASE, "İstanbul"),
    (r"(?i:istanbul)", 0, "İSTANBUL"),
    (r"(?i)[i]lham", 0, "İlham"),
    (r"\u0130", regex.IGNORECASE, "i"),
    (r"ends here\z", 0, "ends here\n\nmore"),      # \z: a block's end, not the article's
    (r"Zapad[[:^alpha:]]", 0, "Zapad2025"),
    (r"x[\u0800-\uffff]", 0, "x\ue000"),
])
def test_superset_edge_cases(pattern, flags, text):
    p = regex.compile(pattern, flags | regex.V0)
    g = gate(p)
    assert p.search(text) or pattern.endswith(r"\z")
    assert g is None or g.search(text)


def test_a_lone_surrogate_turns_the_gate_off():
    p = regex.compile(r"x[\u0800-\uffff]")
    g = gate(p)
    assert g is not None and p.search("x\udc80") and g.search("x\udc80")
