"""Builds the kiosk's Arabic-script and Ethiopic fonts: Noto Sans Arabic and Noto Sans
Ethiopic, each with Noto Sans's Latin (digits, !, ?, /, é, ö, ...) merged in.

Kivy draws a label in one font, without per-glyph fallback, so a Tigrinya "!" or the "/"
in "دری / فارسی" would otherwise be an empty box.

    sudo apt-get install fonts-noto-core      # the source fonts
    .venv/bin/pip install fonttools
    .venv/bin/python assets/fonts/build_fonts.py [--source /usr/share/fonts/truetype/noto]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
# Basic Latin and Latin-1 (digits, punctuation, the Dutch site name and contact shown inside
# an Arabic or Tigrinya sentence: "coördinator"), and the punctuation the screens add
# themselves: dashes, quotes, the bullet of the privacy notice, the ellipsis, the euro.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x100), 0x2013, 0x2014, *range(0x2018, 0x2020),
         0x2022, 0x2026, 0x20AC]


def build(source: Path) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as work:
        for script in ("Arabic", "Ethiopic"):
            for weight in ("Regular", "Bold"):
                latin = TTFont(HERE / f"NotoSans-{weight}.ttf")
                options = subset.Options()
                options.layout_features = ["*"]
                subsetter = subset.Subsetter(options)
                subsetter.populate(unicodes=LATIN)
                subsetter.subset(latin)
                latin_path = Path(work) / f"latin-{weight}.ttf"
                latin.save(latin_path)
                # The script's font first: where both have a glyph, the first one wins.
                merged = Merger().merge([str(source / f"NotoSans{script}-{weight}.ttf"),
                                         str(latin_path)])
                target = HERE / f"Kiosk{script}-{weight}.ttf"
                merged.save(target)
                written.append(target)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/usr/share/fonts/truetype/noto"))
    for path in build(parser.parse_args().source):
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
