"""Misspelt settings: a ``NEWSLETTER_*`` variable that no setting reads.

pydantic-settings ignores unknown variables (it must: a container's environment holds much
more than ours), so ``NEWSLETTER_SMPT__HOST=relay`` would leave the relay unset and the mail in
the outbox without a word. The CLI warns once per such name, pointing at the closest real one.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import AliasChoices, BaseModel

from newsletter.settings import ENV_PREFIX, Settings

# Read by the code or the tests outside the Settings model.
_OTHER_NAMES = frozenset({f"{ENV_PREFIX}SECRETS_DIR", f"{ENV_PREFIX}TEST_DATABASE_URL"})


def known_names() -> frozenset[str]:
    """Every variable a setting reads, upper-case (pydantic-settings matches case-insensitively).
    Derived from the model, so a setting added later is known without a list to keep."""
    names = set(_OTHER_NAMES)
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        # With an alias (NEWSLETTER_FROM) the environment is read under the alias only.
        if isinstance(alias, AliasChoices):
            names.update(str(choice).upper() for choice in alias.choices if str(choice).isupper())
            continue
        if isinstance(alias, str):
            names.add(alias.upper())
            continue
        top = f"{ENV_PREFIX}{field_name.upper()}"
        names.add(top)
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            names.update(f"{top}__{sub.upper()}" for sub in group.model_fields)
    return frozenset(names)


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
        close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.6)
        advice = f"did you mean {close[0]}?" if close else "see the Settings table in README.md"
        lines.append(f"{name} is not a setting and is ignored: {advice}")
    return lines
