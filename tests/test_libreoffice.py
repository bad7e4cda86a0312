"""The exported CSV, opened by LibreOffice as a Dutch coordinator would, reads back the
same, accents included. Skipped where LibreOffice is not installed
(sudo apt-get install libreoffice-calc-nogui)."""

import csv
import io
import shutil
import subprocess
from datetime import date, datetime

import pytest

from kiosk.config import parse_config
from kiosk.door import Door
from kiosk.export_job import run_export
from tests.conftest import FakeClockWatch, site_text

openpyxl = pytest.importorskip("openpyxl")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

# What LibreOffice's import dialog offers for our files: semicolon, quote, UTF-8, row 1.
DUTCH_CSV_IMPORT = "CSV:59,34,76,1"


def as_text(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def test_libreoffice_reads_back_every_cell(store, tmp_path):
    from tests.conftest import AMSTERDAM, FakeNow

    now = FakeNow(datetime(2026, 11, 3, 10, tzinfo=AMSTERDAM))  # a day that is over
    text = site_text().replace('nl = "Kookclub"', 'nl = "Koken & één gerecht, zó lekker"')
    site = parse_config(text, "site.toml")
    door = Door(site, store, clock=FakeClockWatch(), now=now)
    door.check_in("kookclub", "nl")
    door.ask_question("money", "en")
    store.compact()
    out = tmp_path / "exports"
    run = run_export(site, store.directory, out, until=date(2026, 11, 3))
    assert run.files
    for path in run.files + [run.summary]:
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        f"--infilter={DUTCH_CSV_IMPORT}", "--convert-to", "xlsx",
                        "--outdir", str(tmp_path), str(path)],
                       capture_output=True, timeout=120, check=True)
        sheet = openpyxl.load_workbook(tmp_path / f"{path.stem}.xlsx").active
        cells = [[as_text(c.value) for c in row] for row in sheet.iter_rows()]
        written = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
        width = len(written[0])
        cells = [(row + [""] * width)[:width] for row in cells]
        # LibreOffice reads "1.0"-like numbers as numbers; compare as the numbers they are.
        for got, expected in zip(cells, written, strict=True):
            for a, b in zip(got, expected):
                try:
                    assert float(a) == float(b)
                except ValueError:
                    assert a == b
    assert any("Koken & één gerecht, zó lekker" in row for row in cells)


def test_libreoffice_shows_formula_like_names_as_text(tmp_path):
    """A hostile activity name in the report's CSV is text in the sheet, not a formula."""
    from kiosk.periods import parse_period
    from kiosk.report import as_csv, build_report
    from tests.test_csv_cells import HOSTILE_NAMES, hostile_site

    site = parse_config(hostile_site(**HOSTILE_NAMES), "site.toml")
    path = tmp_path / "report.csv"
    path.write_bytes(as_csv([build_report([], parse_period("2026-11"), site, "nl")]))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    f"--infilter={DUTCH_CSV_IMPORT}", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=120, check=True)
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx").active
    names = {str(c.value).lstrip("'"): c for row in sheet.iter_rows() for c in row
             if c.value is not None}
    for name in HOSTILE_NAMES.values():
        assert names[name].data_type == "s", (name, names[name].value)
