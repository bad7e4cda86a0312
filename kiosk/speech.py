"""Speech on request: the screen's question or a tile's word, in the visitor's language.

In order of preference: a human recording in assets/audio/<lang>/<message-id>.ogg or
.wav (the only option for Tigrinya and Somali, which espeak-ng has no voice for); else
audio synthesised once with espeak-ng and cached in the data folder; else nothing. Never
an error at the door, and never a wait: synthesis runs in the background and the first
tap on a new sentence may be silent.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import threading
from pathlib import Path

from .assets import assets_dir

# espeak-ng voices for the room's languages (Tigrinya and Somali have none).
VOICES = {"nl": "nl", "en": "en-gb", "ar": "ar", "fa": "fa", "tr": "tr", "pl": "pl",
          "uk": "uk"}
SYNTHESIS_TIMEOUT_SECONDS = 20


def message_id(text: str) -> str:
    """A file name for a sentence: readable start plus a short hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "message"
    return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


class Speech:
    def __init__(self, cache_dir: Path, espeak: str = "espeak-ng"):
        self.cache_dir = Path(cache_dir)
        self.espeak = espeak
        self._busy: set[Path] = set()
        self._lock = threading.Lock()

    def recorded(self, language: str, key: str) -> Path | None:
        for suffix in (".ogg", ".wav"):
            path = assets_dir() / "audio" / language / f"{key}{suffix}"
            if path.is_file():
                return path
        return None

    def cached(self, language: str, text: str) -> Path:
        return self.cache_dir / language / f"{message_id(text)}.wav"

    def sound_for(self, language: str, text: str, key: str | None = None) -> Path | None:
        """The file to play now, or None (and, when a voice exists, start making it)."""
        recorded = self.recorded(language, key or message_id(text))
        if recorded is not None:
            return recorded
        cached = self.cached(language, text)
        if cached.is_file():
            return cached
        if language in VOICES and shutil.which(self.espeak):
            self._synthesise_later(language, text, cached)
        return None

    def _synthesise_later(self, language: str, text: str, target: Path) -> None:
        with self._lock:
            if target in self._busy:
                return
            self._busy.add(target)
        thread = threading.Thread(target=self.synthesise, args=(language, text, target),
                                  daemon=True)
        thread.start()

    def synthesise(self, language: str, text: str, target: Path) -> bool:
        """Blocking; the UI calls it through a background thread. Never raises."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial.wav")
            done = subprocess.run([self.espeak, "-v", VOICES[language], "-w", str(partial),
                                   text], capture_output=True, timeout=SYNTHESIS_TIMEOUT_SECONDS)
            if done.returncode != 0 or not partial.is_file():
                partial.unlink(missing_ok=True)
                return False
            partial.replace(target)  # a half-written file is never played
            return True
        except (OSError, subprocess.SubprocessError):
            return False
        finally:
            with self._lock:
                self._busy.discard(target)
