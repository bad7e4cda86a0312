"""The privacy notice and the retention it promises."""

import json
import re
from datetime import date, datetime, timedelta

import pytest

from kiosk.cards import new_card
from kiosk.cli import main
from kiosk.config import parse_config
from kiosk.doctor import examine
from kiosk.door import Door
from kiosk.export import export_days
from kiosk.privacy import as_html, as_text
from kiosk.retention import first_kept_month, purge
from kiosk.store import VisitStore
from tests.conftest import AMSTERDAM, FakeClockWatch, FakeNow, site_text


def test_the_notice_tells_this_sites_retention_and_contact():
    text = site_text().replace("retention_months = 24", "retention_months = 13").replace(
        'contact = "de coördinator van de buurtwerkkamer, of een van de vrijwilligers"',
        'contact = "Fatima, elke dinsdag"')
    site = parse_config(text, "site.toml")
    dutch = as_text(site, "nl")
    assert "Na 13 maanden" in dutch and "Fatima, elke dinsdag" in dutch
    assert "Je naam staat niet op het pasje" in dutch
    english = as_text(site, "en")
    assert "After 13 months" in english and "throw it away" in english


def test_the_wall_notice_is_a_self_contained_page(site, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    out = tmp_path / "privacy.html"
    assert main(["privacy", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page
    assert "Wat het nooit onthoudt" in page
    assert as_html(site, "en").count("<h2>") == 6


def test_the_wall_notice_in_every_offered_language(site, tmp_path, monkeypatch):
    import re

    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    out = tmp_path / "privacy.html"
    assert main(["privacy", "--lang", "all", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    sections = re.findall(r'<section lang="(\w+)" dir="(\w+)">', page)
    assert [code for code, _ in sections] == list(site.languages)
    assert dict(sections)["ar"] == "rtl" and dict(sections)["fa"] == "rtl"
    assert dict(sections)["ti"] == "ltr"
    arabic = page.split('lang="ar"')[1].split("</section>")[0]
    assert "24" in arabic  # the retention months, in the Arabic page itself
    assert page.count("<h2>") == 6 * len(site.languages)


def test_a_language_the_kiosk_does_not_know_is_a_usage_error(capsys):
    with pytest.raises(SystemExit):
        main(["privacy", "--lang", "xx"])
    assert "invalid choice" in capsys.readouterr().err


def test_first_kept_month():
    assert first_kept_month(date(2026, 11, 26), 24) == "2024-11"
    assert first_kept_month(date(2026, 1, 1), 1) == "2025-12"


def test_old_months_are_summarised_then_deleted_and_old_cards_forgotten(site, data_dir):
    now = FakeNow(datetime(2024, 9, 10, 10, tzinfo=AMSTERDAM))
    old_card, kept_card = new_card(), new_card()
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        door.check_in("kookclub", "nl", old_card)   # 2024-09: past 24 months on 2026-11-26
        door.check_in("inloop", "nl")
        now.advance(days=60)                          # 2024-11: kept
        door.check_in("kookclub", "nl", kept_card)
        now.current = datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)
        door.check_in("inloop", "nl")                 # the room is in use: the clock is right
    with VisitStore.open_writer(data_dir) as store:
        assert purge(store, date(2026, 11, 26), 24) == ["2024-09"]
        assert store.months() == ["2024-11", "2026-11"]
        assert old_card.token not in store.cards and kept_card.token in store.cards
    summary = json.loads((data_dir / "summary-2024-09.json").read_text())
    assert summary["activities"]["kookclub"] == {"visits": 1, "anonymous_visits": 0,
                                                 "unique_cards": 1, "first_time_cards": 1}
    assert summary["total"] == {"visits": 2, "unique_cards": 1}
    assert old_card.token not in json.dumps(summary)  # counts only, no card codes
    assert VisitStore.open_reader(data_dir).summarised_months() == {"2024-09"}
    cards_file = (data_dir / "cards.json").read_text()
    assert old_card.token not in cards_file


def test_a_report_over_a_purged_month_is_refused_with_the_reason(site, data_dir, monkeypatch,
                                                                 capsys):
    now = FakeNow(datetime(2024, 3, 5, 10, tzinfo=AMSTERDAM))
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        door.check_in("inloop", "nl")
        now.current = datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)
        door.check_in("inloop", "nl")
        assert purge(store, date(2026, 11, 26), 24) == ["2024-03"]
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert main(["report", "--period", "2024"]) == 2
    assert "2024-03 were deleted after 24 months" in capsys.readouterr().err


def _two_years(site, data_dir, last=datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)):
    now = FakeNow(last - timedelta(days=35 * 30))
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        while now.current <= last:
            door.check_in("inloop", "nl", new_card())
            now.advance(days=30)
    return VisitStore.open_reader(data_dir).months()


def test_a_clock_that_jumps_forward_deletes_nothing(site, data_dir, tmp_path):
    months = _two_years(site, data_dir)
    exports = tmp_path / "exports"
    with VisitStore.open_writer(data_dir) as store:
        export_days(store.visits(), exports)
        exported = sorted(p.name for p in exports.iterdir())
        assert purge(store, date(2029, 6, 1), 24, exports=exports) == []   # the clock jumped
        assert purge(store, date(2026, 11, 26), 24, exports=exports,
                     clock_synchronised=False) == []                       # not synced yet
        assert store.months() == months
    assert sorted(p.name for p in exports.iterdir()) == exported
    findings = examine(data_dir, clock=FakeClockWatch(True), retention_months=24,
                       today=date(2029, 6, 1))
    assert any(not f.ok and f.text.startswith("retention: paused") and "far beyond" in f.text
               for f in findings)
    with VisitStore.open_writer(data_dir) as store:   # a right clock, but a backlog...
        assert purge(store, date(2026, 11, 26), 24, exports=exports) == []
        assert purge(store, date(2026, 11, 26), 24, exports=exports, confirmed=True) == [
            m for m in months if m < "2024-11"]          # ...that a coordinator confirmed


def test_one_visit_after_a_clock_jump_does_not_let_retention_delete_the_history(site,
                                                                               data_dir):
    months = _two_years(site, data_dir)
    jumped = FakeNow(datetime(2029, 6, 1, 10, tzinfo=AMSTERDAM))
    with VisitStore.open_writer(data_dir) as store:
        Door(site, store, clock=FakeClockWatch(True), now=jumped).check_in("inloop", "nl")
        assert purge(store, date(2029, 6, 2), 24) == []
        assert [m for m in store.months() if m in months] == months
    findings = examine(data_dir, clock=FakeClockWatch(True), retention_months=24,
                       today=date(2029, 6, 2))
    assert any(not f.ok and "due at once" in f.text for f in findings)


def test_retention_purges_damaged_files_set_aside_and_forgets_old_first_dates(site, data_dir):
    now = FakeNow(datetime(2024, 10, 2, 10, tzinfo=AMSTERDAM))
    regular = new_card()
    with VisitStore.open_writer(data_dir) as store:
        door = Door(site, store, clock=FakeClockWatch(), now=now)
        door.check_in("inloop", "nl", regular)        # first seen 2024-10: past retention
        now.current = datetime(2026, 11, 25, 10, tzinfo=AMSTERDAM)
        door.check_in("inloop", "nl", regular)        # still coming
    (data_dir / "visits-2024-09.json.corrupt-20240915-101500").write_text("old damage")
    (data_dir / "journal.jsonl.torn-20240916-101500").write_text("old tear")
    (data_dir / "journal.jsonl.corrupt-20261120-101500").write_text("recent damage")
    with VisitStore.open_writer(data_dir) as store:
        assert purge(store, date(2026, 11, 26), 24) == ["2024-10"]
        assert store.cards[regular.token].first_date is None
    names = sorted(p.name for p in data_dir.iterdir())
    assert "journal.jsonl.corrupt-20261120-101500" in names
    assert not any("2024091" in name for name in names)
    assert "2024-10-02" not in (data_dir / "cards.json").read_text()
    with VisitStore.open_writer(data_dir) as store:   # the index still loads, card not new
        assert regular.token in store.cards


def test_the_rooms_name_and_contact_are_in_the_readers_language(site):
    arabic = as_text(site, "ar")
    assert "Buurtwerkkamer" not in arabic and "coördinator" not in arabic
    assert "اسأل منسّق المكان أو أحد المتطوعين." in arabic
    assert "غرفة حي لايدسه راين" in arabic.splitlines()[0]
    tigrinya = as_text(site, "ti")
    assert not re.search("[A-Za-z]", tigrinya)  # Ethiopic only: nothing Dutch left in it
    assert "Buurtwerkkamer Leidsche Rijn" in as_text(site, "nl").splitlines()[0]


def test_a_language_without_its_own_texts_gets_the_dutch_ones():
    text = site_text().replace('ar = "غرفة حي لايدسه راين"\n', "").replace(
        'ar = "منسّق المكان أو أحد المتطوعين"\n', "")
    arabic = as_text(parse_config(text, "site.toml"), "ar")
    assert "Buurtwerkkamer Leidsche Rijn" in arabic
    assert "de coördinator van de buurtwerkkamer" in arabic


@pytest.mark.parametrize("months, ukrainian", [(13, "13 місяців"), (24, "24 місяці"),
                                               (61, "61 місяць")])
def test_the_retention_months_take_the_form_their_number_needs(months, ukrainian):
    site = parse_config(site_text().replace("retention_months = 24",
                                            f"retention_months = {months}"), "site.toml")
    assert f"Через {ukrainian} " in as_text(site, "uk")
    assert f"Na {months} maanden" in as_text(site, "nl")
