"""The buurtwerkkamer door kiosk. The core modules here import no Kivy; see kiosk.ui."""

__version__ = "0.1.0"
