"""Reading the CSV exports back (kiosk/export_reader.py): the quick path builds exactly the
visit the precise path builds, and a whole file reads as a plain reference reader reads it
(csv.DictReader, every cell through original_text, every row converted field by field):
the same visits, or the same message. Then what a coordinator's copies do to the files:
the same visit in several files, a spreadsheet's save, its empty rows."""

import csv
import io
import itertools
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.csv_cells import original_text
from kiosk.demo import fill
from kiosk.export import ADDED_COLUMNS, COLUMNS, DIALECTS, render_day
from kiosk.export_reader import Columns, ExportError, read_export, read_exports
from kiosk.store import VisitStore
from kiosk.visits import FEEDBACK, KINDS, Visit
from tests.conftest import AMSTERDAM, THURSDAY_MORNING
from tests.resave import DATE_STYLES, FLAG_STYLES, TIME_STYLES, Spreadsheet, resave

TEXT = st.text(max_size=6) | st.sampled_from(["", "kookclub", "'=x", "''-2+3", "=1+1",
                                               "'kookclub", " '+1"])
FLAGS = st.sampled_from(["0", "1", "TRUE", "FALSE", "WAAR", "ONWAAR", "true", "Onwaar", " 1"])
NUMBERS = st.sampled_from(["", "7", " 7", "007", "12345"])
# What each column holds in a row the kiosk wrote, or a spreadsheet saved again ...
VALID = {
    "date": st.sampled_from(["2026-11-26", "2026-03-29", "2026-10-25", "26-11-2026",
                             "29-3-26", "2026/10/25"]),
    "time": st.sampled_from(["10:00:00", "02:30:00", "2:30:00", "23:59:59", "10:00", "9:05"]),
    "kind": st.sampled_from(KINDS),
    "first_visit": FLAGS, "clock_synced": FLAGS, "clock_suspect": FLAGS, "auto_closed": FLAGS,
    "queue_number": NUMBERS, "shift_minutes": NUMBERS,
    "seq": st.sampled_from(["1", "12", " 4", "0012"]),
    "answer": st.sampled_from(["", "", "4"]),
}
# ... and what a damaged, hand-edited or hostile file may hold instead (some of it read
# by the reader before it checked each spelling: "+7", "٧", "1_0", "20261126").
ODD = {
    "date": st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "'=1", "", "x",
                             "20261126", "2026-W48-4", "2/11/2026", "26/11/2026"]),
    "time": st.sampled_from(["25:00:00", "'-1", "'+10:00:00", "", "10h", "02:30:00.25",
                             "10:00:00+05:00", "0,4"]),
    "kind": st.sampled_from(["visit", "'checkin", "CHECKIN", ""]),
    "first_visit": st.sampled_from(["2", "'1", "", "ja", "WAHR"]),
    "queue_number": st.sampled_from(["'+7", "'-3", "x", "99999999999999999999", "1.5", "+7",
                                     "٧", "1_0", "-3"]),
    "seq": st.sampled_from(["", "x", "'-1", "-1", "+3", "'+3", "٣", "1.234"]),
    "answer": st.sampled_from(["0", "6", "+4", "'+4", "x", "1", "5"]),
    "site_id": st.just(""),
}


def cell(name, table):
    return st.one_of(table[name], TEXT) if name in table else TEXT


@st.composite
def headers(draw):
    names = list(draw(st.permutations(COLUMNS)))
    if draw(st.booleans()):
        names.remove("answer")   # an export from before the door survey
    if draw(st.integers(0, 4)) == 0:
        names.insert(draw(st.integers(0, len(names))),
                     draw(st.sampled_from(["extra", "kind", "seq", "date"])))
    return names


@st.composite
def rows(draw, names):
    cells = [draw(VALID.get(name, TEXT)) for name in names]
    for at in draw(st.lists(st.integers(0, max(0, len(names) - 1)), max_size=3 * bool(names))):
        cells[at] = draw(cell(names[at], ODD))   # damage
    change = draw(st.integers(0, 9))
    if change == 0:
        cells = cells[:draw(st.integers(0, len(cells)))]   # a short row
    elif change == 1:
        cells += draw(st.lists(TEXT, min_size=1, max_size=2))   # a long one
    return cells


def precise(columns, cells):
    try:
        return columns.checked(Path("f.csv"), 2, cells)
    except ExportError as error:
        return str(error)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_quick_path_builds_what_the_precise_path_builds_or_leaves_the_row_to_it(data):
    names = data.draw(headers())
    columns = Columns(names, AMSTERDAM)
    for _ in range(5):
        cells = data.draw(rows(names))
        expected = precise(columns, cells)
        if len(cells) != len(names):
            continue   # the reader never hands such a row to the quick path
        quick = columns.quick([original_text(c) for c in cells])
        if isinstance(expected, str):
            assert quick is None, expected
        elif quick is not None:
            assert quick == expected
            # Its UTC time made by subtracting the day's offset, not astimezone: the same
            # instant in the same time zone object.
            assert (quick.utc, quick.utc.tzinfo) == (expected.utc, expected.utc.tzinfo)


def test_the_quick_path_takes_every_row_the_kiosk_writes(site, tmp_path):
    # Not only "never wrong": a kiosk's own rows (every kind, with and without card,
    # a shift's minutes) take the quick path, else it would be slow for nothing.
    with VisitStore.open_writer(tmp_path, fsync=False) as store:
        fill(store, site, days=30, visits_per_day=40, today=date(2026, 11, 26))
        visits = store.visits()
    columns = Columns(list(COLUMNS), AMSTERDAM)
    kinds = set()
    for visit in visits:
        data = render_day([visit], DIALECTS["rfc4180"]).decode("utf-8")
        [_, cells] = csv.reader(io.StringIO(data, newline=""))
        quick = columns.quick(cells)
        assert quick is not None and quick == columns.checked(Path("f.csv"), 2, cells)
        assert (quick.kind, quick.card, quick.seq) == (visit.kind, visit.card, visit.seq)
        kinds.add(visit.kind)
    assert {"checkin", "question", "shift_start", "shift_end"} <= kinds


def read_as_before(path: Path) -> list[Visit] | str:
    """A plain reference reader: csv.DictReader, each row through the precise conversion,
    empty rows skipped, a row named by the line it ends on."""
    text = path.read_bytes().decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = Columns(reader.fieldnames or [], AMSTERDAM)
        if columns.missing:
            return f"{path}: not a kiosk export (missing columns: {', '.join(columns.missing)})"
        visits = []
        for row in reader:
            cells = [c for value in row.values()
                     for c in (value if isinstance(value, list) else [value or ""])]
            if "".join(cells).strip():
                visits.append(columns.visit_of_row(path, reader.line_num, row))
        return visits
    except csv.Error as error:
        return f"{path}, line {reader.line_num + 1}: cannot be read ({error})"
    except ExportError as error:
        return str(error)


@st.composite
def files(draw):
    names = draw(headers()) if draw(st.integers(0, 9)) else draw(st.lists(TEXT, max_size=3))
    delimiter = draw(st.sampled_from([";", ","]))
    lines = [names] + [draw(rows(names)) for _ in range(draw(st.integers(0, 4)))]
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(1, len(lines))), [])   # blank lines
    buffer = io.StringIO(newline="")
    if draw(st.booleans()):
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    else:   # by hand, no quoting: stray quotes and delimiters inside cells
        buffer.write("\n".join(delimiter.join(line) for line in lines))
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + buffer.getvalue()).encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=files())
def test_any_file_reads_as_it_did_before_the_quick_path(data, tmp_path):
    path = tmp_path / "visits-2026-11-26.csv"
    path.write_bytes(data)
    try:
        got = read_export(path, AMSTERDAM)
    except ExportError as error:
        got = str(error)
    assert got == read_as_before(path)


def test_an_export_from_before_the_answer_column_reads_without_answers(tmp_path):
    visit = Visit(kind="checkin", site="leidsche-rijn", utc=THURSDAY_MORNING,
                  local=THURSDAY_MORNING, language="ar", clock_synced=True,
                  activity="kookclub", card="B7K3MQ9X2HT4D", seq=4)
    data = render_day([visit], DIALECTS["excel-nl"]).decode("utf-8-sig")
    old = "\r\n".join(line.rsplit(";", 1)[0] for line in data.split("\r\n"))
    assert "answer" not in old and ADDED_COLUMNS == ("answer",)
    path = tmp_path / "visits-2026-11-26.csv"
    path.write_bytes(old.encode("utf-8-sig"))
    [back] = read_export(path, AMSTERDAM)
    assert back == visit and back.answer is None


def test_a_feedback_row_without_its_face_is_named_not_built(tmp_path):
    header = ";".join(COLUMNS)
    row = "leidsche-rijn;2026-11-26;10:00:00;feedback;kookclub;;;0;nl;1;;3;0;;0;"
    path = tmp_path / "visits-2026-11-26.csv"
    path.write_text(f"{header}\n{row}\n", "utf-8")
    try:
        read_export(path, AMSTERDAM)
    except ExportError as error:
        assert str(error) == (f"{path}, line 2, column answer: found nothing; a {FEEDBACK} "
                              "row holds the face tapped, 1 to 5")
    else:
        raise AssertionError("a feedback row without an answer was read")


def test_formula_looking_cells_read_back_through_the_quote_in_a_quick_read(tmp_path):
    # One quote character anywhere in a file sends every cell of it through
    # original_text: a hostile activity id and a plain queue number alike.
    header = ";".join(COLUMNS)
    rows = ["leidsche-rijn;2026-11-26;10:00:00;checkin;'=cmd|' /C calc'!A0;;;0;nl;1;;1;0;;0;",
            "leidsche-rijn;2026-11-26;10:05:00;question;;'-2+3;;0;nl;1;7;2;0;;0;",
            "leidsche-rijn;2026-11-26;10:06:00;checkin;''-2+3;;;0;nl;1;;3;0;;0;"]
    path = tmp_path / "visits-2026-11-26.csv"
    path.write_text("\n".join([header, *rows]), "utf-8")
    first, second, third = read_export(path, AMSTERDAM)
    assert first.activity == "=cmd|' /C calc'!A0"
    assert (second.topic, second.queue_number) == ("-2+3", 7)
    assert third.activity == "'-2+3"


def test_dates_and_times_parsed_once_are_the_same_visits_across_files(tmp_path):
    # The read shares its parsed dates and times between files: two sites' files of the
    # same day give each its own visits, in the order of the files.
    header = ";".join(COLUMNS)
    for site in ("terwijde", "vleuten"):
        folder = tmp_path / site
        folder.mkdir()
        rows = [f"{site};2026-11-26;10:00:00;checkin;kookclub;;;0;nl;1;;{n};0;;0;"
                for n in range(1, 4)]
        (folder / "visits-2026-11-26.csv").write_text("\n".join([header, *rows]), "utf-8")
    visits = read_exports([tmp_path / "vleuten", tmp_path / "terwijde"], AMSTERDAM)
    assert [(v.site, v.seq) for v in visits] == \
        list(itertools.product(["terwijde", "vleuten"], [1, 2, 3]))
    assert {v.local for v in visits} == {THURSDAY_MORNING}


# --- Files from several rooms' sticks, copied and saved again by a spreadsheet ----------

def visits_of(site_id: str, day: date, seqs, activity: str = "kookclub") -> list[Visit]:
    """Visits as a kiosk records them: cards, new people, times with seconds."""
    made = []
    for seq in seqs:
        local = datetime(day.year, day.month, day.day, 9 + seq % 9, seq % 60, 7 + seq % 50,
                         tzinfo=AMSTERDAM)
        made.append(Visit(kind="checkin", site=site_id, utc=local.astimezone(timezone.utc),
                          local=local, language="nl", clock_synced=seq % 3 != 0,
                          activity=activity, card=f"B{seq:012d}" if seq % 4 else None,
                          first_visit=seq % 4 == 1, seq=seq, clock_suspect=seq % 7 == 0))
    return made


def write_day(folder: Path, visits: list[Visit], name: str | None = None,
              dialect: str = "excel-nl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"visits-{visits[0].local_date.isoformat()}.csv")
    path.write_bytes(render_day(visits, DIALECTS[dialect]))
    return path


def without_seconds(visit: Visit) -> Visit:
    local = visit.local.replace(second=0)
    return replace(visit, local=local, utc=local.astimezone(timezone.utc))


def test_a_day_file_in_two_folders_or_copied_under_another_name_is_counted_once(tmp_path):
    monday, tuesday = date(2026, 11, 2), date(2026, 11, 3)
    recorded = visits_of("terwijde", monday, range(1, 6)) + \
        visits_of("terwijde", tuesday, range(6, 9))
    for folder in ("stick-a", "stick-b"):
        write_day(tmp_path / folder, recorded[:5])
        write_day(tmp_path / folder, recorded[5:])
    # Windows's name for a copy in the same folder, and a copy in the other dialect.
    write_day(tmp_path / "stick-a", recorded[:5], "visits-2026-11-02 - Kopie.csv")
    write_day(tmp_path / "stick-b", recorded[:5], "visits-2026-11-02 (1).csv", "rfc4180")
    warnings: list[str] = []
    read = read_exports([tmp_path / "stick-a", tmp_path / "stick-b"], AMSTERDAM, warnings)
    assert sorted(read, key=lambda v: v.seq) == recorded
    assert warnings == []


def test_the_same_seq_at_two_sites_is_two_visits(tmp_path):
    day = date(2026, 11, 2)
    write_day(tmp_path / "a", visits_of("terwijde", day, [1, 2]))
    write_day(tmp_path / "b", visits_of("vleuten", day, [1, 2]))
    read = read_exports([tmp_path / "a", tmp_path / "b"], AMSTERDAM)
    assert sorted((v.site, v.seq) for v in read) == \
        [("terwijde", 1), ("terwijde", 2), ("vleuten", 1), ("vleuten", 2)]


def test_a_kiosk_started_again_from_nothing_counts_its_new_visits_too(tmp_path):
    # A new SD card without a backup: the same site id, its seq from 1 again on later days.
    before = visits_of("terwijde", date(2026, 10, 5), [1, 2, 3])
    after = visits_of("terwijde", date(2026, 11, 2), [1, 2])
    write_day(tmp_path / "old-stick", before)
    write_day(tmp_path / "new-stick", after)
    write_day(tmp_path / "new-stick-copy", after)     # and a copy of the new ones
    warnings: list[str] = []
    read = read_exports([tmp_path / "old-stick", tmp_path / "new-stick",
                         tmp_path / "new-stick-copy"], AMSTERDAM, warnings)
    assert sorted((v.local.date(), v.seq) for v in read) == sorted(
        (v.local.date(), v.seq) for v in before + after)
    assert warnings == []


def test_one_visit_in_two_files_with_a_changed_cell_is_counted_once_with_one_warning(tmp_path):
    day = date(2026, 11, 2)
    recorded = visits_of("terwijde", day, range(1, 6))
    first = write_day(tmp_path / "stick-a", recorded)
    changed = [replace(v, activity="inloop") if v.seq in (2, 4) else v for v in recorded]
    second = write_day(tmp_path / "stick-b", changed, "visits-2026-11-02 bewerkt.csv")
    warnings: list[str] = []
    read = read_exports([tmp_path / "stick-a", tmp_path / "stick-b"], AMSTERDAM, warnings)
    assert sorted(read, key=lambda v: v.seq) == recorded   # as the file read first has it
    [warning] = warnings
    assert "\n" not in warning
    for text in (str(first), str(second), "2 visits", "terwijde", "seq 2", "line 3",
                 "activity", "'kookclub'", "'inloop'", "counted once", f"as {first.name}"):
        assert text in warning, (text, warning)


def test_changed_cells_in_many_files_give_a_warning_per_pair_of_files(tmp_path):
    recorded = {day: visits_of("terwijde", date(2026, 11, day), range(10 * day, 10 * day + 3))
                for day in (2, 3)}
    for day, visits in recorded.items():
        write_day(tmp_path / "a", visits)
        write_day(tmp_path / "b", [replace(v, language="ar") for v in visits])
    warnings: list[str] = []
    assert len(read_exports([tmp_path / "a", tmp_path / "b"], AMSTERDAM, warnings)) == 6
    assert len(warnings) == 2
    assert all("3 visits" in w and "language" in w for w in warnings)


@pytest.mark.parametrize("spelling, new", [("1", True), ("0", False), ("TRUE", True),
                                           ("FALSE", False), ("WAAR", True),
                                           ("ONWAAR", False), ("true", True), ("Waar", True),
                                           (" 1 ", True)])
def test_first_visit_reads_in_the_spellings_a_spreadsheet_writes(tmp_path, spelling, new):
    header = ";".join(COLUMNS)
    row = f"terwijde;2026-11-02;10:00:00;checkin;kookclub;;B000000000001;{spelling};nl;1;;1;0;;0;"
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text(f"{header}\r\n{row}\r\n", "utf-8")
    [visit] = read_export(path, AMSTERDAM)
    assert visit.first_visit is new


@pytest.mark.parametrize("column, found, expected", [
    ("first_visit", "JA", "expected 1 or 0 (a spreadsheet's TRUE or FALSE, WAAR or ONWAAR"),
    ("first_visit", "", "found nothing; expected 1 or 0"),
    ("first_visit", "2", "found '2'; expected 1 or 0"),
    ("clock_synced", "yes", "found 'yes'; expected 1 or 0"),
    ("clock_suspect", "-1", "found '-1'; expected 1 or 0"),
    ("auto_closed", "0,0", "found '0,0'; expected 1 or 0"),
    ("seq", "1.234", "found '1.234'; expected a whole number"),
    ("seq", "+3", "found '+3'; expected a whole number"),
    ("seq", "٣", "found '٣'; expected a whole number"),
    ("seq", "", "found nothing; expected a whole number"),
    ("queue_number", "7,5", "found '7,5'; expected a whole number"),
    ("shift_minutes", "1_0", "found '1_0'; expected a whole number"),
    ("answer", "4.0", "found '4.0'; expected a whole number"),
    ("kind", "CHECKIN", "found 'CHECKIN'; expected one of checkin, question"),
    ("site_id", "", "found nothing; expected the id of the kiosk's site"),
])
def test_a_cell_a_spreadsheet_does_not_write_is_refused_naming_file_line_and_column(
        tmp_path, column, found, expected):
    visit = visits_of("terwijde", date(2026, 11, 2), [5])[0]
    data = render_day([visit, replace(visit, seq=6)], DIALECTS["rfc4180"]).decode()
    lines = data.split("\r\n")
    cells = next(csv.reader([lines[2]]))
    cells[COLUMNS.index(column)] = found
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="").writerow(cells)
    lines[2] = buffer.getvalue()
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text("\r\n".join(lines), "utf-8")
    with pytest.raises(ExportError) as raised:
        read_export(path, AMSTERDAM)
    message = str(raised.value)
    assert message.startswith(f"{path}, line 3, column {column}: "), message
    assert expected in message and "\n" not in message


@pytest.mark.parametrize("written, read", [
    ("2026-11-02", date(2026, 11, 2)), ("02-11-2026", date(2026, 11, 2)),
    ("2-11-2026", date(2026, 11, 2)), ("2-11-26", date(2026, 11, 2)),
    ("02-11-26", date(2026, 11, 2)), ("2026/11/02", date(2026, 11, 2)),
    ("31-12-2026", date(2026, 12, 31))])
def test_dates_a_dutch_spreadsheet_writes_read_back(tmp_path, written, read):
    header = ";".join(COLUMNS)
    row = f"terwijde;{written};9:05;checkin;kookclub;;;0;nl;1;;1;0;;0;"
    path = tmp_path / "visits.csv"
    path.write_text(f"{header}\n{row}\n", "utf-8")
    [visit] = read_export(path, AMSTERDAM)
    assert visit.local == datetime.combine(read, datetime.min.time(), AMSTERDAM).replace(
        hour=9, minute=5)


@pytest.mark.parametrize("column, written, expected", [
    ("date", "2/11/2026", ["with slashes the order of day and month depends on the "
                           "spreadsheet (Dutch: 2 November, American: 11 February)"]),
    ("date", "11/2/2026", ["(Dutch: 11 February, American: 2 November)"]),
    ("date", "26/11/2026", ["(Dutch: 26 November, American: no such day)"]),
    ("date", "2026-W45-1", ["expected a date such as 2026-11-02"]),
    ("date", "20261102", ["expected a date such as 2026-11-02"]),
    ("date", "46328", ["found '46328'; expected a date"]),   # a date cell saved as a number
    ("date", "30-02-2026", ["there is no such day"]),
    ("time", "0,378576", ["expected a time of day such as 14:05:09 (also read: 9:05)"]),
    ("time", "9.05", ["expected a time of day"]),
    ("time", "24:00", ["expected a time of day"]),
    ("time", "09:05:09.25", ["expected a time of day"]),
    ("time", "10:00:00+05:00", ["expected a time of day"]),
])
def test_a_date_or_time_that_cannot_be_read_back_says_what_to_do(tmp_path, column, written,
                                                                 expected):
    cells = {"date": "2026-11-02", "time": "09:05:09"} | {column: written}
    header = ";".join(COLUMNS)
    row = f"terwijde;{cells['date']};{cells['time']};checkin;kookclub;;;0;nl;1;;1;0;;0;"
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text(f"{header}\n{row}\n", "utf-8")
    with pytest.raises(ExportError) as raised:
        read_export(path, AMSTERDAM)
    message = str(raised.value)
    assert message.startswith(f"{path}, line 2, column {column}: found {written!r}")
    assert "open the original file from the kiosk's USB stick" in message
    format_ = "yyyy-mm-dd" if column == "date" else "hh:mm:ss"
    assert f"give the {column} column the format {format_}" in message
    for text in expected:
        assert text in message, message


@pytest.mark.parametrize("dialect, empty", [
    ("excel-nl", ";;;;;;;;;;;;;;;"), ("rfc4180", ",,,,,,,,,,,,,,,"), ("rfc4180", ",,,,"),
    ("excel-nl", ";"), ("excel-nl", " ; ; "), ("excel-nl", '"";""'),
    ("excel-nl", " ;" * 15 + " "), ("excel-nl", ";" * 17)])
def test_empty_rows_a_spreadsheet_adds_are_skipped(tmp_path, dialect, empty):
    recorded = visits_of("terwijde", date(2026, 11, 2), range(1, 4))
    data = render_day(recorded, DIALECTS[dialect]).decode("utf-8-sig")
    head, *rows = data.rstrip("\r\n").split("\r\n")
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text("\r\n".join([head, rows[0], empty, *rows[1:], empty, empty]) + "\r\n",
                    "utf-8-sig")
    assert read_export(path, AMSTERDAM) == recorded


def test_a_row_after_an_empty_one_is_named_by_its_line_in_the_file(tmp_path):
    header = ";".join(COLUMNS)
    good = "terwijde;2026-11-02;10:00:00;checkin;kookclub;;;0;nl;1;;1;0;;0;"
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text("\r\n".join([header, good, "", ";;;", good.replace(";1;0;;0;", ";x;0;;0;")]),
                    "utf-8")
    with pytest.raises(ExportError, match=r", line 5, column seq: found 'x'"):
        read_export(path, AMSTERDAM)


def test_a_row_with_more_cells_than_the_header_is_refused_unless_they_are_empty(tmp_path):
    header = ";".join(COLUMNS)
    good = "terwijde;2026-11-02;10:00:00;checkin;kookclub;;;0;nl;1;;1;0;;0;"
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_text(f"{header}\n{good};;\n", "utf-8")
    [visit] = read_export(path, AMSTERDAM)
    assert visit.seq == 1
    path.write_text(f"{header}\n{good};x;\n", "utf-8")
    with pytest.raises(ExportError, match=r", line 2: 18 cells under a header of 16 "
                                          r"columns \(cell 17 holds 'x'\)"):
        read_export(path, AMSTERDAM)


SPREADSHEETS = st.builds(
    Spreadsheet, flags=st.sampled_from(sorted(FLAG_STYLES)),
    dates=st.sampled_from(sorted(DATE_STYLES)), times=st.sampled_from(sorted(TIME_STYLES)),
    delimiter=st.sampled_from([";", ","]), bom=st.booleans(), empty_rows=st.integers(0, 3),
    trailing_cells_left_off=st.booleans())


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sheet=SPREADSHEETS, dialect=st.sampled_from(sorted(DIALECTS)),
       seqs=st.lists(st.integers(1, 5000), min_size=1, max_size=8, unique=True))
def test_a_file_saved_again_by_a_spreadsheet_reads_as_the_original(tmp_path, sheet, dialect,
                                                                   seqs):
    recorded = sorted(visits_of("terwijde", date(2026, 11, 2), seqs), key=lambda v: v.seq)
    path = tmp_path / "visits-2026-11-02.csv"
    path.write_bytes(resave(render_day(recorded, DIALECTS[dialect]), sheet))
    expected = [without_seconds(v) for v in recorded] if sheet.drops_seconds else recorded
    assert read_export(path, AMSTERDAM) == expected
    # ... and quickly: every row the spreadsheet wrote takes the quick path.
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sheet.delimiter)
    names = next(reader)
    columns = Columns(names, AMSTERDAM)
    for cells in reader:
        if any(cells):
            cells += [""] * (len(names) - len(cells))
            assert columns.quick(cells) is not None, cells


@st.composite
def copied_sticks(draw):
    """Two rooms' day files, each written one or more times (a night's export, a later
    one with a late visit, a copy under another name, a spreadsheet's save) into one or
    more folders."""
    recorded = []
    for site_id, first_seq in (("terwijde", 1), ("vleuten", 1)):
        for offset in range(draw(st.integers(1, 3))):
            day = date(2026, 11, 2 + offset)
            count = draw(st.integers(1, 4))
            recorded.append(visits_of(site_id, day, range(first_seq, first_seq + count)))
            first_seq += count
    files = []
    for day_visits in recorded:
        copies = draw(st.integers(1, 3))
        for copy in range(copies):
            # A copy may hold fewer visits: an export of a day before its late visit came.
            held = day_visits if copy == 0 else \
                day_visits[:draw(st.integers(1, len(day_visits)))]
            files.append((held, draw(st.sampled_from(["a", "b", "c"])),
                          draw(st.sampled_from(["", " (1)", " - Kopie"])),
                          draw(st.none() | SPREADSHEETS)))
    return recorded, draw(st.permutations(files))


@settings(max_examples=100, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sticks=copied_sticks())
def test_each_visit_is_read_once_however_its_files_were_copied(tmp_path_factory, sticks):
    recorded, files = sticks
    root = tmp_path_factory.mktemp("sticks")
    for index, (held, folder, suffix, sheet) in enumerate(files):
        site_folder = root / folder / held[0].site
        site_folder.mkdir(parents=True, exist_ok=True)
        name = f"visits-{held[0].local_date.isoformat()}{suffix}.csv"
        while (site_folder / name).exists():
            name = name.replace(".csv", "x.csv")
        data = render_day(held, DIALECTS["excel-nl"])
        (site_folder / name).write_bytes(resave(data, sheet) if sheet else data)
    warnings: list[str] = []
    folders = sorted({p.parent for p in root.glob("*/*/*.csv")})
    read = read_exports(folders, AMSTERDAM, warnings)
    assert warnings == []
    by_key = {(v.site, v.seq): v for v in read}
    assert len(by_key) == len(read)   # none twice
    everything = [v for day_visits in recorded for v in day_visits]
    assert set(by_key) == {(v.site, v.seq) for v in everything}
    for visit in everything:
        # Exactly as recorded, or without seconds when every copy lost them.
        assert by_key[visit.site, visit.seq] in (visit, without_seconds(visit))


def test_a_visit_twice_in_one_file_with_a_changed_cell_is_a_warning_naming_its_lines(
        tmp_path):
    recorded = visits_of("terwijde", date(2026, 11, 2), range(1, 4))
    path = write_day(tmp_path, recorded + [replace(recorded[1], card=None)])
    warnings: list[str] = []
    assert read_exports([tmp_path], AMSTERDAM, warnings) == recorded
    assert warnings == [f"{path} holds 1 visit twice (site terwijde, seq 2) with different "
                        "cells, first at line 3 / line 4: card 'B000000000002' / ''; each is "
                        "counted once, as its first row has it"]


def test_a_copy_without_seconds_read_first_gives_way_to_the_one_with_them(tmp_path):
    recorded = visits_of("terwijde", date(2026, 11, 2), range(1, 4))
    original = render_day(recorded, DIALECTS["excel-nl"])
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "visits-2026-11-02.csv").write_bytes(
        resave(original, Spreadsheet(times="h:mm")))
    write_day(tmp_path / "b", recorded)
    warnings: list[str] = []
    assert read_exports([tmp_path / "a", tmp_path / "b"], AMSTERDAM, warnings) == recorded
    assert warnings == []
