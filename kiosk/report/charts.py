"""Inline SVG charts: they print sharp, need no JavaScript and no library, and WeasyPrint and
every browser draw them the same."""

from __future__ import annotations

from html import escape

from .model import BAR_MAX, Bar

# Status colours, each with the word beside it (never colour alone); the dark shades keep
# a 4.5:1 contrast for the words on white.
COLOURS = {"ahead": "#1b7f3b", "on_track": "#1957a0", "behind": "#b45309", None: "#6b7280"}
TRACK = "#e8ebf0"
INK = "#1a1e24"


def progress_bar(item: Bar, width: int = 260, height: int = 18, label: str = "") -> str:
    """One 0-150% bar: the 100% line solid, the expected-by-today mark dashed."""
    scale = width / BAR_MAX
    colour = COLOURS[item.status]
    parts = [f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} '
             f'{height}" preserveAspectRatio="none" role="img" aria-label="{escape(label)}">',
             f'<rect x="0" y="3" width="{width}" height="{height - 6}" fill="{TRACK}"/>',
             f'<rect x="0" y="3" width="{item.length * scale:.1f}" height="{height - 6}" '
             f'fill="{colour}"/>']
    if item.cut_off:
        tip = item.length * scale
        parts.append(f'<path d="M{tip - 8:.1f},1 L{tip:.1f},{height / 2:.1f} L{tip - 8:.1f},'
                     f'{height - 1}" fill="none" stroke="#fff" stroke-width="2"/>')
    hundred = 100 * scale
    parts.append(f'<line x1="{hundred:.1f}" y1="0" x2="{hundred:.1f}" y2="{height}" '
                 f'stroke="{INK}" stroke-width="2"/>')
    if item.expected_at is not None:
        x = item.expected_at * scale
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="{INK}" '
                     f'stroke-width="2" stroke-dasharray="3,2"/>')
    parts.append("</svg>")
    return "".join(parts)


def scale_header(width: int = 260, labels=(0, 50, 100, 150)) -> str:
    """The 0% 50% 100% 150% ruler above a column of bars."""
    scale = width / BAR_MAX
    ticks = "".join(
        f'<text x="{min(max(value * scale, 10), width - 14):.1f}" y="10" font-size="9" '
        f'text-anchor="middle" fill="{INK}">{value}%</text>' for value in labels)
    return (f'<svg class="ruler" width="{width}" height="12" viewBox="0 0 {width} 12" '
            'preserveAspectRatio="none">'
            f"{ticks}</svg>")


def column_chart(values: list[tuple[str, int]], colour: str = "#1957a0", width: int = 320,
                 height: int = 110, label: str = "") -> str:
    """Small month-by-month columns with the number on top and the month under each."""
    if not values:
        return ""
    top = max(v for _, v in values) or 1
    slot = width / len(values)
    bar_width = max(4.0, slot * 0.65)
    chart_height = height - 28
    parts = [f'<svg class="trend" width="{width}" height="{height}" viewBox="0 0 {width} '
             f'{height}" role="img" aria-label="{escape(label)}">']
    for index, (name, value) in enumerate(values):
        x = index * slot + (slot - bar_width) / 2
        h = chart_height * value / top
        y = 12 + chart_height - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
                     f'height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bar_width / 2:.1f}" y="{y - 2:.1f}" font-size="8" '
                     f'text-anchor="middle" fill="{INK}">{value}</text>')
        parts.append(f'<text x="{x + bar_width / 2:.1f}" y="{height - 4}" font-size="8" '
                     f'text-anchor="middle" fill="{INK}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def count_bar(value: int, top: int, width: int = 200, height: int = 14,
              colour: str = "#1957a0") -> str:
    """A plain horizontal bar for counts (questions per topic, languages)."""
    length = width * value / top if top else 0
    return (f'<svg class="count" width="{width}" height="{height}" viewBox="0 0 {width} '
            f'{height}"><rect x="0" y="2" width="{length:.1f}" height="{height - 4}" '
            f'fill="{colour}"/></svg>')


def score_bar(score: float, promise: float, width: int = 260, height: int = 18,
              label: str = "") -> str:
    """A score on a 0-10 scale with the promised score marked: green from the promise up,
    amber below it (the number is always printed beside it)."""
    scale = width / 10
    colour = COLOURS["ahead"] if score > promise else COLOURS["behind"]
    return (f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} '
            f'{height}" preserveAspectRatio="none" role="img" aria-label="{escape(label)}">'
            f'<rect x="0" y="3" width="{width}" height="{height - 6}" fill="{TRACK}"/>'
            f'<rect x="0" y="3" width="{max(0.0, min(score, 10)) * scale:.1f}" '
            f'height="{height - 6}" fill="{colour}"/>'
            f'<line x1="{promise * scale:.1f}" y1="0" x2="{promise * scale:.1f}" y2="{height}" '
            f'stroke="{INK}" stroke-width="2"/></svg>')


def score_header(width: int = 260, promise: float = 8) -> str:
    """The 0 .. 10 ruler above the score bars, the promise among its ticks."""
    scale = width / 10
    ticks = "".join(
        f'<text x="{min(max(value * scale, 6), width - 8):.1f}" y="10" font-size="9" '
        f'text-anchor="middle" fill="{INK}">{value:g}</text>'
        for value in sorted({0, 5, promise, 10}))
    return (f'<svg class="ruler" width="{width}" height="12" viewBox="0 0 {width} 12" '
            f'preserveAspectRatio="none">{ticks}</svg>')
