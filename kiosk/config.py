"""The site configuration: a TOML file a coordinator can read and edit.

Everything that differs between rooms lives here, not in code. A broken file stops the
kiosk with the file, the line and what is wrong: a door that guesses would count wrong.
"""

from __future__ import annotations

import difflib
import ipaddress
import math
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from kiosk.i18n import LANGUAGE_NAMES
from kiosk.opening_hours import OpeningHours, parse_spans

WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_WEEKDAY_SPELLINGS = {
    spelling: index
    for index, spellings in enumerate((
        ("ma", "maandag", "mon", "monday"), ("di", "dinsdag", "tue", "tuesday"),
        ("wo", "woensdag", "wed", "wednesday"), ("do", "donderdag", "thu", "thursday"),
        ("vr", "vrijdag", "fri", "friday"), ("za", "zaterdag", "sat", "saturday"),
        ("zo", "zondag", "sun", "sunday")))
    for spelling in spellings
}
UNITS = ("unique", "jobs")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
DEFAULT_LANGUAGE = "nl"
# The languages the kiosk has catalogs and fonts for.
KNOWN_LANGUAGES = tuple(LANGUAGE_NAMES)
DEFAULT_CONFIG = Path(__file__).with_name("site_default.toml")


class ConfigError(Exception):
    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Choice:
    """Something a visitor can tap: an activity or a question topic."""

    id: str
    names: dict[str, str]
    pictogram: str

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get(DEFAULT_LANGUAGE) or self.id


@dataclass(frozen=True)
class Activity(Choice):
    weekdays: frozenset[int] = frozenset(range(7))
    always: bool = False
    active: bool = True
    unit: str = "unique"
    target: int | None = None

    def runs_on(self, day: date) -> bool:
        return self.active and (self.always or day.weekday() in self.weekdays)


@dataclass(frozen=True)
class Topic(Choice):
    pass


@dataclass(frozen=True)
class DoorSettings:
    duplicate_scan_minutes: float = 10
    idle_seconds: float = 60
    still_there_seconds: float = 20
    confirmation_seconds: float = 6
    queue_number_seconds: float = 30
    # The "Ik ga weg" tile and its one question, "Hoe was het vandaag?" (the proposal's
    # satisfaction measure). Off until the room decides to ask.
    survey: bool = False
    fullscreen: bool = True
    show_cursor: bool = False
    # [door.opening_hours]; None: the site does not say (kiosk.attract_schedule then rests
    # the welcome screen's invitation by time alone).
    opening_hours: OpeningHours | None = None


THEMES = ("standard", "high_contrast")


@dataclass(frozen=True)
class ScreenSettings:
    # Dots per inch of the door's screen: touch targets are checked in millimetres at this
    # density (the official Raspberry Pi Touch Display 2: 1280x720 on 7 inch, about 210).
    dpi: float = 210
    # "standard", or "high_contrast": black outline pictograms on white, black text.
    theme: str = "standard"
    # Loudness of the spoken words, 0 (silent) to 100 percent.
    speech_volume: int = 80


@dataclass(frozen=True)
class VolunteerSettings:
    # A shift nobody scanned out of is closed at this length and flagged.
    max_shift_hours: float = 10
    # What an hour of volunteer work is worth in the report: the proposal's 2016 legal
    # minimum wage (WML), EUR 8.80.
    hourly_value: float = 8.80
    # How many volunteers hold a key of the room now ("sleutelbeheerders"), as the
    # coordinator counts them; None: not filled in. A number, not a list of cards: card
    # codes are secrets and must never be written in a file that is copied around.
    key_holders: int | None = None


@dataclass(frozen=True)
class YearTargets:
    """The proposal's other promised results for one calendar year ([results.2018])."""

    year: int
    people: int | None = None            # unique people across all activities
    volunteers: int | None = None        # active volunteers
    volunteer_hours: int | None = None   # their hours together
    key_holders: int | None = None       # volunteers who hold a key ("sleutelbeheerders")
    activities: dict[str, int] = field(default_factory=dict)  # activity id: that year's target


_YEAR_KEYS = ("people", "volunteers", "volunteer_hours", "key_holders", "activities")


@dataclass(frozen=True)
class PrivacySettings:
    # Visit-level rows are kept this long; after that only the counts remain.
    retention_months: int = 24
    # Whom a visitor can ask about their data, in words for the wall notice.
    contact: str = "de coördinator van de buurtwerkkamer"
    # The same in other languages ([privacy.contacts]): a Dutch phrase inside an Arabic or
    # Tigrinya sentence breaks it (and its reading direction).
    contacts: dict[str, str] = field(default_factory=dict)

    def contact_in(self, language: str) -> str:
        return self.contacts.get(language) or self.contact


@dataclass(frozen=True)
class ExportSettings:
    # The nightly export copies new files to a USB stick with this label, when mounted.
    usb_label: str = ""
    # An rclone remote (and folder) for an off-site copy, e.g. "nextcloud:kiosk"; the
    # remote itself is set up with `rclone config` as the kiosk user.
    rclone_remote: str = ""


PRINTER_CONNECTIONS = ("usb", "network", "file")
PAPER_WIDTHS_MM = (58, 80)
# Which keys go with which connection: a host under a USB printer is a mistake to say.
_CONNECTION_KEYS = {"usb": ("usb_vendor", "usb_product"), "network": ("host", "port"),
                    "file": ("device",)}


@dataclass(frozen=True)
class PrinterSettings:
    """A small ESC/POS thermal printer for queue tickets (optional hardware)."""

    # "usb" (found by its vendor and product id, as `lsusb` shows them: 0416:5011),
    # "network" (host and port, usually 9100) or "file" (a device such as /dev/usb/lp0).
    connection: str = "usb"
    usb_vendor: int = 0
    usb_product: int = 0
    host: str = ""
    port: int = 9100
    device: str = "/dev/usb/lp0"
    # The paper roll's width: 58 or 80 mm.
    paper_mm: int = 80
    # false: the printer is kept in the file but nothing prints (out for repair).
    enabled: bool = True


@dataclass(frozen=True)
class StaffSettings:
    # The volunteers' page on the room's own network (kiosk/staff). On unless switched
    # off: until a staff PIN is set it shows nothing but how to set one.
    enabled: bool = True
    port: int = 8080
    # Every address of the Pi; the firewall (deploy/provision.sh) lets only the LAN in.
    bind: str = "0.0.0.0"


@dataclass(frozen=True)
class SiteConfig:
    path: str
    site_id: str
    site_name: str
    timezone: ZoneInfo
    languages: tuple[str, ...]
    door: DoorSettings
    activities: tuple[Activity, ...]
    topics: tuple[Topic, ...] = field(default_factory=tuple)
    total_target: int | None = None
    volunteers: VolunteerSettings = field(default_factory=VolunteerSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    screen: ScreenSettings = field(default_factory=ScreenSettings)
    # None: no [printer] table (or enabled = false), and nothing prints.
    printer: PrinterSettings | None = None
    staff: StaffSettings = field(default_factory=StaffSettings)
    # [results.<year>] tables, oldest first.
    results: tuple[YearTargets, ...] = ()
    # The room's name in other languages ([site.names]), for sentences such as "your
    # privacy at ..."; cards, reports and the staff page keep the Dutch site_name.
    site_names: dict[str, str] = field(default_factory=dict)

    def site_name_in(self, language: str) -> str:
        return self.site_names.get(language) or self.site_name

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def activities_on(self, day: date) -> list[Activity]:
        """Today's tiles: the always-present ones first, then the schedule's, in file order."""
        running = [a for a in self.activities if a.runs_on(day)]
        return [a for a in running if a.always] + [a for a in running if not a.always]

    def activity(self, activity_id: str) -> Activity:
        return next(a for a in self.activities if a.id == activity_id)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def targets_for(self, year: int) -> YearTargets:
        """That year's [results.<year>] table, else the last earlier one (a proposal's
        last year's numbers hold until the coordinator writes new ones), else the first.
        Missing numbers come from the activities' `target` and [site] total_target."""
        chosen = None
        for targets in self.results:
            if targets.year <= year or chosen is None:
                chosen = targets
        chosen = chosen or YearTargets(year)
        activities = {a.id: a.target for a in self.activities if a.target is not None}
        activities.update(chosen.activities)
        people = chosen.people if chosen.people is not None else self.total_target
        return YearTargets(chosen.year, people, chosen.volunteers, chosen.volunteer_hours,
                           chosen.key_holders, activities)


SECTIONS = ("site", "door", "screen", "volunteers", "privacy", "export", "printer", "staff",
            "results", "activities", "topics")
_SITE_KEYS = ("id", "name", "timezone", "languages", "total_target", "names")
_SETTINGS = {"door": DoorSettings, "screen": ScreenSettings, "volunteers": VolunteerSettings,
             "privacy": PrivacySettings, "export": ExportSettings,
             "printer": PrinterSettings, "staff": StaffSettings}


class _Range(NamedTuple):
    low: float
    high: float
    unit: str = ""
    whole: bool = False
    why: str = ""


# Every number in the site file has a range: a value far outside it is a typo, and the
# door's time arithmetic overflows on one (timedelta(minutes=1e308) makes every scan fail).
RANGES = {
    "total_target": _Range(0, 1_000_000, "people", whole=True),
    "target": _Range(0, 1_000_000, whole=True),
    # More than a day would swallow the next day's genuine visit.
    "duplicate_scan_minutes": _Range(0, 24 * 60, "minutes"),
    "idle_seconds": _Range(5, 60 * 60, "seconds"),
    "still_there_seconds": _Range(3, 10 * 60, "seconds"),
    # Longer and the next visitor waits behind the previous one's "Welkom!".
    "confirmation_seconds": _Range(1, 60, "seconds"),
    # Under 10 s a visitor cannot read, remember and sit down; over 5 minutes the next
    # visitor finds someone else's number and no way to start.
    "queue_number_seconds": _Range(10, 5 * 60, "seconds"),
    "dpi": _Range(50, 600, "dots per inch"),
    "speech_volume": _Range(0, 100, "percent"),
    # A shift longer than a day was forgotten, not worked.
    "max_shift_hours": _Range(1, 24, "hours"),
    "hourly_value": _Range(0, 1000, "euros"),
    "key_holders": _Range(0, 1000, "people", whole=True),
    "people": _Range(0, 1_000_000, "people", whole=True),
    "volunteers": _Range(0, 10_000, "people", whole=True),
    # 24 hours a day for 10,000 volunteers: anything more is a typo.
    "volunteer_hours": _Range(0, 100_000_000, "hours", whole=True),
    "usb_vendor": _Range(1, 0xFFFF, whole=True, why="the first half of the id `lsusb` shows"),
    "usb_product": _Range(0, 0xFFFF, whole=True, why="the second half of the id `lsusb` shows"),
    # Two tables have a port: "table.key" entries are looked up first.
    "printer.port": _Range(1, 65535, whole=True),
    "staff.port": _Range(1024, 65535, whole=True,
                   why="the kiosk runs without root, which a port below 1024 needs"),
    "retention_months": _Range(
        13, 120, "months", whole=True,
        why="at least 13, so a year's unique people can still be counted after the year "
            "ended"),
}


def _shown(value) -> str:
    """A value for an error message: one short line, even for a number of 400 digits."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10 ** 15:
        # Python refuses to print an int of more than 4300 digits at all.
        digits = int(math.log10(abs(value))) + 1
        if abs(value) < 10 ** (digits - 1):  # log10 rounds 10**400 - 1 up to 400.0
            digits -= 1
        return f"a number with {digits} digits"
    try:
        text = repr(value)
    except ValueError:  # such an int inside a list
        return "a value with a number too long to show"
    return text if len(text) <= 60 else text[:57] + "..."


def _known(key: str, known) -> str:
    """What to say after "unknown key": the nearest known key, else all of them."""
    close = difflib.get_close_matches(key, list(known), n=1)
    if not close:
        close = difflib.get_close_matches(key.lower(), list(known), n=1)
    if close:
        return f" — did you mean {close[0]!r}?"
    return f" (known: {', '.join(known)})"


def default_config_text() -> str:
    return DEFAULT_CONFIG.read_text("utf-8")


def load_config(path: Path | str | None = None) -> SiteConfig:
    """Read and check a site file; None reads the default site shipped with the kiosk."""
    if path is None:
        return parse_config(default_config_text(), "<default site.toml>")
    path = Path(path)
    if path.exists() and not path.is_file():
        # A named pipe would hang the kiosk's start on an open that never returns.
        raise ConfigError(path, None, "is not a file (a folder, a device or a pipe)")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, None, "the file does not exist") from None
    except UnicodeDecodeError as error:
        raise ConfigError(path, None, f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise ConfigError(path, None, f"cannot be read ({error.strerror})") from None
    return parse_config(text, path)


def parse_config(text: str, path: Path | str) -> SiteConfig:
    # Windows Notepad saves "UTF-8 with BOM"; TOML has no place for the mark, and a
    # coordinator cannot see it. Dropped here, so every reader and editor of the file
    # agrees (an edit keeps it in the file, where it harms no one).
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _line_of_decode_error(error)
        message = re.sub(r"\s*\(at line \d+, column \d+\)$", "", str(error))
        raise ConfigError(path, line, f"not valid TOML: {message}") from None
    except ValueError:
        # tomllib leaves Python's limit on decimal digits (4300) to the caller.
        lines = text.splitlines()
        line = next((number for number, content in enumerate(lines, start=1)
                     if re.search(r"[0-9_]{4300}", content)), None)
        raise ConfigError(path, line, "not valid TOML: a number with thousands of digits") from None
    except RecursionError:
        raise ConfigError(path, None, "not valid TOML: lists or tables nested too deeply") from None
    return _Checker(text, path).site(data)


def line_of(path: Path | str, table: str, index: int, key: str | None = None) -> int | None:
    """The line of `key` in the index-th [[table]] block of a site file, if it can be read."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _Checker(text, path)._find_line(table, index, key)


def line_in(text: str, path: Path | str, table: str, index: int, key: str | None,
            sub: str | None = None) -> int | None:
    """The line of `key` in the index-th [table] block of a site file's text, or in its
    [table.sub] table; failing that, the nearest line that is known."""
    return _Checker(text, path)._find_line(table, index, key, sub)


def _line_of_decode_error(error: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"at line (\d+)", str(error))
    return int(match.group(1)) if match else None


def _key_pattern(key: str) -> str:
    """A TOML key as it may be written: bare, "quoted" or 'quoted'."""
    name = re.escape(key)
    return rf"""(?:{name}|"{name}"|'{name}')"""


class _Checker:
    """Turns parsed TOML into a SiteConfig, pointing at the line of anything wrong.

    tomllib keeps no positions, so lines are found again in the text: the n-th
    `[[activities]]` header and the key inside that block.
    """

    def __init__(self, text: str, path: Path | str):
        self.lines = text.splitlines()
        self.path = path

    def fail(self, message: str, table: str | None = None, index: int = 0,
             key: str | None = None, sub: str | None = None):
        raise ConfigError(self.path, self._find_line(table, index, key, sub), message)

    def _find_line(self, table: str | None, index: int, key: str | None,
                   sub: str | None = None) -> int | None:
        """The line of `key` in the index-th [table] block, or of `key` in its `sub` table
        ([activities.names] of that block); failing that, the nearest line that is known."""
        if table is None:
            return None
        start = self._header_line(table, index)
        if start is None:
            return self._top_level_line(table) if index == 0 else None
        if key is None:
            return start
        if sub is None:
            return self._line_in_block(start, table, key) or start
        sub_start = self._line_in_block(start, table, sub)
        if sub_start is None:
            return start
        if self.lines[sub_start - 1].lstrip().startswith("["):
            return self._line_in_block(sub_start, f"{table}.{sub}", key) or sub_start
        # Written in the block itself: names.en = "..." lines, or names = { ... } on one line.
        dotted = re.compile(rf"^\s*{_key_pattern(sub)}\s*\.\s*{_key_pattern(key)}\s*=")
        for number in range(sub_start, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.lstrip().startswith("["):
                break
            if dotted.match(line):
                return number
        return sub_start

    def _header_line(self, table: str, index: int) -> int | None:
        header = re.compile(rf"^\s*\[\[?\s*{_key_pattern(table)}\s*\]\]?\s*(#.*)?$")
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if header.match(line):
                seen += 1
                if seen == index:
                    return number
        return None

    def _top_level_line(self, name: str) -> int | None:
        """A table written without its own header: a key above the first header, or only
        as the parent of a [name.sub] header."""
        name = _key_pattern(name)
        assignment = re.compile(rf"^\s*{name}\s*[=.]")
        parent = re.compile(rf"^\s*\[\[?\s*{name}\s*\.")
        above_headers = True
        for number, line in enumerate(self.lines, start=1):
            if line.lstrip().startswith("["):
                above_headers = False
                if parent.match(line):
                    return number
            elif above_headers and assignment.match(line):
                return number
        return None

    def _line_in_block(self, start: int, table: str, key: str) -> int | None:
        """The line of `key` in the block whose header is line `start`: `key = ...`,
        `key.sub = ...`, or a [table.key] header right below the block."""
        assignment = re.compile(rf"^\s*{_key_pattern(key)}\s*[=.]")
        sub_table = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\.\s*{_key_pattern(key)}\s*\]")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if sub_table.match(line):
                return number
            if line.lstrip().startswith("["):
                return None
            if assignment.match(line):
                return number
        return None

    def known_keys(self, table: dict, known, where: str, index: int = 0,
                   label: str | None = None) -> None:
        """A misspelt key would otherwise be silently ignored: `timezon = "Asia/Tokyo"`
        leaves the kiosk in Amsterdam, `targte = 150` leaves an activity without target."""
        for key in table:
            if key not in known:
                self.fail(f"unknown key {_shown(key)} in {label or f'[{where}]'}"
                          f"{_known(key, known)}", where, index, key)

    def site(self, data: dict) -> SiteConfig:
        for key in data:
            if key not in SECTIONS:
                self.unknown_section(key)
        site = self.table(data, "site")
        self.known_keys(site, _SITE_KEYS, "site")
        site_id = self.identifier(site, "id", "site")
        name = self.text(site, "name", "site")
        site_names = self.other_languages(site.get("names", {}), "site", "names", "name")
        zone = self.timezone(site.get("timezone", "Europe/Amsterdam"))
        languages = site.get("languages", [DEFAULT_LANGUAGE])
        if (not isinstance(languages, list) or not languages
                or not all(isinstance(code, str) and re.fullmatch(r"[a-z]{2,3}", code)
                           for code in languages)):
            self.fail("languages must be a list of language codes, such as [\"nl\", \"en\"]",
                      "site", key="languages")
        unknown = [code for code in languages if code not in KNOWN_LANGUAGES]
        if unknown:
            self.fail(f"the kiosk has no translation for {', '.join(map(repr, unknown))} "
                      f"(it knows: {', '.join(KNOWN_LANGUAGES)})", "site", key="languages")
        total_target = site.get("total_target")
        if total_target is not None:
            total_target = self.number(site, "total_target", "site", None)
        door = self.door(data.get("door", {}))
        screen = self.screen(data.get("screen", {}))
        volunteers = self.volunteers(data.get("volunteers", {}))
        privacy = self.privacy(data.get("privacy", {}))
        export = self.export(data.get("export", {}))
        printer = self.printer(data["printer"]) if "printer" in data else None
        staff = self.staff(data.get("staff", {}))
        activities = self.choices(data, "activities", self.activity)
        if not activities:
            self.fail("there must be at least one [[activities]] entry")
        results = self.results(data.get("results", {}), [a.id for a in activities])
        if not any(a.always and a.active for a in activities):
            self.fail("one activity must have always = true: the walk-in / coffee tile "
                      "(\"Even zitten / koffie\") that is on the screen every day", "activities")
        topics = self.choices(data, "topics", self.topic)
        if not topics:
            self.fail("there must be at least one [[topics]] entry")
        return SiteConfig(str(self.path), site_id, name, zone, tuple(languages), door,
                          tuple(activities), tuple(topics), total_target, volunteers, privacy,
                          export, screen, printer, staff, results, site_names)

    def unknown_section(self, key: str) -> None:
        # A key above the first header belongs to no section; say which one it is for.
        homes = [name for name, keys in (("site", _SITE_KEYS),
                                         *((n, [f.name for f in fields(c)])
                                           for n, c in _SETTINGS.items()))
                 if key in keys]
        if homes:
            self.fail(f"{_shown(key)} is outside any section: put it under [{homes[0]}]", key)
        self.fail(f"unknown section {_shown(key)}{_known(key, SECTIONS)}", key)

    def timezone(self, zone_name) -> ZoneInfo:
        if isinstance(zone_name, str):
            try:
                return ZoneInfo(zone_name)
            # A directory ("America"), a name too long for the file system, a data file of
            # the tz database: each is its own exception, none of them a time zone.
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
        hint = "for example Europe/Amsterdam"
        if isinstance(zone_name, str):
            close = difflib.get_close_matches(zone_name, sorted(available_timezones()), n=1)
            if close:
                hint = f"did you mean {close[0]!r}?"
        self.fail(f"timezone {_shown(zone_name)} is not a known time zone ({hint})",
                  "site", key="timezone")

    def table(self, data: dict, name: str) -> dict:
        value = data.get(name)
        if not isinstance(value, dict):
            self.fail(f"the [{name}] table is missing", name if name in data else None)
        return value

    def identifier(self, table: dict, key: str, where: str, index: int = 0) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(f"{key} must be a short id of lower-case letters, digits, - or _ "
                      f"(got {_shown(value)})", where, index, key)
        return value

    def text(self, table: dict, key: str, where: str, index: int = 0) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key} is missing or empty", where, index, key)
        return value.strip()

    def number(self, table: dict, key: str, where: str, default, index: int = 0):
        """A number within its RANGES entry; a whole one comes back as an int."""
        value = table.get(key, default)
        low, high, unit, whole, why = RANGES.get(f"{where}.{key}") or RANGES[key]
        kind = "a whole number" if whole else "a number"
        unit = f" {unit}" if unit else ""
        # Compared as they are, so an integer of 400 digits is out of range, not an
        # OverflowError; nan is never within a range.
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not low <= value <= high or whole and value != int(value)):
            self.fail(f"{key} must be {kind} from {low} to {high}{unit} "
                      f"(got {_shown(value)})"
                      + (f": {why}" if why else ""), where, index, key)
        return int(value) if whole else value

    def flag(self, table: dict, key: str, where: str, default: bool, index: int = 0) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{key} must be true or false (got {_shown(value)})", where, index, key)
        return value

    def settings_table(self, table, name: str) -> None:
        """A [name] table of settings: a table, and no key the kiosk does not know."""
        if not isinstance(table, dict):
            self.fail(f"[{name}] must be a table", name)
        self.known_keys(table, [f.name for f in fields(_SETTINGS[name])], name)

    def export(self, table: dict) -> ExportSettings:
        self.settings_table(table, "export")
        values = {}
        for key in ExportSettings.__dataclass_fields__:
            value = table.get(key, "")
            if not isinstance(value, str):
                self.fail(f"{key} must be text in quotes", "export", key=key)
            values[key] = value.strip()
        return ExportSettings(**values)

    def printer(self, table) -> PrinterSettings | None:
        self.settings_table(table, "printer")
        defaults = PrinterSettings()
        connection = table.get("connection", defaults.connection)
        if connection not in PRINTER_CONNECTIONS:
            self.fail(f"connection must be one of {', '.join(map(repr, PRINTER_CONNECTIONS))} "
                      f"(got {_shown(connection)})", "printer", key="connection")
        for other, keys in _CONNECTION_KEYS.items():
            for key in keys:
                if other != connection and key in table:
                    self.fail(f"{key} is for connection = {other!r}; this printer's "
                              f"connection is {connection!r}", "printer", key=key)
        paper = table.get("paper_mm", defaults.paper_mm)
        if isinstance(paper, bool) or paper not in PAPER_WIDTHS_MM:
            self.fail(f"paper_mm must be 58 or 80, the width of the paper roll "
                      f"(got {_shown(paper)})", "printer", key="paper_mm")
        values = {"connection": connection, "paper_mm": int(paper),
                  "enabled": self.flag(table, "enabled", "printer", defaults.enabled)}
        if connection == "usb":
            for key in ("usb_vendor", "usb_product"):
                if key not in table:
                    self.fail(f"a USB printer needs {key} (`lsusb` shows the printer as "
                              f"vendor:product, such as 0416:5011)", "printer")
                values[key] = self.usb_id(table, key)
        elif connection == "network":
            host = table.get("host")
            if not isinstance(host, str) or not re.fullmatch(r"[A-Za-z0-9.:_-]{1,253}", host):
                self.fail(f"host must be the printer's address, such as \"192.168.1.50\" "
                          f"(got {_shown(host)})", "printer", key="host")
            values["host"] = host
            values["port"] = self.number(table, "port", "printer", defaults.port)
        else:
            device = table.get("device", defaults.device)
            if not isinstance(device, str) or not device.startswith("/dev/"):
                self.fail(f"device must be a path under /dev, such as \"/dev/usb/lp0\" "
                          f"(got {_shown(device)})", "printer", key="device")
            values["device"] = device
        settings = PrinterSettings(**values)
        return settings if settings.enabled else None

    def usb_id(self, table: dict, key: str) -> int:
        """Hex as `lsusb` prints it ("0416"), or a TOML number (0x0416)."""
        value = table[key]
        if isinstance(value, str) and re.fullmatch(r"(0[xX])?[0-9a-fA-F]{1,4}", value.strip()):
            value = int(value.strip(), 16)
        elif isinstance(value, str):
            self.fail(f"{key} must be 4 hex digits as `lsusb` shows them, such as \"0416\" "
                      f"(got {_shown(value)})", "printer", key=key)
        return self.number({key: value}, key, "printer", None)

    def privacy(self, table: dict) -> PrivacySettings:
        self.settings_table(table, "privacy")
        defaults = PrivacySettings()
        contact = table.get("contact", defaults.contact)
        if not isinstance(contact, str) or not contact.strip():
            self.fail("contact must say whom to ask, in words", "privacy", key="contact")
        return PrivacySettings(
            retention_months=self.number(table, "retention_months", "privacy",
                                         defaults.retention_months),
            contact=contact.strip(),
            contacts=self.other_languages(table.get("contacts", {}), "privacy", "contacts",
                                          "contact"))

    def other_languages(self, table, where: str, sub: str, dutch_key: str) -> dict[str, str]:
        """[site.names], [privacy.contacts]: a text per language besides the Dutch one,
        which is `dutch_key` in [where] itself (a second Dutch text would contradict it)."""
        if not isinstance(table, dict):
            self.fail(f"[{where}.{sub}] must be a table of language code = text, such as "
                      f"en = \"...\"", where, key=sub)
        for code, text in table.items():
            if code == DEFAULT_LANGUAGE:
                self.fail(f"the Dutch text is {dutch_key} in [{where}]; [{where}.{sub}] is "
                          f"for the other languages", where, key=code, sub=sub)
            if code not in KNOWN_LANGUAGES:
                self.fail(f"unknown language {_shown(code)} in [{where}.{sub}]"
                          f"{_known(code, KNOWN_LANGUAGES)}", where, key=code, sub=sub)
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{code} in [{where}.{sub}] must be text in quotes, not empty "
                          f"(got {_shown(text)})", where, key=code, sub=sub)
        return {code: " ".join(text.split()) for code, text in table.items()}

    def volunteers(self, table: dict) -> VolunteerSettings:
        self.settings_table(table, "volunteers")
        defaults = VolunteerSettings()
        return VolunteerSettings(
            max_shift_hours=self.number(table, "max_shift_hours", "volunteers",
                                        defaults.max_shift_hours),
            hourly_value=self.number(table, "hourly_value", "volunteers",
                                     defaults.hourly_value),
            key_holders=self.number(table, "key_holders", "volunteers", None)
            if "key_holders" in table else None)

    def results(self, table, activity_ids: list[str]) -> tuple[YearTargets, ...]:
        if not isinstance(table, dict):
            self.fail("[results] must be tables per year, such as [results.2018]", "results")
        years = []
        for name, entry in table.items():
            if not re.fullmatch(r"20\d\d", name):
                self.fail(f"{_shown(name)} in [results] is not a year: write [results.2018]",
                          "results", key=name)
            where = f"results.{name}"
            if not isinstance(entry, dict):
                self.fail(f"[{where}] must be a table", "results", key=name)
            self.known_keys(entry, _YEAR_KEYS, where)
            numbers = {key: self.number(entry, key, where, None)
                       for key in _YEAR_KEYS[:-1] if key in entry}
            targets = entry.get("activities", {})
            if not isinstance(targets, dict):
                self.fail(f"[{where}.activities] must be a table of activity id = target",
                          where, key="activities")
            for activity_id in targets:
                if activity_id not in activity_ids:
                    self.fail(f"unknown activity {_shown(activity_id)} in [{where}.activities]"
                              f"{_known(activity_id, activity_ids)}", where, key=activity_id,
                              sub="activities")
            activities = {activity_id: self._target(targets, activity_id, where)
                          for activity_id in targets}
            years.append(YearTargets(int(name), activities=activities, **numbers))
        return tuple(sorted(years, key=lambda t: t.year))

    def _target(self, targets: dict, activity_id: str, where: str) -> int:
        value = targets[activity_id]
        low, high, _unit, _whole, _why = RANGES["target"]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"the target of {activity_id} must be a whole number from {low} to "
                      f"{high} (got {_shown(value)})", where, key=activity_id, sub="activities")
        return value

    def screen(self, table: dict) -> ScreenSettings:
        self.settings_table(table, "screen")
        defaults = ScreenSettings()
        dpi = self.number(table, "dpi", "screen", defaults.dpi)
        theme = table.get("theme", defaults.theme)
        if theme not in THEMES:
            self.fail(f"theme must be one of {', '.join(map(repr, THEMES))} "
                      f"(got {_shown(theme)})", "screen", key="theme")
        volume = self.number(table, "speech_volume", "screen", defaults.speech_volume)
        return ScreenSettings(dpi=dpi, theme=theme, speech_volume=int(volume))

    def staff(self, table: dict) -> StaffSettings:
        self.settings_table(table, "staff")
        defaults = StaffSettings()
        bind = table.get("bind", defaults.bind)
        try:
            ipaddress.ip_address(bind if isinstance(bind, str) else "")
        except ValueError:
            self.fail(f"bind must be an IP address of this computer, such as \"0.0.0.0\" "
                      f"(every address) or \"127.0.0.1\" (got {_shown(bind)})", "staff",
                      key="bind")
        return StaffSettings(
            enabled=self.flag(table, "enabled", "staff", defaults.enabled),
            port=self.number(table, "port", "staff", defaults.port),
            bind=bind)

    def door(self, table: dict) -> DoorSettings:
        self.settings_table(table, "door")
        defaults = DoorSettings()
        return DoorSettings(
            duplicate_scan_minutes=self.number(table, "duplicate_scan_minutes", "door",
                                               defaults.duplicate_scan_minutes),
            idle_seconds=self.number(table, "idle_seconds", "door", defaults.idle_seconds),
            still_there_seconds=self.number(table, "still_there_seconds", "door",
                                            defaults.still_there_seconds),
            confirmation_seconds=self.number(table, "confirmation_seconds", "door",
                                             defaults.confirmation_seconds),
            queue_number_seconds=self.number(table, "queue_number_seconds", "door",
                                             defaults.queue_number_seconds),
            survey=self.flag(table, "survey", "door", defaults.survey),
            fullscreen=self.flag(table, "fullscreen", "door", defaults.fullscreen),
            show_cursor=self.flag(table, "show_cursor", "door", defaults.show_cursor),
            opening_hours=self.opening_hours(table["opening_hours"])
            if "opening_hours" in table else None,
        )

    def opening_hours(self, table) -> OpeningHours:
        """[door.opening_hours]: weekday = "09:00-17:00"; a day left out is a closed day."""
        where, sub = "door", "opening_hours"
        if not isinstance(table, dict):
            self.fail("opening_hours must be a table of weekday = hours: a line "
                      "[door.opening_hours], then ma = \"09:00-17:00\" and so on",
                      where, key=sub)
        if not table:
            self.fail("[door.opening_hours] has no days: write the days the room is open, "
                      "such as ma = \"09:00-17:00\", or leave the table out", where, key=sub)
        days: dict[int, tuple[tuple[int, int], ...]] = {}
        for day, hours in table.items():
            weekday = _WEEKDAY_SPELLINGS.get(day.strip().lower())
            if weekday is None:
                self.fail(f"{_shown(day)} in [door.opening_hours] is not a weekday (use "
                          f"{', '.join(WEEKDAYS)})", where, key=day, sub=sub)
            if weekday in days:
                self.fail(f"{WEEKDAYS[weekday]} is written twice in [door.opening_hours]",
                          where, key=day, sub=sub)
            if not isinstance(hours, str):
                self.fail(f"{day} in [door.opening_hours] must be hours in quotes, such as "
                          f"\"09:00-17:00\" (got {_shown(hours)})", where, key=day, sub=sub)
            try:
                days[weekday] = parse_spans(hours)
            except ValueError as error:
                self.fail(f"{day} in [door.opening_hours] {error}", where, key=day, sub=sub)
        return OpeningHours(days)

    def choices(self, data: dict, name: str, build) -> list:
        entries = data.get(name, [])
        if not isinstance(entries, list):
            self.fail(f"{name} must be written as [[{name}]] blocks", name)
        built = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                self.fail(f"{name} must be written as [[{name}]] blocks", name)
            choice = build(entry, index)
            if choice.id in seen:
                self.fail(f"id {choice.id!r} is used twice", name, index, "id")
            seen[choice.id] = index
            built.append(choice)
        return built

    def names(self, entry: dict, where: str, index: int) -> dict[str, str]:
        names = entry.get("names")
        if (not isinstance(names, dict) or not names
                or not all(isinstance(v, str) and v.strip() for v in names.values())):
            self.fail("names must be a table of language code = name, "
                      "such as { nl = \"Kookclub\", en = \"Cooking club\" }", where, index, "names")
        for code in names:
            # A name in a language the kiosk cannot offer is never shown: a typo.
            if code not in KNOWN_LANGUAGES:
                self.fail(f"unknown language {_shown(code)} in [{where}.names]"
                          f"{_known(code, KNOWN_LANGUAGES)}", where, index, code, sub="names")
        if DEFAULT_LANGUAGE not in names:
            self.fail("names must include a Dutch name (nl = \"...\")", where, index, "names")
        return {code: text.strip() for code, text in names.items()}

    def activity(self, entry: dict, index: int) -> Activity:
        where = "activities"
        self.known_keys(entry, [f.name for f in fields(Activity)], where, index,
                        "[[activities]]")
        activity_id = self.identifier(entry, "id", where, index)
        weekdays_raw = entry.get("weekdays", list(WEEKDAYS))
        if not isinstance(weekdays_raw, list):
            self.fail("weekdays must be a list such as [\"ma\", \"wo\"]", where, index, "weekdays")
        weekdays = set()
        for day in weekdays_raw:
            weekday = _WEEKDAY_SPELLINGS.get(day.strip().lower()) if isinstance(day, str) else None
            if weekday is not None:
                weekdays.add(weekday)
            else:
                self.fail(f"{_shown(day)} is not a weekday (use {', '.join(WEEKDAYS)})",
                          where, index, "weekdays")
        unit = entry.get("unit", "unique")
        if unit not in UNITS:
            self.fail(f"unit must be one of {', '.join(UNITS)} (got {_shown(unit)})",
                      where, index, "unit")
        target = entry.get("target")
        if target is not None:
            target = self.number(entry, "target", where, None, index)
        return Activity(
            id=activity_id,
            names=self.names(entry, where, index),
            pictogram=self.text(entry, "pictogram", where, index),
            weekdays=frozenset(weekdays),
            always=self.flag(entry, "always", where, False, index),
            active=self.flag(entry, "active", where, True, index),
            unit=unit,
            target=target,
        )

    def topic(self, entry: dict, index: int) -> Topic:
        where = "topics"
        self.known_keys(entry, [f.name for f in fields(Topic)], where, index, "[[topics]]")
        return Topic(
            id=self.identifier(entry, "id", where, index),
            names=self.names(entry, where, index),
            pictogram=self.text(entry, "pictogram", where, index),
        )
