"""What the staff page shows, as one JSON-ready state: the queue and today's counts.

Only queue numbers, topics, languages, times and counts: the queue holds no card token
and neither does this state, whatever is added to a Question later (fields are picked,
never copied wholesale).
"""

from __future__ import annotations

from datetime import datetime

from kiosk.config import SiteConfig
from kiosk.i18n import LANGUAGE_NAMES, LANGUAGE_NAMES_NL, is_right_to_left
from kiosk.question_queue import UNDO_SECONDS, Question, QuestionQueue

from .today import TodaySummary


def _row(question: Question, site: SiteConfig, now: datetime) -> dict:
    topics = {topic.id: topic for topic in site.topics}
    topic = topics.get(question.topic)
    undo_left = 0.0
    if question.helped_at is not None:
        undo_left = max(0.0, UNDO_SECONDS - (now - question.helped_at).total_seconds())
    return {
        "number": question.number,
        "topic": question.topic,
        "topic_name": topic.name("nl") if topic else question.topic,
        "pictogram": topic.pictogram if topic else "topic_other",
        "language": question.language,
        "language_own": LANGUAGE_NAMES.get(question.language, question.language),
        "language_nl": LANGUAGE_NAMES_NL.get(question.language, question.language),
        "rtl": is_right_to_left(question.language),
        "asked": question.asked.astimezone(site.timezone).strftime("%H:%M"),
        "waiting_seconds": max(0, int((now - question.asked).total_seconds())),
        "claimed_by": question.claimed_by,
        "helped": question.helped,
        "undo_seconds": round(undo_left, 1),
    }


def board_state(queue: QuestionQueue, site: SiteConfig, today: TodaySummary,
                now: datetime) -> dict:
    """Everyone on the list, oldest first (queue numbers go up through the day)."""
    questions = queue.questions()
    return {
        "version": queue.version,
        "site": site.site_name,
        "queue": [_row(q, site, now) for q in questions],
        "being_helped": [q.number for q in questions if q.claimed_by and not q.helped],
        "today": today.to_json(),
    }


def pictograms(site: SiteConfig) -> set[str]:
    """The pictograms the page may ask for: the site's own, nothing else on the disk."""
    return {choice.pictogram for choice in (*site.topics, *site.activities)} | {"topic_other"}
