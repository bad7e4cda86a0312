"""Where the door's sounds go: speech and the two short signals (kiosk/sounds.py).

Behind one small interface so the tests put a FakeAudio in its place and hear what was
played; the kiosk uses Kivy's SoundLoader (GStreamer or SDL2 on the Pi).
"""

from __future__ import annotations

from pathlib import Path

from kivy.logger import Logger


class Audio:
    """Plays a file on a channel: a new sound on a channel stops the last one there (a
    new word interrupts the previous, never talks over it), and a chime on the "signal"
    channel does not cut a sentence short."""

    def play(self, path: Path, volume: float, channel: str = "speech") -> None:
        raise NotImplementedError


class KivyAudio(Audio):
    def __init__(self):
        self._playing: dict[str, object] = {}

    def play(self, path: Path, volume: float, channel: str = "speech") -> None:
        from kivy.core.audio import SoundLoader

        try:
            sound = SoundLoader.load(str(path))
            if sound is None:
                return
            previous = self._playing.get(channel)
            if previous is not None:
                previous.stop()
            sound.volume = volume
            sound.play()
            self._playing[channel] = sound
        except Exception:
            # No sound card, a broken file: the door carries on in silence.
            Logger.exception("Kiosk: cannot play a sound")
