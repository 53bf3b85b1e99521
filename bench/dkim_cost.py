"""DKIM cost per message: the real issue of the sample day, built for N readers the way a send
builds them (render once, personalise per reader), unsigned, signed with RSA-2048 and with
Ed25519, and, for reference, signed by dkimpy's own ``dkim.sign``.

    .venv/bin/python bench/dkim_cost.py --n 20000

Prints messages per second and microseconds per message (wall and CPU: on a busy shared
machine the CPU figure is the one to compare) for building (and signing) only: no SMTP, no
database, one thread. The render step is timed apart to show that signing leaves it
alone (rendering still happens once per section set, not per reader). This is a script that
prints figures, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SECRET = "bench-secret-key-0123456789abcdef"


def build(n: int, settings, day: dt.date) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    from newsletter.deliver import Personalizer
    from newsletter.job import build_issue
    from newsletter.render import Renderer

    built = build_issue(day, settings, None)
    renderer = Renderer(settings)
    personalizer = Personalizer(built.issue, settings, renderer)
    started = time.perf_counter()
    template = personalizer.template_for(frozenset())
    assert template is not None
    render_seconds = time.perf_counter() - started
    size = 0
    cpu = time.process_time()
    started = time.perf_counter()
    for i in range(n):
        data = personalizer.message(
            template, subscriber_id=i + 1, salt="benchsalt000", email=f"r{i}@example.com",
            name=None,
        )  # fmt: skip
        size = len(data)
    wall = time.perf_counter() - started
    return render_seconds, wall, size, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="messages per variant")
    parser.add_argument("--dkimpy-n", type=int, default=300, help="messages for dkimpy.sign")
    args = parser.parse_args()

    from newsletter.dkim import keygen
    from newsletter.settings import load_settings

    day = dt.date(2025, 2, 11)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rsa_key, _, _ = keygen("bench", "example.com", "rsa", 2048, work / "rsa.key")
        ed_key, _, _ = keygen("bench", "example.com", "ed25519", out=work / "ed.key")
        base = {
            "data_dir": work / "data",
            "secret_key": SECRET,
            "sender": "Morning Brief <news@example.com>",
            "public_url": "https://news.example.com",
            "log_level": "WARNING",
        }
        variants = {
            "unsigned": load_settings(**base),
            "rsa-2048": load_settings(
                **base,
                dkim={"domain": "example.com", "selector": "bench", "private_key_file": rsa_key},
            ),
            "ed25519": load_settings(
                **base,
                dkim={"domain": "example.com", "selector": "bench", "private_key_file": ed_key},
            ),
        }
        results = {}
        for name, settings in variants.items():
            render, seconds, size, cpu = build(args.n, settings, day)
            results[name] = (render, seconds, size, cpu)
            print(
                f"{name:<10} {args.n / seconds:>9.0f} msg/s  {seconds / args.n * 1e6:>7.1f} us/msg"
                f" wall, {cpu / args.n * 1e6:>7.1f} us/msg CPU"
                f"  (render once: {render * 1000:.0f} ms; message {size} bytes)"
            )
        plain = results["unsigned"][3] / args.n
        for name in ("rsa-2048", "ed25519"):
            cost = results[name][3] / args.n - plain
            print(f"  signing cost {name}: {cost * 1e6:.1f} us/msg of CPU")

        import dkim

        from newsletter.deliver import Personalizer
        from newsletter.job import build_issue
        from newsletter.render import Renderer

        settings = variants["unsigned"]
        built = build_issue(day, settings, None)
        personalizer = Personalizer(built.issue, settings, Renderer(settings))
        template = personalizer.template_for(frozenset())
        assert template is not None
        message = personalizer.message(
            template, subscriber_id=1, salt="benchsalt000", email="r@example.com", name=None
        )
        pem = rsa_key.read_bytes()
        headers = [
            b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
            b"content-type", b"list-id", b"list-unsubscribe", b"list-unsubscribe-post",
        ]  # fmt: skip
        started = time.process_time()
        for _ in range(args.dkimpy_n):
            dkim.sign(
                message, b"bench", b"example.com", pem,
                canonicalize=(b"relaxed", b"relaxed"), include_headers=headers,
            )  # fmt: skip
        seconds = time.process_time() - started
        print(
            f"dkimpy.sign rsa-2048: {args.dkimpy_n / seconds:.0f} msg/s"
            f"  {seconds / args.dkimpy_n * 1e6:.0f} us/msg CPU (signing only, for reference)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
