import pytest

from lint.article import Block
from lint.segment import quotations, sentences

OFFSET = 100  # blocks rarely start at 0: offsets must add the block start


def split(text):
    b = Block("paragraph", OFFSET, text)
    out = sentences(b)
    for s in out:
        assert s.scope == "sentence"
        assert text[s.start - OFFSET : s.end - OFFSET] == s.text
    return [s.text for s in out]


def quotes(text):
    b = Block("paragraph", OFFSET, text)
    out = quotations(b)
    for q in out:
        assert q.scope == "quote"
        assert text[q.start - OFFSET : q.end - OFFSET] == q.text
    return [q.text for q in out]


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, Sept. 17 (Reuters) - Talks began.",
        "The U.S. signed the treaty in 1996.",
        "Mr. Smith and Dr. Jones met Gov. Abbott.",
        "He lives at No. 2 Downing Street.",
        "By Timothy H.J. Nerozzi of Fox News.",
        "It ended at 3 a.m. Wednesday in the city.",
        "The shops close at 10 p.m. ET on Sundays.",
        "George W. Bush visited St. Louis Park.",
        "Ask e.g. Kent police.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert split(text) == [text]


def test_sentence_boundaries():
    text = "Police said it ended at 9 p.m. Officers left. Why? Nobody knows! 2023 was hot."
    assert split(text) == [
        "Police said it ended at 9 p.m.",
        "Officers left.",
        "Why?",
        "Nobody knows!",
        "2023 was hot.",
    ]


def test_sentence_ends_after_closing_quote():
    text = "“We have arrived at a contract.” The union said so. He said \"no.\" Then left."
    assert split(text) == [
        "“We have arrived at a contract.”",
        "The union said so.",
        'He said "no."',
        "Then left.",
    ]


def test_sentences_exclude_surrounding_whitespace_and_keep_newlines_inside():
    text = "  First line\nwraps here.  Second one.\n"
    assert split(text) == ["First line\nwraps here.", "Second one."]


def test_no_split_before_lowercase_or_inside_numbers():
    assert split("Temperatures rose by 1.43°C. it was. the end") == ["Temperatures rose by 1.43°C. it was. the end"]


def test_headline_without_final_stop_is_one_sentence():
    assert split("Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues.") == [
        "Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues."
    ]


def test_curly_double_quotes():
    text = "Ross said they “must immediately set the record straight”. It comes amid a row."
    assert quotes(text) == ["must immediately set the record straight"]


def test_apostrophes_are_not_quotes():
    text = "Nato’s expansion fuels Belarus’ concerns, and the Government’s too. Hollywood's actors' union won."
    assert quotes(text) == []


def test_single_curly_quote_with_possessive_inside():
    text = "He called it ‘Belarus’ finest hour’ on Tuesday."
    assert quotes(text) == ["Belarus’ finest hour"]


def test_single_curly_quote_ending_in_possessive_like_s():
    text = "Minsk denied ‘any plans for new bases’, officials said."
    assert quotes(text) == ["any plans for new bases"]


def test_straight_quotes_single_and_double():
    text = "'Parasite' scores upset, as academics are 'treated as second-class citizens'. \"We won,\" she said."
    assert quotes(text) == ["Parasite", "treated as second-class citizens", "We won,"]


def test_nested_quotes_are_both_reported():
    text = "“He told me ‘never again’ twice,” she said."
    assert quotes(text) == ["He told me ‘never again’ twice,", "never again"]


def test_unclosed_curly_quote_runs_to_end_of_paragraph():
    text = "He said: “The first part of a quote that continues.\n"
    assert quotes(text) == ["The first part of a quote that continues."]


def test_quote_offsets_in_source():
    source = "Headline\n\nAs the talk turns to a possible “direct clash” between Russia and Nato."
    start = source.index("As")
    b = Block("paragraph", start, source[start:])
    [q] = quotations(b)
    assert source[q.start : q.end] == "direct clash" == q.text
