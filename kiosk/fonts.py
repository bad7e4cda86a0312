"""Which font shows which language: no empty boxes ("tofu") for any visitor.

Noto Sans covers the Latin and Cyrillic languages, Noto Sans Arabic Arabic and
Dari/Farsi, Noto Sans Ethiopic Tigrinya. The files are in assets/fonts (OFL).
"""

from __future__ import annotations

from pathlib import Path

from .assets import assets_dir
from .i18n import RIGHT_TO_LEFT

FAMILIES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    # Noto Sans Arabic / Ethiopic with basic Latin merged in (assets/fonts/build_fonts.py).
    "arabic": ("KioskArabic-Regular.ttf", "KioskArabic-Bold.ttf"),
    "ethiopic": ("KioskEthiopic-Regular.ttf", "KioskEthiopic-Bold.ttf"),
}
LANGUAGE_FAMILY = {"ar": "arabic", "fa": "arabic", "ti": "ethiopic"}
# ISO 15924 script codes for HarfBuzz shaping (joined Arabic letters, right to left).
LANGUAGE_SCRIPT = {"ar": "Arab", "fa": "Arab", "ti": "Ethi", "uk": "Cyrl"}


def script(language: str) -> str:
    return LANGUAGE_SCRIPT.get(language, "Latn")


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f"
               or "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"
               for char in text)


def text_script(text: str) -> str:
    """Shape by what the text is, not by the screen's language: on an Arabic screen a
    site name, a Dutch fallback or a number must not be turned right to left."""
    if _has_arabic(text):
        return "Arab"
    if any("\u1200" <= char <= "\u139f" or "\u2d80" <= char <= "\u2ddf" for char in text):
        return "Ethi"
    return "Latn"


# Line spacing per script, as a share of the font's own. Noto Sans Arabic's line is 2.1 em
# tall (room for stacked marks above and below) against Noto Sans's 1.36: two lines of
# Arabic took the room of three Latin ones and a wrapped Arabic word crowded its tile.
# At 0.75 the marks still clear the line above (measured at 22 to 110 px).
SCRIPT_LINE_HEIGHT = {"Arab": 0.75}


def text_line_height(text: str) -> float:
    return SCRIPT_LINE_HEIGHT.get(text_script(text), 1.0)


def family_for_text(text: str) -> str:
    """The font a label needs for what it says (a Dutch site name on an Arabic screen,
    a Tigrinya language name on a Dutch one)."""
    return {"Arab": "arabic", "Ethi": "ethiopic"}.get(text_script(text), "latin")


def text_direction(text: str) -> str:
    return "rtl" if _has_arabic(text) else "ltr"


def family(language: str) -> str:
    return LANGUAGE_FAMILY.get(language, "latin")


def font_files(family_name: str) -> tuple[Path, Path]:
    regular, bold = FAMILIES[family_name]
    folder = assets_dir() / "fonts"
    return folder / regular, folder / bold


# Bidi classes the room's text needs: strong right-to-left letters, and everything that
# reads left to right inside them (Latin, Cyrillic, Ethiopic words, European digits).
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _is_rtl_char(char: str) -> bool:
    # Arabic-Indic and Persian digits sit in the Arabic block but read left to right.
    if "\u0660" <= char <= "\u0669" or "\u06f0" <= char <= "\u06f9":
        return False
    return _has_arabic(char) or "\u0590" <= char <= "\u05ff"


def _is_ltr_char(char: str) -> bool:
    return char.isalnum() and not _is_rtl_char(char)


def rtl_line_for_display(line: str) -> str:
    """One line of a right-to-left label as SDL2_ttf must be given it.

    SDL2_ttf shapes a whole line with HarfBuzz in one direction and runs no bidi
    algorithm, so a number or a Dutch name inside Arabic comes out backwards ("24" as
    "42"). Reversing each left-to-right run beforehand (brackets swapped, since the
    right-to-left rendering mirrors them) makes the runs read correctly; Arabic letters
    are untouched, so shaping and joining stay HarfBuzz's. Applied per line, after
    wrapping, as the Unicode bidi algorithm orders runs per line.
    """
    if not any(_is_ltr_char(char) for char in line):
        return line
    out, index = [], 0
    while index < len(line):
        if not _is_ltr_char(line[index]):
            out.append(line[index])
            index += 1
            continue
        end = last_ltr = index
        while end < len(line) and not _is_rtl_char(line[end]):
            if _is_ltr_char(line[end]):
                last_ltr = end
            end += 1
        # A bracket closing one opened inside the run belongs to it (the bidi
        # algorithm's bracket-pair rule): "(Piet)" stays one run.
        for opening, closing in ("()", "[]", "{}"):
            while (last_ltr + 1 < len(line) and line[last_ltr + 1] == closing
                   and line[index:last_ltr + 1].count(opening)
                   > line[index:last_ltr + 1].count(closing)):
                last_ltr += 1
        # A percent sign after a number goes with it: "20%".
        if (last_ltr + 1 < len(line) and line[last_ltr].isdigit()
                and line[last_ltr + 1] in "%\u066a"):
            last_ltr += 1
        run = line[index:last_ltr + 1]
        out.append(run[::-1].translate(_MIRRORED))
        index = last_ltr + 1
    return "".join(out)
