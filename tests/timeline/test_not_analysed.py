"""An article in another language is reported as not analysed, with its language, wherever dates are counted.

A French or an Arabic dispatch gives the English date finder nothing to find: its dates are missing,
never "no dates". The corpus is built in a temporary directory, laid out as the shipped one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import cli
from helpers.corpus.load import load_corpus
from helpers.timeline import dated as TL
from helpers.timeline import lanes as L
from helpers.timeline import views as V
from tests.conftest import make_corpus

ENGLISH = (
    "Rebels entered Damascus on Sunday, December 8, and the president left the capital by plane.\n"
    "On December 6, the rebels took the southern city of Daraa, the ministry said."
)
FRENCH = (
    "Les rebelles sont entrés dans Damas le dimanche 8 décembre, et le président a quitté la capitale.\n"
    "Le 6 décembre, les rebelles ont pris la ville de Deraa, selon le ministère, qui a confirmé la nouvelle."
)
ARABIC = (
    "دخل المتمردون دمشق يوم الأحد الثامن من ديسمبر وغادر الرئيس العاصمة بالطائرة.\n"
    "وفي السادس من ديسمبر سيطر المتمردون على مدينة درعا في الجنوب بحسب الوزارة."
)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus", {"en-wire": ENGLISH, "fr-depeche": FRENCH, "ar-khabar": ARABIC})


def test_not_analysed_names_each_article_and_its_language(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    mentions = TL.temporal_mentions(corpus)
    skipped = TL.not_analysed(mentions)
    assert list(skipped.columns) == TL.NOT_ANALYSED_COLUMNS
    assert dict(zip(skipped["source_id"], skipped["language"], strict=True)) == {"fr-depeche": "fr", "ar-khabar": "ar"}
    assert TL.not_analysed_lines(skipped) == [
        "not analysed: fr-depeche is in fr; its dates are missing, not absent",
        "not analysed: ar-khabar is in ar; its dates are missing, not absent",
    ]
    ev = TL.events(corpus, mentions)  # the charts' table: dated events only
    assert set(ev["source_id"]) == {"en-wire"} and list(ev.columns) == list(TL.EVENT_COLUMNS)


def test_events_csv_has_one_not_analysed_row_per_article_in_another_language(corpus_dir: Path, tmp_path: Path) -> None:
    corpus = load_corpus(corpus_dir)
    tables = TL.timeline_tables(corpus)
    ev, mentions = tables["events.csv"], tables["temporal_mentions.csv"]
    assert list(ev.columns) == [*TL.EVENT_COLUMNS, "claim_ids", "topics"]  # the contract, unchanged
    assert list(dict.fromkeys(ev["source_id"])) == list(corpus.index)  # manifest order
    rows = ev[ev["type"] == "not_analysed"]
    assert dict(zip(rows["source_id"], rows["mention"], strict=True)) == {"fr-depeche": "fr", "ar-khabar": "ar"}
    assert set(rows["date"]) == set(rows["value"]) == set(rows["granularity"]) == {""}
    assert rows["context"].str.startswith("not analysed (language: ").all()
    # the same rows as in temporal_mentions.csv: type not_analysed, the language as the text
    same = mentions[mentions["type"] == "not_analysed"]
    assert dict(zip(same["source_id"], same["text"], strict=True)) == dict(
        zip(rows["source_id"], rows["mention"], strict=True)
    )
    dated = ev[ev["type"] != "not_analysed"]
    assert set(dated["source_id"]) == {"en-wire"} and "2024-12-08" in set(dated["date"])
    # written by the CLI and read back, the rows survive
    assert cli.main(["tables", str(corpus_dir), "--out", str(tmp_path / "out")]) == 0
    back = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str, keep_default_na=False)
    assert sorted(back.loc[back["type"] == "not_analysed", "source_id"]) == ["ar-khabar", "fr-depeche"]


def test_counts_per_article_are_missing_not_zero_and_the_charts_draw_no_mark(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    tables = TL.timeline_tables(corpus)
    mentions, ev_csv = tables["temporal_mentions.csv"], tables["events.csv"]
    skipped = TL.not_analysed(mentions)
    sources = list(corpus.index)
    for ev in (TL.events(corpus, mentions), ev_csv):  # the not_analysed rows are no events to draw
        marks = L.collapse_table(ev, None, "2024-12-05", "2024-12-09", sources=sources)
        assert set(marks.loc[marks["kind"] == "article", "lane"]) == {"en-wire"}
        counts = L.day_counts(marks, skipped["source_id"])
        assert list(counts.columns) == sources
        assert counts["fr-depeche"].isna().all() and counts["ar-khabar"].isna().all()
        assert counts["en-wire"].notna().all() and counts["en-wire"].sum() >= 2
        assert L.day_counts(marks)["fr-depeche"].eq(0).all()  # without the list, nothing says why
        V.collapse_chart(marks)
        night = L.night_lanes(ev, TL.outside_or_empty(corpus), "2024-12-08T00:00", "2024-12-09T00:00", sources=sources)
        assert set(night["lane"]) <= {"en-wire"}
        V.night_chart(night, sources)
        V.day_chart(L.day_lanes(ev, TL.outside_or_empty(corpus), "2024-12-05", "2024-12-09", sources=sources))


def test_an_outlet_lane_is_missing_only_when_none_of_its_articles_was_read() -> None:
    marks = pd.DataFrame(columns=L.COLLAPSE_COLUMNS).astype({"range": bool})
    marks.loc[0] = ["AFP", 1, "article", "day", "2024-12-08", "", "", "", "", False, False, ""]
    marks.attrs.update(sources=["AFP", "Le Monde"], lane_of={"afp-en": "AFP", "afp-fr": "AFP", "lm": "Le Monde"})
    counts = L.day_counts(marks, ["afp-fr", "lm"])
    assert counts.loc["2024-12-08", "AFP"] == 1 and pd.isna(counts.loc["2024-12-08", "Le Monde"])


@pytest.mark.slow
def test_notebook_03_names_the_articles_not_analysed_and_draws_them_nothing(tmp_path: Path) -> None:
    """Notebook 03 on the shipped corpus plus a French and an Arabic dispatch: no error, one line each."""
    import csv
    import hashlib
    import html
    import shutil

    from helpers import config
    from helpers.display.notebook import NOTEBOOKS_DIR
    from tests.notebooks_run import execute_on

    corpus_dir = tmp_path / "corpus"
    shutil.copytree(config.DEFAULT_CORPUS_DIR, corpus_dir)
    with (corpus_dir / config.MANIFEST_NAME).open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(config.MANIFEST_COLUMNS), lineterminator="\n")
        for sid, text in (("fr-depeche", FRENCH), ("ar-khabar", ARABIC)):
            (corpus_dir / config.ARTICLES_DIRNAME / f"{sid}.txt").write_text(text, encoding="utf-8")
            writer.writerow(
                {c: "" for c in config.MANIFEST_COLUMNS}
                | {"source_id": sid, "file": f"{sid}.txt", "outlet": sid.upper(), "published": "2024-12-08",
                   "published_basis": "stated", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
            )  # fmt: skip
    assert {"fr-depeche", "ar-khabar"} <= set(load_corpus(corpus_dir).index)
    nb = execute_on(NOTEBOOKS_DIR / "03-day-by-day.ipynb", corpus_dir, tmp_path / "students", "with two non-English")
    cell = next(c for c in nb.cells if c.get("id") == "nb03-05")
    printed = "".join(o.get("text", "") for o in cell.outputs)
    assert "not analysed: fr-depeche is in fr; its dates are missing, not absent" in printed
    assert "not analysed: ar-khabar is in ar; its dates are missing, not absent" in printed
    tables = "".join(html.unescape(o.get("data", {}).get("text/html", "")) for o in cell.outputs)
    assert "not analysed" in tables  # the per-day counts leave their lanes missing, not 0
