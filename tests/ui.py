"""Driving the real app headless: start it inside the test process, tap, type, look."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

SCREENSHOT_DIR = Path(os.environ.get("KIOSK_SCREENSHOT_DIR",
                                     Path(__file__).resolve().parent.parent / "build" /
                                     "screenshots"))


# `make screenshots` (KIOSK_SCREENSHOT_DIR set) writes the pictures kept in git.
FOR_THE_DOCS = "KIOSK_SCREENSHOT_DIR" in os.environ


def pump(seconds: float = 0.0, frames: int = 3) -> None:
    """Run the event loop: at least `frames` frames and at least `seconds` of real time."""
    end = time.monotonic() + seconds
    for _ in range(frames):
        EventLoop.idle()
    while time.monotonic() < end:
        EventLoop.idle()
        time.sleep(0.01)


def pump_until(condition, seconds: float = 3.0) -> bool:
    """Let the kiosk's clock run until `condition()` holds, or `seconds` have passed: for
    what happens "soon" by the kiosk's timers, which a loaded machine may stretch."""
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        pump(seconds=0.05, frames=1)
        if condition():
            return True
    return condition()


def find(app, name: str):
    """The widget with this `name` on the current screen (or an open overlay)."""
    roots = [app.manager.current_screen] + [w for w in Window.children if w is not app.root]
    for root in roots:
        for widget in root.walk(restrict=True):
            if getattr(widget, "name", None) == name and widget.get_root_window() is not None:
                return widget
    raise LookupError(f"no widget named {name!r} on screen {app.manager.current!r}")


def names(app, prefix: str) -> list[str]:
    found = []
    for widget in app.manager.current_screen.walk(restrict=True):
        name = getattr(widget, "name", "")
        if isinstance(name, str) and name.startswith(prefix):
            found.append(name)
    return found


def press(widget) -> UnitTestTouch:
    pump(frames=1)  # a fresh clock tick first, as a real finger would meet
    x, y = widget.to_window(*widget.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    pump(frames=1)
    return touch


def release(touch: UnitTestTouch) -> None:
    touch.touch_up()
    pump()


def record_speech(app, monkeypatch) -> list[tuple[str, str]]:
    """What the app asks its speech layer to say, as (language, text), in order."""
    said = []
    monkeypatch.setattr(app.speech, "sound_for", lambda language, text, **kwargs:
                        said.append((language, text)))
    return said


def tap(app, name: str) -> None:
    release(press(find(app, name)))


def type_scan(text: str, enter: bool = True) -> None:
    """What a USB scanner in keyboard mode does: the characters, then Enter."""
    for char in text:
        Window.dispatch("on_textinput", char)
    if enter:
        Window.dispatch("on_key_down", 13, 40, None, [])
        Window.dispatch("on_key_up", 13, 40)
    pump()


class KeyClock:
    """The clock a text field's BurstWatch reads, moved by type_keys instead of waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def type_keys(field, text: str, seconds_apart: float, enter: bool = True) -> None:
    """Keys into a focused TypingField, `seconds_apart` on its clock: a person at 0.15 s, a
    USB scanner at a few ms. Characters come as SDL sends them (on_textinput), Enter as a
    key; the docked keyboard takes the same way into the field."""
    if not isinstance(field.bursts.clock, KeyClock):
        field.bursts.clock = KeyClock()
    clock = field.bursts.clock
    clock.now += 1.0  # whatever came before is over
    for char in text:
        clock.now += seconds_apart
        Window.dispatch("on_textinput", char)
    if enter:
        clock.now += seconds_apart
        Window.dispatch("on_key_down", 13, 40, None, [])
        Window.dispatch("on_key_up", 13, 40)
    pump()


def screenshot(name: str) -> Path:
    """The window as a PNG in SCREENSHOT_DIR (`name` may hold a folder: "ar/home").

    Stored as a 256-colour PNG: a flat-coloured screen loses nothing a reader would see,
    and docs/screenshots stays small enough to keep in git (make screenshots)."""
    from PIL import Image

    target = SCREENSHOT_DIR / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    pump()
    Window.dispatch("on_draw")  # render into the back buffer, which screenshot reads
    written = Window.screenshot(str(target.with_name(f"{target.stem}-.png")))  # Kivy adds 0001
    if not FOR_THE_DOCS:
        # A test run's own pictures (build/screenshots): as Kivy wrote them. Making them
        # small took two thirds of each screenshot, a minute of the suite.
        os.replace(written, target)
        return target
    with Image.open(written) as image:
        image.convert("RGB").quantize(colors=256).save(target, optimize=True)
    os.unlink(written)
    return target


def past_the_number_guard(app) -> None:
    """A queue number ignores taps for its first seconds (the next in line must not
    dismiss it); a test that goes on at once moves the screen's start back instead."""
    from kiosk.ui.screens.queue_number import GUARD_SECONDS

    app.manager.get_screen("queue_number").shown_at -= GUARD_SECONDS
