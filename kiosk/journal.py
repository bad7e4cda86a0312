"""The append-only journal: where a visit becomes durable before "Welkom!" shows.

One line per record: eight hex digits of CRC-32, a space, the record as JSON, a newline.
Appending one short line and fsyncing it costs the same at the first visit and the
hundred-thousandth. A power cut can tear only the last line; its CRC shows it, and since
the fsync never returned, that visit was never confirmed on screen.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path


def encode_line(record: dict) -> bytes:
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode_line(line: bytes) -> dict | None:
    """The record of one complete line, or None when the line is damaged."""
    if len(line) < 10 or not line.endswith(b"\n") or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


@dataclass
class JournalContents:
    records: list[dict] = field(default_factory=list)
    torn_tail: bytes = b""        # a damaged *last* line alone: a write a power cut cut short
    damaged: bytes = b""          # every other damaged line: real corruption, visits lost
    damaged_lines: int = 0
    folder: bool = False          # a folder stands where the journal belongs

    @property
    def intact(self) -> bool:
        return not self.torn_tail and not self.damaged


def read_journal(path: Path) -> JournalContents:
    """Every readable record, and the damaged bytes sorted by what they mean.

    Only the final line can be torn by a pulled plug: the fsync that would have confirmed
    it never returned, so that visit was never shown as "Welkom!". A damaged line with
    lines after it, or several damaged lines, cannot come from one interrupted write: the
    disk or the card damaged confirmed visits, and the coordinator must hear of it.
    """
    contents = JournalContents()
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return contents
    except IsADirectoryError:
        # Not the kiosk's doing (a restore unpacked wrongly, a hand at a terminal): the
        # store says so and moves it aside; reading on must not stop every command.
        contents.folder = True
        return contents
    lines = data.splitlines(keepends=True)
    bad: list[bytes] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue  # the newline a writer put after bytes it could not take back
        record = decode_line(line)
        if record is not None:
            contents.records.append(record)
        elif index == len(lines) - 1 and not bad:
            contents.torn_tail = line
        else:
            bad.append(line)
    if bad and contents.torn_tail:
        # One damaged line beside others is damage like them, not a torn write.
        bad.append(contents.torn_tail)
        contents.torn_tail = b""
    contents.damaged = b"".join(bad)
    contents.damaged_lines = len(bad)
    return contents


def encode_journal(records: list[dict]) -> bytes:
    return b"".join(encode_line(record) for record in records)


class JournalWriter:
    """Appends records durably. Not thread-safe: the door has one writer."""

    def __init__(self, path: Path, fsync: bool = True):
        self.path = Path(path)
        self.fsync = fsync
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        # A line must start on a line of its own: after bytes that do not end in a newline
        # (a partial write the disk would not let us take back), a good line glued to them
        # would fail its CRC and a confirmed visit would read as a torn tail.
        self._needs_newline = self._ends_mid_line()

    def _ends_mid_line(self) -> bool:
        size = os.fstat(self._fd).st_size
        if size == 0:
            return False
        with open(self.path, "rb") as handle:
            handle.seek(size - 1)
            return handle.read(1) != b"\n"

    def append(self, record: dict) -> None:
        """Durable when it returns. On failure nothing of the line is left behind (when
        the disk allows a truncate), so a retry does not store the visit twice."""
        line = (b"\n" if self._needs_newline else b"") + encode_line(record)
        start = os.fstat(self._fd).st_size
        try:
            written = os.write(self._fd, line)
            if written != len(line):
                raise OSError(28, "No space left on device (short write to the journal)")
            if self.fsync:
                os.fsync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, start)
            except OSError:
                # Part of the line may stay; the next line starts on a fresh one.
                self._needs_newline = True
            raise
        self._needs_newline = False

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
