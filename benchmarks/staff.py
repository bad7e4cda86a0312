"""The staff page in `make bench`: how soon a question tapped at the door is a row on a
volunteer's page, and whether open pages slow the door's tap down.

Both in one process, as in the kiosk: the door's calls on this (main) thread, the page's
server in its own thread, on 127.0.0.1. The browser is Debian's chromium via Playwright.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

TOPICS = ("letter", "money", "housing", "work", "repair", "language", "computer", "other")
LANGUAGES = ("nl", "ar", "ti", "fa", "uk", "pl", "so", "tr", "en")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


class _Kiosk:
    """A door with a real store and the staff page's server, as the app wires them."""

    def __init__(self, work: Path):
        from kiosk.config import load_config
        from kiosk.door import Door
        from kiosk.staff.server import StaffServer
        from kiosk.store import VisitStore

        self.site = load_config()
        self.store = VisitStore.open_writer(work)
        self.door = Door(self.site, self.store)
        self.door.prepare_day()
        self.server = StaffServer(self.site, self.door.queue, work, port=0, bind="127.0.0.1")
        self.server.access.guard.set_pin("2468")
        self.server.start()
        if not self.server.ready.wait(20) or self.server.problem:
            raise RuntimeError(f"the staff page did not start: {self.server.problem}")
        self.base = f"http://127.0.0.1:{self.server.port}"
        self.asked = 0

    def ask(self) -> int:
        self.asked += 1
        return self.door.ask_question(TOPICS[self.asked % len(TOPICS)],
                                      LANGUAGES[self.asked % len(LANGUAGES)]).number

    def clear(self) -> None:
        # A long queue makes every event bigger: keep each round like a busy morning.
        self.door.queue.reset([])

    def close(self) -> None:
        self.server.stop()
        self.store.close()


def tap_to_row(samples: int = 60) -> dict:
    """From the door's call (the tap) to the row drawn in chromium, in milliseconds."""
    from playwright.sync_api import sync_playwright

    from tests.staff_page import launch, log_in

    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-staff-"))
    kiosk = _Kiosk(work)
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            # bypass_csp: Playwright's waiting evaluates strings, which the page forbids.
            page = browser.new_page(viewport={"width": 390, "height": 844}, bypass_csp=True)
            log_in(page, kiosk.base)
            # The moment each row is in the page, on the same machine clock as the tap.
            page.evaluate("""() => {
                window.__seen = {};
                new MutationObserver(() => {
                    for (const row of document.querySelectorAll('[data-queue-number]')) {
                        window.__seen[row.dataset.queueNumber] ??= Date.now() + 0;
                    }
                }).observe(document.getElementById('questions'), {childList: true});
            }""")
            for index in range(samples):
                if index and index % 10 == 0:
                    kiosk.clear()
                time.sleep(0.05)
                tapped = time.time() * 1000
                number = kiosk.ask()
                page.wait_for_function(f"window.__seen['{number}'] !== undefined",
                                       timeout=5000)
                seen = page.evaluate(f"window.__seen['{number}']")
                latencies.append(seen - tapped)
            browser.close()
    finally:
        kiosk.close()
    return {"p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
            "samples": len(latencies)}


def _listen(base: str, cookie: str, stop: threading.Event, ready: threading.Event,
            events: list) -> None:
    request = urllib.request.Request(base + "/api/events", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as stream:
        ready.set()
        while not stop.is_set():
            chunk = stream.read1(65536)
            if not chunk:
                return
            events.append(chunk.count(b"event: state"))


def append_with_pages(rounds: int = 12, per_round: int = 20, pages: int = 5) -> dict:
    """The door's tap (ask_question: journal append + fsync + the queue's listeners) with
    no page connected against `pages` event streams open, alternated in one run."""
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-staff-"))
    kiosk = _Kiosk(work)
    timings: dict[str, list[float]] = {"none": [], "pages": []}
    delivered = 0
    try:
        for _ in range(rounds):
            for mode in ("none", "pages"):
                kiosk.clear()
                stop, threads, counts = threading.Event(), [], []
                if mode == "pages":
                    for _ in range(pages):
                        token = kiosk.server.access.login("2468").token
                        ready, events = threading.Event(), []
                        thread = threading.Thread(target=_listen, daemon=True, args=(
                            kiosk.base, f"staff_session={token}", stop, ready, events))
                        thread.start()
                        ready.wait(10)
                        threads.append(thread)
                        counts.append(events)
                    time.sleep(0.2)
                for _ in range(per_round):
                    time.sleep(0.1)   # taps are apart (seconds at a real door)
                    started = time.perf_counter()
                    kiosk.ask()
                    timings[mode].append((time.perf_counter() - started) * 1000)
                time.sleep(0.2)
                stop.set()
                kiosk.door.queue.reset([])   # one more event, so every stream sees stop
                for thread in threads:
                    thread.join(5)
                delivered += sum(sum(events) for events in counts)
    finally:
        kiosk.close()
    return {mode: {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95),
                   "mean": statistics.fmean(values)} for mode, values in timings.items()} | {
        "samples": len(timings["pages"]), "events_delivered": delivered, "page_count": pages}


def run() -> list[str]:
    from tests.staff_page import why_no_browser

    lines = ["Staff page: the door's thread and the page's server in one process, on "
             "127.0.0.1, in this run", ""]
    append = append_with_pages()
    ratio50 = append["pages"]["p50"] / append["none"]["p50"]
    ratio95 = append["pages"]["p95"] / append["none"]["p95"]
    lines += [
        "| the door's tap (question: journal append + fsync + queue listeners) | "
        f"{append['page_count']} pages open | no page | ratio | goal | |",
        "|---|---|---|---|---|---|",
        f"| p50 ({append['samples']} taps each, alternated) | {append['pages']['p50']:.3f} ms | "
        f"{append['none']['p50']:.3f} ms | {ratio50:.2f}x | <= 1.1x | "
        f"{'ok' if ratio50 <= 1.1 else 'MISSED'} |",
        f"| p95 | {append['pages']['p95']:.3f} ms | {append['none']['p95']:.3f} ms | "
        f"{ratio95:.2f}x | - | |",
        f"| events delivered to the pages | {append['events_delivered']} | | | | |",
        ""]
    reason = why_no_browser()
    if reason:
        return lines + [f"Tap to row on the page: not measured ({reason})."]
    row = tap_to_row()
    lines += [
        "| tap on the kiosk to row on the page (chromium) | time | goal | |",
        "|---|---|---|---|",
        f"| p50 ({row['samples']} questions) | {row['p50']:.0f} ms | - | |",
        f"| p95 | {row['p95']:.0f} ms | < 1000 ms | {'ok' if row['p95'] < 1000 else 'MISSED'} |",
    ]
    return lines


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print("\n".join(run()))
