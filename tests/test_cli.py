"""The command line's table writer: CSV for DataFrames, JSON for lists and dicts; spreadsheet-saved CSVs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import cli, config
from helpers.claims import coding, disagreements
from helpers.core.files import read_table
from helpers.corpus.load import Corpus


def test_write_table_writes_frames_as_csv_and_lists_as_json(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": ["x", "y"]})
    assert cli.write_table(tmp_path / "t.csv", frame) == "2 rows"
    assert read_table(tmp_path / "t.csv", ["a"])["a"].tolist() == ["x", "y"]
    notes = [{"exact": "Damascus’s “fall”", "start": 3}]
    assert cli.write_table(tmp_path / "n.jsonld", notes) == "1 items"
    text = (tmp_path / "n.jsonld").read_text(encoding="utf-8")
    assert "“fall”" in text  # not \u-escaped
    assert json.loads(text) == notes
    assert cli.write_table(tmp_path / "d.json", {"k": 1}) == "1 keys"


def test_tables_command_writes_the_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "TABLE_BUILDERS", (disagreements.claim_tables, coding.annotation_tables))
    assert cli.main(["tables", str(config.DEFAULT_CORPUS_DIR), "--out", str(tmp_path)]) == 0
    notes = json.loads((tmp_path / "annotations.jsonld").read_text(encoding="utf-8"))
    rows = pd.read_csv(tmp_path / "claims_by_source.csv")
    assert len(notes) == len(rows) > 0
    assert all(n["type"] == "Annotation" for n in notes)
    assert "annotations.jsonld (" in capsys.readouterr().out


def test_a_manifest_saved_with_a_byte_order_mark_validates(
    corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = corpus_copy / config.MANIFEST_NAME
    manifest.write_bytes(manifest.read_text(encoding="utf-8").encode("utf-8-sig"))
    assert cli.main(["validate", str(corpus_copy)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_spreadsheet_safe_export_neutralises_formulas_and_default_is_verbatim() -> None:
    frame = pd.DataFrame({"quote": ["=HYPERLINK(1)", "+1", "-2 dead", "@x", "plain"], "n": [1, 2, 3, 4, 5]})
    safe = cli.spreadsheet_safe(frame)
    assert list(safe["quote"]) == ["'=HYPERLINK(1)", "'+1", "'-2 dead", "'@x", "plain"]
    assert list(safe["n"]) == [1, 2, 3, 4, 5]
    assert frame.at[0, "quote"] == "=HYPERLINK(1)"  # the default export is untouched


def test_tables_accepts_spreadsheet_safe(tmp_path: Path) -> None:
    assert cli.main(["tables", str(config.DEFAULT_CORPUS_DIR), "--out", str(tmp_path), "--spreadsheet-safe"]) == 0
    quotes = pd.read_csv(tmp_path / "claims_by_source.csv", dtype=str, keep_default_na=False)["quote"]
    assert not quotes.str.match(r"^[=+\-@]").any()


def test_tables_reads_the_codings_once_and_hands_them_to_every_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    """One read of the codings in ``build_tables``; no builder reads them again."""
    from helpers.corpus.load import load_corpus
    from helpers.timeline import dated

    reads: list[str] = []
    real = coding.read_codings

    def counted(corpus: Corpus) -> coding.Codings:
        reads.append("read")
        return real(corpus)

    monkeypatch.setattr(cli, "read_codings", counted)
    for module in (coding, disagreements, dated):
        monkeypatch.setattr(module, "read_codings", lambda corpus: pytest.fail("a builder re-read the codings"))
    corpus = load_corpus(config.DEFAULT_CORPUS_DIR)
    tables = cli.build_tables(corpus)
    assert reads == ["read"]
    assert {"claims_by_source.csv", "annotations.jsonld", "events.csv"} <= set(tables)
    assert (tables["events.csv"]["claim_ids"] != "").any()  # the claims were joined to the events


def test_the_builders_still_read_the_codings_when_called_alone() -> None:
    """Notebooks and older callers pass only the corpus: each builder then reads the codings itself."""
    from helpers.corpus.load import load_corpus
    from helpers.timeline import dated

    corpus = load_corpus(config.DEFAULT_CORPUS_DIR)
    codings = coding.read_codings(corpus)
    for builder in (disagreements.claim_tables, coding.annotation_tables, dated.timeline_tables):
        alone, given = builder(corpus), builder(corpus, codings)
        assert alone.keys() == given.keys()
        for name, table in alone.items():
            if isinstance(table, pd.DataFrame):
                pd.testing.assert_frame_equal(table, given[name])
            else:
                assert table == given[name]
