"""The fast paths of fixed_case and known_names find exactly what the slow ones find.

Each rule skips blocks (fixed_case) or runs of capitalised words
(known_names) that cannot hold a finding, and reads blocks of ASCII and
common punctuation with the standard library's engine. These tests lint the
same texts with every shortcut on and off and compare the findings; the texts
hold findings (checked), near misses of them and the characters where the
shortcuts' reasoning is finest (folds that add letters, "™", superscripts,
ligatures, full-width letters, decomposed accents, possessives, addresses).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

import helpers
from lint.checks import fixed_case, known_names
from lint.rules import builtin_rules_dir, parse_rule_file

NEWS = builtin_rules_dir() / "News"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
PEOPLE = yaml.safe_load((NEWS / "data" / "known-people.yml").read_text(encoding="utf-8"))
HOUSE = yaml.safe_load((NEWS / "data" / "house-names.yml").read_text(encoding="utf-8"))


def rule(name: str):
    path = NEWS / f"{name}.yml"
    return parse_rule_file(str(path), path.read_text(encoding="utf-8"), f"News.{name}")


def found(r, text: str) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.message) for d in helpers.lint(r, text, body_only=False)]


def _real_copy() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for d in ("annotated/articles", "articles"):
        folder = SHARED / d
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def _house_text() -> str:
    """Every listed name written many ways, around odd characters."""
    rng = random.Random(3)
    names = [e if isinstance(e, str) else e[0] for e in HOUSE["names"]] + list(HOUSE.get("places") or [])
    cases = [str.lower, str.upper, str.title, lambda s: s, lambda s: s.swapcase(), lambda s: s[:1].lower() + s[1:]]
    odd = [lambda s: s, lambda s: s.replace(" ", "  "), lambda s: s.replace("e", "é"),
           lambda s: s.replace("o", "o\u0302"), lambda s: s + "’s", lambda s: s + "'S", lambda s: s + "™",
           lambda s: "¹" + s, lambda s: s + "²", lambda s: "½" + s, lambda s: "x_" + s, lambda s: s + ".com",
           lambda s: "#" + s, lambda s: s.replace("fi", "ﬁ"), lambda s: "№" + s, lambda s: s + "℠",
           lambda s: "".join(chr(ord(c) + 0xFEE0) if "A" <= c <= "Z" else c for c in s),
           lambda s: s.replace("I", "İ"), lambda s: "“" + s + "” said", lambda s: s + "—and"]
    lines = ["Headline With Netflix And Whatsapp"]
    for name in names:
        picks = [(rng.choice(cases), rng.choice(odd)) for _ in range(4)]
        lines.append(" ".join(f"Then {o(c(name))} rose; {o(c(name))}." for c, o in picks))
    lines += ["The united states and the United states met New york officials.",
              "Côte D'ivoire, cote d'ivoire, Cote d’Ivoire and Play Station, Face time, Twenty 20."]
    return "\n\n".join(lines) + "\n"


def _people_text() -> str:
    """Listed people and bodies written right and with slips, among particles and odd characters."""
    rng = random.Random(5)
    out = ["Headline"]
    people = rng.sample(PEOPLE["people"], 300)
    for k, person in enumerate(people):
        words = person.split()
        i = rng.choice([0, len(words) - 1])
        w = words[i]
        j = rng.randrange(1, max(2, len(w) - 1))
        slips = [w[:j] + w[j + 1 :], w[:j] + w[j] + w[j:], w[:j] + "e" + w[j + 1 :], w.replace("u", "ü"),
                 w.replace("e", "é"), w + "’s", w]
        words[i] = slips[k % len(slips)]
        lead = ["Yesterday", "Dr", "“", "the minister, ", "van", "Ms A."][k % 6]
        out.append(f"{lead} {' '.join(words)} said. Later {words[-1]} met {words[0]} Smith-Jones of Rome.")
    for k, body in enumerate(PEOPLE["bodies"]):
        words = body.split()
        if len(words) > 3 and k % 2:
            m = len(words) // 2
            words[m] = words[m][:3] + "xx" + words[m][3:]
        out.append(f"Officials of the {' '.join(words)} and the {body} spoke.")
    return "\n\n".join(out) + "\n"


TEXTS = {"house": _house_text, "people": _people_text}


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_fixed_case_shortcuts_change_no_finding(which, monkeypatch):
    texts = [_house_text()] if which == "synthetic" else _real_copy()
    fast, sets, slow = rule("HouseCapitalisation"), rule("HouseCapitalisation"), rule("HouseCapitalisation")
    sets.checker._gate = None  # the letter-run test used without RE2
    sets.checker._keys = sets.checker._letter_keys()
    monkeypatch.setattr(slow.checker, "_may_hold", lambda text, low: True)
    slow.checker._plain_first = None  # starts found by the trie pattern, none skipped before tokenising
    total = 0
    for text in texts:
        want = found(slow, text)
        total += len(want)
        assert found(fast, text) == want
        assert found(sets, text) == want
    if which == "synthetic":
        assert total > 100  # the texts hold findings to lose


@pytest.mark.parametrize("which", ["synthetic", "real"])
def test_known_names_shortcuts_change_no_finding(which, monkeypatch):
    texts = [_people_text()] if which == "synthetic" else _real_copy()
    fast = rule("MisspeltKnownName")
    want = {}
    for text in texts:
        want[text] = found(fast, text)
    slow = rule("MisspeltKnownName")
    monkeypatch.setattr(slow.checker, "_may_hold", lambda words: True)
    monkeypatch.setattr(known_names, "_PLAIN_TEXT", re.compile(""))  # every block read by ``regex``
    total = 0
    for text in texts:
        got = found(slow, text)
        total += len(got)
        assert want[text] == got
    if which == "synthetic":
        assert total > 50


def test_plain_text_is_what_both_engines_read_alike():
    """The characters ``_PLAIN_TEXT`` lets through beyond ASCII are no letter,
    mark or digit for either engine, and NFKD leaves them be (or, "…", makes
    them ASCII punctuation)."""
    import unicodedata

    import regex

    for mod in (fixed_case, known_names):
        extra = [chr(c) for c in range(0x80, 0x3000) if not mod._PLAIN_TEXT.match(chr(c))]
        assert extra, mod
        for c in extra:
            assert not re.match(r"\w", c) and not regex.match(r"[\p{L}\p{M}\p{N}]", c), c
            assert unicodedata.normalize("NFKD", c) in (c, "...")


def test_fixed_case_plain_starts_are_the_trie_starts():
    """On a block of ASCII and common punctuation the starts found as runs of
    ``[a-z0-9]`` among the first words are those of the trie pattern."""
    r = rule("HouseCapitalisation")
    c = r.checker
    assert c._plain_first is not None
    rng = random.Random(9)
    firsts = sorted(c._plain_first)
    pieces = firsts[:80] + ["the", "x", "3", "_", " ", " ", "'", "’", "-", ".", "“", "”", "a1", "é"]
    total = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        if fixed_case._PLAIN_TEXT.search(text) is not None:
            continue
        low = text.lower()
        want = [m.start() for m in c._first.finditer(low)]
        total += len(want)
        assert [m.start() for m in fixed_case._ASCII_RUN.finditer(low) if m.group() in c._plain_first] == want, text
    assert total > 300
