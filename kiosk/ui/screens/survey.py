"""'Hoe was het vandaag?' on the way out: five faces, one tap, no words needed."""

from kivy.app import App

from kiosk import messages
from kiosk.ui.widgets import KioskScreen
from kiosk.visits import ANSWERS

from .confirmation import ConfirmationScreen


class SurveyScreen(KioskScreen):
    """The question, said aloud as the screen opens (it is the whole screen), and the
    faces saddest to happiest in reading order (mirrored in Arabic and Farsi)."""

    faces = ANSWERS

    def on_enter(self, *args):
        app = App.get_running_app()
        app.speak(app.t(messages.HOW_WAS_IT, app.language))
        self.ids.card_prompt.start()

    def on_leave(self, *args):
        self.ids.card_prompt.stop()

    def choose(self, answer: int) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        App.get_running_app().give_feedback(answer)


class SurveyThanksScreen(ConfirmationScreen):
    """'Dank je wel! Tot de volgende keer.', then the welcome screen for the next one."""

    screen_name = "survey_thanks"
