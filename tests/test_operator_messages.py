"""What a new user's tester read and should not have: errors that name the wrong thing, the
readers' page in the console, CRLF in a terminal, doubled words, and exports that disagree."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsletter.store import console as db
from tests.test_console import DAY, PASSWORD, Console, console_factory  # noqa: F401  (a fixture)


@pytest.fixture
def console(console_factory: Callable[..., Console]) -> Console:  # noqa: F811
    return console_factory()


# ---- the console's 403 for a stale form is an operator page ---------------------------------


def test_a_post_with_a_stale_csrf_token_gets_a_console_page_saying_reload(
    console: Console,
) -> None:
    client = console.logged_in()
    reply = client.post(f"/admin/review/{DAY}", {"action": "drop", "number": "1", "csrf": "x"})
    assert reply.status == 403
    assert "reload the form and try again" in reply.text
    assert "메일" not in reply.text and "/admin/today" in reply.text
    assert db.overrides_for(console.store, DAY) == {}
    # A login form whose token has gone (no cookie): the form again, saying why, no session.
    bare = console.client()
    reply = bare.post("/admin/login", {"username": "kim", "password": PASSWORD, "csrf": "x"})
    assert reply.status == 403 and "nl_admin" not in bare.cookies
    assert "메일" not in reply.text and "expired" in reply.text
    assert 'name="password"' in reply.text
    # From another site: refused with a console page too.
    token = client.csrf()
    reply = client.post(
        f"/admin/review/{DAY}",
        {"action": "drop", "number": "1", "csrf": token},
        Origin="https://evil.example",
    )
    assert reply.status == 403 and "메일" not in reply.text and "another site" in reply.text
