from kivy.app import App
from kivy.factory import Factory
from kivy.properties import StringProperty

from kiosk.privacy import notice
from kiosk.ui.widgets import KioskScreen


class PrivacyScreen(KioskScreen):
    """The privacy notice behind the small "i" on the home screen: the same text as the
    notice on the wall (kiosk privacy), its first part as pictures first (what is kept, a
    tick; what never is, a cross), the rest as text below."""

    heading = StringProperty("")

    def on_pre_enter(self, *args):
        app = App.get_running_app()
        self.heading, sections = notice(app.site, app.language)
        self.fill(self.ids.content, sections)
        self.ids.scroll.scroll_y = 1

    def fill(self, content, sections) -> None:
        content.clear_widgets()
        for section in sections:
            if section.pictures:
                heading = Factory.PrivacyHeading(text=section.heading)
                content.add_widget(heading)
                for line, pictures in zip(section.lines, section.pictures):
                    # kv dynamic classes: their properties are set after creation.
                    row = Factory.PrivacyPictureRow()
                    row.kept, row.pictures, row.text = section.kept, list(pictures), line
                    content.add_widget(row)
            else:
                block = Factory.PrivacySection()
                block.heading = section.heading
                block.text = "\n".join(f"•  {line}" for line in section.lines)
                content.add_widget(block)
