"""The funders' report, checked against an independent count from the CSV exports."""

import csv
import io
from collections import defaultdict
from datetime import date

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.demo import fill
from kiosk.store import VisitStore
from tests.conftest import site_text


@pytest.fixture(scope="module")
def built_history(tmp_path_factory):
    """Ten months of demo visits through the door, exported to CSV (built once)."""
    root = tmp_path_factory.mktemp("history")
    data = root / "data"
    with VisitStore.open_writer(data, fsync=False) as store:
        fill(store, load_config(), days=300, visits_per_day=25, today=date(2026, 11, 1), seed=3)
    exports = root / "exports"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSK_DATA_DIR", str(data))
        patch.delenv("KIOSK_CONFIG", raising=False)
        assert main(["export", "--out", str(exports), "--until", "2026-10-31"]) == 0
    return data, exports


@pytest.fixture
def history(built_history, tmp_path, monkeypatch):
    data, exports = built_history
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return tmp_path, exports


def independent_counts(export_dirs, first, last):
    """From the CSV files alone, with the csv module and sets."""
    unique, visits, anonymous, new_cards = defaultdict(set), defaultdict(int), \
        defaultdict(int), set()
    every_card = set()
    for folder in export_dirs:
        for path in sorted(folder.glob("visits-*.csv")):
            for row in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"):
                day = date.fromisoformat(row["date"])
                if not first <= day <= last:
                    continue
                if row["first_visit"] == "1":
                    new_cards.add(row["card"])
                if row["kind"] != "checkin":
                    continue
                visits[row["activity"]] += 1
                if row["card"]:
                    unique[row["activity"]].add(row["card"])
                    every_card.add(row["card"])
                else:
                    anonymous[row["activity"]] += 1
    return unique, visits, anonymous, new_cards, every_card


def report_rows(capsys, *args):
    capsys.readouterr()
    assert main(["report", "--format", "csv", "--dialect", "rfc4180", *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize("period, first, last", [
    ("2026-T2", date(2026, 5, 1), date(2026, 8, 31)),
    ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2026-02-10..2026-06-15", date(2026, 2, 10), date(2026, 6, 15)),
])
def test_report_from_the_store_matches_the_csv_exports(history, capsys, period, first, last):
    _, exports = history
    unique, visits, anonymous, new_cards, every_card = independent_counts([exports], first, last)
    rows = {row["activity"]: row for row in report_rows(capsys, "--period", period)}
    site = load_config()
    for activity in site.activities:
        row = rows[activity.id]
        assert int(row["unique_people"]) == len(unique[activity.id])
        assert int(row["visits"]) == visits[activity.id]
        assert int(row["anonymous_visits"]) == anonymous[activity.id]
        assert int(row["first_time"]) == len(unique[activity.id] & new_cards)
    total = rows["*"]
    assert int(total["unique_people"]) == len(every_card)
    assert int(total["unique_people"]) < sum(len(c) for c in unique.values())
    days = (last - first).days + 1
    kookclub = rows["kookclub"]
    assert float(kookclub["target_period"]) == pytest.approx(250 * days / 365, abs=0.05)
    assert float(kookclub["percent_of_target"]) == pytest.approx(
        100 * len(unique["kookclub"]) / (250 * days / 365), abs=0.05)
    klussen = rows["klussendienst"]  # jobs: visits are held against the target
    assert float(klussen["percent_of_target"]) == pytest.approx(
        100 * visits["klussendienst"] / (50 * days / 365), abs=0.05)


def test_report_from_exports_equals_report_from_the_store(history, capsys):
    _, exports = history
    from_store = report_rows(capsys, "--period", "2026-T1")
    from_exports = report_rows(capsys, "--period", "2026-T1", "--exports", str(exports))
    assert from_store == from_exports


def test_several_sites_get_a_report_each_and_a_combined_one(history, capsys, tmp_path,
                                                           monkeypatch):
    _, exports = history
    other_config = tmp_path / "vleuten.toml"
    other_config.write_text(site_text().replace('id = "leidsche-rijn"', 'id = "vleuten"'),
                            "utf-8")
    other_data = tmp_path / "vleuten-data"
    with VisitStore.open_writer(other_data, fsync=False) as store:
        fill(store, load_config(other_config), days=120, visits_per_day=20,
             today=date(2026, 11, 1), seed=9)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(other_data))
    other_exports = tmp_path / "vleuten-exports"
    main(["export", "--out", str(other_exports), "--until", "2026-10-31"])
    rows = report_rows(capsys, "--period", "2026-T3", "--exports", str(exports),
                       str(other_exports))
    assert {row["site"] for row in rows} == {"leidsche-rijn", "vleuten", "*"}
    first, last = date(2026, 9, 1), date(2026, 12, 31)
    *_, cards_a = independent_counts([exports], first, last)
    *_, cards_b = independent_counts([other_exports], first, last)
    assert all(row["target_period"] == "" for row in rows if row["site"] == "*")
    totals = {row["site"]: int(row["unique_people"]) for row in rows if row["activity"] == "*"}
    assert totals == {"leidsche-rijn": len(cards_a), "vleuten": len(cards_b),
                      "*": len(cards_a | cards_b)}


def test_html_report_is_one_printable_page_in_dutch_or_english(history, capsys, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "--period", "2026-T2", "--format", "html", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    assert "Buurtwerkkamer Leidsche Rijn" in page and "2026-T2" in page
    assert "Unieke mensen" in page and "Definities" in page and "Kookclub" in page
    assert "<script" not in page and "http" not in page  # self-contained, nothing fetched
    assert "@page" in page
    main(["report", "--period", "2026-T2", "--format", "html", "--lang", "en", "--out",
          str(out)])
    page = out.read_text("utf-8")
    assert "Unique people" in page and "Cooking club" in page


def test_table_prints_definitions(history, capsys):
    capsys.readouterr()
    main(["report", "--period", "2026"])
    text = capsys.readouterr().out
    assert "Definities:" in text and "Totaal (alle activiteiten)" in text


@pytest.mark.parametrize("period", ["2026-T4", "vorige maand"])
def test_a_bad_period_is_a_clear_error(history, capsys, period):
    assert main(["report", "--period", period]) == 2
    assert "is not a period" in capsys.readouterr().err


def test_a_broken_export_names_file_and_line(history, capsys, tmp_path):
    import shutil

    exports = tmp_path / "copy"
    shutil.copytree(history[1], exports)
    broken = sorted(exports.glob("visits-*.csv"))[0]
    lines = broken.read_text("utf-8-sig").splitlines()
    lines[2] = lines[2].replace("2026-", "20x6-", 1)
    broken.write_text("\n".join(lines), "utf-8")
    assert main(["report", "--period", "2026", "--exports", str(exports)]) == 2
    assert f"{broken}, line 3" in capsys.readouterr().err


def test_a_real_browser_renders_and_prints_the_html_report(history, tmp_path):
    import shutil
    import subprocess

    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (make report-preview needs it too)")
    page = tmp_path / "report.html"
    main(["report", "--period", "2026-T2", "--format", "html", "--out", str(page)])
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    shot, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    subprocess.run([browser, *flags, "--window-size=1000,1400", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, timeout=90, check=True)
    subprocess.run([browser, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    page.as_uri()], capture_output=True, timeout=90, check=True)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        # Not a blank page: the blue bars and the dark text are there.
        pixels = image.convert("RGB").resize((100, 140)).tobytes()
        colours = {pixels[i:i + 3] for i in range(0, len(pixels), 3)}
        assert len(colours) > 20
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_dutch_excel_csv_uses_decimal_commas(history, capsys):
    capsys.readouterr()
    main(["report", "--period", "2026-T2", "--format", "csv"])
    text = capsys.readouterr().out
    kookclub = next(line for line in text.splitlines() if ";kookclub;" in line)
    target_period = kookclub.split(";")[10]
    assert "," in target_period and "." not in target_period
