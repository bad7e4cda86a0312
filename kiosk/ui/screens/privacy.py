from kivy.app import App
from kivy.properties import ListProperty, StringProperty

from kiosk.privacy import notice
from kiosk.ui.widgets import KioskScreen


class PrivacyScreen(KioskScreen):
    """The privacy notice behind the small "i" on the home screen: the same text as the
    notice on the wall (kiosk privacy)."""

    heading = StringProperty("")
    sections = ListProperty()

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        self.heading, sections = notice(app.site, app.language)
        self.sections = [(s.heading, "\n".join(f"•  {line}" for line in s.lines))
                         for s in sections]
        self.fill(self.ids.content)
        self.ids.scroll.scroll_y = 1

    def fill(self, content) -> None:
        from kivy.factory import Factory

        content.clear_widgets()
        for heading, text in self.sections:
            section = Factory.PrivacySection()  # a kv dynamic class: set after creation
            section.heading, section.text = heading, text
            content.add_widget(section)
