"""The short crash run for CI; `make crash` runs the long one (300 kills)."""

from tests.crash_harness import run


def test_sigkill_at_random_moments_loses_no_confirmed_visit(tmp_path):
    confirmed = run(tmp_path / "data", kills=25, seed=2017, max_delay=0.25)
    assert confirmed > 25
