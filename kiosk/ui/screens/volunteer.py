from kivy.properties import BooleanProperty, StringProperty

from .confirmation import ConfirmationScreen


class VolunteerScreen(ConfirmationScreen):
    """A volunteer's card at the door: "your shift has started" or "has ended"."""

    started = BooleanProperty(True)
    length = StringProperty("")
