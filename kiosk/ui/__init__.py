"""The touchscreen. Import kiosk.ui.bootstrap and configure Kivy before importing this."""

from .app import KioskApp

__all__ = ["KioskApp"]
