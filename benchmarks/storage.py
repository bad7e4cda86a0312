"""Storage benchmarks: durable check-in latency against raw append+fsync, and reading.

All numbers in one run, on the same disk, with ratios to a baseline measured alongside.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.counting import count
from kiosk.month_counts import period_tallies
from kiosk.periods import month as month_period
from kiosk.periods import year as year_period
from kiosk.store import VisitStore
from kiosk.visits import Visit

ZONE = ZoneInfo("Europe/Amsterdam")
ACTIVITIES = ["inloop", "kookclub", "taalles", "formulierenbrigade", "computerles",
              "sollicitatie", "budgetadvies", "huiswerkbegeleiding"]
END = datetime(2026, 11, 25, 17, 0, tzinfo=ZONE)


def synthetic_visit(rng: random.Random, local: datetime) -> Visit:
    card = f"B{rng.randrange(4000):012d}" if rng.random() < 0.65 else None
    return Visit(kind="checkin", site="bench", utc=local.astimezone(timezone.utc), local=local,
                 language="nl", clock_synced=True, activity=rng.choice(ACTIVITIES), card=card)


def build_history(directory: Path, visits: int, seed: int = 1) -> None:
    """`visits` check-ins spread evenly over the years before END, ~60 a day."""
    rng = random.Random(seed)
    days = max(1, visits // 60)
    start = END - timedelta(days=days)
    step = (END - start) / max(1, visits)
    with VisitStore.open_writer(directory, fsync=False) as store:
        for n in range(visits):
            store.append(synthetic_visit(rng, start + step * n))
            if store.pending_count >= 5000:
                store.compact()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def raw_append_fsync(directory: Path, line: bytes, samples: int) -> list[float]:
    path = directory / "raw-baseline.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    times = []
    try:
        for _ in range(samples):
            started = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
        path.unlink()
    return times


def durable_checkins(directory: Path, samples: int) -> list[float]:
    rng = random.Random(99)
    times = []
    with VisitStore.open_writer(directory) as store:
        for n in range(samples):
            visit = synthetic_visit(rng, END + timedelta(seconds=n))
            started = time.perf_counter()
            store.append(visit)
            times.append((time.perf_counter() - started) * 1000)
    return times


def sqlite_copy(directory: Path, visits: list[Visit]) -> sqlite3.Connection:
    connection = sqlite3.connect(directory / "bench.sqlite")
    connection.execute("create table visits (seq integer primary key, date text, "
                       "activity text, card text)")
    connection.execute("create index by_date on visits (date, activity, card)")
    connection.executemany("insert into visits values (?, ?, ?, ?)",
                           [(v.seq, v.local_date.isoformat(), v.activity, v.card)
                            for v in visits])
    connection.commit()
    return connection


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(work: Path, samples: int = 300, sizes=(0, 10_000, 100_000)) -> list[str]:
    rows = ["| durable check-in write | store p50 | store p99 | raw append+fsync p50 / p99 "
            "| ratio p50 / p99 | goal | |", "|---|---|---|---|---|---|---|"]
    p50s = {}
    for size in sizes:
        directory = work / f"history-{size}"
        build_history(directory, size)
        line = json.dumps(synthetic_visit(random.Random(1), END).to_record()).encode() + b"\n"
        raw = raw_append_fsync(directory, line, samples)
        mine = durable_checkins(directory, samples)
        p50s[size] = percentile(mine, 0.5)
        ratio50 = percentile(mine, 0.5) / percentile(raw, 0.5)
        ratio99 = percentile(mine, 0.99) / percentile(raw, 0.99)
        ok = ratio50 <= 2 and ratio99 <= 2
        rows.append(f"| {size:,} visits of history | {percentile(mine, 0.5):.3f} ms | "
                    f"{percentile(mine, 0.99):.3f} ms | {percentile(raw, 0.5):.3f} / "
                    f"{percentile(raw, 0.99):.3f} ms | {ratio50:.2f}x / {ratio99:.2f}x | "
                    f"<= 2x | {'ok' if ok else 'MISSED'} |")
    flat = p50s[sizes[-1]] / p50s[sizes[0]]
    rows.append(f"| p50 at {sizes[-1]:,} vs at {sizes[0]:,} | | | | {flat:.2f}x | <= 1.5x | "
                f"{'ok' if flat <= 1.5 else 'MISSED'} |")

    largest = work / f"history-{sizes[-1]}"
    reader = VisitStore.open_reader(largest)
    one_month = month_period(2026, 10)
    whole_year = year_period(2025)
    everything = reader.visits()
    connection = sqlite_copy(work, everything)

    def ours_month():
        count(VisitStore.open_reader(largest).visits(one_month.first, one_month.last), one_month)

    def kept_month():
        # As the report and the Cijfers tab count now: the month's tally the store keeps.
        period_tallies(VisitStore.open_reader(largest), [one_month], one_month.first,
                       one_month.last)["bench"][0].finish()

    def sqlite_month():
        connection.execute("select activity, count(distinct card), count(*) from visits "
                           "where date between ? and ? group by activity",
                           (one_month.first.isoformat(), one_month.last.isoformat())).fetchall()

    def ours_year():
        count(VisitStore.open_reader(largest).visits(whole_year.first, whole_year.last),
              whole_year)

    def kept_year():
        period_tallies(VisitStore.open_reader(largest), [whole_year], whole_year.first,
                       whole_year.last)["bench"][0].finish()

    def read_month():
        VisitStore.open_reader(largest).read_month(one_month.label)

    kept_month(), kept_year()  # the tallies made and kept once, as the kiosk does at idle
    sqlite_ms = timed(sqlite_month, 15)
    month_ms, kept_ms = timed(ours_month, 15), timed(kept_month, 15)
    year_ms, kept_year_ms = timed(ours_year, 5), timed(kept_year, 5)
    read_ms = timed(read_month, 15)
    # The same read with every record checked field by field, as session 3 did: the
    # baseline of the shape check, in this run.
    quick = Visit.__dict__["from_record"]
    Visit.from_record = Visit._from_record_checked
    try:
        checked_ms = timed(read_month, 15)
    finally:
        Visit.from_record = quick
    month_visits = len(reader.read_month(one_month.label))

    def verdict(value, goal):
        return "ok" if value <= goal else "MISSED"

    rows += ["", "| reading, {:,} visits of history | kiosk | baseline | ratio | goal | |"
             .format(len(everything)), "|---|---|---|---|---|---|",
             f"| unique visitors per activity, one month, from its kept tally (baseline: "
             f"SQLite, indexed) | {kept_ms:.1f} ms | {sqlite_ms:.1f} ms "
             f"| {kept_ms / sqlite_ms:.1f}x | <= 20 ms | {verdict(kept_ms, 20)} |",
             f"| the same from every visit of the month (baseline: SQLite) | {month_ms:.1f} ms "
             f"| {sqlite_ms:.1f} ms | {month_ms / sqlite_ms:.1f}x | - | |",
             f"| reading one month file, {month_visits:,} visits built and checked (baseline: "
             f"every field checked on its own, as session 3) | {read_ms:.1f} ms | "
             f"{checked_ms:.1f} ms | {read_ms / checked_ms:.2f}x | - | |",
             f"| a full year's counts, from kept tallies (baseline: from every visit) | "
             f"{kept_year_ms:.0f} ms | {year_ms:.0f} ms | {kept_year_ms / year_ms:.2f}x "
             f"| <= 1000 ms | {verdict(kept_year_ms, 1000)} |"]
    return rows
