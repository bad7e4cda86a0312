"""Right after a start the kiosk prepares the Cijfers tab's months at idle, one month a
frame, instead of waiting for its first upkeep 30 s later (kiosk/ui/app.py
_warm_up_numbers): a coordinator who restarts the kiosk and opens the tab finds every
month ready, and a visitor's taps never wait behind a step."""

import pytest

from kiosk.demo import fill
from kiosk.numbers_at_a_glance import MonthSummaries
from kiosk.periods import year
from kiosk.store import VisitStore
from kiosk.ui import KioskApp
from kiosk.ui import app as app_module
from tests.conftest import THURSDAY_MORNING
from tests.test_ui_door_rules import hold_corner, type_pin
from tests.ui import find, pump, tap

pytestmark = pytest.mark.ui


def restart_with_history(make_app, site, tmp_path, days) -> tuple[KioskApp, list[str]]:
    """The kiosk started on a folder with months of history in month files, and this
    morning's visits in its journal. (make_app's first app keeps its visits in data-0.)"""
    with VisitStore.open_writer(tmp_path / "data-0", fsync=False) as store:
        fill(store, site, days=days, visits_per_day=12, today=THURSDAY_MORNING.date())
        store.compact()
        months = store.months()
    app = make_app()
    app.store._journal.fsync = False   # (not the disk's test)
    fill(app.store, site, days=1, visits_per_day=12, today=THURSDAY_MORNING.date(), seed=5)
    app.store._journal.fsync = True
    return app, months


@pytest.fixture
def steps(monkeypatch) -> list[int]:
    """How many months each call of MonthSummaries.prepare made, in every app."""
    made, steps = [], []
    real_prepare, real_summary = MonthSummaries.prepare, MonthSummaries._summary

    def summary(self, *args, **kwargs):
        made.append(1)
        return real_summary(self, *args, **kwargs)

    def prepare(self, *args, **kwargs):
        made.clear()
        done = real_prepare(self, *args, **kwargs)
        steps.append(len(made))
        return done

    monkeypatch.setattr(MonthSummaries, "_summary", summary)
    monkeypatch.setattr(MonthSummaries, "prepare", prepare)
    return steps


def test_the_months_are_ready_seconds_after_a_start_and_the_tab_reads_no_month_file(
        make_app, site, tmp_path, monkeypatch, steps):
    app, months = restart_with_history(make_app, site, tmp_path, days=100)
    assert len(months) >= 4
    pump(seconds=1.0 + 1.0 + 0.3)   # the warm-up's start, a quiet second, the steps
    assert steps and max(steps) == 1, "one month a step, each on its own frame"
    assert sum(steps) == len(months)
    # The upkeep (every 30 s) has not run: the warm-up alone prepared them.
    assert app.store.pending_count
    today = app.door.today()
    expected = MonthSummaries().glance(app.store, year(today.year), app.site, today)

    def no_month_file(*args, **kwargs):
        raise AssertionError("the Cijfers tab read a month file after the warm-up")

    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    # (The Vandaag tab, shown first, reads today's visits its own way.)
    monkeypatch.setattr(app.store, "read_month", no_month_file)
    monkeypatch.setattr(app.store, "month_digest", no_month_file)
    tap(app, "admin:numbers")
    tap(app, "cijfers:jaar")
    summaries = app.month_summaries
    assert summaries.glance(app.store, year(today.year), app.site, today) == expected
    assert find(app, "numbers:total").text


QUIET = 1.5


def test_a_visitor_at_the_door_holds_the_steps_back_until_a_quiet_moment_at_home(
        make_app, site, tmp_path, monkeypatch, steps):
    # Started by hand below, so that the visitor is surely there first.
    monkeypatch.setattr(KioskApp, "NUMBERS_WARM_UP_SECONDS", None)
    # Long against the 0.2 s between taps: a loaded CI machine stretches a tap, not this.
    monkeypatch.setattr(app_module, "QUIET_SECONDS", QUIET)
    app, months = restart_with_history(make_app, site, tmp_path, days=70)
    pump(seconds=0.6)
    assert steps == []
    tap(app, "checkin")
    app._warm_up_numbers()             # on the activities screen
    tap(app, "home")
    pump(seconds=0.2)
    app._warm_up_numbers()             # home, but touched a moment ago
    for _ in range(4):                 # and the visitor goes on tapping
        tap(app, "checkin")
        pump(seconds=0.2)
        tap(app, "home")
        pump(seconds=0.2)
    assert steps == [], "a step ran while a visitor was tapping"
    tap(app, "checkin")
    pump(seconds=QUIET + 0.3)          # quiet, but away from the welcome screen
    assert steps == []
    tap(app, "home")
    pump(seconds=QUIET + 0.8)
    assert sum(steps) == len(months) and max(steps) == 1
