"""Speech at the door through real touches: the speaker button, holding a tile, a
language's own name, the still-there question; volume from the site file; a sentence
made in the background is played only while its screen is still up."""

from __future__ import annotations

import shutil

import pytest

from kiosk.config import parse_config
from kiosk import messages
from kiosk.ui import sizes
from tests.conftest import site_text
from tests.ui import find, press, pump, pump_until, release, tap

pytestmark = pytest.mark.ui


class FakeSound:
    def __init__(self, source):
        self.source, self.volume, self.played, self.stopped = source, 1.0, False, False

    def play(self):
        self.played = True

    def stop(self):
        self.stopped = True


@pytest.fixture
def spoken(monkeypatch, tmp_path):
    """Everything the app asks the speech layer for, and every sound it plays."""
    from kivy.core.audio import SoundLoader

    said, played, pending = [], [], []
    sound_file = tmp_path / "said.wav"
    sound_file.write_bytes(b"RIFF")

    def sound_for(self, language, text, key=None, on_ready=None):
        said.append((language, text))
        pending.append(on_ready)
        return sound_file if self.ready else None

    from kiosk.speech import Speech

    monkeypatch.setattr(Speech, "ready", True, raising=False)
    monkeypatch.setattr(Speech, "sound_for", sound_for)
    monkeypatch.setattr(SoundLoader, "load", lambda path: played.append(FakeSound(path))
                        or played[-1])
    return said, played, pending


def hold(widget, seconds):
    touch = press(widget)
    pump(seconds)
    release(touch)


def test_holding_a_tile_says_its_word_and_does_not_choose_it(make_app, spoken):
    said, played, _ = spoken
    app = make_app()
    tap(app, "checkin")
    hold(find(app, "activity:kookclub"), sizes.LONG_PRESS_SECONDS + 0.3)
    assert said[-1] == ("nl", "Kookclub") and played[-1].played
    assert app.manager.current == "activities" and app.store.visits() == []
    assert find(app, "activity:kookclub").state == "normal"
    tap(app, "activity:kookclub")  # a short tap still chooses
    assert app.manager.current == "welcome" and len(app.store.visits()) == 1


def test_holding_a_tile_that_cannot_be_said_still_chooses_it(make_app, monkeypatch):
    from kiosk.speech import Speech

    monkeypatch.setattr(Speech, "can_synthesise", lambda self, language: False)
    app = make_app()
    tap(app, "language")
    hold(find(app, "lang:ti"), sizes.LONG_PRESS_SECONDS + 0.3)  # no voice, no recording
    assert app.language == "ti" and app.manager.current == "home"


def test_a_slow_frame_does_not_turn_a_tap_into_a_hold(make_app, spoken):
    import time

    from kivy.tests.common import UnitTestTouch

    said, _, _ = spoken
    app = make_app()
    tap(app, "checkin")
    tile = find(app, "activity:kookclub")
    time.sleep(sizes.LONG_PRESS_SECONDS + 0.2)  # the main loop stalls, e.g. a compaction
    touch = UnitTestTouch(*tile.to_window(*tile.center))
    touch.touch_down()  # a finger arrives at the end of the slow frame ...
    pump(frames=1)  # ... the clock's next tick comes long after its last one
    assert said == [] and tile.state == "down"
    touch.touch_up()
    pump()
    assert app.manager.current == "welcome" and said == []


def test_a_language_tile_says_its_name_in_that_language(make_app, spoken):
    said, _, _ = spoken
    app = make_app()
    tap(app, "language")
    hold(find(app, "lang:fa"), sizes.LONG_PRESS_SECONDS + 0.3)
    assert said[-1] == ("fa", "دری / فارسی") and app.language == "nl"
    tap(app, "lang:ar")
    assert said[-1] == ("ar", "العربية") and app.language == "ar"


def test_the_still_there_question_is_said_aloud(make_app, spoken):
    said, _, _ = spoken
    app = make_app()
    tap(app, "language")
    tap(app, "lang:uk")
    tap(app, "question")
    app.idle.last_activity -= app.idle.idle_seconds
    pump(0.6)
    assert app.idle.overlay.parent is not None
    assert said[-1] == ("uk", app.t(messages.STILL_THERE, "uk"))


@pytest.mark.parametrize("volume", [0, 35, 100])
def test_the_volume_comes_from_the_site_file(make_app, spoken, volume):
    _, played, _ = spoken
    text = site_text().replace("speech_volume = 80", f"speech_volume = {volume}")
    app = make_app(site_config=parse_config(text, "site.toml"))
    tap(app, "speaker")
    assert played[-1].played and played[-1].volume == pytest.approx(volume / 100)


def test_a_new_word_stops_the_last_one(make_app, spoken):
    _, played, _ = spoken
    app = make_app()
    tap(app, "speaker")
    tap(app, "speaker")
    assert played[0].stopped and played[1].played and not played[1].stopped


def test_a_late_sentence_plays_only_while_its_screen_is_up(make_app, spoken, monkeypatch):
    from kiosk.speech import Speech

    said, played, pending = spoken
    monkeypatch.setattr(Speech, "ready", False, raising=False)
    app = make_app()
    tap(app, "checkin")
    tap(app, "speaker")
    assert played == []  # nothing to play yet: no wait, no error
    pending[-1]("/made/in/the/background.wav")
    pump()
    assert [sound.source for sound in played] == ["/made/in/the/background.wav"]
    tap(app, "speaker")
    tap(app, "home")
    pending[-1]("/too/late.wav")
    pump()
    assert len(played) == 1  # the visitor moved on: saying it now would confuse


def test_a_late_sentence_is_dropped_after_a_language_change(make_app, spoken, monkeypatch):
    from kiosk.speech import Speech

    _, played, pending = spoken
    monkeypatch.setattr(Speech, "ready", False, raising=False)
    app = make_app()
    tap(app, "speaker")  # Dutch, not made yet
    tap(app, "language")
    tap(app, "lang:en")  # back on home, in English
    pending[0]("/dutch.wav")
    pump()
    assert played == []


needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed")


@needs_espeak
def test_a_tap_before_synthesis_plays_when_the_worker_is_done(make_app, monkeypatch):
    from kivy.core.audio import SoundLoader

    played = []
    monkeypatch.setattr(SoundLoader, "load", lambda path: played.append(FakeSound(path))
                        or played[-1])
    app = make_app()
    tap(app, "checkin")
    assert not app.speech.cached("nl", app.t(messages.WHAT_FOR, "nl")).exists()
    tap(app, "speaker")  # returns at once; the worker makes the sound meanwhile
    assert app.speech.wait_until_idle(20)
    pump(0.1)
    assert [sound.source for sound in played] == [
        str(app.speech.cached("nl", app.t(messages.WHAT_FOR, "nl")))]


def test_the_warm_up_starts_by_itself_after_start(make_app, monkeypatch):
    from kiosk.ui import KioskApp

    started = []
    monkeypatch.setattr(KioskApp, "prepare_speech", lambda self: started.append(True))
    make_app(speech_warm_up=0.2)
    # 0.2 s after the first frame, once nobody has touched the screen for a second.
    assert pump_until(lambda: started == [True], seconds=5)


def test_the_warm_up_waits_while_a_visitor_is_tapping(make_app, monkeypatch):
    # Its sentences hold the Kivy thread for a moment: never in the middle of a visit.
    from kivy.tests.common import UnitTestTouch

    from kiosk.ui import KioskApp

    started = []
    monkeypatch.setattr(KioskApp, "prepare_speech", lambda self: started.append(True))
    make_app(speech_warm_up=0.2)
    for _ in range(8):                                 # a tap every 0.1 s for 0.8 s
        touch = UnitTestTouch(5, 5)
        touch.touch_down()
        touch.touch_up()
        pump(0.1)
    assert started == []
    # a second with nobody there
    assert pump_until(lambda: started == [True], seconds=5)


@needs_espeak
def test_the_kiosk_synthesises_its_sentences_after_start(make_app):
    from kiosk.spoken import sentences

    text = site_text().replace(
        'languages = ["nl", "en", "ar", "fa", "ti", "so", "tr", "pl", "uk"]',
        'languages = ["nl", "ar", "ti"]')
    app = make_app(site_config=parse_config(text, "site.toml"))
    app.prepare_speech()
    assert app.speech.wait_until_idle(60)
    for language in ("nl", "ar"):
        assert all(app.speech.cached(language, sentence).is_file()
                   for sentence in sentences(app.site, language))
    assert not (app.speech.cache_dir / "ti").exists()  # no voice: recordings only
