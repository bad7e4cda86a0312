"""Printing never holds up the door: a slow, absent or empty printer costs it nothing."""

import socket
import threading
import time
from datetime import datetime

import pytest
from escpos.printer import Dummy

from kiosk.config import PrinterSettings
from kiosk.printer import TicketPrinter, Ticket, printer_status, probe, start_printer, stop_printer
from kiosk.printer.connection import open_printer

TICKET = Ticket(7, "topic_letter", "ar", "Buurtwerkkamer Leidsche Rijn", datetime(2026, 3, 5, 14, 32))
USB = PrinterSettings(connection="usb", usb_vendor=0x0416, usb_product=0x5011, paper_mm=58)
# GS v 0: the raster bit image command python-escpos sends for a picture.
RASTER_IMAGE = b"\x1dv0"


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class Paper(Dummy):
    """The Dummy printer with a paper sensor."""

    def __init__(self, paper=2):
        super().__init__()
        self.paper = paper

    def paper_status(self):
        return self.paper


class Slow(Dummy):
    def __init__(self, seconds):
        super().__init__()
        self.seconds = seconds

    def image(self, *args, **kwargs):
        time.sleep(self.seconds)
        super().image(*args, **kwargs)


@pytest.fixture
def stopped():
    workers = []
    yield workers.append
    for worker in workers:
        worker.stop()


def test_printing_writes_nothing_to_stdout(stopped, capfd):
    # python-escpos warns on stdout about a profile without a paper width; from the worker
    # thread that line landed in a CSV report the same process was writing to stdout.
    worker = TicketPrinter(USB, connect=lambda settings: Paper()).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.printed == 1)
    assert capfd.readouterr().out == ""


def test_a_ticket_is_sent_as_one_image_and_cut(stopped):
    printed = []

    def connect(settings):
        printed.append(Paper())
        return printed[-1]

    worker = TicketPrinter(USB, connect=connect).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.printed == 1)
    output = printed[0].output
    assert output.count(RASTER_IMAGE) == 1
    # The raster header says the width: 384 dots is 48 bytes a row on 58 mm paper.
    header = output[output.index(RASTER_IMAGE) + 4:]
    assert int.from_bytes(header[0:2], "little") == 384 // 8
    assert output.endswith(b"\x1dVA\x00") or b"\x1dV" in output[-8:]  # the cut
    assert worker.status() == "ok"


def test_the_handoff_returns_at_once_while_the_printer_is_slow(stopped):
    worker = TicketPrinter(USB, connect=lambda settings: Slow(2.0)).start()
    stopped(worker)
    started = time.perf_counter()
    for _ in range(5):
        worker.submit(TICKET)
    assert time.perf_counter() - started < 0.05
    # Even with the queue full, the oldest gives way; the door still does not wait.
    started = time.perf_counter()
    for _ in range(50):
        worker.submit(TICKET)
    assert time.perf_counter() - started < 0.05
    assert worker.dropped > 0


def test_a_printer_that_hangs_is_reported_as_stuck():
    now = [0.0]
    release = threading.Event()

    class Hanging(Dummy):
        def image(self, *args, **kwargs):
            release.wait(5)

    worker = TicketPrinter(USB, connect=lambda settings: Hanging(), clock=lambda: now[0]).start()
    try:
        worker.submit(TICKET)
        assert wait_for(lambda: worker._busy_since is not None)
        now[0] = 45.0
        assert worker.status().startswith("error: the printer has not finished a ticket for 45 s")
    finally:
        release.set()
        worker.stop()


def test_out_of_paper_is_reported_and_the_ticket_waits_for_new_paper(stopped):
    printer = Paper(paper=0)
    worker = TicketPrinter(USB, connect=lambda settings: printer, retry=0.05).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.status().startswith("out of paper"))
    assert RASTER_IMAGE not in printer.output
    printer.paper = 2  # a volunteer puts a new roll in
    assert wait_for(lambda: worker.printed == 1)
    assert worker.status() == "ok"


def test_a_ticket_too_old_is_not_printed_any_more(stopped):
    now = [0.0]
    printer = Paper(paper=0)
    worker = TicketPrinter(USB, connect=lambda settings: printer, clock=lambda: now[0],
                           retry=0.02, max_age=180).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.status().startswith("out of paper"))
    now[0] = 181.0
    assert wait_for(lambda: worker.dropped == 1)
    printer.paper = 2
    time.sleep(0.1)
    assert worker.printed == 0 and RASTER_IMAGE not in printer.output


def test_a_ticket_that_failed_half_way_is_not_printed_twice(stopped):
    attempts = []

    class Breaks(Dummy):
        def cut(self, *args, **kwargs):
            raise OSError("the cable came out")

    def connect(settings):
        attempts.append(Breaks())
        return attempts[-1]

    worker = TicketPrinter(USB, connect=connect, retry=0.01).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.status().startswith("error: the cable came out"))
    time.sleep(0.1)
    assert len(attempts) == 1 and worker.dropped == 1


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the with ends


@pytest.mark.parametrize("settings", [
    PrinterSettings(connection="network", host="127.0.0.1", port=closed_port()),
    PrinterSettings(connection="file", device="/dev/usb/no-such-lp9"),
    USB,
], ids=["network-refused", "file-missing", "usb-absent"])
def test_an_absent_printer_never_raises_and_never_holds_the_door(settings, stopped):
    worker = TicketPrinter(settings, retry=0.05).start()
    stopped(worker)
    started = time.perf_counter()
    worker.submit(TICKET)
    assert time.perf_counter() - started < 0.05
    assert wait_for(lambda: worker.status().startswith(("no printer found", "error")))
    assert worker.printed == 0
    assert probe(settings) != "ok"


def test_the_real_network_printer_class_sends_the_ticket_to_127_0_0_1(stopped):
    received = bytearray()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def accept():
        connection, _ = server.accept()
        connection.settimeout(0.5)  # answers no status query: a quiet printer
        with connection:
            while True:
                try:
                    chunk = connection.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    return
                received.extend(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings = PrinterSettings(connection="network", host="127.0.0.1", port=port)
    worker = TicketPrinter(settings, connect=lambda s: open_printer(s, timeout=0.3)).start()
    stopped(worker)
    worker.submit(TICKET)
    assert wait_for(lambda: worker.printed == 1)
    thread.join(2)
    server.close()
    assert RASTER_IMAGE in received


def test_the_probe_finds_a_listening_host_and_a_writable_device(tmp_path):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert probe(PrinterSettings(connection="network", host="127.0.0.1", port=port)) == "ok"
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    # probe only checks /dev paths the config allows; a file stands in for one here.
    assert probe(PrinterSettings(connection="file", device=str(device))) == "ok"
    assert device.read_bytes() == b""  # nothing printed


def test_printer_status_is_the_running_workers_and_none_without_one():
    assert printer_status() is None
    assert start_printer(None) is None and printer_status() is None
    worker = start_printer(USB, connect=lambda settings: Paper(paper=0), retry=0.05)
    try:
        worker.submit(TICKET)
        assert wait_for(lambda: (printer_status() or "").startswith("out of paper"))
    finally:
        stop_printer(worker)
    assert printer_status() is None


def test_stop_returns_even_while_the_printer_hangs():
    worker = TicketPrinter(USB, connect=lambda settings: Slow(10)).start()
    worker.submit(TICKET)
    time.sleep(0.1)
    started = time.perf_counter()
    worker.stop(timeout=0.2)
    assert time.perf_counter() - started < 0.5
