"""Named operators of the console: Argon2id password hashes, and who may log in.

Passwords are never stored, logged or accepted on the command line: `operators add` reads one
from standard input or from `--password-file`. Hashes are argon2-cffi's PHC strings (Argon2id,
its default parameters), re-hashed on login when those parameters change.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from newsletter.errors import InputError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from newsletter.store import Store

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # Argon2 takes any length; a megabyte "password" is an attack on the CPU


@cache
def hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


@cache
def _decoy_hash() -> str:
    # Verified against when the name is unknown, so an unknown name costs as long as a wrong
    # password and response times do not tell which names exist.
    return hasher().hash("decoy password, never valid")


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise InputError(
            f"operator name {name!r} is not usable: 1-64 ASCII letters (A-Z, a-z), digits,"
            " '.', '_', '@' or '-', starting with a letter or digit"
        )
    return name


def check_password(password: str, where: str) -> str:
    password = password.rstrip("\r\n")
    if not password:  # </dev/null, an empty file or line: not a password too short
        raise InputError(
            f"{where}: no password was given",
            hint="give one line on standard input, or --password-file FILE",
        )
    if len(password) < MIN_PASSWORD:
        raise InputError(f"{where}: the password must be at least {MIN_PASSWORD} characters long")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"{where}: the password is longer than {MAX_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(store: Store, name: str, password: str) -> str | None:
    """The operator's name as stored (`kim` logs in as Kim) when `name` is an operator, in any
    case, and `password` is theirs; None otherwise. Always spends one Argon2 verification,
    whether or not the name exists."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    from newsletter.store.console import operator_login, set_password_hash

    if len(password) > MAX_PASSWORD:
        return None
    found = operator_login(store, name) if NAME.fullmatch(name) else None
    try:
        hasher().verify(found[1] if found else _decoy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if found is None:
        return None
    stored_name, stored = found
    if hasher().check_needs_rehash(stored):
        set_password_hash(store, stored_name, hash_password(password), end_sessions=False)
    return stored_name
