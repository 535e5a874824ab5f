"""Classroom exercises: answers computed from the data, explanations from the same rows, safe rendering."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import config
from helpers.claims.coding import Codings, read_codings
from helpers.classroom import chain_exercises as chx
from helpers.classroom import claim_exercises as clx
from helpers.classroom import exercise
from helpers.classroom import exercises as cl
from helpers.classroom.students import KIND_LEGEND
from helpers.corpus.load import UnknownSourceError, load_corpus
from helpers.corpus.provenance import source_kinds
from helpers.reuse import chaining as chains_module
from helpers.reuse.chaining import chains
from helpers.reuse.derivation import pairs


@pytest.fixture(scope="module")
def codings(corpus: pd.DataFrame) -> Codings:
    return read_codings(corpus)


@pytest.fixture(scope="module")
def chain_table(corpus: pd.DataFrame) -> pd.DataFrame:
    return chains(corpus, pairs(corpus))


def toy(evidence: list[dict], claims: list[dict], slots: list[dict] | None = None) -> Codings:
    """A hand-made coding (no anchoring needed by the exercises)."""
    ev = pd.DataFrame(evidence).reindex(
        columns=["claim_id", "source_id", "quote", "stance", "attributed_to", "attribution_kind", "hedge", "note"]
    )
    cl_ = pd.DataFrame(claims).reindex(columns=["claim_id", "topic", "statement", "when", "where", "slot", "notes"])
    sl = pd.DataFrame(slots or [], columns=["slot", "question", "kind", "reasoning"])
    return Codings(
        claims=cl_.astype(object).fillna("").set_index("claim_id"),
        evidence=ev.astype(object).fillna(""),
        slots=sl.set_index("slot"),
        coded_sources=tuple(dict.fromkeys(ev["source_id"])),
    )


def toy_corpus(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"outlet": [i.upper() for i in ids]}, index=pd.Index(ids, name="source_id"))


def row(cid: str, sid: str, stance: str = "asserts", who: str = "", kind: str = "none", **extra: str) -> dict:
    return {"claim_id": cid, "source_id": sid, "quote": f"{sid} says {cid}", "stance": stance} | {
        "attributed_to": who,
        "attribution_kind": kind,
        **extra,
    }


def check_shape(ex: exercise.Exercise) -> None:
    assert ex.move in exercise.MOVES
    assert ex.answer and set(ex.answer) <= set(ex.options)
    assert len(set(ex.options)) == len(ex.options)
    assert ex.multiple or len(ex.answer) == 1
    assert ex.explanation.strip()


# ---------------------------------------------------------------------------------------------
# On the repository's corpus: every exercise builds, and its answer agrees with the data
# ---------------------------------------------------------------------------------------------
def test_find_claims_searches_statements(codings: Codings) -> None:
    found = exercise.find_claims(codings, "TRANSPONDER")
    assert len(found) >= 1 and found["statement"].str.contains("transponder", case=False).all()
    assert exercise.find_claims(codings, "transponder zzzz").empty
    assert len(exercise.find_claims(codings, "Assad Damascus")) <= len(exercise.find_claims(codings, "Assad"))


def test_count_chains(corpus: pd.DataFrame, chain_table: pd.DataFrame) -> None:
    ex = chx.count_chains(corpus, chain_table)
    check_shape(ex)
    assert ex.options == tuple(str(i) for i in range(1, len(corpus) + 1))
    assert ex.answer == (str(chain_table["chain"].nunique()),)
    for chain in chain_table["chain"]:
        assert chain in ex.explanation


def test_source_kind_exercises(corpus: pd.DataFrame) -> None:
    kinds = source_kinds(corpus)
    for ex, kind in ((chx.original_reporting(corpus), "original reporting"), (chx.uncredited_rewrite(corpus), "unc")):
        assert ex is not None
        check_shape(ex)
        expected = [sid for sid in kinds.index if kinds.at[sid, "kind"].startswith(kind)]
        assert [a.split(" ")[0] for a in ex.answer] == expected


def test_independent_of(corpus: pd.DataFrame, chain_table: pd.DataFrame) -> None:
    ex = chx.independent_of(corpus, chain_table)
    assert ex is not None
    check_shape(ex)
    chain_of = chains_module.chain_of(chain_table)
    base = next(sid for sid in corpus.index if ex.question.startswith(f"You have read {sid}"))
    assert chain_of.value_counts()[chain_of[base]] == chain_of.value_counts().max()
    expected = [sid for sid in corpus.index if chain_of[sid] != chain_of[base]]
    assert [a.split(" ")[0] for a in ex.answer] == expected
    same_chain = chx.independent_of(corpus, chain_table.assign(chain="one"), base)
    assert same_chain is not None and same_chain.answer == (exercise.NONE_OPTION,)
    with pytest.raises(UnknownSourceError, match=rf"unknown source id '{base}x' \(did you mean '{base}'\?\)"):
        chx.independent_of(corpus, chain_table, f"{base}x")


def test_whose_word_transponder(codings: Codings, corpus: pd.DataFrame, chain_table: pd.DataFrame) -> None:
    ex = clx.whose_word(codings, corpus, chains_module.chain_of(chain_table), "transponder")
    assert ex is not None
    check_shape(ex)
    cid = exercise.find_claims(codings, "transponder").index[0]
    ev = codings.evidence[codings.evidence["claim_id"] == cid]
    assert cid in ex.key
    for who in ev["attributed_to"]:
        if who:
            assert f"“{who}”" in ex.explanation
    assert list(ex.evidence["source_id"]) == list(ev["source_id"])
    assert clx.whose_word(codings, corpus, chains_module.chain_of(chain_table), "no such words here") is None


def test_better_sourced_departure(codings: Codings, chain_table: pd.DataFrame) -> None:
    ex = clx.better_sourced(codings, chains_module.chain_of(chain_table), "transponder")
    assert ex is not None
    check_shape(ex)
    slot = codings.claims.loc[exercise.find_claims(codings, "transponder").index[0], "slot"]
    assert codings.slots.at[slot, "reasoning"] in ex.explanation
    assert codings.slots.at[slot, "question"] in ex.question
    assert set(ex.evidence["claim_id"]) <= set(codings.claims.index[codings.claims["slot"] == slot])


def test_outside_date_araghchi(codings: Codings) -> None:
    outside = cl.read_outside_reference(load_corpus(config.DEFAULT_CORPUS_DIR))
    if outside is None:
        pytest.skip("no outside reference in this corpus")
    ex = clx.outside_date(codings, outside, "Araghchi")
    assert ex is not None
    check_shape(ex)
    for rec in ex.evidence.to_dict("records"):
        assert "araghchi" in rec["event"].lower()
        assert clx._long_date(rec["date"]) in ex.answer
        assert rec["cited_outlet"] in ex.explanation
    assert clx.outside_date(codings, None, "Araghchi") is None


def test_dropped_caveat(codings: Codings, corpus: pd.DataFrame, chain_table: pd.DataFrame) -> None:
    chain_of = chains_module.chain_of(chain_table)
    phrase = "could not independently verify"
    ex = clx.dropped_caveat(codings, corpus, chain_of, phrase)
    assert ex is not None
    check_shape(ex)
    keeper = next(sid for sid in corpus.index if ex.question.startswith(sid))
    for label in ex.answer:
        sid = label.split(" ")[0]
        assert chain_of[sid] == chain_of[keeper]
        telling = ex.evidence.set_index("source_id").loc[sid]
        assert phrase not in telling["quote"] and phrase not in telling["hedge"]
    assert clx.dropped_caveat(codings, corpus, chain_of, "words nobody wrote") is None


# ---------------------------------------------------------------------------------------------
# On hand-made codings: the rules behind the answers
# ---------------------------------------------------------------------------------------------
def test_whose_word_prefers_described_sources_over_the_relay() -> None:
    claims = [{"claim_id": "C001", "topic": "departure", "statement": "He left by boat"}]
    relay_only = toy([row("C001", "a", "attributes", "Wire", "outlet")], claims)
    chain_of = pd.Series({"a": "Wire", "b": "Wire"})
    corpus = toy_corpus(["a", "b"])
    ex = clx.whose_word(relay_only, corpus, chain_of, "boat")
    assert ex is not None and ex.answer == (KIND_LEGEND["outlet"],)
    described = toy(
        [row("C001", "a", "attributes", "Wire", "outlet"), row("C001", "b", "attributes", "a harbour clerk", "named")],
        claims,
    )
    ex = clx.whose_word(described, corpus, chain_of, "boat")
    assert ex is not None and ex.answer == (KIND_LEGEND["named"],) and "“a harbour clerk”" in ex.explanation
    flat = toy([row("C001", "a")], claims)
    assert clx.whose_word(flat, corpus, chain_of, "boat").answer == (KIND_LEGEND["none"],)


def test_better_sourced_counts_chains_not_outlets() -> None:
    claims = [
        {"claim_id": "C001", "topic": "departure", "statement": "By boat", "slot": "how"},
        {"claim_id": "C002", "topic": "departure", "statement": "By car", "slot": "how"},
    ]
    slots = [{"slot": "how", "question": "How did he leave?", "kind": "how", "reasoning": "Because."}]
    ev = [row("C001", s, "attributes", "officials", "anonymous") for s in ("a", "b", "c")]
    ev.append(row("C002", "d", "attributes", "officials", "anonymous"))
    # three outlets of one chain against one outlet of another: no winner
    one_chain = pd.Series({"a": "W", "b": "W", "c": "W", "d": "X"})
    ex = clx.better_sourced(toy(ev, claims, slots), one_chain, "boat")
    assert ex is not None and ex.answer == (clx.UNDECIDED,) and ex.asks_why
    # the same three outlets as three independent chains: the boat account wins
    three_chains = pd.Series({"a": "W", "b": "Y", "c": "Z", "d": "X"})
    assert clx.better_sourced(toy(ev, claims, slots), three_chains, "boat").answer == ("By boat",)
    # equal chains, but the car account is on the record
    ev[-1] = row("C002", "d", "attributes", "the minister", "named")
    assert clx.better_sourced(toy(ev, claims, slots), one_chain, "car").answer == ("By car",)
    assert "Because." in ex.explanation
    # more chains against more on-the-record sources: the counts do not decide, the reasoning does
    split = [*[row("C001", s, "attributes", "officials", "anonymous") for s in ("a", "b", "c")], ev[-1]]
    assert clx.better_sourced(toy(split, claims, slots), three_chains, "car").answer == (clx.UNDECIDED,)
    assert ex.explanation.startswith("The coder's reasoning (the model answer): Because.")
    lone = toy(ev[:3], claims, slots)  # only one account has support: nothing competes
    assert clx.better_sourced(lone, one_chain, "boat") is None


def test_outside_date_ignores_far_rows_and_offers_choices() -> None:
    claims = [{"claim_id": "C001", "topic": "diplomacy", "statement": "Envoy Zed came", "when": "2024-12-02"}]
    claims[0]["slot"] = "when-zed"
    slots = [{"slot": "when-zed", "question": "When did Zed come?", "kind": "when", "reasoning": ""}]
    codings = toy([row("C001", "a")], claims, slots)
    far = pd.DataFrame(
        [
            {"date": "2024-12-20", "time_local": "", "event": "Zed came again", "cited_outlet": "X"}
            | {"title": "t", "address": "", "confidence": "high"}
        ]
    )
    assert clx.outside_date(codings, far, "Zed") is None
    agree = far.assign(date="2024-12-02")
    ex = clx.outside_date(codings, agree, "Zed")
    assert ex is not None and ex.answer == ("2 December 2024",) and len(ex.options) == 3
    check_shape(ex)


def test_dropped_caveat_none_dropped() -> None:
    claims = [{"claim_id": "C001", "topic": "family", "statement": "He died"}]
    ev = [
        row("C001", "a", "hedges", hedge="could not verify"),
        row("C001", "b", "hedges", hedge="could not verify"),
        row("C001", "c"),
    ]
    chain_of = pd.Series({"a": "W", "b": "W", "c": "X"})
    ex = clx.dropped_caveat(toy(ev, claims), toy_corpus(["a", "b", "c"]), chain_of, "could not verify")
    assert ex is not None and ex.answer == (exercise.NONE_OPTION,)
    assert "another chain (X)" in ex.explanation


def test_answer_key_skips_missing_exercises(corpus: pd.DataFrame, chain_table: pd.DataFrame) -> None:
    key = cl.answer_key([chx.count_chains(corpus, chain_table), None])
    assert list(key.columns) == ["move", "exercise", "question", "answer"] and len(key) == 1


def test_an_uncoded_corpus_builds_the_source_exercises_and_leaves_the_claim_ones_out(tmp_path) -> None:
    """No claims.csv: the claim exercises are None (was KeyError 'slot'), each gap says why."""
    import shutil

    root = tmp_path / "uncoded"
    shutil.copytree(config.REPO_ROOT / "tests" / "fixtures" / "second_corpus", root)
    for name in ("claims.csv", "evidence.csv", "aliases.csv"):
        (root / name).unlink()
    corpus = load_corpus(root)
    codings = read_codings(corpus)
    assert exercise.find_claims(codings, "alarm").empty
    lesson = cl.build_lesson(corpus, codings, chains(corpus, pairs(corpus)), None)
    assert all(lesson[k] is None for k in ("better_sourced", "outside_date", "whose_word", "dropped_caveat"))
    assert lesson["count_chains"] is not None
    assert len(cl.lesson_gaps(corpus, lesson)) == sum(ex is None for ex in lesson.values())
