import gettext
import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kiosk.i18n import (LANGUAGE_NAMES, LOCALE_DIR, available_languages, translate,
                        translate_plural)
from kiosk import messages

VISITOR_MESSAGES = [value for name, value in vars(messages).items()
                    if name.isupper() and isinstance(value, str)]


def test_dutch_and_english_catalogs_are_installed():
    assert {"nl", "en"} <= set(available_languages())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_visitor_message_is_translated(language):
    catalog = gettext.translation("kiosk", LOCALE_DIR, languages=[language])
    missing = [m for m in VISITOR_MESSAGES if not catalog._catalog.get(m, "").strip()]
    assert missing == []
    if language == "nl":
        untranslated = [m for m in VISITOR_MESSAGES if translate(m, "nl") == m]
        assert untranslated == []


def door_messages() -> list:
    """What a visitor can see: the door's messages and the privacy notice (a sentence
    with a number is a (singular, plural) pair)."""
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        privacy = [tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
                   for m in read_po(handle)
                   if any(path == "kiosk/privacy.py" for path, _ in m.locations)]
    assert len(privacy) > 20
    return list(messages.VISITOR) + list(messages.VISITOR_PLURALS) + privacy


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_every_door_message_is_translated_in_every_language(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        catalog = {tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id:
                   tuple(m.string) if isinstance(m.string, (list, tuple)) else (m.string,)
                   for m in read_po(handle) if m.id}
    missing = [m for m in door_messages()
               if not all(form.strip() for form in catalog.get(m, ("",)))]
    assert missing == []
    assert [m for m in door_messages() if isinstance(m, tuple)], "no plural door message"
    if language != "en":
        # Shown as it is: a message id on a Tigrinya screen would be English to its reader.
        assert [m for m in door_messages() if isinstance(m, str)
                and translate(m, language) == m] == []
        assert [m for m in door_messages() if isinstance(m, tuple)
                and any(translate_plural(m, n, language) in m for n in (1, 2, 5, 24))] == []


# A number's form by each language's own rule: the catalog header must say the rule
# right, or "24 місяці" comes out as "24 місяць".
PLURAL_SAMPLES = {
    "nl": {1: "maand ", 24: "maanden"}, "en": {1: "month ", 24: "months"},
    "ar": {3: "أشهر", 24: "شهراً", 100: "شهر "}, "pl": {1: "miesiącu", 24: "miesiącach"},
    "uk": {21: "місяць ", 24: "місяці ", 25: "місяців"}, "so": {1: "bil ", 24: "bilood"},
    "ti": {1: "ወርሒ", 24: "ኣዋርሕ"},
}


@pytest.mark.parametrize("language", PLURAL_SAMPLES)
def test_the_months_in_the_privacy_notice_take_the_form_the_number_needs(language):
    months = next(m for m in door_messages() if isinstance(m, tuple) and "{months}" in m[0])
    for number, word in PLURAL_SAMPLES[language].items():
        assert word in translate_plural(months, number, language).format(months=number), \
            (language, number)


@pytest.mark.parametrize("minutes, dutch, ukrainian", [
    (45, "45 minuten", "45 хвилин"), (60, "1 uur", "1 година"),
    (61, "1 uur en 1 minuut", "1 година 1 хвилина"),
    (184, "3 uur en 4 minuten", "3 години 4 хвилини")])
def test_a_shift_length_is_said_with_each_numbers_own_form(minutes, dutch, ukrainian):
    assert messages.shift_length(minutes, "nl") == dutch
    assert messages.shift_length(minutes, "uk") == ukrainian


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_drafts_are_compiled_so_no_screen_falls_back_to_english(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        fuzzy = [m.id for m in read_po(handle) if m.id and m.fuzzy]
    assert [m for m in fuzzy if isinstance(m, str) and translate(m, language) == m] == []
    assert [m for m in fuzzy if not isinstance(m, str)
            and any(translate_plural(m, n, language) in m for n in (1, 2, 5))] == []


def test_placeholders_survive_translation():
    for language in LANGUAGE_NAMES:
        with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
            for message in read_po(handle):
                if not message.id:
                    continue
                # A plural entry: each form keeps the plural msgid's placeholders
                # (some languages drop {count} in the singular: "one card").
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) \
                    else (message.string,)
                wanted = sorted(re.findall(r"{\w+}", ids[-1]))
                for string in strings:
                    if string:
                        assert sorted(re.findall(r"{\w+}", string)) == wanted, \
                            (language, message.id)


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_compiled_catalogs_match_their_po_files(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with open(folder / "kiosk.po", "rb") as handle:
        # Fuzzy drafts are compiled too (make i18n: --use-fuzzy); docs/translations.md.
        po = {m.id: tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string
              for m in read_po(handle) if m.id and (
                  any(m.string) if isinstance(m.string, (list, tuple)) else m.string)}
    with open(folder / "kiosk.mo", "rb") as handle:
        mo = {tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id:
              tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string
              for m in read_mo(handle) if m.id}
    # pybabel compiles an untranslated plural entry as its English forms.
    mo = {key: value for key, value in mo.items()
          if not (isinstance(key, tuple) and set(value) <= set(key) and key not in po)}
    assert po == mo, "run `make i18n` to recompile the catalogs"


def test_the_template_lists_every_visitor_message():
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert set(VISITOR_MESSAGES) <= template
