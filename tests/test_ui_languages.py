"""Every visitor screen in every language, through real touches: nothing left in English,
right-to-left mirrored, and a screenshot of each (make screenshots puts them in
docs/screenshots/<language>/ and docs/screenshots/high_contrast/)."""

from __future__ import annotations

from functools import lru_cache

import pytest
from babel.messages.pofile import read_po
from PIL import Image

from kiosk.cards import CardKind, new_card
from kiosk.config import parse_config
from kiosk.i18n import LANGUAGE_NAMES, LOCALE_DIR
from kiosk import messages
from tests.conftest import site_text
from tests.ui import (
    SCREENSHOT_DIR, find, names, past_the_number_guard, pump, record_speech, screenshot, tap,
    type_scan)

pytestmark = pytest.mark.ui

TOUR = ("language", "home", "activities", "activities_hint", "welcome", "topics",
        "queue_number", "privacy", "activities_returning_card", "still_there", "volunteer")


def door_message_ids() -> list[str]:
    with open(LOCALE_DIR / "kiosk.pot", "rb") as handle:
        privacy = [m.id for m in read_po(handle)
                   if any(path == "kiosk/privacy.py" for path, _ in m.locations)]
    # A sentence with a number counts with each of its forms.
    ids = [form for m in list(messages.VISITOR) + list(messages.VISITOR_PLURALS) + privacy
           for form in (m if isinstance(m, (list, tuple)) else (m,))]
    # Messages with placeholders are checked by their longest fixed part.
    parts = [max(m.split("{")[::2], key=len) if "{" in m else m for m in ids]
    return [part.strip() for part in parts if len(part.strip()) >= 4]


def shown_texts(app) -> list[str]:
    from kivy.core.window import Window
    from kivy.uix.label import Label

    roots = [app.manager.current_screen] + [w for w in Window.children if w is not app.root]
    return [widget.text for root in roots for widget in root.walk(restrict=True)
            if isinstance(widget, Label) and widget.text and widget.opacity > 0]


def assert_nothing_untranslated(app, language: str, where: str) -> None:
    if language == "en":
        return
    texts = shown_texts(app)
    left = [m for m in door_message_ids() if any(m in text for text in texts)]
    assert left == [], f"{language} {where}: shown untranslated"


@lru_cache(maxsize=None)
def characters_of(font_path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font_path).getBestCmap())


def assert_no_empty_boxes(app, where: str) -> None:
    """Every character of every label on screen is in the font that label draws with."""
    from kivy.core.text import LabelBase
    from kivy.core.window import Window
    from kivy.uix.label import Label

    roots = [app.manager.current_screen] + [w for w in Window.children if w is not app.root]
    for root in roots:
        for label in root.walk(restrict=True):
            if not isinstance(label, Label) or not label.text or label.opacity == 0:
                continue
            registered = LabelBase._fonts[label.font_name]
            font = registered[2] if label.bold else registered[0]
            missing = {char for char in label.text if char not in "\n\t"
                       and ord(char) not in characters_of(font)}
            assert not missing, f"{where}: {label.text!r} has no glyph for {missing}"


def choose_language(app, code: str) -> None:
    tap(app, "language")
    while f"lang:{code}" not in names(app, "lang:"):
        tap(app, "page:next")
    tap(app, f"lang:{code}")
    assert app.language == code and app.manager.current == "home"


def tour(app, language: str, folder: str) -> list[str]:
    """Walk every visitor screen as a visitor would; a screenshot of each."""
    shots = []

    def shot(name):
        assert_nothing_untranslated(app, language, name)
        assert_no_empty_boxes(app, f"{language} {name}")
        screenshot(f"{folder}/{name}")
        shots.append(name)

    tap(app, "language")
    shot("language")
    tap(app, "home")
    choose_language(app, language)
    shot("home")
    tap(app, "checkin")
    shot("activities")
    type_scan("not a card")
    shot("activities_hint")
    tap(app, "activity:kookclub")
    shot("welcome")
    tap(app, "home")
    choose_language(app, language)
    tap(app, "question")
    shot("topics")
    tap(app, "topic:money")
    shot("queue_number")
    past_the_number_guard(app)
    tap(app, "home")
    choose_language(app, language)
    tap(app, "privacy")
    shot("privacy")
    tap(app, "home")
    # A card remembers its language: scanned on the Dutch welcome screen next time, the
    # kiosk answers in the language of the card's last visit.
    card = new_card()
    choose_language(app, language)
    type_scan(card.payload)
    tap(app, "activity:computerles")
    tap(app, "home")
    assert app.language == app.site.default_language
    type_scan(card.payload)
    assert app.language == language and find(app, "activity:computerles").highlighted
    shot("activities_returning_card")
    app.idle.last_activity -= app.idle.idle_seconds  # a minute without a touch
    pump(0.6)
    assert app.idle.overlay.parent is not None
    shot("still_there")
    tap(app, "still_here")  # "yes, I am here": the overlay goes, the visitor carries on
    tap(app, "home")
    choose_language(app, language)
    type_scan(new_card(CardKind.VOLUNTEER).payload)
    shot("volunteer")
    return shots


def assert_screenshots_written(folder: str, shots) -> None:
    for name in shots:
        path = SCREENSHOT_DIR / folder / f"{name}.png"
        with Image.open(path) as image:
            assert image.size == (1280, 720), path
            # Not an empty window: a real screen has text, pictograms and borders.
            assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 8, path


@pytest.mark.parametrize("language", list(LANGUAGE_NAMES))
def test_every_screen_in_every_language(make_app, language):
    app = make_app()
    shots = tour(app, language, language)
    assert tuple(shots) == TOUR
    assert_screenshots_written(language, shots)


def test_every_screen_in_the_high_contrast_theme(make_app):
    text = site_text().replace('theme = "standard"', 'theme = "high_contrast"')
    app = make_app(site_config=parse_config(text, "site.toml"))
    assert app.theme.name == "high_contrast"
    assert app.pictogram("checkin").endswith("black/checkin.png")
    shots = tour(app, "nl", "high_contrast")
    assert_screenshots_written("high_contrast", shots)
    with Image.open(SCREENSHOT_DIR / "high_contrast" / "home.png") as image:
        assert image.convert("RGB").getpixel((640, 5)) == (255, 255, 255)


def test_the_language_question_turns_through_every_offered_language(make_app, monkeypatch):
    from kiosk.ui.screens import language as language_screen

    monkeypatch.setattr(language_screen, "TITLE_SECONDS", 0.1)
    app = make_app()
    tap(app, "language")
    # Every turn is heard as it happens: sampling between frames missed one whenever a
    # loaded machine made a frame longer than a turn.
    seen = {app.manager.current_screen.title_language}
    app.manager.current_screen.bind(title_language=lambda screen, value: seen.add(value))
    for _ in range(200):
        pump(0.05)
        if len(seen) == len(app.site.languages):
            break
    assert seen == set(app.site.languages)
    said = record_speech(app, monkeypatch)
    screen = app.manager.current_screen
    screen.on_leave()  # stop the turning, then show Arabic
    screen.title_language = "ar"
    tap(app, "speaker")
    assert said[-1] == ("ar", app.t(messages.CHOOSE_LANGUAGE, "ar"))  # in the shown language
    tap(app, "home")
    monkeypatch.setattr(language_screen, "TITLE_SECONDS", 60)  # slow again, to look at it
    tap(app, "language")
    assert app.manager.current_screen.title_language == "nl"  # starts in the screen's own


def test_switching_the_theme_recolours_the_screen_that_is_up(make_app):
    from kivy.uix.image import Image as PictureWidget
    from kivy.uix.label import Label

    app = make_app()
    tap(app, "question")
    tile = find(app, "topic:money")
    picture = next(w for w in tile.walk(restrict=True) if isinstance(w, PictureWidget))
    word = next(w for w in tile.walk(restrict=True) if isinstance(w, Label) and w.text)
    assert picture.source.endswith("color/topic_money.png")
    with Image.open(screenshot("theme_switch/standard")) as image:
        assert image.convert("RGB").getpixel((640, 5)) != (255, 255, 255)  # warm off-white
    app.theme.use("high_contrast")  # no new screen, no restart
    pump()
    assert app.manager.current == "topics" and find(app, "topic:money") is tile
    assert picture.source.endswith("black/topic_money.png")
    assert list(word.color) == [0, 0, 0, 1]
    assert list(find(app, "topic:money").accent) == list(app.theme.question)
    with Image.open(screenshot("theme_switch/high_contrast")) as image:
        assert image.convert("RGB").getpixel((640, 5)) == (255, 255, 255)
    app.theme.use("standard")
    pump()
    assert picture.source.endswith("color/topic_money.png")
