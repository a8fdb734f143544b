"""The sentence splitter at boundaries that lost their space with the markup."""

from __future__ import annotations

import pytest

from lint.article import Block
from lint.segment import sentences


def _split(text: str) -> list[str]:
    return [b.text for b in sentences(Block("paragraph", 0, text))]


@pytest.mark.parametrize("text, parts", [
    ("He said.Professor Smith disagreed.", ["He said.", "Professor Smith disagreed."]),
    ("The doors closed.”The next train left.", ["The doors closed.”", "The next train left."]),
    ("It ends on June 18.This year it rained.", ["It ends on June 18.", "This year it rained."]),
    ("Is it over?The minister would not say.", ["Is it over?", "The minister would not say."]),
])
def test_glued_boundaries_split(text, parts):
    assert _split(text) == parts


@pytest.mark.parametrize("text", [
    "Mrs.Smith went to Example.Com and Amazon.co.uk today.",
    "J.R.R.Tolkien, the U.S.Army and e.g.The Times.",
    "It rose 3.5 per cent at No.1 and v2.0 shipped.",
    "Write to jane.Doe@example.org today.",
    "Wait...then it was over.",
])
def test_no_glued_boundary(text):
    assert _split(text) == [text]


def test_offsets_stay_exact():
    text = "  He said.Professor Smith disagreed.  "
    block = Block("paragraph", 10, text)
    for s in sentences(block):
        assert text[s.start - 10 : s.end - 10] == s.text
