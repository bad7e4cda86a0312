"""Writing a file so that a pulled plug leaves either the old or the new version.

TinyDB's own JSONStorage rewrites its file in place; a power cut during that write leaves
half a JSON document. Here every write goes to a temporary file in the same directory,
is fsynced, renamed over the old one (atomic on POSIX), and the directory is fsynced so
the rename itself survives.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tinydb.storages import Storage


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """durable=False: whole or absent after a power cut, but maybe the old version (no
    fsync): for a file made again from others when it is missing or damaged."""
    path = Path(path)
    if path.is_symlink():
        # Through the link, as a write in place would: a site file linked from where the
        # room keeps it stays linked, and the file it points to gets the new text.
        path = path.resolve()
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        old_mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        old_mode = None
    try:
        with open(temporary, "wb") as handle:
            if old_mode is not None:
                # The file keeps its permissions, as a write in place would: under the
                # services' UMask=0027 the site file would otherwise turn unreadable to
                # the volunteers who print cards with it.
                os.fchmod(handle.fileno(), old_mode)
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        fsync_directory(path.parent)


def write_json_atomic(path: Path, value, durable: bool = True) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                 durable)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file behind.

    read() raises ValueError (json.JSONDecodeError) on a damaged file instead of
    pretending it is empty, so the store can move it aside and say so.
    """

    def __init__(self, path, create_dirs: bool = False, encoding: str = "utf-8"):
        self.path = Path(path)
        if create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # TinyDB reads the whole file for every table it touches: a month file would be
        # parsed once for its meta table and again for its visits. The last document is
        # kept while the file on disk is the same file (inode, size, mtime).
        self._last: tuple[tuple, object] | None = None

    def _signature(self) -> tuple | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def read(self):
        signature = self._signature()
        if signature is None:
            self._last = None
            return None
        if self._last is not None and self._last[0] == signature:
            return self._last[1]
        data = json.loads(self.path.read_bytes().decode("utf-8"))
        self._last = (signature, data)
        return data

    def write(self, data) -> None:
        # TinyDB changes the document it read before it writes it: if the write fails,
        # the kept copy no longer matches the file.
        self._last = None
        write_json_atomic(self.path, data)
        signature = self._signature()
        if signature is not None:
            self._last = (signature, data)

    def close(self) -> None:
        pass
