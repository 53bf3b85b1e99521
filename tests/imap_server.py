"""A real IMAP server for tests: Debian's dovecot, started by the test on its own 127.0.0.1
port with its own configuration, TLS certificate, user and Maildir in a temp folder (never
the system service).

    with DovecotServer(tmp_path) as imap:
        imap.append("INBOX", raw_bytes)
        ...NEWSLETTER_BOUNCE_IMAP__HOST=127.0.0.1, PORT=imap.port, CA_FILE=imap.ca_file...
"""

from __future__ import annotations

import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "bounces"
PASSWORD = "imap-test-password"


def available() -> bool:
    return Path(DOVECOT).exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DovecotServer:
    def __init__(self, directory: Path) -> None:
        self.dir = directory / "dovecot"
        self.port = _free_port()
        self.ca_file = self.dir / "ca.pem"
        self.process: subprocess.Popen[bytes] | None = None
        # Dovecot refuses to touch mail as root, and pytest's tmp_path is root-only: the
        # mailboxes live in a world-traversable temp folder, owned by nobody.
        self.mail_root = Path(tempfile.mkdtemp(prefix="nl-imap-"))

    def start(self) -> DovecotServer:
        import trustme

        d = self.dir
        for sub in ("run", "state", "home"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        ca.cert_pem.write_to_path(str(self.ca_file))
        cert.private_key_pem.write_to_path(str(d / "key.pem"))
        cert.cert_chain_pems[0].write_to_path(str(d / "cert.pem"))
        os.chmod(d / "key.pem", 0o600)
        (d / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        self.mail_root.chmod(0o755)
        uid, gid = (65534, 65534) if os.getuid() == 0 else (os.getuid(), os.getgid())
        if os.getuid() == 0:
            os.chown(self.mail_root, uid, gid)
        (d / "dovecot.conf").write_text(
            f"""
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain
mail_location = maildir:{self.mail_root}/%u/Maildir
mail_uid = {uid}
mail_gid = {gid}
default_internal_user = {os.environ.get("USER") or "root"}
default_login_user = dovenull
passdb {{
  driver = passwd-file
  args = {d}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={self.mail_root}/%u
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {self.port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(d / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not listen on {self.port}: {self.log()}")

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        shutil.rmtree(self.mail_root, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        client = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=context, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, folder: str, raw: bytes) -> None:
        client = self.client()
        try:
            status, data = client.append(f'"{folder}"', None, None, raw)
            assert status == "OK", data
        finally:
            client.logout()

    def count(self, folder: str) -> int:
        client = self.client()
        try:
            status, data = client.select(f'"{folder}"', readonly=True)
            return int(data[0]) if status == "OK" else -1
        finally:
            client.logout()

    def fetch_all(self, folder: str) -> list[bytes]:
        client = self.client()
        try:
            client.select(f'"{folder}"', readonly=True)
            _, data = client.search(None, "ALL")
            out = []
            for num in data[0].split():
                _, fetched = client.fetch(num, "(BODY.PEEK[])")
                out.append(fetched[0][1])
            return out
        finally:
            client.logout()
