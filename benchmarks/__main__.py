"""`make bench`: the kiosk against a bare Kivy window, measured in the same run.

    python -m benchmarks [--runs N] [--taps N]

Prints a table: cold start to first frame, tap to next screen drawn (p50/p95), and peak
memory, each with its ratio to the bare-window baseline and the goal from the issue; and
the staff page's: a question tapped at the door to its row in chromium (p50/p95), and the
door's tap with five pages listening against none (benchmarks/staff.py).
The kiosk runs on a data folder with demo history, as at a real door.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run_child(mode: str, taps: int, env: dict) -> dict:
    started = time.time()
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ui_child.py"), mode, repr(started),
         str(taps)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    for line in completed.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{mode} run failed:\n{completed.stderr[-3000:]}")


def prepare_demo(env: dict, days: int) -> None:
    subprocess.run([sys.executable, "-m", "kiosk", "demo-data", "--days", str(days),
                    "--visits-per-day", "60"], env=env, check=True, capture_output=True)


def row(label: str, kiosk: float, bare: float, unit: str, goal: str, passed: bool) -> str:
    ratio = kiosk / bare if bare else float("inf")
    verdict = "ok" if passed else "MISSED"
    return f"| {label} | {kiosk:.1f} {unit} | {bare:.1f} {unit} | {ratio:.2f}x | {goal} | {verdict} |"


def storage_tables(work: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.storage import run as run_storage

    print("Building 0 / 10k / 100k visits of history ...", file=sys.stderr)
    rows = ["Storage benchmark: durable check-ins against raw append+fsync on the same disk, "
            "and reading against SQLite; all in this run", ""] + run_storage(work / "storage")
    # The kiosk must not hold its history in memory: the same app, empty vs 100k visits.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("KIOSK_CONFIG", None)
    memory = {}
    for label, data in (("empty", work / "storage" / "history-0"),
                        ("100k", work / "storage" / "history-100000")):
        env["KIOSK_DATA_DIR"] = str(data)
        memory[label] = statistics.median(run_child("kiosk", 3, env)["max_rss_kb"] / 1024
                                          for _ in range(3))
    from benchmarks.reports import run as run_reports

    print("Building a year of visits for three sites ...", file=sys.stderr)
    rows += ["", "Reports, in this run:", ""] + run_reports(work / "reports")
    ratio = memory["100k"] / memory["empty"]
    rows += ["", "| kiosk process, peak memory | 100k visits of history | no history | ratio "
             "| goal | |", "|---|---|---|---|---|---|",
             f"| max RSS after start and 9 taps (median of 3) | {memory['100k']:.0f} MiB | "
             f"{memory['empty']:.0f} MiB | {ratio:.2f}x | <= 1.1x (history stays on disk) | "
             f"{'ok' if ratio <= 1.1 else 'MISSED'} |"]
    return rows


def staff_tables() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.staff import run as run_staff

    print("Measuring the staff page (5 event streams, then chromium) ...", file=sys.stderr)
    return run_staff()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--runs", type=int, default=5, help="process starts per variant")
    parser.add_argument("--taps", type=int, default=10, help="tap rounds per process")
    parser.add_argument("--days", type=int, default=365, help="days of demo history")
    parser.add_argument("--only", choices=("ui", "storage", "staff", "numbers", "reports"),
                        help="one table only (reports: the report rows of the storage table)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    if args.only in (None, "numbers"):
        sys.path.insert(0, str(ROOT))
        from benchmarks.numbers_tab import run as run_numbers

        print("Building two years of visits for the Cijfers tab ...", file=sys.stderr)
        print("\n".join(run_numbers(work / "numbers")) + "\n")
    if args.only == "numbers":
        return 0
    if args.only == "reports":
        sys.path.insert(0, str(ROOT))
        from benchmarks.reports import run as run_reports

        print("Building a year of visits for three sites ...", file=sys.stderr)
        print("\n".join(["Reports, in this run:", ""] + run_reports(work / "reports")) + "\n")
        return 0
    if args.only in (None, "storage"):
        print("\n".join(storage_tables(work)) + "\n")
    if args.only in (None, "staff"):
        print("\n".join(staff_tables()) + "\n")
    if args.only in ("storage", "staff"):
        return 0
    env = dict(os.environ, KIOSK_DATA_DIR=str(work / "data"), KIOSK_CONFIG="",
               PYTHONPATH=str(ROOT))
    env.pop("KIOSK_CONFIG")
    print(f"Preparing {args.days} days of demo history in {work} ...", file=sys.stderr)
    prepare_demo(env, args.days)

    results = {"bare": [], "kiosk": []}
    for run in range(args.runs):
        for mode in ("bare", "kiosk"):  # interleaved: both see the same machine noise
            results[mode].append(run_child(mode, args.taps, env))

    def starts(mode):
        return statistics.median(r["first_frame"] * 1000 for r in results[mode])

    def taps(mode):
        return [t for r in results[mode] for t in r["taps_ms"]]  # first taps included

    def memory(mode):
        return statistics.median(r["max_rss_kb"] / 1024 for r in results[mode])

    bare_taps, kiosk_taps = taps("bare"), taps("kiosk")
    lines = [
        f"UI benchmark: {args.runs} starts per variant, {len(kiosk_taps)} kiosk taps, "
        f"{args.days} days of demo history; baseline = a bare Kivy window in the same run",
        "",
        "| measure | kiosk | bare Kivy | ratio | goal | |",
        "|---|---|---|---|---|---|",
        row("cold start to first frame (median)", starts("kiosk"), starts("bare"), "ms",
            "<= 1.5x", starts("kiosk") <= 1.5 * starts("bare")),
        row("tap to next screen drawn, p50", percentile(kiosk_taps, 0.5),
            percentile(bare_taps, 0.5), "ms", "-", True),
        row("tap to next screen drawn, p95", percentile(kiosk_taps, 0.95),
            percentile(bare_taps, 0.95), "ms", "< 100 ms",
            percentile(kiosk_taps, 0.95) < 100),
        row("peak memory (max RSS, median)", memory("kiosk"), memory("bare"), "MiB",
            "<= 1.3x", memory("kiosk") <= 1.3 * memory("bare")),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
