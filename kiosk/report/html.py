"""The report as one self-contained page: readable on screen, printable on A4, no JavaScript,
no fetched files. Several reports (one per site) follow each other, each from a new page."""

from __future__ import annotations

import calendar
from datetime import date
from html import escape as e

from . import charts
from .formatting import Formatter
from ..counting import ENOUGH_ANSWERS
from .model import AHEAD, BEHIND, PROFESSIONAL_HOURLY_VALUE, SCORE_PROMISE, Report, bar
from .texts import text

BAR_WIDTH = 230


def as_html(reports: list[Report], generated: date) -> str:
    first = reports[0]
    f = Formatter(first.language)
    footer = text("footer", first.language).format(date=f.date(generated))
    return _PAGE.format(lang=e(first.language), title=e(first.title),
                        period=e(f.period(first.period)),
                        sections="".join(_section(report) for report in reports),
                        footer=e(footer))


def _status_cell(report: Report, status: str | None) -> str:
    if status is None:
        return f'<td class="status">{e(report.t("no_target"))}</td>'
    colour = charts.COLOURS[status]
    return (f'<td class="status" style="color:{colour}"><span class="dot" '
            f'style="background:{colour}"></span>{e(report.t(status))}</td>')


def _activity_table(report: Report, lines, jobs: bool) -> str:
    t, f = report.t, Formatter(report.language)
    first = t("col_service") if jobs else t("col_activity")
    actual = t("col_jobs") if jobs else t("col_people")
    head = (f"<tr><th>{e(first)}</th><th class=num>{e(actual)}</th>"
            + ("" if jobs else f"<th class=num>{e(t('col_new'))}</th>")
            + f"<th class=num>{e(t('col_visits'))}<br><small>({e(t('col_anonymous'))})"
              f"</small></th><th class=num>{e(t('col_sessions'))}</th>"
              f"<th class=num>{e(t('col_target'))}</th><th class=num>{e(t('col_percent'))}</th>"
              f"<th>{charts.scale_header(BAR_WIDTH)}</th><th>{e(t('col_status'))}</th></tr>")
    rows = []
    for line in lines + ([report.total] if not jobs else []):
        css = ' class="total"' if line is report.total else ""
        graphic = bar(line, report.running)
        label = f"{line.name}: {f.percent(line.percent)}"
        rows.append(
            f"<tr{css}><td>{e(line.name)}</td><td class=num>{f.number(line.actual)}</td>"
            + ("" if jobs else f"<td class=num>{f.number(line.first_time_cards)}</td>")
            + f"<td class=num>{f.number(line.visits)} <small>({f.number(line.anonymous_visits)})"
              f"</small></td><td class=num>{f.number(line.sessions)}</td>"
              f"<td class=num>{_target(f, line.target_period)}</td>"
              f"<td class=num>{f.percent(line.percent)}</td>"
              f"<td>{charts.progress_bar(graphic, BAR_WIDTH, label=label)}</td>"
            + _status_cell(report, line.status) + "</tr>")
    return f"<table class=lines><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _target(f: Formatter, value: float | None) -> str:
    # A small target with its decimal: "3 of 3.3" is then plainly 90%, not "3 of 3".
    return f.number(value, 1 if value is not None and value < 10 else 0)


def _headline(report: Report) -> str:
    t, f = report.t, Formatter(report.language)
    names = {"people": "h_people", "visits": "h_visits", "new": "h_new",
             "volunteers": "h_volunteers", "hours": "h_hours", "satisfaction": "h_satisfaction"}
    cells = []
    for figure in report.headline:
        if figure.key == "satisfaction" and figure.value is None:
            value = t("too_few_answers") if report.answers.count else t("no_answers")
            cells.append(f'<div class="figure"><div class="name">{e(t(names[figure.key]))}'
                         f'</div><div class="value small">{e(value)}</div></div>')
            continue
        if figure.key == "satisfaction":
            compare = [f"{e(t('previous'))}: " + (f.number(figure.previous, 1)
                                                  if figure.previous is not None
                                                  else e(t("no_data")))]
            cells.append(f'<div class="figure"><div class="name">{e(t(names[figure.key]))}'
                         f'</div><div class="value">{f.number(figure.value, 1)}</div>'
                         f'<div class="target">{e(t("out_of_ten"))}</div>'
                         f'<div class="compare">{"<br>".join(compare)}</div></div>')
            continue
        digits = 0
        value = f.number(figure.value, digits)
        extra = ""
        if figure.target:
            extra = (f'<div class="target">{e(t("of_target").format(target=f.number(figure.target)))}'
                     "</div>")
        compare = [f"{e(t('previous'))}: {f.number(figure.previous, digits) if figure.previous is not None else e(t('no_data'))}"]
        if report.last_year_label:
            compare.append(f"{e(t('last_year'))}: {f.number(figure.last_year, digits) if figure.last_year is not None else e(t('no_data'))}")
        cells.append(f'<div class="figure"><div class="name">{e(t(names[figure.key]))}</div>'
                     f'<div class="value">{value}</div>{extra}'
                     f'<div class="compare">{"<br>".join(compare)}</div></div>')
    return f'<div class="headline">{"".join(cells)}</div>'


def _results(report: Report) -> str:
    t, f = report.t, Formatter(report.language)
    rows = []
    for result in report.results:
        if result.unit == "eur":
            value = f.euro(result.actual)
        elif result.actual is None:
            value = t("key_holders_unknown")
        else:
            value = f.number(result.actual)
        graphic = bar(result, report.running)
        chart = charts.progress_bar(graphic, BAR_WIDTH) if result.target_period else ""
        status = _status_cell(report, result.status) if result.target_period else "<td></td>"
        rows.append(f"<tr><td>{e(result.name(report.language))}</td><td class=num>{e(value)}"
                    f"</td><td class=num>{_target(f, result.target_period)}</td>"
                    f"<td class=num>{f.percent(result.percent)}</td><td>{chart}</td>{status}</tr>")
    v = report.volunteers
    auto = text("auto_closed", report.language).format(count=v.auto_closed) \
        if v and v.auto_closed else ""
    note = t("results_note").format(year=report.targets_year or "–", auto=auto,
                                    rate=f.euro(report.hourly_value),
                                    professional=f.euro(PROFESSIONAL_HOURLY_VALUE))
    head = (f"<tr><th>{e(t('col_result'))}</th><th class=num>{e(t('col_actual'))}</th>"
            f"<th class=num>{e(t('col_target'))}</th><th class=num>{e(t('col_percent'))}</th>"
            f"<th>{charts.scale_header(BAR_WIDTH)}</th><th>{e(t('col_status'))}</th></tr>")
    return (f"<table class=lines><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p class="note">{e(note)}</p>')


def _trend(report: Report) -> str:
    if len(report.months) < 2:
        return ""
    f = Formatter(report.language)
    people = [(f.month(label, short=True), unique) for label, unique, _ in report.months]
    visits = [(f.month(label, short=True), total) for label, _, total in report.months]
    return (f'<h2>{e(report.t("trend_title"))}</h2><div class="pair">'
            f'<div><h3>{e(report.t("trend_people"))}</h3>'
            f'{charts.column_chart(people, "#1957a0", label=report.t("trend_people"))}</div>'
            f'<div><h3>{e(report.t("trend_visits"))}</h3>'
            f'{charts.column_chart(visits, "#5b6b82", label=report.t("trend_visits"))}</div>'
            f'</div><p class="note">{e(report.t("trend_note"))}</p>')


def _count_rows(pairs: list[tuple[str, int]], f: Formatter) -> str:
    top = max((n for _, n in pairs), default=0)
    total = sum(n for _, n in pairs) or 1
    return "".join(f"<tr><td>{e(name)}</td><td class=num>{f.number(n)}</td>"
                   f"<td class=num>{f.percent(100 * n / total)}</td>"
                   f"<td>{charts.count_bar(n, top)}</td></tr>" for name, n in pairs)


def _reach(report: Report) -> str:
    from ..i18n import dutch_name, language_name

    t, f = report.t, Formatter(report.language)
    named = [((dutch_name(code) if report.language == "nl" else language_name(code)), n)
             for code, n in report.languages]
    people = report.new_people + report.returning_people
    split = [(t("new_people"), report.new_people), (t("returning_people"), report.returning_people)]
    questions = (f"<table class=counts>{_count_rows(report.questions, f)}</table>"
                 if report.questions else f"<p>{e(t('no_questions'))}</p>")
    return (f'<h2>{e(t("reach_title"))}</h2><div class="pair">'
            f'<div><h3>{e(t("languages_title"))}</h3><table class=counts>{_count_rows(named, f)}'
            f'</table><p class="note">{e(t("languages_note"))}</p></div>'
            f'<div><h3>{e(t("new_returning_title"))}</h3><table class=counts>'
            f'{_count_rows(split, f)}</table><p class="note">'
            f'{e(t("new_returning_note").format(people=f.number(people), new=f.number(report.new_people)))}'
            f'</p><h3>{e(t("questions_title"))}</h3>{questions}</div></div>')


def _satisfaction(report: Report) -> str:
    """The door survey: a score out of 10 per activity and for the room, on one 0-10 scale
    with the proposal's promise of 8 marked, and how many answered."""
    t, f = report.t, Formatter(report.language)
    title = f'<h2>{e(t("satisfaction_title"))}</h2>'
    if not report.answers.count:
        return title + f'<p>{e(t("satisfaction_off" if not report.survey_on else "no_answers_period"))}</p>'
    rows = []
    named = [(line, report.answers_for(line)) for line in report.lines]
    named = [(line, answers) for line, answers in named if answers.count]
    for line, answers in named + [(report.total, report.answers)]:
        css = ' class="total"' if line is report.total else ""
        name = t("room_as_whole") if line is report.total else line.name
        if answers.enough:
            score = f.number(answers.score, 1)
            happy = f.percent(100 * answers.positive_share)
            graphic = charts.score_bar(answers.score, SCORE_PROMISE, BAR_WIDTH,
                                       label=f"{name}: {score}")
        else:  # a share of 3 answers would look like news: neither is shown
            score, happy, graphic = e(t("too_few_answers")), "", ""
        rows.append(f"<tr{css}><td>{e(name)}</td><td class=num>{f.number(answers.count)}</td>"
                    f"<td class=num>{score}</td><td class=num>{happy}</td>"
                    f"<td>{graphic}</td></tr>")
    head = (f"<tr><th>{e(t('col_activity'))}</th><th class=num>{e(t('col_answers'))}</th>"
            f"<th class=num>{e(t('col_score'))}</th><th class=num>{e(t('col_positive'))}</th>"
            f"<th>{charts.score_header(BAR_WIDTH, SCORE_PROMISE)}</th></tr>")
    note = t("satisfaction_note").format(enough=ENOUGH_ANSWERS,
                                         promise=f.number(SCORE_PROMISE))
    return (title + f"<table class=lines><thead>{head}</thead><tbody>{''.join(rows)}"
            f'</tbody></table><p class="note">{e(note)}</p>')


def _section(report: Report) -> str:
    t, f = report.t, Formatter(report.language)
    running = (f'<div class="running">{e(t("running").format(today=f.date(report.today)))}'
               "</div>") if report.running else ""
    year_days = 366 if calendar.isleap(report.period.first.year) else 365
    legend = t("bar_legend").format(expected_note=t("expected_note") if report.running else "")
    status = t("status_legend").format(
        ahead=f.percent(AHEAD * 100), behind=f.percent(BEHIND * 100),
        day=t("status_day_running" if report.running else "status_day_closed"))
    percent = t("percent_note").format(days=report.period.days, year_days=year_days)
    jobs = report.job_lines
    return f"""<section>
<h1>{e(report.title)}</h1>
<div class="period">{e(t("report"))} {e(f.period(report.period))} &middot; {e(f.span(report.period))}</div>
{running}
<h2>{e(t("headline"))}</h2>
{_headline(report)}
<h2>{e(t("people_title"))}</h2>
{_activity_table(report, report.people_lines, jobs=False)}
<p class="note">{e(legend)} {e(status)}</p>
<p class="note">{e(percent)} {e(t("people_note"))}</p>
{f'<h2>{e(t("jobs_title"))}</h2>' + _activity_table(report, jobs, jobs=True) +
 f'<p class="note">{e(t("jobs_note"))}</p>' if jobs else ""}
<h2>{e(t("results_title"))}</h2>
{_results(report)}
{_trend(report)}
{_reach(report)}
{_satisfaction(report)}
</section>
"""


_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - {period}</title>
<style>
@page {{ size: A4; margin: 14mm 12mm; }}
body {{ font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1a1e24;
       margin: 24px auto; max-width: 1000px; font-size: 10.5pt; line-height: 1.35; }}
h1 {{ font-size: 19pt; margin: 0; }}
h2 {{ font-size: 13pt; margin: 20px 0 6px; break-after: avoid; }}
h3 {{ font-size: 10.5pt; margin: 8px 0 4px; }}
.period {{ color: #3c424a; margin: 4px 0 4px; }}
.running {{ color: #b45309; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #c9ced6; padding: 3px 5px; text-align: left;
          vertical-align: middle; }}
th {{ font-size: 8.5pt; background: #eef1f5; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td small {{ color: #3c424a; }}
tr {{ break-inside: avoid; }}
tr.total td {{ font-weight: bold; border-top: 2px solid #1a1e24; }}
td.status {{ font-weight: bold; white-space: nowrap; }}
.dot {{ display: inline-block; width: 9px; height: 9px; border-radius: 50%;
        margin-right: 4px; }}
svg {{ display: block; }}
.headline {{ display: flex; flex-wrap: wrap; gap: 8px; }}
.figure {{ flex: 1 1 28%; border: 1px solid #c9ced6; border-radius: 4px; padding: 6px 8px;
           break-inside: avoid; }}
.figure .name {{ font-size: 9pt; color: #3c424a; }}
.figure .value {{ font-size: 18pt; font-weight: bold; }}
.figure .value.small {{ font-size: 10pt; font-weight: normal; padding: 6px 0; }}
.figure .target {{ font-size: 9pt; }}
.figure .compare {{ font-size: 8.5pt; color: #3c424a; margin-top: 3px; }}
.pair {{ display: flex; gap: 24px; }}
.pair > div {{ flex: 1; break-inside: avoid; }}
table.counts td {{ border: none; padding: 1px 4px; }}
section + section {{ break-before: page; margin-top: 24px; }}
.note, footer {{ color: #3c424a; font-size: 8.5pt; }}
@media print {{
  body {{ margin: 0; max-width: none; font-size: 8.5pt; }}
  /* A4 is narrower than a screen: the bars shrink (their 100% line with them), so the
     status word always fits on the page. */
  svg.bar, svg.ruler {{ width: 120px; }}
  svg.ruler text {{ font-size: 7px; }}
  th, td {{ padding: 2px 3px; }}
  th {{ font-size: 7.5pt; }}
  .figure .value {{ font-size: 15pt; }}
}}
</style></head>
<body>
{sections}<footer>{footer}</footer>
</body></html>
"""
