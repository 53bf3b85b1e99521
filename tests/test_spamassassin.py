"""The messages as a spam filter sees them: Debian's SpamAssassin, offline (-L), its own rules.

Floor: 0.5 points (issue 13). Network tests (DNS blocklists, Razor, Pyzor) are off with -L, so
what is measured is the message itself: its HTML, its text part, its headers. Skipped only when
the spamassassin binary is missing; CI installs it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.deliver import Personalizer
from newsletter.job import preview_issue
from newsletter.models import Issue
from newsletter.render import Renderer
from newsletter.settings import Settings
from tests.test_render import EN_ITEMS, KO_ITEMS, make_issue, settings_for
from tests.test_render_reader import WIRE_ITEMS

SPAMASSASSIN = shutil.which("spamassassin")
FLOOR = 0.5

pytestmark = pytest.mark.skipif(SPAMASSASSIN is None, reason="needs Debian's spamassassin")

SettingsFactory = Callable[..., Settings]
_SCORE = re.compile(r"Content analysis details:\s+\((-?[\d.]+) points")
_RULE = re.compile(r"^\s*(-?\d+\.\d+)\s+([A-Z0-9_]+)\s", re.M)


def spam_report(raw: bytes, home: Path) -> tuple[float, dict[str, float]]:
    """(score, {rule: points}) from `spamassassin -L -t`, without touching the user's home."""
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(SPAMASSASSIN), "-L", "-t", "-p", str(home / "user_prefs")],
        input=raw,
        capture_output=True,
        timeout=120,
        check=False,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    report = done.stdout.decode("utf-8", "replace")
    found = _SCORE.search(report)
    assert found, f"no SpamAssassin report: {done.stderr.decode(errors='replace')[-2000:]}"
    details = report[found.start() :]
    return float(found.group(1)), {name: float(pts) for pts, name in _RULE.findall(details)}


def one_message(issue: Issue, settings: Settings) -> bytes:
    """A reader's message as send builds it (the path preview and the real send share)."""
    renderer = Renderer(settings)
    template = Personalizer(issue, settings, renderer).template_for(frozenset())
    assert template is not None
    return Personalizer(issue, settings, renderer).message(
        template, subscriber_id=7, salt="spam", email="reader@example.org", name="김독자"
    )


@pytest.mark.parametrize(
    ("locale", "items"),
    [("ko", KO_ITEMS), ("en", EN_ITEMS), ("ko", WIRE_ITEMS)],
    ids=["korean", "english", "wire"],
)
def test_issue_scores_under_the_floor(
    make_settings: SettingsFactory, tmp_path: Path, locale: str, items: list
) -> None:
    raw = one_message(make_issue(items), settings_for(make_settings, locale))
    score, rules = spam_report(raw, tmp_path / "home")
    hits = {name: pts for name, pts in rules.items() if pts > 0}
    assert score <= FLOOR, f"SpamAssassin {score} points: {hits}"
    assert "HTML_FONT_LOW_CONTRAST" not in rules


def test_the_bundled_sample_day_as_preview_writes_it(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    settings = make_settings()
    paths = preview_issue(dt.date(2025, 2, 11), settings, tmp_path / "preview")
    score, rules = spam_report(paths[2].read_bytes(), tmp_path / "home")
    assert score <= FLOOR, f"SpamAssassin {score} points: {rules}"


def test_the_harness_sees_the_rule_the_issue_was_about(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    # The old preheader (white text on the light grey page) must still be caught, or the
    # floor above proves nothing.
    custom = tmp_path / "brand"
    custom.mkdir()
    (custom / "issue.css").write_text(
        ".preheader { display: none; font-size: 1px; color: #ffffff; }\n"
        "body { background-color: #eef1f4; }\n",
        encoding="utf-8",
    )
    settings = settings_for(make_settings, templates_dir=custom)
    score, rules = spam_report(one_message(make_issue(KO_ITEMS), settings), tmp_path / "home")
    assert "HTML_FONT_LOW_CONTRAST" in rules and score > FLOOR
