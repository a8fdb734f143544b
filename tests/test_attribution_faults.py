"""Injected attribution faults in real copy (the annotated corpus): an
unattributed figure sentence put into a paragraph that has a cue elsewhere,
and a vague attribution put at a paragraph's end, before a paragraph that
may open with a named speaker about something else. Each must be caught
(at any level) nearly always; a cue elsewhere in the paragraph, or a named
speaker in the next one, excused them about half the time before."""

from __future__ import annotations

import helpers
from conftest import shared_or_skip
from lint.rules import builtin_rules_dir, parse_rule_file


def _rule(name: str):
    p = builtin_rules_dir() / "News" / f"{name}.yml"
    return parse_rule_file(str(p), p.read_text(encoding="utf-8"), f"News.{name}")


FIGURES = [
    "More than 2,400 people were evacuated from their homes.",
    "The damage is put at $35 million.",
    "Turnout was 61 percent.",
    "Some 40,000 troops are stationed nearby.",
]
VAGUE = [
    "Some analysts say the move is a gamble.",
    "Sources said the deal was off.",
    "It is understood the plan was dropped.",
    "Local media reported a second blast.",
]


def _paragraphs():
    folder = shared_or_skip("corpus", "annotated", "articles")
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            # body paragraphs that end a sentence (not residue, not a cut end)
            if i >= 2 and len(line.split()) >= 12 and line.rstrip().endswith((".", "”", '"')):
                yield lines, i


def _caught(rule, text: str, inserted: str) -> bool:
    at = text.index(inserted)
    return any(at <= d.start < at + len(inserted) for d in helpers.lint(rule, text))


def test_unattributed_figure_sentences_are_caught():
    rule = _rule("UnattributedFigure")
    total = caught = 0
    for lines, i in _paragraphs():
        for j, where in enumerate(("start", "end")):
            s = FIGURES[(i + j) % len(FIGURES)]
            new = f"{s} {lines[i]}" if where == "start" else f"{lines[i]} {s}"
            total += 1
            caught += _caught(rule, "\n".join(lines[:i] + [new] + lines[i + 1 :]), s)
    assert total > 400
    assert caught / total >= 0.95, (caught, total)


def test_vague_attributions_ending_a_paragraph_are_caught():
    rule = _rule("VagueAttribution")
    total = caught = 0
    for lines, i in _paragraphs():
        if i + 2 < len(lines) and lines[i + 2].strip():
            s = VAGUE[i % len(VAGUE)]
            total += 1
            caught += _caught(rule, "\n".join(lines[:i] + [f"{lines[i]} {s}"] + lines[i + 1 :]), s)
    assert total > 200
    assert caught / total >= 0.95, (caught, total)
