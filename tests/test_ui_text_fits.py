"""Nothing crowds: every label on the welcome screens holds all of its text in its own box,
in all nine languages (a long Ukrainian or Tigrinya welcome once wrapped into the footer)."""

from __future__ import annotations

import pytest

from kiosk.i18n import LANGUAGE_NAMES
from tests.ui import pump, screenshot, tap

pytestmark = pytest.mark.ui


def needed_size(label) -> tuple[int, int]:
    """What the label's whole text takes, wrapped as the label wraps it."""
    from kivy.core.text import Label as CoreLabel

    width = label.text_size[0]
    core = CoreLabel(text=label.text, font_size=label.font_size, font_name=label.font_name,
                     bold=label.bold, font_script_name=label.font_script_name,
                     font_direction=label.font_direction, halign=label.halign,
                     line_height=label.line_height, padding=label.padding,
                     text_size=(width, None))
    core.refresh()
    return core.texture.size


def shown(widget) -> bool:
    while widget is not None:
        if widget.opacity == 0 or widget.width <= 0 or widget.height <= 0:
            return False
        widget = widget.parent if widget.parent is not widget else None
    return True


def assert_every_label_fits(app, where: str) -> int:
    from kivy.uix.label import Label

    from kivy.core.window import Window

    checked, boxes = 0, []
    for label in app.manager.current_screen.walk(restrict=True):
        if not isinstance(label, Label) or not label.text or not shown(label):
            continue
        if getattr(label, "shorten", False):
            continue  # shortens itself by design (the numbers being helped)
        # A label without a text box takes its texture's size by itself (a frame later
        # when the attract loop turns a language's name bold): only boxed text can spill.
        boxed = label.text_size[0] is not None or label.text_size[1] is not None
        width, height = needed_size(label) if boxed else label.size
        assert width <= label.width + 2 and height <= label.height + 2, \
            f"{where}: {label.text!r} needs {width}x{height}, has {label.width:.0f}x" \
            f"{label.height:.0f}"
        x, y = label.to_window(label.x, label.y)
        box = (x, y, x + label.width, y + label.height)
        assert box[0] >= -1 and box[1] >= -1 and box[2] <= Window.width + 1 \
            and box[3] <= Window.height + 1, f"{where}: {label.text!r} is off the screen"
        for other_text, other in boxes:  # no text over another (a headline in the footer)
            overlap_x = min(box[2], other[2]) - max(box[0], other[0])
            overlap_y = min(box[3], other[3]) - max(box[1], other[1])
            assert overlap_x <= 1 or overlap_y <= 1, \
                f"{where}: {label.text!r} lies over {other_text!r}"
        boxes.append((label.text, box))
        checked += 1
    return checked


@pytest.mark.parametrize("language", list(LANGUAGE_NAMES))
def test_every_label_on_home_and_welcome_fits_its_box(make_app, language):
    app = make_app()
    app.language = language
    tap(app, "home")
    app.language = language
    pump()  # a language's name turns bold: its label takes its new size in the next frame
    assert assert_every_label_fits(app, f"{language} home") >= 3
    tap(app, "checkin")
    tap(app, "activity:computerles")  # a long name in most languages
    assert app.manager.current == "welcome"
    assert assert_every_label_fits(app, f"{language} welcome") >= 3
    screenshot(f"text_fits/{language}_welcome")
