from kivy.properties import NumericProperty, StringProperty

from .confirmation import ConfirmationScreen


class QueueNumberScreen(ConfirmationScreen):
    """ "Je bent nummer 7 - iemand komt naar je toe." """

    number = NumericProperty(0)
    topic_name = StringProperty("")
    pictogram = StringProperty("")
