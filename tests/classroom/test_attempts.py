"""Attempts count: every submission kept, the first graded, codings locked on compare, bad input one line each."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.claims.coding import Codings
from helpers.classroom import attempts, demo
from helpers.classroom.agreement import read_class
from helpers.classroom.students import StudentError
from helpers.core.errors import InputError

from .samples import first_coded, perfect_answers


def test_the_first_attempt_is_graded_and_later_ones_sit_beside_it(folder: Path) -> None:
    assert attempts.record_attempt("Ana Lee", "count-chains", "1", "no", folder=folder) == 1
    assert attempts.record_attempt("Ana Lee", "count-chains", "3", "yes", folder=folder) == 2
    assert (
        attempts.record_attempt(
            "Ana Lee", "who_runs", "a news organisation", "open", "Its owner.", "https://x.org", folder
        )
        == 1
    )
    view = attempts.read_attempts(folder)
    first = view.first.set_index("exercise")
    assert first.at["count-chains", "choice"] == "1" and first.at["count-chains", "correct"] == "no"
    assert first.at["count-chains", "attempts"] == 2 and first.at["count-chains", "later choices"] == "3 (yes)"
    assert first.at["who_runs", "address"] == "https://x.org"
    grades = attempts.grade_table(view.first).iloc[0]
    assert (grades["answered"], grades["right first time"], grades["open answers"], grades["with an address"]) == (
        2,
        0,
        1,
        1,
    )


@pytest.mark.parametrize("other", ["ana lee", "Ana-Lee", "ANA  LEE"])
def test_look_alike_names_never_share_an_attempt_file(folder: Path, other: str) -> None:
    attempts.record_attempt("Ana Lee", "count-chains", "1", "no", folder=folder)
    before = attempts.attempts_path("Ana Lee", folder).read_bytes()
    with pytest.raises(StudentError, match="would share one answers file"):
        attempts.record_attempt(other, "count-chains", "3", "yes", folder=folder)
    assert attempts.attempts_path("Ana Lee", folder).read_bytes() == before


def _submit(args: tuple[str, int]) -> int:
    folder, i = args
    return attempts.record_attempt("Bo", "count-chains", str(i), "no", folder=folder)


def test_thirty_saves_in_the_same_second_lose_nothing(folder: Path) -> None:
    with ProcessPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(_submit, [(str(folder), i) for i in range(30)]))
    assert sorted(numbers) == list(range(1, 31))
    saved = attempts.student_attempts("Bo", folder)
    assert sorted(saved["choice"].astype(int)) == list(range(30)) and sorted(saved["attempt"]) == list(range(1, 31))


def test_a_save_interrupted_before_its_rename_leaves_the_old_file_whole(folder: Path, monkeypatch) -> None:
    attempts.record_attempt("Cy", "count-chains", "1", "no", folder=folder)
    before = attempts.attempts_path("Cy", folder).read_bytes()

    def closed_browser(*_: object) -> None:
        raise KeyboardInterrupt  # the kernel is stopped mid-save (the student closed the tab)

    monkeypatch.setattr("helpers.core.files.os.replace", closed_browser)
    with pytest.raises(KeyboardInterrupt):
        attempts.record_attempt("Cy", "count-chains", "3", "yes", folder=folder)
    monkeypatch.undo()
    assert attempts.attempts_path("Cy", folder).read_bytes() == before
    assert not list(attempts.attempts_path("Cy", folder).parent.glob(".*.tmp"))


def test_a_hand_edited_attempt_file_is_one_line_and_the_teacher_view_still_opens(folder: Path) -> None:
    attempts.record_attempt("Di", "count-chains", "1", "no", folder=folder)
    attempts.record_attempt("Ed", "count-chains", "3", "yes", folder=folder)
    path = attempts.attempts_path("Di", folder)
    path.write_text(path.read_text(encoding="utf-8").replace(",no,", ",maybe,"), encoding="utf-8")
    view = attempts.read_attempts(folder)
    assert len(view.problems) == 1 and view.problems[0].line == 2
    assert "correct 'maybe' is not one of yes, no, open" in str(view.problems[0])
    assert list(view.first["student"]) == ["Ed"]


def test_comparing_locks_the_coding(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    answers = perfect_answers(codings, sid)
    attempts.save_article("Flo", sid, answers, folder)
    attempts.save_article("Flo", sid, answers, folder)  # saving again before comparing is fine
    attempts.lock_article("Flo", sid, answers, folder)
    assert attempts.is_locked("Flo", sid, folder)
    with pytest.raises(StudentError, match="is locked"):
        attempts.save_article("Flo", sid, {next(iter(answers)): ("denies", "none")}, folder)
    assert read_class(codings, folder).summary.at[0, "stance agreement"] == 1.0
    locked = attempts.coding_of_locked(codings, folder)
    assert list(locked[["student", "source_id"]].itertuples(index=False, name=None)) == [("Flo", sid)]
    assert attempts.read_attempts(folder).first.empty  # a lock is not an exercise answer


def test_an_over_long_sentence_is_refused_not_cut(folder: Path) -> None:
    with pytest.raises(StudentError, match="keep it under"):
        attempts.record_attempt("Gil", "who_runs", "x", "open", "w" * (attempts.TEXT_MAX + 1), folder=folder)
    assert not attempts.attempts_path("Gil", folder).exists()


@settings(max_examples=25, deadline=None)
@given(reason=st.text(max_size=80), address=st.text(max_size=40))
def test_any_sentence_and_address_read_back_as_written_on_one_line(tmp_path_factory, reason: str, address: str) -> None:
    folder = tmp_path_factory.mktemp("class")
    attempts.record_attempt("Hal", "who_runs", "x", "open", reason, address, folder)
    row = attempts.student_attempts("Hal", folder).iloc[0]
    assert row["reason"] == " ".join(reason.split()) and row["address"] == " ".join(address.split())


def test_the_cue_word_level_is_computed_on_the_claims_asked(codings: Codings, corpus: pd.DataFrame) -> None:
    level = demo.cue_level(codings, corpus)
    assert set(level) == {"stance", "attribution_kind"} and all(-1 <= v <= 1 for v in level.values())
    one = codings.evidence[codings.evidence["source_id"] == first_coded(codings)]
    assert demo.cue_level(codings, corpus, one) != level or len(one) == len(codings.evidence)
    with pytest.raises(InputError):
        attempts.read_attempt_file(Path(__file__))  # not an attempt file: one clear problem, no traceback
