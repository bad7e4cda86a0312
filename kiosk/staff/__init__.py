"""The staff page: the question queue and today's counts on the volunteers' own phones.

Served by the kiosk itself on the room's network (`[staff]` in the site file). Importing
this package imports no web library: the server thread does that, so the door's start is
not slowed by it.
"""

from .access import StaffAccess, StaffPinGuard
from .network import page_address, staff_port
from .today import SummaryHolder, TodaySummary, summarise

__all__ = ["StaffAccess", "StaffPinGuard", "SummaryHolder", "TodaySummary", "page_address",
           "staff_port", "summarise", "StaffServer"]


def __getattr__(name):
    # StaffServer is looked up lazily: kiosk.staff.server imports nothing heavy itself, but
    # keeping the door's import of this package small costs nothing.
    if name == "StaffServer":
        from .server import StaffServer
        return StaffServer
    raise AttributeError(name)
