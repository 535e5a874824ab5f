"""Notebook display: tables render deterministic HTML with every cell and label escaped once."""

from __future__ import annotations

import pandas as pd

from helpers.display.notebook import table_style, to_html

RAW = "<script>alert(1)</script>"


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"text": [RAW, "Tom & Jerry"], "share": [0.12345, None]}, index=pd.Index(["<b>x</b>", "y"], name="<id>")
    )


def test_a_frame_with_markup_renders_escaped() -> None:
    page = to_html(frame())
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page  # index labels too
    assert "&lt;id&gt;" in page  # and the index name
    assert "Tom &amp; Jerry" in page and "&amp;amp;" not in page  # escaped exactly once
    assert 'id="T_fixed' in page and page == to_html(frame())  # deterministic


def test_a_styler_keeps_its_formatting_and_is_still_escaped() -> None:
    page = to_html(table_style(frame(), precision=2, na_rep="n/c"))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "0.12" in page and "0.123" not in page and "n/c" in page
    bold = frame().style.format({"text": lambda v: f"<i>{v}</i>"})  # a formatter's own markup survives
    page = to_html(bold)
    assert "<i>&lt;script&gt;" in page and "<script>" not in page


def test_a_series_and_a_frame_without_index() -> None:
    page = to_html(frame()["text"], index=True)
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;x" not in to_html(frame(), index=False)


def test_the_caller_s_styler_is_left_alone_and_raw_html_is_opt_in() -> None:
    styler = table_style(frame())
    to_html(styler)
    assert "<script>" in styler.to_html()  # to_html escaped a copy
    ready = pd.DataFrame({"link": ["<a href='02-claims-by-source.ipynb'>02</a>"]})
    assert "<a href='02-claims-by-source.ipynb'>02</a>" in to_html(ready, escape=False)


def test_a_missing_part_is_one_escaped_line() -> None:
    from helpers.display.notebook import missing_html

    line = missing_html("claim codings <b>", "write claims.csv & evidence.csv")
    assert "<b>" not in line.replace("<strong>", "").replace("</strong>", "").replace("</b>", "")
    assert "&lt;b&gt;" in line and "&amp;" in line and "\n" not in line


def test_corpus_notes_are_read_small_regular_and_optional(tmp_path) -> None:
    import pytest

    from helpers.core.errors import InputError
    from helpers.display.notebook import note_path, read_note

    assert read_note(tmp_path, "02") == ""
    path = note_path(tmp_path, "02")
    path.parent.mkdir()
    path.write_text("**Who rewrote whom** <script>x</script>\n", encoding="utf-8")
    assert read_note(tmp_path, "02").startswith("**Who rewrote whom**")
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(InputError, match="regular file"):
        read_note(tmp_path, "02")


def test_notebook_gaps_name_each_missing_part(tmp_path) -> None:
    """validate's info lines: one per part a notebook will lack; none for a part that is there."""
    from helpers.display.notebook import notebook_gaps

    (tmp_path / "claims.csv").write_text("claim_id,topic,statement\n", encoding="utf-8")
    gaps = notebook_gaps(tmp_path)
    assert "note: 02 claims by source: no slots.csv (no competing-claim questions)" in gaps
    assert not any("no claims.csv" in g for g in gaps)
    assert any(g.startswith("note: all: no event.toml") for g in gaps)
    (tmp_path / "event.toml").write_text('title = "x"\n', encoding="utf-8")
    assert not any("event.toml" in g for g in notebook_gaps(tmp_path))
