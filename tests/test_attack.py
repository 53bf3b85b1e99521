"""Defects the attack helper proved against the delivery guarantees, each a deterministic test
that failed first. The random trials that found them are bench/attack_*.py.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fault_smtp import FaultSmtp
from tests.faults_harness import setup_scene

pytestmark = pytest.mark.slow


def test_a_full_journal_disk_is_named_as_such_not_as_a_database_outage(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """The journal's disk fills mid-send (RLIMIT_FSIZE: the command may not grow a file past
    3,000 bytes; PostgreSQL, so only the journal grows). The run brakes, gives up after
    LEASE_SECONDS, and must say what to fix: the disk. It said "when the database is back"
    while the database was fine (bench/attack_journal_full.py, 2,000 readers: 125 s, then that
    hint)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("on SQLite the limit would hit the database file too")
    with FaultSmtp() as server:
        scene = setup_scene(
            tmp_path, db_url, cli_env, server, 300, concurrency=4, lease_seconds="2"
        )
        try:

            def limit() -> None:  # in the child only
                resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))

            process = subprocess.Popen(
                [sys.executable, "-m", "newsletter.cli", "send", "--date", scene.day.isoformat()],
                env=scene.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
                preexec_fn=limit,
            )
            first = scene.finish(process, timeout=60)
            first.one_line_error()
            assert first.code == 1, first.text
            error = next(line for line in first.err.splitlines() if line.startswith("error:"))
            assert "journal" in error, error
            assert "database is back" not in error, error
            assert "disk" in error.split("still owed", 1)[1], error  # the hint names the disk
            # Nothing lost, nothing twice: the resume (no limit) finishes the issue.
            resumed = scene.resume(timeout=60)
            assert resumed.code == 0, resumed.text
            assert not scene.lost() and not scene.duplicates()
        finally:
            scene.close()
