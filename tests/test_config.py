import os
import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, parse_config
from tests.conftest import site_text


def test_default_site_has_the_proposals_activities_and_2018_targets():
    site = load_config()
    targets = {a.id: (a.target, a.unit) for a in site.activities}
    assert targets["kookclub"] == (250, "unique")
    assert targets["formulierenbrigade"] == (400, "unique")
    assert targets["klussendienst"] == (50, "jobs")
    assert targets["inloop"] == (150, "unique")
    assert len(site.activities) == 14
    assert {t.id for t in site.topics} == {"letter", "money", "housing", "repair", "work",
                                           "language", "computer", "other"}


def test_weekly_schedule_decides_todays_tiles_and_inloop_is_always_first(site):
    thursday = site.activities_on(date(2026, 11, 26))
    assert thursday[0].id == "inloop"
    assert "kookclub" in {a.id for a in thursday}
    sunday = site.activities_on(date(2026, 11, 29))
    assert [a.id for a in sunday] == ["inloop"]


def test_names_fall_back_to_dutch():
    site = parse_config(site_text().replace('ar = "نادي الطبخ"\n', "", 1), "site.toml")
    kookclub = site.activity("kookclub")
    assert kookclub.name("en") == "Cooking club"
    assert kookclub.name("ar") == "Kookclub"


def test_the_default_site_names_every_choice_in_every_offered_language(site):
    assert len(site.languages) == 9
    for choice in site.activities + site.topics:
        assert set(choice.names) == set(site.languages), choice.id


def test_load_config_reads_a_file(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(site_text().replace('name = "Buurtwerkkamer Leidsche Rijn"',
                                        'name = "Buurtwerkkamer Vleuten"'), "utf-8")
    assert load_config(path).site_name == "Buurtwerkkamer Vleuten"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def _error_for(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "site.toml")
    return caught.value


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(needle)


def test_toml_syntax_error_names_file_and_line():
    text = site_text().replace('id = "kookclub"', 'id = "kookclub')
    error = _error_for(text)
    assert error.line == _line_of(text, 'id = "kookclub')
    assert str(error).startswith(f"site.toml, line {error.line}: not valid TOML")


def test_bad_weekday_points_at_the_weekdays_line_of_that_activity():
    text = site_text().replace('weekdays = ["di", "do"]', 'weekdays = ["di", "donderdag!"]', 1)
    error = _error_for(text)
    assert error.line == _line_of(text, "donderdag!")
    assert "is not a weekday" in error.message


def test_duplicate_activity_id_is_refused():
    text = site_text().replace('id = "tuindienst"', 'id = "kookclub"')
    error = _error_for(text)
    assert "used twice" in error.message
    assert error.line == _line_of(text, 'id = "kookclub"', 2)


@pytest.mark.parametrize("old, new, message", [
    ('unit = "jobs"', 'unit = "klussen"', "unit must be one of"),
    ("target = 250", "target = -3", "target must be a whole number from 0 to 1000000"),
    ('timezone = "Europe/Amsterdam"', 'timezone = "Mars/Olympus"', "not a known time zone"),
    ("idle_seconds = 60", "idle_seconds = 1",
     "idle_seconds must be a number from 5 to 3600 seconds"),
    ("fullscreen = true", 'fullscreen = "yes"', "fullscreen must be true or false"),
    ('pictogram = "kookclub"', 'pictogram = ""', "pictogram is missing"),
    ("dpi = 210", "dpi = 10", "dpi must be a number from 50 to 600"),
    ("dpi = 210", "dpi = inf", "dpi must be a number from 50 to 600 dots per inch (got inf)"),
    ("speech_volume = 80", "speech_volume = nan", "speech_volume must be a number"),
    ('theme = "standard"', 'theme = "dark"', "theme must be one of"),
    ("speech_volume = 80", "speech_volume = 180", "from 0 to 100 percent (got 180)"),
    ('languages = ["nl", "en", "ar",', 'languages = ["nl", "xx", "ar",', "no translation for 'xx'"),
])
def test_wrong_values_are_reported_with_their_line(old, new, message):
    text = site_text().replace(old, new, 1)
    error = _error_for(text)
    assert message in error.message
    assert error.line == _line_of(text, new)


def test_unknown_door_setting_is_refused():
    error = _error_for(site_text().replace("[door]", "[door]\nidle_secs = 30"))
    assert error.message == "unknown key 'idle_secs' in [door] — did you mean 'idle_seconds'?"


def test_missing_site_table_is_refused():
    error = _error_for("[[activities]]\nid = \"a\"\n")
    assert "[site] table is missing" in error.message


def test_a_misspelt_section_is_refused_with_its_line():
    text = site_text().replace("[volunteers]", "[volunteerz]", 1)
    error = _error_for(text)
    assert "unknown section 'volunteerz'" in error.message
    assert error.line == _line_of(text, "[volunteerz]")


def test_weekdays_may_be_written_in_full():
    site = parse_config(site_text().replace('weekdays = ["za"]', 'weekdays = ["Zaterdag"]', 1),
                        "site.toml")
    assert site.activity("ontbijtcafe").weekdays == {5}


def test_activities_written_as_a_plain_list_are_refused():
    text = 'activities = ["kookclub"]\n' + site_text().split("[[activities]]")[0]
    error = _error_for(text)
    assert "[[activities]] blocks" in error.message


def test_the_always_present_coffee_tile_cannot_be_removed():
    error = _error_for(site_text().replace("always = true", "always = false"))
    assert "always = true" in error.message


def test_a_missing_pictogram_is_reported_with_its_line(tmp_path):
    from kiosk.assets import check_pictograms

    path = tmp_path / "site.toml"
    text = site_text().replace('pictogram = "kookclub"', 'pictogram = "pizza"')
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        check_pictograms(load_config(path))
    assert caught.value.line == _line_of(text, 'pictogram = "pizza"')
    assert "no pictogram 'pizza'" in caught.value.message


def test_the_shipped_site_has_every_pictogram():
    from kiosk.assets import check_pictograms

    check_pictograms(load_config())


def test_retention_keeps_at_least_a_year_and_a_month():
    error = _error_for(site_text().replace("retention_months = 24", "retention_months = 6"))
    assert "at least 13" in error.message


def test_the_queue_number_stays_30_seconds_unless_the_site_says_otherwise():
    assert parse_config(site_text(), "site.toml").door.queue_number_seconds == 30
    # A site file written before the setting existed still loads, with the default.
    older = site_text().replace("queue_number_seconds = 30\n", "")
    assert "queue_number_seconds" not in older
    assert parse_config(older, "site.toml").door.queue_number_seconds == 30
    assert parse_config(site_text(queue_number_seconds=90),
                        "site.toml").door.queue_number_seconds == 90
    error = _error_for(site_text(queue_number_seconds=5))
    assert error.message == ("queue_number_seconds must be a number from 10 to 300 seconds "
                             "(got 5)")


def test_screen_settings_have_defaults_when_the_table_is_left_out():
    text = re.sub(r"\[screen\].*?(?=\[volunteers\])", "", site_text(), flags=re.S)
    assert "[screen]" not in text
    screen = parse_config(text, "site.toml").screen
    assert (screen.dpi, screen.theme, screen.speech_volume) == (210, "standard", 80)


def test_a_missing_dutch_name_points_at_the_names_table():
    text = site_text().replace('nl = "Kookclub"\n', "", 1)
    error = _error_for(text)
    assert "Dutch name" in error.message
    names_of_kookclub = text.index("[activities.names]", text.index('id = "kookclub"'))
    assert error.line == text[:names_of_kookclub].count("\n") + 1


# -- unknown keys: a misspelt key must not be silently ignored ------------------------------

@pytest.mark.parametrize("old, new, message", [
    ('timezone = "Europe/Amsterdam"', 'timezon = "Asia/Tokyo"',
     "unknown key 'timezon' in [site] — did you mean 'timezone'?"),
    ("duplicate_scan_minutes = 10", "duplicate_scan_minute = 10",
     "unknown key 'duplicate_scan_minute' in [door] — did you mean 'duplicate_scan_minutes'?"),
    ("dpi = 210", "dpl = 210", "unknown key 'dpl' in [screen] — did you mean 'dpi'?"),
    ("max_shift_hours = 10", "max_shift_hour = 10",
     "unknown key 'max_shift_hour' in [volunteers] — did you mean 'max_shift_hours'?"),
    ("retention_months = 24", "retention = 24",
     "unknown key 'retention' in [privacy] — did you mean 'retention_months'?"),
    ('usb_label = ""', 'usb_lable = ""',
     "unknown key 'usb_lable' in [export] — did you mean 'usb_label'?"),
    ("target = 250", "targte = 250",
     "unknown key 'targte' in [[activities]] — did you mean 'target'?"),
    ('pictogram = "topic_letter"', 'pictogramme = "topic_letter"',
     "unknown key 'pictogramme' in [[topics]] — did you mean 'pictogram'?"),
    ('en = "Cooking club"', 'eng = "Cooking club"',
     "unknown language 'eng' in [activities.names] — did you mean 'en'?"),
    ("[volunteers]", "[volunteerz]", "unknown section 'volunteerz' — did you mean 'volunteers'?"),
])
def test_a_misspelt_key_is_refused_at_its_line_with_the_nearest_known_one(old, new, message):
    text = site_text().replace(old, new, 1)
    assert text != site_text()
    error = _error_for(text)
    assert error.message == message
    assert error.line == _line_of(text, new)
    assert str(error) == f"site.toml, line {error.line}: {message}"


@pytest.mark.parametrize("old, new, message", [
    ('timezone = "Europe/Amsterdam"', 'timezone = "Europe/Amsterdam"\nopening = "9:00"',
     "unknown key 'opening' in [site] (known: id, name, timezone, languages, total_target, names)"),
    ("fullscreen = true", "fullscreen = true\nbrightness = 80",
     "unknown key 'brightness' in [door] (known: duplicate_scan_minutes, idle_seconds, "
     "still_there_seconds, confirmation_seconds, queue_number_seconds, survey, "
     "fullscreen, show_cursor, opening_hours)"),
    ('id = "letter"', 'id = "letter"\ncolour = "red"',
     "unknown key 'colour' in [[topics]] (known: id, names, pictogram)"),
    ('nl = "Kookclub"', 'nl = "Kookclub"\nde = "Kochclub"',
     "unknown language 'de' in [activities.names] (known: nl, en, ar, fa, ti, so, tr, pl, uk)"),
    ("[volunteers]", "[[rooms]]\nname = \"x\"\n[volunteers]", "unknown section 'rooms' (known: "
     "site, door, screen, volunteers, privacy, export, printer, staff, results, activities, "
     "topics)"),
])
def test_an_unknown_key_with_no_near_one_lists_the_known_keys(old, new, message):
    text = site_text().replace(old, new, 1)
    error = _error_for(text)
    assert error.message == message
    assert error.line == _line_of(text, new.splitlines()[-1] if "[[rooms]]" not in new
                                  else "[[rooms]]")


def test_a_key_above_every_section_is_told_where_it_belongs():
    text = 'timezone = "Asia/Tokyo"\n' + site_text()
    error = _error_for(text)
    assert (error.line, error.message) == (
        1, "'timezone' is outside any section: put it under [site]")


def test_unknown_keys_are_found_in_every_way_toml_can_write_a_table():
    # An inline names table: the line of `names`.
    text = site_text().replace(
        'id = "kookclub"', 'id = "kookclub"\nnames = { nl = "Kookclub", eng = "Cooking" }', 1)
    text = re.sub(r'(id = "kookclub".*?)\[activities\.names\].*?(?=\n\[)', r"\1", text,
                  count=1, flags=re.S)
    error = _error_for(text)
    assert "unknown language 'eng'" in error.message
    assert error.line == _line_of(text, "eng = ")
    # Dotted keys in the block.
    text = text.replace('names = { nl = "Kookclub", eng = "Cooking" }',
                        'names.nl = "Kookclub"\nnames.eng = "Cooking"')
    error = _error_for(text)
    assert error.line == _line_of(text, "names.eng")
    # A quoted key.
    error = _error_for(site_text().replace("dpi = 210", '"dpl" = 210'))
    assert error.line == _line_of(site_text(), "dpi = 210")
    # A whole section written inline above the headers.
    text = 'door = { idle_secs = 30 }\n' + re.sub(r"\[door\].*?(?=\[screen\])", "",
                                                  site_text(), flags=re.S)
    error = _error_for(text)
    assert (error.line, error.message) == (
        1, "unknown key 'idle_secs' in [door] — did you mean 'idle_seconds'?")


def test_the_second_activity_with_a_misspelt_key_is_pointed_at():
    text = site_text().replace("target = 40", "targte = 40", 1)
    error = _error_for(text)
    assert error.line == _line_of(text, "targte = 40")


# -- numbers: every one has a sane range, and no value can crash the check ------------------

@pytest.mark.parametrize("key, low, high", [
    ("duplicate_scan_minutes", 0, 1440),
    ("idle_seconds", 5, 3600),
    ("still_there_seconds", 3, 600),
    ("confirmation_seconds", 1, 60),
    ("queue_number_seconds", 10, 300),
    ("dpi", 50, 600),
    ("speech_volume", 0, 100),
    ("max_shift_hours", 1, 24),
    ("hourly_value", 0, 1000),
    ("retention_months", 13, 120),
    ("total_target", 0, 1_000_000),
    ("target", 0, 1_000_000),
    ("port", 1024, 65535),
])
def test_every_number_has_a_range_and_its_ends_are_allowed(key, low, high):
    line = next(line for line in site_text().splitlines() if line.startswith(f"{key} ="))
    for fine in (low, high):
        parse_config(site_text().replace(line, f"{key} = {fine}", 1), "site.toml")
    for wrong in (low - 1, high + 1, "1e308", "-1e308", "9" * 400, "-" + "9" * 400,
                  "nan", "inf", "-inf", "true", '"10"', "[10]"):
        text = site_text().replace(line, f"{key} = {wrong}", 1)
        error = _error_for(text)
        assert error.message.startswith(f"{key} must be a"), wrong
        assert f"from {low} to {high}" in error.message
        assert error.line == _line_of(text, f"{key} = {wrong}")


@pytest.mark.parametrize("old, new, message", [
    ("max_shift_hours = 10", "max_shift_hours = 1e12",
     "max_shift_hours must be a number from 1 to 24 hours (got 1000000000000.0)"),
    ("duplicate_scan_minutes = 10", "duplicate_scan_minutes = 1e308",
     "duplicate_scan_minutes must be a number from 0 to 1440 minutes (got 1e+308)"),
    ("target = 150", "target = " + "9" * 400,
     "target must be a whole number from 0 to 1000000 (got a number with 400 digits)"),
    ("total_target = 600", "total_target = 0x" + "f" * 5000,
     "total_target must be a whole number from 0 to 1000000 people "
     "(got a number with 6021 digits)"),
    ("target = 150", "target = 2.5", "target must be a whole number from 0 to 1000000 (got 2.5)"),
    ("idle_seconds = 60", "idle_seconds = nan",
     "idle_seconds must be a number from 5 to 3600 seconds (got nan)"),
    ("dpi = 210", "dpi = -inf", "dpi must be a number from 50 to 600 dots per inch (got -inf)"),
    ("speech_volume = 80", "speech_volume = true",
     "speech_volume must be a number from 0 to 100 percent (got true)"),
])
def test_numbers_far_out_of_range_get_a_short_message(old, new, message):
    text = site_text().replace(old, new, 1)
    error = _error_for(text)
    assert error.message == message
    assert error.line == _line_of(text, new[:30])


def test_a_whole_number_written_with_a_point_is_accepted():
    site = parse_config(site_text().replace("target = 150", "target = 150.0", 1), "site.toml")
    assert site.activity("inloop").target == 150 and isinstance(site.activity("inloop").target, int)


def test_a_number_too_long_for_python_to_read_is_a_config_error():
    text = site_text().replace("target = 150", "target = " + "9" * 5000, 1)
    error = _error_for(text)
    assert "not valid TOML: a number with thousands of digits" == error.message
    assert error.line == _line_of(text, "target = 999")


def test_lists_nested_too_deeply_are_a_config_error():
    error = _error_for(site_text().replace("target = 150", "target = " + "[" * 5000 + "]" * 5000))
    assert "nested too deeply" in error.message


@pytest.mark.parametrize("zone, hint", [
    ("Asia/Tokio", "did you mean 'Asia/Tokyo'?"),
    ("America", "not a known time zone"),  # a folder of the tz database
    ("x" * 1000, "not a known time zone"),  # longer than a file name may be
    ("zone1970.tab", "not a known time zone"),  # a data file of the tz database
])
def test_a_time_zone_that_is_no_zone_is_refused(zone, hint):
    text = site_text().replace('timezone = "Europe/Amsterdam"', f'timezone = "{zone}"')
    error = _error_for(text)
    assert hint in error.message and len(error.message) < 200
    assert error.line == _line_of(text, "timezone = ")


def test_a_weekday_that_is_a_huge_number_is_refused_not_a_crash():
    text = site_text().replace('weekdays = ["za"]', 'weekdays = [0x' + "f" * 5000 + "]", 1)
    error = _error_for(text)
    assert error.message.endswith("is not a weekday (use ma, di, wo, do, vr, za, zo)")


# -- [printer]: optional hardware; without the table nothing prints -------------------------

def _with_printer(body: str) -> str:
    return site_text().replace("[[activities]]", f"[printer]\n{body}\n\n[[activities]]", 1)


def test_no_printer_table_means_no_printer(site):
    assert site.printer is None


def test_the_commented_printer_examples_in_the_default_file_each_load():
    lines = site_text().splitlines()
    start = lines.index("# [printer]")
    example = [line[2:] for line in lines[start:] if line.startswith("# ")][:17]
    table = [line.split("#")[0].strip() for line in example if "=" in line or "[" in line]
    for connection, keys in (("usb", ("usb_vendor", "usb_product")),
                             ("network", ("host", "port")), ("file", ("device",))):
        body = "\n".join(line for line in table[1:]
                         if line.startswith(("paper_mm", "enabled", *keys))
                         or line == f'connection = "{connection}"')
        printer = parse_config(_with_printer(body), "site.toml").printer
        assert printer.connection == connection and printer.paper_mm == 80


@pytest.mark.parametrize("body, expected", [
    ('connection = "usb"\nusb_vendor = "0416"\nusb_product = "5011"', (0x0416, 0x5011)),
    ('connection = "usb"\nusb_vendor = "0x04B8"\nusb_product = 0x0202', (0x04B8, 0x0202)),
])
def test_usb_ids_may_be_written_as_lsusb_shows_them_or_as_toml_hex(body, expected):
    printer = parse_config(_with_printer(body), "site.toml").printer
    assert (printer.usb_vendor, printer.usb_product) == expected


def test_a_network_printer_and_paper_width():
    printer = parse_config(_with_printer(
        'connection = "network"\nhost = "192.168.1.50"\npaper_mm = 58'), "site.toml").printer
    assert (printer.host, printer.port, printer.paper_mm) == ("192.168.1.50", 9100, 58)


def test_a_printer_switched_off_prints_nothing():
    site = parse_config(_with_printer('connection = "file"\nenabled = false'), "site.toml")
    assert site.printer is None


@pytest.mark.parametrize("body, bad_line, message", [
    ('connection = "bluetooth"', 'connection = "bluetooth"', "connection must be one of"),
    ('connection = "usb"\nusb_vendor = "0416"', "[printer]", "a USB printer needs usb_product"),
    ('connection = "usb"\nusb_vendor = "xyz"\nusb_product = "1"', 'usb_vendor = "xyz"',
     "usb_vendor must be 4 hex digits"),
    ('connection = "usb"\nusb_vendor = 0\nusb_product = "1"', "usb_vendor = 0",
     "usb_vendor must be a whole number from 1 to 65535"),
    ('connection = "usb"\nusb_vendor = "1"\nusb_product = 70000', "usb_product = 70000",
     "usb_product must be a whole number from 0 to 65535"),
    ('connection = "network"\nhost = "192.168.1.50"\nport = 0', "port = 0",
     "port must be a whole number from 1 to 65535"),
    ('connection = "network"\nhost = "192.168.1.50"\nport = 1e308', "port = 1e308",
     "port must be a whole number from 1 to 65535"),
    ('connection = "network"', "[printer]", "host must be the printer's address"),
    ('connection = "network"\nhost = "a b"', 'host = "a b"', "host must be"),
    ('connection = "file"\ndevice = "lp0"', 'device = "lp0"', "device must be a path under /dev"),
    ('connection = "file"\nhost = "printer"', 'host = "printer"',
     "host is for connection = 'network'"),
    ('connection = "file"\npaper_mm = 57', "paper_mm = 57", "paper_mm must be 58 or 80"),
    ('connection = "file"\npaper_mm = true', "paper_mm = true", "paper_mm must be 58 or 80"),
    ('connection = "file"\nenabled = "yes"', 'enabled = "yes"', "enabled must be true or false"),
    ('connection = "file"\npapr_mm = 58', "papr_mm = 58", "did you mean 'paper_mm'?"),
])
def test_printer_mistakes_are_reported_with_their_line(body, bad_line, message):
    text = _with_printer(body)
    error = _error_for(text)
    assert message in error.message
    # "[printer]" alone: the default file's commented example has it too.
    assert error.line == (text.splitlines().index(bad_line) + 1 if bad_line == "[printer]"
                          else _line_of(text, bad_line))


def test_a_printer_key_above_every_section_is_told_where_it_belongs():
    error = _error_for("paper_mm = 58\n" + site_text())
    assert "put it under [printer]" in error.message
def test_the_staff_page_is_on_at_8080_on_every_address_by_default():
    staff = parse_config(site_text(), "site.toml").staff
    assert (staff.enabled, staff.port, staff.bind) == (True, 8080, "0.0.0.0")
    without = re.sub(r"\[staff\].*?(?=\n\[\[activities\]\])", "", site_text(), flags=re.S)
    assert "[staff]" not in without
    assert parse_config(without, "site.toml").staff == parse_config(site_text(), "x").staff


@pytest.mark.parametrize("old, new, message", [
    ("port = 8080", "port = 80",
     "port must be a whole number from 1024 to 65535 (got 80): the kiosk runs without root, "
     "which a port below 1024 needs"),
    ("port = 8080", "port = 8080.5", "port must be a whole number from 1024 to 65535"),
    ('bind = "0.0.0.0"', 'bind = "every"', "bind must be an IP address of this computer"),
    ('bind = "0.0.0.0"', "bind = 0", "bind must be an IP address of this computer"),
    ("enabled = true", 'enabled = "yes"', "enabled must be true or false (got 'yes')"),
    ("enabled = true", "enabeld = true", "unknown key 'enabeld' in [staff] — did you mean "
                                         "'enabled'?"),
])
def test_staff_settings_are_checked_with_their_line(old, new, message):
    text = site_text().replace(old, new, 1)
    error = _error_for(text)
    assert error.message.startswith(message)
    assert error.line == _line_of(text, new)


def test_the_staff_page_may_listen_on_one_address_or_be_switched_off():
    text = site_text().replace('bind = "0.0.0.0"', 'bind = "::1"').replace(
        "enabled = true", "enabled = false")
    staff = parse_config(text, "site.toml").staff
    assert (staff.enabled, staff.bind) == (False, "::1")


# -- [results.<year>]: the proposal's other targets, per year --------------------------

def _without_results() -> str:
    text = site_text()
    start = text.index("[results.2017]")
    return text[:start] + text[text.index("[privacy]", start):]


RESULTS = """
[results.2017]
people = 250
volunteers = 25
volunteer_hours = 6250
key_holders = 5
[results.2017.activities]
kookclub = 150

[results.2018]
volunteers = 40
volunteer_hours = 10000
key_holders = 15
"""


def test_targets_per_year_hold_until_a_later_year_is_written():
    site = parse_config(_without_results() + RESULTS, "site.toml")
    assert site.targets_for(2017).volunteers == 25
    assert site.targets_for(2017).activities["kookclub"] == 150
    later = site.targets_for(2026)  # 2018's table holds on
    assert (later.year, later.volunteers, later.volunteer_hours, later.key_holders) == \
        (2018, 40, 10000, 15)
    # Without an activity's own number for that year, its `target` holds.
    kookclub = next(a for a in site.activities if a.id == "kookclub")
    assert later.activities["kookclub"] == kookclub.target
    assert later.people == site.total_target
    assert site.targets_for(2016).year == 2017  # before the first table: the first


def test_the_shipped_site_file_has_the_proposals_2017_and_2018_columns():
    from kiosk.config import load_config

    site = load_config(Path(__file__).resolve().parent.parent / "kiosk" / "site_default.toml")
    assert [(t.year, t.people, t.volunteers, t.volunteer_hours, t.key_holders)
            for t in site.results] == [(2017, 250, 25, 6250, 5), (2018, 600, 40, 10000, 15)]
    assert site.targets_for(2017).activities["huurachterstand"] == 3
    assert site.volunteers.key_holders is None  # the coordinator fills it in


@pytest.mark.parametrize("extra, message", [
    ("[results.2018]\nvolunteer = 40",
     "unknown key 'volunteer' in [results.2018] — did you mean 'volunteers'?"),
    ("[results.2018]\nvolunteers = -1",
     "volunteers must be a whole number from 0 to 10000 people (got -1)"),
    ("[results.2018]\nvolunteer_hours = 1e12",
     "volunteer_hours must be a whole number from 0 to 100000000 hours (got 1000000000000.0)"),
    ("[results.next]\nvolunteers = 4",
     "'next' in [results] is not a year: write [results.2018]"),
    ("[results.2018.activities]\nkokclub = 3",
     "unknown activity 'kokclub' in [results.2018.activities] — did you mean 'kookclub'?"),
    ("[results.2018.activities]\nkookclub = 2.5",
     "the target of kookclub must be a whole number from 0 to 1000000 (got 2.5)"),
])
def test_a_wrong_results_table_is_named_with_its_line(extra, message):
    text = _without_results() + "\n" + extra + "\n"
    error = _error_for(text)
    assert error.message == message
    assert error.line is not None and error.line > len(_without_results().splitlines())


def test_key_holders_is_a_number_in_range():
    text = site_text().replace("[volunteers]", "[volunteers]\nkey_holders = 12", 1)
    assert parse_config(text, "site.toml").volunteers.key_holders == 12
    error = _error_for(site_text().replace("[volunteers]", "[volunteers]\nkey_holders = 1.5", 1))
    assert error.message == "key_holders must be a whole number from 0 to 1000 people (got 1.5)"


def test_the_room_and_its_contact_have_a_text_per_language_that_falls_back_to_dutch(site):
    assert site.site_name_in("ar") == "غرفة حي لايدسه راين"
    assert site.privacy.contact_in("ti").startswith("ንኣተሓባባሪ")
    assert set(site.site_names) == set(site.privacy.contacts) == set(site.languages) - {"nl"}
    bare = parse_config(re.sub(r"\[site\.names\][^\[]*", "", site_text()), "site.toml")
    assert bare.site_name_in("ar") == bare.site_name_in("nl") == "Buurtwerkkamer Leidsche Rijn"
    assert bare.site_name == "Buurtwerkkamer Leidsche Rijn"  # cards and reports stay Dutch


@pytest.mark.parametrize("old, new, line_text, message", [
    ('uk = "Сусідська кімната Лейдсе-Рейн"', 'ku = "Odeya cîranan"', 'ku = ',
     "unknown language 'ku' in [site.names]"),
    ('tr = "Leidsche Rijn Mahalle Odası"', 'nl = "Buurtkamer"', 'nl = "Buurtkamer"',
     "the Dutch text is name in [site]"),
    ('en = "the coordinator of the room, or one of the volunteers"', 'en = ""', 'en = ""',
     "en in [privacy.contacts] must be text in quotes, not empty"),
    ('pl = "koordynator tego miejsca albo ktoś z wolontariuszy"', 'pl = 7', 'pl = 7',
     "pl in [privacy.contacts] must be text in quotes"),
    ('uk = "координатор цього місця або хтось із волонтерів"', 'uk = "x"\nfr = "le coordinateur"',
     'fr = ', "unknown language 'fr' in [privacy.contacts]"),
])
def test_a_wrong_text_per_language_is_named_with_its_line(old, new, line_text, message):
    text = site_text()
    assert old in text
    error = _error_for(text.replace(old, new))
    assert message in error.message
    assert text.replace(old, new).splitlines()[error.line - 1].startswith(line_text)


def test_a_texts_per_language_entry_that_is_not_a_table_is_refused():
    text = re.sub(r"\[privacy\.contacts\][^\[]*", "", site_text()).replace(
        "retention_months = 24", 'retention_months = 24\ncontacts = "everyone"')
    assert "[privacy.contacts] must be a table" in _error_for(text).message


# -- [door.opening_hours]: when the welcome screen's invitation may run -----------------

def _with_hours(body: str) -> str:
    """The default site with the commented example's [door.opening_hours] header, and
    `body` under it, in place of the example's days."""
    text = site_text()
    assert "# [door.opening_hours]\n" in text
    return text.replace("# [door.opening_hours]\n", f"[door.opening_hours]\n{body}\n", 1)


def test_without_opening_hours_the_site_does_not_say(site):
    assert site.door.opening_hours is None


def test_the_commented_opening_hours_in_the_default_file_load():
    lines = site_text().splitlines()
    start = lines.index("# [door.opening_hours]")
    example = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        example.append(line[2:])
    text = "\n".join(lines[:start] + example + lines[start + len(example):])
    hours = parse_config(text, "site.toml").door.opening_hours
    assert set(hours.days) == {0, 1, 2, 3, 4, 5}  # ma to za; Sunday closed
    assert hours.days[0] == ((9 * 60, 17 * 60),)


def test_opening_hours_take_weekdays_in_full_and_two_parts_of_a_day():
    site = parse_config(_with_hours('maandag = "09:00-17:00"\n'
                                    'Friday = "09:00-12:30, 13:30-17:00"'), "site.toml")
    assert site.door.opening_hours.days == {0: ((540, 1020),), 4: ((540, 750), (810, 1020))}
    # The [door] settings above the table are still read.
    assert site.door.idle_seconds == 60 and site.door.fullscreen


@pytest.mark.parametrize("body, bad, message", [
    ('ma = "9-17"', 'ma = "9-17"', "ma in [door.opening_hours] must be hours such as "
                                    "\"09:00-17:00\""),
    ('di = "17:00-09:00"', 'di = ', "di in [door.opening_hours] closes before it opens"),
    ('wo = "08:00-25:00"', 'wo = ', "has 25:00, which is no time of day"),
    ('do = 9', 'do = 9', "do in [door.opening_hours] must be hours in quotes"),
    ('vr = ""', 'vr = ""', "vr in [door.opening_hours] is empty"),
    ('mon = "09:00-17:00"\nmaan = "09:00-17:00"', 'maan = ',
     "'maan' in [door.opening_hours] is not a weekday (use ma, di, wo, do, vr, za, zo)"),
    ('ma = "09:00-12:00"\nmaandag = "13:00-17:00"', 'maandag = ',
     "ma is written twice in [door.opening_hours]"),
])
def test_wrong_opening_hours_are_named_with_their_line(body, bad, message):
    text = _with_hours(body)
    error = _error_for(text)
    assert message in error.message
    assert error.line == _line_of(text, bad)


def test_an_empty_or_flat_opening_hours_is_refused_with_what_to_write():
    error = _error_for(_with_hours(""))
    assert "[door.opening_hours] has no days" in error.message
    assert error.line == _line_of(site_text(), "# [door.opening_hours]")
    text = site_text().replace("show_cursor = false",
                               'show_cursor = false\nopening_hours = "09:00-17:00"', 1)
    error = _error_for(text)
    assert "opening_hours must be a table of weekday = hours" in error.message
    assert error.line == _line_of(text, 'opening_hours = "09')


def test_a_misspelt_opening_hours_table_is_pointed_at_the_right_name():
    text = site_text().replace("# [door.opening_hours]\n", '[door.openinghours]\nma = "09:00-17:00"\n', 1)
    assert "did you mean 'opening_hours'?" in _error_for(text).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_site_file_that_is_a_pipe_is_refused_at_once(tmp_path):
    pipe = tmp_path / "site.toml"
    os.mkfifo(pipe)
    with pytest.raises(ConfigError, match="not a file"):
        load_config(pipe)
