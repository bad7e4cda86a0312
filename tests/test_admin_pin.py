import errno
import json
import io
import os
from datetime import timedelta

import pytest

import kiosk.admin_pin
from kiosk.admin_pin import FREE_ATTEMPTS, LOCK_FILE, LONGEST_LOCK, PIN_FILE, PinError, PinGuard
from tests.conftest import FakeNow


class Clocks:
    """The wall clock a test moves by hand, and a monotonic clock that moves only with
    real time (advance), never when someone sets the wall clock (wall_back)."""

    def __init__(self, now: FakeNow):
        self.wall = now
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, **delta) -> None:
        self.wall.advance(**delta)
        self.seconds += timedelta(**delta).total_seconds()

    def wall_back(self, **delta) -> None:
        self.wall.current -= timedelta(**delta)


@pytest.fixture
def clocks(now):
    return Clocks(now)


@pytest.fixture
def guard(tmp_path, clocks):
    pin = PinGuard(tmp_path, now=clocks.wall, monotonic=clocks.monotonic)
    pin.set_pin("2017")
    return pin


def test_the_pin_is_stored_only_as_a_salted_scrypt_hash(guard, tmp_path):
    stored = (tmp_path / PIN_FILE).read_text()
    assert "2017" not in stored and '"salt"' in stored and '"scrypt"' in stored
    other = PinGuard(tmp_path / "other")
    other.set_pin("2017")
    assert (tmp_path / "other" / PIN_FILE).read_text() != stored  # salted


def test_right_and_wrong(guard):
    assert guard.check("2017").ok
    wrong = guard.check("1234")
    assert not wrong.ok and wrong.attempts_left == 4


def test_five_wrong_lock_for_five_minutes_then_doubling(guard, now, clocks):
    for _ in range(4):
        assert guard.check("0000").locked_until is None
    fifth = guard.check("0000")
    assert fifth.locked_until == now() + timedelta(minutes=5)
    assert not guard.check("2017").ok  # even the right PIN waits
    clocks.advance(minutes=5, seconds=1)
    sixth = guard.check("0000")
    assert sixth.locked_until == now() + timedelta(minutes=10)
    clocks.advance(minutes=10, seconds=1)
    assert guard.check("2017").ok
    assert guard.check("0000").attempts_left == 4  # a right PIN resets the count


def test_the_lock_survives_a_restart(guard, tmp_path, now):
    for _ in range(5):
        guard.check("9999")
    restarted = PinGuard(tmp_path, now=now)
    assert restarted.locked_until() is not None
    assert not restarted.check("2017").ok


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", ""])
def test_only_4_to_8_digits(tmp_path, pin):
    with pytest.raises(PinError):
        PinGuard(tmp_path).set_pin(pin)


def test_no_pin_set_is_a_clear_error(tmp_path):
    with pytest.raises(PinError, match="kiosk pin set"):
        PinGuard(tmp_path).check("1234")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_kiosk_pin_set_asks_twice(tmp_path, monkeypatch, capsys):
    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", _Terminal())
    answers = iter(["2468", "2468", "1111", "2222", "12", "12"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["pin", "set"]) == 0
    assert PinGuard(tmp_path).check("2468").ok
    assert main(["pin", "set"]) == 1 and "differ" in capsys.readouterr().err
    assert main(["pin", "set"]) == 1 and "4 to 8 digits" in capsys.readouterr().err
    assert PinGuard(tmp_path).check("2468").ok


def test_the_lock_never_grows_past_an_hour(guard, now, clocks):
    for _ in range(30):
        attempt = guard.check("0000")
        if attempt.locked_until:
            assert attempt.locked_until - now() <= timedelta(hours=1)
            clocks.advance(seconds=(attempt.locked_until - now()).total_seconds() + 1)


def wrong_until_the_longest_lock(guard, clocks):
    """Wrong PINs, each after the last lock ran out, until the lock is the full hour."""
    while True:
        attempt = guard.check("0000")
        if attempt.locked_until is not None:
            if attempt.locked_until - clocks.wall() == LONGEST_LOCK:
                return
            clocks.advance(seconds=(attempt.locked_until - clocks.wall()).total_seconds() + 1)


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_a_disk_that_refuses_writes_still_locks_the_pad(guard, monkeypatch, code):
    def refuse(path, value):
        raise OSError(code, "refused", str(path))

    monkeypatch.setattr(kiosk.admin_pin, "write_json_atomic", refuse)
    attempts = [guard.check("0000") for _ in range(12)]  # no exception reaches the pad
    assert not any(attempt.ok for attempt in attempts)
    assert [a.locked_until is not None for a in attempts] == [False] * 4 + [True] * 8
    assert guard.locked_until() is not None
    assert not guard.check("2017").ok  # even the right PIN waits


def test_a_disk_that_refuses_writes_still_doubles_the_lock(guard, monkeypatch, clocks):
    monkeypatch.setattr(kiosk.admin_pin, "write_json_atomic",
                        lambda path, value: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    for _ in range(FREE_ATTEMPTS):
        guard.check("0000")
    clocks.advance(minutes=5, seconds=1)
    assert guard.check("0000").locked_until == clocks.wall() + timedelta(minutes=10)


def test_the_disk_count_still_counts_when_memory_starts_afresh(guard, tmp_path, clocks):
    for _ in range(3):
        guard.check("0000")
    restarted = PinGuard(tmp_path, now=clocks.wall, monotonic=clocks.monotonic)
    assert restarted.check("0000").attempts_left == 1  # the stricter of the two


def test_a_right_pin_on_a_read_only_disk_still_resets_the_count(guard, tmp_path,
                                                                 monkeypatch, clocks):
    for _ in range(FREE_ATTEMPTS):
        guard.check("0000")
    clocks.advance(minutes=5, seconds=1)

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "read-only")

    monkeypatch.setattr(kiosk.admin_pin, "write_json_atomic", refuse)
    monkeypatch.setattr(type(tmp_path), "unlink", refuse)
    assert guard.check("2017").ok
    assert guard.check("0000").attempts_left == FREE_ATTEMPTS - 1  # not a lock at once


def test_a_clock_set_back_a_day_does_not_stretch_the_lock(guard, clocks):
    wrong_until_the_longest_lock(guard, clocks)
    clocks.wall_back(days=1)
    assert guard.locked_until() - clocks.wall() <= LONGEST_LOCK
    clocks.advance(hours=1, seconds=1)
    assert guard.check("2017").ok


def test_a_clock_set_back_before_a_restart_does_not_stretch_the_lock(guard, tmp_path, clocks):
    for _ in range(FREE_ATTEMPTS):
        guard.check("0000")
    clocks.wall_back(days=1)
    restarted = PinGuard(tmp_path, now=clocks.wall, monotonic=clocks.monotonic)
    assert restarted.locked_until() - clocks.wall() <= timedelta(minutes=5)  # its own lock
    clocks.advance(minutes=5, seconds=1)
    again = PinGuard(tmp_path, now=clocks.wall, monotonic=clocks.monotonic)
    assert again.locked_until() is None  # not served again from the start
    assert again.check("2017").ok


@pytest.mark.parametrize("damage", [
    "{not json", "[]", '"text"', "\xff\xfe", '{"failures": "7"}', '{"failures": -3}',
    '{"failures": true}', '{"failures": 6, "locked_until": "tomorrow"}',
    '{"failures": 6, "locked_until": "2026-11-26T12:00:00"}',  # no time zone
    '{"failures": 6, "locked_until": 12}'])
def test_a_damaged_lock_file_lets_the_right_pin_in_and_locks_at_the_next_wrong_one(
        guard, tmp_path, clocks, damage):
    (tmp_path / LOCK_FILE).write_bytes(damage.encode("latin-1"))
    assert guard.locked_until() is None  # no crash, and no coordinator shut out
    assert guard.check("0000").locked_until == clocks.wall() + timedelta(minutes=5)
    (tmp_path / LOCK_FILE).write_bytes(damage.encode("latin-1"))
    restarted = PinGuard(tmp_path, now=clocks.wall, monotonic=clocks.monotonic)
    assert restarted.check("2017").ok


def test_a_lock_file_claiming_days_is_held_to_its_own_lock(guard, tmp_path, clocks):
    until = clocks.wall() + timedelta(days=3)
    (tmp_path / LOCK_FILE).write_text(json.dumps(
        {"failures": FREE_ATTEMPTS, "locked_until": until.isoformat()}))
    assert guard.locked_until() - clocks.wall() <= timedelta(minutes=5)
    clocks.advance(minutes=5, seconds=1)
    assert guard.check("2017").ok


def test_a_new_pin_set_from_a_shell_ends_the_lock_of_a_running_kiosk(guard, tmp_path,
                                                                      clocks):
    for _ in range(FREE_ATTEMPTS):
        guard.check("0000")
    PinGuard(tmp_path).set_pin("4321")  # `kiosk pin set`, another process
    assert guard.locked_until() is None
    assert guard.check("4321").ok


@pytest.mark.parametrize("typed, code, said", [
    ("2468\n2468\n", 0, ""), ("2468\r\n2468\r\n", 0, ""), ("2468\n2468", 0, ""),
    ("2468\n", 1, "no PIN given"), ("", 1, "no PIN given"),
    ("2468\n1357\n", 1, "differ"), ("12\n12\n", 1, "4 to 8 digits")])
def test_kiosk_pin_set_reads_two_lines_when_not_at_a_terminal(tmp_path, monkeypatch, capsys,
                                                               typed, code, said):
    """An installer script: `printf '2468\\n2468\\n' | kiosk pin set`."""
    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(["pin", "set"]) == code
    out, error = capsys.readouterr()
    assert "PIN" not in out.split("The coordinator PIN is set")[0]  # no prompts
    if code:
        assert len(error.splitlines()) == 1 and said in error and "nothing changed" in error
        assert not PinGuard(tmp_path).is_set()
    else:
        assert error == "" and PinGuard(tmp_path).check("2468").ok


@pytest.mark.parametrize("problem", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_kiosk_pin_set_on_a_read_only_data_folder_is_one_line(tmp_path, monkeypatch, capsys,
                                                              problem):
    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    PinGuard(tmp_path).set_pin("1357")

    def refuse(path, value):  # root may write anywhere: refuse the way the disk would
        raise OSError(problem, os.strerror(problem), str(path))

    monkeypatch.setattr("kiosk.admin_pin.write_json_atomic", refuse)
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n2468\n"))
    assert main(["pin", "set"]) == 1
    error = capsys.readouterr().err
    assert error == (f"kiosk: the PIN cannot be saved in {tmp_path} ({os.strerror(problem)}); "
                     "nothing changed.\n")
    monkeypatch.undo()
    assert PinGuard(tmp_path).check("1357").ok


def test_kiosk_pin_set_where_the_data_folder_cannot_be_made(tmp_path, monkeypatch, capsys):
    from kiosk.cli import main

    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "file" / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n2468\n"))
    assert main(["pin", "set"]) == 1
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1 and "cannot be saved" in error
    assert "Traceback" not in error
