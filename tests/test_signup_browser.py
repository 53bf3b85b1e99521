"""The sign-up page in a real browser at 375 px: Chromium fills in the form, the confirmation
mail arrives at aiosmtpd, Chromium opens its link and presses the button (issue 14)."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsletter.models import Region, SubscriberStatus
from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.web import create_app
from tests.browser import wait_across_navigation
from tests.smtp_server import SmtpServer
from tests.test_web import running
from tests.test_web_browser import PHONE, _fits_the_phone, browser, shots  # noqa: F401

pytestmark = pytest.mark.browser

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402


def _tap_targets_are_big_enough(driver: Any) -> bool:
    heights = driver.execute_script(
        "return Array.from(document.querySelectorAll('input[type=email], input[type=text]:not"
        '([tabindex="-1"]), label.choice, button\')).map(e => e.getBoundingClientRect().height)'
    )
    return bool(heights) and min(heights) >= 44


def test_sign_up_and_confirm_on_a_phone(
    browser: Any,  # noqa: F811
    shots: Callable[[Any, str], Path],  # noqa: F811
    tmp_path: Path,
    make_settings: Callable[..., Settings],
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        with SmtpServer() as smtp:
            smtp_settings = {"host": smtp.host, "port": smtp.port, "security": "none"}
            settings = make_settings(smtp=smtp_settings)
            with running(create_app(settings, store)) as base:
                browser.get(f"{base}/subscribe")
                assert browser.execute_script("return window.innerWidth") == PHONE["width"]
                assert _fits_the_phone(browser)
                assert _tap_targets_are_big_enough(browser)
                # The off-screen field is invisible to a person.
                trap = browser.find_element(By.CSS_SELECTOR, "input[name=website]")
                assert not trap.is_displayed() or trap.size["width"] <= 1
                shots(browser, "subscribe")
                browser.find_element(By.CSS_SELECTOR, "input[name=email]").send_keys(
                    "phone.reader@example.com"
                )
                browser.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys("김독자")
                for value in ("China", "Europe", "Other"):  # untick: US and Japan stay
                    browser.find_element(By.CSS_SELECTOR, f"input[value={value}]").click()
                browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
                wait_across_navigation(
                    browser,
                    expected_conditions.text_to_be_present_in_element(
                        (By.TAG_NAME, "h1"), "메일함을 확인해 주세요"
                    ),
                )
                assert _fits_the_phone(browser)
                shots(browser, "subscribe-sent")
                assert store.find_subscriber("phone.reader@example.com") is None

                smtp.wait_for(1)
                message = email.message_from_bytes(
                    smtp.messages[0].data, policy=email.policy.default
                )
                # The link names NEWSLETTER_PUBLIC_URL; the browser opens its path here.
                link = re.search(r"https://news\.example\.com(/confirm/\S+)", message.get_content())
                assert link
                browser.get(base + link.group(1))
                assert _fits_the_phone(browser)
                shots(browser, "confirm")
                assert store.find_subscriber("phone.reader@example.com") is None
                browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
                wait_across_navigation(
                    browser,
                    expected_conditions.presence_of_element_located(
                        (By.CSS_SELECTOR, ".notice.ok")
                    ),
                )
                shots(browser, "confirmed")
            reader = store.find_subscriber("phone.reader@example.com")
            assert reader is not None and reader.status is SubscriberStatus.ACTIVE
            assert reader.regions == {Region.US, Region.JAPAN} and reader.name == "김독자"
    finally:
        store.close()
