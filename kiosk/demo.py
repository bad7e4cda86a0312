"""Realistic synthetic history for demos and benchmarks, recorded through the door itself.

Visitors return (most with a card, some always anonymous), busy days and quiet days
alternate, and only the activities on the schedule of that weekday are chosen.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from .cards import Card, CardKind, new_card
from .config import SiteConfig
from .door import Door
from .store import VisitStore

OPENING = time(9, 0)
CLOSING = time(17, 0)
QUESTION_SHARE = 0.15
CARD_SHARE = 0.65


class _AlwaysSynchronised:
    def synchronised(self) -> bool:
        return True


def fill(store: VisitStore, config: SiteConfig, days: int, visits_per_day: int,
         today: date, seed: int = 2017) -> int:
    """Record about `visits_per_day` visits on each of the `days` days before `today`."""
    rng = random.Random(seed)
    regulars: list[Card] = []
    moment = {"now": datetime.now(config.timezone)}
    door = Door(config, store, clock=_AlwaysSynchronised(), now=lambda: moment["now"])
    recorded = 0
    volunteers = [new_card(CardKind.VOLUNTEER) for _ in range(6)]
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() == 6:  # closed on Sundays
            continue
        activities = config.activities_on(day)
        count = max(0, int(rng.gauss(visits_per_day, visits_per_day * 0.25)))
        start = datetime.combine(day, OPENING, config.timezone)
        span = (datetime.combine(day, CLOSING, config.timezone) - start).total_seconds()
        # A few volunteers each day: in at opening, out after three to six hours.
        for volunteer in rng.sample(volunteers, 3):
            moment["now"] = start - timedelta(minutes=rng.randrange(5, 30))
            door.volunteer_scan(volunteer, config.default_language)
            moment["now"] += timedelta(minutes=rng.randrange(180, 360))
            door.volunteer_scan(volunteer, config.default_language)
            recorded += 2
        for second in sorted(rng.uniform(0, span) for _ in range(count)):
            moment["now"] = start + timedelta(seconds=second)
            card = _visitor_card(rng, regulars)
            language = "en" if rng.random() < 0.1 and "en" in config.languages \
                else config.default_language
            if rng.random() < QUESTION_SHARE:
                door.ask_question(rng.choice(config.topics).id, language, card)
            else:
                door.check_in(rng.choice(activities).id, language, card)
            recorded += 1
    return recorded


def _visitor_card(rng: random.Random, regulars: list[Card]) -> Card | None:
    if rng.random() >= CARD_SHARE:
        return None
    # Most card holders come back; now and then someone takes a new card from the stack.
    if regulars and rng.random() < 0.92:
        return regulars[min(int(rng.expovariate(1 / 40)), len(regulars) - 1)]
    card = new_card()
    regulars.insert(0, card)
    return card
