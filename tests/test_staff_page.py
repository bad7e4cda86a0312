"""The staff page, for real: the server on 127.0.0.1, a door with a real store, and
Debian's chromium driven by Playwright. Skipped, with the reason, without them."""

from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path

import pytest

from kiosk.cards import CardKind, new_card
from kiosk.door import Door
from kiosk.staff.server import StaffServer
from kiosk.staff.today import SummaryHolder, TodayCounter
from kiosk.visits import QUESTION_HELPED
from tests.conftest import FakeClockWatch, FakeNow
from tests.staff_page import launch, log_in, why_no_browser

pytestmark = pytest.mark.skipif(why_no_browser() is not None,
                                reason=why_no_browser() or "")


@pytest.fixture
def now():
    return FakeNow()


@pytest.fixture
def door(site, store, now):
    return Door(site, store, clock=FakeClockWatch(), now=now)


@pytest.fixture
def today(site, store, door):
    holder, counter = SummaryHolder(), TodayCounter(site)
    unsubscribe = store.on_append(lambda visit: (counter.add(visit),
                                                 holder.publish(counter.summary(door.today()))))
    yield holder
    unsubscribe()


@pytest.fixture
def server(site, door, store, today, now):
    server = StaffServer(site, door.queue, store.directory, today=today, port=0,
                         bind="127.0.0.1", now=now)
    server.access.guard.set_pin("2468")
    server.start()
    assert server.ready.wait(10) and server.problem is None, server.problem
    yield server
    server.stop()


@pytest.fixture
def base(server):
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def waiting_numbers(door) -> list[int]:
    return [q.number for q in door.queue.waiting()]


def eventually(condition, seconds: float = 3.0) -> bool:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_question_asked_at_the_door_appears_on_the_page_within_a_second(page, base, door):
    log_in(page, base, device="Telefoon Anna")
    assert page.locator("[data-queue-number]").count() == 0
    started = time.monotonic()
    door.ask_question("letter", "ar")
    page.wait_for_selector('[data-queue-number="1"]', timeout=1000)
    assert time.monotonic() - started < 1.0
    row = page.locator('[data-queue-number="1"]')
    text = row.inner_text()
    assert "العربية" in text and "Arabisch" in text and "Brief" in text
    assert row.locator(".number").inner_text() == "1"
    # The topic's pictogram is served by the kiosk and drawn.
    assert row.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    # Oldest first, in several languages.
    door.ask_question("money", "ti")
    door.ask_question("housing", "uk")
    page.wait_for_selector('[data-queue-number="3"]', timeout=1000)
    order = page.locator("[data-queue-number]").evaluate_all(
        "rows => rows.map(row => row.dataset.queueNumber)")
    assert order == ["1", "2", "3"]
    assert "ትግርኛ" in page.locator('[data-queue-number="2"]').inner_text()


def test_ik_help_geholpen_and_undo_from_the_page(page, base, door, now, store):
    log_in(page, base, device="Telefoon Anna")
    door.ask_question("letter", "pl")
    page.click('[data-queue-number="1"] [data-action="claim"]')
    assert eventually(lambda: door.queue.questions()[0].claimed_by == "Telefoon Anna")
    page.wait_for_selector('[data-queue-number="1"] >> text=jij helpt')
    assert door.queue.being_helped() == [1]

    page.click('[data-queue-number="1"] [data-action="helped"]')
    assert eventually(lambda: waiting_numbers(door) == [])
    page.wait_for_selector('[data-queue-number="1"]', state="detached", timeout=1000)
    page.click('[data-helped-number="1"] [data-action="undo"]')
    assert eventually(lambda: waiting_numbers(door) == [1])
    page.wait_for_selector('[data-queue-number="1"]', timeout=1000)

    # Helped for good: recorded by the door's own thread once the undo window is over.
    page.click('[data-queue-number="1"] [data-action="helped"]')
    assert eventually(lambda: waiting_numbers(door) == [])
    now.advance(seconds=11)
    door.queue.settle()
    assert [v.queue_number for v in store.visits() if v.kind == QUESTION_HELPED] == [1]
    page.wait_for_selector('[data-helped-number="1"]', state="detached", timeout=1000)


def test_another_device_sees_who_took_a_question(browser, base, door):
    first = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    second = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    log_in(first, base, device="Telefoon Anna")
    log_in(second, base, device="Tablet balie")
    door.ask_question("work", "so")
    first.click('[data-queue-number="1"] [data-action="claim"]')
    second.wait_for_selector('[data-queue-number="1"] >> text=Telefoon Anna helpt', timeout=1000)
    first.context.close()
    second.context.close()


def test_without_a_session_only_the_login_form_and_401_everywhere(browser, page, base, door):
    log_in(page, base)
    door.ask_question("letter", "nl")
    page.wait_for_selector('[data-queue-number="1"]')
    stranger = browser.new_context().new_page()
    stranger.goto(base + "/")
    assert stranger.locator("input[name=pin]").count() == 1
    assert stranger.locator("[data-queue-number], #questions").count() == 0
    assert "Brief" not in stranger.content()
    request = stranger.context.request
    for path in ("/api/state", "/api/events", "/pictograms/topic_letter.png"):
        assert request.get(base + path).status == 401, path
    for action in ("claim", "helped", "undo", "unclaim"):
        assert request.post(f"{base}/api/questions/1/{action}").status == 401
    assert waiting_numbers(door) == [1] and door.queue.questions()[0].claimed_by is None
    stranger.context.close()


def test_five_wrong_pins_lock_the_page(page, base, server):
    page.goto(base + "/")
    for attempt in range(5):
        page.fill("input[name=pin]", "0000")
        page.click("button[type=submit]")
        page.wait_for_selector(".message")
    assert "Te veel verkeerde pogingen" in page.locator(".message").inner_text()
    page.fill("input[name=pin]", "2468")
    page.click("button[type=submit]")
    assert "Te veel verkeerde pogingen" in page.locator(".message").inner_text()
    assert page.locator("#questions").count() == 0


def test_a_post_without_the_csrf_token_is_refused(page, base, door):
    log_in(page, base)
    door.ask_question("letter", "nl")
    page.wait_for_selector('[data-queue-number="1"]')
    request = page.context.request   # the page's own cookie, but not its token
    assert request.post(f"{base}/api/questions/1/helped").status == 403
    assert request.post(f"{base}/api/questions/1/helped",
                        headers={"X-CSRF-Token": "guess"}).status == 403
    assert request.post(f"{base}/api/questions/1/helped",
                        headers={"X-CSRF-Token": "x", "Origin": "http://evil.example"}
                        ).status == 403
    assert waiting_numbers(door) == [1]
    assert request.post(base + "/logout", form={"csrf": "guess"}).status == 403
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert request.post(f"{base}/api/questions/1/claim",
                        headers={"X-CSRF-Token": token}).status == 200


def test_no_card_token_in_any_response(page, base, door, site):
    card = new_card(CardKind.VISITOR)
    volunteer = new_card(CardKind.VOLUNTEER)
    bodies: list[bytes] = []
    page.on("response", lambda response: bodies.append(response.body())
            if "/api/events" not in response.url else None)
    log_in(page, base)
    scan = door.identify(card.payload)
    door.check_in("inloop", "ar", scan.card)
    door.ask_question("letter", "ar", scan.card)
    door.volunteer_scan(door.identify(volunteer.payload).card, "nl")
    page.wait_for_selector('[data-queue-number="1"]')
    page.wait_for_selector("[data-today-checkins] >> text=1")
    page.click('[data-queue-number="1"] [data-action="claim"]')
    page.wait_for_selector('[data-queue-number="1"] >> text=jij helpt')
    request = page.context.request
    bodies += [request.get(base + path).body()
               for path in ("/api/state", "/manifest.webmanifest", "/", "/static/staff.js")]
    # The event stream itself: its first event, read with the page's cookie.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    stream = urllib.request.urlopen(urllib.request.Request(
        base + "/api/events", headers={"Cookie": cookie}), timeout=5)
    bodies.append(stream.read1(65536))
    stream.close()
    assert len(bodies) > 8
    secrets = [card.token, card.secret, card.payload, volunteer.token, volunteer.secret,
               volunteer.payload, card.token[1:], volunteer.token[1:]]
    for body in bodies:
        for secret in secrets:
            assert secret.encode() not in body


def test_today_beside_the_queue(page, base, door):
    log_in(page, base)
    card = door.identify(new_card(CardKind.VISITOR).payload).card
    door.check_in("inloop", "nl", card)
    door.check_in("kookclub", "nl", card)
    door.check_in("inloop", "tr")
    door.volunteer_scan(door.identify(new_card(CardKind.VOLUNTEER).payload).card, "nl")
    page.wait_for_selector("[data-today-checkins] >> text=3", timeout=2000)
    assert page.locator("#today-cards").inner_text() == "1"
    assert page.locator("#today-volunteers").inner_text() == "1"
    assert "Kookclub" in page.locator("#today-activities").inner_text()


def test_the_page_is_installable_with_the_rooms_name(page, base, site):
    page.goto(base + "/")
    manifest = json.loads(page.context.request.get(base + "/manifest.webmanifest").body())
    assert site.site_name in manifest["name"] and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        response = page.context.request.get(base + icon["src"])
        assert response.status == 200 and response.body()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.locator('link[rel="manifest"]').count() == 1


def test_without_a_staff_pin_the_page_only_says_how_to_set_one(page, base, server, store):
    (store.directory / "staff-pin.json").unlink()
    page.goto(base + "/")
    assert "kiosk pin set --staff" in page.inner_text("body")
    assert page.locator("input, [data-queue-number]").count() == 0
    assert page.context.request.get(base + "/api/state").status == 401


SCREENSHOTS = Path(os.environ.get("KIOSK_SCREENSHOT_DIR")
                   or Path(__file__).resolve().parent.parent / "build" / "screenshots") / "staff"


@pytest.mark.ui   # so that `make screenshots` (pytest -m ui) renders these too
@pytest.mark.parametrize("size, name", [((390, 844), "phone"), ((1024, 768), "tablet")])
def test_screenshots_of_the_page_on_a_phone_and_a_tablet(browser, base, door, now, size,
                                                          name):
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  device_scale_factor=2 if name == "phone" else 1)
    page = context.new_page()
    page.goto(base + "/")
    page.screenshot(path=str(SCREENSHOTS / f"login_{name}.png"))
    log_in(page, base, device="Telefoon Anna" if name == "phone" else "Tablet balie")
    card = door.identify(new_card(CardKind.VISITOR).payload).card
    for activity, language in (("inloop", "nl"), ("kookclub", "ar"), ("inloop", "tr"),
                               ("formulierenbrigade", "ti"), ("computerles", "pl")):
        door.check_in(activity, language, card if language == "nl" else None)
    door.volunteer_scan(door.identify(new_card(CardKind.VOLUNTEER).payload).card, "nl")
    for topic, language, minutes in (("letter", "ar", 9), ("money", "ti", 6),
                                     ("housing", "fa", 4), ("work", "uk", 1), ("repair", "nl", 0)):
        door.ask_question(topic, language)
        now.advance(minutes=minutes)
    door.queue.claim(2, "Tablet balie" if name == "phone" else "Telefoon Anna")
    page.wait_for_selector('[data-queue-number="5"]')
    page.click('[data-queue-number="1"] [data-action="claim"]')
    page.wait_for_selector('[data-queue-number="1"] >> text=jij helpt')
    page.click('[data-queue-number="5"] [data-action="helped"]')
    page.wait_for_selector('[data-helped-number="5"] [data-action="undo"]')
    page.wait_for_selector("[data-today-checkins] >> text=5")
    page.evaluate("document.fonts.ready")
    page.evaluate("window.scrollTo(0, 0)")  # the tablet's Vandaag panel sticks to the top
    page.screenshot(path=str(SCREENSHOTS / f"queue_{name}.png"), full_page=True)
    context.close()
    for picture in SCREENSHOTS.glob(f"*_{name}.png"):
        # 256 colours, as the door's screenshots: small enough to keep in git.
        with Image.open(picture) as image:
            image.convert("RGB").quantize(colors=256).save(picture, optimize=True)


def test_the_chime_setting_is_kept_on_the_device(page, base):
    log_in(page, base)
    toggle = page.locator("#alert-toggle")
    assert toggle.is_checked()                 # on unless a volunteer switched it off
    toggle.uncheck()
    page.reload()
    page.wait_for_selector("#live[data-state=live]")
    assert not page.locator("#alert-toggle").is_checked()
    assert page.evaluate("localStorage.getItem('staff.alert')") == "off"
