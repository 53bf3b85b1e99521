"""The operator console in a real browser: Debian's headless Chromium driven by Selenium, the
console served by uvicorn, mail going to a real SMTP server (aiosmtpd) on 127.0.0.1.

One editor's morning: log in, review the issue and move an item, test-send it, send it and
watch the counts reach the end without reloading, import a CSV with a bad row, log out.
Screenshots go to tmp_path, or to $WEB_SCREENSHOT_DIR when set (docs/img/ is made that way).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from newsletter.operators import hash_password
from newsletter.settings import Settings
from newsletter.store import Store
from newsletter.store import console as db
from newsletter.web import create_app
from tests.smtp_server import SmtpServer
from tests.test_web import running
from tests.test_web_browser import PHONE, browser, shots  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

DAY = dt.date(2026, 11, 26)
PASSWORD = "correct horse battery staple"
READERS = 30
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}


def _size(driver: Any, metrics: dict[str, Any]) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def _fits(driver: Any, width: int) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth") <= width


def _notice(driver: Any, text: str) -> None:
    WebDriverWait(driver, 30).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, "main"), text)
    )


def test_an_editors_morning_in_the_console(
    browser: Any,  # noqa: F811
    shots: Callable[[Any, str], Path],  # noqa: F811
    tmp_path: Path,
    make_settings: Callable[..., Settings],
) -> None:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    store = Store.open(url)
    try:
        db.add_operator(store, "kim", hash_password(PASSWORD))
        for i in range(READERS):
            store.add_subscriber(f"reader{i}@example.com", f"Reader {i}")
        # Ten messages a second over one connection: the send takes a few seconds, long
        # enough to watch the counts move.
        with SmtpServer() as relay:
            settings = make_settings(
                database_url=url,
                public_url="http://localhost:8000",
                smtp={
                    "host": relay.host,
                    "port": relay.port,
                    "security": "none",
                    "rate": 10,
                    "concurrency": 1,
                },
            )
            with running(create_app(settings, store)) as base:
                _morning(browser, shots, base, store, relay, tmp_path)
    finally:
        store.close()


def _morning(
    driver: Any,
    save: Callable[[Any, str], Path],
    base: str,
    store: Store,
    relay: SmtpServer,
    tmp_path: Path,
) -> None:
    _size(driver, DESKTOP)

    # Without a session the console shows only the login form.
    driver.get(f"{base}/admin/today?date={DAY}")
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "login")))
    assert "/admin/login" in driver.current_url
    driver.find_element(By.ID, "username").send_keys("kim")
    driver.find_element(By.ID, "password").send_keys("not the password")
    driver.find_element(By.ID, "login").click()
    _notice(driver, "Wrong name or password.")
    save(driver, "console-login")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "item-table")))
    assert driver.current_url.endswith(f"/admin/today?date={DAY}")
    cookie = driver.get_cookie("nl_admin")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    # Review: item 2 is filed under US by the classifier; the editor moves it to Japan.
    row = driver.find_element(By.ID, "item-2")
    assert row.get_attribute("data-region") == "US"
    assert "Reason:" in row.text and "Source:" in row.text
    Select(row.find_element(By.NAME, "region")).select_by_value("Japan")
    row.find_element(By.CSS_SELECTOR, "button[value=move]").click()
    _notice(driver, "Item 2 moved to Japan.")
    row = driver.find_element(By.ID, "item-2")
    assert row.get_attribute("data-region") == "Japan"
    assert "override by kim" in row.text
    overrides = db.overrides_for(store, DAY)
    assert [(o.action, o.region, o.actor) for o in overrides.values()] == [("move", "Japan", "kim")]
    driver.execute_script("window.scrollTo(0, 0)")
    save(driver, "console-today")

    # Test send: the [TEST] copy reaches the relay; the ledger stays empty.
    driver.find_element(By.ID, "to").send_keys("editor@example.com")
    driver.find_element(By.ID, "test-send").click()
    _notice(driver, "Test copy ([TEST]) sent to 1 of 1 addresses")
    relay.wait_for(1)
    test_copy = message_from_bytes(relay.messages[0].data, policy=policy.default)
    assert relay.messages[0].rcpt_tos == ["editor@example.com"]
    assert "[TEST]" in test_copy["Subject"]
    assert sum(store.counts(DAY).values()) == 0

    # Send now: the confirmation names the reader count; progress updates without a reload.
    driver.find_element(By.ID, "send-now").click()
    count = WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "reader-count")))
    assert count.text == str(READERS)
    save(driver, "console-send-confirm")
    driver.find_element(By.ID, "confirm-send").click()
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "progress")))
    driver.execute_script("window.stillTheSamePage = true")
    first = int(driver.find_element(By.ID, "count-sent").text)
    assert first < READERS, "the send ended before the page could show it under way"
    WebDriverWait(driver, 90).until(ec.visibility_of_element_located((By.ID, "done")))
    assert driver.execute_script("return window.stillTheSamePage") is True
    assert driver.find_element(By.ID, "count-sent").text == str(READERS)
    assert driver.find_element(By.ID, "state").text == "done"
    assert "send finished: sent 30" in driver.find_element(By.ID, "message").text
    save(driver, "console-progress")
    relay.wait_for(READERS + 1)
    assert len(relay.messages) == READERS + 1  # the test copy and one per reader, no more
    sent = message_from_bytes(relay.messages[-1].data, policy=policy.default)
    body = sent.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.index("마이크로소프트") > body.index("일본")  # the move reached the readers

    # The same day at phone width: nothing wider than the screen.
    _size(driver, PHONE)
    driver.get(f"{base}/admin/today?date={DAY}")
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "item-table")))
    assert _fits(driver, PHONE["width"])
    save(driver, "console-today-phone")
    driver.get(f"{base}/admin/issues/{DAY}")
    assert _fits(driver, PHONE["width"])
    assert driver.find_element(By.ID, "count-sent").text == str(READERS)
    _size(driver, DESKTOP)

    # Import a CSV with one bad row: the good rows are kept, the bad one named by line.
    upload = tmp_path / "readers.csv"
    upload.write_text(
        "email,name,regions\nnew1@example.com,New One,US\nnot-an-address,Bad,\n"
        'new2@example.com,New Two,"Japan,Europe"\n',
        encoding="utf-8",
    )
    driver.get(f"{base}/admin/subscribers")
    driver.find_element(By.ID, "csv-file").send_keys(str(upload))
    driver.find_element(By.ID, "import").click()
    result = WebDriverWait(driver, 30).until(
        ec.presence_of_element_located((By.ID, "import-result"))
    )
    assert "2 added" in result.text and "1 row with problems" in result.text
    assert "readers.csv:3" in result.text
    assert store.find_subscriber("new2@example.com") is not None
    assert store.find_subscriber("not-an-address") is None
    save(driver, "console-import")

    driver.get(f"{base}/admin/audit")
    audit = driver.find_element(By.ID, "audit").text
    for action in ("login", "review.move", "test-send", "send", "subscriber.import"):
        assert action in audit
    save(driver, "console-audit")

    # Log out: the console is closed again, even to the same driver going back.
    driver.find_element(By.ID, "logout").click()
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "login")))
    assert driver.get_cookie("nl_admin") is None
    driver.get(f"{base}/admin/subscribers")
    assert "/admin/login" in driver.current_url
    assert "new1@example.com" not in driver.page_source
