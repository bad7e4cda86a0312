import random
from datetime import datetime, timedelta, timezone

from kiosk.counting import count
from kiosk.periods import parse_period
from kiosk.visits import Visit
from tests.conftest import AMSTERDAM


def generated_history(seed=7, n=3000):
    rng = random.Random(seed)
    cards = [f"B{i:012d}" for i in range(150)]
    seen = set()
    visits = []
    start = datetime(2026, 1, 1, 9, tzinfo=AMSTERDAM)
    for seq in range(1, n + 1):
        local = start + timedelta(hours=rng.randrange(0, 365 * 24))
        card = rng.choice(cards) if rng.random() < 0.7 else None
        kind = "question" if rng.random() < 0.1 else "checkin"
        visits.append(Visit(kind=kind, site="s", utc=local.astimezone(timezone.utc), local=local,
                            language="nl", clock_synced=True, seq=seq, card=card,
                            activity=rng.choice(["kookclub", "inloop", "taalles"])
                            if kind == "checkin" else None,
                            topic="money" if kind == "question" else None))
    visits.sort(key=lambda v: v.local)
    for visit in visits:  # first_visit as the door would have set it
        object.__setattr__(visit, "first_visit", visit.card is not None and visit.card not in seen)
        if visit.card:
            seen.add(visit.card)
    return visits


def test_counts_match_an_independent_computation_with_sets():
    visits = generated_history()
    for label in ("2026", "2026-T2", "2026-11", "2026-03-01..2026-06-30"):
        period = parse_period(label)
        counts = count(visits, period)
        inside = [v for v in visits if period.first <= v.local.date() <= period.last]
        checkins = [v for v in inside if v.kind == "checkin"]
        for activity in ("kookclub", "inloop", "taalles"):
            mine = [v for v in checkins if v.activity == activity]
            row = counts.activities[activity]
            assert row.visits == len(mine)
            assert row.anonymous_visits == sum(v.card is None for v in mine)
            assert row.unique_cards == len({v.card for v in mine if v.card})
        assert counts.total.unique_cards == len({v.card for v in checkins if v.card})
        assert counts.total.unique_cards < sum(r.unique_cards for r in counts.activities.values())
        assert counts.questions == {"money": sum(v.kind == "question" for v in inside)}
        new = {v.card for v in inside if v.first_visit}
        for activity, row in counts.activities.items():
            mine = {v.card for v in checkins if v.activity == activity and v.card}
            assert row.first_time_cards == mine & new
