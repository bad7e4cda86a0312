"""The chime and the error tone: short, different in pitch, and the committed files are
exactly what kiosk/sounds.py makes."""

import io
import wave

import pytest

from kiosk import sounds


def pitch(values: list[float]) -> float:
    """Hz, from upward zero crossings: enough to tell a high chime from a low tone."""
    crossings = sum(1 for a, b in zip(values, values[1:]) if a < 0 <= b)
    return crossings / (len(values) / sounds.RATE)


@pytest.mark.parametrize("name", list(sounds.NOTES))
def test_the_committed_wav_is_what_the_code_makes(name):
    assert sounds.sound_path(name).read_bytes() == sounds.wav_bytes(name), \
        "run: python -m kiosk.sounds"


@pytest.mark.parametrize("name", list(sounds.NOTES))
def test_each_sound_is_short_and_plays_as_a_wav(name):
    with wave.open(io.BytesIO(sounds.wav_bytes(name))) as read:
        seconds = read.getnframes() / read.getframerate()
        assert read.getnchannels() == 1 and read.getsampwidth() == 2
    assert 0.2 <= seconds <= 0.6  # heard, and over before the next screen asks anything
    values = sounds.samples(name)
    assert max(abs(v) for v in values) <= 1.0
    assert abs(values[0]) < 0.01  # no click at the start


def test_the_chime_is_bright_and_the_error_tone_low():
    assert pitch(sounds.samples("card_read")) > 2 * pitch(sounds.samples("card_error"))
    first, second = (note[0] for note in sounds.NOTES["card_read"])
    assert second > first  # rising: yes
    first, second = (note[0] for note in sounds.NOTES["card_error"])
    assert second < first  # falling: try again
