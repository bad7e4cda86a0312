from kiosk.scanner import MAX_SCAN_LENGTH, PAUSE_SECONDS, ScanBuffer


class Recorder:
    def __init__(self):
        self.scans, self.abandoned, self.time = [], [], 0.0

    def buffer(self):
        return ScanBuffer(self.scans.append, self.abandoned.append, clock=lambda: self.time)


def test_characters_then_enter_make_one_scan():
    recorder = Recorder()
    buffer = recorder.buffer()
    for char in "BWKB123":
        buffer.feed_text(char)
        recorder.time += 0.005
    buffer.feed_enter()
    assert recorder.scans == ["BWKB123"] and recorder.abandoned == []


def test_a_pause_abandons_a_half_scan_so_it_never_glues_onto_the_next():
    recorder = Recorder()
    buffer = recorder.buffer()
    buffer.feed_text("BWKB12")
    recorder.time += PAUSE_SECONDS + 0.1
    buffer.tick()
    assert recorder.abandoned == ["BWKB12"]
    buffer.feed_text("XYZ")
    buffer.feed_enter()
    assert recorder.scans == ["XYZ"]


def test_enter_alone_does_nothing():
    recorder = Recorder()
    recorder.buffer().feed_enter()
    assert recorder.scans == [] and recorder.abandoned == []


def test_endless_input_is_dropped():
    recorder = Recorder()
    buffer = recorder.buffer()
    buffer.feed_text("A" * (MAX_SCAN_LENGTH + 1))
    buffer.feed_enter()
    assert recorder.scans == [] and len(recorder.abandoned) == 1


def test_control_characters_are_ignored():
    recorder = Recorder()
    buffer = recorder.buffer()
    buffer.feed_text("AB\x00\tC")
    buffer.feed_enter()
    assert recorder.scans == ["ABC"]
