"""pytest plugin: a ``db_url`` fixture for every database the store supports.

Enable it with ``pytest_plugins = ["tests.conftest_db"]`` in tests/conftest.py.

``db_url`` is parametrised: "sqlite" is a file in the test's tmp_path; "postgresql" runs only
when NEWSLETTER_TEST_DATABASE_URL is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)
and gives each test a schema of its own, created before and dropped after, selected through
the connection's search_path. ``db_store`` is the opened Store on that URL, closed after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "NEWSLETTER_TEST_DATABASE_URL"


def postgres_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _psycopg(url: str):  # -> sqlalchemy.URL
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'newsletter.db'}"
        return
    base = postgres_base_url()
    if base is None:
        pytest.skip(
            f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    from sqlalchemy import create_engine, text

    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(_psycopg(base))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = _psycopg(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db_store(db_url: str):  # -> newsletter.store.Store
    from newsletter.store import Store

    store = Store.open(db_url)
    try:
        yield store
    finally:
        store.close()
