from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.ui import messages, theme


class ActivitiesScreen(Screen):
    """Today's activities as tiles; a scanned card's last activity is marked."""

    def on_pre_enter(self, *args):
        self.refresh()

    def refresh(self) -> None:
        app = App.get_running_app()
        last = app.card_scan.last_activity if app.card_scan else None
        badge = app.t(messages.LAST_TIME, app.language)
        items = [(f"activity:{a.id}", a.name(app.language), a.pictogram, theme.CHECKIN,
                  a.id == last, badge if a.id == last else "")
                 for a in app.door.todays_activities()]
        grid = self.ids.grid
        grid.show(items, self.choose, start_page=grid.page_of(f"activity:{last}"))

    def choose(self, name: str) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        App.get_running_app().check_in(name.split(":", 1)[1])
