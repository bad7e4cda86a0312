"""A coordinator's edit of the site file, however wrong, either starts a working kiosk or
stops it with a ConfigError naming the line: never a traceback, and never a config that
passes the checks and then breaks the door's arithmetic at the first scan."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from kiosk.config import (RANGES, ConfigError, SiteConfig, default_config_text, load_config,
                          parse_config)
from kiosk.retention import first_kept_month

DEFAULT_LINES = default_config_text().splitlines()
KEY_LINES = [number for number, line in enumerate(DEFAULT_LINES)
             if re.match(r"^[A-Za-z_]+\s*=", line)]
KNOWN_KEYS = sorted({line.split("=")[0].strip() for line in DEFAULT_LINES
                     if re.match(r"^[A-Za-z_]+\s*=", line)})
HEADERS = sorted({line for line in DEFAULT_LINES if line.startswith("[")})

# Written out as text: Python will not str() an int of more than 4300 digits, and tomllib
# passes that refusal on as a plain ValueError, so the long ones must be in here.
integers = st.one_of(
    st.integers(-3, 2000).map(str),
    st.integers().map(str),
    st.tuples(st.sampled_from(["", "-", "+"]), st.integers(1, 6000)).map(
        lambda sign_length: sign_length[0] + "9" * sign_length[1]),
)
floats = st.one_of(st.floats(-10, 2000), st.floats())
strings = st.text(max_size=20)


def toml_float(value: float) -> str:
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(value)


scalars = st.one_of(
    integers,
    st.integers(0, 2 ** 64).map(hex),
    st.integers(1, 6000).map(lambda length: "0x" + "f" * length),
    floats.map(toml_float),
    st.booleans().map(lambda flag: "true" if flag else "false"),
    strings.map(lambda text: json.dumps(text, ensure_ascii=False)),
    st.sampled_from(['"Europe/Amsterdam"', '"Asia/Tokyo"', '"America"', '"nl"', '"ma"',
                     '"unique"', '"jobs"', '"high_contrast"', '"kookclub"']),
    st.dates().map(date.isoformat),
    st.datetimes().map(datetime.isoformat),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.tuples(st.sampled_from(["nl", "en", "xx"]), scalars).map(
        lambda pair: f"{{ {pair[0]} = {pair[1]} }}"),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.from_regex(r"[a-z_]{1,12}", fullmatch=True))

line_numbers = st.integers(0, len(DEFAULT_LINES) - 1)
change_value = st.tuples(st.just("value"), st.sampled_from(KEY_LINES), values)
add_key = st.tuples(st.just("add"), line_numbers, st.tuples(keys, values))
add_header = st.tuples(st.just("header"), line_numbers,
                       st.one_of(st.sampled_from(HEADERS),
                                 keys.map(lambda key: f"[{key}]")))
delete = st.tuples(st.just("delete"), line_numbers, st.none())
edits = st.lists(st.one_of(change_value, change_value, add_key, add_header, delete),
                 max_size=5)
# Then, at the level of bytes: a file cut short (a full SD card), or stray bytes.
damage = st.one_of(
    st.none(),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
)


def mutated(changes, harm) -> bytes:
    lines = list(DEFAULT_LINES)
    for kind, number, what in changes:
        number = min(number, len(lines) - 1)
        if kind == "value" and "=" in lines[number]:
            lines[number] = lines[number].split("=")[0] + "= " + what
        elif kind == "add":
            lines.insert(number + 1, f"{what[0]} = {what[1]}")
        elif kind == "header":
            lines.insert(number + 1, what)
        elif kind == "delete" and len(lines) > 1:
            del lines[number]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if harm is not None and harm[0] == "truncate":
        data = data[:int(len(data) * harm[1])]
    elif harm is not None:
        at = int(len(data) * harm[1])
        data = data[:at] + harm[2] + data[at:]
    return data


def door_arithmetic(site: SiteConfig) -> None:
    """What kiosk/door.py, kiosk/ui/app.py, kiosk/ui/still_there.py, kiosk/retention.py and
    kiosk/report.py do with the numbers: none of it may overflow for a site that loaded."""
    door = site.door
    now = datetime(2026, 11, 26, 10, 0, tzinfo=site.timezone)
    window = timedelta(minutes=door.duplicate_scan_minutes)  # Door._duplicate_of
    assert now - (now - window) == window
    cap = timedelta(hours=site.volunteers.max_shift_hours)  # Door.close_forgotten_shifts
    assert (now - cap) + cap == now and round(cap.total_seconds() / 60) >= 60
    gone = door.idle_seconds + door.still_there_seconds  # IdleWatch
    assert int(gone + 0.99) > 0 and now + timedelta(seconds=gone) > now
    shown = door.queue_number_seconds  # KioskApp._confirmation_seconds
    assert now + timedelta(seconds=shown) > now
    kept = first_kept_month(now.date(), site.privacy.retention_months)  # retention.purge
    assert date.fromisoformat(f"{kept}-01") < now.date()
    assert 0 <= site.screen.speech_volume / 100 <= 1  # the speaker's volume
    assert 25.4 / site.screen.dpi > 0  # KioskApp's touch-size check
    assert round(1000 * site.volunteers.hourly_value, 2) < float("inf")  # report
    for target in [site.total_target] + [activity.target for activity in site.activities]:
        assert target is None or isinstance(target, int)
    if door.opening_hours is not None:  # AttractSchedule.room_may_be_open, a week of it
        for hour in range(7 * 24):
            door.opening_hours.open_at(now + timedelta(hours=hour, minutes=hour % 60))


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzzed-site")


@settings(max_examples=200, deadline=None, database=None)
@given(changes=edits, harm=damage)
def test_any_edit_of_the_site_file_loads_or_is_a_one_line_config_error(site_dir, changes, harm):
    path = site_dir / "site.toml"
    path.write_bytes(mutated(changes, harm))
    try:
        site = load_config(path)
    except ConfigError as error:
        event("refused")
        # The CLI prints it as the one line the coordinator reads.
        assert "\n" not in str(error) and len(error.message) < 400
        assert error.line is None or 1 <= error.line <= len(path.read_bytes().splitlines()) + 1
        return
    event("loads")
    door_arithmetic(site)


@settings(max_examples=200, deadline=None, database=None)
# The [printer] numbers are not in the default file (no printer there): test_config.py
# checks their ranges.
@given(key=st.sampled_from(sorted(key for key in RANGES
                                  if any(line.startswith(f"{key} =") for line in DEFAULT_LINES))),
       value=st.one_of(integers, floats.map(toml_float)))
def test_every_number_that_loads_is_safe_for_the_door(key, value):
    number = next(n for n in KEY_LINES if DEFAULT_LINES[n].startswith(f"{key} ="))
    lines = list(DEFAULT_LINES)
    lines[number] = f"{key} = {value}"
    try:
        site = parse_config("\n".join(lines), "site.toml")
    except ConfigError as error:
        assert error.line == number + 1
        event("refused")
        return
    event("loads")
    door_arithmetic(site)


# Opening hours as a coordinator might type them: times as on a door sign, near misses,
# anything at all; weekday keys right, in full, misspelt.
hour_texts = st.one_of(
    st.sampled_from(["09:00-17:00", "9.00 - 12.30, 13:30-17:00", "00:00-24:00"]),
    st.from_regex(r"\s?\d{1,3}[:.]\d{1,2}\s?-\s?\d{1,3}[:.]\d{1,2}(, ?\d{1,2}:\d{2}-\d{1,2}:\d{2})?",
                  fullmatch=True),
    st.text(max_size=24),
)
hour_values = st.one_of(hour_texts.map(lambda text: json.dumps(text, ensure_ascii=False)),
                        scalars)
day_keys = st.one_of(st.sampled_from(["ma", "di", "zondag", "Friday", "MON", "ma "]),
                     st.text(max_size=8))


@settings(max_examples=300, deadline=None, database=None)
@given(days=st.lists(st.tuples(day_keys, hour_values), max_size=4))
def test_any_opening_hours_load_or_name_their_line(days):
    table = "\n".join(f"{json.dumps(day, ensure_ascii=False)} = {hours}" for day, hours in days)
    text = default_config_text().replace("# [door.opening_hours]\n",
                                         f"[door.opening_hours]\n{table}\n", 1)
    try:
        site = parse_config(text, "site.toml")
    except ConfigError as error:
        event("refused")
        assert "\n" not in str(error) and len(error.message) < 400
        header = text.splitlines().index("[door.opening_hours]") + 1
        # The table's header or one of its days (or TOML's own line for TOML's mistakes).
        assert error.line is not None
        if not error.message.startswith("not valid TOML"):
            assert header <= error.line <= header + len(days), error
        return
    event("loads")
    door_arithmetic(site)
