"""The staff page's access rules without a browser: the staff PIN and its lock, the day's
sessions, the CSRF token, `kiosk pin set --staff`, the [staff] table and the page's
address."""

import io
import json
import sys
from datetime import datetime, timedelta, timezone

import pytest

from kiosk.admin_pin import PIN_FILE, PinGuard
from kiosk.cli import main
from kiosk.config import StaffSettings
from kiosk.staff.access import (STAFF_LOCK_FILE, STAFF_PIN_FILE, StaffAccess, StaffPinGuard,
                                clean_device_name)
from kiosk.staff.network import lan_address, page_address, staff_port
from tests.conftest import AMSTERDAM, FakeNow


@pytest.fixture
def clock():
    return FakeNow(datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM))


@pytest.fixture
def access(tmp_path, clock):
    access = StaffAccess(tmp_path, AMSTERDAM, now=clock)
    access.guard.set_pin("2468")
    return access


def test_the_staff_pin_has_its_own_files_and_never_opens_the_coordinators_pad(tmp_path):
    StaffPinGuard(tmp_path).set_pin("2468")
    PinGuard(tmp_path).set_pin("1357")
    assert (tmp_path / STAFF_PIN_FILE).exists() and (tmp_path / PIN_FILE).exists()
    assert StaffPinGuard(tmp_path).check("2468").ok
    assert not PinGuard(tmp_path).check("2468").ok
    assert not StaffPinGuard(tmp_path).check("1357").ok


def test_no_staff_pin_says_how_to_set_one(tmp_path):
    access = StaffAccess(tmp_path, AMSTERDAM)
    assert not access.pin_is_set()
    assert access.login("2468").token is None
    with pytest.raises(Exception, match="kiosk pin set --staff"):
        access.guard.check("2468")


def test_five_wrong_pins_lock_the_page_and_not_the_door(access, tmp_path):
    results = [access.login("0000") for _ in range(5)]
    assert [r.attempts_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4].locked_until is not None and results[4].token is None
    # Locked: even the right PIN opens nothing now.
    assert access.login("2468").token is None
    assert (tmp_path / STAFF_LOCK_FILE).exists()
    assert PinGuard(tmp_path).locked_until() is None   # the coordinator's pad is not locked


def test_the_lock_holds_across_a_restart(access, tmp_path, clock):
    for _ in range(5):
        access.login("0000")
    again = StaffAccess(tmp_path, AMSTERDAM, now=clock)
    assert again.login("2468").token is None
    clock.advance(minutes=6)
    assert StaffAccess(tmp_path, AMSTERDAM, now=clock).login("2468").token is not None


def test_a_session_lasts_until_the_end_of_the_local_day(access, clock):
    result = access.login("2468", "Tablet balie")
    assert result.session.device == "Tablet balie"
    assert result.session.expires == datetime(2026, 11, 27, 0, 0, tzinfo=AMSTERDAM)
    assert access.session(result.token) == result.session
    clock.advance(hours=13, minutes=59)
    assert access.session(result.token) is not None
    clock.advance(minutes=1)
    assert access.session(result.token) is None


def test_sessions_are_separate_and_logout_ends_only_one(access):
    first, second = access.login("2468"), access.login("2468")
    assert first.token != second.token and first.session.csrf != second.session.csrf
    assert (first.session.device, second.session.device) == ("Telefoon 1", "Telefoon 2")
    access.logout(first.token)
    assert access.session(first.token) is None and access.session(second.token) is not None
    assert access.session(None) is None and access.session("made-up") is None


def test_csrf_token_must_match_its_own_session(access):
    first, second = access.login("2468"), access.login("2468")
    assert access.csrf_ok(first.session, first.session.csrf)
    for wrong in (None, "", second.session.csrf, first.session.csrf[:-1], "é"):
        assert not access.csrf_ok(first.session, wrong)


def test_device_names_are_one_short_line():
    assert clean_device_name("  Telefoon\n\t Anna  ") == "Telefoon Anna"
    assert clean_device_name("a\u202eb\x00c") == "abc"
    assert len(clean_device_name("x" * 500)) == 24


def test_kiosk_pin_set_staff_reads_two_lines_and_sets_only_the_staff_pin(tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n2468\n"))
    assert main(["pin", "set", "--staff"]) == 0
    assert "staff PIN is set" in capsys.readouterr().out
    assert StaffPinGuard(tmp_path).check("2468").ok
    assert not PinGuard(tmp_path).is_set()
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n1111\n"))
    assert main(["pin", "set", "--staff"]) == 1 and "differ" in capsys.readouterr().err
    stored = json.loads((tmp_path / STAFF_PIN_FILE).read_text())
    assert "2468" not in json.dumps(stored)


def test_the_port_comes_from_the_site_file_unless_the_environment_says_otherwise():
    settings = StaffSettings(port=8080)
    assert staff_port(settings, {}) == 8080
    assert staff_port(settings, {"KIOSK_STAFF_PORT": "9090"}) == 9090
    for ignored in ("", "abc", "0", "70000", "-1"):
        assert staff_port(settings, {"KIOSK_STAFF_PORT": ignored}) == 8080


def test_the_page_address_is_the_lan_one_or_the_bound_one():
    assert lan_address("192.168.1.20") == "192.168.1.20"
    assert page_address(StaffSettings(bind="127.0.0.1", port=8081), {}) == \
        "http://127.0.0.1:8081/"
    address = lan_address("0.0.0.0")
    assert address and address != "0.0.0.0"


def test_without_a_route_the_address_comes_from_the_interfaces_never_from_dns(monkeypatch):
    import socket

    from kiosk.staff import network

    monkeypatch.setattr(network, "_PROBE", ("255.255.255.255", 9))  # connect() refuses
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("a DNS lookup"))
    monkeypatch.setattr(network, "_interface_addresses", lambda: ["127.0.0.1", "192.168.5.5"])
    assert network.lan_address() == "192.168.5.5"
    monkeypatch.setattr(network, "_interface_addresses", lambda: ["127.0.0.1"])
    assert network.lan_address() == "127.0.0.1"


def test_every_language_has_its_dutch_name_for_the_volunteers():
    from kiosk.i18n import LANGUAGE_NAMES, LANGUAGE_NAMES_NL

    assert set(LANGUAGE_NAMES_NL) == set(LANGUAGE_NAMES)
