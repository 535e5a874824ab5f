"""Attribution and hedge detection: the pattern families, what must not match, offsets, the CLI tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import config
from helpers.core.text import sentence_spans
from helpers.corpus.load import load_corpus
from helpers.sourcing import detect as sourcing
from helpers.sourcing.detect import classify_source, find_attributions, find_hedges
from helpers.sourcing.profile import sourcing_profile
from tests.conftest import mini_corpus


def attrs(text: str) -> list[tuple[str, str, str]]:
    """(cue, source_text, kind) of every attribution in a text."""
    found = find_attributions(text, tagger=False)
    return list(zip(found["cue"], found["source_text"], found["kind"], strict=True))


def hedge_cues(text: str) -> list[str]:
    """The cue of every hedge in a text."""
    return list(find_hedges(text)["cue"])


# --------------------------------------------------------------------------------------------
# Attribution pattern families
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # source after the cue
        (
            "He fled at dawn, according to two regional diplomats.",
            ("according to", "two regional diplomats", "anonymous"),
        ),
        (
            "According to people familiar with the overture, he sent a message.",
            ("According to", "people familiar with the overture", "anonymous"),
        ),
        ("He left, as reported by three aides.", ("as reported by", "three aides", "anonymous")),
        (
            "The plane flew dark, as stated by two regional diplomats.",
            ("as stated by", "two regional diplomats", "anonymous"),
        ),
        (
            "Maher's family left, as confirmed by Lebanese Interior Minister Bassam Mawlawi.",
            ("as confirmed by", "Lebanese Interior Minister Bassam Mawlawi", "named"),
        ),
        (
            "He lied to them, citing a source within the inner circle.",
            ("citing", "a source within the inner circle", "anonymous"),
        ),
        # source before the cue
        (
            "Kremlin spokesman Dmitry Peskov confirmed that Russia was busy.",
            ("confirmed", "Kremlin spokesman Dmitry Peskov", "named"),
        ),
        (
            "Three individuals from his close circle revealed that he asked the UAE.",
            ("revealed", "Three individuals from his close circle", "anonymous"),
        ),
        ("The trio was attacked on the road, three sources said.", ("said", "three sources", "anonymous")),
        ("Witnesses say the escapees included his bagmen.", ("say", "Witnesses", "anonymous")),
        (
            "A Western security source indicated that Lavrov did everything.",
            ("indicated", "A Western security source", "anonymous"),
        ),
        ("An HTS commander denied the group had negotiated his exit.", ("denied", "An HTS commander", "anonymous")),
        # inverted and parenthetical
        (
            "“He left his supporters,” said Nadim Houri, executive director.",
            ("said", "Nadim Houri, executive director", "named"),
        ),
        ("“We will see,” remarked one aide.", ("remarked", "one aide", "anonymous")),
        (
            "His wife, who, people familiar with the escape said, has been there for weeks.",
            ("said", "people familiar with the escape", "anonymous"),
        ),
        # appositives: "X, Y, verb"
        (
            "Hadi al-Bahra, the leader of the opposition, stated that Assad lied.",
            ("stated", "Hadi al-Bahra, the leader of the opposition", "named"),
        ),
        (
            "Nadim Houry, director of the Initiative, a research institution, said, “He left.”",
            ("said", "Nadim Houry, director of the Initiative, a research institution", "named"),
        ),
        # participles take the clause's subject
        (
            "An insider described the escape, noting, “He left with his treasurer.”",
            ("noting", "An insider", "anonymous"),
        ),
        (
            "In his first comments, Assad this week gave his version, saying he had stayed.",
            ("saying", "Assad", "named"),
        ),
        # outlets
        ("He assured the chiefs that help was coming, Reuters reported.", ("reported", "Reuters", "outlet")),
        ("Qatar made arrangements with HTS, the report added.", ("added", "the report", "outlet")),
        ("According to Reuters report, Lavrov led the effort.", ("According to", "Reuters report", "outlet")),
        ("He died, according to the reports.", ("according to", "the reports", "outlet")),
        (
            "There was no rescue, according to interviews conducted by Reuters.",
            ("according to", "interviews conducted by Reuters", "outlet"),
        ),
        # documents
        (
            "He defended his thesis, Moscow State University records show.",
            ("show", "Moscow State University records", "document"),
        ),
        (
            "Videos captured by rebels at the complex reveal a hurried escape.",
            ("reveal", "Videos captured by rebels at the complex", "document"),
        ),
        ("Video taken by rebels suggest a hasty exit.", ("suggest", "Video taken by rebels", "document")),
        # reported denial, belief
        ("He used chemical weapons—claims that Assad has dismissed as falsehoods.", ("dismissed", "Assad", "named")),
        (
            "But regime insiders are convinced that he left with two acolytes.",
            ("are convinced", "regime insiders", "anonymous"),
        ),
    ],
)
def test_attribution_families(text: str, expected: tuple[str, str, str]) -> None:
    assert attrs(text) == [expected]


def test_embedded_post_signature_is_an_outlet_attribution() -> None:
    text = (
        "'classified' documents expose that the regime leaked https://t.co/x\n"
        "— The New Arab (@The_NewArab) December 12, 2024\n"
    )
    assert attrs(text) == [
        ("expose", "'classified' documents", "document"),
        ("(@The_NewArab)", "The New Arab", "outlet"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Aides were misled, according to a dozen people who spoke to Reuters.",
            [("according to", "a dozen people", "anonymous"), ("spoke to", "a dozen people", "anonymous")],
        ),
        (
            "Then-prime minister Mohammed Jalali told Saudi-owned Al Arabiya television that he had called.",
            [("told", "Then-prime minister Mohammed Jalali", "named")],
        ),
        (
            "Kremlin spokesman Dmitry Peskov informed reporters on Wednesday that.",
            [("informed reporters", "Kremlin spokesman Dmitry Peskov", "named")],
        ),
        (
            "Assad was troubled, as reported by a senior Iranian diplomat to Reuters.",
            [("as reported by", "a senior Iranian diplomat", "anonymous")],
        ),
        (
            "Assad's departure was planned, according to sources cited by Reuters.",
            [("according to", "sources", "anonymous"), ("cited by", "Reuters", "outlet")],
        ),
    ],
)
def test_channels_do_not_change_the_kind(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attrs(text) == expected


def test_channel_outlet_is_recorded_as_via() -> None:
    found = find_attributions("Assad was troubled, as reported by a senior Iranian diplomat to Reuters.", tagger=False)
    assert list(found["via"]) == ["Reuters"]
    found = find_attributions("Jalali told Saudi-owned Al Arabiya television that he had called.", tagger=False)
    assert list(found["via"]) == ["Al Arabiya"]


def test_pronoun_source_takes_the_previous_kind() -> None:
    text = (
        "Three aides revealed that he asked. However, they stated that the Emiratis refused. "
        "Jalali recounted a call. He added that it was late."
    )
    assert [(c, k) for c, _, k in attrs(text)] == [
        ("revealed", "anonymous"),
        ("stated", "anonymous"),
        ("recounted", "named"),
        ("added", "named"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The aforesaid convoy left at dawn.",
        "All told, some 30 officials attended.",
        "all told, the regime lasted five decades.",
        "“He ran away like a dog in the night. Everything was going to be OK.”",
        '"He told me tomorrow, tomorrow," and nothing else.',
        "Not until he was outside Damascus did Assad tell his army to fold.",
        "The new government has told the Russians not to facilitate the exit.",
        "Assad told his presidential office manager that he was going home.",
        "Bashar al-Assad revealed little to anyone regarding his intentions.",
        "The events leading to his departure reveal a leader isolated from allies.",
        "However, his request was denied by Emirati officials who feared backlash.",
        "Rami is said to control half of the economy.",
        "The FT could not confirm whether he remained in Iraq.",
        "The claims were false, and new claims surfaced.",
        "He used chemical weapons—claims that circulated widely.",
        "Leaders of the United States met in Paris.",
        "He expressed concern over the situation.",
        "Jalali had spoken to his then-president on the phone.",
        "Additional reporting by Ayla Jean Yackley in Ankara.",
        "Moscow added troops to the base.",
    ],
)
def test_must_not_match(text: str) -> None:
    assert attrs(text) == []


def test_bare_quotation_has_no_attribution_but_its_attribution_does() -> None:
    assert attrs("“Tomorrow, we will see.”") == []
    assert attrs("“Tomorrow, we will see,” Jalali said.") == [("said", "Jalali", "named")]


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Kremlin spokesman Dmitry Peskov", "named"),
        ("both Qatar and Turkey", "named"),
        ("the foreign ministry", "named"),
        ("a senior Iranian diplomat", "anonymous"),
        ("One of Assad’s closest aides", "anonymous"),
        ("Syrians with insight into the regime", "anonymous"),
        ("people familiar with the matter", "anonymous"),
        ("Conversations with 14 individuals familiar with his last days", "anonymous"),
        ("Reuters", "outlet"),
        ("Saudi-owned Al Arabiya television", "outlet"),
        ("media reports", "outlet"),
        ("'classified' documents", "document"),
        ("a statement from the ministry", "document"),
        ("", "anonymous"),
    ],
)
def test_classify_source(source: str, kind: str) -> None:
    assert classify_source(source) == kind


def test_corpus_outlets_extend_the_outlet_list() -> None:
    assert classify_source("Levant Wire") == "named"
    assert classify_source("Levant Wire", [*sourcing.OUTLETS, "Levant Wire"]) == "outlet"


# --------------------------------------------------------------------------------------------
# Hedge families
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "family"),
    [
        ("Ehab was reportedly killed.", "reportedly", "hedge"),
        ("He was sanctioned for allegedly employing chemical weapons.", "allegedly", "hedge"),
        ("They are sought over alleged war crimes.", "alleged", "hedge"),
        ("He faces severe allegations.", "allegations", "hedge"),
        ("He was at one point believed to control half the economy.", "believed to", "hedge"),
        ("Rami is believed to be in the UAE.", "is believed to", "hedge"),
        ("Rami is said to be in the UAE.", "is said to", "hedge"),
        ("The message does not appear to have been passed on.", "appear to", "hedge"),
        ("Video taken by rebels suggest a hasty exit.", "suggest", "hedge"),
        ("A former minister claims that officers got safe passage.", "claims that", "hedge"),
        ("The scars of war will likely shape its future.", "likely", "hedge"),
        ("It was unclear whether Hafez knew.", "It was unclear whether", "hedge"),
        ("While unconfirmed, it underscores the belief.", "unconfirmed", "disclaimer"),
        ("Reuters could not independently verify the details.", "could not independently verify", "disclaimer"),
        ("The FT could not confirm their identities.", "could not confirm", "disclaimer"),
        ("The FT has not been able to verify all the passengers.", "has not been able to verify", "disclaimer"),
        ("Reuters was unable to obtain comments from HTS.", "was unable to obtain comments", "disclaimer"),
        ("There has been no official confirmation of his death.", "no official confirmation", "disclaimer"),
        (
            "The UAE government did not respond promptly to a request for comment.",
            "did not respond promptly to a request for comment",
            "disclaimer",
        ),
        (
            "Qatar's ministry did not respond promptly to inquiries.",
            "did not respond promptly to inquiries",
            "disclaimer",
        ),
        (
            "Efforts to reach Assad in Moscow were unsuccessful.",
            "Efforts to reach Assad in Moscow were unsuccessful",
            "disclaimer",
        ),
        ("A spokesman declined to comment.", "declined to comment", "disclaimer"),
    ],
)
def test_hedge_families(text: str, cue: str, family: str) -> None:
    found = find_hedges(text)
    assert list(zip(found["cue"], found["family"], strict=True)) == [(cue, family)]
    assert list(found["sentence"]) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "He used chemical weapons—claims that Assad has dismissed as falsehoods.",
        "Assad appeared visibly troubled during the meeting.",
        "His allegiance to Moscow was clear.",
        "The claims that circulated were false.",
        "He confirmed the plan.",
    ],
)
def test_hedges_must_not_match(text: str) -> None:
    assert hedge_cues(text) == []


# --------------------------------------------------------------------------------------------
# Structure and offsets
# --------------------------------------------------------------------------------------------


def test_offsets_slice_the_unmodified_corpus(corpus: pd.DataFrame) -> None:
    found = sourcing.attributions(corpus)
    assert len(found) > 0
    for row in found.to_dict("records"):
        text = corpus.at[row["source_id"], "text"]
        assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
        assert text[row["source_start"] : row["source_end"]] == row["source_text"]
        assert row["start"] <= row["cue_start"] and row["end"] >= row["cue_end"]
        assert row["kind"] in sourcing.KINDS
        assert row["cue"] in row["sentence"]
    hedged = sourcing.hedges(corpus)
    for row in hedged.to_dict("records"):
        assert corpus.at[row["source_id"], "text"][row["start"] : row["end"]] == row["cue"]


FRAGMENTS = [
    "He left",
    " said",
    " told Reuters",
    " according to",
    " two diplomats",
    ", ",
    ". ",
    "“",
    "”",
    '"',
    " reportedly",
    " claims that",
    " the aforesaid",
    " all told",
    " Videos show",
    " as reported by",
    " Peskov",
    "\n",
    " — ",
    " could not verify",
    " (@Handle)",
    " who spoke to Reuters",
    ", saying",
    " records show",
    " they stated that",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_offsets_always_slice_to_their_text(parts: list[str]) -> None:
    text = "".join(parts)
    for row in find_attributions(text, tagger=False).to_dict("records"):
        assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
        assert text[row["source_start"] : row["source_end"]] == row["source_text"]
        assert row["start"] <= min(row["cue_start"], row["source_start"])
        assert row["end"] >= max(row["cue_end"], row["source_end"])
    for row in find_hedges(text).to_dict("records"):
        assert text[row["start"] : row["end"]] == row["cue"]


PLAIN_WORDS = [
    "convoy",
    "the",
    "army",
    "Damascus",
    "moved",
    "quickly",
    "north",
    "of",
    "city",
    "rebels",
    "held",
    "a",
    "bridge",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["north-press", "defence-talks", "syrian-crisis", "allies-fled", "ft"]),
    st.lists(st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=12), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=10_000),
)
def test_unrelated_sentences_add_no_detections(sid: str, sentences: list[list[str]], seed: int) -> None:
    text = (config.DEFAULT_CORPUS_DIR / "articles" / f"{sid}.txt").read_text(encoding="utf-8")
    breaks = [e for _, e in sentence_spans(text)]
    at = breaks[seed % len(breaks)]
    insert = "".join(" " + " ".join(words).capitalize() + "." for words in sentences)
    changed = text[:at] + insert + text[at:]
    before, after = find_attributions(text, tagger=False), find_attributions(changed, tagger=False)
    key = ["cue", "source_text", "kind"]
    assert after[key].values.tolist() == before[key].values.tolist()
    assert find_hedges(changed)["cue"].tolist() == find_hedges(text)["cue"].tolist()


def test_tables_have_the_cli_columns(corpus_copy: Path) -> None:
    out = sourcing.sourcing_tables(load_corpus(corpus_copy))
    assert list(out) == ["attributions.csv", "hedges.csv"]
    first = ["source_id", "start", "end", "cue", "source_text", "kind"]  # the contract; relays and reach appended
    assert list(out["attributions.csv"].columns) == [*first, "relay", "behind", "reach"]
    assert list(out["hedges.csv"].columns) == ["source_id", "start", "end", "cue"]


def test_an_article_in_another_language_is_reported_not_analysed() -> None:
    french = (
        "Le président a quitté Damascus dans la nuit, selon des sources proches de la famille. "
        "Les rebelles ont pris le contrôle de la capitale et ils ont annoncé la fin du régime."
    )
    corpus = mini_corpus({"fr": french, "en": "The mayor said the bridge was safe."})
    out = sourcing.sourcing_tables(corpus)
    attrs, hdg = out["attributions.csv"], out["hedges.csv"]
    assert attrs.loc[attrs["source_id"] == "fr", "kind"].tolist() == ["not analysed (language: fr)"]
    assert hdg.loc[hdg["source_id"] == "fr", "cue"].tolist() == ["not analysed (language: fr)"]
    assert list(sourcing.attributions(corpus)["source_id"]) == ["en"]
    profile = sourcing_profile(corpus, sourcing.attributions(corpus), sourcing.hedges(corpus))
    assert not profile.at["fr", "analysed"] and profile.at["fr", "language"] == "fr"
    assert pd.isna(profile.at["fr", "attributions"]) and profile.at["en", "attributions"] == 1


def test_relays_are_apart_from_described_sources() -> None:
    corpus = mini_corpus(
        {"a": "The plane flew with its transponder off, Reuters reported. Two aides said he left at night."}
    )
    found = sourcing.attributions(corpus, "speech")
    assert found[["kind", "relay", "behind"]].values.tolist() == [
        ["outlet", True, "not visible"],
        ["anonymous", False, ""],
    ]
    profile = sourcing_profile(corpus, found, sourcing.hedges(corpus)).loc["a"]
    assert (profile["relays"], profile["described_sources"], profile["relays_not_visible"]) == (1, 1, 1)


@pytest.mark.parametrize(
    ("text", "content", "reach"),
    [
        ("The bridge is safe. People familiar with the matter said so.", "The bridge is safe", "previous sentence"),
        (
            "“The bridge is safe. It will open in May,” the mayor said.",
            "“The bridge is safe. It will open in May,”",
            "previous sentence",
        ),
        ("The mayor said that the bridge is safe.", "the bridge is safe", "sentence"),
        ("The bridge is safe.\nPeople familiar with the matter said so.", "", "sentence"),
    ],
)
def test_content_reaches_back_one_sentence_only_when_measured_cases_say_so(text: str, content: str, reach: str) -> None:
    row = find_attributions(text, tagger=False).iloc[0]
    assert (text[row["content_start"] : row["content_end"]], row["reach"]) == (content, reach)


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        (
            "Dan Schwerin, director of speechwriting, wrote that the draft was ready.",
            "Dan Schwerin, director of speechwriting",
            "named",
        ),
        ("The influential US daily wrote that the talks had failed.", "The influential US daily", "outlet"),
        ("Some state lobbyists said the bill would pass.", "Some state lobbyists", "anonymous"),
        ("He called his media adviser, Ann Lee, asking her to come.", "He", "named"),
        ("The Census Bureau said the figures were final.", "The Census Bureau", "named"),
        ("The FBI said the inquiry was closed.", "The FBI", "named"),
    ],
)
def test_source_kinds_on_real_news_wording(text: str, source: str, kind: str) -> None:
    found = find_attributions(text)
    assert [found.iloc[0]["source_text"], found.iloc[0]["kind"]] == [source, kind]


def _long_paragraph(words: int) -> str:
    base = "The minister said that the bridge, according to two officials who spoke to Reuters, was “safe, he added” "
    pool = base.split()
    return " ".join(pool[k % len(pool)] for k in range(words))


@pytest.mark.parametrize(
    "text",
    [
        _long_paragraph(5000),
        _long_paragraph(3000).replace(",", "").replace("“", "").replace("”", ""),
        _long_paragraph(3000).upper(),
        _long_paragraph(2000).replace("“", '"').replace("’", "'"),
        '“She said ‘he told me “never” to go,’ and left,” the aide said. "Mixed ” quotes ‘ everywhere" he added.',
    ],
)
def test_bad_input_gives_sensible_spans(text: str) -> None:
    found = find_attributions(text)
    assert len(found) and (found["cue_end"] <= len(text)).all() and (found["content_end"] <= len(text)).all()
    assert (found["source_end"] - found["source_start"]).max() < 400  # a source is a phrase, not the paragraph
    assert set(found["reach"]) <= {"sentence", "previous sentence"}
    find_hedges(text)
