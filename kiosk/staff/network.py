"""Where the staff page can be reached: its port and the Pi's address on the room's LAN.

Finding the address sends nothing: a UDP socket "connected" to a private address only
asks the kernel which route (and so which local address) it would use.
"""

from __future__ import annotations

import ipaddress
import os
import socket

from kiosk.config import StaffSettings

PORT_VARIABLE = "KIOSK_STAFF_PORT"
# Any private address: nothing is sent to it, it only selects the LAN's route.
_PROBE = ("10.255.255.255", 9)


def staff_port(settings: StaffSettings, environ=os.environ) -> int:
    """The site file's port, unless KIOSK_STAFF_PORT says another (a test, a second kiosk
    on one machine); a value that is no port is ignored, so the door still starts."""
    text = environ.get(PORT_VARIABLE, "").strip()
    if text.isdigit() and 1 <= int(text) <= 65535:
        return int(text)
    return settings.port


def lan_address(bind: str = "0.0.0.0") -> str:
    """The address a phone on the LAN uses: the bound one, else the LAN route's, else
    another address of this host, else loopback."""
    if not ipaddress.ip_address(bind).is_unspecified:
        return bind
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_PROBE)  # UDP: no packet leaves; the kernel only picks a route
        address = probe.getsockname()[0]
        if not ipaddress.ip_address(address).is_unspecified:
            return address
    except OSError:
        pass
    finally:
        probe.close()
    # A LAN without a default route: the first address of an interface. (Not the host
    # name through getaddrinfo: that may ask a DNS server.)
    for address in _interface_addresses():
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return "127.0.0.1"


def _interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, asked of the kernel (Linux)."""
    import fcntl
    import struct

    SIOCGIFADDR = 0x8915
    found = []
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        return found
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for name in names:
            try:
                answer = fcntl.ioctl(probe.fileno(), SIOCGIFADDR,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def page_address(settings: StaffSettings, environ=os.environ) -> str:
    host = lan_address(settings.bind)
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{staff_port(settings, environ)}/"
