"""Layout residue: other stories' headlines after the end (trailing_headline),
a sentence split over two paragraphs (split_sentence), a section label on
the headline (News.SectionLabelInHeadline)."""

from __future__ import annotations

from helpers import lint

STORY = "Floods in Kerala\n\nBy Jane Doe\n\nThe toll from the floods in Kerala rose to 37 on Sunday, officials said.\n\n"


def _flagged(rule: str, text: str, body_only: bool = False) -> list[str]:
    return [text[d.start:d.end] for d in lint(rule, text, body_only=body_only)]


def test_trailing_titles_after_a_label_are_flagged_each():
    text = STORY + "More stories\n\nMonsoon rains lash the coast for a third day\n\nSchools shut as rivers rise in five districts"
    assert _flagged("News.TrailingHeadline", text) == [
        "Monsoon rains lash the coast for a third day", "Schools shut as rivers rise in five districts"]


def test_a_title_case_line_before_the_last_paragraph_is_a_crosshead():
    text = STORY + "Rescue Teams Reach Remote Hill Villages\n\nThe army said rescue teams reached the villages on Monday."
    assert _flagged("News.TrailingHeadline", text) == []


def test_trailing_headline_needs_a_whole_article():
    text = "The toll rose to 37 on Sunday, officials said in a statement.\n\nMayor Opens New Bridge Over River Thames"
    assert _flagged("News.TrailingHeadline", text, body_only=True) == []
    assert _flagged("News.TrailingHeadline", "Floods\n\n" + text) == ["Mayor Opens New Bridge Over River Thames"]


def test_trailing_sign_offs_credits_and_short_names_are_not_titles():
    for line in ["Reporting By Jane Doe In Delhi; Editing By John Smith", "Follow Jane Doe On Twitter For Updates",
                 "Jane Doe, Chief Correspondent", "Additional Reporting From Jane Doe In London"]:
        assert _flagged("News.TrailingHeadline", STORY + line) == [], line


def test_split_sentence_spans_the_tail_and_points_at_the_continuation():
    text = "The council said the new bridge would open after two\n\nyears of delays, the mayor said."
    (d,) = lint("News.SplitSentence", text)
    assert text[d.start:d.end] == "new bridge would open after two"
    assert [text[r.span.start:r.span.end] for r in d.related] == ["years"]


def test_split_sentence_not_across_a_finished_sentence_or_a_brand():
    assert lint("News.SplitSentence", "The council met on Monday.\n\nthe mayor was away, he said.") == []
    assert lint("News.SplitSentence", "The company showed its new phone, the\n\niPhone 15, on Tuesday.") == []
    assert lint("News.SplitSentence", "Floods hit\n\nroads were closed on Sunday, officials said.") == []  # a label


def test_hard_wrapped_lines_are_one_paragraph_not_a_split():
    text = "The council said the new bridge would open after two\nyears of delays, the mayor said on Monday."
    assert lint("News.SplitSentence", text) == []


def test_section_label_at_the_headline_end():
    assert _flagged("News.SectionLabelInHeadline", "Court jails man for posts – World\n\nThe man was jailed.") == ["– World"]
    assert _flagged("News.SectionLabelInHeadline", "Row over pay – Sunak\n\nThe minister spoke.") == []
    # only the headline: a body line ending so is not a page title
    assert _flagged("News.SectionLabelInHeadline", "Court jails man\n\nThe man was jailed – World\n\nMore.") == []


def test_scraper_residue_file_names_and_slugs_alone_on_a_line():
    text = "The coach named his squad.\n\nMullerjpg\n\nMayor-Jane-Doe-opens-bridge-in-Leeds\n\nrte-player"
    assert _flagged("News.ScraperResidue", text, body_only=True) == [
        "Mullerjpg", "Mayor-Jane-Doe-opens-bridge-in-Leeds", "rte-player"]
    assert _flagged("News.ScraperResidue", "Send it as a jpg file.\n\nStoke-on-Trent\n\nWell-being", body_only=True) == []
