import csv
import errno
import io
import os
import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.store import VisitStore


@pytest.fixture
def kiosk_env(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path


def test_demo_data_fills_history_up_to_yesterday(kiosk_env, capsys):
    assert main(["demo-data", "--days", "14", "--visits-per-day", "20"]) == 0
    visits = VisitStore.open_reader(kiosk_env / "data").visits()
    assert 150 < len(visits) < 450
    days = {v.local_date for v in visits}
    assert len(days) == 12  # two Sundays closed
    assert {v.kind for v in visits} == {"checkin", "question", "shift_start", "shift_end",
                                        "feedback"}
    ends = [v for v in visits if v.kind == "shift_end"]
    from kiosk.demo import VOLUNTEERS_A_DAY

    # A team of volunteers each day (some come often, some rarely), three to six hours.
    per_day = {day: sum(v.local_date == day for v in ends) for day in days}
    assert all(2 <= n <= VOLUNTEERS_A_DAY for n in per_day.values())
    assert all(180 <= v.shift_minutes < 360 for v in ends)
    assert any(v.card for v in visits) and any(v.card is None for v in visits)
    assert sum(v.first_visit for v in visits) == len({v.card for v in visits if v.card})
    for visit in visits:  # only activities that run on that weekday
        if visit.activity and visit.activity != "inloop":
            from kiosk.config import load_config
            assert load_config().activity(visit.activity).runs_on(visit.local_date)


def test_demo_data_refuses_a_folder_with_visits(kiosk_env, capsys):
    main(["demo-data", "--days", "2", "--visits-per-day", "5"])
    assert main(["demo-data", "--days", "2"]) == 1
    assert "already holds visits" in capsys.readouterr().err


def test_export_writes_one_csv_per_day(kiosk_env, capsys):
    main(["demo-data", "--days", "7", "--visits-per-day", "10"])
    out = kiosk_env / "out"
    assert main(["export", "--out", str(out)]) == 0
    files = sorted(out.glob("visits-*.csv"))
    assert len(files) == 6
    rows = sum(len(list(csv.reader(f.read_text("utf-8-sig").splitlines(), delimiter=";"))) - 1
               for f in files)
    assert rows == len(VisitStore.open_reader(kiosk_env / "data").visits())


def test_export_since_until(kiosk_env, capsys):
    main(["demo-data", "--days", "10", "--visits-per-day", "10"])
    visits = VisitStore.open_reader(kiosk_env / "data").visits()
    day = sorted({v.local_date for v in visits})[3]
    out = kiosk_env / "out"
    main(["export", "--out", str(out), "--since", day.isoformat(), "--until", day.isoformat()])
    assert [f.name for f in out.glob("visits-*.csv")] == [f"visits-{day.isoformat()}.csv"]


def test_a_broken_config_stops_with_file_and_line(kiosk_env, capsys, monkeypatch):
    config = kiosk_env / "site.toml"
    config.write_text("[site]\nid = \"x\"\nname = \n", "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    assert main(["demo-data", "--days", "1"]) == 2
    error = capsys.readouterr().err
    assert f"{config}, line 3" in error and "Traceback" not in error


@pytest.mark.parametrize("line, says", [
    ('timezon = "Asia/Tokyo"', "unknown key 'timezon' in [site] — did you mean 'timezone'?"),
    ("total_target = " + "9" * 400, "(got a number with 400 digits)"),
    ("total_target = " + "9" * 5000, "a number with thousands of digits"),
])
def test_a_config_mistake_is_one_line_and_a_non_zero_exit(kiosk_env, capsys, monkeypatch,
                                                          line, says):
    config = kiosk_env / "site.toml"
    config.write_text(f"[site]\nid = \"x\"\nname = \"X\"\n{line}\n", "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    assert main(["demo-data", "--days", "1"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"kiosk: {config}, line 4: ") and error.count("\n") == 1
    assert says in error


def test_bad_date_is_a_usage_error(kiosk_env, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--out", "x", "--since", "gisteren"])
    assert "is not a date" in capsys.readouterr().err


def test_init_config_writes_an_editable_copy_and_never_overwrites(kiosk_env, capsys):
    target = kiosk_env / "etc" / "site.toml"
    assert main(["init-config", "--out", str(target), "--windowed"]) == 0
    assert "fullscreen = false" in target.read_text()
    assert 'bind = "127.0.0.1"' in target.read_text()  # a desktop's staff page stays local
    assert main(["init-config", "--out", str(target)]) == 1


def test_python_dash_m_kiosk_works(kiosk_env):
    result = subprocess.run([sys.executable, "-m", "kiosk", "--help"], capture_output=True,
                            text=True)
    assert result.returncode == 0 and "demo-data" in result.stdout


@pytest.mark.ui
def test_kiosk_run_starts_and_stops_cleanly_on_sigterm(kiosk_env):
    """systemd stops the kiosk with SIGTERM; SDL must not turn that into a refused close."""
    import os
    import signal
    import time

    env = dict(os.environ, KIOSK_DATA_DIR=str(kiosk_env / "data"),
               KIVY_HOME=str(kiosk_env / "kivy"), KIVY_NO_FILELOG="1")
    env.pop("SDL_NO_SIGNAL_HANDLERS", None)
    env.pop("KIVY_NO_CONSOLELOG", None)  # the test waits for Kivy's "main loop" line
    main(["demo-data", "--days", "3", "--visits-per-day", "5"])
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--windowed"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    import selectors

    output = []
    deadline = time.monotonic() + 60
    waiting = selectors.DefaultSelector()
    waiting.register(process.stdout, selectors.EVENT_READ)
    while time.monotonic() < deadline and process.poll() is None:
        if waiting.select(timeout=1):
            line = process.stdout.readline()
            output.append(line)
            if "Start application main loop" in line:
                break
    assert process.poll() is None, "the kiosk did not start:\n" + "".join(output)
    time.sleep(1.5)  # past the building of the other screens (0.5 s after the first frame)
    process.send_signal(signal.SIGTERM)
    try:
        rest, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the kiosk ignored SIGTERM:\n" + "".join(output))
    assert process.returncode == 0, "".join(output) + rest
    assert "Leaving application" in rest
    # The screens built after the first frame include text fields: no alarming traceback
    # about xclip/xsel in the log (kiosk/ui/bootstrap.py).
    logged = "".join(output) + rest
    assert "Cutbuffer provider" not in logged and "FileNotFoundError" not in logged


def test_speech_list_names_the_files_to_record_for_languages_without_a_voice(kiosk_env, capsys):
    assert main(["speech", "list", "--language", "ti"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# ti: record as assets/audio/ti/")
    assert all(line.startswith("NEEDS A RECORDING") for line in lines[1:])
    assert any("ትግርኛ" in line and ".ogg" in line for line in lines)


def test_speech_refuses_a_language_the_site_does_not_offer(kiosk_env, capsys):
    assert main(["speech", "list", "--language", "xx"]) == 2
    assert "not offered" in capsys.readouterr().err


def _flip_seq_of_one_record(data_dir):
    import json

    month = sorted(data_dir.glob("visits-*.json"))[-1]
    document = json.loads(month.read_text())
    record = next(iter(document["visits"].values()))
    record["sEq"] = record.pop("seq")
    month.write_text(json.dumps(document))


@pytest.mark.parametrize("command", [
    ["export", "--out", "{tmp}/out"],
    ["report", "--period", "{year}", "--format", "csv"],
    ["backup", "--out", "{tmp}/backups"],
    ["doctor"],
])
def test_one_flipped_bit_in_a_month_file_breaks_no_command(kiosk_env, capsys, command):
    from datetime import date

    assert main(["demo-data", "--days", "10", "--visits-per-day", "5"]) == 0
    _flip_seq_of_one_record(kiosk_env / "data")
    argv = [part.format(tmp=kiosk_env, year=date.today().year) for part in command]
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert code == (1 if command == ["doctor"] else 0), captured.err
    if command == ["doctor"]:
        assert "not visits" in captured.out  # the doctor sees the damage


def test_the_kiosk_starts_on_a_month_file_with_a_flipped_bit(kiosk_env):
    """What `kiosk run` does before the window: open the store for writing."""
    assert main(["demo-data", "--days", "10", "--visits-per-day", "5"]) == 0
    before = len(VisitStore.open_reader(kiosk_env / "data").visits())
    _flip_seq_of_one_record(kiosk_env / "data")
    with VisitStore.open_writer(kiosk_env / "data") as store:
        assert len(store.visits()) == before - 1
        assert any("damaged record" in p for p in store.health.problems)


def test_an_unexpected_error_is_one_line_without_a_traceback(kiosk_env, capsys, monkeypatch):
    import kiosk.cli as cli

    def broken(args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_doctor", broken)
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    assert main(["doctor"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: a bug" in err and "Traceback" not in err
# -- hostile arguments: one clear line and a non-zero exit, never a traceback ----------

@pytest.fixture
def with_history(kiosk_env, capsys):
    assert main(["demo-data", "--days", "3", "--visits-per-day", "5"]) == 0
    (kiosk_env / "a-file").write_text("x")
    os.mkfifo(kiosk_env / "a-pipe")
    capsys.readouterr()
    return kiosk_env


def assert_one_line(capsys, *expected):
    out, error = capsys.readouterr()
    assert len(error.splitlines()) == 1, error
    assert error.startswith("kiosk: ")
    for text in expected:
        assert text in error
    assert "Traceback" not in out + error


@pytest.mark.parametrize("args, expected", [
    (["report", "--period", "2026-11", "--out", "{tmp}/missing/r.txt"],
     ["cannot write", "there is no folder {tmp}/missing"]),
    (["report", "--period", "2026-11", "--format", "csv", "--out", "{tmp}/a-file/r.csv"],
     ["{tmp}/a-file is not a folder"]),
    (["privacy", "--out", "{tmp}/missing/p.html"], ["there is no folder {tmp}/missing"]),
    (["privacy", "--lang", "all", "--out", "{tmp}/missing/deeper/p.txt"],
     ["there is no folder {tmp}/missing/deeper"]),
    (["init-config", "--out", "{tmp}/a-file/sub/site.toml"], ["{tmp}/a-file is not a folder"]),
    (["cards", "--count", "1", "--site", "X", "--out", "{tmp}/missing/c.pdf"],
     ["there is no folder {tmp}/missing"]),
])
def test_writing_into_a_missing_folder_is_one_line(with_history, capsys, args, expected):
    tmp = str(with_history)
    assert main([a.replace("{tmp}", tmp) for a in args]) == 1
    assert_one_line(capsys, *(e.replace("{tmp}", tmp) for e in expected))


@pytest.mark.parametrize("problem", [errno.EROFS, errno.ENOSPC])
@pytest.mark.parametrize("args", [["report", "--period", "2026-11", "--format", "html"],
                                  ["privacy"]])
def test_a_read_only_or_full_disk_under_out_is_one_line(with_history, capsys, monkeypatch,
                                                        args, problem):
    def refuse(path, data, durable=True):  # root may write anywhere: refuse as the disk would
        raise OSError(problem, os.strerror(problem), str(path))

    monkeypatch.setattr("kiosk.atomic.write_atomic", refuse)
    out = with_history / "out.html"
    assert main([*args, "--out", str(out)]) == 1
    assert_one_line(capsys, f"cannot write {out}: {os.strerror(problem)}")


def test_unreadable_exports_are_one_line(with_history, capsys):
    from kiosk.export import COLUMNS

    cases = {
        "not-utf8": b"site_id;date\n\xff\xfe\n",
        "huge-field": (";".join(COLUMNS) + "\n\"" + "a" * 200_000 + "\"\n").encode(),
        "no-columns": b"a;b\n1;2\n",
        # Year 1 in Amsterdam is before year 1 in UTC: an OverflowError, not a ValueError.
        "year-one": (";".join(COLUMNS) + "\nx;0001-01-01;00:00:00;checkin;a;;;0;nl;1;;1;0;;0\n"
                     ).encode(),
    }
    for name, data in cases.items():
        folder = with_history / name
        folder.mkdir()
        (folder / "visits-2026-11-02.csv").write_bytes(data)
        assert main(["report", "--period", "2026-11", "--exports", str(folder)]) == 2
        assert_one_line(capsys, f"{folder}/visits-2026-11-02.csv")
    folder = with_history / "a-folder"
    (folder / "visits-2026-11-02.csv").mkdir(parents=True)
    assert main(["report", "--period", "2026-11", "--exports", str(folder)]) == 2
    assert_one_line(capsys, "cannot read", "Is a directory")


def test_a_date_a_spreadsheet_made_ambiguous_is_one_line_saying_what_to_do(with_history,
                                                                          capsys):
    from kiosk.export import COLUMNS

    folder = with_history / "excel-us"
    folder.mkdir()
    path = folder / "visits-2026-11-02.csv"
    path.write_text(";".join(COLUMNS) + "\r\nterwijde;2/11/2026;9:05;checkin;kookclub;;;"
                    "WAAR;nl;WAAR;;1;ONWAAR;;ONWAAR;\r\n;;;;\r\n", "utf-8-sig")
    assert main(["report", "--period", "2026-11", "--exports", str(folder)]) == 2
    assert_one_line(capsys, f"{path}, line 2, column date: found '2/11/2026'",
                    "Dutch: 2 November, American: 11 February",
                    "open the original file from the kiosk's USB stick")


def test_copies_of_a_visit_that_differ_are_a_warning_and_the_report_is_made(with_history,
                                                                          capsys):
    from kiosk.export import COLUMNS

    rows = [f"terwijde;2026-11-02;10:0{n}:00;checkin;kookclub;;;0;nl;1;;{n};0;;0;"
            for n in range(1, 4)]
    sticks = [with_history / "stick-a", with_history / "stick-b"]
    for stick, changed in zip(sticks, ["kookclub", "inloop"]):
        stick.mkdir()
        (stick / "visits-2026-11-02.csv").write_text(
            "\r\n".join([";".join(COLUMNS), rows[0].replace("kookclub", changed),
                          *rows[1:]]), "utf-8")
    capsys.readouterr()
    assert main(["report", "--period", "2026-11", "--format", "csv", "--dialect", "rfc4180",
                 "--exports", *map(str, sticks)]) == 0
    out, error = capsys.readouterr()
    [warning] = error.splitlines()
    assert warning.startswith(f"warning: {sticks[0]}/visits-2026-11-02.csv and "
                              f"{sticks[1]}/visits-2026-11-02.csv both hold 1 visit")
    assert "activity 'kookclub' / 'inloop'" in warning
    total = next(row for row in csv.DictReader(io.StringIO(out))
                 if row["activity"] == "*" and row["site"] == "terwijde")
    assert total["visits"] == "3"


def test_a_backup_that_cannot_read_the_data_folder_names_the_file(with_history, capsys,
                                                                  monkeypatch):
    state = with_history / "data" / "state.json"
    real = type(state).read_bytes

    def unreadable(path):
        if path.name == "state.json":  # (as root, a chmod would not stop the read)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(type(state), "read_bytes", unreadable)
    assert main(["backup", "--out", str(with_history / "b")]) == 1
    assert_one_line(capsys, "backup to", f"Permission denied ({state})")


@pytest.mark.parametrize("args", [["doctor"], ["doctor", "--clear"]])
def test_a_data_folder_that_is_a_file_is_one_line(kiosk_env, capsys, monkeypatch, args):
    (kiosk_env / "a-file").write_text("x")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(kiosk_env / "a-file"))
    assert main(args) != 0
    out, error = capsys.readouterr()
    said = [line for line in (out + error).splitlines() if str(kiosk_env / "a-file") in line
            and "no kiosk data" in line]
    assert len(said) == 1 and "Traceback" not in out + error


@pytest.mark.parametrize("args, expected", [
    (["report", "--period", "2026-11", "--out", ""], "--out: an empty name"),
    (["report", "--period", "2026-11", "--out", "{tmp}"], "is a folder"),
    (["privacy", "--out", "{tmp}"], "is a folder"),
    # Written as a new file renamed over the old one: a device or a pipe would be replaced
    # by a regular file (as root, /dev/full became one).
    (["privacy", "--out", "{tmp}/a-pipe"], "{tmp}/a-pipe is not a regular file"),
    (["report", "--period", "2026-11", "--out", "{tmp}/a-pipe"], "is not a regular file"),
    (["cards", "--count", "1", "--out", "{tmp}/a-pipe"], "is not a regular file"),
    (["init-config", "--force", "--out", "{tmp}/a-pipe"], "is not a regular file"),
    (["init-config", "--out", ""], "--out: an empty name"),
    (["cards", "--count", "1", "--out", ""], "--out: an empty name"),
    (["export", "--out", ""], "--out: an empty name"),
    (["export", "--out", "{tmp}/a-file"], "is a file, not a folder"),
    (["backup", "--out", "{tmp}/a-file"], "is a file, not a folder"),
    (["backup", "--out", "{tmp}/b", "--keep", "0"], "--keep: 0: must be at least 1"),
    (["demo-data", "--days", "-5"], "--days: -5: choose between 1 and 3660"),
    (["demo-data", "--days", str(10 ** 9)], "choose between 1 and 3660"),
    (["demo-data", "--visits-per-day", "0"], "--visits-per-day: 0: choose between 1 and"),
    (["demo-data", "--visits-per-day", "many"], "'many' is not a whole number"),
    (["cards", "--count", str(10 ** 9), "--out", "{tmp}/c.pdf"], "between 1 and 2000"),
    (["run", "--size", "0", "-1"], "--size: 0: choose between 200 and 10000"),
    (["export", "--out", "{tmp}/e", "--since", ""], "is not a date"),
    (["export", "--out", "{tmp}/e", "--since", "2026-11-10", "--until", "2026-11-01"],
     "--since 2026-11-10 is after --until 2026-11-01"),
    (["report"], "--period"),
])
def test_impossible_arguments_are_refused_before_anything_runs(with_history, capsys, args,
                                                               expected):
    tmp = str(with_history)
    before = sorted(p.name for p in with_history.iterdir())
    with pytest.raises(SystemExit) as stop:
        main([a.replace("{tmp}", tmp) for a in args])
    assert stop.value.code == 2
    out, error = capsys.readouterr()
    # argparse's usage lines, then the one line that says what is wrong.
    assert expected.replace("{tmp}", tmp) in error.splitlines()[-1]
    assert "Traceback" not in out + error
    assert sorted(p.name for p in with_history.iterdir()) == before


def test_a_report_over_a_damaged_month_says_so(kiosk_env, capsys):
    assert main(["demo-data", "--days", "10", "--visits-per-day", "5"]) == 0
    month = sorted((kiosk_env / "data").glob("visits-*.json"))[-1]
    month.write_text('{"meta": {"1": {"schema": 1, "month": "x"}}, "visits": []}')
    capsys.readouterr()
    assert main(["report", "--period", month.stem[len("visits-"):]]) == 0
    err = capsys.readouterr().err
    assert f"warning: {month.name} is damaged" in err and "Traceback" not in err


# -- a reader that leaves, a disk that says no: the order of main()'s last defences ------

@pytest.mark.parametrize("args", [["doctor"], ["privacy"], ["speech", "list"]])
def test_a_reader_that_left_the_pipe_is_no_error(kiosk_env, args):
    """`kiosk doctor | head -1`: the reader closes its end; nothing to say about it."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the kiosk writes its first line
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    env.pop("KIOSK_DEBUG", None)
    try:
        done = subprocess.run([sys.executable, "-m", "kiosk", *args], stdout=write_end,
                              stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == "" and done.returncode == 0


def test_a_disk_problem_no_command_foresaw_names_the_file(kiosk_env, capsys, monkeypatch):
    import kiosk.cli as cli

    def refused(args):
        raise PermissionError(13, "Permission denied", "/somewhere/state.json")

    monkeypatch.setattr(cli, "cmd_doctor", refused)
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    assert main(["doctor"]) == 1
    assert_one_line(capsys, "/somewhere/state.json", "Permission denied")
    assert "unexpected" not in capsys.readouterr().err


def test_what_a_library_drops_after_a_failed_write_adds_no_traceback(kiosk_env, capsys,
                                                                    monkeypatch):
    """openpyxl on a full disk: the save fails, and the half-run generator it leaves raises
    again when Python collects it ("Exception ignored in ..."), after our one line."""
    import kiosk.cli as cli

    def full_disk(args):
        def stream():
            try:
                yield
            finally:
                raise OSError(27, "File too large")
        writer = stream()
        next(writer)
        del writer  # what the library leaves behind
        raise OSError(27, "File too large")

    monkeypatch.setattr(cli, "cmd_doctor", full_disk)
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    # Python's own hook, as a coordinator's terminal has it (pytest puts in its own).
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)
    assert main(["doctor"]) == 1
    assert_one_line(capsys, "File too large")


def test_demo_data_on_a_full_disk_says_so_instead_of_recorded(kiosk_env, capsys,
                                                              monkeypatch):
    """The store holds visits the disk refuses in memory (the door must not fail); a
    command that ends then would lose them while saying 'Recorded ...'."""
    import kiosk.journal

    def full(self, record):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kiosk.journal.JournalWriter, "append", full)
    assert main(["demo-data", "--days", "3", "--visits-per-day", "5"]) == 1
    out, error = capsys.readouterr()
    assert "Recorded" not in out
    assert error.startswith("kiosk: ") and "not saved" in error and "disk is full" in error
    assert len(error.splitlines()) == 1


@pytest.mark.parametrize("command", ["backup", "export"])
def test_the_data_folder_itself_is_refused_as_out(with_history, capsys, command):
    """A backup written into the data folder is in the next backup, which is in the next:
    each night's doubles the last, until the card is full. Exports there would escape
    retention (and the backups too)."""
    data = with_history / "data"
    before = sorted(p.name for p in data.iterdir())
    for spelling in (str(data), f"{data}/", f"{data}/../data"):
        assert main([command, "--out", spelling]) == 2
        assert_one_line(capsys, "is the kiosk's data folder", "choose another folder")
    assert sorted(p.name for p in data.iterdir()) == before
    # A folder of its own inside it is how the Pi is set up (/var/lib/kiosk/backups).
    assert main([command, "--out", str(data / "kept")]) == 0


def test_the_doctor_on_a_folder_that_is_not_kiosk_data_says_it_once(kiosk_env, capsys,
                                                                    monkeypatch):
    (kiosk_env / "home").mkdir()
    (kiosk_env / "home" / "notes.txt").write_text("someone's")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(kiosk_env / "home"))
    assert main(["doctor"]) == 1
    out, error = capsys.readouterr()
    assert (out + error).count("no kiosk data") == 1 and "KIOSK_DATA_DIR" in out
    assert "Traceback" not in out + error
    assert [p.name for p in (kiosk_env / "home").iterdir()] == ["notes.txt"]


def test_the_doctor_suggests_clear_only_for_flags_it_can_clear(kiosk_env, capsys):
    assert main(["demo-data", "--days", "2", "--visits-per-day", "3"]) == 0
    capsys.readouterr()
    main(["doctor"])
    assert "kiosk doctor --clear" not in capsys.readouterr().out
    (kiosk_env / "data" / "health.json").write_text(
        '[{"time": "2026-11-30T10:00:00+01:00", "problem": "the disk is full"}]')
    assert main(["doctor"]) == 1
    assert "Once the flagged problems are dealt with: kiosk doctor --clear" in \
        capsys.readouterr().out


@pytest.mark.parametrize("name, starts", [("r.pdf", b"%PDF"), ("r.html", b"<!doctype html"),
                                          ("r.csv", "\ufeffsite".encode()),
                                          ("r.txt", "Buurtwerkkamer".encode())])
def test_the_report_takes_its_format_from_the_file_name_when_none_is_given(with_history,
                                                                           capsys, name,
                                                                           starts):
    """`--out rapport.pdf` wrote the text table into a file no PDF reader opens."""
    out = with_history / name
    assert main(["report", "--period", "2026-11", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(starts)


def test_a_format_the_file_name_contradicts_is_refused(with_history, capsys):
    out = with_history / "r.html"
    with pytest.raises(SystemExit) as stop:
        main(["report", "--period", "2026-11", "--format", "csv", "--out", str(out)])
    assert stop.value.code == 2
    assert "--format csv" in capsys.readouterr().err.splitlines()[-1]
    assert not out.exists()


def test_an_export_blocked_by_a_folder_names_the_day_file_not_a_temporary(with_history,
                                                                          capsys):
    out = with_history / "out"
    assert main(["export", "--out", str(out)]) == 0
    day = sorted(out.glob("visits-*.csv"))[0]
    day.unlink()
    day.mkdir()  # (a spreadsheet program's folder of the same name, a bad unzip)
    capsys.readouterr()
    assert main(["export", "--out", str(out), "--since", "2000-01-01"]) == 1
    assert_one_line(capsys, f"({day})", "Is a directory")
    assert ".tmp-" not in capsys.readouterr().err


# -- whatever is typed: one line and an exit code, never a trace ------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

# (No NUL: a command line cannot carry one.)
_TYPED = st.one_of(st.text(st.characters(blacklist_characters="\x00"), max_size=12),
                   st.sampled_from(["", "-1", "0", "0001", "9999-12-31", "2026-T0", "1e9",
                                    "../", "/proc/1", "٢٠٢٦", "２０２６", "2026-11-31", "..",
                                    "-", "--", "NaN", "∞"]))


@pytest.fixture(scope="module")
def typed_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("typed")
    saved = {key: os.environ.get(key) for key in ("KIOSK_DATA_DIR", "KIOSK_CONFIG",
                                                  "XDG_CONFIG_HOME", "KIOSK_DEBUG")}
    os.environ.update(KIOSK_DATA_DIR=str(home / "data"), XDG_CONFIG_HOME=str(home / "xdg"))
    for key in ("KIOSK_CONFIG", "KIOSK_DEBUG"):
        os.environ.pop(key, None)
    assert main(["demo-data", "--days", "3", "--visits-per-day", "3"]) == 0
    (home / "cwd").mkdir()
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from([
    ["report", "--period", "{0}"], ["report", "--period", "2026-11", "--format", "{0}"],
    ["export", "--out", "{out}", "--since", "{0}"], ["export", "--out", "{out}",
                                                    "--until", "{0}"],
    ["backup", "--out", "{out}", "--keep", "{0}"], ["privacy", "--lang", "{0}"],
    ["speech", "list", "--language", "{0}"], ["cards", "--count", "{0}", "--out", "{out}/c.pdf"],
    ["report", "--period", "2026-11", "--out", "{0}"], ["demo-data", "--days", "{0}"]]),
    typed=_TYPED)
def test_anything_typed_after_a_command_is_one_line_never_a_trace(typed_env, capsys,
                                                                 monkeypatch, command, typed):
    monkeypatch.chdir(typed_env / "cwd")  # a typed --out is a name here, not in the checkout
    out = typed_env / "out"
    argv = [part.replace("{out}", str(out)).replace("{0}", typed) for part in command]
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's usage error
        code = stop.code
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    assert code != 70, said.err  # "unexpected error": a case nobody thought of
    if code not in (0, None):
        assert said.err.strip(), "a failure without a word"
