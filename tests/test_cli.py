import csv
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
    assert {v.kind for v in visits} == {"checkin", "question", "shift_start", "shift_end"}
    ends = [v for v in visits if v.kind == "shift_end"]
    assert len(ends) == 3 * 12 and all(180 <= v.shift_minutes < 360 for v in ends)
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
