"""The detector on news beyond the five articles: new cue types, wire copy, hedge families, the benchmark.

Every sentence here is invented for the test (none is taken from PolNeAR or any other corpus).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers.sourcing import detect as sourcing
from helpers.sourcing import scoring
from helpers.sourcing.detect import classify_source, find_attributions, find_hedges
from helpers.sourcing.polnear import load_split, read_brat


def cues(text: str, *, tagger: bool = False) -> list[str]:
    """The lowercased cue of every attribution in a text."""
    return [c.lower() for c in find_attributions(text, tagger=tagger)["cue"]]


def hedge_families(text: str) -> list[tuple[str, str]]:
    """(cue, family) of every hedge in a text."""
    found = find_hedges(text)
    return list(zip(found["cue"].str.lower(), found["family"], strict=True))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The harbour master said the ferry had been overloaded.", "said"),
        ("The mayor told reporters that the bridge would reopen in May.", "told reporters"),
        ("The bridge will reopen in May, according to the city engineer.", "according to"),
        ("The union wrote in a statement that the strike would continue.", "wrote"),
        ("The rail company announced that fares would rise by four percent.", "announced"),
        ("A poll showed that most voters backed the new tram line.", "showed"),
        ("Court records show that the firm paid no tax for a decade.", "show"),
        ("Inspectors found that the dam had cracked in two places.", "found"),
    ],
)
def test_speech_writing_and_evidence_cues(text: str, cue: str) -> None:
    found = cues(text, tagger=True)
    assert any(cue in c or c in cue for c in found), found


def test_source_span_and_kind_of_a_spoken_cue() -> None:
    found = find_attributions("The harbour master said the ferry had been overloaded.", tagger=False)
    row = found.iloc[0]
    assert row["source_text"] == "The harbour master"
    assert row["kind"] == "anonymous"


def test_no_one_has_claimed_is_a_hedge_not_an_attribution() -> None:
    text = "Two buses burned near the depot overnight. No one has claimed responsibility for the fire."
    assert "claimed" not in cues(text)
    assert ("no one has claimed", "unclaimed") in hedge_families(text)


def test_ascii_wire_quotes_stay_out_of_the_source_span() -> None:
    text = "``The talks are over,'' he said on Tuesday."
    found = find_attributions(text, tagger=False)
    assert list(found["source_text"]) == ["he"]
    assert list(found["cue"]) == ["said"]


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Albright", "named"),
        ("Local sources", "anonymous"),
        ("Security officials", "anonymous"),
        ("Kenya's national newspapers", "outlet"),
        ("local media", "outlet"),
        ("Xinhua", "outlet"),
        ("The Associated Press", "outlet"),
    ],
)
def test_wire_copy_source_kinds(source: str, kind: str) -> None:
    assert classify_source(source) == kind


def test_newspapers_reported_with_a_day_before_that() -> None:
    found = find_attributions("Kenya's national newspapers reported Sunday that the ferry had sunk.", tagger=False)
    assert list(found["cue"]) == ["reported"]
    assert list(found["kind"]) == ["outlet"]


def test_quoted_by_local_media() -> None:
    found = find_attributions(
        "The governor was quoted as saying by local media that the port was closed.", tagger=False
    )
    assert any(c.startswith("quoted") for c in found["cue"])
    row = found[found["cue"].str.startswith("quoted")].iloc[0]
    assert row["source_text"] == "local media" and row["kind"] == "outlet"


def test_world_outlets_are_the_default_and_a_corpus_can_add_its_own() -> None:
    assert {"Reuters", "Associated Press", "AFP", "Xinhua", "BBC", "CNN", "New York Times"} <= set(sourcing.OUTLETS)
    assert classify_source("the Harbour Crier") != "outlet"  # no outlet word or masthead word: unknown
    assert classify_source("the Harbour Crier", outlets=[*sourcing.OUTLETS, "Harbour Crier"]) == "outlet"


@pytest.mark.parametrize(
    ("text", "cue", "family"),
    [
        ("The suspected smuggler was held overnight.", "suspected", "hedge"),
        ("The alleged bribe was paid in cash.", "alleged", "hedge"),
        ("The driver may have fallen asleep at the wheel.", "may have", "hedge"),
        ("The clerk was accused of forging the ledgers.", "accused of", "hedge"),
        ("The ministry could not confirm the figures.", "could not confirm", "disclaimer"),
        ("We cannot confirm the figures.", "cannot confirm", "disclaimer"),
        ("An unverified video circulated online.", "unverified", "disclaimer"),
        ("The mayor reportedly resigned.", "reportedly", "hedge"),
        ("The letter was purportedly signed by the owner.", "purportedly", "hedge"),
        ("No one has claimed the attack on the depot.", "no one has claimed", "unclaimed"),
        ("The death toll has not been confirmed.", "has not been confirmed", "unconfirmed"),
        ("The figure could not be independently verified.", "could not be independently verified", "unconfirmed"),
    ],
)
def test_hedge_families(text: str, cue: str, family: str) -> None:
    assert (cue, family) in hedge_families(text)


def test_negated_claim_is_not_an_attribution_but_a_claim_is() -> None:
    assert cues("The rebel group has not claimed the bombing.", tagger=True) == []
    assert "claimed" in cues("The rebel group claimed that it had shot down the drone.")


def test_benchmark_skips_without_the_data(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    run = [sys.executable, "-m", "benchmarks.accuracy_sourcing", str(tmp_path)]
    done = subprocess.run(run, cwd=root, capture_output=True, text=True, check=True)
    out = done.stdout.strip()
    assert out == f"skipped: PolNeAR not found at {tmp_path / 'polnear'}"


def _write_tiny_split(root: Path) -> None:
    """An invented two-sentence article and its brat annotation, in PolNeAR's layout."""
    text = "The mayor said the bridge was safe. Engineers disagree."
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "bridge_0001.txt").write_text(text, encoding="utf-8")
    ann = (
        "T1\tSource 0 9\tThe mayor\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 15 34\tthe bridge was safe\n"
        "T4\tAttribution 10 14\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 36 45;46 54\tEngineers disagree\n"
    )
    (root / "attributions" / "bridge_0001_annb.ann").write_text(ann, encoding="utf-8")
    (root / "attributions" / "bridge_0001_anna.ann").write_text(ann.split("T5")[0], encoding="utf-8")


def test_brat_reader_on_an_invented_file(tmp_path: Path) -> None:
    _write_tiny_split(tmp_path)
    spans = read_brat(tmp_path / "attributions" / "bridge_0001_annb.ann")
    assert list(spans["label"]) == ["Source", "Cue", "Content", "Attribution", "Cue"]
    assert spans.iloc[1][["start", "end", "text"]].tolist() == [10, 14, "said"]
    assert spans.iloc[4][["start", "end"]].tolist() == [36, 54]  # discontinuous: first start to last end
    ((name, text, gold),) = load_split(tmp_path)
    assert name == "bridge_0001" and text.startswith("The mayor")
    assert list(gold["text"]) == ["said"]  # the first annotator's file (anna) only


def test_benchmark_scores_an_invented_split(tmp_path: Path) -> None:
    _write_tiny_split(tmp_path)
    scores = scoring.score_split(load_split(tmp_path))
    assert scores["n_gold_cues"] == 1 and scores["recall"] == 1.0


@pytest.mark.parametrize("tagger", [False, True])
def test_negated_and_pending_claims_are_hedges_not_attributions(tagger: bool) -> None:
    text = (
        "A fire gutted the warehouse on Friday. No one has claimed responsibility for the blaze. "
        "The cause has not been confirmed."
    )
    assert cues(text, tagger=tagger) == []
    families = hedge_families(text)
    assert ("no one has claimed", "unclaimed") in families
    assert ("has not been confirmed", "unconfirmed") in families


@pytest.mark.parametrize("tagger", [False, True])
def test_ascii_quotes_never_join_a_source_span(tagger: bool) -> None:
    text = "``We will not go back,'' he said. ``Nor will we,'' said the foreman."
    found = find_attributions(text, tagger=tagger)
    assert list(found["source_text"]) == ["he", "the foreman"]
    assert not any("'" in s or "`" in s for s in found["source_text"])


@pytest.mark.parametrize("tagger", [False, True])
def test_a_surname_after_a_full_mention_is_named(tagger: bool) -> None:
    text = (
        "Madeleine Albright, the former secretary of state, said the talks had stalled. "
        "Later, Albright said she still expected a deal."
    )
    found = find_attributions(text, tagger=tagger)
    said = found[found["cue"] == "said"]
    assert list(said["source_text"]) == ["Madeleine Albright, the former secretary of state", "Albright"]
    assert set(said["kind"]) == {"named"}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Local sources said the bridge had collapsed.", "Local sources"),
        ("Sources close to the minister said he would resign.", "Sources close to the minister"),
        ("According to sources close to the club, the coach will stay.", "sources close to the club"),
    ],
)
def test_local_sources_and_sources_close_to_are_anonymous(text: str, source: str) -> None:
    for tagger in (False, True):
        found = find_attributions(text, tagger=tagger)
        assert list(found["source_text"]) == [source]
        assert list(found["kind"]) == ["anonymous"]


@pytest.mark.parametrize("tagger", [False, True])
def test_newspapers_and_local_media_are_outlets(tagger: bool) -> None:
    found = find_attributions("Kenya's national newspapers reported that the ferry had sunk.", tagger=tagger)
    assert list(found["kind"]) == ["outlet"]
    found = find_attributions("The governor was quoted by local media as saying the port was closed.", tagger=tagger)
    row = found[found["cue"].str.startswith("quoted")].iloc[0]
    assert (row["source_text"], row["kind"]) == ("local media", "outlet")


def test_a_dash_after_a_quotation_introduces_its_speaker() -> None:
    text = "“The ferry was late again.” ― Ann Okafor\n“Nobody told us anything.”― Joseph Kimani\nThe end."
    found = find_attributions(text, tagger=False)
    assert list(found["cue"]) == ["―", "―"]
    assert list(found["source_text"]) == ["Ann Okafor", "Joseph Kimani"]
    assert set(found["kind"]) == {"named"}
    signed = find_attributions("The bridge is open. example.org/x — Ann Okafor (@aokafor) May 5, 2021")
    assert list(signed["cue"]) == ["—"] and list(signed["source_text"]) == ["Ann Okafor"]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was absurd ― and dangerous ― for the town.",
        "The list ― Ann Okafor included ― was long.",
        "He paused.\n— and then the lights went out.",
    ],
)
def test_a_dash_inside_a_sentence_is_no_cue(text: str) -> None:
    assert cues(text) == []


def test_a_speaker_before_a_colon_and_a_quotation() -> None:
    text = 'The debate turned to the port.\nLee: "We will dredge it." Okafor: "Not this year."'
    found = find_attributions(text, tagger=False)
    assert list(found["cue"]) == [":", ":"]
    assert list(found["source_text"]) == ["Lee", "Okafor"]


def test_transcript_labels_are_speakers_but_editorial_labels_are_not() -> None:
    text = "HOST: Welcome back.\nOKAFOR: Thank you.\nHOST: Is the port open?\nUPDATE: The port reopened."
    found = find_attributions(text, tagger=False)
    assert list(found["source_text"]) == ["HOST", "HOST"]
    assert cues("Harbour Crisis: After years of delay, the port reopened.") == []
    assert cues("The Mayor’s Plan: A new port by 2030.") == []


@pytest.mark.parametrize(
    ("text", "cue", "source", "kind"),
    [
        ("The union wrote in a statement that the strike would continue.", "wrote", "The union", "anonymous"),
        ("The councillor wrote on Facebook that the vote was rigged.", "wrote", "The councillor", "anonymous"),
        ("Polls show the mayor far ahead.", "show", "Polls", "document"),
        ("A survey by the chamber showed that shops were closing.", "showed", "A survey by the chamber", "document"),
    ],
)
def test_rules_alone_find_channel_phrases_and_polls(text: str, cue: str, source: str, kind: str) -> None:
    found = find_attributions(text, tagger=False)
    assert list(zip(found["cue"], found["source_text"], found["kind"], strict=True)) == [(cue, source, kind)]


def test_a_channel_phrase_needs_a_complement() -> None:
    assert cues("He noted in passing the weather was fine.") == []


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Secretary of State Ann Ovett", "named"),
        ("Minister of Transport Jonas Berg", "named"),
        ("the Minister of Transport", "anonymous"),
        ("a spokesman for the Ministry of Transport", "anonymous"),
    ],
)
def test_a_title_with_an_of_phrase_keeps_its_name(source: str, kind: str) -> None:
    assert classify_source(source) == kind


def test_a_person_pronoun_does_not_take_a_document_kind() -> None:
    text = "Court records show that the firm paid no tax. He said the audit was unfair."
    found = find_attributions(text, tagger=False)
    assert list(zip(found["source_text"], found["kind"], strict=True)) == [
        ("Court records", "document"),
        ("He", "named"),
    ]


def test_an_outlet_channel_ends_with_its_outlet_word() -> None:
    found = find_attributions("President Ann Ovett told state radio the attack was “a cowardly act.”", tagger=False)
    assert list(zip(found["source_text"], found["via"], strict=True)) == [("President Ann Ovett", "state radio")]


def test_initials_do_not_cut_a_source_short() -> None:
    text = "U.S. officials in Washington, speaking on condition of anonymity, said the inquiry had widened."
    row = find_attributions(text, tagger=False).iloc[0]
    assert row["source_text"].startswith("U.S. officials in Washington")
    assert row["kind"] == "anonymous"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("The State Department", "named"),
        ("the White House", "named"),
        ("a department official", "anonymous"),
        ("Critics", "anonymous"),
        ("Investigators", "anonymous"),
        ("E.U. diplomats", "anonymous"),
        ("U.N. spokesman Jan Berg", "named"),
    ],
)
def test_institutions_groups_and_initials(source: str, kind: str) -> None:
    assert classify_source(source) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor called the plan “a disgrace”.", [("called", "The mayor")]),
        ("Critics dubbed it “the bridge to nowhere”.", [("dubbed", "Critics")]),
        ("She called for talks on the “crisis”.", []),
        ("They called him a liar.", []),
        ("He warned of the so-called “deep state”.", []),
        ("The group was called “extremist” by officials.", []),
    ],
)
def test_a_label_verb_is_a_cue_only_with_its_quoted_label(text: str, expected: list) -> None:
    found = find_attributions(text, tagger=False)
    assert list(zip(found["cue"], found["source_text"], strict=True)) == expected


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("The Yorkshire Post", "outlet"),
        ("the New Straits Times", "outlet"),
        ("Emily Post", "named"),
        ("Firefighters", "anonymous"),
    ],
)
def test_mastheads_after_the_are_outlets_and_surnames_are_not(source: str, kind: str) -> None:
    assert classify_source(source) == kind


def test_told_a_newspaper_names_it_as_the_channel() -> None:
    found = find_attributions(
        "Detectives believe he acted alone, a police spokeswoman told the Yorkshire Post.", tagger=False
    )
    expected = [("a police spokeswoman", "the Yorkshire Post")]
    assert list(zip(found["source_text"], found["via"], strict=True)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee praised the plan and said the bridge would open in May.", [("said", "Ann Lee")]),
        ("The harbour master inspected the hull and said it was sound.", [("said", "The harbour master")]),
        ("He smiled and said nothing.", []),
        ("“Really,” she added when the host laughed.", [("added", "she")]),
        ("The anchor asked, “Will you resign?”", [("asked", "The anchor")]),
        ("The judge asked whether the files existed.", []),
        ("The union asked for a meeting.", []),
        ("The mayor told the council that the budget was short.", []),
    ],
)
def test_second_verbs_quoted_questions_and_narrated_telling(text: str, expected: list) -> None:
    found = find_attributions(text, tagger=False)
    assert list(zip(found["cue"], found["source_text"], strict=True)) == expected


def test_a_request_clause_stays_in_an_inverted_source() -> None:
    found = find_attributions(
        '"Everyone knew," said one, who asked not to be named because he still works there.', tagger=False
    )
    assert list(found["source_text"]) == ["one, who asked not to be named because he still works there"]


def test_a_corpus_can_ask_for_the_narrow_convention(corpus_copy: Path) -> None:
    from helpers.corpus.load import load_corpus

    wide = sourcing.attributions(load_corpus(corpus_copy))
    (corpus_copy / "event.toml").write_text('attributions = "speech"\n', encoding="utf-8")
    speech = sourcing.attributions(load_corpus(corpus_copy))
    spans = set(zip(speech["source_id"], speech["cue_start"], strict=True))
    assert spans < set(zip(wide["source_id"], wide["cue_start"], strict=True))  # the tagger only adds
