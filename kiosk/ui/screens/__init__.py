"""One module and one kv file per screen, found by the screen's name.

Nothing here imports a screen: the app imports a screen's module, loads its kv file and
builds it the first time it is asked for (kiosk.ui.app.KioskApp.screen). The welcome screen
is built for the first frame, the visitor's screens one tap away from it right after that
frame (PREPARED), and the rest when first opened: the coordinator's screens behind the PIN
(with the doctor, retention and the Cijfers tab's counting), the survey and the volunteer's
shift. Building every screen before the first frame made the cold start 2.4x a bare Kivy
window (docs/benchmarks.md).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

# Screen name -> (its module in this package, its class); a module may hold two screens.
SCREENS = {
    "home": ("home", "HomeScreen"),
    "activities": ("activities", "ActivitiesScreen"),
    "welcome": ("welcome", "WelcomeScreen"),
    "topics": ("topics", "TopicsScreen"),
    "queue_number": ("queue_number", "QueueNumberScreen"),
    "language": ("language", "LanguageScreen"),
    "volunteer": ("volunteer", "VolunteerScreen"),
    "privacy": ("privacy", "PrivacyScreen"),
    "survey": ("survey", "SurveyScreen"),
    "survey_thanks": ("survey", "SurveyThanksScreen"),
    "admin_pin": ("admin_pin", "AdminPinScreen"),
    "admin": ("admin", "AdminScreen"),
    "admin_gallery": ("admin_gallery", "AdminGalleryScreen"),
    "admin_name": ("admin_gallery", "AdminNameScreen"),
    "admin_card": ("admin_card", "AdminCardScreen"),
}

# Built one per frame right after the first one, while nobody has touched the screen yet:
# a visitor's first tap on home should not wait for a screen to be built (50-150 ms on the
# development machine, more on a Pi).
PREPARED = ("activities", "welcome", "topics", "queue_number", "language", "privacy")


def screen_class(name: str) -> type:
    """The class of the screen called `name`, its module imported now if it was not."""
    module, cls = SCREENS[name]
    return getattr(import_module(f"{__name__}.{module}"), cls)


def kv_file(name: str) -> Path:
    """The kv file with the rules of the screen called `name`."""
    return Path(__file__).parent / f"{SCREENS[name][0]}.kv"


__all__ = ["PREPARED", "SCREENS", "kv_file", "screen_class"]
