"""Shared fixtures: settings on a tmp data dir, and a clean environment for every test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsletter.settings import Settings, load_settings

pytest_plugins = ["tests.conftest_db"]

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
TEST_KEY = "test-secret-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No NEWSLETTER_* variable or .env file from the developer's machine leaks into a test."""
    for name in list(os.environ):
        if name.startswith("NEWSLETTER_") and name != "NEWSLETTER_TEST_DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a tmp data dir; keyword arguments override fields (smtp={...} too)."""

    def make(**overrides: object) -> Settings:
        values: dict[str, object] = {
            "data_dir": tmp_path / "data",
            "secret_key": TEST_KEY,
            "sender": "Morning Brief <news@example.com>",
            "public_url": "https://news.example.com",
        }
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """The environment for running the real `newsletter` command in a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLETTER_")}
    env.update(
        NEWSLETTER_DATA_DIR=str(tmp_path / "data"),
        NEWSLETTER_SECRET_KEY=TEST_KEY,
        NEWSLETTER_FROM="Morning Brief <news@example.com>",
        NEWSLETTER_PUBLIC_URL="https://news.example.com",
        PYTHONIOENCODING="utf-8",
    )
    return env
