"""What the door says aloud, in one place: the speaker buttons and holding a tile use
these sentences, and the kiosk synthesises them ahead (speech.Speech.prepare) so a
visitor's tap finds them ready. `kiosk speech` lists them for whoever records a language
that has no synthetic voice (Tigrinya, Somali).
"""

from __future__ import annotations

from kiosk.config import SiteConfig
from kiosk.i18n import language_name, translate
from kiosk.privacy import spoken as privacy_spoken
from kiosk import messages


def _say(language: str, *message_ids: str) -> str:
    """Sentences one after the other, each ending in a full stop so a voice pauses."""
    said = [translate(m, language).strip() for m in message_ids]
    return " ".join(s if s[-1:] in ".!?。؟።" else f"{s}." for s in said if s)


def home(language: str) -> str:
    return _say(language, messages.CHECKIN, messages.QUESTION, messages.SCAN_YOUR_CARD)


def welcome(language: str, activity_name: str) -> str:
    return f"{translate(messages.WELCOME, language)} {activity_name}"


def queue_number(language: str, number: int) -> str:
    return (f"{translate(messages.YOU_ARE_NUMBER, language)} {number}. "
            f"{_say(language, messages.SOMEONE_COMES, messages.TAKE_A_SEAT)}")


# Screen questions said by the speaker button of the screen that shows them as its title.
SCREEN_QUESTIONS = (messages.WHAT_FOR, messages.WELCOME_BACK, messages.WHAT_ABOUT,
                    messages.CHOOSE_LANGUAGE, messages.STILL_THERE, messages.HOW_WAS_IT)


def sentences(site: SiteConfig, language: str) -> list[str]:
    """Every fixed sentence the door may say in `language` (queue numbers are made when
    they are drawn), in the order worth preparing: the welcome screen first."""
    said = [home(language), language_name(language)]
    said += [translate(m, language) for m in SCREEN_QUESTIONS]
    if site.door.survey:
        said += [translate(messages.LEAVING, language), translate(messages.THANKS_BYE, language)]
    for activity in site.activities:
        said += [activity.name(language), welcome(language, activity.name(language))]
    said += [topic.name(language) for topic in site.topics]
    said.append(privacy(site, language))
    return list(dict.fromkeys(said))


def privacy(site: SiteConfig, language: str) -> str:
    """All of the privacy notice, not only its heading: who cannot read it hears it."""
    return privacy_spoken(site, language)
