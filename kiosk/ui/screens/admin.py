"""The coordinator's screens, behind the PIN: today, the question queue, the numbers
against the targets, the health of the store, and the only way out of the kiosk."""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.doctor import examine
from kiosk.i18n import translate_plural
from kiosk.counting import ENOUGH_ANSWERS
from kiosk.numbers_at_a_glance import STATUS_AHEAD, STATUS_BEHIND, STATUS_ON_SCHEDULE
from kiosk.periods import month, tertiaal_of, year
from kiosk.question_queue import QueueError
from kiosk import messages
from kiosk.ui import health_words
from kiosk.ui.widgets import KioskScreen

# The bars run from 0 to 150% of the target: 22 of 21 and 41 of 3 must look different.
BAR_SCALE = 150.0
STATUS_WORDS = {STATUS_AHEAD: messages.STATUS_AHEAD,
                STATUS_ON_SCHEDULE: messages.STATUS_ON_SCHEDULE,
                STATUS_BEHIND: messages.STATUS_BEHIND}

TABS = ("today", "questions", "activities", "numbers", "export", "health", "exit")


class AdminRow(ButtonBehavior, BoxLayout):
    """One line of a tab: a sentence that wraps, and what goes with it (a status, a
    pictogram, the visitor's language, a bar against the target)."""
    name = StringProperty("")
    text = StringProperty("")
    bar = NumericProperty(-1)        # share of 150% of the target, 0..1; -1: no bar
    expected = NumericProperty(-1)   # where the bar should be by today, on that scale
    status = StringProperty("")      # "good" or "attention"
    status_word = StringProperty("")
    pictogram = StringProperty("")
    language = StringProperty("")
    soft = BooleanProperty(False)    # an explanation, not a number


class AdminScreen(KioskScreen):
    tab = StringProperty("today")
    period = StringProperty("month")   # which period the Cijfers tab shows

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        app = App.get_running_app()
        if app is not None:
            # A phone may claim or mark helped at any moment, from the web server's
            # thread: the open Vragen tab is redrawn on the Kivy thread.
            app.door.queue.subscribe(
                lambda: Clock.schedule_once(lambda dt: self._queue_changed()))

    def _queue_changed(self) -> None:
        if self.tab == "questions" and self.manager is not None \
                and self.manager.current == self.name:
            self.show("questions")

    def on_pre_enter(self, *args):
        self.show("today")

    def show(self, tab: str) -> None:
        self.tab = tab
        content = self.ids.content
        content.clear_widgets()
        getattr(self, f"_{tab}")(App.get_running_app(), content)

    # Each tab fills the content box with rows; widgets are few, rebuilt on each visit.

    def _row(self, content, text: str, name: str = "", on_release=None, bar: float = -1,
             pictogram: str = "", language: str = "", status: str = "", status_word: str = "",
             expected: float = -1, soft: bool = False):
        row = Factory.AdminRow()
        row.text, row.name, row.bar, row.pictogram = text, name, bar, pictogram
        row.language, row.status, row.status_word = language, status, status_word
        row.expected, row.soft = expected, soft
        if on_release is not None:
            row.bind(on_release=lambda *a: on_release())
        else:
            row.disabled = True
        content.add_widget(row)
        return row

    def _today(self, app, content) -> None:
        lang = app.language
        today = [v for v in app.door.todays_visits() if v.kind == "checkin"]
        self._row(content, ", ".join((
            self._n(messages.TODAY_CHECKINS, len(today), lang),
            self._n(messages.CARDS, len({v.card for v in today if v.card}), lang),
            self._n(messages.QUESTIONS_WAITING, len(app.door.waiting_questions()), lang))))
        per_activity = {}
        for visit in today:
            per_activity.setdefault(visit.activity, []).append(visit)
        for activity in app.site.activities:
            mine = per_activity.get(activity.id, [])
            if mine:
                cards = len({v.card for v in mine if v.card})
                self._row(content, f"{activity.name(lang)}: "
                          f"{self._n(messages.CHECKINS, len(mine), lang)}, "
                          f"{self._n(messages.CARDS, cards, lang)}",
                          pictogram=activity.pictogram)
        self._row(content, app.t(messages.TYPE_CARD_ROW, app.language), name="type_card_code",
                  pictogram="card_scan", on_release=lambda: app.go("admin_card"))

    def _questions(self, app, content) -> None:
        """The same queue the volunteers' phones show: who claimed whom, and a question
        marked helped stays as an undo row until the queue records it (10 s)."""
        questions = app.door.queue.questions()
        if not questions:
            self._row(content, app.t(messages.NO_QUESTIONS, app.language))
        now = app.door.now()
        known = {t.id: t for t in app.site.topics}
        for question in questions:
            topic = known.get(question.topic)
            name = topic.name(app.language) if topic else question.topic
            number = question.number
            if question.helped:
                text = f"{number}.  {name}  -  " + app.t(messages.HELPED_UNDO, app.language)
                row_name, action = f"undo:{number}", lambda n=number: self._undo(app, n)
            else:
                text = f"{number}.  {name}  -  "
                if question.claimed_by:
                    # Before the minutes: a long row loses its end, never who walks there.
                    text += app.t(messages.CLAIMED_BY, app.language).format(
                        device=question.claimed_by) + "  -  "
                text += app.t(messages.WAITING_FOR, app.language).format(
                    minutes=question.minutes_waiting(now))
                row_name, action = f"helped:{number}", lambda n=number: self._helped(app, n)
            self._row(content, text, name=row_name, on_release=action,
                      pictogram=topic.pictogram if topic else "topic_other",
                      language=question.language)

    def _helped(self, app, number: int) -> None:
        try:
            app.door.queue.mark_helped(number, "kiosk")
        except QueueError:
            pass  # a phone was quicker: the redrawn tab shows how it stands now
        self.show("questions")

    def _undo(self, app, number: int) -> None:
        try:
            app.door.queue.undo(number)
        except QueueError:
            pass  # the window had just closed: the row goes with the next redraw
        self.show("questions")

    def _activities(self, app, content) -> None:
        lang = app.language
        today = app.door.today()
        off = app.door.overrides.off_today(today)
        ordered = app.door.todays_activities(include_off=True)
        ids = [a.id for a in ordered]
        self._row(content, app.t(messages.ACTIVITIES_HELP, lang), soft=True)
        for position, activity in enumerate(ordered):
            row = Factory.ActivityTileRow()
            row.activity, row.text, row.pictogram = activity.id, activity.name(lang), \
                activity.pictogram
            row.always, row.on = activity.always, activity.id not in off
            row.switch_word = app.t(messages.ACTIVITY_ALWAYS if activity.always else
                                    messages.SWITCH_ON if row.on else messages.SWITCH_OFF, lang)
            row.first, row.last = position == 0, position == len(ordered) - 1
            row.up_word = app.t(messages.MOVE_UP, lang)
            row.down_word = app.t(messages.MOVE_DOWN, lang)
            if not activity.always:
                row.switch.bind(on_release=lambda *a, act=activity: self._toggle(app, act))
            for child in row.children:
                if getattr(child, "name", "").startswith("move_up:"):
                    child.bind(on_release=lambda *a, i=activity.id: self._move_up(app, i, ids))
                elif getattr(child, "name", "").startswith("move_down:"):
                    child.bind(on_release=lambda *a, i=activity.id: self._move_down(app, i, ids))
            content.add_widget(row)

        self._row(content, "+  " + app.t(messages.ADD_ACTIVITY, lang),
                  name="add_activity", on_release=lambda: app.go("admin_gallery"))
        # The door survey lives in the site file (every day, not today only): the same
        # switch, its own row under the activities.
        survey = Factory.ActivityTileRow()
        survey.activity, survey.pictogram = "survey", "leaving"
        survey.text = app.t(messages.SURVEY_SWITCH, lang)
        survey.on = app.site.door.survey
        survey.switch_word = app.t(messages.SWITCH_ON if survey.on else messages.SWITCH_OFF,
                                   lang)
        survey.first = survey.last = True
        survey.switch.name = "survey_switch"
        survey.switch.bind(on_release=lambda *a: self._toggle_survey(app))
        content.add_widget(survey)
        if self._survey_problem:
            self._row(content, self._survey_problem, soft=True)

    _survey_problem = ""

    def _toggle_survey(self, app) -> None:
        from kiosk.config import ConfigError
        from kiosk.site_editing import set_survey

        try:
            app.use_site(set_survey(app.site, not app.site.door.survey))
            self._survey_problem = ""
        except (ConfigError, OSError) as error:
            reason = getattr(error, "message", None) or getattr(error, "strerror", None) \
                or str(error)
            self._survey_problem = app.t(messages.SURVEY_NOT_SAVED, app.language).format(
                reason=reason)
        self.show("activities")

    def _toggle(self, app, activity) -> None:
        app.door.overrides.toggle(activity, app.door.today())
        self.show("activities")

    def _move_up(self, app, activity_id: str, ids: list[str]) -> None:
        app.door.overrides.move_up(activity_id, ids)
        self.show("activities")

    def _move_down(self, app, activity_id: str, ids: list[str]) -> None:
        # Down one place is the tile below moving up past it.
        index = ids.index(activity_id)
        if index + 1 < len(ids):
            app.door.overrides.move_up(ids[index + 1], ids)
        self.show("activities")

    @staticmethod
    def _n(message, number: int, language: str, **params) -> str:
        """The plural form for `number`, written the room's way ("3.215 bezoeken")."""
        from babel.numbers import format_decimal

        return translate_plural(message, number, language).format(
            count=format_decimal(number, locale=language), **params)

    def show_period(self, period: str) -> None:
        self.period = period
        self.show("numbers")

    def period_name(self, period, language: str) -> str:
        from babel.dates import format_date

        if period.first.month == period.last.month and period.first.year == period.last.year:
            return format_date(period.first, "LLLL yyyy", locale=language)
        if period.first.year == period.last.year and period.days < 200:
            return App.get_running_app().t(messages.TERTIAAL_NAME, language).format(
                number=(period.first.month - 1) // 4 + 1, year=period.first.year)
        return str(period.first.year)

    def _numbers(self, app, content) -> None:
        from babel.dates import format_date
        from babel.numbers import format_decimal

        lang = app.language
        today = app.door.today()
        period = {"month": month(today.year, today.month), "tertiaal": tertiaal_of(today),
                  "year": year(today.year)}[self.period]
        numbers = app.month_summaries.glance(app.store, period, app.site, today, lang)
        name = self.period_name(period, lang)
        if numbers.running:
            self._row(content, app.t(messages.NUMBERS_FOR, lang).format(
                period=name, today=format_date(today, "d MMMM", locale=lang)))
        else:
            self._row(content, app.t(messages.NUMBERS_CLOSED, lang).format(period=name))
        total = numbers.total
        if total.target:
            self._bar_row(app, content, self._n(
                messages.HEADLINE_PEOPLE, total.actual, lang, target=round(total.target),
                percent=round(total.percent)), total, "numbers:total")
        else:
            self._row(content, self._n(messages.HEADLINE_PEOPLE_NO_TARGET, total.actual, lang))
        self._row(content, ", ".join((
            self._n(messages.VISITS, numbers.visits, lang),
            self._n(messages.NEW_PEOPLE, numbers.new_people, lang),
            self._n(messages.VOLUNTEERS, numbers.volunteers, lang,
                    hours=format_decimal(round(numbers.volunteer_hours), locale=lang)))), name="numbers:headline")
        answers = numbers.answers
        if answers.enough:
            self._row(content, self._n(messages.SATISFACTION, answers.count, lang,
                                       score=format_decimal(round(answers.score, 1),
                                                            format="0.0", locale=lang),
                                       happy=round(100 * answers.positive_share)),
                      name="numbers:satisfaction")
        elif answers.count or app.site.door.survey:
            self._row(content, self._n(messages.SATISFACTION_TOO_FEW, answers.count, lang,
                                       enough=ENOUGH_ANSWERS), name="numbers:satisfaction")
        for unit, heading, sentence in (("unique", messages.PEOPLE_HEADING, messages.BAR_PEOPLE),
                                        ("jobs", messages.JOBS_HEADING, messages.BAR_JOBS)):
            bars = [b for b in numbers.bars if b.unit == unit]
            if not bars:
                continue
            self._row(content, app.t(heading, lang), soft=True)
            for bar in bars:
                if bar.target:
                    text = self._n(sentence, bar.actual, lang, name=bar.name,
                                   target=round(bar.target) or f"{bar.target:.1f}",
                                   percent=round(bar.percent))
                    self._bar_row(app, content, text, bar, f"numbers:{bar.activity}")
                else:
                    self._row(content, app.t(messages.BAR_NO_TARGET, lang).format(
                        name=bar.name, count=bar.actual), name=f"numbers:{bar.activity}")
        self._row(content, app.t(messages.NUMBERS_LEGEND, lang), soft=True)

    def _bar_row(self, app, content, text: str, bar, name: str):
        status = bar.status
        return self._row(content, text, name=name,
                         bar=min(bar.percent / BAR_SCALE, 1.0),
                         expected=bar.expected * 100 / BAR_SCALE if bar.expected < 1 else -1,
                         status="attention" if status == STATUS_BEHIND else "good",
                         status_word=app.t(STATUS_WORDS[status], app.language))

    def _export(self, app, content) -> None:
        from kiosk.doctor import last_export_finding
        from kiosk.usb import find_sticks

        last = last_export_finding(app.store.directory)
        self._finding_row(app, content, last)
        sticks = find_sticks()
        if not sticks:
            self._row(content, app.t(messages.NO_STICK, app.language))
        for stick in sticks:
            self._row(content, app.t(messages.COPY_TO_STICK, app.language).format(
                stick=stick.name), name=f"usb:{stick.name}",
                on_release=lambda s=stick: self._copy(app, s, content))

    def _copy(self, app, stick, content) -> None:
        from kiosk import paths
        from kiosk.export_job import run_export, write_tertiaal_report
        from kiosk.usb import copy_to_stick

        out = paths.exports_dir()
        try:
            run = run_export(app.site, app.store.directory, out)
            report = write_tertiaal_report(app.site, app.store.directory, out,
                                           app.door.today(), app.language)
        except OSError as error:
            self._row(content, app.t(messages.COPY_FAILED, app.language).format(
                reason=error.strerror or error))
            return
        # Everything in the exports folder: days exported while no stick was in, too
        # (files already on the stick are skipped).
        files = sorted(p for p in out.iterdir() if p.is_file())
        result = copy_to_stick(stick, files, app.site.site_id)
        if result.error:
            self._row(content, app.t(messages.COPY_FAILED, app.language).format(
                reason=result.error))
        else:
            self._row(content, app.t(messages.COPIED, app.language).format(
                count=result.copied, folder=result.folder))

    def _health(self, app, content) -> None:
        lang = app.language
        findings = examine(app.store.directory, live=app.store, clock=app.door.clock,
                           retention_months=app.site.privacy.retention_months,
                           today=app.door.today())
        waiting = app.retention_waiting_for_confirmation()
        if waiting:
            # First, where it is seen.
            self._row(content, self._n(
                messages.RETENTION_CONFIRM, len(waiting), lang,
                today=health_words.dutch_date(app.door.today(), lang),
                first=health_words.month_name(waiting[0], lang),
                last=health_words.month_name(waiting[-1], lang)),
                name="retention:confirm", status="attention",
                status_word=app.t(messages.STATUS_ATTENTION, lang),
                on_release=lambda: self._confirm_retention(app))
        # What needs attention first: a volunteer reads from the top and may stop there.
        for finding in sorted(findings, key=lambda f: f.ok):
            self._finding_row(app, content, finding)
        if all(f.ok for f in findings):
            self._row(content, app.t(messages.ALL_WELL, lang))

    def _finding_row(self, app, content, finding) -> None:
        self._row(content, health_words.words(finding, app.language),
                  name=f"health:{finding.key}", status="good" if finding.ok else "attention",
                  status_word=app.t(messages.STATUS_OK if finding.ok else
                                    messages.STATUS_ATTENTION, app.language))

    def _confirm_retention(self, app) -> None:
        app.keep_retention(confirmed=True)
        self.show("health")

    def _exit(self, app, content) -> None:
        if app.has_desktop():
            self._row(content, app.t(messages.EXIT_TO_DESKTOP, app.language),
                      name="exit:desktop", on_release=lambda: app.leave_kiosk("desktop"))
        else:
            # At the door (provision.sh) there is no desktop and no login prompt behind the
            # kiosk: closing it would leave a dark screen until someone pulls the plug.
            self._row(content, app.t(messages.NO_DESKTOP, app.language), name="exit:none",
                      soft=True)
        self._row(content, app.t(messages.RESTART_KIOSK, app.language), name="exit:restart",
                  on_release=lambda: app.leave_kiosk("restart"))
