"""/metrics: what a monitoring system needs to page someone, in Prometheus' text format.

Read from the database at scrape time (into a fresh registry), so every process serving the
web pages answers the same and nothing is lost when the scheduler restarts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Gauge, generate_latest

if TYPE_CHECKING:
    from newsletter.store import Store

# The text format every Prometheus understands; prometheus-client >= 0.22 labels the same bytes
# version=1.0.0, which older servers do not know.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
STATES = ("pending", "sending", "sent", "deferred", "failed", "unknown", "skipped")


def render_metrics(store: Store, now: dt.datetime) -> bytes:
    from newsletter.store.bounces import bounce_counts
    from newsletter.store.console import bounces, issue_times

    registry = CollectorRegistry()

    def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
        return Gauge(name, doc, labels, registry=registry)

    known = store.days()  # newest first
    # The newest issue that was queued; a ledger-only date (an old test) only if there is none.
    day = next((d for d in known if store.issue_state(d) is not None), known[0] if known else None)
    if day is not None:
        counts = store.counts(day)
        issue_day = gauge(
            "newsletter_last_issue_date_seconds", "The last issue's date (00:00 UTC), epoch"
        )
        issue_day.set(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
        by_state = gauge(
            "newsletter_last_issue_deliveries", "The last issue's ledger rows by state", ("state",)
        )
        for state in STATES:
            by_state.labels(state).set(counts.get(state, 0))
        times = issue_times(store, day)
        if times is not None:
            queued, changed, state = times
            end = changed if state == "done" and changed else now
            duration = max((end - queued).total_seconds(), 0.0)
            gauge("newsletter_last_issue_done", "1 when the last issue is completely sent").set(
                1 if state == "done" else 0
            )
            gauge(
                "newsletter_last_issue_duration_seconds",
                "From queueing the last issue to its end (or now, while it is sent)",
            ).set(duration)
            gauge(
                "newsletter_last_issue_rate",
                "Messages sent per second over the last issue's duration",
            ).set(counts.get("sent", 0) / duration if duration > 0 else 0.0)
        gauge(
            "newsletter_last_issue_bounces", "Deliveries of the last issue refused for good (5xx)"
        ).set(bounces(store, day))
        # Reports that arrived later (DSNs, ARF complaints, relay webhooks: newsletter.bounces).
        reported = gauge(
            "newsletter_last_issue_reports",
            "Bounce reports and complaints received for the last issue, by kind",
            ("kind",),
        )
        for kind, count in bounce_counts(store, day).items():
            reported.labels(kind).set(count)
    readers = gauge("newsletter_subscribers", "Subscribers by status", ("status",))
    for status, count in store.count_subscribers().items():
        readers.labels(status).set(count)
    from newsletter.schedule import STOPPED_INFO

    beat = store.last_beat("scheduler")
    if beat is not None:
        gauge(
            "newsletter_scheduler_heartbeat_age_seconds",
            "Seconds since the scheduler last wrote its heartbeat",
        ).set(max((now - beat[0]).total_seconds(), 0.0))
        # The age grows after a clean stop too; this tells a stop from a dead scheduler.
        gauge(
            "newsletter_scheduler_stopped",
            "1 when the scheduler's last heartbeat was its clean stop, else 0",
        ).set(1.0 if beat[1] == STOPPED_INFO else 0.0)
    return generate_latest(registry)
