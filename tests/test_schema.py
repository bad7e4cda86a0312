"""The migration path between schema versions: the real one from 1 to 2 (the survey's
answer), and the path itself proven with a made-up version 3."""

import json
from datetime import timezone

import pytest

from kiosk import schema
from kiosk.journal import decode_line, encode_line
from kiosk.store import StoreError, VisitStore
from kiosk.visits import Visit
from tests.conftest import THURSDAY_MORNING


def a_visit(card="BOLD"):
    return Visit(kind="checkin", site="s", utc=THURSDAY_MORNING.astimezone(timezone.utc),
                 local=THURSDAY_MORNING, language="nl", clock_synced=True,
                 activity="taalles_oud", card=card)


@pytest.fixture
def version_3(monkeypatch):
    """Version 3 renames an activity id, as a site that merged two activities might."""
    def two_to_three(record):
        if record.get("activity") == "taalles_oud":
            record["activity"] = "taalles"
        return record

    monkeypatch.setattr(schema, "CURRENT", 3)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, 2: two_to_three})


def test_every_file_carries_its_schema_version(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == schema.CURRENT
    assert all(doc["v"] == schema.CURRENT for doc in partition["visits"].values())
    assert json.loads((data_dir / "state.json").read_text())["schema"] == schema.CURRENT


def test_version_1_data_is_upgraded_when_a_newer_kiosk_opens_it(data_dir, version_3):
    schema.CURRENT = 2  # written by the old kiosk...
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
        store.compact()
        store.append(a_visit(card="BJOURNAL"))  # ...one visit still in the journal
        store._journal.close()
        store._journal = None
    schema.CURRENT = 3  # ...opened by the new one
    with VisitStore.open_writer(data_dir) as store:
        assert [v.activity for v in store.visits()] == ["taalles", "taalles"]
        assert store.cards["BOLD"].last_activity == "taalles"
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == 3
    assert {doc["v"] for doc in partition["visits"].values()} == {3}
    assert {doc["activity"] for doc in partition["visits"].values()} == {"taalles"}


def test_a_reader_upgrades_in_memory_and_leaves_the_files_alone(data_dir, version_3):
    schema.CURRENT = 2
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    schema.CURRENT = 3
    assert [v.activity for v in VisitStore.open_reader(data_dir).visits()] == ["taalles"]
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == 2


def test_a_version_1_data_folder_reads_with_no_answers(data_dir):
    """What a kiosk of before the survey wrote: records without the answer field, in a
    month file and in the journal."""
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
        store.compact()
        store.append(a_visit(card="BJOURNAL"))
        store._journal.close()
        store._journal = None  # as a power cut would leave it: not compacted at close
    partition_path = data_dir / "visits-2026-11.json"
    partition = json.loads(partition_path.read_text())
    partition["meta"]["1"]["schema"] = 1
    for doc in partition["visits"].values():
        doc["v"] = 1
        del doc["answer"]
    partition_path.write_text(json.dumps(partition))
    journal = data_dir / "journal.jsonl"
    records = [decode_line(line) for line in journal.read_bytes().splitlines(keepends=True)]
    assert [r["card"] for r in records] == ["BJOURNAL"]
    for record in records:
        record["v"] = 1
        del record["answer"]
    journal.write_bytes(b"".join(encode_line(record) for record in records))
    with VisitStore.open_writer(data_dir) as store:
        visits = store.visits()
        assert [v.card for v in visits] == ["BOLD", "BJOURNAL"]
        assert [v.answer for v in visits] == [None, None]
        assert not store.health.problems
    partition = json.loads(partition_path.read_text())
    assert partition["meta"]["1"]["schema"] == 2


def test_data_from_a_newer_kiosk_is_refused_not_moved_aside(data_dir, monkeypatch):
    monkeypatch.setattr(schema, "CURRENT", 3)
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    monkeypatch.setattr(schema, "CURRENT", 1)
    with pytest.raises(StoreError, match="newer kiosk"):
        VisitStore.open_writer(data_dir)
    assert not list(data_dir.glob("*.corrupt-*"))
