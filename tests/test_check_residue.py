"""The residue rules on a whole scraped page: each line of chrome is flagged
once, by the rule that names it, wherever the reader puts it (headline,
standfirst, byline, body); the same words inside a sentence are not."""

from __future__ import annotations

from helpers import lint

RESIDUE = [
    "News.ScraperResidue",
    "News.SyndicationBoilerplate",
    "News.PhotoCaption",
    "News.EmbedResidue",
    "News.RawMarkup",
    "News.GluedHeadlinePrefix",
]

PAGE = """IMG: Floods close roads across the state

Rescuers wade through water in the state capital on Sunday. (AFP)

By Jane Doe

skip to main content

A+ A-

Listen to this article Loading audio...

Floods closed 40 roads across the state on Sunday, officials said.

Facebook Twitter WhatsApp Email

Heavy rain is forecast until Tuesday. pic.twitter.com/Ab12Cd — State Weather (@stateweather) June 16, 2025

Read more: Ten photos of the flooded capital

<img height="1" width="1" style="display:none"

(This story has not been edited by Example News staff and is auto-generated from a syndicated feed.)

Post a Comment

0 Comments

____________________

example.com
"""

EXPECTED = [
    ("News.GluedHeadlinePrefix", "IMG:"),
    ("News.PhotoCaption", "(AFP)"),
    ("News.ScraperResidue", "skip to main content"),
    ("News.ScraperResidue", "A+ A-"),
    ("News.ScraperResidue", "Listen to this article Loading audio..."),
    ("News.ScraperResidue", "Facebook Twitter WhatsApp Email"),
    ("News.EmbedResidue", "pic.twitter.com/Ab12Cd — State Weather (@stateweather) June 16, 2025"),
    ("News.ScraperResidue", "Read more: Ten photos of the flooded capital"),
    ("News.RawMarkup", '<img height="1" width="1" style="display:none"'),
    (
        "News.SyndicationBoilerplate",
        "(This story has not been edited by Example News staff and is auto-generated from a syndicated feed.)",
    ),
    ("News.ScraperResidue", "Post a Comment"),
    ("News.ScraperResidue", "0 Comments"),
    ("News.ScraperResidue", "____________________"),
    ("News.ScraperResidue", "example.com"),
]


def _found(text: str, *, body_only: bool = True) -> list[tuple[str, str]]:
    return [(d.rule, text[d.start : d.end]) for d in lint(RESIDUE, text, body_only=body_only)]


def test_every_residue_line_of_a_page_is_flagged_once_by_its_rule():
    assert _found(PAGE, body_only=False) == EXPECTED


def test_the_headline_and_standfirst_are_read_too():
    found = _found("Exit mobile version\n\nFloods close roads. Picture: Alamy\n\nRoads were closed on Sunday.\n",
                   body_only=False)
    assert ("News.ScraperResidue", "Exit mobile version") in found
    assert ("News.PhotoCaption", "Picture: Alamy") in found


def test_clean_copy_with_the_same_words_is_not_flagged():
    clean = (
        "Floods closed 40 roads on Sunday, the agency (AFP) said.\n\n"
        "Residents shared photos on Facebook and Twitter, and one post shared by the mayor was read "
        "out in the council, which had been told to read more about the plan.\n\n"
        "The scheme was designed with inputs from residents, and the story first appeared on a "
        "local blog, police said.\n\n"
        "Inflation fell to <5% as the credit line was cut, the bank said, and the source: a report "
        "by the state.\n\n"
        "WASHINGTON (AP) — The bill passed, and 12 comments were read into the record.\n"
    )
    assert _found(clean) == []


def test_a_chart_source_line_is_not_a_credit():
    # the source under a factbox or chart is part of the article
    text = "- 33% of those in hospital are over 65\n\n- 13% of the population is over 65\n\nSource: Health department"
    assert _found(text) == []
