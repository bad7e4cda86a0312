import pytest

from kiosk.scanner import (BURST_GAP_SECONDS, BURST_MIN_CHARS, MAX_SCAN_LENGTH, PAUSE_SECONDS,
                           BurstWatch, ScanBuffer)


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


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def keys(watch, clock, text, seconds_apart, enter=True):
    """Each key seconds_apart after the last; the starts of runs, and what Enter said."""
    starts = []
    for char in text:
        clock.now += seconds_apart
        starts.append(watch.typed(char))
    if enter:
        clock.now += seconds_apart
        return starts, watch.enter()
    return starts, None


@pytest.mark.parametrize("seconds_apart", [0.001, 0.008, 0.02, BURST_GAP_SECONDS * 0.9])
def test_a_scanners_burst_ending_in_enter_is_a_burst(seconds_apart):
    clock = FakeClock()
    watch = BurstWatch(clock)
    starts, burst = keys(watch, clock, "BWKB7K3MQ9X2HT4DR", seconds_apart)
    assert burst and starts == [True] + [False] * 16


@pytest.mark.parametrize("seconds_apart", [0.09, 0.15, 0.6])
def test_a_person_typing_is_never_a_burst(seconds_apart):
    clock = FakeClock()
    watch = BurstWatch(clock)
    starts, burst = keys(watch, clock, "Zangkoor", seconds_apart)
    assert not burst and all(starts)


def test_a_burst_right_after_typing_begins_its_own_run():
    clock = FakeClock()
    watch = BurstWatch(clock)
    keys(watch, clock, "Zang", 0.2, enter=False)
    clock.now += 1.0
    starts, burst = keys(watch, clock, "BWKB7K3MQ9X2HT4DR", 0.005)
    assert burst and starts[0]  # the field's text before the burst is "Zang"


def test_a_pause_before_enter_makes_it_a_persons_enter():
    clock = FakeClock()
    watch = BurstWatch(clock)
    keys(watch, clock, "BWKB7K3MQ9X2HT4DR", 0.005, enter=False)
    clock.now += BURST_GAP_SECONDS + 0.05
    assert not watch.enter()


def test_fewer_than_the_minimum_fast_keys_are_not_a_burst():
    clock = FakeClock()
    watch = BurstWatch(clock)
    assert not keys(watch, clock, "x" * (BURST_MIN_CHARS - 1), 0.005)[1]
    assert keys(watch, clock, "x" * BURST_MIN_CHARS, 0.005)[1]


def test_a_pause_in_the_middle_splits_the_run():
    clock = FakeClock()
    watch = BurstWatch(clock)
    keys(watch, clock, "BWKB7K3M", 0.005, enter=False)
    clock.now += 0.3
    starts, burst = keys(watch, clock, "abc", 0.005)
    assert starts[0] and not burst  # three fast keys after a pause: too few


def test_backspace_breaks_a_run_and_enter_counts_once():
    clock = FakeClock()
    watch = BurstWatch(clock)
    keys(watch, clock, "abcdef", 0.005, enter=False)
    watch.reset()
    clock.now += 0.005
    assert not watch.enter()
    assert not watch.enter()  # a second Enter does not find the old run
