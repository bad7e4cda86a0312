"""The month tallies the store keeps (digests): the report and the Cijfers tab count the
same from them as from every visit, and a month file that changes is counted again."""

import json
import shutil
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.counting import count
from kiosk.demo import fill
from kiosk.month_counts import period_tallies
from kiosk.numbers_at_a_glance import MonthSummaries, glance
from kiosk.periods import parse_period, tertiaal_of, year
from kiosk.report import build_report, report_counts, report_from_counts, report_visits
from kiosk.store import VisitStore
from kiosk.visits import CHECKIN, Visit
from tests.conftest import AMSTERDAM

TODAY = date(2026, 11, 26)
PERIODS = ["2026", "2025", "2026-T3", "2026-11", "2026-10", "2026-02-10..2026-05-20"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Fourteen months of visits in month files, another site's among them."""
    from kiosk.config import parse_config
    from tests.conftest import site_text

    folder = tmp_path_factory.mktemp("history")
    with VisitStore.open_writer(folder, fsync=False) as store:
        fill(store, parse_config(site_text(), "site.toml"), days=420, visits_per_day=8,
             today=TODAY)
        for day in range(0, 400, 9):
            store.append(_visit(datetime(2026, 11, 20, 11, tzinfo=AMSTERDAM)
                                - timedelta(days=day), site="vleuten", card=f"V{day % 40}"))
    return folder


@pytest.fixture
def history(template, data_dir):
    """The template's history, and this morning's visits still in the journal."""
    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    with VisitStore.open_writer(data_dir, fsync=False) as store:
        store.append(_visit(datetime(2026, 11, 26, 9, tzinfo=AMSTERDAM), card="K-new"))
        yield store


def _visit(at: datetime, activity="kookclub", card=None, site="leidsche-rijn",
           synced=True) -> Visit:
    return Visit(kind=CHECKIN, site=site, utc=at.astimezone(timezone.utc), local=at,
                 language="nl", clock_synced=synced, activity=activity, card=card)


def _both_ways(store, site, label):
    """The report from every visit (the reference) and from the kept tallies."""
    period = parse_period(label)
    visits, since = report_visits(store, period)
    counted = report_counts(store, period)
    assert counted.complete_from == since
    reports = []
    for site_id in ("leidsche-rijn", "vleuten", None):
        chosen = [v for v in visits if site_id is None or v.site == site_id]
        reports.append((build_report(chosen, period, site, "nl", today=TODAY,
                                     complete_from=since),
                        report_from_counts(counted.counts(site_id), period, site, "nl",
                                           today=TODAY, complete_from=since)))
    return counted, reports


@pytest.mark.parametrize("label", PERIODS)
def test_the_report_from_kept_tallies_is_the_report_from_every_visit(history, site, label):
    for attempt in ("made now", "read back"):
        counted, reports = _both_ways(history, site, label)
        for from_visits, from_tallies in reports:
            assert from_tallies == from_visits, attempt
        assert counted.sites == ["leidsche-rijn", "vleuten"]


def test_a_reader_counts_the_same_and_keeps_what_it_made(history, site, data_dir):
    history.compact()
    for digest in data_dir.glob("digest-*.json"):
        digest.unlink()
    reader = VisitStore.open_reader(data_dir)
    _, reports = _both_ways(reader, site, "2026")
    assert all(a == b for a, b in reports)
    assert sorted(p.name for p in data_dir.glob("digest-*.json")) == \
        [f"digest-{m}.json" for m in history.months()]


def _count_reads(store, monkeypatch) -> list[str]:
    read = []
    real = store.read_month
    monkeypatch.setattr(store, "read_month", lambda label: read.append(label) or real(label))
    return read


def test_a_closed_month_is_read_once_whichever_process_asks(history, site, monkeypatch):
    report_counts(history, year(2026))
    read = _count_reads(history, monkeypatch)
    report_counts(history, year(2026))
    assert read == ["2026-11"]  # the month with journal visits, read with the journal
    read.clear()
    MonthSummaries().glance(history, year(2026), site, TODAY)  # a restarted kiosk
    assert read == ["2026-11"]  # the running month, never a closed one


def test_a_late_visit_after_a_clock_jump_is_counted_in_its_closed_month(
        history, site, data_dir, monkeypatch):
    summaries = MonthSummaries()
    period = tertiaal_of(TODAY)
    before = summaries.glance(history, period, site, TODAY)
    report_before = report_counts(history, period).counts()[0]
    october = json.loads((data_dir / "digest-2026-10.json").read_text())

    # The Pi lost power and woke up believing it is 10 October: a visit lands there.
    late = history.append(_visit(datetime(2026, 10, 10, 10, tzinfo=AMSTERDAM),
                                 activity="budgetadvies", card="K-late", synced=False))
    assert late.month == "2026-10"

    def check(store):
        numbers = summaries.glance(store, period, site, TODAY)
        assert numbers.visits == before.visits + 1
        assert numbers == glance(store.visits(), period, site, TODAY)
        counts = report_counts(store, period).counts()[0]
        assert counts.total.visits == report_before.total.visits + 1
        assert "K-late" in counts.activities["budgetadvies"].cards
        assert counts == count(store.visits(period.first, period.last), period)

    check(history)          # still in the journal
    history.compact()       # now in visits-2026-10.json, whose digest no longer matches
    read = _count_reads(history, monkeypatch)
    check(history)
    assert "2026-10" in read
    kept = json.loads((data_dir / "digest-2026-10.json").read_text())
    assert kept["identity"] != october["identity"]
    # A restarted kiosk and `kiosk report` in another process see it too.
    summaries = MonthSummaries()
    check(VisitStore.open_reader(data_dir))


def test_a_damaged_or_foreign_digest_is_made_again(history, site, data_dir):
    period = year(2026)
    right = report_counts(history, period).counts()
    (data_dir / "digest-2026-03.json").write_bytes(b"\x00{not json")
    kept = json.loads((data_dir / "digest-2026-04.json").read_text())
    for digest in kept["digests"].values():
        digest["sites"]["leidsche-rijn"]["activities"] = "a flipped bit"
    (data_dir / "digest-2026-04.json").write_text(json.dumps(kept))
    assert report_counts(history, period).counts() == right
    assert json.loads((data_dir / "digest-2026-03.json").read_text())["month"] == "2026-03"
    kept = json.loads((data_dir / "digest-2026-04.json").read_text())
    assert all(isinstance(d["sites"]["leidsche-rijn"]["activities"], list)
               for d in kept["digests"].values())  # made again, not only worked around
    assert history.health.ok


def test_a_tally_kept_before_the_damaged_month_fix_is_made_again(history, site, data_dir):
    # A reader before "tallies-3" could keep the tally of a damaged month file: what the
    # damage left, well-formed and wrong. Such a tally, of the same month file, is not read.
    from kiosk import month_counts

    period = year(2026)
    right = report_counts(history, period).counts()
    kept = json.loads((data_dir / "digest-2026-04.json").read_text())
    emptied = json.loads(json.dumps(kept["digests"][month_counts.DIGEST]))
    emptied["sites"] = {}
    kept["digests"] = {"tallies-2": emptied}
    (data_dir / "digest-2026-04.json").write_text(json.dumps(kept))
    assert report_counts(history, period).counts() == right


def test_a_digest_that_cannot_be_written_costs_only_time(history, site, data_dir,
                                                          monkeypatch):
    import kiosk.store

    def full_disk(path, value, durable=True):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kiosk.store, "write_json_atomic", full_disk)
    for digest in data_dir.glob("digest-*.json"):
        digest.unlink()
    counted, reports = _both_ways(history, site, "2026")
    assert all(a == b for a, b in reports)
    assert not list(data_dir.glob("digest-*.json"))


def test_a_digest_goes_with_its_month_and_stays_out_of_backups(history, data_dir):
    report_counts(history, year(2025))
    assert (data_dir / "digest-2025-10.json").exists()
    history.drop_month("2025-10")
    assert not (data_dir / "digest-2025-10.json").exists()
    assert (data_dir / "digest-2025-11.json").exists()
    assert not [name for name, _ in history.snapshot() if name.startswith("digest-")]


def test_a_period_that_holds_part_of_a_month_counts_its_days_only(history):
    period = parse_period("2026-10-05..2026-10-11")
    by_site = period_tallies(history, [period], period.first, period.last)
    counted = by_site["leidsche-rijn"][0].finish()
    assert counted == count([v for v in history.visits() if v.site == "leidsche-rijn"],
                            period)


def test_the_kiosk_prepares_every_month_at_idle(history, site, monkeypatch):
    summaries = MonthSummaries()
    while not summaries.prepare(history, "2026-11", budget_seconds=0.0):
        pass
    wanted = glance(history.visits(), year(2026), site, TODAY)
    read = _count_reads(history, monkeypatch)
    assert summaries.glance(history, year(2026), site, TODAY) == wanted
    assert read == []


def _prepared(history, site):
    summaries = MonthSummaries()
    while not summaries.prepare(history, "2026-11", budget_seconds=0.0):
        pass
    return summaries


def test_the_running_month_follows_each_compaction_without_reading_it(history, site,
                                                                       monkeypatch):
    summaries = _prepared(history, site)
    read = _count_reads(history, monkeypatch)
    for hour in (11, 12):
        history.append(_visit(datetime(2026, 11, 26, hour, tzinfo=AMSTERDAM),
                              activity="budgetadvies", card=f"K-{hour}"))
        history.compact()      # the upkeep: the compaction, then the numbers
        read.clear()           # (the compaction reads the month it writes)
        assert summaries.prepare(history, "2026-11")
        assert read == []
    wanted = glance(VisitStore.open_reader(history.directory).visits(), year(2026), site,
                    TODAY)
    assert summaries.glance(history, year(2026), site, TODAY) == wanted
    assert wanted.visits == glance([], year(2026), site, TODAY).visits + len(
        [v for v in history.visits() if v.kind == CHECKIN and v.local.year == 2026])


def test_two_compactions_unseen_or_a_record_set_aside_mean_reading_the_month(
        history, site, data_dir, monkeypatch):
    summaries = _prepared(history, site)
    for hour in (11, 12):  # two compactions before the numbers look again
        history.append(_visit(datetime(2026, 11, 26, hour, tzinfo=AMSTERDAM), card="K-2"))
        history.compact()
    read = _count_reads(history, monkeypatch)
    assert summaries.glance(history, year(2026), site, TODAY) == \
        glance(VisitStore.open_reader(data_dir).visits(), year(2026), site, TODAY)
    assert read == ["2026-11"]
    # A record of the month damaged by hand: the next compaction sets it aside (not only
    # an addition), so the month is read again rather than added to.
    path = data_dir / "visits-2026-11.json"
    document = json.loads(path.read_text())
    seq = next(iter(document["visits"]))
    document["visits"][seq]["kind"] = "a flipped bit"
    path.write_text(json.dumps(document))
    history.append(_visit(datetime(2026, 11, 26, 13, tzinfo=AMSTERDAM), card="K-3"))
    history.compact()
    read.clear()
    assert summaries.glance(history, year(2026), site, TODAY) == \
        glance(VisitStore.open_reader(data_dir).visits(), year(2026), site, TODAY)
    assert read == ["2026-11"]
