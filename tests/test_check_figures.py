"""figures (News.UnattributedFigure): what is a figure, how far attribution reaches."""

from __future__ import annotations


import pytest

import helpers
from lint.engine import lint_article
from lint.model import Severity
from lint.positions import LineIndex
from lint.readers import read_article
from lint.readers.text import read_text
from lint.rules import RuleError, builtin_rules_dir, parse_rule_file
from conftest import ROOT, shared_or_skip

RULE_PATH = builtin_rules_dir() / "News" / "UnattributedFigure.yml"
RULE_TEXT = RULE_PATH.read_text(encoding="utf-8")


def rule(**changes: str):
    text = RULE_TEXT
    for key, value in changes.items():
        text = text.replace(f"\n{key}: related\n", f"\n{key}: {value}\n")
    return parse_rule_file(str(RULE_PATH), text, "News.UnattributedFigure")


RULE = rule()


def found(body: str, r=RULE):
    return [(body[d.start : d.end], str(d.severity)) for d in helpers.lint(r, body)]


def flagged(body: str, r=RULE) -> list[str]:
    return [t for t, _ in found(body, r)]


def test_unsourced_counts_span_and_message():
    body = "The state's confirmed caseload of Covid-19 is nearly 162,000, of whom 7,844 have died."
    article = read_text("a.txt", body, body_only=True)
    diags = lint_article(article, [RULE])
    assert [body[d.start : d.end] for d in diags] == ["162,000", "7,844"]
    assert diags[1].message == "'7,844' has no source in its sentence: say who counted it."
    assert all(d.severity is Severity.WARNING for d in diags)


def test_seed_attributed_figures_give_nothing():
    path = ROOT / "seeds" / "belarus-russia-security-ties.txt"
    article = read_article(str(path), path.read_text(encoding="utf-8"))
    assert lint_article(article, [RULE]) == []
    # the three figures are seen (and attributed), not skipped as non-figures
    para = next(b for b in article.blocks if b.text.startswith("“Over 30,000"))
    assert [para.text[s:e] for s, e, _ in RULE.checker._figures(para.text)] == ["30,000", "20,000", "17,000"]


@pytest.mark.parametrize(
    "body",
    [
        "“Over 30,000 Nato troops are stationed in the region, with 20,000 deployed in Poland,” he said.",
        "Poland has mobilised 17,000 troops along its eastern frontier, according to Valfovich.",
        "New data on Thursday showed unemployment claims had topped 6 million.",
        "In late March, Dr Fauci estimated 100,000 could die.",
        "Since the onset of the war, an estimated 27% of all buildings have been damaged.",
        "Warming reached 1.43°C (Copernicus Climate Change Service, 2023).",
        "Analysts at Capital Economics estimate growth of 3%.",
        "Some analysts, including Tatiana Stanovaya of R.Politik, say 40% of the elite are wary.",
    ],
)
def test_a_cue_in_the_sentence_attributes(body):
    assert flagged(body) == []


def test_related_reach_and_its_limit():
    masks = (
        "Four of the 12 boxes of masks were gone. Each box had 3,000 packages. "
        "The room is usually locked, the officials said."
    )
    # a cue in another sentence, about something else, does not attribute:
    # the figure is reported softly (a soft figure, "12 boxes", not at all)
    assert found(masks) == [("3,000", "suggestion")]
    assert found(masks.replace(", the officials said", "")) == [("12", "suggestion"), ("3,000", "warning")]
    # ... but one paragraph reach, by configuration, attributes all
    assert flagged(masks, rule(reach="paragraph")) == []
    assert flagged(masks, rule(reach="neighbours")) == ["12"]
    # a cue in the previous paragraph does not reach
    assert flagged("Officials said the road was closed.\n\nMore than 1,200 homes lost power.") == ["1,200"]


def test_an_unattributed_sentence_among_attributed_ones_fires():
    # the mutation case: a cue elsewhere in the paragraph excuses nothing
    body = (
        "The death toll rose to 99, authorities said on Thursday. More than 2,000 homes were destroyed. "
        "Rescue teams were still searching the area, the fire service said."
    )
    assert flagged(body) == ["2,000"]


def test_a_continuing_sentence_or_a_back_reference_carries_the_cue():
    assert flagged("Police said 12 people died in the crash. Another 30 were injured.") == []
    assert flagged("Police said 12 people died. Of those, 14 were children. Among them were 3 babies.") == []
    assert flagged("About 4,000 homes were flooded. The figures come from the council.") == []
    # not a continuation: a new statement
    assert flagged("Police said 12 people died in the crash. More than 30 were injured.") == ["30"]


def test_vague_cues_attribute_no_figure():
    assert flagged("Sources said 2,000 troops had crossed.") == ["2,000"]
    assert flagged("About 5,000 people reportedly fled.") == ["5,000"]
    assert flagged("At least 30 people are believed to have died.") == ["30"]
    assert flagged("Military sources told Reuters 2,000 troops had crossed.") == []


def test_conversions_and_restatements_are_one_figure():
    assert flagged("Adobe returned a profit of $22.9m (£13.87m), or $0.33 (£0.2) per share, on sales of $197m (£119m).") == [
        "$22.9m", "$197m",
    ]
    assert flagged("The stock rose $3.63, or 8 per cent.") == ["$3.63"]
    # a figure in brackets that is not a conversion is still a figure
    assert flagged("The fund lost $4 million (and 30% of its members).") == ["$4 million", "30%"]


def test_tolls_in_words_and_small_tolls():
    assert flagged("Two people were injured in the blast.") == ["Two"]
    assert flagged("Dozens were killed and hundreds of people were evacuated.") == ["Dozens", "hundreds"]
    assert flagged("The bomb exploded, killing three.") == ["three"]
    assert flagged("In the crash 3 people died.") == ["3"]
    assert flagged("Police said two people were injured.") == []
    # not tolls
    assert flagged("Two people came to the meeting and three stayed.") == []
    assert flagged("Only 5 people came.") == []


def test_comparison_with_a_named_expectation_and_documents():
    assert flagged("Apple sold 17.1 million iPhones, nearly 5 million fewer than Wall Street had guessed.") == []
    assert flagged("“The company made 1,200 redundancies this year,” the statement read.") == []
    assert flagged("The company made 1,200 redundancies this year, the statement read.") == []
    assert flagged("Turnout was 30 percent, with 22 million voters showing up.") == ["30 percent", "22 million"]


def test_quotation_and_source_line_attribute():
    # a paragraph-long quotation continued from the previous paragraph
    assert flagged("“Open-ended contracts increased by 21.9% whilst atypical ones declined by 16.1%.") == []
    # a scare quote of two words does not
    assert flagged("The “300,000 jobs” were never created.") == ["300,000"]
    listed = "- 33% of those hospitalised are African Americans\n\n- 13% of the population is African American\n\n"
    assert flagged(listed + "Source: CDC") == []
    assert flagged(listed + "The city reacted.") == ["33%", "13%"]


def test_cue_word_used_as_adjective_does_not_attribute():
    assert flagged("New York has 1,200 confirmed cases.") == ["1,200"]
    assert flagged("Health officials confirmed 1,200 cases.") == []


@pytest.mark.parametrize(
    "body",
    [
        "Since 2000, the two states held the Zapad 2025 drills, agreed in 1999, on September 15 and 30 April.",
        "Kadir, 44, of Margate was jailed. Molly Martens (40) and Sarah (17) were in court aged 27.",
        "A 15-year-old boy and 14-year-olds died near 117th Avenue at around 3 a.m.; it ends at 12:01 a.m., or 9.45pm.",
        "They had spent 44 months in prison over the last 150 years, in a 26 year-history, for 20 more years.",
        "The Sentinel-1 satellite, the COP28 summit, Covid-19, a Boeing 737 and Senate Bill 10.",
        "It was issued under section 21 on flight 370 at 10 Downing Street, between 2011-12 and 2017-18.",
        "The G20 met; 7News cameras filmed in 3D in the 1800s, on 08/11/2023.",
        "Only 5 people came.",
    ],
)
def test_not_figures(body):
    assert flagged(body) == []


def test_levels_carry_confidence():
    got = dict(found(
        "Nadia Mohamed, 27, won with 58% of the vote. Gusts reached 100mph and 14 degrees. "
        "Offenders face a £1,000 fine. The city has 88 flood warnings, and 66 displaced people "
        "are in a community of 50,000. The £170 million movie flopped, killing at least 45."
    ))
    assert got == {
        "58%": "warning", "100mph": "suggestion", "14 degrees": "suggestion", "£1,000": "suggestion",
        "88": "suggestion", "66": "warning", "50,000": "suggestion", "£170 million": "warning", "45": "warning",
    }


def test_bad_data_is_a_rule_error():
    bad = RULE_TEXT.replace("attribution: data/attribution.yml", "attribution: {cues: [said], colour: red}")
    with pytest.raises(RuleError) as exc:
        parse_rule_file(str(RULE_PATH), bad, "News.UnattributedFigure")
    assert "attribution.colour" in str(exc.value) and "unknown key" in str(exc.value)
    bad = RULE_TEXT.replace("reach: related", "reach: chapter")
    with pytest.raises(RuleError):
        parse_rule_file(str(RULE_PATH), bad, "News.UnattributedFigure")


def test_corpus_bbc_case_counts():
    path = shared_or_skip("corpus", "articles", "24-bbc-new-york-mass-burials.txt")
    article = read_article(str(path), path.read_text(encoding="utf-8"))
    lines = LineIndex(article.text)
    warn = [(lines.line_col(d.start)[0], article.text[d.start : d.end])
            for d in lint_article(article, [RULE]) if d.severity >= Severity.WARNING]
    assert warn == [
        (15, "162,000"), (15, "7,844"), (17, "157,000"), (17, "143,600"), (17, "83,000"),
        (19, "467,000"), (19, "16,700"), (19, "1.6 million"), (19, "97,000"),
    ]
