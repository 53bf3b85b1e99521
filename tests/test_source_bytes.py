"""One corrupted line in the day's summaries (bad UTF-8 bytes, or a BOM where two files were
joined with `cat`) costs that line only: it is reported by file and line, and the issue still
goes out, through a real relay, with every good story; `review` shows the same good stories."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

from newsletter.sources import sample_location
from tests.smtp_server import SmtpServer
from tests.test_operator_errors import DAY, add_readers, assert_clean, run, smtp_env


def _corrupt(tmp_path: Path) -> tuple[Path, str]:
    """The bundled sample's first six records; line 4 gets a broken UTF-8 sequence."""
    lines = Path(sample_location().replace(".txt", ".jsonl")).read_bytes().split(b"\n")[:6]
    lost = json.loads(lines[3])["title"]
    lines[3] = lines[3].replace(b'", "text"', b'\xc3\x28", "text"', 1)
    assert (
        lines[3] != Path(sample_location().replace(".txt", ".jsonl")).read_bytes().split(b"\n")[3]
    )
    path = tmp_path / "day.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, lost


def test_a_line_of_bad_utf8_is_named_and_the_issue_still_goes(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    source, lost = _corrupt(tmp_path)
    add_readers(cli_env, tmp_path, "kim@example.com")
    with SmtpServer() as server:
        env = smtp_env(cli_env, server.port, source=str(source))
        review = run(env, "review", "--date", DAY, "--json")
        assert_clean(review)
        assert review.returncode == 0, review.stderr
        assert f"{source}:4" in review.stderr and "0xc3" in review.stderr, review.stderr
        items = [json.loads(line) for line in review.stdout.splitlines() if line.strip()]
        items = items[0] if len(items) == 1 and isinstance(items[0], list) else items
        assert len(items) == 5, review.stdout

        sent = run(env, "send", "--date", DAY)
        assert_clean(sent)
        assert sent.returncode == 0, sent.stderr
        assert f"{source}:4" in sent.stderr and "UTF-8" in sent.stderr, sent.stderr
        assert "utf-8-sig" not in sent.stderr and "UnicodeDecodeError" not in sent.stderr
        server.wait_for(1)
        message = email.message_from_bytes(server.messages[0].data, policy=email.policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        assert lost not in text
        assert text.count("\n") > 10


def test_two_files_joined_with_cat_lose_nothing(cli_env: dict[str, str], tmp_path: Path) -> None:
    whole = Path(sample_location().replace(".txt", ".jsonl")).read_bytes().split(b"\n")
    source = tmp_path / "joined.jsonl"
    first = b"\n".join(whole[:3]) + b"\n"
    second = b"\n".join(whole[3:6]) + b"\n"
    source.write_bytes(b"\xef\xbb\xbf" + first + b"\xef\xbb\xbf" + second)
    review = run(cli_env, "review", "--date", DAY, "--source", str(source), "--json")
    assert_clean(review)
    assert review.returncode == 0, review.stderr
    assert "BOM" not in review.stderr and "skipped" not in review.stderr, review.stderr
    assert review.stdout.count('"headline"') == 6, review.stdout
