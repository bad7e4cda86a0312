"""Changes the key holders make to the site file from the kiosk itself.

The file stays the coordinator's: a new activity is appended as a plain [[activities]]
block with a comment, every other line and comment is kept as it was, the result is
checked by the same parser that starts the kiosk, and only then written atomically.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from .atomic import write_atomic
from .config import ConfigError, SiteConfig, parse_config


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return (text or "activiteit")[:32]


def add_activity(config: SiteConfig, name: str, pictogram: str, today: date) -> SiteConfig:
    """Append a new activity (every day, no target yet) and return the reloaded site."""
    name = " ".join(name.split())
    if not name:
        raise ConfigError(config.path, None, "the new activity needs a name")
    if len(name) > 40:
        raise ConfigError(config.path, None, "a tile's name is at most 40 characters")
    path = Path(config.path)
    if not path.is_file():
        raise ConfigError(config.path, None, "the kiosk runs on the built-in example site; "
                          "give it its own site file (KIOSK_CONFIG) to change activities")
    taken = {a.id for a in config.activities}
    base = slug(name)
    activity_id, number = base, 2
    while activity_id in taken:
        activity_id, number = f"{base}-{number}", number + 1
    text = path.read_text("utf-8")
    block = (f"\n[[activities]]\n# Added on the kiosk on {today.isoformat()}.\n"
             f"id = {json.dumps(activity_id)}\n"
             f"names = {{ nl = {json.dumps(name, ensure_ascii=False)} }}\n"
             f"pictogram = {json.dumps(pictogram)}\n"
             f"unit = \"unique\"\n")
    new_text = text.rstrip("\n") + "\n" + block
    checked = parse_config(new_text, path)  # refuses anything the kiosk could not start with
    write_atomic(path, new_text.encode("utf-8"))
    return checked


def set_survey(config: SiteConfig, on: bool) -> SiteConfig:
    """Switch "Hoe was het vandaag?" on or off: the `survey` line of [door], changed in
    place (or added under the [door] header); every other line stays as it was."""
    path = Path(config.path)
    if not path.is_file():
        raise ConfigError(config.path, None, "the kiosk runs on the built-in example site; "
                          "give it its own site file (KIOSK_CONFIG) to change this")
    value = "true" if on else "false"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    table, door_at, changed = None, None, False
    for index, line in enumerate(lines):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", line)
        if header:
            table = header.group(1)
            if table == "door" and door_at is None:
                door_at = index
            continue
        if table == "door" and re.match(r"\s*survey\s*=", line):
            comment = re.search(r"\s+#.*$", line.rstrip("\n"))
            lines[index] = f"survey = {value}{comment.group(0) if comment else ''}\n"
            changed = True
            break
    if not changed:
        if door_at is None:
            lines.append(f"\n[door]\nsurvey = {value}\n")
        else:
            lines.insert(door_at + 1, f"survey = {value}\n")
    new_text = "".join(lines)
    checked = parse_config(new_text, path)  # refuses anything the kiosk could not start with
    write_atomic(path, new_text.encode("utf-8"))
    return checked
