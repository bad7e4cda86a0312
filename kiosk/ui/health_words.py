"""What `kiosk doctor` finds, in the words of a volunteer at the door (Gezondheid tab).

The doctor's own text stays English for the command line and scripts; here each finding's
key and parameters become a sentence without file names, folders or temp paths. Flags are
free text the store raised: a known one is said in plain words, any other is shown as it
is, after a lead-in that says it is the kiosk's own message.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from kiosk.doctor import Finding
from kiosk.i18n import _, ngettext, translate, translate_plural


def dutch_date(value, language: str) -> str:
    """"26 november 2026" (and the time, for a moment): as the room says a date."""
    from babel.dates import format_date, format_datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return format_datetime(value, "d MMMM yyyy, HH:mm", locale=language)
    if isinstance(value, date):
        return format_date(value, "d MMMM yyyy", locale=language)
    return str(value)


def month_name(month: str, language: str) -> str:
    """"2026-11" -> "november 2026"."""
    from babel.dates import format_date

    try:
        return format_date(date.fromisoformat(f"{month}-01"), "LLLL yyyy", locale=language)
    except ValueError:
        return month


def _t(message: str, language: str, **params) -> str:
    return translate(message, language).format(**params)


def _n(message: tuple[str, str], number: int, language: str, **params) -> str:
    return translate_plural(message, number, language).format(count=number, **params)


# Flags the store raises, as patterns of its English text.
_FLAGS = [
    (re.compile(r"visits could not be saved \(the disk is full\)"),
     lambda m, lang: _t(_("The disk is full: visits could not be saved. The kiosk keeps "
                          "them in its memory and tries again. Do not switch it off."), lang)),
    (re.compile(r"visits could not be saved \((?P<reason>.*?)\);"),
     lambda m, lang: _t(_("Visits could not be saved ({reason}). The kiosk keeps them in "
                          "its memory and tries again. Do not switch it off."), lang,
                        reason=m["reason"])),
    (re.compile(r"(?P<count>\d+) damaged line\(s\) in the"),
     lambda m, lang: _n(ngettext("{count} damaged line in the visit log was set aside.",
                                 "{count} damaged lines in the visit log were set aside."),
                        int(m["count"]), lang)),
    (re.compile(r"\S+ was \w+; moved aside to"),
     lambda m, lang: _t(_("A damaged file was set aside. The kiosk carried on."), lang)),
    (re.compile(r"cards\.json did not match"),
     lambda m, lang: _t(_("The list of cards did not match the visits and was made again. "
                          "Nothing was lost."), lang)),
    (re.compile(r"could not compact at (?:close|start): (?P<reason>.*)"),
     lambda m, lang: _t(_("Tidying up the visit log did not work ({reason}). The visits "
                          "are safe; it is tried again."), lang, reason=m["reason"])),
    (re.compile(r"(?P<count>\d+) visit\(s\) of (?P<month>\d{4}-\d{2}) were recovered"),
     lambda m, lang: _n(ngettext("{count} visit of {month} was saved from a damaged file.",
                                 "{count} visits of {month} were saved from a damaged file."),
                        int(m["count"]), lang, month=month_name(m["month"], lang))),
    (re.compile(r"(?P<month>\d{4}-\d{2}) is past the retention period but not all"),
     lambda m, lang: _t(_("{month} may be deleted, but not everything of it has been "
                          "exported yet. It is kept until it has."), lang,
                        month=month_name(m["month"], lang))),
    (re.compile(r"\S+ is damaged"),
     lambda m, lang: _t(_("A file of the kiosk is damaged. The kiosk carried on."), lang)),
]


def flag_words(problem: str, language: str) -> str:
    for pattern, words in _FLAGS:
        match = pattern.search(problem)
        if match:
            return words(match, language)
    return _t(_("Message from the kiosk (in English): {text}"), language, text=problem)


def _retention_reason(reason: str, language: str) -> str:
    if reason.startswith("the clock is not synchronised"):
        return _t(_("the clock is not set by the internet yet"), language)
    if "far beyond the newest visit" in reason:
        return _t(_("today's date is far after the last visit: check the clock"), language)
    match = re.match(r"(\d+) months are due at once", reason)
    if match:
        return _n(ngettext("{count} month is due at once; confirm it above if today's date "
                           "is right",
                           "{count} months are due at once; confirm it above if today's "
                           "date is right"), int(match[1]), language)
    return reason


def _printer(status: str, language: str) -> str:
    if status.startswith("ok"):
        return _t(_("Ticket printer: working."), language)
    if status.startswith("out of paper"):
        return _t(_("Ticket printer: the paper has run out."), language)
    if status.startswith("no printer found"):
        return _t(_("Ticket printer: not found. Is it switched on and plugged in?"), language)
    return _t(_("Ticket printer: something is wrong ({status})."), language, status=status)


def words(finding: Finding, language: str) -> str:
    """The finding as one or two plain sentences."""
    p, key, lang = finding.params, finding.key, language
    if key == "journal":
        if not p["count"]:
            return _t(_("Visits: everything is saved in the month files."), lang)
        return _n(ngettext("Visits: everything is saved. {count} visit of today goes into "
                           "the month file when it is quiet.",
                           "Visits: everything is saved. {count} visits of today go into "
                           "the month file when it is quiet."), p["count"], lang)
    if key == "journal_in_memory":
        return _n(ngettext("{count} visit is only in the kiosk's memory: the disk refused "
                           "it. It is saved as soon as it can be. Do not switch the kiosk "
                           "off.",
                           "{count} visits are only in the kiosk's memory: the disk refused "
                           "them. They are saved as soon as it can be. Do not switch the "
                           "kiosk off."), p["unsaved"], lang)
    if key == "journal_damaged":
        return _n(ngettext("Visits: {count} damaged line in the visit log was skipped.",
                           "Visits: {count} damaged lines in the visit log were skipped."),
                  p["damaged"], lang)
    if key == "months_none":
        return _t(_("Month files: none yet."), lang)
    if key == "months":
        months = _n(ngettext("Month files: {count} month", "Month files: {count} months"),
                    p["count"], lang)
        cards = _n(ngettext("{count} card", "{count} cards"), p["cards"], lang)
        return _t(_("{months} ({first} to {last}), {cards} seen."), lang, months=months,
                  first=month_name(p["first"], lang), last=month_name(p["last"], lang),
                  cards=cards)
    if key == "months_ahead":
        return _n(ngettext("Month files: {count} month lies after today ({months}). The clock "
                           "was ahead when its visits were saved: they count in that month, "
                           "not in this one.",
                           "Month files: {count} months lie after today ({months}). The "
                           "clock was ahead when their visits were saved: they count in "
                           "those months, not in this one."), p["count"], lang,
                  months=", ".join(month_name(month, lang) for month in p["months"]))
    if key == "disk":
        free = _t(_("Disk: {gigabytes} GB free."), lang,
                  gigabytes=f"{p['gigabytes']:.1f}".replace(".", "," if lang == "nl" else "."))
        return free if finding.ok else free + " " + _t(_("It is almost full."), lang)
    if key == "clock":
        return _t(_("Clock: set by the internet."), lang)
    if key == "clock_unsynchronised":
        return _t(_("Clock: not set by the internet yet (no network?). Visits are counted "
                    "anyway, in the right order."), lang)
    if key == "retention":
        return _t(_("Privacy: visits are kept {months} months, then deleted."), lang,
                  months=p["months"])
    if key == "retention_paused":
        return _n(ngettext("Privacy: {count} old month is not deleted yet, because {reason}.",
                           "Privacy: {count} old months are not deleted yet, because "
                           "{reason}."), p["count"], lang,
                  reason=_retention_reason(p["reason"], lang))
    if key == "export_never":
        return _t(_("Export: never done yet."), lang)
    if key == "export":
        return _n(ngettext("Export: last done {time}, {count} file.",
                           "Export: last done {time}, {count} files."), p["files"], lang,
                  time=dutch_date(p["time"], lang))
    if key == "export_failed":
        return _t(_("Export: the last one, {time}, failed ({error})."), lang,
                  time=dutch_date(p["time"], lang), error=p["error"])
    if key == "export_offsite_failed":
        return _t(_("Export: done {time}, but the copy elsewhere failed ({text})."), lang,
                  time=dutch_date(p["time"], lang), text=p["text"])
    if key == "export_record_damaged":
        return _t(_("Export: the note of the last export is damaged; the next export "
                    "writes it again."), lang)
    if key == "set_aside":
        return _t(_("A damaged file was set aside. The kiosk carried on; keep it for "
                    "whoever looks into it."), lang)
    if key == "journal_torn":
        return _t(_("The last visit written was cut off, by a power cut or damage: at most "
                    "one visit, set aside."), lang)
    if key == "set_aside_seen":
        return _n(ngettext("{count} damaged file already seen is kept until the privacy "
                           "period ends.",
                           "{count} damaged files already seen are kept until the privacy "
                           "period ends."), p["count"], lang)
    if key == "flags_damaged":
        return _t(_("The list of messages is damaged. 'kiosk doctor --clear' clears it."),
                  lang)
    if key == "flag":
        return flag_words(p["problem"], lang)
    if key == "printer":
        return _printer(p["status"], lang)
    if key == "folder_unreadable":
        return _t(_("The kiosk cannot read its data folder ({reason}). Ask for help."), lang,
                  reason=p["reason"])
    if key == "store_error":
        return _t(_("The kiosk's data cannot be opened. Ask for help. ({detail})"), lang,
                  detail=p["detail"])
    return finding.text
