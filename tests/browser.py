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
