"""The `kiosk` command: run the door, fill demo history, export CSV."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from . import paths
from .config import ConfigError, default_config_text, load_config
from .i18n import LANGUAGE_NAMES
from .store import StoreError, VisitStore


EXIT_RESTART = 75        # EX_TEMPFAIL: start me again
EXIT_TO_DESKTOP = 64     # the coordinator closed the kiosk on purpose: stay closed


def _site(args):
    return load_config(paths.config_path())


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def output_file(text: str) -> Path:
    """An argparse type for --out FILE: refused at once when it can never be a file."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name; give the file to write")
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name in it")
    if path.exists() and not path.is_file():
        # Files are written beside and renamed over the old one: a device or a pipe would
        # be replaced by a regular file (as root, /dev/full became one), or a pipe without
        # a reader would hold the command forever.
        raise argparse.ArgumentTypeError(
            f"{text} is not a regular file (a device or a pipe); give a file name, or "
            "leave out --out where the command can print to the screen")
    return path


def output_folder(text: str) -> Path:
    """An argparse type for --out DIR (created when missing)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name; give the folder to write to")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return path


def cannot_write(path: Path, error: OSError) -> str:
    """One line for the coordinator: why `path` was not written, naming what to fix."""
    folder = Path(path).parent
    existing = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    if not existing.is_dir():
        why = f"{existing} is not a folder"
    elif existing != folder and isinstance(error, FileNotFoundError):
        why = f"there is no folder {folder}"
    else:
        why = error.strerror or str(error)
    return f"kiosk: cannot write {path}: {why}"


def is_the_data_folder(out: Path) -> str | None:
    """The refusal when `out` is the data folder itself: a backup there is packed into the
    next one (each night's twice the last, until the card is full), and files there are
    neither the store's nor reached by retention. A folder inside it is fine."""
    data = paths.data_dir()
    try:
        same = Path(out).resolve() == data.resolve()
    except (OSError, RuntimeError):  # (a symlink loop: not the data folder either)
        return None
    if not same:
        return None
    return (f"kiosk: {out} is the kiosk's data folder; choose another folder (a folder "
            f"inside it such as {data / 'backups'} will do)")


def _problem(error: OSError) -> str:
    # Which file: a backup reads the data folder too, so the problem may be on either side.
    # A failed rename names the file it was to replace second: that one, not the hidden
    # temporary the atomic write made beside it, is what the coordinator can look at.
    where = error.filename2 or error.filename
    return (error.strerror or str(error)) + (f" ({where})" if where else "")


def _write_output(path: Path, data: bytes) -> bool:
    from .atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as error:
        print(cannot_write(path, error), file=sys.stderr)
        return False
    return True


def whole_number(low: int, high: int | None = None):
    """An argparse type for a count with bounds: refused with one line, never a trace."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value}: choose between {low} and {high}")
        if value < low:
            raise argparse.ArgumentTypeError(f"{value}: must be at least {low}")
        return value
    return parse


def cmd_run(args) -> int:
    from .assets import check_pictograms

    site = _site(args)
    check_pictograms(site)
    fullscreen = site.door.fullscreen and not args.windowed
    from .ui.bootstrap import configure_kivy

    configure_kivy(fullscreen=fullscreen, show_cursor=site.door.show_cursor or not fullscreen,
                   size=tuple(args.size))
    store = VisitStore.open_writer(paths.data_dir())
    try:
        from .ui import KioskApp

        app = KioskApp(site, store)
        # systemd stops the kiosk with SIGTERM, a developer with Ctrl+C: leave cleanly,
        # so the journal is folded into the month files before the process ends.
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *args: app.stop())
        app.run()
    finally:
        store.close()
    # kiosk.service restarts on every exit but EXIT_TO_DESKTOP (RestartPreventExitStatus).
    return {"restart": EXIT_RESTART, "desktop": EXIT_TO_DESKTOP}.get(app.exit_reason, 0)


def cmd_demo_data(args) -> int:
    from .demo import fill

    site = _site(args)
    with VisitStore.open_writer(paths.data_dir(), fsync=False) as store:
        if store.visits() and not args.add:
            print(f"{paths.data_dir()} already holds visits; demo data goes into an empty "
                  "data folder (or pass --add).", file=sys.stderr)
            return 1
        today = datetime.now(site.timezone).date()
        count = fill(store, site, args.days, args.visits_per_day, today)
        # The store keeps what the disk refuses in memory for the door's sake; this
        # command ends now, and with it that memory.
        unsaved = store.unsaved_count
    if unsaved:
        print(f"kiosk: {unsaved} of {count} demo visits were not saved: the disk is full or "
              f"refuses writes in {paths.data_dir()}. Free some space and run again with "
              "--add.", file=sys.stderr)
        return 1
    print(f"Recorded {count} demo visits over {args.days} days in {paths.data_dir()}.")
    return 0


def cmd_export(args) -> int:
    from .export_job import run_export

    site = _site(args)
    refusal = is_the_data_folder(args.out)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    try:
        run = run_export(site, paths.data_dir(), args.out, args.since, args.until, args.dialect)
    except OSError as error:
        print(f"kiosk: export to {args.out} failed: {_problem(error)}", file=sys.stderr)
        return 1
    for problem in run.problems:
        print(f"warning: {problem}", file=sys.stderr)
    from .doctor import record_offsite
    from .offsite import copy_offsite, copy_to_labelled_stick

    everything = sorted(p for p in Path(args.out).iterdir() if p.is_file())
    usb = copy_to_labelled_stick(site.export.usb_label, everything, site.site_id)
    offsite_ok, offsite = copy_offsite(site.export.rclone_remote, args.out)
    if site.export.rclone_remote:
        record_offsite(paths.data_dir(), offsite_ok, offsite)
    # One line for the journal (journalctl -u kiosk-export).
    extra = "".join(f"; {part}" for part in (usb, offsite) if part)
    print(f"Wrote {len(run.files)} file(s) with {run.rows} row(s) to {args.out}{extra}.")
    return 0


def cmd_report(args) -> int:
    from .export_reader import ExportError, read_exports
    from .periods import parse_period
    from .report import (as_csv, as_html, as_pdf, as_table, build_report, report_counts,
                         report_from_counts)

    site = _site(args)
    try:
        period = parse_period(args.period)
    except ValueError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    today = datetime.now(site.timezone).date()
    if args.exports:
        try:
            warnings: list[str] = []
            visits = read_exports(args.exports, site.timezone, warnings)
        except ExportError as error:
            print(f"kiosk: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"kiosk: cannot read {error.filename}: {error.strerror or error}",
                  file=sys.stderr)
            return 2
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        in_period = [v for v in visits if period.first <= v.local.date() <= period.last]
        site_ids = sorted({v.site for v in in_period}) or [site.site_id]

        def make_report(site_id, **options):
            # Exports: every visit they hold is there (nothing deleted before them).
            chosen = visits if site_id == "*" else [v for v in visits if v.site == site_id]
            return build_report(chosen, period, site, args.lang, site=site_id, today=today,
                                **options)
    else:
        from .periods import months_between

        store = VisitStore.open_reader(paths.data_dir())
        gone = sorted(set(months_between(period.first, period.last)) &
                      store.summarised_months())
        if gone:
            print(f"kiosk: the visit rows of {', '.join(gone)} were deleted after "
                  f"{site.privacy.retention_months} months (see [privacy] in the site file); "
                  "unique people cannot be counted for a period that includes them. Their "
                  "monthly totals are in summary-YYYY-MM.json in the data folder.",
                  file=sys.stderr)
            return 2
        # Closed months from the tallies the store keeps of them: a year's report does
        # not walk every visit of two years.
        counted = report_counts(store, period)
        for problem in store.health.problems:
            # A damaged month counts as nothing: the report must not look whole without it.
            print(f"warning: {problem}", file=sys.stderr)
        site_ids = counted.sites or [site.site_id]

        def make_report(site_id, **options):
            return report_from_counts(counted.counts(None if site_id == "*" else site_id),
                                      period, site, args.lang, site=site_id, today=today,
                                      complete_from=counted.complete_from, **options)
    reports = []
    for site_id in site_ids:
        title = site.site_name if site_id == site.site_id else site_id
        reports.append(make_report(site_id, title=title))
    if len(site_ids) > 1:
        reports.append(make_report("*", title=" + ".join(site_ids), targets=False))
    if args.format == "table":
        output = "\n".join(as_table(report) for report in reports).encode("utf-8")
    elif args.format == "csv":
        output = as_csv(reports, args.dialect)
    elif args.format == "pdf":
        output = as_pdf(reports, today)
    else:
        output = as_html(reports, today).encode("utf-8")
    if args.out:
        if not _write_output(args.out, output):
            return 1
        print(f"Wrote the {period.label} report to {args.out}.")
    else:
        sys.stdout.buffer.write(output)
    return 0


def cmd_privacy(args) -> int:
    from . import privacy

    site = _site(args)
    # "all": every language the door offers, one page each, for the wall.
    languages = list(site.languages) if args.lang == "all" else [args.lang]
    if args.out:
        text = privacy.as_html_all(site, languages) if args.out.suffix in (".html", ".htm") \
            else privacy.as_text_all(site, languages)
        if not _write_output(args.out, text.encode("utf-8")):
            return 1
        print(f"Wrote the privacy notice ({', '.join(languages)}) to {args.out}.")
    else:
        print(privacy.as_text_all(site, languages), end="")
    return 0


def _pin_twice(whose: str = "coordinator") -> tuple[str, str]:
    """The new PIN and its repetition: asked without echo on a terminal, else one line
    each from standard input (an installer script, `kiosk pin set < file`)."""
    import getpass

    from .admin_pin import PinError

    missing = PinError("no PIN given (from a script: the PIN twice, one line each, on "
                       "standard input)")
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return (getpass.getpass(f"New {whose} PIN (4 to 8 digits): "),
                    getpass.getpass("The same PIN again: "))
        except EOFError:
            raise missing from None
    try:
        lines = [sys.stdin.readline() if sys.stdin is not None else "" for _ in range(2)]
    except UnicodeDecodeError:
        raise PinError("a PIN is 4 to 8 digits") from None
    if not all(lines):
        raise missing
    first, second = (line.rstrip("\r\n") for line in lines)
    return first, second


def cmd_pin(args) -> int:
    from .admin_pin import PinError, PinGuard
    from .staff.access import StaffPinGuard

    staff = getattr(args, "staff", False)
    try:
        first, second = _pin_twice("staff page" if staff else "coordinator")
    except PinError as error:
        print(f"kiosk: {error}; nothing changed.", file=sys.stderr)
        return 1
    if first != second:
        print("kiosk: the two PINs differ; nothing changed.", file=sys.stderr)
        return 1
    try:
        (StaffPinGuard if staff else PinGuard)(paths.data_dir()).set_pin(first)
    except PinError as error:
        print(f"kiosk: {error}; nothing changed.", file=sys.stderr)
        return 1
    if staff:
        print("The staff PIN is set. Volunteers log in with it on the staff page "
              "(`kiosk doctor` shows its address).")
        return 0
    print("The coordinator PIN is set. Hold the top-right corner of the screen for 3 seconds "
          "to open the coordinator's screens.")
    return 0


def cmd_backup(args) -> int:
    from .backup import snapshot

    if not paths.data_dir().is_dir():
        print(f"kiosk: there is no kiosk data in {paths.data_dir()}", file=sys.stderr)
        return 2
    refusal = is_the_data_folder(args.out)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    try:
        target = snapshot(paths.data_dir(), args.out, keep=args.keep)
    except OSError as error:
        print(f"kiosk: backup to {args.out} failed: {_problem(error)}", file=sys.stderr)
        return 1
    print(f"Wrote {target} (keeping the newest {args.keep}).")
    return 0


def cmd_doctor(args) -> int:
    from .doctor import clear_flags, examine

    if args.clear:
        clear_flags(paths.data_dir())
        print("Health flags cleared.")
    printer = staff = None
    try:
        site = _site(args)
        retention_months, printer, staff = (site.privacy.retention_months, site.printer,
                                            site.staff)
    except ConfigError as error:
        retention_months = None  # the doctor still looks at the data
        print(f"  !!  site file: {error}")
    findings = examine(paths.data_dir(), retention_months=retention_months, printer=printer,
                       staff=staff)
    print(f"Kiosk data in {paths.data_dir()}")
    for finding in findings:
        print(f"  {'ok' if finding.ok else '!!'}  {finding.text}")
    attention = [f for f in findings if not f.ok]
    if not attention:
        print("All is well.")
    else:
        print(f"{len(attention)} thing(s) need attention.")
        if any(finding.key == "flag" and "time" in finding.params for finding in attention):
            # (flags kept in health.json: the ones --clear forgets)
            print("Once the flagged problems are dealt with: kiosk doctor --clear")
    return 0 if not attention else 1


def cmd_speech(args) -> int:
    from .speech import Speech, message_id
    from .spoken import sentences

    site = _site(args)
    speech = Speech(paths.data_dir() / "speech-cache")
    languages = [args.language] if args.language else list(site.languages)
    unknown = [code for code in languages if code not in site.languages]
    if unknown:
        print(f"kiosk: {', '.join(unknown)} is not offered in the site file "
              f"(languages: {', '.join(site.languages)})", file=sys.stderr)
        return 2
    if args.action == "prepare":
        for language in languages:
            queued = speech.prepare(language, sentences(site, language))
            print(f"{language}: {queued} sentence(s) to synthesise"
                  if speech.can_synthesise(language) else
                  f"{language}: no synthetic voice; only recordings are played")
        if not speech.wait_until_idle(timeout=600):
            print("kiosk: speech synthesis did not finish in 10 minutes", file=sys.stderr)
            return 1
        print(f"Spoken sentences are in {speech.cache_dir}.")
        return 0
    for language in languages:
        print(f"# {language}: record as assets/audio/{language}/<file> (.ogg or .wav)")
        for text in sentences(site, language):
            key = message_id(text)
            if speech.recorded(language, key):
                state = "recorded"
            elif speech.cached(language, text).is_file():
                state = "synthesised"
            else:
                state = "voice" if speech.can_synthesise(language) else "NEEDS A RECORDING"
            print(f"{state:17}  {key}.ogg  {text}")
    return 0


def cmd_translations(args) -> int:
    from . import translation_sheet as sheet

    site = _site(args)
    try:
        if args.action == "sheet":
            out, page = sheet.write_sheet(args.out, args.lang, site, sheet.LOCALE_DIR)
            print(f"Wrote {out} (to fill in) and {page} (to print).")
            return 0
        outcome = sheet.apply_review(args.file, site, sheet.LOCALE_DIR, language=args.lang)
    except sheet.SheetError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(cannot_write(Path(error.filename or args.out), error), file=sys.stderr)
        return 1
    print(f"{outcome.approved} line(s) approved, {outcome.corrected} corrected"
          + ("; the site file changed too." if outcome.site_changed else "."))
    for line in outcome.embarrassing:
        print(f"  embarrassing, not approved: {line}")
    return 0


def cmd_init_config(args) -> int:
    text = default_config_text()
    if args.windowed:
        text = text.replace("fullscreen = true", "fullscreen = false")
        text = text.replace("show_cursor = false", "show_cursor = true")
        # A desktop is not the room: its staff page stays on this computer.
        text = text.replace('bind = "0.0.0.0"', 'bind = "127.0.0.1"')
    if args.survey:
        text = text.replace("survey = false", "survey = true")
    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"{out} exists; not overwritten (pass --force).", file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, "utf-8")
    except OSError as error:
        print(cannot_write(out, error), file=sys.stderr)
        return 1
    print(f"Wrote {out}. Edit it, then point KIOSK_CONFIG at it.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="The buurtwerkkamer door kiosk. Site file: $KIOSK_CONFIG; "
        "data folder: $KIOSK_DATA_DIR.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="start the touchscreen app")
    run.add_argument("--windowed", action="store_true", help="a window, not full screen")
    run.add_argument("--size", nargs=2, type=whole_number(200, 10000), default=[1280, 720],
                     metavar=("W", "H"))
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo-data", help="fill the data folder with synthetic history")
    # Bounded: ten years of a busy room is plenty, and far more only fills the memory.
    demo.add_argument("--days", type=whole_number(1, 3660), default=90)
    demo.add_argument("--visits-per-day", type=whole_number(1, 1000), default=40)
    demo.add_argument("--add", action="store_true", help="add to a data folder that has visits")
    demo.set_defaults(handler=cmd_demo_data)

    export = commands.add_parser("export", help="write one CSV per day")
    export.add_argument("--out", type=output_folder, required=True)
    export.add_argument("--since", type=_date)
    export.add_argument("--until", type=_date, help="last day to export (default: yesterday)")
    export.add_argument("--dialect", choices=("excel-nl", "rfc4180"), default="excel-nl")
    export.set_defaults(handler=cmd_export)

    report = commands.add_parser("report", help="unique people per activity against the "
                                 "targets, for a month, tertiaal, year or range")
    report.add_argument("--period", required=True,
                        help="2026, 2026-T1 (Jan-Apr), 2026-11, or 2026-03-01..2026-06-30")
    report.add_argument("--format", choices=("table", "csv", "html", "pdf"),
                        help="default: from the --out file's name (.pdf, .html, .csv), "
                        "else table")
    report.add_argument("--out", type=output_file,
                        help="write to this file instead of the screen")
    report.add_argument("--exports", type=Path, nargs="+", metavar="DIR",
                        help="count from the CSV exports in these folders, not the store")
    report.add_argument("--lang", choices=("nl", "en"), default="nl")
    report.add_argument("--dialect", choices=("excel-nl", "rfc4180"), default="excel-nl")
    report.set_defaults(handler=cmd_report)

    notice = commands.add_parser("privacy", help="the privacy notice for the wall, from the "
                                 "site file (.html for a printable page, else text)")
    notice.add_argument("--lang", choices=(*LANGUAGE_NAMES, "all"), default="nl",
                        help="a language code, or all: every language the site offers")
    notice.add_argument("--out", type=output_file)
    notice.set_defaults(handler=cmd_privacy)

    pin = commands.add_parser("pin", help="set the coordinator PIN (asked twice, not echoed)")
    pin.add_argument("action", choices=("set",))
    pin.add_argument("--staff", action="store_true",
                     help="the volunteers' PIN for the staff page, not the coordinator's")
    pin.set_defaults(handler=cmd_pin)

    backup = commands.add_parser("backup", help="a snapshot of the data folder, taken while "
                                 "the kiosk runs; keeps the newest --keep")
    backup.add_argument("--out", type=output_folder, required=True)
    # At least 1: the snapshot just written is the one a restore needs.
    backup.add_argument("--keep", type=whole_number(1), default=14,
                        help="how many snapshots to keep, the new one included (at least 1)")
    backup.set_defaults(handler=cmd_backup)

    doctor = commands.add_parser("doctor", help="check the stored data; non-zero when "
                                 "something needs attention")
    doctor.add_argument("--clear", action="store_true", help="forget the raised flags")
    doctor.set_defaults(handler=cmd_doctor)

    from . import card_sheet

    card_sheet.add_parser(commands)

    speech = commands.add_parser("speech", help="what the door says aloud: list the sentences "
                                 "(and the file names to record them as), or synthesise them")
    speech.add_argument("action", choices=("list", "prepare"))
    speech.add_argument("--language", help="one language code (default: every offered one)")
    speech.set_defaults(handler=cmd_speech)

    words = commands.add_parser(
        "translations", help="a native speaker's review: write a sheet of one language's "
        "drafts (.xlsx and a printable page), or apply a filled one")
    actions = words.add_subparsers(dest="action", required=True)
    write = actions.add_parser("sheet", help="write FILE.xlsx and FILE.html to review")
    write.add_argument("--lang", required=True,
                       choices=[code for code in LANGUAGE_NAMES if code not in ("nl", "en")])
    write.add_argument("--out", type=output_file, required=True, help="the .xlsx to write")
    write.set_defaults(handler=cmd_translations)
    apply = actions.add_parser("apply", help="put a filled sheet's corrections and approvals "
                               "into the catalog and the site file")
    apply.add_argument("file", type=Path, help="the filled .xlsx")
    apply.add_argument("--lang", help="refuse the sheet unless it is for this language")
    apply.set_defaults(handler=cmd_translations, out=None)

    init = commands.add_parser("init-config", help="write the default site file to edit")
    init.add_argument("--out", type=output_file, required=True)
    init.add_argument("--windowed", action="store_true", help="for a desktop, not the door")
    init.add_argument("--survey", action="store_true",
                      help="ask \"Hoe was het vandaag?\" at the door (the demo site does)")
    init.add_argument("--force", action="store_true")
    init.set_defaults(handler=cmd_init_config)
    return parser


REPORT_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".csv": "csv",
                  ".txt": "table"}


def _check_together(parser: argparse.ArgumentParser, args) -> None:
    """What no single argument's type can see: refused with usage, before anything runs."""
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since and until and since > until:
        # Otherwise "Wrote 0 file(s)": as if the store had nothing for those days.
        parser.error(f"--since {since} is after --until {until}; nothing to export")
    if args.command == "report":
        # `--out rapport.pdf` alone wrote the text table into a file no PDF reader opens.
        named = REPORT_FORMATS.get(args.out.suffix.lower()) if args.out else None
        if args.format is None:
            args.format = named or "table"
        elif named is not None and named != args.format:
            parser.error(f"--format {args.format} does not fit the file name {args.out.name}; "
                         "leave out --format (the name decides) or change the name")


def _after_the_fact(unraisable) -> None:
    """An error Python can only report after the fact (a library's half-run generator
    collected after its failed write): the command has said what went wrong in one line
    already, so the echo stays out of the coordinator's terminal."""
    if os.environ.get("KIOSK_DEBUG"):
        sys.__unraisablehook__(unraisable)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_together(parser, args)
    previous_hook, sys.unraisablehook = sys.unraisablehook, _after_the_fact
    try:
        return _run(args)
    finally:
        gc.collect()  # what a failed command left behind is collected under our hook
        sys.unraisablehook = previous_hook


def _run(args) -> int:
    try:
        code = args.handler(args)
        # Written now, not at the interpreter's exit, where a reader that left (`| head`)
        # would cost an "Exception ignored" trace that no handler here could catch.
        sys.stdout.flush()
        return code
    except (ConfigError, StoreError) as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    # The narrow cases come before the catch-all: Python takes the first clause that
    # matches, and a BrokenPipeError or OSError is an Exception too.
    except BrokenPipeError:
        # `kiosk speech list | head`: the reader left; not an error worth a trace.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        if os.environ.get("KIOSK_DEBUG"):
            raise
        # The last resort for a disk or folder problem a command did not foresee: one line
        # that names the file beats a traceback for a coordinator.
        where = error.filename2 or error.filename
        where = f"{where}: " if where else ""
        print(f"kiosk: {where}{error.strerror or error}; nothing more was done. Check that "
              "file's folder (owner, permissions, free space) and run again.", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001  (the last line of defence: no traceback)
        # A coordinator at a terminal gets one line; the details go to whoever asks for
        # them with KIOSK_DEBUG=1 (and the kiosk's own log under systemd).
        if os.environ.get("KIOSK_DEBUG"):
            raise
        print(f"kiosk: unexpected error ({type(error).__name__}: {error}); nothing more was "
              "done. Run again with KIOSK_DEBUG=1 for the details.", file=sys.stderr)
        return 70
