"""Where the kiosk keeps its data and finds its site file.

Never the working directory: under systemd that is "/", on a laptop it is wherever the
terminal happened to be. The environment wins, then the XDG user directories.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "buurtwerkkamer-kiosk"


def data_dir() -> Path:
    explicit = os.environ.get("KIOSK_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_DIR_NAME


def exports_dir() -> Path:
    """Where exports land on the kiosk itself (the nightly job and the USB button)."""
    explicit = os.environ.get("KIOSK_EXPORTS_DIR")
    return Path(explicit).expanduser() if explicit else data_dir() / "exports"


def config_path() -> Path | None:
    """The site file to load, or None for the default site shipped with the kiosk."""
    explicit = os.environ.get("KIOSK_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    candidate = Path(base) / APP_DIR_NAME / "site.toml"
    return candidate if candidate.exists() else None
