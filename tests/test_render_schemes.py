"""The issue in light and dark, at 375 px, in Debian's headless Chromium (Selenium + CDP).

prefers-color-scheme is emulated through the DevTools protocol, the way a phone's mail app in
dark mode asks for it. Every visible piece of text is measured from its computed colour and the
computed backgrounds behind it, against WCAG 2.2 AA: 4.5:1, or 3:1 for large text (24 px, or
18.66 px bold). Set SCREENSHOT_DIR to keep the two PNGs (docs/img/ holds the ones in the docs).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsletter.message import generic_html
from newsletter.render import Renderer
from newsletter.settings import Settings
from tests.browser import CHROMEDRIVER, CHROMIUM, HEADLESS_FLAGS
from tests.test_render import KO_ITEMS, make_issue, settings_for
from tests.test_render_reader import WIRE_ITEMS

pytestmark = pytest.mark.browser

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extra)")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

SettingsFactory = Callable[..., Settings]
WIDTH = 375

# Every element with text of its own that a reader can see: its contrast against what is
# painted behind it (backgrounds composited up the tree, over the canvas of the scheme).
_MEASURE = r"""
function rgba(value) {
  var p = value.match(/[\d.]+/g).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom) {
  var a = top[3];
  return [0, 1, 2].map(function (i) { return top[i] * a + bottom[i] * (1 - a); }).concat([1]);
}
function luminance(c) {
  var v = c.slice(0, 3).map(function (x) {
    x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function backdrop(el) {
  var layers = [];
  for (var e = el; e; e = e.parentElement) {
    var c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  var canvas = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1]
                                                                 : [255, 255, 255, 1];
  var colour = canvas;
  for (var i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
  return colour;
}
if (arguments[0]) {
  // Outlook.com in dark mode marks what it recolours with data-ogsc / data-ogsb.
  document.body.setAttribute('data-ogsc', ''); document.body.setAttribute('data-ogsb', '');
}
var found = [];
document.querySelectorAll('body *').forEach(function (el) {
  var own = Array.prototype.filter.call(el.childNodes, function (n) {
    return n.nodeType === 3 && n.textContent.replace(/[\s\u034f\u200c\u00a0]/g, '') !== '';
  });
  if (!own.length || !el.getClientRects().length) return;
  var style = getComputedStyle(el);
  if (style.visibility !== 'visible') return;
  for (var e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') return;
  var back = backdrop(el), fore = over(rgba(style.color), back);
  var l1 = luminance(fore), l2 = luminance(back);
  // What a client that inverts colours itself (the Gmail apps) would paint instead.
  var flip = function (c) { return [255 - c[0], 255 - c[1], 255 - c[2], 1]; };
  var i1 = luminance(flip(fore)), i2 = luminance(flip(back));
  var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  found.push({
    text: own.map(function (n) { return n.textContent.trim(); }).join(' ').slice(0, 40),
    tag: el.tagName.toLowerCase(), cls: el.className,
    ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
    inverted: (Math.max(i1, i2) + 0.05) / (Math.min(i1, i2) + 0.05),
    large: size >= 24 || (size >= 18.66 && bold),
    fore: style.color, back: 'rgb(' + back.slice(0, 3).map(Math.round).join(', ') + ')'
  });
});
return {
  texts: found,
  page: getComputedStyle(document.body).backgroundColor,
  height: document.documentElement.scrollHeight,
  scrollWidth: document.documentElement.scrollWidth,
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  pageInDark: getComputedStyle(document.querySelector('.outer')).backgroundColor
};
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        *HEADLESS_FLAGS,
        "--hide-scrollbars",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def luminance(rgb: str) -> float:
    values = [int(float(x)) / 255 for x in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark", "outlook"])
def test_every_text_keeps_aa_contrast_at_375_px(
    browser: Any, make_settings: SettingsFactory, tmp_path: Path, scheme: str
) -> None:
    settings = settings_for(make_settings)
    issue = make_issue([*WIRE_ITEMS, *KO_ITEMS[:2]])
    renderer = Renderer(settings)
    page = tmp_path / "issue.html"
    page.write_text(generic_html(renderer.render(issue), settings), encoding="utf-8")
    test_page = tmp_path / "test-send.html"  # the test-send banner is text a reader sees too
    test_page.write_text(generic_html(renderer.render(issue, test=True), settings), "utf-8")

    metrics = {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": True}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {
            "features": [
                {"name": "prefers-color-scheme", "value": scheme.replace("outlook", "light")}
            ]
        },
    )
    browser.get(test_page.as_uri())
    banner = browser.execute_script(_MEASURE, scheme == "outlook")["texts"]
    browser.get(page.as_uri())
    # "outlook": the light scheme as Outlook.com's dark mode marks it up (its own colour
    # rewriting is not reproduced: the data-ogsc/ogsb rules must win over it and over ours).
    measured = browser.execute_script(_MEASURE, scheme == "outlook")

    assert measured["dark"] is (scheme == "dark")
    assert measured["scrollWidth"] <= WIDTH, "the issue scrolls sideways"
    page_luminance = luminance(measured["pageInDark"])
    assert page_luminance > 0.8 if scheme == "light" else page_luminance < 0.02
    texts = measured["texts"]
    assert [t for t in banner if t["cls"] == "test-banner"]
    texts += [t for t in banner if t["cls"] == "test-banner"]
    assert len(texts) > 30  # headlines, bodies, meta lines, masthead, footer: all measured
    failing = [t for t in texts if t["ratio"] < (3.0 if t["large"] else 4.5)]
    assert not failing, f"{scheme}: below WCAG AA: {failing}"
    lowest = min(texts, key=lambda t: t["ratio"])
    print(
        f"{scheme}: lowest contrast {lowest['ratio']:.2f}:1 ({lowest['tag']}.{lowest['cls']}, "
        f"{lowest['fore']} on {lowest['back']}, {lowest['text']!r})"
    )
    if scheme == "light":  # inverted by a client (the Gmail apps), it must still read
        flipped = [t for t in texts if t["inverted"] < (3.0 if t["large"] else 4.5)]
        print(f"inverted: lowest contrast {min(t['inverted'] for t in texts):.2f}:1")
        assert not flipped, f"unreadable once inverted: {flipped}"
    else:  # the dark scheme is a design, not the light one left as it was
        lit = [t for t in texts if luminance(t["fore"]) <= luminance(t["back"])]
        assert not lit, f"dark text left in the dark scheme: {lit}"

    metrics["height"] = min(measured["height"], 8000)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    shot = tmp_path / f"issue-{WIDTH}-{scheme}.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000
    keep = os.environ.get("SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
