"""What the key holders change on the spot: an activity off for today, the order of tiles.

Kept in the data folder (activities.json), not in the site file: switching the cooking
club off because the cook is ill is today's fact, not the room's configuration. The
walk-in / coffee tile cannot be switched off.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .atomic import write_json_atomic
from .config import Activity

FILE = "activities.json"


class ActivityOverrides:
    def __init__(self, directory: Path):
        self.path = Path(directory) / FILE

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            return {}

    def off_today(self, today: date) -> set[str]:
        data = self._read().get("off", {})
        return set(data.get("ids", [])) if data.get("date") == today.isoformat() else set()

    def toggle(self, activity: Activity, today: date) -> bool:
        """Switch an activity off or back on for today; returns whether it is now on."""
        if activity.always:
            return True
        data = self._read()
        off = self.off_today(today)
        off.symmetric_difference_update({activity.id})
        data["off"] = {"date": today.isoformat(), "ids": sorted(off)}
        write_json_atomic(self.path, data)
        return activity.id not in off

    def order(self) -> list[str]:
        return list(self._read().get("order", []))

    def move_up(self, activity_id: str, current: list[str]) -> None:
        """Swap with the tile before it today; other days' activities keep their places."""
        index = current.index(activity_id)
        if index == 0:
            return
        before = current[index - 1]
        order = self.order()
        for known in current:
            if known not in order:
                order.append(known)
        a, b = order.index(before), order.index(activity_id)
        order[a], order[b] = order[b], order[a]
        data = self._read()
        data["order"] = order
        write_json_atomic(self.path, data)

    def apply(self, activities: list[Activity], today: date, include_off: bool = False
              ) -> list[Activity]:
        """Today's tiles in the key holders' order, without the ones switched off."""
        off = set() if include_off else self.off_today(today)
        rank = {activity_id: index for index, activity_id in enumerate(self.order())}
        shown = [a for a in activities if a.id not in off]
        return sorted(shown, key=lambda a: (rank.get(a.id, len(rank)),
                                             activities.index(a)))
