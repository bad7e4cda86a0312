"""Reaching the printer: open it for a ticket, or only look whether it is there.

python-escpos is imported here, when a ticket is printed, so a kiosk without a printer
never loads it. Every way in has a timeout: a printer that is off must cost the worker
thread seconds, not the door anything.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from kiosk.config import PrinterSettings
from kiosk.printer.ticket import DOTS

TIMEOUT_SECONDS = 5.0
PROBE_SECONDS = 2.0

OK = "ok"
NOT_FOUND = "no printer found"
OUT_OF_PAPER = "out of paper"


def describe(settings: PrinterSettings) -> str:
    """The printer as the site file names it, for a volunteer reading the status."""
    if settings.connection == "usb":
        return f"USB {settings.usb_vendor:04x}:{settings.usb_product:04x}"
    if settings.connection == "network":
        return f"{settings.host}:{settings.port}"
    return settings.device


def open_printer(settings: PrinterSettings, timeout: float = TIMEOUT_SECONDS):
    """An escpos printer for the settings, opened (DeviceNotFoundError when absent)."""
    from escpos import printer as escpos_printer

    if settings.connection == "usb":
        # pyusb counts its timeout in milliseconds.
        device = escpos_printer.Usb(settings.usb_vendor, settings.usb_product,
                                    timeout=int(timeout * 1000))
    elif settings.connection == "network":
        device = escpos_printer.Network(settings.host, settings.port, timeout=timeout)
    else:
        device = escpos_printer.File(settings.device)
    device.open()
    return device


def know_the_paper(device, paper_mm: int) -> None:
    """Tell the device's profile the paper width. The default profile does not know it,
    and python-escpos then prints a warning on stdout for every image, from the worker
    thread, into whatever the process writes there (a CSV report on stdout, say)."""
    data = dict(device.profile.profile_data)
    data["media"] = {"width": {"mm": paper_mm, "pixels": DOTS[paper_mm]}}
    device.profile.profile_data = data


def probe(settings: PrinterSettings, timeout: float = PROBE_SECONDS) -> str:
    """Whether the configured printer is there, without printing and without touching
    anything but it: the USB bus list, the device file, or one connection to its host."""
    where = describe(settings)
    if settings.connection == "usb":
        try:
            import usb.core

            found = usb.core.find(idVendor=settings.usb_vendor, idProduct=settings.usb_product)
        except Exception as error:  # no libusb: pyusb's NoBackendError, and the like
            return f"error: cannot look for USB printers ({error})"
        return OK if found is not None else f"{NOT_FOUND} ({where}: plugged in, switched on?)"
    if settings.connection == "network":
        try:
            with socket.create_connection((settings.host, settings.port), timeout=timeout):
                return OK
        except OSError as error:
            return f"{NOT_FOUND} ({where}: {error.strerror or error})"
    path = Path(settings.device)
    if not path.exists():
        return f"{NOT_FOUND} ({where} does not exist: plugged in, switched on?)"
    if not os.access(path, os.W_OK):
        return f"error: the kiosk may not write to {where} (run deploy/provision.sh again)"
    return OK
