import os
from datetime import date

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.site_editing import add_activity, slug
from tests.conftest import site_text


@pytest.fixture
def site_file(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(site_text(), "utf-8")
    return path


def test_a_new_activity_is_appended_and_the_rest_of_the_file_kept(site_file):
    before = site_file.read_text("utf-8")
    site = add_activity(load_config(site_file), "Naaiatelier & reparatie", "gallery_sewing",
                        date(2026, 11, 26))
    after = site_file.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert "# Added on the kiosk on 2026-11-26." in after
    added = site.activity("naaiatelier-reparatie")
    assert added.name("nl") == "Naaiatelier & reparatie" and added.pictogram == "gallery_sewing"
    assert added.runs_on(date(2026, 11, 29))
    assert load_config(site_file).activity("naaiatelier-reparatie")


def test_the_site_file_stays_readable_to_volunteers_under_the_kiosks_umask(site_file):
    # kiosk.service runs with UMask=0027; a volunteer prints cards with the site file
    # as their own user.
    site_file.chmod(0o664)
    previous = os.umask(0o027)
    try:
        add_activity(load_config(site_file), "Naaiatelier", "gallery_sewing", date(2026, 11, 26))
    finally:
        os.umask(previous)
    assert site_file.stat().st_mode & 0o777 == 0o664


def test_ids_stay_unique_and_names_with_quotes_survive(site_file):
    site = add_activity(load_config(site_file), 'Kookclub', "kookclub", date(2026, 11, 26))
    assert site.activity("kookclub-2").name("nl") == "Kookclub"
    site = add_activity(site, 'Zeg "hallo"', "gallery_meeting", date(2026, 11, 26))
    assert site.activity("zeg-hallo").name("nl") == 'Zeg "hallo"'


@pytest.mark.parametrize("name", ["", "   ", "x" * 41])
def test_bad_names_are_refused_and_nothing_is_written(site_file, name):
    before = site_file.read_text("utf-8")
    with pytest.raises(ConfigError):
        add_activity(load_config(site_file), name, "gallery_music", date(2026, 11, 26))
    assert site_file.read_text("utf-8") == before


def test_the_built_in_example_site_is_not_edited():
    with pytest.raises(ConfigError, match="KIOSK_CONFIG"):
        add_activity(load_config(), "Muziek", "gallery_music", date(2026, 11, 26))


def test_slug():
    assert slug("Één keer koffie!") == "een-keer-koffie"
    assert slug("???") == "activiteit"


def test_the_survey_switch_changes_one_line_and_keeps_the_rest(site_file):
    from kiosk.site_editing import set_survey

    before = site_file.read_text("utf-8").splitlines()
    assert not load_config(site_file).door.survey
    assert set_survey(load_config(site_file), True).door.survey
    after = site_file.read_text("utf-8").splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == \
        [before.index("survey = false")]
    assert len(before) == len(after) and load_config(site_file).door.survey
    assert not set_survey(load_config(site_file), False).door.survey
    assert site_file.read_text("utf-8").splitlines() == before


def test_the_survey_switch_adds_the_line_to_a_site_file_without_it(site_file):
    from kiosk.site_editing import set_survey

    text = site_file.read_text("utf-8")
    kept = "\n".join(line for line in text.splitlines() if not line.startswith("survey ="))
    site_file.write_text(kept + "\n", "utf-8")
    assert set_survey(load_config(site_file), True).door.survey
    # Under [door], not in whatever table the file ends with.
    assert "[door]\nsurvey = true\n" in site_file.read_text("utf-8")


@pytest.mark.parametrize("saved_as", ["bom", "crlf", "bom+crlf"])
def test_a_site_file_saved_by_a_windows_editor_loads_and_stays_editable(site_file, saved_as):
    """Notepad's 'UTF-8 with BOM' and Windows line ends: what a coordinator's laptop
    makes of the file is the same site, and the kiosk's own edits still work on it."""
    from kiosk.site_editing import set_survey

    plain = load_config(site_file)
    text = site_text()
    if "crlf" in saved_as:
        text = text.replace("\n", "\r\n")
    site_file.write_bytes((b"\xef\xbb\xbf" if "bom" in saved_as else b"") + text.encode())
    site = load_config(site_file)
    assert (site.site_id, site.site_name, site.activities) == (
        plain.site_id, plain.site_name, plain.activities)
    site = add_activity(site, "Naaiatelier", "gallery_sewing", date(2026, 11, 26))
    site = set_survey(site, True)
    assert site.door.survey and load_config(site_file).activity("naaiatelier")


def test_a_linked_site_file_stays_a_link_and_its_target_is_edited(tmp_path):
    kept = tmp_path / "room" / "site.toml"
    kept.parent.mkdir()
    kept.write_text(site_text(), "utf-8")
    link = tmp_path / "site.toml"
    link.symlink_to(kept)
    add_activity(load_config(link), "Zangkoor", "gallery_music", date(2026, 11, 26))
    assert link.is_symlink() and link.resolve() == kept
    assert load_config(kept).activity("zangkoor")
    assert not [p for p in kept.parent.iterdir() if p.name.startswith(".")]
