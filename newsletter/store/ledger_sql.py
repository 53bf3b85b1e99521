"""The ledger's hand-written SQL: PostgreSQL's one-statement outcome update over arrays, the
day list by index hops, and SQLite's hot path (claim, record) for the driver's own cursor.
Everything else the ledger says goes through SQLAlchemy Core (newsletter/store/ledger.py)."""

from __future__ import annotations

from sqlalchemy import Date, text

_PG_RECORD_SQL = """
UPDATE deliveries AS d
SET status = v.status, code = v.code, detail = v.detail, next_attempt_at = v.next_at,
    sent_at = CASE WHEN v.status = 'sent' THEN CAST(:now AS timestamptz) END,
    lease_until = NULL, updated_at = CAST(:now AS timestamptz)
FROM unnest(CAST(:ids AS bigint[]), CAST(:statuses AS text[]), CAST(:codes AS integer[]),
            CAST(:details AS text[]), CAST(:nexts AS timestamptz[]))
     AS v(id, status, code, detail, next_at)
WHERE d.id = v.id AND d.status = 'sending'"""
_PG_RECORD = text(_PG_RECORD_SQL)
_PG_RECORD_BY_WORKER = text(_PG_RECORD_SQL + " AND d.worker = :worker")


# The distinct days of the ledger by hopping down its day-first index, one probe per day,
# instead of reading a row per delivery (a year of a million readers is 365 M rows).
_LEDGER_DAYS = text(
    """
    WITH RECURSIVE hop(day) AS (
        SELECT MAX(day) FROM deliveries
        UNION ALL
        SELECT (SELECT MAX(day) FROM deliveries WHERE day < hop.day) FROM hop
        WHERE hop.day IS NOT NULL
    )
    SELECT day FROM hop WHERE day IS NOT NULL
    """
).columns(day=Date())


# SQLite's hot path (claim, record) in plain SQL on the driver's cursor: SQLAlchemy Core's
# per-row parameter processing was about 9 % of a run's CPU (py-spy, bench/throughput.py).
# Timestamps are written as SQLAlchemy writes them on SQLite (naive UTC, microseconds), so the
# text comparisons of leases and retries keep working on rows written either way.
_SQLITE_CLAIM = """
SELECT d.id, d.subscriber_id, d.email, d.attempts, s.status, s.name, s.regions, s.token_salt
FROM deliveries AS d LEFT OUTER JOIN subscribers AS s ON s.id = d.subscriber_id
WHERE d.day = ? AND d.id > ? AND {where}
ORDER BY d.id LIMIT ?"""
_SQLITE_CLAIM_PENDING = _SQLITE_CLAIM.format(where="d.status = 'pending'")
_SQLITE_CLAIM_DEFERRED = _SQLITE_CLAIM.format(
    where="d.status = 'deferred' AND d.tries < ? "
    "AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)"
)
_SQLITE_TAKE = (
    "UPDATE deliveries SET status = 'sending', lease_until = ?, worker = ?, "
    "attempts = attempts + 1, tries = tries + 1, updated_at = ? WHERE id IN ({ids})"
)
_SQLITE_SKIP = (
    "UPDATE deliveries SET status = 'skipped', detail = ?, updated_at = ? WHERE id IN ({ids})"
)
_SQLITE_RECORD = (
    "UPDATE deliveries SET status = ?, code = ?, detail = ?, next_attempt_at = ?, sent_at = ?, "
    "lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'sending'"
)
# A 'sent' row (nearly every row) by a statement of its own: status and the NULL retry time are
# the statement's constants and the time is bound once for sent_at and updated_at (?3 twice):
# four values a row instead of seven, each bind ~650 instructions (callgrind). Values from
# outside are still bound, never written into the text.
_SQLITE_RECORD_SENT = (
    "UPDATE deliveries SET status = 'sent', code = ?1, detail = ?2, next_attempt_at = NULL, "
    "sent_at = ?3, lease_until = NULL, updated_at = ?3 WHERE id = ?4 AND status = 'sending'"
)
_SQLITE_CLEAR_BOUNCES = (
    "UPDATE subscribers SET bounce_count = 0 WHERE bounce_count > 0 AND id IN "
    "(SELECT subscriber_id FROM deliveries WHERE status = 'sending' AND id IN ({ids}){mine})"
)
