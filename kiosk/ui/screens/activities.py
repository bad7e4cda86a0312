from kivy.app import App

from kiosk import messages
from kiosk.ui.screens.choice_grid import TileChoice
from kiosk.ui.widgets import ChoiceScreen


class ActivitiesScreen(ChoiceScreen):
    """Today's activities as tiles; a scanned card's last activity is marked."""

    def on_pre_enter(self, *args):
        self.refresh()

    def on_enter(self, *args):
        self.ids.rail.ids.card_prompt.start()

    def on_leave(self, *args):
        self.ids.rail.ids.card_prompt.stop()

    def refresh(self) -> None:
        app = App.get_running_app()
        last = app.card_scan.last_activity if app.card_scan else None
        choices = [TileChoice(f"activity:{a.id}", a, a.name, a.pictogram,
                              highlighted=a.id == last,
                              badge=(lambda language: app.t(messages.LAST_TIME, language))
                              if a.id == last else None)
                   for a in app.door.todays_activities()]
        grid = self.ids.grid
        grid.show(choices, self.choose,
                  start_page=grid.page_of(next((c.item for c in choices if c.highlighted), None)))

    def choose(self, activity) -> None:
        if self.manager is None or self.manager.current != self.name:
            return  # a second finger released after the first one already moved on
        App.get_running_app().check_in(activity.id)
