"""Where the bundled pictograms, fonts and sounds are.

In a checkout (and an editable install) they sit in the repository's assets/ folder; an
installation may put them elsewhere and say so with KIOSK_ASSETS_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

from .config import ConfigError, SiteConfig, line_of


def assets_dir() -> Path:
    explicit = os.environ.get("KIOSK_ASSETS_DIR")
    if explicit:
        return Path(explicit)
    return Path(__file__).resolve().parent.parent / "assets"


def pictogram_path(name: str, theme: str = "color") -> Path:
    return assets_dir() / "pictograms" / theme / f"{name}.png"


def available_pictograms(theme: str = "color") -> set[str]:
    return {path.stem for path in (assets_dir() / "pictograms" / theme).glob("*.png")}


def check_pictograms(config: SiteConfig) -> None:
    """A tile without its picture is useless to a visitor who cannot read: refuse to start."""
    available = available_pictograms()
    for kind, table, choices in (("activity", "activities", config.activities),
                                 ("topic", "topics", config.topics)):
        for index, choice in enumerate(choices):
            if choice.pictogram not in available:
                raise ConfigError(config.path, line_of(config.path, table, index, "pictogram"),
                                  f"{kind} {choice.id!r}: there is no pictogram "
                                  f"{choice.pictogram!r} in {assets_dir() / 'pictograms'}")
