"""An editor's corrections kept on their stories: found by a new-user tester (review fc).

Each test reproduces what the tester did (the real `newsletter` process on a real SQLite file,
the console over real HTTP, a real aiosmtpd relay) and failed before its fix.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsletter.job import SendOptions, run_issue
from newsletter.models import Summary
from newsletter.review import item_key, story_keys, text_key
from newsletter.store import Store
from newsletter.store import console as db
from tests import test_console
from tests.cli_process import run_cli
from tests.smtp_server import SmtpServer
from tests.test_console import Console

console_factory = test_console.console_factory  # the fixture: a console over real HTTP
DAY = "2026-11-26"
STORIES = [
    {
        "text": "Apple unveils a new iPhone in Cupertino with faster chips.",
        "url": "https://ex.com/a",
    },
    {
        "text": "Toyota raises its profit forecast on strong sales in Japan.",
        "url": "https://ex.com/b",
    },
    {"text": "Siemens opens a plant in Germany for rail equipment.", "region": "Korea"},
    {"text": "Ford recalls pickup trucks in Detroit over a brake fault."},
]


def write_source(folder: Path, stories: list[dict[str, str]]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{DAY}.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return str(folder / "{date}.jsonl")


def review(env: dict[str, str], source: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(env, "review", "--date", DAY, "--source", source, *args)


def rows(result: subprocess.CompletedProcess[str]) -> list[list[str]]:
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines()]


def preview_text(env: dict[str, str], source: str, out: Path) -> tuple[str, str]:
    result = run_cli(env, "preview", "--date", DAY, "--source", source, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return (out / f"{DAY}.txt").read_text(encoding="utf-8"), result.stderr


# ---- 1: a correction follows its story, or says that it no longer can ----------------------


def test_a_drop_stays_on_a_story_whose_text_changed_by_its_url(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """`--drop 1`, then one word of item 1 changed: review showed it back, preview sent it,
    and the log still counted the drop."""
    source = write_source(tmp_path / "src", STORIES)
    assert rows(review(cli_env, source, "--drop", "1"))[0][1] == "dropped"
    changed = [dict(STORIES[0], text=STORIES[0]["text"].replace("iPhone", "phone")), *STORIES[1:]]
    write_source(tmp_path / "src", changed)
    listed = review(cli_env, source)
    assert rows(listed)[0][1] == "dropped" and "phone" in rows(listed)[0][3]
    assert "matches no story" not in listed.stderr
    text, log = preview_text(cli_env, source, tmp_path / "p")
    assert "Apple" not in text and "Toyota" in text
    assert "1 review overrides (0 moved, 1 dropped)" in log


def test_a_correction_that_matches_no_story_is_said_everywhere(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """A story without a URL is known by its text: when that changes, the correction cannot
    follow it, and the editor is told (review, the log, the console) instead of silence."""
    source = write_source(tmp_path / "src", STORIES)
    assert rows(review(cli_env, source, "--drop", "4"))[3][1] == "dropped"
    assert rows(review(cli_env, source, "--move", "1", "Europe"))[0][1] == "Europe"
    changed = [*STORIES[:3], {"text": "Ford recalls pickup trucks in Detroit over a brake flaw."}]
    write_source(tmp_path / "src", changed)
    listed = review(cli_env, source)
    assert [r[1] for r in rows(listed)] == ["Europe", "Japan", "Europe", "US"]
    note = "the drop of 'Ford recalls pickup trucks in Detroit over a…' matches no story"
    assert f"warning: issue {DAY}: {note}" in listed.stderr, listed.stderr
    text, log = preview_text(cli_env, source, tmp_path / "p")
    assert "Ford" in text
    assert "1 review overrides (1 moved, 0 dropped)" in log and note in log, log


def test_the_console_today_page_names_a_correction_that_matches_no_story(
    tmp_path: Path, console_factory: Callable[..., Console]
) -> None:
    source = write_source(tmp_path / "src", STORIES)
    console = console_factory(source=source)
    client = console.logged_in()
    form = {"csrf": client.csrf(), "action": "drop", "number": "4"}
    assert client.post(f"/admin/review/{DAY}", form).status == 303
    write_source(tmp_path / "src", [*STORIES[:3], {"text": "Ford recalls vans in Detroit."}])
    page = client.get(f"/admin/today?date={DAY}")
    assert page.status == 200
    shown = re.search(r'<p class="notice bad unmatched">([^<]*)</p>', page.text)
    assert shown, page.text
    assert "The drop of &#39;Ford recalls pickup trucks" in shown.group(1)
    assert "matches no story today" in shown.group(1)


def test_stories_sharing_one_url_are_told_apart_and_old_text_keys_still_apply() -> None:
    a = Summary(text="First story.", url="https://ex.com/section")
    b = Summary(text="Second story.", url="https://ex.com/section")
    c = Summary(text="Third story.", url="https://ex.com/c#top")
    assert story_keys([a, b, c]) == [text_key(a), text_key(b), item_key(c)]
    assert item_key(c) == item_key(
        Summary(text="Third story, re-summarised.", url="https://ex.com/c")
    )
    assert item_key(Summary(text="No link.")) == text_key(Summary(text="no  link"))


def test_a_drop_keyed_by_url_holds_when_a_second_story_with_that_url_arrives(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    """The reviewer's case: dropped while its URL was its own, then a second story came with
    the same URL, so both were keyed by text and the drop (stored under the URL) matched
    nothing: the dropped story was sent. It must stay dropped, and the newcomer stay in."""
    source = write_source(tmp_path / "src", STORIES)
    assert rows(review(cli_env, source, "--drop", "1"))[0][1] == "dropped"
    newcomer = {"text": "Apple opens a store in Seoul with a rooftop garden.",
                "url": "https://ex.com/a"}
    write_source(tmp_path / "src", [*STORIES, newcomer])
    listed = review(cli_env, source)
    assert rows(listed)[0][1] == "dropped", listed.stdout
    assert "matches no story" not in listed.stderr, listed.stderr
    text, _ = preview_text(cli_env, source, tmp_path / "p")
    assert "iPhone" not in text and "rooftop" in text


def test_a_drop_by_url_never_takes_a_second_story_of_the_same_headline() -> None:
    """The reviewer's case: a live blog's entries share one URL and one title. A drop stored
    under the URL while only A had it matched B too, by the headline alone: both dropped."""
    import datetime as _dt

    from newsletter.models import Classified, Override, Region
    from newsletter.review import headline, match_overrides

    a = Summary(text="Ukraine war live. Shelling near Kharkiv overnight.", url="https://ex.com/live",
                title="Ukraine war live")
    b = Summary(text="Ukraine war live. Talks resume in Geneva.", url="https://ex.com/live",
                title="Ukraine war live")
    drop = Override(item_key(a), "drop", None, headline(a), "editor", _dt.datetime.now(_dt.UTC))
    items = [Classified(a, Region.EUROPE, "r"), Classified(b, Region.EUROPE, "r")]
    kept, unmatched = match_overrides(items, {item_key(a): drop})
    assert [k.summary for k in kept] == [a, b]  # no guess between the two
    assert unmatched == [drop]  # and the editor is told the drop found no story
    c = Summary(text="Markets calm.", url="https://ex.com/live", title="Markets")
    kept, unmatched = match_overrides([items[0], Classified(c, Region.US, "r")],
                                      {item_key(a): drop})
    assert [k.summary for k in kept] == [c] and unmatched == []  # its own headline: dropped


# ---- 2: the same words for a record kept in review as in preview and send ------------------


def test_review_says_kept_for_a_record_it_kept(cli_env: dict[str, str], tmp_path: Path) -> None:
    source = write_source(tmp_path / "src", STORIES)
    listed = review(cli_env, source)
    assert rows(listed)[2][1] == "Europe"
    line = next(x for x in listed.stderr.splitlines() if "Korea" in x)
    assert line.startswith(f"note {tmp_path / 'src' / DAY}.jsonl:3: kept; unknown region"), line
    _, log = preview_text(cli_env, source, tmp_path / "p")
    assert line in log


def test_the_console_says_kept_for_a_record_it_kept(
    tmp_path: Path, console_factory: Callable[..., Console]
) -> None:
    source = write_source(tmp_path / "src", STORIES)
    page = console_factory(source=source).logged_in().get(f"/admin/today?date={DAY}")
    assert page.status == 200
    assert f"note {tmp_path / 'src' / DAY}.jsonl:3: kept; unknown region" in page.text
    assert "skipped" not in page.text


# ---- 3: the audit log names the region the story was in -------------------------------------


def test_moves_are_audited_from_the_current_region_and_a_move_in_place_is_a_no_op(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    source = write_source(tmp_path / "src", STORIES)
    same = review(cli_env, source, "--move", "1", "US")
    assert rows(same)[0][1] == "US"
    assert "note: item 1 is already in US; nothing changed" in same.stderr
    assert rows(review(cli_env, source, "--move", "1", "Japan"))[0][1] == "Japan"
    again = review(cli_env, source, "--move", "1", "Japan")
    assert "already in Japan" in again.stderr
    assert rows(review(cli_env, source, "--move", "1", "US"))[0][1] == "US"
    assert rows(review(cli_env, source, "--drop", "1"))[0][1] == "dropped"
    assert rows(review(cli_env, source, "--move", "1", "China"))[0][1] == "China"
    with Store.open(f"sqlite:///{Path(cli_env['NEWSLETTER_DATA_DIR']) / 'newsletter.db'}") as store:
        moves = [
            e.detail.rpartition(": ")[2]
            for e in reversed(db.audit_entries(store))
            if e.action == "review.move"
        ]
    assert moves == ["US -> Japan", "Japan -> US", "dropped -> China"]


def test_the_console_says_a_move_in_place_changed_nothing(
    console_factory: Callable[..., Console],
) -> None:
    console = console_factory()
    client = console.logged_in()
    token = client.csrf()
    form = {"csrf": token, "action": "move", "number": "2", "region": "US"}
    assert client.post(f"/admin/review/{DAY}", form).status == 303
    page = client.get(f"/admin/today?date={DAY}")
    assert "Item 2 is already in US; nothing changed." in page.text
    client.post(f"/admin/review/{DAY}", dict(form, region="Japan"))
    client.post(f"/admin/review/{DAY}", dict(form, region="US"))
    details = [e.detail for e in db.audit_entries(console.store, day=dt.date(2026, 11, 26))]
    assert [d.rpartition(": ")[2] for d in details] == ["Japan -> US", "US -> Japan"]


# ---- 4: a sent issue's Today page shows its state, not buttons that are refused ------------


def test_today_shows_a_sent_issue_as_sent_without_move_or_drop(
    console_factory: Callable[..., Console], make_settings: Any
) -> None:
    console = console_factory()
    client = console.logged_in()
    before = client.get(f"/admin/today?date={DAY}")
    assert 'value="move"' in before.text and 'value="drop"' in before.text
    with SmtpServer() as server:
        relayed = make_settings(
            database_url=console.settings.db_url,
            smtp={"host": server.host, "port": server.port, "security": "none", "timeout": 5},
        )
        report = run_issue(dt.date(2026, 11, 26), relayed, SendOptions(), store=console.store)
    assert report.sent == 2
    page = client.get(f"/admin/today?date={DAY}")
    assert page.status == 200
    for button in ('value="move"', 'value="drop"', 'value="reset"', 'value="reset-all"'):
        assert button not in page.text, button
    assert page.text.count('<span class="tag sealed">sent</span>') == page.text.count(
        '<tr id="item-'
    )
    assert "already sent" in page.text
