from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.i18n import language_name
from kiosk.ui import theme


class LanguageScreen(Screen):
    """Each language in its own name and script; one tap switches every screen."""

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        # The name in its own script is the picture here: a flag would name a country.
        items = [(f"lang:{code}", language_name(code), "", theme.QUESTION,
                  code == app.language, "") for code in app.site.languages]
        self.ids.grid.show(items, self.choose)

    def choose(self, name: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        app = App.get_running_app()
        app.language = name.split(":", 1)[1]
        app.go_home(keep_language=True)
        # The language's own name, said in it: the visitor hears the choice was understood.
        app.speak(language_name(app.language))
