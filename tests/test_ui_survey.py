"""'Hoe was het vandaag?' through real touches and scans: the tile only where the site
asks it, the question said aloud in the visitor's language, a face recorded with the
card's activity of that day, a thank-you, and the visit over."""

from __future__ import annotations

import pytest

from kiosk.cards import new_card
from kiosk import messages
from tests.test_ui_speech import spoken  # noqa: F401  (the fake speech layer)
from tests.ui import find, names, pump, screenshot, tap, type_scan

pytestmark = pytest.mark.ui


def test_no_leaving_tile_where_the_site_does_not_ask(make_app):
    app = make_app()
    assert not app.site.door.survey
    with pytest.raises(LookupError):
        find(app, "leaving")
    assert names(app, "checkin") == ["checkin"]


def test_an_anonymous_visitor_answers_with_a_face_in_their_own_language(make_app, spoken):
    said, _, _ = spoken
    app = make_app(survey=True)
    tap(app, "language")
    tap(app, "lang:ar")
    tap(app, "leaving")
    assert app.manager.current == "survey"
    assert said[-1] == ("ar", app.t(messages.HOW_WAS_IT, "ar"))  # said as it opens
    # Five faces, each at least the door's 25 mm, saddest first in reading order: in
    # Arabic the row is mirrored, so the saddest face is on the right.
    faces = [find(app, f"face:{n}") for n in range(1, 6)]
    mm = 25.4 / app.site.screen.dpi
    assert all(min(face.size) * mm >= 25 for face in faces)
    assert [f.x for f in faces] == sorted((f.x for f in faces), reverse=True)
    screenshot("ar/survey")
    tap(app, "face:5")
    assert app.manager.current == "survey_thanks"
    assert said[-1] == ("ar", app.t(messages.THANKS_BYE, "ar"))
    screenshot("ar/survey_thanks")
    [answer] = [v for v in app.door.todays_visits() if v.kind == "feedback"]
    assert (answer.answer, answer.language, answer.card, answer.activity) == \
        (5, "ar", None, None)
    # The thank-you ends the visit: home, in the room's language, for the next person.
    tap(app, "speaker")  # any tap on the thank-you goes home
    assert app.manager.current == "home" and app.language == app.site.default_language


def test_a_card_holder_answers_for_the_activity_they_came_for(make_app):
    app = make_app(survey=True)
    card = new_card()
    type_scan(card.payload)
    tap(app, "activity:kookclub")
    assert app.manager.current == "welcome"
    app.go_home()
    # On the way out, hours later: "Ik ga weg", then the card under the scanner.
    tap(app, "leaving")
    assert not find(app, "survey:card").read
    type_scan(card.payload)
    assert app.manager.current == "survey"  # the faces stay
    assert find(app, "survey:card").read  # lies under the scanner, with the check mark
    screenshot("nl/survey")
    tap(app, "face:2")
    [answer] = [v for v in app.door.todays_visits() if v.kind == "feedback"]
    assert (answer.answer, answer.card, answer.activity) == (2, card.token, "kookclub")
    assert app.card_scan is None  # the visit is over


def test_the_leaving_tile_comes_and_goes_with_the_site_setting(make_app):
    from dataclasses import replace

    app = make_app(survey=True)
    find(app, "leaving")
    checkin_width = find(app, "checkin").width
    app.use_site(replace(app.site, door=replace(app.site.door, survey=False)))
    app.go("topics")
    app.go_home()
    pump()
    with pytest.raises(LookupError):
        find(app, "leaving")
    assert find(app, "checkin").width > checkin_width  # two tiles share the row again


def test_the_survey_in_high_contrast(make_app):
    app = make_app(survey=True, theme='"high_contrast"')
    assert app.theme.name == "high_contrast"
    screenshot("high_contrast/home_with_survey")
    tap(app, "leaving")
    screenshot("high_contrast/survey")
    assert app.manager.current == "survey"


def test_the_coordinator_switches_the_survey_on_from_the_activities_tab(make_app, tmp_path,
                                                                        monkeypatch):
    from kiosk.config import load_config
    from tests.conftest import site_text
    from tests.test_ui_door_rules import hold_corner, type_pin

    site_file = tmp_path / "site.toml"
    site_file.write_text(site_text(), "utf-8")
    app = make_app(site_config=load_config(site_file))
    app.pin_guard.set_pin("2468")
    hold_corner(app, monkeypatch)
    type_pin(app, "2468")
    tap(app, "admin:activities")
    switch = find(app, "survey_switch")
    assert not switch.on and switch.word == "uit"
    switch.parent.parent.parent.scroll_to(switch.parent, animate=False) \
        if hasattr(switch.parent.parent.parent, "scroll_to") else None
    pump()
    tap(app, "survey_switch")
    assert find(app, "survey_switch").on and find(app, "survey_switch").word == "aan"
    screenshot("coordinator/activities_survey_on")
    assert load_config(site_file).door.survey  # in the site file: it lasts a restart
    app.go_home()
    find(app, "leaving")
