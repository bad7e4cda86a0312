"""`kiosk doctor` and the Gezondheid tab say what is wrong with the ticket printer."""

import socket
import time
from datetime import datetime

from escpos.printer import Dummy

from kiosk.cli import main
from kiosk.config import PrinterSettings
from kiosk.doctor import examine
from kiosk.printer import start_printer, stop_printer
from kiosk.printer.ticket import Ticket
from kiosk.store import VisitStore
from tests.conftest import FakeClockWatch, site_text

MISSING = PrinterSettings(connection="file", device="/dev/usb/no-such-lp9")


def printer_lines(findings):
    return [f for f in findings if f.text.startswith("printer:")]


def test_no_printer_configured_says_nothing_about_printers(data_dir):
    VisitStore.open_writer(data_dir).close()
    assert printer_lines(examine(data_dir, clock=FakeClockWatch(True))) == []


def test_a_configured_printer_that_is_absent_needs_attention(data_dir):
    VisitStore.open_writer(data_dir).close()
    [finding] = printer_lines(examine(data_dir, clock=FakeClockWatch(True), printer=MISSING))
    assert not finding.ok
    assert "no printer found (/dev/usb/no-such-lp9 does not exist" in finding.text


def test_a_network_printer_that_listens_is_ok_without_printing(data_dir):
    VisitStore.open_writer(data_dir).close()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        settings = PrinterSettings(connection="network", host="127.0.0.1",
                                   port=server.getsockname()[1])
        [finding] = printer_lines(examine(data_dir, clock=FakeClockWatch(True),
                                          printer=settings))
    assert finding.ok and finding.text == "printer: ok"


def test_the_gezondheid_tab_shows_the_running_kiosks_last_ticket(data_dir):
    class Empty(Dummy):
        def paper_status(self):
            return 0

    with VisitStore.open_writer(data_dir) as store:
        worker = start_printer(MISSING, connect=lambda settings: Empty(), retry=0.05)
        try:
            worker.submit(Ticket(3, "topic_money", "ti", "Buurtwerkkamer", datetime(2026, 3, 5, 9, 0)))
            deadline = time.monotonic() + 5
            while not worker.status().startswith("out of paper") and time.monotonic() < deadline:
                time.sleep(0.01)
            # As the admin screen calls it: the live store, no printer settings.
            [finding] = printer_lines(examine(data_dir, clock=FakeClockWatch(True), live=store))
        finally:
            stop_printer(worker)
    assert not finding.ok and finding.text.startswith("printer: out of paper")


def test_kiosk_doctor_on_the_command_line_reports_the_site_files_printer(
        tmp_path, data_dir, monkeypatch, capsys):
    VisitStore.open_writer(data_dir).close()
    site = tmp_path / "site.toml"
    site.write_text(site_text().replace(
        "[[activities]]", '[printer]\nconnection = "file"\ndevice = "/dev/usb/no-such-lp9"\n\n'
        "[[activities]]", 1), "utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(site))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    assert main(["doctor"]) == 1
    assert "!!  printer: no printer found (/dev/usb/no-such-lp9" in capsys.readouterr().out
