"""The funders' report: unique people per activity against the promised targets.

Built from the store or from CSV exports; printed as a table, CSV, or one printable HTML
page. Every number is defined under the table, because funders ask what "unique" means.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date

from . import csv_cells
from .config import SiteConfig
from .counting import Counts, VolunteerCount, count
from .export import DIALECTS
from .i18n import _, translate
from .periods import Period
from .visits import Visit


@dataclass(frozen=True)
class Line:
    activity: str
    name: str
    unit: str               # "unique" or "jobs"
    unique_cards: int
    visits: int
    anonymous_visits: int
    first_time_cards: int
    target_year: int | None
    target_period: float | None

    @property
    def actual(self) -> int:
        """What is held against the target: people for "unique", jobs done for "jobs"."""
        return self.unique_cards if self.unit == "unique" else self.visits

    @property
    def percent(self) -> float | None:
        if not self.target_period:
            return None
        return 100.0 * self.actual / self.target_period


@dataclass(frozen=True)
class Report:
    title: str
    period: Period
    lines: list[Line]
    total: Line
    questions: list[tuple[str, int]]
    language: str
    site: str = "*"             # a site id, or "*" for several sites combined
    volunteers: VolunteerCount | None = None
    hourly_value: float = 8.80

    @property
    def volunteer_value(self) -> float:
        return round(self.volunteers.hours * self.hourly_value, 2) if self.volunteers else 0.0

    def t(self, message: str) -> str:
        return translate(message, self.language)


DEFINITIONS = [
    _("Unique people: different cards that checked in for the activity in the period. "
      "A card carries no name; one card is one person."),
    _("Visits: every check-in, with or without a card. Anonymous visits: check-ins without "
      "a card; they count as visits, never as unique people."),
    _("First-time: cards whose very first visit to this room falls in the period."),
    _("Target: the yearly target from the proposal, pro rata for the length of the period. "
      "For jobs (repairs, garden, clean-up) the number of jobs done is held against it."),
    _("Total: different cards across all activities; someone who joins two activities "
      "counts once, so the total is less than the sum of the rows."),
    _("The same card for the same activity within a few minutes counts once."),
    _("Volunteer hours: from shifts that volunteers start and end by scanning their "
      "volunteer card, counted on the day the shift ended. A shift nobody scanned out of is "
      "closed by the kiosk at the configured maximum length and listed separately."),
]


def build_report(visits: list[Visit], period: Period, config: SiteConfig, language: str,
                 title: str | None = None, site: str = "*", targets: bool = True) -> Report:
    """targets=False leaves the targets out: for several rooms combined, one room's
    targets would make the percentages meaningless."""
    counts: Counts = count(visits, period)
    fraction = period.year_fraction()
    lines = []
    known = {a.id for a in config.activities}
    for activity in config.activities:
        lines.append(_line(activity.id, activity.name(language), activity.unit,
                           counts.activities.get(activity.id),
                           activity.target if targets else None, fraction))
    for activity_id in sorted(set(counts.activities) - known):  # since removed from the site
        lines.append(_line(activity_id, activity_id, "unique", counts.activities[activity_id],
                           None, fraction))
    total = _line("*", translate(_("Total (all activities)"), language), "unique",
                  counts.total, config.total_target if targets else None, fraction)
    topic_names = {t.id: t.name(language) for t in config.topics}
    questions = sorted(((topic_names.get(topic, topic), number)
                        for topic, number in counts.questions.items()),
                       key=lambda item: -item[1])
    return Report(title or config.site_name, period, lines, total, questions, language, site,
                  counts.volunteers, config.volunteers.hourly_value)


def volunteer_summary(report: Report) -> str:
    v = report.volunteers
    text = report.t(_("Volunteers: {people} active, {hours:.1f} hours in {shifts} shifts, "
                      "worth EUR {value:.2f} at EUR {rate:.2f} an hour.")).format(
        people=len(v.cards), hours=v.hours, shifts=v.shifts, value=report.volunteer_value,
        rate=report.hourly_value)
    if v.auto_closed:
        text += " " + report.t(_("{count} shift(s) closed by the kiosk: nobody scanned out."))\
            .format(count=v.auto_closed)
    return text


def _line(activity_id, name, unit, counted, target_year, fraction) -> Line:
    return Line(activity_id, name, unit,
                counted.unique_cards if counted else 0,
                counted.visits if counted else 0,
                counted.anonymous_visits if counted else 0,
                len(counted.first_time_cards) if counted else 0,
                target_year, target_year * fraction if target_year else None)


# -- formats -------------------------------------------------------------------------

COLUMN_TITLES = [_("Activity"), _("Unique people"), _("Visits"), _("Anonymous visits"),
                 _("First-time"), _("Target (year)"), _("Target (period)"), _("Share of target")]


def _cells(line: Line) -> list[str]:
    def number(value):
        return "" if value is None else f"{value:.0f}"

    unit_note = " *" if line.unit == "jobs" else ""
    return [line.name + unit_note, str(line.unique_cards), str(line.visits),
            str(line.anonymous_visits), str(line.first_time_cards), number(line.target_year),
            number(line.target_period),
            "" if line.percent is None else f"{line.percent:.0f}%"]


def as_table(report: Report) -> str:
    titles = [report.t(title) for title in COLUMN_TITLES]
    rows = [_cells(line) for line in report.lines] + [_cells(report.total)]
    widths = [max(len(row[i]) for row in rows + [titles]) for i in range(len(titles))]

    def render(row):
        return "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                         for i, cell in enumerate(row))

    out = [f"{report.title} - {report.period.label} ({report.period.first} .. "
           f"{report.period.last})", "", render(titles), render(["-" * w for w in widths])]
    out += [render(row) for row in rows[:-1]]
    out += [render(["-" * w for w in widths]), render(rows[-1]), ""]
    out.append("* " + report.t(_("jobs done, not people")))
    out += ["", volunteer_summary(report)]
    if report.questions:
        out += ["", report.t(_("Questions asked, by topic")) + ":"]
        out += [f"  {name}: {number}" for name, number in report.questions]
    out += ["", report.t(_("Definitions")) + ":"]
    out += [f"- {report.t(text)}" for text in DEFINITIONS]
    return "\n".join(out) + "\n"


def as_csv(reports: list[Report], dialect: str = "excel-nl") -> bytes:
    chosen = DIALECTS[dialect]

    def number(value: float | None, digits: int) -> str:
        if value is None:
            return ""
        text = f"{value:.{digits}f}"
        # Dutch Excel reads 83,3 as a number and 83.3 as text.
        return text.replace(".", ",") if chosen.delimiter == ";" else text

    buffer = io.StringIO(newline="")
    writer = csv_cells.writer(buffer, chosen.delimiter)
    writer.writerow(["site", "period", "activity", "name", "unit", "unique_people", "visits",
                     "anonymous_visits", "first_time", "target_year", "target_period",
                     "percent_of_target", "hours", "value_eur"])
    for report in reports:
        for line in report.lines + [report.total]:
            writer.writerow([report.site, report.period.label, line.activity, line.name, line.unit,
                             line.unique_cards, line.visits, line.anonymous_visits,
                             line.first_time_cards, line.target_year or "",
                             number(line.target_period, 1), number(line.percent, 1), "", ""])
        v = report.volunteers
        writer.writerow([report.site, report.period.label, "volunteers",
                         report.t(_("Volunteers")), "hours", len(v.cards), v.shifts, "", "",
                         "", "", "", number(v.hours, 2), number(report.volunteer_value, 2)])
    return buffer.getvalue().encode(chosen.encoding)


def as_html(reports: list[Report], generated: date) -> str:
    """One self-contained printable page; several reports (sites) follow each other."""
    sections = [_html_section(report) for report in reports]
    first = reports[0]
    footer = html.escape(first.t(_("Made on {date} by the door kiosk; no names are stored."))
                         .format(date=generated.isoformat()))
    return _PAGE.format(lang=html.escape(first.language), title=html.escape(first.title),
                        period=html.escape(first.period.label), sections="".join(sections),
                        generated=footer)


def _html_section(report: Report) -> str:
    t = report.t
    e = html.escape
    head = "".join(f"<th>{e(t(title))}</th>" for title in COLUMN_TITLES)
    body = []
    for line in report.lines + [report.total]:
        cells = _cells(line)
        css = ' class="total"' if line is report.total else ""
        body.append(f"<tr{css}><td>{e(cells[0])}</td>" +
                    "".join(f"<td class=num>{e(c)}</td>" for c in cells[1:]) + "</tr>")
    bars = []
    scale = max([line.actual for line in report.lines] +
                [line.target_period or 0 for line in report.lines] + [1])
    for line in report.lines:
        actual = 100 * line.actual / scale
        target = 100 * (line.target_period or 0) / scale
        marker = (f'<div class=target style="left:{target:.1f}%" title="{e(t(_("Target")))}">'
                  "</div>") if line.target_period else ""
        label = line.name + (" *" if line.unit == "jobs" else "")
        bars.append(f'<div class=bar-row><div class=bar-label>{e(label)}</div>'
                    f'<div class=bar-track><div class=bar style="width:{actual:.1f}%"></div>'
                    f'{marker}</div><div class=bar-value>{line.actual}'
                    f'{" / " + format(line.target_period, ".0f") if line.target_period else ""}'
                    "</div></div>")
    questions = "".join(f"<li>{e(name)}: {number}</li>" for name, number in report.questions)
    definitions = "".join(f"<li>{e(t(text))}</li>" for text in DEFINITIONS)
    return _SECTION.format(
        title=e(report.title), period=e(report.period.label),
        first=report.period.first.isoformat(), last=report.period.last.isoformat(),
        head=head, body="".join(body), bars="".join(bars),
        chart_title=e(t(_("Actual against target"))),
        chart_note=e(t(_("Bar: unique people (jobs for * rows); line: target for the period."))),
        questions_title=e(t(_("Questions asked, by topic"))),
        questions=questions or f"<li>{e(t(_('None in this period.')))}</li>",
        definitions_title=e(t(_("Definitions"))), definitions=definitions,
        jobs_note=e(t(_("jobs done, not people"))),
        volunteers_title=e(t(_("Volunteers"))), volunteers=e(volunteer_summary(report)))


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - {period}</title>
<style>
@page {{ size: A4; margin: 15mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1e24; margin: 24px;
       font-size: 11pt; }}
h1 {{ font-size: 20pt; margin: 0; }} h2 {{ font-size: 13pt; margin: 22px 0 8px; }}
.period {{ color: #3c424a; margin: 4px 0 16px; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #c9ced6; padding: 4px 6px; text-align: left; }}
th {{ font-size: 9pt; background: #eef1f5; }}
td.num, th:not(:first-child) {{ text-align: right; }}
tr.total td {{ font-weight: bold; border-top: 2px solid #1a1e24; }}
.bar-row {{ display: flex; align-items: center; margin: 3px 0; break-inside: avoid; }}
.bar-label {{ width: 32%; font-size: 9.5pt; }}
.bar-track {{ position: relative; flex: 1; height: 14px; background: #eef1f5; }}
.bar {{ height: 100%; background: #1957a0; }}
.target {{ position: absolute; top: -3px; width: 3px; height: 20px; background: #d97706; }}
.bar-value {{ width: 14%; text-align: right; font-size: 9.5pt; }}
section + section {{ break-before: page; margin-top: 24px; }}
.note, footer {{ color: #3c424a; font-size: 9pt; }}
ul {{ margin: 4px 0; padding-left: 20px; }}
@media print {{ body {{ margin: 0; font-size: 9.5pt; }} th {{ font-size: 8pt; }} }}
</style></head>
<body>
{sections}<footer>{generated}</footer>
</body></html>
"""

_SECTION = """<section>
<h1>{title}</h1>
<div class="period">{period}: {first} &ndash; {last}</div>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<p class="note">* {jobs_note}</p>
<h2>{chart_title}</h2>
<div class="chart">{bars}</div>
<p class="note">{chart_note}</p>
<h2>{volunteers_title}</h2>
<p>{volunteers}</p>
<h2>{questions_title}</h2>
<ul>{questions}</ul>
<h2>{definitions_title}</h2>
<ul class="definitions">{definitions}</ul>
</section>
"""
