"""Vale's spelling: its default dictionary, tokenizer and filters (lint/checks/spelling.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from lint.checks import spelling
from lint.checks.base import CompileContext
from lint.readers.rst import read_rst

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
STYLES = SHARED / "vale-conformance" / "testdata" / "styles"


def rule(extra: str = "", path: str = "<inline>", styles: Path | None = None):
    from lint.rules import Rule, resolve_scopes

    data = {"extends": "spelling", "message": "Did you really mean '%s'?", "level": "error"}
    for line in extra.splitlines():
        k, v = line.split(": ", 1)
        data[k] = v == "true" if v in ("true", "false") else v
    spec = spelling.Params.model_validate(data)
    checker = spelling.compile(spec, CompileContext(path, styles))
    return Rule("Vale.Spelling", path, spec, checker, resolve_scopes(spec.scope))


def flagged(text: str, r=None, name: str = "a.txt") -> list[str]:
    r = r or rule()
    return [text[d.start : d.end] for d in helpers.lint([r], text, name=name, body_only=False)]


def test_default_dictionary_knows_vales_web_words():
    # words Vale's en_US-web accepts (SCOWL 70, British spellings, software words) and near misses it flags
    text = ("The stylesheet has a dropdown, a backtick and a gitignore, minified; ok. A load balancer in a "
            "subdirectory, noncompliant destructor instantiations. Colour and organise. Quickstart.\n"
            "Misspeled typpo, config, hostname, repo and gitlab.\n")
    assert flagged(text) == ["Misspeled", "typpo", "config", "hostname", "repo", "gitlab"]


def test_word_or_its_lower_case_form_as_vale():
    # GitHub is listed: "github" is not known (its lower-case form is not listed); "Backend" is (lower "backend")
    assert flagged("Backend on GitHub, not github or GITHUBS.\n") == ["github"]


def test_vale_tokenizer_skips_code_like_pieces():
    # blockSignals() -> "blockSignals(", \ingroup, @param, repr() keep punctuation and are skipped;
    # "(see" and "word." lose theirs; 'static and 'automatic' lose the quotes
    text = "Use blockSignals() and \\ingroup with @param (see repr() here) 'automatic' plus getCases (x) and tehm.\n"
    assert flagged(text) == ["getCases", "tehm"]


def test_vale_tokenizer_positions():
    r = rule()
    text = "A (mispeled) “wrod”.\n"
    ds = helpers.lint([r], text, name="a.txt", body_only=False)
    assert [(d.start, d.end, d.message) for d in ds] == [
        (3, 11, "Did you really mean 'mispeled'?"),
        (14, 18, "Did you really mean 'wrod'?"),
    ]


@pytest.mark.parametrize("word", ["U.S.", "e.g.", "human-friendly", "ZAPADS", "oBservability", "3rd", "オプション", "and/or"])
def test_default_filters_skip(word):
    assert flagged("A %s word.\n" % word) == []


def test_custom_true_checks_what_filters_skip():
    assert flagged("The human-friendly ZAPADS.\n", rule("custom: true")) == ["human-friendly", "ZAPADS"]


@pytest.mark.skipif(not STYLES.is_dir(), reason="Vale's test data (shared/) is not here")
def test_builtin_vale_spelling_reads_config_dictionaries_and_ignore_lists():
    # Vale.Spelling: every pair in <styles>/config/dictionaries (en_medical: abdominocentesis) and every
    # word list under <styles>/config/ignore (nginx, tech/second.txt: httpie) -- a rule file does not
    text = "Nginx and HTTPie and abdominocentesis and mispeled.\n"
    assert flagged(text, rule(path=spelling.BUILTIN_PATH, styles=STYLES)) == ["mispeled"]
    assert flagged(text, rule(path=str(STYLES / "X" / "Spell.yml"), styles=STYLES)) == ["Nginx", "HTTPie", "abdominocentesis", "mispeled"]


def test_rst_escaped_backslashes_inside_a_word_stay_one_word():
    # docutils renders \Mautic\CoreBundle\Templating as one word: Vale never checks "Templating" there
    text = "Title\n=====\n\nCall \\Mautic\\CoreBundle\\Templating\\Helper::X here, and \\*not\\* wrod.\n"
    article = read_rst("a.rst", text)
    r = rule()
    from lint.engine import lint_article

    assert [text[d.start : d.end] for d in lint_article(article, [r])] == ["wrod"]


def test_default_dictionary_load_is_fast_and_shared():
    import time

    spelling._DICTS.pop("<default>", None)
    t = time.perf_counter()
    a = spelling._default_words()
    assert time.perf_counter() - t < 1.5
    assert spelling._default_words() is a and len(a.words) > 150_000
