"""VocabMask.spans remembers the last text's spans: the text, not its address."""

from __future__ import annotations

import pickle

from lint import vale_config
from lint.vale_config import IgnoreMask, VocabMask


def test_a_new_text_at_a_freed_texts_address_gets_its_own_spans(monkeypatch):
    mask = VocabMask(["Zapad"])
    assert mask.spans("Zapad drills began.") == [(0, 5)]
    # every text at one address, as when the first article is freed and the next
    # one is allocated where it was: the cache must still tell them apart
    monkeypatch.setattr(vale_config, "id", lambda obj: 0, raising=False)
    assert mask.spans("The drills, Zapad.") == [(12, 17)]
    assert mask.spans("No such name here.") == []


def test_freed_and_reallocated_texts():
    mask = VocabMask(["Zapad"])
    for i in range(200):  # CPython reuses a freed string's memory for the next one of its size
        text = "".join(["Zapad " if i % 2 else "other ", f"{i:03d} drills."])
        assert mask.spans(text) == ([(0, 5)] if i % 2 else [])
        del text


def test_an_equal_text_is_a_hit_and_masks_pickle_without_it():
    mask = IgnoreMask([r"\{\{[^}]*\}\}"])
    a = "Keep {{this}} out."
    first = mask.spans(a)
    assert first == [(5, 13)]
    assert mask.spans("".join(["Keep {{this}}", " out."])) is first  # equal content: no second pass
    copy = pickle.loads(pickle.dumps(mask))
    assert copy._last is None and copy.spans(a) == first
