"""The report as plain text for the terminal (`kiosk report`, the default format)."""

from __future__ import annotations

from .formatting import Formatter
from .model import AHEAD, BEHIND, Report


def as_table(report: Report) -> str:
    f = Formatter(report.language)
    t = report.t
    titles = [t("col_activity"), t("col_people"), t("col_visits"), t("col_anonymous"),
              t("col_new"), t("col_sessions"), t("col_target"), t("col_percent"),
              t("col_status")]

    def cells(line):
        return [line.name + (" *" if line.unit == "jobs" else ""), f.number(line.unique_cards),
                f.number(line.visits), f.number(line.anonymous_visits),
                f.number(line.first_time_cards), f.number(line.sessions),
                f.number(line.target_period), f.percent(line.percent),
                t(line.status) if line.status else ""]

    rows = [cells(line) for line in report.lines] + [cells(report.total)]
    widths = [max(len(row[i]) for row in rows + [titles]) for i in range(len(titles))]

    def render(row):
        return "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                         for i, cell in enumerate(row)).rstrip()

    rule = render(["-" * w for w in widths])
    out = [f"{report.title} - {f.period(report.period)} ({f.span(report.period)})", "",
           render(titles), rule] + [render(row) for row in rows[:-1]]
    out += [rule, render(rows[-1]), "", "* " + t("jobs_note")]
    out.append(t("status_legend").format(
        ahead=f.percent(AHEAD * 100), behind=f.percent(BEHIND * 100),
        day=t("status_day_running" if report.running else "status_day_closed")))
    out += ["", t("results_title") + ":"]
    for result in report.results:
        value = f.euro(result.actual) if result.unit == "eur" else (
            t("key_holders_unknown") if result.actual is None else f.number(result.actual))
        target = f" / {f.number(result.target_period)}" if result.target_period else ""
        state = f" ({t(result.status)})" if result.status else ""
        out.append(f"  {result.name(report.language)}: {value}{target}{state}")
    out += ["", t("satisfaction_title") + ":"]
    answers = report.answers
    if not answers.count:
        out.append("  " + t("satisfaction_off" if not report.survey_on else "no_answers_period"))
    else:
        score = f.number(answers.score, 1) if answers.enough else t("too_few_answers")
        out.append(f"  {t('room_as_whole')}: {score} ({t('col_answers').lower()}: "
                   f"{f.number(answers.count)}, {t('col_positive').lower()}: "
                   f"{f.percent(100 * answers.positive_share)})")
    if report.questions:
        out += ["", t("questions_title") + ":"]
        out += [f"  {name}: {f.number(number)}" for name, number in report.questions]
    out += ["", t("definitions") + ":", "- " + t("people_note"),
            "- " + t("percent_note").format(days=report.period.days,
                                             year_days=_year_days(report))]
    return "\n".join(out) + "\n"


def _year_days(report: Report) -> int:
    import calendar

    return 366 if calendar.isleap(report.period.first.year) else 365
