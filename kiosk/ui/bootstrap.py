"""Kivy settings that must be in place before Kivy opens its window.

Import this module and call `configure_kivy` before anything imports kivy.core.window:
Kivy reads its window and input configuration once, at window creation.
"""

from __future__ import annotations

import logging
import os


class _WithoutCutBufferSearch(logging.Filter):
    """Kivy looks for xclip or xsel the first time a text field exists, for the X 'cut
    buffer' (the middle-click selection). The kiosk has no X selection to share, and on
    the Pi and on servers neither tool exists: Kivy then logs a CRITICAL line with two
    tracebacks that read like a crash. Only that record is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Cutbuffer: Unable to find any valuable")


def configure_kivy(fullscreen: bool, show_cursor: bool,
                   size: tuple[int, int] = (1280, 720)) -> None:
    # Kivy would otherwise parse the kiosk's own command line as its own options.
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    # SDL would turn SIGTERM into a window-close request, which the locked-down kiosk
    # refuses: `systemctl stop` would hang. The kiosk handles SIGTERM itself (cli.py).
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    # The clipboard through SDL: no probing for xclip/xsel, which a Pi does not have.
    os.environ.setdefault("KIVY_CLIPBOARD", "sdl2")
    from kivy.config import Config

    Config.set("graphics", "fullscreen", "auto" if fullscreen else "0")
    Config.set("graphics", "borderless", "1" if fullscreen else "0")
    Config.set("graphics", "show_cursor", "1" if show_cursor else "0")
    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    Config.set("graphics", "resizable", "0" if fullscreen else "1")
    # Locked down: Escape must not close the door, no multitouch emulation red dots.
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("input", "mouse", "mouse,disable_multitouch")
    if fullscreen:
        # At the door SDL already delivers the touchscreen's events; Kivy's own probing of
        # /dev/input (probesysfs) would add a second provider and every tap would count
        # twice. One input provider only.
        Config.remove_option("input", "%(name)s")
    # The one text field (a new activity's name, behind the PIN) gets an on-screen
    # keyboard: there is no keyboard at the door, only the scanner.
    Config.set("kivy", "keyboard_mode", "systemanddock")
    Config.set("kivy", "log_level", os.environ.get("KIOSK_LOG_LEVEL", "info"))
    from kivy.logger import Logger

    if not any(isinstance(f, _WithoutCutBufferSearch) for f in Logger.filters):
        Logger.addFilter(_WithoutCutBufferSearch())
