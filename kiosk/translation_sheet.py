"""The review sheet: a native speaker checks one language's drafts, and the filled sheet
goes back into the catalog and the site file.

`kiosk translations sheet` writes a spreadsheet (.xlsx, for LibreOffice or Excel) and the
same lines as a printable page; `kiosk translations apply` reads the spreadsheet back. A
reviewer ticks, per line, "meaning right", "natural", "polite enough" and "embarrassing",
and may write a correction. A line is approved when the first three are ticked and the
last is not: its draft mark goes (`#, fuzzy` in the catalog, `# draft` in the site file)
and an `approved: <reviewer>, <date>` note takes its place.

Every row carries a key made from the language and the English line, so a sheet for
another language, an edited key, a missing row or a draft that changed since the sheet
was made is refused before anything is written. Nothing is written half: the catalog,
its compiled .mo and the site file are all checked first, then written atomically.
"""

from __future__ import annotations

import base64
import gettext
import hashlib
import html
import io
import json
import os
import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .atomic import write_atomic
from .config import DEFAULT_CONFIG, ConfigError, SiteConfig, line_in, parse_config
from . import fonts
from .i18n import LANGUAGE_NAMES, LOCALE_DIR, is_right_to_left
from .speech import message_id
from .spoken import sentences
from . import messages

FORMAT = "kiosk-review-1"
SCREENSHOTS_DIR = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SOURCE_LANGUAGES = ("nl", "en")

# Where each door sentence is seen, in the order a visitor meets the screens; the file
# name is the screenshot of that screen in docs/screenshots/<lang>/ (make screenshots).
SCREENS = {
    "home": ("The start screen", "home.png"),
    "language": ("Choosing a language", "language.png"),
    "activities": ("Choosing an activity", "activities_returning_card.png"),
    "welcome": ("After checking in", "welcome.png"),
    "topics": ("Choosing a question's topic", "topics.png"),
    "queue_number": ("The queue number", "queue_number.png"),
    "still_there": ("Nobody touched the screen for a minute", "still_there.png"),
    "survey": ("'How was it today?' on the way out (five faces), and the thank-you",
               "survey.png"),
    "volunteer": ("A volunteer's card (shift start and end)", "volunteer.png"),
    "privacy": ("The privacy notice (the 'i' on the start screen)", "privacy.png"),
    # A sentence added to messages.py without a place here still gets reviewed.
    "other": ("Elsewhere on the door's screens", ""),
}
_SCREEN_OF = {
    messages.CHECKIN: "home", messages.QUESTION: "home", messages.SCAN_YOUR_CARD: "home",
    messages.NOW_HELPING: "home", messages.CARD_UNREADABLE: "home",
    messages.CARD_FOREIGN: "home", messages.SOMETHING_WRONG: "home",
    messages.CHOOSE_LANGUAGE: "language",
    messages.WHAT_FOR: "activities", messages.WELCOME_BACK: "activities",
    messages.LAST_TIME: "activities", messages.CARD_READ: "activities",
    messages.WELCOME: "welcome", messages.CHECKED_IN: "welcome",
    messages.FIRST_TIME: "welcome", messages.ALREADY_CHECKED_IN: "welcome",
    messages.TAP_TO_CONTINUE: "welcome",
    messages.WHAT_ABOUT: "topics",
    messages.YOU_ARE_NUMBER: "queue_number", messages.SOMEONE_COMES: "queue_number",
    messages.TAKE_A_SEAT: "queue_number", messages.OK: "queue_number",
    messages.STILL_THERE: "still_there", messages.YES_STILL_HERE: "still_there",
    messages.SHIFT_STARTED: "volunteer", messages.SHIFT_ENDED: "volunteer",
    messages.SHIFT_HOURS[0]: "volunteer", messages.SHIFT_MINUTES[0]: "volunteer",
    messages.SHIFT_LENGTH: "volunteer",
    messages.SHIFT_BEGAN_AT: "volunteer", messages.SHIFT_ALREADY_STARTED: "volunteer",
    messages.START_OVER: "home",
    messages.LEAVING: "home", messages.HOW_WAS_IT: "survey",
    messages.SURVEY_CARD_READ: "survey", messages.THANKS_BYE: "survey",
}

# The words every other line depends on: asked first, so one answer fixes many lines.
# Per language: the word the drafts use now.
KEY_WORDS = {
    "card": ("the room's own plastic card with a QR code, that a visitor holds under the "
             "scanner", {"ar": "بطاقة", "fa": "کارت", "ti": "ካርድ", "so": "kaar",
                         "tr": "kart", "pl": "karta", "uk": "картка"}),
    "scanner": ("the small box by the screen that reads the card",
                {"ar": "قارئ البطاقات", "fa": "اسکنر", "ti": "ስካነር", "so": "iskaan",
                 "tr": "kart okuyucu", "pl": "skaner", "uk": "сканер"}),
    "volunteer": ("someone who helps in the room without pay",
                  {"ar": "متطوع", "fa": "کسی که اینجا کار می‌کند", "ti": "ኣብዚ ዝሰርሕ ሰብ",
                   "so": "qof halkan ka shaqeeya / mutadawac", "tr": "gönüllü",
                   "pl": "wolontariusz", "uk": "волонтер"}),
    "the room": ("the neighbourhood room itself (the buurtwerkkamer), a place anyone may "
                 "walk into", {"ar": "المكان", "fa": "اینجا", "ti": "ቦታ / ክፍሊ",
                               "so": "xarunta", "tr": "burası", "pl": "to miejsce",
                               "uk": "це місце"}),
    "debt": ("money someone owes (a tile on the screen, seen by everyone in the line)",
             {"ar": "الديون", "fa": "قرض", "ti": "ዕዳ", "so": "deyn", "tr": "borç",
              "pl": "długi", "uk": "борги"}),
    "rent": ("what a tenant pays for a home each month",
             {"ar": "الإيجار", "fa": "کرایه", "ti": "ክራይ", "so": "kiro", "tr": "kira",
              "pl": "czynsz", "uk": "оренда"}),
}
# How the drafts address the visitor (docs/translations.md says why).
REGISTER = {
    "ar": "one visitor, masculine singular as the usual generic form on screens, with "
          "'من فضلك' (please); statements in the passive where they can be",
    "fa": "polite 'شما' with plural verbs throughout",
    "ti": "polite plural (-ኹም), which also needs no masculine or feminine form",
    "so": "singular 'aad', the normal polite address in Somali, with 'Fadlan' (please)",
    "tr": "polite 'siz' (-iniz, -in), as in any public service",
    "uk": "polite 'ви', as in any public service; no masculine or feminine past forms",
    "pl": "'Proszę' + infinitive for requests, impersonal lines for the rest: no 'ty' and "
          "no Pan/Pani, which would need the visitor's gender",
}

COLUMNS = ("key", "screen", "picture", "English", "Dutch", "draft", "the team's note",
           "status", "meaning right", "natural", "polite enough", "embarrassing",
           "correction")
BOXES = ("meaning right", "natural", "polite enough", "embarrassing")
_TICK = {"x", "yes", "ja", "y", "j", "1", "true", "waar", "ok", "v", "✓", "✔", "☑", "☒"}
_NO_TICK = {"", "no", "nee", "n", "0", "false", "onwaar", "-", "☐"}
_APPROVED = "approved: "
_DRAFT = "# draft"


class SheetError(Exception):
    """A sheet that cannot be applied, in one line that says what to do."""


@dataclass(frozen=True)
class Line:
    key: str
    screen: str
    english: str
    dutch: str
    draft: str
    note: str
    status: str
    # Catalog lines: the message id (a tuple for a sentence with a number) and, for those,
    # which plural form; site lines: where in the site file.
    msgid: str | tuple = ""
    form: int | None = None
    numbers: str = ""          # "for 1, 21, 31 ..." (a plural form's numbers)
    site: tuple = ()           # (table, index, sub, id) of a site-file text


@dataclass
class Review:
    """What a filled sheet says, checked."""

    language: str
    reviewer: str
    day: date
    corrections: dict[str, str] = field(default_factory=dict)   # key: new text
    approved: set[str] = field(default_factory=set)              # keys
    embarrassing: list[str] = field(default_factory=list)        # keys
    answers: list[str] = field(default_factory=list)             # the questions up front


# -- what is to be reviewed ----------------------------------------------------------------

def _key(language: str, *parts: object) -> str:
    digest = hashlib.sha256("\x00".join(map(str, (language,) + parts)).encode()).hexdigest()
    return f"{language}-{digest[:10]}"


def _read_catalog(path: Path) -> Catalog:
    try:
        with open(path, "rb") as handle:
            return read_po(handle)
    except FileNotFoundError:
        raise SheetError(f"there is no catalog {path}") from None
    except (OSError, ValueError) as error:
        raise SheetError(f"the catalog {path} cannot be read ({error})") from None


def catalog_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / language / "LC_MESSAGES" / "kiosk.po"


def door_ids(catalog: Catalog) -> list:
    """The catalog's entries a visitor sees (the coordinator's are only in nl and en)."""
    door = set(messages.VISITOR) | {p[0] for p in messages.VISITOR_PLURALS}
    return [m.id for m in catalog if m.id and (
        (m.id[0] if isinstance(m.id, (list, tuple)) else m.id) in door
        or any(path == "kiosk/privacy.py" for path, _ in m.locations))]


def screen_of(msgid, locations=()) -> str:
    single = msgid[0] if isinstance(msgid, (list, tuple)) else msgid
    if single in _SCREEN_OF:
        return _SCREEN_OF[single]
    return "privacy" if any(path == "kiosk/privacy.py" for path, _ in locations) else "other"


def _status(fuzzy: bool, comments: list[str]) -> str:
    approved = [c for c in comments if c.startswith(_APPROVED)]
    if approved:
        return approved[-1]
    return "draft the team doubts" if fuzzy else "draft"


def _plural_numbers(catalog: Catalog) -> list[str]:
    """Per plural form, the numbers that take it: "1, 21, 31 ..."."""
    rule = gettext.c2py(catalog.plural_expr)
    chosen: dict[int, list[int]] = {}
    for number in range(0, 200):
        chosen.setdefault(rule(number), []).append(number)
    return [", ".join(map(str, chosen.get(i, [])[:4])) + (" ..." if len(chosen.get(i, [])) > 4
                                                          else "")
            for i in range(catalog.num_plurals)]


def catalog_lines(language: str, locale_dir: Path = LOCALE_DIR) -> list[Line]:
    catalog = _read_catalog(catalog_path(language, locale_dir))
    dutch = _read_catalog(catalog_path("nl", locale_dir))
    numbers = _plural_numbers(catalog)
    one = gettext.c2py(catalog.plural_expr)(1)  # the form "1 month" takes
    lines = []
    for msgid in door_ids(catalog):
        message, source = catalog[msgid], dutch.get(msgid)
        note = " ".join(c for c in message.user_comments if not c.startswith(_APPROVED))
        status = _status(message.fuzzy, message.user_comments)
        screen = screen_of(msgid, message.locations)
        if isinstance(msgid, (list, tuple)):
            dutch_forms = source.string if source else ("", "")
            for form, text in enumerate(message.string):
                # The English and Dutch of the same number: "1 month" beside "1 ወርሒ".
                which = 0 if form == one else 1
                lines.append(Line(
                    _key(language, msgid[0], form), screen, msgid[which], dutch_forms[which],
                    text, note, status, tuple(msgid), form, numbers[form]))
        else:
            lines.append(Line(_key(language, msgid), screen, msgid,
                              source.string if source else "", message.string, note,
                              status, msgid))
    order = list(SCREENS)
    return sorted(lines, key=lambda line: order.index(line.screen))  # stable: catalog order


def _site_text(site: SiteConfig) -> tuple[Path, str]:
    path = Path(site.path) if Path(site.path).is_file() else DEFAULT_CONFIG
    try:
        return path, path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SheetError(f"the site file {path} cannot be read ({error})") from None


def _site_places(site: SiteConfig):
    """(table, index, sub, id, English, Dutch, texts per language) of every site text."""
    for table, choices in (("activities", site.activities), ("topics", site.topics)):
        for index, choice in enumerate(choices):
            yield (table, index, "names", choice.id, choice.names.get("en", ""),
                   choice.names["nl"], choice.names)
    yield ("site", 0, "names", "", site.site_names.get("en", ""), site.site_name,
           site.site_names)
    yield ("privacy", 0, "contacts", "", site.privacy.contacts.get("en", ""),
           site.privacy.contact, site.privacy.contacts)


def _language_line(text: str, path, place: tuple, language: str) -> int | None:
    """The line number of `language = "..."` in that place, or None when it has none."""
    table, index, sub = place[:3]
    number = line_in(text, path, table, index, language, sub)
    if number is None:
        return None
    line = text.splitlines()[number - 1]
    return number if re.match(rf"\s*{re.escape(language)}\s*=", line) else None


def site_lines(language: str, site: SiteConfig) -> list[Line]:
    path, text = _site_text(site)
    lines = []
    for table, index, sub, ident, english, dutch, texts in _site_places(site):
        number = _language_line(text, path, (table, index, sub), language)
        comment = text.splitlines()[number - 1].partition("#")[2].strip() if number else ""
        status = (comment if comment.startswith(_APPROVED) else
                  "draft the team doubts" if comment.startswith(_DRAFT[2:]) else "draft")
        what = {"activities": f"activity '{ident}'", "topics": f"question topic '{ident}'",
                "site": "the room's name", "privacy": "whom to ask"}[table]
        screen = {"activities": "activities", "topics": "topics"}.get(table, "privacy")
        lines.append(Line(_key(language, "site", table, ident or sub), screen, english, dutch,
                          texts.get(language, ""), f"From the site file: {what}.", status,
                          site=(table, index, sub, ident)))
    return lines


def review_lines(language: str, site: SiteConfig, locale_dir: Path = LOCALE_DIR) -> list[Line]:
    if language in SOURCE_LANGUAGES or language not in LANGUAGE_NAMES:
        known = ", ".join(c for c in LANGUAGE_NAMES if c not in SOURCE_LANGUAGES)
        raise SheetError(f"{language!r} has no drafts to review (the drafts: {known}; "
                         f"Dutch and English are the sources)")
    lines = catalog_lines(language, locale_dir) + site_lines(language, site)
    order = list(SCREENS)
    return sorted(lines, key=lambda line: order.index(line.screen))


# -- writing the sheet and the printable page -------------------------------------------

def _thumbnail(language: str, screen: str, screenshots: Path, width: int) -> bytes | None:
    from PIL import Image

    path = Path(screenshots) / language / SCREENS[screen][1]
    if not SCREENS[screen][1] or not path.is_file():
        return None
    try:
        with Image.open(path) as image:
            image = image.convert("RGB")
            image.thumbnail((width, width))
            out = io.BytesIO()
            image.save(out, "PNG", optimize=True)
            return out.getvalue()
    except OSError:
        return None  # a damaged screenshot: the row still says which screen


def _speech(site: SiteConfig, language: str) -> list[tuple[str, str]]:
    return [(f"{message_id(text)}.ogg", text) for text in sentences(site, language)]


def _as_text(cell, value: str) -> None:
    """A draft that starts with '=' is text, never a formula the spreadsheet would run."""
    cell.value = value
    if isinstance(value, str) and value:
        cell.data_type = "s"


def write_workbook(path: Path, language: str, site: SiteConfig, lines: list[Line],
                   screenshots: Path = SCREENSHOTS_DIR) -> None:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as SheetImage
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    book = Workbook()
    start = book.active
    start.title = "Start"
    start["A1"] = f"Review of the {LANGUAGE_NAMES[language]} ({language}) texts of the door kiosk"
    start["A1"].font = Font(bold=True, size=14)
    for row, (label, value) in enumerate((("language", language), ("format", FORMAT)), 2):
        start.cell(row, 1, label)
        start.cell(row, 2, value)
    start["A5"], start["A6"] = "Your name", "Date"
    start["C5"] = "Needed: it is written in the catalog with the lines you approved."
    start["C6"] = "For example 2026-12-03; empty: the day the sheet is applied."
    for cell in ("A5", "A6"):
        start[cell].font = bold
    start["A8"] = ("Please answer these first: each word is in many lines. "
                   "Then go through the sheet 'Lines'.")
    start["A8"].font = bold
    start["A9"], start["B9"], start["C9"] = "question", "the drafts say", "your answer"
    for cell in ("A9", "B9", "C9"):
        start[cell].font = bold
    start.cell(10, 1, "How should the screen speak to a visitor (an adult stranger)?")
    _as_text(start.cell(10, 2), REGISTER[language])
    row = 11
    for word, (meaning, drafts) in KEY_WORDS.items():
        start.cell(row, 1, f"'{word}': {meaning}. Which word do people use?")
        _as_text(start.cell(row, 2), drafts[language])
        row += 1
    for column, width in (("A", 60), ("B", 40), ("C", 50)):
        start.column_dimensions[column].width = width
    for cells in start.iter_rows(min_row=10, max_row=row):
        for cell in cells:
            cell.alignment = wrap

    sheet = book.create_sheet("Lines")
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE6EE")
    widths = (14, 18, 26, 40, 40, 40, 40, 18, 9, 9, 9, 12, 40)
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[sheet.cell(1, number).column_letter].width = width
    ticks = DataValidation(type="list", formula1='"x"', allow_blank=True)
    sheet.add_data_validation(ticks)
    pictures, shown = [], set()
    for number, line in enumerate(lines, 2):
        where = SCREENS[line.screen][0] + (f" (with the numbers {line.numbers})" if line.numbers
                                           else "")
        values = (line.key, where, "", line.english, line.dutch, line.draft, line.note,
                  line.status)
        for column, value in enumerate(values, 1):
            _as_text(sheet.cell(number, column), value)
            sheet.cell(number, column).alignment = wrap
        sheet.cell(number, 13).alignment = wrap
        ticks.add(f"I{number}:L{number}")
        if line.screen not in shown:  # one picture per screen keeps the file small
            shown.add(line.screen)
            png = _thumbnail(language, line.screen, screenshots, 180)
            if png:
                picture = SheetImage(io.BytesIO(png))
                pictures.append(picture)
                sheet.add_image(picture, f"C{number}")
                sheet.row_dimensions[number].height = picture.height * 0.75 + 6
    sheet.freeze_panes = "D2"

    speech = book.create_sheet("Speech")
    speech.append(["record as (assets/audio/" + language + "/)", "sentence"])
    for file_name, text in _speech(site, language):
        speech.append([file_name, ""])
        _as_text(speech.cell(speech.max_row, 2), text)
    speech.column_dimensions["A"].width = 28
    speech.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    write_atomic(Path(path), out.getvalue())


def _box(label: str) -> str:
    return f'<span class="box">&#9744; {html.escape(label)}</span>'


def write_page(path: Path, language: str, site: SiteConfig, lines: list[Line],
               screenshots: Path = SCREENSHOTS_DIR) -> None:
    e = html.escape
    direction = "rtl" if is_right_to_left(language) else "ltr"
    name = LANGUAGE_NAMES[language]
    # The kiosk's own font for the script, inside the page: a computer without an Ethiopic
    # font would print every Tigrinya draft as empty boxes.
    font_face = ""
    family = fonts.family(language)
    if family != "latin":
        regular = fonts.font_files(family)[0]
        if regular.is_file():
            data = base64.b64encode(regular.read_bytes()).decode()
            font_face = (f'@font-face {{ font-family: "KioskDraft"; src: url(data:font/ttf;'
                         f'base64,{data}) format("truetype"); }}\n'
                         f'[lang="{language}"] {{ font-family: "KioskDraft", sans-serif; }}')
    questions = [f"<tr><td>How should the screen speak to a visitor (an adult stranger)?</td>"
                 f'<td dir="{direction}" lang="{language}">{e(REGISTER[language])}</td>'
                 f'<td class="answer"></td></tr>']
    questions += [f"<tr><td><b>{e(word)}</b>: {e(meaning)}. Which word do people use?</td>"
                  f'<td dir="{direction}" lang="{language}">{e(drafts[language])}</td>'
                  f'<td class="answer"></td></tr>'
                  for word, (meaning, drafts) in KEY_WORDS.items()]
    groups = []
    for screen, (title, _file) in SCREENS.items():
        rows = [line for line in lines if line.screen == screen]
        if not rows:
            continue
        png = _thumbnail(language, screen, screenshots, 360)
        picture = (f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
                   f'alt="{e(title)}">' if png else "")
        body = "".join(
            f'<tr><td class="source"><div>{e(line.english)}</div>'
            f'<div class="nl">{e(line.dutch)}</div>'
            + (f'<div class="numbers">with the numbers {e(line.numbers)}</div>' if line.numbers
               else "")
            + f'</td><td class="draft" dir="{direction}" lang="{language}">{e(line.draft)}</td>'
            f'<td class="note">{e(line.note)}<div class="status">{e(line.status)}</div></td>'
            f'<td class="boxes">{"".join(_box(b) for b in BOXES)}</td>'
            f'<td class="answer"><span class="key">{e(line.key)}</span></td></tr>'
            for line in rows)
        groups.append(f'<section><div class="screen">{picture}<h2>{e(title)}</h2></div>'
                      f'<table><thead><tr>'
                      f"<th>English / Nederlands</th><th>draft</th><th>the team's note</th>"
                      f"<th>your judgement</th><th>correction</th></tr></thead>"
                      f"<tbody>{body}</tbody></table></section>")
    speech = "".join(f'<tr><td class="key">{e(file_name)}</td>'
                     f'<td dir="{direction}" lang="{language}">{e(text)}</td></tr>'
                     for file_name, text in _speech(site, language))
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Review: {e(name)} ({e(language)})</title>
<style>
{font_face}
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "DejaVu Sans",
       Arial, "KioskDraft", sans-serif; color: #1a1e24; font-size: 11pt; line-height: 1.35;
       margin: 20px; }}
h1 {{ font-size: 20pt; margin: 0 0 6px; }} h2 {{ font-size: 14pt; margin: 22px 0 6px; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #9aa5b1; padding: 5px 7px; vertical-align: top; text-align: start; }}
th {{ background: #dde6ee; font-size: 10pt; }}
td.draft {{ font-size: 14pt; width: 24%; }} td.source {{ width: 24%; }}
.nl {{ color: #3d4f61; margin-top: 4px; }} .numbers, .status {{ font-size: 9pt; color: #5a6675; }}
td.note {{ font-size: 9.5pt; width: 18%; }} td.boxes {{ width: 12%; font-size: 10pt; }}
.box {{ display: block; white-space: nowrap; }} td.answer {{ width: 22%; min-height: 48px; }}
.key {{ font-family: monospace; font-size: 8pt; color: #8895a3; }}
.screen {{ display: flex; align-items: flex-end; gap: 16px; margin: 22px 0 8px; }}
.screen img {{ width: 240px; border: 1px solid #9aa5b1; }} .screen h2 {{ margin: 0; }}
tr {{ break-inside: avoid; }} .screen {{ break-after: avoid; }}
.intro td.answer {{ height: 34px; }}
</style></head>
<body>
<h1>Review of the <span lang="{e(language)}">{e(name)}</span> ({e(language)}) texts of the
door kiosk</h1>
<p>Your name: ______________________ &nbsp; Date: ______________</p>
<p>Read each draft as a visitor with little schooling would read it on the door's screen.
Tick <b>meaning right</b>, <b>natural</b> and <b>polite enough</b> when they are; tick
<b>embarrassing</b> when it must not stay. Write a better line under <b>correction</b> and
tick the boxes for your correction. Keep words in curly brackets such as {{site}} as they
are: the kiosk fills them in.</p>
<h2>First: the words every line depends on</h2>
<table class="intro"><thead><tr><th>question</th><th>the drafts say</th><th>your answer</th>
</tr></thead><tbody>{"".join(questions)}</tbody></table>
{"".join(groups)}
<h2>Sentences to record (kiosk speech list --language {e(language)})</h2>
<p>Record each as its own file under assets/audio/{e(language)}/ with the name beside it.</p>
<table><tbody>{speech}</tbody></table>
</body></html>
"""
    write_atomic(Path(path), page.encode("utf-8"))


def write_sheet(out: Path, language: str, site: SiteConfig, locale_dir: Path = LOCALE_DIR,
                screenshots: Path = SCREENSHOTS_DIR) -> tuple[Path, Path]:
    """The spreadsheet at `out` (.xlsx) and the printable page beside it (.html)."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise SheetError(f"the sheet is a spreadsheet: give a name ending in .xlsx, such as "
                         f"{out.with_suffix('.xlsx').name} (the printable page goes beside it)")
    lines = review_lines(language, site, locale_dir)
    page = out.with_suffix(".html")
    write_workbook(out, language, site, lines, screenshots)
    write_page(page, language, site, lines, screenshots)
    return out, page


# -- reading a filled sheet back ---------------------------------------------------------

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _tick(value, row: int, column: str) -> bool:
    text = _cell_text(value).strip().lower()
    if text in _TICK:
        return True
    if text in _NO_TICK:
        return False
    raise SheetError(f"row {row}, '{column}': {text[:20]!r} is not a tick; write x or leave "
                     f"it empty")


def _placeholders(text: str) -> list[str] | None:
    """The {names} in a line, or None when its curly brackets would break .format()."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:
        return None


def _reviewer(value) -> str:
    name = " ".join(_cell_text(value).split())
    if not name:
        raise SheetError("the sheet has no reviewer's name: write it in the sheet 'Start', "
                         "next to 'Your name'")
    if len(name) > 80 or not name.isprintable():
        raise SheetError("the reviewer's name on the sheet 'Start' is not a name (at most 80 "
                         "letters, on one line)")
    return name


def _day(value, today: date) -> date:
    if value in (None, ""):
        return today
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell_text(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise SheetError(f"the date on the sheet 'Start' ({text[:20]!r}) is not a date like "
                     f"2026-12-03")


def read_review(path: Path, lines_for, today: date, language: str | None = None) -> Review:
    """The filled sheet, checked against the lines it must have. `lines_for(language)`
    gives the lines as they are now; nothing is written here."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        book = load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise SheetError(f"there is no file {path}") from None
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, TypeError,
            IndexError, AttributeError) as error:
        raise SheetError(f"{path} is not a review sheet made by 'kiosk translations sheet' "
                         f"(not a readable .xlsx file: {type(error).__name__})") from None
    if "Start" not in book.sheetnames or "Lines" not in book.sheetnames:
        raise SheetError(f"{path} is not a review sheet made by 'kiosk translations sheet' "
                         f"(it has no sheets 'Start' and 'Lines')")
    start, sheet = book["Start"], book["Lines"]
    if _cell_text(start["B3"].value).strip() != FORMAT:
        raise SheetError(f"{path} is not a review sheet made by 'kiosk translations sheet' "
                         f"(the sheet 'Start' lost its format mark in B3)")
    sheet_language = _cell_text(start["B2"].value).strip()
    if sheet_language not in LANGUAGE_NAMES or sheet_language in SOURCE_LANGUAGES:
        raise SheetError(f"the sheet 'Start' names no language to review in B2 "
                         f"(found {sheet_language[:20]!r})")
    if language and language != sheet_language:
        raise SheetError(f"this sheet is for {sheet_language} "
                         f"({LANGUAGE_NAMES[sheet_language]}), not {language}")
    header = [_cell_text(cell.value).strip() for cell in sheet[1]][:len(COLUMNS)]
    if header != list(COLUMNS):
        raise SheetError("the columns of the sheet 'Lines' were moved or renamed; use a "
                         "fresh sheet and copy the answers into it")
    review = Review(sheet_language, _reviewer(start["B5"].value),
                    _day(start["B6"].value, today))
    for row in range(10, 10 + 1 + len(KEY_WORDS)):
        question = _cell_text(start.cell(row, 1).value).strip()
        answer = " ".join(_cell_text(start.cell(row, 3).value).split())
        if question and answer:
            review.answers.append(f"{question[:60]} -> {answer[:200]}")
    expected = {line.key: line for line in lines_for(sheet_language)}
    seen: set[str] = set()
    for row, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(COLUMNS),
                                                values_only=True), 2):
        values = dict(zip(COLUMNS, cells))
        key = _cell_text(values["key"]).strip()
        if not key and not any(_cell_text(v).strip() for v in cells):
            continue  # an empty row at the end
        if key.split("-", 1)[0] != sheet_language and key.split("-", 1)[0] in LANGUAGE_NAMES:
            raise SheetError(f"row {row} belongs to a sheet for {key.split('-', 1)[0]}, and "
                             f"this sheet is for {sheet_language}")
        line = expected.get(key)
        if line is None:
            raise SheetError(f"row {row}: {key[:30]!r} in the column 'key' is not a line of "
                             f"this language (was the key changed?); the key column must "
                             f"stay as it was")
        if key in seen:
            raise SheetError(f"row {row}: the line {key} is on the sheet twice")
        seen.add(key)
        if _cell_text(values["draft"]).strip() != line.draft.strip():
            raise SheetError(f"row {row}: the draft is not the one in the kiosk now (changed "
                             f"on the sheet, or in the kiosk since the sheet was made); write "
                             f"changes under 'correction', or make a new sheet")
        ticks = {box: _tick(values[box], row, box) for box in BOXES}
        correction = _cell_text(values["correction"]).strip()
        if correction:
            correction = " ".join(correction.split())  # a line on a screen: one line
            if not correction.isprintable():
                raise SheetError(f"row {row}: the correction has characters that are not "
                                 f"text")
            if len(correction) > 400:
                raise SheetError(f"row {row}: the correction is longer than 400 letters")
            wanted = _placeholders(line.draft or line.english.split(" / ")[-1])
            if _placeholders(correction) != wanted:
                names = ", ".join("{" + n + "}" for n in wanted or []) or "no {...}"
                raise SheetError(f"row {row}: the correction must have {names} in curly "
                                 f"brackets, exactly as the draft: the kiosk fills them in")
            if correction != line.draft:
                review.corrections[key] = correction
        elif not line.draft and all(ticks[b] for b in BOXES[:3]):
            raise SheetError(f"row {row}: there is no draft to approve; write the text under "
                             f"'correction'")
        if ticks["embarrassing"]:
            review.embarrassing.append(key)
        elif all(ticks[box] for box in BOXES[:3]):
            review.approved.add(key)
    missing = [key for key in expected if key not in seen]
    if missing:
        first = expected[missing[0]]
        raise SheetError(f"the sheet lacks {len(missing)} line(s) of {sheet_language}, such as "
                         f"{first.english[:50]!r} (rows deleted, or the kiosk has new lines: "
                         f"make a new sheet)")
    return review


# -- applying it ---------------------------------------------------------------------------

@dataclass
class Outcome:
    approved: int = 0
    corrected: int = 0
    site_changed: bool = False
    embarrassing: list[str] = field(default_factory=list)


def _apply_catalog(catalog: Catalog, review: Review, lines: list[Line]) -> tuple[int, int]:
    note = f"{_APPROVED}{review.reviewer}, {review.day.isoformat()}"
    by_msgid: dict = {}
    for line in lines:
        if not line.site:
            by_msgid.setdefault(line.msgid, []).append(line)
    approved = corrected = 0
    for msgid, forms in by_msgid.items():
        message = catalog[msgid]
        changed = [line for line in forms if line.key in review.corrections]
        if changed:
            if isinstance(msgid, tuple):
                strings = list(message.string)
                for line in changed:
                    strings[line.form] = review.corrections[line.key]
                message.string = tuple(strings)
            else:
                message.string = review.corrections[forms[0].key]
            corrected += 1
        comments = [c for c in message.user_comments if not c.startswith(_APPROVED)]
        if all(line.key in review.approved for line in forms):
            message.flags.discard("fuzzy")
            message.user_comments = comments + [note]
            approved += 1
        elif changed:
            message.user_comments = comments  # an approval of the old text no longer holds
    if approved or corrected:
        catalog.last_translator = f"{review.reviewer} (native speaker review)"
        catalog.revision_date = datetime.combine(review.day, datetime.min.time(),
                                                 tzinfo=timezone.utc)
        history = [f"# Reviewed by {review.reviewer} on {review.day.isoformat()}: "
                   f"{approved} line(s) approved, {corrected} corrected."]
        history += [f"#   {answer}" for answer in review.answers]
        lines_ = catalog.header_comment.rstrip("\n").split("\n")
        if lines_ and lines_[-1].strip() == "#":
            lines_ = lines_[:-1] + history + ["#"]
        else:
            lines_ += history
        catalog.header_comment = "\n".join(lines_)
    return approved, corrected


_SITE_LINE = re.compile(r"""^(?P<indent>\s*)(?P<key>[A-Za-z]{2,3})\s*=\s*"""
                        r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*')\s*(?P<comment>#.*)?$""")


def _apply_site(text: str, path, review: Review, lines: list[Line]) -> str:
    language = review.language
    note = f"# {_APPROVED}{review.reviewer}, {review.day.isoformat()}"
    out = text.splitlines()
    inserts: list[tuple[int, str]] = []
    for line in lines:
        if not line.site or (line.key not in review.corrections
                             and line.key not in review.approved):
            continue
        number = _language_line("\n".join(out), path, line.site[:3], language)
        what = line.english or line.dutch
        if number is None:
            if line.key not in review.corrections:
                continue
            table, index, sub = line.site[:3]
            header = line_in("\n".join(out), path, table, index, sub, None)
            if header is None or not re.match(rf"\s*\[\s*{re.escape(table)}\s*\.\s*{sub}\s*\]",
                                              out[header - 1]):
                raise SheetError(f"the site file has no [{table}.{sub}] lines for "
                                 f"{what!r}: add `{language} = \"...\"` there by hand")
            last = header
            while last < len(out) and re.match(r"\s*[A-Za-z]{2,3}\s*=", out[last]):
                last += 1
            value = json.dumps(review.corrections[line.key], ensure_ascii=False)
            suffix = f"  {note}" if line.key in review.approved else ""
            inserts.append((last, f"{language} = {value}{suffix}"))
            continue
        match = _SITE_LINE.match(out[number - 1])
        if not match:
            raise SheetError(f"line {number} of the site file writes the {language} text of "
                             f"{what!r} in a way this tool does not change; change it by hand")
        value = (json.dumps(review.corrections[line.key], ensure_ascii=False)
                 if line.key in review.corrections else match["value"])
        comment = match["comment"] or ""
        if line.key in review.approved:
            comment = note
        elif comment.startswith(f"# {_APPROVED}"):
            comment = ""  # corrected after an approval: the approval was of the old text
        out[number - 1] = f"{match['indent']}{match['key']} = {value}" + (
            f"  {comment}" if comment else "")
    for position, new in sorted(inserts, reverse=True):
        out.insert(position, new)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _writable(path: Path) -> str | None:
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"cannot write {path}: permission denied (run it as the user who owns it)"
    return None


def apply_review(sheet: Path, site: SiteConfig, locale_dir: Path = LOCALE_DIR,
                 today: date | None = None, language: str | None = None) -> Outcome:
    """Read the filled sheet, then write the catalog, its .mo and the site file, or
    nothing at all."""
    today = today or date.today()
    lines_cache: dict[str, list[Line]] = {}

    def lines_for(code: str) -> list[Line]:
        if code not in lines_cache:
            lines_cache[code] = review_lines(code, site, locale_dir)
        return lines_cache[code]

    review = read_review(sheet, lines_for, today, language)
    lines = lines_for(review.language)
    po_path = catalog_path(review.language, locale_dir)
    catalog = _read_catalog(po_path)
    approved, corrected = _apply_catalog(catalog, review, lines)
    site_path, site_text = _site_text(site)
    new_site = _apply_site(site_text, site_path, review, lines)
    if new_site != site_text:
        try:
            parse_config(new_site, site_path)
        except ConfigError as error:
            raise SheetError(f"the corrected names would break the site file: "
                             f"{error.message}") from None
    po_bytes, mo_bytes = io.BytesIO(), io.BytesIO()
    write_po(po_bytes, catalog, width=100)
    # As `make i18n` compiles: the drafts the team doubts are shown too (docs/translations.md).
    write_mo(mo_bytes, catalog, use_fuzzy=True)
    targets = [po_path, po_path.with_suffix(".mo")] + ([site_path] if new_site != site_text
                                                       else [])
    for target in targets:
        problem = _writable(target)
        if problem:
            raise SheetError(problem + "; nothing was changed")
    outcome = Outcome(approved, corrected, new_site != site_text,
                      [line.english for line in lines if line.key in review.embarrassing])
    if not (approved or corrected or outcome.site_changed):
        return outcome
    try:
        if outcome.site_changed:
            write_atomic(site_path, new_site.encode("utf-8"))
        write_atomic(po_path, po_bytes.getvalue())
        write_atomic(po_path.with_suffix(".mo"), mo_bytes.getvalue())
    except OSError as error:
        raise SheetError(f"cannot write {error.filename or po_path}: "
                         f"{error.strerror or error}") from None
    return outcome
