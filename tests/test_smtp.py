"""The SMTP transport against a real aiosmtpd server on 127.0.0.1 (tests/smtp_server.py)."""

from __future__ import annotations

import base64
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import SecretStr

from newsletter.errors import ConfigError, TransportError
from newsletter.mailers import make_transport
from newsletter.mailers.base import Envelope, mask_address
from newsletter.mailers.smtp import SmtpConnection, SmtpTransport, dot_stuff
from newsletter.models import DeliveryStatus
from newsletter.settings import SmtpSettings
from tests.smtp_server import Fault, FaultPlan, ServerCertificates, SmtpServer, make_certificates

SENT = DeliveryStatus.SENT
DEFERRED = DeliveryStatus.DEFERRED
FAILED = DeliveryStatus.FAILED
UNKNOWN = DeliveryStatus.UNKNOWN
SENDER = "news@example.com"
PASSWORD = "s3cret-Pa55word"


def message(index: int, *, size: int = 2000) -> bytes:
    """A 7-bit message with CRLF endings, a base64 body of about `size` bytes, and lines that
    start with dots, which the client must stuff and the server unstuff."""
    body = base64.encodebytes(bytes((index * 7 + i) % 256 for i in range(size * 3 // 4)))
    lines = [
        b"From: News <news@example.com>",
        b"To: reader%d@example.com" % index,
        b"Subject: Issue %d" % index,
        b"MIME-Version: 1.0",
        b"Content-Type: multipart/alternative; boundary=b1",
        b"",
        b"--b1",
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: base64",
        b"",
        *body.splitlines(),
        b".a line that starts with a dot",
        b".",
        b"..",
        b"--b1--",
    ]
    return b"\r\n".join(lines) + b"\r\n"


def envelope(index: int, recipient: str | None = None, **kw: int) -> Envelope:
    return Envelope(SENDER, recipient or f"reader{index}@example.com", message(index, **kw), index)


def settings_for(server: SmtpServer, **overrides: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": "none",
        "timeout": 5.0,
    }
    values.update(overrides)
    return SmtpSettings(**values)  # type: ignore[arg-type]


def connect(server: SmtpServer, **overrides: object) -> SmtpConnection:
    return SmtpTransport(settings_for(server, **overrides)).connect()


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


@pytest.fixture
def certs(tmp_path: Path) -> ServerCertificates:
    return make_certificates(tmp_path / "pki")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def starts_pipelined(chunk: bytes) -> bool:
    return b"MAIL FROM:<" in chunk and b"RCPT TO:<" in chunk and b"DATA\r\n" in chunk


# ---- plain sending -------------------------------------------------------------------------


def test_plain_send_delivers_the_exact_bytes(server: SmtpServer) -> None:
    sent = envelope(1)
    with connect(server) as connection:
        outcome = connection.send(sent)
    assert outcome.status is SENT and outcome.code == 250
    server.wait_for(1)
    received = server.messages[0]
    assert received.mail_from == SENDER
    assert received.rcpt_tos == ["reader1@example.com"]
    assert received.data == sent.data


def test_send_many_pipelines_50_messages_over_one_connection(server: SmtpServer) -> None:
    envelopes = [envelope(i) for i in range(50)]
    with connect(server) as connection:
        assert connection.pipelining
        outcomes = connection.send_many(envelopes)
    assert [o.status for o in outcomes] == [SENT] * 50
    server.wait_for(50)
    assert [m.data for m in server.messages] == [e.data for e in envelopes]
    assert [m.rcpt_tos for m in server.messages] == [[e.recipient] for e in envelopes]
    assert server.connections == 1
    # MAIL, RCPT and DATA travelled together, not one per round trip.
    assert any(starts_pipelined(chunk) for chunk in server.received_chunks())


@pytest.mark.parametrize("where", ["server", "settings"])
def test_lock_step_without_pipelining(where: str) -> None:
    with SmtpServer(pipelining=where != "settings") as server:
        overrides = {"pipelining": False} if where == "settings" else {}
        if where == "server":
            server.pipelining = False
        with connect(server, **overrides) as connection:
            assert not connection.pipelining
            outcomes = connection.send_many([envelope(i) for i in range(5)])
        assert [o.status for o in outcomes] == [SENT] * 5
        assert len(server.messages) == 5
        assert not any(starts_pipelined(chunk) for chunk in server.received_chunks())


def test_dot_stuffing_and_line_endings_reach_the_server_intact(server: SmtpServer) -> None:
    tricky = [
        b".starts with a dot\r\n.\r\n..\r\nlast line without CRLF",
        b"Subject: lone LF\n\nline one\n.line two\n",
        b"Subject: lone CR\r\rbody\r\n",
    ]
    with connect(server) as connection:
        outcomes = connection.send_many(
            [Envelope(SENDER, f"r{i}@example.com", data, i) for i, data in enumerate(tricky)]
        )
    assert [o.status for o in outcomes] == [SENT] * 3
    assert [m.data for m in server.messages] == [
        b".starts with a dot\r\n.\r\n..\r\nlast line without CRLF\r\n",
        b"Subject: lone LF\r\n\r\nline one\r\n.line two\r\n",
        b"Subject: lone CR\r\n\r\nbody\r\n",
    ]


def _unstuff(payload: bytes) -> bytes:
    assert payload.endswith(b"\r\n.\r\n")
    lines = payload[:-3].split(b"\r\n")
    return b"\r\n".join(line[1:] if line.startswith(b".") else line for line in lines)


@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))))
def test_dot_stuff_round_trips_and_ends_only_once(lines: list[bytes]) -> None:
    data = b"\r\n".join(lines) + b"\r\n" if lines else b""
    payload = dot_stuff(data)
    assert payload.count(b"\r\n.\r\n") == 1 and payload.endswith(b"\r\n.\r\n")
    assert _unstuff(payload) == (data or b"\r\n")


def test_smtputf8_and_8bitmime_are_used_only_when_needed(server: SmtpServer) -> None:
    eight_bit = "Subject: x\r\n\r\nnaïve café\r\n".encode()
    with connect(server) as connection:
        outcomes = connection.send_many(
            [
                envelope(1),
                Envelope(SENDER, "jörg@example.com", message(2), 2),
                Envelope(SENDER, "r3@example.com", eight_bit, 3),
            ]
        )
    assert [o.status for o in outcomes] == [SENT] * 3
    mail_lines = [line for line in server.transcript().split(b"\r\n") if b"MAIL FROM" in line]
    assert mail_lines == [
        b"MAIL FROM:<news@example.com>",
        b"MAIL FROM:<news@example.com> SMTPUTF8",
        b"MAIL FROM:<news@example.com> BODY=8BITMIME",
    ]
    assert server.messages[1].rcpt_tos == ["jörg@example.com"]
    assert server.messages[2].data == eight_bit


def test_an_address_with_a_line_break_is_refused_before_the_wire(server: SmtpServer) -> None:
    evil = "victim@example.com>\r\nRCPT TO:<other@example.com"
    with connect(server) as connection:
        bad, good = connection.send_many([envelope(1, evil), envelope(2)])
    assert bad.status is FAILED and "unusable recipient" in bad.detail
    assert good.status is SENT
    assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]
    assert b"other@example.com" not in server.transcript()


def test_every_character_the_address_check_refuses_is_the_regexs() -> None:
    """_prepare's cheap test (isprintable and three `in`) stands in front of the regex: an
    address is refused exactly when it holds a control, space, DEL or an angle bracket."""
    import types

    from newsletter.mailers.smtp import _BAD_ADDRESS_CHAR, _prepare
    from newsletter.models import Outcome

    wire = types.SimpleNamespace(smtputf8=True, eight_bit=True)
    for point in [*range(0x3000), 0xFEFF, 0x1F600, 0xE0001, 0x10FFFF]:
        char = chr(point)
        for sender, recipient in ((SENDER, f"a{char}b@example.com"), (f"n{char}@x.org", "r@x.org")):
            prepared = _prepare(Envelope(sender, recipient, b"x\r\n", 1, True), wire)  # type: ignore[arg-type]
            refused = isinstance(prepared, Outcome)
            assert refused == (_BAD_ADDRESS_CHAR.search(char) is not None), (point, sender)
            if not refused:
                assert prepared.commands == (
                    f"MAIL FROM:<{sender}> SMTPUTF8\r\n" if not (sender + recipient).isascii()
                    else f"MAIL FROM:<{sender}>\r\n"
                ).encode() + f"RCPT TO:<{recipient}>\r\nDATA\r\n".encode()


def test_an_idle_connection_the_server_closed_is_replaced_quietly() -> None:
    with SmtpServer(idle_timeout=0.2) as server:
        with connect(server) as connection:
            time.sleep(0.6)  # the server hangs up on the idle connection meanwhile
            assert connection.send(envelope(1)).status is SENT
            time.sleep(0.6)
            assert connection.send_many([envelope(2), envelope(3)])[0].status is SENT
        assert server.connections == 3
        assert len(server.messages) == 3


# ---- TLS and AUTH ---------------------------------------------------------------------------


def test_starttls_verifies_the_relay_with_the_configured_ca(certs: ServerCertificates) -> None:
    with SmtpServer(tls_context=certs.server_context, require_starttls=True) as server:
        with connect(server, security="starttls", ca_file=certs.ca_file) as connection:
            assert connection.send(envelope(1)).status is SENT
        assert b"STARTTLS\r\n" in server.transcript()
        assert server.messages[0].data == envelope(1).data


def test_starttls_with_the_wrong_ca_is_one_transport_error(
    certs: ServerCertificates, tmp_path: Path
) -> None:
    stranger = make_certificates(tmp_path / "other")
    with SmtpServer(tls_context=certs.server_context) as server:
        for ca_file in (stranger.ca_file, None):  # a foreign CA, and the system store
            transport = SmtpTransport(settings_for(server, security="starttls", ca_file=ca_file))
            with pytest.raises(TransportError) as caught:
                transport.connect()
            assert "could not be verified" in str(caught.value)
            assert "NEWSLETTER_SMTP__CA_FILE" in str(caught.value)
        assert server.messages == []


def test_the_host_name_is_checked(certs: ServerCertificates, tmp_path: Path) -> None:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certs.ca.issue_cert("mail.example.net").configure_cert(context)
    with SmtpServer(tls_context=context) as server:
        transport = SmtpTransport(settings_for(server, security="starttls", ca_file=certs.ca_file))
        with pytest.raises(TransportError, match="could not be verified"):
            transport.connect()


def test_implicit_tls(certs: ServerCertificates) -> None:
    with SmtpServer(tls_context=certs.server_context, implicit_tls=True) as server:
        with connect(server, security="tls", ca_file=certs.ca_file) as connection:
            outcomes = connection.send_many([envelope(1), envelope(2)])
        assert [o.status for o in outcomes] == [SENT, SENT]
        assert [m.data for m in server.messages] == [envelope(1).data, envelope(2).data]


def test_tls_mode_against_a_plain_port_says_what_to_check(
    server: SmtpServer, certs: ServerCertificates
) -> None:
    transport = SmtpTransport(settings_for(server, security="tls", ca_file=certs.ca_file))
    with pytest.raises(TransportError, match="NEWSLETTER_SMTP__SECURITY"):
        transport.connect()


def test_starttls_mode_against_an_implicit_tls_port_times_out_with_a_hint(
    certs: ServerCertificates,
) -> None:
    with SmtpServer(tls_context=certs.server_context, implicit_tls=True) as server:
        transport = SmtpTransport(
            settings_for(server, security="starttls", ca_file=certs.ca_file, timeout=0.5)
        )
        with pytest.raises(TransportError, match="SECURITY=tls"):
            transport.connect()


def test_auth_over_starttls(certs: ServerCertificates, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with SmtpServer(tls_context=certs.server_context, auth=("mailer", PASSWORD)) as server:
        with connect(
            server,
            security="starttls",
            ca_file=certs.ca_file,
            username="mailer",
            password=SecretStr(PASSWORD),
        ) as connection:
            assert connection.send(envelope(1)).status is SENT
        assert server.auth_attempts == ["mailer"]
        assert len(server.messages) == 1
    assert PASSWORD not in caplog.text


def test_a_refused_login_is_one_error_without_the_password(certs: ServerCertificates) -> None:
    with SmtpServer(tls_context=certs.server_context, auth=("mailer", "right")) as server:
        transport = SmtpTransport(
            settings_for(
                server,
                security="starttls",
                ca_file=certs.ca_file,
                username="mailer",
                password=SecretStr(PASSWORD),
            )
        )
        with pytest.raises(TransportError) as caught:
            transport.connect()
    text = str(caught.value)
    assert "refused the login for user 'mailer'" in text and "535" in text
    assert PASSWORD not in text and PASSWORD not in repr(caught.value)


@pytest.mark.parametrize("username", ["mailer", None])
def test_no_starttls_offered_means_nothing_is_sent_in_clear(
    certs: ServerCertificates, username: str | None
) -> None:
    # The server offers AUTH over plain text, tempting a careless client.
    with SmtpServer(
        tls_context=certs.server_context, offer_starttls=False, auth=("mailer", PASSWORD)
    ) as server:
        password = SecretStr(PASSWORD) if username else None
        transport = SmtpTransport(
            settings_for(
                server,
                security="starttls",
                ca_file=certs.ca_file,
                username=username,
                password=password,
            )
        )
        with pytest.raises(TransportError, match="does not offer STARTTLS"):
            transport.connect()
        seen = server.transcript()
    assert b"EHLO" in seen.upper()
    assert b"AUTH" not in seen.upper()
    assert PASSWORD.encode() not in seen
    assert base64.b64encode(PASSWORD.encode()) not in seen
    assert b"MAIL FROM" not in seen.upper()
    assert server.auth_attempts == []


def test_plain_auth_is_allowed_when_security_none_is_chosen() -> None:
    with SmtpServer(auth=("mailer", PASSWORD)) as server:
        with connect(server, username="mailer", password=SecretStr(PASSWORD)) as connection:
            assert connection.send(envelope(1)).status is SENT
        assert server.auth_attempts == ["mailer"]


def test_credentials_for_a_relay_without_auth_are_refused(server: SmtpServer) -> None:
    # The fixture's server has no accounts and so does not advertise AUTH.
    transport = SmtpTransport(settings_for(server, username="u", password=SecretStr(PASSWORD)))
    with pytest.raises(TransportError, match="does not offer AUTH"):
        transport.connect()


def test_connection_refused_is_a_transport_error() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none", timeout=2)
    with pytest.raises(TransportError) as caught:
        SmtpTransport(settings).connect()
    assert "refused the connection" in str(caught.value)
    assert "NEWSLETTER_SMTP__PORT" in str(caught.value)
    assert caught.value.exit_code == 4


def test_an_unknown_host_is_a_transport_error() -> None:
    settings = SmtpSettings(host="relay.does-not-exist.invalid", security="none", timeout=5)
    with pytest.raises(TransportError, match="cannot resolve"):
        SmtpTransport(settings).connect()


def test_settings_problems_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="NEWSLETTER_SMTP__HOST"):
        SmtpTransport(SmtpSettings())
    with pytest.raises(ConfigError, match="NEWSLETTER_SMTP__CA_FILE"):
        SmtpTransport(SmtpSettings(host="localhost", ca_file=tmp_path / "missing.pem"))


# ---- faults: one message at a time ----------------------------------------------------------


def test_421_defers_and_the_next_send_reconnects() -> None:
    plan = FaultPlan().on_recipient("busy@example.com", Fault.shutdown("RCPT"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1, "busy@example.com"))
        assert (outcome.status, outcome.code) == (DEFERRED, 421)
        assert connection.send(envelope(2)).status is SENT
        assert server.connections == 2
        assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]


def test_451_then_success_on_the_retry_over_the_same_connection() -> None:
    plan = FaultPlan().on_recipient("later@example.com", Fault.tempfail("RCPT"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        first = connection.send(envelope(1, "later@example.com"))
        assert (first.status, first.code) == (DEFERRED, 451)
        assert "Try again later" in first.detail
        assert connection.send(envelope(1, "later@example.com")).status is SENT
        assert server.connections == 1


@pytest.mark.parametrize("pipelining", [True, False])
def test_550_fails_one_reader_and_the_connection_carries_on(pipelining: bool) -> None:
    plan = FaultPlan().on_recipient("gone@example.com", Fault.reject(550))
    with SmtpServer(faults=plan) as server:
        with connect(server, pipelining=pipelining) as connection:
            outcomes = connection.send_many(
                [envelope(1), envelope(2, "gone@example.com"), envelope(3), envelope(4)]
            )
        assert [o.status for o in outcomes] == [SENT, FAILED, SENT, SENT]
        assert outcomes[1].code == 550
        assert server.connections == 1
        assert [m.rcpt_tos[0] for m in server.messages] == [
            "reader1@example.com",
            "reader3@example.com",
            "reader4@example.com",
        ]
        assert b"RSET\r\n" in server.transcript().upper()


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        (Fault.reject(552, "DOT"), FAILED, 552),
        (Fault.reject(554, "DOT"), FAILED, 554),
        (Fault.tempfail("DOT"), DEFERRED, 451),
        (Fault.tempfail("DATA", code=452), DEFERRED, 452),
        (Fault.reject(554, "DATA"), FAILED, 554),
        (Fault.tempfail("RCPT", code=450), DEFERRED, 450),
    ],
)
def test_refusals_are_classified_and_the_next_message_still_goes(
    fault: Fault, status: DeliveryStatus, code: int
) -> None:
    plan = FaultPlan().on_recipient("x@example.com", fault)
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcomes = connection.send_many([envelope(1, "x@example.com"), envelope(2)])
        assert (outcomes[0].status, outcomes[0].code) == (status, code)
        assert outcomes[1].status is SENT
        assert server.connections == 1
        assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]


def test_a_refused_sender_is_deferred_not_a_bounce() -> None:
    plan = FaultPlan().on_every_message(Fault("MAIL", reply="553 5.7.1 Sender not allowed"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1))
    assert (outcome.status, outcome.code) == (DEFERRED, 553)
    assert "refused the sender" in outcome.detail
    assert server.messages == []


@pytest.mark.parametrize("stage", ["MAIL", "RCPT", "DATA"])
def test_a_disconnect_before_the_body_defers(stage: str) -> None:
    plan = FaultPlan().on_message(1, Fault.drop(stage))  # type: ignore[arg-type]
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1))
        assert outcome.status is DEFERRED
        assert outcome.detail.startswith("connection lost")
        assert connection.send(envelope(2)).status is SENT  # a new connection
        assert server.connections == 2
        assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]


def test_a_disconnect_right_after_the_354_defers_a_message_that_could_not_be_written() -> None:
    # The server hangs up a moment after its 354, while the client is writing 8 MB, more than
    # socket buffers hold: the write fails, so the final dot cannot have left.
    plan = FaultPlan().on_message(1, Fault("354", disconnect=True, delay=0.3))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        big = envelope(1, size=8 * 1024 * 1024)
        outcome = connection.send(big)
        assert outcome.status is DEFERRED and outcome.detail.startswith("connection lost")
        assert connection.send(envelope(2)).status is SENT
        assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]


def test_a_disconnect_right_after_the_354_is_never_reported_sent() -> None:
    plan = FaultPlan().on_message(1, Fault.drop("354"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1))
        # Deferred when the hang-up is seen before writing; unknown when it races the write.
        assert outcome.status in (DEFERRED, UNKNOWN)
        assert server.messages == []


def test_a_relay_that_speaks_after_its_354_gets_no_body() -> None:
    # The 421 arrives with the 354: the client must notice it before writing the message, so
    # the message is known to be untouched and goes again at once on a new connection.
    fault = Fault("354", reply="421 4.3.2 Going away", disconnect=True)
    with SmtpServer(faults=FaultPlan().on_message(2, fault)) as server:
        with connect(server) as connection:
            outcomes = connection.send_many([envelope(1), envelope(2)])
        assert [o.status for o in outcomes] == [SENT, SENT]
        assert server.connections == 2
        assert [m.rcpt_tos[0] for m in server.messages] == [
            "reader1@example.com",
            "reader2@example.com",
        ]


def test_a_disconnect_after_the_final_dot_is_unknown() -> None:
    plan = FaultPlan().on_message(1, Fault.drop("DOT"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1))
        assert outcome.status is UNKNOWN
        assert "after the message was sent" in outcome.detail
        # The relay did take it: exactly the case UNKNOWN exists for.
        server.wait_for(1)
        assert connection.send(envelope(2)).status is SENT
        assert server.connections == 2


def test_421_after_the_final_dot_defers() -> None:
    plan = FaultPlan().on_message(1, Fault.shutdown("DOT"))
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        outcome = connection.send(envelope(1))
        assert (outcome.status, outcome.code) == (DEFERRED, 421)
        assert connection.send(envelope(2)).status is SENT
        assert [m.rcpt_tos for m in server.messages] == [["reader2@example.com"]]


def test_a_slow_server_within_the_timeout_is_fine() -> None:
    with SmtpServer(delay=0.2) as server, connect(server, timeout=5) as connection:
        outcomes = connection.send_many([envelope(1), envelope(2)])
        assert [o.status for o in outcomes] == [SENT, SENT]


def test_no_reply_to_the_final_dot_within_the_timeout_is_unknown() -> None:
    plan = FaultPlan().on_message(1, Fault.slow(1.5, "DOT", times=1))
    with SmtpServer(faults=plan) as server, connect(server, timeout=0.4) as connection:
        outcome = connection.send(envelope(1))
        assert outcome.status is UNKNOWN and "no reply within 0.4s" in outcome.detail
        assert connection.send(envelope(2)).status is SENT
        server.wait_for(2)  # the slow one was taken after all


def test_no_reply_to_mail_within_the_timeout_defers() -> None:
    plan = FaultPlan().on_message(1, Fault.slow(1.5, "MAIL", times=1))
    with SmtpServer(faults=plan) as server, connect(server, timeout=0.4) as connection:
        outcome = connection.send(envelope(1))
        assert outcome.status is DEFERRED and "no reply within 0.4s" in outcome.detail
        assert server.messages == []


def test_a_failed_reconnect_defers_instead_of_raising() -> None:
    server = SmtpServer().start()
    connection = connect(server, timeout=2)
    try:
        assert connection.send(envelope(1)).status is SENT
        server.stop()
        outcome = connection.send(envelope(2))
        assert outcome.status is DEFERRED
        assert outcome.detail.startswith(("not attempted: cannot reconnect", "connection lost"))
        again = connection.send(envelope(3))
        assert again.status is DEFERRED and "cannot reconnect" in again.detail
    finally:
        connection.close()
        server.stop()


# ---- faults in the middle of a batch --------------------------------------------------------


def _never_sent_what_the_server_did_not_take(
    envelopes: list[Envelope], outcomes: list, server: SmtpServer
) -> None:
    assert len(outcomes) == len(envelopes)
    taken = {m.rcpt_tos[0] for m in server.messages}
    for sent, outcome in zip(envelopes, outcomes, strict=True):
        if outcome.status is SENT:
            assert sent.recipient in taken


@pytest.mark.parametrize("pipelining", [True, False])
def test_a_break_after_a_dot_mid_batch_loses_nothing(pipelining: bool) -> None:
    plan = FaultPlan().on_message(4, Fault.drop("DOT"))
    with SmtpServer(faults=plan) as server:
        envelopes = [envelope(i) for i in range(10)]
        with connect(server, pipelining=pipelining) as connection:
            outcomes = connection.send_many(envelopes)
        statuses = [o.status for o in outcomes]
        assert statuses == [SENT] * 3 + [UNKNOWN] + [SENT] * 6
        _never_sent_what_the_server_did_not_take(envelopes, outcomes, server)
        assert len(server.messages) == 10  # the unknown one was in fact taken
        assert server.connections == 2


def test_a_per_connection_limit_is_absorbed_by_a_new_connection() -> None:
    # The relay says 421 to the third MAIL of the first connection, as relays with a
    # messages-per-connection cap do.
    plan = FaultPlan().on_message(3, Fault.shutdown("MAIL"))
    with SmtpServer(faults=plan) as server:
        envelopes = [envelope(i) for i in range(6)]
        with connect(server) as connection:
            outcomes = connection.send_many(envelopes)
        assert [o.status for o in outcomes] == [SENT] * 6
        assert sorted(m.rcpt_tos[0] for m in server.messages) == sorted(
            e.recipient for e in envelopes
        )
        assert server.connections == 2


def test_a_relay_that_breaks_before_any_progress_gets_one_try_per_call() -> None:
    plan = FaultPlan().on_every_message(Fault.shutdown("MAIL", times=None))
    with SmtpServer(faults=plan) as server:
        envelopes = [envelope(i) for i in range(5)]
        with connect(server) as connection:
            outcomes = connection.send_many(envelopes)
            assert (outcomes[0].status, outcomes[0].code) == (DEFERRED, 421)
            assert all(o.status is DEFERRED for o in outcomes)
            assert [o.detail for o in outcomes[1:]] == ["not attempted: connection lost"] * 4
            assert server.connections == 1
            again = connection.send_many(envelopes[:2])
            assert [o.status for o in again] == [DEFERRED, DEFERRED]
        assert server.messages == []
        assert server.connections == 2


def test_a_rejection_inside_a_pipelined_batch_keeps_the_others_in_order() -> None:
    plan = (
        FaultPlan()
        .on_recipient("gone@example.com", Fault.reject(550))
        .on_recipient("full@example.com", Fault.reject(552, "DOT"))
        .on_recipient("later@example.com", Fault.tempfail("RCPT"))
    )
    with SmtpServer(faults=plan) as server:
        envelopes = [
            envelope(0),
            envelope(1, "gone@example.com"),
            envelope(2, "full@example.com"),
            envelope(3),
            envelope(4, "later@example.com"),
            envelope(5),
        ]
        with connect(server) as connection:
            outcomes = connection.send_many(envelopes)
        assert [(o.status, o.code) for o in outcomes] == [
            (SENT, 250),
            (FAILED, 550),
            (FAILED, 552),
            (SENT, 250),
            (DEFERRED, 451),
            (SENT, 250),
        ]
        assert [m.rcpt_tos[0] for m in server.messages] == [
            "reader0@example.com",
            "reader3@example.com",
            "reader5@example.com",
        ]
        assert server.connections == 1


@pytest.mark.parametrize("stage", ["MAIL", "RCPT", "DATA", "354", "DOT"])
def test_random_breaks_never_report_a_message_sent_that_was_not_taken(stage: str) -> None:
    plan = FaultPlan().on_message(2, Fault.drop(stage)).on_message(5, Fault.shutdown("RCPT"))  # type: ignore[arg-type]
    with SmtpServer(faults=plan) as server:
        envelopes = [envelope(i) for i in range(8)]
        with connect(server) as connection:
            outcomes = connection.send_many(envelopes)
        _never_sent_what_the_server_did_not_take(envelopes, outcomes, server)
        assert all(o.status in (SENT, DEFERRED, UNKNOWN) for o in outcomes)


# ---- logging and the factory ----------------------------------------------------------------


def test_info_logs_mask_recipients(caplog: pytest.LogCaptureFixture) -> None:
    plan = FaultPlan().on_message(1, Fault.drop("DOT"))
    caplog.set_level(logging.INFO, logger="newsletter.mailers.smtp")
    with SmtpServer(faults=plan) as server, connect(server) as connection:
        connection.send(envelope(1, "alice@example.com"))
    assert "a***@example.com" in caplog.text
    assert "alice@example.com" not in caplog.text


def test_mask_address() -> None:
    assert mask_address("alice@example.com") == "a***@example.com"
    assert mask_address("nobody") == "n***"


def test_make_transport_picks_smtp_when_a_host_is_set(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(smtp={"host": "relay.example.com"})
    transport = make_transport(settings)
    assert transport.name == "smtp"
    assert isinstance(transport, SmtpTransport) and transport.where == "relay.example.com:587"


def test_a_message_given_as_pieces_arrives_as_their_bytes(server: SmtpServer) -> None:
    """A delivery run's Envelope carries its message as pieces (most of them the template's,
    shared by every reader) that go to sendmsg() unjoined, over pipelined messages and one by
    one; a piece that is not wire-ready is joined and dot-stuffed as a whole, even where a
    line starting with a dot spans two pieces."""
    whole = [message(i) for i in range(3)]
    wire = [dot_stuff(m)[:-3] for m in whole]  # what goes after DATA, less the final dot
    split = [tuple(w[j : j + 700] for j in range(0, len(w), 700)) for w in wire]
    envelopes = [
        Envelope(SENDER, f"reader{i}@example.com", split[i], i, wire_ready=True) for i in (0, 1)
    ]
    dotted = (b"Subject: x\r\n\r\nfirst\r\n", b".starts with a dot\r\n", b"last\r\n")
    envelopes.append(Envelope(SENDER, "reader9@example.com", dotted, 9))
    with connect(server) as connection:
        outcomes = connection.send_many(envelopes)
        outcomes.append(connection.send(Envelope(SENDER, "r@example.com", split[2], 2, True)))
    assert [o.status for o in outcomes] == [SENT] * 4
    server.wait_for(4)
    assert [m.data for m in server.messages] == [whole[0], whole[1], b"".join(dotted), whole[2]]


@pytest.mark.parametrize(
    ("sender", "recipient", "named", "not_named"),
    [
        (SENDER, "jörg@example.com", "before the @", "domain"),
        (SENDER, "kim@☃.com", "domain '☃.com'", "before the @"),
        ("news@☃.com", "reader@example.com", "sender's domain '☃.com'", "before the @"),
    ],
)
def test_a_relay_without_smtputf8_is_told_which_part_is_not_ascii(
    sender: str, recipient: str, named: str, not_named: str
) -> None:
    import types

    from newsletter.mailers.smtp import _prepare
    from newsletter.models import Outcome

    wire = types.SimpleNamespace(smtputf8=False, eight_bit=True)
    outcome = _prepare(Envelope(sender, recipient, b"x\r\n", 1, True), wire)  # type: ignore[arg-type]
    assert isinstance(outcome, Outcome) and outcome.status is FAILED
    assert named in outcome.detail and not_named not in outcome.detail, outcome.detail
    assert "SMTPUTF8" in outcome.detail
