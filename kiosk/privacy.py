"""The privacy notice: what the kiosk stores and never stores, in plain words (A2).

One text, two places: `kiosk privacy` prints it for the wall, and the "i" button on the
kiosk's home screen shows it. Built from the site file, so it always tells the truth
about this room's retention and contact.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .config import SiteConfig
from .i18n import _, is_right_to_left, ngettext, translate, translate_plural


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]
    # The picture version of a section (the kiosk's screen shows it first): whether its
    # lines are kept (a tick) or never kept (a cross), and the pictures of each line: a
    # pictogram's name, or one of kiosk.door_pictures' drawn pictures ("room_card").
    kept: bool | None = None
    pictures: tuple[tuple[str, ...], ...] = ()


def notice(config: SiteConfig, language: str) -> tuple[str, list[Section]]:
    def t(message: str, **values) -> str:
        return translate(message, language).format(**values)

    # The room's name and whom to ask in the reader's language where the site file has
    # them: a Dutch phrase inside an Arabic sentence breaks it and its reading direction.
    title = t(_("Your privacy at {site}"), site=config.site_name_in(language))
    months = config.privacy.retention_months
    sections = [
        Section(t(_("What the screen at the door remembers")), [
            t(_("The day and time you tapped.")),
            t(_("What you came for, or what your question is about (a picture you chose).")),
            t(_("The language of the screen.")),
            t(_("If you used a card: a code for that card. Not your name.")),
        # The room's own card, as the door shows it going under the scanner: the ID card
        # with a photo (the pictogram) would say "your ID is kept" at a food bank.
        ], kept=True, pictures=(("privacy_time",), ("privacy_choice",), ("language",),
                                ("room_card",))),
        Section(t(_("What it never remembers")), [
            t(_("Your name, address, phone number or date of birth.")),
            t(_("What your question or problem is. Nobody types anything.")),
            t(_("Photos, your voice or your face.")),
        ], kept=False, pictures=(("privacy_id", "privacy_address", "privacy_phone"),
                                 ("privacy_typing",), ("privacy_photo", "privacy_voice"))),
        Section(t(_("Your card")), [
            t(_("Your name is not on the card, and not in the computer.")),
            t(_("With a card we can count how many different people come. That helps the room "
                "get money to stay open.")),
            t(_("The card is yours. You do not have to use it. You may throw it away at any "
                "time.")),
        ]),
        Section(t(_("Who sees what")), [
            t(_("The volunteers who run the room see numbers, for example: 40 people came to "
                "the cooking club this month.")),
            t(_("The organisations that pay for the room only get these totals.")),
            t(_("The data stays on the computer in this room. It is not on the internet."))
            if not config.export.rclone_remote else
            t(_("The data is on the computer in this room. Every night a copy goes to a safe "
                "place of the room's own organisation, so nothing is lost.")),
        ]),
        Section(t(_("How long")), [
            translate_plural(ngettext(
                "After {months} month the kiosk deletes who-came-when. Only the totals stay.",
                "After {months} months the kiosk deletes who-came-when. Only the totals stay."),
                months, language).format(months=months),
            t(_("Copies on a USB stick or in the night copy are deleted by the coordinator "
                "after the same time.")),
        ]),
        Section(t(_("Questions?")), [
            t(_("Ask {contact}."), contact=config.privacy.contact_in(language)),
        ]),
    ]
    return title, sections


def spoken(config: SiteConfig, language: str) -> str:
    """The whole notice as the speaker button says it: title, each heading, each line."""
    title, sections = notice(config, language)
    said = [title] + [part for section in sections for part in [section.heading, *section.lines]]
    return " ".join(s if s.rstrip()[-1:] in ".!?؟።" else f"{s}." for s in said)


def as_text(config: SiteConfig, language: str) -> str:
    title, sections = notice(config, language)
    out = [title, "=" * len(title)]
    for section in sections:
        out += ["", section.heading] + [f"- {line}" for line in section.lines]
    return "\n".join(out) + "\n"


def as_text_all(config: SiteConfig, languages) -> str:
    return "\n\n".join(as_text(config, language) for language in languages)


def as_html(config: SiteConfig, language: str) -> str:
    return as_html_all(config, [language])


def as_html_all(config: SiteConfig, languages) -> str:
    """One printable page per language (Arabic and Farsi right to left), for the wall."""
    e = html.escape
    pages = []
    for language in languages:
        title, sections = notice(config, language)
        body = "".join(f"<h2>{e(s.heading)}</h2><ul>" +
                       "".join(f"<li>{e(line)}</li>" for line in s.lines) + "</ul>"
                       for s in sections)
        direction = "rtl" if is_right_to_left(language) else "ltr"
        pages.append(f'<section lang="{e(language)}" dir="{direction}">'
                     f"<h1>{e(title)}</h1>{body}</section>")
    first = languages[0]
    title = notice(config, first)[0]
    return f"""<!doctype html>
<html lang="{e(first)}"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "DejaVu Sans",
       Arial, sans-serif; color: #1a1e24; font-size: 15pt; line-height: 1.35; margin: 24px; }}
h1 {{ font-size: 24pt; margin: 0 0 10px; }} h2 {{ font-size: 17pt; margin: 18px 0 4px; }}
ul {{ margin: 0; padding-inline-start: 24px; }}
section + section {{ break-before: page; margin-top: 48px; }}
@media print {{ body {{ margin: 0; font-size: 13pt; }} section + section {{ margin-top: 0; }} }}
</style></head>
<body>{"".join(pages)}</body></html>
"""
