"""Queue tickets on a small thermal printer, where the room has one (optional hardware).

`ticket` draws the ticket as one image, `connection` reaches the printer, `worker`
prints in a background thread so the door never waits. No Kivy here.
"""

from kiosk.printer.connection import describe, probe
from kiosk.printer.ticket import DOTS, Ticket, render_ticket
from kiosk.printer.worker import TicketPrinter, printer_status, start_printer, stop_printer

__all__ = ["DOTS", "Ticket", "TicketPrinter", "describe", "printer_status", "probe",
           "render_ticket", "start_printer", "stop_printer"]
