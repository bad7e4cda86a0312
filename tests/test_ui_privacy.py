"""The privacy screen behind the "i": what is kept and what never is as pictures first,
all of it said aloud by the speaker button, the full text below, nothing cut off."""

from __future__ import annotations

import pytest

from kiosk.config import parse_config
from kiosk.privacy import notice
from tests.conftest import site_text
from tests.ui import find, pump, record_speech, screenshot, tap

pytestmark = pytest.mark.ui

MM = 25.4 / 210


def rows(app):
    from kivy.factory import Factory

    row_class = Factory.get("PrivacyPictureRow")
    return [w for w in app.manager.current_screen.walk(restrict=True)
            if isinstance(w, row_class)]


def open_privacy(app, language):
    app.language = language
    tap(app, "privacy")
    assert app.manager.current == "privacy"


@pytest.mark.parametrize("language", ["nl", "ar", "ti", "uk"])
def test_what_is_kept_and_what_never_is_come_first_as_pictures(make_app, language):
    app = make_app()
    open_privacy(app, language)
    shown = rows(app)
    kept = [row for row in shown if row.kept]
    never = [row for row in shown if not row.kept]
    # Kept: the time, the chosen picture (activity or topic), the language, the card code.
    assert [row.pictures for row in kept] == [
        ["privacy_time"], ["privacy_choice"], ["language"], ["room_card"]]
    # Never: name, address, phone; what the question is; photos (a face) and a voice.
    pictures = {picture for row in never for picture in row.pictures}
    assert {"privacy_id", "privacy_phone", "privacy_address", "privacy_photo"} <= pictures
    # The ticks and crosses are pictures, not colours alone.
    signs = {child.pictogram for row in shown for child in row.children
             if getattr(child, "pictogram", "") in ("welcome_check", "never")}
    assert signs == {"welcome_check", "never"}
    # Each row carries its own line of the notice, in the visitor's language.
    _, sections = notice(app.site, language)
    assert [row.text for row in shown] == sections[0].lines + sections[1].lines
    # Picture rows first: nothing above them but the first heading.
    content = app.manager.current_screen.ids.content
    assert content.children[-2] is shown[0]
    screenshot(f"privacy_pictures/{language}")


@pytest.mark.parametrize("theme", ["standard", "high_contrast"])
def test_the_card_row_shows_the_rooms_own_card_not_an_id(make_app, theme):
    """A code for the card is kept: the picture is the card the visitor holds (the room's
    name on it, as home shows it going under the scanner), not the ID card with a photo,
    which at a food bank says "your ID is kept"; the ID card stays on the "never" row."""
    text = site_text().replace('theme = "standard"', f'theme = "{theme}"')
    app = make_app(site_config=parse_config(text, "site.toml"))
    # The same picture as home's card going under the scanner.
    home_card = app.manager.get_screen("home").ids.card_prompt
    assert any(getattr(instruction, "texture", None) is app.picture("room_card")
               for instruction in home_card.canvas.children)
    for language in ("nl", "ar"):
        open_privacy(app, language)
        card = find(app, "privacy_picture:room_card")
        assert card.texture is app.picture("room_card")
        assert card.source == "" and card.opacity == 1 and card.width > 0
        shown = {picture for row in rows(app) for picture in row.pictures}
        assert "card_scan" not in shown
        never = [row for row in rows(app) if not row.kept]
        assert "privacy_id" in never[0].pictures
        # Drawn or from a file, every picture of every row is there (none blank).
        for row in rows(app):
            for name in row.pictures:
                assert find(app, f"privacy_picture:{name}").texture is not None, name
        app.manager.current_screen.ids.scroll.scroll_to(card, animate=False)
        screenshot(f"privacy_pictures/room_card_{theme}_{language}")
        tap(app, "home")


def test_the_speaker_says_the_whole_notice(make_app, monkeypatch):
    app = make_app()
    said = record_speech(app, monkeypatch)
    for language in ("nl", "fa"):
        open_privacy(app, language)
        tap(app, "speaker")
        spoken_language, text = said[-1]
        title, sections = notice(app.site, language)
        assert spoken_language == language and text.startswith(title)
        for section in sections:
            assert section.heading in text
            assert all(line.rstrip(".") in text for line in section.lines), language
        tap(app, "home")


@pytest.mark.parametrize("theme", ["standard", "high_contrast"])
def test_the_whole_text_can_be_scrolled_to_with_a_thick_bar(make_app, theme):
    text = site_text().replace('theme = "standard"', f'theme = "{theme}"')
    app = make_app(site_config=parse_config(text, "site.toml"))
    for language in ("nl", "ti", "ar"):
        open_privacy(app, language)
        scroll = app.manager.current_screen.ids.scroll
        content = app.manager.current_screen.ids.content
        assert content.height > scroll.height  # it goes on below the screen
        assert scroll.bar_width * MM >= 4
        assert scroll.bar_inactive_color[3] > 0.5  # shown also while nobody scrolls
        screenshot(f"privacy_scroll/{theme}_{language}_top")
        scroll.scroll_y = 0
        pump()
        last = [w for w in content.walk(restrict=True) if getattr(w, "text", "")][-1]
        _, bottom = last.to_window(0, last.y)
        _, scroll_bottom = scroll.to_window(0, scroll.y)
        assert bottom >= scroll_bottom, f"{language}: the last line is cut off"
        # Every line wraps inside the screen: none is wider than its box.
        for label in content.walk(restrict=True):
            if getattr(label, "text", "") and hasattr(label, "texture_size"):
                assert label.texture_size[0] <= label.width + 1, (language, label.text)
        screenshot(f"privacy_scroll/{theme}_{language}_bottom")
        tap(app, "home")
