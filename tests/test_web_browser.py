"""The readers' pages in a real browser: Debian's headless Chromium driven by Selenium.

Nothing is downloaded: Selenium is pointed at /usr/bin/chromedriver and /usr/bin/chromium, which
skips Selenium Manager. Screenshots go to tmp_path, or to $WEB_SCREENSHOT_DIR when set (to look
at them).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from newsletter import links
from newsletter.models import Region, RenderedIssue, SubscriberStatus
from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.tokens import make_token
from newsletter.web import create_app
from tests.browser import CHROMEDRIVER, CHROMIUM, HEADLESS_FLAGS, wait_across_navigation
from tests.test_web import running

pytestmark = pytest.mark.browser


PHONE = {"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True}

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the test extra)")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        *HEADLESS_FLAGS,
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def shots(tmp_path: Path) -> Callable[[Any, str], Path]:
    wanted = os.environ.get("WEB_SCREENSHOT_DIR")

    def save(driver: Any, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        assert driver.save_screenshot(str(path)), name
        if wanted:
            Path(wanted).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(wanted) / path.name)
        return path

    return save


def _message_for(settings: Settings, store: Store, subscriber_id: int, email: str) -> bytes:
    """One reader's copy of a small issue, built by the same code that builds every message."""
    from newsletter.message import (
        PREFERENCES_PLACEHOLDER,
        UNSUBSCRIBE_PLACEHOLDER,
        MessageTemplate,
    )

    rendered = RenderedIssue(
        day=dt.date(2025, 2, 11),
        regions=frozenset(Region),
        subject="아침 소식 2월 11일",
        preheader="오늘의 소식",
        html=(
            "<html><body><p>오늘의 소식</p>"
            f'<p><a href="{PREFERENCES_PLACEHOLDER}">지역 바꾸기</a> · '
            f'<a href="{UNSUBSCRIBE_PLACEHOLDER}">수신 거부</a></p></body></html>'
        ),
        text=f"오늘의 소식\n수신 거부: {UNSUBSCRIBE_PLACEHOLDER}\n",
    )
    salt = store.token_salt(subscriber_id)
    assert salt is not None
    token = make_token(settings.secret_keys(), subscriber_id, salt)
    return MessageTemplate.build(rendered, settings).personalize(
        to_address=email,
        to_name=None,
        unsubscribe_url=links.unsubscribe_url(settings.public_url, token),
        preferences_url=links.preferences_url(settings.public_url, token),
    )


def _link_in_html(raw: bytes, kind: str) -> str:
    message = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(("html",))  # type: ignore[attr-defined]
    assert body is not None
    found = re.search(rf'href="(http[^"]+/{kind}/[^"]+)"', body.get_content())
    assert found, f"no /{kind}/ link in the message"
    return found.group(1)


def _fits_the_phone(driver: Any) -> bool:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    return width <= PHONE["width"]


def test_unsubscribe_from_a_real_message_by_pressing_the_button(
    browser: Any,
    shots: Callable[[Any, str], Path],
    tmp_path: Path,
    make_settings: Callable[..., Settings],
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        alice, _ = store.add_subscriber("alice@example.com", "Alice")
        bob, _ = store.add_subscriber("bob@example.org", "Bob")
        app = create_app(make_settings(), store)
        with running(app) as base:
            settings = make_settings(public_url=base)  # the links the message carries
            link = _link_in_html(_message_for(settings, store, alice.id, alice.email), "u")
            assert link.startswith(f"{base}/u/")

            browser.get(link)
            button = browser.find_element(By.CSS_SELECTOR, "form button[type=submit]")
            assert button.text == "수신 거부하기"
            assert _fits_the_phone(browser)
            shots(browser, "unsubscribe")
            assert store.get_subscriber(alice.id).status is SubscriberStatus.ACTIVE  # type: ignore[union-attr]

            button.click()
            heading = wait_across_navigation(
                browser,
                expected_conditions.text_to_be_present_in_element(
                    (By.TAG_NAME, "h1"), "수신 거부되었습니다"
                ),
            )
            assert heading
            assert browser.get_cookies() == []
            shots(browser, "unsubscribed")
            assert store.get_subscriber(alice.id).status is SubscriberStatus.UNSUBSCRIBED  # type: ignore[union-attr]
            assert store.get_subscriber(bob.id).status is SubscriberStatus.ACTIVE  # type: ignore[union-attr]
    finally:
        store.close()


def test_preferences_form_saves_from_a_real_browser(
    browser: Any,
    shots: Callable[[Any, str], Path],
    tmp_path: Path,
    make_settings: Callable[..., Settings],
) -> None:
    """Chromium posts our own form with Origin: null (the page is no-referrer) and
    Sec-Fetch-Site: same-origin; the cross-site defence must let exactly that through."""
    store = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        bob, _ = store.add_subscriber("bob@example.org", "Bob", frozenset({Region.JAPAN}))
        with running(create_app(make_settings(), store)) as base:
            settings = make_settings(public_url=base)
            browser.get(_link_in_html(_message_for(settings, store, bob.id, bob.email), "p"))
            assert _fits_the_phone(browser)
            for value in ("Japan", "Europe"):
                browser.find_element(By.CSS_SELECTOR, f"input[value={value}]").click()
            browser.find_element(By.CSS_SELECTOR, "input[value=US]").click()
            browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait_across_navigation(
                browser,
                expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice.ok")),
            )
            shots(browser, "preferences-saved")
            assert store.get_subscriber(bob.id).regions == {Region.US, Region.EUROPE}  # type: ignore[union-attr]

            # None checked: a friendly message, nothing saved.
            for value in ("US", "Europe"):
                browser.find_element(By.CSS_SELECTOR, f"input[value={value}]").click()
            browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait_across_navigation(
                browser,
                expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice.bad")),
            )
            shots(browser, "preferences-none")
            assert store.get_subscriber(bob.id).regions == {Region.US, Region.EUROPE}  # type: ignore[union-attr]
    finally:
        store.close()


def test_archive_on_a_phone(
    browser: Any,
    shots: Callable[[Any, str], Path],
    tmp_path: Path,
    make_settings: Callable[..., Settings],
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        subjects = {
            dt.date(2025, 2, 10): "모닝 브리프 2월 10일: 미국 금리, 일본 수출, 유럽 에너지 가격",
            dt.date(2025, 2, 11): "모닝 브리프 2월 11일: 중국 내수 부양책과 반도체 공급망",
            dt.date(2025, 2, 12): "Morning Brief, 12 February: a very long subject line that "
            "has to wrap on a narrow screen without pushing the page sideways",
        }
        for day, subject in subjects.items():
            html = (
                "<!doctype html><html><head><meta charset='utf-8'>"
                "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
                f"<body><h1>{day.isoformat()}</h1><p>본문</p></body></html>"
            )
            store.save_archive(day, subject, html, "본문")
        with running(create_app(make_settings(), store)) as base:
            browser.get(f"{base}/archive/")
            days = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".issues .day")]
            assert [d[:10] for d in days] == ["2025-02-12", "2025-02-11", "2025-02-10"]
            assert _fits_the_phone(browser)
            assert browser.execute_script("return window.innerWidth") == PHONE["width"]
            shots(browser, "archive")

            browser.find_elements(By.CSS_SELECTOR, ".issues a")[1].click()
            wait_across_navigation(
                browser,
                expected_conditions.text_to_be_present_in_element(
                    (By.TAG_NAME, "h1"), "2025-02-11"
                ),
            )
            assert browser.current_url == f"{base}/archive/2025-02-11"
            shots(browser, "archive-issue")
    finally:
        store.close()
