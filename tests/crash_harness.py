"""Kill a writing kiosk store at random moments and check that nothing confirmed is lost.

The writer is a subprocess that records visits as fast as it can (compacting now and
then, as the kiosk does at idle) and prints the seq of each visit once `append` has
returned, that is, once the kiosk would have shown "Welkom!". The parent SIGKILLs it at a
random moment, opens the store again, and checks every file and every confirmed visit.

    python -m tests.crash_harness --kills 300      (make crash)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
from collections import Counter
import subprocess
import sys
import time
from pathlib import Path

WRITER = r"""
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from kiosk.store import VisitStore
from kiosk.visits import Visit

zone = ZoneInfo("Europe/Amsterdam")
store = VisitStore.open_writer(sys.argv[1])
start = datetime(2026, 1, 28, 12, tzinfo=zone)
n = 0
while True:
    n += 1
    # Visits spread over month ends, so compaction writes more than one partition.
    local = start + timedelta(hours=(store._last_seq * 7) % (24 * 10))
    visit = store.append(Visit(kind="checkin", site="crash", utc=local.astimezone(timezone.utc),
                               local=local, language="nl", clock_synced=True,
                               activity="inloop", card="B%012d" % (n % 50)))
    print(visit.seq, flush=True)
    if n % 40 == 0:
        store.compact()
"""


def raw_seqs(data_dir: Path) -> list[int]:
    """Every seq in every file, straight from the JSON: duplicates would show here."""
    seqs = []
    for partition in sorted(data_dir.glob("visits-*.json")):
        document = json.loads(partition.read_text("utf-8"))  # raises if unreadable
        seqs.extend(int(doc_id) for doc_id in document["visits"])
    from kiosk.journal import read_journal

    seqs.extend(record["seq"] for record in read_journal(data_dir / "journal.jsonl").records)
    return seqs


def check(data_dir: Path, confirmed: set[int]) -> None:
    from kiosk.store import VisitStore

    with VisitStore.open_writer(data_dir) as store:  # recovery, as at the next boot
        problems = store.health.problems
        assert not any("moved aside" in p for p in problems), problems
        stored = {v.seq for v in store.visits()}
    missing = confirmed - stored
    assert not missing, f"confirmed visits lost: {sorted(missing)[:10]}"
    seqs = raw_seqs(data_dir)
    doubled = sorted(seq for seq, times in Counter(seqs).items() if times > 1)
    assert not doubled, f"stored twice: {doubled[:10]} of {len(seqs)}"
    json.loads((data_dir / "state.json").read_text("utf-8"))
    assert not list(data_dir.glob(".*.tmp-*")), "temporary files left behind"


def run(data_dir: Path, kills: int, seed: int, max_delay: float = 0.4) -> int:
    rng = random.Random(seed)
    confirmed: set[int] = set()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    for kill in range(kills):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir)],
                                  stdout=subprocess.PIPE, text=True, env=env)
        # Wait for the first confirmation, so each kill lands during real writing.
        first = writer.stdout.readline()
        if first.strip():
            confirmed.add(int(first))
        time.sleep(rng.uniform(0, max_delay))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        confirmed.update(int(line) for line in rest.split())
        check(data_dir, confirmed)
    return len(confirmed)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.crash_harness")
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    import tempfile

    data_dir = args.dir or Path(tempfile.mkdtemp(prefix="kiosk-crash-")) / "data"
    started = time.monotonic()
    total = run(data_dir, args.kills, args.seed)
    print(f"{args.kills} SIGKILLs (seed {args.seed}): {total} confirmed visits, none lost, "
          f"none doubled, every file readable ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
