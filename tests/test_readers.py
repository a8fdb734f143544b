import csv
import datetime as dt
from pathlib import Path

import pytest

from lint.readers import EXTENSIONS, ReadError, read_article
from lint.readers.text import read_text

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SEED = REPO / "seeds" / "belarus-russia-security-ties.txt"


def check_offsets(article):
    for b in article.blocks:
        assert article.text[b.start : b.end] == b.text, b
    starts = [b.start for b in article.blocks]
    assert starts == sorted(starts)


def lines_of(text):
    return text.splitlines()


# -------------------------------------------------------------------------- seed


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, read_article(str(SEED), text)


def test_seed_headline_and_repeat(seed):
    text, a = seed
    lines = lines_of(text)
    assert a.meta.headline == lines[0]
    heads = [b for b in a.blocks if b.scope == "headline"]
    assert [b.text for b in heads] == [lines[0], lines[2]]
    line3_start = text.index(lines[2], len(lines[0]) + 1)
    assert a.meta.repeated_headlines == [(line3_start, line3_start + len(lines[2]))]


def test_seed_standfirst_byline_date_place(seed):
    text, a = seed
    lines = lines_of(text)
    [sf] = [b for b in a.blocks if b.scope == "standfirst"]
    assert lines[3].startswith(sf.text) and not sf.text.endswith("IntelliNews")
    assert a.meta.source == "bne IntelliNews"
    [by] = [b for b in a.blocks if b.scope == "byline"]
    assert by.text == lines[4] == "By Leon Aris in Berlin September 17, 2024"
    assert a.meta.date == dt.date(2024, 9, 17)
    assert a.meta.date_source == "byline"
    assert a.meta.place == "Berlin"
    assert a.meta.author == "Leon Aris"
    check_offsets(a)


def test_seed_body_paragraphs(seed):
    text, a = seed
    paras = [b for b in a.blocks if b.scope == "paragraph"]
    assert paras[0].text.startswith("As the talk turns to a possible")
    # one paragraph per long line, none lost
    body_lines = [ln for ln in lines_of(text)[5:] if ln.strip()]
    assert [p.text for p in paras] == [ln.strip() for ln in body_lines]


def test_date_option_wins(seed):
    text, _ = seed
    a = read_article("x.txt", text, date=dt.date(2025, 1, 2))
    assert a.meta.date == dt.date(2025, 1, 2) and a.meta.date_source == "option"


def test_no_date_is_none_never_today():
    a = read_article("x.txt", "A headline\n\nSome body text without any date.\n")
    assert a.meta.date is None and a.meta.date_source is None


# -------------------------------------------------------------------------- corpus


def corpus_rows():
    tsv = CORPUS / "SOURCES.tsv"
    if not tsv.exists():
        return []
    with tsv.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


ROWS = corpus_rows()


@pytest.mark.skipif(not ROWS, reason="shared corpus not available")
def test_corpus_is_large_enough():
    assert len(ROWS) >= 12


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_headline_and_date(row):
    path = CORPUS / "articles" / row["file"]
    text = path.read_text(encoding="utf-8")
    a = read_article(str(path), text)
    line1 = lines_of(text)[0].strip()
    assert a.meta.headline == line1
    assert a.blocks[0].scope == "headline" and a.blocks[0].text == line1
    assert a.meta.date == dt.date.fromisoformat(row["publication_date"])
    assert a.meta.date_source == "byline"
    [by, *_] = [b for b in a.blocks if b.scope == "byline"]
    assert by.text == lines_of(text)[2].strip()  # line 3 is the byline in every file
    check_offsets(a)


CORPUS_DETAILS = [
    ("25-npr-gaza-damage-map.txt", dict(author="Daniel Wood", repeats=1)),
    ("24-bbc-new-york-mass-burials.txt", dict(author=None, repeats=1)),
    ("27-ap-hollywood-actors-strike-ends.txt", dict(place="LOS ANGELES", source="AP", repeats=1)),
    ("33-reuters-parasite-sag-awards.txt", dict(place="LOS ANGELES", source="Reuters", author="Jill Serjeant")),
    ("35-japantimes-kobe-masks-stolen.txt", dict(place="KOBE")),
    ("38-wsvn-miami-dade-teen-crash.txt", dict(place="SOUTHWEST MIAMI-DADE, FLA.", source="WSVN")),
    ("39-kxan-retired-teachers-amendment.txt", dict(place="AUSTIN", source="KXAN", author="Cora Neas")),
    ("41-whdh-roxbury-stabbing.txt", dict(place="BOSTON", source="WHDH")),
    ("28-independent-false-contact-fine.txt", dict(author="Andrew Woodcock", place=None)),
    ("34-guardian-academics-casual-contracts.txt", dict(author="Richard Adams")),
    ("23-fox-putin-exits-test-ban-treaty.txt", dict(author="Timothy H.J. Nerozzi")),
]


@pytest.mark.parametrize("name, expected", CORPUS_DETAILS, ids=[n for n, _ in CORPUS_DETAILS])
def test_corpus_details(name, expected):
    path = CORPUS / "articles" / name
    if not path.exists():
        pytest.skip("shared corpus not available")
    a = read_article(str(path), path.read_text(encoding="utf-8"))
    for key in ("author", "place", "source"):
        if key in expected:
            assert getattr(a.meta, key) == expected[key], key
    assert len(a.meta.repeated_headlines) == expected.get("repeats", 0)
    # the dateline paragraph stays a body paragraph
    first_para = next(b for b in a.blocks if b.scope == "paragraph")
    if a.meta.place and a.meta.place.isupper():
        assert first_para.text.startswith(a.meta.place)


def test_residue_stays_a_paragraph_and_updated_line_is_byline():
    text = (
        "Molly and Tom Martens sentenced\n\n08/11/2023 | 20:26 PM\n\nUpdated: 9.45pm\n\n"
        "Molly Martens (40) and her father have been sentenced.\n\nLoading...\n"
    )
    a = read_article("x.txt", text)
    assert [b.scope for b in a.blocks] == ["headline", "byline", "byline", "paragraph", "paragraph"]
    assert a.blocks[-1].text == "Loading..."
    assert a.meta.date == dt.date(2023, 11, 8)


def test_dateline_with_date_and_source():
    text = "Headline\n\nBy Jane Doe September 17, 2024\n\nMOSCOW, Sept 17 (Reuters) - Russia said.\n"
    a = read_article("x.txt", text)
    assert a.meta.place == "MOSCOW" and a.meta.source == "Reuters"


@pytest.mark.parametrize("dash", ["—", "–", "-", "--"])
def test_dateline_dashes(dash):
    a = read_article("x.txt", f"Headline\n\nKYIV {dash} Ukraine said on Monday it would.\n")
    assert a.meta.place == "KYIV"


def test_sentence_starting_with_capitals_is_not_a_dateline():
    a = read_article("x.txt", "Headline\n\nNATO allies met on Monday - briefly.\n")
    assert a.meta.place is None


def test_lede_with_a_date_is_not_a_byline():
    text = "Headline\n\nOn September 17, 2024, Belarus and Russia signed an agreement in Minsk.\n"
    a = read_article("x.txt", text)
    assert [b.scope for b in a.blocks] == ["headline", "paragraph"]
    assert a.meta.date is None


# -------------------------------------------------------------------------- line endings


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_endings_offsets_exact(nl):
    lines = ["Headline here", "", "By Jane Doe 3 November 2023", "", "First para", "wrapped line.", "", "Second para."]
    text = nl.join(lines) + nl
    a = read_article("x.txt", text)
    check_offsets(a)
    assert [b.scope for b in a.blocks] == ["headline", "byline", "paragraph", "paragraph"]
    assert a.blocks[0].text == "Headline here"
    assert a.blocks[2].text == f"First para{nl}wrapped line."
    assert a.meta.date == dt.date(2023, 11, 3)
    assert a.blocks[3].start == text.index("Second para.")


def test_long_lines_are_one_paragraph_each():
    long1, long2 = "A" * 60 + " " + "b" * 60, "C" * 120
    a = read_text("x.txt", f"{long1}\n{long2}\n", body_only=True)
    assert [b.text for b in a.blocks] == [long1, long2]


def test_body_only_has_no_headline():
    text = "Belarus and Russia\n\nBy Leon Aris in Berlin September 17, 2024\n\nMore text.\n"
    a = read_text("example", text, body_only=True)
    assert {b.scope for b in a.blocks} == {"paragraph"}
    assert len(a.blocks) == 3
    assert a.meta.headline is None and a.meta.date is None
    check_offsets(a)


def test_extensions():
    assert set(EXTENSIONS) == {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".docx"}


# -------------------------------------------------------------------------- markdown

MD = """\
---
title: Belarus and Russia strengthen ties
date: 2024-09-17
author: [Leon Aris, Ben Aris]
dateline: MINSK
source: bne IntelliNews
---

# Belarus and Russia strengthen ties

Belarus and `Zapod 2025` are tightening [ties](https://example.com/x_(y)) with
Russia, officials said.

> Quoted `code` line
> and a second line.

- first item
- second item
  continued

## Background

```yaml
title: not prose
```

    indented code is not prose

Final paragraph.
"""


@pytest.fixture(scope="module")
def md():
    return read_article("a.md", MD)


def test_markdown_front_matter(md):
    m = md.meta
    assert m.headline == "Belarus and Russia strengthen ties"
    assert m.date == dt.date(2024, 9, 17) and m.date_source == "front matter"
    assert m.author == "Leon Aris, Ben Aris"
    assert m.place == "MINSK" and m.source == "bne IntelliNews"
    assert md.format == "md"


def test_markdown_blocks(md):
    scopes = [b.scope for b in md.blocks]
    assert scopes == ["headline", "paragraph", "paragraph", "list", "list", "heading", "paragraph"]
    assert md.meta.repeated_headlines == [(md.blocks[0].start, md.blocks[0].end)]
    texts = " ".join(b.text for b in md.blocks)
    assert "not prose" not in texts and "title:" not in texts
    assert md.blocks[4].text == "second item\n  continued"
    assert md.blocks[5].text == "Background"


def test_markdown_masking_keeps_offsets(md):
    for b in md.blocks:
        assert len(b.text) == b.end - b.start
        src = md.text[b.start : b.end]
        assert all(c == " " or c == s for c, s in zip(b.text, src))
    para = md.blocks[1]
    assert "Zapod" not in para.text and "`" not in para.text
    assert "https" not in para.text and "ties" in para.text
    i = para.text.index("Russia, officials")
    assert md.text[para.start + i : para.start + i + 6] == "Russia"
    quote = md.blocks[2]
    assert quote.text.startswith("Quoted") and ">" not in quote.text and "code" not in quote.text


def test_markdown_without_front_matter_uses_first_h1():
    text = "Intro words.\n\n# The Headline\n\n# Another H1\n\nText.\n"
    a = read_article("b.markdown", text)
    assert a.meta.headline == "The Headline"
    assert [b.scope for b in a.blocks] == ["paragraph", "headline", "heading", "paragraph"]
    assert a.meta.date is None


def test_markdown_string_date_and_byline():
    text = "---\ntitle: T\ndate: \"Sept. 17, 2024\"\n---\nBy Jane Doe 3 November 2023\n\nKYIV — Text.\n"
    a = read_article("c.md", text)
    assert a.meta.date == dt.date(2024, 9, 17)  # front matter wins over the byline
    assert a.meta.author == "Jane Doe" and a.meta.place == "KYIV"
    assert [b.scope for b in a.blocks] == ["byline", "paragraph"]


def test_markdown_crlf_offsets():
    text = MD.replace("\n", "\r\n")
    a = read_article("a.md", text)
    assert [b.scope for b in a.blocks] == ["headline", "paragraph", "paragraph", "list", "list", "heading", "paragraph"]
    for b in a.blocks:
        assert len(b.text) == b.end - b.start
    assert a.blocks[-1].text == text[a.blocks[-1].start : a.blocks[-1].end] == "Final paragraph."


def test_markdown_broken_front_matter_is_an_error():
    with pytest.raises(ReadError) as e:
        read_article("bad.md", "---\ntitle: [unclosed\n---\nText.\n")
    assert "bad.md" in str(e.value)


def test_lone_long_line_is_body_not_headline():
    # A story exported without its headline (the Lee corpus: one story per
    # line): one paragraph of body text, checked as such.
    story = ("The national executive last night appointed a senator as interim leader. "
             "In a move to reassert control over the party's seven senators, the executive "
             "rejected a bid to become interim leader, in favour of the senator, a supporter "
             "of the deposed leader.")
    art = read_text("a.txt", story + "\n")
    assert art.meta.headline is None
    assert [(b.scope, b.text) for b in art.blocks] == [("paragraph", story)]


def test_lone_short_line_is_still_a_headline():
    art = read_text("a.txt", "Belarus announces Zapad 2025 drills\n")
    assert art.meta.headline == "Belarus announces Zapad 2025 drills"
    assert [b.scope for b in art.blocks] == ["headline"]


def test_a_dated_caption_is_not_the_date_line():
    # an archive photo's caption, credit after the full stop: not a byline
    text = ("Death toll rises to 99 in China floods\n\n"
            "Chinese farmers stack sandbags along a river bank in Guangdong province on June 16, 2008. (AFP)\n\n"
            "The Associated Press, Beijing\n\nThe death toll has risen to 99 from floods last week.\n")
    art = read_text("a.txt", text)
    assert art.meta.date is None


def test_chrome_lines_do_not_hide_the_date_line():
    text = ("Clintons to attend Trump's swearing-in\n\n"
            "George H W Bush, 92, will be the only living ex-President who does not attend.\n\n"
            "Donald Trump\n\nDonald Trump\n\nIANS Washington\n\nLast Updated : Jan 04 2017 | 8:02 AM IST\n\n"
            "Ex-President Bill Clinton will attend.\n")
    art = read_text("a.txt", text)
    assert art.meta.date == dt.date(2017, 1, 4)
    assert [b.text for b in art.blocks if b.scope == "byline"] == ["Last Updated : Jan 04 2017 | 8:02 AM IST"]


@pytest.mark.parametrize("line, date", [
    ("Published June 16, 2008, 9:30 a.m. (EDT)", dt.date(2008, 6, 16)),
    ("June 16, 2008 12:01 a.m. (EDT)", dt.date(2008, 6, 16)),
    ("By Jane Doe, 9:30 a.m. (EST)", None),
    ("By Jane Doe. (Reuters)", None),
])
def test_a_byline_ending_in_a_bracketed_credit_is_still_a_byline(line, date):
    art = read_text("a.txt", f"Storm hits coast\n\n{line}\n\nThe storm hit the coast on Monday.\n")
    assert [b.text for b in art.blocks if b.scope == "byline"] == [line]
    assert art.meta.date == date


def test_a_dated_line_of_the_story_past_the_chrome_is_not_the_byline():
    text = ("Storm hits coast\n\nKey points:\nPower out\nRoads shut\nSchools closed\nTrains halted\n\n"
            "First held on 12 March 2023 in Geneva, the talks resumed\n\nThe storm hit the coast on Monday.\n")
    art = read_text("a.txt", text)
    assert art.meta.date is None and not [b for b in art.blocks if b.scope == "byline"]
