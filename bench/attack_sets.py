"""Every reader's bytes from a send that used the prebuild helper against an in-process send
(the attack helper's script, not a test).

One reader for each set of regions (every subset of models.Region, the empty one = all), two
copies of the same database, one `send` forced to start the helper and one forced not to
(`prebuild_spawn._idle_core`), both to the file outbox; each reader's .eml is compared with the
Date, Message-ID and MIME boundary (random per message) normalised.

    python bench/attack_sets.py --trials 2

Anything that differs is printed with "DEFECT" at the start of its line.
"""

from __future__ import annotations

import argparse
import email
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsletter.models import Region  # noqa: E402

DAY = "2025-02-11"  # the bundled sample day


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLETTER_")}
    env.update(
        NEWSLETTER_SECRET_KEY="test-secret-key-0123456789abcdef",
        NEWSLETTER_FROM="Morning Brief <news@example.com>",
        NEWSLETTER_PUBLIC_URL="https://news.example.com",
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=str(REPO),
        NEWSLETTER_LOG_LEVEL="DEBUG",
    )
    return env


def _send(env: dict[str, str], helper: bool) -> subprocess.CompletedProcess[str]:
    code = (
        "import newsletter.prebuild_spawn as s\n"
        f"s._idle_core = lambda: {helper}\n"
        "from newsletter.cli import main\n"
        f"main(['send', '--date', '{DAY}'])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def _messages(data: Path) -> dict[str, bytes]:
    out = {}
    for path in (data / "outbox").rglob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        for header in ("Message-ID", "Date"):
            del message[header]
        raw = message.as_bytes()
        for boundary in set(re.findall(rb'boundary="([^"]+)"', raw)):
            raw = raw.replace(boundary, b"BOUNDARY")
        out[str(message["To"])] = raw
    return out


def trial() -> list[str]:
    root = Path(tempfile.mkdtemp(prefix="attack-sets-"))
    regions = [r.value for r in Region]
    rows = ["email,name,regions"]
    for size in range(len(regions) + 1):
        for chosen in itertools.combinations(regions, size):
            rows.append(f'r{len(rows)}@example.com,,"{",".join(chosen)}"')
    csv = root / "readers.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = _env()
    a = dict(env, NEWSLETTER_DATA_DIR=str(root / "a"))
    imported = subprocess.run(
        [sys.executable, "-m", "newsletter.cli", "subscribers", "import", str(csv)],
        env=a,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    shutil.copytree(root / "a", root / "b")
    b = dict(env, NEWSLETTER_DATA_DIR=str(root / "b"))
    with_helper, in_process = _send(a, True), _send(b, False)
    problems = []
    if "built and rendered by the helper" not in with_helper.stdout:
        problems.append(f"the helper was not used: {with_helper.stdout[-400:]}")
    if "built and rendered by the helper" in in_process.stdout:
        problems.append("the in-process send used the helper")
    if with_helper.returncode or in_process.returncode:
        problems.append(f"exits {with_helper.returncode}, {in_process.returncode}")
    got, want = _messages(root / "a"), _messages(root / "b")
    differ = sorted(k for k in want if got.get(k) != want[k])
    print(f"readers={len(rows) - 1} messages={len(got)}/{len(want)} differ={len(differ)}")
    if differ or len(got) != len(rows) - 1:
        problems.append(f"{len(differ)} readers' bytes differ: {differ[:5]}")
    shutil.rmtree(root, ignore_errors=True)
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=2)
    args = parser.parse_args()
    broken = 0
    for _ in range(args.trials):
        problems = trial()
        for problem in problems:
            print(f"DEFECT: {problem}", flush=True)
        broken += bool(problems)
    print(f"{broken} of {args.trials} trials broke a promise")


if __name__ == "__main__":
    main()
