import shutil
import time

import pytest

from kiosk.speech import Speech, message_id


def wait_for(path, seconds=20):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not path.is_file():
        time.sleep(0.05)
    return path.is_file()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_makes_a_cached_file_in_the_background(tmp_path):
    speech = Speech(tmp_path)
    assert speech.sound_for("nl", "Welkom!") is None  # first time: being made
    assert wait_for(speech.cached("nl", "Welkom!"))
    assert speech.sound_for("nl", "Welkom!") == speech.cached("nl", "Welkom!")
    assert speech.cached("nl", "Welkom!").read_bytes()[:4] == b"RIFF"


def test_a_recording_wins_over_synthesis(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_ASSETS_DIR", str(tmp_path / "assets"))
    recording = tmp_path / "assets" / "audio" / "ti" / "welcome.ogg"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(b"OggS")
    assert Speech(tmp_path / "cache").sound_for("ti", "እንቋዕ ብደሓን", key="welcome") == recording


def test_no_voice_and_no_recording_is_silence_not_an_error(tmp_path):
    assert Speech(tmp_path).sound_for("so", "Soo dhawoow") is None
    assert not (tmp_path / "so").exists()


def test_without_espeak_there_is_silence(tmp_path):
    speech = Speech(tmp_path, espeak="no-such-espeak")
    ready = []
    assert not speech.can_synthesise("nl")
    assert speech.sound_for("nl", "Welkom!", on_ready=ready.append) is None
    assert speech.wait_until_idle(1) and ready == []  # nothing was even queued
    assert not list(tmp_path.rglob("*"))


def test_a_failing_synthesis_leaves_no_file(tmp_path):
    speech = Speech(tmp_path, espeak="false")
    assert speech.synthesise("nl", "Welkom!", speech.cached("nl", "Welkom!")) is False
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_message_ids_are_file_names():
    assert message_id("Waar gaat je vraag over?").startswith("waar-gaat-je-vraag-over-")
    assert message_id("عندي سؤال").startswith("message-")


needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed")


@needs_espeak
def test_a_sentence_not_made_yet_is_handed_over_when_ready(tmp_path):
    speech = Speech(tmp_path)
    ready = []
    assert speech.sound_for("nl", "Kookclub", on_ready=ready.append) is None
    assert speech.wait_until_idle(20)
    assert ready == [speech.cached("nl", "Kookclub")]


@needs_espeak
def test_prepare_makes_every_missing_sentence_once(tmp_path):
    speech = Speech(tmp_path)
    sentences = ["Welkom!", "Kookclub", "Tuin"]
    assert speech.prepare("nl", sentences) == 3
    assert speech.wait_until_idle(30)
    assert all(speech.cached("nl", text).is_file() for text in sentences)
    assert speech.prepare("nl", sentences) == 0  # cached: nothing left to make


def test_prepare_without_a_voice_does_nothing(tmp_path):
    assert Speech(tmp_path).prepare("ti", ["ሕቶ ኣሎኒ"]) == 0
    assert Speech(tmp_path, espeak="no-such-espeak").prepare("nl", ["Welkom!"]) == 0
    assert not list(tmp_path.rglob("*"))


def test_a_failed_synthesis_calls_nobody_and_leaves_no_file(tmp_path):
    speech = Speech(tmp_path, espeak="false")
    speech.can_synthesise = lambda language: True
    ready = []
    assert speech.sound_for("nl", "Welkom!", on_ready=ready.append) is None
    assert speech.wait_until_idle(10)
    assert ready == [] and not list(tmp_path.rglob("*.wav"))


def test_the_door_sentences_cover_questions_tiles_and_language_names():
    from kiosk.config import load_config
    from kiosk.spoken import sentences

    site = load_config()
    arabic = sentences(site, "ar")
    assert "العربية" in arabic and "لأي نشاط جئت؟" in arabic
    assert site.activity("kookclub").name("ar") in arabic
    assert site.topic("money").name("ar") in arabic
    assert len(arabic) == len(set(arabic))


def test_a_voice_reads_a_slash_as_a_pause_not_as_slash():
    from kiosk.speech import for_voice

    assert for_voice("Even zitten / koffie") == "Even zitten, koffie"
    assert for_voice("دری / فارسی") == "دری, فارسی"
    assert for_voice("Welkom!") == "Welkom!"


def test_the_voice_gets_the_spoken_form(tmp_path):
    script = tmp_path / "fake-espeak"
    script.write_text('#!/bin/sh\nwhile [ "$1" != "-w" ]; do shift; done\n'
                      'printf "%s" "$3" > "$2"\n')
    script.chmod(0o755)
    speech = Speech(tmp_path / "cache", espeak=str(script))
    target = speech.cached("nl", "Even zitten / koffie")
    assert speech.synthesise("nl", "Even zitten / koffie", target)
    assert target.read_text() == "Even zitten, koffie"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no partial left
