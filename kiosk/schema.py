"""The version of everything the store writes, and the way from each old version to now.

Every visit record carries `v`, every month partition and state.json a `schema`. When a
later kiosk changes the shape of a record, it bumps CURRENT and adds a function to
MIGRATIONS that turns a record of the old version into one of the next; old files are then
upgraded when they are opened. Data from a *newer* kiosk is refused rather than guessed at.
"""

from __future__ import annotations

from typing import Callable

CURRENT = 2


def _answer_field(record: dict) -> dict:
    """Version 2 added the door survey's answer; no visit before it had one."""
    record.setdefault("answer", None)
    return record


# from-version -> function(record) -> record of from-version + 1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _answer_field}


class NewerSchema(ValueError):
    pass


def check_readable(version: int, what: str) -> None:
    if version > CURRENT:
        raise NewerSchema(f"{what} was written by a newer kiosk (schema {version}, this kiosk "
                          f"knows up to {CURRENT}); update the kiosk software")


def upgrade(record: dict) -> dict:
    version = int(record.get("v", 1))
    check_readable(version, "a visit record")
    while version < CURRENT:
        record = MIGRATIONS[version](dict(record))
        version += 1
        record["v"] = version
    return record
