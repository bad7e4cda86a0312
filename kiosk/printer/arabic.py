"""Arabic and Farsi for Pillow's basic text layout, when libraqm is not there.

With libraqm (and libfribidi, which provision.sh installs) Pillow shapes text itself:
this module is not used. Without it Pillow draws each letter in its isolated form, left
to right, which no reader can read. The Unicode presentation forms (in the kiosk's
Arabic font) carry each letter's joined shapes, so choosing them and reversing the line
gives readable, joined text. Not as fine as HarfBuzz (no kerning, marks placed simply),
but the visitor's ticket still says what it must.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kiosk.fonts import rtl_line_for_display

_ALEFS = "\u0622\u0623\u0625\u0627"
_LAM = "\u0644"
_NON_PRINTING = "\u200c\u200d\u200e\u200f"


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], str]]:
    """letter -> {isolated, final, initial, medial: presentation form}, and the lam-alef
    ligatures, read from the Unicode database rather than typed in."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[tuple[str, str], str] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        form = chr(code)
        decomposition = unicodedata.decomposition(form)
        if not decomposition.startswith("<"):
            continue
        tag, *parts = decomposition.split()
        kind = tag.strip("<>")
        if kind not in ("isolated", "final", "initial", "medial"):
            continue
        base = "".join(chr(int(part, 16)) for part in parts)
        if len(base) == 1:
            letters.setdefault(base, {}).setdefault(kind, form)
        elif len(base) == 2 and base[0] == _LAM and base[1] in _ALEFS:
            ligatures[(base, kind)] = form
    return letters, ligatures


def _transparent(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _joins_forward(char: str | None) -> bool:
    forms = _forms()[0].get(char or "", {})
    return "initial" in forms or "medial" in forms


def _joins(char: str | None) -> bool:
    return char is not None and char in _forms()[0]


def shape(text: str) -> str:
    """Each Arabic letter in the form its neighbours give it, in reading order."""
    letters, ligatures = _forms()
    out: list[str] = []
    previous: str | None = None  # the last letter that was not a mark
    index = 0
    while index < len(text):
        char = text[index]
        if char not in letters:
            out.append(char)
            if not _transparent(char):
                previous = None  # a space, a digit or ZWNJ: the next letter starts anew
            index += 1
            continue
        following = next((c for c in text[index + 1:] if not _transparent(c)), None)
        joined_before = _joins_forward(previous)
        if char == _LAM and following is not None and following in _ALEFS:
            kind = "final" if joined_before else "isolated"
            ligature = ligatures.get((char + following, kind))
            if ligature:
                out.append(ligature)
                previous = following  # an alef never joins what comes after it
                index = text.index(following, index + 1) + 1
                continue
        joined_after = _joins_forward(char) and _joins(following)
        kind = ("medial" if joined_before and joined_after else
                "final" if joined_before else "initial" if joined_after else "isolated")
        forms = letters[char]
        out.append(forms.get(kind) or forms.get("isolated") or char)
        previous = char
        index += 1
    return "".join(c for c in out if c not in _NON_PRINTING)


def visual_line(line: str) -> str:
    """One line as a left-to-right renderer must draw it: joined forms, right to left,
    with numbers and Latin words inside it still reading left to right."""
    return rtl_line_for_display(shape(line))[::-1]
