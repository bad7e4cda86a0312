from kivy.properties import BooleanProperty, StringProperty

from .confirmation import ConfirmationScreen


class WelcomeScreen(ConfirmationScreen):
    """ "Welkom!" with a big check mark after a check-in."""

    activity_name = StringProperty("")
    pictogram = StringProperty("")
    first_visit = BooleanProperty(False)
    already = BooleanProperty(False)
