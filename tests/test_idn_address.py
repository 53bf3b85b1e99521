"""A reader whose domain is not ASCII (kim@네이버.com) is mailed at the domain's ASCII form
(IDNA A-label, kim@xn--950bt9s8xi.com): the same mailbox, deliverable through any relay, with
or without SMTPUTF8. Only a local part outside ASCII would need SMTPUTF8, and such an address
is refused when it is added."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from tests.smtp_server import SmtpServer
from tests.test_operator_errors import DAY, assert_clean, run, smtp_env

IDN = "kim@네이버.com"
A_LABEL = "kim@" + "네이버.com".encode("idna").decode("ascii")


@pytest.mark.parametrize("smtputf8", [False, True])
def test_a_reader_at_an_idn_domain_is_mailed_at_its_a_label(
    cli_env: dict[str, str], tmp_path: Path, smtputf8: bool
) -> None:
    for address in (IDN, "lee@example.com"):
        added = run(cli_env, "subscribers", "add", address)
        assert added.returncode == 0, added.stderr
    with SmtpServer(smtputf8=smtputf8) as server:
        sent = run(smtp_env(cli_env, server.port), "send", "--date", DAY)
        assert_clean(sent)
        assert sent.returncode == 0, (sent.stdout, sent.stderr)
        assert "sent 2, failed 0" in sent.stdout, sent.stdout
        server.wait_for(2)
        to_idn = [m for m in server.messages if m.rcpt_tos != ["lee@example.com"]]
        assert [m.rcpt_tos for m in to_idn] == [[A_LABEL]]
        assert b"SMTPUTF8" not in server.transcript()
        parsed = email.message_from_bytes(to_idn[0].data, policy=email.policy.default)
        assert A_LABEL in str(parsed["To"])

        test_copy = run(smtp_env(cli_env, server.port), "send", "--date", DAY, "--to", IDN)
        assert test_copy.returncode == 0, test_copy.stderr
        server.wait_for(3)
        assert server.messages[-1].rcpt_tos == [A_LABEL]
