"""What the report says, as data: for the HTML/PDF/CSV writers and the coordinator's screens.

`build_report` turns visits into a `Report`: per activity a `Line` with its status
(ahead / on track / behind) against what was expected by today, the proposal's other
results (`Result`), a headline with the previous period beside it, and the month, language
and new-vs-returning breakdowns. `bar` gives the numbers for one 0-150% bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..config import SiteConfig
from ..counting import Answers, Counts, VolunteerCount, count_periods
from ..periods import Period, a_year_earlier, kind_of, previous
from ..visits import Visit
from .texts import text

# A line is "ahead" at 110% or more of what was expected by today, "behind" under 90%.
# Ten percent either way: a month of the Kookclub is 20 people, and two more or fewer is
# the room's ordinary ups and downs, not news for a funder.
AHEAD = 1.10
BEHIND = 0.90
# The bars run to 150%: far enough to show an activity clearly ahead, near enough that
# one runaway line does not squash the others.
BAR_MAX = 150.0

STATUSES = ("ahead", "on_track", "behind")
# The proposal promises the work of staff and volunteers a score above 8 out of 10.
SCORE_PROMISE = 8.0
# The professionals' hourly value in the proposal's budget (EUR 35), said under the table.
PROFESSIONAL_HOURLY_VALUE = 35.0


def status_of(actual: float | None, expected: float | None) -> str | None:
    """"ahead", "on_track", "behind", or None when there is nothing to hold it against."""
    if actual is None or not expected:
        return None
    ratio = actual / expected
    if ratio >= AHEAD:
        return "ahead"
    if ratio < BEHIND:
        return "behind"
    return "on_track"


class _Measured:
    """Shared by activity lines and results: percentages and status from three numbers."""

    actual: float
    target_period: float | None
    expected: float | None

    @property
    def percent(self) -> float | None:
        """Achieved as a share of the whole period's target."""
        if not self.target_period or self.actual is None:
            return None
        return 100.0 * self.actual / self.target_period

    @property
    def expected_percent(self) -> float | None:
        """Where the line should be today, on the same scale as `percent`."""
        if not self.target_period or self.expected is None:
            return None
        return 100.0 * self.expected / self.target_period

    @property
    def status(self) -> str | None:
        return status_of(self.actual, self.expected)


@dataclass(frozen=True)
class Line(_Measured):
    activity: str
    name: str
    unit: str               # "unique" or "jobs"
    unique_cards: int
    visits: int
    anonymous_visits: int
    first_time_cards: int
    target_year: int | None
    target_period: float | None
    sessions: int = 0
    # The pro-rata target up to today (the whole period's once it is over).
    expected: float | None = None

    @property
    def actual(self) -> int:
        """What is held against the target: people for "unique", jobs done for "jobs"."""
        return self.unique_cards if self.unit == "unique" else self.visits


@dataclass(frozen=True)
class Result(_Measured):
    """One of the proposal's other promised results (volunteers, hours, key holders)."""

    key: str                # "people", "volunteers", "volunteer_hours", "key_holders", "value"
    actual: float | None
    target_year: float | None
    target_period: float | None
    expected: float | None
    unit: str               # "people", "hours" or "eur"

    def name(self, language: str) -> str:
        return text({"people": "r_people", "volunteers": "r_volunteers",
                     "volunteer_hours": "r_hours", "key_holders": "r_key_holders",
                     "value": "r_value"}[self.key], language)


@dataclass(frozen=True)
class Figure:
    """One number of the headline, with the same number for the periods to compare."""

    key: str                # "people", "visits", "new", "volunteers", "hours", "satisfaction"
    value: float | None
    previous: float | None = None
    last_year: float | None = None
    target: float | None = None     # expected up to today (people only)


@dataclass(frozen=True)
class Bar:
    """One bar of the 0-150% charts, for any drawing (SVG here, Kivy on the Cijfers tab)."""

    percent: float | None           # achieved, share of the period's target (unclamped)
    length: float                   # 0..150: how far to draw
    cut_off: bool                   # beyond 150%: draw an arrow at the end
    expected_at: float | None       # 0..150: the "expected by today" dash; None when closed
    status: str | None


def bar(item: _Measured, running: bool = True) -> Bar:
    percent = item.percent
    length = 0.0 if percent is None else max(0.0, min(percent, BAR_MAX))
    expected = item.expected_percent if running else None
    if expected is not None and expected >= 100.0 - 1e-9:
        expected = None  # the period is over: the 100% line says it already
    return Bar(percent, length, percent is not None and percent > BAR_MAX,
               None if expected is None else min(expected, BAR_MAX), item.status)


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
    today: date | None = None   # set while the period is still running
    results: list[Result] = field(default_factory=list)
    headline: list[Figure] = field(default_factory=list)
    months: list[tuple[str, int, int]] = field(default_factory=list)  # (2026-11, people, visits)
    languages: list[tuple[str, int]] = field(default_factory=list)    # (code, visits), most first
    new_people: int = 0
    returning_people: int = 0
    # The door survey ("Hoe was het vandaag?"): every answer, and per activity those given
    # with a card that checked in to it that day. survey_on: the door asks it now.
    answers: Answers = field(default_factory=Answers)
    activity_answers: dict[str, Answers] = field(default_factory=dict)
    survey_on: bool = False
    targets_year: int | None = None
    previous_label: str | None = None
    last_year_label: str | None = None
    counts: Counts | None = None

    @property
    def satisfaction(self) -> float | None:
        """The room's score out of 10, when enough people answered for it to mean much."""
        return self.answers.score if self.answers.enough else None

    def answers_for(self, line: "Line") -> Answers:
        return self.answers if line is self.total else \
            self.activity_answers.get(line.activity, Answers())

    @property
    def volunteer_value(self) -> float:
        return round(self.volunteers.hours * self.hourly_value, 2) if self.volunteers else 0.0

    @property
    def running(self) -> bool:
        return self.today is not None

    @property
    def people_lines(self) -> list[Line]:
        return [line for line in self.lines if line.unit != "jobs"]

    @property
    def job_lines(self) -> list[Line]:
        return [line for line in self.lines if line.unit == "jobs"]

    def t(self, key: str) -> str:
        return text(key, self.language)


def elapsed_fraction(period: Period, today: date | None) -> float:
    """How much of the period lies behind us, today included (1 once it is over)."""
    if today is None or today > period.last:
        return 1.0
    if today < period.first:
        return 0.0
    return ((today - period.first).days + 1) / period.days


def compared_periods(period: Period) -> list[Period]:
    """The period, the one before it and the same period a year earlier: the three a
    report counts (in this order)."""
    return [period, previous(period), a_year_earlier(period)]


def build_report(visits: list[Visit], period: Period, config: SiteConfig, language: str,
                 title: str | None = None, site: str = "*", targets: bool = True,
                 today: date | None = None, complete_from: date | None = None) -> Report:
    """The report for `period` from `visits` (which may reach further back: the previous
    period and last year's are counted from them in the same pass). See report_from_counts."""
    return report_from_counts(count_periods(visits, compared_periods(period)), period, config,
                              language, title, site, targets, today, complete_from)


def report_from_counts(counts: list[Counts], period: Period, config: SiteConfig,
                       language: str, title: str | None = None, site: str = "*",
                       targets: bool = True, today: date | None = None,
                       complete_from: date | None = None) -> Report:
    """The report for `period` from the counts of compared_periods(period), however they
    were made (from visits, or from the months' kept tallies: see store_reading).

    today: the date it is made; a period still running then gets "expected by today"
    marks and its statuses are held against them. complete_from: the first day the visits
    are known to be complete (months deleted after retention come before it); a
    comparison period starting earlier is left out rather than shown too low.
    targets=False leaves the targets out: for several rooms combined, one room's targets
    would make the percentages meaningless.
    """
    _, earlier, last_year = compared_periods(period)
    this, before, year_ago = counts
    running_day = today if today is not None and period.first <= today <= period.last else None
    fraction = period.year_fraction()
    done = elapsed_fraction(period, running_day)
    goals = config.targets_for(period.first.year)
    lines = []
    known = {a.id for a in config.activities}
    for activity in config.activities:
        lines.append(_line(activity.id, activity.name(language), activity.unit,
                           this.activities.get(activity.id),
                           goals.activities.get(activity.id) if targets else None,
                           fraction, done))
    for activity_id in sorted(set(this.activities) - known):  # since removed from the site
        lines.append(_line(activity_id, activity_id, "unique", this.activities[activity_id],
                           None, fraction, done))
    total = _line("*", text("total", language), "unique", this.total,
                  goals.people if targets else None, fraction, done)
    topic_names = {t.id: t.name(language) for t in config.topics}
    questions = sorted(((topic_names.get(topic, topic), number)
                        for topic, number in this.questions.items()),
                       key=lambda item: (-item[1], item[0]))

    def usable(counts: Counts, compared: Period) -> Counts | None:
        if complete_from is not None and compared.first < complete_from:
            return None
        return counts if counts.any else None

    before, year_ago = usable(before, earlier), usable(year_ago, last_year)
    if kind_of(period) == "year":
        year_ago = None  # the previous year is already beside it
    results = _results(this, goals if targets else None, config, fraction, done)
    headline = _headline(this, before, year_ago, total.expected)
    return Report(
        title or config.site_name, period, lines, total, questions, language, site,
        this.volunteers, config.volunteers.hourly_value, running_day, results, headline,
        [(label, row.unique_cards, row.visits) for label, row in this.months.items()],
        sorted(this.languages.items(), key=lambda item: (-item[1], item[0])),
        this.new_people, this.returning_people, this.room_answers, this.answers,
        config.door.survey, goals.year if targets else None,
        earlier.label if before else None, last_year.label if year_ago else None, this)


def _line(activity_id, name, unit, counted, target_year, fraction, done) -> Line:
    target_period = target_year * fraction if target_year else None
    return Line(activity_id, name, unit,
                counted.unique_cards if counted else 0,
                counted.visits if counted else 0,
                counted.anonymous_visits if counted else 0,
                len(counted.first_time_cards) if counted else 0,
                target_year, target_period,
                counted.sessions if counted else 0,
                None if target_period is None else target_period * done)


def _results(this: Counts, goals, config: SiteConfig, fraction: float,
             done: float) -> list[Result]:
    def goal(name):
        return getattr(goals, name) if goals is not None else None

    volunteers = this.volunteers
    hours_target = goal("volunteer_hours")
    hours_period = hours_target * fraction if hours_target else None
    # Key-holder cards that scanned in the period; where the room has none (yet), the
    # number the coordinator wrote in the site file.
    key_holders = len(volunteers.key_holder_cards) or config.volunteers.key_holders
    # Numbers of people (volunteers, key holders) are a pool the room keeps, not a pro-rata
    # share: 40 active volunteers are expected in any month as in the year.
    return [
        Result("volunteers", len(volunteers.cards), goal("volunteers"), goal("volunteers"),
               goal("volunteers"), "people"),
        Result("volunteer_hours", volunteers.hours, hours_target, hours_period,
               None if hours_period is None else hours_period * done, "hours"),
        Result("key_holders", key_holders, goal("key_holders"), goal("key_holders"),
               goal("key_holders"), "people"),
        Result("value", round(volunteers.hours * config.volunteers.hourly_value, 2), None,
               None, None, "eur"),
    ]


def _headline(this: Counts, before: Counts | None, year_ago: Counts | None,
              expected_people: float | None) -> list[Figure]:
    def figure(key, pick, target=None):
        return Figure(key, pick(this), pick(before) if before else None,
                      pick(year_ago) if year_ago else None, target)

    return [
        figure("people", lambda c: c.total.unique_cards, expected_people),
        figure("visits", lambda c: c.total.visits),
        figure("new", lambda c: c.new_people),
        figure("volunteers", lambda c: len(c.volunteers.cards)),
        figure("hours", lambda c: c.volunteers.hours),
        figure("satisfaction",
               lambda c: c.room_answers.score if c.room_answers.enough else None),
    ]
