"""Issues (their payload, subject and sending state) and the public archive."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from newsletter.store.engine import Database, _now, utc_now
from newsletter.store.tables import archive, deliveries, issues

_ISSUE_STATES = ("sending", "done")


class Issues(Database):
    """One row per issue date in `issues`, and what was sent in `archive`."""

    def save_issue(self, day: dt.date, payload: dict, subject: str) -> None:
        now = utc_now()
        stmt = self._insert(issues).values(
            day=day, subject=subject, payload=payload, created_at=now, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[issues.c.day],
            set_={"subject": subject, "payload": stmt.excluded.payload, "updated_at": now},
        )
        with self._write() as connection:
            connection.execute(stmt)

    def load_issue(self, day: dt.date) -> dict | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.payload).where(issues.c.day == day)
            ).scalar_one_or_none()

    def mark_issue(self, day: dt.date, state: str, now: dt.datetime | None = None) -> None:
        if state not in _ISSUE_STATES:
            raise ValueError(f"issue state must be one of {_ISSUE_STATES}, not {state!r}")
        now = _now(now)
        stmt = self._insert(issues).values(
            day=day,
            subject="",
            payload=None,
            state=state,
            state_at=now,
            created_at=now,
            updated_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[issues.c.day],
            set_={"state": state, "state_at": now, "updated_at": now},
        )
        with self._write() as connection:
            connection.execute(stmt)

    def mark_queued(self, day: dt.date, now: dt.datetime | None = None) -> None:
        """Every active reader has a ledger row for `day`: queueing is finished."""
        now = _now(now)
        with self._write() as connection:
            connection.execute(
                update(issues).where(issues.c.day == day).values(queued_at=now, updated_at=now)
            )

    def issue_queued(self, day: dt.date) -> bool:
        """Whether the leader finished queueing `day` (see mark_queued); an issue never begun
        is not queued."""
        with self._read() as connection:
            return (
                connection.execute(
                    select(issues.c.queued_at).where(issues.c.day == day)
                ).scalar_one_or_none()
                is not None
            )

    def issue_state(self, day: dt.date) -> str | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.state).where(issues.c.day == day)
            ).scalar_one_or_none()

    def issue_subject(self, day: dt.date) -> str | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.subject).where(issues.c.day == day)
            ).scalar_one_or_none()

    def save_archive(self, day: dt.date, subject: str, html: str, text: str) -> None:
        with self._write() as connection:
            self._upsert(
                connection,
                archive,
                "day",
                {
                    "day": day,
                    "subject": subject,
                    "html": html,
                    "text": text,
                    "created_at": utc_now(),
                },
            )

    def archive_list(self, limit: int = 365) -> list[tuple[dt.date, str]]:
        with self._read() as connection:
            rows = connection.execute(
                select(archive.c.day, archive.c.subject).order_by(archive.c.day.desc()).limit(limit)
            ).all()
        return [(row.day, row.subject) for row in rows]

    def archive_get(self, day: dt.date) -> tuple[str, str, str] | None:
        with self._read() as connection:
            row = connection.execute(
                select(archive.c.subject, archive.c.html, archive.c.text).where(
                    archive.c.day == day
                )
            ).first()
        return (row.subject, row.html, row.text) if row else None

    def delete_issue(self, day: dt.date) -> None:
        """Forget a day entirely (``send --force``): its ledger, its issue row, its archive."""
        with self._write() as connection:
            connection.execute(delete(deliveries).where(deliveries.c.day == day))
            connection.execute(delete(issues).where(issues.c.day == day))
            connection.execute(delete(archive).where(archive.c.day == day))
