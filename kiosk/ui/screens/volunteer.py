from kivy.properties import BooleanProperty, StringProperty

from .confirmation import ConfirmationScreen


class VolunteerScreen(ConfirmationScreen):
    """A volunteer's card at the door: the shift has started (a door with an arrow in,
    green), has ended (an arrow out, orange, with when it began and how long it was), or
    had just started and this scan was the same card twice (nothing changes)."""

    started = BooleanProperty(True)
    repeated = BooleanProperty(False)
    began = StringProperty("")     # "13:05"
    length = StringProperty("")
