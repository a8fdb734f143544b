"""News.HeaderChrome: page chrome between the headline and the story."""

import pytest

from helpers import lint, shared_or_skip

RULE = "News.HeaderChrome"


def flagged(text: str) -> list[str]:
    return [text[d.start:d.end] for d in lint(RULE, text, body_only=False)]


STORY = "The mayor opened the new bridge on Monday after three years of works, the council said."


def test_chrome_before_a_byline_counts_too():
    # lines between a standfirst-like summary and the date line
    text = ("Clintons to attend Trump's swearing-in\n\n"
            "George H W Bush, 92, will be the only living ex-President who does not attend.\n\n"
            "Donald Trump\n\nIANS Washington\n\nLast Updated : Jan 04 2017 | 8:02 AM IST\n\n"
            "Ex-President Bill Clinton will attend, his office said, as Donald Trump takes office.")
    assert flagged(text) == ["Donald Trump"]


def test_a_name_that_does_not_recur_may_be_the_author():
    assert flagged(f"Mayor opens bridge\n\nHenry Moore\n\n{STORY}") == []
    assert flagged(f"Mayor opens bridge\n\nHenry Moore\n\n{STORY} Henry Moore was there.") == ["Henry Moore"]


def test_only_the_top_of_the_article():
    text = f"Mayor opens bridge\n\n{STORY}\n\nBusiness\n\nThe bridge cost a lot."
    assert flagged(text) == []


def test_dates_times_and_credits_are_not_chrome():
    for line in ("05 July 2020", "8:17 pm", "Reuters", "By Jane Doe", "Staff Reporter", "AFP Paris"):
        assert flagged(f"Mayor opens bridge\n\n{line}\n\n{STORY}") == [], line


def test_real_page_with_credit_and_tags():
    path = shared_or_skip("corpus", "annotated", "articles", "108-businessstandard-amp-ians-trump-swearing-in.txt")
    assert flagged(path.read_text(encoding="utf-8")) == ["Donald Trump", "Donald Trump"]


def test_real_articles_without_chrome_are_quiet():
    folder = shared_or_skip("corpus", "articles")
    hits = {p.name: flagged(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))}
    # the one hit is a "Loading..." widget's text above an interactive map
    assert {k: v for k, v in hits.items() if v} == {"25-npr-gaza-damage-map.txt": ["Loading..."]}


def test_a_line_another_residue_rule_reports_is_reported_once():
    text = f"Mayor opens bridge\n\nAdvertisement\n\nPlease select your experience\n\n{STORY}"
    found = [(text[d.start:d.end], d.rule) for d in lint(["News.HeaderChrome", "News.ScraperResidue"], text, body_only=False)]
    assert ("Please select your experience", "News.HeaderChrome") in found
    assert [r for t, r in found if t == "Advertisement"] == ["News.ScraperResidue"]


def test_yields_to_names_a_rule(tmp_path):
    from helpers import cli

    (tmp_path / "P").mkdir()
    (tmp_path / "P" / "R.yml").write_text(
        "extends: existence\nmessage: x\ntokens: [foo]\nyields_to:\n  - News.Scraperesidue\n", encoding="utf-8")
    code, _, err = cli("--rules", str(tmp_path), str(tmp_path))
    assert code == 2
    assert "R.yml:5: yields_to: unknown rule 'News.Scraperesidue'" in err


@pytest.mark.parametrize("yields, problem", [
    ("[P.R]", "a rule cannot yield to itself"),
    ("[P.S]", "'P.S' yields to this rule again"),
])
def test_yields_to_may_not_loop(tmp_path, yields, problem):
    from helpers import cli

    (tmp_path / "P").mkdir()
    (tmp_path / "P" / "R.yml").write_text(f"extends: existence\nmessage: x\ntokens: [foo]\nyields_to: {yields}\n", encoding="utf-8")
    (tmp_path / "P" / "S.yml").write_text("extends: existence\nmessage: x\ntokens: [foo]\nyields_to: [P.R]\n", encoding="utf-8")
    code, _, err = cli("--rules", str(tmp_path), str(tmp_path))
    assert code == 2 and problem in err
