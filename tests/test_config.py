import re
from datetime import date

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
    ("target = 250", "target = -3", "target must be a number"),
    ('timezone = "Europe/Amsterdam"', 'timezone = "Mars/Olympus"', "not a known time zone"),
    ("idle_seconds = 60", "idle_seconds = 1", "idle_seconds must be a number of at least 5"),
    ("fullscreen = true", 'fullscreen = "yes"', "fullscreen must be true or false"),
    ('pictogram = "kookclub"', 'pictogram = ""', "pictogram is missing"),
    ("dpi = 210", "dpi = 10", "dpi must be a number of at least 50"),
    ("dpi = 210", "dpi = inf", "dpi must be a number of at least 50"),
    ("speech_volume = 80", "speech_volume = nan", "speech_volume must be a number"),
    ('theme = "standard"', 'theme = "dark"', "theme must be one of"),
    ("speech_volume = 80", "speech_volume = 180", "percentage from 0 to 100"),
    ('languages = ["nl", "en", "ar",', 'languages = ["nl", "xx", "ar",', "no translation for 'xx'"),
])
def test_wrong_values_are_reported_with_their_line(old, new, message):
    text = site_text().replace(old, new, 1)
    error = _error_for(text)
    assert message in error.message
    assert error.line == _line_of(text, new)


def test_unknown_door_setting_is_refused():
    error = _error_for(site_text().replace("[door]", "[door]\nidle_secs = 30"))
    assert "unknown setting 'idle_secs'" in error.message


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
