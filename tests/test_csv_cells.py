"""No CSV the kiosk writes can run a formula in a spreadsheet, and the kiosk still reads
its own day files back exactly (kiosk/csv_cells.py)."""

import csv
import io
import tempfile
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.config import parse_config
from kiosk.csv_cells import original_text, safe_cell, writer
from kiosk.export import DIALECTS, render_day
from kiosk.export_job import run_export
from kiosk.export_reader import read_export
from kiosk.visits import Visit
from tests.conftest import AMSTERDAM, site_text

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1;2)", "-2+3", '@HYPERLINK("http://x.example")',
           "\t=1+1", "\r=1+1", "\uff1d1+1", "\uff0bSUM(1;2)", "\uff0d2+3", "\uff20SUM(1)",
           " =1+1", "'=1+1", "''-2+3"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cells(data: bytes | str, delimiter: str) -> list[str]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            for cell in row]


def assert_no_formula(data: bytes | str, delimiter: str) -> list[str]:
    found = cells(data, delimiter)
    assert found
    for cell in found:
        assert not cell.startswith(DANGEROUS), cell
        assert not cell.lstrip().startswith(DANGEROUS), cell
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_gets_one_leading_quote(text):
    assert safe_cell(text) == "'" + text
    assert original_text(safe_cell(text)) == text


@pytest.mark.parametrize("value", [0, 7, -3, 83.5, "12", "-3", "83,3", "-83,3", "0.5"])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("text", ["Kookclub", "a=b", "'quoted", "", "B1234ABCD", "2026-11-26"])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text == original_text(text)


@given(st.text())
def test_no_written_cell_starts_a_formula(text):
    for dialect in DIALECTS.values():
        buffer = io.StringIO(newline="")
        writer(buffer, dialect.delimiter).writerow([text, "x"])
        [written, _] = cells(buffer.getvalue(), dialect.delimiter)
        assert not written.lstrip().startswith(DANGEROUS)
        assert original_text(written) == text


def _visit(text: str, day: datetime, seq: int = 1) -> Visit:
    return Visit(kind="checkin", site=text, utc=day.astimezone(timezone.utc), local=day,
                 language=text, clock_synced=True, activity=text, topic=text, card=text,
                 seq=seq)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1))
def test_any_text_reads_back_as_written_in_both_dialects(text):
    day = datetime(2026, 11, 26, 10, tzinfo=AMSTERDAM)
    with tempfile.TemporaryDirectory() as folder:
        for dialect in DIALECTS.values():
            path = Path(folder) / f"visits-{dialect.name}.csv"
            path.write_bytes(render_day([_visit(text, day)], dialect))
            [back] = read_export(path, AMSTERDAM)
            assert (back.site, back.activity, back.topic, back.card, back.language) == \
                (text,) * 5


def hostile_site(**names):
    """The default site file with activity names replaced (TOML basic strings)."""
    text = site_text()
    for old, new in names.items():
        escaped = new.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") \
            .replace("\r", "\\r")
        text = text.replace(f'nl = "{old}"', f'nl = "{escaped}"', 1)
    return text


HOSTILE_NAMES = {"Kookclub": "=cmd|' /C calc'!A0", "Ontbijt": "@HYPERLINK(\"http://x\")",
                 "Computer leren": "-2+3", "Tuin": "+SUM(1;2)",
                 "Opruimen": "\uff1d1+1"}


@pytest.fixture
def hostile_history(tmp_path, monkeypatch):
    """A site file with formula-like activity names; yesterday's visits in the store,
    among them a visit whose activity id (from an older site file) is a formula."""
    from kiosk.store import VisitStore

    config = tmp_path / "site.toml"
    config.write_text(hostile_site(**HOSTILE_NAMES), "utf-8")
    site = parse_config(config.read_text("utf-8"), str(config))
    assert {a.name("nl") for a in site.activities} >= set(HOSTILE_NAMES.values())
    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    yesterday = datetime.now(AMSTERDAM).date() - timedelta(days=1)
    moment = datetime.combine(yesterday, time(10), AMSTERDAM)
    with VisitStore.open_writer(data, fsync=False) as store:
        for index, activity in enumerate(["kookclub", "inloop", "=1+1", "-2+3"]):
            store.append(Visit(kind="checkin", site=site.site_id,
                               utc=moment.astimezone(timezone.utc), local=moment,
                               language="nl", clock_synced=True, activity=activity,
                               card=f"B{index:012d}"))
        store.compact()
    return site, data, yesterday


@pytest.mark.parametrize("dialect", DIALECTS)
def test_day_export_and_nightly_summary_hold_no_formula(hostile_history, tmp_path, dialect):
    site, data, yesterday = hostile_history
    run = run_export(site, data, tmp_path / "exports", dialect=dialect)
    delimiter = DIALECTS[dialect].delimiter
    [day] = run.files
    assert {"'=1+1", "'-2+3"} <= set(assert_no_formula(day.read_bytes(), delimiter))
    written = assert_no_formula(run.summary.read_bytes(), delimiter)
    assert {"'" + name for name in HOSTILE_NAMES.values()} <= set(written)
    # The day file still reads back as the visits that were stored.
    assert {v.activity for v in read_export(day, site.timezone)} == \
        {"kookclub", "inloop", "=1+1", "-2+3"}


@pytest.mark.parametrize("dialect", DIALECTS)
def test_report_csv_holds_no_formula(hostile_history, tmp_path, dialect, capsys):
    _, _, yesterday = hostile_history
    out = tmp_path / "report.csv"
    assert main(["report", "--period", yesterday.strftime("%Y-%m"), "--format", "csv",
                 "--dialect", dialect, "--out", str(out)]) == 0
    written = assert_no_formula(out.read_bytes(), DIALECTS[dialect].delimiter)
    assert {"'" + name for name in HOSTILE_NAMES.values()} <= set(written)
    assert {"'=1+1", "'-2+3"} <= set(written)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_report_from_a_foreign_export_holds_no_formula(tmp_path, monkeypatch, capsys, dialect):
    """Another kiosk's file, written by hand or by a hostile tool: raw formulas in it."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    from kiosk.export import COLUMNS

    raw = io.StringIO(newline="")
    plain = csv.writer(raw, lineterminator="\r\n")  # no safe_cell: what an attacker writes
    plain.writerow(COLUMNS)
    plain.writerow(["=cmd|' /C calc'!A0", "2026-11-26", "10:00:00", "checkin", "@SUM(1)", "",
                    "+B1", "1", "nl", "1", "", "1", "0", "", "0"])
    (foreign / "visits-2026-11-26.csv").write_bytes(raw.getvalue().encode())
    out = tmp_path / "report.csv"
    assert main(["report", "--period", "2026-11", "--format", "csv", "--dialect", dialect,
                 "--exports", str(foreign), "--out", str(out)]) == 0
    written = assert_no_formula(out.read_bytes(), DIALECTS[dialect].delimiter)
    assert {"'=cmd|' /C calc'!A0", "'@SUM(1)"} <= set(written)
