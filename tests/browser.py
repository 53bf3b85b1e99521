"""Debian's headless Chromium, as this machine needs it launched (shared by the browser tests).

Without the background-networking flags Chromium keeps dialling out, and this machine's closed
network refuses those connections; nothing here downloads a browser."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def wait_across_navigation(driver: object, condition: object, timeout: float = 20) -> object:
    """Wait for `condition` while the page a click submitted is being replaced.

    Between the click and the new document, Chromium can answer a lookup with a node of the old
    page ("Node with given id does not belong to the document", a plain WebDriverException, not the
    stale-element error the stock conditions already swallow). Any such answer means "not yet", so
    the wait polls again; a condition that never holds still fails with a timeout."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(condition)
