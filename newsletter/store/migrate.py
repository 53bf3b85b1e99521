"""Bring a database to the newest schema, in code: operators never run the alembic CLI.

``Store.open`` calls ``upgrade`` every time. When the database is already current this costs
one small query; otherwise the whole upgrade runs in one transaction (both databases have
transactional DDL), so a failed migration leaves the schema as it was. On PostgreSQL several
processes may start at once (scheduler, web, a worker): an advisory lock lets one migrate while
the others wait and then find nothing to do.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib.resources import files

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

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


_REVISION = re.compile(r'^(down_revision|revision)\s*(?::[^=]*)?=\s*["\']?([\w-]+|None)', re.M)


@cache
def _head_from_files() -> str | None:
    """The head revision read straight from the shipped migration files, without importing
    alembic (about 60 ms on every command). None if the files are not as simple as expected."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (files("newsletter.store") / "migrations" / "versions").iterdir():
        if not path.name.endswith(".py") or path.name.startswith("__"):
            continue
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision", "None") != "None":
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _is_current(engine: Engine) -> bool:
    """True when alembic_version already names the head: the common case, answered with one
    SELECT. Anything unusual (no table yet, branches) falls through to alembic itself."""
    head = _head_from_files()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return False
    return current == head


def upgrade(engine: Engine, target: str = "head") -> bool:
    """Migrate to ``target``; True if anything ran."""
    if target == "head" and _is_current(engine):
        return False
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
