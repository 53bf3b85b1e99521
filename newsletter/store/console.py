"""What the operator console keeps: review overrides, operators, their sessions, failed logins
and the audit log. Functions over an open Store, so the store's parts (shared by every stage)
stay as they are; they use its transactions and error mapping (store/engine.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, and_, delete, func, insert, or_, select, update

from newsletter.models import Override as Override  # defined there: see its docstring
from newsletter.store.engine import _now
from newsletter.store.tables import (
    audit_log,
    login_failures,
    operator_sessions,
    operators,
    review_overrides,
    subscribers,
)

if TYPE_CHECKING:
    from newsletter.store import Store


# ---- review overrides -----------------------------------------------------------------------


def overrides_for(store: Store, day: dt.date) -> dict[str, Override]:
    o = review_overrides
    with store._read() as connection:
        rows = connection.execute(
            select(
                o.c.item_key, o.c.action, o.c.region, o.c.headline, o.c.actor, o.c.created_at
            ).where(o.c.day == day)
        ).all()
    return {row.item_key: Override(*row) for row in rows}


def set_override(
    store: Store,
    day: dt.date,
    item_key: str,
    action: str,
    region: str | None,
    headline: str,
    actor: str,
    now: dt.datetime | None = None,
) -> None:
    values = {
        "day": day,
        "item_key": item_key,
        "action": action,
        "region": region,
        "headline": headline[:300],
        "actor": actor[:100],
        "created_at": _now(now),
    }
    with store._write() as connection:
        stmt = store._insert(review_overrides).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[review_overrides.c.day, review_overrides.c.item_key],
            set_={
                k: stmt.excluded[k] for k in ("action", "region", "headline", "actor", "created_at")
            },
        )
        connection.execute(stmt)


def clear_overrides(store: Store, day: dt.date, item_key: str | None = None) -> int:
    o = review_overrides
    condition = (
        o.c.day == day if item_key is None else and_(o.c.day == day, o.c.item_key == item_key)
    )
    with store._write() as connection:
        return connection.execute(delete(o).where(condition)).rowcount


# ---- operators and sessions -----------------------------------------------------------------


def _same_name(name: str) -> ColumnElement[bool]:
    """Operator names are unique regardless of case: `kim` finds Kim, as `operators add` refuses
    to add a second one."""
    return func.lower(operators.c.name) == name.lower()


def _named(connection: Connection, name: str) -> tuple[str, str] | None:
    """(name as stored, password hash) of the operator `name` means: the one of that name in
    any case, or, in a database from before names were unique regardless of case that holds
    `Kim` and `kim`, the one spelt exactly so (none when neither is: not a guess)."""
    rows = connection.execute(
        select(operators.c.name, operators.c.password_hash).where(_same_name(name))
    ).all()
    exact = [row for row in rows if row[0] == name]
    chosen = exact or (rows if len(rows) == 1 else [])
    return (chosen[0][0], chosen[0][1]) if chosen else None


def operator_login(store: Store, name: str) -> tuple[str, str] | None:
    """(the name as stored, the password hash) of the operator called `name` in any case."""
    with store._read() as connection:
        return _named(connection, name)


def get_password_hash(store: Store, name: str) -> str | None:
    found = operator_login(store, name)
    return found[1] if found else None


def operator_named(store: Store, name: str) -> str | None:
    """The operator whose name is `name` regardless of case (Editor is editor), as stored."""
    found = operator_login(store, name)
    return found[0] if found else None


def add_operator(store: Store, name: str, password_hash: str) -> bool:
    """False when the name is taken, in any case: `editor` and `Editor` would be two accounts
    that read as one person in the audit log and the console."""
    now = _now(None)
    with store._write() as connection:
        if connection.execute(select(operators.c.name).where(_same_name(name))).first():
            return False
        connection.execute(
            insert(operators).values(
                name=name, password_hash=password_hash, created_at=now, updated_at=now
            )
        )
    return True


def set_password_hash(
    store: Store, name: str, password_hash: str, *, end_sessions: bool = True
) -> str | None:
    """The operator's name as stored, or None when there is none called `name` (in any case).
    A new password ends every session the operator had (not so a re-hash at login)."""
    with store._write() as connection:
        found = _named(connection, name)
        if found is None:
            return None
        stored = found[0]
        connection.execute(
            update(operators)
            .where(operators.c.name == stored)
            .values(password_hash=password_hash, updated_at=_now(None))
        )
        if end_sessions:
            connection.execute(
                delete(operator_sessions).where(operator_sessions.c.operator == stored)
            )
    return stored


def remove_operator(store: Store, name: str) -> str | None:
    """The removed operator's name as stored, or None when there is none called `name`."""
    with store._write() as connection:
        found = _named(connection, name)
        if found is None:
            return None
        stored = found[0]
        connection.execute(delete(operators).where(operators.c.name == stored))
        connection.execute(delete(operator_sessions).where(operator_sessions.c.operator == stored))
    return stored


def list_operators(store: Store) -> list[tuple[str, dt.datetime, dt.datetime | None]]:
    """(name, created_at, last seen in the console: their last login or authenticated request)."""
    with store._read() as connection:
        rows = connection.execute(
            select(operators.c.name, operators.c.created_at, operators.c.seen_at).order_by(
                operators.c.name
            )
        ).all()
    return [(row[0], row[1], row[2]) for row in rows]


def create_session(store: Store, id_hash: str, operator: str, now: dt.datetime) -> None:
    with store._write() as connection:
        connection.execute(
            insert(operator_sessions).values(
                id_hash=id_hash, operator=operator, created_at=now, seen_at=now
            )
        )
        connection.execute(
            update(operators).where(operators.c.name == operator).values(seen_at=now)
        )


def touch_session(store: Store, id_hash: str, idle: dt.timedelta, now: dt.datetime) -> str | None:
    """The session's operator, its idle clock restarted and the operator seen; None when
    unknown or idle too long (an expired session is deleted on the way)."""
    s = operator_sessions
    with store._write() as connection:
        row = connection.execute(
            select(s.c.operator, s.c.seen_at)
            .join(operators, operators.c.name == s.c.operator)
            .where(s.c.id_hash == id_hash)
        ).first()
        if row is None:
            return None
        if row.seen_at + idle < now:
            connection.execute(delete(s).where(s.c.id_hash == id_hash))
            return None
        connection.execute(update(s).where(s.c.id_hash == id_hash).values(seen_at=now))
        # One primary-key update in the transaction already open: kept past the session's end.
        connection.execute(
            update(operators).where(operators.c.name == row.operator).values(seen_at=now)
        )
        # Sessions idle beyond the limit are dead anyway; sweep them while we are here.
        connection.execute(delete(s).where(s.c.seen_at < now - idle))
    return row.operator


def end_session(store: Store, id_hash: str) -> None:
    with store._write() as connection:
        connection.execute(delete(operator_sessions).where(operator_sessions.c.id_hash == id_hash))


# ---- failed logins --------------------------------------------------------------------------


def recent_failures(
    store: Store, username: str, address: str, since: dt.datetime
) -> tuple[int, int]:
    """Failed logins since `since`: (for this username in any case, i.e. this operator; from
    this address)."""
    f = login_failures
    with store._read() as connection:
        by_name = connection.execute(
            select(func.count()).where(
                func.lower(f.c.username) == username.lower(), f.c.at >= since
            )
        ).scalar_one()
        by_address = connection.execute(
            select(func.count()).where(f.c.address == address, f.c.at >= since)
        ).scalar_one()
    return by_name, by_address


def record_failure(store: Store, username: str, address: str, now: dt.datetime) -> None:
    f = login_failures
    with store._write() as connection:
        connection.execute(insert(f).values(username=username[:100], address=address[:64], at=now))
        # Nothing older than a day is ever asked about.
        connection.execute(delete(f).where(f.c.at < now - dt.timedelta(days=1)))


# ---- audit log ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    via: str
    action: str
    day: dt.date | None
    detail: str


def audit(
    store: Store,
    actor: str,
    via: str,
    action: str,
    detail: str = "",
    day: dt.date | None = None,
    now: dt.datetime | None = None,
    *,
    wait_ms: int | None = None,
) -> None:
    """One entry. `wait_ms`: how long to wait for another writer's lock on SQLite (default:
    the store's 30 s), for a caller whose own work is already done."""
    with store._write(wait_ms=wait_ms) as connection:
        connection.execute(
            insert(audit_log).values(
                at=_now(now), actor=actor[:100], via=via, action=action, day=day, detail=detail
            )
        )


STOP_ACTION = "send.stopped"  # why a run of the issue stopped on an error (job._note_stop)


def last_stop(store: Store, day: dt.date) -> tuple[dt.datetime, str] | None:
    """When and why the last run of `day` that stopped on an error stopped, for `status`."""
    a = audit_log
    with store._read() as connection:
        row = connection.execute(
            select(a.c.at, a.c.detail)
            .where(a.c.day == day, a.c.action == STOP_ACTION)
            .order_by(a.c.id.desc())
            .limit(1)
        ).first()
    return (row.at, row.detail) if row is not None else None


def audit_entries(store: Store, limit: int = 200, day: dt.date | None = None) -> list[AuditEntry]:
    a = audit_log
    query = select(a.c.id, a.c.at, a.c.actor, a.c.via, a.c.action, a.c.day, a.c.detail)
    if day is not None:
        query = query.where(a.c.day == day)
    with store._read() as connection:
        rows = connection.execute(query.order_by(a.c.id.desc()).limit(limit)).all()
    return [AuditEntry(*row) for row in rows]


# ---- subscribers, as the console searches them ----------------------------------------------


def search_subscribers(store: Store, query: str, limit: int = 100) -> list[int]:
    """Ids of subscribers whose address or name contains `query` (case-insensitive)."""
    s = subscribers
    stmt = select(s.c.id).order_by(s.c.id.desc()).limit(limit)
    wanted = query.strip().lower()
    if wanted:
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                s.c.email_key.like(pattern, escape="\\"),
                func.lower(func.coalesce(s.c.name, "")).like(pattern, escape="\\"),
            )
        )
    with store._read() as connection:
        return list(connection.execute(stmt).scalars())


# ---- issues, as the console and /metrics see them ---------------------------------------------


def issue_times(
    store: Store, day: dt.date
) -> tuple[dt.datetime, dt.datetime | None, str | None] | None:
    """(first queued, last state change, state) of an issue, or None if it was never queued."""
    from newsletter.store.tables import issues

    with store._read() as connection:
        row = connection.execute(
            select(issues.c.created_at, issues.c.state_at, issues.c.state).where(
                issues.c.day == day
            )
        ).first()
    return (row[0], row[1], row[2]) if row else None


def bounces(store: Store, day: dt.date) -> int:
    """Failed deliveries of an issue that the relay refused for good (a 5xx reply)."""
    from newsletter.store.tables import deliveries, status_is

    d = deliveries
    with store._read() as connection:
        return connection.execute(
            select(func.count()).where(d.c.day == day, status_is("failed"), d.c.code >= 500)
        ).scalar_one()
