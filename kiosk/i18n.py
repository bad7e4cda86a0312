"""Translations through real gettext catalogs (kiosk/locale/<lang>/LC_MESSAGES/kiosk.mo).

Message ids are English; Dutch is the room's default language. Activity and topic names
are not in the catalogs: they belong to the site and come from its TOML file.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).with_name("locale")

# Each language in its own name and script: a visitor looks for the word they can read.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "fa": "دری / فارسی",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
}
# The same languages as a Dutch-speaking volunteer calls them (the staff page, the Vragen tab).
LANGUAGE_NAMES_NL = {
    "nl": "Nederlands",
    "en": "Engels",
    "ar": "Arabisch",
    "fa": "Dari / Farsi",
    "ti": "Tigrinya",
    "so": "Somalisch",
    "tr": "Turks",
    "pl": "Pools",
    "uk": "Oekraïens",
}
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
# The same, as the room's volunteers say it: a coordinator who reads no Arabic still
# knows whom to walk to with which interpreter.
DUTCH_NAMES = {
    "nl": "Nederlands",
    "en": "Engels",
    "ar": "Arabisch",
    "fa": "Dari/Farsi",
    "ti": "Tigrinya",
    "so": "Somalisch",
    "tr": "Turks",
    "pl": "Pools",
    "uk": "Oekraïens",
}
# Digits a visitor reads first: Arabic-Indic (٠..٩) and Extended Arabic-Indic (۰..۹);
# Persian's 4, 5 and 6 look different from Arabic's, so the two are not interchangeable.
_ZERO_DIGIT = {"ar": 0x0660, "fa": 0x06F0}


def available_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


@lru_cache(maxsize=None)
def catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def translate(message: str, language: str) -> str:
    return catalog(language).gettext(message)


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a sentence with a number for the catalogs (pybabel extracts `ngettext` calls
    as plural entries); translate_plural picks the form the number needs."""
    return singular, plural


def translate_plural(message: tuple[str, str], number: int, language: str) -> str:
    """"1 pasje", "2 pasjes": the language's own plural rule, from its catalog."""
    return catalog(language).ngettext(message[0], message[1], number)


def language_name(language: str) -> str:
    return LANGUAGE_NAMES.get(language, language)


def dutch_name(language: str) -> str:
    return DUTCH_NAMES.get(language, language)


def local_digits(number: int, language: str) -> str:
    """`number` in the language's own digits; "" where those are the Latin ones."""
    zero = _ZERO_DIGIT.get(language)
    if zero is None:
        return ""
    return "".join(chr(zero + int(d)) if d.isdigit() else d for d in str(number))


def is_right_to_left(language: str) -> bool:
    """Arabic and Dari/Farsi: the whole screen is mirrored, not only the text."""
    return language in RIGHT_TO_LEFT


def _(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message
