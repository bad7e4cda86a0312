"""Test set-up. Kivy reads its environment and window settings once, at import, so they
are fixed here before any test module imports Kivy."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_HOME"] = tempfile.mkdtemp(prefix="kivy-home-")
os.environ["KIVY_NO_CONSOLELOG"] = "1"
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ.setdefault("KIVY_METRICS_DENSITY", "1")

from kiosk.ui.bootstrap import configure_kivy  # noqa: E402  (imports no window)

configure_kivy(fullscreen=False, show_cursor=True, size=(1280, 720))

import pytest  # noqa: E402

from kiosk.config import default_config_text, parse_config  # noqa: E402
from kiosk.store import VisitStore  # noqa: E402

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Thursday: inloop, formulierenbrigade, kookclub, computerles, huurachterstand, sollicitatie.
THURSDAY_MORNING = datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM)


class FakeNow:
    """A wall clock the test moves by hand."""

    def __init__(self, start: datetime = THURSDAY_MORNING):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)


class FakeClockWatch:
    def __init__(self, synchronised: bool = True):
        self.answer = synchronised

    def synchronised(self) -> bool:
        return self.answer


def site_text(**door) -> str:
    text = default_config_text()
    for key, value in door.items():
        rendered = str(value).lower() if isinstance(value, bool) else str(value)
        lines = [f"{key} = {rendered}" if line.startswith(f"{key} =") else line
                 for line in text.splitlines()]
        text = "\n".join(lines) + "\n"
    return text


@pytest.fixture
def site():
    return parse_config(site_text(), "site.toml")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    with VisitStore.open_writer(data_dir) as opened:
        yield opened


@pytest.fixture
def now():
    return FakeNow()


@pytest.fixture
def make_app(tmp_path, now):
    """Start the real KioskApp in this process (as App.run would, without blocking)."""
    started = []

    def start(site_config=None, size=(1280, 720), speech_warm_up=None, staff_page=False,
              prepare_screens=True, **door_settings):
        from kivy.core.window import Window

        from kiosk.config import parse_config
        from kiosk.door import Door
        from kiosk.ui import KioskApp
        from tests.ui import pump

        Window.size = size
        site_config = site_config or parse_config(site_text(**door_settings), "site.toml")
        store = VisitStore.open_writer(tmp_path / f"data-{len(started)}")
        door = Door(site_config, store, clock=FakeClockWatch(), now=now)
        # Synthesising every sentence of the site would keep both cores busy during the
        # suite; tests/test_ui_speech.py turns it on where it is the subject.
        KioskApp.SPEECH_WARM_UP_SECONDS = speech_warm_up
        # A web server per app would race for one port; tests/test_staff_*.py run it.
        KioskApp.STAFF_PAGE = staff_page
        app = KioskApp(site_config, store, door)
        app._run_prepare()
        started.append(app)
        # The app builds a visitor's next screens right after the first frame; do it now,
        # so that no test has a 150 ms build land in the middle of a timed touch. The
        # coordinator's screens, the survey and the volunteer's are built when first
        # opened, as at the door. (tests/test_ui_start.py watches the app do it itself.)
        if prepare_screens:
            app.prepare_screens()
            pump(frames=5)
        return app

    yield start
    from kivy.app import App
    from kivy.core.window import Window

    for app in started:
        caught = list(app._exception_handler.caught)
        if app.idle is not None:
            app.idle.overlay.dismiss(animation=False)
        app.dispatch("on_stop")
        for child in list(Window.children):
            Window.remove_widget(child)
        App._running_app = None
        app.store.close()
        assert caught == [], f"the app swallowed errors: {caught!r}"
    Window.size = (1280, 720)
