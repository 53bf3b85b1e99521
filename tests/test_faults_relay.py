"""Issue 9, the fault matrix: a sick relay. The real `newsletter send` against a relay that
refuses the message itself (552 for everyone), accepts only 3 sessions, or throttles (454) for a
few seconds. A fault of the message or of the relay is never charged to the readers: nobody is
bounced, nobody burns retries, nobody is lost, nobody gets two copies.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.fault_smtp import FaultSmtp
from tests.faults_harness import DAY, setup_scene, tail
from tests.smtp_server import Fault, FaultPlan

# Each case runs the real command in subprocesses: seconds, not milliseconds.
pytestmark = pytest.mark.slow

TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size"


def _subscribers(scene) -> list[dict]:  # type: ignore[no-untyped-def]
    done = scene.run("subscribers", "list", "--json")
    assert done.code == 0, done.text
    return [json.loads(line) for line in done.out.splitlines() if line.strip()]


def _bounce_counts(scene) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from newsletter.store.tables import subscribers as s

    with scene.store.engine.connect() as connection:
        return dict(connection.execute(select(s.c.email, s.c.bounce_count)).all())


def test_552_for_everyone_pauses_the_run_and_bounces_nobody(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """The relay refuses the message itself (too big), for reader after reader: that is about
    us, not them. The run stops after a few with one error naming the cause; the readers stay
    deferred with no bounce; three mornings of it leave the list intact; once the relay takes
    the message, a resume sends everyone their one copy."""
    n = 30
    plan = FaultPlan().on_every_message(Fault("DOT", reply=TOO_BIG, times=None))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=1)
        try:
            runs = []
            refused = []  # 552s the relay gave, per run
            for k in range(3):  # three mornings
                scene.day = DAY + dt.timedelta(days=k)
                before = server.replies[552]
                runs.append(scene.run("send", "--date", scene.day.isoformat()))
                refused.append(server.replies[552] - before)
            first = runs[0]
            scene.day = DAY
            status = scene.status()
            fourth_day = DAY + dt.timedelta(days=3)
            subscribers = _subscribers(scene)
            bounces = _bounce_counts(scene)
            server.faults = FaultPlan()  # the operator fixed the message: the relay takes it
            resumed = scene.resume()
            scene.report(
                "552 for everyone",
                concurrency=1,
                readers=n,
                run_output=tail(first, 3),
                run_exit=first.code,
                refused_by_relay_per_run=refused,
                status_after=status.get("state"),
                deferred_after=status.get("deferred"),
                failed_after=status.get("failed"),
                active_after_3_mornings=sum(s["status"] == "active" for s in subscribers),
                resume_output=tail(resumed, 2),
                resume_exit=resumed.code,
                resume_waited_s=resumed.waited and round(resumed.waited, 2),
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
            )
            for run in runs:
                run.one_line_error()
                assert run.code == 4, run.text
                assert "552" in run.err and "refuses the message" in run.err, run.err
            # A message-level code stops the run at once: at most SYSTEMIC_REFUSALS (5) readers
            # in a row plus the next message already pipelined, not a chunk or the list.
            assert max(refused) <= 5 + 2, f"the relay refused {refused} messages per run"
            assert status.get("failed", 0) == 0, status
            assert status.get("deferred", 0) + status.get("pending", 0) == n, status
            # nobody was sent it: 'failed', with why the run stopped (was 'partial')
            assert status.get("state") == ("partial" if status.get("sent") else "failed"), status
            assert all(s["status"] == "active" for s in subscribers), subscribers
            assert not any(bounces.values()), {k: v for k, v in bounces.items() if v}
            assert fourth_day  # the fourth morning still has its readers:
            assert len([s for s in subscribers if s["status"] == "active"]) == n
            assert resumed.code == 0, resumed.text
            assert resumed.waited is not None and resumed.waited < 15
            assert not scene.lost() and not scene.duplicates()
            assert scene.status().get("state") == "done"
        finally:
            scene.close()


SYSTEMIC = {
    # Every reader refused at RCPT for the same reason that has nothing to do with them.
    "550-5.7.1-rcpt": ("RCPT", "550 5.7.1 Relaying denied: sender not authorised"),
    # A content filter refusing the message itself after the final dot.
    "554-5.7.1-dot": ("DOT", "554 5.7.1 Message rejected as spam by content filtering"),
    # No enhanced code to tell message from mailbox: only "the same reply, reader after reader".
    "550-plain-rcpt": ("RCPT", "550 Requested action not taken: mailbox unavailable"),
}


@pytest.mark.parametrize("case", sorted(SYSTEMIC))
def test_the_same_refusal_for_reader_after_reader_pauses_the_run(
    case: str, tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    _same_refusal(case, tmp_path, db_url, cli_env, limit=5)


def test_systemic_refusals_is_a_setting(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """NEWSLETTER_SMTP__SYSTEMIC_REFUSALS=2: the run stops after 2 readers in a row."""
    _same_refusal("550-plain-rcpt", tmp_path, db_url, cli_env, limit=2)


def _same_refusal(
    case: str, tmp_path: Path, db_url: str, cli_env: dict[str, str], *, limit: int
) -> None:
    """The same permanent refusal for reader after reader is about us (policy, reputation,
    content), not them: the run stops within SMTP__SYSTEMIC_REFUSALS (5) readers with one error
    naming the reply, exit 4; the readers stay owed, nobody is failed or bounced."""
    n = 30
    stage, reply = SYSTEMIC[case]
    code = int(reply[:3])
    plan = FaultPlan().on_every_message(Fault(stage, reply=reply, times=None))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(
            tmp_path,
            db_url,
            cli_env,
            server,
            n,
            concurrency=1,
            smtp__systemic_refusals=str(limit),
        )
        try:
            done = scene.run("send", "--date", DAY.isoformat())
            refused = server.replies[code]
            status = scene.status()
            bounces = _bounce_counts(scene)
            scene.report(
                f"{reply[:9]} for everyone",
                systemic_refusals=limit,
                concurrency=1,
                readers=n,
                run_output=tail(done, 1),
                run_exit=done.code,
                refused_by_relay_per_run=refused,
                status_after=status.get("state"),
                failed_after=status.get("failed"),
            )
            done.one_line_error()
            assert done.code == 4, done.text
            assert reply[:9] in done.err, done.err
            # `limit` in a row, plus the next message already on its way.
            assert refused <= limit + 1, f"the relay refused {refused} readers before the stop"
            assert status.get("failed", 0) == 0, status
            # nobody was sent it: 'failed', with why the run stopped (was 'partial')
            assert status.get("state") == ("partial" if status.get("sent") else "failed"), status
            assert not any(bounces.values()), {k: v for k, v in bounces.items() if v}
        finally:
            scene.close()


def test_a_readers_own_hard_bounce_still_counts(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """550 5.1.1 at RCPT is about that reader: it fails them alone, and the run goes on, even
    when a few such readers are scattered through the list."""
    n = 20
    scene_readers = [f"reader{i:04d}@example.com" for i in (3, 9, 15)]
    plan = FaultPlan()
    for address in scene_readers:
        plan.on_recipient(address, Fault.reject(550))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=1)
        try:
            done = scene.run("send", "--date", DAY.isoformat())
            status = scene.status()
            bounces = _bounce_counts(scene)
            assert done.code == 1, done.text
            assert status.get("failed") == 3 and status.get("sent") == n - 3, status
            assert {k for k, v in bounces.items() if v} == set(scene_readers)
        finally:
            scene.close()


def test_a_3_session_relay_sends_everyone_in_one_run(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """The relay takes 3 sessions and answers 421 at the greeting to the rest. The sender should
    carry on with the 3 that work: everyone in the first run, no reader charged an attempt for
    a connection the relay refused."""
    n = 300
    with FaultSmtp(max_sessions=3) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=10)
        try:
            done = scene.run("send", "--date", DAY.isoformat())
            status = scene.status()
            attempts = scene.attempts()
            got = scene.received()
            charged = {a: k for a, k in attempts.items() if k > 1}
            scene.report(
                "3-session relay",
                concurrency=10,
                readers=n,
                run_output=tail(done, 3),
                run_exit=done.code,
                run_s=round(done.seconds, 2),
                sent_first_run=len(got),
                refused_sessions=server.refused_sessions,
                most_sessions_at_once=server.max_active,
                readers_charged_extra_attempts=len(charged),
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
                status_after=status.get("state"),
            )
            assert server.refused_sessions > 0  # the fault happened
            done.one_line_error()
            assert done.code == 0, done.text
            assert len(got) == n and max(got.values()) == 1, f"{len(got)} of {n} in the first run"
            assert not charged, f"{len(charged)} readers charged for refused connections"
            assert status.get("state") == "done" and status.get("sent") == n, status
        finally:
            scene.close()


THROTTLING = {
    "454": "454 4.7.0 Throttling failure: Maximum sending rate exceeded",  # Amazon SES
    "451-4.7.1": "451 4.7.1 Rate limit exceeded, try again later",  # a rate-limiting MTA
    "421-4.7.0": "421 4.7.0 Too many messages, slow down",  # and the relay may hang up
}


@pytest.mark.parametrize("reply", sorted(THROTTLING))
def test_throttling_for_a_few_seconds_slows_the_sender(
    reply: str, tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """SES-style `454 Throttling failure` to every MAIL for 2 seconds. The sender should back
    off (all connections together) and come back: everyone in the one run, nobody deferred to
    another run, nobody charged an attempt, and far fewer refused tries than a sender that
    ignores throttling makes (every reader, up to SMTP__MAX_ATTEMPTS times)."""
    n = 100
    code = int(reply[:3])
    with FaultSmtp(throttle=2.0, throttle_reply=THROTTLING[reply]) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=4)
        try:
            done = scene.run("send", "--date", DAY.isoformat())
            status = scene.status()
            attempts = scene.attempts()
            got = scene.received()
            throttled = server.replies[code]
            charged = {a: k for a, k in attempts.items() if k > 1}
            scene.report(
                f"{reply} for 2 s",
                concurrency=4,
                readers=n,
                run_output=tail(done, 3),
                run_exit=done.code,
                run_s=round(done.seconds, 2),
                throttled_tries=throttled,
                sent_first_run=len(got),
                readers_charged_extra_attempts=len(charged),
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
                status_after=status.get("state"),
            )
            assert throttled > 0  # the fault happened
            done.one_line_error()
            assert done.code == 0, done.text
            assert len(got) == n and max(got.values()) == 1, f"{len(got)} of {n} in the first run"
            assert status.get("deferred", 0) == 0 and status.get("state") == "done", status
            assert throttled <= 40, f"{throttled} tries refused while throttled: no back-off"
            assert not charged, f"{len(charged)} readers charged for the relay's throttling"
        finally:
            scene.close()


def test_after_throttling_the_sender_stays_within_smtp_rate(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """AIMD raises the rate again after a throttling window, but never above SMTP__RATE: the
    relay never sees more than the cap in any second (the limiter's window is 1.05 s)."""
    n, rate = 120, 40
    with FaultSmtp(throttle=1.0) as server:
        scene = setup_scene(
            tmp_path, db_url, cli_env, server, n, concurrency=4, smtp__rate=str(rate)
        )
        try:
            done = scene.run("send", "--date", DAY.isoformat(), timeout=60)
            times = server.times("DOT")
            busiest = max((sum(1 for u in times if t <= u < t + 1.0) for t in times), default=0)
            scene.report(
                "rate cap after 454",
                concurrency=4,
                readers=n,
                run_exit=done.code,
                run_s=round(done.seconds, 2),
                busiest_second=busiest,
                rate=rate,
                throttled_tries=server.replies[454],
            )
            assert done.code == 0, done.text
            assert len(scene.received()) == n and not scene.duplicates()
            assert busiest <= rate, f"{busiest} messages in one second under SMTP__RATE={rate}"
        finally:
            scene.close()
