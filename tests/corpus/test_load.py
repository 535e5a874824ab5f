"""The loader and every validation problem it must name (each bad corpus built in a temp dir)."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import config
from helpers.cli import main
from helpers.core.errors import InputError
from helpers.corpus.load import UnknownSourceError, check_source_id, load_corpus, split_list, validate_corpus

SEEDS = config.REPO_ROOT.parent / "shared" / "seeds"


def read_manifest(cdir: Path) -> list[dict[str, str]]:
    with (cdir / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_manifest(cdir: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    (cdir / "sources.csv").write_text(buf.getvalue(), encoding="utf-8")


def row_lines(cdir: Path) -> list[int]:
    """The file line each manifest row starts on (the header is line 1; a quoted cell may span lines)."""
    with (cdir / "sources.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        starts, previous = [], reader.line_num
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
    return starts


def hyphenated_row(rows: list[dict[str, str]]) -> int:
    """The first manifest row whose file name has a hyphen (so an underscore makes a near miss)."""
    return next(i for i, r in enumerate(rows) if "-" in r["file"])


def last_file(cdir: Path) -> str:
    """The article file of the manifest's last row (any listed article will do)."""
    return read_manifest(cdir)[-1]["file"]


def messages(cdir: Path) -> list[str]:
    return [str(p) for p in validate_corpus(cdir)]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, check=False)


# --- the real corpus -------------------------------------------------------------------------


def test_repository_corpus_is_valid(corpus: pd.DataFrame) -> None:
    assert validate_corpus(config.DEFAULT_CORPUS_DIR) == []
    assert corpus.index.is_unique
    assert {"text", "outlet", "published", "credits", "n_words"} <= set(corpus.columns)
    assert corpus["text"].str.len().gt(0).all()
    assert all(isinstance(c, tuple) for c in corpus["credits"])


def test_articles_match_their_recorded_sha256(corpus: pd.DataFrame) -> None:
    for sid, row in corpus.iterrows():
        data = (config.DEFAULT_CORPUS_DIR / "articles" / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], sid


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds folder is not beside this checkout")
def test_articles_are_the_seed_files_byte_for_byte(corpus: pd.DataFrame) -> None:
    seeds = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    assert seeds and seeds <= set(corpus["sha256"])  # every seed is in the corpus, unchanged (added articles aside)


def test_inferred_dates_carry_their_reasoning(corpus: pd.DataFrame) -> None:
    for sid, basis in corpus["published_basis"].items():
        assert basis == "stated" or len(basis.removeprefix("inferred:").strip()) > 40, sid


def test_unknown_source_id_suggests_the_closest() -> None:
    frame = pd.DataFrame(index=pd.Index(["ft", "north-press"], name="source_id"))
    assert check_source_id(frame, "ft") == "ft"
    with pytest.raises(UnknownSourceError, match="did you mean 'north-press'"):
        check_source_id(frame, "nort-press")


def test_split_list() -> None:
    assert split_list("Reuters; AFP ;") == ("Reuters", "AFP")
    assert split_list("") == ()


# --- every bad input gets one line naming file and row ----------------------------------------


def test_missing_manifest(corpus_copy: Path) -> None:
    (corpus_copy / "sources.csv").unlink()
    assert messages(corpus_copy) == [
        f"{corpus_copy / 'sources.csv'}: missing manifest (every corpus needs sources.csv)"
    ]


def test_missing_column(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    write_manifest(corpus_copy, rows, [c for c in rows[0] if c != "outlet"])
    assert messages(corpus_copy) == [f"{corpus_copy / 'sources.csv'}:1: missing column 'outlet'"]


def test_extra_column_with_suggestion(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    for r in rows:
        r["publisher"] = "x"
    write_manifest(corpus_copy, rows)
    (msg,) = messages(corpus_copy)
    assert msg.startswith(f"{corpus_copy / 'sources.csv'}:1: unknown column 'publisher'")


def test_duplicate_source_id(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    rows[2]["source_id"] = rows[0]["source_id"]
    write_manifest(corpus_copy, rows)
    lines = row_lines(corpus_copy)
    assert messages(corpus_copy) == [
        f"{corpus_copy / 'sources.csv'}:{lines[2]}: duplicate source_id '{rows[0]['source_id']}' "
        f"(first on line {lines[0]})"
    ]


def test_listed_file_missing_suggests_near_match(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    i = hyphenated_row(rows)
    name = rows[i]["file"]
    rows[i]["file"] = "nothing-like-it.txt"
    write_manifest(corpus_copy, rows)
    line = row_lines(corpus_copy)[i]
    assert messages(corpus_copy) == [
        f"{corpus_copy / 'sources.csv'}:{line}: unknown file 'nothing-like-it.txt'",
        f"{corpus_copy / 'articles' / name}: article file not in the manifest (add a row for it to sources.csv)",
    ]
    near = name.replace("-", "_")
    rows[i]["file"] = near
    write_manifest(corpus_copy, rows)
    line = row_lines(corpus_copy)[i]
    assert f"{corpus_copy / 'sources.csv'}:{line}: unknown file '{near}' (did you mean '{name}'?)" in (
        messages(corpus_copy)
    )


def test_article_not_in_manifest(corpus_copy: Path) -> None:
    (corpus_copy / "articles" / "stray.txt").write_text("A stray article.", encoding="utf-8")
    assert messages(corpus_copy) == [
        f"{corpus_copy / 'articles' / 'stray.txt'}: article file not in the manifest (add a row for it to sources.csv)"
    ]


def test_invalid_utf8_names_the_byte_offset(corpus_copy: Path) -> None:
    path = corpus_copy / "articles" / last_file(corpus_copy)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" + data[100:])
    msgs = messages(corpus_copy)
    assert f"{path}: not valid UTF-8 (bad byte 0xff at byte offset 100)" in msgs


def test_empty_article(corpus_copy: Path) -> None:
    path = corpus_copy / "articles" / last_file(corpus_copy)
    path.write_text("  \n", encoding="utf-8")
    assert f"{path}: article is empty (no visible characters)" in messages(corpus_copy)


def test_sha256_mismatch_reports_the_files_hash(corpus_copy: Path) -> None:
    name = read_manifest(corpus_copy)[0]["file"]
    path = corpus_copy / "articles" / name
    path.write_bytes(path.read_bytes() + b" ")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (msg,) = messages(corpus_copy)
    line = row_lines(corpus_copy)[0]
    assert msg.startswith(f"{corpus_copy / 'sources.csv'}:{line}: sha256 of '{name}' does not match")
    assert digest in msg


@pytest.mark.parametrize("bad", ["13/12/2024", "2024-13-01", "2024-02-30", "", "December 13"])
def test_unparseable_date(corpus_copy: Path, bad: str) -> None:
    rows = read_manifest(corpus_copy)
    rows[1]["published"] = bad
    write_manifest(corpus_copy, rows)
    line = row_lines(corpus_copy)[1]
    assert messages(corpus_copy) == [
        f"{corpus_copy / 'sources.csv'}:{line}: unparseable date '{bad}' in 'published' (expected YYYY-MM-DD)"
    ]


def test_bad_published_basis(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    rows[0]["published_basis"] = "inferred:"
    write_manifest(corpus_copy, rows)
    assert "published_basis 'inferred:' must be 'stated' or 'inferred: <reasoning>'" in messages(corpus_copy)[0]


def test_every_problem_is_reported_not_only_the_first(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    rows[0]["published"] = "soon"
    rows[1]["file"] = "gone.txt"
    write_manifest(corpus_copy, rows)
    assert len(messages(corpus_copy)) == 3  # bad date, unknown file, and that file now unlisted


def test_ragged_row(corpus_copy: Path) -> None:
    path = corpus_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    path.write_text(text + "only,three,fields\n", encoding="utf-8")
    fields = len(config.MANIFEST_COLUMNS)
    assert messages(corpus_copy) == [f"{path}:{text.count(chr(10)) + 1}: expected {fields} fields, found 3"]


def test_load_raises_input_error_with_all_problems(corpus_copy: Path) -> None:
    (corpus_copy / "articles" / last_file(corpus_copy)).write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_corpus(corpus_copy)
    assert len(info.value.problems) >= 1


def test_a_sixth_article_is_just_a_file_and_a_row(corpus_copy: Path) -> None:
    text = "On December 9, 2024, Reuters reported that the new authorities met in Damascus.\n"
    (corpus_copy / "articles" / "sixth.txt").write_text(text, encoding="utf-8")
    rows = read_manifest(corpus_copy)
    rows.append(
        dict(
            rows[0],
            source_id="sixth",
            file="sixth.txt",
            outlet="unknown",
            published="2024-12-10",
            published_basis="stated",
            credits="Reuters",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
    )
    write_manifest(corpus_copy, rows)
    loaded = load_corpus(corpus_copy)
    assert len(loaded) == len(rows)
    assert loaded.loc["sixth", "credits"] == ("Reuters",)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_article_bytes_give_problems_not_tracebacks(corpus_copy: Path, data: bytes) -> None:
    (corpus_copy / "articles" / last_file(corpus_copy)).write_bytes(data)
    problems = validate_corpus(corpus_copy)
    assert problems, "a changed file can never match its recorded sha256"
    assert all(str(p).startswith(str(corpus_copy)) for p in problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_manifest_text_gives_problems_not_tracebacks(corpus_copy: Path, text: str) -> None:
    (corpus_copy / "sources.csv").write_text(text, encoding="utf-8")
    assert validate_corpus(corpus_copy)


# --- the command line ------------------------------------------------------------------------


def test_cli_ok() -> None:
    done = run_cli("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    n = len(read_manifest(config.DEFAULT_CORPUS_DIR))
    assert done.stdout.splitlines()[0] == f"ok: {n} articles"


def test_cli_reports_one_line_per_problem_and_exit_1(corpus_copy: Path) -> None:
    rows = read_manifest(corpus_copy)
    rows[-1]["file"] = "x.txt"
    write_manifest(corpus_copy, rows)
    line = row_lines(corpus_copy)[-1]
    done = run_cli("validate", str(corpus_copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines()[0].startswith(f"{corpus_copy / 'sources.csv'}:{line}: unknown file 'x.txt'")


def test_cli_honours_corpus_dir_env(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    (corpus_copy / "sources.csv").unlink()
    monkeypatch.setenv(config.CORPUS_ENV, str(corpus_copy))
    assert main(["validate"]) == 1
    assert "missing manifest" in capsys.readouterr().out
