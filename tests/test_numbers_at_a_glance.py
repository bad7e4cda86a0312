"""The Cijfers tab's numbers: the same counts as the funder's report, from month summaries
that are kept, and a status word that says where the room stands for today."""

from datetime import date, datetime, timezone

import pytest

from kiosk.counting import count
from kiosk.demo import fill
from kiosk.numbers_at_a_glance import (
    STATUS_AHEAD, STATUS_BEHIND, STATUS_ON_SCHEDULE, Bar, MonthSummaries, expected_share,
    glance)
from kiosk.periods import month, tertiaal_of, year
from kiosk.visits import Visit
from tests.conftest import AMSTERDAM

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    from kiosk.config import parse_config
    from kiosk.store import VisitStore
    from tests.conftest import site_text

    with VisitStore.open_writer(tmp_path_factory.mktemp("data")) as store:
        fill(store, parse_config(site_text(), "site.toml"), days=400, visits_per_day=12,
             today=TODAY)
        store.compact()
        yield store


@pytest.mark.parametrize("period", [month(2026, 11), tertiaal_of(TODAY), year(2026),
                                    year(2025)], ids=lambda p: p.label)
def test_the_kept_month_summaries_count_what_counting_counts(history, site, period):
    counts = count(history.visits(), period)
    kept = MonthSummaries().glance(history, period, site, TODAY)
    assert kept == glance(history.visits(), period, site, TODAY)
    for bar in kept.bars:
        counted = counts.activities.get(bar.activity)
        activity = site.activity(bar.activity)
        wanted = 0 if counted is None else (
            counted.unique_cards if activity.unit == "unique" else counted.visits)
        assert bar.actual == wanted, bar.activity
    # Unique over a year is a union, never the sum of the months.
    assert kept.total.actual == counts.total.unique_cards
    assert kept.visits == counts.total.visits
    assert kept.new_people == len(counts.total.first_time_cards)
    assert kept.volunteers == len(counts.volunteers.cards)
    assert kept.volunteer_hours == pytest.approx(counts.volunteers.hours)
    # The door survey: the same answers the report counts.
    assert kept.answers == counts.room_answers and kept.answers.count > 0


def test_a_closed_month_is_read_once_and_new_visits_still_count(history, site, monkeypatch):
    summaries = MonthSummaries()
    summaries.glance(history, year(2026), site, TODAY)
    read = []
    real = history.read_month
    monkeypatch.setattr(history, "read_month", lambda month: read.append(month) or real(month))
    before = summaries.glance(history, year(2026), site, TODAY)
    assert read == []
    moment = datetime(2026, 11, 26, 11, tzinfo=AMSTERDAM)
    history.append(Visit(kind="checkin", site="leidsche-rijn", local=moment,
                         utc=moment.astimezone(timezone.utc), language="nl",
                         clock_synced=True, activity="inloop"))
    journal = summaries.glance(history, year(2026), site, TODAY)
    assert journal.visits == before.visits + 1 and read == []
    history.compact()
    read.clear()  # (the compaction reads the month it writes)
    assert summaries.glance(history, year(2026), site, TODAY) == journal
    assert read == []  # what the compaction added was added, the month not read again
    read.clear()
    # A restarted kiosk: the store kept every closed month's tallies, none is read again;
    # the running month is (its file changes all day, so it is not kept).
    assert MonthSummaries().glance(history, year(2026), site, TODAY) == journal
    assert read == ["2026-11"]


def test_expected_share_of_a_running_and_a_closed_period():
    assert expected_share(month(2026, 11), date(2026, 11, 15)) == pytest.approx(15 / 30)
    assert expected_share(month(2026, 10), TODAY) == 1.0
    assert expected_share(year(2027), TODAY) == 0.0


@pytest.mark.parametrize("actual, status", [(12, STATUS_AHEAD), (11, STATUS_AHEAD),
                                            (10, STATUS_ON_SCHEDULE), (9, STATUS_ON_SCHEDULE),
                                            (8, STATUS_BEHIND)])
def test_the_status_word_compares_with_what_today_should_have(actual, status):
    # Target 20 for the period, half of it passed: 10 expected by today.
    bar = Bar("x", "X", "unique", actual, 20.0, 0.5)
    assert bar.status == status


def test_percent_is_not_capped():
    assert Bar("x", "X", "jobs", 41, 3.0, 1.0).percent == pytest.approx(1366.67, abs=0.01)
    assert Bar("x", "X", "jobs", 4, None, 1.0).status is None
