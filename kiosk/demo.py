"""Realistic synthetic history for demos and benchmarks, recorded through the door itself.

Visitors return (most with a card, some always anonymous), busy days and quiet days
alternate, and only the activities on the schedule of that weekday are chosen.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .cards import Card, CardKind, new_card
from .config import SiteConfig
from .door import Door
from .store import VisitStore

OPENING = time(9, 0)
CLOSING = time(17, 0)
QUESTION_SHARE = 0.15
CARD_SHARE = 0.65
# New card holders a day: the proposal's 600 unique people a year over about 310 open days.
NEW_PEOPLE_PER_DAY = 2.0
# "Energiegericht": some activities run ahead of their target, others behind. Each
# activity gets one of these factors (seeded), so a demo report shows both honestly.
ENERGY = (0.6, 0.8, 0.95, 1.0, 1.05, 1.2, 1.4)
# The languages visitors use at the door, roughly as in a Leidsche Rijn food bank's crowd.
LANGUAGE_WEIGHTS = {"nl": 55, "ar": 11, "en": 7, "tr": 6, "ti": 6, "fa": 5, "uk": 4,
                    "pl": 3, "so": 3}
# "Hoe was het vandaag?": about one visitor in five answers on the way out, mostly happy
# (the faces 1..5 in these proportions; a room that keeps its promise of "above 8").
SURVEY_SHARE = 0.2
FACE_WEIGHTS = (2, 4, 10, 38, 46)
VOLUNTEER_POOL = 38
# Of whom this many hold a key (the proposal's 2018 target is 15 key holders).
KEY_HOLDERS = 12
VOLUNTEERS_A_DAY = 8


class _AlwaysSynchronised:
    def synchronised(self) -> bool:
        return True


@dataclass
class _Person:
    card: Card | None
    language: str
    activities: tuple[str, ...]     # the one or two activities they come for


def fill(store: VisitStore, config: SiteConfig, days: int, visits_per_day: int,
         today: date, seed: int = 2017) -> int:
    """Record about `visits_per_day` visits on each of the `days` days before `today`.

    Near the site's targets: people come for one or two activities chosen in proportion to
    those activities' targets, about two new people a day, jobs at the pace of their yearly
    target; each activity with its own "energy", so some are ahead and some behind."""
    rng = random.Random(seed)
    # The survey draws from its own generator: the visits stay what they were before it.
    survey_rng = random.Random(seed + 1)
    moment = {"now": datetime.now(config.timezone)}
    door = Door(config, store, clock=_AlwaysSynchronised(), now=lambda: moment["now"])
    targets = config.targets_for(today.year).activities
    energy = {a.id: rng.choice(ENERGY) for a in config.activities}
    people_weights = {a.id: max(targets.get(a.id) or 5, 1) * energy[a.id]
                      for a in config.activities if a.unit != "jobs"}
    languages = [code for code in LANGUAGE_WEIGHTS if code in config.languages] \
        or [config.default_language]
    language_weights = [LANGUAGE_WEIGHTS[code] for code in languages] \
        if languages[0] in LANGUAGE_WEIGHTS else [1]
    people: list[_Person] = []
    recorded = 0
    volunteers = [new_card(CardKind.KEY_HOLDER if index < KEY_HOLDERS else CardKind.VOLUNTEER)
                  for index in range(VOLUNTEER_POOL)]
    volunteer_weights = [rng.uniform(0.3, 1.5) for _ in volunteers]

    def new_person() -> _Person:
        ids = list(people_weights)
        chosen = rng.choices(ids, [people_weights[i] for i in ids], k=2)
        language = rng.choices(languages, language_weights)[0]
        person = _Person(new_card() if rng.random() < CARD_SHARE else None, language,
                         tuple(dict.fromkeys(chosen[: 1 + (rng.random() < 0.85)])))
        people.insert(0, person)
        return person

    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() == 6:  # closed on Sundays
            continue
        running = {a.id for a in config.activities_on(day)}
        start = datetime.combine(day, OPENING, config.timezone)
        span = (datetime.combine(day, CLOSING, config.timezone) - start).total_seconds()
        # Volunteers: in before opening, out after three to six hours.
        for volunteer in set(rng.choices(volunteers, volunteer_weights, k=VOLUNTEERS_A_DAY)):
            moment["now"] = start - timedelta(minutes=rng.randrange(5, 30))
            door.volunteer_scan(volunteer, config.default_language)
            moment["now"] += timedelta(minutes=rng.randrange(180, 360))
            door.volunteer_scan(volunteer, config.default_language)
            recorded += 2
        plans: list[tuple[str, str | None, _Person]] = []
        for _ in range(_poisson(rng, NEW_PEOPLE_PER_DAY)):
            new_person()
        count = max(0, int(rng.gauss(visits_per_day, visits_per_day * 0.25)))
        for _ in range(count):
            person = _someone_in(rng, people, running) or new_person()
            if rng.random() < QUESTION_SHARE:
                plans.append(("question", rng.choice(config.topics).id, person))
                continue
            todays = [a for a in person.activities if a in running] or \
                [a for a in running if a in people_weights]
            plans.append(("checkin", rng.choice(todays), person))
        # Jobs at the pace of their yearly target: a job is one check-in by whoever asked.
        for activity in config.activities:
            if activity.unit == "jobs" and activity.id in running:
                open_days = 310 * len(activity.weekdays) / 6
                pace = (targets.get(activity.id) or 0) * energy[activity.id] / open_days
                for _ in range(_poisson(rng, pace)):
                    plans.append(("checkin", activity.id, rng.choice(people) if people
                                  else new_person()))
        events = []
        for second, (kind, what, person) in zip(
                sorted(rng.uniform(0, span) for _ in plans), rng.sample(plans, len(plans))):
            events.append((second, kind, what, person))
            if kind == "checkin" and survey_rng.random() < SURVEY_SHARE:
                leaving = min(span, second + survey_rng.uniform(30 * 60, 150 * 60))
                events.append((leaving, "feedback",
                               survey_rng.choices(range(1, 6), FACE_WEIGHTS)[0], person))
        # In time order, as the door saw them: the store takes a step back in time for a
        # clock that jumped.
        for second, kind, what, person in sorted(events, key=lambda event: event[0]):
            moment["now"] = start + timedelta(seconds=second)
            if kind == "question":
                door.ask_question(what, person.language, person.card)
            elif kind == "feedback":
                if not door.feedback(what, person.language, person.card).counted:
                    continue
            else:
                door.check_in(what, person.language, person.card)
            recorded += 1
    return recorded


def _someone_in(rng: random.Random, people: list[_Person], running: set[str]):
    """A returning visitor, most often one of the recent ones, whose activity runs today."""
    for _ in range(8):
        if not people:
            return None
        person = people[min(int(rng.expovariate(1 / 60)), len(people) - 1)]
        if any(a in running for a in person.activities):
            return person
    return None


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: small means only (a day's new people, a day's jobs).
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
