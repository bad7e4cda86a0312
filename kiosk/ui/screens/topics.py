from kivy.app import App

from kiosk.ui.screens.choice_grid import TileChoice
from kiosk.ui.widgets import ChoiceScreen


class TopicsScreen(ChoiceScreen):
    """What the question is about, by picture. Never free text."""

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        self.ids.grid.show([TileChoice(f"topic:{t.id}", t, t.name, t.pictogram)
                            for t in app.door.topics()], self.choose)

    def choose(self, topic) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        App.get_running_app().ask_question(topic.id)
