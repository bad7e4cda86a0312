from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.ui import theme


class TopicsScreen(Screen):
    """What the question is about, by picture. Never free text."""

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        items = [(f"topic:{t.id}", t.name(app.language), t.pictogram, theme.QUESTION, False, "")
                 for t in app.door.topics()]
        self.ids.grid.show(items, self.choose)

    def choose(self, name: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        App.get_running_app().ask_question(name.split(":", 1)[1])
