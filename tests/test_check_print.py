"""Print and PDF extraction artefacts: broken_hyphen (News.BrokenHyphenation),
News.PageFurniture (existence), opens_mid_sentence and ends_mid_sentence."""

from __future__ import annotations

from functools import partial

import helpers
from lint.fixes import apply_fixes

lint = partial(helpers.lint, body_only=False)
HYPHEN = "News.BrokenHyphenation"

# A page of a print edition as a PDF's text layer gives it: hard-wrapped
# lines, words hyphenated at line ends, a folio and a running footer.
PDF_PAGE = (
    "Council opens new library\n\n"
    "By Jane Doe\n\n"
    "The council opened its new build-\n"
    "ing on Monday, two years after the\n"
    "old building closed. The mayor said the\n"
    "project had been imple- mented on time.\n\n"
    "– 12 –\n\n"
    "March 2025 | 12\n\n"
    "Staff may work full- or part-time, and pre- and post-war\n"
    "records will be kept in the well-\n"
    "known archive on the first floor, the mayor said.\n"
)


def test_hyphen_broken_across_lines_and_inside_a_line():
    diags = lint(HYPHEN, PDF_PAGE)
    assert [PDF_PAGE[d.start : d.end] for d in diags] == ["build-\ning", "imple- mented"]
    assert diags[0].message == "'build- ing' looks like a word broken at a line end: write 'building'."


def test_hyphen_fix_joins_the_word():
    diags = lint(HYPHEN, PDF_PAGE)
    fixed, n = apply_fixes(PDF_PAGE, diags)
    assert n == 2
    assert "its new building on Monday" in fixed and "been implemented on time" in fixed


def test_hyphen_fix_keeps_the_hyphen_where_the_article_hyphenates():
    text = "A well-known author came.\n\nShe was well- known in the town, the council said."
    (d,) = lint(HYPHEN, text)
    assert d.fix is not None and d.fix.edits[0].replacement == "well-known"


def test_hyphen_joined_elsewhere_in_the_article():
    text = "The ceasefire held.\n\nThe cease- fire was agreed on Monday, officials said."
    (d,) = lint(HYPHEN, text)
    assert text[d.start : d.end] == "cease- fire"
    assert d.fix is not None and d.fix.edits[0].replacement == "ceasefire"


def test_hyphen_near_misses():
    for text in (
        "Staff may work full- or part-time.",
        "Rationing covered the pre- and post-war years.",
        "It was a two- to three-year deal.",
        "The self- help book sold well.",  # 'selfhelp' is no word the article knows
        "A well-\nknown figure returned.",
        "The score was 3- 1 at half time.",
        "The anti- war march went ahead.",
    ):
        assert lint(HYPHEN, text) == [], text


def test_page_furniture_on_the_pdf_page():
    diags = lint("News.PageFurniture", PDF_PAGE)
    assert [PDF_PAGE[d.start : d.end] for d in diags] == ["– 12 –", "March 2025 | 12"]


def test_page_furniture_inside_a_hard_wrapped_paragraph():
    text = "Council meets\n\nThe council met on Monday and\nPage 7\napproved the plan, the mayor said."
    (d,) = lint("News.PageFurniture", text)
    assert text[d.start : d.end] == "Page 7"


def test_body_opening_mid_sentence():
    text = "Council meets\n\nBy Jane Doe\n\nand approved the plan after a long debate that went on past midnight.\n\nIt ended."
    (d,) = lint("News.OpensMidSentence", text)
    assert text[d.start : d.end] == "and approved the plan after a long debate that went on past midnight."
    ellipsis = "Council meets\n\n...and approved the plan after a long debate that went on past midnight."
    assert len(lint("News.OpensMidSentence", ellipsis)) == 1


def test_body_opening_near_misses():
    for body in (
        "The council approved the plan after a long debate that went on past midnight.",
        "van Gaal said the team would approve the plan after a long debate last night.",
        "eBay said its sales rose after a long debate about fees that went on past midnight.",
        "example.com reported that the council approved the plan after a long debate.",
        "’90s music was played while the council approved the plan after a long debate.",
    ):
        assert lint("News.OpensMidSentence", "Council meets\n\n" + body) == [], body
    # the first prose paragraph counts: a short caption before it does not
    text = "Council meets\n\nphoto: the town hall\n\nThe council approved the plan after a long debate that went on."
    assert lint("News.OpensMidSentence", text) == []


def test_last_paragraph_cut_off():
    text = ("Council meets\n\nThe council met on Monday.\n\n"
            "The mayor said the plan would cost more than expected and that the rest would come from\n\n"
            "Exit mobile version\n")
    (d,) = lint("News.EndsMidSentence", text)
    assert text[d.start : d.end] == "that the rest would come from"
    assert "('that the rest would come from')" in d.message


def test_last_paragraph_near_misses():
    for tail in (
        "The mayor said the plan would cost more than expected, and the rest would come later.",
        "The mayor said the plan would cost more than expected, and the rest would come “later”",
        "The mayor said the plan would cost more than expected (and more than last year)",
        "The mayor said the plan would cost more than expected. Details are below:",
        "The mayor said the plan would cost more.\n\nReporting by Jane Doe in Leeds; Editing by John Roe and Mark Poe",
        "The mayor said the plan would cost more.\n\nFollow the latest news on the council and the city hall on our site",
        "The mayor said the plan would cost more.\n\nMore From The Council And The City Hall About The Plan And Its Cost",
        "The mayor said the plan would cost more. The full report is at www.example.com/council",
    ):
        assert lint("News.EndsMidSentence", "Council meets\n\n" + tail) == [], tail


def test_snippets_are_not_articles():
    body = "and approved the plan after a long debate that went on and on until"
    assert helpers.lint(["News.OpensMidSentence", "News.EndsMidSentence"], body) == []


def test_last_paragraph_link_lists_and_author_notes_are_not_cut_sentences():
    links = ("Council meets\n\nThe council approved the plan after a long debate on Monday.\n\n"
             "Council leader sets out plans for the new library in town\n\n"
             "Residents say the new bridge has changed the way they travel\n\n"
             "Mayor opens the market\n")
    assert lint("News.EndsMidSentence", links) == []
    note = ("Council meets\n\nThe council approved the plan after a long debate on Monday.\n\n"
            "Jane Doe is a Metro reporter covering the council. She won a prize in 2009. @janedoe • Facebook")
    assert lint("News.EndsMidSentence", note) == []
    bio = ("Council meets\n\nThe council approved the plan after a long debate on Monday.\n\n"
           "Jane Doe is a political reporter covering the council and the city hall for the paper")
    assert lint("News.EndsMidSentence", bio) == []
    # one short cut sentence after a finished paragraph is still cut
    cut = ("Council meets\n\nThe council approved the plan after a long debate on Monday.\n\n"
           "However, in many cases there are no minimum age requiremen")
    (d,) = lint("News.EndsMidSentence", cut)
    assert cut[d.start : d.end] == "there are no minimum age requiremen"
