"""The sourcing summary against the hand-read gold (tests/data/sourcing/gold.json, scored by
tests/sourcing_check.py): named sources on 50 real articles from four sets, each read blind.

The floors are the issue's targets (precision 90%, recall 80%) for every set together; the
figures measured on each set before its misses were worked on are in the issue's note."""

from __future__ import annotations

from helpers import shared_or_skip


def test_named_sources_meet_the_targets_on_the_hand_read_articles():
    shared_or_skip("corpus", "lee", "lee.cor")
    from sourcing_check import score

    rows = score()
    total = rows["all"]
    assert total["gold"] == 56
    precision, recall = total["right"] / total["found"], total["right"] / total["gold"]
    assert precision >= 0.90 and recall >= 0.80, rows
    for name, r in rows.items():  # no set far below the rest
        assert r["right"] >= 0.75 * r["gold"], (name, r)
