import errno
import io
import os
from datetime import timedelta

import pytest

from kiosk.admin_pin import PIN_FILE, PinError, PinGuard
from tests.conftest import FakeNow


@pytest.fixture
def guard(tmp_path, now):
    pin = PinGuard(tmp_path, now=now)
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


def test_five_wrong_lock_for_five_minutes_then_doubling(guard, now):
    for _ in range(4):
        assert guard.check("0000").locked_until is None
    fifth = guard.check("0000")
    assert fifth.locked_until == now() + timedelta(minutes=5)
    assert not guard.check("2017").ok  # even the right PIN waits
    now.advance(minutes=5, seconds=1)
    sixth = guard.check("0000")
    assert sixth.locked_until == now() + timedelta(minutes=10)
    now.advance(minutes=10, seconds=1)
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


def test_the_lock_never_grows_past_an_hour(guard, now):
    for _ in range(30):
        attempt = guard.check("0000")
        if attempt.locked_until:
            assert attempt.locked_until - now() <= timedelta(hours=1)
            now.current = attempt.locked_until + timedelta(seconds=1)


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
