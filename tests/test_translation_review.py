"""docs/translations.md lists every line and name a native speaker still has to check."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.config import DEFAULT_CONFIG
from kiosk.i18n import LANGUAGE_NAMES, LOCALE_DIR
from kiosk.translation_sheet import REGISTER

DOC = Path(__file__).resolve().parent.parent / "docs" / "translations.md"
DRAFTED = [code for code in LANGUAGE_NAMES if code not in ("nl", "en")]


def section(language: str) -> str:
    text = DOC.read_text("utf-8")
    start = text.index(f"({language}) - ")
    end = text.find("\n## ", start)
    return text[start:end if end != -1 else len(text)]


def draft_names(language: str) -> list[str]:
    return [line.split("=", 1)[1].split("#", 1)[0].strip().strip('"')
            for line in DEFAULT_CONFIG.read_text("utf-8").splitlines()
            if line.startswith(f"{language} = ") and "# draft" in line]


@pytest.mark.parametrize("language", DRAFTED)
def test_every_fuzzy_line_is_listed_for_review(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po", "rb") as handle:
        fuzzy = [m for m in read_po(handle) if m.id and m.fuzzy]
    text = section(language)
    # A sentence with a number is listed as its forms joined by " / ".
    def listed(value):
        return " / ".join(value) if isinstance(value, (list, tuple)) else value

    assert [m.id for m in fuzzy
            if listed(m.id) not in text or listed(m.string) not in text] == []
    assert f"| {language} | " in DOC.read_text("utf-8")


@pytest.mark.parametrize("language", DRAFTED)
def test_the_way_each_language_addresses_the_visitor_is_written_down(language):
    assert f"| {language} | {REGISTER[language]} |" in DOC.read_text("utf-8")
    assert "**Addressing the visitor:**" in section(language)


@pytest.mark.parametrize("language", DRAFTED)
def test_every_draft_name_in_the_site_file_is_listed_for_review(language):
    text = section(language)
    assert [name for name in draft_names(language) if name not in text] == []
