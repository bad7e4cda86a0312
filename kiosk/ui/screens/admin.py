"""The coordinator's screens, behind the PIN: today, the question queue, the numbers
against the targets, the health of the store, and the only way out of the kiosk."""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.doctor import examine
from kiosk.periods import month, tertiaal_of, year
from kiosk.question_queue import QueueError
from kiosk.report import build_report
from kiosk.ui import messages

TABS = ("today", "questions", "activities", "numbers", "export", "health", "exit")


class AdminScreen(Screen):
    tab = StringProperty("today")

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
             pictogram: str = "", language: str = ""):
        row = Factory.AdminRow()
        row.text, row.name, row.bar, row.pictogram = text, name, bar, pictogram
        row.language = language
        if on_release is not None:
            row.bind(on_release=lambda *a: on_release())
        else:
            row.disabled = True
        content.add_widget(row)
        return row

    def _today(self, app, content) -> None:
        today = [v for v in app.door.todays_visits() if v.kind == "checkin"]
        self._row(content, app.t(messages.TODAY_SUMMARY, app.language).format(
            visits=len(today), cards=len({v.card for v in today if v.card}),
            waiting=len(app.door.waiting_questions())))
        per_activity = {}
        for visit in today:
            per_activity.setdefault(visit.activity, []).append(visit)
        for activity in app.site.activities:
            mine = per_activity.get(activity.id, [])
            if mine:
                cards = len({v.card for v in mine if v.card})
                self._row(content, f"{activity.name(app.language)}: {len(mine)} "
                          f"({cards} {app.t(messages.CARDS, app.language)})")
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
        today = app.door.today()
        off = app.door.overrides.off_today(today)
        ordered = app.door.todays_activities(include_off=True)
        for position, activity in enumerate(ordered):
            if activity.always:
                state = app.t(messages.ACTIVITY_ALWAYS, app.language)
            elif activity.id in off:
                state = app.t(messages.ACTIVITY_OFF, app.language)
            else:
                state = app.t(messages.ACTIVITY_ON, app.language)
            self._row(content, f"{activity.name(app.language)}  -  {state}",
                      name=f"toggle:{activity.id}", pictogram=activity.pictogram,
                      on_release=None if activity.always else
                      (lambda a=activity: self._toggle(app, a)))
            if position > 0:
                ids = [a.id for a in ordered]
                self._row(content, "      " + app.t(messages.MOVE_UP, app.language).format(
                    name=activity.name(app.language)), name=f"up:{activity.id}",
                    on_release=lambda a=activity.id, ids=ids: self._move_up(app, a, ids))

        self._row(content, "+  " + app.t(messages.ADD_ACTIVITY, app.language),
                  name="add_activity", on_release=lambda: app.go("admin_gallery"))

    def _toggle(self, app, activity) -> None:
        app.door.overrides.toggle(activity, app.door.today())
        self.show("activities")

    def _move_up(self, app, activity_id: str, ids: list[str]) -> None:
        app.door.overrides.move_up(activity_id, ids)
        self.show("activities")

    def _numbers(self, app, content) -> None:
        today = app.door.today()
        for period in (month(today.year, today.month), tertiaal_of(today), year(today.year)):
            visits = app.store.visits(period.first, min(period.last, today))
            report = build_report(visits, period, app.site, app.language)
            self._row(content, app.t(messages.NUMBERS_FOR, app.language).format(
                period=period.label))
            for line in report.lines + [report.total]:
                if not line.target_period:
                    continue
                share = line.actual / line.target_period
                self._row(content, f"{line.name}: {line.actual} / {line.target_period:.0f}",
                          bar=min(share, 1.0))

    def _export(self, app, content) -> None:
        from kiosk.doctor import last_export_finding
        from kiosk.usb import find_sticks

        last = last_export_finding(app.store.directory)
        self._row(content, ("ok  " if last.ok else "!!  ") + last.text)
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
        findings = examine(app.store.directory, live=app.store, clock=app.door.clock,
                           retention_months=app.site.privacy.retention_months,
                           today=app.door.today())
        waiting = app.retention_waiting_for_confirmation()
        if waiting:
            # First, where it is seen. (In the doctor's words until the tab is translated.)
            self._row(content, f"Today is {app.door.today().isoformat()}: delete "
                               f"{len(waiting)} old months ({waiting[0]} to {waiting[-1]})",
                      name="retention:confirm",
                      on_release=lambda: self._confirm_retention(app))
        for finding in findings:
            self._row(content, ("ok  " if finding.ok else "!!  ") + finding.text)
        if all(f.ok for f in findings):
            self._row(content, app.t(messages.ALL_WELL, app.language))

    def _confirm_retention(self, app) -> None:
        app.keep_retention(confirmed=True)
        self.show("health")

    def _exit(self, app, content) -> None:
        self._row(content, app.t(messages.EXIT_TO_DESKTOP, app.language), name="exit:desktop",
                  on_release=lambda: app.leave_kiosk("desktop"))
        self._row(content, app.t(messages.RESTART_KIOSK, app.language), name="exit:restart",
                  on_release=lambda: app.leave_kiosk("restart"))
