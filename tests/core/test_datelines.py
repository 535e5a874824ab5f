"""Datelines: found in the first lines of wire copy, credits split and named, outlets compared across their names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.agencies import WIRE_AGENCIES
from helpers.core.datelines import LEAD_LINES, agency_name, find_dateline, outlet_key, same_outlet


@pytest.mark.parametrize(
    ("text", "place", "date", "credits"),
    [
        ("NAIROBI, Kenya (AP) -- A bomb exploded.", "NAIROBI, Kenya", "", ("AP",)),
        ("DAR ES SALAAM, Tanzania (AP) _ Rescuers dug.", "DAR ES SALAAM, Tanzania", "", ("AP",)),
        ("Nairobi, August 7 (Xinhua) -- A huge blast.", "Nairobi", "August 7", ("Xinhua",)),
        ("(Xinhua) -- Kenyan police said.", "", "", ("Xinhua",)),
        ("BEIJING, Aug. 8 (Xinhua) -- China condemned.", "BEIJING", "Aug. 8", ("Xinhua",)),
        ("Headline\n\nBy Jane Roe\n\nLONDON (Reuters) - Shares fell.", "LONDON", "", ("Reuters",)),
        ("QAMISHLI, Syria (North Press) – Former officials.", "QAMISHLI, Syria", "", ("North Press",)),
        ("BERLIN (dpa) - Die Regierung.", "BERLIN", "", ("dpa",)),
        ("WASHINGTON (AP-Reuters) - Both agencies.", "WASHINGTON", "", ("AP", "Reuters")),
        ("UNITED NATIONS, Aug. 7 (Xinhua/AFP) -- The council.", "UNITED NATIONS", "Aug. 7", ("Xinhua", "AFP")),
        ("NAIROBI, Kenya, Aug. 7 — The blast shattered windows.", "NAIROBI, Kenya", "Aug. 7", ()),
    ],
)
def test_datelines_of_wire_copy_are_read(text: str, place: str, date: str, credits: tuple[str, ...]) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.credits) == (place, date, credits)
    assert text[found.start : found.end].strip() == found.text


@pytest.mark.parametrize(
    "text",
    [
        "The president (left) - said nothing.",  # a parenthesis inside a sentence
        "BOMBS KILL 80 — A DAY OF MOURNING",  # an all-capitals headline, no sentence after the dash
        "Officials met on Tuesday (local time) to talk.",  # no dash after the parenthesis
        "\n".join(["A line of text."] * LEAD_LINES) + "\nNAIROBI, Kenya (AP) -- Too late.",  # beyond the lead
        "",
    ],
)
def test_other_openings_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_one_outlet_under_its_several_names() -> None:
    assert same_outlet("AP", "The Associated Press") and same_outlet("xinhua", "Xinhua News Agency")
    assert same_outlet("FT", "Financial Times") and same_outlet("Reuters", "REUTERS")
    assert not same_outlet("AP", "AFP") and not same_outlet("", "") and not same_outlet("AP", None)
    assert agency_name("Agence France-Presse") == "AFP" and agency_name("North  Press") == "North Press"
    assert outlet_key("The Daily Meridian") == outlet_key("daily meridian")


# ---- properties -----------------------------------------------------------------------------

_AGENCY_NAMES = sorted({name for names in WIRE_AGENCIES for name in names})
_PLACE = st.from_regex(r"[A-Z][A-Za-z]{2,9}( [A-Z][A-Za-z]{2,9}){0,2}", fullmatch=True)
_DATE = st.sampled_from(["", ", August 7", ", Aug. 7", ", 7 August", ", Dec 24"])
_DASH = st.sampled_from(["--", "—", "–", "-", "_", ":"])


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    found = find_dateline(text)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(
    place=_PLACE,
    region=st.one_of(st.just(""), _PLACE.map(lambda p: f", {p}")),
    date=_DATE,
    agency=st.sampled_from(_AGENCY_NAMES),
    dash=_DASH,
    headline=st.booleans(),
)
def test_a_generated_dateline_is_recognised(
    place: str, region: str, date: str, agency: str, dash: str, headline: bool
) -> None:
    line = f"{place}{region}{date} ({agency}) {dash} Officials said the road was closed."
    text = ("Road closed after the storm\n\nBy A. Writer\n\n" if headline else "") + line
    found = find_dateline(text)
    assert found is not None, line
    assert found.credits == (agency,)
    assert agency_name(found.credits[0]) == next(names[0] for names in WIRE_AGENCIES if agency in names)
    assert found.place == f"{place}{region}" and found.date == date.strip(", ")
    assert text[found.start : found.end].strip() == found.text
