"""known_names and fixed_case: near misses of well-known names, house capitalisation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

import helpers
from lint.checks import _lexicon
from lint.rules import builtin_rules_dir, parse_rule_file

NEWS = builtin_rules_dir() / "News"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def rule(name: str):
    path = NEWS / f"{name}.yml"
    return parse_rule_file(str(path), path.read_text(encoding="utf-8"), f"News.{name}")


def flagged(r, text: str) -> list[str]:
    return [text[d.start : d.end] for d in helpers.lint(r, text)]


PEOPLE = yaml.safe_load((NEWS / "data" / "known-people.yml").read_text(encoding="utf-8"))
HOUSE = yaml.safe_load((NEWS / "data" / "house-names.yml").read_text(encoding="utf-8"))


def _corpus_text() -> str:
    parts = []
    for d in ("annotated/articles", "articles"):
        folder = SHARED / d
        if folder.is_dir():
            parts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return "\n".join(parts)


def test_every_listed_person_written_right_is_not_flagged():
    r = rule("MisspeltKnownName")
    text = " ".join(f"Yesterday {p} spoke." for p in PEOPLE["people"])
    assert flagged(r, text) == []
    text = " ".join(f"Officials of the {b} spoke." for b in PEOPLE["bodies"])
    assert flagged(r, text) == []


def _misspell(word: str, rng: random.Random) -> str | None:
    """One typist's slip inside a word: a letter doubled, or a doubled one written once."""
    for i in range(1, len(word) - 1):
        if word[i] == word[i + 1] and word[i].isalpha():
            return word[:i] + word[i + 1 :]
    inner = [i for i in range(1, len(word) - 1) if word[i].isalpha() and word[i].islower()]
    if not inner:
        return None
    i = rng.choice(inner)
    return word[: i + 1] + word[i] + word[i + 1 :]


def test_injected_misspellings_of_names_nobody_here_misspelt_are_found():
    """Misspell the given name (or the surname) of listed people who do not
    occur in the test corpora, in clean copy: most are found, and nothing else."""
    r = rule("MisspeltKnownName")
    corpus = _corpus_text()
    rng = random.Random(7)
    people = [p for p in PEOPLE["people"] if len(p.split()) == 2 and p.split()[1] not in corpus]
    sample = rng.sample(people, 60)
    found = tried = 0
    for k, person in enumerate(sample):
        given, surname = person.split()
        if k % 2:
            slip = _misspell(surname, rng)
            wrong = f"{given} {slip}"
        else:
            slip = _misspell(given, rng)
            wrong = f"{slip} {surname}"
        if slip is None or len(slip) < 4:
            continue
        tried += 1
        text = f"The council met on Monday. Later {wrong} told reporters the plan would go ahead."
        got = flagged(r, text)
        assert got in ([], [wrong]), (person, got)
        found += got == [wrong]
    assert tried >= 40
    print(f"injected: {found}/{tried} found")
    assert found / tried >= 0.6, f"{found}/{tried}"


def test_a_different_real_person_with_a_common_given_name_is_not_flagged():
    r = rule("MisspeltKnownName")
    assert flagged(r, "Sebastian Vettel won. Sebastian Coe spoke. Steven Smith and Kyla Walker ran.") == []
    assert flagged(r, "Sebastian Haller scored.") == ["Sebastian Haller"]


def test_fix_replaces_only_the_wrong_word():
    r = rule("MisspeltKnownName")
    text = "The striker Phillipe Coutinho scored."
    (d,) = helpers.lint(r, text)
    (edit,) = d.fix.edits
    assert text[edit.span.start : edit.span.end] == "Phillipe" and edit.replacement == "Philippe"
    assert d.fix.applicability == "unsafe"


def test_every_house_name_written_right_is_not_flagged():
    r = rule("HouseCapitalisation")
    names = [e if isinstance(e, str) else e[0] for e in HOUSE["names"]] + HOUSE["places"]
    text = " ".join(f"They said {n} was fine." for n in names)
    assert flagged(r, text) == []


def test_house_names_miscased_are_found():
    r = rule("HouseCapitalisation")
    text = "He uses Youtube, Paypal and Tiktok; she plays on the Playstation; we fly Jetblue."
    assert flagged(r, text) == ["Youtube", "Paypal", "Tiktok", "Playstation", "Jetblue"]


def test_without_dictionary_lower_case_acronyms_are_not_reported(monkeypatch):
    monkeypatch.setattr(_lexicon, "_words", lambda: None)
    r = rule("HouseCapitalisation")
    assert flagged(r, "Tickets for the afcon final. Posted on Whatsapp.") == ["Whatsapp"]


@pytest.mark.skipif(not _lexicon.available(), reason="needs the spell extra's dictionary")
def test_lexicon_tells_words_from_names():
    assert _lexicon.common_word("Whether") is True
    assert _lexicon.common_word("policing") is True
    assert _lexicon.common_word("Emerson") is False
    assert _lexicon.common_word("afcon") is False


def test_every_camel_case_house_name_lower_cased_inside_is_found():
    """"Whatsapp" for WhatsApp, for every listed name with an inner capital."""
    r = rule("HouseCapitalisation")
    missed = []
    for e in HOUSE["names"]:
        forms = [e] if isinstance(e, str) else e
        house = forms[0]
        if " " in house or not any(c.isupper() for c in house[1:]) or house.isupper():
            continue
        wrong = house[0].upper() + house[1:].lower()
        if wrong in forms or wrong == house:
            continue
        text = f"On Monday he said {wrong} was down for hours."
        if flagged(r, text) != [wrong]:
            missed.append(wrong)
    assert missed == []


def test_capital_first_runs_are_the_runs_without_al_or_el():
    """``_ASCII_CAP_RUN`` (used when a plain block holds no "l-") finds the
    runs of ``_ASCII_RUN``: without "al-"/"el-" every run starts at a capital."""
    import random

    from lint.checks import known_names as kn

    rng = random.Random(5)
    pieces = ["Ann", "Bo", "van", "de", "of", "the", "and", "smith", "O'Neill", "Jean-Pierre", "x", "3", "D'",
              ", ", " ", "  ", "-", "'", "’", ".", "el", "al", "Al"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        if "l-" in text:
            continue
        assert [m.span() for m in kn._ASCII_CAP_RUN.finditer(text)] == [m.span() for m in kn._ASCII_RUN.finditer(text)], text
