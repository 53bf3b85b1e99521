"""The rendered issue in a real browser (Debian's headless chromium) at desktop and phone widths.

Headless chromium will not make a window narrower than 500 px, so the issue is loaded into an
iframe of the exact width: media queries inside the iframe see that width, as on a phone.
Set SCREENSHOT_DIR to keep the PNGs for a human to look at.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from newsletter.message import generic_html
from newsletter.models import Region, Summary
from newsletter.render import Renderer
from newsletter.settings import Settings
from tests.browser import CHROMIUM, HEADLESS_FLAGS
from tests.test_render import KO_ITEMS, make_issue, settings_for

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin"),
]

SettingsFactory = Callable[..., Settings]

_FLAGS = [*HEADLESS_FLAGS, "--hide-scrollbars"]

_MEASURE = """<script>
document.getElementById('issue').addEventListener('load', function () {
  var doc = this.contentDocument, win = this.contentWindow;
  document.body.setAttribute('data-measure', JSON.stringify({
    innerWidth: win.innerWidth,
    scrollWidth: doc.documentElement.scrollWidth,
    scrollHeight: doc.documentElement.scrollHeight,
    phoneRules: win.matchMedia('(max-width: 600px)').matches
  }));
});
</script>"""


def real_items() -> list[tuple[Region, Summary]]:
    """The shared real Korean summaries with their labelled regions (read, never copied)."""
    summaries = SHARED_DATA / "seed-summaries-ko.txt"
    labels = SHARED_DATA / "seed-labels.jsonl"
    if not (summaries.exists() and labels.exists()):
        return KO_ITEMS
    lines = summaries.read_text(encoding="utf-8").splitlines()
    items = []
    for n, row in enumerate(labels.read_text(encoding="utf-8").splitlines()):
        label = json.loads(row)
        url = f"https://news.example.com/a/{n}" if n % 3 else None
        items.append((Region(label["region"]), Summary(text=lines[label["line"] - 1], url=url)))
    return items


def wrapper(issue_html: str, width: int, height: int, *, measure: bool) -> str:
    frame = (
        f'<iframe id="issue" srcdoc="{html_lib.escape(issue_html, quote=True)}" '
        f'style="display:block;border:0;width:{width}px;height:{height}px"></iframe>'
    )
    script = _MEASURE if measure else ""
    return f'<!DOCTYPE html><html><body style="margin:0">{frame}{script}</body></html>'


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHROMIUM), *_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_facts(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct sampled bytes) from the PNG itself, no imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat = b"".join(
        data[m.end() : m.end() + struct.unpack(">I", data[m.start() - 4 : m.start()])[0]]
        for m in re.finditer(b"IDAT", data)
    )
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels[:: max(1, len(pixels) // 50000)]))


@pytest.mark.parametrize("width", [600, 375])
def test_issue_in_a_real_browser(
    make_settings: SettingsFactory, tmp_path: Path, width: int
) -> None:
    settings = settings_for(make_settings)
    rendered = Renderer(settings).render(make_issue(real_items()))
    issue_html = generic_html(rendered, settings)
    profile = tmp_path / "profile"

    probe = tmp_path / f"measure-{width}.html"
    probe.write_text(wrapper(issue_html, width, 3000, measure=True), encoding="utf-8")
    dom = chromium(profile, "--window-size=800,3000", "--dump-dom", probe.as_uri())
    found = re.search(r"data-measure=\"([^\"]*)\"", dom.stdout)
    assert found, f"no measurement from chromium: {dom.stderr[-2000:]}"
    measured = json.loads(html_lib.unescape(found.group(1)))
    assert measured["innerWidth"] == width
    assert measured["scrollWidth"] <= width, "the issue scrolls sideways"
    assert measured["phoneRules"] is True  # 600 and below get the @media rules
    height = min(max(measured["scrollHeight"], 800), 16000)

    page = tmp_path / f"shot-{width}.html"
    page.write_text(wrapper(issue_html, width, height, measure=False), encoding="utf-8")
    png = tmp_path / f"issue-{width}.png"
    shot = chromium(
        profile, f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()
    )
    assert png.exists(), shot.stderr[-2000:]
    assert png.stat().st_size > 20_000
    png_width, png_height, distinct = png_facts(png)
    assert (png_width, png_height) == (width, height)
    assert distinct > 16, "the screenshot is (nearly) blank"

    keep = os.environ.get("SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / png.name)
