import pytest

from kiosk.cards import CardError, CardKind, new_card
from kiosk.door import Door
from kiosk.store import VisitStore
from tests.conftest import FakeClockWatch


@pytest.fixture
def door(site, store, now):
    return Door(site, store, clock=FakeClockWatch(True), now=now)


def test_todays_activities_follow_the_weekly_schedule(door, now):
    assert [a.id for a in door.todays_activities()] == [
        "inloop", "formulierenbrigade", "kookclub", "computerles", "huurachterstand",
        "sollicitatie"]
    now.advance(days=3)  # Sunday
    assert [a.id for a in door.todays_activities()] == ["inloop"]


def test_anonymous_checkin_is_one_visit_without_a_token(door, store):
    result = door.check_in("kookclub", "nl")
    assert result.counted
    [visit] = store.visits()
    assert (visit.kind, visit.activity, visit.card, visit.first_visit) == \
        ("checkin", "kookclub", None, False)
    assert visit.site == "leidsche-rijn" and visit.clock_synced
    assert visit.local.isoformat() == "2026-11-26T10:00:00+01:00"


def test_anonymous_checkins_are_never_deduplicated(door, store):
    door.check_in("inloop", "nl")
    door.check_in("inloop", "nl")
    assert len(store.visits()) == 2


def test_first_scan_of_a_card_is_a_first_visit_and_later_ones_are_not(door, now):
    card = new_card()
    scan = door.identify(card.payload)
    assert not scan.known and scan.last_activity is None
    assert door.check_in("kookclub", "en", scan.card).first_visit
    now.advance(hours=1)
    scan = door.identify(card.payload)
    assert scan.known and scan.last_activity == "kookclub" and scan.language == "en"
    assert not door.check_in("taalles", "nl", scan.card).first_visit


def test_same_card_same_activity_inside_the_window_counts_once(door, store, now):
    card = new_card()
    assert door.check_in("kookclub", "nl", card).counted
    now.advance(minutes=9)
    again = door.check_in("kookclub", "nl", card)
    assert not again.counted
    assert len(store.visits()) == 1
    now.advance(minutes=2)  # 11 minutes after the first
    assert door.check_in("kookclub", "nl", card).counted
    assert len(store.visits()) == 2


def test_same_card_different_activity_counts_for_both(door, store):
    card = new_card()
    door.check_in("formulierenbrigade", "nl", card)
    door.check_in("inloop", "nl", card)
    assert [v.activity for v in store.visits()] == ["formulierenbrigade", "inloop"]


def test_the_window_is_configurable(store, now):
    from kiosk.config import parse_config
    from tests.conftest import site_text

    site = parse_config(site_text(duplicate_scan_minutes=1), "site.toml")
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    card = new_card()
    door.check_in("kookclub", "nl", card)
    now.advance(minutes=2)
    assert door.check_in("kookclub", "nl", card).counted


def test_queue_numbers_count_up_and_restart_the_next_day(door, now):
    assert [door.ask_question("money", "nl").number for _ in range(3)] == [1, 2, 3]
    now.advance(days=1)
    assert door.ask_question("letter", "nl").number == 1


def test_queue_numbers_continue_after_a_restart(site, data_dir, now):
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        door.ask_question("money", "nl")
        door.ask_question("money", "nl")
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        assert door.ask_question("work", "nl").number == 3


def test_a_card_asking_the_same_thing_twice_keeps_its_place(door, store):
    card = new_card()
    first = door.ask_question("housing", "nl", card)
    again = door.ask_question("housing", "nl", card)
    assert again.number == first.number and not again.counted
    assert len(store.visits()) == 1


def test_questions_record_topic_number_and_time_only(door, store):
    door.ask_question("repair", "nl")
    [visit] = store.visits()
    assert (visit.kind, visit.topic, visit.queue_number, visit.activity) == \
        ("question", "repair", 1, None)


def test_duplicate_window_survives_a_restart(site, data_dir, now):
    card = new_card()
    with VisitStore.open_writer(data_dir) as store:
        Door(site, store, clock=FakeClockWatch(), now=now).check_in("kookclub", "nl", card)
    now.advance(minutes=3)
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        assert not door.check_in("kookclub", "nl", card).counted


def test_bad_scans_raise_card_errors(door):
    with pytest.raises(CardError):
        door.identify("8712345678906")


def test_volunteer_cards_do_not_check_in(door):
    with pytest.raises(ValueError):
        door.check_in("kookclub", "nl", new_card(CardKind.VOLUNTEER))


def test_unsynchronised_clock_is_recorded(site, store, now):
    door = Door(site, store, clock=FakeClockWatch(False), now=now)
    assert not door.check_in("inloop", "nl").visit.clock_synced


def test_questions_wait_until_a_volunteer_marks_them_helped(door, site, data_dir, now):
    door.ask_question("money", "nl")
    door.ask_question("letter", "nl")
    assert [q.queue_number for q in door.waiting_questions()] == [1, 2]
    door.mark_helped(1)
    door.mark_helped(1)  # twice: once is enough
    assert [q.queue_number for q in door.waiting_questions()] == [2]
    door.store.close()
    with VisitStore.open_writer(data_dir) as store:
        again = Door(site, store, clock=FakeClockWatch(), now=now)
        assert [q.queue_number for q in again.waiting_questions()] == [2]
        assert again.ask_question("work", "nl").number == 3


def test_an_answer_on_the_way_out_counts_for_the_activity_of_that_day(door, store, now):
    card = new_card()
    door.check_in("kookclub", "ar", card)
    now.advance(minutes=30)
    door.check_in("computerles", "ar", card)
    now.advance(hours=2)
    result = door.feedback(5, "ar", card)
    assert result.counted
    assert (result.visit.kind, result.visit.answer, result.visit.activity,
            result.visit.card, result.visit.language) == \
        ("feedback", 5, "computerles", card.token, "ar")


def test_an_answer_without_a_card_counts_for_the_room_and_every_tap_counts(door, store):
    assert door.feedback(4, "nl").visit.activity is None
    assert door.feedback(2, "nl").counted
    assert [v.answer for v in store.visits()] == [4, 2]


def test_a_card_answers_once_a_day_even_after_a_restart(site, data_dir, now):
    card = new_card()
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(True), now=now)
        door.check_in("kookclub", "nl", card)
        assert door.feedback(3, "nl", card).counted
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(True), now=now)
        again = door.feedback(5, "nl", card)
        assert not again.counted and again.visit.answer == 3
        now.advance(days=1)
        assert door.feedback(5, "nl", card).counted
        # No check-in that day: the answer is the room's.
        assert store.visits()[-1].activity is None


def test_only_the_five_faces_and_only_visitors_answer(door, store):
    for wrong in (0, 6, -1, None, "5", 2.5, True):
        with pytest.raises(ValueError):
            door.feedback(wrong, "nl")
    with pytest.raises(ValueError):
        door.feedback(4, "nl", new_card(CardKind.VOLUNTEER))
    assert store.visits() == []


def test_a_key_holder_card_is_a_volunteer_card_with_shifts(door, store, now):
    keys = new_card(CardKind.KEY_HOLDER)
    scanned = door.identify(keys.payload).card
    assert scanned.kind is CardKind.KEY_HOLDER and scanned.kind.volunteers
    assert door.volunteer_scan(scanned, "nl").started
    now.advance(hours=3)
    ended = door.volunteer_scan(scanned, "nl")
    assert not ended.started and ended.minutes == 180
    assert {v.card for v in store.visits()} == {keys.token} and keys.token.startswith("S")
    with pytest.raises(ValueError):
        door.check_in("kookclub", "nl", scanned)  # a volunteer's card, not a visitor's
