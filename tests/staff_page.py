"""Shared by the staff page's browser tests and `make bench`: the real server on
127.0.0.1 and Debian's chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def why_no_browser() -> str | None:
    """The reason the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e .[test])"
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    return None


def launch(playwright):
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                      headless=True)


def log_in(page, base: str, pin: str = "2468", device: str | None = None) -> None:
    page.goto(base + "/")
    page.fill("input[name=pin]", pin)
    if device is not None:
        page.fill("input[name=device]", device)
    page.click("button[type=submit]")
    page.wait_for_selector("#live[data-state=live]", timeout=5000)
