"""The visitor flows through real touches and scanner keystrokes, on the real app."""

import pytest

from kiosk.cards import CardKind, new_card
from kiosk import messages
from tests.ui import (
    find, names, past_the_number_guard, press, pump, record_speech, release, screenshot, tap,
    type_scan)

pytestmark = pytest.mark.ui


def test_home_has_the_two_tiles_the_language_button_and_the_scan_hint(make_app):
    app = make_app()
    assert app.manager.current == "home"
    for name in ("checkin", "question", "language"):
        assert find(app, name).get_root_window() is not None
    assert find(app, "checkin").text == "Ik kom binnen"
    assert find(app, "question").text == "Ik heb een vraag"
    screenshot("home")


def test_one_tap_checkin_records_one_anonymous_visit(make_app):
    app = make_app()
    tap(app, "checkin")
    assert app.manager.current == "activities"
    assert names(app, "activity:") == [
        "activity:inloop", "activity:formulierenbrigade", "activity:kookclub",
        "activity:computerles", "activity:huurachterstand", "activity:sollicitatie"]
    screenshot("activities")
    tap(app, "activity:kookclub")
    assert app.manager.current == "welcome"
    screenshot("welcome")
    [visit] = app.store.visits()
    assert (visit.kind, visit.activity, visit.card, visit.language) == \
        ("checkin", "kookclub", None, "nl")


def test_tiles_show_pressed_state_at_once_and_act_only_on_release(make_app):
    app = make_app()
    tile = find(app, "checkin")
    touch = press(tile)
    assert tile.state == "down"
    assert app.manager.current == "home"
    release(touch)
    assert app.manager.current == "activities"


def test_a_finger_sliding_off_a_tile_does_nothing(make_app):
    app = make_app()
    tap(app, "checkin")
    tile = find(app, "activity:inloop")
    touch = press(tile)
    touch.touch_move(5, 5)  # far outside the tile
    release(touch)
    assert app.manager.current == "activities"
    assert app.store.visits() == []


def test_welcome_returns_home_by_itself(make_app):
    app = make_app(confirmation_seconds=1)
    tap(app, "checkin")
    tap(app, "activity:inloop")
    assert app.manager.current == "welcome"
    pump(seconds=1.3)
    assert app.manager.current == "home"


def test_welcome_returns_home_at_once_on_a_tap(make_app):
    app = make_app()
    tap(app, "checkin")
    tap(app, "activity:inloop")
    release(press(app.manager.current_screen))
    assert app.manager.current == "home"
    assert len(app.store.visits()) == 1


def test_question_gives_a_queue_number_and_records_the_topic(make_app):
    app = make_app()
    tap(app, "question")
    assert app.manager.current == "topics"
    assert len(names(app, "topic:")) == 8
    screenshot("topics")
    tap(app, "topic:money")
    assert app.manager.current == "queue_number"
    assert find(app, "number").text == "1"
    screenshot("queue_number")
    past_the_number_guard(app)
    tap(app, "home")
    tap(app, "question")
    tap(app, "topic:letter")
    assert find(app, "number").text == "2"
    assert [(v.kind, v.topic, v.queue_number) for v in app.store.visits()] == [
        ("question", "money", 1), ("question", "letter", 2)]


def test_a_card_scan_opens_the_activities_and_the_visit_carries_the_token(make_app):
    app = make_app()
    card = new_card()
    type_scan(card.payload)
    assert app.manager.current == "activities"
    tap(app, "activity:computerles")
    [visit] = app.store.visits()
    assert visit.card == card.token and visit.first_visit
    assert app.manager.get_screen("welcome").first_visit
    screenshot("welcome_first_visit")


def test_a_returning_card_sees_its_last_activity_highlighted(make_app, now):
    app = make_app()
    card = new_card()
    type_scan(card.payload)
    tap(app, "activity:kookclub")
    tap(app, "home")
    now.advance(days=7)
    type_scan(card.payload)
    assert app.manager.current == "activities"
    tile = find(app, "activity:kookclub")
    assert tile.highlighted and tile.badge == "Vorige keer"
    assert not find(app, "activity:inloop").highlighted
    screenshot("activities_returning_card")
    tap(app, "activity:kookclub")
    visits = app.store.visits()
    assert len(visits) == 2 and not visits[1].first_visit


def test_the_same_card_twice_within_ten_minutes_counts_once(make_app, now):
    app = make_app()
    card = new_card()
    for _ in range(2):
        type_scan(card.payload)
        tap(app, "activity:inloop")
        now.advance(minutes=4)
        tap(app, "home")
    assert len(app.store.visits()) == 1
    assert app.manager.get_screen("welcome").already


def test_a_scan_on_the_topics_screen_also_identifies_the_visitor(make_app):
    app = make_app()
    tap(app, "question")
    card = new_card()
    type_scan(card.payload)
    assert app.manager.current == "activities"
    assert app.card_scan.card == card


@pytest.mark.parametrize("scanned, hint", [
    ("8712345678906", messages.CARD_FOREIGN),
    ("BWKB7K3MQ9X2HT4DZ", messages.CARD_UNREADABLE),
    ("BWK", messages.CARD_UNREADABLE),
    ("\u00e9\u00e8#!%", messages.CARD_FOREIGN),
])
def test_bad_scans_give_a_gentle_hint_and_change_nothing(make_app, scanned, hint):
    app = make_app()
    type_scan(scanned)
    assert app.manager.current == "home"
    assert app.hint == app.t(hint, "nl")
    assert app.store.visits() == []
    screenshot("home_bad_scan")


def test_a_half_scan_without_enter_is_abandoned_with_a_hint(make_app):
    app = make_app()
    type_scan(new_card().payload[:8], enter=False)
    pump(seconds=0.8)
    assert app.hint == app.t(messages.CARD_UNREADABLE, "nl")
    card = new_card()
    type_scan(card.payload)  # the next scan is not glued onto the half one
    assert app.card_scan.card == card


def test_a_volunteer_card_starts_and_ends_a_shift(make_app, now):
    app = make_app()
    card = new_card(CardKind.VOLUNTEER)
    type_scan(card.payload)
    assert app.manager.current == "volunteer"
    assert find(app, "shift_message").text == "Je dienst is begonnen. Fijn dat je er bent!"
    screenshot("volunteer_started")
    tap(app, "home")
    now.advance(hours=3, minutes=20)
    type_scan(card.payload)
    assert find(app, "shift_message").text == "Je dienst is klaar. Dank je wel!"
    assert find(app, "shift_length").text == "3 uur en 20 minuten"
    screenshot("volunteer_ended")
    assert [(v.kind, v.shift_minutes) for v in app.store.visits()] == [
        ("shift_start", None), ("shift_end", 200)]


def test_switching_to_english_changes_every_screen_and_is_recorded(make_app):
    app = make_app()
    tap(app, "language")
    assert app.manager.current == "language"
    assert names(app, "lang:")[:2] == ["lang:nl", "lang:en"]
    screenshot("language")
    tap(app, "lang:en")
    assert app.manager.current == "home"
    assert find(app, "checkin").text == "I'm coming in"
    screenshot("home_english")
    tap(app, "checkin")
    assert app.manager.current_screen.ids.grid.children
    assert find(app, "activity:kookclub").text == "Cooking club"
    tap(app, "activity:kookclub")
    assert app.store.visits()[0].language == "en"
    tap(app, "home")
    assert app.language == "nl"  # the next visitor starts in Dutch again


def test_the_home_button_leaves_every_screen(make_app):
    app = make_app()
    for start, screen in (("checkin", "activities"), ("question", "topics"),
                          ("language", "language")):
        tap(app, start)
        assert app.manager.current == screen
        tap(app, "home")
        assert app.manager.current == "home"
    assert app.store.visits() == []


def test_more_than_eight_activities_get_pages_with_arrow_tiles(make_app):
    from kiosk.config import parse_config
    from tests.conftest import site_text

    text = site_text().replace("weekdays = [", "weekdays = [\"do\", ")
    app = make_app(site_config=parse_config(text, "site.toml"))
    tap(app, "checkin")
    # 14 activities: the arrows are cells of the 4x2 grid, so seven and "next", then
    # "previous" and the other seven.
    first_page = names(app, "activity:")
    assert len(first_page) == 7
    assert names(app, "page:") == ["page:next"]
    screenshot("activities_page_1")
    tap(app, "page:next")
    second_page = names(app, "activity:")
    assert len(second_page) == 7 and not set(first_page) & set(second_page)
    assert names(app, "page:") == ["page:previous"]
    tap(app, "page:previous")
    assert names(app, "activity:") == first_page
    tap(app, first_page[0])
    assert len(app.store.visits()) == 1


def test_small_800x480_screen_keeps_every_tile_on_screen(make_app):
    app = make_app(size=(800, 480))
    screenshot("home_800x480")
    tap(app, "checkin")
    screenshot("activities_800x480")
    for name in names(app, "activity:") + ["home"]:
        widget = find(app, name)
        x, y = widget.to_window(widget.x, widget.y)
        assert 0 <= x and x + widget.width <= 800 and 0 <= y and y + widget.height <= 480
    tap(app, "activity:inloop")
    assert len(app.store.visits()) == 1


def test_the_i_button_shows_the_privacy_notice(make_app):
    app = make_app()
    tap(app, "privacy")
    assert app.manager.current == "privacy"
    screen = app.manager.current_screen
    assert screen.heading == "Je privacy bij Buurtwerkkamer Leidsche Rijn"
    assert any("Na 24 maanden" in getattr(w, "text", "") for w in screen.walk(restrict=True))
    screenshot("privacy")
    tap(app, "home")
    assert app.manager.current == "home"


def test_each_language_is_offered_in_its_own_script(make_app):
    from kiosk.config import parse_config
    from tests.conftest import site_text

    app = make_app(site_config=parse_config(site_text(), "site.toml"))  # offers all nine
    tap(app, "language")
    # All nine on one screen (tests/test_ui_visit.py measures them), no page to turn.
    assert names(app, "lang:") == ["lang:nl", "lang:en", "lang:ar", "lang:fa", "lang:ti",
                                   "lang:so", "lang:tr", "lang:pl", "lang:uk"]
    assert names(app, "page:") == []
    tigrinya = find(app, "lang:ti")
    assert tigrinya.text == "ትግርኛ" and tigrinya.font_language == "ti"
    screenshot("language_nine")


def test_an_arabic_screen_is_shaped_and_numbers_stay_in_their_own_label(make_app):
    from kiosk.config import parse_config
    from tests.conftest import site_text

    text = site_text().replace('languages = ["nl", "en", "ar", "fa", "ti", "so", "tr", "pl", "uk"]',
                               'languages = ["nl", "en", "ar"]')
    app = make_app(site_config=parse_config(text, "site.toml"))
    tap(app, "language")
    tap(app, "lang:ar")
    assert app.language == "ar"
    def tile_label(name):
        return find(app, name).ids.word

    question = tile_label("question")
    assert question.text == "عندي سؤال"
    assert question.font_direction == "rtl" and question.font_script_name == "Arab"
    assert question.font_name == "Kiosk-arabic"
    # Latin text on an Arabic screen (the site's name) keeps left to right.
    site_name = next(w for w in app.manager.current_screen.walk()
                     if getattr(w, "text", None) == app.site.site_name)
    assert site_name.font_direction == "ltr" and site_name.font_name == "Kiosk-latin"
    screenshot("home_arabic")
    tap(app, "question")
    tap(app, "topic:money")
    assert find(app, "number").text == "1"  # digits in a label of their own
    screenshot("queue_number_arabic")


def test_the_speaker_says_the_screens_question(make_app, monkeypatch):
    app = make_app()
    said = record_speech(app, monkeypatch)
    tap(app, "speaker")
    assert said[-1] == ("nl", "Ik kom binnen. Ik heb een vraag. Heb je een pasje? "
                              "Houd het onder de scanner.")
    tap(app, "checkin")
    tap(app, "speaker")
    assert said[-1] == ("nl", "Waarvoor kom je?")
    tap(app, "activity:kookclub")
    tap(app, "speaker")
    assert said[-1] == ("nl", "Welkom! Kookclub")



def test_a_stop_in_the_first_second_leaves_no_start_up_work_behind(make_app):
    # systemd may stop a kiosk that has only just drawn its first frame: the screens it
    # builds right after would then be built for an app that is gone (Kivy's kv `app` is
    # None by then), and the kiosk would end in an error instead of cleanly.
    app = make_app(prepare_screens=False, speech_warm_up=0.5)
    pump(frames=1)                      # the first frame: the rest of the start is set off
    started = [app._prepare_event, *app._quiet_jobs.values()]
    app.dispatch("on_stop")
    assert len(started) == 2 and not any(event.is_triggered for event in started)
    pump(seconds=0.3)
    assert app.manager.screen_names == ["home"]
    app.dispatch("on_start")  # as the fixture left it, for its own stop
