"""The sender pool drives every SMTP connection from one thread (a selector loop over
non-blocking sockets): ten threads each holding one connection spent their CPU handing the GIL
to each other. Whatever drives them, each connection keeps its TLS, its login and its order,
and every reader gets one copy."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from pathlib import Path

from newsletter.job import run_issue
from newsletter.store import Store
from tests.smtp_server import SmtpServer, make_certificates

DAY = dt.date(2025, 2, 11)


class ThreadNames:
    """The names of every thread seen alive while the block runs (sampled every 2 ms)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._done.wait(0.002):
            self.seen.update(t.name for t in threading.enumerate())

    def __enter__(self) -> ThreadNames:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def test_one_thread_drives_every_tls_connection(make_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    store = Store.open(settings.db_url)
    try:
        addresses = [f"reader{i}@example.com" for i in range(120)]
        for address in addresses:
            store.add_subscriber(address, None)
        certs = make_certificates(tmp_path / "certs")
        with SmtpServer(
            tls_context=certs.server_context, require_starttls=True, auth=("news", "s3cret-pw")
        ) as server:
            settings = make_settings(
                smtp={
                    "host": "127.0.0.1",
                    "port": server.port,
                    "security": "starttls",
                    "ca_file": str(certs.ca_file),
                    "username": "news",
                    "password": "s3cret-pw",
                    "concurrency": 4,
                }
            )
            with ThreadNames() as threads:
                report = run_issue(DAY, settings, store=store)
            assert report.sent == 120 and report.exit_code == 0
            received = Counter(r for m in server.messages for r in m.rcpt_tos)
            assert received == Counter(addresses)  # one copy each
            assert server.connections == 4
        senders = {name for name in threads.seen if name.startswith("sender")}
        assert senders == {"sender-0"}, senders
        assert store.counts(DAY).get("sent") == 120
    finally:
        store.close()
