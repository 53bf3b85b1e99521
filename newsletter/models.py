"""The values that flow between pipeline stages.

Plain frozen dataclasses: cheap to build, safe to share between threads, and free of I/O.
Every stage takes and returns these; none of them knows about files, SMTP or the database.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Region(enum.StrEnum):
    """The sections of an issue, in the order they appear."""

    US = "US"
    CHINA = "China"
    JAPAN = "Japan"
    EUROPE = "Europe"
    OTHER = "Other"

    @classmethod
    def parse(cls, value: str) -> Region:
        """Accept the canonical names case-insensitively ("us", "CHINA", " Japan ")."""
        wanted = value.strip().lower()
        for region in cls:
            if region.value.lower() == wanted:
                return region
        names = ", ".join(r.value for r in cls)
        raise ValueError(f"unknown region {value!r} (expected one of: {names})")

    @classmethod
    def parse_list(cls, value: str) -> frozenset[Region]:
        """ "US,China" -> {US, China}; an empty string means no choice (all regions)."""
        parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
        return frozenset(cls.parse(p) for p in parts)


REGION_ORDER: tuple[Region, ...] = tuple(Region)


@dataclass(frozen=True, slots=True)
class Summary:
    """One news summary as a source delivered it. `origin` says where it came from
    ("path:line" or a feed entry id) so that problems and `classify` can point at it."""

    text: str
    title: str | None = None
    url: str | None = None
    region: Region | None = None  # an explicit region from the input wins over the classifier
    source: str | None = None  # the publisher, when the input names one
    published: dt.datetime | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a stage skipped, with where and why; reported, never fatal on its own."""

    where: str  # "path:line", "setting NEWSLETTER_X", an address...
    reason: str
    kept: bool = False  # the record itself was used; only the part named in `reason` was not

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"

    @property
    def line(self) -> str:
        """How the CLI and the log show it. The first word says whether the record went into
        the issue: an operator greps for "skipped" to find what was left out."""
        if self.kept:
            return f"note {self.where}: kept; {self.reason}"
        return f"skipped {self}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a source returns: the good summaries and the problems it skipped past."""

    summaries: list[Summary]
    problems: list[Problem] = field(default_factory=list)
    location: str = ""  # the expanded path or URL that was read


@dataclass(frozen=True, slots=True)
class Classified:
    summary: Summary
    region: Region
    reason: str  # short and human-readable: why this region


@dataclass(frozen=True, slots=True)
class Section:
    region: Region
    items: tuple[Classified, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """The day's assembled content: non-empty sections in REGION_ORDER."""

    day: dt.date
    sections: tuple[Section, ...]

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def regions(self) -> frozenset[Region]:
        return frozenset(s.region for s in self.sections)

    def only(self, regions: frozenset[Region] | None) -> Issue:
        """The issue as a reader who chose `regions` sees it (None or empty: everything)."""
        if not regions:
            return self
        return Issue(self.day, tuple(s for s in self.sections if s.region in regions))


@dataclass(frozen=True, slots=True)
class RenderedIssue:
    """An issue rendered once for one set of sections. The bodies still carry the
    personal placeholders (see newsletter.message) that are filled per reader."""

    day: dt.date
    regions: frozenset[Region]
    subject: str
    preheader: str
    html: str
    text: str


@dataclass(frozen=True)
class Override:
    """An editor's correction of one item of a day's issue (newsletter/review.py), as the
    store keeps it. Here rather than in store/console.py so that a process that only builds
    the issue (newsletter/prebuild.py) can take one without importing SQLAlchemy."""

    item_key: str
    action: str  # "move" | "drop"
    region: str | None
    headline: str
    actor: str
    created_at: dt.datetime


class SubscriberStatus(enum.StrEnum):
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    COMPLAINED = "complained"  # reported an issue as spam (ARF / relay feedback): never mailed


@dataclass(frozen=True, slots=True)
class Subscriber:
    id: int
    email: str
    name: str | None = None
    status: SubscriberStatus = SubscriberStatus.ACTIVE
    regions: frozenset[Region] = frozenset()  # empty: every section


class DeliveryStatus(enum.StrEnum):
    """The ledger states; see DESIGN.md "Delivery states"."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEFERRED = "deferred"
    FAILED = "failed"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"  # the reader left, or chose regions with no news today, before sending


class Outcome(NamedTuple):
    """What happened to one message at the relay. A NamedTuple: immutable, and made once
    per message in the sender's loop at a quarter of a frozen dataclass's cost."""

    status: DeliveryStatus  # SENT, DEFERRED, FAILED or UNKNOWN
    code: int | None = None  # the SMTP reply code, when there was one
    detail: str = ""  # the server's reply text or the local reason

    @property
    def delivered(self) -> bool:
        return self.status is DeliveryStatus.SENT


@dataclass(slots=True)
class DeliveryReport:
    """The end of a run: what the operator sees and what `send` turns into an exit code."""

    day: dt.date
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    unknown: int = 0
    pending: int = 0
    skipped: int = 0  # already sent before this run, or nothing to do
    duration: float = 0.0
    dry_run: bool = False
    built: int = 0  # a dry run's messages built (it sends none: sent stays 0)
    test_send: bool = False
    resent_unknown: int = 0  # messages whose fate was unknown, sent again once by policy
    recovered: int = 0  # rows found in flight after a crash, now 'unknown'
    replayed: int = 0  # outcomes a dead run had read, recorded from its journal
    given_back: int = 0  # a dead run's claimed rows that never reached the relay: pending again
    problems: list[Problem] = field(default_factory=list)
    message: str = ""  # one line for the operator when nothing was sent, and why
    # The ledger's counts for the whole issue after the run (all runs together).
    ledger: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: db, render, smtp
    # A worker answers for its own messages only; the leader for the whole issue.
    judged_by_ledger: bool = True

    @property
    def rate(self) -> float:
        return self.sent / self.duration if self.duration > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0 when every reader of the issue has it, 1 when some failed or are still owed."""
        if self.ledger and self.judged_by_ledger:
            owed = ("failed", "deferred", "unknown", "pending", "sending")
            return 1 if any(self.ledger.get(k, 0) for k in owed) else 0
        return 1 if (self.failed or self.deferred or self.unknown or self.pending) else 0
