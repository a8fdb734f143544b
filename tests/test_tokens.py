"""lint.tokens: the words of a block, found once per article.

Offsets are exact code points into ``article.text``; the fast ASCII path
finds exactly the words of the ``regex`` patterns; Unicode letters, marks,
curly apostrophes and hyphens split as the module docstring says.
"""

from __future__ import annotations

import random

import pytest
import regex

from lint import tokens
from lint.readers import read_article
from lint.tokens import CAP_WORD, WORD, block_tokens


def _caps_reference(text: str) -> list[tuple[int, str]]:
    """The capitalised words of ``WORD.finditer``, the slow way."""
    return [(m.start(), m.group()) for m in WORD.finditer(text) if regex.match(r"[\p{Lu}\p{Lt}]", m.group())]


def _article(body: str, path: str = "a.txt"):
    return read_article(path, "Headline Here\n\n" + body + "\n")


def _words_of(text: str):
    art = _article(text)
    (b,) = [b for b in art.blocks if b.scope == "paragraph"]
    return art, b, block_tokens(art, b)


TEXTS = [
    "O'Brien's dog met Belarus' troops, rock'n'roll, abc''Def 'Smith' and Nato’s ’tis.",
    "Mr Romaszko said: “Zapad 2025 is over” — again… no-one knew. F16s and 3M; McDonald's.",
    "Zu\u0308rich and Zürich, Ǆemal and ǅemal, Москва и Ελλάδα, नरेंद्र मोदी, 東京.",
    "Demy-Geroe met al-Assad and Jean-Pierre in Côte d’Ivoire; L’Oréal, d'Artagnan’s.",
    "A.B. Smith, U.S.-based, x_Yz, snake_Case, ʼOkina, ''Quoted'' and ‘Single’ words",
]


@pytest.mark.parametrize("text", TEXTS)
def test_caps_are_the_capitalised_words_with_exact_offsets(text):
    art, b, toks = _words_of(text)
    want = [(b.start + i, w) for i, w in _caps_reference(b.text)]
    assert toks.caps == want
    for start, w in toks.caps:
        assert art.text[start : start + len(w)] == w  # a plain-text block: the source's own characters
    assert toks.words() == WORD.findall(b.text)
    assert [art.text[s:e] for s, e in toks.word_spans()] == toks.words()


def test_unicode_words():
    _, _, toks = _words_of(TEXTS[2])
    words = toks.words()
    assert "Zu\u0308rich" in words and "Zürich" in words  # a combining mark stays in its word
    assert "Москва" in words and "Ελλάδα" in words
    assert "नरेंद्र" in words  # Devanagari vowel signs are marks: one word
    caps = [w for _, w in toks.caps]
    assert "Москва" in caps and "Ελλάδα" in caps and "Ǆemal" in caps and "ǅemal" in caps  # title case counts
    assert "नरेंद्र" not in caps and "東京" not in caps  # no case: never capitalised
    assert not toks.ascii


def test_apostrophes_and_hyphens():
    _, _, toks = _words_of(TEXTS[0])
    assert toks.ascii
    assert toks.words()[:6] == ["O'Brien's", "dog", "met", "Belarus'", "troops", "rock'n'roll"]
    assert "abc''" not in toks.words() and "abc'" in toks.words() and "Def" in toks.words()  # '' ends a word
    assert "Nato’s" in toks.words() and "tis" in toks.words()  # a curly apostrophe before a word is no part of it
    _, _, toks = _words_of(TEXTS[3])
    caps = [w for _, w in toks.caps]
    assert caps[:5] == ["Demy", "Geroe", "Assad", "Jean", "Pierre"]  # hyphens split words
    assert "d’Ivoire" in toks.words() and "L’Oréal" in caps and "d'Artagnan’s" in toks.words()


def test_digits_and_underscores_split_words():
    _, _, toks = _words_of(TEXTS[1])
    assert "F" in toks.words() and "s" in toks.words() and "M" in toks.words()  # F16s, 3M
    _, _, toks = _words_of(TEXTS[4])
    caps = [w for _, w in toks.caps]
    assert "Yz" in caps and "Case" in caps  # after an underscore a word starts
    assert "A" in caps and "B" in caps and "U" in caps and "S" in caps


def test_ascii_path_finds_the_same_words():
    rng = random.Random(11)
    alphabet = "aAbBzZ'’ -._3\n,.“”"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        assert tokens.ascii_letters(text)
        assert tokens._ASCII_WORD.findall(text) == WORD.findall(text), text
        assert [(m.start(), m.group()) for m in tokens._ASCII_CAP.finditer(text)] == _caps_reference(text), text
        assert [(m.start(), m.group()) for m in CAP_WORD.finditer(text)] == _caps_reference(text), text


def test_non_ascii_letters_take_the_regex_path():
    assert not tokens.ascii_letters("Zürich") and not tokens.ascii_letters("e\u0301")
    assert tokens.ascii_letters("“Quoted” — dashes… and ’curly’ marks, € 5")


def test_cached_per_article_and_block():
    art, b, toks = _words_of("Alice met Bob. Then Carol said so.")
    assert block_tokens(art, b) is toks
    other = _article("Alice met Bob. Then Carol said so.")
    assert block_tokens(other, other.blocks[-1]) is not toks  # another article, its own tokens


def test_sentence_starts():
    art, b, toks = _words_of("Alice met Bob. Then Carol said so. Mr. Smith left.")
    assert toks.sentence_starts(art) == [s.start for s in art.sentences_of(b)]
    assert len(toks.sentence_starts(art)) == 3
    head = art.blocks[0]
    assert head.scope == "headline" and block_tokens(art, head).sentence_starts(art) is None


def test_markdown_offsets_point_into_the_source():
    text = "# Title\n\nSee [Alice Smith](https://example.com/Bob) and **Carol**.\n"
    art = read_article("a.md", text)
    (b,) = [b for b in art.blocks if b.scope == "paragraph"]
    toks = block_tokens(art, b)
    for start, w in toks.caps:
        assert b.text[start - b.start : start - b.start + len(w)] == w
        assert art.text[start : start + len(w)] == w  # unmasked words are the source's
    assert [w for _, w in toks.caps][:3] == ["See", "Alice", "Smith"]
    assert "Bob" not in [w for _, w in toks.caps]  # the link target is masked
