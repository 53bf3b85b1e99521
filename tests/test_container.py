"""The container recipe without a container engine: what goes into the image is the lock, the
documented secrets recipe works for the image's user, and compose's health checks are real.

The image itself is built elsewhere (docs/operations.md); here every claim those documents
make about it is checked against the files and against real processes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
IMAGE_UID = 10001


def _dockerfile() -> str:
    return (REPO / "Dockerfile").read_text(encoding="utf-8")


def _compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))


# ---- what goes into the image --------------------------------------------------------------


def test_the_dockerfile_installs_exactly_the_lock() -> None:
    dockerfile = _dockerfile()
    assert not re.search(r"^#\s*syntax\s*=", dockerfile, re.M), "a frontend from Docker Hub"
    assert re.search(r"^COPY .*\buv\.lock\b", dockerfile, re.M)
    install = re.search(r"uv sync ([^\n]+)", dockerfile)
    assert install and "--frozen" in install.group(1) and "--no-dev" in install.group(1)
    # The uv that reads the lock is pinned too, and the runtime stage installs nothing else.
    assert re.search(r'pip install "uv==\d+\.\d+\.\d+"', dockerfile)
    runtime = dockerfile.rsplit("\nFROM ", 1)[1]
    assert "pip install" not in runtime and "uv " not in runtime


def _requirements(pyproject: dict) -> set[tuple[str, frozenset[str], str | None, SpecifierSet]]:
    wanted = set()
    groups: list[tuple[str | None, list[str]]] = [(None, pyproject["project"]["dependencies"])]
    groups += list(pyproject["project"]["optional-dependencies"].items())
    for extra, lines in groups:
        for line in lines:
            req = Requirement(line)
            marker = f"extra == '{extra}'" if extra else None
            wanted.add(
                (canonicalize_name(req.name), frozenset(req.extras), marker, req.specifier)
            )
    return wanted


def test_the_lock_is_the_lock_of_this_pyproject() -> None:
    """Edit pyproject.toml without `uv lock` and the image would install something else."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lock = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
    ours = next(p for p in lock["package"] if p["name"] == pyproject["project"]["name"])
    locked = {
        (
            canonicalize_name(r["name"]),
            frozenset(r.get("extras", ())),
            r.get("marker"),
            SpecifierSet(r.get("specifier", "")),
        )
        for r in ours["metadata"]["requires-dist"]
    }
    assert locked == _requirements(pyproject), "uv.lock is stale: run `uv lock` and commit it"
    groups = {
        name: [f"{d['name']}[{','.join(d.get('extras', []))}]" for d in deps]
        for name, deps in ours["metadata"].get("requires-dev", {}).items()
    }
    dev = [line.replace(" ", "") for line in pyproject["dependency-groups"]["dev"]]
    assert groups == {"dev": dev}
    # Every locked package is pinned to one version with a hash (what --frozen installs).
    for package in lock["package"]:
        if package["name"] == ours["name"]:
            continue
        assert package.get("version"), package["name"]
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files and all(f.get("hash", "").startswith("sha256:") for f in files), package


def test_every_package_the_code_imports_is_a_listed_dependency() -> None:
    """A direct import that only arrives through another package (idna, via email-validator;
    python-dotenv, via pydantic-settings; lxml and cssutils, via premailer) disappears the day
    that package stops needing it. Every top-level third-party module newsletter/ imports is
    listed; no exceptions."""
    import ast
    import importlib.metadata

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = {name for name, _, _, _ in _requirements(pyproject)}
    providers = importlib.metadata.packages_distributions()
    imported: dict[str, str] = {}
    for path in sorted((REPO / "newsletter").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top != "newsletter" and top not in sys.stdlib_module_names:
                    imported.setdefault(top, str(path.relative_to(REPO)))
    unlisted = {
        top: where
        for top, where in imported.items()
        if not {canonicalize_name(d) for d in providers.get(top, [top])} & listed
    }
    assert unlisted == {}, "imported but not in pyproject.toml's dependencies"
    # The scan sees what it must: the modules the issue's rendering and settings import.
    assert {"dotenv", "lxml", "cssutils", "premailer", "pydantic_settings"} <= set(imported)


# ---- secrets, readable by the image's user -------------------------------------------------


def _recipe() -> list[str]:
    """The shell lines of the documented secrets recipe (docs/operations.md, "### Secrets")."""
    text = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("### Secrets", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


@pytest.fixture
def as_image_user() -> Iterator[tuple[Path, list[str]]]:
    """A folder uid 10001 can enter, and a command prefix that runs the real `newsletter` as
    that uid: Debian's python3.11 (this test's interpreter may sit under /root, which uid 10001
    cannot enter) with this checkout and its dependencies on the path."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to run a process as uid 10001 and to chown files to it")
    system_python = Path("/usr/bin/python3")
    if not system_python.exists():
        pytest.skip("needs Debian's /usr/bin/python3")
    version = subprocess.run(
        [str(system_python), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if version != str(sys.version_info[:2]):
        pytest.skip(f"Debian's python3 is {version}, the test environment's is not")
    import sysconfig

    site = Path(sysconfig.get_path("purelib"))
    # Only what uid 10001 can read is of use; the venv must be traversable for the imports.
    probe = subprocess.run(
        ["setpriv", f"--reuid={IMAGE_UID}", f"--regid={IMAGE_UID}", "--clear-groups",
         str(system_python), "-c", f"import os; os.listdir({str(site)!r})"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip(f"uid {IMAGE_UID} cannot read {site}")
    folder = Path(tempfile.mkdtemp(prefix="newsletter-secrets-"))
    folder.chmod(0o755)
    prefix = [
        "setpriv", f"--reuid={IMAGE_UID}", f"--regid={IMAGE_UID}", "--clear-groups",
        "env", f"PYTHONPATH={REPO}:{site}",
        str(system_python), "-m", "newsletter.cli",
    ]
    try:
        yield folder, prefix
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_recipe(folder: Path, lines: list[str]) -> None:
    # We are root already; `sudo` may not even be installed.
    script = "\n".join(re.sub(r"^sudo ", "", line) for line in lines)
    subprocess.run(["bash", "-euc", script], cwd=folder, check=True, timeout=30)


def _preview_as_image_user(folder: Path, prefix: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
    out = folder / "out"
    out.mkdir(exist_ok=True)
    out.chmod(0o777)
    # A password file without a relay host is a settings error (the blank-host check), so the
    # recipe's run names one too; preview never connects to it.
    env = {**env, "NEWSLETTER_DATA_DIR": str(out / "data"),
           "NEWSLETTER_SMTP__HOST": "smtp.example.com",
           "NEWSLETTER_SMTP__PASSWORD_FILE": str(folder / "secrets" / "smtp_password"),
           "NEWSLETTER_SECRET_KEY_FILE": str(folder / "secrets" / "secret_key")}
    env.pop("NEWSLETTER_SECRET_KEY", None)
    return subprocess.run(
        [*prefix, "preview", "--date", "2025-02-11", "--out", str(out / "preview")],
        env=env, cwd=out, capture_output=True, text=True, timeout=120,
    )


def test_the_documented_secrets_recipe_is_readable_by_uid_10001(
    as_image_user: tuple[Path, list[str]], cli_env: dict[str, str]
) -> None:
    folder, prefix = as_image_user
    lines = _recipe()
    assert any("10001" in line for line in lines), "the recipe must give the files to uid 10001"
    _run_recipe(folder, lines)
    secrets = folder / "secrets"
    assert secrets.stat().st_uid == IMAGE_UID and (secrets.stat().st_mode & 0o077) == 0
    for path in secrets.iterdir():
        assert path.stat().st_uid == IMAGE_UID and (path.stat().st_mode & 0o077) == 0, path

    result = _preview_as_image_user(folder, prefix, cli_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "out" / "preview" / "2025-02-11.eml").is_file()


def test_without_the_chown_the_image_user_is_told_what_to_do(
    as_image_user: tuple[Path, list[str]], cli_env: dict[str, str]
) -> None:
    """The recipe minus its last line: files only root can read, as in the issue's report."""
    folder, prefix = as_image_user
    _run_recipe(folder, [line for line in _recipe() if "chown" not in line])
    (folder / "secrets").chmod(0o755)  # the folder may be open; the file is what matters
    result = _preview_as_image_user(folder, prefix, cli_env)
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert errors[0].startswith("error: NEWSLETTER_SMTP__PASSWORD_FILE: cannot read ")
    assert "Permission denied" in errors[0] and f"uid {IMAGE_UID}" in errors[0]


# ---- compose: the scheduler and the web pages, each with its own health check ------------


def test_compose_runs_scheduler_and_web_on_one_volume() -> None:
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"scheduler", "web"}
    scheduler, web = services["scheduler"], services["web"]
    assert scheduler["image"] == web["image"] and scheduler.get("build") == "."
    assert scheduler["command"] == ["newsletter", "schedule"]
    assert web["command"][:2] == ["newsletter", "serve"]
    assert scheduler["volumes"] == web["volumes"] == ["newsletter-data:/data"]
    assert "newsletter-data" in compose["volumes"]
    assert scheduler["healthcheck"]["test"] == ["CMD", "newsletter", "health"]
    web_check = " ".join(web["healthcheck"]["test"])
    port = web["command"][web["command"].index("--port") + 1]
    assert f"127.0.0.1:{port}/healthz" in web_check
    assert f"127.0.0.1:{port}:{port}" in web["ports"][0]
    # Every secret file a service names is one compose mounts for it, from ./secrets.
    for service in services.values():
        for name, value in service["environment"].items():
            if name.endswith("_FILE"):
                secret = value.removeprefix("/run/secrets/")
                assert secret in service["secrets"], (name, service)
                assert compose["secrets"][secret]["file"].startswith("./secrets/")
    # Settings are real settings (a typo here would be ignored in the container).
    from newsletter.envcheck import unknown_settings

    for service in services.values():
        assert unknown_settings(service["environment"], dotenv=None) == []
    # Compose's stop grace covers the drain the scheduler's SIGTERM handling needs.
    assert scheduler["stop_grace_period"] == "60s"



def test_compose_web_mails_and_builds_issues_like_the_scheduler() -> None:
    # The web service sends mail too (sign-up confirmations; the console's test send, send now
    # and resend) and builds the issue from NEWSLETTER_SOURCE (the console's Today and Send
    # now). Without the relay and source settings it wrote confirmations into /data/outbox,
    # logging "confirmation sent", and Send now would mail the bundled sample day to readers.
    services = _compose()["services"]
    scheduler, web = services["scheduler"], services["web"]
    for name, value in scheduler["environment"].items():
        assert web["environment"].get(name) == value, f"web lacks {name}"
    assert set(scheduler["secrets"]) <= set(web["secrets"])

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_web_health_check_passes_against_serve_and_fails_without_it(
    cli_env: dict[str, str],
) -> None:
    web = _compose()["services"]["web"]
    port = _free_port()
    declared = web["command"][web["command"].index("--port") + 1]
    check = [
        sys.executable if part == "python" else part.replace(f":{declared}/", f":{port}/")
        for part in web["healthcheck"]["test"][1:]  # after "CMD"
    ]
    assert check[0] == sys.executable, "the image's python runs the probe"

    def probe() -> int:
        return subprocess.run(check, capture_output=True, timeout=30).returncode

    assert probe() != 0, "nothing listens yet: the check must fail"
    server = subprocess.Popen(
        [sys.executable, "-m", "newsletter.cli", "serve", "--host", "127.0.0.1", "--port",
         str(port)],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, "serve exited"
                assert time.monotonic() < deadline, "serve did not come up"
                time.sleep(0.2)
        assert probe() == 0
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert probe() != 0


# ---- the front door: CI runs what the README tells a newcomer to run ----------------------


def test_ci_runs_the_readme_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in quick.splitlines()] == [
        "uv run newsletter demo",
        "uv run pytest",
    ]
    development = readme.split("## Development", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    for line in development.splitlines():
        command = line.split("#")[0].strip()
        if command.startswith("uv run "):
            # CI calls uv as "${uv[@]}" (uv, or `python3 -m uv` when it had to install it).
            assert f'"${{uv[@]}}" {command.removeprefix("uv ")}' in ci, command
    # Tools other tests drive are installed, not assumed.
    for package in ("chromium", "chromium-driver", "fonts-noto-cjk", "postfix", "spamassassin",
                    "dovecot-imapd"):
        assert f"need+=({package})" in ci, package
    assert "ruff check ." in ci


def test_the_image_ships_the_templates_compiled() -> None:
    """The bundled templates' code beside the bytecode (newsletter/template_code.py), written by
    the installed package (-I: not /src's), after the install."""
    dockerfile = _dockerfile()
    step = "RUN /venv/bin/python -I -m newsletter.ship_templates"
    assert step in dockerfile
    assert dockerfile.index(step) > dockerfile.index("uv sync --frozen")
