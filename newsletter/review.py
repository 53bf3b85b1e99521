"""An editor's review of the day's issue: move an item to another region, or drop it.

A correction is stored per date as an override of one item, named by a hash of the story's URL
when it has one (so a re-summarised story keeps its correction), else of its text (so it stays
on its story whatever else the source gains or loses), and applied in one place:
``reviewed()``, which ``job.build_issue`` calls between classify and assemble. Preview, test
send, send, the scheduler and the archive (the stored issue) all go through build_issue, so
they all see the same corrected issue. ``apply_overrides`` is the pure core.

Numbers are the item's position among the day's distinct stories in the order the source
gives them; overrides do not renumber anything. A stored correction that matches no story of
the day (a URL-less story whose text changed) is never silently dropped: it is logged as a
warning, and `review` and the console's Today page show it (``unmatched_note``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsletter.assemble import dedupe_key
from newsletter.errors import InputError
from newsletter.models import Classified, Problem, Region, Summary

if TYPE_CHECKING:
    from newsletter.models import Override
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)

MOVE = "move"
DROP = "drop"


def text_key(summary: Summary) -> str:
    """The same text (as dedupe sees it), the same key: the story's identity in an issue."""
    return _hash(dedupe_key(summary.text))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _url(summary: Summary) -> str | None:
    url = (summary.url or "").strip().partition("#")[0]
    return url or None


def item_key(summary: Summary) -> str:
    """The item's identity for an override: its URL's hash when it has one (a re-summary or a
    corrected typo changes the text, not the link), else its text's (see story_keys)."""
    url = _url(summary)
    return _hash("url " + url) if url else text_key(summary)


def story_keys(summaries: Sequence[Summary]) -> list[str]:
    """item_key of each, except that stories that share one URL (a section page given as every
    item's link) are told apart by their text: one drop must not take them all."""
    texts: dict[str, set[str]] = {}
    for summary in summaries:
        url = _url(summary)
        if url:
            texts.setdefault(url, set()).add(text_key(summary))
    return [
        item_key(s) if len(texts.get(_url(s) or "", ())) == 1 else text_key(s) for s in summaries
    ]


def url_fallbacks(summaries: Sequence[Summary], keys: Sequence[str]) -> list[str | None]:
    """For each story keyed by its text because others share its URL (story_keys), the URL's
    key when its headline is that URL's alone: a correction made while the URL was this
    story's own still finds it (find_override). None for the rest, and for stories whose
    headline another story of the URL shares (a live blog's entries): no guess between them."""
    shared = [item_key(s) if k != item_key(s) else None for s, k in zip(summaries, keys,
                                                                           strict=True)]
    titles = [headline(s) if url else "" for s, url in zip(summaries, shared, strict=True)]
    seen: dict[tuple[str, str], int] = {}
    for url, title in zip(shared, titles, strict=True):
        if url:
            seen[url, title] = seen.get((url, title), 0) + 1
    return [url if url and seen[url, title] == 1 else None
            for url, title in zip(shared, titles, strict=True)]


def find_override(
    overrides: dict[str, Override], key: str, summary: Summary, url_key: str | None = None
) -> tuple[str, Override | None]:
    """The stored override of the story keyed `key` and the key it is stored under (a text key
    made before URLs named stories still counts), or (key, None). `url_key` (url_fallbacks):
    a correction stored under it counts when the headline it recorded is this story's."""
    for candidate in (key, text_key(summary)):
        if candidate in overrides:
            return candidate, overrides[candidate]
    if url_key in overrides and overrides[url_key].headline == headline(summary):
        return url_key, overrides[url_key]
    return key, None


def unmatched_note(override: Override) -> str:
    """What to tell the editor about a correction no story of the day carries any more."""
    words = override.headline.split()
    quoted = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    what = f"move to {override.region}" if override.action == MOVE else "drop"
    return (
        f"the {what} of '{quoted}' matches no story today (by {override.actor}; not applied:"
        " did the story's text change? do it again on the story as it is now)"
    )


def headline(summary: Summary) -> str:
    from newsletter.render import headline_and_body

    return headline_and_body(summary)[0]


# ---- the pure core ---------------------------------------------------------------------------


def apply_overrides(
    classified: Iterable[Classified], overrides: dict[str, Override]
) -> list[Classified]:
    """The classifier's answers with the editor's corrections: moved items carry their new
    region (and a reason that says who moved them from where), dropped items are gone."""
    return match_overrides(classified, overrides)[0]


def match_overrides(
    classified: Iterable[Classified], overrides: dict[str, Override]
) -> tuple[list[Classified], list[Override]]:
    """apply_overrides' answer and the overrides that matched no item."""
    items = list(classified)
    if not overrides:
        return items, []
    out: list[Classified] = []
    used: set[str] = set()
    summaries = [i.summary for i in items]
    keys = story_keys(summaries)
    for item, key, url_key in zip(items, keys, url_fallbacks(summaries, keys), strict=True):
        stored, override = find_override(overrides, key, item.summary, url_key)
        if override is None:
            out.append(item)
            continue
        used.add(stored)
        if override.action == MOVE and override.region:
            reason = f"moved by {override.actor} (classifier: {item.region.value}, {item.reason})"
            out.append(Classified(item.summary, Region(override.region), reason))
        # DROP: left out
    return out, [o for k, o in overrides.items() if k not in used]


# ---- the seam build_issue calls --------------------------------------------------------------


def _database_exists(url: str) -> bool:
    """False only for a SQLite file that is not there yet: preview on a fresh machine must not
    create a database just to learn that nobody corrected anything."""
    from newsletter.settings import sqlite_file

    path = sqlite_file(url)
    return path is None or path.exists()


def reviewed(
    day: dt.date,
    settings: Settings,
    classified: list[Classified],
    store: Store | None = None,
    *,
    overrides: dict[str, Override] | None = None,
) -> list[Classified]:
    """`classified` with the day's stored overrides applied (see the module docstring).
    `store`: the run's open store, if it has one (else the database is opened for this).
    `overrides`: the day's overrides already read from the store (newsletter/prebuild.py: a
    helper process that builds the issue has no database of its own)."""
    if overrides is not None:
        pass
    elif store is not None:
        from newsletter.store.console import overrides_for

        overrides = overrides_for(store, day)
    elif not _database_exists(settings.db_url):
        return classified
    else:
        from newsletter.store import Store
        from newsletter.store.console import overrides_for

        with Store.open(settings.db_url, hint_setting=settings.db_url_setting) as opened:
            overrides = overrides_for(opened, day)
    out, unmatched = match_overrides(classified, overrides or {})
    if overrides:
        applied = [o for o in overrides.values() if o not in unmatched]
        moved = sum(1 for o in applied if o.action == MOVE)
        log.info(
            "issue %s: %d review overrides (%d moved, %d dropped)",
            day,
            len(applied),
            moved,
            len(applied) - moved,
        )
    for override in unmatched:
        log.warning("issue %s: %s", day, unmatched_note(override))
    return out


# ---- what the CLI and the console list ---------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    number: int
    key: str
    summary: Summary
    classifier_region: Region
    classifier_reason: str
    override: Override | None = None

    @property
    def dropped(self) -> bool:
        return self.override is not None and self.override.action == DROP

    @property
    def region(self) -> Region | None:
        """Where readers will find it; None when dropped."""
        if self.override is None:
            return self.classifier_region
        if self.override.action == MOVE and self.override.region:
            return Region(self.override.region)
        return None

    @property
    def reason(self) -> str:
        if self.override is None:
            return self.classifier_reason
        verb = "moved" if self.override.action == MOVE else "dropped"
        return (
            f"{verb} by {self.override.actor} (classifier: {self.classifier_region.value}, "
            f"{self.classifier_reason})"
        )

    @property
    def headline(self) -> str:
        return headline(self.summary)

    @property
    def source_line(self) -> str:
        """Where the story came from: file:line or feed id, the publisher, the link."""
        parts = [p for p in (self.summary.origin, self.summary.source, self.summary.url) if p]
        return " · ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "region": self.region.value if self.region else None,
            "reason": self.reason,
            "headline": self.headline,
            "dropped": self.dropped,
            "override": (
                None
                if self.override is None
                else {
                    "action": self.override.action,
                    "region": self.override.region,
                    "by": self.override.actor,
                    "at": self.override.created_at.isoformat(timespec="seconds"),
                }
            ),
            "classifier": {
                "region": self.classifier_region.value,
                "reason": self.classifier_reason,
            },
            "origin": self.summary.origin or None,
        }


@dataclass
class Review:
    day: dt.date
    items: list[ReviewItem]
    problems: list[Problem] = field(default_factory=list)
    location: str = ""
    sealed: str | None = None  # the issue's ledger state once it is queued: changes are too late
    unmatched: list[Override] = field(default_factory=list)  # stored, but on no story today

    @property
    def warnings(self) -> list[str]:
        return [unmatched_note(o) for o in self.unmatched]

    def item(self, number: int) -> ReviewItem:
        for item in self.items:
            if item.number == number:
                return item
        raise InputError(
            f"issue {self.day} has no item {number} (items are numbered 1-{len(self.items)})",
            hint=f"`newsletter review --date {self.day}` lists them",
        )


def load_review(
    day: dt.date, settings: Settings, store: Store | None, source: str | None = None
) -> Review:
    """The day's distinct items in source order, each with the classifier's answer and the
    stored override, if any (none without a `store`: no database yet). Raises SourceError
    when the source cannot be read."""
    from newsletter.classify import classify_all
    from newsletter.sources import load_summaries, sample_location
    from newsletter.store.console import overrides_for

    location = source or settings.source or sample_location()
    loaded = load_summaries(location, day, settings.zone)
    overrides = overrides_for(store, day) if store is not None else {}
    items: list[ReviewItem] = []
    seen: set[str] = set()
    used: set[str] = set()
    every = classify_all(loaded.summaries)
    summaries = [c.summary for c in every]
    keys = story_keys(summaries)
    for classified, key, url_key in zip(every, keys, url_fallbacks(summaries, keys),
                                        strict=True):
        if text_key(classified.summary) in seen:
            continue  # assemble keeps the first copy of a story; so does the review
        seen.add(text_key(classified.summary))
        key, override = find_override(overrides, key, classified.summary, url_key)
        used.add(key)
        items.append(
            ReviewItem(
                number=len(items) + 1,
                key=key,
                summary=classified.summary,
                classifier_region=classified.region,
                classifier_reason=classified.reason,
                override=override,
            )
        )
    return Review(
        day,
        items,
        list(loaded.problems),
        loaded.location or location,
        sealed=_sealed(store, day) if store is not None else None,
        unmatched=[o for k, o in overrides.items() if k not in used],
    )


def _sealed(store: Store, day: dt.date) -> str | None:
    state = store.issue_state(day)
    if state is None and store.load_issue(day) is not None:
        return "queued"
    return state


def _refuse_if_sealed(review: Review) -> None:
    if review.sealed:
        state = "sent" if review.sealed == "done" else "being sent"
        raise InputError(
            f"issue {review.day} is already {state}: a review change would not reach its readers",
            hint=f"`newsletter send --date {review.day} --force` starts it over with corrections",
        )


def move(store: Store, review: Review, number: int, region: Region, actor: str, via: str) -> bool:
    """Record that item `number` belongs in `region` (the classifier's own region clears any
    override: nothing is left to correct). False, with nothing stored or audited, when the
    item is already there (see already_there); the audit names where it was until now."""
    from newsletter.store.console import audit, clear_overrides, set_override

    _refuse_if_sealed(review)
    item = review.item(number)
    if item.region is region:
        return False
    if region is item.classifier_region:
        clear_overrides(store, review.day, item.key)
    else:
        set_override(store, review.day, item.key, MOVE, region.value, item.headline, actor)
    was = item.region.value if item.region else "dropped"
    audit(
        store,
        actor,
        via,
        "review.move",
        f'item {number} "{item.headline}": {was} -> {region.value}',
        day=review.day,
    )
    log.info("issue %s: %s moved item %d to %s", review.day, actor, number, region.value)
    return True


def already_there(number: int, region: Region) -> str:
    """What a move to the item's own region says (the CLI and the console)."""
    return f"item {number} is already in {region.value}; nothing changed"


def drop(store: Store, review: Review, number: int, actor: str, via: str) -> ReviewItem:
    from newsletter.store.console import audit, set_override

    _refuse_if_sealed(review)
    item = review.item(number)
    set_override(store, review.day, item.key, DROP, None, item.headline, actor)
    audit(store, actor, via, "review.drop", f'item {number} "{item.headline}"', day=review.day)
    log.info("issue %s: %s dropped item %d", review.day, actor, number)
    return item


def reset(store: Store, review: Review, number: int | None, actor: str, via: str) -> int:
    """Put the classifier's answer back for item `number`, or for every item when None.
    Returns how many overrides were cleared."""
    from newsletter.store.console import audit, clear_overrides

    _refuse_if_sealed(review)
    if number is None:
        cleared = clear_overrides(store, review.day)
        what = "every item"
    else:
        item = review.item(number)
        cleared = clear_overrides(store, review.day, item.key)
        what = f'item {number} "{item.headline}"'
    audit(store, actor, via, "review.reset", f"{what} ({cleared} overrides cleared)", review.day)
    log.info("issue %s: %s reset %s", review.day, actor, what)
    return cleared
