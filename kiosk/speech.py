"""Speech on request: the screen's question or a tile's word, in the visitor's language.

In order of preference: a human recording in assets/audio/<lang>/<message-id>.ogg or
.wav (the only option for Tigrinya and Somali, which espeak-ng has no voice for); else
audio synthesised once with espeak-ng and cached in the data folder; else nothing. Never
an error at the door, and never a wait: synthesis runs in the background (all of the
site's sentences right after the kiosk starts), and a sentence tapped before it was made is
played as soon as it is ready.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from .assets import assets_dir

log = logging.getLogger(__name__)

# espeak-ng voices for the room's languages (Tigrinya and Somali have none).
VOICES = {"nl": "nl", "en": "en-gb", "ar": "ar", "fa": "fa", "tr": "tr", "pl": "pl",
          "uk": "uk"}
SYNTHESIS_TIMEOUT_SECONDS = 20


def for_voice(text: str) -> str:
    """What a voice should read: "Even zitten / koffie" without the word "slash"."""
    return re.sub(r"\s*/\s*", ", ", text)


def message_id(text: str) -> str:
    """A file name for a sentence: readable start plus a short hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "message"
    return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


class Speech:
    """Finds or makes the sound for a sentence. One background worker synthesises, one
    sentence at a time: a tap's sentence goes before the warm-up list (`prepare`)."""

    TAP, WARM_UP = 0, 1

    def __init__(self, cache_dir: Path, espeak: str = "espeak-ng"):
        self.cache_dir = Path(cache_dir)
        self.espeak = espeak
        # Looked up once: every speaker tap and held tile asks, and PATH does not change
        # under a running kiosk.
        self._has_espeak = shutil.which(espeak) is not None
        self._lock = threading.Lock()
        self._waiting: dict[Path, list[Callable[[Path], None]]] = {}
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()
        self._worker: threading.Thread | None = None

    def recorded(self, language: str, key: str) -> Path | None:
        for suffix in (".ogg", ".wav"):
            path = assets_dir() / "audio" / language / f"{key}{suffix}"
            if path.is_file():
                return path
        return None

    def cached(self, language: str, text: str) -> Path:
        return self.cache_dir / language / f"{message_id(text)}.wav"

    def can_synthesise(self, language: str) -> bool:
        return language in VOICES and self._has_espeak

    def sound_for(self, language: str, text: str, key: str | None = None,
                  on_ready: Callable[[Path], None] | None = None) -> Path | None:
        """The file to play now, or None. When a voice exists the sentence is made in the
        background and `on_ready(path)` is called from the worker thread when it is."""
        recorded = self.recorded(language, key or message_id(text))
        if recorded is not None:
            return recorded
        cached = self.cached(language, text)
        if cached.is_file():
            return cached
        if self.can_synthesise(language):
            self._request(self.TAP, language, text, cached, on_ready)
        return None

    def prepare(self, language: str, sentences) -> int:
        """Queue every sentence that has neither a recording nor a cached file; how many."""
        if not self.can_synthesise(language):
            return 0
        queued = 0
        for text in sentences:
            if not self.recorded(language, message_id(text)) and \
                    not self.cached(language, text).is_file():
                self._request(self.WARM_UP, language, text, self.cached(language, text), None)
                queued += 1
        return queued

    def wait_until_idle(self, timeout: float) -> bool:
        """For tests and the install step: True once nothing is left to synthesise."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if not self._waiting:
                    return True
            time.sleep(0.05)
        return False

    def _request(self, priority: int, language: str, text: str, target: Path,
                 on_ready: Callable[[Path], None] | None) -> None:
        with self._lock:
            already = target in self._waiting
            callbacks = self._waiting.setdefault(target, [])
            if on_ready is not None:
                callbacks.append(on_ready)
            if already and priority == self.WARM_UP:
                return
            # A tap for a sentence already in the warm-up list queues it again, in front.
            self._queue.put((priority, next(self._order), language, text, target))
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="speech",
                                                daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            try:
                _, _, language, text, target = self._queue.get(timeout=2)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._worker = None
                        return
                continue
            made = target.is_file() or self.synthesise(language, text, target)
            with self._lock:
                # A failed try whose sentence a tap queued again leaves its callers waiting
                # for that next try; otherwise they are done with, made or not.
                retry = not made and self._queued(target)
                callbacks = [] if retry else self._waiting.pop(target, [])
            for callback in callbacks if made else []:
                try:
                    callback(target)
                except Exception:  # a caller's bug must not stop the worker
                    log.exception("speech: a callback for %s failed", target.name)

    def _queued(self, target: Path) -> bool:
        return any(item[4] == target for item in list(self._queue.queue))

    def synthesise(self, language: str, text: str, target: Path) -> bool:
        """Blocking; the UI calls it through the background worker. Never raises."""
        partial = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own: `kiosk speech prepare` may run while the kiosk warms up.
            handle, name = tempfile.mkstemp(prefix=target.stem, suffix=".partial",
                                            dir=target.parent)
            os.close(handle)
            partial = Path(name)
            done = subprocess.run([self.espeak, "-v", VOICES[language], "-w", str(partial),
                                   for_voice(text)], capture_output=True,
                                  timeout=SYNTHESIS_TIMEOUT_SECONDS)
            if done.returncode != 0 or partial.stat().st_size == 0:
                return False
            partial.replace(target)  # a half-written file is never played
            partial = None
            return True
        except (OSError, subprocess.SubprocessError):
            return False
        finally:
            if partial is not None:
                partial.unlink(missing_ok=True)
