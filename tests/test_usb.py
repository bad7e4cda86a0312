import errno

from kiosk.usb import copy_to_stick, find_sticks


def test_sticks_are_found_among_the_mounts(tmp_path):
    stick = tmp_path / "media" / "kiosk" / "STICK"
    stick.mkdir(parents=True)
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 {stick} vfat rw 0 0\n"
                      f"proc /proc proc rw 0 0\n"
                      f"/dev/mmcblk0p2 / ext4 rw 0 0\n")
    assert find_sticks(str(mounts), roots=(str(tmp_path / "media") + "/",)) == [stick]
    assert find_sticks(str(tmp_path / "missing")) == []


def test_copy_writes_whole_files_and_skips_what_is_there(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    files = []
    for day in ("2026-11-24", "2026-11-25"):
        path = tmp_path / f"visits-{day}.csv"
        path.write_text("a;b\r\n")
        files.append(path)
    first = copy_to_stick(stick, files, "leidsche-rijn")
    assert first.copied == 2 and first.error is None
    assert sorted(p.name for p in first.folder.iterdir()) == [f.name for f in files]
    assert copy_to_stick(stick, files, "leidsche-rijn").copied == 0


def test_a_full_stick_is_reported_not_raised(tmp_path, monkeypatch):
    import kiosk.usb as usb

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(usb, "write_atomic", full)
    source = tmp_path / "visits-2026-11-25.csv"
    source.write_text("x")
    result = copy_to_stick(tmp_path / "stick", [source], "site")
    assert result.error == "the stick is full" and result.copied == 0
