"""vague_attribution (News.VagueAttribution): weasel words unless a named source follows."""

from __future__ import annotations

import pytest

import helpers
from conftest import ROOT, shared_or_skip
from lint.engine import lint_article
from lint.model import Severity
from lint.positions import LineIndex
from lint.readers import read_article
from lint.readers.text import read_text
from lint.rules import builtin_rules_dir, parse_rule_file

RULE_PATH = builtin_rules_dir() / "News" / "VagueAttribution.yml"
RULE_TEXT = RULE_PATH.read_text(encoding="utf-8")
RULE = parse_rule_file(str(RULE_PATH), RULE_TEXT, "News.VagueAttribution")


def flagged(body: str, r=RULE) -> list[str]:
    return [body[d.start : d.end] for d in helpers.lint(r, body)]


def test_seed_two_findings_with_positions_and_message():
    path = ROOT / "seeds" / "belarus-russia-security-ties.txt"
    article = read_article(str(path), path.read_text(encoding="utf-8"))
    diags = lint_article(article, [RULE])
    lines = LineIndex(article.text)
    assert [(lines.line_col(d.start), article.text[d.start : d.end]) for d in diags] == [
        ((21, 326), "There are indications"),
        ((21, 429), "Some analysts suggest"),
    ]
    assert all(d.severity is Severity.WARNING for d in diags)
    assert diags[0].message.startswith(
        "'There are indications' credits the claim to no one in particular, "
        "and no named source follows in this sentence or the next"
    )


@pytest.mark.parametrize(
    "body, phrase",
    [
        ("It is understood there will be no appeal.", "It is understood"),
        ("Experts note that the plan failed before.", "Experts note"),
        ("Sources say the talks stalled.", "Sources say"),
        ("The minister reportedly resigned.", "reportedly"),
        ("It is believed the ship sank.", "It is believed"),
        ("Critics say the plan will fail.", "Critics say"),
        ("Many believe the war will end.", "Many believe"),
        ("Some say the drills are a cover.", "Some say"),
        ("The talks failed, according to media reports.", "according to media reports"),
        ("Observers say the vote was rigged.", "Observers say"),
        ("Sources close to the Kremlin said the talks failed.", "Sources close to"),
    ],
)
def test_vague_phrases_fire(body, phrase):
    assert flagged(body) == [phrase]


@pytest.mark.parametrize(
    "body",
    [
        "Analysts at Capital Economics suggest the rate will fall.",
        "Some analysts, including Tatiana Stanovaya of R.Politik, suggest the Kremlin is wary.",
        "Capital Economics analysts say the rate will fall.",
        "Experts say it is a rehearsal, according to the Institute for the Study of War.",
        "Sources say the talks stalled. Defence Secretary Ben Wallace said no deal was near.",
        "Some analysts suggest a new offensive. Valfovich, the council secretary, said so too.",
        "Critics say the plan will fail, said Amnesty International.",
        # not vague at all
        "It is not known how many residents remain.",
        "The Orionids enchant stargazers and casual observers alike.",
        "Officials said the road was closed.",
    ],
)
def test_named_source_or_no_weasel(body):
    assert flagged(body) == []


def test_names_merely_nearby_are_not_sources():
    # capitalised words that are not in a source's place
    assert flagged(
        "There are indications that additional Russian forces could arrive. "
        "The Zapad 2025 drills could follow the Union Determination model."
    ) == ["There are indications"]
    # a pronoun, a generic noun, a nationality do not name anyone
    assert flagged("Some analysts suggest a pause. He said nothing.") == ["Some analysts suggest"]
    assert flagged("Experts say the strike was deliberate, according to Israeli officials.") == ["Experts say"]
    assert flagged("Sources say it is over. Police said the road was closed.") == ["Sources say"]


def test_next_sentence_may_be_the_next_paragraph_but_not_further():
    named = "Thousands are on casual contracts, says a report.\n\nThe report by the University and College Union claims so."
    assert flagged(named) == []
    far = "Thousands are on casual contracts, says a report.\n\nIt is long.\n\nThe University and College Union said so."
    assert flagged(far) == ["says a report"]


def test_hedges_are_suggestions_and_a_named_speaker_attributes():
    article = read_text("a.txt", "One of the crew is believed to have died. It is believed the ship sank.", body_only=True)
    got = [(article.text[d.start : d.end], str(d.severity)) for d in lint_article(article, [RULE])]
    assert got == [("is believed to", "suggestion"), ("It is believed", "warning")]
    assert flagged("The Australian Trade Commission says there are signs of recovery.") == []
    assert flagged("He says there are signs of recovery.") == []
    assert flagged("Critics say there are signs of recovery.") == ["Critics say", "there are signs"]


def test_tokens_extend_the_phrases():
    text = RULE_TEXT.replace("attribution: data/attribution.yml", "attribution: data/attribution.yml\ntokens: ['insiders whisper']")
    r = parse_rule_file(str(RULE_PATH), text, "News.VagueAttribution")
    assert flagged("Insiders whisper that he will quit.", r) == ["Insiders whisper"]


def test_corpus_martens_it_is_understood():
    path = shared_or_skip("corpus", "articles", "40-breakingnews-martens-sentenced.txt")
    article = read_article(str(path), path.read_text(encoding="utf-8"))
    diags = lint_article(article, [RULE])
    assert [(LineIndex(article.text).line_col(d.start), article.text[d.start : d.end]) for d in diags] == [
        ((11, 1), "It is understood")
    ]


@pytest.mark.parametrize(
    "body, phrase",
    [
        # unnamed reports and outlets
        ("A media report said on Tuesday that the dates would be announced.", "A media report said"),
        ("Some reports indicate that Ruto has won.", "Some reports indicate"),
        ("Reports say the fight erupted after a raid.", "Reports say"),
        ("The army shelled the town amid reports of hundreds of casualties.", "amid reports of"),
        ("Local media reported the blast.", "Local media reported"),
        ("State television said the president was well.", "State television said"),
        ("Ukrainian media reported explosions in the city.", "Ukrainian media reported"),
        ("According to official sources, the talks have stalled.", "According to official sources"),
        ("According to local media, the dam burst.", "According to local media"),
        # copular and evaluative forms
        ("Critics remain unconvinced by the plan.", "Critics remain unconvinced"),
        ("Observers are sceptical of the deal.", "Observers are sceptical"),
        # agentless forms
        ("It is being speculated that polls could be held in seven phases.", "It is being speculated"),
        ("It is feared the fire will reach the town.", "It is feared"),
        # a place as the holder of a belief
        ("Washington believes the talks will fail.", "Washington believes"),
        ("So Moscow believes the sanctions will not last.", "Moscow believes"),
        ("The Kremlin fears a second front.", "Kremlin fears"),
    ],
)
def test_more_vague_forms_fire(body, phrase):
    assert flagged(body) == [phrase]


@pytest.mark.parametrize(
    "body",
    [
        "A Chinese online media outlet, The Paper, reported that 200 cars were found.",
        "Local newspaper The Nation is observing a parallel tally.",
        "No details were provided in initial state media reports.",
        "According to police reports, the man was shot twice.",
        "Blinken said Washington believes the talks will fail.",
        "Russian state television showed Putin directing the exercise.",
        "Two sources told Reuters the talks had stalled.",
        "An Election Commission official said, requesting anonymity, that six phases were planned.",
        "Washington Post reporters said the road was closed.",
    ],
)
def test_named_outlets_and_near_misses_pass(body):
    assert flagged(body) == []


def test_a_speaker_inside_the_vague_claim_is_its_content_not_its_source():
    assert flagged("According to reports, the EC wrote to the cabinet secretary.") == ["According to reports"]
    assert flagged("Sources said Lavrov told Blinken the deal was off.") == ["Sources said"]
    # a tail attribution names the source, with or without a title before the name
    assert flagged("Critics say the plan will fail, said Amnesty International.") == []
    assert flagged("He is expected to be fit by April, coach Joachim Löw said.") == []


def test_a_vaguely_sourced_next_sentence_names_no_one():
    body = "The EC will announce the dates, a media report said. According to official sources, the EC said so."
    assert flagged(body) == ["a media report said", "According to official sources"]


def test_the_next_paragraph_counts_only_when_it_takes_the_source_up():
    # the mutation case: a named speaker at the start of the next paragraph, about something else
    other = "The talks have stalled, sources say.\n\nDefence Secretary Ben Wallace said on Monday that the drills were over."
    assert flagged(other) == ["sources say"]
    same = "The talks have stalled, sources say.\n\nThe sources, at the Foreign Office, said the deal was off."
    assert flagged(same) == []
    # within a paragraph the next sentence still counts
    assert flagged("The talks have stalled, sources say. Defence Secretary Ben Wallace said no deal was near.") == []


def test_a_definite_back_reference_is_excused_only_after_a_named_mention():
    named = "Experts at Imperial College London said the virus was spreading. The experts said it would peak in May."
    assert flagged(named) == []
    unnamed = "Experts say the virus is spreading. The experts said it would peak in May."
    assert flagged(unnamed) == ["Experts say", "experts said"]
    assert flagged("One of the sources said the plan was dead.") == ["sources said"]


def test_is_expected_to_is_a_suggestion():
    article = read_text("a.txt", "Manuel Neuer is expected to be fit by April.", body_only=True)
    got = [(article.text[d.start : d.end], str(d.severity)) for d in lint_article(article, [RULE])]
    assert got == [("is expected to", "suggestion")]
    # a named source after it attributes it
    assert flagged("The bill is expected to pass, Senator Jane Doe said.") == []
