"""One measured process: start a window (bare Kivy or the kiosk), time the first frame,
then time taps until the next screen is drawn. Prints one JSON line.

Run by benchmarks/__main__.py; not meant to be run by hand.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time

MODE = sys.argv[1]            # "bare" or "kiosk"
STARTED = float(sys.argv[2])  # time.time() in the parent just before this process began
TAPS = int(sys.argv[3])

os.environ["KIVY_NO_ARGS"] = "1"
os.environ["KIVY_NO_CONSOLELOG"] = "1"
os.environ["KIVY_NO_FILELOG"] = "1"
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="bench-kivy-"))

from kiosk.ui.bootstrap import configure_kivy  # noqa: E402

configure_kivy(fullscreen=False, show_cursor=True, size=(1280, 720))

from kivy.app import App  # noqa: E402
from kivy.base import EventLoop  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.tests.common import UnitTestTouch  # noqa: E402

result: dict = {}


def first_frame(*args):
    if "first_frame" not in result:
        result["first_frame"] = time.time() - STARTED
        Clock.schedule_once(measure_taps, 0.2)


def centre(widget):
    return widget.to_window(*widget.center)


class TapTimer:
    """Taps from inside the running event loop, one per frame cycle, and times each one
    from the touch to the flip of the frame that shows the next screen. (Nesting
    EventLoop.idle() inside a callback instead skews both time and memory.)"""

    def __init__(self, app, rounds: int):
        self.app = app
        per_round = ["button"] if MODE == "bare" else ["checkin", "activity:inloop", "middle"]
        self.queue = per_round * rounds
        self.latencies: list[float] = []
        self.started = 0.0

    def next(self, *args):
        if not self.queue:
            self.finish()
            return
        target = self.queue.pop(0)
        if MODE == "bare":
            x, y = centre(self.app.root.current_screen.children[0])
        elif target == "middle":
            x, y = Window.width / 2, Window.height / 2
        else:
            from tests.ui import find

            x, y = centre(find(self.app, target))
        touch = UnitTestTouch(x, y)
        Window.bind(on_flip=self.drawn)
        self.started = time.perf_counter()
        touch.touch_down()
        touch.touch_up()

    def drawn(self, *args):
        Window.unbind(on_flip=self.drawn)
        self.latencies.append((time.perf_counter() - self.started) * 1000)
        Clock.schedule_once(self.next, 0.05)

    def finish(self):
        result["taps_ms"] = self.latencies
        result["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(result), flush=True)
        self.app.stop()


def measure_taps(dt):
    # Kept in `result`'s module: Kivy holds bound methods weakly, a dropped timer stops.
    global timer
    timer = TapTimer(App.get_running_app(), TAPS)
    timer.next()


def bare_app():
    from kivy.uix.button import Button
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

    class Bare(App):
        def build(self):
            manager = ScreenManager(transition=NoTransition())
            for name, other in (("a", "b"), ("b", "a")):
                screen = Screen(name=name)
                screen.add_widget(Button(text=name, on_release=lambda b, o=other:
                                         setattr(manager, "current", o)))
                manager.add_widget(screen)
            return manager

    return Bare()


def kiosk_app():
    from kiosk import paths
    from kiosk.config import load_config
    from kiosk.store import VisitStore
    from kiosk.ui import KioskApp

    site = load_config(paths.config_path())
    store = VisitStore.open_writer(paths.data_dir())
    return KioskApp(site, store)


app = bare_app() if MODE == "bare" else kiosk_app()
Window.bind(on_flip=first_frame)
app.run()
