"""The whole round, as a room would see it: a visitor asks a question on the kiosk's
screen, a volunteer's phone (Debian's chromium) shows it, says "Ik help", then
"Geholpen"; the kiosk's "Nu aan de beurt" strip and its Vragen tab follow."""

from __future__ import annotations

import socket
import time

import pytest

from tests.staff_page import launch, log_in, why_no_browser
from tests.test_ui_door_rules import hold_corner, type_pin
from tests.ui import find, names, past_the_number_guard, pump, pump_until, tap

pytestmark = [pytest.mark.ui,
              pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_question_from_the_door_to_a_phone_and_back(make_app, monkeypatch, now):
    from kiosk.config import parse_config
    from kiosk.staff.access import StaffPinGuard
    from tests.conftest import site_text

    monkeypatch.setenv("KIOSK_STAFF_PORT", str(port := free_port()))
    text = site_text().replace('bind = "0.0.0.0"', 'bind = "127.0.0.1"')
    app = make_app(site_config=parse_config(text, "site.toml"), staff_page=True)
    app.pin_guard.set_pin("1357")
    StaffPinGuard(app.store.directory).set_pin("2468")
    assert pump_until(lambda: app.staff_page.server is not None
                      and app.staff_page.server.ready.is_set(), seconds=5)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        log_in(phone, f"http://127.0.0.1:{port}", device="Telefoon Anna")

        tap(app, "question")                       # a visitor, at the door
        tap(app, "topic:money")
        assert app.manager.current == "queue_number"
        started = time.monotonic()
        phone.wait_for_selector('[data-queue-number="1"]', timeout=1000)
        assert time.monotonic() - started < 1.0

        past_the_number_guard(app)
        tap(app, "queue:ok")
        assert app.manager.current == "home"
        assert find(app, "now_serving").opacity == 0

        phone.click('[data-queue-number="1"] [data-action="claim"]')
        assert pump_until(lambda: find(app, "now_serving").opacity == 1)
        assert find(app, "now_serving:numbers").text.strip() == "1"

        phone.click('[data-queue-number="1"] [data-action="helped"]')
        assert pump_until(lambda: find(app, "now_serving").opacity == 0)
        hold_corner(app, monkeypatch)              # the coordinator looks at Vragen
        type_pin(app, "1357")
        tap(app, "admin:questions")
        assert pump_until(lambda: "undo:1" in names(app, "undo:"))
        now.advance(seconds=11)                    # past the undo window
        assert pump_until(lambda: not names(app, "undo:") and not names(app, "helped:"),
                          seconds=4)
        assert [v.queue_number for v in app.store.visits()
                if v.kind == "question_helped"] == [1]
        phone.wait_for_selector('[data-helped-number="1"]', state="detached", timeout=2000)
        browser.close()
