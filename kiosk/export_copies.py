"""One visit, however many day files hold it.

A coordinator copies the exports folders of several rooms' USB sticks, often more than
once, and a copy in the same folder gets a name of its own ("visits-2026-11-02 (1).csv").
A kiosk numbers its visits with a `seq` that only goes up, so a site's id and a seq name
one visit: a second row with both is the same visit again, counted once.

The same seq on another day is another visit: a kiosk started again from nothing (a new
SD card after the old one died, without a backup) numbers its visits from 1 again, and
those are real visits, not copies. A copy keeps its day.

When the two rows differ (a cell changed by hand or by a spreadsheet before a save), the
row read first is kept and the coordinator is told, in one line per pair of files, which
files, lines and cells. The only difference taken as no difference is the seconds of the
time: a spreadsheet's h:mm format drops them, and the row that still has them is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from .export import COLUMNS, row
from .visits import Visit

_A_MINUTE = timedelta(minutes=1)


@dataclass
class _Clashes:
    """The differing visits of one pair of files (the kept one's file first)."""
    seqs: list[int] = field(default_factory=list)
    site: str = ""
    lines: tuple[int, int] = (0, 0)
    cells: tuple[str, str, str] = ("", "", "")


class OnceEach:
    """The visits of day files added in reading order, each (site, seq) once."""

    def __init__(self):
        self.visits: list[Visit] = []
        # Per site, each seq's place in self.visits: a dict per site, so no (site, seq)
        # tuple is made for each of a year's hundred thousand rows.
        self._kept: dict[str, dict[int, int]] = {}
        # Each file as read, to name the lines of differing copies; the map from a visit
        # to its file and line is only made once copies differ (rarely: most copies are
        # the same visits, and those need no line).
        self._files: list[tuple[Path, list[Visit], list[int]]] = []
        self._origins: dict[int, tuple[Path, int]] | None = None
        self._clashes: dict[tuple[Path, Path], _Clashes] = {}
        # (site, seq, day) of visits whose seq an earlier visit of another day holds.
        self._renumbered: dict[tuple, int] = {}

    def add(self, path: Path, visits: list[Visit], lines: list[int]) -> None:
        self._files.append((path, visits, lines))
        if self._origins is not None:
            self._origins.update(_origins_in(path, visits, lines))
        kept, out = self._kept, self.visits
        table, table_site = {}, None
        for visit in visits:
            site = visit.site
            if site != table_site:
                table = kept.get(site)
                if table is None:
                    table = kept[site] = {}
                table_site = site
            index = table.get(visit.seq)
            if index is None:
                table[visit.seq] = len(out)
                out.append(visit)
                continue
            first = out[index]
            if first == visit:
                continue
            if first.local.date() != visit.local.date():
                key = (site, visit.seq, visit.local.date())
                index = self._renumbered.get(key)
                if index is None:
                    self._renumbered[key] = len(out)
                    out.append(visit)
                    continue
                first = out[index]
                if first == visit:
                    continue
            if _seconds_dropped(first, visit):
                if visit.local.second:
                    out[index] = visit
                continue
            self._clash(first, visit)

    def _clash(self, first: Visit, visit: Visit) -> None:
        if self._origins is None:
            self._origins = {}
            for path, visits, lines in self._files:
                self._origins.update(_origins_in(path, visits, lines))
        first_path, first_line = self._origins[id(first)]
        path, line = self._origins[id(visit)]
        clashes = self._clashes.get((first_path, path))
        if clashes is None:
            clashes = self._clashes[first_path, path] = _Clashes(
                site=visit.site, lines=(first_line, line), cells=_first_difference(first, visit))
        clashes.seqs.append(visit.seq)

    def warnings(self) -> list[str]:
        said = []
        for (first_path, path), clashes in self._clashes.items():
            count = len(clashes.seqs)
            visits = f"{count} visit{'s' if count > 1 else ''}"
            shown = ", ".join(str(seq) for seq in clashes.seqs[:5])
            if count > 5:
                shown += f" and {count - 5} more"
            column, kept, other = clashes.cells
            where = (f"{first_path} and {path} both hold {visits}" if first_path != path
                     else f"{path} holds {visits} twice")
            said.append(
                f"{where} (site {clashes.site}, seq {shown}) with different cells, "
                f"first at line {clashes.lines[0]} / line {clashes.lines[1]}: {column} "
                f"{kept!r} / {other!r}; each is counted once, as "
                f"{first_path.name if first_path != path else 'its first row'} has it")
        return said


def _origins_in(path: Path, visits: list[Visit], lines: list[int]):
    # By identity: every visit read stays referenced by its file's list, so no id is
    # given to another object while the read lasts.
    return ((id(visit), (path, line)) for visit, line in zip(visits, lines))


def _seconds_dropped(first: Visit, other: Visit) -> bool:
    """The same visit, once with the seconds of its time and once without."""
    if first.local.second and other.local.second:
        return False
    if abs(first.local - other.local) >= _A_MINUTE:
        return False
    return all(getattr(first, name) == getattr(other, name)
               for name in Visit.__dataclass_fields__ if name not in ("local", "utc"))


def _first_difference(first: Visit, other: Visit) -> tuple[str, str, str]:
    """The first column whose cell differs, as the day file writes it."""
    for name, mine, theirs in zip(COLUMNS, row(first), row(other)):
        if mine != theirs:
            return name, mine, theirs
    return "seq", str(first.seq), str(other.seq)   # not reached: the rows differ
