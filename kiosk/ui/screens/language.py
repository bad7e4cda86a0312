from kivy.app import App
from kivy.clock import Clock
from kivy.properties import StringProperty

from kiosk.i18n import language_name
from kiosk.ui.screens.choice_grid import TileChoice
from kiosk.ui.widgets import KioskScreen


TITLE_SECONDS = 2.5


class LanguageScreen(KioskScreen):
    """Each language in its own name and script; one tap switches every screen.

    The question "Choose your language" turns through every offered language: whoever
    opens this screen cannot read the language it was opened in, or they would not be here.
    """

    title_language = StringProperty("")

    def on_enter(self, *args):
        self.on_leave()
        self._turn = Clock.schedule_interval(self._next_title, TITLE_SECONDS)

    def on_leave(self, *args):
        if getattr(self, "_turn", None) is not None:
            self._turn.cancel()
            self._turn = None

    def _next_title(self, *args) -> None:
        languages = list(App.get_running_app().site.languages)
        current = self.title_language if self.title_language in languages else languages[0]
        self.title_language = languages[(languages.index(current) + 1) % len(languages)]

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        self.title_language = app.language
        # The name in its own script is the picture here: a flag would name a country.
        self.ids.grid.show([TileChoice(f"lang:{code}", code, lambda _, code=code:
                                       language_name(code), highlighted=code == app.language,
                                       font_language=code)
                            for code in app.site.languages], self.choose)

    def choose(self, code: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        app = App.get_running_app()
        app.language = code
        app.back_to_start()  # a new language, the same visitor (and card)
        # The language's own name, said in it: the visitor hears the choice was understood.
        app.speak(language_name(app.language))
