"""The migration path from schema version 1, proven with a made-up version 2."""

import json
from datetime import timezone

import pytest

from kiosk import schema
from kiosk.store import StoreError, VisitStore
from kiosk.visits import Visit
from tests.conftest import THURSDAY_MORNING


def a_visit(card="BOLD"):
    return Visit(kind="checkin", site="s", utc=THURSDAY_MORNING.astimezone(timezone.utc),
                 local=THURSDAY_MORNING, language="nl", clock_synced=True,
                 activity="taalles_oud", card=card)


@pytest.fixture
def version_2(monkeypatch):
    """Version 2 renames an activity id, as a site that merged two activities might."""
    def one_to_two(record):
        if record.get("activity") == "taalles_oud":
            record["activity"] = "taalles"
        return record

    monkeypatch.setattr(schema, "CURRENT", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: one_to_two})


def test_every_file_carries_its_schema_version(data_dir):
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == 1
    assert all(doc["v"] == 1 for doc in partition["visits"].values())
    assert json.loads((data_dir / "state.json").read_text())["schema"] == 1


def test_version_1_data_is_upgraded_when_a_newer_kiosk_opens_it(data_dir, version_2):
    schema.CURRENT = 1  # written by the old kiosk...
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
        store.compact()
        store.append(a_visit(card="BJOURNAL"))  # ...one visit still in the journal
        store._journal.close()
        store._journal = None
    schema.CURRENT = 2  # ...opened by the new one
    with VisitStore.open_writer(data_dir) as store:
        assert [v.activity for v in store.visits()] == ["taalles", "taalles"]
        assert store.cards["BOLD"].last_activity == "taalles"
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == 2
    assert {doc["v"] for doc in partition["visits"].values()} == {2}
    assert {doc["activity"] for doc in partition["visits"].values()} == {"taalles"}


def test_a_reader_upgrades_in_memory_and_leaves_the_files_alone(data_dir, version_2):
    schema.CURRENT = 1
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    schema.CURRENT = 2
    assert [v.activity for v in VisitStore.open_reader(data_dir).visits()] == ["taalles"]
    partition = json.loads((data_dir / "visits-2026-11.json").read_text())
    assert partition["meta"]["1"]["schema"] == 1


def test_data_from_a_newer_kiosk_is_refused_not_moved_aside(data_dir, monkeypatch):
    monkeypatch.setattr(schema, "CURRENT", 3)
    with VisitStore.open_writer(data_dir) as store:
        store.append(a_visit())
    monkeypatch.setattr(schema, "CURRENT", 1)
    with pytest.raises(StoreError, match="newer kiosk"):
        VisitStore.open_writer(data_dir)
    assert not list(data_dir.glob("*.corrupt-*"))
