"""The report as CSV: one row per activity and period, for the coordinator's spreadsheet.

The first fourteen columns are the ones of every earlier version, with the same names in
the same order; new columns only ever go at the end, and new rows (key holders, languages)
after a site's volunteer row, so a spreadsheet built on last month's file keeps working.
"""

from __future__ import annotations

import io

from .. import csv_cells
from ..export import DIALECTS
from .model import Report
from .texts import text

COLUMNS = ["site", "period", "activity", "name", "unit", "unique_people", "visits",
           "anonymous_visits", "first_time", "target_year", "target_period",
           "percent_of_target", "hours", "value_eur",
           # Added in the report of issue 12:
           "sessions", "expected_to_date", "status", "satisfaction", "satisfaction_answers",
           "satisfaction_happy_percent"]


def as_csv(reports: list[Report], dialect: str = "excel-nl") -> bytes:
    chosen = DIALECTS[dialect]

    def number(value: float | None, digits: int) -> str:
        if value is None:
            return ""
        text_value = f"{value:.{digits}f}"
        # Dutch Excel reads 83,3 as a number and 83.3 as text.
        return text_value.replace(".", ",") if chosen.delimiter == ";" else text_value

    def survey(answers) -> list[str]:
        # The score only from enough answers (as the report says); the count always.
        if not answers.count:
            return ["", "0", ""]
        return [number(answers.score, 1) if answers.enough else "", str(answers.count),
                number(100 * answers.positive_share, 1)]

    buffer = io.StringIO(newline="")
    writer = csv_cells.writer(buffer, chosen.delimiter)
    writer.writerow(COLUMNS)
    for report in reports:
        label = report.period.label
        for line in report.lines + [report.total]:
            writer.writerow([report.site, label, line.activity, line.name, line.unit,
                             line.unique_cards, line.visits, line.anonymous_visits,
                             line.first_time_cards, line.target_year or "",
                             number(line.target_period, 1), number(line.percent, 1), "", "",
                             line.sessions, number(line.expected, 1), line.status or "",
                             *survey(report.answers_for(line))])
        v = report.volunteers
        hours = next(r for r in report.results if r.key == "volunteer_hours")
        writer.writerow([report.site, label, "volunteers", text("r_volunteers", report.language),
                         "hours", len(v.cards), v.shifts, "", "", hours.target_year or "",
                         number(hours.target_period, 1), number(hours.percent, 1),
                         number(v.hours, 2), number(report.volunteer_value, 2),
                         "", number(hours.expected, 1), hours.status or "", "", "", ""])
        keys = next(r for r in report.results if r.key == "key_holders")
        writer.writerow([report.site, label, "key_holders",
                         text("r_key_holders", report.language), "people",
                         "" if keys.actual is None else keys.actual, "", "", "",
                         keys.target_year or "", number(keys.target_period, 1),
                         number(keys.percent, 1), "", "", "", number(keys.expected, 1),
                         keys.status or "", "", "", ""])
        for code, visits in report.languages:
            writer.writerow([report.site, label, f"language:{code}", code, "visits", "",
                             visits, "", "", "", "", "", "", "", "", "", "", "", "", ""])
    return buffer.getvalue().encode(chosen.encoding)
