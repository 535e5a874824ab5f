"""Disagreements: spelling slots matched by the words that differ, change labels, the first disputed claim."""

from __future__ import annotations

import pandas as pd

from helpers.claims import disagreements as dis
from helpers.claims.disagreements import _spelling_reasoning


def slots() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("spelling-ehab-ihab", "How is the name of Assad's cousin Ihab (Ehab) spelled?", "spelling", "ihab"),
            (
                "spelling-fourth-division",
                "How is Maher al-Assad's unit, the 4th Armoured Division, written?",
                "spelling",
                "division",
            ),
            ("spelling-hmeimim", "How is Hmeimim air base written (airbase/air base)?", "spelling", "hmeimim"),
        ],
        columns=["slot", "question", "kind", "reasoning"],
    ).set_index("slot")


def test_spelling_slot_is_chosen_by_the_words_that_differ() -> None:
    # 'Maher al-Assad' is in the 4th Division question, but that slot is not about Asad/Assad
    assert _spelling_reasoning({"Maher al-Assad", "Maher al-Asad"}, slots()) == ""
    assert _spelling_reasoning({"Ehab", "Ihab", "Ihab Makhlouf"}, slots()) == "ihab"
    assert _spelling_reasoning({"4th Armoured Division", "4th Armored Division", "Fourth Division"}, slots()) == (
        "division"
    )
    assert _spelling_reasoning({"Hmeimim", "Hmeimim air base", "Hmeimim airbase"}, slots()) == "hmeimim"
    assert _spelling_reasoning(set(), slots()) == ""


def test_change_labels_are_exported() -> None:
    assert set(dis.DROPPED_CAVEATS) == {
        dis.CHANGE_DROPS_ATTRIBUTION,
        dis.CHANGE_HEDGE_FOR_ATTRIBUTION,
        dis.CHANGE_DROPS_HEDGE,
    }
    assert dis.CHANGE_ONLY_IN_ONE not in dis.DROPPED_CAVEATS
    assert dis._dropped("hedge", set()) == dis.CHANGE_DROPS_HEDGE
    assert dis._dropped("attribution", {"hedge"}) == dis.CHANGE_HEDGE_FOR_ATTRIBUTION
    assert dis._dropped("attribution", set()) == dis.CHANGE_DROPS_ATTRIBUTION


def test_first_disputed_skips_spelling_rows_and_copes_with_none() -> None:
    table = pd.DataFrame({"disagreement": ["spelling: X", "how-left"], "claim_id": ["", "C007"]})
    assert dis.first_disputed(table) == "C007"
    assert dis.first_disputed(table.iloc[:1]) is None
    assert dis.first_disputed(pd.DataFrame(columns=dis.COLUMNS)) is None
