"""Tests of saving new codings: rows kept, quotes checked, a second coder beside the reference."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest

from helpers.claims.authoring import coder_slug, next_claim_ids, save_codings
from helpers.claims.coding import read_codings, validate_codings
from helpers.core.errors import InputError
from helpers.corpus.load import load_corpus
from tests.claims.samples import build

NEW = {
    "claim_id": "C004",
    "source_id": "wire-b",
    "quote": "His brother fled to Iraq.",
    "stance": "asserts",
    "attributed_to": "",
    "attribution_kind": "none",
}


def rows(*dicts: dict) -> pd.DataFrame:
    return pd.DataFrame(list(dicts))


def test_a_save_appends_and_keeps_every_row_and_its_order(tmp_path: Path) -> None:
    root = build(tmp_path)
    before = (root / "evidence.csv").read_text(encoding="utf-8")
    saved = save_codings(load_corpus(root), rows(NEW))
    after = (root / "evidence.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    assert saved.files == (root / "evidence.csv",)
    quote = saved.evidence.at[0, "quote"]
    text = load_corpus(root).at["wire-b", "text"]
    assert text[saved.evidence.at[0, "start"] : saved.evidence.at[0, "end"]] == quote
    assert validate_codings(load_corpus(root)) == []


def test_a_new_claim_gets_the_next_id_and_evidence_can_point_at_it(tmp_path: Path) -> None:
    root = build(tmp_path)
    claim = {"topic": "allies", "statement": "A brother fled abroad"}
    saved = save_codings(load_corpus(root), rows(dict(NEW, claim_id="new:1")), rows(claim))
    assert saved.claim_ids == ("C005",)
    codings = read_codings(load_corpus(root))
    assert codings.claims.at["C005", "statement"] == "A brother fled abroad"
    assert list(codings.evidence["claim_id"])[-1] == "C005"
    assert [p.name for p in saved.files] == ["claims.csv", "evidence.csv"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quote": "fled to Irak"}, "quote not found in wire-b"),
        ({"quote": "rother fled to Iraq"}, "starts inside the word 'brother'"),
        ({"stance": "assert"}, "unknown stance 'assert'"),
        ({"claim_id": "C003"}, "duplicate coding of (C003, wire-b)"),
    ],
)
def test_a_bad_row_is_refused_and_nothing_is_written(tmp_path: Path, change: dict, message: str) -> None:
    root = build(tmp_path)
    before = {p.name: p.read_bytes() for p in root.glob("*.csv")}
    with pytest.raises(InputError) as info:
        save_codings(load_corpus(root), rows(dict(NEW, **change)))
    assert any(message in str(p) for p in info.value.problems), info.value.problems
    assert {p.name: p.read_bytes() for p in root.glob("*.csv")} == before


def test_a_quote_found_twice_needs_its_occurrence(tmp_path: Path) -> None:
    root = build(tmp_path)
    corpus = load_corpus(root)
    row = dict(NEW, claim_id="C003")
    row["source_id"], row["quote"] = "paper", "commander"  # 'a commander said', 'An HTS commander denied'
    assert corpus.at["paper", "text"].count("commander") == 2
    with pytest.raises(InputError, match="occurs"):
        save_codings(corpus, rows(row))
    saved = save_codings(corpus, rows(dict(row, occurrence="2")))
    assert "occurrence" in (root / "evidence.csv").read_text(encoding="utf-8").splitlines()[0]
    assert validate_codings(load_corpus(root)) == [] and len(saved.evidence) == 1


def test_a_second_coder_saves_beside_the_reference(tmp_path: Path) -> None:
    root = build(tmp_path)
    before = (root / "evidence.csv").read_bytes()
    saved = save_codings(load_corpus(root), rows(NEW), coder="Ana Lee")
    assert saved.files == (root / "evidence.ana-lee.csv",)
    assert (root / "evidence.csv").read_bytes() == before
    save_codings(load_corpus(root), rows(dict(NEW, claim_id="C001")), coder="Ana Lee")
    assert len(pd.read_csv(root / "evidence.ana-lee.csv")) == 2
    with pytest.raises(InputError):
        coder_slug("  !! ")


def test_concurrent_saves_keep_every_row(tmp_path: Path) -> None:
    root = build(tmp_path)
    corpus = load_corpus(root)
    n_before = len(pd.read_csv(root / "evidence.csv"))
    picks = [dict(NEW, claim_id=c) for c in ("C004", "C002")]
    errors: list[Exception] = []

    def save(row: dict) -> None:
        try:
            save_codings(corpus, rows(row))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(p,)) for p in picks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(pd.read_csv(root / "evidence.csv")) == n_before + len(picks)


def test_next_claim_ids() -> None:
    assert next_claim_ids(pd.Series(["C001", "C010", "x"]), 2) == ["C011", "C012"]
    assert next_claim_ids(pd.Series([], dtype=object), 1) == ["C001"]


@pytest.mark.parametrize("fail_on", [1, 2])
def test_a_save_interrupted_at_any_write_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_on: int
) -> None:
    from helpers.claims import authoring

    root = build(tmp_path)
    before = {p.name: p.read_bytes() for p in root.glob("*.csv")}
    real, calls = authoring.write_atomic, []

    def interrupted(path: Path, data: str) -> None:
        calls.append(path)
        if len(calls) == fail_on:
            raise KeyboardInterrupt  # the kernel stopped mid-save
        real(path, data)

    monkeypatch.setattr(authoring, "write_atomic", interrupted)
    claim = {"topic": "allies", "statement": "A brother fled abroad"}
    with pytest.raises(KeyboardInterrupt):
        save_codings(load_corpus(root), rows(dict(NEW, claim_id="new:1")), rows(claim))
    after = {p.name: p.read_bytes() for p in root.glob("*.csv")}
    for name, data in before.items():
        assert after[name].startswith(data)  # every row that was there is still there, in order
    problems = validate_codings(load_corpus(root))
    assert [p for p in problems if not p.warning] == []  # at worst a claim nobody codes yet (a warning)
