"""Attribution and hedge detection, the gold files, the measurements, the rewrite comparison and the reader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import config, sourcing
from helpers.errors import InputError
from helpers.reader import article_spans, legend_html, reader_html
from helpers.sourcing import classify_source, find_attributions, find_hedges


def attrs(text: str) -> list[tuple[str, str, str]]:
    """(cue, source_text, kind) of every attribution in a text."""
    found = find_attributions(text)
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
    found = find_attributions("Assad was troubled, as reported by a senior Iranian diplomat to Reuters.")
    assert list(found["via"]) == ["Reuters"]
    found = find_attributions("Jalali told Saudi-owned Al Arabiya television that he had called.")
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


def test_sentence_spans_keep_initials_and_lines() -> None:
    text = "Sanctions by the U.S. and the U.N. bite. Next one!\nA heading\n\nLast “quoted.” Done"
    spans = sourcing.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Sanctions by the U.S. and the U.N. bite.",
        "Next one!",
        "A heading",
        "Last “quoted.”",
        "Done",
    ]


def test_quote_spans_pair_within_lines() -> None:
    text = 'He said “one” and "two".\n“unclosed\nnext'
    assert [text[s:e] for s, e in sourcing.quote_spans(text)] == ["“one”", '"two"']


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
    for row in find_attributions(text).to_dict("records"):
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
    breaks = [e for _, e in sourcing.sentence_spans(text)]
    at = breaks[seed % len(breaks)]
    insert = "".join(" " + " ".join(words).capitalize() + "." for words in sentences)
    changed = text[:at] + insert + text[at:]
    before, after = find_attributions(text), find_attributions(changed)
    key = ["cue", "source_text", "kind"]
    assert after[key].values.tolist() == before[key].values.tolist()
    assert find_hedges(changed)["cue"].tolist() == find_hedges(text)["cue"].tolist()


# --------------------------------------------------------------------------------------------
# Gold files and measurement
# --------------------------------------------------------------------------------------------


@pytest.fixture
def gold_copy(corpus_copy: Path) -> Path:
    """A writable corpus copy with the gold files."""
    shutil.copytree(config.DEFAULT_CORPUS_DIR / config.GOLD_DIRNAME, corpus_copy / config.GOLD_DIRNAME)
    return corpus_copy


def test_repository_gold_is_valid(corpus: pd.DataFrame) -> None:
    gold_a = sourcing.read_gold_attributions(corpus, config.DEFAULT_CORPUS_DIR)
    gold_h = sourcing.read_gold_hedges(corpus, config.DEFAULT_CORPUS_DIR)
    assert set(gold_a["source_id"]) == set(corpus.index)
    assert set(gold_a["kind"]) <= set(sourcing.KINDS)
    assert len(gold_h) > 0
    assert sourcing.validate(config.DEFAULT_CORPUS_DIR)[0] == []


def test_gold_offset_errors_name_file_line_and_fix(gold_copy: Path, corpus: pd.DataFrame) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.ATTRIBUTIONS_GOLD_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[1] = str(int(fields[1]) + 1)  # cue_start off by one
    lines[1] = ",".join(fields)
    lines[2] = (
        lines[2].replace(",anonymous,", ",anonymus,", 1)
        if ",anonymous," in lines[2]
        else lines[2].replace(",outlet,", ",outlett,", 1)
    )
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        sourcing.read_gold_attributions(corpus, gold_copy)
    messages = [str(p) for p in err.value.problems]
    assert any(":2: cue_start..cue_end slices" in m and "is at" in m for m in messages)
    assert any(":3: unknown kind" in m and "did you mean" in m for m in messages)
    problems, _ = sourcing.validate(gold_copy)
    assert len(problems) == 2


def test_gold_unknown_source_id_is_suggested(gold_copy: Path, corpus: pd.DataFrame) -> None:
    path = gold_copy / config.GOLD_DIRNAME / config.HEDGES_GOLD_NAME
    text = path.read_text(encoding="utf-8").replace("north-press,", "nort-press,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown source_id 'nort-press' \(did you mean 'north-press'\?\)"):
        sourcing.read_gold_hedges(corpus, gold_copy)


def test_match_spans_is_one_to_one() -> None:
    pairs = sourcing.match_spans([(0, 5), (10, 15)], [(3, 12), (20, 25)])
    assert pairs == [(0, 0), (1, None), (None, 1)]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def test_evaluate_counts_precision_recall_and_kinds() -> None:
    acols = ["source_id", "cue_start", "cue_end", "cue", "source_start", "source_end", "source_text", "kind"]
    gold_a = _frame(
        [
            {
                "source_id": "x",
                "cue_start": 0,
                "cue_end": 4,
                "cue": "said",
                "source_start": 5,
                "source_end": 6,
                "source_text": "A",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 10,
                "cue_end": 14,
                "cue": "told",
                "source_start": 15,
                "source_end": 16,
                "source_text": "B",
                "kind": "anonymous",
            },
            {
                "source_id": "x",
                "cue_start": 20,
                "cue_end": 24,
                "cue": "says",
                "source_start": 25,
                "source_end": 26,
                "source_text": "C",
                "kind": "outlet",
            },
        ],
        acols,
    )
    det_a = _frame(
        [
            {
                "source_id": "x",
                "cue_start": 1,
                "cue_end": 4,
                "cue": "aid",
                "source_start": 5,
                "source_end": 6,
                "source_text": "A",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 10,
                "cue_end": 14,
                "cue": "told",
                "source_start": 30,
                "source_end": 31,
                "source_text": "Z",
                "kind": "named",
            },
            {
                "source_id": "x",
                "cue_start": 40,
                "cue_end": 44,
                "cue": "noted",
                "source_start": 45,
                "source_end": 46,
                "source_text": "D",
                "kind": "named",
            },
        ],
        acols,
    )
    gold_h = _frame(
        [{"source_id": "x", "start": 50, "end": 60, "cue": "reportedly"}], ["source_id", "start", "end", "cue"]
    )
    det_h = _frame([], ["source_id", "start", "end", "cue", "family"])
    result = sourcing.evaluate(det_a, det_h, gold_a, gold_h)
    row = result.loc["x"]
    assert (row["cues_gold"], row["cues_detected"], row["cues_matched"]) == (3, 3, 2)
    assert row["cue_precision"] == pytest.approx(2 / 3)
    assert row["cue_recall"] == pytest.approx(2 / 3)
    assert row["kind_accuracy"] == pytest.approx(0.5)
    assert row["source_overlap"] == pytest.approx(0.5)
    assert row["hedge_recall"] == 0 and pd.isna(row["hedge_precision"])
    assert list(result.index) == ["x", "all"]
    details = sourcing.evaluation_details(det_a, det_h, gold_a, gold_h)
    assert sorted(details["status"]) == ["extra", "match", "match", "missed", "missed"]
    confusion = sourcing.kind_confusion(details)
    assert confusion.loc["anonymous", "named"] == 1 and confusion.to_numpy().sum() == 2


def test_detector_meets_its_targets_on_the_gold(corpus: pd.DataFrame) -> None:
    result = sourcing.evaluate(
        sourcing.attributions(corpus),
        sourcing.hedges(corpus),
        sourcing.read_gold_attributions(corpus, config.DEFAULT_CORPUS_DIR),
        sourcing.read_gold_hedges(corpus, config.DEFAULT_CORPUS_DIR),
    )
    total = result.loc["all"]
    assert total["cue_recall"] >= 0.9
    assert total["kind_accuracy"] >= 0.85
    assert total["hedge_recall"] >= 0.9 and total["hedge_precision"] >= 0.9


# --------------------------------------------------------------------------------------------
# Evidence coverage, profile, rewrites
# --------------------------------------------------------------------------------------------


def _mini_corpus(texts: dict[str, str], credits: dict[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"text": pd.Series(texts)})
    frame.index.name = "source_id"
    frame["n_words"] = frame["text"].str.split().str.len()
    frame["credits"] = [(credits or {}).get(sid, ()) for sid in frame.index]
    frame["upstream_inferred"] = ""
    return frame


def test_evidence_coverage_and_summary() -> None:
    corpus = _mini_corpus({"a": "He fled, two diplomats said. Ehab was reportedly killed. The sky was blue."})
    found_a, found_h = sourcing.attributions(corpus), sourcing.hedges(corpus)
    evidence = pd.DataFrame(
        [
            {
                "claim_id": "C1",
                "source_id": "a",
                "quote": "He fled, two diplomats said.",
                "stance": "attributes",
                "attribution_kind": "anonymous",
            },
            {
                "claim_id": "C2",
                "source_id": "a",
                "quote": "The sky was blue.",
                "stance": "attributes",
                "attribution_kind": "named",
            },
            {
                "claim_id": "C3",
                "source_id": "a",
                "quote": "Ehab was reportedly killed.",
                "stance": "hedges",
                "attribution_kind": "none",
            },
            {
                "claim_id": "C4",
                "source_id": "a",
                "quote": "Missing quote",
                "stance": "hedges",
                "attribution_kind": "none",
            },
            {
                "claim_id": "C5",
                "source_id": "a",
                "quote": "The sky was blue.",
                "stance": "asserts",
                "attribution_kind": "none",
            },
        ]
    )
    # anchored as helpers.claims.read_codings anchors them (start = -1: quote not found)
    text = corpus.at["a", "text"]
    evidence["start"] = [text.find(q) for q in evidence["quote"]]
    evidence["end"] = [
        st + len(q) if st >= 0 else -1 for st, q in zip(evidence["start"], evidence["quote"], strict=True)
    ]
    coverage = sourcing.evidence_coverage(evidence, corpus, found_a, found_h)
    assert list(coverage["claim_id"]) == ["C1", "C2", "C3", "C4"]
    assert list(coverage["covered"]) == [True, False, True, False]
    assert list(coverage["located"]) == [True, True, True, False]
    summary = sourcing.coverage_summary(coverage)
    assert summary.loc["attributes", "share_covered"] == 0.5
    assert summary.loc["attributes", "kind_agreement"] == 1.0
    assert summary.loc["hedges", "share_covered"] == 1.0
    assert list(sourcing.coverage_disagreements(coverage)["claim_id"]) == ["C2"]


def test_sourcing_profile_table() -> None:
    corpus = _mini_corpus(
        {
            "a": "He fled, two diplomats said. Peskov confirmed that. Reuters reported. It was reportedly late.",
            "b": "Nothing is attributed here at all.",
        }
    )
    profile = sourcing.sourcing_profile(corpus, sourcing.attributions(corpus), sourcing.hedges(corpus))
    a = profile.loc["a"]
    assert a["attributions"] == 3
    assert (a["share_anonymous"], a["share_named"], a["share_outlet"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert a["attributions_per_1k"] == pytest.approx(3 * 1000 / a["words"])
    assert a["hedges_per_1k"] == pytest.approx(1000 / a["words"])
    assert profile.loc["b", "attributions"] == 0 and pd.isna(profile.loc["b", "share_named"])
    fig = sourcing.profile_chart(profile)
    assert len(fig.axes) == 2


def test_hedge_fates_between_siblings() -> None:
    a = (
        "The convoy crossed the bridge at night and reached the coast before dawn, reportedly. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road. "
        "There has been no official confirmation, and Reuters could not independently verify the details."
    )
    b = (
        "The convoy crossed the bridge at night and reached the coast before dawn. "
        "The two brothers tried to escape to Lebanon by car but were ambushed by rebels on the road."
    )
    corpus = _mini_corpus({"a": a, "b": b}, {"a": ("Reuters",), "b": ("Reuters",)})
    assert sourcing.sibling_groups(corpus) == {"Reuters": ["a", "b"]}
    fates = sourcing.hedge_fates(corpus, sourcing.attributions(corpus), sourcing.hedges(corpus))
    mine = fates[fates["source_a"] == "a"]
    assert list(zip(mine["cue"], mine["status"], mine["anchor"], strict=True)) == [
        ("reportedly", "stated flatly", "same sentence"),
        ("no official confirmation", "stated flatly", "previous sentence"),
        ("could not independently verify", "stated flatly", "previous sentence"),
    ]
    assert fates[fates["source_a"] == "b"].empty
    counts = sourcing.fate_counts(fates)
    assert counts.loc[("a", "b"), "stated flatly"] == 3
    page = sourcing.fates_html(mine, sourcing.hedges(corpus), sourcing.attributions(corpus))
    assert "<mark>reportedly</mark>" in page


def test_tables_have_the_cli_columns(corpus_copy: Path) -> None:
    out = sourcing.tables(corpus_copy)
    assert list(out) == ["attributions.csv", "hedges.csv"]
    assert list(out["attributions.csv"].columns) == ["source_id", "start", "end", "cue", "source_text", "kind"]
    assert list(out["hedges.csv"].columns) == ["source_id", "start", "end", "cue"]
    assert len(out["attributions.csv"]) > 0


# --------------------------------------------------------------------------------------------
# The source reader
# --------------------------------------------------------------------------------------------


def test_reader_escapes_article_text() -> None:
    text = "Before <script>alert('x')</script> and <img src=x onerror=alert(1)> after & more"
    page = reader_html(text, [(0, 6, "hedge", "label <b>")])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp; more" in page
    assert "title='hedge: label &lt;b&gt;'" in page


def test_reader_marks_overlapping_spans_and_legend() -> None:
    text = "according to two diplomats, on Sunday"
    spans = pd.DataFrame(
        [
            {"start": 0, "end": 12, "category": "attribution cue", "label": "anonymous"},
            {"start": 13, "end": 26, "category": "source: anonymous", "label": ""},
            {"start": 17, "end": 26, "category": "entity", "label": "diplomats"},
            {"start": 31, "end": 37, "category": "date", "label": "2024-12-08"},
            {"start": 30, "end": 99, "category": "made-up", "label": ""},
        ]
    )
    page = reader_html(text, spans)
    plain = re.sub(r"<[^>]+>", "", page.split("</div>", 1)[1])
    assert plain == text
    assert "background:#FFE0B2;border-bottom:2px dotted #1565C0" in page
    legend = page.split("</div>", 1)[0]
    assert legend.index("attribution cue") < legend.index("source: anonymous") < legend.index("date")
    assert "made-up" in legend and "hedge" not in legend
    assert "hedge" in legend_html()


def test_article_spans_from_detections() -> None:
    text = "He fled on Sunday, two diplomats said, and reportedly reached Moscow."
    found_a, found_h = find_attributions(text), find_hedges(text)
    dates = pd.DataFrame([{"start": 11, "end": 17, "text": "Sunday", "value": "2024-12-08"}])
    ents = pd.DataFrame([{"start": 62, "end": 68, "entity": "Moscow", "entity_type": "place"}])
    spans = article_spans(found_a, found_h, dates, ents)
    assert list(spans["category"]) == ["date", "source: anonymous", "attribution cue", "hedge", "entity"]
    assert [text[s:e] for s, e in zip(spans["start"], spans["end"], strict=True)] == [
        "Sunday",
        "two diplomats",
        "said",
        "reportedly",
        "Moscow",
    ]
