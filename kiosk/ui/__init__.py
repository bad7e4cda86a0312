"""The touchscreen.

`kiosk.ui.KioskApp` is imported lazily: importing it opens Kivy's window, and
kiosk.ui.bootstrap.configure_kivy must run before that (it sits in this package too).
"""

__all__ = ["KioskApp"]


def __getattr__(name):
    if name == "KioskApp":
        from .app import KioskApp

        return KioskApp
    raise AttributeError(name)
