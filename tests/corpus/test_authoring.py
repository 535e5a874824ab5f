"""A corpus from scratch: ``new`` lays it out, ``add`` stores articles (text or saved page) and their manifest rows."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import cli, config
from helpers.core.files import read_table
from helpers.corpus import AuthoringError, add_article, load_corpus, new_corpus
from helpers.corpus.inputs import extract_page, first_line_headline, normalise_layout, normalised_text, slug

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE = FIXTURES / "saved-news-page.html"
STORY = (
    "Ferry service suspended\n"
    "The harbour authority suspended the island ferry on Tuesday after a crack was found in the loading ramp, "
    "a spokesperson said.\n"
    "Passengers were offered places on the evening boat from the north pier.\n"
)


def manifest(cdir: Path) -> list[dict[str, str]]:
    return read_table(cdir / config.MANIFEST_NAME, config.MANIFEST_COLUMNS, config.MANIFEST_OPTIONAL_COLUMNS).to_dict(
        "records"
    )


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A corpus laid out by ``new``."""
    new_corpus(tmp_path / "event")
    return tmp_path / "event"


# --- new ---


def test_new_lays_out_an_empty_manifest_articles_an_event_toml_and_a_readme(tmp_path: Path) -> None:
    written = new_corpus(tmp_path / "mine")
    cdir = tmp_path / "mine"
    assert {p.name for p in written} == {"articles", "sources.csv", "event.toml", "README.md"}
    assert (cdir / "articles").is_dir() and not any((cdir / "articles").iterdir())
    assert (cdir / "sources.csv").read_text(encoding="utf-8") == ",".join(config.MANIFEST_COLUMNS) + "\n"
    readme = (cdir / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# mine\n")
    assert "python -m helpers add" in readme and "sources.csv" in readme and "event.toml" in readme
    assert "## Offsets, and what they count" in readme and "Unicode characters" in readme


def test_event_toml_template_parses_and_follows_the_contract(fresh: Path) -> None:
    from helpers.corpus.settings import read_settings

    text = (fresh / "event.toml").read_text(encoding="utf-8")
    event = tomllib.loads(text)
    assert event["timezone"] == "UTC" and event["topics"] == []
    assert event["classroom"] == {"whose_word": "", "better_sourced": "", "outside_date": "", "dropped_caveat": ""}
    assert read_settings(fresh).classroom == {}  # as written, every value is a default
    # every commented key, uncommented, is read by the settings reader without a problem
    opened = re.sub(
        r"^# (\[window\]|\[focus\]|start = |end = |label = |title = |question = |outlets = |outside_kinds = )",
        r"\1",
        text,
        flags=re.M,
    )
    opened = re.sub(r"^# (topics = )", r"\1", opened, flags=re.M).replace("topics = []\n", "", 1)
    (fresh / "event.toml").write_text(opened, encoding="utf-8")
    settings = read_settings(fresh)
    assert settings.window[0] < settings.window[1] and settings.focus[0] < settings.focus[1]
    assert settings.title and settings.question and settings.focus_label
    assert settings.topics and settings.outlets and "publication" in settings.outside_kinds


def test_event_toml_template_names_no_shipped_event(fresh: Path) -> None:
    text = (fresh / "event.toml").read_text(encoding="utf-8") + (fresh / "README.md").read_text(encoding="utf-8")
    for word in ("Assad", "Syria", "Damascus", "Reuters", "2024-11-27", "2024-12-08"):
        assert word not in text


def test_new_accepts_an_empty_directory_and_refuses_a_non_empty_one(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    new_corpus(tmp_path / "empty")
    with pytest.raises(AuthoringError, match="not empty"):
        new_corpus(tmp_path / "empty")
    write(tmp_path / "a-file", "x")
    with pytest.raises(AuthoringError, match="not a directory"):
        new_corpus(tmp_path / "a-file")


# --- add: text files and saved pages, then validate ---


def test_new_then_add_a_text_and_a_saved_page_validates(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write(fresh.parent / "ferry.txt", STORY)
    row = add_article(fresh, story, outlet="Island Gazette", published="2023-05-02")
    assert row["source_id"] == "island-gazette-2023-05-02" and row["file"] == "island-gazette-2023-05-02.txt"
    assert (fresh / "articles" / "island-gazette-2023-05-02.txt").read_bytes() == story.read_bytes()  # byte for byte
    assert row["sha256"] == hashlib.sha256(story.read_bytes()).hexdigest()
    assert row["published_basis"] == "stated" and "Given on the command line: outlet, published." in row["notes"]
    page = add_article(fresh, PAGE)
    assert page["published"] == "2023-03-17"
    assert [r["source_id"] for r in manifest(fresh)] == ["island-gazette-2023-05-02", page["source_id"]]
    assert cli.main(["validate", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 2 articles") and "warning" not in out
    assert set(load_corpus(fresh)["outlet"]) == {"Island Gazette", "The Valley Courier"}


def test_a_saved_page_gives_main_text_and_metadata_without_page_furniture(fresh: Path) -> None:
    row = add_article(fresh, PAGE)
    text = (fresh / "articles" / row["file"]).read_text(encoding="utf-8")
    assert text == extract_page(PAGE.read_bytes()).text  # stored exactly as extracted
    assert "Council engineers closed the Old Mill bridge" in text
    assert "School buses will follow the diversion" in text
    for furniture in ("cookies", "Subscribe", "Related stories", "newsletter", "All rights reserved", "Sport"):
        assert furniture not in text
    assert row["headline"] == "Bridge closed after river rises at Marrowby"
    assert row["byline"] == "Petra Lindqvist"
    assert row["outlet"] == "The Valley Courier"
    assert (row["published"], row["published_basis"]) == ("2023-03-17", "stated")
    assert "trafilatura 2.3.1" in row["notes"]
    assert "From the page: headline (title), byline (author), outlet (site name), published" in row["notes"]
    assert hashlib.sha256(PAGE.read_bytes()).hexdigest() in row["notes"]  # the saved page's own hash
    assert row["source_id"].startswith("the-valley-courier-2023-03-17-bridge")


def test_values_given_on_the_command_line_win_over_the_page_and_say_so(fresh: Path) -> None:
    row = add_article(
        fresh,
        PAGE,
        source_id="courier-bridge",
        outlet="Valley Courier",
        published="2023-03-16",
        published_basis="inferred: the print edition of the day before carried it",
        credits="Teller Vale District Council",
    )
    assert (row["source_id"], row["outlet"], row["published"]) == ("courier-bridge", "Valley Courier", "2023-03-16")
    assert row["published_basis"].startswith("inferred: ")
    assert "Given on the command line: outlet, published, credits." in row["notes"]
    assert "The page said outlet 'The Valley Courier', published '2023-03-17'." in row["notes"]
    assert "From the page: headline (title), byline (author)." in row["notes"]
    assert cli.main(["validate", str(fresh)]) == 0


def test_a_page_without_metadata_needs_a_date_and_leaves_the_rest_to_the_conventions(fresh: Path) -> None:
    body = "<p>" + " ".join(["The committee met again on Monday and agreed to publish its report in June."] * 4)
    bare = write(fresh.parent / "bare.htm", f"<html><body>{body}</p><p>Published 3 March 2021.</p></body></html>")
    with pytest.raises(AuthoringError, match="no publication date found; give --published"):
        add_article(fresh, bare)  # a date in the running text is not the page's date
    row = add_article(fresh, bare, published="2022-06-01")
    assert (row["outlet"], row["headline"], row["byline"]) == (config.UNKNOWN_OUTLET, "", "")
    assert row["source_id"] == "bare"  # from the file name when there is neither outlet nor headline
    assert "Not in the page: headline, byline, outlet, published." in row["notes"]
    assert "Outlet unknown: not given and not found." in row["notes"]
    assert cli.main(["validate", str(fresh)]) == 0


def test_a_page_in_another_encoding_is_read_by_its_declared_charset(fresh: Path) -> None:
    para = "Le café de la gare a fermé ses portes après trente ans, a déclaré le maire. " * 3
    html = '<html><head><meta charset="iso-8859-1"><meta property="og:site_name" content="Le Café"></head>'
    page = write(
        fresh.parent / "cafe.html", (html + f"<body><article><p>{para}</p></article></body></html>").encode("latin-1")
    )
    row = add_article(fresh, page, published="2022-06-01")
    assert row["outlet"] == "Le Café" and row["source_id"] == "le-cafe-2022-06-01"
    assert "Le café de la gare a fermé" in (fresh / "articles" / "le-cafe-2022-06-01.txt").read_text(encoding="utf-8")


def test_a_page_with_no_text_is_refused(fresh: Path) -> None:
    empty = write(fresh.parent / "empty.html", "<html><head><title>Nothing</title></head><body> </body></html>")
    with pytest.raises(AuthoringError, match="no article text found"):
        add_article(fresh, empty, published="2022-06-01")
    assert manifest(fresh) == []


# --- line ends and byte-order marks (issue 16) ---


@pytest.mark.parametrize(
    "data", [STORY.replace("\n", "\r\n").encode(), b"\xef\xbb\xbf" + STORY.encode(), STORY.replace("\n", "\r").encode()]
)
def test_crlf_and_bom_are_normalised_on_the_way_in_and_the_original_hash_noted(fresh: Path, data: bytes) -> None:
    row = add_article(fresh, write(fresh.parent / "win.txt", data), published="2023-05-02")
    stored = (fresh / "articles" / row["file"]).read_bytes()
    assert stored == STORY.encode()
    assert f"the original file's sha256 was {hashlib.sha256(data).hexdigest()}" in row["notes"]
    corpus = load_corpus(fresh)
    assert corpus.warnings == []  # no CR or BOM left for offsets to count


def test_a_clean_text_is_stored_unchanged_and_gets_no_normalisation_note(fresh: Path) -> None:
    data = b"Mixed\ttabs  and  spaces\n\nkept as they are; no final newline"
    row = add_article(fresh, write(fresh.parent / "clean.txt", data), published="2023-05-02")
    assert (fresh / "articles" / row["file"]).read_bytes() == data
    assert "Line ends" not in row["notes"]


@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\n", "\r", "\ufeff"]), max_size=40))
def test_normalise_layout_leaves_no_cr_or_leading_bom_and_is_idempotent(text: str) -> None:
    out, changed = normalise_layout(text)
    assert "\r" not in out and not out.startswith("\ufeff")
    assert normalise_layout(out) == (out, False)
    assert changed == (out != text)
    assert out.count("\n") == text.count("\r\n") + (text.count("\r") - text.count("\r\n")) + (
        text.count("\n") - text.count("\r\n")
    )


# --- refusals ---


def test_the_same_text_twice_is_refused_naming_the_existing_row(fresh: Path) -> None:
    story = write(fresh.parent / "ferry.txt", STORY)
    add_article(fresh, story, outlet="Island Gazette", published="2023-05-02")
    with pytest.raises(
        AuthoringError, match=r"sources\.csv:2: the same text is already article 'island-gazette-2023-05-02'"
    ):
        add_article(fresh, story, outlet="Other", published="2023-05-03")
    variant = write(fresh.parent / "variant.txt", "  " + STORY.upper().replace("\n", "\n\n"))
    with pytest.raises(AuthoringError, match="already article 'island-gazette-2023-05-02'"):
        add_article(fresh, variant, published="2023-05-03")  # same text once whitespace and case are set aside
    assert len(manifest(fresh)) == 1
    assert sorted(p.name for p in (fresh / "articles").iterdir()) == ["island-gazette-2023-05-02.txt"]


def test_a_duplicate_id_is_refused_and_a_generated_id_is_made_unique(fresh: Path) -> None:
    add_article(fresh, write(fresh.parent / "a.txt", STORY), outlet="Island Gazette", published="2023-05-02")
    other = write(fresh.parent / "b.txt", STORY + "An update followed.\n")
    with pytest.raises(AuthoringError, match=r"sources\.csv:2: id 'island-gazette-2023-05-02' is already taken"):
        add_article(fresh, other, source_id="island-gazette-2023-05-02", published="2023-05-02")
    assert (
        add_article(fresh, other, outlet="Island Gazette", published="2023-05-02")["source_id"]
        == "island-gazette-2023-05-02-2"
    )
    write(fresh / "articles" / "stray.txt", "not listed")
    third = write(fresh.parent / "c.txt", "A third story.\n")
    with pytest.raises(AuthoringError, match=r"stray\.txt: already exists but is not in the manifest"):
        add_article(fresh, third, source_id="stray", published="2023-05-02")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source_id": "Not An Id"}, "must be lowercase letters, digits and hyphens"),
        ({"published": "2023-02-30"}, "unparseable date '2023-02-30'"),
        ({"published_basis": "my guess"}, "must be 'stated' or 'inferred: <reasoning>'"),
        ({"genre": "opinion"}, "genre 'opinion' must be one of news, narrative"),
        ({"published_time": "noon"}, "published_time 'noon' must be HH:MM"),
    ],
)
def test_values_validate_would_reject_are_refused_before_anything_is_written(
    fresh: Path, fields: dict[str, str], message: str
) -> None:
    with pytest.raises(AuthoringError, match=re.escape(message)):
        add_article(fresh, write(fresh.parent / "a.txt", STORY), **{"published": "2023-05-02", **fields})
    assert manifest(fresh) == [] and not any((fresh / "articles").iterdir())


def test_oversized_links_special_files_and_other_types_are_refused(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = write(fresh.parent / "a.txt", STORY)
    monkeypatch.setenv(config.MAX_ARTICLE_ENV, "50")
    with pytest.raises(AuthoringError, match="over the limit of 50 bytes"):
        add_article(fresh, story, published="2023-05-02")
    monkeypatch.delenv(config.MAX_ARTICLE_ENV)
    (fresh.parent / "link.txt").symlink_to(story)
    with pytest.raises(AuthoringError, match="is a symbolic link"):
        add_article(fresh, fresh.parent / "link.txt", published="2023-05-02")
    os.mkfifo(fresh.parent / "pipe.txt")
    with pytest.raises(AuthoringError, match="is not a regular file"):
        add_article(fresh, fresh.parent / "pipe.txt", published="2023-05-02")
    with pytest.raises(AuthoringError, match=r"cannot add a '\.pdf' file"):
        add_article(fresh, write(fresh.parent / "a.pdf", "%PDF"), published="2023-05-02")
    with pytest.raises(AuthoringError, match=r"not valid UTF-8 \(bad byte 0xe9 at byte offset 3\)"):
        add_article(fresh, write(fresh.parent / "latin.txt", b"Caf\xe9 news"), published="2023-05-02")
    with pytest.raises(AuthoringError, match="file not found"):
        add_article(fresh, fresh.parent / "missing.txt", published="2023-05-02")
    with pytest.raises(AuthoringError, match="not a corpus directory"):
        add_article(fresh.parent, story, published="2023-05-02")
    assert manifest(fresh) == []


def test_a_text_saved_straight_into_articles_is_registered_in_place(fresh: Path) -> None:
    inside = write(fresh / "articles" / "gazette-ferry.txt", STORY.replace("\n", "\r\n"))
    row = add_article(fresh, inside, published="2023-05-02")
    assert (row["source_id"], row["file"]) == ("gazette-ferry", "gazette-ferry.txt")
    assert inside.read_bytes() == STORY.encode()  # line ends normalised in place
    assert [p.name for p in (fresh / "articles").iterdir()] == ["gazette-ferry.txt"]
    assert cli.main(["validate", str(fresh)]) == 0
    other = write(fresh / "articles" / "second.txt", "Another story.\n")
    with pytest.raises(AuthoringError, match="already inside articles/"):
        add_article(fresh, other, source_id="renamed", published="2023-05-02")


# --- the manifest: existing rows kept, concurrent adds ---


def test_adding_to_the_shipped_corpus_keeps_every_existing_row_byte_for_byte(corpus_copy: Path) -> None:
    before = (corpus_copy / config.MANIFEST_NAME).read_bytes()
    add_article(
        corpus_copy, write(corpus_copy.parent / "a.txt", STORY), outlet="Island Gazette", published="2023-05-02"
    )
    after = (corpus_copy / config.MANIFEST_NAME).read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    assert cli.main(["validate", str(corpus_copy)]) == 0


def test_an_optional_column_given_is_added_and_existing_cells_are_kept(corpus_copy: Path) -> None:
    before = manifest(corpus_copy)
    add_article(corpus_copy, write(corpus_copy.parent / "a.txt", STORY), published="2023-05-02", genre="narrative")
    after = manifest(corpus_copy)
    cols = [*config.MANIFEST_COLUMNS]
    assert [{c: r[c] for c in cols} for r in after[:-1]] == [{c: r[c] for c in cols} for r in before]
    assert [r["genre"] for r in after] == [""] * len(before) + ["narrative"]
    assert cli.main(["validate", str(corpus_copy)]) == 0


def test_concurrent_adds_keep_every_row(fresh: Path) -> None:
    n = 12
    files = [write(fresh.parent / f"s{i}.txt", f"Story number {i}: the council met.\n") for i in range(n)]
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def add(path: Path) -> None:
        start.wait()
        try:
            add_article(fresh, path, outlet="Island Gazette", published="2023-05-02")
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(path,)) for path in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = manifest(fresh)
    assert len(rows) == n
    assert sorted(r["source_id"] for r in rows) == sorted(
        ["island-gazette-2023-05-02"] + [f"island-gazette-2023-05-02-{i}" for i in range(2, n + 1)]
    )
    assert len(load_corpus(fresh)) == n


# --- ids ---


@given(st.text(max_size=80))
def test_slug_is_a_valid_short_source_id_or_empty(text: str) -> None:
    out = slug(text)
    assert out == "" or re.fullmatch(r"[a-z0-9][a-z0-9-]*", out)
    assert len(out) <= 40 and "--" not in out and not out.endswith("-")


def test_slug_reads_accents_and_cuts_at_a_word() -> None:
    assert slug("Le Monde: Crise à l'Élysée") == "le-monde-crise-a-l-elysee"
    assert slug("The Valley Courier Bridge closed after river rises at Marrowby") == (
        "the-valley-courier-bridge-closed-after"
    )


def test_normalised_text_sets_aside_whitespace_case_bom_and_composition() -> None:
    assert normalised_text("\ufeffCafe\u0301  News\r\n") == normalised_text("café news")


# --- the command line ---


def test_cli_new_and_add_exit_0_and_refusals_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cdir = tmp_path / "event"
    assert cli.main(["new", str(cdir)]) == 0
    assert "created" in capsys.readouterr().out
    assert cli.main(["new", str(cdir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "not empty" in err
    story = write(tmp_path / "a.txt", STORY)
    assert cli.main(["add", str(cdir), str(story), "--outlet", "Island Gazette", "--published", "2023-05-02"]) == 0
    assert "added 'island-gazette-2023-05-02'" in capsys.readouterr().out
    assert cli.main(["add", str(cdir), str(story), "--published", "2023-05-02"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already article 'island-gazette-2023-05-02'" in err and "Traceback" not in err
    assert cli.main(["add", str(cdir), str(PAGE), "--id", "courier", "--credits", "Teller Vale District Council"]) == 0
    capsys.readouterr()
    assert cli.main(["add", str(cdir), str(tmp_path / "none.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert cli.main(["validate", str(cdir)]) == 0
    assert capsys.readouterr().out.startswith("ok: 2 articles")
    assert [r["credits"] for r in manifest(cdir)] == ["", "Teller Vale District Council"]


def _add_in_child(cdir: str, path: str) -> None:
    """Add one article in a child process (exit status 0 when added)."""
    add_article(cdir, path, published="2023-05-02")


def test_concurrent_adds_from_separate_processes_keep_every_row(fresh: Path) -> None:
    import multiprocessing

    # fork where there is one (the children share the imported package: no start-up cost); Windows spawns
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    files = [write(fresh.parent / f"p{i}.txt", f"Report {i} from the harbour meeting.\n") for i in range(6)]
    procs = [context.Process(target=_add_in_child, args=(str(fresh), str(path))) for path in files]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * 6
    assert sorted(r["source_id"] for r in manifest(fresh)) == [f"p{i}" for i in range(6)]


def test_add_a_folder_one_line_per_file_good_ones_added_status_2(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = fresh.parent / "incoming"
    folder.mkdir()
    write(folder / "a.txt", "Ferry Returns To Island\n\n" + STORY)
    write(folder / "b.txt", "Council Meets\n\nThe council met on Tuesday, the mayor said.\n")
    write(folder / "copy.txt", "Ferry Returns To Island\n\n" + STORY)  # the same text as a.txt
    write(folder / "latin.txt", "Caf\xe9 closes\n\nIt closed.".encode("latin-1"))
    write(folder / "photo.jpg", b"\xff\xd8\xff")
    listing = write(
        fresh.parent / "list.csv",
        "file,outlet,published\na.txt,Island Gazette,2023-05-02\n"
        "b.txt,Island Gazette,02/05/2023\nnone.txt,X,2023-01-01\n",
    )
    assert cli.main(["add", str(fresh), str(folder), "--manifest", str(listing), "--published", "2023-05-03"]) == 2
    out, err = capsys.readouterr()
    assert out.count("added '") == 1 and "1 added, 5 refused" in out
    refusals = err.splitlines()
    assert len(refusals) == 5 and "Traceback" not in err
    assert any("b.txt" in line and "02/05/2023" in line and "list.csv:3" in line for line in refusals)
    assert any("copy.txt" in line and "same text" in line for line in refusals)
    assert any("latin.txt" in line and "UTF-8" in line for line in refusals)
    assert any("photo.jpg" in line and ".jpg" in line for line in refusals)
    assert any("list.csv:4" in line and "none.txt" in line for line in refusals)
    (row,) = manifest(fresh)
    # a stable id from outlet, date and the headline on the file's first line
    assert row["source_id"] == "island-gazette-2023-05-02-ferry-returns-to-island"
    assert row["headline"] == "Ferry Returns To Island" and "Given in the manifest list.csv:2" in row["notes"]
    assert sorted(p.name for p in (fresh / "articles").iterdir()) == [row["file"]]
    assert not cli.main(["validate", str(fresh)])


def test_a_first_line_is_a_headline_only_when_it_looks_like_one() -> None:
    assert first_line_headline("Ferry Returns\n\nBody text.\n") == "Ferry Returns"
    assert first_line_headline("The ferry returned on Monday, and the mayor said\nthat it was late.\n\nMore.") == ""
    assert first_line_headline("and then it went on,\n\nMore.") == ""
    assert first_line_headline("One line only") == ""
