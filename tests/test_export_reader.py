"""Reading the CSV exports back (kiosk/export_reader.py): the quick path builds exactly the
visit the precise path builds, and a whole file reads as it did before the quick path
(csv.DictReader, every cell through original_text, every row converted field by field):
the same visits, or the same message."""

import csv
import io
import itertools
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.csv_cells import original_text
from kiosk.demo import fill
from kiosk.export import ADDED_COLUMNS, COLUMNS, DIALECTS, render_day
from kiosk.export_reader import Columns, ExportError, read_export, read_exports
from kiosk.store import VisitStore
from kiosk.visits import FEEDBACK, KINDS, Visit
from tests.conftest import AMSTERDAM, THURSDAY_MORNING

TEXT = st.text(max_size=6) | st.sampled_from(["", "kookclub", "'=x", "''-2+3", "=1+1",
                                               "'kookclub", " '+1"])
FLAGS = st.sampled_from(["0", "1", ""])
NUMBERS = st.sampled_from(["", "7", "+7", " 7", "٧", "1_0", "-3"])
# What each column holds in a row the kiosk wrote (or one that still reads) ...
VALID = {
    "date": st.sampled_from(["2026-11-26", "2026-03-29", "2026-10-25", "20261126",
                             "2026-W48-4"]),
    "time": st.sampled_from(["10:00:00", "02:30:00", "02:30:00.25", "23:59:59", "10:00",
                             "10:00:00+05:00"]),
    "kind": st.sampled_from(KINDS),
    "first_visit": FLAGS, "clock_synced": FLAGS, "clock_suspect": FLAGS, "auto_closed": FLAGS,
    "queue_number": NUMBERS, "shift_minutes": NUMBERS,
    "seq": st.sampled_from(["1", "12", "+3", "'+3", " 4"]),
    "answer": st.sampled_from(["", "", "4"]),
}
# ... and what a damaged, hand-edited or hostile file may hold instead.
ODD = {
    "date": st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "'=1", "", "x"]),
    "time": st.sampled_from(["25:00:00", "'-1", "'+10:00:00", "", "10h"]),
    "kind": st.sampled_from(["visit", "'checkin", "CHECKIN", ""]),
    "first_visit": st.sampled_from(["2", " 1", "'1"]),
    "queue_number": st.sampled_from(["'+7", "'-3", "x", "99999999999999999999", "1.5"]),
    "seq": st.sampled_from(["", "x", "'-1", "-1"]),
    "answer": st.sampled_from(["0", "6", "+4", "'+4", "x", "1", "5"]),
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
        else:
            assert quick is None or quick == expected


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
    """The reader as it was before the quick path: csv.DictReader, each row through the
    precise conversion."""
    text = path.read_bytes().decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = Columns(reader.fieldnames or [], AMSTERDAM)
        if columns.missing:
            return f"{path}: not a kiosk export (missing columns: {', '.join(columns.missing)})"
        return [columns.visit_of_row(path, line, row)
                for line, row in enumerate(reader, start=2)]
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
        assert str(error) == f"{path}, line 2: cannot be read (a {FEEDBACK} with answer None)"
    else:
        raise AssertionError("a feedback row without an answer was read")


def test_formula_looking_cells_read_back_through_the_quote_in_a_quick_read(tmp_path):
    # One quote character anywhere in a file sends every cell of it through
    # original_text: a hostile activity id and a quoted "+7" queue number alike.
    header = ";".join(COLUMNS)
    rows = ["leidsche-rijn;2026-11-26;10:00:00;checkin;'=cmd|' /C calc'!A0;;;0;nl;1;;1;0;;0;",
            "leidsche-rijn;2026-11-26;10:05:00;question;;'-2+3;;0;nl;1;'+7;2;0;;0;",
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
