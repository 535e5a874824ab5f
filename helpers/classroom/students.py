"""Students code claims too: their coding files, agreement with the reference coding, Cohen's kappa.

A student picks an article and codes, for each claim the reference coding found in it, the
*stance* and the *attribution kind* (the vocabulary of the coding rules in ``corpus/README.md``). Answers are
saved to ``<student dir>/<safe-name>.csv`` (``$STUDENT_DIR``, default ``student_codings/``),
atomically, and never inside a corpus directory: the reference coding is read, never written.
The teacher's view reads a whole folder of such files; a bad file is one line in a problem list.

Kappa convention: Cohen's kappa is ``(po - pe) / (1 - pe)``. When both coders put every item in
the same single category, ``pe = po = 1`` and the formula is 0/0; this module then returns
**1.0** (nothing disagreed, so there is nothing to discount) and the agreement table's
``categories`` column shows 1, so a reader can see that no chance correction was possible.
No items at all gives NaN.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler

from helpers import config
from helpers.claims.coding import ATTRIBUTION_KINDS, STANCES, Codings
from helpers.claims.matrix import LEGEND
from helpers.core.errors import InputError, Problem, display_path
from helpers.core.files import LINE, read_table, suggest, write_csv_atomic
from helpers.corpus.load import check_source_id
from helpers.corpus.provenance import outlet_names
from helpers.display.notebook import to_html
from helpers.display.style import DARK_GREY, PALETTE, VERMILION, new_figure, style_axes

#: Columns of a student coding file, in order.
STUDENT_COLUMNS = ("student", "source_id", "claim_id", "stance", "attribution_kind")
#: The coded fields compared with the reference.
FIELDS = ("stance", "attribution_kind")
#: Longest student name accepted (it becomes a file name).
NAME_MAX = 60
#: What each attribution kind means, in plain words (the coding rules in corpus/README.md, section 5):
#: the students' legend here, and the answer options of :mod:`helpers.classroom.exercises`.
KIND_LEGEND = {
    "named": "a named person or body",
    "anonymous": "unnamed sources",
    "outlet": "another news outlet, with no source described behind it",
    "document": "a document or record",
    "none": "nobody: it is stated as plain fact",
}
#: An example of each kind from the coding rules, shown beside the legend.
KIND_EXAMPLES = {
    "named": "Lebanese Interior Minister Bassam Mawlawi",
    "anonymous": "two regional diplomats",
    "outlet": "Reuters reported",
    "document": "university records show",
}
_NAME_CHARS = re.compile(r"^[\w .'’-]+$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_UNANSWERED = ""


class StudentError(ValueError):
    """A one-line, student-facing problem (bad name, refused folder, unknown answer)."""


# ---------------------------------------------------------------------------------------------
# Names, folders, files
# ---------------------------------------------------------------------------------------------
def safe_name(name: str) -> str:
    """The file stem for a student's name: casefolded words joined by hyphens; raise on a bad name."""
    text = unicodedata.normalize("NFC", str(name or "")).strip()
    if not text:
        raise StudentError("Enter your name first: it names the file your answers are saved in.")
    if len(text) > NAME_MAX:
        raise StudentError(f"That name is {len(text)} characters long; use at most {NAME_MAX}.")
    if not _NAME_CHARS.match(text):
        bad = sorted({ch for ch in text if not _NAME_CHARS.match(ch)})
        shown = " ".join(f"'{ch}'" if ch.isprintable() else repr(ch) for ch in bad)
        raise StudentError(f"A name may use letters, digits, spaces, hyphens, apostrophes and full stops, not {shown}.")
    stem = re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
    if not stem:
        raise StudentError("A name needs at least one letter or digit.")
    if stem in _RESERVED:
        raise StudentError(f"'{text}' cannot name a file on every system; add your surname or initial.")
    return stem


def student_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder of student files: explicit argument, else ``$STUDENT_DIR``, else ``student_codings/``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(config.STUDENT_ENV)
    return Path(env) if env else config.DEFAULT_STUDENT_DIR


def check_outside_corpus(path: Path, corpus_dir: Path | str | None = None) -> Path:
    """Return ``path`` if it lies outside every corpus directory in use; raise :class:`StudentError` if not."""
    target = Path(path).resolve()
    for cdir in {config.DEFAULT_CORPUS_DIR.resolve(), config.corpus_dir(corpus_dir).resolve()}:
        if target == cdir or cdir in target.parents:
            raise StudentError(
                f"Refusing to write student answers inside the corpus directory ({shown_path(cdir)}): "
                f"the reference coding is never overwritten; set {config.STUDENT_ENV} to a folder outside it."
            )
    return Path(path)


def shown_path(path: Path) -> str:
    """A path as shown to people: relative to the repository when inside it (no machine paths in notebooks)."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(config.REPO_ROOT).as_posix()
    except ValueError:
        return display_path(path)


def student_path(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """Where a student's answers live: ``<folder>/<safe-name>.csv``."""
    return student_dir(folder) / f"{safe_name(name)}.csv"


def _answers_frame(answers: Mapping[str, tuple[str, str]] | pd.DataFrame) -> pd.DataFrame:
    """Answers as a frame of claim_id, stance, attribution_kind (strings, blank when unanswered)."""
    if isinstance(answers, pd.DataFrame):
        frame = answers.reindex(columns=["claim_id", *FIELDS]).fillna(_UNANSWERED).astype(str)
    else:
        frame = pd.DataFrame(
            [(cid, *pair) for cid, pair in answers.items()], columns=["claim_id", *FIELDS], dtype=object
        ).fillna(_UNANSWERED)
    frame = frame.apply(lambda s: s.str.strip())
    return frame[(frame["stance"] != _UNANSWERED) | (frame["attribution_kind"] != _UNANSWERED)]


def _value_problem(field: str, value: str) -> str | None:
    """Why ``value`` is not a valid answer for ``field`` (None when it is, or when unanswered)."""
    allowed = STANCES if field == "stance" else ATTRIBUTION_KINDS
    if value == _UNANSWERED or value in allowed:
        return None
    return f"unknown {field} '{value}'{suggest(value, allowed)} (one of {', '.join(allowed)})"


def save_coding(
    name: str,
    source_id: str,
    answers: Mapping[str, tuple[str, str]] | pd.DataFrame,
    folder: str | os.PathLike[str] | None = None,
    corpus_dir: Path | str | None = None,
) -> Path:
    """Save one article's answers in the student's file (other articles' answers kept), atomically.

    ``answers`` maps claim_id to (stance, attribution_kind), or is a frame with those columns;
    blank answers are left out. Returns the file written.
    """
    path = check_outside_corpus(student_path(name, folder), corpus_dir)
    frame = _answers_frame(answers)
    bad = [
        f"{cid}: {msg}"
        for cid, st, kind in frame[["claim_id", *FIELDS]].itertuples(index=False)
        for field, value in (("stance", st), ("attribution_kind", kind))
        if (msg := _value_problem(field, value))
    ]
    if bad:
        raise StudentError("; ".join(bad))
    display = unicodedata.normalize("NFC", str(name)).strip()
    new = frame.assign(student=display, source_id=source_id)[list(STUDENT_COLUMNS)]
    old = read_student_file(path) if path.exists() else pd.DataFrame(columns=list(STUDENT_COLUMNS))
    kept = old[old["source_id"] != source_id].assign(student=display)
    merged = pd.concat([kept, new], ignore_index=True).sort_values(["source_id", "claim_id"], kind="stable")
    write_csv_atomic(path, merged[list(STUDENT_COLUMNS)])
    return path


def read_student_file(path: Path, codings: Codings | None = None) -> pd.DataFrame:
    """One student's answers, validated; raise :class:`InputError` naming file and line of every problem.

    With ``codings``, an article or claim the reference coding does not know is a problem too.
    """
    table = read_table(Path(path), STUDENT_COLUMNS)
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    known_claims = set(codings.claims.index) if codings is not None else None
    known_sources = codings.coded_sources if codings is not None else None
    for row in table.to_dict("records"):
        line = row[LINE]
        for field in FIELDS:
            if msg := _value_problem(field, row[field]):
                problems.append(Problem(str(path), line, msg))
        if not row["claim_id"] or not row["source_id"]:
            problems.append(Problem(str(path), line, "empty claim_id or source_id"))
        else:
            if known_sources is not None and row["source_id"] not in known_sources:
                hint = suggest(row["source_id"], known_sources)
                problems.append(Problem(str(path), line, f"unknown source_id '{row['source_id']}'{hint}"))
            if known_claims is not None and row["claim_id"] not in known_claims:
                hint = suggest(row["claim_id"], known_claims)
                problems.append(Problem(str(path), line, f"unknown claim_id '{row['claim_id']}'{hint}"))
        key = (row["source_id"], row["claim_id"])
        if key in seen:
            msg = f"{key[1]} in {key[0]} answered twice (first on line {seen[key]})"
            problems.append(Problem(str(path), line, msg))
        seen.setdefault(key, line)
    if problems:
        raise InputError(problems)
    return table.drop(columns=[LINE]).reset_index(drop=True)


def student_files(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The student files of a folder, sorted (hidden and temporary files of interrupted writes skipped)."""
    root = student_dir(folder)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*.csv") if p.is_file() and not p.name.startswith("."))


# ---------------------------------------------------------------------------------------------
# Agreement
# ---------------------------------------------------------------------------------------------
def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two coders' labels for the same items (see the module docstring for 0/0)."""
    if len(a) != len(b):
        raise ValueError(f"the two codings have {len(a)} and {len(b)} items: kappa needs the same items")
    n = len(a)
    if n == 0:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a = pd.Series(list(a)).value_counts()
    count_b = pd.Series(list(b)).value_counts()
    expected = float(sum(count_a.get(k, 0) * count_b.get(k, 0) for k in set(count_a.index) | set(count_b.index)))
    expected /= n * n
    if observed == 1.0:
        return 1.0  # includes the 0/0 case of a single shared category (documented above)
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class Comparison:
    """A student's coding against the reference: per-field agreement, the item table, disagreements."""

    agreement: pd.DataFrame  # index field: items, agreed, agreement, kappa, categories
    items: pd.DataFrame  # one row per answered (article, claim) with student and reference values
    disagreements: pd.DataFrame  # one row per (item, field) where the student differs
    not_in_reference: pd.DataFrame  # answers for claims the reference does not code in that article


_REF_COLS = ["source_id", "claim_id", "stance", "attribution_kind", "attributed_to", "quote", "note"]


def _why(codings: Codings, cid: str, note: str) -> str:
    """The reference's reasoning for a coding: its note, else the claim's notes."""
    return note or (str(codings.claims.at[cid, "notes"]) if cid in codings.claims.index else "")


def _slot_reasoning(codings: Codings, cid: str) -> str:
    slot = str(codings.claims.at[cid, "slot"]) if cid in codings.claims.index else ""
    return str(codings.slots.at[slot, "reasoning"]) if slot in codings.slots.index else ""


def compare(student: pd.DataFrame, codings: Codings) -> Comparison:
    """Compare a student's answers with the reference coding, field by field, with Cohen's kappa."""
    ref = codings.evidence[_REF_COLS]
    merged = student.merge(ref, on=["source_id", "claim_id"], how="left", suffixes=("", "_ref"), indicator=True)
    outside = merged[merged["_merge"] == "left_only"][list(STUDENT_COLUMNS)].reset_index(drop=True)
    items = merged[merged["_merge"] == "both"].drop(columns=["_merge"]).reset_index(drop=True)
    renames = {f: f"{f}_student" for f in FIELDS} | {f"{f}_ref": f"{f}_reference" for f in FIELDS}
    items = items.rename(columns=renames)
    items["statement"] = [str(codings.claims.at[c, "statement"]) for c in items["claim_id"]]
    rows, wrong = [], []
    for field in FIELDS:
        answered = items[items[f"{field}_student"] != _UNANSWERED]
        s, r = list(answered[f"{field}_student"]), list(answered[f"{field}_reference"])
        agreed = sum(x == y for x, y in zip(s, r, strict=True))
        rows.append(
            {
                "field": field,
                "items": len(s),
                "agreed": agreed,
                "agreement": agreed / len(s) if s else float("nan"),
                "kappa": cohen_kappa(s, r),
                "categories": len(set(s) | set(r)),
            }
        )
        for rec in answered[answered[f"{field}_student"] != answered[f"{field}_reference"]].to_dict("records"):
            wrong.append(
                {
                    "source_id": rec["source_id"],
                    "claim_id": rec["claim_id"],
                    "statement": codings.claims.at[rec["claim_id"], "statement"],
                    "field": field,
                    "student": rec[f"{field}_student"],
                    "reference": rec[f"{field}_reference"],
                    "quote": rec["quote"],
                    "attributed_to": rec["attributed_to"],
                    "why": _why(codings, rec["claim_id"], rec["note"]),
                    "slot reasoning": _slot_reasoning(codings, rec["claim_id"]),
                }
            )
    agreement = pd.DataFrame(rows).set_index("field")
    columns = ["source_id", "claim_id", "statement", "field", "student", "reference", "quote", "attributed_to"]
    disagreements = pd.DataFrame(wrong, columns=[*columns, "why", "slot reasoning"])
    return Comparison(agreement, items, disagreements, outside)


def confusion(items: pd.DataFrame, field: str) -> pd.DataFrame:
    """Reference (rows) against student (columns) counts for one field, in the codebook's order."""
    labels = list(STANCES if field == "stance" else ATTRIBUTION_KINDS)
    answered = items[items[f"{field}_student"] != _UNANSWERED]
    table = pd.crosstab(answered[f"{field}_reference"], answered[f"{field}_student"])
    table = table.reindex(index=labels, columns=labels, fill_value=0)
    table.index.name, table.columns.name = "reference", "student"
    return table


def comparison_html(comp: Comparison) -> str:
    """The comparison for a student: agreement per field, then every disagreement with the reference's quote and why."""
    esc = html.escape
    head = "".join(
        f"<tr><td>{esc(field)}</td><td>{int(r['agreed'])} of {int(r['items'])}</td>"
        f"<td>{_pct(r['agreement'])}</td><td>{_num(r['kappa'])}</td></tr>"
        for field, r in comp.agreement.iterrows()
    )
    parts = [
        "<table><tr><th>field</th><th>agreed</th><th>agreement</th><th>Cohen's kappa</th></tr>",
        head,
        "</table>",
    ]
    if comp.disagreements.empty:
        parts.append("<p>No disagreement with the reference coding.</p>")
    for rec in comp.disagreements.to_dict("records"):
        who = f" (attributed to: {esc(rec['attributed_to'])})" if rec["attributed_to"] else ""
        reasoning = (
            f"<details><summary>the reasoning on this question</summary>{esc(rec['slot reasoning'])}</details>"
            if rec["slot reasoning"]
            else ""
        )
        parts.append(
            f"<div style='border-top:1px solid #ddd;padding:4px 0;text-align:left'>"
            f"<b>{esc(rec['source_id'])} · {esc(rec['claim_id'])}</b> {esc(rec['statement'])}<br>"
            f"{esc(rec['field'])}: you coded <b>{esc(rec['student'])}</b>, the reference "
            f"<b>{esc(rec['reference'])}</b>{who}<br>“{esc(rec['quote'])}”"
            f"{'<br><i>' + esc(rec['why']) + '</i>' if rec['why'] else ''}{reasoning}</div>"
        )
    if not comp.not_in_reference.empty:
        ids = ", ".join(f"{r.source_id}/{r.claim_id}" for r in comp.not_in_reference.itertuples())
        parts.append(f"<p>Answers for claims the reference does not code in that article: {esc(ids)}.</p>")
    return "<div>" + "".join(parts) + "</div>"


def _pct(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:.0%}"


def _num(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:.2f}"


# ---------------------------------------------------------------------------------------------
# The teacher's view
# ---------------------------------------------------------------------------------------------
SUMMARY_COLUMNS = [
    "student",
    "file",
    "articles",
    "items",
    "stance agreement",
    "stance kappa",
    "attribution_kind agreement",
    "attribution_kind kappa",
]


@dataclass(frozen=True)
class ClassView:
    """A folder of student files read at once: one summary row per student, the problems, the items."""

    summary: pd.DataFrame
    problems: list[Problem]
    items: pd.DataFrame  # every compared item, with a ``student`` column


def read_class(codings: Codings, folder: str | os.PathLike[str] | None = None) -> ClassView:
    """Compare every student file in ``folder`` with the reference; bad files become problems, not errors."""
    rows, problems, items = [], [], []
    for path in student_files(folder):
        try:
            student = read_student_file(path, codings)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        comp = compare(student, codings)
        name = student["student"].iloc[0] if len(student) else path.stem
        row = {"student": name, "file": path.name, "articles": student["source_id"].nunique()}
        row["items"] = len(comp.items)
        for field in FIELDS:
            row[f"{field} agreement"] = comp.agreement.at[field, "agreement"]
            row[f"{field} kappa"] = comp.agreement.at[field, "kappa"]
        rows.append(row)
        items.append(comp.items.assign(student=name))
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    all_items = pd.concat(items, ignore_index=True) if items else pd.DataFrame()
    return ClassView(summary, problems, all_items)


def hardest_items(view: ClassView, top: int = 10) -> pd.DataFrame:
    """The (article, claim, field) most often coded differently from the reference: what to discuss in class."""
    columns = ["source_id", "claim_id", "statement", "field", "reference", "students", "differ", "share differ"]
    columns.append("most common")
    if view.items.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for field in FIELDS:
        answered = view.items[view.items[f"{field}_student"] != _UNANSWERED]
        for (sid, cid), group in answered.groupby(["source_id", "claim_id"], sort=True):
            ref = group[f"{field}_reference"].iloc[0]
            differ = int((group[f"{field}_student"] != ref).sum())
            counts = group[f"{field}_student"].value_counts()
            top_answer = sorted(counts.index, key=lambda v: (-counts[v], v))[0]
            statement = group["statement"].iloc[0]
            share = round(differ / len(group), 2)
            rows.append((sid, cid, statement, field, ref, len(group), differ, share, top_answer))
    table = pd.DataFrame(rows, columns=columns)
    table = table[table["differ"] > 0].sort_values(
        ["share differ", "students", "source_id", "claim_id", "field"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return table.head(top).reset_index(drop=True)


def class_chart_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The data behind :func:`class_chart`: one row per (student, field) with agreement and kappa."""
    rows = [
        {"student": r["student"], "field": field, "agreement": r[f"{field} agreement"], "kappa": r[f"{field} kappa"]}
        for r in summary.to_dict("records")
        for field in FIELDS
    ]
    return pd.DataFrame(rows, columns=["student", "field", "agreement", "kappa"])


def class_chart(summary: pd.DataFrame) -> Figure:
    """Cohen's kappa per student and field, as grouped horizontal bars (the 0.6 line marks 'substantial')."""
    table = class_chart_table(summary)
    students = list(dict.fromkeys(table["student"]))
    fig, ax = new_figure(8, 0.5 * max(len(students), 1) + 1.6)
    height = 0.38
    for i, field in enumerate(FIELDS):
        sub = table[table["field"] == field].set_index("student").reindex(students)
        ys = np.arange(len(students)) + (i - 0.5) * height
        ax.barh(ys, sub["kappa"].fillna(0).to_numpy(), height=height, color=PALETTE[i], label=field)
    ax.axvline(0.6, color=DARK_GREY, linestyle="--", linewidth=1)
    ax.set_yticks(range(len(students)), students)
    ax.invert_yaxis()
    ax.set_xlim(min(-0.2, float(table["kappa"].min()) if len(table) else 0), 1.0)
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    style_axes(ax, title="Agreement with the reference coding (Cohen's kappa)", xlabel="kappa (1 = full agreement)")
    return fig


def summary_styler(summary: pd.DataFrame) -> Styler:
    """The class summary for display: shares as percentages, kappas to two decimals (escaped by ``to_html``)."""
    fmt = {c: _pct for c in summary.columns if c.endswith("agreement")}
    fmt |= {c: _num for c in summary.columns if c.endswith("kappa")}
    return summary.style.format(fmt).hide(axis="index")


def class_overview_html(view: ClassView, folder: str | os.PathLike[str] | None = None) -> str:
    """The teacher's view of a real class folder: summary table and problems, or how to start."""
    where = html.escape(shown_path(student_dir(folder)))
    if view.summary.empty and not view.problems:
        return (
            f"<p>No student files yet in <code>{where}</code>. Students save them with the coding widget above "
            f"(or set <code>{config.STUDENT_ENV}</code> to the folder where you collected their files).</p>"
        )
    table = to_html(summary_styler(view.summary)) if not view.summary.empty else ""
    return f"<p>Student files in <code>{where}</code>:</p>{table}{problems_html(view.problems)}"


def problems_html(problems: Iterable[Problem]) -> str:
    """Bad student files, one line each (file:line: message), escaped."""
    lines = [html.escape(str(p)) for p in problems]
    if not lines:
        return "<p>Every student file was read.</p>"
    return "<p>Files that could not be read (fix or remove them):</p><pre>" + "\n".join(lines) + "</pre>"


# ---------------------------------------------------------------------------------------------
# The coding sheet and the coding widget
# ---------------------------------------------------------------------------------------------
def coding_task(codings: Codings, corpus: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The claims the reference codes in one article, with their quotes (and nothing of the answer).

    An id the corpus does not hold raises :class:`helpers.corpus.load.UnknownSourceError` (with a suggestion).
    """
    check_source_id(corpus, source_id)
    ev = codings.evidence[codings.evidence["source_id"] == source_id]
    task = ev[["claim_id", "quote"]].copy()
    task.insert(1, "statement", [codings.claims.at[c, "statement"] for c in task["claim_id"]])
    return task.sort_values("claim_id", kind="stable").reset_index(drop=True)


def legend_html() -> str:
    """What each stance and attribution kind means, as two short lists."""
    esc = html.escape
    stances = "".join(f"<li><b>{esc(k)}</b>: {esc(LEGEND[k])}</li>" for k in STANCES)
    kinds = "".join(
        f"<li><b>{esc(k)}</b>: {esc(v)}" + (f" ('{esc(KIND_EXAMPLES[k])}')" if k in KIND_EXAMPLES else "") + "</li>"
        for k, v in KIND_LEGEND.items()
    )
    return (
        "<div style='display:flex;gap:2em;text-align:left'>"
        f"<div><b>stance</b><ul>{stances}</ul></div><div><b>attribution kind</b><ul>{kinds}</ul></div></div>"
    )


def worksheet_html(codings: Codings, corpus: pd.DataFrame, source_id: str) -> str:
    """A printable coding sheet for one article (kernel-less classes): claim, quote, blanks to fill."""
    esc = html.escape
    task = coding_task(codings, corpus, source_id)  # checks the source id
    outlet = corpus.at[source_id, "outlet"]
    rows = "".join(
        f"<tr><td>{esc(r.claim_id)}</td><td style='text-align:left'>{esc(r.statement)}</td>"
        f"<td style='text-align:left'>“{esc(r.quote)}”</td><td></td><td></td></tr>"
        for r in task.itertuples()
    )
    return (
        f"<div><h4>Coding sheet: {esc(source_id)} ({esc(outlet)}), {len(task)} claims</h4>"
        "<table><tr><th>claim</th><th>statement</th><th>quote</th><th>stance</th><th>attribution kind</th></tr>"
        f"{rows}</table></div>"
    )


def worksheets_html(codings: Codings, corpus: pd.DataFrame) -> str:
    """Every coded article's coding sheet, each in a collapsed section (the static report's coding widget)."""
    sheets = [
        f"<details><summary>{html.escape(sid)}: {len(coding_task(codings, corpus, sid))} claims</summary>"
        f"{worksheet_html(codings, corpus, sid)}</details>"
        for sid in corpus.index
        if sid in codings.coded_sources
    ]
    return f"<div style='text-align:left'>{legend_html()}{''.join(sheets)}</div>"


#: Cue words by which the simulated "cue reader" guesses a stance from a quote.
HEDGE_CUES = ("reportedly", "allegedly", "could not", "unconfirmed", "believed to", "no official confirmation")
ATTRIBUTION_CUES = ("according to", "said", "told", "reported", "as stated by", "recounted", "sources", "claims")


def outlet_cue(corpus: pd.DataFrame) -> re.Pattern[str]:
    """Outlet names a cue reader recognises: the corpus's outlets (and initials), credits, inferred upstreams."""
    names = {
        form
        for sid in corpus.index
        for outlet in (corpus.at[sid, "outlet"], *corpus.at[sid, "credits"], corpus.at[sid, "upstream_inferred"])
        for form in outlet_names(str(outlet or "").strip())
    }
    if not names:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _cue_reader(quote: str, outlets: re.Pattern[str]) -> tuple[str, str]:
    """How a novice codes from cue words only: hedge words, then reporting verbs, else fact."""
    low = quote.casefold()
    if any(c in low for c in HEDGE_CUES):
        stance = "hedges"
    elif any(c in low for c in ATTRIBUTION_CUES):
        stance = "attributes"
    else:
        return "asserts", "none"
    return stance, "outlet" if outlets.search(quote) else "anonymous"


def simulated_students(codings: Codings, corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Three simulated students, computed from the reference's quotes, to show the teacher's view before a class.

    A flat reader codes every claim as plain fact; a cue reader guesses from cue words ("reportedly",
    "according to"); the same cue reader stops after the first two articles.
    """
    ev = codings.evidence
    flat = ev[["source_id", "claim_id"]].assign(stance="asserts", attribution_kind="none")
    outlets = outlet_cue(corpus)
    guesses = [_cue_reader(q, outlets) for q in ev["quote"]]
    cue = ev[["source_id", "claim_id"]].assign(stance=[g[0] for g in guesses], attribution_kind=[g[1] for g in guesses])
    short = cue[cue["source_id"].isin(codings.coded_sources[:2])]
    return {"Simulated flat reader": flat, "Simulated cue reader": cue, "Simulated cue reader short": short}


def demo_class(codings: Codings, corpus: pd.DataFrame) -> ClassView:
    """The teacher's view of the simulated students, saved and read through the real file path (a temp folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, frame in simulated_students(codings, corpus).items():
            for sid, answers in frame.groupby("source_id", sort=False):
                save_coding(name, str(sid), answers, tmp)
        return read_class(codings, tmp)


def _claim_row_html(rec: Mapping[str, str]) -> str:
    esc = html.escape
    return (
        f"<div style='text-align:left'><b>{esc(rec['claim_id'])}</b> {esc(rec['statement'])}<br>"
        f"<span style='color:#444'>“{esc(rec['quote'])}”</span></div>"
    )


def coding_widget(codings: Codings, corpus: pd.DataFrame, folder: str | os.PathLike[str] | None = None) -> widgets.VBox:
    """Name, article, then stance and attribution kind per claim; Save writes the file, Compare shows agreement."""
    coded = [sid for sid in corpus.index if sid in codings.coded_sources]
    name = widgets.Text(description="Your name", placeholder="e.g. Ana Lee", continuous_update=False)
    article = widgets.Dropdown(
        options=[(f"{sid} ({corpus.at[sid, 'outlet']})", sid) for sid in coded], description="Article"
    )
    rows_box = widgets.VBox()
    status = widgets.HTML()
    result = widgets.HTML()
    wide = widgets.Layout(width="auto")
    save = widgets.Button(description="Save my answers", button_style="primary", layout=wide)
    check = widgets.Button(description="Compare with the reference", layout=wide)
    pickers: dict[str, tuple[widgets.Dropdown, widgets.Dropdown]] = {}
    blank = [("—", _UNANSWERED)]

    def saved_answers() -> pd.DataFrame:
        try:
            path = student_path(name.value, folder)
        except StudentError:
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))
        if not path.exists():
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))
        try:
            return read_student_file(path)
        except InputError as exc:
            status.value = f"<pre>{html.escape(str(exc))}</pre>"
            return pd.DataFrame(columns=list(STUDENT_COLUMNS))

    def build(_: object = None) -> None:
        pickers.clear()
        result.value = ""
        try:
            safe_name(name.value)
        except StudentError as exc:  # rows appear once the student is named (their saved answers load)
            rows_box.children = ()
            hint = "Enter your name to start: the article's claims appear here." if not name.value.strip() else str(exc)
            status.value = f"<p>{html.escape(hint)}</p>"
            return
        status.value = ""
        previous = saved_answers()
        previous = previous[previous["source_id"] == article.value].set_index("claim_id")
        children = []
        for rec in coding_task(codings, corpus, article.value).to_dict("records"):
            cid = rec["claim_id"]
            stance = widgets.Dropdown(options=blank + [(s, s) for s in STANCES], description="stance")
            kind = widgets.Dropdown(options=blank + [(k, k) for k in ATTRIBUTION_KINDS], description="attribution")
            if cid in previous.index:
                stance.value = previous.at[cid, "stance"]
                kind.value = previous.at[cid, "attribution_kind"]
            pickers[cid] = (stance, kind)
            children.append(widgets.VBox([widgets.HTML(_claim_row_html(rec)), widgets.HBox([stance, kind])]))
        rows_box.children = children

    def answers() -> dict[str, tuple[str, str]]:
        return {cid: (s.value, k.value) for cid, (s, k) in pickers.items()}

    def on_save(_: object) -> None:
        try:
            path = save_coding(name.value, article.value, answers(), folder)
        except (StudentError, InputError) as exc:
            status.value = f"<p style='color:{VERMILION}'>{html.escape(str(exc))}</p>"
            return
        done = sum(1 for s, k in answers().values() if s or k)
        status.value = (
            f"<p>Saved {done} of {len(pickers)} answers for {html.escape(article.value)} "
            f"to {html.escape(shown_path(path))}.</p>"
        )

    def on_check(_: object) -> None:
        frame = _answers_frame(answers()).assign(student=name.value, source_id=article.value)
        result.value = comparison_html(compare(frame[list(STUDENT_COLUMNS)], codings))

    article.observe(build, names="value")
    name.observe(build, names="value")
    save.on_click(on_save)
    check.on_click(on_check)
    build()
    top, controls = widgets.HBox([name, article]), widgets.HBox([save, check])
    return widgets.VBox([top, widgets.HTML(legend_html()), rows_box, controls, status, result])
