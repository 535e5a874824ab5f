"""Students' saves lose nothing: one identity per file, concurrent saves merged, leftovers cleaned."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from helpers import config
from helpers.classroom import students
from helpers.classroom.students import StudentError
from helpers.core.errors import InputError
from helpers.core.files import remove_stale_temporaries

SOURCES = ("a1", "a2", "a3", "a4", "a5")


def answers(claim: str) -> dict[str, tuple[str, str]]:
    return {claim: ("asserts", "none")}


@pytest.mark.parametrize("other", ["ana lee", "Ana-Lee", "ANA  LEE"])
def test_names_that_normalise_alike_never_share_a_file(tmp_path: Path, other: str) -> None:
    path = students.save_coding("Ana Lee", "ft", answers("C001"), tmp_path)
    before = path.read_bytes()
    with pytest.raises(StudentError, match="would share one answers file"):
        students.save_coding(other, "ft", answers("C002"), tmp_path)
    assert path.read_bytes() == before


def _save(args: tuple[str, str, str]) -> str:
    folder, source, claim = args
    return str(students.save_coding("Bo", source, answers(claim), folder))


def test_concurrent_saves_of_one_student_keep_every_article(tmp_path: Path) -> None:
    jobs = [(str(tmp_path), sid, f"C00{i}") for i, sid in enumerate(SOURCES, 1)]
    with ProcessPoolExecutor(max_workers=5) as pool:
        paths = set(pool.map(_save, jobs))
    (path,) = paths
    saved = students.read_student_file(Path(path))
    assert sorted(saved["source_id"]) == sorted(SOURCES)


def test_stale_temporaries_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    old, fresh = tmp_path / ".a.csv.x1.tmp", tmp_path / ".b.csv.x2.tmp"
    old.write_text("half", encoding="utf-8")
    fresh.write_text("half", encoding="utf-8")
    past = time.time() - 7200
    os.utime(old, (past, past))
    assert remove_stale_temporaries(tmp_path) == [old]
    assert fresh.exists() and not old.exists()


def test_a_huge_student_file_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("student,source_id,claim_id,stance,attribution_kind\n" + "x" * (config.MAX_STUDENT_FILE_BYTES + 1))
    with pytest.raises(InputError, match="over the 1,000,000-byte limit"):
        students.read_student_file(path)


def test_a_dollar_sign_in_a_name_does_not_break_the_class_chart() -> None:
    import io

    import pandas as pd

    from helpers.classroom.views import class_chart

    summary = pd.DataFrame(
        [{"student": r"Cash $\undefined$ Lee", "stance agreement": 0.5, "stance kappa": 0.4,
          "attribution_kind agreement": 0.5, "attribution_kind kappa": 0.3}]
    )  # fmt: skip
    fig = class_chart(summary)
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise here on the unknown command
    assert fig.axes[0].get_yticklabels()[0].get_text() == r"Cash \$\undefined\$ Lee"
