"""The door's two short sounds, made from sine waves: a bright two-note chime when a card
is read, a low falling two-note tone when it is not.

A sound tells a visitor who cannot read the screen (or is not looking at it, card in
hand under the scanner) that something happened. The WAV files are committed under
assets/sounds/ and remade, byte for byte the same, by `python -m kiosk.sounds`;
tests/test_sounds.py checks the committed ones are what this code makes.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from pathlib import Path

from .assets import assets_dir

RATE = 22050                  # plenty for tones under 2 kHz; half the size of 44.1 kHz
PEAK = 0.5                    # of full scale: loud enough by the door, never harsh

# (frequency Hz, seconds) per note. The chime rises a fifth (A5 -> E6): "yes, got it".
# The error tone falls (E4 -> C4), lower and longer, a sound that asks to try again
# without the alarm of a buzzer in a room full of people.
NOTES = {
    "card_read": ((880.0, 0.11), (1318.5, 0.22)),
    "card_error": ((329.6, 0.16), (261.6, 0.30)),
}
ATTACK = 0.008                # seconds: no click at the start of a note


def _note(frequency: float, seconds: float) -> list[float]:
    count = int(RATE * seconds)
    samples = []
    for index in range(count):
        t = index / RATE
        # A soft bell: the tone plus a little of its octave, dying away exponentially.
        tone = math.sin(2 * math.pi * frequency * t) + 0.25 * math.sin(4 * math.pi * frequency * t)
        envelope = min(1.0, t / ATTACK) * math.exp(-4.0 * t / seconds)
        samples.append(tone / 1.25 * envelope)
    return samples


def samples(name: str) -> list[float]:
    """The sound as floats between -1 and 1."""
    out: list[float] = []
    for frequency, seconds in NOTES[name]:
        out += _note(frequency, seconds)
    return out


def wav_bytes(name: str) -> bytes:
    """A 16-bit mono WAV file of the sound."""
    frames = b"".join(int(round(PEAK * value * 32767)).to_bytes(2, "little", signed=True)
                      for value in samples(name))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return buffer.getvalue()


def sound_path(name: str) -> Path:
    return assets_dir() / "sounds" / f"{name}.wav"


def write_all(directory: Path | None = None) -> list[Path]:
    """(Re)write every sound's WAV file; returns the paths written."""
    written = []
    for name in NOTES:
        path = (directory / f"{name}.wav") if directory else sound_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wav_bytes(name))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(f"wrote {written_path}", file=sys.stderr)
