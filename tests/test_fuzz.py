"""The hostile world, bounded: random scanner input with a clock that jumps, and random
damage to a data folder. Whatever happens: no exception the door does not expect, and no
confirmed visit lost unless the coordinator is told (a health flag, a file set aside)."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cards import CardError, CardKind, new_card
from kiosk.doctor import examine
from kiosk.door import Door
from kiosk.store import StoreError, VisitStore
from tests.conftest import THURSDAY_MORNING, FakeClockWatch, FakeNow

import os

# KIOSK_FUZZ_EXAMPLES=2000 for a long hunt; the suite keeps it short.
FUZZ = settings(max_examples=int(os.environ.get("KIOSK_FUZZ_EXAMPLES", 40)), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

VISITOR_CARDS = [new_card() for _ in range(3)]
VOLUNTEER_CARD = new_card(CardKind.VOLUNTEER)

scanner_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from([card.payload for card in VISITOR_CARDS + [VOLUNTEER_CARD]]),
    st.sampled_from(VISITOR_CARDS).map(lambda card: card.payload[:-1] + "0"),  # misread
    st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
    st.just("=cmd|' /C calc'!A0"),
)

event = st.one_of(
    st.tuples(st.just("scan"), scanner_text),
    st.tuples(st.just("checkin"), st.sampled_from(["inloop", "kookclub", "formulierenbrigade"])),
    st.tuples(st.just("question"), st.sampled_from(["money", "letter", "other"])),
    # The clock: NTP slewing, a Pi waking up in the past, a jump years ahead.
    st.tuples(st.just("clock"), st.integers(min_value=-3 * 24 * 60, max_value=3 * 365 * 24 * 60)),
)


@FUZZ
@given(events=st.lists(event, max_size=40))
def test_random_door_events_never_crash_and_every_confirmed_visit_is_stored(site, tmp_path_factory,
                                                                           events):
    data_dir = tmp_path_factory.mktemp("door") / "data"
    now = FakeNow(THURSDAY_MORNING)
    confirmed = []
    with VisitStore.open_writer(data_dir, fsync=False) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        card = None
        for kind, value in events:
            if kind == "scan":
                try:
                    scan = door.identify(value)
                except CardError:
                    continue  # a gentle hint at the door
                if scan.card.kind is CardKind.VOLUNTEER:
                    confirmed.append(door.volunteer_scan(scan.card, "nl").visit)
                else:
                    card = scan.card
            elif kind == "checkin":
                result = door.check_in(value, "nl", card)
                if result.counted:
                    confirmed.append(result.visit)
                card = None
            elif kind == "question":
                result = door.ask_question(value, "ar", card)
                if result.counted:
                    confirmed.append(result.visit)
                card = None
            else:
                now.advance(minutes=value)
                door.prepare_day()
                door.close_forgotten_shifts()
    stored = VisitStore.open_reader(data_dir).visits()
    assert {v.seq for v in confirmed} <= {v.seq for v in stored}
    assert len({v.seq for v in stored}) == len(stored)
    for visit in stored:
        assert visit.card is None or visit.card.isalnum()


def _history(directory):
    now = FakeNow(THURSDAY_MORNING - timedelta(days=40))
    with VisitStore.open_writer(directory, fsync=False) as store:
        door = Door(site_config(), store, clock=FakeClockWatch(), now=now)
        for day in range(40):
            for n, card in enumerate(VISITOR_CARDS):
                door.check_in("inloop", "nl", card if n else None)
            now.advance(days=1)
        store.compact()
        # And a few still in the journal, as after a pulled plug.
        for card in VISITOR_CARDS:
            door.check_in("kookclub", "nl", card)
        store._journal.close()
        store._journal = None


def site_config():
    from kiosk.config import parse_config
    from tests.conftest import site_text

    return parse_config(site_text(), "site.toml")


damage = st.tuples(
    st.sampled_from(["flip", "truncate", "delete", "garbage", "shape"]),
    st.integers(min_value=0, max_value=10**9),     # which file
    st.integers(min_value=0, max_value=10**9),     # where in it
    st.sampled_from([[], "x", 7, None, {"visits": []}, {"meta": {}}, [1, 2]]),
)


def _damage(directory, how, which, where, shape):
    files = sorted(p for p in directory.iterdir() if p.is_file() and p.name != "kiosk.lock")
    if not files:
        return
    path = files[which % len(files)]
    if path.name == "journal.jsonl" and how != "flip":
        # The journal only loses lines to damage the store can see: flipped bits. A pulled
        # plug cannot shorten an fsynced append, and a journal cut at a line boundary,
        # deleted or rewritten whole is a shorter journal to anyone who reads it (the
        # torn last line is covered by tests/test_power_loss.py and the crash harness).
        return
    data = path.read_bytes()
    if how == "flip" and data:
        position = where % len(data)
        flipped = bytearray(data)
        flipped[position] ^= 1 << (where % 8)
        path.write_bytes(bytes(flipped))
    elif how == "truncate":
        path.write_bytes(data[: where % (len(data) + 1)])
    elif how == "delete":
        path.unlink()
    elif how == "garbage":
        path.write_bytes(bytes((where >> shift) & 0xFF for shift in range(0, 32, 8)) * 5)
    else:
        path.write_text(json.dumps(shape))


@FUZZ
# At most one file deleted: with state.json gone too, nothing is left that remembers a
# month file existed (the store keeps no second copy of its own index).
@given(damages=st.lists(damage, min_size=1, max_size=3).filter(
    lambda found: sum(how == "delete" for how, *_ in found) <= 1))
def test_random_damage_to_a_data_folder_never_stops_the_kiosk_or_loses_silently(
        tmp_path_factory, damages):
    template = tmp_path_factory.getbasetemp() / "fuzz-template"
    if not template.exists():
        _history(template)
    original = VisitStore.open_reader(template).visits()
    data_dir = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(template, data_dir)
    for how, which, where, shape in damages:
        _damage(data_dir, how, which, where, shape)
    try:
        store = VisitStore.open_writer(data_dir, fsync=False)
    except StoreError as error:
        # The one refusal allowed: a bit that made a file look written by a newer kiosk.
        assert "newer kiosk" in str(error)
        return
    with store:
        kept = store.visits()
        told = (not store.health.ok) or store.asides()
        if len(kept) < len(original):
            assert told, "visits were lost and nobody was told"
        new = store.append(original[0].with_store_fields(None, False))
    reopened = VisitStore.open_reader(data_dir).visits()
    assert new.seq in {v.seq for v in reopened}
    assert len({v.seq for v in reopened}) == len(reopened)
    findings = examine(data_dir, clock=FakeClockWatch(True))
    if len(kept) < len(original):
        assert any(not f.ok for f in findings)
