"""Attributions ("according to two regional diplomats") and hedges ("reportedly") in any article.

Who does an article say its information comes from, and how sure does it say it is? This module
finds, with character offsets into the unmodified text:

* **attributions**: a cue ("according to", "said", "as reported by", "records show", ...), the
  source span it points at (before the cue, after it, or around it: "said X", "X said",
  "as reported by X", "X, Y, stated that", "..., saying") and the source's kind: ``named``
  (a person or body named), ``anonymous`` (unnamed people, however senior), ``outlet`` (another
  news organisation or "the report") or ``document`` (records, videos, documents);
* **hedges**: distancing words ("reportedly", "allegedly", "believed to", "appear to") and
  verification disclaimers ("could not independently verify", "did not respond to a request
  for comment"), with their sentence.

Plain, unit-tested patterns rather than a parser (why: ``docs/design.md``); an optional learned
tagger (:mod:`helpers.sourcing.tagger`) adds the cue words the rules miss. This module joins the parts:
cues (:mod:`.cues`), source spans (:mod:`.spans`), kinds (:mod:`.kinds`), hedges (:mod:`.hedges`),
word lists and patterns (:mod:`.lexicon`), and builds each attribution row in one place (:func:`_row`).
The tagger is on by default (:data:`TAGGER_DEFAULT`): the default convention is the published one of
PolNeAR and PARC, where speech, writing, evidence, beliefs and plans attributed to someone ("urged",
"warned", "believes", "plans") are attributions; ``tagger=False`` (a corpus's ``attributions =
"speech"``) keeps the narrower convention of speech, writing and evidence only. The shipped corpus's
gold follows the published convention (``corpus/README.md``, "Attribution gold").

Decisions (also unit-tested):

* a speech verb inside a quotation is the quoted speaker's, not the article's: skipped;
* "the aforesaid", "all told", "told X to do" (an order), passive "was denied by" / "is said to"
  and the noun readings ("the claims", "—claims that") are not attribution cues; "is said to"
  is a hedge instead;
* "claims that the minister has dismissed as falsehoods" is a reported denial: the noun "claims" is
  not a cue, "dismissed ... as" is (source: the minister);
* an outlet that is only the channel ("told Al Arabiya", "to Reuters", "who spoke to Reuters")
  goes into ``via``; the kind describes the source itself ("a senior Iranian diplomat");
* a pronoun source ("he", "they") takes the kind of the article's previous attribution;
* a byline credit ("Additional reporting by ...") is not an attribution;
* a speech act narrated as an event ("the minister informed her aide that ...", "acknowledged",
  "expressed concern") is not an attribution: only reporting to the press or the reader counts;
* a negated or modal cue ("could not confirm", "would say") attributes nothing;
* typographic cues: a dash after a quotation signs it ("…” ― Ann Lee"), a colon after a speaker's
  name before a quotation or in a transcript ("Lee: “…”", "HOST: ...") is the cue; a capitalised
  topic ("Harbour Crisis: ...") and an editor's label ("UPDATE:") are not speakers.

Beyond the columns the brief asked for, attributions carry ``via`` (the channel outlet) and
hedges ``family`` (``hedge``, ``disclaimer``, ``unclaimed`` for "no one has claimed" and
``unconfirmed`` for "has not been confirmed"; these are hedges, never attributions). The hand-coded gold
(``corpus/gold/attributions.csv``, ``corpus/gold/hedges.csv``) is read by
:mod:`helpers.sourcing.gold`; measurement against it and agreement with the hand claim coding
are in :mod:`helpers.sourcing.accuracy`; each article's profile is :mod:`helpers.sourcing.profile`;
the rewrites' hedges are followed by :mod:`helpers.sourcing.rewrites`. The work is linear in the
length of the text (tokens are walked only within a cue's sentence).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import pandas as pd

from helpers.core.language import is_analysed, language_of
from helpers.core.text import quote_spans, sentence_spans
from helpers.corpus.load import is_known_outlet
from helpers.sourcing.content import content_span
from helpers.sourcing.cues import find_cues, model_rejects, negated_claim, resolve_word_cue
from helpers.sourcing.hedges import HEDGE_COLUMNS, find_hedges, hedges
from helpers.sourcing.kinds import KINDS, OUTLETS, classify_source, outlet_regex, resolve_pronouns
from helpers.sourcing.lexicon.cue_words import FUNCTION_WORDS, NEGATORS
from helpers.sourcing.relays import NOT_VISIBLE, RELAY_KIND, relay_columns
from helpers.sourcing.spans import back_source, forward_source, participle_subject
from helpers.sourcing.tagger import model_cue_spans
from helpers.sourcing.tokens import Spans, plain_quotes, tokens, trim, window

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "HEDGE_COLUMNS",
    "KINDS",
    "OUTLETS",
    "TAGGER_DEFAULT",
    "attributions",
    "classify_source",
    "convention_of",
    "corpus_outlets",
    "describe_convention",
    "find_attributions",
    "find_hedges",
    "hedges",
    "not_analysed",
    "sourcing_tables",
]

ATTRIBUTION_COLUMNS = [
    "source_id",
    "start",
    "end",
    "cue",
    "cue_start",
    "cue_end",
    "source_text",
    "source_start",
    "source_end",
    "kind",
    "via",
    "sentence",
    "content_start",
    "content_end",
    "reach",
    "relay",
    "behind",
]
#: Columns of :func:`not_analysed`: the articles the English detectors did not read, and their language.
NOT_ANALYSED_COLUMNS = ["source_id", "language"]
#: What the exported tables say in ``kind`` (attributions) or ``cue`` (hedges) for an article not analysed.
NOT_ANALYSED = "not analysed"

#: Whether :func:`find_attributions` adds the learned tagger's cues by default (the tables and notebooks use it).
TAGGER_DEFAULT = True


def _row(
    text: str,
    cue: tuple[int, int],
    source: tuple[int, int],
    sentence: tuple[int, int],
    via: str,
    outlets: Iterable[str],
) -> dict:
    """One attribution row (the columns of :data:`ATTRIBUTION_COLUMNS` but ``source_id``), built in one place."""
    source_text = text[source[0] : source[1]]
    return {
        "start": min(cue[0], source[0]),
        "end": max(cue[1], source[1]),
        "cue": text[cue[0] : cue[1]],
        "cue_start": cue[0],
        "cue_end": cue[1],
        "source_text": source_text,
        "source_start": source[0],
        "source_end": source[1],
        "kind": classify_source(source_text, outlets),
        "via": via,
        "sentence": text[sentence[0] : sentence[1]],
    }


def find_attributions(
    text: str, outlets: Iterable[str] = OUTLETS, *, tagger: bool = TAGGER_DEFAULT, cue_model: tuple | None = None
) -> pd.DataFrame:
    """Attributions in one text (columns as :data:`ATTRIBUTION_COLUMNS` minus ``source_id``).

    ``tagger=True`` (the default, the published convention) adds the learned cue tagger's finds:
    narrated speech acts, beliefs and plans ("urged", "believes", "plans") count; ``tagger=False``
    keeps the narrower speech convention of the rules alone.
    ``cue_model`` replaces the shipped tagger (weights, threshold, vocabulary), for training.
    """
    original = text
    text = plain_quotes(text)
    outlet_re = outlet_regex(outlets)
    sentences = Spans(sentence_spans(text))
    quotes = Spans(quote_spans(text))
    raw = [c for c in find_cues(text, outlet_re) if not quotes.strictly_inside(c["cue_start"])]
    # Longest cue wins where cues overlap ("as noted by" over "noted").
    raw.sort(key=lambda c: (c["cue_start"], -(c["cue_end"] - c["cue_start"])))
    chosen: list[dict] = []
    for c in raw:
        if chosen and c["cue_start"] < chosen[-1]["cue_end"]:
            continue
        chosen.append(c)
    cue_spans = Spans([(c["cue_start"], c["cue_end"]) for c in chosen])
    rows = []
    for c in chosen:
        s_start, s_end = sentences.at(c["cue_start"]) or (0, len(text))
        toks, i, i_after = window(text, (s_start, s_end), c["cue_start"], c["cue_end"])
        near = (toks[0].start, toks[-1].end) if toks else (s_start, s_end)
        stops = set(cue_spans.within(*near)) - {(c["cue_start"], c["cue_end"])}
        via = str(c.get("via", ""))
        mode = c["mode"]
        if mode == "word":
            resolved = resolve_word_cue(c, toks, i, stops)
            if resolved is None:
                continue
            mode, src = resolved
            if mode == "inverted":
                src, via = forward_source(toks, i_after, stops, to_end=True, lead=False, outlet_re=outlet_re, text=text)
        elif mode == "forward":
            lead = all(not t.is_word or t.low in {"and", "but"} for t in toks[:i])
            src, via = forward_source(toks, i_after, stops, to_end=False, lead=lead, outlet_re=outlet_re, text=text)
        elif mode == "embed":
            src = tokens(text, *c["source"])
        else:
            src = back_source(toks, i, stops)
        src = trim(src)
        if src:
            src_start, src_end = src[0].start, src[-1].end
        else:
            src_start = src_end = c["cue_start"]
        rows.append(_row(text, (c["cue_start"], c["cue_end"]), (src_start, src_end), (s_start, s_end), via, outlets))
    if tagger:
        rows.extend(_model_rows(text, raw, rows, sentences, outlets, cue_model))
    rows.sort(key=lambda r: r["cue_start"])
    if original != text:  # the same offsets: show the article's own characters
        for row in rows:
            s_start, s_end = sentences.at(row["cue_start"]) or (0, len(text))
            row["cue"] = original[row["cue_start"] : row["cue_end"]]
            row["source_text"] = original[row["source_start"] : row["source_end"]]
            row["sentence"] = original[s_start:s_end]
    resolve_pronouns(rows)
    for row in rows:
        sentence = sentences.at(row["cue_start"]) or (0, len(text))
        cue, source = (row["cue_start"], row["cue_end"]), (row["source_start"], row["source_end"])
        row["content_start"], row["content_end"], row["reach"] = content_span(
            text, sentence, cue, source, sentences, quotes
        )
        row["relay"] = row["kind"] == RELAY_KIND
        row["behind"] = NOT_VISIBLE if row["relay"] else ""
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[1:])


def _model_rows(
    text: str,
    raw: list[dict],
    rule_rows: list[dict],
    sentences: Spans,
    outlets: Iterable[str],
    cue_model: tuple | None = None,
) -> list[dict]:
    """Attributions the learned tagger adds where the rules found none.

    The rules' firm conventions still hold for what the tagger finds (:func:`model_rejects`):
    negated or modal cues, passives, noun readings ("the claims", "his remarks"), "all told",
    orders ("told X to"), and narrated speech events (:data:`MODEL_VETO`). ``raw`` (the rules'
    own candidates) is accepted for symmetry with the rule pass and not used further.
    """
    del raw
    taken = sorted((r["cue_start"], r["cue_end"]) for r in rule_rows)
    starts = [a for a, _ in taken]
    rows = []
    for c_start, c_end, _prob in model_cue_spans(text, cue_model, taken):
        k = bisect.bisect_left(starts, c_end)
        if any(a < c_end and c_start < b for a, b in taken[max(0, k - 8) : k]):
            continue
        s_start, s_end = sentences.at(c_start) or (0, len(text))
        toks, i, i_after = window(text, (s_start, s_end), c_start, c_end)
        if i >= len(toks) or model_rejects(toks, i):
            continue
        if any(negated_claim(toks, k) for k in range(i, i_after)):
            continue  # "No one has claimed": the whole run goes
        if any(t.low in NEGATORS for t in toks[i:i_after]) or all(t.low in FUNCTION_WORDS for t in toks[i:i_after]):
            continue  # a cue has a content word (or is a colon before a quotation)
        if i > 0 and toks[i - 1].text == "," and toks[i].low.endswith("ing"):
            src = trim(participle_subject(toks, i))  # ", asking her to come": the sentence's subject
        else:
            src = trim(back_source(toks, i, set()))
        via = ""
        if not src:
            src, via = forward_source(
                toks, i_after, set(), to_end=False, lead=False, outlet_re=outlet_regex(outlets), text=text
            )
            src = trim(src)
        src_start, src_end = (src[0].start, src[-1].end) if src else (c_start, c_start)
        rows.append(_row(text, (c_start, c_end), (src_start, src_end), (s_start, s_end), via, outlets))
    return rows


def corpus_outlets(corpus: pd.DataFrame) -> tuple[str, ...]:
    """Known outlet names plus the corpus's own, credited and settings-listed (``outlets``) outlets."""
    extra: list[str] = []
    for col in ("outlet", "upstream_inferred"):
        if col in corpus.columns:
            extra.extend(str(v) for v in corpus[col] if is_known_outlet(v))
    if "credits" in corpus.columns:
        for credits in corpus["credits"]:
            extra.extend(credits)
    settings = getattr(corpus, "settings", None)
    extra.extend(settings.outlets if settings is not None else ())
    return tuple(dict.fromkeys([*OUTLETS, *extra]))


#: What each attribution convention counts, in words a notebook prints.
CONVENTIONS = {
    "wide": "the published convention of PolNeAR and PARC (speech, writing, evidence, beliefs and plans; the default)",
    "speech": "the narrow speech convention (speech, writing and evidence only)",
}


def describe_convention(corpus: pd.DataFrame) -> str:
    """One line naming the attribution convention in effect for a corpus, for notebooks and reports."""
    convention = convention_of(corpus)
    return f"attributions = {convention!r}: {CONVENTIONS.get(convention, convention)}"


def convention_of(corpus: pd.DataFrame) -> str:
    """The attribution convention in effect for a corpus: its ``attributions`` setting, else the published one."""
    settings = getattr(corpus, "settings", None)
    return (
        "wide" if settings is None and TAGGER_DEFAULT else (settings.attributions if settings is not None else "speech")
    )


def not_analysed(corpus: pd.DataFrame) -> pd.DataFrame:
    """The articles the English detectors do not read (another language), with their language (ISO 639-1)."""
    rows = [
        {"source_id": sid, "language": language_of(text)}
        for sid, text in corpus["text"].items()
        if not is_analysed(text)
    ]
    return pd.DataFrame(rows, columns=NOT_ANALYSED_COLUMNS)


def attributions(corpus: pd.DataFrame, convention: str | None = None) -> pd.DataFrame:
    """Every attribution in every analysed article, with offsets into the unmodified texts.

    ``convention`` (default: the corpus's ``attributions`` setting, :func:`convention_of`) picks what
    counts: ``wide`` (the published convention) adds the learned tagger's finds, ``speech`` keeps the
    rules alone. Articles in another language are left out here and listed by :func:`not_analysed`;
    ``behind`` says whether a relayed outlet's own report is in the corpus (:mod:`.relays`).
    """
    outlets = corpus_outlets(corpus)
    tagger = (convention or convention_of(corpus)) == "wide"
    skipped = set(not_analysed(corpus)["source_id"])
    frames = []
    for sid, text in corpus["text"].items():
        if sid in skipped:
            continue
        frame = find_attributions(text, outlets, tagger=tagger)
        frame.insert(0, "source_id", sid)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    out = out[ATTRIBUTION_COLUMNS]
    if len(out):
        out[["relay", "behind"]] = relay_columns(corpus, out)
    return out


def sourcing_tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``attributions.csv`` and ``hedges.csv`` for the CLI; an article in another language gets one row saying so."""
    attrs = attributions(corpus)[
        ["source_id", "start", "end", "cue", "source_text", "kind", "relay", "behind", "reach"]
    ]
    hdg = hedges(corpus)[["source_id", "start", "end", "cue"]]
    skipped = not_analysed(corpus)
    if len(skipped):
        label = [f"{NOT_ANALYSED} (language: {lang})" for lang in skipped["language"]]
        empty = {"start": pd.NA, "end": pd.NA, "cue": "", "source_text": ""}
        extra_a = pd.DataFrame({"source_id": skipped["source_id"], **empty, "kind": label, "relay": False})
        extra_h = pd.DataFrame({"source_id": skipped["source_id"], "start": pd.NA, "end": pd.NA, "cue": label})
        attrs = pd.concat([attrs, extra_a.assign(behind="", reach="")], ignore_index=True)
        hdg = pd.concat([hdg, extra_h], ignore_index=True)
    return {"attributions.csv": attrs.reset_index(drop=True), "hedges.csv": hdg.reset_index(drop=True)}
