"""Language identification: English is analysed; other languages and scripts are named, never read as silence."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.language import UNDETERMINED, is_analysed, language_of

SAMPLES = {
    "en": "The minister said on Tuesday that the talks would resume in Geneva, and the rebels were in the capital.",
    "fr": "Le ministre a déclaré mardi que les négociations reprendraient à Genève et que les rebelles sont là.",
    "es": "El ministro dijo el martes que las negociaciones se reanudarían en Ginebra y que los rebeldes están.",
    "de": "Der Minister sagte am Dienstag, dass die Gespräche in Genf wieder beginnen und die Rebellen gehen.",
    "ar": "قال وزير الخارجية السوري إن المحادثات ستستأنف في جنيف يوم الثلاثاء المقبل بعد توقف طويل",
    "ru": "Министр заявил во вторник, что переговоры возобновятся в Женеве после долгого перерыва в работе.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_names_the_language(code):
    assert language_of(SAMPLES[code]) == code


def test_only_english_is_analysed():
    assert is_analysed(SAMPLES["en"])
    assert not any(is_analysed(SAMPLES[c]) for c in SAMPLES if c != "en")


def test_short_or_empty_text_is_undetermined_and_analysed():
    assert language_of("") == UNDETERMINED
    assert language_of("Damascus, 8 Dec") == UNDETERMINED
    assert is_analysed("")


def test_all_capitals_wire_copy_is_english():
    assert language_of(SAMPLES["en"].upper()) == "en"


@given(st.text(max_size=3000))
def test_any_text_gets_a_code(text):
    assert isinstance(language_of(text), str)
