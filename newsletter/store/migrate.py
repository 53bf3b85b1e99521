"""Bring a database to the newest schema, in code: operators never run the alembic CLI.

``Store.open`` calls ``upgrade`` every time. When the database is already current this costs
one small query; otherwise the whole upgrade runs in one transaction (both databases have
transactional DDL), so a failed migration leaves the schema as it was. On PostgreSQL several
processes may start at once (scheduler, web, a worker): an advisory lock lets one migrate while
the others wait and then find nothing to do.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.resources import files

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)

# Any fixed 64-bit number, shared by every process that migrates this schema.
_ADVISORY_LOCK_KEY = 0x6E6577736C657474  # "newslett"


def _config():  # -> alembic.config.Config
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("newsletter.store") / "migrations"))
    return config


@cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "newsletter.store.migrations has no revisions"
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Migrate to ``target``; True if anything ran."""
    from alembic import command

    wanted = head_revision() if target == "head" else target
    with engine.connect() as connection:
        if current_revision(connection) == wanted:
            return False
    with engine.connect() as connection:
        # SQLite: take the write lock up front, so two first-time openers queue up here.
        connection.execution_options(sqlite_begin="IMMEDIATE")
        with connection.begin():
            if connection.dialect.name == "postgresql":
                # Held until this transaction ends; the loser re-reads the revision below.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY}
                )
            if current_revision(connection) == wanted:
                return False
            log.info("migrating database schema to %s", wanted)
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    return True
