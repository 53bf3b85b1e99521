"""Misspelt settings: a ``NEWSLETTER_*`` variable that no setting reads.

pydantic-settings ignores unknown variables (it must: a container's environment holds much
more than ours), so ``NEWSLETTER_SMPT__HOST=relay`` would leave the relay unset and the mail in
the outbox without a word. The CLI warns once per such name, pointing at the closest real one.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsletter.settings import ENV_PREFIX, known_names

__all__ = ["known_names", "unknown_settings"]

_NAME_START = re.compile(r"[A-Za-z0-9_]*")


def _dotenv_names(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        from dotenv import dotenv_values

        return [name for name in dotenv_values(path) if name]
    except (OSError, UnicodeDecodeError):  # load_settings has already said what is wrong
        return []


def unknown_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> list[str]:
    """One warning line per NEWSLETTER_* name (environment or .env) that no setting reads."""
    environ = os.environ if environ is None else environ
    candidates: Iterable[str] = [*environ, *(_dotenv_names(dotenv) if dotenv else [])]
    known = known_names()
    lines: list[str] = []
    seen: set[str] = set()
    for name in candidates:
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in known or upper in seen:
            continue
        seen.add(upper)
        start = _NAME_START.match(name).group(0)  # type: ignore[union-attr]
        if start != name:
            # "NEWSLETTER_SMTP__PASSWORD:hunter2" in .env is read as one name: never show what
            # follows the first character no name has (it may be the password).
            lines.append(
                f"the name {start}… holds {name[len(start)]!r}, so it is not a setting and"
                f" is ignored: write it as {start}=value"
            )
            continue
        close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.6)
        advice = f"did you mean {close[0]}?" if close else "see the Settings table in README.md"
        lines.append(f"{name} is not a setting and is ignored: {advice}")
    return lines
