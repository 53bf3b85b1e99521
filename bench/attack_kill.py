"""Random kill -9 trials against `newsletter send` (the attack helper's script, not a test).

Each trial: N readers, SMTP__CONCURRENCY=C, a relay that is slow on random messages' final
replies (and answers 421 + drops on a few), the real `send` killed (-9, its whole process group)
after a random delay; then `status`, then one resume. It prints, per trial, what the resume
admitted against what the relay really got twice, who was lost, and what status said.

    python bench/attack_kill.py                      # SQLite, 6 trials, 2000 readers, c=10
    python bench/attack_kill.py --trials 10 --pg     # on the shared PostgreSQL (own schema)
    python bench/attack_kill.py --sigterm            # a clean stop (SIGTERM) instead of -9
    python bench/attack_kill.py --upgrade-from d301d83  # killed on the old release, resumed on this

Anything that breaks a promise is printed with "DEFECT" at the start of its line.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fault_smtp import FaultSmtp  # noqa: E402
from tests.faults_harness import setup_scene  # noqa: E402
from tests.smtp_server import Fault, FaultPlan  # noqa: E402

TEST_KEY = "test-secret-key-0123456789abcdef"
UNKNOWN_AGAIN = r"(\d+) of unknown fate"


def cli_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLETTER_")}
    env.update(
        NEWSLETTER_DATA_DIR=str(tmp / "data"),
        NEWSLETTER_SECRET_KEY=TEST_KEY,
        NEWSLETTER_FROM="Morning Brief <news@example.com>",
        NEWSLETTER_PUBLIC_URL="https://news.example.com",
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=str(REPO),
    )
    return env


def pg_url() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get(
        "NEWSLETTER_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    schema = f"attack_{uuid.uuid4().hex[:12]}"
    with create_engine(base).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    if not _SCHEMAS:
        atexit.register(_drop_schemas, base)
    _SCHEMAS.append(schema)
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


_SCHEMAS: list[str] = []


def _drop_schemas(base: str) -> None:
    """The shared PostgreSQL keeps nothing of a finished attack run (the findings are printed;
    ATTACK_KEEP_SCHEMAS=1 keeps the schemas to look into)."""
    if os.environ.get("ATTACK_KEEP_SCHEMAS"):
        print("kept schemas:", " ".join(_SCHEMAS))
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(base)
    with engine.begin() as connection:
        for schema in _SCHEMAS:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def plan(
    rng: random.Random,
    n: int,
    slow_share: float,
    drop_share: float,
    throttle: tuple[int, int, str] | None = None,
) -> tuple[FaultPlan, set[int]]:
    """The relay's faults, by message number over its whole life (the resume's messages
    too), and the numbers whose connection drops after the final dot (an unknown fate).
    `throttle` (first, count, stage): messages first..first+count-1 get a 451 at that stage
    (a relay throttling us for a while, on every connection)."""
    faults = FaultPlan()
    after_dot: set[int] = set()
    if throttle is not None:
        first, count, stage = throttle
        for number in range(first, first + count):
            faults.on_message(number, Fault.tempfail(stage, 451, times=1))  # type: ignore[arg-type]
    for number in range(1, n * 2):
        roll = rng.random()
        if roll < slow_share:
            faults.on_message(number, Fault.slow(rng.uniform(0.05, 1.0), "DOT", times=1))
        elif roll < slow_share + drop_share:
            kind = rng.choice(["421", "drop-data", "drop-dot"])
            if kind == "421":
                faults.on_message(number, Fault.shutdown("MAIL", times=1))
            elif kind == "drop-data":
                faults.on_message(number, Fault.drop("DATA", times=1))
            else:
                faults.on_message(number, Fault.drop("DOT", times=1))
                after_dot.add(number)
    return faults, after_dot


def trial(args: argparse.Namespace, seed: int) -> list[str]:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix=f"attack-{seed}-"))
    db = pg_url() if args.pg else f"sqlite:///{tmp / 'newsletter.db'}"
    problems: list[str] = []
    throttle = None
    if args.throttle:
        first, count, stage = args.throttle.split(":")
        throttle = (int(first), int(count), stage)
    faults, after_dot = plan(rng, args.readers, args.slow, args.drop, throttle)
    tls: dict[str, object] = {}
    extra: dict[str, str] = {}
    if args.tls:
        from tests.smtp_server import make_certificates

        certs = make_certificates(tmp / "certs")
        tls = {"tls_context": certs.server_context, "require_starttls": True}
        extra = {"smtp__ca_file": str(certs.ca_file)}
    with FaultSmtp(faults=faults, **tls) as server:
        scene = setup_scene(tmp, db, cli_env(tmp), server, args.readers,
                            concurrency=args.concurrency, **extra)
        if args.tls:
            scene.env["NEWSLETTER_SMTP__SECURITY"] = "starttls"
        if args.helper:
            # Every `send` of the trial starts the prebuild helper, however busy the machine
            # (prebuild_spawn.spawn asks for an idle core): the start-up's other path, attacked.
            (tmp / "force").mkdir()
            (tmp / "force" / "sitecustomize.py").write_text(
                "import newsletter.prebuild_spawn as s\ns._idle_core = lambda: True\n"
            )
            scene.env["PYTHONPATH"] = f"{tmp / 'force'}{os.pathsep}{scene.env['PYTHONPATH']}"
        new_code = scene.env["PYTHONPATH"]
        if args.upgrade_from:
            # The killed run and the status after it are the old release's, on its schema;
            # the resume is this tree's, and migrates the interrupted run's ledger as it opens.
            old_code = old_tree(args.upgrade_from)
            downgrade(scene.store, old_revision(old_code))
            scene.env["PYTHONPATH"] = str(old_code)
            # `python -m` puts the working directory first on sys.path: run it elsewhere than
            # a tree, or the "old" run imports the tree there.
            if (Path.cwd() / "newsletter").is_dir():
                raise SystemExit("--upgrade-from: run it from a directory without newsletter/")
        try:
            delay = rng.uniform(args.min_delay, args.max_delay)
            process = scene.send()
            if args.twin:  # a second `send` at the same moment: one wins, nobody twice
                other = scene.send()
                a, b = scene.finish(process, timeout=600), scene.finish(other, timeout=600)
                got = scene.received()
                dups = {x for x, k in got.items() if k > 1}
                # The relay's own hang-ups after a dot (the fault plan's, not the twin's) each
                # leave one reader of unknown fate, sent again and admitted (requeued): only a
                # duplicate beyond those is the twin's doing.
                struck = sum(n <= server.seen("MAIL") for n in after_dot)
                unadmitted = dups - scene.requeued()
                print(f"seed={seed} twin: exits={a.code},{b.code} dups={len(dups)} "
                      f"unadmitted={len(unadmitted)} struck={struck} "
                      f"lost={len(scene.lost())} status={scene.status().get('state')}", flush=True)
                if (unadmitted or len(dups) > struck or scene.lost()
                        or {a.code, b.code} - {0, 1, 3, 75}):
                    problems.append(f"twin: {a.text[-400:]} || {b.text[-400:]}")
                for p in problems:
                    print(f"DEFECT seed={seed}: {p}", flush=True)
                return problems
            if args.no_kill:  # the relay's faults alone: the run must finish, lose nobody
                first = scene.finish(process, timeout=600)
                got = scene.received()
                dups = {a for a, k in got.items() if k > 1}
                print(f"seed={seed} no kill: exit={first.code} dups={len(dups)} "
                      f"reported={first.figure(UNKNOWN_AGAIN)} lost={len(scene.lost())} "
                      f"unadmitted={len(dups - scene.requeued())} "
                      f"{first.seconds:.1f}s", flush=True)
                if scene.lost() or dups - scene.requeued() or first.code != 0:
                    problems.append(f"no kill: exit {first.code}: {first.text[-600:]}")
                for p in problems:
                    print(f"DEFECT seed={seed}: {p}", flush=True)
                return problems
            time.sleep(delay)
            taken = len(server.messages)
            if args.sigterm:
                os.killpg(process.pid, signal.SIGTERM)
                first = scene.finish(process, timeout=60)
            else:
                first = scene.kill(process)
            in_doubt = server.held_recipients()
            status = scene.status()
            scene.env["PYTHONPATH"] = new_code
            if args.upgrade_from:
                from newsletter.store import migrate

                with scene.store.engine.connect() as connection:
                    before = migrate.current_revision(connection)
            resumed_at = time.monotonic()
            resumed = scene.resume(timeout=300)
            if args.upgrade_from:
                with scene.store.engine.connect() as connection:
                    after_rev = migrate.current_revision(connection)
                print(f"seed={seed} schema {before} -> {after_rev} by the resume "
                      f"({time.monotonic() - resumed_at:.1f}s)", flush=True)
                if before == after_rev:
                    problems.append(f"the resume did not migrate ({before})")
            # Drops after a dot that struck (in either run): each may leave a reader of unknown
            # fate in the ledger, which the resume rightly reports (exit 1, partial). The
            # killed run's come back from its journal as the relay left them.
            struck = sum(n <= server.seen("MAIL") for n in after_dot)
            after = scene.status()
            got = scene.received()
            dups = {a for a, k in got.items() if k > 1}
            lost = scene.lost()
            reported = resumed.figure(UNKNOWN_AGAIN) or 0
            requeued = scene.requeued()
            line = (
                f"seed={seed} delay={delay:.2f}s taken@kill={taken} exit={first.code} "
                f"status={status.get('state')}/{status['_exit']} "
                f"(sending={status.get('sending')} pending={status.get('pending')} "
                f"sent={status.get('sent')}) resume={resumed.code} "
                f"waited={resumed.waited and round(resumed.waited, 2)} dups={len(dups)} "
                f"reported={reported} lost={len(lost)} after={after.get('state')}/{after['_exit']}"
                f" sent={after.get('sent')} unknown={after.get('unknown')} max={max(got.values())}"
                f" struck={struck}"
            )
            print(line, flush=True)
            if first.code == 0:
                print(f"seed={seed}: the run finished before the signal; nothing to judge")
                return problems
            if lost:
                problems.append(f"lost {len(lost)}: {sorted(lost)[:5]}")
            if max(got.values()) > 2:
                problems.append(f"a third copy: {got.most_common(3)}")
            if not dups <= requeued:
                problems.append(f"unadmitted duplicates: {sorted(dups - requeued)[:5]}")
            # With drops after the dot the killed run itself resent some (its summary died
            # with it), so the resume's count can only be held to account without drops.
            if len(dups) > reported and args.drop == 0:
                problems.append(f"{len(dups)} duplicates, resume reported {reported}")
            # The kill leaves at most two messages a connection of unknown fate; each drop
            # after a dot that struck adds one more (admitted and requeued, checked above).
            if len(dups) > 2 * args.concurrency + struck:
                problems.append(f"{len(dups)} duplicates > 2 per connection + {struck} drops")
            if status.get("state") not in ("interrupted", "not started", "partial", "stopped"):
                problems.append(f"status after the kill: {status}")
            unknown, state = after.get("unknown") or 0, after.get("state")
            admitted = 0 < unknown <= struck and (resumed.code, state) == (1, "partial")
            if (resumed.code != 0 or after.get("state") != "done") and not admitted:
                problems.append(f"resume exit {resumed.code} ({struck} drops after a dot): "
                                f"{resumed.text[-800:]}")  # fmt: skip
            if resumed.waited is None or resumed.waited > 15:
                problems.append(f"resume waited {resumed.waited}")
            # A clean stop finishes what is in flight, so it causes no duplicate; with --drop
            # the relay's own hang-ups after a dot do (admitted: requeued and reported).
            signal_dups = dups - requeued if args.drop else dups
            if args.sigterm and (signal_dups or first.code not in (0, 1, 143, -15)):
                problems.append(f"SIGTERM: exit {first.code}, {len(dups)} duplicates "
                                f"({len(in_doubt)} replies held): {first.text[-400:]}")
            for p in problems:
                print(f"DEFECT seed={seed}: {p}", flush=True)
        finally:
            scene.close()
    return problems


def old_tree(rev: str) -> Path:
    """`rev`'s files (git archive) in a temporary directory, for --upgrade-from."""
    import subprocess

    where = Path(tempfile.mkdtemp(prefix=f"attack-old-{rev[:8]}-"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def old_revision(tree: Path) -> str:
    """The newest migration that the old tree ships (its head)."""
    sys.path.insert(0, str(REPO))
    from newsletter.store.migrate import _REVISION

    revisions, parents = set(), set()
    for path in (tree / "newsletter/store/migrations/versions").glob("0*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    (head,) = revisions - parents
    return head


def downgrade(store: object, revision: str) -> None:
    from alembic import command

    from newsletter.store import migrate

    with store.engine.begin() as connection:  # type: ignore[attr-defined]
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=6)
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--sigterm", action="store_true")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--twin", action="store_true", help="two sends started together")
    parser.add_argument("--tls", action="store_true", help="a STARTTLS relay")
    parser.add_argument("--slow", type=float, default=0.01)
    parser.add_argument("--drop", type=float, default=0.005)
    parser.add_argument("--min-delay", type=float, default=1.0)
    parser.add_argument("--max-delay", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--helper", action="store_true", help="every send starts the prebuild helper"
    )
    parser.add_argument(
        "--throttle",
        metavar="FIRST:COUNT:STAGE",
        help="messages FIRST.. get a 451 at STAGE (MAIL, RCPT, DOT), e.g. 200:60:MAIL",
    )
    parser.add_argument("--upgrade-from", metavar="REV",
                        help="the killed run is REV's code on REV's schema; the resume, this "
                        "tree's (e.g. d301d83: migration 0006 over an interrupted run)")
    args = parser.parse_args()
    found = 0
    for i in range(args.trials):
        found += bool(trial(args, args.seed + i))
    print(f"{found} of {args.trials} trials broke a promise")


if __name__ == "__main__":
    main()
