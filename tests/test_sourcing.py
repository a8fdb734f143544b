"""The sourcing summary (lint/sourcing.py), ``--format sourcing``,
``--format json-sourcing`` and News.NoNamedSource: what an editor reads
about who says so in an article."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_newslint
from helpers import SEED, lint
from lint.sourcing import summarize, summarize_run

SEED_NAME = "seeds/belarus-russia-security-ties.txt"

# Reviewed line by line against the article: Valfovich is credited four times
# ("Valfovich said", "according to Valfovich", "Valfovich noted", "Valfovich
# confirmed"; "he said" names no one), with the title before his first
# mention; Ryzhankou once ("stated"); Belarus in Focus is the outlet that
# "reports"; the two quotations of four words or more are Valfovich's (the
# first by "he said" after him, the second in his sentence); the vague
# attributions are News.VagueAttribution's two findings, and the three
# figures are attributed (no News.UnattributedFigure finding).
SEED_SOURCING = """\
seeds/belarus-russia-security-ties.txt
  Named sources (2)
    Aliaksandr Valfovich, Belarusian Security Council Secretary (person; 4 statements, first at 9:39)
    Maksim Ryzhankou, Belarusian Foreign Minister (person; 1 statement, first at 17:422)
  Outlets and documents (1)
    Belarus in Focus (outlet; at 7:397)
  Quotations (2, 0 without a speaker)
    11:1 “Over 30,000 Nato troops are stationed in the region, with… — Aliaksandr Valfovich
    15:413 “persistent provocations by Ukraine,” — Aliaksandr Valfovich
  Vague attributions (2)
    21:326 There are indications
    21:429 Some analysts suggest
  Unattributed figures (0): none

Sourcing of the run: 1 article
  Sources across articles (2)
    Aliaksandr Valfovich, Belarusian Security Council Secretary (person): 1 article: seeds/belarus-russia-security-ties.txt
    Maksim Ryzhankou, Belarusian Foreign Minister (person): 1 article: seeds/belarus-russia-security-ties.txt
  Outlets across articles (1)
    Belarus in Focus (outlet): 1 article: seeds/belarus-russia-security-ties.txt
  Articles with no named source (0): none
"""


def _summary(text: str, name: str = "a.txt", headline: bool = True) -> dict:
    """The summary of ``text`` as a file's body (under a headline: a file's first line is its headline)."""
    from lint import api

    if name == "a.txt" and headline:
        text = "A headline\n\n" + text

    return summarize(name, text, api.lint_text(name, text, api.load()))


def _names(s: dict) -> list[str]:
    return [x["name"] for x in s["named_sources"]]


# -- the seed ------------------------------------------------------------------


def test_format_sourcing_on_the_seed():
    res = run_newslint("--format", "sourcing", SEED_NAME)
    assert res.stdout == SEED_SOURCING
    assert res.returncode == 1  # the findings still fail the run, as with every format


def test_seed_summary():
    text = SEED.read_text(encoding="utf-8")
    s = _summary(text, SEED_NAME)
    people = {x["name"]: x for x in s["named_sources"]}
    assert set(people) == {"Aliaksandr Valfovich", "Maksim Ryzhankou"}
    assert people["Aliaksandr Valfovich"]["role"] == "Belarusian Security Council Secretary"
    assert people["Maksim Ryzhankou"]["role"] == "Belarusian Foreign Minister"
    assert all(x["kind"] == "person" for x in people.values())
    # every span is the name as written in the file, at its line and column
    lines = text.split("\n")
    for x in s["named_sources"] + s["outlets"]:
        for sp in x["spans"]:
            assert text[sp["start"]:sp["end"]] in x["name"]
            assert lines[sp["line"] - 1][sp["column"] - 1:].startswith(text[sp["start"]:sp["end"]])
    assert [(o["name"], o["kind"]) for o in s["outlets"]] == [("Belarus in Focus", "outlet")]
    assert [v["text"] for v in s["vague_attributions"]] == ["There are indications", "Some analysts suggest"]
    assert s["unattributed_figures"] == []
    assert s["counts"] == {"named_sources": 2, "outlets": 1, "quotations": 2, "quotations_without_speaker": 0,
                           "vague_attributions": 2, "unattributed_figures": 0}


def test_json_sourcing_on_the_seed():
    res = run_newslint("--format", "json-sourcing", SEED_NAME)
    doc = json.loads(res.stdout)
    assert doc["version"] == 1 and doc["errors"] == []
    [entry] = doc["files"]
    assert entry["path"] == SEED_NAME
    # the findings are those of --format json, the section the summary
    plain = json.loads(run_newslint("--format", "json", SEED_NAME).stdout)
    assert entry["findings"] == plain
    assert entry["sourcing"] == _summary(SEED.read_text(encoding="utf-8"), SEED_NAME)
    run = doc["sourcing"]
    assert run["articles"] == 1 and run["without_named_source"] == []
    assert [e["name"] for e in run["sources"]] == ["Aliaksandr Valfovich", "Maksim Ryzhankou"]
    assert run["sources"][0]["articles"] == [SEED_NAME] and run["sources"][0]["mentions"] == 4


def test_no_named_source_is_silent_on_the_seed():
    res = run_newslint("--select", "News.NoNamedSource", SEED_NAME)
    assert res.returncode == 0, res.stdout


# -- what counts as a named source, and what does not ------------------------------


@pytest.mark.parametrize(("text", "name", "kind", "role"), [
    ("“We will win,” said coach Joachim Löw after the match.", "Joachim Löw", "person", "coach"),
    ("Jenny Hopkins, from the Crown Prosecution Service, added that it was a warning.", "Jenny Hopkins", "person",
     "from the Crown Prosecution Service"),
    ("The plan will fail, according to Amnesty International.", "Amnesty International", "organisation", None),
    ("About 200 kits failed, the commission said.", "the commission", "organisation", None),
    ("Wafula Chebukati, the head of the Independent Electoral and Boundaries Commission (IEBC) told reporters it had started.",
     "Wafula Chebukati", "person", "the head of the Independent Electoral and Boundaries Commission"),
    ("Jay Davison denied the charges during trial and said the photos were taken at a party.", "Jay Davison", "person",
     None),
])
def test_named_sources(text, name, kind, role):
    [src] = _summary(text)["named_sources"]
    assert (src["name"], src["kind"], src["role"]) == (name, kind, role)


def test_a_lone_surname_is_no_source():
    # a surname with no full name or title in the article: nobody can tell who that is
    assert _names(_summary("Davison denied the charges and said the photos were a joke.")) == []


def test_a_surname_is_the_person_named_before():
    s = _summary("Thirty-nine-year-old Jay Davison of Cardiff was sentenced.\n\n"
                 "Davison denied the charges and said the photos were a joke.")
    assert _names(s) == ["Jay Davison"]


@pytest.mark.parametrize("text", [
    "Claire Pickthall said Jefferies was overcome by emotion.",  # Jefferies: whom the statement is about
    "Ms Corbett told the court that she was afraid.",  # the court: who heard it
    "Russia said the exercises would go ahead.",  # a country
    "Israeli officials said the talks had stalled.",  # a nationality and a generic noun
    "Cheorwon in Gangwon Province claimed the coldest temperature.",  # a place
    "The minister reportedly resigned, according to media reports.",  # vague: no outlet either
    "“Smith said we must go,” the organiser recalled.",  # a name inside a quotation
])
def test_near_misses_name_no_other_source(text):
    s = _summary(text)
    assert [x for x in _names(s) if x not in ("Claire Pickthall", "Ms Corbett")] == []
    assert [o for o in s["outlets"] if o["kind"] != "document"] == []


def test_outlets_agencies_and_documents():
    s = _summary("Two people died, Reuters reported. “It is over,” the mayor told the daily The Hill.\n\n"
                 "The ministry said in a statement that 30 people were hurt.")
    kinds = {(o["name"], o["kind"]) for o in s["outlets"]}
    assert kinds == {("Reuters", "agency"), ("The Hill", "outlet"), ("a statement", "document")}
    assert _names(s) == ["the ministry"]


def test_quotation_without_a_speaker():
    s = _summary("“The water came up to the roof in minutes,” a resident recalled.\n\nRoads are closed.")
    [q] = s["quotations"]
    assert q["speaker"] is None and s["counts"]["quotations_without_speaker"] == 1


# -- the run ------------------------------------------------------------------------


def test_summarize_run_across_articles():
    a = _summary("“We will win,” said Aliaksandr Valfovich. The ministry said more would follow.")
    b = _summary("Valfovich said the drills would go ahead, Reuters reported. Aliaksandr Valfovich added more.")
    c = _summary("Officials said 3,000 troops had crossed. A statement said more would follow.")
    run = summarize_run({"a.txt": a, "b.txt": b, "c.txt": c})
    assert run["articles"] == 3
    first = run["sources"][0]
    assert (first["name"], first["articles"]) == ("Aliaksandr Valfovich", ["a.txt", "b.txt"])
    assert "the ministry" not in [e["name"] for e in run["sources"]]  # one story's ministry is not another's
    assert [(e["name"], e["articles"]) for e in run["outlets"]] == [("Reuters", ["b.txt"])]
    assert run["without_named_source"] == ["c.txt"]
    assert run["counts"]["named_sources"] == sum(s["counts"]["named_sources"] for s in (a, b, c))


# -- News.NoNamedSource ---------------------------------------------------------------


def test_no_named_source_fires_on_claims_without_a_name():
    [d] = lint("News.NoNamedSource", "Officials said 3,000 troops had crossed the border. A statement said more would follow.")
    assert "1 figure and 2 attributed statements" in d.message


def test_no_named_source_needs_a_claim():
    assert lint("News.NoNamedSource", "Roads remain closed and schools are shut across the region.") == []


# -- hostile input ----------------------------------------------------------------------


def test_text_format_escapes_control_characters(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Storm hits\n\nThe damage was great, said John \x1b[2JSmith on Monday.\n", encoding="utf-8")
    res = run_newslint("--format", "sourcing", str(f), cwd=ROOT)
    assert "\x1b" not in res.stdout


def test_html_positions_are_the_file_s(tmp_path):
    page = ("<html><head><title>Storm hits</title></head><body><h1>Storm hits</h1>"
            "<p>The damage was &quot;very great&quot;, said Mayor John Smith on Monday.</p></body></html>")
    try:
        s = summarize("a.html", page, [])
    except ImportError:
        pytest.skip("the HTML reader's packages are not installed")
    [src] = s["named_sources"]
    [sp] = src["spans"]
    assert (src["name"], src["role"]) == ("John Smith", "Mayor")
    assert page[sp["start"]:sp["end"]] == "John Smith"


def test_a_definite_body_takes_the_proper_name_the_article_gives_it():
    s = _summary("A suspect bought popcorn near Baltimore, police in Laurel said. The Laurel Police Department "
                 "posted a video.\n\nThe department says the suspect fled.")
    assert _names(s) == ["Laurel Police Department"]
    # without one it stays what the copy says (and out of the run's sources)
    assert _names(_summary("The ministry says the suspect fled.")) == ["the ministry"]
