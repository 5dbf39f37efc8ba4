from __future__ import annotations

import random

import pytest

from sync_protocol.textmerge import merge_text

BASE = "Vi läser kapitel 3 om fotosyntes. Läxa: sidan 40. Prov på fredag."


def test_edits_in_different_sentences_merge() -> None:
    ours = BASE.replace("kapitel 3", "kapitel 4")
    theirs = BASE.replace("fredag", "måndag")
    result = merge_text(BASE, ours, theirs)
    assert result.clean
    assert result.text == "Vi läser kapitel 4 om fotosyntes. Läxa: sidan 40. Prov på måndag."


def test_same_words_changed_differently_is_a_conflict() -> None:
    result = merge_text(BASE, BASE.replace("40", "41"), BASE.replace("40", "42"))
    assert not result.clean
    assert result.text is None


def test_both_append_at_the_end_differently_is_a_conflict() -> None:
    assert not merge_text(BASE, BASE + " Ta med miniräknare.", BASE + " Ta med linjal.").clean


def test_identical_edits_are_no_conflict() -> None:
    edit = BASE.replace("3", "5")
    assert merge_text(BASE, edit, edit).text == edit


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_one_sided_edit_wins(side: str) -> None:
    edit = "Helt ny text."
    result = merge_text(BASE, edit, BASE) if side == "ours" else merge_text(BASE, BASE, edit)
    assert result.text == edit


def test_insert_and_delete_elsewhere() -> None:
    ours = "Inledning. " + BASE
    theirs = BASE.replace(" Prov på fredag.", "")
    assert (
        merge_text(BASE, ours, theirs).text
        == "Inledning. Vi läser kapitel 3 om fotosyntes. Läxa: sidan 40."
    )


def test_random_disjoint_edits_always_merge_and_keep_both() -> None:
    seed = random.randrange(2**32)
    print(f"seed={seed}")
    rng = random.Random(seed)
    words = [f"ord{i}" for i in range(60)]
    for _ in range(200):
        cut = rng.randrange(10, 50)
        ours_words, theirs_words = list(words), list(words)
        i = rng.randrange(0, cut - 2)
        j = rng.randrange(cut + 2, len(words))
        ours_words[i] = "VÅR"
        theirs_words[j] = "DERAS"
        result = merge_text(" ".join(words), " ".join(ours_words), " ".join(theirs_words))
        expected = list(words)
        expected[i], expected[j] = "VÅR", "DERAS"
        assert result.text == " ".join(expected), f"seed={seed}"
