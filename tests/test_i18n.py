import gettext

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from kiosk.i18n import LOCALE_DIR, available_languages, translate
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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_compiled_catalogs_match_their_po_files(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with open(folder / "kiosk.po", "rb") as handle:
        po = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}
    with open(folder / "kiosk.mo", "rb") as handle:
        mo = {m.id: m.string for m in read_mo(handle) if m.id}
    assert po == mo, "run `make i18n` to recompile the catalogs"


def test_the_template_lists_every_visitor_message():
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert set(VISITOR_MESSAGES) <= template
