import gettext
import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kiosk.i18n import LANGUAGE_NAMES, LOCALE_DIR, available_languages, translate
from kiosk.ui import messages

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


def door_messages() -> list[str]:
    """What a visitor can see: the door's messages and the privacy notice."""
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        privacy = [m.id for m in read_po(handle)
                   if any(path == "kiosk/privacy.py" for path, _ in m.locations)]
    assert len(privacy) > 20
    return list(messages.VISITOR) + privacy


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_every_door_message_is_translated_in_every_language(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if m.id}
    missing = [m for m in door_messages() if not catalog.get(m, "").strip()]
    assert missing == []
    if language != "en":
        # Shown as it is: a message id on a Tigrinya screen would be English to its reader.
        assert [m for m in door_messages() if translate(m, language) == m] == []


@pytest.mark.parametrize("language", LANGUAGE_NAMES)
def test_drafts_are_compiled_so_no_screen_falls_back_to_english(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        fuzzy = [m.id for m in read_po(handle) if m.id and m.fuzzy]
    assert [m for m in fuzzy if translate(m, language) == m] == []


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
