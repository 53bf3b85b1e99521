"""`newsletter ARGS...` as the operator runs it: a real process, its exit code and output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(
    env: dict[str, str],
    *args: str,
    input: str | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsletter.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input,
        timeout=timeout,
    )
