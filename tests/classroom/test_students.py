"""Student coding files: safe names, the folder, atomic saves, reading with file and line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import config
from helpers.claims.coding import Codings
from helpers.classroom import agreement, students
from helpers.classroom.students import StudentError, safe_name
from helpers.core.errors import InputError
from tests.classroom.samples import first_coded, perfect_answers, reference


@pytest.mark.parametrize(
    ("name", "stem"),
    [("Ana Lee", "ana-lee"), ("  José María ", "josé-maría"), ("O'Brien J.", "o-brien-j"), ("Аня", "аня")],
)
def test_safe_name(name: str, stem: str) -> None:
    assert safe_name(name) == stem


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter your name"),
        ("   ", "Enter your name"),
        ("../etc/passwd", "not '/'"),
        ("a\\b", r"not '\\'"),
        ("tab\there", r"not '\\t'"),
        ("x" * 61, "at most 60"),
        ("con", "cannot name a file"),
        ("...", "at least one letter"),
    ],
)
def test_bad_names_get_one_clear_line(name: str, message: str) -> None:
    with pytest.raises(StudentError, match=message) as info:
        safe_name(name)
    assert "\n" not in str(info.value)


@settings(deadline=None)
@given(st.text(max_size=80))
def test_safe_names_are_plain_file_stems(name: str) -> None:
    try:
        stem = safe_name(name)
    except StudentError:
        return
    assert stem and "/" not in stem and "\\" not in stem and not stem.startswith((".", "-"))
    assert safe_name(stem) == stem


def test_student_dir_honours_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.STUDENT_ENV, raising=False)
    assert students.student_dir() == config.DEFAULT_STUDENT_DIR
    monkeypatch.setenv(config.STUDENT_ENV, str(tmp_path))
    assert students.student_dir() == tmp_path
    assert students.student_path("Ana") == tmp_path / "ana.csv"


def test_refuses_to_write_inside_the_corpus(codings: Codings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = first_coded(codings)
    answers = perfect_answers(codings, sid)
    for target in (config.DEFAULT_CORPUS_DIR, config.DEFAULT_CORPUS_DIR / "students"):
        with pytest.raises(StudentError, match="inside the corpus directory"):
            students.save_coding("Ana", sid, answers, target)
    other = tmp_path / "other-corpus"
    monkeypatch.setenv(config.CORPUS_ENV, str(other))
    with pytest.raises(StudentError, match="inside the corpus directory"):
        students.save_coding("Ana", sid, answers, other / "answers")
    assert not (config.DEFAULT_CORPUS_DIR / "ana.csv").exists()
    assert not (config.DEFAULT_CORPUS_DIR / "students").exists()


def test_save_round_trip_keeps_other_articles(codings: Codings, folder: Path) -> None:
    first, second = codings.coded_sources[:2]
    path = students.save_coding("Ana Lee", first, perfect_answers(codings, first), folder)
    assert path == folder / "ana-lee.csv"
    students.save_coding("Ana Lee", second, perfect_answers(codings, second), folder)
    changed = {cid: ("denies", "named") for cid in reference(codings, first).index[:1]}
    students.save_coding("Ana Lee", first, changed, folder)
    table = students.read_student_file(path, codings)
    assert set(table["source_id"]) == {first, second}
    assert (table["source_id"] == first).sum() == 1  # re-saving an article replaces its answers
    assert len(table[table["source_id"] == second]) == len(reference(codings, second))
    assert list(table.columns) == list(students.STUDENT_COLUMNS)


def test_blank_answers_are_left_out_and_bad_values_refused(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    cids = list(reference(codings, sid).index[:3])
    path = students.save_coding("Bo", sid, {cids[0]: ("asserts", ""), cids[1]: ("", ""), cids[2]: ("", "none")}, folder)
    table = students.read_student_file(path)
    assert list(table["claim_id"]) == [cids[0], cids[2]]
    with pytest.raises(StudentError, match=r"unknown stance 'assert'.*did you mean 'asserts'"):
        students.save_coding("Bo", sid, {cids[0]: ("assert", "none")}, folder)


def test_bad_file_problems_name_file_and_line(codings: Codings, folder: Path) -> None:
    folder.mkdir()
    path = folder / "cy.csv"
    sid = first_coded(codings)
    cid = reference(codings, sid).index[0]
    path.write_text(
        "student,source_id,claim_id,stance,attribution_kind\n"
        f"Cy,{sid},{cid},asserts,none\n"
        f"Cy,{sid},{cid},hedge,none\n"
        f"Cy,{sid},C999,asserts,anonimous\n"
        f"Cy,{sid}x,{cid},asserts,none\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        students.read_student_file(path, codings)
    lines = str(info.value).splitlines()
    assert any(":3: unknown stance 'hedge'" in ln for ln in lines)
    assert any(":3:" in ln and "answered twice (first on line 2)" in ln for ln in lines)
    assert any(":4: unknown attribution_kind 'anonimous' (did you mean 'anonymous'?)" in ln for ln in lines)
    assert any(":4: unknown claim_id 'C999'" in ln for ln in lines)
    assert any(f":5: unknown source_id '{sid}x' (did you mean '{sid}'?)" in ln for ln in lines)


def test_failed_replace_leaves_the_previous_file(
    codings: Codings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = first_coded(codings)
    path = students.save_coding("Di", sid, perfect_answers(codings, sid), folder)
    before = path.read_bytes()

    def boom(*args: object) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk pulled out"):
        students.save_coding("Di", sid, {cid: ("denies", "named") for cid in reference(codings, sid).index}, folder)
    assert path.read_bytes() == before
    # no temporary file left behind (the lock file is the only companion, and it holds no data)
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock")) == [path.name]


def test_sigkill_mid_write_leaves_the_previous_file(codings: Codings, folder: Path) -> None:
    sid = first_coded(codings)
    path = students.save_coding("Eve", sid, perfect_answers(codings, sid), folder)
    before = path.read_bytes()
    # The child saves a different coding; when the bytes are written but not yet renamed into place
    # (inside fsync), it says so and waits to be killed.
    child = textwrap.dedent(
        f"""
        import os, sys, time
        from helpers.classroom import students
        from helpers.claims.coding import read_codings
        from helpers.corpus.load import load_corpus
        codings = read_codings(load_corpus({str(config.DEFAULT_CORPUS_DIR)!r}))
        ids = codings.evidence.loc[codings.evidence["source_id"] == {sid!r}, "claim_id"]
        def stall(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = stall
        students.save_coding("Eve", {sid!r}, {{c: ("denies", "named") for c in ids}}, {str(folder)!r})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    leftovers = [p.name for p in folder.iterdir() if p.name != path.name and not p.name.endswith(".lock")]
    assert leftovers and all(n.startswith(".") and n.endswith(".tmp") for n in leftovers)
    assert students.student_files(folder) == [path]  # the class view never reads the half-done file
    view = agreement.read_class(codings, folder)
    assert list(view.summary["student"]) == ["Eve"] and not view.problems


def test_shown_path_is_relative_inside_the_repository() -> None:
    assert students.shown_path(config.DEFAULT_STUDENT_DIR) == "student_codings"
    assert students.shown_path(config.DEFAULT_CORPUS_DIR / "evidence.csv") == "corpus/evidence.csv"
