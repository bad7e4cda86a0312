"""Printing in the background: the door hands a ticket over and never waits.

One thread takes tickets from a small queue, oldest first. A printer that is absent or
out of paper makes the ticket wait and be tried again every few seconds, until it is too
old to be of use (the visitor has sat down by then; a late ticket would only confuse the
next one). A ticket that failed half-way is not sent again: a second copy of a number is
worse than none. The last outcome is kept for the doctor and the Gezondheid tab.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable

from kiosk.config import PrinterSettings
from kiosk.printer.connection import (
    NOT_FOUND, OK, OUT_OF_PAPER, describe, know_the_paper, open_printer,
)
from kiosk.printer.ticket import Ticket, render_ticket

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 180.0
RETRY_SECONDS = 5.0
# A ticket still being sent after this long: the printer hangs (jammed, or off mid-print).
STUCK_SECONDS = 30.0
QUEUE_SIZE = 20
PAPER_OUT, PAPER_LOW = 0, 1


class NotSent(Exception):
    """Nothing of the ticket reached the printer: it may be tried again."""


class TicketPrinter:
    def __init__(self, settings: PrinterSettings,
                 connect: Callable[[PrinterSettings], object] = open_printer,
                 clock: Callable[[], float] = time.monotonic,
                 max_age: float = MAX_AGE_SECONDS, retry: float = RETRY_SECONDS):
        self.settings = settings
        self._connect = connect
        self._clock = clock
        self._max_age = max_age
        self._retry = retry
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = "ok (nothing printed yet)"
        self._busy_since: float | None = None
        self.printed = 0
        self.dropped = 0

    def start(self) -> "TicketPrinter":
        # A daemon thread: a USB write stuck in the kernel must not keep the kiosk from
        # exiting or restarting.
        self._thread = threading.Thread(target=self._run, name="ticket-printer", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            pass
        if self._thread is not None:
            self._thread.join(timeout)

    def submit(self, ticket: Ticket) -> None:
        """Hand a ticket over; returns at once, whatever the printer is doing."""
        item = (self._clock(), ticket)
        while True:
            try:
                self._queue.put_nowait(item)
                return
            except queue.Full:
                # A printer gone for a while: the oldest ticket is the least useful.
                try:
                    self._queue.get_nowait()
                    self.dropped += 1
                except queue.Empty:
                    pass

    def status(self) -> str:
        busy_since = self._busy_since
        if busy_since is not None and self._clock() - busy_since > STUCK_SECONDS:
            return (f"error: the printer has not finished a ticket for "
                    f"{int(self._clock() - busy_since)} s (paper jammed, or switched off?)")
        return self._status

    # -- the worker thread -----------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            item = self._queue.get()
            if item is None:
                return
            self._print_until_done(*item)

    def _print_until_done(self, handed_at: float, ticket: Ticket) -> None:
        while not self._stopping.is_set():
            if self._clock() - handed_at > self._max_age:
                self.dropped += 1
                log.info("Ticket %s not printed: too old by now", ticket.number)
                return
            try:
                self._print(ticket)
                self._status = OK
                self.printed += 1
                return
            except NotSent as reason:
                self._status = str(reason)
            except Exception as error:  # half-sent, or a bug: never again, never raised
                self._status = f"error: {error}".splitlines()[0][:200]
                self.dropped += 1
                log.warning("Ticket %s not printed: %s", ticket.number, error)
                return
            finally:
                self._busy_since = None
            self._stopping.wait(self._retry)

    def _print(self, ticket: Ticket) -> None:
        image = render_ticket(ticket, self.settings.paper_mm)
        self._busy_since = self._clock()
        try:
            device = self._connect(self.settings)
        except Exception as error:
            raise NotSent(f"{NOT_FOUND} ({describe(self.settings)}: "
                          f"{str(error).splitlines()[-1] or type(error).__name__})") from None
        try:
            if self._paper(device) == PAPER_OUT:
                raise NotSent(f"{OUT_OF_PAPER} ({describe(self.settings)})")
            know_the_paper(device, self.settings.paper_mm)
            device.image(image, impl="bitImageRaster")
            device.cut()
        finally:
            try:
                device.close()
            except Exception:
                pass

    @staticmethod
    def _paper(device) -> int | None:
        """The paper sensor, where the printer answers (a device file cannot)."""
        try:
            return device.paper_status()
        except Exception:
            return None


_running: TicketPrinter | None = None


def start_printer(settings: PrinterSettings | None, **kwargs) -> TicketPrinter | None:
    """The kiosk's printer worker, or None when the site has no printer."""
    global _running
    if settings is None:
        return None
    _running = TicketPrinter(settings, **kwargs).start()
    return _running


def stop_printer(worker: TicketPrinter | None) -> None:
    global _running
    if worker is not None:
        worker.stop()
    if _running is worker:
        _running = None


def printer_status() -> str | None:
    """The running kiosk's printer, in words ("ok", "no printer found (...)", "out of
    paper (...)", "error: ..."); None when this process prints no tickets."""
    return _running.status() if _running is not None else None

