"""Every link `newsletter preview` writes (the .html, the .txt and the .eml), every link on an
/archive/<date> page and in a `send --to` test copy answers with a page, never a 404: through
a real `newsletter serve` process and the real CLI, on SQLite."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsletter.models import SubscriberStatus
from newsletter.store import Store
from tests.cli_process import run_cli
from tests.test_web import FORM, ONE_CLICK, call, get, serving

DAY = dt.date(2025, 2, 11)
PUBLIC = "https://news.example.com"
LINK = re.compile(re.escape(PUBLIC) + r"/[^\s\"'<>)]*")
NOT_FOUND = ("찾을 수 없습니다", "Page not found")


def eml_links(path: Path) -> tuple[set[str], str]:
    """The links in both parts of a message, and its List-Unsubscribe web link."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    found: set[str] = set()
    for kind in ("plain", "html"):
        part = message.get_body((kind,))
        assert part is not None, (path, kind)
        found |= set(LINK.findall(part.get_content()))
    header = LINK.findall(" ".join(str(message["List-Unsubscribe"]).split()))
    assert header, message["List-Unsubscribe"]
    return found | set(header), header[0]


def test_every_preview_archive_and_test_copy_link_answers(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**cli_env, "NEWSLETTER_PUBLIC_URL": PUBLIC}
    assert run_cli(env, "subscribers", "add", "kim@example.com").returncode == 0
    out = tmp_path / "preview"
    done = run_cli(env, "preview", "--date", DAY.isoformat(), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert run_cli(env, "send", "--date", DAY.isoformat()).returncode == 0  # the archive copy
    done = run_cli(env, "send", "--date", DAY.isoformat(), "--to", "me@example.com")
    assert done.returncode == 0, done.stderr
    test_copy = next((tmp_path / "data" / "outbox").rglob("test-*.eml"))

    preview_html = (out / f"{DAY}.html").read_text(encoding="utf-8")
    preview_text = (out / f"{DAY}.txt").read_text(encoding="utf-8")
    from_eml, eml_unsubscribe = eml_links(out / f"{DAY}.eml")
    from_test, test_unsubscribe = eml_links(test_copy)
    links = {
        "preview .html": set(LINK.findall(preview_html)),
        "preview .txt": set(LINK.findall(preview_text)),
        "preview .eml": from_eml,
        "send --to copy": from_test,
    }
    for where, found in links.items():  # each has its unsubscribe and preferences links
        assert any("/u/" in link for link in found), (where, found)
        assert any("/p/" in link for link in found), (where, found)

    db = Store.open(f"sqlite:///{tmp_path / 'data' / 'newsletter.db'}")
    try:
        before = [(s.id, s.status, s.regions) for s in db.iter_subscribers()]
        with serving(env) as served:
            archived = get(served.base, f"/archive/{DAY}")
            assert archived.status == 200
            links["archive page"] = set(LINK.findall(archived.text))
            assert any("/u/" in link for link in links["archive page"])
            for where, found in links.items():
                for link in sorted(found):
                    reply = get(served.base, urlsplit(link).path)
                    assert reply.status == 200, (where, link, reply.status)
                    assert not any(text in reply.text for text in NOT_FOUND), (where, link)
            # A preview's or test copy's own links say what they are, and that nothing was
            # unsubscribed; a mailbox provider's one-click POST to one changes nothing.
            for link in (eml_unsubscribe, test_unsubscribe):
                page = get(served.base, urlsplit(link).path)
                assert "미리 보기" in page.text and "<form" not in page.text, page.text
                posted = call(served.base, "POST", urlsplit(link).path, ONE_CLICK, {
                    "Content-Type": FORM,
                })  # fmt: skip
                assert posted.status == 200, posted.status
            # A token made up on the spot, in the preview's shape, is still a 404.
            forged = urlsplit(eml_unsubscribe).path[:-3] + "AAA"
            assert get(served.base, forged).status == 404
        after = [(s.id, s.status, s.regions) for s in db.iter_subscribers()]
    finally:
        db.close()
    assert after == before
    assert before[0][1] is SubscriberStatus.ACTIVE
