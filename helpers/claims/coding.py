"""The claim codebook and its coding: load, validate and anchor every quote in its article.

``claims.csv`` holds one row per atomic, checkable claim; ``evidence.csv`` one row per
(claim, article) where the article speaks to it, with the verbatim quote, stance and attribution;
``slots.csv`` the questions on which claims compete, with the reasoning about which account is
better sourced. Coding rules: ``corpus/README.md``, section 'Coding rules'.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import config
from helpers.claims.aliases import load_aliases
from helpers.core.errors import InputError, Problem
from helpers.core.files import LINE, read_table, suggest
from helpers.core.text import (
    NormalisedText,
    closest_passage,
    first_difference,
    normalise_ws,
    quote_occurrences,
    text_quote_selector,
    word_break,
)
from helpers.corpus.load import Corpus
from helpers.sourcing.kinds import ATTRIBUTION_KINDS

STANCES = ("asserts", "attributes", "hedges", "contradicts", "denies")
#: Stances by which an article supports a claim (as fact, on someone's word, or with a caveat).
SUPPORTING = ("asserts", "attributes", "hedges")
SLOT_KINDS = ("how", "when", "who", "where", "whether", "number", "spelling")

CLAIM_COLUMNS = ("claim_id", "topic", "statement")
CLAIM_OPTIONAL = ("when", "where", "slot", "notes")
EVIDENCE_COLUMNS = ("claim_id", "source_id", "quote", "stance", "attributed_to", "attribution_kind")
EVIDENCE_OPTIONAL = ("hedge", "note", "occurrence")
SLOT_COLUMNS = ("slot", "question", "kind", "reasoning")
ALIAS_COLUMNS = ("alias", "entity", "entity_type")

_CLAIM_ID = re.compile(r"^C\d{3,}$")
_SLOT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WHEN_PART = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")


@dataclass(frozen=True)
class Codings:
    """Everything coded about a corpus, validated and anchored."""

    claims: pd.DataFrame  # indexed by claim_id
    evidence: pd.DataFrame  # one row per (claim, article) with start, end, exact, prefix, suffix
    slots: pd.DataFrame  # indexed by slot
    coded_sources: tuple[str, ...]  # articles the coding covers (others are "not coded")
    aliases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[*ALIAS_COLUMNS, LINE]))  # aliases.csv


def _when_problem(when: str) -> str | None:
    """What is wrong with a ``when`` cell (days or minutes, several joined by '/'), or None."""
    for part in when.split("/"):
        try:
            ok = bool(_WHEN_PART.fullmatch(part)) and bool(dt.datetime.fromisoformat(part))
        except ValueError:
            ok = False
        if not ok:
            return (
                f"when '{when}': '{part}' is not a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM "
                "(several joined by '/')"
            )
    return None


def check_claims(claims: pd.DataFrame, path: Path, topics: tuple[str, ...] = ()) -> list[Problem]:
    """Problems of the codebook rows: ids, duplicates, topics (the settings' vocabulary, if any), slots, dates."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row in claims.to_dict("records"):
        line, cid = row[LINE], row["claim_id"]
        if not _CLAIM_ID.match(cid):
            problems.append(Problem(str(path), line, f"claim_id '{cid}' must look like C001"))
        elif cid in seen:
            problems.append(Problem(str(path), line, f"duplicate claim_id '{cid}' (first on line {seen[cid]})"))
        seen.setdefault(cid, line)
        topic = row["topic"]
        if topics and topic not in topics:
            allowed = f"one of {', '.join(topics)}: the settings' topics, {config.EVENT_SETTINGS_NAME}"
            hint = f"{suggest(topic, topics)} ({allowed})"
            problems.append(Problem(str(path), line, f"unknown topic '{topic}'{hint}"))
        elif not _TOPIC.match(topic):
            problems.append(Problem(str(path), line, f"topic '{topic}' must be lowercase words joined by hyphens"))
        if not row["statement"]:
            problems.append(Problem(str(path), line, "empty statement"))
        if row["slot"] and not _SLOT_ID.match(row["slot"]):
            problems.append(Problem(str(path), line, f"slot '{row['slot']}' must be lowercase words joined by hyphens"))
        if row["when"] and (message := _when_problem(row["when"])):
            problems.append(Problem(str(path), line, message))
    return problems


def _check_slots(slots: pd.DataFrame, claims: pd.DataFrame, path: Path, claims_path: Path) -> list[Problem]:
    problems: list[Problem] = []
    known = set(slots["slot"])
    for row in slots.to_dict("records"):
        if row["kind"] not in SLOT_KINDS:
            problems.append(
                Problem(str(path), row[LINE], f"unknown kind '{row['kind']}'{suggest(row['kind'], SLOT_KINDS)}")
            )
        if not row["reasoning"]:
            problems.append(Problem(str(path), row[LINE], f"slot '{row['slot']}' has no reasoning"))
    dupes = slots[slots["slot"].duplicated()]
    for row in dupes.to_dict("records"):
        problems.append(Problem(str(path), row[LINE], f"duplicate slot '{row['slot']}'"))
    for row in claims.to_dict("records"):
        if row["slot"] and row["slot"] not in known:
            problems.append(
                Problem(
                    str(claims_path),
                    row[LINE],
                    f"slot '{row['slot']}' is not in {config.SLOTS_NAME}{suggest(row['slot'], known)}",
                )
            )
    return problems


def check_and_anchor(
    evidence: pd.DataFrame, claims: pd.DataFrame, corpus: pd.DataFrame, path: Path
) -> tuple[list[Problem], pd.DataFrame]:
    """Validate every evidence row and add start, end, exact, prefix and suffix for its quote."""
    problems: list[Problem] = []
    known_claims = set(claims["claim_id"])
    coded = set(evidence["source_id"])  # only coded articles are normalised: cost follows the coding
    normalised = {sid: NormalisedText.of(text) for sid, text in corpus["text"].items() if sid in coded}
    seen: dict[tuple[str, str], int] = {}
    anchors: list[dict[str, object]] = []
    for row in evidence.to_dict("records"):
        line, cid, sid = row[LINE], row["claim_id"], row["source_id"]

        def bad(message: str, line: int = line) -> None:
            problems.append(Problem(str(path), line, message))

        anchor: dict[str, object] = {"start": -1, "end": -1, "exact": "", "prefix": "", "suffix": ""}
        if cid not in known_claims:
            bad(f"unknown claim_id '{cid}'{suggest(cid, known_claims)}")
        if sid not in corpus.index:
            bad(f"unknown source_id '{sid}'{suggest(sid, corpus.index)}")
        if row["stance"] not in STANCES:
            bad(f"unknown stance '{row['stance']}'{suggest(row['stance'], STANCES)} (one of {', '.join(STANCES)})")
        if row["attribution_kind"] not in ATTRIBUTION_KINDS:
            kind = row["attribution_kind"]
            choices = ", ".join(ATTRIBUTION_KINDS)
            bad(f"unknown attribution_kind '{kind}'{suggest(kind, ATTRIBUTION_KINDS)} (one of {choices})")
        elif row["attribution_kind"] != "none" and not row["attributed_to"]:
            bad(f"attribution_kind '{row['attribution_kind']}' needs attributed_to (the article's words)")
        elif row["attribution_kind"] == "none" and row["attributed_to"]:
            bad(
                f"attributed_to '{_short(row['attributed_to'])}' is given but attribution_kind is 'none' "
                "(set the kind: named, anonymous, outlet or document; or empty attributed_to)"
            )
        if (cid, sid) in seen:
            bad(f"duplicate coding of ({cid}, {sid}) (first on line {seen[(cid, sid)]})")
        seen.setdefault((cid, sid), line)
        if not row["quote"]:
            bad("empty quote")
        elif sid in normalised:
            text = corpus.at[sid, "text"]
            span, why = _anchor(row["quote"], row.get("occurrence", ""), normalised[sid], text)
            if span is None:
                bad(why.format(where=f"{sid}: '{_short(row['quote'])}'"))
            elif (broken := word_break(text, *span)) is not None:
                bad(f"quote {broken} in {sid}: '{_short(row['quote'])}' (widen it to whole words)")
            else:
                anchor = {"start": span[0], "end": span[1], **_selector(text, *span)}
                for cue in _hedge_cues(row.get("hedge", "")):
                    if normalise_ws(cue) not in normalise_ws(text[span[0] : span[1]]):
                        bad(f"hedge cue '{_short(cue)}' is not in the quote (coding rule R9: copy cues from the quote)")
        anchors.append(anchor)
    anchored = pd.concat([evidence.reset_index(drop=True), pd.DataFrame(anchors)], axis=1)
    return problems, anchored


def _hedge_cues(cell: object) -> list[str]:
    """The hedge cues of an evidence row (``hedge``, several joined by ``; ``)."""
    return [c.strip() for c in str(cell or "").split(";") if c.strip()]


def _anchor(quote: str, occurrence: str, norm: NormalisedText, text: str) -> tuple[tuple[int, int] | None, str]:
    """The one span a quote anchors to, or None and why (a message with ``{where}`` for the article and quote)."""
    spans = quote_occurrences(quote, norm)
    if not spans:
        return None, _not_found(quote, text)
    if occurrence:
        k = int(occurrence) if occurrence.isdigit() else 0
        if not 1 <= k <= len(spans):
            return None, f"quote occurs {len(spans)} time(s) in {{where}}, so occurrence '{occurrence}' does not exist"
        return spans[k - 1], ""
    if len(spans) > 1:
        at = ", ".join(str(s) for s, _ in spans)
        return None, (
            f"quote occurs {len(spans)} times (at characters {at}) in {{where}}: widen it until it is unique, "
            f"or set occurrence to 1-{len(spans)}"
        )
    return spans[0], ""


def _not_found(quote: str, text: str) -> str:
    """Why a quote was not found, with the hint a coder needs: normalisation, length, or the first difference."""
    nfc = unicodedata.normalize("NFC", normalise_ws(quote))
    found = "quote not found in {where}"
    if nfc in unicodedata.normalize("NFC", normalise_ws(text)):
        return f"{found}; it differs from the article only in Unicode normalisation (NFC vs NFD): retype the accents"
    if len(normalise_ws(quote)) > len(normalise_ws(text)):
        return f"{found}; the quote is longer than the article ({len(quote)} vs {len(text)} characters)"
    passage, score = closest_passage(quote, text)
    hay, at = normalise_ws(text), normalise_ws(text).find(passage)
    if at >= 0:  # the alignment may stop short of the difference: compare as much text as the quote has
        passage = hay[at : at + max(len(passage), len(normalise_ws(quote)))]
    detail = first_difference(quote, passage).replace("{", "{{").replace("}", "}}")
    return f"{found}; closest passage ({score:g}% alike): {detail}"


def _selector(text: str, start: int, end: int) -> dict[str, str]:
    sel = text_quote_selector(text, start, end)
    return {"exact": sel["exact"], "prefix": sel["prefix"], "suffix": sel["suffix"]}


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Columns :func:`read_codings` adds to every evidence row: the quote's anchor in its article.
ANCHOR_COLUMNS = ("start", "end", "exact", "prefix", "suffix")


def empty_codings() -> Codings:
    """The codings of a corpus nobody has coded yet: empty tables with every column."""
    claims = pd.DataFrame(columns=[*CLAIM_COLUMNS, *CLAIM_OPTIONAL], dtype=object).set_index("claim_id")
    evidence = pd.DataFrame(columns=[*EVIDENCE_COLUMNS, *EVIDENCE_OPTIONAL, *ANCHOR_COLUMNS], dtype=object)
    evidence = evidence.astype({"start": int, "end": int})
    slots = pd.DataFrame(columns=list(SLOT_COLUMNS), dtype=object).set_index("slot")
    return Codings(claims=claims, evidence=evidence, slots=slots, coded_sources=())


def read_codings(corpus: Corpus) -> Codings:
    """Load, validate and anchor the codings; raise :class:`InputError` listing every problem.

    A corpus without ``claims.csv`` is not coded yet: its codings are empty (see :func:`has_codings`).
    """
    if not has_codings(corpus):
        return empty_codings()
    paths = {name: corpus.path(name) for name in (config.CLAIMS_NAME, config.EVIDENCE_NAME, config.SLOTS_NAME)}
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    specs = {
        config.CLAIMS_NAME: (CLAIM_COLUMNS, CLAIM_OPTIONAL),
        config.EVIDENCE_NAME: (EVIDENCE_COLUMNS, EVIDENCE_OPTIONAL),
        config.SLOTS_NAME: (SLOT_COLUMNS, ()),
    }
    for name, (required, optional) in specs.items():
        if name == config.SLOTS_NAME and not paths[name].exists() and not paths[name].is_symlink():
            # slots are optional: a coding without competing-claim questions has none
            frames[name] = pd.DataFrame(columns=[*SLOT_COLUMNS, LINE], dtype=object)
            continue
        try:
            frames[name] = read_table(paths[name], required, optional)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    claims, evidence, slots = frames[config.CLAIMS_NAME], frames[config.EVIDENCE_NAME], frames[config.SLOTS_NAME]
    settings = getattr(corpus, "settings", None)
    problems += check_claims(claims, paths[config.CLAIMS_NAME], settings.topics if settings is not None else ())
    problems += _check_slots(slots, claims, paths[config.SLOTS_NAME], paths[config.CLAIMS_NAME])
    more, anchored = check_and_anchor(evidence, claims, corpus, paths[config.EVIDENCE_NAME])
    problems += more
    try:
        aliases = load_aliases(corpus)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    coded = tuple(sid for sid in corpus.index if sid in set(anchored["source_id"]))
    anchored = anchored.drop(columns=[LINE])
    anchored["start"] = anchored["start"].astype(int)
    anchored["end"] = anchored["end"].astype(int)
    return Codings(
        claims=claims.drop(columns=[LINE]).set_index("claim_id"),
        evidence=anchored,
        slots=slots.drop(columns=[LINE]).set_index("slot"),
        coded_sources=coded,
        aliases=aliases,
    )


def has_codings(corpus: Corpus) -> bool:
    """Whether a corpus carries a claim coding at all (a new corpus may not yet)."""
    return corpus.path(config.CLAIMS_NAME).exists()


def coding_warnings(codings: Codings) -> list[Problem]:
    """What is worth a look in a valid coding but does not make it wrong: claims no article codes."""
    used = set(codings.evidence["claim_id"])
    return [
        Problem(
            config.CLAIMS_NAME,
            None,
            f"claim {cid} has no evidence row (no article codes it): code it or remove it from the codebook",
            warning=True,
        )
        for cid in codings.claims.index
        if cid not in used
    ]


def validate_codings(corpus: Corpus) -> list[Problem]:
    """For ``python -m helpers validate``: every problem of the claim coding (none when uncoded), then warnings."""
    if not has_codings(corpus):
        return []
    try:
        codings = read_codings(corpus)
    except InputError as exc:
        return exc.problems
    warnings = coding_warnings(codings)
    return [Problem(str(corpus.path(config.CLAIMS_NAME)), w.line, w.message, warning=True) for w in warnings]


def codings_summary(corpus: Corpus) -> str:
    """One line on a valid coding for ``validate`` ("110 claims, 215 codings ..."); empty when uncoded."""
    if not has_codings(corpus):
        return ""
    codings = read_codings(corpus)
    return (
        f"{len(codings.claims)} claims, {len(codings.evidence)} codings (every quote anchored), "
        f"{len(codings.slots)} slots, {len(codings.aliases)} aliases"
    )


def claims_by_source(codings: Codings) -> pd.DataFrame:
    """The export table: claim_id, source_id, stance, attribution_kind, quote, start, end."""
    cols = ["claim_id", "source_id", "stance", "attribution_kind", "quote", "start", "end"]
    return codings.evidence[cols].sort_values(["claim_id", "source_id"], kind="stable").reset_index(drop=True)


def annotations(codings: Codings, corpus: pd.DataFrame) -> list[dict[str, object]]:
    """Every coding as a W3C Web Annotation (JSON-LD dict) with a TextQuoteSelector and positions."""
    out = []
    for row in codings.evidence.to_dict("records"):
        out.append(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": f"#{row['claim_id']}-{row['source_id']}",
                "type": "Annotation",
                "body": {"type": "TextualBody", "purpose": "tagging", "value": f"{row['claim_id']} {row['stance']}"},
                "target": {
                    "source": f"articles/{corpus.at[row['source_id'], 'file']}",
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": row["exact"],
                            "prefix": row["prefix"],
                            "suffix": row["suffix"],
                        },
                        {"type": "TextPositionSelector", "start": int(row["start"]), "end": int(row["end"])},
                    ],
                },
            }
        )
    return out


def annotation_tables(corpus: Corpus, codings: Codings | None = None) -> dict[str, list[dict[str, object]]]:
    """For ``python -m helpers tables``: every coding as W3C Web Annotations (none if uncoded).

    ``codings`` are the corpus's, read once by the caller; read here when not given.
    """
    if not has_codings(corpus):
        return {}
    return {"annotations.jsonld": annotations(read_codings(corpus) if codings is None else codings, corpus)}
