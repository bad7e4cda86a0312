"""No empty boxes: every character a visitor can see is in the font of its language."""

import gettext
import re
from functools import lru_cache

import pytest
from babel.messages.mofile import read_mo

from kiosk import fonts
from kiosk.config import load_config
from kiosk.i18n import LANGUAGE_NAMES, LOCALE_DIR, available_languages

TTFont = pytest.importorskip("fontTools.ttLib").TTFont


@lru_cache(maxsize=None)
def covered(family: str, bold: bool = False) -> frozenset[int]:
    path = fonts.font_files(family)[1 if bold else 0]
    return frozenset(TTFont(str(path)).getBestCmap())


def missing(text: str, language: str) -> set[str]:
    """Characters the language's font lacks. Placeholders ({hours}) are replaced by
    numbers before they are shown: the digits are checked instead."""
    family = fonts.family(language)
    text = re.sub(r"\{[a-z_]+(:[^}]*)?\}", "0123456789", text)
    return {char for char in text
            if not char.isspace() and ord(char) not in covered(family)
            or (not char.isspace() and ord(char) not in covered(family, bold=True))}


def shown_strings(language: str) -> list[str]:
    """What the catalog really shows: the compiled (non-fuzzy) translations."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.mo", "rb") as handle:
        messages = [m for m in read_mo(handle) if m.id and m.string]
    # A plural entry holds one string per form ("1 pasje", "2 pasjes"): each is shown.
    return [form for m in messages
            for form in (m.string if isinstance(m.string, (list, tuple)) else [m.string])
            if form]


def test_every_language_has_a_font_file():
    for family in fonts.FAMILIES:
        for path in fonts.font_files(family):
            assert path.is_file(), path


@pytest.mark.parametrize("language", available_languages())
def test_every_translated_string_is_covered_by_its_font(language):
    strings = shown_strings(language)
    assert strings
    gaps = {text: missing(text, language) for text in strings if missing(text, language)}
    assert gaps == {}


@pytest.mark.parametrize("language", sorted(LANGUAGE_NAMES))
def test_each_language_name_is_covered_in_its_own_font(language):
    assert missing(LANGUAGE_NAMES[language], language) == set()


def test_the_site_names_are_covered():
    site = load_config()
    for choice in list(site.activities) + list(site.topics):
        for language, name in choice.names.items():
            assert missing(name, language) == set(), (choice.id, language)
    assert missing(site.site_name, "nl") == set()


def test_gettext_and_the_catalog_agree(tmp_path):
    # The same catalog gettext uses at run time.
    assert gettext.translation("kiosk", LOCALE_DIR, languages=["nl"]).gettext(
        "I'm coming in") == "Ik kom binnen"


@pytest.mark.parametrize("line, prepared", [
    ("عندي سؤال", "عندي سؤال"),                       # nothing left to right: untouched
    ("نعم، أنا هنا  (20)", "نعم، أنا هنا  (02)"),      # shows "(20)" once drawn right to left
    ("بعد 24 شهراً", "بعد 42 شهراً"),
    ("في Leidsche Rijn", "في njiR ehcsdieL"),          # a run of words stays one run
    ("اسأل de kok (Piet).", "اسأل (teiP) kok ed."),   # a bracket pair stays in its run
    ("بعد ۲۴ ماه", "بعد ۴۲ ماه"),                      # Persian digits read left to right too
    ("خصم 20% اليوم", "خصم %02 اليوم"),                # the percent sign stays with its number
])
def test_left_to_right_runs_are_prepared_for_right_to_left_drawing(line, prepared):
    assert fonts.rtl_line_for_display(line) == prepared


def test_preparing_twice_gives_the_line_back():
    line = "خصوصيتك في Buurtwerkkamer (Utrecht) 2026"
    assert fonts.rtl_line_for_display(fonts.rtl_line_for_display(line)) == line
